"""Vietnamese text processing and extraction: pure functions, text in, facts out."""

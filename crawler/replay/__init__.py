"""A replay of the outlets' web sites, served on 127.0.0.1 for tests and the demo."""

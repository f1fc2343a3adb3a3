"""The ground floor: records, settings, the store, URLs and atomic writes.

Imports nothing of the project's above it (nlp, crawler, pipelines, antt).
"""

__version__ = "0.1.0"

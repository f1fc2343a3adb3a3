"""Facts as spaCy spans: a `Doc` whose `doc.spans` hold places, models and statistics (for
library users working in spaCy; the review page `antt show` is pipelines/show.py, on the
original characters).

spaCy has no Vietnamese pipeline; the multi-language blank tokenizer splits punctuation and
is fast. Spans come from the extractors' character offsets (expanded to token bounds).
"""

from __future__ import annotations

from functools import lru_cache

from core.records import Extraction

SPAN_KEYS = ("places", "models", "statistics")


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.blank("xx")


def to_doc(text: str, extraction: Extraction):
    """A spaCy `Doc` of `text` with the extraction's facts in `doc.spans`."""
    doc = _nlp()(text)
    groups = {
        "places": [(loc.start, loc.end, loc.level.upper()) for loc in extraction.locations],
        "models": [(m.start, m.end, f"MODEL: {m.canonical}") for m in extraction.models],
        "statistics": [(s.start, s.end, f"STAT {s.qualifier}") for s in extraction.statistics],
    }
    for key, items in groups.items():
        spans = []
        for start, end, label in items:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[key] = spans
    return doc

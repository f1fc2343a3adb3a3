"""Facts as spaCy spans: a `Doc` whose `doc.spans` hold places, models and statistics.

spaCy has no Vietnamese pipeline; the multi-language blank tokenizer splits punctuation and
is fast. Spans come from the extractors' character offsets (expanded to token bounds).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from core.records import Article, Extraction
from nlp.extract import extract_article

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


def render_html(articles: list[Article]) -> str:
    """One standalone page: for each article, its text with facts highlighted, and the facts."""
    from spacy import displacy

    parts = ['<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>ANTT Miner: review</title>'
             "<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%}</style></head><body>"]
    for article in articles:
        extraction = extract_article(article)
        doc = to_doc(article.text, extraction)
        parts.append(f"<h2>{escape(article.title or extraction.doc_id)}</h2>")
        parts.append(f"<p>{escape(article.url or '')} · {escape(str(extraction.published or ''))} · "
                     f"provinces: {escape(', '.join(extraction.provinces))}</p>")
        for key in SPAN_KEYS:
            parts.append(f"<h3>{key}</h3>")
            parts.append(displacy.render(doc, style="span", options={"spans_key": key}, page=False))
        parts.append("<h3>statistics table</h3><table><tr><th>value</th><th>qualifier</th><th>unit</th>"
                     "<th>place</th><th>period</th><th>evidence</th></tr>")
        for s in extraction.statistics:
            parts.append(f"<tr><td>{s.value}</td><td>{s.qualifier}</td><td>{escape(s.unit)}</td>"
                         f"<td>{escape(s.place or '')}</td><td>{escape(s.period or '')}</td>"
                         f"<td>{escape(s.evidence)}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)

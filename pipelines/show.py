"""`antt show`: a review page with each document's text shown once, exactly as written.

Places, models and figures are highlighted in three colours on the original characters (no
re-tokenizing: "35%" stays "35%"); overlapping facts nest. Each highlight carries a number that
links to its row in the side table (value, qualifier, unit, place, period, confidence...), and
its attributes as a tooltip. The headline is a heading of its own. No script, no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from core.records import Article, Extraction
from core.urls import is_web_url
from nlp.extract import extract_article
from pipelines.charts import vn_number

KINDS = {"place": ("địa danh", "#d6eaf8", "#2471a3"), "model": ("mô hình", "#d5f5e3", "#1e8449"),
         "stat": ("số liệu", "#fdebd0", "#ca6f1e")}
QUAL = {"exact": "", "about": "≈ ", "more_than": "> ", "at_least": "≥ ", "less_than": "< ", "at_most": "≤ "}
CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5em auto;max-width:1300px;color:#222;
padding:0 1em}.doc{display:flex;gap:1.5em;align-items:flex-start;border-top:3px solid #c0392b;padding-top:.5em;
margin-bottom:2em}.text{flex:1 1 55%;font-size:16px;line-height:1.9;white-space:pre-wrap}
.side{flex:1 1 45%;font-size:12px;position:sticky;top:.5em;max-height:95vh;overflow:auto}
h1{font-size:1.3em}h2.headline{font-size:1.35em;line-height:1.4;margin:.2em 0 .8em;white-space:normal}
.meta{color:#666;font-size:13px}mark{padding:0 1px;border-radius:3px;color:inherit}
mark a{color:inherit;text-decoration:none}sup.n{font-size:10px;font-weight:bold;margin-left:1px;user-select:none}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:2px 5px;text-align:left;
vertical-align:top}th{background:#f4f4f4}tr:target{outline:2px solid #c0392b}
.legend span{display:inline-block;padding:0 .5em;margin-right:.5em;border-radius:3px}
"""


@dataclass
class Fact:
    n: int
    kind: str  # place | model | stat
    start: int
    end: int
    attrs: dict[str, str]


def _value(s) -> str:
    text = QUAL.get(s.qualifier, "") + vn_number(float(s.value), 0 if float(s.value).is_integer() else 1)
    if s.value_max is not None:
        text += f"–{vn_number(float(s.value_max))}"
    if s.total is not None:
        text += f" / {vn_number(float(s.total))}"
    return text


def facts_of(extraction: Extraction) -> list[Fact]:
    """Every fact with an offset, numbered in text order."""
    raw = []
    for loc in extraction.locations:
        raw.append(("place", loc.start, loc.end, {
            "đơn vị": loc.name, "cấp": loc.level, "tỉnh (63)": loc.province or "",
            "tỉnh (34)": "; ".join(loc.provinces_2025), "độ tin cậy": f"{loc.confidence:.2f}"}))
    for m in extraction.models:
        raw.append(("model", m.start, m.end, {
            "loại": m.canonical, "kind_id": m.kind_id or "", "nơi": m.place or "", "bắt đầu": m.started or "",
            "đơn vị vận hành": m.operator or "", "độ tin cậy": f"{m.confidence:.2f}"}))
    for s in extraction.statistics:
        raw.append(("stat", s.start, s.end, {
            "giá trị": _value(s), "qualifier": s.qualifier, "đơn vị đếm": s.unit, "nơi": s.place or "",
            "tỉnh": s.province or "", "kỳ": s.period or "(lúc đăng)", "mô hình": s.model or "",
            "độ tin cậy": f"{s.confidence:.2f}"}))
    raw = [r for r in raw if 0 <= r[1] < r[2]]
    raw.sort(key=lambda r: (r[1], -r[2], r[0]))
    return [Fact(i, kind, start, end, attrs) for i, (kind, start, end, attrs) in enumerate(raw, 1)]


def _tip(fact: Fact) -> str:
    return escape(f"{KINDS[fact.kind][0]} #{fact.n}: " + "; ".join(f"{k}: {v}" for k, v in fact.attrs.items() if v),
                  quote=True)


def highlight(text: str, facts: list[Fact], lo: int = 0, hi: int | None = None, doc: int = 1) -> str:
    """text[lo:hi] as HTML with the facts as nested <mark>s: the text is cut at every fact
    boundary, each piece wrapped in the marks of the facts covering it (outermost first)."""
    hi = len(text) if hi is None else hi
    cuts = sorted({lo, hi, *(max(lo, min(hi, p)) for f in facts for p in (f.start, f.end))})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        piece = escape(text[a:b])
        covering = [f for f in facts if f.start <= a and b <= f.end]
        for f in sorted(covering, key=lambda f: (f.end - f.start, f.n)):  # innermost wraps first
            label, bg, fg = KINDS[f.kind]
            ends = "" if f.end != b else f"<sup class='n' style='color:{fg}'>{f.n}</sup>"
            piece = (f"<mark class='{f.kind}' style='background:{bg};box-shadow:inset 0 -2px {fg}' "
                     f"title='{_tip(f)}'><a href='#f{doc}-{f.n}'>{piece}{ends}</a></mark>")
        out.append(piece)
    return "".join(out)


def _side(facts: list[Fact], doc: int) -> str:
    rows = []
    for f in facts:
        label, bg, fg = KINDS[f.kind]
        attrs = "<br>".join(f"<b>{escape(k)}</b>: {escape(v)}" for k, v in f.attrs.items() if v)
        rows.append(f"<tr id='f{doc}-{f.n}'><td style='background:{bg};color:{fg};font-weight:bold'>"
                    f"{f.n}</td><td>{escape(label)}</td><td>{attrs}</td></tr>")
    if not rows:
        return "<p class='meta'>Không tìm thấy sự kiện nào (no facts found).</p>"
    return f"<table><tr><th>#</th><th>loại</th><th>thuộc tính</th></tr>{''.join(rows)}</table>"


def render_document(article: Article, extraction: Extraction, doc: int = 1) -> str:
    text = article.text
    facts = facts_of(extraction)
    title = (article.title or "").strip()
    head_end = 0
    if title and text.startswith(title):
        head_end = len(title)
    elif not title:  # a text file: its first line is the headline when it reads like one
        first = text.find("\n")
        if 0 < first <= 250 and not text[:first].rstrip().endswith((".", ":", ";")):
            head_end, title = first, text[:first]
    headline = (f"<h2 class='headline'>{highlight(text, facts, 0, head_end, doc)}</h2>" if head_end else
                f"<h2 class='headline'>{escape(title or extraction.doc_id)}</h2>")
    body = highlight(text, facts, head_end, len(text), doc).lstrip("\n") if head_end else highlight(text, facts, doc=doc)
    url = article.url or ""
    link = (f"<a href='{escape(url, quote=True)}'>{escape(url)}</a>" if is_web_url(url) else escape(url))
    meta = " · ".join(x for x in (escape(extraction.doc_id or ""), link, escape(str(extraction.published or "")),
                                  "tỉnh: " + escape(", ".join(extraction.provinces)) if extraction.provinces else "") if x)
    counts = {k: sum(f.kind == k for f in facts) for k in KINDS}
    summary = " · ".join(f"{n} {KINDS[k][0]}" for k, n in counts.items())
    return (f"<section class='doc'><div class='text'>{headline}<div class='meta'>{meta}</div>\n{body}</div>"
            f"<div class='side'><p class='meta'>{summary}</p>{_side(facts, doc)}</div></section>")


def render_html(articles: list[Article]) -> str:
    """One standalone page for the documents: text once, facts highlighted and tabled."""
    legend = "".join(f"<span style='background:{bg};box-shadow:inset 0 -2px {fg}'>{label}</span>"
                     for label, bg, fg in KINDS.values())
    parts = [f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>ANTT Miner: xem lại</title>'
             f"<style>{CSS}</style></head><body><h1>ANTT Miner: sự kiện trích xuất</h1>"
             f"<p class='legend'>{legend} <span class='meta'>rê chuột lên chỗ tô màu để xem thuộc tính; số nhỏ "
             f"dẫn tới dòng trong bảng</span></p>"]
    for i, article in enumerate(articles, 1):
        parts.append(render_document(article, extract_article(article), i))
    parts.append("</body></html>")
    return "\n".join(parts)

"""Topic filter: does an article report on community security models?

Transparent and configurable: weighted terms, counted on the normalized lowercase text. An
article is relevant when it names "mô hình" (or a typical model head) together with enough
security vocabulary. The terms live in `nlp/data/topic_terms.yaml`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex as re
import yaml

from nlp.normalize import normalize_plain

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class TopicTerms:
    required: tuple[str, ...]
    weighted: dict[str, float]
    threshold: float
    version: str = ""  # the terms file's version and digest: a stored judgement names it
    # anchors that count only where the headline holds one of `headline_words`
    headline_required: tuple[str, ...] = ()
    headline_words: tuple[str, ...] = ()
    # a lead about the state's own system or law, on a page that says nothing of residents' own
    # models, is off-topic (`official_lead`, `community_words`)
    official_lead: tuple[str, ...] = ()
    community_words: tuple[str, ...] = ()
    headline_weighted: tuple[tuple[str, float], ...] = ()  # terms that count only in the headline
    # a headline naming a team or club (`team_heads`) for a purpose of the topic (`team_purposes`)
    # anchors the page as a required term does (`Ra mắt câu lạc bộ cựu chiến binh đảm bảo ANTT`)
    team_heads: tuple[str, ...] = ()
    team_purposes: tuple[str, ...] = ()
    # a headline on the state's own act (a law passed, a ministry's national launch, a commendation,
    # an amnesty) with no `mô hình` or `tự quản` in the page is off-topic
    official_headline: tuple[str, ...] = ()
    model_words: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_terms(path: str | None = None) -> TopicTerms:
    raw = Path(path or DATA / "topic_terms.yaml").read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    version = f"topic-{data.get('version', 0)}-{hashlib.sha256(raw).hexdigest()[:8]}"
    with_headline = data.get("required_with_headline") or {}
    official = data.get("official_pages") or {}
    return TopicTerms(tuple(t.lower() for t in data["required"]),
                      {k.lower(): float(v) for k, v in data["weighted"].items()}, float(data["threshold"]),
                      version, tuple(t.lower() for t in with_headline.get("terms", ())),
                      tuple(t.lower() for t in with_headline.get("headline_words", ())),
                      tuple(t.lower() for t in official.get("lead_words", ())),
                      tuple(t.lower() for t in official.get("community_words", ())),
                      tuple((k.lower(), float(v)) for k, v in (data.get("headline_weighted") or {}).items()),
                      tuple(t.lower() for t in (data.get("team_headline") or {}).get("heads", ())),
                      tuple(t.lower() for t in (data.get("team_headline") or {}).get("purposes", ())),
                      tuple(t.lower() for t in official.get("headline_words", ())),
                      tuple(t.lower() for t in official.get("model_words", ())))


def filter_version() -> str:
    """The version of the topic filter in use: any edit of its terms changes it, so stored
    judgements by an older filter are made again (off-topic pages are kept for that)."""
    return load_terms().version


_FOOTAGE = re.compile(r"(?:trích xuất|truy theo|truy xét(?: qua)?|rà soát|lần theo|nhờ|[Tt]ừ|hình ảnh(?: từ)?|ảnh chụp|ảnh cắt|clip|video|ghi lại|ghi hình|dữ liệu)(?: từ)?(?: các| hệ thống)?"
                      r" camera[\p{L}\p{M} ]{0,20}"
                      # ... and the camera as the subject: "Camera an ninh ghi lại hơn 18 giờ ..."
                      r"|camera(?: an ninh| giám sát)?(?: của [\p{L}\p{M} ]{1,20}?)?(?: đã)?"
                      r" (?:ghi lại|ghi được|ghi nhận|quay lại|quay được)")


_WORD_DASH = re.compile(r"(?<=[\p{L}])[ ]+[-–—][ ]+(?=[\p{L}])")


def _count(term: str, text: str) -> int:
    return len(re.findall(r"(?<![\p{L}\p{M}])" + re.escape(term) + r"(?![\p{L}\p{M}])", text))


def relevance_score(text: str, terms: TopicTerms | None = None) -> float:
    """Each weighted term counted at most 3 times, a strong one once more when the headline has it: a
    headline says what the article is about, a camera in the tenth paragraph of a crime
    story does not."""
    terms = terms or load_terms()
    low = normalize_plain(text).lower().replace('"', "")  # (`phong trào “Toàn dân ...”`: one phrase)
    low = _WORD_DASH.sub(" ", low)  # (`an ninh – chính trị, trật tự - an toàn xã hội`: one phrase)
    anchors = _FOOTAGE.sub(" ", low)  # "trích xuất camera an ninh": a camera as evidence, no model
    head = _headline(low)
    if not any(_count(t, anchors) for t in terms.required) and not (
            head and any(_count(w, head) for w in terms.headline_words)
            and any(_count(t, anchors) for t in terms.headline_required)) and not (
            head and any(_count(t, head) for t in terms.team_heads) and any(_count(t, head) for t in terms.team_purposes)):
        return 0.0
    if head and any(_count(t, head) for t in terms.official_headline) and not any(
            _count(t, low) for t in terms.model_words):
        return 0.0  # (`Quốc hội thông qua Luật ...`, `Tuyên dương gương sáng ...`, `... đặc xá ...`)
    lead = low[:_LEAD_CHARS]
    if any(_count(t, lead) for t in terms.official_lead) and not any(_count(t, low) for t in terms.community_words):
        return 0.0  # (`Công an tỉnh khánh thành hệ thống camera giám sát`, `Quốc hội thảo luận dự luật`)
    return sum((min(_count(t, low), 3) + (1 if head and w >= 1 and _count(t, head) else 0)) * w
               for t, w in terms.weighted.items()) + sum(w for t, w in terms.headline_weighted if head and _count(t, head))


_LEAD_CHARS = 400  # the headline and the lead: what a page is about


def _headline(low: str) -> str:
    """The first line when it is short enough to be a headline."""
    first = low.lstrip().split("\n", 1)[0]
    return first if len(first) <= 200 else ""


def is_relevant(text: str, terms: TopicTerms | None = None, title: str | None = None) -> bool:
    """`title`: the article's headline, read as the text's first line (a crawled article's
    text starts at its lead, and the headline says best what it is about)."""
    terms = terms or load_terms()
    if title and title.strip() and not text.lstrip().startswith(title.strip()):
        text = title.strip() + "\n" + text
    return relevance_score(text, terms) >= terms.threshold

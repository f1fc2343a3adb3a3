"""Topic filter: does an article report on community security models?

Transparent and configurable: weighted terms, counted on the normalized lowercase text. An
article is relevant when it names "mô hình" (or a typical model head) together with enough
security vocabulary. The terms live in `nlp/data/topic_terms.yaml`.
"""

from __future__ import annotations

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


@lru_cache(maxsize=4)
def load_terms(path: str | None = None) -> TopicTerms:
    data = yaml.safe_load(Path(path or DATA / "topic_terms.yaml").read_text(encoding="utf-8"))
    return TopicTerms(tuple(t.lower() for t in data["required"]),
                      {k.lower(): float(v) for k, v in data["weighted"].items()}, float(data["threshold"]))


def _count(term: str, text: str) -> int:
    return len(re.findall(r"(?<![\p{L}\p{M}])" + re.escape(term) + r"(?![\p{L}\p{M}])", text))


def relevance_score(text: str, terms: TopicTerms | None = None) -> float:
    terms = terms or load_terms()
    low = normalize_plain(text).lower()
    if not any(_count(t, low) for t in terms.required):
        return 0.0
    return sum(min(_count(t, low), 3) * w for t, w in terms.weighted.items())


def is_relevant(text: str, terms: TopicTerms | None = None) -> bool:
    terms = terms or load_terms()
    return relevance_score(text, terms) >= terms.threshold

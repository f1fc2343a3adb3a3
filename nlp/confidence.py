"""Confidence of a fact, 0-1, from the signals of the rule that found it.

An analyst's review queue ranks facts by it. The values live in `nlp/data/confidence.yaml`;
`benchmarks/confidence.py` shows how often facts of each confidence band are right.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from nlp.community_models import RawModel
from nlp.lexicon import load
from nlp.place_context import PlaceMention
from nlp.statistics import RawStatistic

if TYPE_CHECKING:
    from core.records import Statistic


@cache
def _table(key: str) -> dict[str, float]:
    return {k: float(v) for k, v in load("confidence")[key].items()}


def _clip(x: float) -> float:
    return round(min(1.0, max(0.0, x)), 2)


def model_confidence(m: RawModel) -> float:
    return _model_confidence(m.how, m.kind.new)


def statistic_confidence(st: RawStatistic) -> float:
    return _statistic_confidence(st.how)


def location_confidence(p: PlaceMention) -> float:
    return _location_confidence(p.level == "other", p.prefixed, p.unit is not None)


# (a fact's confidence depends on a few signals only: computed once per combination)
@cache
def _model_confidence(how: str, new: bool) -> float:
    t = _table("models")
    return _clip(t.get(how, t["listed"]) - (t["new_kind_penalty"] if new else 0.0))


@cache
def _statistic_confidence(how: str) -> float:
    t = _table("statistics")
    return _clip(t.get(how, t["plain_word"]))


@cache
def _location_confidence(other: bool, prefixed: bool, resolved: bool) -> float:
    t = _table("locations")
    if other and prefixed:
        return _clip(t["prefixed_other"])
    if resolved:
        return _clip(t["prefixed_resolved" if prefixed else "bare_resolved"])
    return _clip(t["prefixed_unresolved" if prefixed else "bare_unresolved"])


_DISTRIBUTIVE = re.compile(r"(?<!\w)(?:cứ|mỗi|từng)[ ]+(?:\w+[ ]+)?\Z", re.IGNORECASE)


def with_document_signals(stats: list[Statistic], text: str) -> list[Statistic]:
    """Lower a figure's confidence for what only the whole document shows: the same count of
    the same noun said several times is often a name (`Cụm an ninh 3 huyện`); a count of one
    or two, and a rate (`cứ 2 thôn lại có 1 kẻng`), are often no reported figure."""
    if not stats:
        return stats
    t = _table("document")
    said = Counter((s.value, s.unit) for s in stats)
    small = t["small_max"]
    out = []
    for s in stats:
        penalty = 0.0
        if said[(s.value, s.unit)] > 1:
            penalty += t["repeated_penalty"]
        if s.value <= small:
            penalty += t["small_penalty"]
        # (a rate word stands in the 14 characters before: looked for with `in` first)
        window = text[s.start - 14 if s.start > 14 else 0 : s.start]
        if ("cứ" in window or "mỗi" in window or "từng" in window or "Cứ" in window or "Mỗi" in window) and (
                _DISTRIBUTIVE.search(window)):
            penalty += t["distributive_penalty"]
        out.append(dataclasses.replace(s, confidence=_clip(s.confidence - penalty)) if penalty else s)
    return out

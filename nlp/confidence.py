"""Confidence of a fact, 0-1, from the signals of the rule that found it.

An analyst's review queue ranks facts by it. The values live in `nlp/data/confidence.yaml`;
`benchmarks/confidence.py` shows how often facts of each confidence band are right.
"""

from __future__ import annotations

from functools import cache

from nlp.community_models import RawModel
from nlp.lexicon import load
from nlp.place_context import PlaceMention
from nlp.statistics import RawStatistic


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

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
    t = _table("models")
    return _clip(t.get(m.how, t["listed"]) - (t["new_kind_penalty"] if m.kind.new else 0.0))


def statistic_confidence(st: RawStatistic) -> float:
    t = _table("statistics")
    return _clip(t.get(st.how, t["plain_word"]))


def location_confidence(p: PlaceMention) -> float:
    t = _table("locations")
    if p.level == "other" and p.prefixed:
        return _clip(t["prefixed_other"])
    if p.unit is not None:
        return _clip(t["prefixed_resolved" if p.prefixed else "bare_resolved"])
    return _clip(t["prefixed_unresolved" if p.prefixed else "bare_unresolved"])

"""Counted nouns and canonical metrics, both from `nlp/data/metrics.yaml` (defined once).

The extractor takes a figure's unit from the counted nouns; the catalog maps a unit to the
metric that compares places (`camera` -> cameras_installed). A new metric is one entry in
that file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from nlp.lexicon import load, longest_first_alternation

_FILE = "metrics"


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    description: str
    unit: str


def metrics_version() -> int:
    return int(load(_FILE)["version"])


@cache
def metrics() -> dict[str, Metric]:
    """Metric id -> definition, in file order."""
    return {m["id"]: Metric(m["id"], m["label"], m["description"], m["unit"]) for m in load(_FILE)["metrics"]}


@cache
def counted_nouns() -> frozenset[str]:
    """Every noun a figure may count: the metrics' nouns and the nouns of no metric."""
    data = load(_FILE)
    return frozenset([n for m in data["metrics"] for n in m["nouns"]] + list(data["other_nouns"]))


@cache
def unit_matcher() -> re.Pattern:
    """Matches a counted noun (or `%`) at the start of the string it is given, longest first."""
    # (the nouns longest first, then `%`, as one trie: the same matches, found faster)
    nouns = [*counted_nouns(), "%"]
    return re.compile(rf"[ ]*({longest_first_alternation(nouns, ignorecase=True)})(?!\w)", re.IGNORECASE)


def unit_at(text: str, pos: int) -> re.Match | None:
    """`unit_matcher().match(text[pos : pos + 40])` read in place, without copying the slice
    (the pattern looks neither before its start nor past its end): the same match, its
    offsets into `text`."""
    return unit_matcher().match(text, pos, pos + 40)


@cache
def _unit_prefixes() -> list[tuple[str, str]]:
    """(unit spelling, metric id), longest spelling first."""
    pairs = [(u.lower(), m["id"]) for m in load(_FILE)["metrics"] for u in m["nouns"] + m.get("also", [])]
    return sorted(pairs, key=lambda x: -len(x[0]))


@lru_cache(maxsize=4096)
def metric_of(unit: str) -> str:
    """The canonical metric id of a statistic's unit, or "other"."""
    u = (unit or "").lower().strip()
    for prefix, metric in _unit_prefixes():
        if u == prefix or u.startswith(prefix + " ") or u.startswith(prefix + ","):
            return metric
    return "other"


@cache
def _things_named_by() -> dict[str, str]:
    """word standing for a thing (`mắt`) -> the thing (`camera`), from the metrics' `named_by`."""
    return {w.lower(): m["named_by"]["thing"] for m in load(_FILE)["metrics"] if m.get("named_by")
            for w in m["named_by"]["words"]}


def thing_named_by(unit: str) -> str | None:
    """The thing a figure's unit stands for (`mắt giám sát` -> `camera`), or None."""
    return _things_named_by().get((unit or "").lower().strip().strip('"'))

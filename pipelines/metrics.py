"""Canonical metrics (from `nlp/data/metrics.yaml`): what a figure counts, so places compare."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "nlp" / "data" / "metrics.yaml"


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    description: str
    unit: str


@lru_cache(maxsize=1)
def load_metrics() -> tuple[int, dict[str, Metric], list[tuple[str, str]]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    metrics = {m["id"]: Metric(m["id"], m["label"], m["description"], m["unit"]) for m in data["metrics"]}
    units = sorted(((u.lower(), m["id"]) for m in data["metrics"] for u in m["units"]), key=lambda x: -len(x[0]))
    return int(data["version"]), metrics, units


@lru_cache(maxsize=4096)
def metric_of(unit: str) -> str:
    """The canonical metric id of a statistic's unit, or "other"."""
    u = (unit or "").lower().strip()
    for prefix, metric in load_metrics()[2]:
        if u == prefix or u.startswith(prefix + " ") or u.startswith(prefix + ","):
            return metric
    return "other"

"""Flat tables (pandas) from extraction records: one row per fact, with its provenance."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from antt.records import Extraction

_PROVENANCE = ("doc_id", "url", "outlet", "published", "extractor_version")


def _rows(extractions: Iterable[Extraction], attr: str) -> list[dict]:
    rows = []
    for ex in extractions:
        base = {k: getattr(ex, k) for k in _PROVENANCE}
        for fact in getattr(ex, attr):
            row = dict(base)
            row.update(vars(fact))
            if "provinces_2025" in row:
                row["provinces_2025"] = "; ".join(row["provinces_2025"])
            rows.append(row)
    return rows


def fact_tables(extractions: list[Extraction]) -> dict[str, pd.DataFrame]:
    return {
        "statistics": pd.DataFrame(_rows(extractions, "statistics")),
        "models": pd.DataFrame(_rows(extractions, "models")),
        "locations": pd.DataFrame(_rows(extractions, "locations")),
    }

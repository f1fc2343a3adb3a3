"""The catalog's headline counts, computed once: `antt build`, `antt demo` and the report
print the same numbers (the demo once printed the extractor's 357 figures, the build 348)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.collation import sorted_vi

if TYPE_CHECKING:  # pandas is not imported by a build with nothing new, which reads saved counts
    import pandas as pd


@dataclass(frozen=True)
class Counts:
    articles: int
    stories: int
    model_kinds: int
    presence_rows: int
    statistics: int
    on_metric: int
    provinces: list[str]  # as reported (63), in Vietnamese order
    provinces_2025: int
    local_places: int
    conflicts: int
    first_published: str
    last_published: str

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) rows for a summary table."""
        return [
            ("articles", f"{self.articles} ({self.stories} stories: syndicated copies counted once)"),
            ("model kinds", f"{self.model_kinds} ({self.presence_rows} kind x place rows)"),
            ("statistics", f"{self.statistics} figures, {self.on_metric} on a canonical metric"),
            ("places", f"{len(self.provinces)} provinces (63), {self.provinces_2025} current provinces (34), "
                       f"{self.local_places} cities/districts/wards"),
            ("conflicts", f"{self.conflicts} groups"),
            ("published", f"{self.first_published or '-'} to {self.last_published or '-'}"),
        ]


def catalog_counts(tables: dict[str, pd.DataFrame]) -> Counts:
    places, stats, arts = tables["places"], tables["statistics"], tables["articles"]
    dates = arts["published"].astype(object).dropna().astype(str)
    dates = dates[dates != ""]
    conflicts = tables["conflicts"]
    return Counts(
        articles=len(arts), stories=int(arts["story_id"].nunique()),
        model_kinds=len(tables["models"]), presence_rows=len(tables["model_presence"]),
        statistics=len(stats), on_metric=int((stats["metric"].astype(str) != "other").sum()),
        provinces=sorted_vi(places.loc[places["level"] == "province", "name"].astype(str)),
        provinces_2025=int((places["level"] == "province_2025").sum()),
        local_places=int((places["level"] == "local").sum()),
        conflicts=int(conflicts["conflict_id"].nunique()) if len(conflicts) else 0,
        first_published=str(dates.min()) if len(dates) else "", last_published=str(dates.max()) if len(dates) else "",
    )

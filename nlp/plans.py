"""Planned figures: a target, plan or forecast is not a result.

"Xã dự kiến lắp thêm 200 camera" and "phấn đấu đến năm 2026, 100% thôn có mô hình" give
figures an analyst must not read as cameras installed or coverage reached. A figure is planned
when a plan word (`planned_markers`, nlp/data/figures.yaml) comes before it in its sentence and
no word of a result (`planned_blockers`: "đã", "đến nay", "vượt"...) stands between them. The
figure is kept, flagged; the catalog never shows a planned figure as a place's latest value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.lexicon import grouped_alternation, words

_LEX = "figures"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def rx(key: str) -> re.Pattern[str]:
        terms = sorted(words(_LEX, key), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + grouped_alternation(terms) + r")(?!\w)", re.IGNORECASE)

    return rx("planned_markers"), rx("planned_blockers")


def is_planned(text: str, number_start: int, sentence_start: int) -> bool:
    """Is the figure at `number_start` a plan or target (its sentence starting at `sentence_start`)?"""
    markers, blockers = _patterns()
    last = None
    for last in markers.finditer(text, sentence_start, number_start):  # noqa: B007 - the last one counts
        pass
    if last is None:
        return False
    clause = text.rfind(";", last.end(), number_start)
    return clause < 0 and blockers.search(text, last.end(), number_start) is None

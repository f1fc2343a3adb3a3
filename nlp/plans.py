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

from nlp.lexicon import grouped_alternation, longest_first_alternation, words
from nlp.normalize import caseless

_LEX = "figures"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def rx(key: str) -> re.Pattern[str]:
        terms = sorted(words(_LEX, key), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + grouped_alternation(terms) + r")(?!\w)", re.IGNORECASE)

    return rx("planned_markers"), rx("planned_blockers")


@lru_cache(maxsize=1)
def _any_marker() -> re.Pattern[str]:
    """Any plan word, lowercase, as a trie (whether one stands in a stretch, not which)."""
    return re.compile(longest_first_alternation(sorted({w.lower() for w in words(_LEX, "planned_markers")})))


class PlanMarks:
    """Whether a plan word stands in a stretch of a document, looked for in its plain
    lowercase text (see nlp.normalize.caseless: a marker the IGNORECASE pattern finds is one
    of these words, lowercased, at the same place): a sentence stretch holding none of them
    holds no marker, so `is_planned` is answered without its regex scan. (Asked for the few
    stretches before figures, instead of finding every plan word of the document.)"""

    def __init__(self, text: str):
        self.low = caseless(text)

    def any_within(self, start: int, end: int) -> bool:
        """Does a marker word stand wholly inside [start, end)? (True when unknown.)"""
        return self.low is None or _any_marker().search(self.low, start, end) is not None


def is_planned(text: str, number_start: int, sentence_start: int, marks: PlanMarks | None = None) -> bool:
    """Is the figure at `number_start` a plan or target (its sentence starting at `sentence_start`)?
    `marks`, the document's `PlanMarks`, answers most figures without a scan."""
    if marks is not None and not marks.any_within(sentence_start, number_start):
        return False
    markers, blockers = _patterns()
    last = None
    for last in markers.finditer(text, sentence_start, number_start):  # noqa: B007 - the last one counts
        pass
    if last is None:
        return False
    clause = text.rfind(";", last.end(), number_start)
    return clause < 0 and blockers.search(text, last.end(), number_start) is None

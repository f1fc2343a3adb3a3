"""The period a figure refers to, from the text, anchored on the publication date.

Output forms follow the schema: `YYYY`, `YYYY-MM`, `YYYY/YYYY` for a range, or None for a
stock at reporting time (`hiện có`, `đến nay`) with no time given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.lexicon import words
from nlp.normalize import lowered
from nlp.scan import finditer_near, occurrences

YEAR = r"(?:19[5-9][0-9]|20[0-9][0-9])"
# Counts of months ("7 tháng đầu năm", "mười một tháng qua"), longer spellings first; "6" leads
# (what `_PATTERN_NEEDS` keys on).
_MONTH_COUNTS = ("6", "10", "11", "2", "3", "4", "5", "7", "8", "9", "mười một", "mười", "hai", "ba", "bốn", "năm",
                 "sáu", "bảy", "tám", "chín")
_PATTERNS: list[tuple[str, str]] = [
    # giai đoạn 2019-2021, 2019 – 2021, từ năm 2020 đến năm 2023
    ("range", rf"(?:giai đoạn|nhiệm kỳ|từ năm|từ)\s*({YEAR})\s*(?:-|đến|tới)\s*(?:năm\s*)?({YEAR})"),
    # (?<![0-9]) + YEAR, the lookbehind after the first digit (a pattern that starts with
    # characters is scanned for them in C; one that starts with a lookbehind is tried everywhere)
    ("range", rf"((?:1(?<![0-9]1)9[5-9]|2(?<![0-9]2)0[0-9])[0-9])\s*-\s*({YEAR})(?![0-9])"),
    # từ tháng 3/2024 đến tháng 11/2025: the years it spans
    ("month_range", rf"từ tháng\s*[0-9]{{1,2}}\s*[/-]\s*({YEAR})\s*(?:đến|tới|-)\s*(?:hết\s*)?tháng\s*[0-9]{{1,2}}\s*[/-]\s*({YEAR})"),
    # từ tháng 4/2023 đến nay / từ năm 2020 đến nay / từ đầu năm 2024 đến nay
    ("since", rf"từ (?:đầu |cuối |giữa )?(?:tháng\s*[0-9]{{1,2}}\s*[/-]\s*|năm\s*)({YEAR})\s*,?\s*(?:đến|tới) (?:nay|hiện nay|hiện tại)"),
    # "(tính) đến hết quý I/2024": a stock at the end of the quarter, a month
    # từ ngày 1/7 đến nay, từ tháng 7 đến nay (no year): since then, within the publication year
    ("since_this_year", r"từ (?:ngày\s*[0-9]{1,2}\s*/\s*[0-9]{1,2}|(?:đầu |cuối |giữa )?tháng\s*[0-9]{1,2})(?!\s*[/-]\s*[0-9])\s*(?:đến|tới) (?:nay|hiện nay|hiện tại)"),
    # "lắp camera từ tháng 3/2022, ... phát hiện 1 vụ": events since then, up to publication (a
    # stock after it, "từ tháng 10/2017, mô hình chia thành 3 nhóm", takes no time: its start)
    ("since_open", rf"từ (?:đầu |cuối |giữa )?tháng\s*[0-9]{{1,2}}\s*[/.-]\s*({YEAR})(?!\s*,?\s*(?:đến|tới|-|–))"),
    ("quarter_end", rf"(?:đến|tới) (?:hết|cuối) quý\s*([ivIV1-4]+)\s*(?:[/-]\s*|\s+năm\s+)({YEAR})"),
    ("month", rf"tháng\s*([0-9]{{1,2}})\s*[/.-]\s*({YEAR})"),  # (tháng 7.2024 in some papers)
    ("month", rf"tháng\s*([0-9]{{1,2}})\s+năm\s+({YEAR})"),
    ("year", rf"(?:1[01]|[2-9]|mười một|mười|hai|ba|bốn|năm|sáu|bảy|tám|chín) tháng (?:đầu|cuối) năm\s*({YEAR})"),
    ("year", rf"(?:quý\s*[ivIV1-4]+\s*[/-]\s*|quý\s*[ivIV1-4]+\s+năm\s+)({YEAR})"),
    ("year", rf"[Nn]ăm(?<!\w[Nn]ăm)\s*({YEAR})(?!\s*[-/][0-9])"),
    # (one flat alternation of words: scanned for its first letters in C)
    ("year_rel", "|".join(f"{n} tháng (?:đầu|cuối) năm(?! [0-9])" for n in _MONTH_COUNTS)
     + r"|năm nay|trong năm(?! [0-9])(?! (?:qua|vừa qua|trước|ngoái|rồi)(?!\w))|từ đầu năm(?! [0-9])"),
    # "sau 3 năm triển khai", "qua gần 9 tháng thực hiện": the span since the launch, up to publication
    # ((?<!\w) after each opener's first letter: scanned for those letters in C)
    ("since_launch", r"(?:s(?<!\ws)au|q(?<!\wq)ua|t(?<!\wt)rong)(?: gần| hơn| khoảng| đúng)? ([0-9]{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
     r" (năm|tháng) (?:triển khai|thực hiện|hoạt động|ra mắt|thành lập|xây dựng|duy trì|vận hành|đi vào hoạt động)(?!\w)"),
    # "trong 3 năm qua", "5 năm gần đây": the span of years up to publication
    ("years_back", r"(?<!\w)([0-9]{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) năm (?:qua|vừa qua|gần đây|trở lại đây)(?!\w)"),
    ("last_year", r"năm (?:qua|vừa qua|trước|ngoái|rồi)"),  # not after a count: "20 năm trước" (see below)
    # a quarter or a count of months with no year: the latest such span before publication
    ("quarter_rel", r"quý\s*(iv|iii|ii|i|[1-4])(?![\w/-])(?!\s*(?:[/-]|năm)\s*[0-9])( vừa qua| qua)?"),
    # ((?<![0-9] ) after each count's first character, (?<!\w) after `tháng`: scanned for in C)
    ("months_rel", r"(?:" + "|".join(f"{n[0]}(?<![0-9] {n[0]}){n[1:]}" for n in _MONTH_COUNTS)
     + r") tháng (?:qua|vừa qua|đầu năm nay)(?!\w)"),
    ("last_month", r"tháng(?<![0-9] tháng)(?<!\wtháng) (?:qua|vừa qua|trước)(?!\w)"),
]
# "20 năm trước", "mấy năm qua": years ago; "những năm qua", "nhiều năm qua": recent years, no year
_COUNT_BEFORE = re.compile(r"(?:[0-9]|mấy|hai|ba|những|nhiều|các) \Z")
_MONTH_COUNT = {n: i for i, n in enumerate(("", "", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"))
                if n} | {str(i): i for i in range(2, 12)} | {"mười một": 11}
# Matched on the lowercased text (same length for Vietnamese): faster than IGNORECASE.
PERIOD_RX = [(kind, re.compile(rx.replace("[Nn]", "n"))) for kind, rx in _PATTERNS]
# A word each kind of pattern cannot match without: a text lacking it skips that pattern.
_NEEDS: dict[str, tuple[str, ...]] = {
    "month_range": ("từ tháng",), "since_open": ("tháng",), "quarter_end": ("quý",), "month": ("tháng",), "quarter_rel": ("quý",),
    "months_rel": ("tháng qua", "tháng vừa qua", "tháng đầu năm nay"), "last_month": ("tháng qua", "tháng vừa qua",
                                                                                       "tháng trước"),
    "since_this_year": ("đến nay", "tới nay", "hiện nay", "hiện tại"), "last_year": ("năm",), "year_rel": ("năm",),
    "years_back": ("năm qua", "năm vừa qua", "năm gần đây", "năm trở lại đây"),
    "since_launch": tuple(f"{unit} {verb}" for unit in ("năm", "tháng") for verb in (
        "triển khai", "thực hiện", "hoạt động", "ra mắt", "thành lập", "xây dựng", "duy trì", "vận hành", "đi vào"))}
_YEARS_COUNT = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
# Words a pattern cannot match without, where they say more than its kind's (a pattern
# starting with these characters), and what every range holds (a year then `-`, `đến`,
# `tới`): a text lacking them skips the pattern without scanning for it.
_PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    "(?:1[01]|[2-9]|mười một|mười|hai|ba|bốn|năm|sáu|bảy|tám|chín) tháng (?:đầu|cuối) năm": ("tháng đầu năm",
                                                                                         "tháng cuối năm"),
    "6 tháng (?:đầu|cuối) năm(?! [0-9])|": ("tháng đầu năm", "tháng cuối năm", "năm nay", "trong năm", "từ đầu năm"),
    "năm (?:qua|vừa qua|trước|ngoái|rồi)": ("năm qua", "năm vừa qua", "năm trước", "năm ngoái", "năm rồi"),
    "(?:đến|tới) (?:hết|cuối) quý": ("hết quý", "cuối quý"),
}


def _by_first_word(needed: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The needed words grouped by their first word, each group with what follows it in its
    words (`năm triển khai` is `năm` then ` triển khai`; a word alone is itself then ``)."""
    groups: dict[str, list[str]] = {}
    for w in needed:
        head, space, rest = w.partition(" ")
        groups.setdefault(head, []).append(space + rest)
    return tuple((head, tuple(rests)) for head, rests in groups.items())


_GROUPED_NEEDS = {needed: _by_first_word(needed) for needed in (*_NEEDS.values(), *_PATTERN_NEEDS.values())}
# (one pattern per century: each starts with its two digits, which `re` finds much faster
# than the set of first digits of a pattern for both)
_YEAR_SPAN_HINTS = [re.compile(year + r"\s*(?:-|đến|tới)") for year in ("19[5-9][0-9]", "20[0-9][0-9]")]
assert YEAR == "(?:19[5-9][0-9]|20[0-9][0-9])"


def _needs(rx: re.Pattern) -> tuple[str, ...] | None:
    found = [words for head, words in _PATTERN_NEEDS.items() if rx.pattern.startswith(head)]
    assert len(found) <= 1
    return found[0] if found else None


_OWN_NEEDS = [_needs(rx) for _, rx in PERIOD_RX]
assert sum(n is not None for n in _OWN_NEEDS) == len(_PATTERN_NEEDS)

# Patterns whose every match holds one of these words at most `reach` characters from its
# start (the count before `tháng qua`, `đến ` before `hết quý`): tried only there, instead
# of at every position where their first letters stand (common letters in Vietnamese).
_ANCHORS: dict[str, tuple[tuple[str, ...], int]] = {
    "(?:giai đoạn|nhiệm kỳ|từ năm|từ)": (("giai đoạn", "nhiệm kỳ", "từ"), 0),
    "(?:đến|tới) (?:hết|cuối) quý": (("hết quý", "cuối quý"), len("đến ")),
    "(?:1[01]|[2-9]|mười một|mười|hai|ba|bốn|năm|sáu|bảy|tám|chín) tháng (?:đầu|cuối) năm": (
        ("tháng đầu năm", "tháng cuối năm"), len("mười một ")),
    "6 tháng (?:đầu|cuối) năm(?! [0-9])|": (("tháng đầu năm", "tháng cuối năm", "năm nay", "trong năm", "từ đầu năm"),
                                            len("mười một ")),
    r"(?<!\w)([0-9]{1,2}|hai|": (("năm qua", "năm vừa qua", "năm gần đây", "năm trở lại đây"), len("mười ")),
    "(?:6(?<![0-9] 6)": (("tháng qua", "tháng vừa qua", "tháng đầu năm nay"), len("mười một ")),
}


def _anchors(rx: re.Pattern) -> tuple[tuple[str, ...], int] | None:
    found = [anchors for head, anchors in _ANCHORS.items() if rx.pattern.startswith(head)]
    assert len(found) <= 1
    return found[0] if found else None


_OWN_ANCHORS = [_anchors(rx) for _, rx in PERIOD_RX]
assert sum(a is not None for a in _OWN_ANCHORS) == len(_ANCHORS)


def _marker_alternation(markers: list[str], compounds: list[str]) -> str:
    """The markers as words, except inside a compound ("thực hiện", "phát hiện", "hiện đại" hold
    no "hiện" of time; nor does "thuốc phiện"): the compound's first part refused right after the marker's first letter
    (so `re` still scans for those letters in C), its last part refused after the marker."""
    alts = []
    for w in sorted(markers, key=len, reverse=True):
        before = [c[: -len(w)] for c in compounds if c.endswith(" " + w)]
        after = [c[len(w):] for c in compounds if c.startswith(w + " ")]
        rx = (re.escape(w[0]) + rf"(?<!\w{re.escape(w[0])})" + "".join(f"(?<!{re.escape(b + w[0])})" for b in before)
              + re.escape(w[1:]))
        if after:
            rx += "(?!" + "|".join(re.escape(a) + r"(?!\w)" for a in after) + ")"
        alts.append(rx)
    return "|".join(alts)


_COMPOUNDS = words("periods", "not_stock_compounds")
STOCK_WORDS = tuple(words("periods", "stock_markers"))
# Counted nouns of events (`vụ`, `lượt`): a figure of them over a span since a launch is that
# span's; a stock (`thành viên`, `camera`) after "sau 3 năm triển khai" is today's.
FLOW_UNITS = frozenset(words("periods", "flow_units"))
_FLOW_VERB = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words("periods", "flow_verbs"), key=len,
                                                                               reverse=True)) + r")(?!\w)",
                        re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n]")


def done_in_clause(low: str, start: int, sentence_start: int) -> bool:
    """Does a verb of doing stand in the figure's clause before it (`thành lập được 114 nhóm
    với 579 thành viên`)? `low` is the lowercased text, or the text itself (matched in any case)."""
    lo = max(sentence_start, start - 80)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(low, lo, start)]
    return _FLOW_VERB.search(low, breaks[-1] if breaks else lo, start) is not None

STOCK_RX = re.compile("(?:" + _marker_alternation(words("periods", "stock_markers"), _COMPOUNDS) + ")", re.IGNORECASE)
# The same for the caseless text (`nlp.normalize.caseless`), case-sensitive: scanned for its
# first letters in C.
STOCK_LOWER_RX = re.compile("(?:" + _marker_alternation([w.lower() for w in words("periods", "stock_markers")], _COMPOUNDS)
                            + ")")
# Every match of STOCK_LOWER_RX is one of the markers, lowercase, so it starts where one of
# these stands: the markers that hold no shorter one at their start (`hiện` for `hiện có`).
_STOCK_LOWER = sorted({w.lower() for w in STOCK_WORDS})
_STOCK_ANCHORS = tuple(w for w in _STOCK_LOWER if not any(v != w and w.startswith(v) for v in _STOCK_LOWER))


def search_stock_lower(low: str, start: int, end: int) -> re.Match | None:
    """`STOCK_LOWER_RX.search(low, start, end)`, matched only where a marker stands (found
    with str.find), not tried at every `t`, `đ`, `h` and `v` of the stretch."""
    starts = []
    for w in _STOCK_ANCHORS:
        i = low.find(w, start, end)
        while i != -1:
            starts.append(i)
            i = low.find(w, i + 1, end)
    for p in sorted(starts):
        m = STOCK_LOWER_RX.match(low, p, end)
        if m:
            return m
    return None


# "giảm 14 vụ so với năm 2020" is a baseline, "sinh năm 1985" a birth year: not the period.
_NOT_A_PERIOD_BEFORE = re.compile("(?:" + "|".join(map(re.escape, words("periods", "not_period_before")))
                                  + r")\s*$", re.IGNORECASE)
_NOT_A_PERIOD_WORDS = tuple(w.lower() for w in words("periods", "not_period_before"))


def _not_a_period_before(before: str) -> bool:
    r"""`_NOT_A_PERIOD_BEFORE.search(before)`: one of its words ends the window before its
    whitespace (`\s*$`), tested with `endswith` on the lowercase window instead of trying the
    pattern at every position (see nlp.normalize.caseless; elsewhere the pattern itself)."""
    head = before.rstrip()
    low = head.lower()
    if len(low) != len(head) or "ı" in low or "ſ" in low:
        return _NOT_A_PERIOD_BEFORE.search(before) is not None
    return low.endswith(_NOT_A_PERIOD_WORDS)


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    value: str
    flows_only: bool = False  # a span since a launch ("sau 3 năm triển khai"): the time of events, not of a stock


def _pub_year_month(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    m = re.match(r"([0-9]{4})(?:-([0-9]{2}))?", published)
    if not m:
        return None, None
    return int(m[1]), int(m[2]) if m[2] else None


# "trong năm, số vụ giảm 7,2% so với năm 2019": the year compared with is the one before the
# year the sentence speaks of, which a review published early in the next year leaves unsaid.
_BASELINE_RX = re.compile(rf"so với (?:cùng kỳ )?năm ({YEAR})(?![0-9/-])")
_SENTENCE_END_RX = re.compile(r"[.!?](?:\s|$)|\n")


def _year_before_baseline(low: str, after: int, value: str, year: int | None) -> str:
    """The year after the baseline a relative year's own sentence compares with, if any."""
    end = _SENTENCE_END_RX.search(low, after, after + 400)
    m = _BASELINE_RX.search(low, after, end.start() if end else after + 400)
    if m and year and int(m[1]) + 1 <= year:
        return str(int(m[1]) + 1)
    return value


def year_after_baseline(text: str, start: int, end: int, published: str | None) -> str | None:
    """`bắt giữ 3 vụ, giảm 1 vụ so với năm 2023`: a sentence naming no time of its own
    compares with the year before the one it counts (not past the publication year)."""
    if text.find("o với", start, end) < 0:  # (`so với`, `So với`; no slice copied: called for every figure with no time)
        return None
    m = _BASELINE_RX.search(lowered(text[start:end]))
    year, _ = _pub_year_month(published)
    if m and (year is None or int(m[1]) + 1 <= year):
        return str(int(m[1]) + 1)
    return None


_FROM_BEFORE = re.compile(r"(?:giảm|tăng)?[ ]*từ[ ]+\Z", re.IGNORECASE)
_TO_AFTER = re.compile(r"[ ]*(?:\([^()]{0,30}\)[ ]*)?(?:xuống|lên)(?:[ ]+còn)?[ ]+[0-9]", re.IGNORECASE)
_BASELINE_ANY_CASE = re.compile(_BASELINE_RX.pattern, re.IGNORECASE)


def baseline_of_from_value(low: str, number_start: int, end: int, sent_start: int, sent_end: int) -> str | None:
    """`giảm từ 58 vụ xuống còn 33 vụ` in a sentence compared `so với năm 2023`: the value it
    falls from is the baseline year's (the value it reaches, the year reported). `low` is the
    lowercased text, or the text itself (matched in any case)."""
    if not _FROM_BEFORE.search(low, max(sent_start, number_start - 12), number_start) or not _TO_AFTER.match(low, end):
        return None
    m = _BASELINE_ANY_CASE.search(low, sent_start, sent_end)
    return m[1] if m else None


def find_periods(text: str, published: str | None) -> list[PeriodMention]:
    year, month = _pub_year_month(published)
    out: list[PeriodMention] = []
    taken = bytearray(len(text) + 1)  # 1 where a period already stands
    low = lowered(text)
    if len(low) != len(text):
        low = text
    year_span: bool | None = None
    heads: dict[str, list[int]] = {}  # a needed word's first word -> where it stands (found once)

    def has_any(needed: tuple[str, ...]) -> bool:
        """Does the text hold one of the needed words? Each first word is found once (`năm`
        and `tháng` open the 18 words of a launch span), the rest checked where it stands."""
        for head, rests in _GROUPED_NEEDS[needed]:
            at = heads.get(head)
            if at is None:
                at = heads[head] = occurrences(low, head)
            n = len(head)
            for i in at:
                if low.startswith(rests, i + n):
                    return True
        return False

    for (kind, rx), own, anchored in zip(PERIOD_RX, _OWN_NEEDS, _OWN_ANCHORS, strict=True):
        needs = _NEEDS.get(kind)
        if needs and not has_any(needs) or own and not has_any(own):
            continue
        if kind == "range":
            if year_span is None:
                year_span = any(hint.search(low) for hint in _YEAR_SPAN_HINTS)
            if not year_span:
                continue
        for m in rx.finditer(low) if anchored is None else finditer_near(rx, low, *anchored):
            if taken.find(1, m.start(), m.end()) != -1:
                continue
            value: str | None = None
            if kind in ("range", "month_range"):
                value = f"{m[1]}/{m[2]}" if m[1] != m[2] else m[1]
            elif kind in ("since", "since_open"):
                start_year = int(m[1])
                value = str(start_year) if year is None or year == start_year else f"{start_year}/{year}"
            elif kind == "quarter_end":
                q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}.get(m[1].lower())
                value = f"{m[2]}-{3 * q:02d}" if q else m[2]
            elif kind == "month":
                value = f"{m[2]}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None
            elif kind == "year":
                value = m[1]
            elif kind == "year_rel" and m[0] == "năm nay" and _COUNT_BEFORE.search(low, max(0, m.start() - 6), m.start()):
                value = None  # "từ hơn 1 năm nay", "mấy năm nay": for years up to now, not this year
            elif kind in ("year_rel", "since_this_year") and year:
                # A year-end report out in January ("trong năm", "năm nay") is about the year just ended.
                value = str(year - 1 if month == 1 and m[0] in ("trong năm", "năm nay") else year)
            elif kind == "since_launch" and year:
                n = int(m[1]) if m[1].isdigit() else _YEARS_COUNT.get(m[1], 0)
                if m[2] == "tháng":
                    value = str(year) if month and n < month else f"{year - 1}/{year}" if n <= 24 else None
                else:
                    first = year - n + 1 if (month or 12) >= 11 else year - n
                    if " hơn " in m[0]:  # "sau hơn 3 năm hoạt động" in March 2021: launched in 2017
                        first -= 1
                    value = f"{first}/{year}" if 1 <= n <= 30 and first < year else str(year) if n >= 1 else None
            elif kind == "years_back" and year:
                n = int(m[1]) if m[1].isdigit() else _YEARS_COUNT.get(m[1], 0)
                first = year - n
                if low.endswith("hơn ", max(0, m.start() - 4), m.start()):  # "hơn 3 năm qua": begun before
                    first -= 1
                value = f"{first}/{year}" if 2 <= n <= 30 else None
            elif kind == "last_year" and year and not _COUNT_BEFORE.search(low, max(0, m.start() - 6), m.start()):
                value = str(year if (month or 12) >= 11 else year - 1)
            elif kind == "quarter_rel" and year and month:
                q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
                # the latest such quarter begun (or, "vừa qua", ended) by the publication month
                value = str(year if (3 * q < month if m[2] else 3 * q - 2 <= month) else year - 1)
            elif kind == "months_rel" and year and month:
                n = _MONTH_COUNT.get(m[0].split()[0], 0)
                value = str(year) if n <= month + 1 else None  # "9 tháng qua" in October: this year
            elif kind == "last_month" and year and month:
                value = f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12"
            if (kind == "last_year" or m[0] == "trong năm") and value and "so với" in low:
                value = _year_before_baseline(low, m.end(), value, year)
            if value and not _not_a_period_before(text[m.start() - 20 if m.start() > 20 else 0 : m.start()]):
                out.append(PeriodMention(m.start(), m.end(), value, kind in ("since_launch", "since_open")))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out.sort(key=lambda p: p.start)
    return out

"""Since when, and who runs it: a model's start and its operator, from its sentence.

A date in the model's sentence is its start when a start verb (`ra mắt`, `thành lập`,
`triển khai từ`...) stands in that sentence or `từ` opens the date; `sau 3 năm triển khai`
counts back from the publication. The operator is the organization that stands as the
sentence's subject before the model (`Hội Phụ nữ xã`, `Công an huyện Đại Từ`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.lexicon import grouped_alternation, word_start_alternation, words
from nlp.normalize import caseless
from nlp.place_names import CAP_RUN

_DATE = re.compile(
    r"(?<!\w)(?:(?P<from>[Tt]ừ )?(?:(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối)(?: nay)? (?P<d>\d{1,2})[/.-](?P<m>\d{1,2})"
    r"(?:[/.-](?P<y>\d{4}))?|[Tt]háng (?P<m2>\d{1,2})(?:[/.-]| năm )(?P<y2>\d{4})|[Nn]ăm (?P<y3>(?:19|20)\d{2})))(?![\d/])")
# Every date above holds a digit right after `gày `, `áng `, `iều `, `nay `, `ối ` or `ăm `, 4
# to 13 characters after the date's start (`Từ chiều nay 12/5`): found first (a digit is
# scanned for in C), they tell where a date may start, instead of trying every position.
_DATE_DIGIT = re.compile(r"[0-9](?:(?<=(?:gày|áng|iều|nay) [0-9])|(?<=(?:ối|ăm) [0-9]))")
_DATE_REACH = (4, 13)


def _dates(text: str, start: int, end: int):
    """`_DATE.finditer(text, start, end)`, trying only the starts a date's digit allows."""
    pos = gpos = start  # no date starts before pos; none of those left holds a digit before gpos
    while (g := _DATE_DIGIT.search(text, gpos, end)) is not None:
        q = g.start()
        for p in range(max(pos, q - _DATE_REACH[1]), q - _DATE_REACH[0] + 1):
            m = _DATE.match(text, p, end)
            if m:
                yield m
                pos = gpos = m.end()
                break
        else:
            pos, gpos = max(pos, q - _DATE_REACH[0] + 1), q + 1


# (nor a span reported on: "7 tháng đầu năm 2022", "quý I năm 2022")
_NOT_START_BEFORE = re.compile(r"(?:đến|tới|so với|cuối|hết|trước|tháng đầu|quý [ivx1-4]+)\s*$", re.IGNORECASE)


def _alternation(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words("origins", key), key=len, reverse=True))


_START_VERB = re.compile(r"(?<!\w)(?:" + grouped_alternation(sorted(words("origins", "start_verbs"), key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
# The same for lowercased text, case-sensitive, `(?<!\w)` after each verb's first letter
# (scanned for in C instead of trying every position).
_START_VERB_LOWER = re.compile(r"(?:" + word_start_alternation(sorted((w.lower() for w in words("origins", "start_verbs")),
                                                                  key=len, reverse=True)) + r")(?!\w)")
_RUNNING = re.compile(r"[Ss](?<!\w[Ss])au (?:gần |hơn |khoảng )?(?P<n>\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) năm "
                      r"(?:" + _alternation("running_verbs") + r")(?!\w)")
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_UNIT_TAIL = r"(?:[ ](?:" + _alternation("operator_units") + r")(?:[ ]" + CAP_RUN + r")?)?(?!\w)"
_OPERATOR = re.compile(r"(?:" + word_start_alternation(sorted(words("origins", "operators"), key=len, reverse=True)) + r")"
                       + _UNIT_TAIL)
# (?<!\w)(?P<agent>(?:do|được|bởi)[ ]+(?:các[ ]+(?:ông[ ]+)?)?)?(?:community operators), spelt
# as one flat alternation whose every branch starts with a letter, its (?<!\w) after that
# letter, so that `re` scans for the letters in C: an agent branch per agent word (its group
# holds the spaces after the word: the same end), then the operators alone.
_COMMUNITY_WORDS = tuple(words("origins", "community_operators"))
_AGENT_WORDS = ("do", "được", "bởi")
_AGENTS = tuple(f"agent{i}" for i in range(len(_AGENT_WORDS)))
_COMMUNITY = re.compile(
    r"(?:" + "|".join(f"{re.escape(w[0])}(?<!\\w{re.escape(w[0])}){re.escape(w[1:])}(?P<{g}>[ ]+(?:các[ ]+(?:ông[ ]+)?)?)"
                      "(?:" + _alternation("community_operators") + ")" for g, w in zip(_AGENTS, _AGENT_WORDS, strict=True))
    + "|" + word_start_alternation(sorted(words("origins", "community_operators"), key=len, reverse=True)) + r")"
    + _UNIT_TAIL)


@dataclass(frozen=True)
class Origin:
    """When a model started (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and who runs it, with spans."""

    started: str | None = None
    started_span: tuple[int, int] | None = None
    operator: str | None = None
    operator_span: tuple[int, int] | None = None


def _date_value(m: re.Match, pub_year: int | None) -> str | None:
    if m["y3"]:
        return m["y3"]
    if m["m2"]:
        return f"{m['y2']}-{int(m['m2']):02d}" if 1 <= int(m["m2"]) <= 12 else None
    year = m["y"] or (str(pub_year) if pub_year else None)
    day, month = int(m["d"]), int(m["m"])
    if not year or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}-{day:02d}"


_ACTS = re.compile(r"^[ ,]*(?:(?:đã|đang|sẽ|cũng|tiếp tục|chủ động|là)[ ]+)*(?:" + _alternation("start_verbs")
                   + r"|duy trì|phối hợp|chủ trì|vận động|hướng dẫn|đề xuất)(?!\w)", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words("origins", "not_operator_before"), key=len,
                                                                          reverse=True))) + r")[ ]+\Z", re.IGNORECASE)
_WITH = re.compile(r"[ ,]*(?:cùng|cùng với|và|phối hợp với)[ ]+")
_ANAPHORA = tuple(words("origins", "anaphora"))


def goes_on_about(sentence: str, head: str) -> bool:
    """Does a sentence open by referring back to a model whose name starts with `head`
    (`Mô hình ra mắt ngày ...`, `Tổ được thành lập từ ...`)?"""
    opening = sentence.lstrip(" \"“”'")
    return opening.startswith(_ANAPHORA) or bool(head) and opening.startswith(head + " ")


def _agent_end(m: re.Match) -> int | None:
    """Where the agent word before a community body (`do`, `được`) and its spaces end, if any."""
    if m.re is _COMMUNITY:
        for g in _AGENTS:
            if m[g]:
                return m.end(g)
    return None


def _span(m: re.Match) -> tuple[int, int]:
    """An operator's span, without the agent word before a community body (`do`, `được`)."""
    agent = _agent_end(m)
    return (m.start() if agent is None else agent), m.end()


def _name(m: re.Match) -> str:
    s, e = _span(m)
    return m.string[s:e]


class _Stretch:
    """What one stretch of text says about starts and operators, read once however many
    models it names (linear time)."""

    def __init__(self, text: str, span: tuple[int, int], pub_year: int | None, low: str | None = None,
                 community: bool = True):
        start, end = span
        self.running = _RUNNING.search(text, start, end)
        has_verb: bool | None = None  # (looked for only once a date without `từ` needs it)
        self.dates: list[tuple[str, tuple[int, int]]] = []
        for m in _dates(text, start, end):
            if not m["from"] and has_verb is None:
                has_verb = (_START_VERB.search(text, start, end) if low is None
                            else _START_VERB_LOWER.search(low, start, end)) is not None
            if not (has_verb or m["from"]) or _NOT_START_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                continue
            value = _date_value(m, pub_year)
            if value:
                self.dates.append((value, m.span()))
        # "Theo Công an tỉnh, ..." names a source, not who runs the model
        found = [m for m in _OPERATOR.finditer(text, start, end)
                 if not _SOURCE_BEFORE.search(text, max(start, m.start() - 22), m.start())]
        for m in _COMMUNITY.finditer(text, start, end) if community else ():  # only as an agent or acting
            if _agent_end(m) is not None or _ACTS.match(text[m.end() : m.end() + 40]):
                found.append(m)
        found.sort(key=lambda m: m.start())
        self.operators = [(_name(m), _span(m)) for m in found]
        self.acting = []
        for i, m in enumerate(found):
            if _ACTS.match(text[m.end() : m.end() + 40]):
                # "A cùng B xây dựng": A leads; B joins it
                lead = found[i - 1] if i and _WITH.fullmatch(text[found[i - 1].end() : m.start()]) else m
                self.acting.append((_name(lead), _span(lead)))

    def started(self, model: tuple[int, int], pub_year: int | None) -> tuple[str, tuple[int, int]] | None:
        """`sau N năm triển khai` counted back, else the date nearest the model."""
        if self.running and pub_year:
            n = self.running["n"]
            return str(pub_year - (int(n) if n.isdigit() else _WORD_NUMBERS[n])), self.running.span()
        return min(self.dates, key=lambda d: abs(d[1][0] - model[0]), default=None)

    def operator(self, model: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
        """The organization that acts (`Công an xã phối hợp xây dựng`), else the one named
        last before the model, else the first one after it."""
        if self.acting:
            return self.acting[0]
        before = [op for op in self.operators if op[1][1] <= model[0]]
        return before[-1] if before else (self.operators[0] if self.operators else None)


class OriginFinder:
    """Starts and operators of the models of one text; each stretch is read once."""

    def __init__(self, text: str, published: str | None):
        self.text = text
        self.pub_year = int(published[:4]) if published and published[:4].isdigit() else None
        self._stretches: dict[tuple[int, int], _Stretch] = {}
        self._low: str | None = None  # (for the start verbs; read when a stretch first is)
        self._community = True  # a community body is named by one of its words: a text without any skips the search

    def _stretch(self, span: tuple[int, int]) -> _Stretch:
        if not self._stretches:
            self._low = caseless(self.text)
            self._community = any(w in self.text for w in _COMMUNITY_WORDS)
        if span not in self._stretches:
            self._stretches[span] = _Stretch(self.text, span, self.pub_year, self._low, self._community)
        return self._stretches[span]

    def origin(self, sent: tuple[int, int], model: tuple[int, int],
               earlier: list[tuple[int, int]] | None = None, later: list[tuple[int, int]] | None = None) -> Origin:
        """The model's start (its sentence, else the `later` sentences that go on about it,
        else the nearest of the `earlier` sentences of its paragraph that states one) and its
        operator (its sentence)."""
        here = self._stretch(sent)
        st = here.started(model, self.pub_year)
        for span in [*(later or ()), *(earlier or ())]:
            if st is not None:
                break
            st = self._stretch(span).started(model, self.pub_year)
        op = here.operator(model)
        return Origin(st[0] if st else None, st[1] if st else None, op[0] if op else None, op[1] if op else None)


def origin(text: str, sent: tuple[int, int], model: tuple[int, int], published: str | None,
           earlier: list[tuple[int, int]] | None = None, later: list[tuple[int, int]] | None = None) -> Origin:
    """One model's origin (a finder for a single call)."""
    return OriginFinder(text, published).origin(sent, model, earlier, later)

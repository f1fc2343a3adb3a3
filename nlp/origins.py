"""Since when, and who runs it: a model's start and its operator, from its sentence.

A date in the model's sentence is its start when a start verb (`ra mắt`, `thành lập`,
`triển khai từ`...) stands in that sentence or `từ` opens the date; `sau 3 năm triển khai`
counts back from the publication. The operator is the organization that stands as the
sentence's subject before the model (`Hội Phụ nữ xã`, `Công an huyện Đại Từ`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.lexicon import words
from nlp.place_names import CAP_RUN

_DATE = re.compile(
    r"(?<!\w)(?:(?P<from>[Tt]ừ )?(?:(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối) (?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?"
    r"|[Tt]háng (?P<m2>\d{1,2})(?:/| năm )(?P<y2>\d{4})|[Nn]ăm (?P<y3>(?:19|20)\d{2})))(?![\d/])")
_NOT_START_BEFORE = re.compile(r"(?:đến|tới|so với|cuối|hết|trước)\s*$", re.IGNORECASE)


def _alternation(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words("origins", key), key=len, reverse=True))


_START_VERB = re.compile(r"(?<!\w)(?:" + _alternation("start_verbs") + r")(?!\w)", re.IGNORECASE)
_RUNNING = re.compile(r"(?<!\w)[Ss]au (?:gần |hơn |khoảng )?(?P<n>\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) năm "
                      r"(?:" + _alternation("running_verbs") + r")(?!\w)")
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_OPERATOR = re.compile(r"(?<!\w)(?:" + _alternation("operators") + r")(?:[ ](?:" + _alternation("operator_units")
                       + r")(?:[ ]" + CAP_RUN + r")?)?(?!\w)")


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


def started(text: str, sent: tuple[int, int], model: tuple[int, int], published: str | None) -> tuple[str, tuple[int, int]] | None:
    """The model's start in its sentence `sent`, with the span of the words that say it."""
    s_start, s_end = sent
    pub_year = int(published[:4]) if published and published[:4].isdigit() else None
    run = _RUNNING.search(text, s_start, s_end)
    if run and pub_year:
        n = run["n"]
        years = int(n) if n.isdigit() else _WORD_NUMBERS[n]
        return str(pub_year - years), run.span()
    has_verb = _START_VERB.search(text, s_start, s_end) is not None
    best = None
    for m in _DATE.finditer(text, s_start, s_end):
        if not (has_verb or m["from"]) or _NOT_START_BEFORE.search(text, max(s_start, m.start() - 12), m.start()):
            continue
        value = _date_value(m, pub_year)
        if value and (best is None or abs(m.start() - model[0]) < abs(best[1][0] - model[0])):
            best = (value, m.span())
    return best


_ACTS = re.compile(r"^[ ,]*(?:(?:đã|đang|sẽ|cũng|tiếp tục|chủ động|là)[ ]+)*(?:" + _alternation("start_verbs")
                   + r"|phối hợp|chủ trì|vận động|hướng dẫn|đề xuất)(?!\w)", re.IGNORECASE)


def operator(text: str, sent: tuple[int, int], model: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """The organization that acts in the model's sentence (`Công an xã phối hợp xây dựng`),
    else the one named last before the model, else the first one after it."""
    found = list(_OPERATOR.finditer(text, sent[0], sent[1]))
    acting = [m for m in found if _ACTS.match(text[m.end() : m.end() + 40])]
    before = [m for m in found if m.end() <= model[0]]
    pick = acting[0] if acting else before[-1] if before else (found[0] if found else None)
    return (pick.group(), pick.span()) if pick else None


def origin(text: str, sent: tuple[int, int], model: tuple[int, int], published: str | None,
           earlier: tuple[int, int] | None = None) -> Origin:
    """The model's start (its sentence, else `earlier`: the sentences before it in its
    paragraph) and its operator (its sentence)."""
    st = started(text, sent, model, published)
    if st is None and earlier is not None:
        st = started(text, earlier, model, published)
    op = operator(text, sent, model)
    return Origin(st[0] if st else None, st[1] if st else None, op[0] if op else None, op[1] if op else None)

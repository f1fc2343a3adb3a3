"""Statistics: reported figures, their qualifier and counted unit, excluding what is not one.

Not statistics: dates, years, times, ages, phone numbers, document numbers, legal articles,
ordinals, and names holding numbers (`quận 4`, `Ban Chỉ đạo 138`, `mô hình 5+1`).
Works on the normalized text; offsets are normalized offsets (mapped back by the caller).
"""

from __future__ import annotations

import bisect
import re as stdre
from dataclasses import dataclass
from itertools import chain

import regex as re

from nlp.lexicon import grouped_alternation, load, words
from nlp.numbers import MAX_FIGURE_DIGITS, WORDS, Number, find_numbers, parse_digits, parse_words
from nlp.place_words import nouns_pattern, unit_nouns
from nlp.scan import finditer_at, finditer_near, first_piece, occurrences, refused, stretch_starts
from nlp.units import thing_named_by, unit_at, unit_matcher

_LEX = "figures"  # nlp/data/figures.yaml
QUALIFIERS: list[tuple[str, str]] = list(load(_LEX)["qualifiers"].items())
_QUAL_RX = stdre.compile(
    r"(?:^|(?<=[\s(]))(" + grouped_alternation([q for q, _ in sorted(QUALIFIERS, key=lambda x: -len(x[0]))])
    + r")[ ]+\Z", stdre.IGNORECASE)
_QUAL = dict(QUALIFIERS)

# Words right before a number that make it a name, a code, a date or an ordinal.
NAME_WORDS = frozenset(words(_LEX, "name_words"))
_NAME_LAST_WORDS = frozenset(w.split()[-1] for w in NAME_WORDS) | {"số"}
_NOT_NAME_BEFORE_SO = frozenset(words(_LEX, "not_name_before_so"))  # "tổng số 41 loại mô hình" is a figure
# Words that name a unit only sometimes: followed by a counted noun, the number is a figure
# ("đồn biên phòng 14 vụ việc", "qua các nhóm 37 tin báo", "hòa giải 5 vụ").
WEAK_NAME_WORDS = frozenset(words(_LEX, "weak_name_words"))
_PLURAL = frozenset(words(_LEX, "plural_words"))
_ROLES = frozenset(words(_LEX, "team_roles"))


def _name_before(before: str, counted_after: bool = False) -> bool:
    """Is the number preceded by a word that makes it a name, code, date or ordinal?
    ("Công an phường: 940 camera" has a label, not a name, before its figure.)"""
    stripped = before.rstrip(" ")
    if stripped.endswith(":"):
        return False
    last = stripped[stripped.rfind(" ") + 1 :].lower()
    if last not in _NAME_LAST_WORDS:
        return False  # quick exit: no name word can end here
    tail = [w.lstrip("(\"'“‘[") for w in stripped.lower().split()[-4:]]  # "(Ban Chỉ đạo 138 ..."
    for n in (4, 3, 2, 1):
        if len(tail) >= n and " ".join(tail[-n:]) in NAME_WORDS:
            if n == 1 and counted_after and (tail[-1] in WEAK_NAME_WORDS or (
                    len(tail) >= 2 and tail[-2] in _PLURAL)):
                return False
            return True
    if tail and tail[-1] == "số":
        return not (len(tail) >= 2 and tail[-2] in _NOT_NAME_BEFORE_SO)
    return False


# What makes a number no count after it ("độ" is degrees; "đội" a team). (The pattern is
# matched in place: `.match(text, pos, pos + 40)`, the window's slice not copied.)
_NOT_A_COUNT = (r"tuổi", r"giờ", r"h(?!\w)", r"phút", r"giây", r"năm(?! người)", r"tháng", r"ngày", r"tuần", r"quý",
                r"thế kỷ", r"\+", r"không(?!\w)", r"sao(?!\w)", r"tầng", r"km/h", r"độ(?!\w)",
                r"tiếng(?!\w)", r"inch(?!\w)", r"[/-][0-9]")  # ("tiếng": hours, or strikes of a gong)
_NOT_A_COUNT_AFTER = stdre.compile(r"[ ]*(?:" + "|".join(_NOT_A_COUNT) + ")", stdre.IGNORECASE)
# The common characters (ASCII and Vietnamese letters) that start none of its alternatives:
# after those, the pattern is not tried. (Made from the alternatives: add one there.)
_NOT_A_COUNT_NEVER = refused(stdre.compile("|".join(map(first_piece, _NOT_A_COUNT)), stdre.IGNORECASE))


def _not_a_count_after(text: str, end: int) -> bool:
    """`_NOT_A_COUNT_AFTER.match(text, end, end + 40)`, after a cheap look at the first
    character past a space (most figures are followed by a noun it never starts)."""
    c = text[end : end + 1]
    if c == " ":
        c = text[end + 1 : end + 2]
    if c == "" or c in _NOT_A_COUNT_NEVER:
        return False
    return _NOT_A_COUNT_AFTER.match(text, end, end + 40) is not None


_MASKS = [
    re.compile(r"(?<!\d)(?:0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}|1900[ .]?\d{4}|\+84[ \d.]{9,13})(?!\d)"),  # phones
    # A match never starts inside a digit run ((?<!\d)): the same matches, in linear time.
    re.compile(r"(?<!\d)\d+\s*\+\s*\d+"),  # 5+1, 5 + 1
    re.compile(r"(?<!\d)\d+\.0(?!\d)"),  # công nghệ 4.0
    re.compile(r"(?<!\d)\d+[/-]\d+(?:[/-]\d+)*(?:[/-]?[\p{Lu}Đ][\p{L}\-/]*)?"),  # 25/12, 1945/QĐ-BCĐ, 44-KL/TW
    re.compile(r"(?:https?://|www\.)\S+|(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org)(?![A-Za-z])\S*"),
]
_DIGIT = re.compile(r"\d")


def _phone_starts(text: str) -> list[int]:
    """Where a phone number may start: a `0` after no ASCII digit (the pattern refuses any
    digit before it), `1900`, `+84`."""
    zeros = [m.start() for m in _LONE_ZERO.finditer(text)]  # (a literal first: scanned for in C)
    return sorted({*zeros, *occurrences(text, "1900"), *occurrences(text, "+84")})


_LONE_ZERO = stdre.compile(r"0(?<![0-9]0)")  # a `0` after no ASCII digit
# Where a web address may be: what the URL mask needs (its dot-led part one scan for `.`).
_DOT_DOMAIN = stdre.compile(r"\.(?:vn|com|net|org)")


def _is_digit(ch: str) -> bool:
    r"""A digit as the masks read them (`\d` of the regex module)."""
    return "0" <= ch <= "9" or ch > "\x7f" and _DIGIT.match(ch) is not None


# (what `_may_follow` looks for: every alternative; a classifier may stand in quotes: `285 "mắt" camera`)
_CLASSIFIER_TUPLE = (*words(_LEX, "classifiers"), *(f'"{w}"' for w in words(_LEX, "quoted_classifiers")))
_CLASSIFIERS = stdre.compile(r"[ ]+(?:" + "|".join(map(stdre.escape, _CLASSIFIER_TUPLE)) + r")(?=[ ])")


def _may_follow(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Can a case-sensitive pattern `[ ]+(?:words)...` match at `pos`: a space, then one of
    `words` or another space? (A cheap look before the pattern: mostly a noun follows.)"""
    return text.startswith(" ", pos) and (text.startswith(words, pos + 1) or text.startswith(" ", pos + 1))


_STOP = frozenset(words(_LEX, "stop_words"))
_NOT_SECOND = frozenset(words(_LEX, "not_second_syllable"))
_WORD_RX = re.compile(r"^[ ]+([\p{Ll}\p{M}]+)(?![\p{L}\p{M}])")
_DURATION_BEFORE = stdre.compile(r"(?<!\w)(?:sau|trong|mất)[ ]+\Z", stdre.IGNORECASE)
_SESSIONS = ("buổi", "ca", "đêm")
_SESSION_AFTER = stdre.compile(r"[ ]+(?:" + "|".join(_SESSIONS) + r")(?!\w)", stdre.IGNORECASE)
_SESSION_REFUSED = refused(stdre.compile("|".join(map(first_piece, _SESSIONS)), stdre.IGNORECASE))  # (past a space)
_STRIKES_AFTER = stdre.compile(r"[ ]+(?:lần|hồi|tiếng)(?!\w)", stdre.IGNORECASE)
_SIGNAL_BEFORE = stdre.compile(r"(?<!\w)(?:đánh|gõ|thổi|đổ)(?: (?:kẻng|mõ|trống|chuông|còi))?[ ]+\Z", stdre.IGNORECASE)
_CAP_NOUN_RX = re.compile(r"^[ ]+(\p{Lu}[\p{Ll}\p{M}]+)[ ]+([\p{Ll}\p{M}]+)(?![\p{L}\p{M}])")
_RANGE_WORDS = ("đến", "tới", "-", "–")
_RANGE_TAIL = stdre.compile(r"[ ]*(?:%[ ]*)?(?:" + "|".join(map(stdre.escape, _RANGE_WORDS))
                            + r")[ ]*([0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)")
_RANGE_FIRST = frozenset(["%", *(w[0] for w in _RANGE_WORDS)])  # what _RANGE_TAIL reads first past its spaces


def _range_tail(text: str, end: int, endpos: int | None = None):
    """`_RANGE_TAIL.match(text, end, endpos)`, after a cheap look at the first character past
    a space (most figures are followed by their noun, and no range)."""
    c = text[end : end + 1]
    if c == " ":
        c = text[end + 1 : end + 2]
    if c != " " and c not in _RANGE_FIRST:
        return None
    return _RANGE_TAIL.match(text, end) if endpos is None else _RANGE_TAIL.match(text, end, endpos)


# `[,;:.!?()"\n]| và | nhưng | trong đó | với `, led by one set of first characters (the
# branch then chosen by a lookbehind): `re` scans for that set in C; the same matches.
_CLAUSE_END = stdre.compile(r"[,;:.!?()\"\n ](?:(?<=[,;:.!?()\"\n])|(?<= )(?:và|nhưng|trong đó|với) )")
_WORD_NUMBER_BAD_BEFORE = stdre.compile(
    "(?:" + "|".join(map(stdre.escape, words(_LEX, "word_number_bad_before"))) + r")[ ]+\Z", stdre.IGNORECASE)
_WORD_NUMBER_BAD_WORDS = tuple(w.lower() for w in words(_LEX, "word_number_bad_before"))


def _ends_with_before_spaces(window: str, ends: tuple[str, ...], rx: stdre.Pattern, whole_word: bool = False) -> bool:
    r"""`rx.search(window)` for an IGNORECASE pattern `(?<!\w)?(?:ends)[ ]+\Z`: one of the
    lowercase `ends` ends the window before its spaces, tested with `endswith` instead of
    trying the pattern at every position (see nlp.normalize.caseless for when lowercase
    finds what IGNORECASE finds; elsewhere the pattern itself)."""
    head = window.rstrip(" ")
    if len(head) == len(window):
        return False  # `[ ]+` needs a space
    low = head.lower()
    if len(low) != len(head) or "ı" in low or "ſ" in low:
        return rx.search(window) is not None
    if not whole_word:
        return low.endswith(ends)
    for w in ends:
        k = len(low) - len(w)
        if low.endswith(w) and (k == 0 or not (head[k - 1].isalnum() or head[k - 1] == "_")):
            return True
    return False


@dataclass(frozen=True)
class RawStatistic:
    """A figure found in normalized text: offsets are into that text."""

    value: float | int
    qualifier: str
    unit: str
    subject: str
    start: int  # evidence start (qualifier included)
    end: int  # evidence end (unit included)
    number_start: int
    value_max: float | int | None = None
    total: float | int | None = None  # a coverage ratio's whole: `12/12 tổ dân phố`
    how: str = ""  # what the rules saw: counted, plain_word, words, approximate, percent, ratio


def _masked(text: str) -> bytearray:
    """1 at every character inside a phone number, a date or code, a URL, `5+1` or `4.0`."""
    mask = bytearray(len(text) + 1)
    has_url = "http" in text or "www." in text or _DOT_DOMAIN.search(text) is not None
    phones, plus, point_zero, slashed, url = _MASKS
    # Each mask matched only where it may start (its finditer, found faster): a phone at a
    # `0`, `1900` or `+84`; the others at the digits right before what they need.
    found = [finditer_at(phones, text, _phone_starts(text)), plus.finditer(text),
             finditer_at(point_zero, text, stretch_starts(text, (".0",), _is_digit)),
             finditer_at(slashed, text, stretch_starts(text, ("/", "-"), _is_digit))]
    for m in chain(*found, url.finditer(text) if has_url else ()):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for start, end in slogan_numbers(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


# Slogans holding numbers ("3 giảm, 4 giữ", "2 tốt, 3 không", "4 an toàn", "Nhà trọ 3 có"):
# a number followed by a word that is no counted noun, quoted, or in a chain of such pairs.
_PAIR = r"[0-9]{1,2}[ ]+[^\W\d_]+(?:[ ][^\W\d_]+)?"
# (?<![\w.,/]) + _PAIR, the lookbehind after the first digit (scanned for in C: faster)
SLOGAN_CHAIN = stdre.compile(r"[0-9](?<![\w.,/][0-9])" + _PAIR.replace("[0-9]{1,2}", "[0-9]?", 1)
                             + rf"(?:[ ]*[,–-][ ]*{_PAIR})+")
# What every chain holds: a separator, spaces, a pair's number and its word's first letter; one
# pattern per separator, each led by it (found several times faster than SLOGAN_CHAIN's digits).
_CHAIN_HINTS = [stdre.compile(sep + r"[ ]*[0-9][0-9]?[ ]+[^\W\d_]") for sep in (",", "–", "-")]
_QUOTED = stdre.compile(r"[\"“]([^\"“”\n]{1,60})[\"”]")
# ((?<![\w.,/]) checked after the first digit: scanned for in C; the same matches)
_NUMBER_WORD = stdre.compile(r"([0-9](?<![\w.,/][0-9])[0-9]?)[ ]+([^\W\d_]+)")
_LAST_NUMBER = stdre.compile(r"(?<![\w.,/])[0-9]{1,2}[ ]*\Z")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """`[m.span(1) for m in _QUOTED.finditer(text)]`, matched only at the opening quotes
    (found with str.find: faster than scanning for a set of two characters)."""
    return [m.span(1) for m in finditer_near(_QUOTED, text, ('"', "“"))]


def is_slogan(name: str) -> bool:
    """Does a name hold a slogan's numbers ("4 an toàn", "Tổ tự quản 6 trong 1")?"""
    pairs = list(_NUMBER_WORD.finditer(name))
    return bool(pairs) and not any(unit_matcher().match(name, p.end(1)) for p in pairs)


def slogan_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers that belong to slogans, not to figures."""
    spans: list[tuple[int, int]] = []
    units = unit_matcher()
    chains = SLOGAN_CHAIN.finditer(text) if any(hint.search(text) for hint in _CHAIN_HINTS) else ()
    quoted = _quoted_spans(text)
    for i, region in enumerate([*quoted, *(m.span() for m in chains)]):
        numbers: list[tuple[int, int]] = []
        for pair in _NUMBER_WORD.finditer(text, *region):
            if units.match(text, pair.end(1)):
                break  # a counted noun: figures ("5 tổ, 3 đội"), not a slogan
            numbers.append(pair.span(1))
        else:
            if numbers and i < len(quoted):  # a quoted slogan's last number too: “5 trong 1”
                numbers += [m.span() for m in _LAST_NUMBER.finditer(text, numbers[-1][1], region[1])]
            spans += numbers
    if spans and quoted:
        # a quoted slogan's pairs said again to explain it (`“2 xây, 3 phòng”, cụ thể: 2 xây là ...`)
        pairs = {text[a : b + 1 + len(w)] for a, b in spans
                 if (w := text[b + 1 : b + 25].split(" ", 1)[0].rstrip(",;.:”\"")) and text[b : b + 1] == " "}
        for pair in pairs:
            at = text.find(pair)
            while at != -1:
                after = at + len(pair)
                if (at == 0 or not text[at - 1].isalnum()) and _EXPLAINED.match(text, after):
                    num_end = at + len(pair.split(" ", 1)[0])
                    if (at, num_end) not in spans:
                        spans.append((at, num_end))
                at = text.find(pair, at + 1)
    if " trong " in text:
        for m in _N_IN_ONE.finditer(text):
            if not units.match(text, m.end(2)):  # "5 trong 10 xã": a part of a whole, a figure
                spans += [m.span(1), m.span(2)]
    return spans


_EXPLAINED = stdre.compile(r"[ ]*(?:là|nghĩa là|:|\(|–|-)(?!\w)")
# "tổ công tác 3 trong 1", "mô hình 5 trong 1": a team doing several jobs, a slogan unquoted
_N_IN_ONE = stdre.compile(r"(?<![\w.,])([0-9]{1,2}) trong ([0-9]{1,2})(?![\w.,%/])")


# Admin-unit nouns come from the one table of units (nlp/data/places.yaml), by the role they play.
_ADMIN_BEFORE = stdre.compile(r"(?<!\w)(?:" + nouns_pattern("number_name") + r")[ ]*\Z", stdre.IGNORECASE)
_NOT_COUNT_UNITS = frozenset(words(_LEX, "duration_units"))
_THRESHOLD_AFTER = stdre.compile(r"[ ]+(?:\w+[ ]+){0,3}?(?:trở lên|trở xuống)(?!\w)")
_POLICE_OF = stdre.compile(r"(?i)công an[ ]+\S+[ ]*\Z")
_FROM_BEFORE = stdre.compile(r"(?<!\w)từ[ ]+\Z", stdre.IGNORECASE)
_ADMIN_JOIN = stdre.compile(r",[ ]*(?:" + nouns_pattern("list_join") + r")(?!\w)")
_PLACE_UNITS = frozenset(unit_nouns("counted_place"))
_JOINABLE = frozenset(unit_nouns("list_join"))


def _is_name(text: str, num: Number, sentence_start: int, counted: bool) -> bool:
    before = text[sentence_start if sentence_start > num.start - 30 else num.start - 30 : num.start]
    if _name_before(before, counted):
        # "cho Công an phường 14 tin báo": an admin noun then a counted noun is a figure.
        if counted and _ADMIN_BEFORE.search(before) and _POLICE_OF.search(before):
            return False
        return True
    stripped = before.rstrip(" ")
    word = stripped.rsplit(" ", 1)[-1].lstrip("\"'(") if stripped and stripped != before else ""
    if word and word.replace(".", "").isalpha():  # letters (and dots: "TP.")
        if not word[0].isupper() or counted or word.lower() in _QUAL:
            return False  # (checked first: the sentence's lead below is a longer slice)
        lead = text[sentence_start : num.start - (len(before) - len(stripped)) - len(word)].rstrip(" \"'(“")
        first_in_sentence = not lead or lead.endswith(":")  # a clause after a colon starts capitalized too
        if not first_in_sentence:
            return True
    return False


def find_statistics(text: str, sentence_bounds: list[tuple[int, int]] | None = None) -> list[RawStatistic]:
    """Every figure of the text: a number that is not a name, code or date, with its
    qualifier, range and counted unit. Numbers inside a range already taken are skipped."""
    masks = _masked(text)
    starts = [a for a, _ in (sentence_bounds or [(0, len(text))])]
    out: list[RawStatistic] = _ratios(text, starts)
    if " trong " in text or " trên " in text:
        for st, taken in _ratios_in_words(text):  # "77 trong tổng số 89 làng": its numbers are taken
            out.append(st)
            masks[taken : st.end] = b"\x01" * (st.end - taken)
    skip_until = -1
    for num in find_numbers(text):
        if num.start < skip_until or masks[num.start]:
            continue
        i = bisect.bisect_right(starts, num.start) - 1
        s_start = starts[i if i > 0 else 0]
        stat, skip_until = _statistic_at(text, num, s_start, skip_until)
        if stat is not None:
            out.append(stat)
    out.sort(key=lambda st: st.start)  # ratios joined to the figures, in text order
    if "1 " in text:  # "mỗi tổ gồm 1 tổ trưởng, 1 tổ phó": how a team is made up, not a count
        out = [st for st in out if not (st.value == 1 and st.unit.lower() in _ROLES)]
    return _without_rates(text, out) if "cứ" in text or "Cứ" in text else out


_RATE_BEFORE = stdre.compile(r"(?<!\w)[Cc]ứ[ ]+\Z")
_RATE_CLAUSE_END = stdre.compile(r"[,;.:!?\n]")


def _without_rates(text: str, stats: list[RawStatistic]) -> list[RawStatistic]:
    """A rate is no reported count: "cứ 15 - 20 hộ lập thành 1 tổ", "cứ 2 thôn lại có 1 kẻng"
    (the figure after `cứ` and the one its clause pairs it with)."""
    out, pair_until = [], -1
    for st in stats:
        if st.number_start < pair_until:
            pair_until = -1  # the rate's second term
            continue
        if _RATE_BEFORE.search(text, max(0, st.number_start - 6), st.number_start):
            end = _RATE_CLAUSE_END.search(text, st.end)
            pair_until = end.start() if end else len(text)
            continue
        out.append(st)
    return out


def _statistic_at(text: str, num: Number, s_start: int, skip_until: int) -> tuple[RawStatistic | None, int]:
    """The figure `num` stands for, if any, and how far a range it opens reaches."""
    unit_m = unit_at(text, num.end)
    counted = bool(unit_m) and unit_m[1].lower() not in _PLACE_UNITS
    if not counted and (span := _range_tail(text, num.end)):  # "mỗi tổ 5 đến 7 người"
        after = unit_at(text, span.end())
        counted = bool(after) and after[1].lower() not in _PLACE_UNITS
    if not _may_be_figure(text, num, s_start, counted):
        return None, skip_until
    value_max, end = _range_end(text, num)
    if value_max is not None:
        skip_until = end
    if text.startswith(("đ", " đ"), end) and _DONG_GLUED.match(text, end):  # "117.000đ/hộ", "2 triệu đ": money short
        qualifier, ev_start = _qualifier(text, num, value_max)
        return RawStatistic(num.value, qualifier, "đồng", "đồng", ev_start, text.index("đ", end) + 1, num.start,
                            value_max, how="counted"), skip_until
    found = _unit_after(text, num, end, unit_m)
    if found is None and _SCALED_END.search(text, num.start, num.end) and _MONEY_BEFORE.search(
            text, max(s_start, num.start - 30), num.start):
        qualifier, ev_start = _qualifier(text, num, value_max)  # "góp 400 ngàn": money, in đồng
        return RawStatistic(num.value, qualifier, "đồng", "đồng", ev_start, num.end, num.start, value_max,
                            how="counted"), skip_until
    if found is None:
        return _total_before(text, num, s_start), skip_until
    unit, unit_from, unit_end, counted_noun = found
    if not _counts_something(text, num, unit, unit_end, value_max) or (
            _may_follow(text, unit_end, _ANAPHORIC_WORDS) and _ANAPHORIC_AFTER.match(text, unit_end)):
        return None, skip_until
    how = ("percent" if num.percent or unit == "%" else "approximate" if num.approximate else "words" if num.words
           else "counted" if counted_noun else "plain_word")
    subject = None
    if unit_from != end:  # after a classifier the unit is both words: "chiếc camera"
        unit = text[end:unit_end].strip().replace('"', "")
    elif not counted_noun and unit.lower() in _CLASSIFIER_WORDS and (
            named := _NUMBER_OF_BEFORE.search(text, max(s_start, num.start - 120), num.start)):
        # "số camera ... lắp đặt là hơn 4.700 cái": the classifier counts the noun named before
        noun = unit_matcher().match(text, named.end())
        if noun:
            unit, counted_noun, how = noun[1], True, "counted"
            subject = noun[1]
    qualifier, ev_start = _qualifier(text, num, value_max)
    value = num.value
    if counted_noun and isinstance(value, float) and _COMMA_THOUSANDS.fullmatch(text, num.start, num.end) and (
            unit.lower().split()[0] not in _MEASURES):
        value = int(text[num.start : num.end].replace(",", ""))  # "2,875 hộ dân": no household is split
    subject = subject or _subject(text, unit_from, unit_end)
    if (thing := thing_named_by(unit)) is not None:
        subject = f"{thing} ({subject})"  # "10 mắt": ten cameras
    return RawStatistic(value, qualifier, unit, subject, ev_start, unit_end,
                        num.start, value_max, how=how), skip_until


# A comma then three digits before a noun of whole things is a thousands separator written
# the English way ("2,875 hộ dân"); before a measure it stays a decimal ("1,500 km").
_COMMA_THOUSANDS = stdre.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
_MEASURES = frozenset(words(_LEX, "measure_units"))


_DONG_GLUED = stdre.compile(r"[ ]?đ(?![\w])")
_CLASSIFIER_WORDS = frozenset(words(_LEX, "classifiers"))
_NUMBER_OF_BEFORE = stdre.compile(r"(?<!\w)[Ss]ố(?: lượng)?(?=[ ])(?!.*(?<!\w)[Ss]ố(?: lượng)?[ ])")
_ANAPHORIC_AFTER = stdre.compile(r"[ ]+(?:" + "|".join(map(stdre.escape, words("figures", "anaphoric_after"))) + r")(?!\w)")
_ANAPHORIC_WORDS = tuple(words("figures", "anaphoric_after"))
_TOTAL_BEFORE = stdre.compile(r"[Tt](?<!\w[Tt])ổng số[ ]+(?P<rest>[^.;:!?\n]{1,60}?)[ ]+(?:lên(?: tới| đến)?(?: con số)?"
                               r"|là(?: con số)?|đạt)[ ]*\Z")


_SCALED_END = stdre.compile(r"(?<!\w)(?:nghìn|ngàn|triệu|tỷ|tỉ)\Z", stdre.IGNORECASE)
_MONEY_BEFORE = stdre.compile(r"(?<!\w)(?:" + "|".join(map(stdre.escape, words(_LEX, "money_before")))
                              + r")[ ]+(?:(?:khoảng|hơn|gần|trên|chừng)[ ]+)?\Z", stdre.IGNORECASE)


def _total_before(text: str, num: Number, s_start: int) -> RawStatistic | None:
    """A figure that comes after what it counts: `nâng tổng số mô hình lên 91`, `tổng số
    camera toàn huyện là 340`."""
    if num.words or num.percent:
        return None
    m = _TOTAL_BEFORE.search(text, max(s_start, num.start - 80), num.start)
    noun = unit_matcher().match(" " + m["rest"]) if m else None
    if noun is None or noun[1].lower() in _PLACE_UNITS:
        return None
    return RawStatistic(num.value, "exact", noun[1], noun[1], m.start(), num.end, num.start, how="counted")


_STREET_NAMED_AFTER = stdre.compile(r"[ ]+(?:đường|phố)[ ]+")


def _may_be_figure(text: str, num: Number, s_start: int, counted: bool) -> bool:
    """Not a name (`quận 4`), not a time or age (`20 giờ`), not a word number in an idiom."""
    if _is_name(text, num, s_start, counted):
        return False
    if num.end - num.start == 1 and text[num.start] == "1" and text.startswith((" số ", " phần "), num.end):
        return False  # "thêm 1 số kinh phí", "1 phần phường X": "một số" (some), "một phần" (part of)
    if (street := _STREET_NAMED_AFTER.match(text, num.end)) and text[street.end() : street.end() + 1].isupper():
        return False  # "hẻm 339, 351, 359 đường Lê Văn Sỹ": house and alley numbers on a named street
    if _not_a_count_after(text, num.end):
        return False
    if text.startswith(" ", num.end) and text[num.end + 1 : num.end + 2] not in _SESSION_REFUSED and _SESSION_AFTER.match(
            text, num.end) and _DURATION_BEFORE.search(text, max(0, num.start - 12), num.start):
        return False  # "chỉ sau 1 buổi họp", "trong 3 buổi": how long, not how many
    if _STRIKES_AFTER.match(text, num.end) and _SIGNAL_BEFORE.search(text, max(0, num.start - 30), num.start):
        return False  # "đánh kẻng 3 lần một nhịp": a signal's code, not how often
    if num.words and _DIGITS_BEFORE.search(text, num.start - 4 if num.start > 4 else 0, num.start):
        return False  # "tổng kết 15 năm mô hình": fifteen years, not "năm" (five) models
    return not (num.words and not num.percent
                and _ends_with_before_spaces(text[num.start - 12 if num.start > 12 else 0 : num.start],
                                             _WORD_NUMBER_BAD_WORDS, _WORD_NUMBER_BAD_BEFORE))


def _range_end(text: str, num: Number) -> tuple[float | int | None, int]:
    """`từ 15 - 25`, `từ 10 đến 15`, `từ ba đến năm`: the upper bound and where the range ends."""
    if num.words:
        return _word_range_end(text, num)
    rng = _range_tail(text, num.end, num.end + 40)
    if not rng or len(rng[1]) > MAX_FIGURE_DIGITS + 4:
        return None, num.end
    before = text[max(0, num.start - 20) : num.start]
    top = parse_digits(rng[1])
    if _ends_with_before_spaces(before, ("từ",), _FROM_BEFORE, whole_word=True) or (
            # without `từ`: a rising pair before a counted noun ("mỗi tổ 5 - 7 người")
            top > num.value and unit_at(text, rng.end())):
        return top, rng.end()
    return None, num.end


_WORD_RANGE_TAIL = stdre.compile(r"[ ]*(?:đến|tới|-|–)[ ]*(" + WORDS.pattern + ")", stdre.IGNORECASE)


def _word_range_end(text: str, num: Number) -> tuple[int | None, int]:
    """`từ ba đến năm thành viên`: a range in words, after `từ`, before a counted noun."""
    before = text[max(0, num.start - 20) : num.start]
    if not _ends_with_before_spaces(before, ("từ",), _FROM_BEFORE, whole_word=True):
        return None, num.end
    rng = _WORD_RANGE_TAIL.match(text, num.end, num.end + 40)
    top = parse_words(rng[1].lower()) if rng else None
    if top is None or top <= num.value or not unit_at(text, rng.end()):
        return None, num.end
    return top, rng.end()


_OPEN_QUOTE = stdre.compile(r"[ ]*[\"“]")
_DIGITS_BEFORE = stdre.compile(r"[0-9][ ]+\Z")


def _unit_after(text: str, num: Number, end: int, unit_m) -> tuple[str, int, int, bool] | None:
    """The counted unit after the figure (after a classifier: `5 chiếc camera`), as
    (noun, its start, its end, whether the lexicon knows it); a digit figure may take a plain
    noun; None if nothing counts."""
    if num.percent:
        return "%", end, end, True
    cls = _CLASSIFIERS.match(text, end, end + 12) if _may_follow(text, end, _CLASSIFIER_TUPLE) else None
    unit_from = cls.end() if cls else end
    m = unit_m if unit_from == num.end else unit_at(text, unit_from)
    quoted = None if m or cls else _OPEN_QUOTE.match(text, unit_from)
    if quoted and (named := unit_at(text, quoted.end())):
        # "32 “Tổ cựu chiến binh tự quản”": the count of a named team is a count of its head noun
        return named[1], unit_from, named.end(), True
    if m:
        unit, unit_end = _joined_admin_units(text, m)
    elif not num.words:  # (after a classifier too: "02 bộ máy tính")
        w = _WORD_RX.match(text[unit_from : unit_from + 30])
        if not w and (cap := _CAP_NOUN_RX.match(text[unit_from : unit_from + 40])) and cap[2].lower() not in _STOP:
            # "3 Trung tâm": a common noun capitalized by style (its next syllable lower case);
            # a run of capitalized syllables is a proper name, never a unit
            return f"{cap[1]} {cap[2]}", unit_from, unit_from + cap.end(), False
        if not w or w[1].lower() in _STOP or len(w[1]) < 2:
            return None
        unit, unit_end = w[1], unit_from + w.end()
        # A noun the lexicon lacks is most often two syllables (`nhân khẩu`, `đại biểu`): take
        # the next one too unless it is a function word.
        w2 = _WORD_RX.match(text[unit_end : unit_end + 30])
        if w2 and w2[1].lower() not in _STOP and w2[1].lower() not in _NOT_SECOND:
            unit, unit_end = f"{unit} {w2[1]}", unit_end + w2.end()
            w3 = _WORD_RX.match(text[unit_end : unit_end + 12])
            if w3 and w3[1].lower() == "viên":  # `hòa giải viên`, `cộng tác viên`
                unit, unit_end = f"{unit} {w3[1]}", unit_end + w3.end()
    else:
        return None
    return unit, unit_from, unit_end, bool(m)


def _joined_admin_units(text: str, m) -> tuple[str, int]:
    """"37 xã, thị trấn", "214 thôn, tổ dân phố": one count over joined admin nouns."""
    unit, unit_end = m[1], m.end()
    last = unit.lower().rsplit(",", 1)[-1].strip()
    while last in _PLACE_UNITS or last in _JOINABLE:
        more = _ADMIN_JOIN.match(text, unit_end)
        if not more or text[more.end() : more.end() + 2].strip()[:1].isupper():
            break  # "12 xã, thành phố Hội An": the noun opens a place's name
        unit = text[m.end() - len(m[1]) : more.end()].strip()
        unit_end = more.end()
        last = unit.lower().rsplit(",", 1)[-1].strip()
    return unit, unit_end


def _counts_something(text: str, num: Number, unit: str, unit_end: int, value_max) -> bool:
    """Not a year, not a duration (`từ 10 đến 15 phút`), not a criterion (`từ 500 lao động trở lên`)."""
    raw = text[num.start : num.end]
    if raw.isdigit() and len(raw) == 4 and 1900 <= num.value <= 2100 and unit != "%" and not _QUAL_RX.search(
            text, max(0, num.start - 20), num.start):  # "hơn 2000 tin": a qualifier makes it an amount
        return False
    if value_max is not None and (unit.lower() in _NOT_COUNT_UNITS or unit.lower().split()[0] in _NOT_COUNT_UNITS):
        return False
    return not (_ends_with_before_spaces(text[num.start - 12 if num.start > 12 else 0 : num.start], ("từ",), _FROM_BEFORE,
                                         whole_word=True)
                and _THRESHOLD_AFTER.match(text, unit_end))  # (the rarer, cheaper test first)


def _qualifier(text: str, num: Number, value_max) -> tuple[str, int]:
    """The qualifier (`hơn`, `khoảng`...; a range is at_least) and where the evidence starts."""
    if value_max is not None or num.approximate:
        return "at_least", num.start
    before = text[num.start - 20 if num.start > 20 else 0 : num.start]
    q = _QUAL_RX.search(before)
    if q:
        return _QUAL[q[1].lower()], num.start - (len(before) - q.start(1))
    return "exact", num.start


def _subject(text: str, unit_from: int, unit_end: int) -> str:
    """The unit and the words after it up to the clause's end, at most ten words."""
    tail = text[unit_end : unit_end + 80]
    cut = _CLAUSE_END.search(tail)
    subject = (text[unit_from:unit_end] + " " + (tail[: cut.start()] if cut else tail)).strip()
    return " ".join(subject.split()[:10])


# A coverage ratio: a part of a whole, both counts of one noun (`12/12 tổ dân phố`,
# `1.098/1.178 khu dân cư`, `28/30 xã`). A date (`ngày 12/12`, `tháng 4/2024`) is no ratio.
# (the lookbehind `(?<![\w.,/:+-])` comes after the first digit: scanned for in C, faster)
_RATIO = stdre.compile(r"([0-9](?<![\w.,/:+-][0-9])(?:[0-9]{0,2}(?:\.[0-9]{3})+|[0-9]{0,5}))/([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,6})"
                       r"(?![\w/]|[.,][0-9])")


_DIGITS_AND_DOTS = frozenset("0123456789.")


# A coverage ratio in words: `77 trong tổng số 89 làng`, `19/20` said as `19 trên tổng số 20 xã`.
# (`5 trong 10 xã`, `12 trên số 15 thôn` too: a counted noun must follow the whole)
_WORD_RATIO = stdre.compile(r"(?<![\w.,/])([0-9]{1,3}(?:\.[0-9]{3})*)[ ]+(?:trong|trên)[ ]+(?:(?:tổng )?số[ ]+)?"
                            r"([0-9]{1,3}(?:\.[0-9]{3})*)(?![\w.,/])")


_ORDINAL_BEFORE = stdre.compile(r"(?<!\w)thứ[ ]+\Z", stdre.IGNORECASE)


_WORD_RATIO_HINT = stdre.compile(r"[0-9][ ]+(?:trong|trên)[ ]+(?:(?:tổng )?số[ ]+)?[0-9]")  # (scanned for in C)


def _ratios_in_words(text: str) -> list[tuple[RawStatistic, int]]:
    """Each ratio in words with where its numbers start (all taken, the part's too)."""
    out: list[tuple[RawStatistic, int]] = []
    if not _WORD_RATIO_HINT.search(text):
        return out
    for m in _WORD_RATIO.finditer(text):
        part, whole = parse_digits(m[1]), parse_digits(m[2])
        unit_m = unit_at(text, m.end())
        if not unit_m or unit_m[1] == "%" or not 0 <= part <= whole or whole == 0:
            continue
        if _ORDINAL_BEFORE.search(text, max(0, m.start() - 8), m.start()) or unit_m[1].lower() in _MEASURES:
            continue  # "đứng thứ 02 trong 16 dòng họ": a rank; "60 trên 100 km": a measure
        unit, unit_end = _joined_admin_units(text, unit_m)
        if part == 1 and _MEMBER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            # "Tiền Giang là 1 trong 9 đơn vị được chọn": one of nine, the nine are counted
            out.append((RawStatistic(whole, "exact", unit, _subject(text, m.end(), unit_end), m.start(2), unit_end,
                                     m.start(2), None, None, "counted"), m.start()))
            continue
        out.append((RawStatistic(part, "exact", unit, _subject(text, m.end(), unit_end), m.start(), unit_end,
                                 m.start(), None, whole, "ratio"), m.start()))
    return out


_MEMBER_BEFORE = stdre.compile(r"(?<!\w)(?:là|trở thành|thuộc)[ ]+\Z", stdre.IGNORECASE)


def _ratios(text: str, sentence_starts: list[int]) -> list[RawStatistic]:
    """Coverage ratios: the part as the value, the whole as `total`, the noun as the unit."""
    out: list[RawStatistic] = []
    # (_RATIO.finditer(text), matched only where the digits and dots before a `/` start)
    for m in finditer_at(_RATIO, text, stretch_starts(text, ("/",), _DIGITS_AND_DOTS.__contains__)):
        part, whole = parse_digits(m[1]), parse_digits(m[2])
        unit_m = unit_at(text, m.end())
        if not unit_m or unit_m[1] == "%" or not 0 <= part <= whole or whole == 0:
            continue
        s_start = sentence_starts[max(0, bisect.bisect_right(sentence_starts, m.start()) - 1)]
        num = Number(m.start(), m.end(), part)
        if _is_name(text, num, s_start, True) or unit_m[1].lower() in _NOT_COUNT_UNITS:
            continue  # "ngày 12/12", "Quyết định 15/2024", "24/24 giờ"
        unit, unit_end = _joined_admin_units(text, unit_m)  # "12/17 xã, thị trấn"
        out.append(RawStatistic(part, "exact", unit, _subject(text, m.end(), unit_end), m.start(), unit_end,
                                m.start(), None, whole, "ratio"))
    return out

"""Vietnamese numbers: `30.000` is thirty thousand, `1,5` one and a half, `2,5 triệu`,
`22 ngàn`, and number words (`hai`, `mười lăm`, `hai mươi`) — with their offsets."""

from __future__ import annotations

import re as stdre
from typing import NamedTuple

from nlp.lexicon import load, word_start_alternation, words
from nlp.normalize import caseless, lowered
from nlp.scan import finditer_near

# A digit group: thousands with dots (30.000), decimals with a comma (1,5); not part of a
# date (25/12), a time (22:30), a code (44-KL) or a version (4.0).
# stdlib `re` is faster here; on NFC text every letter is a \w character.
_LOWER = "".join(chr(c) for r in ((0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if chr(c).islower())
# ... and a number after a lower-case noun and a slash is one of a pair: "944 tổ/17.810 cá nhân"
# No letter, digit or `.,/:+-` stands right before a number, except a lower-case noun and a
# slash: checked by the lookbehinds after the first digit (the pattern starts with a digit,
# which `re` scans for in C; a start refused there is inside a digit group, which a match
# refused for what stands before it used to skip whole: the same numbers).
DIGITS = stdre.compile(r"(?P<num>[0-9](?:(?<![\w.,:+\-/][0-9])|(?<=[" + _LOWER + r"]/[0-9]))"
                       r"(?:[0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]*(?:,[0-9]+)?))"
                       r"(?:(?!\w)|(?=(?:km2|m2|km|ha|kg|đ)(?!\w)|(?:km|m)²))")  # a measure may touch its number: "hơn 7km", "117.000đ"
MULTIPLIERS: dict[str, int] = {str(k): int(v) for k, v in load("numbers")["multipliers"].items()}
_MULT_RX = stdre.compile(r"[ ](" + "|".join(map(stdre.escape, MULTIPLIERS)) + r")(?!\w)")
_MULT_WORDS = tuple(MULTIPLIERS)

UNITS: dict[str, int] = {str(k): int(v) for k, v in load("numbers")["digits"].items()}
_WORD = "(?:" + "|".join(map(stdre.escape, words("numbers", "number_words"))) + ")"
# Matched on the lowercased text (same length for Vietnamese): faster than IGNORECASE.
# (`\b` before the first word is its lookbehind, checked after the first letter: faster)
WORDS = stdre.compile(rf"(?:{word_start_alternation(words('numbers', 'number_words'))})(?:[ ]{_WORD})*\b")


class Number(NamedTuple):
    """A number at [start, end) of the text. (A named tuple: immutable, and several times
    cheaper to make than a frozen dataclass; a text holds many.)"""

    start: int
    end: int
    value: float | int
    words: bool = False  # spelled out ("hai", "mười lăm")
    percent: bool = False  # a fraction read as a percentage ("hai phần ba" = 66.67)
    approximate: bool = False  # an order of magnitude ("hàng trăm"): at least that much


# "hai phần ba", "một phần tư", "một nửa", "3/4" are shares: read as percentages.
_HALVES = ("một nửa", "nửa số")
FRACTION = stdre.compile(rf"\b(?:(?P<num>{_WORD}(?:[ ]{_WORD})*)[ ]+phần[ ]+(?P<den>{_WORD}(?:[ ]{_WORD})*)"
                         rf"|(?P<half>{'|'.join(_HALVES)}))\b")


_NUMBER_WORDS = tuple(words("numbers", "number_words"))
# Every FRACTION match starts with one of these (a number word, `nửa số`): matched only there,
# not tried at every position (it starts with `\b`, which `re` cannot scan for).
_FRACTION_STARTS = (*_NUMBER_WORDS, *_HALVES)


def _may_hold_fraction(low: str) -> bool:
    """Can FRACTION match (a word number, spaces, `phần`, spaces, a word number; `một nửa`,
    `nửa số`)? Read around each `phần`, so that a text saying only `góp phần` is not scanned."""
    if "một nửa" in low or "nửa số" in low:
        return True
    i = low.find("phần")
    while i != -1:
        j, k = i, i + len("phần")
        while j and low[j - 1] == " ":
            j -= 1
        while k < len(low) and low[k] == " ":
            k += 1
        if j < i and k > i + len("phần") and low.endswith(_NUMBER_WORDS, 0, j) and low.startswith(_NUMBER_WORDS, k):
            return True
        i = low.find("phần", i + 1)
    return False


def _fraction(m) -> float | None:
    if m["half"]:
        return 50
    num, den = parse_words(m["num"]), parse_words(m["den"])
    if not num or not den or num >= den:
        return None
    return 100 * num / den


#: More digits than this is an id, a phone or account number or noise, never a reported figure.
MAX_FIGURE_DIGITS = 15


def parse_digits(raw: str) -> float | int:
    """`30.000` → 30000, `1,5` → 1.5, `05` → 5."""
    if "," in raw:
        whole, frac = raw.split(",", 1)
        return float(whole.replace(".", "") + "." + frac)
    return int(raw.replace(".", ""))


def parse_words(raw: str) -> int | None:
    """`hai` 2, `mười` 10, `mười lăm` 15, `hai mươi mốt` 21, `ba trăm` 300; None if ill-formed."""
    tokens = raw.lower().split()
    total, current = 0, 0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "trăm":
            current = (current or 1) * 100
            total += current
            current = 0
        elif t == "mười":
            current += 10
        elif t == "mươi":
            if current == 0 or current >= 10:
                return None
            current *= 10
        elif t in ("linh", "lẻ"):
            pass
        elif t == "mốt":
            current += 1
        elif t in UNITS:
            if current % 10 and current >= 1 and not (current >= 10):
                return None
            current += UNITS[t]
        else:
            return None
        i += 1
    value = total + current
    return value or None


def _with_multiplier(text: str, end: int, value: float | int) -> tuple[int, float | int]:
    if not text.startswith(" ", end) or not text.startswith(_MULT_WORDS, end + 1):
        return end, value  # (_MULT_RX is a space and one of these words: looked at first)
    m = _MULT_RX.match(text, end)
    if m:
        v = value * MULTIPLIERS[m[1]]
        return m.end(), int(v) if float(v).is_integer() else v
    return end, value


_APPROX = load("numbers")["approximate_amounts"]
_OPENERS = [w.lower() for w in load("numbers")["approximate_openers"]]
_APPROX_RX = stdre.compile(r"(?<!\w)(?:" + "|".join(map(stdre.escape, _OPENERS)) + r")[ ]+("
                           + "|".join(map(stdre.escape, _APPROX)) + r")(?!\w)", stdre.IGNORECASE)


# The same on lowercased text, case-sensitive, `(?<!\w)` after each opener's first letter:
# `re` scans for those letters in C instead of trying every position.
_APPROX_LOWER_RX = stdre.compile("(?:" + "|".join(stdre.escape(o[0]) + r"(?<!\w" + stdre.escape(o[0]) + ")" + stdre.escape(o[1:])
                                          for o in _OPENERS) + r")[ ]+("
                                 + "|".join(map(stdre.escape, (a.lower() for a in _APPROX))) + r")(?!\w)")


def _approximate(text: str) -> list[Number]:
    """`hàng chục`, `hàng trăm triệu`: the order of magnitude, with a multiplier after it."""
    out = []
    low = caseless(text)
    for m in _APPROX_RX.finditer(text) if low is None else _APPROX_LOWER_RX.finditer(low):
        end, value = _with_multiplier(text, m.end(), _APPROX[m[1].lower()])
        out.append(Number(m.start(), end, value, words=True, approximate=True))
    return out


# `chục` alone after a qualifier is ten ("hơn chục", "gần chục"); "hàng chục", "vài chục" are not it
_QUALIFIED_TEN = stdre.compile(r"(?<!\w)(?:" + "|".join(map(stdre.escape, load("numbers")["ten_qualifiers"]))
                               + r")[ ]+(chục)(?!\w)")
_DOT_DECIMAL_PERCENT = stdre.compile(r"\.([0-9]{1,2})(?=[ ]?%)")


_NOT_ALONE = ("một", "mốt", "tư", "lăm", "linh", "lẻ", "trăm", "mươi")  # number words that never stand alone


def find_numbers(text: str) -> list[Number]:
    out: list[Number] = []
    n = len(text)
    for m in DIGITS.finditer(text):
        e = m.end()
        if e + 1 < n and text[e] == "." and (pct := _DOT_DECIMAL_PERCENT.match(text, e)) and m["num"].isdigit():
            out.append(Number(m.start(), pct.end(), float(f"{m['num']}.{pct[1]}")))
            continue  # "17.06%": a share written with a decimal point
        if e + 1 < n and text[e] in ".,/:-" and (text[e + 1].isdigit() or text[e + 1].isupper()):
            continue  # a date, time, code or version: 25/12, 22:30, 44-KL, 4.0
        raw = m["num"]
        if len(raw) > MAX_FIGURE_DIGITS and sum(ch.isdigit() for ch in raw.split(",")[0]) > MAX_FIGURE_DIGITS:
            continue
        end, value = _with_multiplier(text, e, parse_digits(raw))
        out.append(Number(m.start(), end, value))
    low = lowered(text)
    if len(low) != len(text):
        low = text
    fractions = []
    for m in finditer_near(FRACTION, low, _FRACTION_STARTS) if _may_hold_fraction(low) else ():
        value = _fraction(m)
        if value is not None:
            fractions.append(Number(m.start(), m.end(), value, words=True, percent=True))
    out.extend(fractions)
    approx = _approximate(text) if any(o in low for o in _OPENERS) else []
    out.extend(approx)
    if "chục" in low:  # "hơn chục triệu đồng", "gần chục camera": a ten, qualified
        for m in _QUALIFIED_TEN.finditer(low):
            end, value = _with_multiplier(text, m.end(1), 10)
            out.append(Number(m.start(1), end, value, words=True))
    taken = {n.start for n in out}
    for n in approx:  # the words of an approximate amount are not numbers of their own
        taken.update(range(n.start, n.end))
    in_fraction = bytearray(len(text) + 1)  # 1 inside a fraction in words ("hai phần ba")
    for n in fractions:  # (the only numbers read as percentages so far)
        in_fraction[n.start : n.end] = b"\x01" * (n.end - n.start)
    for m in finditer_near(WORDS, low, _NUMBER_WORDS):  # (every match starts with a number word)
        start = m.start()
        if start in taken or in_fraction[start]:
            continue
        group = m.group()
        word = group.lower()
        if word in _NOT_ALONE and not (word == "một" and _MULT_RX.match(text, m.end())):
            continue  # "một" is mostly the article "a", unless "một nghìn"; the others never stand alone
        value = parse_words(group)
        if value is None:
            continue
        end, value = _with_multiplier(text, m.end(), value)
        out.append(Number(start, end, value, words=True))
    out.sort(key=lambda n: n.start)
    return out

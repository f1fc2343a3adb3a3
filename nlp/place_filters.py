"""Names that look like places and are not: a landmark (`thác Bản Giốc`), a people (`làng
Chăm`), a person (`Già làng K'Sáu`, `ông Hà Nội`), a political term (`diễn biến Hòa Bình`), a
figure after a unit noun (`Công an phường 14 tin báo`). Words from `nlp/data/places.yaml`."""

from __future__ import annotations

import bisect
import re as stdre
from functools import lru_cache

import regex

from nlp.lexicon import grouped_alternation
from nlp.normalize import lowered
from nlp.place_words import alternation, section, unit_nouns, words
from nlp.units import unit_at

ETHNIC = frozenset(words("ethnic_groups"))
_LANDMARK_BEFORE = stdre.compile(r"(?:" + alternation(words("landmarks")) + r")[ ]+\Z", stdre.IGNORECASE)
PERSON_TITLES = stdre.compile(r"(?:" + grouped_alternation(words("person_titles")) + r")[ ]+\Z", stdre.IGNORECASE)
_TITLE_ENDS = tuple(w.lower() for w in words("person_titles"))
# "thành phố", "khu phố", "khối phố" are units, not streets
_UNIT_FIRST_WORDS = ("thành ", "khu ", "khối ")
_STREET_BEFORE = stdre.compile(r"(?<![\w])" + "".join(f"(?<!{w})" for w in (*_UNIT_FIRST_WORDS, *map(str.capitalize, _UNIT_FIRST_WORDS)))
                               + r"(?:" + alternation(words("streets")) + r")[ ]+\Z", stdre.IGNORECASE)
_STREET_WORDS = tuple(w.lower() for w in words("streets"))


def _street_before(text: str, start: int) -> bool:
    """`_STREET_BEFORE.search(text, max(0, start - 16), start)`: a street noun ends those 16
    characters before their spaces. Tested with `endswith` on their lowercase (and on the 6
    characters before them, which the lookbehinds read) instead of trying the pattern at
    every position (see nlp.normalize.caseless; elsewhere the pattern itself)."""
    lo = start - 16 if start > 16 else 0
    seg_lo = lo - 6 if lo > 6 else 0
    head = text[seg_lo:start].rstrip(" ")
    if seg_lo + len(head) == start:
        return False  # `[ ]+` needs a space
    low = head.lower()
    if len(low) != len(head) or "ı" in low or "ſ" in low:
        return _STREET_BEFORE.search(text, lo, start) is not None
    for w in _STREET_WORDS:
        k = len(low) - len(w)  # where the word would start in `head` (k >= 6 when seg_lo > 0)
        if k < lo - seg_lo or not low.endswith(w):
            continue
        if (seg_lo + k == 0 or not (head[k - 1].isalnum() or head[k - 1] == "_")) and not low.endswith(
                _UNIT_FIRST_WORDS, 0, k):
            return True
    return False


# "cao tốc Nội Bài - Lào Cai", "quốc lộ Hà Nội – Lạng Sơn": the second end of a road's name
_ROAD_BETWEEN = regex.compile(r"(?<![\w])(?:" + alternation(words("streets")) + r")[ ]+(?:(?:\p{Lu}[\p{L}\p{M}]*[ ]+){1,4}"
                              r"[-–][ ]*){1,3}\Z", regex.IGNORECASE)
_NOT_PROVINCE_AFTER = {str(k): tuple(str(w).lower() + " " for w in (v if isinstance(v, list) else [v]))
                       for k, v in section("not_province_after").items()}


def names_province(text: str, start: int, name: str) -> bool:
    """A province name standing alone names the province, except after a street noun (`phố
    Phú Thọ`) and the words that make it something else ("diễn biến hòa bình", peaceful
    evolution, written with capitals)."""
    if _street_before(text, start):
        return False  # "phố Phú Thọ", "đường Hồ Chí Minh": a street
    if start > 2 and text[start - 2] in "-–" or start > 1 and text[start - 1] in "-–":
        if _ROAD_BETWEEN.search(text, max(0, start - 60), start):
            return False  # "cao tốc Nội Bài - Lào Cai": a road between two places
    after = _NOT_PROVINCE_AFTER.get(name)
    return after is None or not text[max(0, start - 30) : start].lower().endswith(after)


def after_person_title(text: str, start: int) -> bool:
    """Is a person's title right before `start` (`ông`, `Đại tá`, `già làng`)?"""
    if not start or text[start - 1] != " ":
        return False  # the pattern ends with spaces right before `start`
    window = text[start - 20 if start > 20 else 0 : start].rstrip(" ")
    low = window.lower()
    if len(low) == len(window) and "ı" not in low and "ſ" not in low:
        # (what PERSON_TITLES finds, without trying it at every position of the window: a
        # title ends the window before its spaces; see nlp.normalize.caseless)
        return low.endswith(_TITLE_ENDS)
    return PERSON_TITLES.search(text, max(0, start - 20), start) is not None


def not_a_place(text: str, start: int, name: str) -> bool:
    """A unit noun at `start` with `name` after it names a landmark (`thác Bản Giốc`: the noun
    capitalized as part of the landmark's name; `cột mốc thôn Séo Tủng` is the village), a
    people or a person."""
    landmark = text[start : start + 1].isupper() and _LANDMARK_BEFORE.search(text, max(0, start - 16), start)
    return name.lower() in ETHNIC or bool(landmark) or after_person_title(text, start)


_PARENT_UNIT_AFTER = stdre.compile(r"[ ]+(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)[ ]+(?=\w)")


def counted_after(text: str, end: int) -> bool:
    """Is a counted noun right after `end` (the number before it is a figure, not a name)?
    A unit noun then a capitalized name is the parent unit (`xóm 4 xã Diễn Quảng`), not a count."""
    if unit_at(text, end) is None:
        return False
    parent = _PARENT_UNIT_AFTER.match(text, end)
    return not (parent and text[parent.end() : parent.end() + 1].isupper())


# A neighbour or a person's address: the opener, then at most a few words of places
# ("giáp ranh với huyện Ý Yên (Nam Định)", "HKTT ở huyện Hương Sơn, Hà Tĩnh").
_ASIDE_WORDS_LIST = sorted({w.lower() for w in words("aside_openers")}, key=len, reverse=True)
# (on the lowercased text, case-sensitive; `(?<!\w)` after each opener's first letter: `re`
# scans for those letters in C instead of trying every position)
_ASIDE_OPENER = stdre.compile("(?:" + "|".join(stdre.escape(w[0]) + r"(?<!\w" + stdre.escape(w[0]) + ")"
                                              + stdre.escape(w[1:]) for w in _ASIDE_WORDS_LIST) + r")(?!\w)")
_ASIDE_FIRSTS = sorted({w.split()[0] for w in _ASIDE_WORDS_LIST})
_ASIDE_REACH = 70
_COUNTED_UNITS = stdre.compile(r"[0-9]{1,3}[ ]+(?:" + alternation(unit_nouns("counted_place")) + r")(?!\w)", stdre.IGNORECASE)
_ASIDE_WORDS = 9  # words between the opener and the place, at most
_ASIDE_BREAKS = frozenset(".;!?\n\"")


@lru_cache(maxsize=2)
def aside_openers(text: str) -> tuple[int, ...]:
    """Where the text says an opener of a neighbour or an address (read once per document: the
    place finder and the extractor ask for the same text's)."""
    low = lowered(text)  # (the document's lowercase, made once for all components)
    if len(low) != len(text):  # (a character whose lower case is longer: offsets would shift)
        return tuple(m.end() for m in stdre.finditer(_ASIDE_OPENER.pattern, text, stdre.IGNORECASE))
    ends = set()
    for first in _ASIDE_FIRSTS:  # (each opener's first word found with str.find, then matched there)
        i = low.find(first)
        while i != -1:
            m = _ASIDE_OPENER.match(low, i)
            if m:
                ends.add(m.end())
            i = low.find(first, i + 1)
    return tuple(sorted(ends))


def is_aside(text: str, start: int, sentence_start: int, openers: tuple[int, ...]) -> bool:
    """A place named as a neighbour or as someone's address, not as what the article reports:
    an opener (from `aside_openers`) stands before it in its sentence, with only a few words of
    places between (no clause ends, no figures)."""
    lo = max(sentence_start, start - _ASIDE_REACH)
    i = bisect.bisect_right(openers, start) - 1
    if i < 0 or openers[i] < lo:
        return False
    gap = text[openers[i] : start]
    if len(gap.split()) > _ASIDE_WORDS or any(ch in _ASIDE_BREAKS for ch in gap):
        return False
    # (no figure between, but a count of the neighbouring units: `giáp ranh với 7 xã thuộc ...`)
    return not any(ch.isdigit() for ch in _COUNTED_UNITS.sub(" ", gap))

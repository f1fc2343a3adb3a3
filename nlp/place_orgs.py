"""Is a place mention the tail of an organization's name (`Công an phường X`, `UBND huyện Y`)?

Such a place counts towards the article's provinces but is not a location of its own. The
heads, name words and cuts come from the `organization` section of `nlp/data/places.yaml`.
"""

from __future__ import annotations

import re as stdre

import regex as re

from nlp.lexicon import longest_first_alternation
from nlp.place_names import VN_LOWER, VN_UPPER
from nlp.place_words import alternation, org_words, unit_nouns

_HEADS = org_words("heads")
ORG_HEAD = re.compile(
    r"(?:" + alternation(_HEADS) + r")"
    r"(?:[ ]+(?:\p{Lu}[\p{L}\p{M}]*|" + alternation(org_words("name_words") + unit_nouns("org_name"))
    + r"|[\p{Ll}\p{M}]+){0,8}?)[ ]*\Z"
)
# The same pattern for the stdlib engine (several times faster), valid on text whose letters
# are all Vietnamese/Latin ones (there \p{Lu}, \p{Ll} and \p{L} are these classes exactly).
_MARKS = "\u0300-\u036f"
ORG_HEAD_FAST = stdre.compile(
    r"(?:" + alternation(_HEADS) + r")"
    r"(?:[ ]+(?:[" + VN_UPPER + r"][" + VN_UPPER + VN_LOWER + _MARKS + r"]*|"
    + alternation(org_words("name_words") + unit_nouns("org_name"))
    + r"|[" + VN_LOWER + _MARKS + r"]+){0,8}?)[ ]*\Z"
)
_FAST_SAFE = frozenset(VN_UPPER + VN_LOWER + "".join(map(chr, range(0x20, 0x7F))))
# Quick check: a stretch of text without any of these words holds no organization's name.
_ORG_FIRST_WORDS = frozenset([h.split()[0] for h in _HEADS] + org_words("more_first_words"))
# The same check, cheaper, on the text before the cuts: a window whose words include one of
# them has it as a substring of the wider stretch (a stdlib search scanned in C).
# (the words as a trie: fewer comparisons where one may start; which one matters not)
_ORG_FIRST_ANY = stdre.compile(longest_first_alternation(sorted(_ORG_FIRST_WORDS)))
_NOT_ORG_GAP = re.compile(r"(?<![\p{L}])(?:" + alternation(org_words("not_in_name")) + r")(?![\p{L}])")
_NOT_ORG_PHRASES = tuple(org_words("not_in_name_phrases"))
_CUTS = tuple(org_words("cuts"))
_DOTTED = tuple(org_words("dotted_abbreviations"))
_WINDOW = 90


def _name_window(text: str, start: int) -> str:
    """The text before `start` where an organization's name may begin: after the last cut."""
    window = text[start - _WINDOW if start > _WINDOW else 0 : start]
    for sep in _CUTS:
        idx = window.rfind(sep)
        if idx >= 0 and not (sep == "." and idx > 0 and window[idx - 1 : idx + 1] in _DOTTED):
            window = window[idx + len(sep) :]
    return window


def in_organization(text: str, start: int) -> bool:
    """Is the mention at `start` the tail of an organization's name (`Công an phường X`)?"""
    if not _ORG_FIRST_ANY.search(text, start - _WINDOW if start > _WINDOW else 0, start):
        return False  # quicker check: no organization head word even before the cuts
    window = _name_window(text, start)
    if _ORG_FIRST_WORDS.isdisjoint(window.split()):
        return False  # quick check: no organization head word at all
    m = (ORG_HEAD_FAST if _FAST_SAFE.issuperset(window) else ORG_HEAD).search(window)
    if not m:
        return False
    gap = window[m.start() :]
    return not _NOT_ORG_GAP.search(gap) and not any(p in gap for p in _NOT_ORG_PHRASES)


_DOC_TITLE_BEFORE = re.compile(r"(?<!\w)(?<!pháp )(?:" + "|".join(map(re.escape, org_words("document_titles")))
                               + r")(?:[ ]+(?:số[ ]+)?[0-9][^ \"]*)?[ ]*:?[ ]*\Z", re.IGNORECASE)
_TITLE_REACH = 240


def in_document_title(text: str, start: int) -> bool:
    """Is the mention at `start` inside a quoted title of a plan, programme or law (the quote
    opened after `Đề án`, `Kế hoạch số 12`, ... and not closed before the mention)?"""
    lo = start - _TITLE_REACH if start > _TITLE_REACH else 0
    q = text.rfind('"', lo, start)
    if q < 0 or "\n" in text[q:start]:
        return False
    # (within the line, at most 2,000 characters back: sentences are no longer, and a bounded
    # count keeps a huge one-line text linear)
    line_start = text.rfind("\n", q - 2000 if q > 2000 else 0, q) + 1 or (q - 2000 if q > 2000 else 0)
    if text.count('"', line_start, q) % 2:  # that quote closes one opened before
        return False
    return _DOC_TITLE_BEFORE.search(text, q - 40 if q > 40 else 0, q) is not None


"""Where place names may stand: runs of capitalized words, and names after a unit prefix.

Works on the normalized text (NFC). The unit prefixes and their abbreviations come from the
unit table of `nlp/data/places.yaml` (`nlp/place_words.py`).
"""

from __future__ import annotations

import re as stdre
from dataclasses import dataclass
from functools import lru_cache

from nlp.lexicon import longest_first_alternation
from nlp.place_words import UnitNoun, alternation, units, words, written_forms
from nlp.scan import COMMON_CHARS

# Explicit Vietnamese letter classes let the hot patterns run on the faster stdlib `re`
# (the text is NFC, so every letter is one precomposed character).
_LATIN = [chr(c) for r in ((0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r)]
VN_UPPER = "".join(c for c in _LATIN if c.isupper())
VN_LOWER = "".join(c for c in _LATIN if c.islower())
UP = f"[{VN_UPPER}]"
WORD_CAP = rf"[{VN_UPPER}][{VN_LOWER}]*(?:'[{VN_UPPER}{VN_LOWER}][{VN_LOWER}]*)?"
CAP_RUN = rf"{WORD_CAP}(?:[ ]{WORD_CAP}){{0,4}}"
NUM_NAME = r"[0-9]{1,3}[A-Z]?(?![0-9]|[.,/][0-9])"

_PREFIX_UNITS = [u for u in units() if "prefix" in u.roles]
_PREFIX_ALTS = "|".join(f"(?:{u.prefix_pattern})" for u in _PREFIX_UNITS)
# A unit prefix ending right before a name: searched in a short window before each name.
# (its forms as a trie: fewer comparisons at each position of the window. Any order finds the
# same prefix: no form ends with a space, so every form that fits ends at the same place)
_PREFIX_FORMS = [f for u in _PREFIX_UNITS for f in u.forms]
assert not any(f.endswith(" ") for f in _PREFIX_FORMS)
_PREFIX_BEFORE = stdre.compile(r"(?<!\w)(?P<prefix>" + longest_first_alternation(_PREFIX_FORMS) + r")[ ]?\Z")
_PREFIX_AT_START = stdre.compile(r"(?P<prefix>" + _PREFIX_ALTS + r")[ ](?=\S)")
# (?<![\w,/])(?<![0-9]\.) + NUM_NAME, the lookbehinds checked after the first digit: a
# pattern that starts with a character set is scanned for it in C, much faster.
assert NUM_NAME.startswith("[0-9]{1,3}")
# (a number glued to a bare abbreviation is a name too: `KP4`, `TDP5`)
_GLUED = "|".join(f"(?<=(?<!\\w){stdre.escape(a)}[0-9])" for a in words("glued_number_abbreviations"))
_NUM_TOKEN = stdre.compile(r"[0-9](?:(?<![\w,/][0-9])|" + _GLUED + r")(?<![0-9]\.[0-9])[0-9]{0,2}"
                           + NUM_NAME[len("[0-9]{1,3}"):])
# (not across a dash to the next unit: "xã Ea Na - Huyện Krông Ana" names two places)
_CAP_RUN_RX = stdre.compile(CAP_RUN + r"(?:[ ]?-[ ]?(?!(?:Thành phố|Thành|TP|Tp|Huyện|Quận|Thị xã|Tỉnh|Xã|Phường|Thị trấn)"
                            r"(?![^\W\d]))" + CAP_RUN + r")?(?!\w)")
CAP_RUN_ONLY = stdre.compile(CAP_RUN)

# Every written form of a prefix and the unit noun it stands for.
_FORMS: dict[str, UnitNoun] = {}
for _u in _PREFIX_UNITS:
    for _form in _u.forms:
        _FORMS.setdefault(_form, _u)
# The last word of every prefix form (`phố` of `khu phố`, `tp.`), lower case; and the
# abbreviations that may touch the name without a dot or space (`TPHội An`).
_PREFIX_LAST_WORDS = frozenset(f.split()[-1].lower() for f in _FORMS)
_ENDS_NO_PREFIX_WORD = frozenset(c for c in COMMON_CHARS if c.lower()[-1] not in {w[-1] for w in _PREFIX_LAST_WORDS})
# The first word of every prefix form: `_PREFIX_AT_START` (a form, then a space) can match
# a run only when the run's first word is one of these.
_PREFIX_FIRST_WORDS = frozenset(f.split(" ")[0] for f in _FORMS)
_BARE_ABBREVIATIONS = tuple(f for u in _PREFIX_UNITS for a in u.abbreviations for f in written_forms(a)
                            if not f.endswith("."))

# Capitalized at the start of a sentence, not part of a name: "Tại Phường Võ Thị Sáu".
SENTENCE_WORDS = frozenset(words("sentence_words"))


@lru_cache(maxsize=256)
def type_word(prefix: str) -> tuple[str, str]:
    """(level, canonical type word) of a written prefix: `Q.` → ("district", "Quận")."""
    unit = _FORMS.get(prefix)
    return (unit.level, unit.full_type_word) if unit else ("other", "")


def plural_nouns_pattern() -> str:
    """The unit nouns that list places after a count (`ba thôn A, B và C`)."""
    return alternation([u.noun for u in units() if "plural_list" in u.roles])


@dataclass(frozen=True, slots=True)
class PrefixMatch:
    """A unit prefix and the name after it (the interface of a regex match the finder uses)."""

    text: str
    prefix_start: int
    prefix_end: int
    name_start: int
    name_end: int

    def __getitem__(self, group: str) -> str:
        if group == "prefix":
            return self.text[self.prefix_start : self.prefix_end]
        return self.text[self.name_start : self.name_end]

    def start(self, group: str | None = None) -> int:
        return self.name_start if group == "name" else self.prefix_start

    def end(self) -> int:
        return self.name_end


@dataclass(frozen=True, slots=True)
class Run:
    """A run of capitalized words at [s, e) (the interface of a regex match the finder uses)."""

    text: str
    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.text[self.s : self.e]


def starts_word(text: str, start: int) -> bool:
    """Does a word start at `start` (not inside a word)?"""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _may_follow_prefix(text: str, s: int) -> bool:
    """Cheap test before the prefix regex: does a prefix word or abbreviation end right here?"""
    if s == 0:
        return False
    last = text[s - 1]
    if last == ".":
        return True  # TP. Q. P. H. X. TX. TT. KP.
    if last.isalpha():
        return text.endswith(_BARE_ABBREVIATIONS, max(0, s - 12), s)  # "TP.Hội An" is handled above
    # the last word's last character (before the space, if one): a common one that ends no
    # prefix word ends none of them, lower-cased or not
    if (text[s - 2] if s >= 2 and last.isspace() else last) in _ENDS_NO_PREFIX_WORD:
        return False
    parts = text[s - 12 if s > 12 else 0 : s].rsplit(None, 1)  # the last word (rsplit: only that one)
    word = parts[-1].lstrip("(\"'[").lower() if parts else ""
    return word in _PREFIX_LAST_WORDS


def _names_only(kind: str) -> frozenset[str]:
    """The prefix words (not abbreviations) whose units take only `kind` names."""
    return frozenset(f for u in _PREFIX_UNITS if u.names == kind for f in (u.noun, u.type_word))


#: `khu` names only numbered areas (`khu 5`); `khối` only capitalized names (`khối Phú Hòa`).
NUMBERED_ONLY = _names_only("numbered")
CAPITALIZED_ONLY = _names_only("capitalized")


_KHU_NOT_NAMES = frozenset(w.lower() for w in words("khu_not_names"))


def _named_area(text: str, s: int, e: int) -> bool:
    """`khu Phước Mỹ` of a town (Quảng Nam's towns name their areas so): a run of two or more
    capitalized words that is no kind of area (`khu Công nghiệp`, `khu Vui chơi`)."""
    name = text[s:e].split()
    return len(name) >= 2 and name[0].lower() not in _KHU_NOT_NAMES and " ".join(name[:2]).lower() not in _KHU_NOT_NAMES


def prefixed_names(text: str, runs: list) -> list[PrefixMatch]:
    """Names with a unit prefix (`phường Cẩm Châu`, `TP.Hội An`, `Q.4`, `thôn 3`).

    Finds the names first (capitalized runs and small numbers, cheap to scan) and then looks
    for a prefix just before them, instead of scanning the text for every prefix form."""
    out: list[PrefixMatch] = []
    spans = [(m.start(), m.end()) for m in runs]
    spans += [(m.start(), m.end()) for m in _NUM_TOKEN.finditer(text)]
    done_until = -1
    for s, e in sorted(spans):
        if s < done_until or (e - s == 1 and text[s].isalpha()):
            continue  # one letter is an initial or an abbreviation ("ấp B", "phường P.1"), not a name
        p = _PREFIX_BEFORE.search(text, s - 16 if s > 16 else 0, s) if _may_follow_prefix(text, s) else None
        if p is None and text[s].isdigit() and text[s - 3 if s > 3 else 0 : s] == "số " and _may_follow_prefix(text, s - 3):
            p = _PREFIX_BEFORE.search(text, max(0, s - 19), s - 3)  # "tổ dân phố số 7": the name is "số 7"
            if p:
                s -= 3
        if p:  # "xã Bản Công", "tỉnh Sóc Trăng": the run is the name even if it starts like a prefix
            if p["prefix"] in NUMBERED_ONLY and not text[s].isdigit() and not (
                    p["prefix"] == "khu" and _named_area(text, s, e)):
                continue  # "khu" names numbered areas ("khu 5") and, lower case, a town's named ones
            out.append(PrefixMatch(text, p.start("prefix"), p.end("prefix"), s, e))
            done_until = e
            continue
        space = text.find(" ", s, e)
        if space == -1 or text[s:space] not in _PREFIX_FIRST_WORDS:
            continue  # (what _PREFIX_AT_START would refuse, without trying its forms)
        inner = _PREFIX_AT_START.match(text, s, e)
        if inner and inner.end() < e and text[inner.end()].isupper() and inner["prefix"] not in NUMBERED_ONLY:
            out.append(PrefixMatch(text, s, inner.end("prefix"), inner.end(), e))  # "Phường Cẩm Châu"
            done_until = e
    return out


def cap_runs(text: str) -> list:
    """Runs of capitalized words that start a word (`Hội An`, `Bà Rịa - Vũng Tàu`); a run led by
    a sentence word (`Tại Hội An`) is also given without it, as a second candidate."""
    out: list = []
    for m in _CAP_RUN_RX.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            # "TP Đà Nẵng" first matches "P Đà Nẵng": look again from inside the match
            inner = _CAP_RUN_RX.search(text, start + 1, m.end())
            while inner and not starts_word(text, inner.start()):
                inner = _CAP_RUN_RX.search(text, inner.start() + 1, m.end())
            if inner is None:
                continue
            m = inner
            start = m.start()
        out.append(m)
        space = text.find(" ", start, m.end())
        if space != -1 and text[start:space] in SENTENCE_WORDS:
            out.append(Run(text, space + 1, m.end()))  # also "Hội An" in "Tại Hội An"
    return out

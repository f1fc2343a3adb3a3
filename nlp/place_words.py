"""The place finder's words (`nlp/data/places.yaml`) and the patterns built from them.

The unit nouns are one table: each noun with its level, abbreviations and the roles it plays.
The lists other modules need (the nouns before a number that names a unit, the nouns joined
after a count...) are read from the same table through `unit_nouns(role)` and
`nouns_pattern(role)`, so a noun is spelled once.
"""

from __future__ import annotations

import re as stdre
from dataclasses import dataclass
from functools import cache

from nlp import lexicon

NAME = "places"
ROLES = ("prefix", "plural_list", "org_name", "number_name", "list_join", "counted_place", "model_name")
_OPTIONAL = stdre.compile(r"\(([^()]*)\)")


def _esc(word: str) -> str:
    """A literal word in a pattern (spaces left readable)."""
    return stdre.escape(word).replace("\\ ", " ")


def written_pattern(form: str) -> str:
    """The pattern of a written form where `(x)` is optional: `TP(.)` → `TP\\.?`."""
    parts = _OPTIONAL.split(form)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(_esc(part))
        elif part:
            out.append(_esc(part) + "?" if len(part) == 1 else f"(?:{_esc(part)})?")
    return "".join(out)


def written_forms(form: str) -> list[str]:
    """Every string a written form stands for: `TP(.)` → [`TP`, `TP.`]."""
    parts = _OPTIONAL.split(form)
    forms = [""]
    for i, part in enumerate(parts):
        forms = [f + part for f in forms] if i % 2 == 0 else [f + extra for f in forms for extra in ("", part)]
    return forms


def alternation(words: list[str]) -> str:
    """`a|b|c` over literal words, in the given order."""
    return "|".join(_esc(w) for w in words)


@dataclass(frozen=True)
class UnitNoun:
    """One administrative or residential unit noun of the table."""

    noun: str  # lower case: "thị xã"
    level: str  # province | city | district | ward | other
    abbreviations: tuple[str, ...] = ()  # written forms, `(.)` optional: "TX(.)"
    roles: frozenset[str] = frozenset()
    names: str = "any"  # any | capitalized | numbered
    named_as: str = ""  # the unit's full noun where the written one is a short form: `phố 3` is a `tổ dân phố`

    @property
    def type_word(self) -> str:
        """The canonical type word: "Thị xã"."""
        return self.noun[0].upper() + self.noun[1:]

    @property
    def full_type_word(self) -> str:
        """The type word a place's normalized name takes: "Tổ dân phố" for `phố 3`."""
        noun = self.named_as or self.noun
        return noun[0].upper() + noun[1:]

    @property
    def prefix_pattern(self) -> str:
        """The noun with either case of its first letter, then its abbreviations."""
        first = self.noun[0]
        alts = [f"[{first.upper()}{first}]{_esc(self.noun[1:])}"]
        return "|".join(alts + [written_pattern(a) for a in self.abbreviations])

    @property
    def forms(self) -> list[str]:
        """Every string the prefix pattern accepts for this noun."""
        out = [self.type_word, self.noun]
        return out + [f for a in self.abbreviations for f in written_forms(a)]


def _unit(row: dict) -> UnitNoun:
    roles = frozenset(row.get("roles") or ())
    unknown = roles - set(ROLES)
    if unknown:
        raise lexicon.LexiconError(f"nlp/data/{NAME}.yaml: unit {row['noun']!r} has unknown roles {sorted(unknown)}")
    return UnitNoun(str(row["noun"]), str(row["level"]), tuple(str(a) for a in row.get("abbreviations") or ()),
                    roles, str(row.get("names", "any")), str(row.get("named_as", "")))


def _check_order(table: tuple[UnitNoun, ...]) -> None:
    """Patterns try the forms in table order: a noun must come before a shorter one it starts
    with (`khu phố` before `khu`), else the shorter would win."""
    for i, later in enumerate(table):
        for earlier in table[:i]:
            if later.noun.startswith(earlier.noun + " "):
                raise lexicon.LexiconError(f"nlp/data/{NAME}.yaml: {later.noun!r} must come before {earlier.noun!r}")


@cache
def units() -> tuple[UnitNoun, ...]:
    """The unit table, in file order."""
    table = tuple(_unit(row) for row in lexicon.load(NAME)["units"])
    _check_order(table)
    return table


def unit_nouns(role: str) -> list[str]:
    """The nouns playing `role` (see `ROLES` and the data file), in table order: e.g.
    `unit_nouns("number_name")` for the nouns before a number that names a unit (`quận 4`)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {ROLES}")
    return [u.noun for u in units() if role in u.roles]


def nouns_pattern(role: str) -> str:
    """`unit_nouns(role)` as a regex alternation (`thôn|xã|...`; the table puts a longer noun
    before a shorter one it starts with); wrap it in `(?:...)` with the flags and bounds you need."""
    return alternation(unit_nouns(role))


def type_words(*levels: str) -> list[str]:
    """The canonical type words of the units of these levels: `type_words("district", "city")`
    → ["Thành phố", "Quận", "Huyện", "Thị xã"]."""
    return [u.type_word for u in units() if u.level in levels]


def section(key: str):
    """A section of the data file as it stands (a list or a mapping)."""
    data = lexicon.load(NAME)
    if key not in data:
        raise lexicon.LexiconError(f"nlp/data/{NAME}.yaml has no `{key}`")
    return data[key]


def words(key: str) -> list[str]:
    """A top-level word list of the data file, in file order."""
    return lexicon.words(NAME, key)


def org_words(key: str) -> list[str]:
    """A list of the `organization` section."""
    return [str(w) for w in section("organization")[key]]

"""What the place finder knows of an article as it reads: the places found so far, the
provinces and districts they name (to resolve an ambiguous name), and the cities a bare `TP`
may refer to."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from nlp.gazetteer import Unit
from nlp.place_words import type_words

CITY = type_words("city")[0]  # "Thành phố"


@dataclass
class PlaceMention:
    """A place named at [start, end) of the normalized text."""

    start: int
    end: int
    level: str
    name: str
    province: str | None
    unit: Unit | None = None
    in_organization: bool = False
    prefixed: bool = True
    provinces_2025: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.name, self.province)


@dataclass
class PlaceContext:
    """The provinces and districts an article has named, and its places in reading order."""

    provinces: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)
    # Districts by identity in the order of their last mention: scanning them newest first
    # visits each once, however often the text repeats them.
    district_units: dict[int, Unit] = field(default_factory=dict)
    order: list[PlaceMention] = field(default_factory=list)
    home: str | None = None  # the outlet's home province: first choice among equals
    # provinces named so far only as a neighbour, an address or where a model was learned from:
    # they resolve a name no other province has, never one that an article's own province has
    aside_only: set[str] = field(default_factory=set)
    _last_province: str | None = None

    def add(self, m: PlaceMention, aside: bool = False) -> None:
        self.order.append(m)
        if m.province:
            if not aside:
                self.aside_only.discard(m.province)
            elif m.province not in self.provinces:
                self.aside_only.add(m.province)
            self.provinces.add(m.province)
            if not aside:  # (a neighbour's province is not where the text goes on: `xóm A` after it)
                self._last_province = m.province
        if m.unit and m.unit.level == "district":
            self.districts.add(m.unit.name)
            self.district_units.pop(id(m.unit), None)
            self.district_units[id(m.unit)] = m.unit
        if m.unit and m.unit.level == "ward" and m.unit.district:
            self.districts.add(m.unit.district)

    def forget_order(self) -> None:
        """Forget the mentions read so far (the context's provinces and districts stay)."""
        self.order.clear()
        self._last_province = None

    def last_province(self) -> str | None:
        """The province of the last mention that has one, else the outlet's home province
        (a provincial paper's `thôn Đông` is in its province)."""
        return self._last_province or self.home


class CityIndex:
    """The cities ("Thành phố ...") named in a text, for a bare `TP` to refer to: the city
    named last before it, else the one named most. Built once (a lookup is a bisection):
    the `TP`s resolved meanwhile only repeat these names."""

    def __init__(self, found: list[PlaceMention]):
        cities = sorted((m for m in found if m.name.startswith(CITY)), key=lambda m: m.start)
        self.starts = [m.start for m in cities]
        self.cities = cities
        counts = Counter(m.name for m in found if m.name.startswith(CITY))
        name = counts.most_common(1)[0][0] if counts else None
        self.most_named = next((m for m in found if m.name == name), None)

    def last_before(self, pos: int) -> PlaceMention | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.cities[i - 1] if i else self.most_named


def article_key_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The place an article is about: the most named district- or province-level place, else
    (an article about one ward that names no district) the most named ward."""
    counts = Counter(m.key for m in places if m.level in ("province", "district") and m.province)
    if not counts:
        counts = Counter(m.key for m in places if m.level == "ward" and m.province)
    if not counts:
        return None
    best = counts.most_common(1)[0][0]
    return next(m for m in places if m.key == best)

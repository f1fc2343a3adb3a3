"""Resolving a place name against the gazetteer, in the context of the article.

An ambiguous name (`Phường 4`) is resolved by the district or province the article names, or
left unresolved (with the province its candidates share in the article, if any).
"""

from __future__ import annotations

from nlp.gazetteer import Gazetteer, Unit
from nlp.place_context import CITY, PlaceContext

#: (level, full name, unit or None, province or None)
Resolved = tuple[str, str, Unit | None, str | None]


def _bare(province: str) -> str:
    """A province's name without its unit word ("Tỉnh Lâm Đồng", "Thành phố Huế": "Lâm Đồng", "Huế")."""
    for word in ("Tỉnh ", "Thành phố "):
        if province.startswith(word):
            return province[len(word):]
    return province


class Resolver:
    """Resolves prefixed names (`phường Cẩm Châu`, `TP Huế`) in a gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.g = gazetteer

    def pick(self, cands: list[Unit], context: PlaceContext) -> Unit | None:
        """The one candidate the article's context allows, else None."""
        cands = list({(u.name, u.province, u.district): u for u in cands}.values())
        if context.provinces:
            # Never resolve into a province the article does not name: as a pre-2025 province,
            # or as the 2025 province that kept its name ("xã Nhân Cơ (Lâm Đồng)" in 2025:
            # Lâm Đồng took in Đắk Nông, where Nhân Cơ was), when no named one has the name.
            cands = ([u for u in cands if u.province in context.provinces or u.province is None]
                     or [u for u in cands if set(u.provinces_2025) & self._kept_names(context.provinces)])
            if context.aside_only and len(cands) > 1:
                # (`học tập kinh nghiệm tại tỉnh Bến Tre, xã Vĩnh Thành ...` in a report on An Giang)
                cands = [u for u in cands if u.province not in context.aside_only] or cands
        if len(cands) <= 1:
            return cands[0] if cands else None
        legacy = [u for u in cands if u.era == "legacy"]
        if legacy and len(legacy) < len(cands):
            cands = legacy
            if len(cands) == 1:
                return cands[0]
        in_district = [u for u in cands if u.district and u.district in context.districts]
        if len(in_district) == 1:
            return in_district[0]
        in_prov = [u for u in cands if u.province in context.provinces]
        if len(in_prov) == 1:
            return in_prov[0]
        at_home = [u for u in in_prov or cands if u.province == context.home]
        return at_home[0] if len(at_home) == 1 else None

    def _kept_names(self, provinces: set[str]) -> set[str]:
        """The 2025 provinces a named pre-2025 province went into under its own name
        ("Lâm Đồng" -> "Tỉnh Lâm Đồng"; "Đắk Nông", merged into Lâm Đồng, gives none)."""
        return {new for old in provinces for new in self.g.province_2025_of.get(old, ())
                if _bare(new) == _bare(old)}

    def common_province(self, cands: list[Unit], context: PlaceContext) -> str | None:
        """Province of an unresolved name: the one its candidates share within the article's
        provinces; else, in an article about one province, that province."""
        provs = {u.province for u in cands if u.province}
        scoped = provs & context.provinces
        if len(scoped) == 1:
            return next(iter(scoped))
        if len(context.provinces) == 1:
            return next(iter(context.provinces))
        if context.provinces:
            return None
        return next(iter(provs)) if len(provs) == 1 else None

    def resolve(self, level: str, type_word: str, name: str, context: PlaceContext) -> Resolved:
        """(level, full name, unit or None, province or None) for a prefixed name."""
        if level in ("province", "city"):
            return self._province_or_city(level, name, context)
        if level == "district":
            return self._district(type_word, name, context)
        if level == "ward":
            return self._ward(type_word, name, context)
        return "other", f"{type_word} {name}".strip(), None, None

    def _province_or_city(self, level: str, name: str, context: PlaceContext) -> Resolved:
        """`tỉnh X` names a province; `TP X` a province-level city, else a city within a province."""
        if level == "city":
            towns = [u for u in self.g.district_candidates(name) if u.name == f"{CITY} {name}"]
            if towns and self.g.province(name) and self.g.province(name).name != f"{CITY} {name}":
                # "TP Huế" before 2025 is the city within Thừa Thiên Huế, not the province.
                unit = self.pick(towns, context) or towns[0]
                return "district", unit.name, unit, unit.province
        unit = self.g.province(name)
        if unit:
            return "province", unit.name, unit, unit.province
        if level == "city":
            cands = [u for u in self.g.district_candidates(name) if u.name.startswith(CITY)]
            unit = self.pick(cands, context)
            if unit:
                return "district", unit.name, unit, unit.province
            return "district", f"{CITY} {name}", None, self.common_province(cands, context)
        return "province", name, None, None

    def _district(self, type_word: str, name: str, context: PlaceContext) -> Resolved:
        """`quận X`, `huyện X`, `thị xã X`: the type as written, in the article's provinces."""
        full = f"{type_word} {name}"
        cands = list({id(u): u for u in self.g.district_candidates(full) + self.g.district_candidates(name)}.values())
        same_type = [u for u in cands if u.name.split(" ")[0] == type_word.split(" ")[0]]
        in_context = [u for u in cands if u.province in context.provinces]
        # Prefer the type as written; but units change type (huyện Phong Điền became a thị xã
        # in 2025), so a unit of another type in the article's province beats one elsewhere.
        if context.provinces and not [u for u in same_type if u.province in context.provinces] and in_context:
            cands = in_context
        else:
            cands = same_type or cands
        unit = self.pick(cands, context)
        if unit:
            return "district", unit.name, unit, unit.province
        return "district", full, None, self.common_province(cands, context)

    def _ward(self, type_word: str, name: str, context: PlaceContext) -> Resolved:
        """`phường X`, `xã X`: within the district named last that has it, else by context."""
        full = f"{type_word} {name}"
        cands = self.g.ward_candidates(full) or self.g.ward_candidates(name)
        unit = None
        for d in reversed(context.district_units.values()):
            unit = self.g.ward_in_district(d, full) or self.g.ward_in_district(d, name)
            if unit:
                break
        unit = unit or self.pick(cands, context)
        if unit:
            return "ward", unit.name, unit, unit.province
        return "ward", full, None, self.common_province(cands, context)

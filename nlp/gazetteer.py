"""The administrative-unit gazetteer, built from `vietnamadminunits` data.

Two snapshots: before July 2025 (63 provinces, districts, wards) and after (34 provinces,
wards), joined by the package's converter table, so a place is reported under the unit the
article names and also under its current unit(s), one-to-many included.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from nlp.normalize import fold_key
from nlp.place_words import alternation, type_words

DATA = Path(__file__).parent / "data"
# The type word a district-level name starts with: "Quận 2" → "2", "Thành phố Huế" → "Huế".
_DISTRICT_TYPE = re.compile(r"^(?:" + alternation(type_words("city", "district")) + r") ")


@dataclass(frozen=True)
class Unit:
    """One administrative unit. `province` is the pre-2025 province name as the schema writes it."""

    level: str  # province | district | ward
    name: str  # full name with its type: "Phường Cẩm Châu", "Thành phố Hội An", "Quảng Nam"
    short: str  # "Cẩm Châu"
    province: str | None
    district: str | None = None
    code: str | None = None
    era: str = "legacy"  # legacy (before July 2025) | current (from July 2025)
    provinces_2025: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    provinces: dict[str, Unit] = field(default_factory=dict)  # key: folded short name or alias
    districts: dict[str, list[Unit]] = field(default_factory=lambda: defaultdict(list))
    wards: dict[str, list[Unit]] = field(default_factory=lambda: defaultdict(list))
    wards_by_district: dict[str, dict[str, Unit]] = field(default_factory=lambda: defaultdict(dict))
    province_2025_of: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def province(self, name: str) -> Unit | None:
        return self.provinces.get(fold_key(name))

    def district_candidates(self, name: str) -> list[Unit]:
        return self.districts.get(fold_key(name), [])

    def ward_candidates(self, name: str) -> list[Unit]:
        return self.wards.get(fold_key(name), [])

    def ward_in_district(self, district: Unit, name: str) -> Unit | None:
        return self.wards_by_district.get(f"{district.province}|{district.name}", {}).get(fold_key(name))


def _schema_province(full: str, short: str, renames: dict[str, str]) -> str:
    if full in renames:
        return renames[full]
    return full if full.startswith("Thành phố") else short


def _ascii_key(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch)).lower()


def _package_data() -> Path:
    """The `vietnamadminunits` data folder, located without importing the package (its
    import pulls in geocoders: ~2 s)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(spec.origin).parent / "data"


def _old_to_new_provinces(conn: sqlite3.Connection, converter: dict) -> dict[str, list[str]]:
    """Each pre-2025 province (by ascii key) → the current (2025) provinces it went into."""
    new_names = {
        _ascii_key(full): full for (full,) in conn.execute("SELECT DISTINCT province FROM admin_units")
    }
    old_to_new: dict[str, list[str]] = defaultdict(list)
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old in old_keys:
            old_to_new[old].append(new_names.get(new_key, new_key))
    return old_to_new


def _add_legacy_units(g: Gazetteer, conn: sqlite3.Connection, renames: dict[str, str],
                      old_to_new: dict[str, list[str]]) -> None:
    """Provinces, districts and wards before July 2025, each with its current provinces."""
    rows = conn.execute(
        "SELECT province, provinceShort, provinceCode, district, districtShort, districtCode, "
        "ward, wardShort, wardCode FROM admin_units_legacy"
    ).fetchall()
    seen_district: set[tuple[str, str]] = set()
    for prov, prov_short, prov_code, dist, dist_short, dist_code, ward, ward_short, ward_code in rows:
        schema_prov = _schema_province(prov, prov_short, renames)
        new = tuple(old_to_new.get(_ascii_key(prov), ()))
        g.province_2025_of[schema_prov] = new
        if fold_key(prov_short) not in g.provinces:
            unit = Unit("province", schema_prov, prov_short, schema_prov, code=prov_code, provinces_2025=new)
            for alias in {prov_short, prov, schema_prov}:
                g.provinces[fold_key(alias)] = unit
        if dist and (prov, dist) not in seen_district:
            seen_district.add((prov, dist))
            dunit = Unit("district", dist, dist_short, schema_prov, code=dist_code, provinces_2025=new)
            for key in {fold_key(dist_short), fold_key(dist)}:
                g.districts[key].append(dunit)
        if ward:
            wunit = Unit(
                "ward", ward, ward_short, schema_prov, district=dist, code=ward_code, provinces_2025=new
            )
            for key in {fold_key(ward_short), fold_key(ward)}:
                g.wards[key].append(wunit)
                g.wards_by_district[f"{schema_prov}|{dist}"][key] = wunit


def _add_historic_units(g: Gazetteer, extra: dict) -> None:
    """Province aliases (`TPHCM`, `Sài Gòn`) and districts dissolved before the legacy
    snapshot (`Quận 2`), from `nlp/data/historic_units.yaml`."""
    for alias, target in (extra.get("province_aliases") or {}).items():
        unit = g.provinces.get(fold_key(target))
        if unit:
            g.provinces[fold_key(alias)] = unit
    for item in extra.get("districts") or []:
        short = _DISTRICT_TYPE.sub("", item["name"])
        unit = Unit("district", item["name"], short, item["province"],
                    provinces_2025=g.province_2025_of.get(item["province"], ()))
        for key in {fold_key(item["name"]), fold_key(short)}:
            g.districts[key].append(unit)


def _add_current_wards(g: Gazetteer, conn: sqlite3.Connection, converter: dict, renames: dict[str, str]) -> None:
    """Wards created in July 2025: reachable by name; their old province comes from the
    converter when all the old wards they merge lay in one province."""
    old_prov_by_key = {_ascii_key(p): _schema_province(p, s, renames) for p, s in
                       conn.execute("SELECT DISTINCT province, provinceShort FROM admin_units_legacy")}
    new_ward_old_prov: dict[tuple[str, str], set[str]] = defaultdict(set)
    for new_prov_key, mapping in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in mapping.items():
            for old in old_keys:
                new_ward_old_prov[(new_prov_key, new_ward_key)].add(old.split("_")[0])
    # old wards split among several new ones (`phường Hoàng Mai`, Hà Nội, from parts of old wards)
    for new_prov_key, mapping in converter.get("DICT_PROVINCE_WARD_DIVIDED", {}).items():
        for old, parts in mapping.items():
            for part in parts:
                new_ward_old_prov[(new_prov_key, part["newWardKey"])].add(old.split("_")[0])
    for prov, ward, ward_short, ward_code in conn.execute(
        "SELECT province, ward, wardShort, wardCode FROM admin_units"
    ):
        key = fold_key(ward_short)
        # (a legacy ward of that name in the same 2025 province is the same ward, kept; a namesake
        # elsewhere is not: `Xã Phước Hải` of TPHCM is not the one of Ninh Thuận)
        if any(u.era == "legacy" and u.name == ward and prov in u.provinces_2025 for u in g.wards.get(key, [])):
            continue
        olds = new_ward_old_prov.get((_ascii_key(prov), _ascii_key(ward)), set())
        old_prov = old_prov_by_key.get(next(iter(olds))) if len(olds) == 1 else None
        unit = Unit("ward", ward, ward_short, old_prov, code=ward_code, era="current", provinces_2025=(prov,))
        for k in {key, fold_key(ward)}:
            g.wards[k].append(unit)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer (built once per process): legacy units, historic ones, current wards."""
    pkg = _package_data()
    extra = yaml.safe_load((DATA / "historic_units.yaml").read_text(encoding="utf-8"))
    renames: dict[str, str] = extra.get("province_names") or {}
    converter = json.loads((pkg / "converter_2025.json").read_text(encoding="utf-8"))
    conn = sqlite3.connect(f"file:{pkg / 'dataset.db'}?mode=ro", uri=True)
    try:
        g = Gazetteer()
        _add_legacy_units(g, conn, renames, _old_to_new_provinces(conn, converter))
        _add_historic_units(g, extra)
        _add_current_wards(g, conn, converter, renames)
    finally:
        conn.close()
    return g

"""Places: unit prefixes and abbreviations plus the gazetteer; bare names only in context.

Works on the normalized text. A mention inside an organization's name (`Công an TP Hồ Chí
Minh`) is kept for context (it counts towards the article's provinces and scopes figures)
but flagged `in_organization`, and is not reported as a location of its own.

The finder reads an article in passes, each taking only text no earlier pass took:
Ho Chi Minh City's short spellings, prefixed names (`phường Cẩm Châu`, `Q.4`), names listed
after a plural unit noun (`các xã A, B và C`), bare names (provinces anywhere, districts and
wards only in context), and a bare `TP` (the city named last). The words come from
`nlp/data/places.yaml` (`nlp/place_words.py`).
"""

from __future__ import annotations

import re as stdre

import regex as re

from nlp.gazetteer import Gazetteer, Unit, load
from nlp.lexicon import longest_first_alternation
from nlp.normalize import fold_key
from nlp.place_context import CityIndex, PlaceContext, PlaceMention, article_key_place
from nlp.place_filters import (
    ETHNIC,
    after_person_title,
    aside_openers,
    counted_after,
    is_aside,
    names_province,
    not_a_place,
)
from nlp.place_names import (
    CAP_RUN,
    CAP_RUN_ONLY,
    CAPITALIZED_ONLY,
    UP,
    PrefixMatch,
    cap_runs,
    plural_nouns_pattern,
    prefixed_names,
    starts_word,
    type_word,
)
from nlp.place_orgs import in_document_title, in_organization
from nlp.place_resolve import Resolver
from nlp.place_words import alternation, section, unit_nouns, units, words, written_forms, written_pattern

_HCM = section("hcm")
HCM_PROVINCE = str(_HCM["province"])
_HCM_RX = stdre.compile(r"(?:" + "|".join(written_pattern(s) for s in _HCM["spellings"]) + r")(?!\w)")
_HCM_AFTER_CITY = frozenset(str(n) for n in _HCM["after_city_prefix"])
_CITY_ABBREVIATIONS = frozenset(f for u in units() if u.level == "city" for a in u.abbreviations for f in written_forms(a))
_TP_ALONE = stdre.compile(r"(" + stdre.escape(str(section("bare_city"))) + r")(?![\w.])(?![ ]" + UP + ")")
# "ba thôn ven biển là An Hải, Châu Thuận Biển và Định Tân": names listed after a plural unit noun.
_COUNT = r"(?:" + alternation(words("count_words")) + r"|[0-9]{1,2})"
_ITEM_FIGURE = r"(?:[ ]*\([0-9][^()]{0,30}\))?"
_PLURAL_LIST = stdre.compile(
    _COUNT + r"[ ]+(?P<noun>" + plural_nouns_pattern() + r")"
    r"(?:[^.;:\n\"]{0,40}?[ ](?:là|gồm|như)[ ]*:?[ ]*|[ ]*:[ ]*|[ ])"
    # (an item may carry its figure in parentheses: "gồm: Song Hoành (9 mắt), Yên Nghĩa (8 mắt)")
    r"(?P<items>" + CAP_RUN + _ITEM_FIGURE + r"(?:(?:,[ ]*|[ ]và[ ]+)" + CAP_RUN + _ITEM_FIGURE + r")*)"
)
# (the count as a flat alternation of words and digits, `[0-9]{1,2}` spelt `0[0-9]?|1[0-9]?|...`:
# scanned for its first characters in C, faster than trying every position)
_COUNT_SCAN = r"(?:" + alternation(words("count_words")) + "|" + "|".join(f"{d}[0-9]?" for d in range(10)) + r")"
_PLURAL_HINT = stdre.compile(_COUNT_SCAN + r" (?:" + plural_nouns_pattern() + r")[ :,][^.]{0,60}?" + UP)
# A space a plural unit noun and a space, colon or comma follow: where a count before it may
# end. (The nouns as a trie: fewer comparisons after each space; which noun matters not.)
_NOUN_AFTER = stdre.compile(r"[ ](?=(?:" + longest_first_alternation(unit_nouns("plural_list")) + r")[ :,])")
_COUNT_WORDS = tuple(words("count_words"))


def _plural_hints(text: str):
    """`_PLURAL_HINT.finditer(text)`, tried only where a count ends before a space and a
    plural unit noun (a count word, one or two digits): every match starts there, and
    matches never overlap. (Unit nouns are rarer than the count's first letters.)"""
    starts = set()
    for q in _NOUN_AFTER.finditer(text):
        i = q.start()
        if text.endswith(_COUNT_WORDS, 0, i):  # (then which one, or ones)
            for w in _COUNT_WORDS:
                if text.endswith(w, 0, i):
                    starts.add(i - len(w))
        if i >= 1 and "0" <= text[i - 1] <= "9":
            starts.add(i - 1)
            if i >= 2 and "0" <= text[i - 2] <= "9":
                starts.add(i - 2)
    end = 0
    for p in sorted(starts):
        if p < end:
            continue
        m = _PLURAL_HINT.match(text, p)
        if m:
            yield m
            end = m.end()


_PARENS_AFTER = stdre.compile(r"[ ]*\(([^()]{2,60})\)")
_PARENT_SPLIT = stdre.compile(CAP_RUN + r"(?![\w'])")  # each capitalized name in the parentheses
# `tổ 7` is short for `tổ dân phố 7` where the text places it (Pass 1a).
GROUP_TYPE_WORD = next(u.type_word for u in units() if u.noun == "tổ dân phố")
_NUMBERED_GROUP = re.compile(r"[Tt](?<!\w[Tt])ổ ([0-9]{1,3})(?![0-9]|[.,/][0-9])((?:(?:, | và |, tổ | và tổ )[0-9]{1,3}(?![0-9]|[.,/][0-9]))*)")
_GROUP_PLACE_BEFORE = re.compile(r"(?<!\w)(?:[Ởở]|[Tt]ại|[Tt]huộc|trưởng) \Z")
_GROUP_WARD_AFTER = re.compile(r"[ ]*(?:,|\(|-|–)?[ ]*(?:[Pp]hường|[Xx]ã|[Tt]hị trấn|P\.)(?!\w)")
_NUM_TAIL2 = re.compile(r"[ ]\d{1,2}(?!\d|[.,/]\d)")
_NUM_TAIL3 = re.compile(r"[ ]\d{1,3}(?!\d|[.,/]\d)")


_WARD_NOUNS = ("xã", "phường", "thị trấn")
_DECLARE_WORDS = ("là", "vốn là")
_DECLARES = stdre.compile(r"[ ]+(?:là|vốn là)[ ]+(?:một[ ]+)?(?P<noun>xã|phường|thị trấn|huyện|quận|thị xã)(?!\w)")


_COUNT_VALUES = {w: i for i, w in enumerate(("hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"), 2)}


def _count_value(count: str) -> int | None:
    """How many names a count before a plural unit noun announces (`2`, `hai`); None: `các`."""
    count = count.strip().lower()
    return int(count) if count.isdigit() else _COUNT_VALUES.get(count)


# A bare name chained after a ward's (`xã Phước Hữu, Phước Hậu`, `phường Mỹ Bình, Mỹ Đông`)
_WORDS = r"[^\W\d]\w*(?:[ ][^\W\d]\w*){0,3}"  # one to four words, one space between (no ambiguity)
_AFTER_WARD_IN_CHAIN = stdre.compile(r"(?:xã|phường|thị trấn)[ ]+" + _WORDS + r"[ ]*(?:\([^()]{1,40}\)[ ]*)?,[ ]*"
                                     r"(?:" + _WORDS + r"[ ]*,[ ]*)*\Z", stdre.IGNORECASE)


def _after_ward_in_chain(text: str, s: int) -> bool:
    """`_AFTER_WARD_IN_CHAIN.search(text, max(0, s - 40), s)`: its every match ends with a
    comma and spaces, looked at first (a bare name seldom follows a comma)."""
    lo = s - 40 if s > 40 else 0
    j = s
    while j > lo and text[j - 1] == " ":
        j -= 1
    if j == lo or text[j - 1] != ",":
        return False
    return _AFTER_WARD_IN_CHAIN.search(text, lo, s) is not None


class _Found:
    """The mentions found so far, the text they take, and the article context they add to."""

    def __init__(self, text: str, context: PlaceContext):
        self.mentions: list[PlaceMention] = []
        self.taken = bytearray(len(text) + 1)  # 1 where a mention already stands
        self.context = context
        self.text = text
        self._openers = aside_openers(text)

    def free(self, s: int, e: int) -> bool:
        return self.taken.find(1, s, e) == -1

    def add(self, m: PlaceMention) -> None:
        self.mentions.append(m)
        self.taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        self.context.add(m, aside=bool(self._openers) and is_aside(self.text, m.start, 0, self._openers))


class PlaceFinder:
    """Finds the places of a text (`find`), resolved against the gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.g = gazetteer or load()
        self.resolver = Resolver(self.g)
        self._names_opening_with_a_prefix: frozenset[str] | None = None

    def find(self, text: str, home: str | None = None) -> list[PlaceMention]:
        """Every place mention of the normalized text, in text order. `home` is the home
        province of the article's outlet (a provincial paper): names are resolved there
        first when the text leaves a choice."""
        runs = cap_runs(text)
        named = [(m.start(), m.end(), m.group()) for m in runs]  # each run's (start, end, name), read once
        # (a capitalized prefix word that begins a province's or a district's own name is no
        # prefix: `Sóc Trăng: ...` is the province, not a Khmer hamlet `sóc` named `Trăng`)
        prefixed = [m for m in prefixed_names(text, runs)
                    if not (text[m.start()].isupper() and self._a_unit_itself(text[m.start() : m.end()]))]
        hcm = [m.span() for m in _HCM_RX.finditer(text) if starts_word(text, m.start())]  # read once, used twice
        found = _Found(text, self._prescan(text, prefixed, named, home, hcm))
        self._hcm_spellings(text, found, hcm)
        self._prefixed(text, prefixed, found)
        self._numbered_groups(text, found)
        self._parent_in_parentheses(text, found)
        self._plural_lists(text, found)
        self._bare_names(text, named, found)
        self._bare_tp(text, found)
        found.mentions.sort(key=lambda p: p.start)
        _parent_after(text, found.mentions)
        return found.mentions

    def _prescan(self, text: str, prefixed: list[PrefixMatch], named: list[tuple[int, int, str]],
                 home: str | None = None, hcm: list[tuple[int, int]] | None = None) -> PlaceContext:
        """The provinces and districts an article names unambiguously, wherever they stand,
        so that a ward named before its district still resolves in the right province."""
        context = PlaceContext(home=home)
        if home:
            context.provinces.add(home)
        if hcm is None:
            hcm = [m.span() for m in _HCM_RX.finditer(text) if starts_word(text, m.start())]
        if hcm:
            context.provinces.add(self.g.province(HCM_PROVINCE).name)
        provinces = self.g.provinces
        openers = aside_openers(text)
        for start, _, name in named:
            unit = provinces.get(fold_key(name))  # (self.g.province(name))
            if unit and names_province(text, start, name):
                if is_aside(text, start, 0, openers) and unit.name not in context.provinces:
                    context.aside_only.add(unit.name)
                context.provinces.add(unit.name)
        # Provinces first, then districts resolved within them (or anywhere if none is named).
        for wanted in (("province", "city"), ("district",)):
            scope = PlaceContext(provinces=set(context.provinces), home=home)
            for m in prefixed:
                level, word = type_word(m["prefix"])
                if level in wanted:
                    _, _, unit, province = self.resolver.resolve(level, word, m["name"].strip(), scope)
                    if unit:
                        context.add(PlaceMention(m.start(), m.end(), unit.level, unit.name, province, unit),
                                    aside=bool(openers) and is_aside(text, m.start(), 0, openers))
        context.forget_order()
        return context

    def _hcm_spellings(self, text: str, found: _Found, hcm: list[tuple[int, int]] | None = None) -> None:
        """Pass 0: Ho Chi Minh City written short (`TP.HCM`, `TPHCM`, `TP. Hồ Chí Minh`)."""
        unit = self.g.province(HCM_PROVINCE)
        if hcm is None:
            hcm = [m.span() for m in _HCM_RX.finditer(text) if starts_word(text, m.start())]
        for s, e in hcm:
            found.add(self._mention(text, s, e, "province", unit.name, unit))

    def _prefixed(self, text: str, prefixed: list[PrefixMatch], found: _Found) -> None:
        """Pass 1: names after a unit prefix, in text order so that districts named earlier
        resolve wards named later."""
        for m in prefixed:
            if not found.free(m.start(), m.end()):
                continue
            level, word = type_word(m["prefix"])
            named = _prefixed_name(text, m, level)
            if named is None:
                continue
            name, end = self._number_tail(text, level, *named)
            lvl, full, unit, province = self.resolver.resolve(level, word, name, found.context)
            if unit is None and "-" in name and level in ("district", "city", "ward"):
                # "huyện Phong Điền - Quảng Điền", "xã Bình Hiệp - Tịnh Trà": two units joined,
                # not one name; the first is the prefix's, the next is read as a bare name
                first = name.split("-", 1)[0].rstrip()
                f_lvl, f_full, f_unit, f_province = self.resolver.resolve(level, word, first, found.context)
                if f_unit is not None:
                    name, end = first, m.start("name") + len(first)
                    lvl, full, unit, province = f_lvl, f_full, f_unit, f_province
            if lvl == "other":
                if m.start() and text[m.start() - 1] in _OPEN_QUOTES:
                    continue  # “Xóm Bình Yên”, “Khu dân cư an toàn”: a model's name, not a place
                province = found.context.last_province()
            found.add(self._mention(text, m.start(), end, lvl, full, unit, province))

    def _numbered_groups(self, text: str, found: _Found) -> None:
        """Pass 1a: `tổ 7` for `tổ dân phố 7` where it is a place: after `ở`/`tại`/`thuộc` or
        a `tổ trưởng`, or before the ward it lies in (`tổ 7, 8, phường Nguyễn Trãi`); not
        a team's size (`mỗi tổ 3 thành viên`)."""
        if "tổ " not in text and "Tổ " not in text:
            return
        for m in _NUMBERED_GROUP.finditer(text):
            if not (_GROUP_PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start())
                    or _GROUP_WARD_AFTER.match(text, m.end())):
                continue
            province = found.context.last_province()
            for num in re.finditer(r"[0-9]{1,3}", m.group()):
                s, e = (m.start(), m.start() + num.end()) if num.start() == m.start(1) - m.start() else (
                    m.start() + num.start(), m.start() + num.end())
                if counted_after(text, e):
                    break  # "tại tổ 7, 86 hộ dân": a figure ends the list
                if found.free(s, e):
                    found.add(self._mention(text, s, e, "other", f"{GROUP_TYPE_WORD} {num.group()}", None, province))

    def _number_tail(self, text: str, level: str, name: str, end: int) -> tuple[str, int]:
        """A number after the name belongs to it: a ward the gazetteer knows (`phường Tân
        Định 2`), any residential unit (`khu phố Hòa Bình 3`)."""
        if name[0].isdigit() or level not in ("ward", "other"):
            return name, end
        tail = (_NUM_TAIL2 if level == "ward" else _NUM_TAIL3).match(text, end)
        if tail and (text.startswith("%", tail.end()) or counted_after(text, tail.end())):
            return name, end  # "Xóm Sỳ 100% người dân", "xóm Đồi 25 hộ": a figure follows the name
        if tail and (level == "other" or self.g.ward_candidates(f"{name}{tail.group()}")):
            return name + tail.group(), end + len(tail.group())
        return name, end

    def _plural_lists(self, text: str, found: _Found) -> None:
        """Pass 1b: names listed after a plural unit noun (`các xã A, B và C`)."""
        plural = (_PLURAL_LIST.match(text, h.start()) for h in _plural_hints(text)
                  if starts_word(text, h.start()))
        for m in (m for m in plural if m):
            level, word = type_word(m["noun"])
            # "2 phường Hồng Sơn, Trung Đô và Phòng Cảnh sát...": two names, then something else
            most = _count_value(text[m.start() : m.start("noun")])
            for n, item in enumerate(CAP_RUN_ONLY.finditer(m["items"])):
                if most is not None and n >= most:
                    break
                s, e = m.start("items") + item.start(), m.start("items") + item.end()
                if not found.free(s, e) or item.group().lower() in ETHNIC:
                    continue
                lvl, full, unit, province = self.resolver.resolve(level, word, item.group(), found.context)
                if lvl == "other":
                    province = found.context.last_province()
                found.add(self._mention(text, s, e, lvl, full, unit, province, prefixed=False))

    def _bare_ward_with_parent(self, text: str, s: int, e: int, name: str, found: _Found) -> bool:
        """`Hòa Bình Thạnh (Châu Thành)` in a list of neighbours: a bare name with a district in
        parentheses that has a ward of that name, in a province the article names, is that ward."""
        m = _PARENS_AFTER.match(text, e)
        part = _PARENT_SPLIT.search(m[1]) if m else None
        if part is None or (after_person_title(text, s)):
            return False
        ps, pe = m.start(1) + part.start(), m.start(1) + part.end()
        districts = [d for d in self.g.district_candidates(part.group())
                     if d.province in found.context.provinces and self.g.ward_in_district(d, name)]
        if len(districts) != 1 or not found.free(ps, pe):
            return False
        d = districts[0]
        w = self.g.ward_in_district(d, name)
        found.add(self._mention(text, s, e, "ward", w.name, w, prefixed=False))
        found.add(self._mention(text, ps, pe, "district", d.name, d, prefixed=False))
        return True

    def _bare_names(self, text: str, named: list[tuple[int, int, str]], found: _Found) -> None:
        """Pass 2: names without a prefix: provinces anywhere; districts and wards only in
        the context of the provinces and districts the article names."""
        context = found.context
        declared = self._declared(text, named, context)
        # a name the text gives elsewhere with its unit (`Công an xã Tân Hội`): the same place
        prefixed_units = {fold_key(m.unit.short): m.unit for m in found.mentions
                          if m.prefixed and m.unit is not None and m.level == "ward" and " " in m.unit.short}
        for s, e, name in self._bare_candidates(named):
            if not found.free(s, e):
                continue
            if " " in name and text.startswith(" (", e) and self._bare_ward_with_parent(text, s, e, name, found):
                continue
            key = fold_key(name)
            unit = prefixed_units.get(key)  # (a name shared with a district or province is resolved below)
            if unit is not None and key not in self.g.districts and key not in self.g.provinces and not after_person_title(text, s):
                found.add(self._mention(text, s, e, unit.level, unit.name, unit, prefixed=False))
                continue
            if key not in self.g.provinces and key not in self.g.districts and " " not in name:
                continue
            if after_person_title(text, s):
                continue
            if key in declared and key in self.g.provinces:  # "Bình Dương là xã ...": the commune, everywhere
                unit = declared[key]
                found.add(self._mention(text, s, e, unit.level, unit.name, unit, prefixed=False))
                continue
            unit = self.g.provinces.get(key)  # (self.g.province(name))
            if unit and names_province(text, s, name):
                found.add(self._mention(text, s, e, "province", unit.name, unit, prefixed=False))
                continue
            if " " not in name or not names_province(text, s, name):
                continue  # (the test for provinces also knows streets: "đường Nghi Sơn - Sao Vàng")
            dcands = [u for u in self.g.district_candidates(name) if u.province in context.provinces
                      or u.name in context.districts]
            if len(dcands) == 1:
                found.add(self._mention(text, s, e, "district", dcands[0].name, dcands[0], prefixed=False))
                continue
            for d in reversed(context.district_units.values()):
                w = self.g.ward_in_district(d, name)
                if w:
                    found.add(self._mention(text, s, e, "ward", w.name, w, prefixed=False))
                    break
            else:
                # a district known only through a ward of it ("xã Phước Hữu, Phước Hậu (Ninh Phước)")
                w = self._ward_in_ward_districts(name, context) if _after_ward_in_chain(text, s) else None
                if w:
                    found.add(self._mention(text, s, e, "ward", w.name, w, prefixed=False))
                    continue
                unit = declared.get(key)
                if unit:
                    found.add(self._mention(text, s, e, unit.level, unit.name, unit, prefixed=False))

    def _a_unit_itself(self, written: str) -> bool:
        """Is `written` (a capitalized prefix word and a name) a province's or district's own short
        name, one that starts with a unit noun (`Sóc Trăng`)?"""
        if self._names_opening_with_a_prefix is None:
            prefixes = {w.lower() for w in unit_nouns("prefix")}
            self._names_opening_with_a_prefix = frozenset(
                fold_key(u.short) for units in (list(self.g.provinces.values()),
                                                 [u for us in self.g.districts.values() for u in us])
                for u in units if " " in u.short and u.short.split(" ", 1)[0].lower() in prefixes
                and not u.short.split(" ", 1)[1].isdigit())  # (`Quận 4` is its prefix and number)
        return fold_key(written) in self._names_opening_with_a_prefix

    def _ward_in_ward_districts(self, name: str, context: PlaceContext) -> Unit | None:
        """The one ward of this name in the districts the article's wards lie in."""
        wards = {w.code: w for dn in context.districts if dn not in {d.name for d in context.district_units.values()}
                 for d in self.g.district_candidates(dn) if d.province in context.provinces
                 for w in (self.g.ward_in_district(d, name),) if w}
        return next(iter(wards.values())) if len(wards) == 1 else None

    def _declared(self, text: str, named: list[tuple[int, int, str]], context: PlaceContext) -> dict[str, Unit]:
        """Names the text itself says are a unit (`Tả Van là xã ...`, `Mường Lói là một xã
        biên giới`), resolved in the provinces the article names or its outlet's home: every
        mention of such a name is that place, the headline's included."""
        out: dict[str, Unit] = {}
        for _, e, name in named:
            # (_DECLARES needs a space, then another or `là`, `vốn là`: checked first, cheaply)
            if not (text.startswith(" ", e) and (text.startswith(_DECLARE_WORDS, e + 1) or text.startswith(" ", e + 1))):
                continue
            said = _DECLARES.match(text, e)
            if not said or " " not in name:
                continue
            found = self.g.ward_candidates(name) if said["noun"] in _WARD_NOUNS else self.g.district_candidates(name)
            units = [u for u in found if u.province in context.provinces]
            # (`là xã`: a commune, not a namesake ward of another province the text names)
            units = [u for u in units if u.name.lower().startswith(said["noun"] + " ")] or units
            if len(units) == 1:
                out[fold_key(name)] = units[0]
        return out

    def _bare_candidates(self, named: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The capitalized runs as (start, end, name); a hyphenated run that is no name as a
        whole (`Yên Sơn - Tuyên Quang`, unlike `Bà Rịa - Vũng Tàu`) is read as its parts."""
        out = []
        for run in named:
            name = run[2]
            if "-" not in name:
                out.append(run)
                continue
            key = fold_key(name)
            if key in self.g.provinces or key in self.g.districts:
                out.append(run)
                continue
            pos = run[0]
            for part in name.split("-"):
                lead = len(part) - len(part.lstrip())
                if part.strip():
                    out.append((pos + lead, pos + lead + len(part.strip()), part.strip()))
                pos += len(part) + 1
        return out

    def _parent_in_parentheses(self, text: str, found: _Found) -> None:
        """Pass 1c: `xã A (B)`, `xã A (B, C)`, `xã A (B - C)`: bare names in parentheses
        right after a ward are its district (one that has that ward) and its province."""
        for ward in [w for w in found.mentions if w.level == "ward" and w.prefixed]:
            m = _PARENS_AFTER.match(text, ward.end)
            if not m:
                continue
            short = ward.name.split(" ", 1)[-1]
            for part in _PARENT_SPLIT.finditer(m[1]):
                s, e = m.start(1) + part.start(), m.start(1) + part.end()
                if not found.free(s, e):
                    continue
                named = self.g.district_candidates(part.group())
                districts = [d for d in named
                             if self.g.ward_in_district(d, ward.name) or self.g.ward_in_district(d, short)]
                if ward.province:
                    districts = [d for d in districts if d.province == ward.province] or districts
                if not districts and ward.unit is None and len(named) == 1:
                    # a ward the gazetteer no longer has (merged since): its parent says where it lies
                    d = named[0]
                    found.add(self._mention(text, s, e, "district", d.name, d, prefixed=False))
                    ward.province, ward.provinces_2025 = d.province, list(d.provinces_2025)
                    found.context.add(ward)
                    continue
                if len(districts) != 1:
                    continue
                d = districts[0]
                found.add(self._mention(text, s, e, "district", d.name, d, prefixed=False))
                if ward.unit is None or ward.province != d.province:
                    w = self.g.ward_in_district(d, ward.name) or self.g.ward_in_district(d, short)
                    ward.name, ward.unit, ward.province = w.name, w, w.province
                    ward.provinces_2025 = list(w.provinces_2025)
                    found.context.add(ward)

    def _bare_tp(self, text: str, found: _Found) -> None:
        """Pass 3: `TP` standing alone refers to the city named last (`trên địa bàn TP`)."""
        cities = None  # (built at the first `TP` to resolve: most texts have none)
        for m in _TP_ALONE.finditer(text):
            if not found.free(m.start(), m.end()) or not starts_word(text, m.start()) or text[m.start() - 1 : m.start()] == ".":
                continue
            if cities is None:
                cities = CityIndex(found.mentions)
            city = cities.last_before(m.start())
            if city:
                found.add(self._mention(text, m.start(), m.end(), city.level, city.name, city.unit, city.province))

    def _mention(self, text: str, s: int, e: int, level: str, name: str, unit: Unit | None,
                 province: str | None = None, prefixed: bool = True) -> PlaceMention:
        province = unit.province if unit else province
        p2025 = list(unit.provinces_2025) if unit else list(self.g.province_2025_of.get(province or "", ()))
        if " - " in name and "-" in text[s:e] and " - " not in text[s:e]:
            name = _as_written_hyphen(name, text[s:e])
        if unit is not None and unit.level != "province" and ("ă" in name or "ắ" in name):
            name = _as_written_dak(name, text[s:e])
        return PlaceMention(s, e, level, name, province, unit, in_organization(text, s) or in_document_title(text, s), prefixed, p2025)


def _as_written_hyphen(name: str, written: str) -> str:
    """The unit's name with its hyphen spaced as the text writes it ("Phan Rang-Tháp Chàm")."""
    return name.replace(" - ", "-") if "-" in written.replace(" - ", "") else name


_DAK_WORD = stdre.compile(r"(?<!\w)[ĐđLl](?:ăk|ăc|ắc|ắk)(?!\w)")


def _as_written_dak(name: str, written: str) -> str:
    """The unit's name with `Đắk`/`Đăk`/`Lắk` spelt as the text spells it (both are in use)."""
    spelt = {m[0][0].lower(): m[0] for m in _DAK_WORD.finditer(written)}
    return _DAK_WORD.sub(lambda m: spelt.get(m[0][0].lower(), m[0]), name) if spelt else name


_PARENT_GAP = re.compile(r"[ ]*[,(]?[ ]*")


def _parent_after(text: str, mentions: list[PlaceMention]) -> None:
    """A residential unit written before its ward or district (`thôn Chế Cu Nha, xã Mù Cang
    Chải`) lies in that unit's province, not in the province the text last named."""
    for here, nxt in zip(mentions, mentions[1:], strict=False):
        if (here.level == "other" and nxt.level in ("ward", "district") and nxt.province
                and here.province != nxt.province and _PARENT_GAP.fullmatch(text, here.end, nxt.start)):
            here.province = nxt.province
            here.provinces_2025 = list(nxt.provinces_2025)


_COMMON_WORDS = tuple(words("common_words_after_prefix"))
_COMMON_FIRST = frozenset(w.split()[0] for w in _COMMON_WORDS)
_CREDIT_OR_CLAN_BEFORE = stdre.compile(r"(?<!\w)(?:" + "|".join(map(stdre.escape, words("not_place_after"))) + r")[ ]+\Z")


def _prefixed_name(text: str, m: PrefixMatch, level: str) -> tuple[str, int] | None:
    """(name, its end) after a prefix, or None when the prefix and name are not a place: a
    one-letter name, `khối` before a number, a figure (`Công an phường 14 tin báo`), a
    landmark (`thác Bản Giốc`), a people (`làng Chăm`), a person (`Già làng K'Sáu`)."""
    prefix, name = m["prefix"], m["name"].strip()
    if level == "other" and prefix[0].islower() and not name[0].isdigit() and len(name) < 2:
        return None
    if level in ("province", "city") and name[0].isdigit():
        return None  # "đường tỉnh 826": a provincial road; no province has a number
    if prefix in CAPITALIZED_ONLY and not name[0].isupper():
        return None
    if name.split(" ", 1)[0] in _COMMON_FIRST and text.startswith(_COMMON_WORDS, m.start("name")):
        return None  # "khu dân cư An ninh – An toàn": a common word capitalized, no name
    if _CREDIT_OR_CLAN_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "Ảnh: H. Đức" (a photographer), "dòng họ Bon Niêng" (a clan)
    if prefix in _CITY_ABBREVIATIONS and name in _HCM_AFTER_CITY:
        name = HCM_PROVINCE
    name = _without_person(name)
    end = m.start("name") + len(name)
    if level != "other" and name.startswith("số "):
        name = name[3:]  # "Phường số 3" is Phường 3; a residential unit keeps its "số"
    if name[0].isdigit() and (counted_after(text, end) or (
            prefix.lower() == "phố" and text[max(0, m.start() - 4) : m.start()].lower() == "dân ")):
        return None  # ("bảo vệ dân phố 33 máy bộ đàm": the force, then a figure)
    if level == "other" and not_a_place(text, m.start(), name):
        return None
    if level == "other" and _HEAD_OF.search(text, max(0, m.start() - 8), m.start()) and _is_full_name(name):
        return None  # "trưởng thôn Sùng Seo Sừ": the hamlet's head, a person
    return name, end


_FAMILY_NAMES = frozenset(words("family_names"))
_OPEN_QUOTES = "“\"'‘«"


_HEAD_OF = stdre.compile(r"(?<!\w)(?:[Tt]rưởng|[Pp]hó|[Bb]í thư)[ ]+\Z")


def _is_full_name(name: str) -> bool:
    """A person's full name: a family name and two more words or more."""
    parts = name.split(" ")
    return len(parts) >= 3 and parts[0] in _FAMILY_NAMES


def _without_person(name: str) -> str:
    """The name without a person's full name run into it (`Hải Bối Nguyễn Hữu Thụ`)."""
    parts = name.split(" ")
    for i in range(1, len(parts) - 2):
        if parts[i] in _FAMILY_NAMES:
            return " ".join(parts[:i])
    return name


def find_places(text: str) -> list[PlaceMention]:
    return PlaceFinder().find(text)


__all__ = ["PlaceMention", "PlaceFinder", "find_places", "article_key_place", "fold_key"]

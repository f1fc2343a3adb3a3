"""Places: unit prefixes and abbreviations plus the gazetteer; bare names only in context.

Works on the normalized text. A mention inside an organization's name (`Công an TP Hồ Chí
Minh`) is kept for context (it counts towards the article's provinces and scopes figures)
but flagged `in_organization`, and is not reported as a location of its own.
"""

from __future__ import annotations

import bisect
import re as stdre
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from nlp.gazetteer import Gazetteer, Unit, load
from nlp.normalize import fold_key

# Explicit Vietnamese letter classes let the hot patterns run on the faster stdlib `re`
# (the text is NFC, so every letter is one precomposed character).
_LATIN = [chr(c) for r in ((0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r)]
VN_UPPER = "".join(c for c in _LATIN if c.isupper())
VN_LOWER = "".join(c for c in _LATIN if c.islower())
UP = f"[{VN_UPPER}]"
WORD_CAP = rf"[{VN_UPPER}][{VN_LOWER}]*(?:'[{VN_UPPER}{VN_LOWER}][{VN_LOWER}]*)?"
CAP_RUN = rf"{WORD_CAP}(?:[ ]{WORD_CAP}){{0,4}}"
NUM_NAME = r"[0-9]{1,3}[A-Z]?(?![0-9]|[.,/][0-9])"

# prefix → (level, canonical type word)
_PREFIXES: list[tuple[str, str, str]] = [
    (r"[Tt]ỉnh", "province", ""),
    (r"[Tt]hành phố|TP\.?|Tp\.?", "city", "Thành phố"),
    (r"[Qq]uận|Q\.", "district", "Quận"),
    (r"[Hh]uyện|H\.", "district", "Huyện"),
    (r"[Tt]hị xã|TX\.?", "district", "Thị xã"),
    (r"[Pp]hường|P\.", "ward", "Phường"),
    (r"[Xx]ã|X\.", "ward", "Xã"),
    (r"[Tt]hị trấn|TT\.", "ward", "Thị trấn"),
    (r"[Đđ]ặc khu", "ward", "Đặc khu"),
    (r"[Kk]hối phố|[Kk]hu phố", "other", ""),
    (r"KP\.?", "other", "Khu phố"),
    (r"[Tt]ổ dân phố|TDP", "other", "Tổ dân phố"),
    (r"[Kk]hu dân cư", "other", "Khu dân cư"),
    (r"[Kk]hu đô thị|KĐT", "other", "Khu đô thị"),
    (r"[Ấấ]p|[Tt]hôn|[Bb]ản|[Xx]óm|[Kk]hóm|[Bb]uôn|[Ll]àng|[Kk]hối|[Bb]on|[Pp]lei|[Ss]óc|[Kk]hu", "other", ""),
]
_PREFIX_ALTS = "|".join(f"(?:{p})" for p, _, _ in _PREFIXES)
# A unit prefix ending right before a name: searched in a short window before each name.
_PREFIX_BEFORE = stdre.compile(r"(?<!\w)(?P<prefix>" + _PREFIX_ALTS + r")[ ]?$")
_PREFIX_AT_START = stdre.compile(r"(?P<prefix>" + _PREFIX_ALTS + r")[ ](?=\S)")
_NUM_TOKEN = stdre.compile(r"(?<![\w,/])(?<![0-9]\.)" + NUM_NAME)
_HCM_RX = stdre.compile(r"(?:TP\.? ?HCM|Tp\.? ?HCM|TPHCM|TP\. ?Hồ Chí Minh|TP Hồ Chí Minh)(?!\w)")
_TP_ALONE = stdre.compile(r"(TP)(?![\w.])(?![ ]" + UP + ")")
# "ba thôn ven biển là An Hải, Châu Thuận Biển và Định Tân": names listed after a plural unit noun.
_PLURAL_LIST = stdre.compile(
    r"(?:các|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|[0-9]{1,2})[ ]+"
    r"(?P<noun>thôn|xã|phường|ấp|bản|khu phố|khối phố|tổ dân phố|thị trấn|huyện|quận|buôn|làng|xóm|khối)"
    r"(?:[^.;:\n\"]{0,40}?[ ](?:là|gồm|như)[ ]*:?[ ]*|[ ])"
    r"(?P<items>" + CAP_RUN + r"(?:(?:,[ ]*|[ ]và[ ]+)" + CAP_RUN + r")*)"
)
_PLURAL_HINT = stdre.compile(r"(?:các|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|[0-9]{1,2}) (?:thôn|xã|phường|ấp|bản|"
                             r"khu phố|khối phố|tổ dân phố|thị trấn|huyện|quận|buôn|làng|xóm|khối) [^.]{0,60}?" + UP)
_LANDMARK_BEFORE = stdre.compile(
    r"(?:thác|chợ|đồn|cửa khẩu|đình|chùa|núi|sông|suối|hồ|cầu|đèo|bãi|bến|động|hang|trường|cột mốc)[ ]+$",
    stdre.IGNORECASE)
ETHNIC = {"chăm", "mông", "h'mông", "thái", "dao", "tày", "nùng", "khmer", "khơ me", "ê đê", "êđê", "gia rai",
          "jrai", "ba na", "bahnar", "xơ đăng", "mường", "hoa", "kinh", "cơ tu", "raglai", "vân kiều", "pa cô",
          "tà ôi", "xtiêng", "mạ", "cơ ho", "m'nông", "sán dìu", "sán chay", "lô lô", "hà nhì", "giáy", "cống"}
_CAP_RUN_RX = stdre.compile(CAP_RUN + r"(?:[ ]?-[ ]?" + CAP_RUN + r")?(?!\w)")

ORG_HEAD = re.compile(
    r"(?:Công an|CA|UBND|Ủy ban nhân dân|Ủy ban MTTQ|UBMTTQ|Ủy ban Mặt trận|MTTQ|Mặt trận Tổ quốc|HĐND|"
    r"Hội đồng nhân dân|Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Đảng bộ|Ban Chỉ đạo|BCĐ|"
    r"Hội Nông dân|Hội nông dân|Hội Liên hiệp Phụ nữ|Hội LHPN|Hội Phụ nữ|Hội Cựu chiến binh|Hội CCB|Đoàn Thanh niên|"
    r"Tỉnh đoàn|Thành đoàn|Huyện đoàn|Liên đoàn Lao động|Bộ Chỉ huy|Bộ đội Biên phòng|BĐBP|Tòa án|TAND|"
    r"Viện Kiểm sát|Viện kiểm sát|VKSND|Sở|Phòng|Cục|Chi cục|Báo|Đài|Trường|Bệnh viện|Trung tâm|Ban|Văn phòng|"
    r"Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|Giám đốc|Phó Giám đốc|Trưởng|Phó Trưởng|Chỉ huy trưởng|Đội|"
    r"Kho bạc|Ngân hàng|Hội|Đoàn|Chi bộ|Cảnh sát|Bộ)"
    r"(?:[ ]+(?:\p{Lu}[\p{L}\p{M}]*|nhân dân|Việt Nam|và|thành phố|tỉnh|huyện|quận|phường|xã|thị xã|thị trấn|"
    r"công an|chỉ huy|quân sự|phòng cháy|chữa cháy|cứu nạn|cứu hộ|cảnh sát|hình sự|giao thông|"
    r"kinh tế|trật tự|an ninh|quản lý|hành chính|về|[\p{Ll}\p{M}]+){0,8}?)[ ]*$"
)
_ORG_FIRST_WORDS = frozenset(
    "Công CA UBND Ủy UBMTTQ MTTQ Mặt HĐND Hội Thành Tỉnh Huyện Quận Thị Đảng Ban BCĐ Đoàn Liên Bộ BĐBP Tòa "
    "TAND Viện VKSND Sở Phòng Cục Chi Báo Đài Trường Bệnh Trung Văn Chủ Phó Bí Giám Trưởng Chỉ Đội Kho Ngân "
    "Cảnh Tổng".split())
_NOT_ORG_GAP = re.compile(r"(?<![\p{L}])(?:tại|ở|trên|thuộc|đến|tới|về|với|của|cho|từ|giữa|khắp|toàn)(?![\p{L}])")
PERSON_TITLES = stdre.compile(
    r"(?:ông|bà|anh|chị|em|cô|chú|bác|cụ|cháu|đồng chí|đ/c|già|già làng|trưởng bản|trưởng thôn|Đại tá|Thượng tá|Trung tá|Thiếu tá|Đại úy|"
    r"Thượng úy|Trung úy|Thiếu úy|Trung tướng|Thiếu tướng|Đại tướng|Thượng tướng|ông bà|vợ chồng|gia đình)[ ]+$",
    stdre.IGNORECASE,
)


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


@dataclass(frozen=True, slots=True)
class PrefixMatch:  # noqa: D101
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


_PREFIX_LAST_WORDS = frozenset(
    "tỉnh phố tp quận huyện xã tx phường trấn khu kp tdp cư thị kđt ấp thôn bản xóm khóm buôn làng khối bon "
    "plei sóc tp. q. p. h. x. tx. tt. kp.".split())


def _may_follow_prefix(text: str, s: int) -> bool:
    """Cheap test before the prefix regex: does a prefix word or abbreviation end right here?"""
    if s == 0:
        return False
    before = text[max(0, s - 12) : s]
    if before.endswith("."):
        return True  # TP. Q. P. H. X. TX. TT. KP.
    if before and before[-1].isalpha():
        return before.endswith(("TP", "Tp", "TX", "KP", "TDP", "KĐT"))  # "TP.Hội An" is handled above
    parts = before.split()
    word = parts[-1].lstrip("(\"'[").lower() if parts else ""
    return word in _PREFIX_LAST_WORDS


def prefixed_names(text: str, runs: list) -> list[PrefixMatch]:
    """Names with a unit prefix (`phường Cẩm Châu`, `TP.Hội An`, `Q.4`, `thôn 3`).

    Finds the names first (capitalized runs and small numbers, cheap to scan) and then looks
    for a prefix just before them, instead of scanning the text for every prefix form."""
    out: list[PrefixMatch] = []
    spans = [(m.start(), m.end()) for m in runs]
    spans += [(m.start(), m.end()) for m in _NUM_TOKEN.finditer(text)]
    done_until = -1
    for s, e in sorted(spans):
        if s < done_until:
            continue
        p = _PREFIX_BEFORE.search(text, max(0, s - 16), s) if _may_follow_prefix(text, s) else None
        if p:  # "xã Bản Công", "tỉnh Sóc Trăng": the run is the name even if it starts like a prefix
            if p["prefix"].lower() == "khu" and not text[s].isdigit():
                continue  # "khu" names only numbered areas ("khu 5")
            out.append(PrefixMatch(text, p.start("prefix"), p.end("prefix"), s, e))
            done_until = e
            continue
        inner = _PREFIX_AT_START.match(text, s, e)
        if inner and inner.end() < e and text[inner.end()].isupper() and inner["prefix"].lower() != "khu":
            out.append(PrefixMatch(text, s, inner.end("prefix"), inner.end(), e))  # "Phường Cẩm Châu"
            done_until = e
    return out


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


# Capitalized at the start of a sentence, not part of a name: "Tại Phường Võ Thị Sáu".
SENTENCE_WORDS = frozenset(
    "Tại Ở Trên Theo Trong Từ Với Sau Khi Tới Đến Về Cùng Riêng Còn Nhưng Và Hiện Toàn Cả Nhờ Qua Do Vì "
    "Cho Được Đã Đồng Ông Bà Anh Chị Phía Thời Hơn Gần Khoảng Nhiều Các Những Mỗi Một Hai Ba Bên Ngoài "
    "Tuy Nếu Để Thay Lực Người Tất".split())


def cap_runs(text: str) -> list[Run]:
    """Runs of capitalized words that start a word (`Hội An`, `Bà Rịa - Vũng Tàu`); a run led by
    a sentence word (`Tại Hội An`) is also given without it, as a second candidate."""
    out: list = []
    for m in _CAP_RUN_RX.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            # "TP Đà Nẵng" first matches "P Đà Nẵng": look again from inside the match
            inner = _CAP_RUN_RX.search(text, start + 1, m.end())
            while inner and not _starts_word(text, inner.start()):
                inner = _CAP_RUN_RX.search(text, inner.start() + 1, m.end())
            if inner is None:
                continue
            m = inner
            start = m.start()
        out.append(m)
        first, sep, _ = m.group().partition(" ")
        if sep and first in SENTENCE_WORDS:
            out.append(Run(text, start + len(first) + 1, m.end()))  # also "Hội An" in "Tại Hội An"
    return out


def _names_province(text: str, start: int, name: str) -> bool:
    """A province name standing alone names the province, except in "diễn biến hòa bình"
    (peaceful evolution, a political term) written with capitals."""
    return name != "Hòa Bình" or not text[max(0, start - 15) : start].lower().endswith("diễn biến ")


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _org_context(text: str, start: int) -> bool:
    """Is the mention the tail of an organization's name (`Công an phường X`, `UBND huyện Y`)?"""
    window = text[max(0, start - 90) : start]
    for sep in (",", ";", ".", "(", ":", "\n", '"', " và ", " - "):
        idx = window.rfind(sep)
        if idx >= 0 and not (sep == "." and idx > 0 and window[idx - 1 : idx + 1] in ("P.", "Q.")):
            window = window[idx + len(sep) :]
    if _ORG_FIRST_WORDS.isdisjoint(window.split()):
        return False  # quick check: no organization head word at all
    m = ORG_HEAD.search(window)
    if not m:
        return False
    gap = window[m.start() :]
    return not _NOT_ORG_GAP.search(gap) and "địa bàn" not in gap


_PREFIX_TYPES = [(re.compile(rx), level, word) for rx, level, word in _PREFIXES]
_NUM_TAIL2 = re.compile(r"[ ]\d{1,2}(?!\d|[.,/]\d)")
_NUM_TAIL3 = re.compile(r"[ ]\d{1,3}(?!\d|[.,/]\d)")
_CAP_RUN_ONLY = stdre.compile(CAP_RUN)


@lru_cache(maxsize=256)
def _type_word(prefix: str) -> tuple[str, str]:
    for rx, level, word in _PREFIX_TYPES:
        if rx.fullmatch(prefix):
            return level, word
    return "other", ""


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.g = gazetteer or load()

    # -- resolution -----------------------------------------------------------------------
    def _pick(self, cands: list[Unit], context: PlaceContext) -> Unit | None:
        cands = list({(u.name, u.province, u.district): u for u in cands}.values())
        if context.provinces:
            # Never resolve into a province the article does not name.
            cands = [u for u in cands if u.province in context.provinces or u.province is None]
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
        return None

    def _common_province(self, cands: list[Unit], context: PlaceContext) -> str | None:
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

    def _resolve(self, level: str, type_word: str, name: str, context: PlaceContext) -> tuple[str, str, Unit | None, str | None]:
        """(level, full name, unit or None, province or None) for a prefixed name."""
        if level == "city":
            towns = [u for u in self.g.district_candidates(name) if u.name == f"Thành phố {name}"]
            if towns and self.g.province(name) and self.g.province(name).name != f"Thành phố {name}":
                # "TP Huế" before 2025 is the city within Thừa Thiên Huế, not the province.
                unit = self._pick(towns, context) or towns[0]
                return "district", unit.name, unit, unit.province
        if level in ("province", "city"):
            unit = self.g.province(name)
            if unit:
                return "province", unit.name, unit, unit.province
            if level == "city":
                cands = [u for u in self.g.district_candidates(name) if u.name.startswith("Thành phố")]
                unit = self._pick(cands, context)
                if unit:
                    return "district", unit.name, unit, unit.province
                return "district", f"Thành phố {name}", None, self._common_province(cands, context)
            return "province", name, None, None
        if level == "district":
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
            unit = self._pick(cands, context)
            if unit:
                return "district", unit.name, unit, unit.province
            return "district", full, None, self._common_province(cands, context)
        if level == "ward":
            full = f"{type_word} {name}"
            cands = self.g.ward_candidates(full) or self.g.ward_candidates(name)
            unit = None
            for d in reversed(context.district_units):
                unit = self.g.ward_in_district(d, full) or self.g.ward_in_district(d, name)
                if unit:
                    break
            unit = unit or self._pick(cands, context)
            if unit:
                return "ward", unit.name, unit, unit.province
            return "ward", full, None, self._common_province(cands, context)
        return "other", f"{type_word} {name}".strip(), None, None

    # -- detection ------------------------------------------------------------------------
    def _prescan(self, text: str, prefixed: list, runs: list) -> PlaceContext:
        """The provinces and districts an article names unambiguously, wherever they stand,
        so that a ward named before its district still resolves in the right province."""
        context = PlaceContext()
        if any(_starts_word(text, m.start()) for m in _HCM_RX.finditer(text)):
            context.provinces.add(self.g.province("Hồ Chí Minh").name)
        for m in runs:
            unit = self.g.province(m.group())
            if unit and _names_province(text, m.start(), m.group()):
                context.provinces.add(unit.name)
        # Provinces first, then districts resolved within them (or anywhere if none is named).
        for wanted in (("province", "city"), ("district",)):
            scope = PlaceContext(provinces=set(context.provinces))
            for m in prefixed:
                level, word = _type_word(m["prefix"])
                if level in wanted:
                    _, _, unit, province = self._resolve(level, word, m["name"].strip(), scope)
                    if unit:
                        context.add(PlaceMention(m.start(), m.end(), unit.level, unit.name, province, unit))
        context.order.clear()
        return context

    def find(self, text: str) -> list[PlaceMention]:
        runs = cap_runs(text)
        prefixed = prefixed_names(text, runs)
        context = self._prescan(text, prefixed, runs)
        found: list[PlaceMention] = []
        taken = bytearray(len(text) + 1)  # 1 where a mention already stands

        def free(s: int, e: int) -> bool:
            return taken.find(1, s, e) == -1

        def add(m: PlaceMention) -> None:
            found.append(m)
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
            context.add(m)

        for m in (m for m in _HCM_RX.finditer(text) if _starts_word(text, m.start())):
            unit = self.g.province("Hồ Chí Minh")
            add(self._mention(text, m.start(), m.end(), "province", unit.name, unit))
        # Pass 1: prefixed names, in text order so districts named earlier resolve wards later.
        for m in prefixed:
            if not free(m.start(), m.end()):
                continue
            prefix, name = m["prefix"], m["name"].strip()
            level, word = _type_word(prefix)
            if level == "other" and prefix[0].islower() and not name[0].isdigit() and len(name) < 2:
                continue
            if prefix.lower() == "khối" and not name[0].isupper():
                continue
            if prefix in ("TP", "TP.", "Tp", "Tp.") and name in ("HCM", "TPHCM"):
                name = "Hồ Chí Minh"
            end = m.start("name") + len(name)
            if name[0].isdigit() and _counted_after(text, end):
                continue  # "Công an phường 14 tin báo": a figure, not Phường 14
            if level == "other" and (name.lower() in ETHNIC or _LANDMARK_BEFORE.search(text, max(0, m.start() - 16), m.start())
                                     or PERSON_TITLES.search(text, max(0, m.start() - 20), m.start())
                                     or (m["prefix"].lower() == "làng" and text[max(0, m.start() - 4) : m.start()].lower() == "già ")):
                continue  # "thác Bản Giốc" (a landmark), "làng Chăm" (a people), "Già làng K'Sáu" (a person)
            if level == "ward":
                tail = _NUM_TAIL2.match(text, end)
                if tail and not name[0].isdigit() and self.g.ward_candidates(f"{name}{tail.group()}"):
                    name, end = name + tail.group(), end + len(tail.group())
            if level == "other":
                tail = _NUM_TAIL3.match(text, end)
                if tail and not name[0].isdigit():
                    name, end = name + tail.group(), end + len(tail.group())
                word = word or prefix[0].upper() + prefix[1:]
            lvl, full, unit, province = self._resolve(level, word, name, context)
            if lvl == "other":
                province = context.last_province()
            add(self._mention(text, m.start(), end, lvl, full, unit, province))
        # Pass 1b: names listed after a plural unit noun ("các xã A, B và C").
        plural = (_PLURAL_LIST.match(text, h.start()) for h in _PLURAL_HINT.finditer(text)
                  if _starts_word(text, h.start()))
        for m in (m for m in plural if m):
            level, word = _type_word(m["noun"])
            word = word or m["noun"][0].upper() + m["noun"][1:]
            for item in _CAP_RUN_ONLY.finditer(m["items"]):
                s, e = m.start("items") + item.start(), m.start("items") + item.end()
                if not free(s, e) or item.group().lower() in ETHNIC:
                    continue
                lvl, full, unit, province = self._resolve(level, word, item.group(), context)
                if lvl == "other":
                    province = context.last_province()
                add(self._mention(text, s, e, lvl, full, unit, province, prefixed=False))
        # Pass 2: bare names — provinces anywhere; districts and wards only in context.
        for m in runs:
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            name = m.group()
            key = fold_key(name)
            if key not in self.g.provinces and key not in self.g.districts and " " not in name:
                continue
            if PERSON_TITLES.search(text[max(0, s - 20) : s]):
                continue
            unit = self.g.province(name)
            if unit and _names_province(text, s, name):
                add(self._mention(text, s, e, "province", unit.name, unit, prefixed=False))
                continue
            dcands = [u for u in self.g.district_candidates(name) if u.province in context.provinces
                      or u.name in context.districts]
            if len(dcands) == 1 and " " in name:
                add(self._mention(text, s, e, "district", dcands[0].name, dcands[0], prefixed=False))
                continue
            if " " in name:
                for d in reversed(context.district_units):
                    w = self.g.ward_in_district(d, name)
                    if w:
                        add(self._mention(text, s, e, "ward", w.name, w, prefixed=False))
                        break
        # Pass 3: `TP` standing alone refers to the city named last (`trên địa bàn TP`).
        cities = CityIndex(found)
        for m in _TP_ALONE.finditer(text):
            if not free(m.start(), m.end()) or not _starts_word(text, m.start()) or text[m.start() - 1 : m.start()] == ".":
                continue
            city = cities.last_before(m.start())
            if city:
                add(self._mention(text, m.start(), m.end(), city.level, city.name, city.unit, city.province))
        found.sort(key=lambda p: p.start)
        return found

    def _mention(self, text: str, s: int, e: int, level: str, name: str, unit: Unit | None,
                 province: str | None = None, prefixed: bool = True) -> PlaceMention:
        province = unit.province if unit else province
        p2025 = list(unit.provinces_2025) if unit else list(self.g.province_2025_of.get(province or "", ()))
        return PlaceMention(s, e, level, name, province, unit, _org_context(text, s), prefixed, p2025)


def _counted_after(text: str, end: int) -> bool:
    from nlp.statistics import unit_matcher

    return bool(unit_matcher().match(text[end : end + 40]))


@dataclass
class PlaceContext:
    provinces: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)
    district_units: list[Unit] = field(default_factory=list)
    order: list[PlaceMention] = field(default_factory=list)

    def add(self, m: PlaceMention) -> None:
        self.order.append(m)
        if m.province:
            self.provinces.add(m.province)
        if m.unit and m.unit.level == "district":
            self.districts.add(m.unit.name)
            self.district_units.append(m.unit)
        if m.unit and m.unit.level == "ward" and m.unit.district:
            self.districts.add(m.unit.district)

    def last_province(self) -> str | None:
        for m in reversed(self.order):
            if m.province:
                return m.province
        return None



class CityIndex:
    """The cities ("Thành phố ...") named in a text, for a bare `TP` to refer to: the city
    named last before it, else the one named most. Built once (a lookup is a bisection):
    the `TP`s resolved meanwhile only repeat these names."""

    def __init__(self, found: list[PlaceMention]):
        cities = sorted((m for m in found if m.name.startswith("Thành phố")), key=lambda m: m.start)
        self.starts = [m.start for m in cities]
        self.cities = cities
        counts = Counter(m.name for m in found if m.name.startswith("Thành phố"))
        name = counts.most_common(1)[0][0] if counts else None
        self.most_named = next((m for m in found if m.name == name), None)

    def last_before(self, pos: int) -> PlaceMention | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.cities[i - 1] if i else self.most_named


def find_places(text: str) -> list[PlaceMention]:
    return PlaceFinder().find(text)


def article_key_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The place an article is about: the most named district- or province-level place."""
    counts = Counter(m.key for m in places if m.level in ("province", "district") and m.province)
    if not counts:
        return None
    best = counts.most_common(1)[0][0]
    return next(m for m in places if m.key == best)


__all__ = ["PlaceMention", "PlaceFinder", "find_places", "article_key_place", "fold_key"]

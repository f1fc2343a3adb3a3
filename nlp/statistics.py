"""Statistics: reported figures, their qualifier and counted unit, excluding what is not one.

Not statistics: dates, years, times, ages, phone numbers, document numbers, legal articles,
ordinals, and names holding numbers (`quận 4`, `Ban Chỉ đạo 138`, `mô hình 5+1`).
Works on the normalized text; offsets are normalized offsets (mapped back by the caller).
"""

from __future__ import annotations

import bisect
import re as stdre
from dataclasses import dataclass

import regex as re

from nlp.numbers import MAX_FIGURE_DIGITS, Number, find_numbers
from nlp.units import unit_matcher

QUALIFIERS: list[tuple[str, str]] = [
    ("không vượt quá", "at_most"), ("không quá", "at_most"), ("tối đa", "at_most"), ("nhiều nhất", "at_most"),
    ("ít nhất", "at_least"), ("tối thiểu", "at_least"), ("chưa đến", "less_than"), ("chưa tới", "less_than"),
    ("gần", "less_than"), ("dưới", "less_than"), ("hơn", "more_than"), ("trên", "more_than"),
    ("vượt", "more_than"), ("khoảng", "about"), ("chừng", "about"), ("xấp xỉ", "about"), ("ước tính", "about"),
    ("ước", "about"), ("gần như", "about"),
]
_QUAL_RX = stdre.compile(
    r"(?:^|(?<=[\s(]))(" + "|".join(stdre.escape(q) for q, _ in sorted(QUALIFIERS, key=lambda x: -len(x[0])))
    + r")[ ]+$", stdre.IGNORECASE)
_QUAL = dict(QUALIFIERS)

# Words right before a number that make it a name, a code, a date or an ordinal.
NAME_WORDS = frozenset(
    "quận|q.|phường|p.|khu phố|kp|kp.|khối|khóm|tổ dân phố|tdp|tổ|ấp|thôn|bản|xóm|đội|ban chỉ đạo|bcđ|chuyên án|"
    "kế hoạch|quyết định|nghị định|nghị quyết|chỉ thị|kết luận|thông tư|công văn|thông báo|luật|điều|khoản|chương|"
    "khóa|lần thứ|thứ|đợt|lần|giai đoạn|năm|tháng|ngày|quý|tuần|hotline|điện thoại|đt|"
    "sđt|đường dây nóng|tổng đài|mô hình|lô|hẻm|ngõ|kiệt|đường|quốc lộ|ql|tỉnh lộ|km|tiểu khu|khu|cụm|lớp|phòng|"
    "tầng|tòa|block|căn|top|hạng|vị trí|giải|sư đoàn|trung đoàn|tiểu đoàn|đại đội|trung đội|mã|covid|sinh năm|"
    "đề án|chương trình|dự án|phong trào|chiến dịch|hội nghị|đại hội|kỳ họp|nhiệm kỳ|khu vực|trạm|chốt|ca|bến|"
    "cầu|ban|phân khu|liên gia|nhóm|hộp thư|zalo|gọi|số điện thoại|thuê bao|biển số|biển kiểm soát".split("|")
)
_NAME_LAST_WORDS = frozenset(w.split()[-1] for w in NAME_WORDS) | {"số"}
_NOT_NAME_BEFORE_SO = {"tổng", "trong", "một"}  # "tổng số 41 loại mô hình" is a figure
# Words that name a unit only sometimes: followed by a counted noun, the number is a figure
# ("đồn biên phòng 14 vụ việc", "qua các nhóm 37 tin báo", "hòa giải 5 vụ").
WEAK_NAME_WORDS = frozenset("phòng|nhóm|đội|ca|khu|cụm|lớp|bến|cầu|trạm|chốt|ban|đường|giải|lô|tầng|căn|zalo|mã".split("|"))
_PLURAL = frozenset("các|những|mọi|từng".split("|"))


def _name_before(before: str, counted_after: bool = False) -> bool:
    """Is the number preceded by a word that makes it a name, code, date or ordinal?
    ("Công an phường: 940 camera" has a label, not a name, before its figure.)"""
    stripped = before.rstrip(" ")
    if stripped.endswith(":"):
        return False
    last = stripped[stripped.rfind(" ") + 1 :].lower()
    if last not in _NAME_LAST_WORDS:
        return False  # quick exit: no name word can end here
    words = stripped.lower().split()[-4:]
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in NAME_WORDS:
            if n == 1 and counted_after and (words[-1] in WEAK_NAME_WORDS or (
                    len(words) >= 2 and words[-2] in _PLURAL)):
                return False
            return True
    if words and words[-1] == "số":
        return not (len(words) >= 2 and words[-2] in _NOT_NAME_BEFORE_SO)
    return False


_NOT_A_COUNT_AFTER = stdre.compile(
    r"^[ ]*(?:tuổi|giờ|h(?!\w)|phút|giây|năm(?! người)|tháng|ngày|tuần|quý|thế kỷ|\+|không(?!\w)|"
    r"sao(?!\w)|tầng|km/h|độ|[/-][0-9]|giờ)",
    stdre.IGNORECASE,
)
_MASKS = [
    re.compile(r"(?<!\d)(?:0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}|1900[ .]?\d{4}|\+84[ \d.]{9,13})(?!\d)"),  # phones
    # A match never starts inside a digit run ((?<!\d)): the same matches, in linear time.
    re.compile(r"(?<!\d)\d+\s*\+\s*\d+"),  # 5+1, 5 + 1
    re.compile(r"(?<!\d)\d+\.0(?!\d)"),  # công nghệ 4.0
    re.compile(r"(?<!\d)\d+[/-]\d+(?:[/-]\d+)*(?:[/-]?[\p{Lu}Đ][\p{L}\-/]*)?"),  # 25/12, 1945/QĐ-BCĐ, 44-KL/TW
    re.compile(r"(?:https?://|www\.)\S+|(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org)(?![A-Za-z])\S*"),
]
_CLASSIFIERS = stdre.compile(r"[ ]+(?:chiếc|cái|con|quả|bộ|căn|ngôi)(?=[ ])")
_STOP = {
    "của", "và", "với", "là", "được", "đã", "đang", "sẽ", "trong", "ngoài", "tại", "ở", "từ", "đến", "cho",
    "các", "những", "này", "đó", "khi", "thì", "mà", "nên", "để", "theo", "về", "trên", "dưới", "so", "bị",
    "có", "không", "chưa", "cũng", "còn", "vừa", "rồi", "ra", "vào", "lên", "xuống", "nhưng", "hay", "hoặc",
    "người", "nay", "qua", "tới", "sau", "trước", "nữa", "lại", "đều", "chỉ", "mới", "hơn", "gần",
    "bên", "phía", "khóa", "kỳ", "mặt", "ý", "điều", "việc", "nội", "vấn", "đề", "kết", "lời", "câu", "chữ", "ký",
}
_WORD_RX = re.compile(r"^[ ]+([\p{Ll}\p{M}]+)(?![\p{L}\p{M}])")
_RANGE_TAIL = stdre.compile(r"[ ]*(?:đến|tới|-|–)[ ]*([0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)")
_CLAUSE_END = stdre.compile(r"[,;:.!?()\"\n]| và | nhưng | trong đó | với ")
_WORD_NUMBER_BAD_BEFORE = stdre.compile(r"(?:trong|của|cuối|đầu|mỗi|hằng|hàng|cả|các|những|nhiều|một|thứ|công an|địa bàn|giữa)[ ]+$",
                                     stdre.IGNORECASE)


@dataclass(frozen=True)
class RawStatistic:
    """A figure found in normalized text: offsets are into that text."""

    value: float | int
    qualifier: str
    unit: str
    subject: str
    start: int  # evidence start (qualifier included)
    end: int  # evidence end (unit included)
    number_start: int
    value_max: float | int | None = None


def _masked(text: str) -> bytearray:
    """1 at every character inside a phone number, a date or code, a URL, `5+1` or `4.0`."""
    mask = bytearray(len(text) + 1)
    has_url = any(h in text for h in ("http", "www.", ".vn", ".com", ".net", ".org"))
    for rx in _MASKS if has_url else _MASKS[:-1]:
        for m in rx.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


_ADMIN_BEFORE = stdre.compile(r"(?<!\w)(?:quận|phường|xã|thôn|ấp|khu phố|khối|tổ|đội|bản|xóm)[ ]*$", stdre.IGNORECASE)
_NOT_COUNT_UNITS = frozenset("phút|giờ|giây|ngày|tháng|năm|tuần|tuổi|đêm".split("|"))
_THRESHOLD_AFTER = stdre.compile(r"[ ]+(?:\w+[ ]+){0,3}?(?:trở lên|trở xuống)(?!\w)")
_POLICE_OF = stdre.compile(r"(?i)công an[ ]+\S+[ ]*$")
_FROM_BEFORE = stdre.compile(r"(?<!\w)từ[ ]+$", stdre.IGNORECASE)
_ADMIN_JOIN = stdre.compile(r",[ ]*(?:thị trấn|phường|xã|tổ dân phố|khu phố|thôn|ấp|bản|làng|xóm|khối phố)(?!\w)")
_PLACE_UNITS = {"phường", "xã", "quận", "huyện", "thôn", "ấp", "bản", "khu phố", "tổ dân phố", "thị trấn", "tổ"}


def _is_name(text: str, num: Number, sentence_start: int, counted: bool) -> bool:
    before = text[max(sentence_start, num.start - 30) : num.start]
    if _name_before(before, counted):
        # "cho Công an phường 14 tin báo": an admin noun then a counted noun is a figure.
        if counted and _ADMIN_BEFORE.search(before) and _POLICE_OF.search(before):
            return False
        return True
    stripped = before.rstrip(" ")
    word = stripped.rsplit(" ", 1)[-1].lstrip("\"'(") if stripped and stripped != before else ""
    if word and all(ch.isalpha() or ch == "." for ch in word):
        first_in_sentence = not text[sentence_start : num.start - (len(before) - len(stripped)) - len(word)].strip(" \"'(")
        if word[0].isupper() and not first_in_sentence and word.lower() not in _QUAL and not counted:
            return True
    return False


def find_statistics(text: str, sentence_bounds: list[tuple[int, int]] | None = None) -> list[RawStatistic]:
    masks = _masked(text)
    units = unit_matcher()
    bounds = sentence_bounds or [(0, len(text))]
    out: list[RawStatistic] = []
    skip_until = -1
    numbers = find_numbers(text)
    starts = [a for a, _ in bounds]
    for num in numbers:
        if num.start < skip_until or masks[num.start]:
            continue
        s_start = starts[max(0, bisect.bisect_right(starts, num.start) - 1)]
        unit_m = units.match(text[num.end : num.end + 40])
        counted = bool(unit_m) and unit_m[1].lower() not in _PLACE_UNITS
        if _is_name(text, num, s_start, counted):
            continue
        after = text[num.end : num.end + 40]
        if _NOT_A_COUNT_AFTER.match(after):
            continue
        if num.words and not num.percent and _WORD_NUMBER_BAD_BEFORE.search(text[max(0, num.start - 12) : num.start]):
            continue
        value_max = None
        end = num.end
        rng = _RANGE_TAIL.match(after)
        before = text[max(0, num.start - 20) : num.start]
        if rng and _FROM_BEFORE.search(before) and len(rng[1]) <= MAX_FIGURE_DIGITS + 4:
            from nlp.numbers import parse_digits

            value_max = parse_digits(rng[1])
            end = num.end + rng.end()
            skip_until = end
        cls = None if num.percent else _CLASSIFIERS.match(text[end : end + 12])
        unit_from = end + (cls.end() if cls else 0)
        if num.percent:
            m = None
        elif unit_from == num.end:
            m = unit_m  # already matched above
        else:
            m = units.match(text[unit_from : unit_from + 40])
        if num.percent:
            unit, unit_end = "%", end
        elif m:
            unit = m[1]
            unit_end = unit_from + m.end()
            # "37 xã, thị trấn", "214 thôn, tổ dân phố": one count over joined admin nouns.
            while unit.lower() in _PLACE_UNITS or unit.lower() in ("xã, phường", "xã, phường, thị trấn"):
                more = _ADMIN_JOIN.match(text, unit_end)
                if not more:
                    break
                unit = text[unit_from + (m.end() - len(m[1])) : more.end()].strip()
                unit_end = more.end()
        elif not num.words and not cls:
            w = _WORD_RX.match(text[unit_from : unit_from + 30])
            if not w or w[1].lower() in _STOP or len(w[1]) < 2:
                continue
            unit = w[1]
            unit_end = unit_from + w.end()
        else:
            continue
        raw = text[num.start : num.end]
        if raw.isdigit() and len(raw) == 4 and 1900 <= num.value <= 2100 and unit != "%":
            continue  # a year
        if value_max is not None and unit.lower() in _NOT_COUNT_UNITS:
            continue  # "từ 10 đến 15 phút": a duration
        if _THRESHOLD_AFTER.match(text, unit_end) and _FROM_BEFORE.search(text[max(0, num.start - 12) : num.start]):
            continue  # "doanh nghiệp có từ 500 lao động trở lên": a criterion, not a figure
        qualifier = "at_least" if value_max is not None else "exact"
        ev_start = num.start
        q = _QUAL_RX.search(text[max(0, num.start - 20) : num.start])
        if q and value_max is None:
            qualifier = _QUAL[q[1].lower()]
            ev_start = num.start - (len(text[max(0, num.start - 20) : num.start]) - q.start(1))
        if cls:
            unit = text[end:unit_end].strip()
        tail = text[unit_end : unit_end + 80]
        cut = _CLAUSE_END.search(tail)
        subject = (text[unit_from:unit_end] + " " + (tail[: cut.start()] if cut else tail)).strip()
        subject = " ".join(subject.split()[:10])
        out.append(RawStatistic(num.value, qualifier, unit, subject, ev_start, unit_end, num.start, value_max))
    return out

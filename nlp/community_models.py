"""Community models ("mô hình") named in a text: quoted names, list items, typical heads.

A name counts when it is quoted after `mô hình` (or in a quoted list in a sentence about
models), listed after `như:`, `gồm`, `điển hình như`, `là`..., or written after `mô hình`
with a typical head (Tổ, Nhóm, Đội, Câu lạc bộ, Camera, Chốt...). Generic phrases (`các mô
hình tự quản về ANTT`, `mô hình, cách làm hay`) are rejected.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from nlp.kinds import Kind, canonical_kind, load_kinds, model_key
from nlp.lexicon import grouped_alternation, longest_first_alternation, words
from nlp.normalize import caseless, lowered
from nlp.place_words import nouns_pattern, unit_nouns
from nlp.scan import finditer_near, refused
from nlp.statistics import is_slogan
from nlp.units import unit_at

# (?<!\w) checked after the first letter: `re` then scans for [Mm] in C, not every position
MO_HINH = re.compile(r"[Mm](?<!\w[Mm])ô hình(?!\w)")
QUOTED = re.compile(r"\"([^\"\n]{2,240})\"|'([^'\n]{2,240})'")
_LEX = "model_names"  # nlp/data/model_names.yaml


def _alternation(key: str) -> str:
    """The words of a list as regex alternatives, in file order."""
    return "|".join(re.escape(w) for w in words(_LEX, key))


# (whole words: `là` is no opener inside `làm`)
LIST_INTRO = re.compile(r"(?<!\w)(?:" + grouped_alternation(words(_LEX, "list_openers")) + r")(?!\w)\s*:?\s*")
# Every LIST_INTRO match starts with an opener: with one of these, the openers that no
# shorter one starts (`như` for `như là`), found with str.find.
_LIST_OPENERS = sorted(words(_LEX, "list_openers"))
_LIST_ANCHORS = tuple(w for w in _LIST_OPENERS if not any(v != w and w.startswith(v) for v in _LIST_OPENERS))
HEADS = tuple(words(_LEX, "heads"))
HEAD_RX = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(HEADS, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:tự (?:quản|phòng|bảo vệ|giác|nguyện|hòa giải|hoà giải)(?:(?: ,| và)? tự (?:quản|phòng|bảo vệ|hòa giải|hoà giải))*(?: (?:về|vì|của|ở|tại|trên|trong) .*)?|(?:tự quản|tự phòng|tự bảo vệ|tự giác|tự nguyện)(?:\s*,?\s*(?:và\s+)?(?:tự quản|tự phòng|tự bảo vệ))*"
    r"(?:\s+(?:về|vì)\s+(?:antt|an ninh.*|pccc|.*))?|điển hình.*|điểm(?: (?:về|vì|ở|tại|trong|của) .*)?|tiên tiến.*|này|đó|mới|hay|hiệu quả.*|hoạt động.*|"
    r"bảo đảm.*|đảm bảo.*|xây dựng.*|nhân rộng.*|phát huy.*|cách làm.*|kiểu mẫu.*|thí điểm.*|trên|dưới|"
    r"trong .*|của .*|tại .*|ở .*|được .*|đã .*|đang .*|sẽ .*|với .*|cho .*|thì .*|như .*|là .*|gồm .*|nêu trên.*|"
    r"tổ chức tự quản.*|an ninh.*|antt.*|phong trào.*|pccc|atgt|tt atgt|"
    r"(?:phòng chống|phòng ngừa|đấu tranh|phòng|chống) (?:tội phạm|ma túy|tệ nạn.*|pccc|cháy nổ|mua bán người)"
    r"(?: (?:và|,) .*)?(?: gắn với .*| ở .*| tại .*)?|tự quản .*antt.*|[^0-9]{0,3})$"
)
_START_CUT = re.compile(r"^(?:" + _alternation("determiners") + r")\s+", re.IGNORECASE)
_START_CUT_REFUSED = refused(re.compile("[" + "".join({w[0] for w in words(_LEX, "determiners")}) + "]", re.IGNORECASE))
_LOWER = "".join(chr(c) for r in ((0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if chr(c).islower())
# A name ends at punctuation, at a full stop that ends no number, at a comma unless a word
# that continues the name follows, and before a word that starts the rest of the sentence
# (`có` too, except in `không có` and a slogan's `3 có`).


_ABBREVIATION = "[A-ZĐ]{2,7}"  # an abbreviation the writer defines or uses for a name: `DHTQ`, `TLGTQ`


def _cuts(name_cuts: str) -> re.Pattern:
    """Where a name ends (see _CUT), the words that cut it after a space spelt `name_cuts`."""
    return re.compile(
        # (a parenthesised abbreviation inside a name is no cut: `dòng họ tự quản (DHTQ) về ANTT`)
        r"(?:[;:…!?]|\((?!(?-i:" + _ABBREVIATION + r")\))|(?<!(?-i:[A-ZĐ]))\)|\.(?!\d)|,(?!\s*(?:" + _alternation("comma_continuations") + "|" + nouns_pattern("model_name")
        + r"))|\s(?:" + name_cuts + r"|(?<!không\s)(?<![0-9]\s)có)(?!\w)|\svà\s+(?=[0-9])|\s[-–—]\s+(?-i:[" + _LOWER + r"]))",
        re.IGNORECASE,
    )


_CUT = _cuts(_alternation("name_cuts"))
# The same cuts, the words after a space as a trie (compared once per character, not once per
# word at every space): the same starts, where only a cut's start is read (which of two words
# at one place is matched, and so the end, may differ).
_CUT_START = _cuts(longest_first_alternation(words(_LEX, "name_cuts"), ignorecase=True))
_NOT_MODEL_QUOTE_BEFORE = re.compile(r"(?:" + grouped_alternation(words(_LEX, "not_model_quote_before")) + r")\s*:?\s*$", re.IGNORECASE)
# `gọi tắt là mô hình "5+1"` names the model just given, it is not another one.
_ALIAS_BEFORE = re.compile(r"(?:" + grouped_alternation(words(_LEX, "alias_openers")) + r")(?:\s+mô hình)?\s*$", re.IGNORECASE)
_NOT_MODEL_ENDS = tuple(w.lower() for w in words(_LEX, "not_model_quote_before"))
_ALIAS_ENDS = tuple(w.lower() for w in words(_LEX, "alias_openers"))
_MO_HINH_WORDS = "mô hình"


def _lowercase_window(before: str) -> str | None:
    """`before` lowercased, when endswith on it finds what IGNORECASE would (see
    nlp.normalize.caseless), else None."""
    low = before.lower()
    return low if len(low) == len(before) and "ı" not in low and "ſ" not in low else None


def _not_model_before(before: str) -> bool:
    """`_NOT_MODEL_QUOTE_BEFORE.search(before)`: a word, spaces, a colon maybe, spaces, the end;
    read from the end instead of trying the words at every position."""
    low = _lowercase_window(before)
    if low is None:
        return _NOT_MODEL_QUOTE_BEFORE.search(before) is not None
    tail = low.rstrip()
    if tail.endswith(":"):
        tail = tail[:-1].rstrip()
    return tail.endswith(_NOT_MODEL_ENDS)


def _alias_before(before: str) -> bool:
    """`_ALIAS_BEFORE.search(before)`, read from the end."""
    low = _lowercase_window(before)
    if low is None:
        return _ALIAS_BEFORE.search(before) is not None
    tail = low.rstrip()
    if tail.endswith(_ALIAS_ENDS):
        return True
    if tail.endswith(_MO_HINH_WORDS):
        head = tail[: -len(_MO_HINH_WORDS)]
        return head[-1:].isspace() and head.rstrip().endswith(_ALIAS_ENDS)
    return False


_MO_HINH_BEFORE = re.compile(r"mô hình(?:[ ]+(?:" + _alternation("mo_hinh_qualifiers") + r"))?[ ]*:?[ ]*\Z",
                             re.IGNORECASE)
# (up to three words may qualify the name between: `với cái tên khá lạ “...”`)
_NAMED_BEFORE = re.compile(r"(?<!\w)(?:" + _alternation("naming_phrases") + r")(?:[ ]+\w+){0,3}?[ ]*(?:là)?[ ]*:?[ ]*\Z",
                           re.IGNORECASE)
# `mô hình Zalo “...”`, `mô hình camera “...”`: one or two words saying what the quoted name is
_MO_HINH_WORD_BEFORE = re.compile(r"mô hình(?:[ ]+\w+){1,2}[ ]+\Z", re.IGNORECASE)
_QUOTE_AFTER = re.compile(r"[ ]?[\"“]")
# `Mô hình “Camera an ninh” và Câu lạc bộ Xe ôm ...`: a capitalized team joined to a quoted model
_TEAM_CHAINED = re.compile(r"[ ]*(?:và|cùng|,)[ ]+(?=(?:Tổ|Đội|Nhóm|Câu lạc bộ|CLB)[ ])")
_CHAIN = re.compile(r"[ ]*(?:,|;|và|cùng|hoặc|cho đến|đến)[ ]*(?:(?:và|cùng)[ ]+)?(?:mô hình[ ]*)?", re.IGNORECASE)
_STRONG_INTRO = re.compile(r"(?:" + _alternation("strong_openers") + r"|:)", re.IGNORECASE)


def _intro_about_models(text: str, s_start: int, intro) -> bool:
    """A list introducer counts when `mô hình` stands close before it (or right after it).
    A weak one (`là`, `như`, `gồm` without a colon) needs models in the plural before it
    ("các mô hình ... như", "Hai mô hình ... là"): "mô hình X tiếp tục là điểm sáng" lists nothing."""
    if text.startswith("tiên tiến", intro.end()):
        return False  # ("mô hình, điển hình tiên tiến trong phong trào": exemplary ones, no list)
    strong = bool(_STRONG_INTRO.search(intro.group()))
    reach = 160 if strong else 60
    if MO_HINH.search(text, intro.end(), min(len(text), intro.end() + 12)):
        return True
    window = text[max(s_start, intro.start() - reach) : intro.start()]
    found = list(MO_HINH.finditer(window))
    if not found or _COUNT_OR_WITH.search(window[found[-1].end() :]):
        return False
    if _MOVEMENT.search(window, found[-1].end()):
        return False  # "... mô hình ..., cũng như phong trào thi đua của các hội như: ...": movements, not models
    if _CONTENTS_OF_MODEL.search(window):
        return False  # "các nội dung, tiêu chí của mô hình như: ...": what a model asks, not models
    if _AREAS_BEFORE.search(window):
        return False  # "trên các lĩnh vực, địa bàn như: khu dân cư; ...": where models run
    if strong:
        return True
    before = window[max(0, found[-1].start() - 25) : found[-1].start()].lower()
    return bool(_PLURAL_BEFORE.search(before))


_MOVEMENTS_LISTED = re.compile(r"(?<!\w)(?:" + _alternation("movement_words") + r")(?:[ ]+[^\W\d]+){0,8}?[ ]*(?:như|gồm|là)?[ ]*:?[ ]*$",
                               re.IGNORECASE)
_MOVEMENT = re.compile(r"(?<!\w)(?:" + _alternation("movement_words") + r")(?!\w)", re.IGNORECASE)
_CONTENTS_OF_MODEL = re.compile(r"(?<!\w)(?:tiêu chí|nội dung|tiêu chuẩn|yêu cầu|nhiệm vụ|mục tiêu|mục đích|quy chế|quy ước|"
                                r"hương ước)(?!\w)[^.;:]{0,60}(?:của|cho)[ ]+mô hình", re.IGNORECASE)
# the movement's motto (`tự phòng, tự quản, tự bảo vệ`), after models in the plural: a category
_MOTTO = re.compile(r"(?:tự (?:quản|phòng|bảo vệ|hòa giải|hoà giải|hòa|hoà)(?:[ ]*,[ ]*|[ ]+và[ ]+|[ ]+)?)+(?:(?:về[ ]+)?antt)?[ ]*")
_PLURAL_MO_HINH_BEFORE = re.compile(r"(?<!\w)(?:các|những|nhiều|một số|[0-9]+)[ ]+mô hình(?:[ ]+quần chúng)?[ ]*\Z", re.IGNORECASE)
# `... phấn khởi nói với gia đình, bà con: “Ngày mai ...”`: a speaker's words after a colon
_SPEECH_BEFORE = re.compile(r"(?<!\w)(?:" + _alternation("speech_verbs") + r")(?!\w)[^.:;!?\n\"“”]{0,40}:[ ]*\Z",
                            re.IGNORECASE)
_MOVEMENT_FIRSTS = tuple({w.split()[-1] for w in words(_LEX, "movement_words")})  # (`trào`, `động`)


def _speech_before(text: str, start: int, end: int) -> bool:
    """`_SPEECH_BEFORE.search(text, start, end)`, only where a colon stands right before `end`."""
    return text[max(start, end - 3) : end].rstrip().endswith(":") and _SPEECH_BEFORE.search(text, start, end) is not None


def _movements_listed_before(text: str, start: int, end: int) -> bool:
    """`_MOVEMENTS_LISTED.search(text, start, end)`, after a str.find for the movement words."""
    return any(text.find(w, start, end) != -1 for w in _MOVEMENT_FIRSTS) and _MOVEMENTS_LISTED.search(
        text, start, end) is not None


_SPEECH_AFTER = re.compile(r"[ ]*,?[ ]*(?:[^\W\d]+[ ]+){0,5}?(?:" + _alternation("speech_verbs") + r")(?!\w)", re.IGNORECASE)
_AREAS_BEFORE = re.compile(r"(?<!\w)(?:" + _alternation("areas_before_list") + r")(?:[ ]*,[ ]*(?:"
                           + _alternation("areas_before_list") + r"))*[ ]*\Z", re.IGNORECASE)
_LEAD = re.compile(r"[Mm]ô hình\s+")
_LEAD_WORDS = ("Mô hình", "mô hình")
_PAREN = re.compile(r"[ ]*\([^()]{1,60}\)")
_ELLIPSIS = re.compile(r"…|\.\.\.")
_COUNT_OR_WITH = re.compile(r"\d|\bvới\b")
_PLURAL_BEFORE = re.compile(r"(?:các|những|nhiều|số|\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|loại)[ ]+(?:loại[ ]+)?\Z")
MAX_WORDS = 30  # syllables


@dataclass(frozen=True)
class RawModel:
    """A model name at [start, end) of the normalized text (quotes and `mô hình` excluded)."""

    start: int
    end: int
    name: str
    kind: Kind
    quoted: bool
    how: str = ""  # how it was found: quoted, after_mo_hinh, listed, standalone (its confidence)


# (`mô hình “A và mô hình “B”`: a quote left open runs into the next model)
_JOINING_END = re.compile(r"(?:\s(?:và|hoặc|cùng|với|của)(?:\s+mô hình)?|,?\s+mô hình)\Z", re.IGNORECASE)


def _clean_span(text: str, start: int, end: int, keep_start: bool = False) -> tuple[int, int]:
    """The name's span without spaces and punctuation at its ends, and (unless `keep_start`: a
    quoted name written with a capital, `“Mỗi tuần một địa chỉ”`) without a determiner or lead
    word before it."""
    end = end if end < len(text) else len(text)  # a name cut at a limit past the text ends with the text
    while start < end and text[start] in " \"'“”,-":
        start += 1
    while end > start and text[end - 1] in " \"'“”,.;:…-":
        end -= 1
    # a name never ends on a joining word (`mô hình Tổ xóm đạo bình yên và đạt hiệu quả` cut
    # before `đạt` leaves `... bình yên và`)
    while (tail := _JOINING_END.search(text, start, end)) is not None:
        end = tail.start()
        while end > start and text[end - 1] in " \"'“”,.;:…-":
            end -= 1
    if keep_start and text[start : start + 1].isupper():
        return start, end  # (a capital says the quoted name starts there: “Mỗi tuần một địa chỉ”)
    # (each pattern tried only when the name's first character can start it)
    m = _START_CUT.match(text[start:end]) if text[start : start + 1] not in _START_CUT_REFUSED else None
    if m:
        start += m.end()
    m = _LEAD.match(text[start:end]) if text.startswith(_LEAD_WORDS, start, end) else None
    if m:
        start += m.end()
    return start, end


# A name that fits no known kind must still be about security and order to be a model
# ("Nâng bước em tới trường" is a welfare programme).
_SECURITY_WORDS = re.compile(_alternation("security_words"))
_OTHER_FIELDS = re.compile(r"(?<!\w)(?:" + _alternation("other_fields") + r")(?!\w)")
# the words of security that say what is kept (self-management, a group of households or
# lodgings alone may be of anything: `tổ liên gia tự quản ... phát triển kinh tế`)
_ORDER_WORDS = re.compile("|".join(re.escape(w) for w in words(_LEX, "security_words")
                                   if w not in ("tự quản", "tự phòng", "tự bảo vệ", "liên gia", "nhà trọ", "lưu trú")))


_NOT_MODELS = tuple(model_key(n) for n in words("model_names", "not_models"))


def _of_another_field(name: str, kind: Kind | None = None) -> bool:
    """Does a name say another field's words and none of order (`Vay vốn không lãi`)? Only a
    known kind's exact name escapes (`tổ liên gia tự quản ... phát triển kinh tế` does not)."""
    key = model_key(name)
    if not _OTHER_FIELDS.search(key) or _ORDER_WORDS.search(key):
        return False
    kind = kind or canonical_kind(name)
    return kind.new or key not in load_kinds().alias_keys


def _acceptable(name: str, quoted: bool, secure_context: Callable[[], bool] | None = None,
                item: bool = False) -> Kind | None:
    """The model's kind, or None when the name is no model. A new kind needs a word of
    security in its name, or (a folk name quoted right after `mô hình`) in its sentence. An
    item of an explicit list may open with a generic verb when it is long enough to be a
    name (`Phát huy vai trò của đồng bào Khmer tham gia giữ gìn ANTT`, not `phát huy hiệu quả`)."""
    key = model_key(name)
    words = key.split()
    # (a quoted name may say `mô hình` within: `“Câu lạc bộ phụ nữ ... theo mô hình 1 +”`)
    if not words or len(words) > MAX_WORDS or ("mô hình" in key and not (quoted and not item)) or key.startswith(_NOT_MODELS):
        return None
    # (an item of a list the text calls its models, `17 mô hình ... gồm: A; B`, is one even when it
    # opens like a generic phrase: `phòng chống tội phạm và vi phạm pháp luật trong học đường`)
    if _GENERIC.match(key) and not ((item or quoted) and len(words) >= 6 and (name[:1].isupper() or item)):
        return None  # (a quoted slogan may open like a generic phrase: “An ninh vững vàng - bản làng bình yên”)
    if not quoted and key in _BARE_HEADS:
        return None  # "mô hình dòng họ đầu tiên": a head noun alone names the family, no model
    if not quoted and words[0] in _NEVER_OPENS:
        return None  # "mô hình và hòa giải...": a conjunction opens another clause, not a name
    slogan = not quoted and _UNQUOTED_SLOGAN.match(key) is not None
    if words[0][0].isdigit() and not quoted and not slogan and not key.startswith(("5+1", "3 không")) and not _NUMBER_FORMULA.match(key):
        return None  # "18 đoàn viên": a count, not a name ("1+4", "1-5": a formula, a name)
    if (not quoted or item) and not slogan and _counts_something(name.split()):
        return None  # "lắp đặt mới 33 camera": a figure in a list of results, not a name
    kind = canonical_kind(name)
    if not quoted and not slogan and words[:2] in (["tự", "quản"], ["tự", "phòng"], ["tự", "bảo"]) and not (
            not kind.new and any(model_key(a).startswith(" ".join(words[:3])) for a in (kind.label, *kind.aliases))):
        return None  # "mô hình tự quản góp sức giữ bình yên": a description; "tự quản đường biên" a name
    formula = _NUMBER_FORMULA.match(key) is not None
    if not formula and _of_another_field(name, kind):
        return None  # "Vay vốn không lãi", "đoạn đường tự quản về vệ sinh môi trường": another field,
        # even when its head is a known kind's ("tổ liên gia tự quản để làm tốt nhiệm vụ phát triển kinh tế")
    if kind.new and not formula and not slogan and not _SECURITY_WORDS.search(key) and not (
            quoted and (is_slogan(name) or (secure_context is not None and secure_context()))):
        return None  # a slogan model ("3 giảm, 4 giữ") needs no word of security
    if not quoted and not kind.new and not formula and not slogan and not _SECURITY_WORDS.search(key) and (
            key not in load_kinds().alias_keys and not _SAFE_UNIT.match(key) and not is_slogan(name)):
        return None  # "khu dân cư sáng - xanh - sạch - đẹp": a known kind's head, and nothing of security
    if quoted and (name[:1].isupper() or name[:1].isdigit() or len(words) <= 12):  # (“4 tại chỗ ...”: a slogan's long name)
        return kind
    if not kind.new or formula or slogan or HEAD_RX.match(key) or HEAD_RX.match(name.lower().strip()) or _SAFE_UNIT.match(key):
        return kind
    return None


# A place or body named safe, peaceful or crime-free (`ký túc xá an toàn về ANTT`, `chợ bình
# yên`, `bến đò không có tội phạm`): a model's name even with no team's head noun.
_SAFE_UNIT = re.compile(r"(?:\S+ ){1,4}(?:" + grouped_alternation(words(_LEX, "safe_unit_endings")) + r")(?!\w)")


_NEVER_OPENS = frozenset(words(_LEX, "name_never_opens"))
# words a number follows in a name (`tổ tự quản số 5`, `thôn 3`, `quận 4`)
_NUMBER_NAMERS = frozenset({"số", *(n for n in unit_nouns("number_name") if " " not in n), "khu", "tổ", "đội", "nhóm"})
_SLOGAN_WORD_AFTER = re.compile(r"(?:" + _alternation("slogan_words") + r")(?!\w)")


def _counts_something(words: list[str]) -> bool:
    """Does an unquoted name hold a count of things, a number before a counted noun of the
    lexicon (`lắp đặt mới 33 camera`)? A number after
    a word that numbers a unit (`số 5`, `thôn 3`), in a formula or a slogan (`3 không`) is none."""
    for i in range(1, len(words) - 1):
        w = words[i]
        if not w[:1].isdigit() or not w.replace(".", "").replace(",", "").isdigit():
            continue
        before = words[i - 1]
        if before.lower() in _NUMBER_NAMERS or before[:1].isupper() or before[-1:] in ",;:(+-–" or before[-1:].isdigit():
            continue  # (`làng Chrơng 2`: a proper name's number)
        after = " ".join(words[i + 1 : i + 3])
        if _SLOGAN_WORD_AFTER.match(after.lower()) or unit_at(after, 0) is None:
            continue  # (`Cựu chiến binh 4 gương mẫu`: no counted noun, a name's number)
        return True
    return False
_BARE_HEADS = frozenset(words(_LEX, "bare_heads"))
# "2 không", "tự quản 6 không", "4 an toàn, 2 sạch": a slogan's numbers and words, nothing more
_SLOGAN_PAIR = r"[0-9]{1,2} (?:" + _alternation("slogan_words") + r")"
_UNQUOTED_SLOGAN = re.compile(r"(?:(?:tự quản|" + _alternation("slogan_heads") + r") )?" + _SLOGAN_PAIR
                              + r"(?:,? (?:và )?" + _SLOGAN_PAIR + r")*$")
MAX_NAME_CHARS = 8 * MAX_WORDS  # no name of MAX_WORDS syllables is longer
_NUMBER_FORMULA = re.compile(r"[0-9]{1,2} ?[+-] ?[0-9]{1,2}$")  # "mô hình 1+4", "mô hình 1-5"


_CUT_MARGIN = 40  # past the longest cut and what its lookaheads read


class _Cuts:
    """`_CUT_START.search` with a memory of the stretch already known to hold no cut, so that names
    starting close together (`mô hình mô hình ...`) do not search it again. A stretch found
    cut-free up to `reach` stays cut-free, up to its last _CUT_MARGIN characters, whatever
    text is visible after it (the cuts' lookaheads only ever refuse more)."""

    def __init__(self, text: str):
        self.text = text
        self.clear = (0, 0)  # no cut starts in [clear[0], clear[1])

    def search(self, start: int, reach: int):
        lo = self.clear[1] if self.clear[0] <= start < self.clear[1] else start
        m = _CUT_START.search(self.text, lo, reach) if lo < reach else None
        safe = reach - _CUT_MARGIN if m is None else min(m.start(), reach - _CUT_MARGIN)
        self.clear = (min(start, self.clear[0]) if self.clear[0] <= start <= self.clear[1] else start, max(safe, lo))
        return m


def _unquoted_name(text: str, start: int, limit: int, cuts: _Cuts | None = None) -> tuple[int, int]:
    """The name from `start` to its first cut. A name runs at most MAX_NAME_CHARS: with no
    cut within that reach it is too long to be a name (and the search stays linear)."""
    reach = limit if limit < start + MAX_NAME_CHARS else start + MAX_NAME_CHARS
    m = cuts.search(start, reach) if cuts else _CUT_START.search(text, start, reach)
    if m is None and reach < limit:
        return start, start
    end = m.start() if m else limit
    return _clean_span(text, start, end)


_UNIT_NOUN = re.compile(r"(?:" + nouns_pattern("prefix") + r")[ ]+", re.IGNORECASE)


_OPENING_ABBREVIATION = re.compile(r"(" + _ABBREVIATION + r")(?![\w-])")
_DEFINED_ABBREVIATION = re.compile(r"\((" + _ABBREVIATION + r")\)")


def defined_abbreviations(text: str) -> dict[str, str]:
    """`dòng họ tự quản (DHTQ)`: the abbreviation and the words whose initials it takes."""
    out: dict[str, str] = {}
    for m in _DEFINED_ABBREVIATION.finditer(text):
        abbr = m[1]
        before = text[max(0, m.start() - 120) : m.start()].split()[-len(abbr):]
        if len(before) == len(abbr) and all(w[:1].lower() == c.lower() for w, c in zip(before, abbr, strict=True)):
            out.setdefault(abbr, " ".join(before).lower())
    return out


@lru_cache(maxsize=1)
def kind_initials() -> dict[str, str]:
    """Initials of the known kinds' names (`TLGTQ`: tổ liên gia tự quản), where they name one
    kind only and spell at least three words."""
    seen: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    index = load_kinds()
    for kind in index.kinds.values():
        for alias in (kind.label, *kind.aliases):
            ws = model_key(alias).split()
            if len(ws) >= 3 and all(w[:1].isalpha() for w in ws):
                key = "".join(w[0] for w in ws).upper()
                seen.setdefault(key, set()).add(kind.id)
                names.setdefault(key, " ".join(ws))
    return {k: names[k] for k, ids in seen.items() if len(ids) == 1}


def _only_places(name: str) -> bool:
    """A name that is nothing but units and their proper names (`làng Đê Gơl, xã Đak Djrăng`)."""
    for part in name.split(","):
        part = part.strip()
        if part.startswith("và "):
            part = part[3:]
        m = _UNIT_NOUN.match(part)
        rest = part[m.end():].split() if m else []
        if not rest or not all(w[:1].isupper() or w[:1].isdigit() for w in rest):
            return False
    return True


class _Names:
    """The names found so far in one text: a name is kept once, never overlapping another."""

    def __init__(self, text: str):
        self.text = text
        self.found: list[RawModel] = []
        self.taken = bytearray(len(text) + 1)  # 1 inside a name already found
        self._abbreviations: dict[str, str] | None = None

    def _expanded(self, name: str) -> str | None:
        """A name opening with an abbreviation (`DHTQ về ANTT`, `TLGTQ`) written out: as the
        text defines it (`dòng họ tự quản (DHTQ)`), or as a known kind's initials say."""
        m = _OPENING_ABBREVIATION.match(name)
        if m is None:
            return None
        if self._abbreviations is None:
            self._abbreviations = defined_abbreviations(self.text)
        full = self._abbreviations.get(m[1]) or kind_initials().get(m[1])
        return full + name[m.end(1):] if full and HEAD_RX.match(full) else None

    def add(self, s: int, e: int, quoted: bool, how: str = "", sentence: tuple[int, int] | None = None,
            explicit: bool = False) -> bool:
        s, e = _clean_span(self.text, s, e, keep_start=quoted)
        if self.text.count('"', s, e) % 2 and self.text.startswith('"', e):
            e += 1  # (`Tổ “An ninh nhân dân”`: the quote the name opened closes with it)
        if e - s < 2 or self.taken.find(1, s, e) != -1:
            return False
        name = self.text[s:e]
        if _only_places(name):
            return False  # "xã Nghĩa Hà", "làng Đê Gơl, xã Đak Djrăng": where a model runs, not one

        def secure() -> bool:  # (asked only for a new kind: folding 600 characters costs)
            return bool(_SECURITY_WORDS.search(model_key(
                self.text[max(sentence[0], s - 300) : s] + " " + self.text[e : min(sentence[1], e + 300)])))
        # (an item of an explicit list is judged as a quoted name: the text marks it a model)
        kind = _acceptable(name, quoted or explicit, secure if sentence is not None else None, item=explicit)
        if kind is None and (expanded := self._expanded(name)):
            kind = _acceptable(expanded, quoted or explicit, None, item=explicit)
            kind = kind if kind is not None and not kind.new else None
        if kind is None:
            if quoted and _of_another_field(name):
                # a quoted programme of another field is no model, nor is any name inside it
                self.taken[s:e] = b"\x01" * (e - s)
            return False
        self.found.append(RawModel(s, e, name, kind, quoted, how or ("quoted" if quoted else "after_mo_hinh")))
        self.taken[s:e] = b"\x01" * (e - s)
        return True


_MO_HINH_BARE = re.compile(r"[Mm]ô hình")
_O_HINH = "ô hình"


class _MoHinh:
    """Does a stretch say `mô hình` (`MO_HINH.search(text[s:e])`)? The words are found once in
    the whole text; the word boundaries are checked within the stretch, as in its slice."""

    def __init__(self, text: str):
        self.text = text
        # (every `_MO_HINH_BARE` match, found with str.find: such matches never overlap)
        starts = []
        i = text.find(_O_HINH, 1)
        while i != -1:
            if text[i - 1] in "Mm":
                starts.append(i - 1)
            i = text.find(_O_HINH, i + 1)
        self.starts = starts

    def within(self, s: int, e: int) -> bool:
        text, n = self.text, len(_MO_HINH_WORDS)
        i = bisect.bisect_left(self.starts, s)
        while i < len(self.starts) and self.starts[i] + n <= e:
            p = self.starts[i]
            if (p == s or not _is_word_char(text[p - 1])) and (p + n == e or not _is_word_char(text[p + n])):
                return True
            i += 1
        return False

    def matches(self, s: int, e: int) -> list[tuple[int, int]]:
        """The spans `MO_HINH.finditer(text, s, e)` gives: its lookbehind sees the text before
        `s`, its lookahead nothing from `e` on."""
        text, n = self.text, len(_MO_HINH_WORDS)
        out = []
        i = bisect.bisect_left(self.starts, s)
        while i < len(self.starts) and self.starts[i] + n <= e:
            p = self.starts[i]
            if (p == 0 or not _is_word_char(text[p - 1])) and (p + n == e or not _is_word_char(text[p + n])):
                out.append((p, p + n))
            i += 1
        return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_models(text: str, sentences: list[tuple[int, int]]) -> list[RawModel]:
    """Model names in the sentences that speak of models (`mô hình`): quoted names first,
    then unquoted names after `mô hình`, then the items of lists about models."""
    names = _Names(text)
    low = lowered(text)  # LIST_INTRO is matched on lowercase text (faster than IGNORECASE)
    if len(low) != len(text):
        low = text
    _founded_teams(names, low, sentences)
    says = _MoHinh(text)
    prev_plural = False  # the sentence before speaks of several models
    for s_start, s_end in sentences:
        if not says.within(s_start, s_end):
            _quoted_team_names(names, s_start, s_end)
            opener = _NEXT_LIST.match(text, s_start, s_end) if prev_plural else None
            if opener and ";" in text[opener.end() : s_end]:
                # "... xây dựng được nhiều mô hình. Đó là A; B; C": the items are its models
                _listed_names(names, opener, s_end, explicit=True)
            prev_plural = False
            continue
        prev_plural = _PLURAL_MODELS.search(low, s_start, s_end) is not None
        intros = [i for i in finditer_near(LIST_INTRO, low, _LIST_ANCHORS, pos=s_start, endpos=s_end)
                  if _intro_about_models(text, s_start, i)]
        if not intros and ":" in text[s_start:s_end]:
            intros = _colon_intros(text, low, s_start, s_end)
        _quoted_names(names, s_start, s_end, intros)
        _names_after_mo_hinh(names, s_start, s_end, says)
        for intro in intros:
            _listed_names(names, intro, s_end)
    _title_name(names)  # (before the standalone names, which a title's longer name holds)
    _standalone_names(names, caseless(text), sentences, says)
    _capitalized_teams(names, sentences)
    _headline_team(names, sentences)
    _camera_networks(names, low, sentences)
    _named_again_at_places(names)
    return sorted(names.found, key=lambda r: r.start)


# A security camera network (`camera an ninh`, `hệ thống camera giám sát an ninh, trật tự`)
_CAMERA_NETWORK = re.compile(r"camera(?<!\wcamera) (?:giám sát )?(?:an ninh(?:,? trật tự)?|antt)(?!\w)")
# what launches or spreads a network (a count before it is a figure: `lắp đặt 72 camera an ninh`)
_NETWORK_LAUNCH = re.compile(r"(?<!\w)(?:triển khai|thí điểm|xã hội hóa|nhân rộng|ra mắt|đưa vào (?:hoạt động|vận hành|sử dụng)|"
                             r"lắp đặt|vận động (?:người dân |nhân dân )?lắp đặt)(?: (?:hệ thống|mạng lưới|mạng))? \Z")


_CAMERA_KIND = "camera an ninh"
_COMMUNITY_FUNDED = re.compile(r"(?:nhân dân|người dân|bà con|doanh nghiệp|hộ dân|các hộ|mạnh thường quân|nhà hảo tâm|dòng họ)"
                               r"[^.;]{0,40}?(?:đóng góp|ủng hộ|tài trợ|tự nguyện|góp tiền|hỗ trợ kinh phí)|xã hội hóa|"
                               r"huy động[^.;]{0,30}?(?:nhân dân|người dân|kinh phí)")
_FOOTAGE_AROUND = re.compile(r"trích xuất \||\|[ ]*(?:đã )?(?:ghi lại|ghi được|ghi nhận|ghi hình|quay lại|quay được)")


def _camera_networks(names: _Names, low: str, sentences: list[tuple[int, int]]) -> None:
    """A security camera network is a model where the headline names it (`Hiệu quả bước đầu
    triển khai camera an ninh ở Phong Hải`) or a sentence launches or spreads it (`thí điểm
    camera an ninh`, `xã hội hóa camera an ninh`), as the news presents it, `mô hình` or not;
    a count of cameras (`lắp đặt 72 camera an ninh`) and footage (`trích xuất camera`) are not."""
    if "camera" not in low or not sentences:
        return
    title_end = sentences[0][1]
    # (the headline's network only where the body names no camera model: `Phủ camera an ninh ...`
    # over a body's `mô hình “Camera giám sát ANTT”` is that model)
    named = any(r.kind.label == _CAMERA_KIND for r in names.found)
    seen_to = quotes = 0
    ends = [e for _, e in sentences]
    for m in _CAMERA_NETWORK.finditer(low):
        before = low[max(0, m.start() - 40) : m.start()]
        if _FOOTAGE_AROUND.search(before[-14:] + "|" + low[m.end() : m.end() + 16]):
            continue  # (`trích xuất camera an ninh`, `camera an ninh ghi lại`: footage, no network)
        if _COUNT_BEFORE.search(before):
            # a count of cameras is a figure, unless its sentence says the residents paid for
            # them: a network built as a community effort (`lắp đặt 46 camera an ninh ... do
            # nhân dân và các doanh nghiệp đóng góp`)
            i = bisect.bisect_right(ends, m.start())
            s_start, s_end = sentences[i] if i < len(sentences) else (m.start(), len(low))
            if not named and _COMMUNITY_FUNDED.search(low, s_start, s_end):
                named = names.add(m.start(), m.end(), False, "camera_network")
            continue
        # (the quotes counted from the last match on: linear in the text)
        line = low.rfind("\n", seen_to, m.start())
        quotes = low.count('"', line + 1, m.start()) if line >= 0 else quotes + low.count('"', seen_to, m.start())
        seen_to = m.start()
        if quotes % 2:
            continue  # inside a quote (a sign's words, a slogan) the quoted names' rules judge
        if m.start() < title_end:
            if not named and (_NETWORK_LAUNCH.search(before) or not any(ch.isdigit() for ch in low[0:m.start()])):
                named = names.add(m.start(), m.end(), False, "camera_network")
        elif _NETWORK_LAUNCH.search(before):
            named = names.add(m.start(), m.end(), False, "camera_network") or named


_UNIT_AFTER = re.compile(r"[ ]+(?:(?:ở|tại)[ ]+)?(?:" + nouns_pattern("prefix") + r")[ ]+(\w)")
_AGAIN_MIN_WORDS = 3
_AGAIN_MAX_NAMES = 32


def _named_again_at_places(names: _Names) -> None:
    """A team's name the text has given as a model, written again right before a unit (`7 thành
    viên của Tổ xóm đạo bình yên ấp 2`, a caption's `Tổ xóm đạo bình yên xã Gia Tân 2`): the
    model at that place (its name is known; where it runs, the unit says)."""
    text = names.text
    low = lowered(text)  # (`Tổ Nhân dân tự quản` written again `Tổ nhân dân tự quản ở thành phố X`)
    if len(low) != len(text):
        low = text
    seen: set[str] = set()
    for raw in list(names.found):
        name = raw.name.lower() if low is not text else raw.name
        if not raw.name[:1].isupper() or len(name.split()) < _AGAIN_MIN_WORDS or name in seen or not HEAD_RX.match(name):
            continue
        if len(seen) >= _AGAIN_MAX_NAMES:
            break  # (each name is searched through the text: a bounded number keeps it linear)
        seen.add(name)
        i = low.find(name)
        while i != -1:
            end = i + len(name)
            unit = _UNIT_AFTER.match(text, end)
            if names.taken.find(1, i, end) == -1 and unit and (unit[1].isupper() or unit[1].isdigit()):
                names.add(i, end, False, "again_at_place")
            i = low.find(name, end)


_TITLE_MAX = 120
_TITLE_IS_MODEL = re.compile(r"(?:\([^()\n]{1,40}\)[ ]*[-–][ ]*)?(?:Đó là|Đây là)[ ]+(?:một[ ]+)?mô hình(?!\w)")
# "Trường THPT X tự quản về ANTT" / "Mô hình gồm 38 thành viên": a lead opening on the model
_LEAD_ON_MODEL = re.compile(r"Mô hình(?: này)?[ ]+(?:gồm|do|được|có|ra đời|hoạt động)(?!\w)")
_TITLE_TEAM = re.compile(r"(?:Tổ|Đội|Nhóm|Câu lạc bộ|CLB)[ ]")


def _title_name(names: _Names) -> None:
    """A headline that is nothing but a model's name ("Tổ tự quản an ninh trật tự nuôi trồng
    thủy sản"): the whole line is the name when it starts with a team's head and no cut word
    ends it earlier (a headline with a verb is a sentence, not a name)."""
    text = names.text
    end = text.find("\n\n")
    if not 0 < end <= _TITLE_MAX or not text[:1].isupper():
        return
    line_end = len(text[:end].rstrip(" .:!?"))
    says_model = _TITLE_IS_MODEL.match(text, end + 2) is not None or (
        _LEAD_ON_MODEL.match(text, end + 2) is not None and _SELF_MANAGED_FOR.search(model_key(text[:line_end])) is not None)
    if says_model and not any(ch.isdigit() for ch in text[:line_end]):
        # "Kết nối mạng xã hội - bình yên cho mỗi gia đình" / "Đó là mô hình do ...": the lead
        # says the headline is a model's name
        names.add(0, line_end, True, "title")
        return
    ns, ne = _unquoted_name(text, 0, line_end)
    if ns == 0 and ne == line_end and _TITLE_TEAM.match(text) and not any(ch.isdigit() for ch in text[:ne]):
        names.add(0, ne, False, "title")


# A team's name capitalized inside a sentence is its proper name ("thành viên trong Tổ nhân
# dân tự quản về an ninh trật tự trên địa bàn thôn..."): the head after a lower-case word.
# `tự quản` with what it keeps beside it, after or before ("tự quản về antt", "an ninh nhân dân tự quản")
_KEEPS = r"(?:an ninh|antt|trật tự|phòng cháy|pccc|ma túy|tội phạm|đường biên|bảo vệ|dòng tộc|dòng họ)"
_SELF_MANAGED_FOR = re.compile(rf"tự quản(?: \w+){{0,3}}? {_KEEPS}|{_KEEPS}(?: \w+){{0,3}}? tự quản")
_PLACE_TAIL = re.compile(r"(?<!\w)(?:thôn|xóm|ấp|bản|buôn|làng|khu phố|khối phố|tổ dân phố|khu dân cư|phường|xã)"
                         r"(?:[ ]+(?:[A-ZĐÀ-Ỹ][\w]*|[0-9]+))+")
# ((?<=[a-zà-ỹđ,] ) checked after each head's first letter: `re` then scans for those letters
# in C instead of trying the lookbehind at every position; the same matches)
# (a clan's team may carry its family name: "Dòng họ Thò tự quản về ANTT"; "Tổ trưởng" is a person)
_TEAMS = ("Tổ", "Đội", "Nhóm", "Câu lạc bộ")
_CLANS = ("Dòng họ", "Dòng tộc")
_CAPITALIZED_TEAM = re.compile("(?:(?:" + "|".join(f"{h[0]}(?<=[a-zà-ỹđ,] {h[0]}){h[1:]}" for h in _TEAMS)
                               + r")[ ](?=[a-zà-ỹđ])(?!trưởng|phó)|(?:" + "|".join(
                                   f"{h[0]}(?<=[a-zà-ỹđ,] {h[0]}){h[1:]}" for h in _CLANS) + r")[ ])")
# Every match starts with one of its heads and a space: found with str.find (finditer_near),
# several times faster than scanning for their capitals.
_TEAM_HEADS = tuple(h + " " for h in (*_TEAMS, *_CLANS))


def _capitalized_teams(names: _Names, sentences: list[tuple[int, int]]) -> None:
    """A capitalized team of self-management for security named mid-sentence is a model,
    with or without `mô hình`: its name says `tự quản` and what it keeps."""
    text = names.text
    if "tự quản" not in text:
        return
    ends = [e for _, e in sentences]
    for m in finditer_near(_CAPITALIZED_TEAM, text, _TEAM_HEADS):
        i = bisect.bisect_right(ends, m.start())
        if i >= len(sentences):
            continue
        ns, ne = _unquoted_name(text, m.start(), sentences[i][1])
        place = _PLACE_TAIL.search(text, ns, ne)  # "... thôn Đồng Tâm tuần tra mỗi tối": ends at the place
        if place:
            ne = place.end()
        key = model_key(text[ns:ne])
        if len(key.split()) >= 5 and _SELF_MANAGED_FOR.search(key):
            names.add(ns, ne, False, "capitalized_team")


_HEADLINE_TEAM = re.compile(r"(?:^|(?<=[a-zà-ỹđ] ))(?:Tổ|Đội|Nhóm|Câu lạc bộ|CLB|Chốt)[ ](?=[a-zà-ỹđ])(?!trưởng|phó|công tác|dân phố)")
_TEAM_PURPOSE = re.compile(r"tự quản|an ninh|antt|an toàn|bảo vệ|phòng(?:,)? chống|tuần tra")


def _headline_team(names: _Names, sentences: list[tuple[int, int]]) -> None:
    """A team the headline names with a capital (`Hiệu quả từ Tổ tự quản bến cá Phú Lợi`,
    `Thành lập Tổ bảo đảm an toàn du lịch ...`) is the article's model when the body speaks of
    it again (its head and first word): a headline says what the article is about."""
    if len(sentences) < 2:
        return
    text = names.text
    h_start, h_end = sentences[0]
    if h_end - h_start > 200:
        return
    m = _HEADLINE_TEAM.search(text, h_start, h_end)
    if m is None:
        return
    ns, ne = _unquoted_name(text, m.start(), h_end)
    key = model_key(text[ns:ne])
    words_ = text[ns:ne].split()
    if len(words_) < 3 or not _TEAM_PURPOSE.search(key):
        return
    again = " ".join(words_[:3]).lower()
    if again in text[h_end : h_end + 3000].lower():
        names.add(ns, ne, False, "headline_team", (h_start, h_end), explicit=True)


def _standalone_names_of(index) -> set[str]:
    """Every name of a standalone kind, and the standalone names of the others."""
    return {a for k in index.kinds.values() for a in ((k.label, *k.aliases) if k.standalone else k.standalone_names)}


@lru_cache(maxsize=1)
def _standalone_rx() -> re.Pattern | None:
    """The names of the kinds that are models wherever they stand (the 2024 grassroots teams),
    with a comma or spaces allowed between words, longest first."""
    index = load_kinds()
    names = _standalone_names_of(index)
    if not names:
        return None
    alts = sorted(("[ ,]+".join(map(re.escape, n.split())) for n in names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _standalone_lower_rx() -> re.Pattern | None:
    """`_standalone_rx` for lowercased text, case-sensitive, each name's `(?<!\\w)` checked
    after its first word: `re` then scans for that word in C instead of trying every
    position (the same matches, in the same order of preference)."""
    index = load_kinds()
    names = _standalone_names_of(index)
    if not names:
        return None
    # One branch per first word, its names' tails longest first: at a position only the branch
    # of the word written there can match, so the preference among names is unchanged.
    tails: dict[str, list[tuple[str, int]]] = {}
    for n in names:
        first, *rest = n.lower().split()
        tails.setdefault(first, []).append(("".join("[ ,]+" + re.escape(w) for w in rest),
                                            len("[ ,]+".join(map(re.escape, n.split())))))
    branches = []
    for first, group in tails.items():
        group.sort(key=lambda a: a[1], reverse=True)
        branches.append(re.escape(first) + r"(?<!\w" + re.escape(first) + ")(?:" + "|".join(t for t, _ in group) + ")")
    return re.compile(r"(?:" + "|".join(branches) + r")(?!\w)")


@lru_cache(maxsize=1)
def _standalone_first_words() -> tuple[str, ...]:
    """The first words of the standalone names, lowercase: `_standalone_lower_rx` starts with one."""
    return tuple(sorted({n.lower().split()[0] for n in _standalone_names_of(load_kinds())}))


def _standalone_names(names: _Names, low: str | None, sentences: list[tuple[int, int]] | None = None,
                      says: _MoHinh | None = None) -> None:
    """Names of standalone kinds anywhere in the text, unless already part of a name. A
    standalone name of another kind after a count or a plural is a figure or the generic
    teams ("ba mươi sáu tổ tự quản về ANTT", "các tổ liên gia tự quản"), not a model named.
    A team of a standalone kind (the 2024 grassroots force) is a model where the headline names
    it or its sentence speaks of models or founds, launches or keeps it (`thành lập 138 tổ bảo vệ
    ANTT`); named in passing (`phối hợp với tổ bảo vệ ANTT tuần tra`), it is the force at work."""
    rx = _standalone_rx() if low is None else _standalone_lower_rx()
    text = names.text if low is None else low
    starts = [s for s, _ in sentences] if sentences else []
    # (on the lowercase text every match starts with a name's first word: matched only there)
    found = () if rx is None else rx.finditer(text) if low is None else finditer_near(rx, text, _standalone_first_words())
    # a report whose headline names the force itself (`ra mắt lực lượng tham gia bảo vệ ANTT ở
    # cơ sở`) is about its teams: each team it names is the model reported
    headline_end = text.find("\n\n")
    about_force = bool(sentences) and _FORCE_NAME.search(text[: headline_end if 0 < headline_end <= _TITLE_MAX * 2
                                                              else sentences[0][1]].lower()) is not None
    force_at = None  # the force itself (`lực lượng tham gia bảo vệ ANTT ở cơ sở`): once a text
    teams_named = False
    for m in found:
        force = _FORCE_NAME.match(m.group().lower()) is not None
        if force and _LAW_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # (`Luật Lực lượng tham gia ...`: the law, not the force)
        kind_standalone = canonical_kind(m.group()).standalone
        if not kind_standalone and (_COUNT_BEFORE.search(text, max(0, m.start() - 14), m.start())
                                    or _PLURAL_LIST_BEFORE.search(text, max(0, m.start() - 70), m.start())):
            continue  # (`các tổ an ninh nhân dân và tổ tự quản ANTT, tổ liên gia tự quản`: all plural)
        if not kind_standalone and _WITH_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "gắn với tổ tự quản về ANTT": the teams in passing, no model named
        if _POST_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "Tổ trưởng tổ bảo vệ ANTT thôn 6": a person's post names the team, not the model
        if m.start() and text[m.start() - 1] in "\"'" and _not_model_before(names.text[max(0, m.start() - 41) : m.start() - 1]):
            continue  # (`với khẩu hiệu “Tiếng mõ an ninh, chiếc gậy an toàn”`: a slogan that opens with a kind's name)
        if kind_standalone and sentences and not about_force:
            i = bisect.bisect_right(starts, m.start()) - 1
            s_start, s_end = sentences[i] if i >= 0 else (0, len(text))
            # (the force, not a team: only where the text founds, launches or keeps it, not in a
            # model's description, `gồm 4 tổ ... là lực lượng tham gia bảo vệ ANTT ở cơ sở`)
            if not (i == 0 or (says is not None and says.within(s_start, s_end) and not force)
                    or _FOUNDING_BEFORE.search(text, s_start, m.start()) or _heading_line(text, s_start, s_end)):
                continue
        if force:
            if force_at is None:
                force_at = m
            continue
        if names.add(m.start(), m.end(), False, "standalone" if kind_standalone else "standalone_name") and kind_standalone:
            teams_named = True
    # the force is the model where the text names none of its teams as one
    if force_at is not None and not teams_named:
        names.add(force_at.start(), force_at.end(), False, "standalone")


_FORCE_NAME = re.compile(r"lực lượng (?:tham gia )?bảo vệ (?:an ninh,? trật tự|antt),? (?:ở |tại )?cơ sở")
_LAW_BEFORE = re.compile(r"(?<!\w)luật[ ]+\Z", re.IGNORECASE)
_HEADING_MAX = 100


def _heading_line(text: str, start: int, end: int) -> bool:
    """A subheading: a line of its own, short, with no full stop (`Hiệu quả của tổ bảo vệ ANTT`)."""
    line = text[start:end].rstrip()
    return (0 < len(line) <= _HEADING_MAX and (start == 0 or text[start - 1] == "\n")
            and text[end : end + 1] in ("", "\n") and line[-1:] not in ".!?…:;,")


_FOUNDING_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(("thành lập", "ra mắt", "kiện toàn", "củng cố", "xây dựng", "duy trì",
                                                         "thành lâp", "lập")) + r")(?!\w)", re.IGNORECASE)
_POST_BEFORE = re.compile(r"(?<!\w)(?:" + grouped_alternation(words(_LEX, "team_posts")) + r")[ ]+\Z", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"(?<!\w)(?:gắn với|phối hợp với|kết hợp với|cùng với)[ ]+\Z", re.IGNORECASE)
_PLURAL_LIST_BEFORE = re.compile(r"(?<!\w)(?:các|những)[ ]+(?:tổ|nhóm|đội|mô hình)(?!\w)[^.;:!?\n\"]{0,50}(?:,|[ ]và)[ ]*\Z",
                                 re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"(?:[0-9]|(?<!\w)(?:các|những|mỗi|từng|nhiều|một số|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|"
                           r"mươi|trăm|nghìn|ngàn|chục))[ ]+\Z", re.IGNORECASE)


# (no count before the team: "38 tổ tự quản đường biên" is a figure of teams, not a model named)
# (matched on the lowercased text)
_FOUNDING_VERBS = ("thành lập", "ra mắt", "kiện toàn", "củng cố", "duy trì", "xây dựng", "tổ chức", "lập")
_FOUNDED = re.compile(r"(?:" + "|".join(_FOUNDING_VERBS) + r")[ ]+(?:(?:được|thêm|mới|các|những)[ ]+)*"
                      r"(?=(?:tổ|đội|nhóm|câu lạc bộ|khu nhà trọ|nhà trọ|dòng họ)[ ])")


def _founded(low: str):
    """`_FOUNDED.finditer(low)`, tried only where a founding verb stands (found with str.find):
    a match starts with one, and matches never overlap."""
    starts = []
    for verb in _FOUNDING_VERBS:
        i = low.find(verb)
        while i != -1:
            starts.append(i)
            i = low.find(verb, i + 1)
    end = 0
    for p in sorted(starts):
        if p < end:
            continue
        m = _FOUNDED.match(low, p)
        if m:
            yield m
            end = m.end()


_KEEPS_ORDER = re.compile(r"an ninh|antt|trật tự|tội phạm|ma túy|tệ nạn|pccc|phòng cháy")
_OFFICIAL_TEAM = re.compile(r"(?:tổ|đội|nhóm)[ ]+(?:công tác|chuyên án|đặc nhiệm|cảnh sát|liên ngành|kiểm tra|"
                           r"thanh tra|giúp việc|tuần tra kiểm soát|trinh sát|phản ứng nhanh của công an)")


def _founded_teams(names: _Names, low: str, sentences: list[tuple[int, int]]) -> None:
    """An unquoted team a sentence founds or keeps (`thành lập các tổ tự quản nhà trọ công
    nhân`): a model when its name says `tự quản`; the generic `tổ tự quản` alone is not."""
    text = names.text
    ends = [e for _, e in sentences]
    for m in _founded(low):
        if m.start() and low[m.start() - 1].isalnum():
            continue  # inside a word
        i = bisect.bisect_right(ends, m.end())
        if i >= len(sentences) or sentences[i][0] > m.start():
            continue
        s_end = sentences[i][1]
        ns, ne = _unquoted_name(text, m.end(), s_end)
        name = text[ns:ne]
        if len(name.split()) < 5:
            continue
        kind = canonical_kind(name)
        # a known kind, the generic team by its full name included; without `tự quản`, a kind
        # the name matches itself (`thành lập các câu lạc bộ hỗ trợ tái hòa nhập cộng đồng`)
        if not kind.new and ("tự quản" in name.lower() or not kind.exact_only):
            names.add(ns, ne, False, "founded")
        elif kind.new and m.group().startswith(("ra mắt", "thành lập")) and _KEEPS_ORDER.search(model_key(name)) \
                and not _OFFICIAL_TEAM.match(name.lower()):
            # a new team launched for security (`ra mắt tổ cựu quân nhân xung kích phòng chống tội
            # phạm`), not a police or inspection team
            names.add(ns, ne, False, "founded")


def _quoted(text: str, start: int, end: int):
    """`QUOTED.finditer(text, start, end)`, after a quicker look for a quote (str.find: most
    sentences have none, and QUOTED, led by a set of two characters, is slower to scan)."""
    if text.find('"', start, end) == -1 and text.find("'", start, end) == -1:
        return ()
    if text.count('"', start, end) % 2 == 1:
        # quoted speech opened or closed outside this sentence (`cho biết: "Xã duy trì 3 mô hình
        # gồm "A", "B", "C".`): its quote pairs with none of the names' quotes
        first, last = text.find('"', start, end), text.rfind('"', start, end)
        if text[max(start, first - 2) : first].strip() == ":" and not _MODELS_COLON.search(text, max(start, first - 24), first):
            start = first + 1
        elif text[max(start, first - 2) : first].strip() == ":":
            end = last  # (`như các mô hình: “A”, “B”, "C`: a list of names the page cut in its last quote)
        elif not text[last + 1 : end].strip(" .!?…"):
            end = last
    return QUOTED.finditer(text, start, end)


def _quoted_team_names(names: _Names, s_start: int, s_end: int) -> None:
    """In a sentence that does not say `mô hình`, a quoted name is still a model when it is a
    team or body of security self-management: a typical head and words of security
    (`xây dựng 32 “Tổ cựu chiến binh tự quản về an ninh trật tự”`), or a known kind."""
    text = names.text
    for q in _quoted(text, s_start, s_end):
        qs, qe = (q.start(1), q.end(1)) if q.group(1) is not None else (q.start(2), q.end(2))
        name = text[qs:qe]
        before = text[s_start if s_start > q.start() - 40 else q.start() - 40 : q.start()]
        if _not_model_before(before) or _alias_before(before) or _SPEECH_AFTER.match(text, q.end(), q.end() + 48) \
                or _speech_before(text, max(s_start, q.start() - 60), q.start()):
            continue
        kind = canonical_kind(name)
        key = model_key(name)
        head = _HEAD_BEFORE_QUOTE.search(text, q.start() - 16 if q.start() > 16 else 0, q.start())
        if head and (_SECURITY_WORDS.search(key) or not kind.new):
            # `Tổ “An ninh nhân dân”`: a team's head written before its quoted name
            names.add(head.start(), q.end(), True, "quoted_listed")
            continue
        headed = HEAD_RX.match(key) is not None and _SECURITY_WORDS.search(key)
        # (a thing's nickname alone, `hệ thống “mắt thần”`, is a keyword of a kind, not a model's name)
        if (not kind.new and key not in _keywords_of(kind)) or headed:
            names.add(qs, qe, True, "quoted_listed")


_MODELS_AND_MOVEMENTS = re.compile(r"mô hình\s*(?:,|và|hoặc)\s*phong trào\s*:?\s*$", re.IGNORECASE)
_HEAD_BEFORE_QUOTE = re.compile(r"(?<!\w)(?:Tổ|Đội|Nhóm|Câu lạc bộ|CLB|Chi hội|Tổ tự quản)[ ]*\Z")


def _keywords_of(kind: Kind) -> frozenset[str]:
    return frozenset(model_key(k) for k in kind.keywords)


def _quoted_names(names: _Names, s_start: int, s_end: int, intros: list) -> None:
    """Quoted names in a sentence about models: right after `mô hình`, chained to a previous
    quoted model, inside a list about models, or naming a known kind."""
    text = names.text
    last_model_end = last_movement_end = -1
    for q in _quoted(text, s_start, s_end):
        qs, qe = (q.start(1), q.end(1)) if q.group(1) is not None else (q.start(2), q.end(2))
        before = text[s_start if s_start > q.start() - 40 else q.start() - 40 : q.start()]
        after_mo_hinh = bool(_MO_HINH_BEFORE.search(before) or _MO_HINH_WORD_BEFORE.search(before)) or (
            _NAMED_BEFORE.search(before) is not None and _MO_HINH_BARE.search(text, s_start, q.start()) is not None)
        if not after_mo_hinh and (_movements_listed_before(text, max(s_start, q.start() - 80), q.start())
                                  and not _MODELS_AND_MOVEMENTS.search(before) or (
                last_movement_end >= 0 and _CHAIN.fullmatch(text, last_movement_end, q.start()))):
            last_movement_end = q.end()  # (`phong trào thi đua của các hội như: “A”, “B”; “C”`: movements)
            continue
        if not after_mo_hinh and _not_model_before(before) and not _MODELS_AND_MOVEMENTS.search(before):
            continue  # (`những mô hình, phong trào: “A” (huyện B); “C”`: models named beside movements)
        if _alias_before(before) or len(q.group(0).split()) > MAX_WORDS:
            continue
        if _MOTTO.fullmatch(model_key(text[qs:qe])) and _PLURAL_MO_HINH_BEFORE.search(before):
            continue  # (`5 mô hình “Tự phòng, tự quản, tự bảo vệ” tiêu biểu`: the movement's motto as a category)
        if not after_mo_hinh and (_SPEECH_AFTER.match(text, q.end(), q.end() + 48)
                                  or _speech_before(text, max(s_start, q.start() - 60), q.start())):
            continue  # (`“Giờ bản không còn ai bán ma túy nữa”, anh A nói`: a speaker's words)
        gap = text[last_model_end : q.start()] if last_model_end >= 0 else None
        # (`“Camera an ninh,” “Tài xế ...”`: the comma inside the quotes joins them as well)
        chained = gap is not None and (_CHAIN.fullmatch(gap) is not None or (
            not gap.strip() and text[last_model_end - 2 : last_model_end - 1] == ","))
        in_list = any(i.end() <= q.start() for i in intros)
        known = not canonical_kind(text[qs:qe]).new
        how = "quoted" if after_mo_hinh or known else "quoted_listed"
        # a folk name may lean on its sentence, right after `mô hình` or in a list about models
        sentence = (s_start, s_end) if after_mo_hinh or in_list or chained else None
        if (after_mo_hinh or chained or in_list or known) and names.add(qs, qe, True, how, sentence):
            last_model_end = q.end()
            team = _TEAM_CHAINED.match(text, q.end(), s_end)
            if team:
                ns, ne = _unquoted_name(text, team.end(), s_end)
                names.add(ns, ne, False, "chained")
            # skip a place in parentheses after the name: "(phường Thanh Hà)"
            par = _PAREN.match(text[q.end() : s_end])
            if par:
                last_model_end = q.end() + par.end()


def _names_after_mo_hinh(names: _Names, s_start: int, s_end: int, says: _MoHinh | None = None) -> None:
    """Unquoted names right after `mô hình`."""
    text = names.text
    cuts = _Cuts(text)
    found = says.matches(s_start, s_end) if says else [m.span() for m in MO_HINH.finditer(text, s_start, s_end)]
    for m_start, m_end in found:
        pos = m_end
        while pos < s_end and text[pos] == " ":
            pos += 1
        if pos < s_end and text[pos] == '"':
            # `mô hình "X"` inside quoted speech: the speech's quotes pair with X's (an odd
            # number of quotes before it), so the quote right after `mô hình` opens the name
            close = text.find('"', pos + 1, min(s_end, pos + 2 + MAX_NAME_CHARS // 2))
            if (close > pos + 2 and text.count('"', s_start, pos) % 2 == 1
                    and not _alias_before(text[max(s_start, m_start - 40) : m_end])):
                names.add(pos + 1, close, True, sentence=(s_start, s_end))
            elif text.find('"', pos + 1, s_end) == -1 and not _alias_before(text[max(s_start, m_start - 40) : m_end]):
                # a quote opened and never closed (`mô hình “Tổ tự quản ... khu dân cư.`): the
                # writer marked a name; it ends where an unquoted name would
                ns, ne = _unquoted_name(text, pos + 1, s_end, cuts)
                names.add(ns, ne, True, sentence=(s_start, s_end))
            continue
        if pos >= s_end or text[pos] in "',;:." or _CUT_START.match(text, pos - 1):
            continue  # ("Đây là mô hình giúp ngư dân ...": a cut word opens the rest of the sentence)
        ns, ne = _unquoted_name(text, pos, s_end, cuts)
        if _QUOTE_AFTER.match(text, ne) and len(text[ns:ne].split()) <= 2:
            continue  # `mô hình Zalo “Kết nối toàn dân”`: the quoted words are the name
        names.add(ns, ne, False)


# An organization named in a list is a member or a partner of a model, unless its name says
# what it keeps (`Chi hội nông dân không vi phạm pháp luật`, `Tổ tự quản ...`).
_ORGANIZATION = re.compile(r"(?:Hội|Đoàn|Ủy ban|UBMTTQ|UBND|Mặt trận|Công an|Ban|Phòng|Huyện đoàn|Tỉnh đoàn|Thành đoàn|"
                           r"Liên đoàn|Công đoàn|Chi bộ|Đảng ủy)(?!\w)")
_MODEL_WORDS = re.compile(r"tự quản|an toàn|bình yên|không (?:có|vi phạm|tội phạm|ma túy)|an ninh|antt|tội phạm|tệ nạn")


_ITEM_JOIN = re.compile(r"(?:và|cùng|với)[ ]+", re.IGNORECASE)
_AND = re.compile(r"[ ]+và[ ]+")


def _item_name(text: str, start: int, end: int) -> tuple[int, int]:
    """An explicit list item's name: up to its first cut that is no comma."""
    pos = start
    while pos < end:
        m = _CUT.search(text, pos, end)
        if m is None:
            break
        if m.group().startswith(","):
            pos = m.end()
            continue
        return _clean_span(text, start, m.start())
    return _clean_span(text, start, end)


# A sentence that lists the models the sentence before counts (`Đó là A; B`), and what counts them.
_NEXT_LIST = re.compile(r"\W{0,3}(?:" + grouped_alternation(words(_LEX, "next_sentence_list_openers")) + r")\s*:?\s*",
                        re.IGNORECASE)
_PLURAL_MODELS = re.compile(r"(?:nhiều|các|những|một số|[0-9]+)[ ]+mô hình")


_COLON = re.compile(r":[ ]*")
_COLON_REACH = 100  # `6 mô hình, điển hình tiên tiến trong phong trào “...”: A; B`


def _colon_intros(text: str, low: str, s_start: int, s_end: int) -> list:
    """A colon shortly after `mô hình` that opens items split by semicolons (`Xã duy trì 6 mô
    hình: A; B; C`): the text lists its models without a list word."""
    out = []
    colon = text.find(":", s_start, s_end)
    while colon != -1:
        said = low.rfind("mô hình", max(s_start, colon - _COLON_REACH), colon)
        # (several models counted, not one named and then explained: `mô hình “2 tốt, 3 không”: tốt về ...`)
        if said != -1 and text.count(";", colon, s_end) >= 1 and _PLURAL_MODELS.search(
                low, max(s_start, said - 12), said + 7):
            out.append(_COLON.match(text, colon))
            break
        colon = text.find(":", colon + 1, s_end)
    return out


_AND_AFTER_ELLIPSIS = re.compile(r"[ ]*và[ ]+(?=\w)")
_ITEM_OPENER = re.compile(r"[ ]*(?:(?:cho[ ]+)?đến|và|cùng|hoặc|hay|rồi)[ ]+", re.IGNORECASE)


_COUNTED_MODELS = re.compile(r"[0-9]+[ ]+mô hình")
_MODELS_COLON = re.compile(r"mô hình[ ]*:[ ]*\Z", re.IGNORECASE)
_MODELS_BEFORE_EXAMPLES = re.compile(r"(?:nhiều|các|những|một số|[0-9]+)[ ]+(?:loại[ ]+)?mô hình")
_EXAMPLES_INTRO = re.compile(r"trong đó(?:,)? có|điển hình|tiêu biểu|nổi bật")
_COUNT_AFTER = re.compile(r"[ ]*[0-9][0-9.]*[ ]+(?!mô hình)")
_ITEM_COUNT = re.compile(r"[0-9][0-9.]*[ ]+(?!mô hình)")
_BREAKDOWN_SEP = re.compile(r",|[ ]+và[ ]+(?=[0-9]+[ ])")


def _named_like_model(name: str) -> bool:
    """A list item of no known kind that is named like a model: a place or body named safe
    (`Xóm đạo bình yên`), or a team whose name holds a word of security."""
    key = model_key(name)
    return _SAFE_UNIT.match(key) is not None or (HEAD_RX.match(key) is not None and _SECURITY_WORDS.search(key) is not None)


def _listed_names(names: _Names, intro, s_end: int, explicit: bool = False) -> None:
    """The items of a list after an introducer, split by `;` (else `,`), up to an ellipsis."""
    text = names.text
    body_end = s_end
    stop = _ELLIPSIS.search(text[intro.end() : s_end])
    after = None  # "A, B... và C": one item more after the ellipsis
    if stop:
        body_end = intro.end() + stop.start()
        after = _AND_AFTER_ELLIPSIS.match(text, intro.end() + stop.end(), s_end)
    body = text[intro.end() : body_end]
    sep = ";" if ";" in body else ","
    # a colon then items split by semicolons: the text says each item is a model
    # (or two semicolons and more: `như mô hình A; B, C; D…` lists whole items, commas inside)
    explicit = sep == ";" and (explicit or intro.group().rstrip().endswith(":") or (
        body.count(";") >= 2 and ":" not in body.split(";", 1)[0]
        and not any(item.strip()[:1].isdigit() for item in body.split(";"))))  # (`70 thôn ...; 98 tuyến`: counts)
    # does the intro count models (`thành lập 12 mô hình ..., gồm 9 CLB A, 1 CLB B và 1 CLB C`)?
    # then each item counts models by their name, the last joined by `và` too
    # (or a list of examples of the models counted or named in the plural before it: `các mô hình
    # ..., trong đó có 18 tổ A, 32 câu lạc bộ B`, `86 loại mô hình, điển hình như: 17.429 nhóm C`)
    opener = intro.group().lower()
    breakdown = ("gồm" in opener and _COUNTED_MODELS.search(text, max(0, intro.start() - 160), intro.end()) is not None) or (
        _EXAMPLES_INTRO.search(opener) is not None and _MODELS_BEFORE_EXAMPLES.search(text[max(0, intro.start() - 160) : intro.start()].lower()) is not None
        and _COUNT_AFTER.match(text, intro.end()) is not None)
    splitter = _BREAKDOWN_SEP if breakdown and sep == "," else re.compile(re.escape(sep))
    pieces, last = [], 0
    for m in splitter.finditer(body):
        pieces.append((body[last : m.start()], intro.end() + last))
        last = m.end()
    pieces.append((body[last:], intro.end() + last))
    for item, pos in pieces:
        istart = pos + (len(item) - len(item.lstrip()))
        # (its quoted names are found as quoted names; one stray quote, `A” ở phường X`, closes
        # nothing the item opened: the item is read as unquoted)
        quoted_item = item.count('"') + item.count("'") >= 2
        if quoted_item:
            # "là tổ hòa giải ở cơ sở và “Camera an ninh”": keep the unquoted part before the quote
            q = min(i for i in (item.find('"'), item.find("'")) if i >= 0)
            head = re.sub(r"\s+(?:và|cùng|,)\s*$", "", item[:q])
            if not head.strip():
                continue
            item = head
        iend = istart + len(item.rstrip())
        if explicit and not quoted_item:
            # "... là: Quản lý, giúp đỡ người tù tha ở X; ...; và tổ tự quản ...": each item
            # between semicolons is a model, commas inside it included
            joined = _ITEM_JOIN.match(text, istart, iend)
            if joined:
                istart = joined.end()
            # the last item may join two: "... (Công an tỉnh) và tổ tự quản an toàn giao thông ..."
            parts = [(istart, iend)]
            for j in _AND.finditer(text, istart, iend):
                if HEAD_RX.match(text[j.end() : iend].lower()):
                    parts = [(istart, j.start()), (j.end(), iend)]
            for ps, pe in parts:
                ns, ne = _item_name(text, ps, pe)
                if not names.add(ns, ne, False, "listed", (intro.start(), s_end), explicit=True) and ne < pe:
                    # cut short of its words of security (`Phát huy vai trò của đồng bào ... ở xã
                    # Tân Mỹ tham gia giữ gìn an ninh trật tự`): the whole item is the name
                    names.add(ps, pe, False, "listed", (intro.start(), s_end), explicit=True)
            continue
        joined = _ITEM_OPENER.match(text, istart, iend)  # "..., đến các nhóm Zalo ...", "... và camera"
        if joined:
            istart = joined.end()
        counted = _ITEM_COUNT.match(text, istart, iend) if breakdown else None
        if counted and HEAD_RX.match(text[counted.end() : iend].lower()):
            istart = counted.end()  # "12 mô hình, gồm 9 CLB A, 1 CLB B": each item counts a model by its name
        ns, ne = _unquoted_name(text, istart, iend)
        if sep == "," and not MO_HINH.match(item.strip()) and canonical_kind(text[ns:ne]).new and not _named_like_model(
                text[ns:ne]):
            continue  # a comma list of ordinary nouns ("chợ, trường học, nhà văn hóa")
        if _ORGANIZATION.match(text[ns:ne]) and not _MODEL_WORDS.search(text[ns:ne].lower()):
            continue  # the members of a model ("gồm: Hội Cựu chiến binh, Hội Người cao tuổi"), not models
        names.add(ns, ne, False, "listed")
    if after is not None and not explicit:
        ns, ne = _unquoted_name(text, after.end(), s_end)
        if not canonical_kind(text[ns:ne]).new or _named_like_model(text[ns:ne]):
            names.add(ns, ne, False, "listed")

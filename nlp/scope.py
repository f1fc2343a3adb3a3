"""Scoping: which place, period and model each fact belongs to.

A figure's place is the one stated right after it, else the nearest before it in its
sentence, then in its paragraph (or its list's introduction), then the article's main place;
its period is a time in its sentence or clause, its list's introduction, its paragraph's
opening, or the title's year; its model is the one named beside it. A model mention is kept
once per kind and place. All lookups are bisections, so scoping stays linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from core.records import CommunityModel
from nlp.community_models import HEAD_RX, RawModel
from nlp.gazetteer import load as load_gazetteer
from nlp.kinds import model_key
from nlp.lexicon import words
from nlp.normalize import NormalizedText, caseless, fold_key, lowered
from nlp.periods import (
    STOCK_LOWER_RX,
    STOCK_RX,
    STOCK_WORDS,
    PeriodMention,
    search_stock_lower,
    year_after_baseline,
)
from nlp.place_words import units as place_units
from nlp.places import PlaceMention
from nlp.scan import refused
from nlp.segment import Sentence
from nlp.statistics import RawStatistic

_PREPOSITIONS = "|".join(map(re.escape, words("scope", "place_prepositions")))
# (matched in place: `.match(text, pos, pos + 40)`, the window's slice not copied)
_EXPLICIT_PLACE_AFTER = re.compile(r"[ ]*(?:\(|(?:" + _PREPOSITIONS + r")[ ]+)", re.IGNORECASE)
# (what it reads first past its spaces: a parenthesis or a preposition's first letter)
_EXPLICIT_REFUSED = refused(re.compile("[(" + "".join({w[0] for w in words("scope", "place_prepositions")}) + "]",
                                       re.IGNORECASE))
_LIST_GAP = re.compile(r"[ ]*(?:\([^()]{0,40}\)[ ]*)?(?:,|và|, và|;)?[ ]*(?:\([ ]*)?", re.IGNORECASE)
_BULLET = re.compile(r"[ ]*(?:[-–•+*▪●]|\d{1,2}[.)])[ ]+")
_CLAUSE_BREAK = re.compile(r"[,;:]")
_AT_PLACE = re.compile(r"(?<!\w)(?:" + _PREPOSITIONS + r")(?!\w)|\(", re.IGNORECASE)
_FROM = re.compile(r"\W{0,3}[Tt]ừ ")
_STOCK_WORDS = sorted({w for m in STOCK_WORDS for w in (m, m.lower(), m.capitalize())}, key=len)
_TO_NOW_END = re.compile(r"(?:nay|hiện tại)\Z")
_FRAME_REACH = 8  # sentences back a time opening a sentence frames
_STOCK_AFTER_TIME = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words("periods", "stock_after_time"))) + r")(?!\w)",
                               re.IGNORECASE)
_EVENT_TITLE = re.compile(r"(?<!\w)(?:ngày hội|ra mắt|hội thi|hội diễn|giải bóng)(?!\w)")
_STOCK_AFTER_WORDS = tuple(w.lower() for w in words("periods", "stock_after_time"))


def _stock_after_time(doc: Context, start: int, end: int) -> bool:
    """`_STOCK_AFTER_TIME.search(doc.nt.text, start, end)`: its words found in the caseless
    text with str.find, then their word boundaries checked, instead of trying the pattern
    (led by a lookbehind) at every position of the stretch."""
    if doc.low is None:
        return _STOCK_AFTER_TIME.search(doc.nt.text, start, end) is not None
    text, low = doc.nt.text, doc.low
    if end > len(text):
        end = len(text)  # (as the pattern reads it)
    for w in _STOCK_AFTER_WORDS:
        i = low.find(w, start, end)
        while i != -1:
            j = i + len(w)
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) and (
                    j == end or not (text[j].isalnum() or text[j] == "_")):
                return True
            i = low.find(w, i + 1, end)
    return False
_TIME_TO_NOW = re.compile(r"\W{0,2}(?:đến|tới)\s+(?:nay|bây giờ)(?!\w)", re.IGNORECASE)
_EVENT_OPENER = re.compile(r"\W{0,3}(?:" + "|".join(map(re.escape, words("scope", "event_openers"))) + r")(?!\w)",
                           re.IGNORECASE)  # ("Tại Hội nghị" as often as "Tại hội nghị")
_CONTINUATION = re.compile(r"^\W{0,3}(?:" + "|".join(map(re.escape, words("scope", "continuation_openers"))) + ")",
                           re.IGNORECASE)


@dataclass
class Context:
    """A document with the places and periods found in it, indexed for scoping."""

    nt: NormalizedText
    sents: list[Sentence]
    sent_starts: list[int]
    places: list[PlaceMention]
    place_starts: list[int]
    periods: list[PeriodMention]
    key_place: PlaceMention | None
    current_only: frozenset[str] = frozenset()  # post-merger names standing for the new unit only
    asides: frozenset[int] = frozenset()  # ids of places named as a neighbour or an address
    by_paragraph: dict[int, list[Sentence]] = field(default_factory=dict)
    title_year: str | None = None  # the one year (or span of years) a short title line names
    published_year: str | None = None  # the publication's year, if known
    period_starts: list[int] = field(default_factory=list)
    list_intros: dict[int, Sentence | None] | None = None  # paragraph -> its list's introduction
    model_starts: list[int] | None = None
    stock_thresholds: dict[int, int] = field(default_factory=dict)
    paragraph_periods: dict[tuple[int, int], PeriodMention | str | None] = field(default_factory=dict)
    usable_places: list[PlaceMention] = field(default_factory=list)
    usable_starts: list[int] = field(default_factory=list)
    level_words: tuple[list[int], list[str]] = field(default_factory=lambda: ([], []))
    low: str | None = None  # the caseless text (`nlp.normalize.caseless`), if there is one

    def __post_init__(self) -> None:
        self.low = caseless(self.nt.text)
        for sent in self.sents:
            self.by_paragraph.setdefault(sent.paragraph, []).append(sent)
        self.period_starts = [p.start for p in self.periods]
        self.usable_places = [p for p in self.places if self.usable(p)]
        self.usable_starts = [p.start for p in self.usable_places]
        self.level_words = level_words(self.nt.text)
        title = self.by_paragraph.get(0, [])
        if len(title) == 1 and title[0].end - title[0].start < 160:
            # (a year, or a span the title reviews: "... giai đoạn 2010 – 2014")
            years = {p.value for p in self.periods if title[0].start <= p.start < title[0].end
                     and (len(p.value) == 4 or re.fullmatch(r"[0-9]{4}/[0-9]{4}", p.value))}
            # (not a festival's or a launch's edition: "Ngày hội ... năm 2025" tells no figure's year)
            if len(years) == 1 and not _EVENT_TITLE.search(self.low or self.nt.text.lower(), title[0].start, title[0].end):
                self.title_year = years.pop()

    def title_line(self) -> tuple[int, int] | None:
        """The span of a short title line (the first paragraph, one sentence), if there is one."""
        title = self.by_paragraph.get(0, [])
        if len(title) == 1 and title[0].end - title[0].start < 160 and len(self.by_paragraph) > 1:
            return title[0].start, title[0].end
        return None

    def paragraph(self, index: int) -> list[Sentence]:
        return self.by_paragraph.get(index, [])

    def usable(self, p: PlaceMention) -> bool:
        return bool(p.province) and not (p.level == "province" and p.province in self.current_only) and (
            not self.asides or id(p) not in self.asides)

    def sentence_at(self, pos: int) -> Sentence:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sents[i if i > 0 else 0]

    def periods_in(self, start: int, end: int) -> list[PeriodMention]:
        """Periods starting in [start, end) (bisection: periods are sorted by start)."""
        i = bisect.bisect_left(self.period_starts, start)
        j = bisect.bisect_left(self.period_starts, end)
        return self.periods[i:j]

    def usable_before(self, start: int, end: int, limit: int = 64) -> list[PlaceMention]:
        """The last `limit` usable places starting in [start, end), in text order: all that
        scoping looks at (the closest ones, and a list of places just before them)."""
        i = bisect.bisect_left(self.usable_starts, start)
        j = bisect.bisect_left(self.usable_starts, end)
        return self.usable_places[i if i > j - limit else j - limit : j]

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        i = bisect.bisect_left(self.place_starts, start)
        j = bisect.bisect_left(self.place_starts, end)
        return self.places[i:j]


_LEVEL_ORDER = {"other": 0, "ward": 1, "district": 2, "province": 3}


def _finest(cands: list[PlaceMention]) -> PlaceMention:
    """The closest preceding mention, unless it merely names the parents of the one before
    it: `phường Cẩm Châu (TP.Hội An)` and `xã Chí Đám (Đoan Hùng, Phú Thọ)` give the ward."""
    best = cands[-1]
    for prev in reversed(cands[:-1]):
        finer = _LEVEL_ORDER.get(prev.level, 9) < _LEVEL_ORDER.get(best.level, 9)
        if not (best.start - prev.end <= 4 and finer and prev.province == best.province):
            break
        best = prev
    return best


_NATIONAL_WORDS = tuple(w.lower() for w in words("scope", "national_scope"))
_PROVINCE_WORDS = tuple(w.lower() for w in words("scope", "province_scope"))


def _phrases(low: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the phrases stand as whole words in the lowercased text (str.find: C speed)."""
    out = []
    for ph in phrases:
        i = low.find(ph)
        while i != -1:
            j = i + len(ph)
            if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
                out.append((i, j))
            i = low.find(ph, i + 1)
    return out


def level_words(text: str) -> tuple[list[int], list[str]]:
    """Where the words that put a figure at a whole level stand (start offsets, levels), in
    text order: found once per document, looked up by bisection per figure."""
    low = lowered(text)
    if len(low) != len(text):
        return [], []  # (no Vietnamese text lowercases to another length; stay safe if one does)
    found = [(i, "national") for i, _ in _phrases(low, _NATIONAL_WORDS)]
    for i, j in _phrases(low, _PROVINCE_WORDS):
        if not (text[j : j + 1] == " " and text[j + 1 : j + 2].isupper()):
            found.append((i, "province"))  # not "toàn tỉnh Bình Phước": that names the place
    found.sort()
    return [f[0] for f in found], [f[1] for f in found]


def _level_word(doc: Context, frm: int, to: int) -> str | None:
    """A word between the last place named and the figure (at most 200 characters before it)
    that puts it at a whole level; the national one wins."""
    starts, levels = doc.level_words
    i = bisect.bisect_left(starts, frm if frm > to - 200 else to - 200)
    j = bisect.bisect_left(starts, to)
    window = levels[i:j]
    if "national" in window:
        return "national"
    return "province" if window else None


def _last_place_before(doc: Context, start: int) -> PlaceMention | None:
    """The place named last before `start` in its paragraph, else the article's main place."""
    para_start = doc.paragraph(doc.sentence_at(start).paragraph)[0].start
    before = doc.usable_before(para_start, start, limit=1)
    return before[-1] if before else doc.key_place


def article_province_of(doc: Context, start: int) -> PlaceMention | None:
    """The province a `toàn tỉnh` at `start` means: that of the place named last before it."""
    return _article_province(doc, _last_place_before(doc, start))


def _article_province(doc: Context, ref: PlaceMention | None) -> PlaceMention | None:
    """The province of `ref` as a place: its mention in the text, or the unit itself."""
    if ref is None or not ref.province:
        return None
    if ref.level == "province":
        return ref
    named = [p for p in doc.usable_places if p.level == "province" and p.province == ref.province]
    if named:
        return named[-1]
    unit = load_gazetteer().province(ref.province)
    if unit is None:
        return None
    return PlaceMention(-1, -1, "province", unit.name, unit.province, unit, prefixed=False,
                        provinces_2025=list(unit.provinces_2025))


def place_for(doc: Context, start: int, end: int) -> PlaceMention | None:
    return place_scope(doc, start, end)[0]


def _coordinated_across_provinces(doc: Context, cands: list[PlaceMention]) -> bool:
    """Do the last places named form a list that spans provinces ("Than Uyên, Tân Uyên (Lai
    Châu) và Mường La (Sơn La)")? Then a figure after them belongs to no single province."""
    group = [cands[-1]]
    for prev in reversed(cands[:-1]):
        gap = doc.nt.text[prev.end : group[-1].start]
        if not _LIST_GAP.fullmatch(gap):
            break
        group.append(prev)
    return len({p.province for p in group if p.province}) >= 2


# "... ở phường Nghĩa Lộ, Chánh Lộ và xã Nghĩa Hà", "... duy trì ở một số địa phương như
# phường A, B (C), xã D": a model said to run at a list of places, one entry per place.
_LIST_LEAD = re.compile(r"[^.;:!?\n()]{0,60}?(?<!\w)(?:" + _PREPOSITIONS + r"|của|giữa)(?: địa bàn)?"
                        r"(?: (?:các|một số|nhiều|[0-9]{1,3})(?: địa phương| địa bàn| nơi| đơn vị| điểm| xã| phường| thị trấn| thôn| ấp"
                        r"| bản| khu phố| tổ dân phố| huyện| quận)?)?"
                        r"(?: thuộc)?(?: như| gồm| là)?[ ]*:?[ ]*", re.IGNORECASE)
# (or a colon a few words after the model: `chia thành 3 nhóm: thôn A, thôn B và thôn C`)
_COLON_LEAD = re.compile(r"[^.;:!?\n()]{0,40}?:[ ]*")
_LIST_SEP = re.compile(r"[ ]*(?:,|;|và|, và|; và)[ ]*", re.IGNORECASE)
_ADDRESS_SEP = re.compile(r"[ ]*(?:,|-|–)?[ ]*")
_PARENT_OPEN = re.compile(r"[ ]*\([ ]*")


def places_listed_after(doc: Context, end: int) -> list[PlaceMention]:
    """The places of one level a list right after a model names (`ở phường A, B và xã C`): two
    or more, or none. A parent in parentheses after a place (`B (Ninh Phước)`) is no member."""
    sent = doc.sentence_at(end)
    text = doc.nt.text
    cands = [p for p in doc.places_in(end, sent.end) if not p.in_organization]
    if len(cands) < 2 or not (_LIST_LEAD.fullmatch(text, end, cands[0].start)
                              or _COLON_LEAD.fullmatch(text, end, cands[0].start)):
        return []
    chain = [cands[0]]
    pos = cands[0].end
    for p in cands[1:]:
        if p.start < pos:
            continue
        if _PARENT_OPEN.fullmatch(text, pos, p.start):  # a parent: skip to its closing parenthesis
            close = text.find(")", p.end, p.end + 40)
            if close < 0:
                break
            pos = close + 1
            continue
        # (a coarser unit is an address going on, `thôn A, xã B, huyện C và thôn D, xã E`: the
        # list goes on after it; a finer one ends the list)
        if _LEVEL_ORDER.get(p.level, 9) > _LEVEL_ORDER.get(chain[0].level, 9) and _ADDRESS_SEP.fullmatch(text, pos, p.start):
            pos = p.end
            continue
        if not _LIST_SEP.fullmatch(text, pos, p.start) or p.level != chain[0].level:
            break
        chain.append(p)
        pos = p.end
    chain = [p for p in chain if doc.usable(p)]
    return chain if len(chain) >= 2 else []


_OWN_PLACE_GAP = re.compile(r"[ ]*(?:của[ ]+)?", re.IGNORECASE)


def model_place_scope(doc: Context, start: int, end: int) -> tuple[PlaceMention | None, str]:
    """A model's place: one its own name holds (`Tổ tự quản về ANTT thôn Lũng Lừ A`), else the
    place its sentence or paragraph gives (`place_scope`)."""
    inside = [p for p in doc.places_in(start, end) if doc.usable(p) and not p.in_organization]
    if inside:
        return _finest(inside), "explicit"
    # a unit named right after the closing quote (`mô hình “Tiếng mõ an ninh” xã Hoà Phong`), or
    # the unit whose model it is (`“3+1” của phường Minh An`)
    tail = doc.places_in(end, end + 8)
    if tail and tail[0].prefixed and doc.usable(tail[0]) and not tail[0].in_organization \
            and _OWN_PLACE_GAP.fullmatch(doc.nt.text, end, tail[0].start):
        return tail[0], "explicit"
    return place_scope(doc, start, end, _earlier_items(doc, start))


def _earlier_items(doc: Context, start: int) -> tuple[int, int] | None:
    """The earlier items of a list split by semicolons that a model stands in (`gồm: A; B ở xã
    C; D`): a place one of them names is that item's, not D's."""
    sent = doc.sentence_at(start)
    text = doc.nt.text
    last = text.rfind(";", sent.start, start)
    if last < 0:
        return None
    colon = text.find(":", sent.start, last)
    return (colon, last) if colon >= 0 else None


def place_scope(doc: Context, start: int, end: int, skip: tuple[int, int] | None = None,
                ) -> tuple[PlaceMention | None, str]:
    """The figure's or model's place: stated right after it, else a whole level a word names
    before it (`toàn tỉnh`, `cả nước`), else nearest before it in the sentence, then in the
    paragraph, then the article's main place; never one named in the `skip` stretch."""
    sent = doc.sentence_at(start)
    text = doc.nt.text
    first = text[end + 1 : end + 2] if text.startswith(" ", end) else text[end : end + 1]  # (past one space)
    if first not in _EXPLICIT_REFUSED and _EXPLICIT_PLACE_AFTER.match(text, end, end + 40):
        after = [p for p in doc.places_in(end, min(sent.end, end + 40)) if p.province or p.level == "other"]
        if after and after[0].start - end <= 20:
            return after[0], "explicit"
    before = doc.usable_before(sent.start, start)
    if skip:
        before = [p for p in before if not skip[0] < p.start < skip[1]]
    level = _level_word(doc, before[-1].end if before else sent.start, start)
    if level == "national":
        return None, "sentence"
    if level == "province" and (whole := _article_province(doc, _last_place_before(doc, start))):
        return whole, "sentence"
    if before:
        if _coordinated_across_provinces(doc, before):
            return None, "sentence"
        return _finest(before), "sentence"
    after = [p for p in doc.places_in(end, sent.end if sent.end < end + 60 else end + 60) if doc.usable(p) and not p.in_organization]
    if after and _AT_PLACE.search(doc.nt.text[end : after[0].start]):
        return after[0], "sentence"  # "ra đời đầu tiên ở thôn 3" (not "nhân rộng ra các huyện")
    para_start = doc.paragraph(sent.paragraph)[0].start
    before = doc.usable_before(para_start, start)
    if skip:
        before = [p for p in before if not skip[0] < p.start < skip[1]]
    if before:
        if _coordinated_across_provinces(doc, before):
            return None, "paragraph"
        return _finest(before), "paragraph"
    intro = _list_intro(doc, sent)
    if intro is not None:
        before = [p for p in doc.places_in(intro.start, intro.end) if doc.usable(p)]
        if before:
            return _finest(before), "paragraph"
    return doc.key_place, "article"


def _list_intro(doc: Context, sent: Sentence) -> Sentence | None:
    """For a bulleted list item, the sentence ending with ":" that introduces the list."""
    if doc.list_intros is None:
        doc.list_intros = _list_intros(doc)
    return doc.list_intros.get(sent.paragraph)


def _list_intros(doc: Context) -> dict[int, Sentence | None]:
    """For each bulleted paragraph, the last sentence of the closest paragraph before it that
    is not a bullet, when that sentence ends with ":" (one pass over the paragraphs)."""
    intros: dict[int, Sentence | None] = {}
    last_plain: Sentence | None = None
    for index in sorted(doc.by_paragraph):
        para = doc.by_paragraph[index]
        if _BULLET.match(doc.nt.text, para[0].start):
            ok = last_plain is not None and doc.nt.text[last_plain.start : last_plain.end].rstrip().endswith(":")
            intros[index] = last_plain if ok else None
        else:
            last_plain = para[-1]
    return intros


def _stock_threshold(doc: Context, sent: Sentence) -> int:
    """The least x such that text[sent.start:x] holds a stock marker ("hiện có", "đến nay"),
    found once per sentence by bisection: a figure at `start` follows a marker in its
    sentence when start >= x."""
    if sent.index in doc.stock_thresholds:
        return doc.stock_thresholds[sent.index]
    text, rx = (doc.nt.text, STOCK_RX) if doc.low is None else (doc.low, STOCK_LOWER_RX)
    m = rx.search(text, sent.start, sent.end) if doc.low is None else search_stock_lower(text, sent.start, sent.end)
    if m is None:
        x = sent.end + 1
    else:
        # No marker starts before the first match, and every marker is at least as long as
        # the shortest: the least x is the end of the shortest marker matching there.
        p = m.start()
        x = min((p + len(w) for w in _STOCK_WORDS if text.startswith(w, p, p + len(w)) and rx.match(text, p, p + len(w))),
                default=m.end())
    doc.stock_thresholds[sent.index] = x
    return x


def period_for(doc: Context, start: int, flow: bool | Callable[[], bool] = True) -> str | None:
    """`_period_for`, except that a stock takes no span since a launch (`flow`: the figure
    counts events; a callable is asked only where a span since a launch is found)."""
    found = _period_for(doc, start)
    if isinstance(found, PeriodMention):
        return None if found.flows_only and not (flow() if callable(flow) else flow) else found.value
    return found


def _period_for(doc: Context, start: int) -> PeriodMention | str | None:
    """The figure's period: a time stated before it in its sentence (or after it in the same
    clause); else, for a bulleted list item, the time of the list's introduction; none for a
    stock figure ("hiện có", "đến nay"); else a time opening its paragraph; else the one year
    the title names (a year-end report, "... năm 2022: ...")."""
    sent = doc.sentence_at(start)
    in_sent = doc.periods_in(sent.start, sent.end)
    before = [p for p in in_sent if p.start < start]
    if before:
        # "Triển khai từ tháng 4/2019, ... đến nay có 100% xã": today's stock, not a count of
        # that time. (A model's size at its launch, "Tháng 3/2021, ... ra mắt mô hình “...” gồm 12
        # thành viên", takes the launch's time, as the seed notes read a launch's figures.)
        last = before[-1]
        if start - last.end > 4:  # (words cannot stand in a shorter gap)
            text = doc.nt.text
            gap = _TIME_TO_NOW.match(text, last.end, start)  # "từ đầu năm đến nay": the phrase's own end
            if _stock_after_time(doc, gap.end() if gap else last.end, start):
                return None
        if len(before) >= 2 and _JOINED_TIMES.fullmatch(doc.nt.text, before[-2].end, last.start):
            # "cuối năm 2022 và đầu năm 2023, ... lắp gần 80 mắt camera": the span of both
            first_year, last_year = before[-2].value[:4], last.value[-7:][:4]
            if first_year.isdigit() and last_year.isdigit() and first_year < last_year:
                return f"{first_year}/{last_year}"
        return last
    # The first time after the figure, unless a clause break stands between (a later time
    # would have the same break before it).
    after = next((p for p in in_sent if p.start > start), None)
    if after and (not _CLAUSE_BREAK.search(doc.nt.text, start, after.start)
                  or _FIGURE_LIST.fullmatch(doc.nt.text, start, after.start)):
        return after
    intro = _list_intro(doc, sent)
    if intro is not None:
        in_intro = doc.periods_in(intro.start, intro.end)
        if in_intro:
            return in_intro[-1]
    if start >= _stock_threshold(doc, sent):
        return None
    if _EVENT_OPENER.match(doc.nt.text, sent.start):
        # "Tại ngày hội, 8 cá nhân được khen thưởng vì thành tích ... năm 2023": the event's time
        return after if after else _event_time(_period_before(doc, sent)) or doc.published_year
    if in_sent:
        return None
    # (within the figure's clause: "quản lý 13 người nghiện; bắt 3 vụ, giảm 1 vụ so với năm 2023")
    text = doc.nt.text
    lo, hi = text.rfind(";", sent.start, start) + 1 or sent.start, text.find(";", start, sent.end)
    if (baseline := year_after_baseline(text, lo, sent.end if hi < 0 else hi, doc.published_year)) is not None:
        return baseline
    key = (sent.paragraph, sent.index)
    if key not in doc.paragraph_periods:  # the same for every figure of the sentence
        doc.paragraph_periods[key] = _paragraph_period(doc, sent)
    return doc.paragraph_periods[key]


# "làm rõ 15 vụ phạm tội, 18 vụ tai nạn giao thông trong năm 2022": figures listed by commas, the
# time after the last is all of theirs
_FIGURE_LIST = re.compile(r"[0-9][^,;:.!?\n]*(?:,[ ]*(?:và[ ]+)?(?:gần |hơn |trên |khoảng )?[0-9][^,;:.!?\n]*)+[ ]*")
_JOINED_TIMES = re.compile(r"[ ]*(?:và|đến|-|–)[ ]*(?:(?:đầu|cuối|giữa)[ ]+)?", re.IGNORECASE)


def _event_time(found: PeriodMention | None) -> PeriodMention | str | None:
    """The time of an event told before: a span it reviews (`tổng kết 10 năm (2006 - 2016)`)
    ends when it is held."""
    if found is not None and "/" in found.value:
        return found.value.rsplit("/", 1)[1][:4]
    return found


def _period_before(doc: Context, sent: Sentence, reach: int = 4) -> PeriodMention | None:
    """The last time named in the nearest of the `reach` sentences before `sent` that has one."""
    for index in range(sent.index - 1, max(-1, sent.index - 1 - reach), -1):
        prev = doc.sents[index]
        found = doc.periods_in(prev.start, prev.end)
        if found:
            return found[-1]
    return None


def _sentence_opener(doc: Context, sent: Sentence) -> PeriodMention | None:
    """The time a sentence opens on, unless it runs to now (`Từ năm 2012 đến nay`: a stock)."""
    text = doc.nt.text
    for p in doc.periods_in(sent.start, sent.start + 26):
        if _FROM.match(text[sent.start : p.start + 3]) and _TO_NOW_END.search(text, p.start, p.end):
            return None
        if _stock_after_time(doc, p.end, min(sent.end, p.end + 40)):
            return None
        return p
    return None


def _paragraph_period(doc: Context, sent: Sentence) -> PeriodMention | str | None:
    """A time opening the sentence's paragraph (`Năm 2023, ...`: not for its own first
    sentence), or opening the paragraph before for a continuation (`Trong đó, ...`), else
    the one year of the title."""
    para = doc.paragraph(sent.paragraph)
    first = para[0]
    opener = [p for p in doc.periods_in(first.start, first.start + 26)
              if not _FROM.match(doc.nt.text[first.start : p.start + 3])]
    if opener and first.start != sent.start:
        return opener[0]
    if first.start != sent.start and _EVENT_OPENER.match(doc.nt.text, first.start):
        # "Tại Hội nghị, ... . UBND thành phố tặng giấy khen cho 2 tập thể": the event's time
        named = doc.periods_in(first.start, first.end)
        return named[-1] if named else _event_time(_period_before(doc, first)) or doc.published_year
    # A later sentence of the paragraph that opens on a closed time ("Từ tháng 10/2016 đến
    # tháng 6/2017, ...", "Trong năm 2022, ...") frames the sentences after it.
    # (the nearest _FRAME_REACH sentences: a walk back to the paragraph's start per sentence
    # would be quadratic in a paragraph of thousands of sentences)
    for prev in reversed(para[max(1, sent.index - first.index - _FRAME_REACH) : sent.index - first.index]):
        framed = _sentence_opener(doc, prev)
        if framed is not None:
            return framed
    if _CONTINUATION.match(doc.nt.text[para[0].start : para[0].start + 20]) and sent.paragraph > 0:
        prev = doc.paragraph(sent.paragraph - 1)
        if prev:
            opener = doc.periods_in(prev[0].start, prev[0].start + 26)
            if opener:
                return opener[0]
    return doc.title_year


def linked_model(doc: Context, st: RawStatistic, models: list[RawModel]) -> RawModel | None:
    """The model a figure describes: named right after it or from its counted noun on
    ("5 tổ Camera an ninh", "thành lập 12 tổ bảo vệ an ninh, trật tự"), else
    named before it in its sentence, close by. `models` are sorted by start."""
    starts = [m.start for m in models] if doc.model_starts is None else doc.model_starts
    doc.model_starts = starts
    i = bisect.bisect_left(starts, st.number_start + 1)  # a name may begin at the counted noun:
    if i < len(models) and models[i].start - st.end <= 3:  # "12 tổ bảo vệ an ninh, trật tự"
        return models[i]
    sent = doc.sentence_at(st.number_start)
    lo = bisect.bisect_left(starts, sent.start)
    hi = bisect.bisect_right(starts, st.number_start)
    for m in models[lo:hi]:
        if st.number_start - m.end < 80:
            return m
    return None


MERGER_DATE = "2025-07-01"


_MERGED_WHOLE = tuple(w.lower() for w in words("scope", "merged_whole"))
_FINER_UNIT = re.compile(r"(?<!\w)(?:" + "|".join(sorted((re.escape(u.noun) for u in place_units()
                                                             if u.level not in ("province", "city") and "prefix" in u.roles),
                                                            key=len, reverse=True)) + r")(?!\w)")
_NEW_AFTER = re.compile(r"[ ]+(?:" + "|".join(re.escape(w) for w in words("scope", "merged_whole_after_name")) + r")(?!\w)")


def reported_provinces(places: list[PlaceMention], published: str | None, text: str = "") -> set[str]:
    """Provinces by their pre-2025 names. After the July 2025 merger a province-level name
    may mean the new, merged province ("TP Cần Thơ" now includes Sóc Trăng): where the
    article's finer places all lie in other old provinces of that new province, the name
    is the current unit only and does not add its namesake old province. Where it names no
    finer place in that new province at all, the report is on the whole new province: every
    old province it was made of is reported (`tỉnh Đồng Nai` in 2026 is Đồng Nai and Bình Phước)."""
    provinces = {p.province for p in places if p.province}
    if published and published < MERGER_DATE[: len(published)]:
        return provinces
    undated = not published  # (an undated text may be either side of the merger: below, a name is
    # taken for the new unit only where its finer places all lie in another old province of it,
    # which no text before the merger writes; a whole new province is never assumed)
    fine = [p for p in places if p.level in ("district", "ward") and p.province]
    parts = _merged_from()
    low = lowered(text) if text else ""
    first_line = text.find("\n") if text else -1
    # a headline that names the new province, and no unit within it, is on all of it
    title_end = first_line if 0 < first_line <= 200 and not _FINER_UNIT.search(low, 0, first_line) else -1
    whole_text = any(w in low for w in _MERGED_WHOLE)
    wholes: set[str] = set()  # old provinces whose new province the text reports on as a whole
    dropped: set[str] = set()
    # (counted once: every test below is a lookup, linear in the places however many there are)
    fine_by_new: dict[str, list[PlaceMention]] = {}
    for f in fine:
        for n in set(f.provinces_2025):
            fine_by_new.setdefault(n, []).append(f)
    finer_named = {q.province for q in places if q.level != "province" and q.province}
    by_province: dict[str, list[PlaceMention]] = {}
    for p in places:
        if p.level == "province" and p.province:
            by_province.setdefault(p.province, []).append(p)
    for province, mentions in by_province.items():
        p = mentions[0]
        namesake = len(p.provinces_2025) == 1 and _namesake(province, p.provinces_2025[0])
        same_new = list({id(f): f for n in p.provinces_2025 for f in fine_by_new.get(n, ())}.values())
        # (a text on communes that says `toàn tỉnh` once is still on its communes: the province
        # must be named at least as often as they are; a headline naming it, and none of its
        # communes, is on all of it)
        whole = namesake and (any(q.end > 0 and _NEW_AFTER.match(text, q.end) is not None for q in mentions)
                              or (whole_text and len(mentions) >= len(same_new))
                              or (any(0 <= q.start < title_end for q in mentions)
                                  and not any(f.start < title_end for f in same_new)))
        if undated:
            if same_new and all(f.province != province for f in same_new) and province not in finer_named \
                    and any(f.unit is not None and f.unit.era != "legacy" for f in same_new):
                dropped.add(province)  # (`xã Vị Xuyên, tỉnh Tuyên Quang`: a 2025 commune under its new province)
            continue
        if whole or (not same_new and namesake):
            wholes.update(parts.get(p.provinces_2025[0], ()))
        elif same_new and all(f.province != province for f in same_new) and province not in finer_named:
            dropped.add(province)
    return (provinces - dropped) | wholes


@lru_cache(maxsize=1)
def _merged_from() -> dict[str, tuple[str, ...]]:
    """Each 2025 province -> the pre-2025 provinces it was made of."""
    out: dict[str, list[str]] = {}
    for old, new in load_gazetteer().province_2025_of.items():
        for n in new:
            out.setdefault(n, []).append(old)
    return {n: tuple(olds) for n, olds in out.items()}


def _namesake(old: str, new: str) -> bool:
    """Does the 2025 province keep the old one's name (`Đồng Nai`, `Tỉnh Đồng Nai`)?"""
    def bare(name: str) -> str:
        return fold_key(name).removeprefix("thành phố ").removeprefix("tỉnh ")
    return bare(old) == bare(new)


def dedupe_models(doc: Context, found: list[tuple[RawModel, CommunityModel, str]]) -> list[CommunityModel]:
    """One entry per (kind, place). A kind named again counts as another entry only when the
    sentence itself ties it to another place; a model named in the title line counts only
    when no name in the body is a spelling of it (`“3 không”` in the title, `Nhà trọ 3 không`
    in the body), as the seed notes give one entry per distinct (mention, place): a headline's
    `“Camera giám sát gắn với công tác đảm bảo ANTT”` beside the body's `“Camera giám sát ANTT”`
    is its own entry."""
    title_end = doc.sents[0].end if doc.sents and doc.sents[0].paragraph == 0 and len(
        doc.paragraph(0)) == 1 and doc.sents[0].end - doc.sents[0].start < 160 else -1
    body_names = [fold_key(rec.mention) for m, rec, _ in found if m.start > title_end]
    out: list[CommunityModel] = []
    seen: set[tuple[str, str | None]] = set()
    kinds_seen: set[str] = set()
    quoted_in_sentence: dict[tuple[int, str], list[str]] = {}
    names_of_kind: dict[str, list[str]] = {}
    last_of_kind: dict[str, int] = {}  # kind -> its last entry in `out`
    headings = _subheadings(doc, found, title_end)
    for raw, rec, scope in found:
        if raw.start < title_end and not _unlike(fold_key(rec.mention), body_names):
            continue
        if raw.start in headings:
            continue  # "Mô hình 5+1" as a section's heading: the model its section names in full
        key = (raw.kind.id, rec.place)
        sent = doc.sentence_at(raw.start).index
        listed = raw.quoted and (sent, raw.kind.id) in quoted_in_sentence and _unlike(
            fold_key(rec.mention), quoted_in_sentence[(sent, raw.kind.id)])
        # another name of the kind, quoted, unlike every name of it kept so far: another model
        other = (raw.quoted and raw.kind.id in names_of_kind and HEAD_RX.match(model_key(rec.mention)) is not None
                 and _unlike(fold_key(rec.mention), names_of_kind[raw.kind.id]))
        if scope == "paragraph" and rec.place is not None and rec.place == _opening_place(doc, sent):
            scope = "sentence"  # (`Tại xã A, ...`: a paragraph that opens on a place reports what is done there)
        if not (listed or other) and (key in seen or (raw.kind.id in kinds_seen and scope not in ("explicit", "sentence"))):
            if raw.kind.id in last_of_kind:  # the same model again: what it says of it is kept
                _take_origin(out[last_of_kind[raw.kind.id]], rec)
            continue
        seen.add(key)
        last_of_kind[raw.kind.id] = len(out)
        kinds_seen.add(raw.kind.id)
        names_of_kind.setdefault(raw.kind.id, []).append(fold_key(rec.mention))
        if raw.quoted:
            quoted_in_sentence.setdefault((sent, raw.kind.id), []).append(fold_key(rec.mention))
        out.append(rec)
    return _without_short_names(out)



_OPENING = re.compile(r"[ ]*(?:(?:" + "|".join(map(re.escape, words("scope", "paragraph_place_openers"))) + r")[ ]+)?",
                      re.IGNORECASE)


def _opening_place(doc: Context, sent_index: int) -> str | None:
    """The place the paragraph of a sentence opens on (`Tại xã Vũ Muộn, ...`, `Phường Sông Cầu là
    ...`): the paragraph reports what is done there."""
    para = doc.paragraph(doc.sents[sent_index].paragraph)
    if not para:
        return None
    first = para[0]
    lead = _OPENING.match(doc.nt.text, first.start, first.end)
    found = [p for p in doc.places_in(lead.end(), lead.end() + 1) if doc.usable(p) and not p.in_organization and p.prefixed]
    return found[0].name if found else None


def _without_short_names(out: list[CommunityModel]) -> list[CommunityModel]:
    """A name that another of the text's names holds after a proper name (`“5 An”` beside
    `“Cát Hải 5 An”`, the model named after its district) is that model said short."""
    if len(out) < 2:
        return out
    # each name's tails after one to four capitalized words (one pass: linear in the names)
    tails: dict[str, CommunityModel] = {}
    for o in out:
        words = o.mention.split()
        for k in range(1, min(4, len(words) - 1) + 1):
            if not (words[k - 1][:1].isupper() and words[k - 1].isalpha()):
                break
            tails.setdefault(" ".join(words[k:]), o)
    kept = []
    for rec in out:
        longer = tails.get(" ".join(rec.mention.split()))
        if longer is not None and longer is not rec:
            _take_origin(longer, rec)
            continue
        kept.append(rec)
    return kept


def _subheadings(doc: Context, found: list[tuple[RawModel, CommunityModel, str]], title_end: int) -> set[int]:
    """The starts of models named by a subheading (a paragraph of one short line with no full
    stop, after the title) whose kind the text names again after it."""
    out = set()
    text = doc.nt.text
    last_of_kind: dict[str, int] = {}  # (one pass: the test below stays linear in the models)
    for raw, _, _ in found:
        last_of_kind[raw.kind.id] = max(raw.start, last_of_kind.get(raw.kind.id, -1))
    for raw, _, _ in found:
        if raw.start < title_end:
            continue
        sent = doc.sentence_at(raw.start)
        para = doc.paragraph(sent.paragraph)
        if len(para) != 1 or sent.end - sent.start > 80 or text[sent.start : sent.end].rstrip()[-1:] in ".!?…":
            continue
        if last_of_kind[raw.kind.id] >= sent.end:
            out.add(raw.start)
    return out


def _take_origin(kept: CommunityModel, again: CommunityModel) -> None:
    """A start or an operator said where a model is named again (`Mô hình ... được thành lập
    năm 2023`) belongs to its entry, when the entry has none."""
    if kept.started is None and again.started is not None:
        kept.started, kept.started_evidence = again.started, again.started_evidence
        kept.started_start, kept.started_end = again.started_start, again.started_end
    if kept.operator is None and again.operator is not None:
        kept.operator, kept.operator_start, kept.operator_end = again.operator, again.operator_start, again.operator_end


def _unlike(name: str, others: list[str]) -> bool:
    """A quoted name listed beside others of its kind in one sentence (`“Giáo xứ bình yên”,
    “Họ đạo 3 không”`) is another model when it is not a spelling of one of them."""
    return all(name not in o and o not in name and fuzz.token_set_ratio(name, o) < 80 for o in others)

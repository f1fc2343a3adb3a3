"""Which places the text reports a model at, beyond where it names it.

A model is often named once and then spoken of as `mô hình này`, `mô hình trên`, or a sentence
opening `Mô hình được triển khai thí điểm ở 3 điểm: ấp A; ấp B và ấp C`, or `Ra mắt mô hình tại
xã A`: each such reference that ties the model to places of its own is an occurrence of the model
named last before it, at those places (one entry per place, as annotators of real reporting give
them). A reference that could be to two models, or that plans (`sẽ nhân rộng mô hình ra ...`), is
none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from nlp.community_models import RawModel
from nlp.lexicon import words
from nlp.places import PlaceMention
from nlp.scope import Context, article_province_of, places_listed_after

_REFERENCE = re.compile(r"(?<!\w)mô hình(?:[ ]+(" + "|".join(map(re.escape, words("model_places", "demonstratives")))
                        + r"))?(?!\w)", re.IGNORECASE)
_PLURAL_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words("model_places", "plural_before")))
                            + r"|[0-9]+)[ ]+(?:loại[ ]+)?\Z", re.IGNORECASE)
# a sentence opening with the bare word and a verb: `Mô hình được triển khai ...`
_OPENING_VERB = re.compile(r"[ ]+(?:" + "|".join(map(re.escape, words("model_places", "opening_verbs"))) + r")(?!\w)",
                           re.IGNORECASE)
# `Ra mắt mô hình tại xã A`: a launch or a pilot of the model right at a place
_LAUNCH_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words("model_places", "launch_verbs")))
                            + r")[ ]+\Z", re.IGNORECASE)
_AT = re.compile(r"[ ]+(?:tại|ở)[ ]+", re.IGNORECASE)
_TO = re.compile(r"[ ]+(?:ra|tới|đến)[ ]+", re.IGNORECASE)  # `nhân rộng mô hình ra 2 ấp là A và B`
# what lies between the reference and a place it runs at (`được triển khai thí điểm ở`): a few
# words, no punctuation, a preposition of place
_RUNS_AT = re.compile(r"(?:[ ]+[^\W\d]+){0,6}?[ ]+(?:tại|ở)[ ]+", re.IGNORECASE)
_PLANNED = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words("model_places", "plan_words"))) + r")(?!\w)",
                      re.IGNORECASE)
_PLAN_REACH = 240  # how far back in its sentence a plan's word is looked for
_REACH = 1500  # how far back the model a reference points to may be named


@dataclass(frozen=True)
class Reference:
    """A reference at [start, end) to `model` (the occurrence named last before it)."""

    start: int
    end: int
    model: RawModel
    # word: `mô hình này`; pilot: `lấy ấp A làm điểm`; spread: `Trên cơ sở đó, nhân rộng ra ...`;
    # example: `Cụ thể: ấp A ..., ấp B ...`; pilot_at: `thí điểm tại 2 xóm là A và B`
    how: str = "word"


def references(doc: Context, raw: list[RawModel]) -> list[Reference]:
    """The references to a model that name none, each to the model named last before it when
    the models named in that sentence are all of one kind: `mô hình này`, `Mô hình được ...`; a
    pilot site chosen (`lấy ấp A làm điểm`); a sentence opening on its spread (`Trên cơ sở đó,
    nhân rộng ra 2 ấp B và C`)."""
    text = doc.nt.text
    if not raw:
        return []
    ordered = sorted(raw, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    out = []
    for m in _REFERENCE.finditer(text):
        s, e = m.span()
        j = bisect.bisect_left(starts, s)
        if any(r.start <= s < r.end for r in ordered[max(0, j - 3) : j]):
            continue
        if j < len(ordered) and ordered[j].start - e <= 3:
            continue  # (`mô hình “A”`: the word introduces a name)
        sent = doc.sentence_at(s)
        if _PLURAL_BEFORE.search(text, max(sent.start, s - 16), s):
            continue
        demonstrative = m.group(1) is not None
        opening = s == sent.start and _OPENING_VERB.match(text, e)
        launched = _LAUNCH_BEFORE.search(text, max(sent.start, s - 24), s) and (_AT.match(text, e) or _TO.match(text, e))
        if demonstrative or opening or launched:
            _refer(doc, ordered, j, s, e, "word", out)
    low = doc.low if doc.low is not None else text.lower()
    if "làm điểm" in low or "thí điểm" in low:  # (str.find first: most texts have neither)
        for m in _PILOT.finditer(text):
            _refer(doc, ordered, bisect.bisect_left(starts, m.start()), m.start(), m.end(), "pilot", out)
    if any(w in low for w in _EXAMPLE_SENTENCE_WORDS):
        example_references(doc, ordered, starts, out)
    if "thí điểm" in low:
        for m in _PILOT_AT.finditer(text):
            j = bisect.bisect_left(starts, m.start())
            sent = doc.sentence_at(m.start())
            if j and ordered[j - 1].start < sent.start:  # (the sentence names no model before it)
                _refer(doc, ordered, j, m.start(), m.end(), "pilot_at", out)
    if any(w in low for w in _SPREAD_WORDS):
        for sent in doc.sents:
            m = _SPREAD_OPENING.match(text, sent.start, sent.end)
            if m:
                _refer(doc, ordered, bisect.bisect_left(starts, sent.start), sent.start, m.end(), "spread", out)
    return sorted(out, key=lambda r: r.start)


def _refer(doc: Context, ordered: list[RawModel], j: int, s: int, e: int, how: str, out: list[Reference]) -> None:
    """A reference at [s, e) to the model named last before it (`ordered[:j]`), if one is."""
    if j == 0 or s - ordered[j - 1].end > _REACH or ordered[j - 1].end > s:
        return
    last = ordered[j - 1]
    last_sent = doc.sentence_at(last.start)
    kinds = {r.kind.id for r in ordered[max(0, j - 8) : j] if last_sent.start <= r.start < last_sent.end}
    if len(kinds) > 1:
        return  # (the last sentence naming models names two kinds: which one?)
    out.append(Reference(s, e, last, how))


# `lấy ấp A làm điểm`, `chọn xã B và xã C làm điểm thí điểm`: the places between are pilot sites
_PILOT_WORDS = r"[ ](?:làm|để)[ ]+(?:(?:triển khai|thực hiện|xây dựng)[ ]+)?(?:điểm|thí điểm)(?!\w)"
_PILOT = re.compile(r"(?<!\w)(?:lấy|chọn)[ ]+(?=[^.;:!?\n]{3,80}?" + _PILOT_WORDS + ")", re.IGNORECASE)
_PILOT_END = re.compile(_PILOT_WORDS, re.IGNORECASE)
_SPREAD_WORDS = tuple(words("model_places", "spread_verbs"))
# `Ban đầu, xã thực hiện thí điểm tại 2 xóm là A và B`: pilot sites of the model named before
_PILOT_AT = re.compile(r"(?<!\w)thí điểm[ ]+(?:tại|ở)[ ]+", re.IGNORECASE)
# `Trên cơ sở đó, nhân rộng ra 2 ấp A và B`: a sentence opening on where the model spread
_SPREAD_OPENING = re.compile(r"(?:[^\W\d][^.;:!?\n,]{0,24},[ ]*)?(?:(?:đã|được|tiếp tục|từng bước)[ ]+)?(?="
                             + "|".join(map(re.escape, words("model_places", "spread_verbs"))) + r")", re.IGNORECASE)


def reference_places(doc: Context, ref: Reference) -> list[PlaceMention]:
    """The places a reference ties its model to: a list of places right after it (`thí điểm
    ở 3 điểm: ấp A; ấp B và ấp C`), one place it runs at (`Ra mắt mô hình tại xã A`), or the
    place its sentence opens with (`Xã A là một trong những địa bàn thực hiện tốt mô hình này`)."""
    text = doc.nt.text
    sent = doc.sentence_at(ref.start)
    if _PLANNED.search(text, max(sent.start, ref.start - _PLAN_REACH), ref.start) or _PLANNED.search(
            text, ref.end, min(sent.end, ref.end + 40)):
        return []
    if ref.how == "pilot":
        end = _PILOT_END.search(text, ref.end, sent.end)
        sites = [p for p in doc.places_in(ref.end, end.start() if end else ref.end) if doc.usable(p) and not p.in_organization]
        return [p for p in sites if p.level == sites[0].level] if sites and sites[0].start - ref.end <= 16 else []
    if ref.how == "spread":
        return spread_places(doc, sent.start)
    if ref.how == "example":
        return _listed_from(doc, ref.end, label=True)
    if ref.how == "pilot_at":
        listed = counted_places(doc, ref.end) or _listed_from(doc, ref.end, label=False)
        if listed:
            return listed
        first = [p for p in doc.places_in(ref.end, ref.end + 2) if doc.usable(p) and not p.in_organization]
        return [first[0]] if first and first[0].prefixed else []
    to = _TO.match(text, ref.end)
    listed = places_listed_after(doc, ref.end) or (counted_places(doc, to.end()) if to else [])
    if listed:
        return listed
    at = _RUNS_AT.match(text, ref.end, min(sent.end, ref.end + 60))
    if at:
        after = [p for p in doc.places_in(at.end(), at.end() + 2) if doc.usable(p) and not p.in_organization]
        if after and after[0].prefixed:
            return [after[0]]
    spread = spread_places(doc, ref.end)
    if spread:
        return spread
    first = [p for p in doc.places_in(sent.start, sent.start + 6) if doc.usable(p) and not p.in_organization]
    if first and first[0].prefixed and ref.start > first[0].end:
        return [first[0]]
    # `trên địa bàn tỉnh A đã có 34/37 ấp luyện tập mô hình trên`: a place the sentence is at
    at = [p for p in doc.places_in(max(sent.start, ref.start - _PLAN_REACH), ref.start) if doc.usable(p) and not p.in_organization and p.prefixed
          and _PLACE_PREPOSITION.search(text, max(sent.start, p.start - 16), p.start)]
    return [at[-1]] if at else []


_PLACE_PREPOSITION = re.compile(r"(?<!\w)(?:tại|ở|trên địa bàn)[ ]+\Z", re.IGNORECASE)
# `được nhân rộng ra toàn tỉnh`, `nhân rộng tới các xã A, B`: where the model spread
_SPREAD = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words("model_places", "spread_verbs")))
                     + r")[ ]+(?:ra|tới|đến|tại|ở|cho|trên)[ ]+(?:(?:địa bàn|khắp)[ ]+)?", re.IGNORECASE)
_WHOLE_PROVINCE = re.compile(r"(?:toàn|cả)[ ]+tỉnh(?!\w)", re.IGNORECASE)


def spread_places(doc: Context, end: int) -> list[PlaceMention]:
    """The places a model spread to, said in its sentence after `end` (`... hiện đang được nhân
    rộng ra toàn tỉnh Yên Bái`, `đã nhân rộng tại phường 2, 3 và xã A`): named places, or the
    province where it spread to the whole province. None where the sentence plans it."""
    text = doc.nt.text
    sent = doc.sentence_at(end)
    m = _SPREAD.search(text, end, min(sent.end, end + 200))
    if m is None or m.start() - end > 160 or _PLANNED.search(text, max(sent.start, m.start() - _PLAN_REACH), m.start()):
        return []
    listed = places_listed_after(doc, m.start()) or counted_places(doc, m.end())
    if listed:
        return listed
    named = [p for p in doc.places_in(m.end(), m.end() + 24) if doc.usable(p) and not p.in_organization]
    if _WHOLE_PROVINCE.match(text, m.end()):
        whole = named[0] if named and named[0].level == "province" else article_province_of(doc, m.start())
        return [whole] if whole is not None else []
    if named and named[0].start == m.end() and named[0].prefixed:
        return [named[0]]
    return []



def _any(key: str) -> str:
    return "(?:" + "|".join(map(re.escape, words("model_places", key))) + ")"


_SUBJECT_LEAD = re.compile(r"[ ]*(?:" + _any("subject_prepositions") + r"[ ]+)?(?:" + _any("subject_quantifiers")
                           + r"[ ]+)?(?:" + _any("subject_nouns") + r"(?:[ ]*,[ ]*" + _any("subject_nouns") + r")*[ ]+)?(?:"
                           + _any("subject_openers") + r"[ ]*:?[ ]+)?", re.IGNORECASE)
_SUBJECT_GAP = re.compile(r"[ ]*(?:\([^()]{0,40}\)[ ]*)?(?:,|;|và|, và)[ ]*", re.IGNORECASE)
_BUILT = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words("model_places", "building_verbs"))) + r")(?!\w)",
                    re.IGNORECASE)


def subject_places(doc: Context, start: int) -> list[PlaceMention]:
    """The places a sentence, or a clause of it after `;` or `:`, opens with, listed as who built
    the models it then names (`Nhiều địa phương như xã A, xã B, huyện C; xã D, huyện E đã xây dựng
    các mô hình như: ...`, `...; tại xã F, xã G (huyện H) có mô hình 1+4`): the listed units of
    the first one's level, two or more, or none."""
    text = doc.nt.text
    sent = doc.sentence_at(start)
    if sent.index > 0 and text[sent.start : sent.start + 1].islower() and text[max(0, sent.start - 8) : sent.start].rstrip().endswith(("…", "...")):
        sent = doc.sents[sent.index - 1]  # (`xã A, huyện B... đã xây dựng`: a list's ellipsis ends no sentence)
    # (a list of places opens at most _CLAUSE_REACH before the model: the searches stay linear)
    lo = max(sent.start, start - _CLAUSE_REACH)
    said = text.rfind("như", lo, start)  # (`..., như ở xã A, xã B có mô hình X`; str.rfind first: most have none)
    like = max((m.end() for m in _LIKE.finditer(text, said, start)), default=0) if said >= 0 else 0
    for clause in (sent.start, text.rfind(";", lo, start) + 1, text.rfind(":", lo, start) + 1, like):
        if clause >= lo and (clause > 0 or clause == sent.start):
            listed = _clause_places(doc, clause, start)
            if listed:
                return listed
    return []


def _clause_places(doc: Context, clause: int, start: int) -> list[PlaceMention]:
    text = doc.nt.text
    cands = [p for p in doc.places_in(clause, start) if not p.in_organization]
    if len(cands) < 2:
        return []
    lead = _SUBJECT_LEAD.match(text, clause, cands[0].start)
    if lead is None or lead.end() != cands[0].start:
        return []
    chain = [cands[0]]
    for p in cands[1:]:
        gap = text[chain[-1].end : p.start]
        if p.start < chain[-1].end or ("(" in gap and ")" not in gap):
            continue  # (a parent in parentheses: `xã A (huyện B), xã C`)
        if not _SUBJECT_GAP.fullmatch(gap):
            break
        chain.append(p)
    rest = text[chain[-1].end : start] if start - chain[-1].end <= _CLAUSE_REACH else ""
    if _PLANNED.search(rest) or not (_BUILT.search(rest) or _HAS_MODEL.fullmatch(rest)):
        return []
    level = chain[0].level
    listed = [p for p in chain if p.level == level and doc.usable(p)]
    return listed if len(listed) >= 2 else []


_CLAUSE_REACH = 600
_LIKE = re.compile(r"(?<!\w)như[ ]+(?=(?:ở|tại)[ ])", re.IGNORECASE)
# `xã A, xã B (huyện C) có mô hình “X”`: the places right before have the model
_HAS_MODEL = re.compile(r"[ ]*(?:\([^()]{0,40}\)[ ]*)?(?:(?:đều|cũng|đã|hiện)[ ]+)?(?:có|với)[ ]+(?:(?:các|những)[ ]+)?mô hình[ ]*\"?[ ]*",
                        re.IGNORECASE)


def _alternation(key: str) -> str:
    """A lexicon list as a regex alternation, longest first (`tiêu biểu như` before `như`)."""
    return "|".join(map(re.escape, sorted(words("model_places", key), key=len, reverse=True)))


_EXAMPLE_OPENER = re.compile(r"(?<!\w)(?<!cũng )(?:" + _alternation("example_openers") + r")(?!\w)[ ]*:?[ ]*",
                             re.IGNORECASE)
_EXAMPLE_SENTENCE = re.compile(r"(?:" + _alternation("example_sentence_openers")
                               + r")(?!\w)(?:[^.;:!?\n]{0,60}?(?<!\w)(?:như|là|gồm)(?!\w))?[ ]*,?[ ]*:?[ ]*",
                               re.IGNORECASE)
_EXAMPLE_SENTENCE_WORDS = tuple(words("model_places", "example_sentence_openers"))
_EXAMPLE_REACH = 200  # how far after a model its example list may open
_LABEL = re.compile(r"(?:[^\W\d]+[ ]+[0-9]{1,3}[ ]+)?")  # `tổ 3 thôn A, tổ 1 thôn B`: an item's label
_PARENS = re.compile(r"\([^()]{0,80}\)")
_ITEM_SEP = re.compile(r",|;|(?<!\w)và(?!\w)")
_ITEM_STOP = re.compile(r"[.:!?\n]")
_ITEM_GAP = 40  # what an item may say past its place (`ấp A có 176 hộ, ấp B ...`)
_STRICT_SEP = re.compile(r"[ ]*(?:,|;|và|, và|; và)[ ]*", re.IGNORECASE)
_ORDER = {"other": 0, "ward": 1, "district": 2, "province": 3}


def _items(doc: Context, first: PlaceMention, limit: int, strict: bool) -> list[PlaceMention]:
    """The places of `first`'s level listed from it on, up to `limit`: items joined by commas,
    semicolons or `và`, a parent in parentheses or a coarser unit of an address skipped; an item
    may say a little past its place unless `strict` (`ấp A có 176 hộ, ấp B 274 hộ`)."""
    text = doc.nt.text
    chain = [first]
    pos = first.end
    for p in doc.places_in(first.end, limit):
        if p.start < pos or p.in_organization:
            continue
        gap = text[pos : p.start]
        if "(" in gap and ")" not in gap:  # (a parent in parentheses: `xã A (huyện B), xã C`)
            close = text.find(")", p.end, p.end + 40)
            if close < 0:
                break
            pos = close + 1
            continue
        if _ORDER.get(p.level, 9) > _ORDER.get(first.level, 9) and _ADDRESS_GAP.fullmatch(gap):
            pos = p.end  # (an address going on: `thôn A, xã B và thôn C`)
            continue
        bare = _PARENS.sub("", gap)
        if p.level != first.level or len(bare) > _ITEM_GAP or _ITEM_STOP.search(bare) or (
                not _STRICT_SEP.fullmatch(bare) if strict else not _ITEM_SEP.search(bare)):
            break
        chain.append(p)
        pos = p.end
    return [p for p in chain if doc.usable(p)]


_ADDRESS_GAP = re.compile(r"[ ]*(?:,|-|–)?[ ]*")


def _listed_from(doc: Context, at: int, label: bool) -> list[PlaceMention]:
    """Two or more places listed from `at` on in its sentence (after an item's label if `label`)."""
    sent = doc.sentence_at(at)
    first = next((p for p in doc.places_in(at, min(sent.end, at + 16)) if not p.in_organization), None)
    if first is None or first.level == "province":
        return []
    lead = _LABEL.match(doc.nt.text, at, first.start) if label else None
    if first.start != at and (lead is None or lead.end() != first.start):
        return []
    listed = _items(doc, first, sent.end, strict=False)
    return listed if len(listed) >= 2 else []


def example_places(doc: Context, end: int, stop: int) -> list[PlaceMention]:
    """The places a model's sentence gives as examples of where it runs, after it and before the
    next model (`stop`): `63 mô hình X, tiêu biểu như xã A, phường B (C); xã D (E)`, `... lắp đặt
    camera an ninh, đạt kết quả khả quan như phường A, phường 1, phường 2 (TP B)`."""
    text = doc.nt.text
    sent = doc.sentence_at(end)
    limit = min(sent.end, end + _EXAMPLE_REACH, stop)
    if _PLANNED.search(text, max(sent.start, end - _PLAN_REACH), end):
        return []
    for m in _EXAMPLE_OPENER.finditer(text, end, limit):
        listed = _listed_from(doc, m.end(), label=False)
        if listed:
            return listed
    return []


def example_references(doc: Context, ordered: list[RawModel], starts: list[int], out: list[Reference]) -> None:
    """A sentence opening on examples (`Cụ thể: ấp A có 176 hộ, ấp B ...`, `Trong đó, một số tổ
    nổi bật như: tổ 3 thôn A, tổ 1 thôn B`) right after a sentence naming a model lists where
    that model runs; it names no model of its own."""
    text = doc.nt.text
    for sent in doc.sents[1:]:
        m = _EXAMPLE_SENTENCE.match(text, sent.start, sent.end)
        if m is None:
            continue
        j = bisect.bisect_left(starts, sent.start)
        if j == 0 or (j < len(ordered) and ordered[j].start < sent.end):
            continue
        if doc.sentence_at(ordered[j - 1].start).index != sent.index - 1:
            continue
        _refer(doc, ordered, j, sent.start, m.end(), "example", out)


_BUILDER_GAP = re.compile(r"[ ]*(?:\([^()]{0,40}\)[ ]*)?(?:(?:" + _alternation("builder_auxiliaries") + r")[ ]+){0,3}(?:"
                          + _alternation("building_verbs") + r")(?:[ ]+(?:thí điểm|thành công))?[ ]+(?:(?:các|những)[ ]+)?"
                          r"(?:(?:mô hình|đề án)[ ]*)?[\"“]?[ ]*\Z", re.IGNORECASE)
_BUILDER_REACH = 90
_BUILDING_VERB = re.compile(_alternation("building_verbs"))
_VERB_NEAR = 60  # the verb stands at most this far before the model (`đã thành lập mô hình “`)
_SIDE_BY_SIDE = re.compile(r"[ ]*(?:\([^()]{0,40}\)[ ]*)?(?:,|;|và|, và)[ ]*", re.IGNORECASE)


def builder_places(doc: Context, start: int) -> list[PlaceMention]:
    """Places listed right before the verb that built the model at `start`, anywhere in its
    sentence (`đến nay có 2 xã A và B đã thành lập Hội ...`): two or more of one level."""
    text = doc.nt.text
    sent = doc.sentence_at(start)
    lo = max(sent.start, start - _BUILDER_REACH)
    low = doc.low if doc.low is not None else text.lower()
    if _BUILDING_VERB.search(low, max(lo, start - _VERB_NEAR), start) is None:
        return []  # (no building verb right before the model: most models)
    gap = _BUILDER_GAP.search(text, lo, start)
    if gap is None or _PLANNED.search(text, max(sent.start, start - _PLAN_REACH), start):
        return []
    cands = [p for p in doc.places_in(max(sent.start, start - _CLAUSE_REACH), gap.start() + 1) if not p.in_organization]
    cands = [p for p in cands if text.rfind("(", sent.start, p.start) <= text.rfind(")", sent.start, p.start)]
    if len(cands) < 2 or not re.fullmatch(r"[ ]*", text[cands[-1].end : gap.start()]):
        return []
    chain = [cands[-1]]
    for p in reversed(cands[:-1]):
        if p.level != chain[0].level or not _SIDE_BY_SIDE.fullmatch(text, p.end, chain[0].start):
            break
        chain.insert(0, p)
    listed = [p for p in chain if doc.usable(p)]
    return listed if len(listed) >= 2 else []


def places_going_on(doc: Context, place: PlaceMention) -> list[PlaceMention]:
    """A model's own place heading a list side by side (`camera giám sát ANTT xã A, B, C`): the
    places after it, of its level, or none."""
    sent = doc.sentence_at(place.start)
    return _items(doc, place, sent.end, strict=True)[1:]


# `2 ấp là A và B`, `các xã: A, B, C`: a count or plural of units, then the units listed
_COUNTED_UNITS = re.compile(r"(?:(?:các|những|[0-9]{1,3}|" + _alternation("count_words") + r")[ ]+)(?:"
                            + _alternation("unit_nouns") + r")(?:[ ]*,[ ]*(?:" + _alternation("unit_nouns")
                            + r"))*(?:[ ]+(?:là|gồm))?[ ]*:?[ ]*", re.IGNORECASE)


def counted_places(doc: Context, at: int) -> list[PlaceMention]:
    """The places a count of units names right after `at` (`ra 2 ấp là Trung Chánh và Láng Đao`)."""
    m = _COUNTED_UNITS.match(doc.nt.text, at)
    return _listed_from(doc, m.end(), label=False) if m else []

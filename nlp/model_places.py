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
    how: str = "word"  # word: `mô hình này`; pilot: `lấy ấp A làm điểm`; spread: `Trên cơ sở đó, nhân rộng ra ...`


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
        launched = _LAUNCH_BEFORE.search(text, max(sent.start, s - 24), s) and _AT.match(text, e)
        if demonstrative or opening or launched:
            _refer(doc, ordered, j, s, e, "word", out)
    low = doc.low if doc.low is not None else text.lower()
    if "làm điểm" in low or "làm thí điểm" in low:  # (str.find first: most texts have neither)
        for m in _PILOT.finditer(text):
            _refer(doc, ordered, bisect.bisect_left(starts, m.start()), m.start(), m.end(), "pilot", out)
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
_PILOT = re.compile(r"(?<!\w)(?:lấy|chọn)[ ]+(?=[^.;:!?\n]{3,80}?[ ]làm[ ]+(?:điểm|thí điểm)(?!\w))", re.IGNORECASE)
_PILOT_END = re.compile(r"[ ]làm[ ]+(?:điểm|thí điểm)(?!\w)", re.IGNORECASE)
_SPREAD_WORDS = tuple(words("model_places", "spread_verbs"))
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
        return [p for p in sites if p.level == sites[0].level] if sites and sites[0].start - ref.end <= 12 else []
    if ref.how == "spread":
        return spread_places(doc, sent.start)
    listed = places_listed_after(doc, ref.end)
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
    listed = places_listed_after(doc, m.start())
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

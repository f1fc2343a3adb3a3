"""Text in, facts out: places, community models and statistics with evidence and offsets.

`extract_text` is a pure function, composed here from components that each read the same
normalized document (`nlp/document.py`) and return their raw facts: places
(`nlp/places.py`), periods (`nlp/periods.py`), models (`nlp/community_models.py`) and
figures (`nlp/statistics.py`). Scoping (`nlp/scope.py`) ties each fact to its place, period
and model; the records report evidence as substrings of the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from core.config import EXTRACTOR_VERSION
from core.records import Article, CommunityModel, Extraction, Location, Statistic
from nlp.community_models import RawModel, find_models
from nlp.confidence import location_confidence, model_confidence, statistic_confidence, with_document_signals
from nlp.document import Document
from nlp.lexicon import words
from nlp.model_places import (
    builder_places,
    example_places,
    places_going_on,
    reference_places,
    references,
    spread_places,
    subject_places,
)
from nlp.origins import OriginFinder, goes_on_about
from nlp.outlets import home_province
from nlp.periods import FLOW_UNITS, baseline_of_from_value, done_in_clause, find_periods
from nlp.place_filters import aside_openers, is_aside
from nlp.places import PlaceFinder, PlaceMention, article_key_place
from nlp.plans import PlanMarks, is_planned
from nlp.scope import (
    Context,
    dedupe_models,
    linked_model,
    model_place_scope,
    period_for,
    place_for,
    places_listed_after,
    reported_provinces,
)
from nlp.statistics import RawStatistic, find_statistics

_finder: PlaceFinder | None = None


def _place_finder() -> PlaceFinder:
    global _finder
    if _finder is None:
        _finder = PlaceFinder()
    return _finder


# The components: one interface, a normalized document in, raw facts out.
def places(doc: Document, home: str | None = None) -> list[PlaceMention]:
    return _place_finder().find(doc.text, home)


def periods(doc: Document) -> list:
    return find_periods(doc.text, doc.published)


def models(doc: Document) -> list[RawModel]:
    return find_models(doc.text, doc.bounds)


def figures(doc: Document) -> list[RawStatistic]:
    return find_statistics(doc.text, doc.bounds)


def _location(doc: Context, p: PlaceMention) -> Location:
    mention, s, e = doc.nt.evidence(p.start, p.end)
    name = p.name
    if " - " in name and " – " in mention:  # (the text's own dash in a name it alone gives: `Thôm Mò – Nà Liềng`)
        name = name.replace(" - ", " – ")
    return Location(mention=mention, level=p.level, name=name, province=p.province, start=s, end=e,
                    district=p.unit.district if p.unit else None, code=p.unit.code if p.unit else None,
                    provinces_2025=p.provinces_2025, in_organization=p.in_organization,
                    confidence=location_confidence(p))


_START_REACH = 600  # how far back in its paragraph a model's start date is looked for


def _earlier(doc: Context, sent) -> list[tuple[int, int]]:
    """The sentences before `sent` in its paragraph, nearest first, within _START_REACH."""
    out = []
    i = sent.index - 1
    while i >= 0 and doc.sents[i].paragraph == sent.paragraph and doc.sents[i].end >= sent.start - _START_REACH:
        out.append((doc.sents[i].start, doc.sents[i].end))
        i -= 1
    return out


def _later(doc: Context, sent, m: RawModel, model_starts: list[int]) -> list[tuple[int, int]]:
    """The sentences right after `sent` in its paragraph that go on about the model it names
    (`Mô hình ra mắt ngày ...`), while they do; only for the sentence's last model, the one
    such a sentence refers back to."""
    i = bisect.bisect_left(model_starts, m.end)
    if i < len(model_starts) and model_starts[i] < sent.end:
        return []
    name = doc.nt.text[m.start : m.end].lstrip(" \"“”'")
    head = name.split(" ", 1)[0] if " " in name else ""
    out = []
    i = sent.index + 1
    while i < len(doc.sents) and doc.sents[i].paragraph == sent.paragraph and len(out) < 2:
        nxt = doc.sents[i]
        if not goes_on_about(doc.nt.text[nxt.start : nxt.end], head):
            break
        out.append((nxt.start, nxt.end))
        i += 1
    return out


def _operator_span(doc: Context, span: tuple[int, int]) -> tuple[int, int]:
    """An organization ends with the place it is named after: a person's name run into it is
    cut off (`Chủ tịch UBND xã Trà Leng Châu Minh Nghĩa khẳng định`)."""
    start, end = span
    inside = doc.places_in(start + 1, end)
    if inside and inside[-1].end < end and doc.nt.text[inside[-1].end : end].strip()[:1].isupper():
        return start, inside[-1].end
    return span


def _model_entries(doc: Context, m: RawModel, origins: OriginFinder,
                   model_starts: list[int]) -> list[tuple[RawModel, CommunityModel, str]]:
    """A model's entry, or one per place where the text says it runs at a list of places."""
    rec, scope = _model_record(doc, m, origins, model_starts)
    close = m.end + (1 if doc.nt.text[m.end : m.end + 1] in "\"'" else 0)
    i = bisect.bisect_right(model_starts, m.start)
    following = model_starts[i] if i < len(model_starts) else len(doc.nt.text)
    listed = (places_listed_after(doc, close) or subject_places(doc, m.start) or builder_places(doc, m.start)
              or example_places(doc, close, following))
    spread = spread_places(doc, close)  # (and where it spread to: `đang được nhân rộng ra toàn tỉnh`)
    if not listed and not spread and scope == "explicit":
        listed = _own_place_going_on(doc, m, close, rec)
    if not listed and not spread:
        return [(m, rec, scope)]
    at = [(m, replace(rec, place=p.name, province=p.province, provinces_2025=p.provinces_2025), "explicit")
          for p in listed + spread]
    # (a place its sentence gave it is where it spread from, unless its own name says it: `... ở xã A, đã
    # nhân rộng ra toàn tỉnh`)
    return at if listed or scope != "explicit" else [(m, rec, scope), *at]


def _own_place_going_on(doc: Context, m: RawModel, close: int, rec: CommunityModel) -> list[PlaceMention]:
    """A model whose own name ends on a place heading a list (`camera giám sát ANTT xã A, B, C`):
    that place and the ones listed after it."""
    own = [p for p in doc.places_in(m.start, close + 8) if doc.usable(p) and not p.in_organization and p.name == rec.place]
    if not own:
        return []
    going_on = places_going_on(doc, own[-1])
    return [own[-1], *going_on] if going_on else []


def _with_references(doc: Context, raw: list[RawModel], entries: list[tuple[RawModel, CommunityModel, str]],
                     origins: OriginFinder, model_starts: list[int]) -> list[tuple[RawModel, CommunityModel, str]]:
    """The entries, and in text order among them one per place where `mô hình này` (or the like)
    ties the model named last to places of its own: the named model's record, at that place."""
    extra = []
    records: dict[int, CommunityModel] = {}  # (each named model's record made once)
    for ref in references(doc, raw):
        places = reference_places(doc, ref)
        if not places:
            continue
        if ref.model.start not in records:
            records[ref.model.start] = _model_record(doc, ref.model, origins, model_starts)[0]
        rec = records[ref.model.start]
        at = RawModel(ref.start, ref.end, ref.model.name, ref.model.kind, False, "reference")
        extra += [(at, replace(rec, place=p.name, province=p.province, provinces_2025=p.provinces_2025,
                               confidence=model_confidence(at)), "explicit") for p in places]
    if not extra:
        return entries
    return sorted(entries + extra, key=lambda entry: entry[0].start)


def _model_record(doc: Context, m: RawModel, origins: OriginFinder,
                  model_starts: list[int]) -> tuple[CommunityModel, str]:
    mention, s, e = doc.nt.evidence(m.start, m.end)
    close = m.end + (1 if doc.nt.text[m.end : m.end + 1] in "\"'" else 0)
    place, scope = model_place_scope(doc, m.start, close)
    sent = doc.sentence_at(m.start)
    orig = origins.origin((sent.start, sent.end), (m.start, m.end), _earlier(doc, sent), _later(doc, sent, m, model_starts))
    started_ev, st_s, st_e = doc.nt.evidence(*orig.started_span) if orig.started_span else (None, -1, -1)
    operator, op_s, op_e = doc.nt.evidence(*_operator_span(doc, orig.operator_span)) if orig.operator_span else (
        None, -1, -1)
    return CommunityModel(mention=mention, canonical=m.kind.label, place=place.name if place else None,
                          province=_own_province(doc, place), start=s, end=e, kind_id=m.kind.id,
                          new_kind=m.kind.new, provinces_2025=place.provinces_2025 if place else [],
                          started=orig.started, started_evidence=started_ev, started_start=st_s,
                          started_end=st_e, operator=operator, operator_start=op_s, operator_end=op_e,
                          confidence=model_confidence(m)), scope


def _own_province(doc: Context, place: PlaceMention | None) -> str | None:
    """The pre-2025 province of a fact's place. A whole merged province (`tỉnh Phú Thọ` in 2026)
    lies in several old ones: its figure goes under the old province whose name it kept, as
    annotators of real reporting file it (`provinces_2025` says the whole)."""
    return None if place is None else place.province


def _statistic_record(doc: Context, st: RawStatistic, models: list[RawModel], marks: PlanMarks | None = None) -> Statistic:
    evidence, s, e = doc.nt.evidence(st.start, st.end)
    place = place_for(doc, st.number_start, st.end)
    linked = linked_model(doc, st, models)
    sent = doc.sentence_at(st.number_start)
    planned = is_planned(doc.nt.text, st.number_start, sent.start, marks)
    # a plan's figure has the time its own sentence gives (`đến năm 2026 lắp 200 camera`), never
    # one of the news around it (`Tháng 10/2021 ... ; theo kế hoạch ... sẽ lắp đặt 56 camera`)
    low = doc.low if doc.low is not None else doc.nt.text  # (no caseless copy: the patterns ignore case)
    def flow() -> bool:  # (asked only where the figure's time is a span since a launch)
        return st.unit.lower() in FLOW_UNITS or done_in_clause(low, st.number_start, sent.start)

    period = (period_for(doc, st.number_start, flow)
              if not planned or doc.periods_in(sent.start, sent.end) else None)
    period = baseline_of_from_value(low, st.number_start, st.end, sent.start, sent.end) or period
    return Statistic(
        value=st.value, qualifier=st.qualifier, unit=st.unit, subject=st.subject,
        place=place.name if place else None, province=_own_province(doc, place),
        period=period, evidence=evidence, start=s, end=e,
        value_max=st.value_max, model=linked.kind.label if linked else None,
        provinces_2025=place.provinces_2025 if place else [], total=st.total,
        confidence=statistic_confidence(st), planned=planned,
    )


def _without_headline_repeats(ctx: Context, stats: list[Statistic]) -> list[Statistic]:
    """A headline's figure that the text repeats is one fact, reported where the text gives
    its context (place, period): the headline's copy goes. So does a later copy of a figure
    too large to recur by chance (`4.861 tổ` in the lead and again in the body), and any
    figure of a sentence printed twice (a photo caption repeated by the page)."""
    title = ctx.title_line()
    if title is not None:
        later: dict[float, list[str]] = {}
        for s in stats:
            if s.start >= title[1]:
                later.setdefault(s.value, []).append(s.unit.lower())
        stats = [s for s in stats if not (title[0] <= s.start < title[1] and any(
            _same_unit(s.unit.lower(), u) for u in later.get(s.value, ())))]
    seen: set[tuple] = set()
    first: dict[tuple, int] = {}  # key -> its entry in `out`
    things: dict[tuple, list] = {}  # (key, place, period) -> its first figure, then what later ones count
    out = []
    sentence_texts: dict[int, str] = {}
    for s in stats:
        key = (s.value, s.unit.lower(), s.qualifier, s.total)
        sent = ctx.sentence_at(s.start)
        if sent.index not in sentence_texts:
            sentence_texts[sent.index] = ctx.nt.text[sent.start : sent.end]
        # a caption printed twice says it once: the same sentence, the figure at the same place in it
        copy = (*key, sentence_texts[sent.index], s.start - sent.start)
        if copy in seen:
            continue
        where = (*key, s.place, s.period)
        earlier = things.get(where)
        if earlier is None:
            things[where] = [s]  # (what it counts is read only when the same count comes again)
        else:
            if isinstance(earlier[0], Statistic):
                earlier[0] = _counted_thing(earlier[0].subject, earlier[0].unit)
            thing = _counted_thing(s.subject, s.unit)
            if any(t == thing or thing.startswith(t + " ") or t.startswith(thing + " ") for t in earlier):
                continue  # `3 khu dân cư làm điểm` then `ở 3 khu dân cư vừa đề cập`: the same count said again
            earlier.append(thing)
        if key in seen and s.value >= _REPEAT_MIN and s.unit != "%":  # (`100% xã ...; 100% khu dân cư`: shares recur)
            # the lead's copy of a figure the body dates (`Tính đến cuối tháng 11/2025, ... 38
            # loại mô hình`): one fact, of the body's time
            kept = out[first[key]]
            if kept.period is None and s.period is not None:
                out[first[key]] = replace(kept, period=s.period)
            continue
        seen.update((key, copy))
        first.setdefault(key, len(out))
        out.append(s)
    return out


_CLAUSE_OPENER = re.compile(r"(?:^|(?<= ))(?:" + "|".join(sorted(map(re.escape, words("figures", "subject_clause_openers")),
                                                              key=len, reverse=True)) + r")(?= |$)")


@lru_cache(maxsize=4096)
def _counted_thing(subject: str, unit: str) -> str:
    """What a figure counts: its subject up to the words where the sentence goes on."""
    low = " ".join(subject.lower().split())
    m = _CLAUSE_OPENER.search(low)
    thing = low[: m.start()].strip() if m else low
    return thing or unit.lower()


def _inside_a_name(pos: int, models: list[RawModel], starts: list[int]) -> bool:
    """Is a number part of a model's name (`mô hình Nông dân 3 tốt`)? Then it is no figure.
    (`models` sorted by start, `starts` their starts.)"""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < models[i].end


def _same_unit(a: str, b: str) -> bool:
    """`mô hình` in a headline and `loại mô hình` in the body count the same thing."""
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


#: A figure this large said twice in one article is one fact said twice.
_REPEAT_MIN = 10


def _context(doc: Document, found: list[PlaceMention], outlet: str | None) -> tuple[Context, set[str]]:
    """The document with its places and periods, and the provinces it reports (by their
    pre-2025 names: a post-merger name standing for the new unit only does not count). An
    article that names no province is about its outlet's home province, if it has one."""
    aside = _asides(doc, found)
    provinces = reported_provinces([p for i, p in enumerate(found) if i not in aside], doc.published, doc.nt.text)
    current_only = frozenset(p.province for p in found if p.province and p.province not in provinces)
    key_place = (article_key_place([p for p in found if p.province not in current_only])
                 or article_key_place(found))
    home = _home_place(outlet) if not provinces else None
    if home is not None:
        provinces = {home.province}
        key_place = key_place or home
    ctx = Context(doc.nt, doc.sentences, [s.start for s in doc.sentences], found, [p.start for p in found],
                  periods(doc), key_place, current_only, frozenset(id(found[i]) for i in aside))
    ctx.published_year = doc.published[:4] if doc.published else None
    return ctx, provinces


# (`Trà Ôn tỉnh Vĩnh Long`: an address goes on; `huyện A (B) và thị xã C`: past a parent's parenthesis)
_PLACE_CHAIN = re.compile(r"[ ]*\)?[ ]*(?:[,(][ ]*|và[ ]+|-[ ]*)?(?:và[ ]+)?")


def _asides(doc: Document, found: list[PlaceMention]) -> set[int]:
    """The places named only as a neighbour or an address, whose province the article does
    not otherwise name (`giáp ranh với huyện Ý Yên (Nam Định)` in a report on Ninh Bình)."""
    text = doc.nt.text
    openers = aside_openers(text)
    if not openers:
        return set()
    starts = [s.start for s in doc.sentences]
    aside = {i for i, p in enumerate(found) if p.start >= 0 and is_aside(
        text, p.start, starts[max(0, bisect.bisect_right(starts, p.start) - 1)] if starts else 0, openers)}
    if not aside:
        return aside
    # a list of neighbours goes on past the opener's reach: `giáp ranh phường A, TP B và xã C,
    # huyện D, tỉnh E` (each place joined to an aside one by a comma, `và` or a parenthesis)
    for i in range(1, len(found)):
        if i - 1 in aside and found[i - 1].end <= found[i].start and _PLACE_CHAIN.fullmatch(
                text, found[i - 1].end, found[i].start):
            aside.add(i)
    named = {p.province for i, p in enumerate(found) if i not in aside}
    return {i for i in aside if found[i].province and found[i].province not in named}


def _home_place(outlet: str | None) -> PlaceMention | None:
    """The outlet's home province as a place named nowhere in the text (no offsets)."""
    unit = _place_finder().g.province(home_province(outlet) or "")
    if unit is None:
        return None
    return PlaceMention(-1, -1, "province", unit.name, unit.province, unit, prefixed=False,
                        provinces_2025=list(unit.provinces_2025))


def _locations(ctx: Context, found: list[PlaceMention]) -> list[Location]:
    """Each place mention once, organization-internal ones left out."""
    out: list[Location] = []
    seen_mentions: set[str] = set()
    for p in found:
        if p.in_organization or (p.level == "province" and not p.province):
            continue  # (a `tỉnh` no Vietnamese province is: `tỉnh Vân Nam (Trung Quốc)`)
        loc = _location(ctx, p)
        if loc.mention not in seen_mentions:
            seen_mentions.add(loc.mention)
            out.append(loc)
    return out


def extract_text(text: str, doc_id: str, *, url: str | None = None, outlet: str | None = None,
                 published: str | None = None, title: str | None = None) -> Extraction:
    doc = Document.of(text, published)
    found = places(doc, home_province(outlet or url))
    ctx, provinces = _context(doc, found, outlet or url)
    raw_models = models(doc)
    origins = OriginFinder(doc.text, doc.published)
    model_starts = sorted(m.start for m in raw_models)
    model_records = dedupe_models(ctx, _with_references(ctx, raw_models, [
        entry for m in raw_models for entry in _model_entries(ctx, m, origins, model_starts)], origins, model_starts))
    raw_figures = [st for st in figures(doc) if not _inside_a_name(st.number_start, raw_models, model_starts)]
    marks = PlanMarks(doc.text) if raw_figures else None
    statistics = _without_headline_repeats(ctx, [_statistic_record(ctx, st, raw_models, marks) for st in raw_figures])
    statistics = _since_the_model(ctx, statistics, model_records)
    statistics = with_document_signals(statistics, doc.text)
    provinces_2025 = sorted({q for p in found if p.province for q in p.provinces_2025}
                            | (set(ctx.key_place.provinces_2025) if ctx.key_place and ctx.key_place.start < 0 else set()))
    locations = _locations(ctx, found)
    _places_as_written(locations, model_records, statistics)
    return Extraction(doc_id=doc_id, url=url, outlet=outlet, published=doc.published, title=title,
                      provinces=sorted(provinces), provinces_2025=provinces_2025,
                      locations=locations, models=model_records,
                      statistics=statistics, extractor_version=EXTRACTOR_VERSION)


_SINCE_MODEL = re.compile(r"(?<!\w)từ khi (?:có|xây dựng|triển khai|thành lập|ra mắt|thực hiện|áp dụng|duy trì)"
                          r"(?: (?:được|các|những))? mô hình(?!\w)", re.IGNORECASE)


def _since_the_model(ctx: Context, stats: list[Statistic], models: list[CommunityModel]) -> list[Statistic]:
    """`Từ khi xây dựng mô hình đến nay, ... phát hiện 12 vụ`: events since the model began,
    the span from its stated start to publication (the latest model started before the figure)."""
    if not ctx.published_year or "từ khi" not in (ctx.low or ""):
        return stats
    started = sorted((m.start, m.started[:4]) for m in models if m.started)
    out = []
    for st in stats:
        sent = ctx.sentence_at(st.start)
        since = st.period is None and _SINCE_MODEL.search(ctx.nt.text, sent.start, st.start)
        before = [year for pos, year in started if pos < st.start]
        if since and before and st.unit.lower() in FLOW_UNITS and before[-1] <= ctx.published_year:
            year = before[-1]
            st = replace(st, period=year if year == ctx.published_year else f"{year}/{ctx.published_year}")
        out.append(st)
    return out


def _places_as_written(locations: list[Location], models: list, statistics: list) -> None:
    """A place a location names with the text's own dash (`Thôm Mò – Nà Liềng`) is named so by
    the models and figures placed there too (one name per place, for the catalog's joins)."""
    written = {loc.name.replace(" – ", " - "): loc.name for loc in locations if " – " in loc.name}
    if not written:
        return
    for rec in (*models, *statistics):
        if rec.place in written:
            rec.place = written[rec.place]


def extract_article(article: Article, doc_id: str | None = None) -> Extraction:
    return extract_text(article.text, doc_id or article.doc_id or article.url or "doc", url=article.url,
                        outlet=article.outlet, published=article.published_iso, title=article.title)

"""Every outlet layout replayed from its fixture folder, through the registry: URL -> page
object -> article, compared with the expected article JSON.

`tests/fixtures/pages/<outlet>/<layout>/`: `page.html` (rendered by the replay site from our
own texts), `url.txt` (where the page is read) and `article.json` (what the layout reads);
`python tests/fixtures/make_page_fixture.py` writes one. `tests/fixtures/saved/<name>/`: a saved
page as `antt extract PAGE.html` reads it (by the URL the page states, else by trafilatura).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from crawler import outlets
from crawler.article import article_from_html, stated_url, to_article
from nlp.dates import VN_TZ, dmy_day, iso_day, parse_iso, parse_published, parse_visible, rss_day
from tests.fixtures.make_page_fixture import fetched_at

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = sorted(p.parent for p in (FIXTURES / "pages").glob("*/*/article.json"))
SAVED = sorted(p.parent for p in (FIXTURES / "saved").glob("*/article.json"))
KEYS = ("source", "source_id", "url", "extractor", "title", "lead", "text", "published", "author", "section", "tags")


def _fields(article) -> dict:
    return {**{k: getattr(article, k) for k in KEYS if k != "extractor"}, "extractor": article.html_extractor}


def _load(folder: Path) -> tuple[str, dict]:
    return ((folder / "page.html").read_text(encoding="utf-8"),
            json.loads((folder / "article.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("folder", LAYOUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_layout_reads_its_fixture(folder):
    html, want = _load(folder)
    url = (folder / "url.txt").read_text(encoding="utf-8").strip()
    outlet = outlets.get(folder.parent.name)
    found = outlet.article_id(url)
    assert found is not None, f"{url} is no article URL of {outlet.name}"
    article_id, page = found
    assert page.__name__ == want.pop("page")
    if not outlet.any_site:  # the registry picks this outlet and layout for the URL
        assert outlets.layout_for(url) == (outlet, article_id, page)
    parsed = page(html, url, fetched=fetched_at(folder)).parse()
    article = to_article(parsed, url, None, source=outlet.name, source_id=article_id)
    assert {**_fields(article), "matched": parsed.matched, "rejected_dates": parsed.rejected_dates} == want


@pytest.mark.parametrize("folder", SAVED, ids=lambda p: p.name)
def test_saved_page_reads_as_antt_extract_does(folder):
    html, want = _load(folder)
    assert _fields(article_from_html(html)) == want


def test_every_layout_has_a_fixture():
    layouts = {page.__name__ for outlet in outlets.all_outlets() for page in outlet.pages}
    fixtures = {json.loads((f / "article.json").read_text(encoding="utf-8"))["page"] for f in LAYOUTS}
    assert layouts == fixtures


def test_registry_lists_the_outlets_in_their_order():
    assert [o.name for o in outlets.all_outlets()] == ["cand", "sggp", "congan", "thanhuy", "danang", "news"]
    assert outlets.crawl_names() == ["cand", "sggp", "congan", "thanhuy", "danang"]
    assert outlets.layout_for("https://example.org/a.html") is None


def test_stated_url_is_the_canonical_link_then_og_url():
    assert stated_url('<link rel="canonical" href="https://a.vn/x"><meta property="og:url" content="https://b.vn/y">'
                      ) == "https://a.vn/x"
    assert stated_url('<meta property="og:url" content="https://b.vn/y">') == "https://b.vn/y"
    assert stated_url('<link rel="canonical" href="javascript:alert(1)">') is None


def test_one_date_parser_for_pages_listings_and_feeds():
    assert parse_iso("2025-06-27T09:15:00+07:00") == datetime(2025, 6, 27, 9, 15, tzinfo=VN_TZ)
    assert parse_iso("2025-06-27T02:15:00Z").astimezone(VN_TZ).hour == 9
    assert parse_iso("2025-06-27 09:15").tzinfo is VN_TZ and parse_iso("27/06/2025") is None
    assert parse_visible("Thứ Sáu, 27/06/2025 09:15 |", ("%d/%m/%Y %H:%M",)) == datetime(2025, 6, 27, 9, 15,
                                                                                         tzinfo=VN_TZ)
    assert parse_visible("Chủ nhật, 29/06/2025", ("%d/%m/%Y %H:%M",)) is None
    assert iso_day("2024-05-01T23:30:00Z") == date(2024, 5, 1)
    assert dmy_day("08:00 15/12/2024 - Đà Nẵng") == date(2024, 12, 15) and dmy_day("31/02/2024") is None
    assert rss_day("Fri, 27 Jun 2025 09:15:00 +0700") == date(2025, 6, 27) and rss_day("soon") is None
    assert parse_published("2025-06-27T09:15:00+07:00") == "2025-06-27T09:15:00+07:00"


# -- the facts a page gives are the facts of its text ---------------------------------------
TEXTS = sorted(p.parent for p in (FIXTURES / "pages").glob("*/*/text.txt"))


def _record(path: Path) -> dict:
    from antt.inputs import Document, read_documents
    from nlp.extract import extract_article

    (doc,) = [d for d in read_documents(path, 10_000_000) if isinstance(d, Document)]
    return extract_article(doc.article, doc_id=doc.doc_id).to_dict()


def _facts(rec: dict) -> dict[str, set]:
    return {"models": {(m["mention"], m.get("canonical"), m.get("place")) for m in rec["models"]},
            "locations": {(loc["name"], loc.get("province")) for loc in rec["locations"]},
            "statistics": {(s["value"], s.get("unit"), s.get("qualifier"), s.get("place"), s.get("period"))
                           for s in rec["statistics"]},
            "provinces": set(rec["provinces"])}


@pytest.mark.parametrize("folder", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_page_gives_the_facts_of_its_text(folder):
    """`antt extract page.html` and `antt extract text.txt` of one article: the same models,
    places and figures (no lead lost, no related-news or caption places gained), and the
    page's date is the text's or none, never another."""
    page, text = _record(folder / "page.html"), _record(folder / "text.txt")
    assert _facts(page) == _facts(text)
    assert page["published"] in (text["published"], None)


def test_variant_fixtures_cover_the_ways_pages_go_wrong():
    """The variants the layouts are held to, each read as its text says (test above), and
    what each one proves."""
    want = json.loads((FIXTURES / "pages" / "cand" / "current-h2-sapo" / "article.json").read_text(encoding="utf-8"))
    assert want["matched"]["lead"] == ".article__sapo" and want["lead"].startswith("Sau hai năm")  # an <h2> sapo
    assert want["published"] == "2024-09-12T08:40:00+07:00"  # JSON-LD said 2031: after the fetch, rejected
    assert want["rejected_dates"] == ["2031-01-01T00:00:00+07:00 (ld:datePublished): after the fetch time"]
    assert "Lạng Sơn" not in want["text"] and "Camera lắp ở đầu" not in want["text"]  # related block, caption
    clock = json.loads((FIXTURES / "pages" / "cand" / "legacy-header-clock" / "article.json").read_text("utf-8"))
    assert clock["published"] == "2022-07-18T10:30:00+07:00" and clock["matched"]["published"] == "dateline"
    dated = json.loads((FIXTURES / "pages" / "thanhuy" / "current-date-class" / "article.json").read_text("utf-8"))
    assert dated["published"] == "2017-08-29"  # "Thứ Ba, ngày 29 tháng 8 năm 2017", not the header's 15/10/2026
    undated = json.loads((FIXTURES / "pages" / "danang" / "legacy-undated" / "article.json").read_text("utf-8"))
    assert undated["published"] is None and len(undated["rejected_dates"]) == 2  # 2010 is far from the URL's 2021-08
    related = json.loads((FIXTURES / "pages" / "congan" / "current-related" / "article.json").read_text("utf-8"))
    assert "Củ Chi" not in related["text"] and "Linh Trung" not in related["text"]  # "Tin khác", comments
    variants = {p.name for p in (FIXTURES / "pages").glob("*/*-*")}
    assert {"current-h2-sapo", "legacy-header-clock", "current-live", "current-broken", "current-related",
            "current-date-class", "current-photo", "baoquangnam-print", "legacy-undated"} <= variants
    assert (FIXTURES / "pages" / "cand" / "amp" / "article.json").exists()


def test_a_saved_page_without_its_url_is_read_by_the_layout_its_markup_matches():
    html = (FIXTURES / "pages" / "cand" / "current" / "page.html").read_text(encoding="utf-8")
    assert "canonical" not in html
    article = article_from_html(html)
    assert article.html_extractor == "cand.current" and article.lead and article.lead in article.text
    assert article.published == "2025-06-27T09:15:00+07:00"


def test_dates_are_read_and_checked():
    from crawler.datelines import DateCheck, read_date, url_window

    assert read_date("Thứ Ba, ngày 29 tháng 8 năm 2017") == "2017-08-29"
    assert read_date("10:30 18/07/2022") == datetime(2022, 7, 18, 10, 30, tzinfo=VN_TZ)
    assert read_date("Thứ Sáu, 10/05/2024 - 09:45") == datetime(2024, 5, 10, 9, 45, tzinfo=VN_TZ)
    assert read_date("31/02/2024") is None and read_date("Cập nhật 11:30") is None
    assert url_window("https://baodanang.vn/channel/5404/202108/x-3888700/") == (date(2021, 7, 1), date(2021, 10, 1))
    check = DateCheck(datetime(2026, 10, 15, 9, tzinfo=VN_TZ), ((date(2024, 1, 1), date(2024, 12, 31)),))
    assert check.problem("2024-05-10") is None
    assert check.problem(datetime(2026, 10, 16, tzinfo=VN_TZ)) == "after the fetch time"
    assert check.problem("2023-12-01") == "outside 2024-01-01..2024-12-31"


def test_readme_lists_every_layout_with_its_fields_and_fallbacks():
    from crawler.pages import _as_tuple

    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Outlets: fields and fallbacks", 1)[1].split("\n## ", 1)[0]
    for outlet in outlets.all_outlets():
        for page in outlet.pages:
            row = next((ln for ln in section.splitlines() if ln.startswith(f"| {outlet.name} | `{page.name}`")), None)
            assert row is not None, f"{page.name} is not in the README's table"
            for candidate in (*_as_tuple(page.title_css), *_as_tuple(page.lead_css), *_as_tuple(page.body_css),
                              *_as_tuple(page.date_css)):
                assert f"`{candidate}`" in row, f"{page.name}: {candidate} missing from the README"

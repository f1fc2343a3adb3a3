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

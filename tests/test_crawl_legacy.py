"""Old URL forms and layouts, for backfills ten years deep: the real Scrapy engine against the
replay site on 127.0.0.1.

CAND's 2016 `-<ID>/` URLs (no `i`), Báo Quảng Nam's 6-digit ids under a category folder,
baodanang.vn's pre-2025 CMS (`div.col-content`, `div.date` as `HH:MM dd/mm/YYYY`, listings
paged with `?paged=N`), and listings followed as deep as `since` asks.
"""

from __future__ import annotations

import sqlite3

import pytest

from crawler import outlets
from crawler.replay.server import ReplayServer
from crawler.replay.site import HOSTS, ReplayArticle, build, load_articles

from .test_crawl import expected, scrapy_crawl, stored

ARTICLES = load_articles()


@pytest.fixture(scope="module")
def replay():
    with ReplayServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def cand_crawl(replay, tmp_path_factory):
    db = tmp_path_factory.mktemp("cand") / "antt.sqlite"
    scrapy_crawl(replay, db, "cand")
    return db


@pytest.fixture(scope="module")
def danang_crawl(replay, tmp_path_factory):
    db = tmp_path_factory.mktemp("danang") / "antt.sqlite"
    scrapy_crawl(replay, db, "danang")
    return db


def _count(db, source_id: str) -> int:
    conn = sqlite3.connect(db)
    n = conn.execute("select count(*) from articles where source_id = ?", (source_id,)).fetchone()[0]
    conn.close()
    return n


@pytest.mark.parametrize(("outlet", "url", "want", "page"), [
    ("cand", "https://cand.com.vn/Hoat-dong-LL-CAND/mo-hinh-tu-quan-418156/", "418156", "CandLegacyPage"),
    ("cand", "https://cand.vn/Hoat-dong-LL-CAND/mo-hinh-tu-quan-i418156/", "418156", "CandLegacyPage"),
    ("cand", "https://cand.vn/mo-hinh-tu-quan-post418156.html", "418156", "CandCurrentPage"),
    ("cand", "https://cand.com.vn/Toan-dan-bao-ve-ANTQ/page-2/", None, None),
    ("danang", "https://baoquangnam.vn/toa-soan-ban-doc/to-tu-quan-128624.html", "128624", "BaoQuangNamPage"),
    ("danang", "http://baoquangnam.vn/toa-soan-ban-doc/to-tu-quan-128624.html", "128624", "BaoQuangNamPage"),
    ("danang", "https://baoquangnam.vn/an-ninh-trat-tu/trang-2.html", None, None),
    ("danang", "https://baodanang.vn/channel/5404/201905/to-tu-quan-3202305/", "dn-3202305", "DaNangLegacyPage"),
    ("danang", "https://baodanang.vn/ytesuckhoe/202108/to-tu-quan-3888676", "dn-3888676", "DaNangLegacyPage"),
    ("danang", "https://baodanang.vn/to-tu-quan-3202305.html", "3202305", "DaNangCurrentPage"),
    ("danang", "https://baodanang.vn/channel/5399/?paged=2", None, None),
])
def test_url_forms_give_the_outlet_id(outlet, url, want, page):
    found = outlets.get(outlet).article_id(url)
    assert (found[0], found[1].__name__) == (want, page) if want else found is None


def test_cand_2016_form_is_an_article_stored_once(replay, cand_crawl):
    forms = [a for a in ARTICLES if a.outlet == "cand" and a.id == "423517"]
    assert {a.form for a in forms} == {"2016", None}  # linked as `-423517/` and as `-i423517/`
    assert any(a.url.endswith("-423517/") and "//cand.com.vn/" in a.url for a in forms)
    row = stored(cand_crawl)["423517"]
    assert row["title"] == forms[0].title and row["published"] == "2016-09-12T08:40:00+07:00"
    assert forms[0].body[-1] in row["text"] and forms[0].caption not in row["text"]
    assert row["html_extractor"] == "cand.legacy"
    assert _count(cand_crawl, "423517") == 1
    fetched = [k for k, n in replay.hits.items() for _ in range(n) if k.startswith("cand.vn/") and "423517" in k]
    assert len(fetched) == 1
    # an article linked only under the 2016 form (cand.com.vn, redirected to cand.vn) is found too
    only = [a for a in ARTICLES if a.id == "436092"]
    assert [a.form for a in only] == ["2016"]
    row = stored(cand_crawl)["436092"]
    assert row["url"] == f"https://cand.vn{only[0].path}" and row["title"] == only[0].title
    assert row["published"] == only[0].published


def test_baoquangnam_six_digit_id_is_an_article_stored_once(replay, danang_crawl):
    forms = [a for a in ARTICLES if a.id == "126935"]
    assert {a.url.split(":")[0] for a in forms} == {"http", "https"}
    row = stored(danang_crawl)["126935"]
    assert "/toa-soan-ban-doc/" in row["url"] and row["title"] == forms[0].title
    assert row["published"] == "2019-11-06T14:20:00+07:00"
    assert row["text"].endswith(forms[0].body[-1]) and forms[0].author not in row["text"]
    assert _count(danang_crawl, "126935") == 1
    assert sum(n for k, n in replay.hits.items() if "126935" in k) == 1


def test_old_danang_layout_title_body_date(danang_crawl):
    old = [a for a in ARTICLES if (a.outlet, a.layout) == ("danang", "old") and a.relevant]
    assert len({a.id for a in old}) == 4
    got = stored(danang_crawl)
    for a in old:
        row = got[a.source_id]
        assert row["title"] == a.title
        assert row["published"] == a.published  # `HH:MM dd/mm/YYYY` in div.date, Asia/Ho_Chi_Minh
        assert row["lead"] == a.lead  # the bold first paragraph
        assert row["text"] == "\n\n".join([a.title, a.lead, *a.body])  # no caption, no byline
        assert row["author"] == a.author  # the right-aligned last paragraph
        assert row["html_extractor"] == "danang.legacy"
    off_topic = {a.source_id for a in ARTICLES if (a.outlet, a.layout) == ("danang", "old") and not a.relevant}
    assert off_topic and not off_topic & set(got)


def test_old_danang_paged_listing_and_id_namespace(replay, danang_crawl):
    got = stored(danang_crawl)
    assert set(got) == set(expected("danang"))
    # the oldest article is only on the listing's second page, reached through `?paged=2`
    assert "baodanang.vn/channel/5399/?paged=2" in replay.hits
    # ... linked there with and without its trailing slash: fetched and stored once
    assert sum(n for k, n in replay.hits.items() if "2671854" in k) == 1 and _count(danang_crawl, "dn-2671854") == 1
    # old baodanang.vn ids overlap the Quảng Nam numbering baodanang.vn uses now: both articles kept
    assert got["3293175"]["title"] != got["dn-3293175"]["title"]
    assert "/channel/5399/202003/" in got["dn-3293175"]["url"]


# -- listings as deep as `since` asks ---------------------------------------------------------
WARDS = ["Hòa Khánh Nam", "Thanh Khê Tây", "An Hải Bắc", "Hòa Cường Nam", "Thạc Gián", "Nại Hiên Đông",
         "Mân Thái", "Khuê Mỹ", "Hòa Xuân", "Hòa Minh", "Chính Gián", "Phước Mỹ"]
PAGES = 45  # 4 items a page, one article a month from December 2024 back to January 2010


def _long_listing() -> list[ReplayArticle]:
    out = []
    for k in range(PAGES * 4):
        year, month0 = divmod(2024 * 12 + 11 - k, 12)
        ward = WARDS[k % len(WARDS)]
        out.append(ReplayArticle(
            outlet="danang", layout="old", id=str(2_400_000 + k), slug=f"phuong-ra-mat-to-tu-quan-so-{k + 1}",
            published=f"{year}-{month0 + 1:02d}-15T08:00:00+07:00", section="An ninh - Trật tự",
            title=f"Phường {ward} ra mắt tổ tự quản về an ninh trật tự thứ {k + 1}",
            lead=f"Tổ tự quản về an ninh trật tự thứ {k + 1} của phường {ward} có {8 + k % 7} thành viên, "
                 f"do công an phường hướng dẫn thành lập.",
            body=[f"Theo Công an phường {ward}, mô hình tổ tự quản giúp người dân tự phòng ngừa trộm cắp, "
                  f"giữ gìn an ninh trật tự ở khu dân cư; tổ tuần tra {2 + k % 3} đêm mỗi tuần.",
                  f"Từ khi tổ ra mắt, công an phường đã nhận {10 + k % 20} tin báo của người dân."],
            caption=f"Tổ tự quản phường {ward} ra mắt.", author="Phóng viên", tags=[ward], relevant=True))
    return out


@pytest.fixture(scope="module")
def long_replay():
    site = build(_long_listing())
    for host in HOSTS.values():  # every outlet host answers locally (404), none goes to the network
        site.setdefault(host, {})
    with ReplayServer(site) as srv:
        yield srv


def _listing_pages(srv: ReplayServer) -> set[int]:
    pages = set()
    for key in srv.hits:
        if key == "baodanang.vn/channel/5399/":
            pages.add(1)
        elif key.startswith("baodanang.vn/channel/5399/?paged="):
            pages.add(int(key.rsplit("=", 1)[1]))
    return pages


def test_listing_reaches_back_past_30_pages_for_since_and_stops_at_an_older_page(long_replay, tmp_path):
    db = tmp_path / "antt.sqlite"
    scrapy_crawl(long_replay, db, "danang", "-a", "since=2013-01-01", "-a", "until=2014-12-31")
    items = _long_listing()
    want = {a.source_id for a in items if "2013-01-01" <= a.published[:10] <= "2014-12-31"}
    assert len(want) == 24 and min(items.index(a) for a in items if a.source_id in want) // 4 + 1 == 31
    assert set(stored(db)) == want  # pages 31 to 36
    # page 37 is wholly older than `since`: read, and the listing ends there
    assert _listing_pages(long_replay) == set(range(1, 38))
    # the listing's dates kept every article outside the window from being fetched
    fetched = {k for k in long_replay.hits if "/channel/5399/20" in k}
    assert len(fetched) == 24


def test_listing_without_since_keeps_a_moderate_depth(tmp_path):
    site = build(_long_listing())
    for host in HOSTS.values():
        site.setdefault(host, {})
    with ReplayServer(site) as srv:
        db = tmp_path / "antt.sqlite"
        scrapy_crawl(srv, db, "danang")
        assert _listing_pages(srv) == set(range(1, 31))  # ANTT_MAX_LISTING_PAGES = 30
        assert len(stored(db)) == 30 * 4

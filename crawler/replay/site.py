"""The replay site: every outlet's pages rendered from `articles.jsonl`, in each layout.

It reproduces what the crawler meets on the real sites (see ../shared/docs/outlets.md):
current and legacy article layouts, category listings with pagination, monthly news
sitemaps (one gzipped) under a sitemap index, RSS feeds, a JSON listing API (SGGP),
old URL forms for backfills (CAND's 2016 `-<ID>/`, Báo Quảng Nam's 6-digit ids under a
category folder, the pre-2025 baodanang.vn CMS and its dated `?paged=N` listing),
robots.txt with a disallowed path, cand.com.vn → cand.vn redirects, a page without a date,
a page with broken markup, a 404 and a URL that fails with 500 before it succeeds.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).parent
PAGE_SIZE = 4


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer 500 this many times before answering normally


@dataclass
class ReplayArticle:
    outlet: str
    layout: str
    id: str
    slug: str
    published: str | None
    section: str
    title: str
    lead: str
    body: list[str]
    caption: str
    author: str
    tags: list[str]
    relevant: bool
    site: str | None = None  # the host of a "news" outlet article
    form: str | None = None  # an older URL form of the layout: "2016" (CAND, no `i`), "noslash" (old Đà Nẵng)
    folder: str | None = None  # the category folder of the URL, in forms that have one
    scheme: str = "https"  # how the page is linked (old pages link over http)

    @property
    def dt(self) -> datetime | None:
        return datetime.fromisoformat(self.published) if self.published else None

    @property
    def source_id(self) -> str:
        """The id the crawler stores: old baodanang.vn ids live in their own namespace."""
        return f"dn-{self.id}" if (self.outlet, self.layout) == ("danang", "old") else self.id

    @property
    def host(self) -> str:
        if self.outlet == "news" and self.site:
            return self.site
        return HOSTS[(self.outlet, self.layout)]

    @property
    def path(self) -> str:
        o, lay = self.outlet, self.layout
        if o == "cand" and lay == "current":
            return f"/{self.slug}-post{self.id}.html"
        if o == "cand" and self.form == "2016":
            return f"/{self.folder or CAND_CATEGORY}/{self.slug}-{self.id}/"
        if o == "cand":
            return f"/{CAND_CATEGORY}/{self.slug}-i{self.id}/"
        if o == "sggp":
            return f"/{self.slug}-post{self.id}.html"
        if o == "congan":
            return f"/tin-chinh/{self.slug}_{self.id}.html"
        if o == "thanhuy":
            return f"/tin-tuc/{self.slug}-{self.id}"
        if o == "danang" and lay == "old":
            month = self.dt.strftime("%Y%m") if self.dt else "201601"
            return f"/{self.folder or DANANG_CHANNEL}/{month}/{self.slug}-{self.id}" + ("" if self.form == "noslash" else "/")
        if o == "danang" and self.folder:
            return f"/{self.folder}/{self.slug}-{self.id}.html"
        if o == "danang":
            return f"/{self.slug}-{self.id}.html"
        return f"/tin-tuc/{self.slug}-{self.id}.html"

    @property
    def url(self) -> str:
        host = "cand.com.vn" if self.form == "2016" else self.host  # 2016 links: the old host, redirected
        return f"{self.scheme}://{host}{self.path}"


CAND_CATEGORY = "Toan-dan-bao-ve-ANTQ"
DANANG_CHANNEL = "channel/5399"
HOSTS = {
    ("cand", "current"): "cand.vn",
    ("cand", "legacy"): "cand.vn",  # legacy URLs now live on cand.vn; cand.com.vn redirects there
    ("sggp", "current"): "www.sggp.org.vn",
    ("congan", "current"): "congan.com.vn",
    ("thanhuy", "current"): "thanhuytphcm.vn",
    ("danang", "current"): "baodanang.vn",
    ("danang", "legacy"): "baoquangnam.vn",
    ("danang", "old"): "baodanang.vn",  # baodanang.vn's own CMS before the 2025 merger
    ("news", "current"): "baotinh.example.vn",
}


def load_articles(path: Path = HERE / "articles.jsonl") -> list[ReplayArticle]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    fields = ReplayArticle.__dataclass_fields__
    out = []
    for row in rows:
        row = {k: v for k, v in row.items() if k in fields}
        row.setdefault("layout", "current")
        row["layout"] = row["layout"] if (row["outlet"], row["layout"]) in HOSTS else "current"
        out.append(ReplayArticle(**row))
    return out


def _ld(a: ReplayArticle) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
            "description": a.lead, "author": {"@type": "Person", "name": a.author}}
    if a.published:
        data["datePublished"] = a.published
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def _ps(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _figure(a: ReplayArticle) -> str:
    return (f'<figure class="image"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
            f'data-src="https://img.example/{a.id}.jpg" alt="{escape(a.caption)}">'
            f"<figcaption>{escape(a.caption)}</figcaption></figure>")


def _middle(body: list[str]) -> int:
    return max(1, len(body) // 2)


def _shell(title: str, head: str, main: str) -> str:
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}</head>'
            f'<body><header class="site-header"><nav><a href="/">Trang chủ</a></nav></header>{main}'
            f'<footer class="footer"><p>© Báo điện tử. Giấy phép số 123/GP-BTTTT.</p></footer></body></html>')


def render_cand_current(a: ReplayArticle) -> str:
    """cand.vn since 2025: the CMS shared with SGGP (article__* classes)."""
    meta = (f'<meta property="og:title" content="{escape(a.title)}"><meta property="og:description" '
            f'content="{escape(a.lead)}"><meta property="article:section" content="{escape(a.section)}">'
            + "".join(f'<meta property="article:tag" content="{escape(t)}">' for t in a.tags)
            + (f'<meta property="article:published_time" content="{a.published}">' if a.published else "")
            + _ld(a))
    m = _middle(a.body)
    main = (f'<main class="article"><div class="breadcrumbs"><a href="/">Trang chủ</a><a href="/thoi-su">'
            f'{escape(a.section)}</a></div><h1 class="article__title cms-title">{escape(a.title)}</h1>'
            f'<div class="article__meta"><span class="article__author">{escape(a.author)}</span>'
            f'<time datetime="{a.published or ""}">{_dmy(a)}</time></div>'
            f'<div class="article__sapo cms-desc"><i class="cand"></i>{escape(a.lead)}</div>'
            f'<div class="article__body cms-body">{_ps(a.body[:m])}{_figure(a)}'
            f'<div class="wrap-btn-share"><a href="#">Chia sẻ</a></div>{_ps(a.body[m:])}</div>'
            f'<div class="article__tag">{"".join(f"<a href=/tag/{i}>{escape(t)}</a>" for i, t in enumerate(a.tags))}'
            f'</div><div class="related"><h3>Tin liên quan</h3><a href="/khac-post1.html">Bài khác</a></div></main>')
    return _shell(a.title, meta, main)


def render_sggp(a: ReplayArticle) -> str:
    return render_cand_current(a).replace('<i class="cand"></i>', "")


def _dmy(a: ReplayArticle, fmt: str = "%d/%m/%Y %H:%M") -> str:
    return a.dt.strftime(fmt) if a.dt else ""


def render_cand_legacy(a: ReplayArticle) -> str:
    """cand.com.vn until mid-2025 (box-* classes); no article:published_time, a visible date."""
    m = _middle(a.body)
    date = f'<div class="box-date">{_dmy(a, "%H:%M %d/%m/%Y")} |</div>' if a.dt else ""
    main = (f'<ul class="uk-breadcrumb"><li class="bc-item"><a href="/{CAND_CATEGORY}/">Toàn dân bảo vệ ANTQ</a></li>'
            f'<li class="bc-item"><a href="#">{escape(a.section)}</a></li></ul>'
            f'<div class="box-content-detail"><h1 class="box-title-detail entry-title">{escape(a.title)}</h1>{date}'
            f'<div class="box-author"><strong>{escape(a.author)} -</strong></div>'
            f'<div class="box-des-detail this-one"><p>{escape(a.lead)}</p></div>'
            f'<div class="detail-content-body">{_ps(a.body[:m])}<div class="box-detail-thumb">{_figure(a)}'
            f'<span>{escape(a.caption)}</span></div>{_ps(a.body[m:])}</div>'
            f'<div class="box-tag">{"".join(f"<a href=/tag/x-{i}>{escape(t)}</a>" for i, t in enumerate(a.tags))}</div>'
            f'</div>')
    return _shell(a.title, "", main)


def render_congan(a: ReplayArticle) -> str:
    m = _middle(a.body)
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    date = f"{weekday[a.dt.weekday()]}, {_dmy(a)}" if a.dt else ""
    main = (f'<div class="detail"><h1 class="title-detail">{escape(a.title)}</h1>'
            f'<span class="date-detail">{date}</span><div class="sapo-detail">(CAO) {escape(a.lead)}</div>'
            f'<div class="noi-dung">{_ps(a.body[:m])}<div class="img-caption">{escape(a.caption)}</div>'
            f'{_ps(a.body[m:])}<p class="author-detail">{escape(a.author)}</p></div></div>')
    return _shell(a.title, f'<meta property="og:title" content="{escape(a.title)}">', main)


def render_thanhuy(a: ReplayArticle) -> str:
    main = (f'<div class="news-detail"><h1 class="title">{escape(a.title)}</h1><span class="time">{_dmy(a)}</span>'
            f'<div class="summary">(Thanhuytphcm.vn) - {escape(a.lead)}</div>'
            f'<div class="content-detail">{_ps(a.body)}<p class="author">{escape(a.author)}</p></div></div>')
    return _shell(a.title, "", main)


def render_danang_current(a: ReplayArticle) -> str:
    """baodanang.vn after the 2025 merger: the "sc-longform" CMS."""
    main = (f'<article class="sc-longform"><div class="sc-longform-header">'
            f'<h1 class="sc-longform-header-title block-sc-title">{escape(a.title)}</h1>'
            f'<span class="sc-longform-header-date block-sc-publish-time">{_dmy(a, "%d/%m/%Y - %H:%M")}</span>'
            f'<span class="sc-longform-header-author">{escape(a.author)}</span>'
            f'<p class="sc-longform-header-sapo block-sc-sapo">{escape(a.lead)}</p></div>'
            f'<div class="entry b-maincontent">{_ps(a.body)}<figure>{escape(a.caption)}</figure></div></article>')
    return _shell(a.title, "", main)


def render_danang_old(a: ReplayArticle) -> str:
    """baodanang.vn before 2025: `div.col-content` paragraphs (a bold sapo first, a right-aligned
    byline last), the date in `div.date` as `HH:MM dd/mm/YYYY`, no metadata in the head."""
    m = _middle(a.body)
    main = (f'<div class="container"><div class="col-left"><div class="breadcrumb"><a href="/{DANANG_CHANNEL}/">'
            f'{escape(a.section)}</a></div><h1 class="title">{escape(a.title)}</h1>'
            f'<div class="date">{_dmy(a, "%H:%M %d/%m/%Y")}</div>'
            f'<div class="col-content"><p><strong>{escape(a.lead)}</strong></p>{_ps(a.body[:m])}'
            f'<table class="image" align="center"><tr><td><img src="/dataimages/{a.id}.jpg"></td></tr>'
            f'<tr><td><p>{escape(a.caption)}</p></td></tr></table>{_ps(a.body[m:])}'
            f'<p style="text-align: right;"><strong>{escape(a.author)}</strong></p></div></div>'
            f'<div class="col-right"><h3>Tin mới</h3><ul><li><a href="/">Trang chủ</a></li></ul></div></div>')
    return _shell(a.title, "", main)


def render_baoquangnam(a: ReplayArticle) -> str:
    main = (f'<article><h1>{escape(a.title)}</h1><div class="meta"><span class="date">{_dmy(a)}</span></div>'
            f'<div class="chapeau">(QNO) - {escape(a.lead)}</div><div class="body-content">{_ps(a.body)}'
            f'<p class="caption">{escape(a.caption)}</p><p class="author"><strong>{escape(a.author)}</strong></p>'
            f'</div></article>')
    return _shell(a.title, "", main)


def render_generic(a: ReplayArticle) -> str:
    head = (f'<meta property="og:title" content="{escape(a.title)}">'
            + (f'<meta property="article:published_time" content="{a.published}">' if a.published else ""))
    main = (f'<div class="container"><article><h1>{escape(a.title)}</h1><p class="lead"><b>{escape(a.lead)}</b></p>'
            f'{_ps(a.body)}<p><em>{escape(a.author)}</em></p></article>'
            f'<aside><h3>Đọc nhiều</h3><ul><li><a href="/x.html">Tin khác</a></li></ul></aside></div>')
    return _shell(a.title, head, main)


RENDER = {
    ("cand", "current"): render_cand_current, ("cand", "legacy"): render_cand_legacy,
    ("sggp", "current"): render_sggp, ("congan", "current"): render_congan,
    ("thanhuy", "current"): render_thanhuy, ("danang", "current"): render_danang_current,
    ("danang", "legacy"): render_baoquangnam, ("news", "current"): render_generic,
    ("danang", "old"): render_danang_old,
}
LISTINGS = {  # (outlet, layout) -> listing path template for page n (n >= 1)
    ("cand", "current"): lambda n: "/toan-dan-bao-ve-antq" + (f"?page={n}" if n > 1 else ""),
    ("cand", "legacy"): lambda n: f"/{CAND_CATEGORY}/" + (f"page-{n}/" if n > 1 else ""),
    ("sggp", "current"): lambda n: "/anninhtrattu/" + (f"?page={n}" if n > 1 else ""),
    ("congan", "current"): lambda n: "/tin-chinh/" + (f"trang-{n}.html" if n > 1 else ""),
    ("thanhuy", "current"): lambda n: "/tin-tuc/an-ninh-quoc-phong" + (f"?page={n}" if n > 1 else ""),
    ("danang", "current"): lambda n: "/quoc-phong-an-ninh" + (f"?page={n}" if n > 1 else ""),
    ("danang", "legacy"): lambda n: "/an-ninh-trat-tu/" + (f"trang-{n}.html" if n > 1 else ""),
    ("danang", "old"): lambda n: f"/{DANANG_CHANNEL}/" + (f"?paged={n}" if n > 1 else ""),
    ("news", "current"): lambda n: "/an-ninh/" + (f"p{n}.html" if n > 1 else ""),
}


def _listing(outlet: str, layout: str, items: list[ReplayArticle], page: int, pages: int,
             extra_links: list[str]) -> str:
    links = "".join(
        f'<article class="story"><h3 class="story__heading box-category-title-text b-grid__title">'
        f'<a class="cms-link" href="{a.url}">{escape(a.title)}</a></h3></article>' for a in items
    ) + "".join(f'<article class="story"><h3><a class="cms-link" href="{u}">Bài viết</a></h3></article>'
                for u in extra_links)
    nav = ""
    if page < pages:
        nav = f'<div class="pagination"><a class="next btn-next-page" rel="next" href="{LISTINGS[(outlet, layout)](page + 1)}">Trang sau</a></div>'
    return _shell(f"{outlet} trang {page}", "", f'<div class="box-widget-loaded list">{links}</div>{nav}')


def listing_old_danang(items: list[ReplayArticle], page: int, pages: int) -> str:
    """The pre-2025 baodanang.vn listing: dated items, and a numbered pager (`?paged=N`) with no
    "next" link."""
    links = "".join(f'<li class="item"><a class="avatar" href="{a.url}">{escape(a.title)}</a>'
                    f'<span class="date">{_dmy(a, "%H:%M %d/%m/%Y")}</span></li>' for a in items)
    pager = "".join(f'<a href="?paged={n}">{n}</a>' if n != page else f"<span>{n}</span>"
                    for n in range(max(1, page - 2), min(pages, page + 2) + 1))
    return _shell(f"Báo Đà Nẵng trang {page}", "", f'<ul class="list-full-1">{links}</ul><div class="paging">{pager}</div>')


def _sitemap(urls: list[tuple[str, str]]) -> str:
    rows = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{d}</lastmod></url>" for u, d in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'


def _sitemap_index(locs: list[str]) -> str:
    rows = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'


def _rss(title: str, items: list[ReplayArticle]) -> str:
    rows = "".join(
        f"<item><title>{escape(a.title)}</title><link>{escape(a.url)}</link>"
        f"<pubDate>{a.dt.strftime('%a, %d %b %Y %H:%M:%S %z') if a.dt else ''}</pubDate>"
        f"<description>{escape(a.lead)}</description></item>" for a in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"{rows}</channel></rss>")


ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem/\n"
SPECIAL = {
    # URLs the site links to that test the crawler's error handling.
    "missing": "/bai-viet-da-go-post799999.html",  # 404 on cand.vn
    "disallowed": "/admin/ban-nhap-post799998.html",  # robots.txt forbids it
}


_HTML = {"Content-Type": "text/html; charset=utf-8"}
_XML = {"Content-Type": "application/xml; charset=utf-8"}
_TEXT = {"Content-Type": "text/plain"}


def redesigned(html: str) -> str:
    """A layout after a redesign: every class renamed (`article__body` -> `v2-article__body`)
    and the date metadata gone, as when an outlet changes its CMS templates overnight."""
    import re

    html = re.sub(r'class="([^"]*)"', lambda m: 'class="' + " ".join(f"v2-{c}" for c in m[1].split()) + '"', html)
    html = re.sub(r'<meta property="article:published_time"[^>]*>', "", html)
    return re.sub(r'"datePublished": "[^"]*"', '"dateCreated": ""', html)


def build(articles: list[ReplayArticle] | None = None,
          changed: frozenset[tuple[str, str]] = frozenset()) -> dict[str, dict[str, Page]]:
    """host -> path -> Page; the article pages of the layouts in `changed` ((outlet, layout))
    served `redesigned`, to test the crawl's layout-change alarm."""
    articles = articles if articles is not None else load_articles()
    site: dict[str, dict[str, Page]] = defaultdict(dict)
    by_layout: dict[tuple[str, str], list[ReplayArticle]] = defaultdict(list)
    for a in articles:
        by_layout[(a.outlet, a.layout)].append(a)
    faults = {"broken": False, "fail": False}  # one page with broken markup, one that fails once
    for (outlet, layout), items in by_layout.items():
        items.sort(key=lambda a: a.published or "", reverse=True)
        if outlet == "news":
            _small_outlets(site, items)
        else:
            _outlet_pages(site, outlet, layout, items, faults, (outlet, layout) in changed)
    _sitemaps_and_feeds(site, articles)
    _sggp_api(site, by_layout.get(("sggp", "current"), []))
    # cand.com.vn moved: every path redirects to the same path on cand.vn
    site["cand.com.vn"]["*"] = Page(301, b"", {"Location": "https://cand.vn{path}"})
    return dict(site)


def _small_outlets(site: dict[str, dict[str, Page]], items: list[ReplayArticle]) -> None:
    """Several small outlets (the generic `news` spider): each serves its pages, a sitemap and a feed."""
    for host in sorted({a.host for a in items}):
        mine = [a for a in items if a.host == host]
        for a in mine:
            site[host][a.path] = Page(200, render_generic(a).encode("utf-8"), _HTML)
        site[host]["/sitemap.xml"] = Page(200, _sitemap([(a.url, a.published or "") for a in mine]).encode(), _XML)
        site[host]["/rss.xml"] = Page(200, _rss(host, mine).encode(), _XML)
        site[host]["/robots.txt"] = Page(200, ROBOTS.encode(), _TEXT)


def _outlet_pages(site: dict[str, dict[str, Page]], outlet: str, layout: str, items: list[ReplayArticle],
                  faults: dict[str, bool], changed: bool = False) -> None:
    """One layout's article pages (the first SGGP page broken, the first Công an page failing
    once) and its category listing with pagination."""
    host = HOSTS[(outlet, layout)]
    for a in items:
        body = RENDER[(outlet, layout)](a)
        body = redesigned(body) if changed else body
        page = Page(200, body.encode("utf-8"), _HTML)
        if outlet == "sggp" and not faults["broken"]:
            cut = body.index("</div></main>")  # broken markup: unclosed tags, no </body></html>
            page = Page(200, (body[:cut] + "<div><p>").encode("utf-8"), _HTML)
            faults["broken"] = True
        elif outlet == "congan" and not faults["fail"]:
            page.fail_first = 1  # 500 once, then the page
            faults["fail"] = True
        site[host][a.path] = page
    pages = max(1, -(-len(items) // PAGE_SIZE))
    for n in range(1, pages + 1):
        chunk = items[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
        extra = [f"https://{host}{p}" for p in SPECIAL.values()] if (host, n) == ("cand.vn", 1) and layout == "current" else []
        listing = (listing_old_danang(chunk, n, pages) if (outlet, layout) == ("danang", "old")
                   else _listing(outlet, layout, chunk, n, pages, extra))
        site[host][LISTINGS[(outlet, layout)](n)] = Page(200, listing.encode(), _HTML)
    site[host]["/robots.txt"] = Page(200, ROBOTS.encode(), _TEXT)


def _sitemaps_and_feeds(site: dict[str, dict[str, Page]], articles: list[ReplayArticle]) -> None:
    """Monthly news sitemaps of cand.vn and SGGP (one of them gzipped) with their index, and RSS feeds."""
    for outlet, host in (("cand", "cand.vn"), ("sggp", "www.sggp.org.vn")):
        months: dict[str, list[ReplayArticle]] = defaultdict(list)
        for a in articles:
            if a.outlet == outlet and a.dt:
                months[f"{a.dt.year}-{a.dt.month}"].append(a)
        locs = []
        for i, (ym, month_items) in enumerate(sorted(months.items())):
            xml_text = _sitemap([(a.url, a.published) for a in month_items])
            if outlet == "sggp" and i == 0:
                path = f"/sitemaps/news-{ym}.xml.gz"
                site[host][path] = Page(200, gzip.compress(xml_text.encode()), {"Content-Type": "application/x-gzip"})
            else:
                path = f"/sitemaps/news-{ym}.xml"
                site[host][path] = Page(200, xml_text.encode(), _XML)
            locs.append(f"https://{host}{path}")
        site[host]["/sitemap.xml"] = Page(200, _sitemap_index(locs).encode(), _XML)
        newest = sorted((a for a in articles if a.outlet == outlet and a.dt), key=lambda a: a.published, reverse=True)
        site[host]["/rss/home.rss"] = Page(200, _rss(outlet, newest[:10]).encode(), _XML)


def _sggp_api(site: dict[str, dict[str, Page]], items: list[ReplayArticle]) -> None:
    """SGGP's JSON listing API (zone 112 = Pháp luật), newest first, one page past the end."""
    sggp = sorted(items, key=lambda a: a.published or "", reverse=True)
    for n in range(1, max(1, -(-len(sggp) // PAGE_SIZE)) + 2):
        chunk = sggp[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
        data = {"data": {"contents": [{"title": a.title, "description": f"<p>{escape(a.lead)}</p>", "url": a.path,
                                       "update_time": int(a.dt.timestamp()) if a.dt else 0} for a in chunk]}}
        site["api.sggp.org.vn"][f"/api/morenews-zone-112-{n}.html"] = Page(
            200, json.dumps(data, ensure_ascii=False).encode(), {"Content-Type": "application/json"})
    site["api.sggp.org.vn"]["/robots.txt"] = Page(200, ROBOTS.encode(), _TEXT)

"""Sài Gòn Giải Phóng (sggp.org.vn): sitemaps, RSS, the security listing, its zone listing
API and the search page (robots.txt permitting). The CMS is the one cand.vn uses now."""

from crawler.outlets import Outlet
from crawler.outlets.cand import CandCurrentPage
from crawler.pages import UrlRule


class SggpPage(CandCurrentPage):
    name = "sggp"
    urls = (UrlRule(r"-post(?P<id>\d{4,})\.html(?:$|\?)"),)
    tags_css = "div.article__tag a::text"


OUTLET = Outlet(
    name="sggp",
    title="Sài Gòn Giải Phóng (sitemaps, RSS, listings, zone API)",
    order=2,
    domains=("sggp.org.vn", "www.sggp.org.vn", "api.sggp.org.vn"),
    pages=(SggpPage,),
    sitemap_index="https://www.sggp.org.vn/sitemap.xml",
    feeds=("https://www.sggp.org.vn/rss/home.rss",),
    listings=("https://www.sggp.org.vn/anninhtrattu/",),
    listing_api="https://api.sggp.org.vn/api/morenews-zone-112-{page}.html?show_author=1&phrase=",
    topic_pages=("https://www.sggp.org.vn/tim-kiem/?q=m%C3%B4+h%C3%ACnh+t%E1%BB%B1+qu%E1%BA%A3n",),
)

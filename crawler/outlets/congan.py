"""Công an TP.HCM (congan.com.vn): the news listing and a tag page."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule


class CongAnPage(ArticlePage):
    """congan.com.vn (`_<ID>.html`); the sapo starts with "(CAO)"."""

    name = "congan"
    urls = (UrlRule(r"_(?P<id>\d{4,})\.html(?:$|\?)"),)
    title_css = (".title-detail",)
    lead_css = (".sapo-detail", ".sapo")
    body_css = (".noi-dung p", ".content-detail p")
    body_exclude = (".img-caption", ".author-detail")
    author_css = (".author-detail",)
    date_css = (".date-detail",)
    date_formats = ("%d/%m/%Y %H:%M",)


OUTLET = Outlet(
    name="congan",
    title="Công an TP.HCM (congan.com.vn)",
    order=3,
    domains=("congan.com.vn",),
    pages=(CongAnPage,),
    listings=("https://congan.com.vn/tin-chinh/",),
    topic_pages=("https://congan.com.vn/tag/M%C3%B4+h%C3%ACnh+t%E1%BB%B1+qu%E1%BA%A3n.html",),
)

"""Thành ủy TP.HCM (thanhuytphcm.vn, formerly hcmcpv.org.vn): the defence and security listing."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule


class ThanhUyPage(ArticlePage):
    """thanhuytphcm.vn (`/tin-tuc/<slug>-<10 digits>`); the sapo starts with "(Thanhuytphcm.vn) -"."""

    name = "thanhuy"
    urls = (UrlRule(r"/tin-tuc/[^?#]+-(?P<id>\d{10})(?:$|\?)"),)
    title_css = ("h1.title", ".news-detail h1")
    lead_css = (".summary", ".sapo")
    body_css = (".content-detail p", ".news-detail__content p")
    body_exclude = (".author",)
    author_css = (".author",)
    date_css = (".news-detail .time", ".news-detail__date", ".time")
    date_formats = ("%d/%m/%Y %H:%M",)


OUTLET = Outlet(
    name="thanhuy",
    title="Thành ủy TP.HCM (thanhuytphcm.vn)",
    order=4,
    domains=("thanhuytphcm.vn", "hcmcpv.org.vn"),
    pages=(ThanhUyPage,),
    listings=("https://thanhuytphcm.vn/tin-tuc/an-ninh-quoc-phong",),
)

"""Thành ủy TP.HCM (thanhuytphcm.vn, formerly hcmcpv.org.vn): the defence and security listing."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule


class ThanhUyPage(ArticlePage):
    """thanhuytphcm.vn (`/tin-tuc/<slug>-<10 digits>`); the sapo starts with "(Thanhuytphcm.vn) -"."""

    name = "thanhuy"
    urls = (UrlRule(r"/tin-tuc/[^?#]+-(?P<id>\d{10})(?:$|\?)"),)
    title_css = "h1.title ::text"
    lead_css = "div.summary ::text"
    body_css = "div.content-detail p"
    body_exclude = (".author",)
    author_css = "p.author::text"
    date_css = "span.time::text"
    date_formats = ("%d/%m/%Y %H:%M",)


OUTLET = Outlet(
    name="thanhuy",
    title="Thành ủy TP.HCM (thanhuytphcm.vn)",
    order=4,
    domains=("thanhuytphcm.vn", "hcmcpv.org.vn"),
    pages=(ThanhUyPage,),
    listings=("https://thanhuytphcm.vn/tin-tuc/an-ninh-quoc-phong",),
)

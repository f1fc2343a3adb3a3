"""Báo Đà Nẵng (baodanang.vn) and the legacy Báo Quảng Nam (baoquangnam.vn), merged into it in
2025: three layouts, the current "sc-longform" CMS, Báo Quảng Nam's, and baodanang.vn's own CMS
before the merger (its ids get the namespace `dn-`, see `DaNangLegacyPage`)."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule, clean, node_text


class BaoQuangNamPage(ArticlePage):
    """baoquangnam.vn before the merger; the sapo starts with "(QNO) -"."""

    name = "baoquangnam.legacy"
    urls = (
        UrlRule(r"-(?P<id>\d{7})\.html(?:$|\?)", hosts=("baoquangnam.vn",)),
        # Báo Quảng Nam until 2020: 6-digit ids under a category folder (`/toa-soan-ban-doc/<slug>-128624.html`)
        UrlRule(r"^https?://[^/]+/[^/?#]+/[^/?#]+-(?P<id>\d{6})\.html(?:$|\?)", hosts=("baoquangnam.vn",)),
    )
    title_css = ("article h1",)
    lead_css = (".chapeau",)
    body_css = (".body-content p",)
    body_exclude = (".caption", ".author")
    author_css = (".body-content .author strong", ".body-content .author")
    date_css = (".meta .date",)
    date_formats = ("%d/%m/%Y %H:%M",)


class DaNangCurrentPage(ArticlePage):
    """baodanang.vn after the 2025 merger ("sc-longform" CMS)."""

    name = "danang.current"
    urls = (UrlRule(r"-(?P<id>\d{7})\.html(?:$|\?)", hosts=("baodanang.vn",)),)
    title_css = (".sc-longform-header-title", ".block-sc-title")
    lead_css = (".sc-longform-header-sapo", ".block-sc-sapo")
    body_css = (".entry p", ".b-maincontent p")
    author_css = (".sc-longform-header-author",)
    date_css = (".sc-longform-header-date", ".block-sc-publish-time")
    date_formats = ("%d/%m/%Y - %H:%M", "%d/%m/%Y %H:%M")


class DaNangLegacyPage(ArticlePage):
    """baodanang.vn before the 2025 merger, its own CMS (`/<section>/<yyyymm>/<slug>-<ID>/`).

    The text is the paragraphs of `div.col-content`; a public crawler of it drops the first one
    (the sapo, in bold) and the last, right-aligned one (the byline), so they are the lead and
    the author here. The visible date in `div.date` reads `HH:MM dd/mm/YYYY` (Vietnam time).
    """

    name = "danang.legacy"
    urls = (
        # section one or two folders (`/ytesuckhoe/202108/...-3888676/`, `/channel/5404/201905/...-3202305/`).
        # Its ids overlap the Quảng Nam numbering baodanang.vn uses since 2025 (32xxxxx in 2019 there,
        # 32xxxxx-33xxxxx here), so they get a namespace: source id `dn-<ID>`.
        UrlRule(r"^https?://[^/]+/(?:[^/?#]+/){1,2}(?:19|20)\d{2}(?:0[1-9]|1[0-2])/[^/?#]+-(?P<id>\d{6,8})"
                r"/?(?:$|\?)", hosts=("baodanang.vn",), id_prefix="dn-"),
    )
    title_css = (".col-left h1", "h1.title")
    lead_css = (".sapo",)
    body_css = (".col-content p",)
    body_exclude = ("table",)
    date_css = (".date",)
    date_formats = ("%H:%M %d/%m/%Y", "%H:%M, %d/%m/%Y", "%H:%M - %d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y")
    _right = "contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'text-align:right')"

    def _lead_p(self):
        """The first paragraph, when it is all bold: the sapo of this layout."""
        first = self.sel.css(".col-content p")[:1]
        if not first:
            return None
        p = first[0]
        whole = node_text(p)
        bold = clean(" ".join(p.css("strong ::text, b ::text").getall()))
        return p if whole and whole == bold else None

    def lead(self) -> str | None:
        text = super().lead()
        if text:
            return text
        p = self._lead_p()
        if p is None:
            return None
        self.matched["lead"] = ".col-content p:first-child strong"
        return node_text(p)

    def body_nodes(self) -> list:
        """The paragraphs but the bold sapo (when no `.sapo` holds it) and the right-aligned byline."""
        if self._body_cache is not None:
            return self._body_cache
        nodes = [p for p in super().body_nodes() if not p.xpath(f"self::*[{self._right}]")]
        lead = self._lead_p()
        if lead is not None and nodes and nodes[0].root is lead.root and not ArticlePage.lead(self):
            nodes = nodes[1:]
        self._body_cache = nodes
        return nodes

    def author(self) -> str | None:
        right = self.sel.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' col-content ')]"
                               f"//p[{self._right}]")
        name = node_text(right[-1]) if right else ""
        return name or super().author()


OUTLET = Outlet(
    name="danang",
    title="Báo Đà Nẵng and the legacy Báo Quảng Nam",
    order=5,
    domains=("baodanang.vn", "baoquangnam.vn"),
    pages=(BaoQuangNamPage, DaNangCurrentPage, DaNangLegacyPage),
    listings=("https://baodanang.vn/quoc-phong-an-ninh", "https://baoquangnam.vn/an-ninh-trat-tu/",
              "https://baodanang.vn/channel/5399/"),
    notes="Báo Quảng Nam merged into Báo Đà Nẵng in 2025; old ids live on under baodanang.vn. The pre-2025 "
          "baodanang.vn listings are `/channel/<n>/?paged=N` (channel number of its security section "
          "unverified: 5404, 5432, 5433, 6059 are seen in public code)",
)

"""Báo Đà Nẵng (baodanang.vn) and the legacy Báo Quảng Nam (baoquangnam.vn), merged into it in
2025: three layouts, the current "sc-longform" CMS, Báo Quảng Nam's, and baodanang.vn's own CMS
before the merger (its ids get the namespace `dn-`, see `DaNangLegacyPage`)."""

from crawler.outlets import Outlet
from crawler.pages import ArticlePage, UrlRule, clean, css_class_xpath


class BaoQuangNamPage(ArticlePage):
    """baoquangnam.vn before the merger; the sapo starts with "(QNO) -"."""

    name = "baoquangnam.legacy"
    urls = (
        UrlRule(r"-(?P<id>\d{7})\.html(?:$|\?)", hosts=("baoquangnam.vn",)),
        # Báo Quảng Nam until 2020: 6-digit ids under a category folder (`/toa-soan-ban-doc/<slug>-128624.html`)
        UrlRule(r"^https?://[^/]+/[^/?#]+/[^/?#]+-(?P<id>\d{6})\.html(?:$|\?)", hosts=("baoquangnam.vn",)),
    )
    title_css = "article h1 ::text"
    lead_css = "div.chapeau ::text"
    body_css = "div.body-content p"
    body_exclude = (".caption", ".author")
    author_css = "div.body-content p.author strong::text"
    date_css = "div.meta span.date::text"
    date_formats = ("%d/%m/%Y %H:%M",)


class DaNangCurrentPage(ArticlePage):
    """baodanang.vn after the 2025 merger ("sc-longform" CMS)."""

    name = "danang.current"
    urls = (UrlRule(r"-(?P<id>\d{7})\.html(?:$|\?)", hosts=("baodanang.vn",)),)
    title_css = "h1.sc-longform-header-title ::text"
    lead_css = "p.sc-longform-header-sapo ::text"
    body_css = "div.entry p, article.entry p"
    body_exclude = ("figure",)
    author_css = ".sc-longform-header-author::text"
    date_css = "span.sc-longform-header-date::text"
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
    title_css = "h1 ::text"
    lead_css = "div.sapo ::text"
    body_css = "div.col-content p"
    body_exclude = ("figure", "figcaption", ".caption", ".author", "table")
    date_css = "div.date ::text"
    date_formats = ("%H:%M %d/%m/%Y", "%H:%M, %d/%m/%Y", "%H:%M - %d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y")
    _right = "contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'text-align:right')"

    def _lead_p(self):
        """The first paragraph, when it is all bold: the sapo of this layout."""
        first = self.sel.css("div.col-content p")[:1]
        if not first:
            return None
        p = first[0]
        whole = clean(" ".join(p.css("::text").getall()))
        bold = clean(" ".join(p.css("strong ::text, b ::text").getall()))
        return p if whole and whole == bold else None

    def lead(self) -> str | None:
        text = super().lead()
        if text:
            return text
        p = self._lead_p()
        return clean(" ".join(p.css("::text").getall())) if p is not None else None

    def body(self) -> list[str]:
        paragraphs = [p for p in self.sel.css(self.body_css) if not p.xpath(f"self::*[{self._right}]")
                      and not any(p.xpath(f"ancestor-or-self::*[{css_class_xpath(c)}]") for c in self.body_exclude)]
        lead = self._lead_p()
        if lead is not None and not super().lead() and paragraphs and paragraphs[0].root is lead.root:
            paragraphs = paragraphs[1:]
        return [t for t in (clean(" ".join(p.css("::text").getall())) for p in paragraphs) if t]

    def author(self) -> str | None:
        right = self.sel.xpath(f"//div[contains(concat(' ', normalize-space(@class), ' '), ' col-content ')]"
                               f"//p[{self._right}]")
        name = clean(" ".join(right[-1].css("::text").getall())) if right else ""
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

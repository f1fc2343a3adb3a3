"""One spider class per registered outlet (crawler/outlets/), so that Scrapy's spider loader,
which looks for classes in SPIDER_MODULES, finds them: `scrapy list`, `scrapy crawl NAME`."""

from __future__ import annotations

from crawler.outlets import Outlet, all_outlets
from crawler.spiders.base import OutletSpider


def spider_class(outlet: Outlet) -> type[OutletSpider]:
    """The spider of `outlet`: `OutletSpider`, with the outlet's own spider mixin first when it has one."""
    bases = (outlet.spider_mixin, OutletSpider) if outlet.spider_mixin else (OutletSpider,)
    doc = f"`scrapy crawl {outlet.name}`: {outlet.title}."
    return type(f"{outlet.name.title()}Spider", bases, {"name": outlet.name, "outlet": outlet,
                                                          "__module__": __name__, "__doc__": doc})


SPIDERS = {outlet.name: spider_class(outlet) for outlet in all_outlets()}
globals().update({cls.__name__: cls for cls in SPIDERS.values()})

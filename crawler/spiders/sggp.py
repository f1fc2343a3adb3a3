"""`scrapy crawl sggp -a since=YYYY-MM-DD`: Sài Gòn Giải Phóng (sitemaps, RSS, listings, zone API)."""

from crawler.spiders.base import OutletSpider


class SggpSpider(OutletSpider):
    name = "sggp"

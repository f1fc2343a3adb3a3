"""`scrapy crawl danang -a since=YYYY-MM-DD`: Báo Đà Nẵng and the legacy Báo Quảng Nam."""

from crawler.spiders.base import OutletSpider


class DaNangSpider(OutletSpider):
    name = "danang"

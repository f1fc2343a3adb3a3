"""`scrapy crawl cand -a since=YYYY-MM-DD`: Báo Công an Nhân dân, cand.vn and the legacy cand.com.vn."""

from crawler.spiders.base import OutletSpider


class CandSpider(OutletSpider):
    name = "cand"

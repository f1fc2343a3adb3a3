"""`scrapy crawl congan -a since=YYYY-MM-DD`: Công an TP.HCM (congan.com.vn)."""

from crawler.spiders.base import OutletSpider


class CongAnSpider(OutletSpider):
    name = "congan"

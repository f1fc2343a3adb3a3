"""`scrapy crawl thanhuy -a since=YYYY-MM-DD`: Thành ủy TP.HCM (thanhuytphcm.vn)."""

from crawler.spiders.base import OutletSpider


class ThanhUySpider(OutletSpider):
    name = "thanhuy"

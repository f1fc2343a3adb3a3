"""The spiders: one per registered outlet (`scrapy list`), built in `outlets.py` from the
registry (crawler/outlets/) on the shared `base.OutletSpider`."""

"""One spider per outlet (`scrapy list`), plus `news` for any outlet by URL list, sitemap or feed."""

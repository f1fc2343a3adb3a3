"""The Scrapy project: spiders per outlet, page objects per layout, polite settings."""

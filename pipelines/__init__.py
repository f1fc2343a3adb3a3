"""Scrapy item pipelines (into the article store) and, later, the catalog build."""

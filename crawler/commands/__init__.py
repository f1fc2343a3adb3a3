"""Project commands for `scrapy`: `crawl` with an exit status that says when nothing was fetched."""

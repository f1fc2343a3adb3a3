"""Layout health: does each outlet layout still match the pages the crawl reads?

An outlet redesigns its pages without notice; the crawl then stores articles without a lead,
bodies from the trafilatura fallback, undated pages. For every article page read, the spider
counts, per outlet and layout, which fields the layout's own selectors found
(`record`, into the crawl stats under `antt/layout/<outlet>/<layout>/<field>`); at the end
`alarms` compares the shares with the thresholds of the `ANTT_LAYOUT_MIN_SHARE` setting
(`crawler/settings.py`: body and title on at least 80% of the pages, a date on at least 80%,
i.e. dates missing on at most 20%, a lead on at least half) for every layout that read at
least `ANTT_LAYOUT_MIN_PAGES` pages. `antt crawl` names each alarm and exits with status 3.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from crawler.pages import ArticlePage, ParsedArticle

PREFIX = "antt/layout/"
FIELDS = ("title", "lead", "body", "published")
DEFAULT_MIN_SHARE = {"title": 0.8, "lead": 0.5, "body": 0.8, "published": 0.8}
DEFAULT_MIN_PAGES = 3
_GENERIC = {*ArticlePage.GENERIC_TITLE, *ArticlePage.GENERIC_LEAD}


def found_by_layout(parsed: ParsedArticle) -> dict[str, bool]:
    """Which fields the page's layout found by its own selectors (a date: by any of the
    article's own sources; a body: not by the trafilatura fallback)."""
    own = {f: parsed.matched.get(f) not in (None, *_GENERIC) for f in ("title", "lead")}
    own["body"] = "body" in parsed.matched or parsed.extractor == "trafilatura"
    own["published"] = parsed.published is not None
    return own


def record(stats, outlet: str, layout: str, parsed: ParsedArticle) -> None:
    """Count one article page read by `layout`."""
    key = f"{PREFIX}{outlet}/{layout}/"
    stats.inc_value(key + "pages")
    for name, found in found_by_layout(parsed).items():
        if found:
            stats.inc_value(key + name)
    if parsed.rejected_dates:
        stats.inc_value(key + "dates_rejected", len(parsed.rejected_dates))


def layout_counts(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """`outlet/layout` -> its counts (pages, then each field's matches, dates rejected)."""
    out: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if not key.startswith(PREFIX):
            continue
        outlet, layout, name = key[len(PREFIX):].split("/", 2)
        out.setdefault(f"{outlet}/{layout}", {"pages": 0, **dict.fromkeys(FIELDS, 0)})[name] = int(value)
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class LayoutAlarm:
    """A layout that stopped matching: `field` found on `found` of `pages` pages."""

    layout: str  # outlet/layout
    field: str
    found: int
    pages: int
    threshold: float

    def message(self) -> str:
        what = "dates missing" if self.field == "published" else f"{self.field} selectors matched"
        count = self.pages - self.found if self.field == "published" else self.found
        limit = (f"more than {1 - self.threshold:.0%}" if self.field == "published"
                 else f"fewer than {self.threshold:.0%}")
        return f"{self.layout}: {what} on {count} of {self.pages} pages ({limit}): has the layout changed?"

    def asdict(self) -> dict[str, Any]:
        return {**asdict(self), "message": self.message()}


def alarms(stats: dict[str, Any], min_share: dict[str, float] | None = None,
           min_pages: int = DEFAULT_MIN_PAGES) -> list[LayoutAlarm]:
    """The fields of each layout found on fewer pages than their threshold allows."""
    shares = {**DEFAULT_MIN_SHARE, **{k: float(v) for k, v in (min_share or {}).items()}}
    out = []
    for layout, counts in layout_counts(stats).items():
        pages = counts["pages"]
        if pages < max(1, min_pages):
            continue
        for name, threshold in shares.items():
            found = counts.get(name, 0)
            if found < threshold * pages:
                out.append(LayoutAlarm(layout, name, found, pages, threshold))
    return out


def settings_alarms(stats: dict[str, Any], settings) -> list[LayoutAlarm]:
    """`alarms` with the thresholds of the crawl's settings."""
    return alarms(stats, settings.getdict("ANTT_LAYOUT_MIN_SHARE", DEFAULT_MIN_SHARE),
                  settings.getint("ANTT_LAYOUT_MIN_PAGES", DEFAULT_MIN_PAGES))

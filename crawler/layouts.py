"""Layout health: does each outlet layout still match the pages the crawl reads?

An outlet redesigns its pages without notice; the crawl then stores articles without a lead,
bodies from the trafilatura fallback, undated pages. For every article page read, the spider
counts, per outlet and layout, which fields the layout's own selectors found
(`record`, into the crawl stats under `antt/layout/<outlet>/<layout>/<field>`); at the end
`alarms` compares the shares with the thresholds of the `ANTT_LAYOUT_MIN_SHARE` setting
(`crawler/settings.py`: body and title on at least 80% of the pages, a date on at least 80%,
i.e. dates missing on at most 20%, a lead on at least half) for every layout that read at
least `ANTT_LAYOUT_MIN_PAGES` pages. `antt crawl` names each alarm and exits with status 3.

With a shared frontier (`crawler/frontier.py`) one worker reads only a share of a layout's pages,
so its own counts judge too little (a layout read 3 times per worker is never judged) or wrongly
(a worker alarms where the whole crawl would not). Each worker then also adds every page it counts
to a Redis hash of the frontier's run (`SharedLayoutCounts`, beside the frontier's queue and seen
set), and when it leaves it copies the sums into its stats (`antt/layout_frontier/...`): the
alarm is judged on those, i.e. on every page all the workers of the run have read so far; the
last worker to leave sees the whole crawl.

No page counts twice: a page is added when it is read, in one transaction, never as a worker's
running total, so a worker killed and started again keeps what it had read (those pages are in
the frontier's seen set and are not read again) and adds only what it reads next; the sums are
cleared when a new run of the frontier starts, with its queue and seen set, so a later crawl is
judged on its own pages, as one process would judge it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from weakref import WeakKeyDictionary

from crawler.pages import ArticlePage, ParsedArticle

PREFIX = "antt/layout/"
#: In a worker's stats: the frontier's summed counts as the worker left, and which counts it judged.
FRONTIER_PREFIX = "antt/layout_frontier/"
JUDGED = "antt/layouts_judged"
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
    """Count one article page read by `layout` (and add it to the frontier's sums when the
    crawl shares one)."""
    key = f"{outlet}/{layout}/"
    counts = {"pages": 1, **{name: 1 for name, found in found_by_layout(parsed).items() if found}}
    if parsed.rejected_dates:
        counts["dates_rejected"] = len(parsed.rejected_dates)
    for name, n in counts.items():
        stats.inc_value(PREFIX + key + name, n)
    shared = _SHARED.get(stats)
    if shared is not None:
        shared.add({key + name: n for name, n in counts.items()})


class SharedLayoutCounts:
    """The layout counts of all the workers of a frontier run: a Redis hash per spider,
    `antt:<spider>:layouts` beside the frontier's `antt:<spider>:requests`, field
    `<outlet>/<layout>/<field>`. Made by the frontier's scheduler, which clears it when a new run
    starts; `share` ties it to a crawler's stats so that `record` adds each page to it."""

    def __init__(self, server, spider: str):
        self.server, self.key = server, self.key_of(spider)

    @staticmethod
    def key_of(spider: str) -> str:
        return f"antt:{spider}:layouts"

    def add(self, counts: dict[str, int]) -> None:
        """One page's counts, all or none (a transaction): a page is never half counted."""
        pipe = self.server.pipeline(transaction=True)
        for field_key, n in counts.items():
            pipe.hincrby(self.key, field_key, n)
        pipe.execute()

    def totals(self) -> dict[str, int]:
        """The sums so far, as stats (`antt/layout_frontier/<outlet>/<layout>/<field>`)."""
        return {FRONTIER_PREFIX + (k.decode() if isinstance(k, bytes) else k): int(v)
                for k, v in self.server.hgetall(self.key).items()}

    def judge_on_totals(self, stats) -> None:
        """Copy the sums so far into `stats`, which are then judged on them (`judged_counts`)."""
        for key, value in self.totals().items():
            stats.set_value(key, value)
        stats.set_value(JUDGED, "frontier")


# a crawler's stats -> its frontier's counts (the spiders call `record` with their stats alone)
_SHARED: WeakKeyDictionary = WeakKeyDictionary()


def share(stats, counts: SharedLayoutCounts) -> None:
    """From now on, `record` adds the pages counted in `stats` to `counts` too."""
    _SHARED[stats] = counts


def layout_counts(stats: dict[str, Any], prefix: str = PREFIX) -> dict[str, dict[str, int]]:
    """`outlet/layout` -> its counts (pages, then each field's matches, dates rejected)."""
    out: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if not key.startswith(prefix):
            continue
        outlet, layout, name = key[len(prefix):].split("/", 2)
        out.setdefault(f"{outlet}/{layout}", {"pages": 0, **dict.fromkeys(FIELDS, 0)})[name] = int(value)
    return dict(sorted(out.items()))


def judged_counts(stats: dict[str, Any]) -> tuple[str, dict[str, dict[str, int]]]:
    """The counts the alarm judges, and whose: "frontier" (the sums of all the workers of a
    shared frontier, as this worker left) or "worker" (this process's own, without a frontier)."""
    if stats.get(JUDGED) == "frontier":
        return "frontier", layout_counts(stats, FRONTIER_PREFIX)
    return "worker", layout_counts(stats)


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
    """The fields of each layout found on fewer pages than their threshold allows, judged on
    the counts of `judged_counts` (the frontier's sums when the crawl shared one)."""
    shares = {**DEFAULT_MIN_SHARE, **{k: float(v) for k, v in (min_share or {}).items()}}
    out = []
    for layout, counts in judged_counts(stats)[1].items():
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

"""Publication dates as article pages state them, and the checks a date must pass.

A page shows many dates: its own (metadata, the dateline by the title) and its furniture's
(the header's "today", related-news lists, comments). `crawler.pages` chooses where to look;
this module reads what it found (`read_date`) and says whether a date is believable
(`DateCheck`): never after the page was fetched, never far from what the URL or the sitemap
says. A date that fails is rejected and the next candidate tried; no candidate, no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from nlp.dates import VN_TZ, parse_iso, parse_visible

# How far a page's date may lie from the month its URL names (`/202108/`, `/2021/08/`): a story
# is filed under the month it was written, published within days of it.
URL_SLACK_DAYS = 31
# A sitemap's `lastmod` (or a feed's pubDate, a listing's date) is the last change: the
# publication is not after it (2 days of slack for zones and clocks), and not more than this
# long before it.
HINT_DAYS_BEFORE = 400
HINT_SLACK_DAYS = 2

_TIME = r"(?P<h>\d{1,2})[:hg](?P<mi>\d{2})"
_DMY = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})"
_LONG = r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})"
_SEP = r"\s*(?:[,|\-–]\s*)?(?:lúc\s+)?"
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    _TIME + _SEP + _DMY, _DMY + _SEP + _TIME, _LONG + _SEP + _TIME, _TIME + _SEP + _LONG, _DMY, _LONG)]
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])?/")


def read_date(text: str | None, formats: tuple[str, ...] = ()) -> datetime | str | None:
    """A date a page states: ISO 8601 (metadata, `time[datetime]`), else the layout's `strptime`
    formats, else the Vietnamese datelines (`09:15 27/06/2025`, `Thứ Ba, 29/8/2017 - 10:30`,
    `ngày 29 tháng 8 năm 2017`). A datetime in Vietnam time when the time is shown, else
    the day as `YYYY-MM-DD`."""
    text = (text or "").strip()
    if not text:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        found = parse_iso(text)
        if found is not None:
            return found if ("T" in text or " " in text) else found.date().isoformat()
    if formats:
        found = parse_visible(text, formats)
        if found is not None:
            return found
    for rx in _PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        try:
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
            if "h" in rx.groupindex:
                return datetime.combine(day, time(int(m["h"]), int(m["mi"])), VN_TZ)
        except ValueError:
            continue
        return day.isoformat()
    return None


def day_of(found: datetime | str) -> date:
    return found.astimezone(VN_TZ).date() if isinstance(found, datetime) else date.fromisoformat(found[:10])


def url_window(url: str | None) -> tuple[date, date] | None:
    """The days a URL's date allows (`/2021/08/12/`, `/202108/`), with URL_SLACK_DAYS around
    its month (or day)."""
    m = _URL_DAY.search(url or "")
    if not m:
        return None
    year, month = int(m[1]), int(m[2])
    first = date(year, month, int(m[3]) if m[3] else 1)
    last = first if m[3] else date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    slack = timedelta(days=URL_SLACK_DAYS)
    return first - slack, last + slack


def hint_window(day: date) -> tuple[date, date]:
    """The days a sitemap's `lastmod` (or a feed's or listing's date) allows for publication."""
    return day - timedelta(days=HINT_DAYS_BEFORE), day + timedelta(days=HINT_SLACK_DAYS)


@dataclass(frozen=True)
class DateCheck:
    """What a publication date must agree with: the fetch time and the windows the URL and the
    discovery page give."""

    fetched: datetime | None = None
    windows: tuple[tuple[date, date], ...] = ()

    def problem(self, found: datetime | str) -> str | None:
        """Why `found` cannot be the publication date, or None."""
        day = day_of(found)
        if self.fetched is not None:
            fetched = self.fetched if self.fetched.tzinfo else self.fetched.replace(tzinfo=VN_TZ)
            late = (found > fetched + timedelta(hours=1)) if isinstance(found, datetime) else \
                day > fetched.astimezone(VN_TZ).date()
            if late:
                return "after the fetch time"
        for first, last in self.windows:
            if not first <= day <= last:
                return f"outside {first}..{last}"
        return None

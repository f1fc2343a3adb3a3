"""Publication dates and datelines: the one place dates are read, for the extractor (text and
JSON fields) and the crawler (page metadata, a page's visible date, listings, feeds, APIs).

Dates a page states without a zone are Vietnam time (`VN_TZ`). dateparser, with the settings
that work for Vietnamese, is the last resort for free-form text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_VI_LONG = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DMY_SLASH = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_WEEKDAY = re.compile(r"^(?:Thứ \w+|Chủ [Nn]hật),\s*")
_DATELINE = re.compile(r"^\s*date\s+(\d{4}-\d{1,2}(?:-\d{1,2})?)\b", re.IGNORECASE)

DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "TIMEZONE": "Asia/Ho_Chi_Minh"}


def _ymd(y: int, m: int, d: int | None) -> str | None:
    try:
        return date(y, m, d).isoformat() if d else date(y, m, 1).isoformat()[:7]
    except ValueError:
        return None


@lru_cache(maxsize=2048)
def parse_published(value: str) -> str | None:
    """`YYYY-MM-DD` (or `YYYY-MM` when only the month is known), or an ISO datetime kept whole."""
    value = value.strip()
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        if "T" in value or " " in value.strip():
            found = parse_iso(value, tz=None)
            if found is not None:
                return found.isoformat()
        return _ymd(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    for rx, order in ((_VI_LONG, (3, 2, 1)), (_DMY, (3, 2, 1))):
        m = rx.search(value)
        if m:
            return _ymd(int(m[order[0]]), int(m[order[1]]), int(m[order[2]]))
    import dateparser

    parsed = dateparser.parse(value, languages=["vi"], settings=DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def find_dateline(text: str) -> str | None:
    """A date standing at the top of a text (`date 2024-04 ...`, `Thứ Năm, ngày 1 tháng 6 năm 2023`)."""
    m = _DATELINE.match(text)
    if m:
        return parse_published(m[1])
    for line in [ln for ln in text.split("\n") if ln.strip()][:3]:
        if len(line) <= 60:
            m = _VI_LONG.search(line) or _DMY.search(line)
            if m:
                return _ymd(int(m[3]), int(m[2]), int(m[1]))
    return None


def published_day(published: object) -> str | None:
    """The schema's `published`: `YYYY-MM-DD` or `YYYY-MM`."""
    if published is None:
        return None
    if isinstance(published, datetime | date):
        return published.isoformat()[:10]
    s = str(published)
    m = re.match(r"\d{4}-\d{2}(?:-\d{2})?", s)
    return m[0] if m else None


# -- the crawler's dates: datetimes, Vietnam time unless stated --------------------------------
def parse_iso(value: str, tz: tzinfo | None = VN_TZ) -> datetime | None:
    """An ISO 8601 date or datetime (`Z` for UTC); without a zone it is taken in `tz` (left
    naive when `tz` is None)."""
    try:
        found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo or tz is None else found.replace(tzinfo=tz)


def parse_visible(text: str, formats: tuple[str, ...], tz: tzinfo = VN_TZ) -> datetime | None:
    """A date as a page shows it (`Thứ Hai, 27/06/2025 09:15 |`), read with the layout's
    `strptime` formats after the weekday and stray bars; in `tz`."""
    raw = _WEEKDAY.sub("", text.strip(" |"))
    for fmt in formats:
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    return None


def iso_day(value: str) -> date | None:
    """The day of an ISO 8601 date or datetime (a sitemap's `lastmod`, a `time[datetime]`)."""
    found = parse_iso(value, tz=None)
    return found.date() if found else None


def dmy_day(text: str) -> date | None:
    """The first `dd/mm/YYYY` date in a text (a listing item's date)."""
    m = _DMY_SLASH.search(text)
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def rss_day(value: str) -> date | None:
    """The day of an RSS `pubDate` (RFC 2822)."""
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


def from_timestamp(seconds: int | str, tz: tzinfo = VN_TZ) -> datetime:
    """A Unix timestamp (a JSON listing API's `update_time`) in `tz`."""
    return datetime.fromtimestamp(int(seconds), tz)

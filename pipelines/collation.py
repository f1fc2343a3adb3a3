"""Vietnamese order for every list a user reads (CLI summaries, report, CSV rows).

Code-point order puts "Bình Phước" before "Bắc Ninh" and every "Đ..." name last; ICU's
Vietnamese collation (CLDR `vi`, through PyICU) gives dictionary order: ă after a, â after
ă, đ after all of d, tones after the letters ("Bạc Liêu" < "Bắc Giang" < "Bến Tre" <
"Bình Phước"; "Dak" < "Đà Nẵng" < "Đắk Lắk" < "Đồng Nai"). pyuca (plain UCA, no Vietnamese
tailoring) was measured and rejected: it puts "Đà Nẵng" before "Dak" and "Ân" before "An Giang".

A unit's prefix ("Thành phố", "TP", "Tỉnh") is not part of its name for sorting: in a list of
provinces "Thành phố Hà Nội" sorts under H, beside "Hà Giang", as a reader looks for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

_PREFIX = regex.compile(r"^(?:thành phố|tp\.?|tỉnh)\s+", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _collator():
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi"))
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def sort_name(name: object) -> str:
    """The name a list sorts by: without a unit prefix."""
    text = "" if name is None else str(name)
    return _PREFIX.sub("", text, count=1)


@lru_cache(maxsize=65536)
def sort_key(name: object) -> bytes:
    """ICU Vietnamese sort key of the name without its prefix; the full name breaks ties
    ("Thành phố Huế" and "Huế" stay in a fixed order)."""
    text = "" if name is None else str(name)
    c = _collator()
    return c.getSortKey(sort_name(text)) + b"\x00" + c.getSortKey(text)


def sorted_vi(names: Iterable) -> list:
    """Names in Vietnamese order."""
    return sorted(names, key=sort_key)


def rank(values) -> dict:
    """Each distinct value's position in Vietnamese order (for sorting frames by a column)."""
    distinct = {v for v in values if v is not None and v == v}
    return {v: i for i, v in enumerate(sorted_vi(distinct))}


def rank_table(con, table: str, values_sql: str) -> None:
    """Vietnamese order inside DuckDB: `table(v, r)`, the rank of every distinct value the
    query `values_sql` (one column) gives, NULL aside. Joined on `v` to sort or to order a
    list; the values are few (names, labels), the rows they sort are many."""
    import pyarrow as pa

    values = [v for (v,) in con.execute(f"SELECT DISTINCT * FROM ({values_sql}) WHERE 1=1").fetchall()
              if v is not None]
    ordered = sorted_vi(values)
    ranks = pa.table({"v": pa.array(ordered, type=pa.string()), "r": pa.array(range(len(ordered)), type=pa.int64())})
    con.register("_ranks", ranks)
    con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM _ranks')
    con.unregister("_ranks")

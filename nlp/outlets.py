"""Outlets and their home provinces (`nlp/data/outlets.yaml`).

A provincial paper rarely names its own province: an article that names none is taken to be
about its outlet's home province. National outlets have none.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from nlp.lexicon import load


@cache
def _homes() -> dict[str, str]:
    data = load("outlets")
    return {domain: province for province, domains in data["provincial"].items() for domain in domains}


def domain_of(outlet_or_url: str | None) -> str:
    """`https://www.baophutho.vn/a.html` or `www.baophutho.vn` -> `baophutho.vn`."""
    text = (outlet_or_url or "").strip().lower()
    host = urlsplit(text).hostname if "//" in text else text.split("/", 1)[0]
    return (host or "").removeprefix("www.")


def home_province(outlet_or_url: str | None) -> str | None:
    """The home province (pre-2025 name) of a provincial or city outlet, else None."""
    return _homes().get(domain_of(outlet_or_url))


def national_outlets() -> frozenset[str]:
    return frozenset(load("outlets")["national"])

"""Outlets and their home provinces (`nlp/data/outlets.yaml`).

A provincial paper rarely names its own province: an article that names none is taken to be
about its outlet's home province. National outlets have none.
"""

from __future__ import annotations

import unicodedata
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
    """The home province (pre-2025 name) of a provincial or city outlet, else None: a
    registered domain (or a subdomain of one), else a host named after a province, as
    provincial papers and portals are (`baolongan.vn`, `svhtt.thuathienhue.gov.vn`)."""
    domain = domain_of(outlet_or_url)
    homes = _homes()
    labels = domain.split(".")
    for i in range(len(labels) - 1):
        home = homes.get(".".join(labels[i:]))
        if home:
            return home
    if domain in national_outlets():
        return None
    slugs = _province_slugs()
    for label in labels[:-1]:
        for stem in _stems(label):
            if stem in slugs:
                return slugs[stem]
    return None


# What papers, broadcasters and portals put around a province's name in their host
# (`baolongan`, `thainguyentv`, `truyenhinhthanhhoa`, `congantinhbacninh`, `hatinh24h`, a province's
# youth union `tuoitrehaugiang`, a city's portal `quan4.hochiminhcity.gov.vn`).
_HOST_PREFIXES = ("bao", "truyenhinh", "dai", "congan", "tinhuy", "dangbo", "tinhdoan", "mattran", "tinh", "tuoitre")
_HOST_SUFFIXES = ("tv", "rtv", "online", "24h", "news", "radio", "portal", "gov", "city")


def _stems(label: str) -> list[str]:
    out = [label]
    for prefix in _HOST_PREFIXES:
        if label.startswith(prefix):
            out.append(label[len(prefix):])
    for stem in list(out):
        out += [stem[: -len(suffix)] for suffix in _HOST_SUFFIXES if stem.endswith(suffix)]
    return out


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in s if ch.isascii() and ch.isalnum()).lower()


@cache
def _province_slugs() -> dict[str, str]:
    """`thuathienhue` -> Thừa Thiên Huế, `hanoi` -> Thành phố Hà Nội (pre-2025 provinces);
    a whole label of the host must spell one, which no other word does by chance."""
    from nlp.gazetteer import load as load_gazetteer

    out: dict[str, str] = {}
    for unit in load_gazetteer().provinces.values():
        if unit.era != "legacy":
            continue
        for name in (unit.short, unit.name):
            slug = _slug(name.removeprefix("Thành phố ").removeprefix("Tỉnh "))
            if len(slug) >= 5:
                out.setdefault(slug, unit.name)
    return out


def national_outlets() -> frozenset[str]:
    return frozenset(load("outlets")["national"])

"""The records that flow between stages, defined once.

Their JSON form (`to_dict`) is exactly the extraction record of the evaluation schema
(`doc_id`, `url`, `outlet`, `published`, `provinces`, `locations`, `models`, `statistics`),
plus extra keys (offsets, current 2025 units, extractor version) that the scorer ignores.

Naming: a *community model* is a "mô hình" (a grassroots security scheme such as
"Nhà trọ tự quản"), never a machine-learning model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

Level = Literal["province", "district", "ward", "other"]
Qualifier = Literal["exact", "more_than", "less_than", "about", "at_least", "at_most"]


@dataclass
class Article:
    """A news article as stored: metadata, clean text, and optionally the raw page."""

    url: str | None
    text: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | str | None = None
    lead: str | None = None
    author: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    raw_html: bytes | None = None
    html_extractor: str | None = None
    doc_id: str | None = None
    source: str | None = None  # the crawler's outlet key ("cand"): one outlet may span several domains
    source_id: str | None = None  # the outlet's own article id: one article under two URL forms is one

    @property
    def published_iso(self) -> str | None:
        if isinstance(self.published, datetime):
            return self.published.isoformat()
        return self.published


@dataclass
class Location:
    """A place named in the text, as reported, with its unit after the July 2025 reform."""

    mention: str
    level: Level
    name: str
    province: str | None
    start: int = -1
    end: int = -1
    district: str | None = None
    code: str | None = None
    provinces_2025: list[str] = field(default_factory=list)
    in_organization: bool = False
    confidence: float = 1.0  # 0-1, from the rule's own signals (nlp/confidence.py)


@dataclass
class CommunityModel:
    """A named community security model ("mô hình"), its canonical kind and its place."""

    mention: str
    canonical: str
    place: str | None
    province: str | None
    start: int = -1
    end: int = -1
    kind_id: str | None = None
    new_kind: bool = False
    provinces_2025: list[str] = field(default_factory=list)
    started: str | None = None  # when the text says it started: YYYY, YYYY-MM or YYYY-MM-DD
    started_evidence: str | None = None  # the words that say it, at [started_start, started_end)
    started_start: int = -1
    started_end: int = -1
    operator: str | None = None  # who runs it, as written ("Hội Phụ nữ xã"), at [operator_start, operator_end)
    operator_start: int = -1
    operator_end: int = -1
    confidence: float = 1.0  # 0-1, from the rule's own signals (nlp/confidence.py)


@dataclass
class Statistic:
    """A reported figure with what it counts, where, when, and the exact words it came from."""

    value: float | int
    qualifier: Qualifier
    unit: str
    subject: str
    place: str | None
    province: str | None
    period: str | None
    evidence: str
    start: int = -1
    end: int = -1
    value_max: float | int | None = None
    model: str | None = None
    provinces_2025: list[str] = field(default_factory=list)
    total: float | int | None = None  # the whole of a coverage ratio (`12/12 tổ dân phố`: 12 of 12)
    confidence: float = 1.0  # 0-1, from the rule's own signals (nlp/confidence.py)
    planned: bool = False  # a plan, target or forecast ("dự kiến lắp 200 camera"), not a result


@dataclass
class Extraction:
    """Everything extracted from one document: one record of the evaluation schema."""

    doc_id: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    provinces: list[str] = field(default_factory=list)
    provinces_2025: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    models: list[CommunityModel] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    extractor_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        def build(kind: type, rows: list[dict] | None) -> list:
            names = {f.name for f in fields(kind)}
            return [kind(**{k: v for k, v in row.items() if k in names}) for row in rows or []]

        names = {f.name for f in fields(cls)}
        plain = {k: v for k, v in data.items() if k in names}
        plain["locations"] = build(Location, data.get("locations"))
        plain["models"] = build(CommunityModel, data.get("models"))
        plain["statistics"] = build(Statistic, data.get("statistics"))
        return cls(**plain)

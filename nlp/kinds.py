"""Canonical kinds of community models: the versioned alias file plus fuzzy matching.

A mined name maps to a kind by exact alias, then by fuzzy similarity (rapidfuzz), then by a
distinctive keyword confirmed by similarity. A name that fits no kind becomes a new kind of
its own (label = its folded name): never forced into a wrong one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex as re
import yaml
from rapidfuzz import fuzz, process

from nlp.lexicon import load
from nlp.normalize import fold_key

DATA = Path(__file__).parent / "data"

# Short forms applied before comparing names (nlp/data/model_names.yaml, `abbreviations`).
_ABBREV_RX = [(re.compile(a["pattern"]), a["short"]) for a in load("model_names")["abbreviations"]]


_LEAD_MO_HINH = re.compile(r"^(?:các |những )?mô hình\s+")
_SPACES = re.compile(r"\s+")
_HEAD_WORDS = "|".join(re.escape(w) for w in load("model_names")["slogan_heads"])
_SLOGAN_HEAD = re.compile(rf"^(?:{_HEAD_WORDS}) ((?:[0-9]+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) (?![0-9])\S.*)$")
_TAIL_WORDS = "|".join(sorted((re.escape(w) for w in load("model_names")["place_tails"]), key=len, reverse=True))
_PLACE_TAIL = re.compile(rf"^(\S+(?: \S+)+?) (?:(?:tại|ở|của) )?(?!xã hội|buôn bán|bản cam kết|bản đồ)"
                         rf"(?:{_TAIL_WORDS})(?: \S+)*$")

_TEAM_NUMBER = re.compile(r"^(\S+(?: \S+)+) số [0-9]+$")


@lru_cache(maxsize=16384)
def model_key(name: str) -> str:
    """Comparable form of a model name: folded, `mô hình` and punctuation dropped, ANTT/PCCC abbreviated."""
    s = fold_key(name)
    s = _LEAD_MO_HINH.sub("", s)
    for rx, rep in _ABBREV_RX:
        s = rx.sub(rep, s)
    return _SPACES.sub(" ", s).strip()


def slug(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9+]+", "-", s.lower()).strip("-")


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    domain: str = "khac"
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    new: bool = False
    standalone: bool = False  # a model wherever its name stands (no "mô hình" needed)
    standalone_names: tuple[str, ...] = ()  # these names of it are models wherever they stand
    exact_only: bool = False  # a generic name: only its own aliases, never a fuzzy match


@dataclass(eq=False)
class KindIndex:
    version: int
    kinds: dict[str, Kind]
    alias_keys: dict[str, str] = field(default_factory=dict)  # model_key(alias) -> kind id
    alias_words: list[tuple[frozenset[str], int, str]] = field(default_factory=list)  # long aliases as word sets
    keyword_keys: list[tuple[str, str]] = field(default_factory=list)  # (model_key(keyword), kind id)
    fuzzy_keys: list[str] = field(default_factory=list)  # alias keys a name may match approximately
    # The fuzzy keys with their words sorted (token_sort_ratio's view of them, made once) and
    # the keywords by their first word.
    fuzzy_sorted: list[str] = field(default_factory=list)
    keywords_by_first: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # domain -> words (as ` key `, padded) a name of that field holds: see `_fits`
    domain_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    security_words: tuple[str, ...] = ()  # (padded keys) a name of security whatever else it names

    def match(self, name: str) -> Kind:
        return _match(self, model_key(name))


@lru_cache(maxsize=1)
def load_kinds() -> KindIndex:
    data = yaml.safe_load((DATA / "model_kinds.yaml").read_text(encoding="utf-8"))
    kinds: dict[str, Kind] = {}
    index = KindIndex(int(data.get("version", 1)), kinds)
    for row in data["kinds"]:
        kind = Kind(row["id"], row["label"], row.get("domain", "khac"), tuple(row.get("aliases") or ()),
                    tuple(row.get("keywords") or ()), standalone=bool(row.get("standalone")),
                    standalone_names=tuple(row.get("standalone_names") or ()),
                    exact_only=bool(row.get("exact_only")))
        kinds[kind.id] = kind
        for alias in (kind.label, *kind.aliases):
            index.alias_keys.setdefault(model_key(alias), kind.id)
        for kw in kind.keywords:
            index.keyword_keys.append((model_key(kw), kind.id))
    index.keyword_keys.sort(key=lambda kv: -len(kv[0]))
    index.domain_words = {d: tuple(f" {model_key(w)} " for w in ws) for d, ws in (data.get("domain_words") or {}).items()}
    index.security_words = tuple(f" {model_key(w)} " for w in data.get("security_words") or ())
    # A generic kind takes a name only by its own aliases: a longer name has words that
    # distinguish it ("tổ tự quản về ANTT khu tập thể" is not the generic team).
    index.fuzzy_keys = [a for a, kid in index.alias_keys.items() if not kinds[kid].exact_only]
    index.fuzzy_sorted = [_sorted_words(a) for a in index.fuzzy_keys]
    for kw, kid in index.keyword_keys:
        index.keywords_by_first.setdefault(kw.split(" ", 1)[0], []).append((kw, kid))
    index.alias_words = [(frozenset(a.split()), len(a), kid) for a, kid in index.alias_keys.items()
                         if len(a.split()) >= 3 and not kinds[kid].exact_only]
    return index


def _sorted_words(key: str) -> str:
    """The words of a key sorted, as `fuzz.token_sort_ratio` compares them: `fuzz.ratio` of
    two such strings is their token_sort_ratio (keys hold single spaces only)."""
    return " ".join(sorted(key.split()))


def _same_head(a: str, b: str) -> bool:
    """Do two names start with the same head noun (the word that says what the model is)?"""
    return a.split(" ", 1)[0] == b.split(" ", 1)[0]


def _head_keyword(index: KindIndex, key: str) -> str | None:
    """The kind whose keyword stands first in the name (the head noun names the family):
    "nhóm zalo cơ sở lưu trú" is a Zalo group, "thanh niên tự quản khu nhà trọ" a youth team."""
    words = key.split()
    for pos in range(min(2, len(words))):
        tail = " ".join(words[pos:]) + " "
        # (a keyword that starts the tail starts with the tail's first word)
        hits = [(len(kw), kid) for kw, kid in index.keywords_by_first.get(words[pos], ()) if tail.startswith(kw + " ")]
        if hits:
            return max(hits)[1]
    return None


def _fits(index: KindIndex, kid: str, key: str) -> bool:
    """Does a name hold a word of its kind's field where the field has such words, and none
    of another field's? An approximate match never puts `cổng trường an toàn về antt` under
    traffic safety."""
    padded = f" {key} "
    needed = index.domain_words.get(index.kinds[kid].domain)
    if needed:
        return any(w in padded for w in needed)
    # nor a liên gia team `tự quản phòng cháy chữa cháy` under the security one: a name that
    # holds another field's words belongs to that field
    return (not any(w in padded for ws in index.domain_words.values() for w in ws)
            or any(w in padded for w in index.security_words))


@lru_cache(maxsize=8192)
def _match(index: KindIndex, key: str) -> Kind:
    if key in index.alias_keys:
        return index.kinds[index.alias_keys[key]]
    slogan = _SLOGAN_HEAD.match(key)
    if slogan:  # "tổ tự quản 3 giảm 4 giữ" is the "3 giảm 4 giữ" model
        return _match(index, slogan.group(1))
    number = _TEAM_NUMBER.match(key)
    if number:  # "tổ tự quản về antt số 1": the first of the teams of its kind
        return _match(index, number.group(1))
    tail = _PLACE_TAIL.match(key)
    if tail:  # "tổ tự quản antt thôn đông" is the team of its first words, in that thôn
        kind = _match(index, tail.group(1))
        if not kind.new:
            return kind
    # token_sort_ratio against every fuzzy key, as fuzz.ratio on the words sorted once
    for _, _, i in process.extract(_sorted_words(key), index.fuzzy_sorted, scorer=fuzz.ratio, score_cutoff=86,
                                   limit=5):
        alias = index.fuzzy_keys[i]
        # "thôn không có tội phạm" is not "chùa không có tội phạm"
        if _same_head(key, alias) and _fits(index, index.alias_keys[alias], key):
            return index.kinds[index.alias_keys[alias]]
    head = _head_keyword(index, key)
    if head and _fits(index, head, key):
        return index.kinds[head]
    if len(key.split()) >= 3:
        # Every word of a long alias within the name ("tổ tự quản antt chung cư" in a longer name).
        words = set(key.split())
        cands = [(n, kid) for ws, n, kid in index.alias_words if ws <= words and _fits(index, kid, key)]
        if cands:
            return index.kinds[max(cands)[1]]
    padded = f" {key} "
    for kw, kid in index.keyword_keys:  # every distinctive keyword, longest first
        if f" {kw} " in padded and _fits(index, kid, key):
            aliases = [model_key(a) for a in index.kinds[kid].aliases]
            if aliases and max(fuzz.token_sort_ratio(key, a) for a in aliases) >= 70:
                return index.kinds[kid]
    return Kind(id=f"new-{slug(key)}", label=key, new=True)


def canonical_kind(name: str) -> Kind:
    return load_kinds().match(name)

"""The lexicon: every word list the extractors use, in versioned data files under `nlp/data/`.

Each list is defined once, in one file, and loaded once per process. A module builds its
patterns from these lists; it never spells a word list of its own. Bump a file's `version`
when its words change (the extractor version says which rules produced a fact).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


class LexiconError(ValueError):
    """A data file is missing, unreadable or lacks a list the code asks for."""


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `nlp/data/NAME.yaml` (with its `version`)."""
    path = DATA / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{path}: a lexicon file is a mapping with a `version`")
    return data


def words(name: str, key: str) -> list[str]:
    """The list `key` of `nlp/data/NAME.yaml`, in file order."""
    data = load(name)
    if key not in data or not isinstance(data[key], list):
        raise LexiconError(f"nlp/data/{name}.yaml has no list `{key}`")
    return [str(w) for w in data[key]]


def versions() -> dict[str, int]:
    """Every lexicon file's version, for the record of which rules produced a fact."""
    return {p.stem: int(load(p.stem)["version"]) for p in sorted(DATA.glob("*.yaml"))}


def grouped_alternation(alternatives: list[str]) -> str:
    """`a|b|c` (escaped literal words), grouped by first letter: `re` tries the
    alternatives of a branch one by one, so one branch per first letter is tried instead of
    all of them (5x faster on the counted nouns). The same matches: alternatives of different
    groups never match at the same place, and each group keeps the given order."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0].lower(), []).append(re.escape(alt))
    keys = list(groups)
    if any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in keys for b in keys if a != b):
        return "|".join(re.escape(alt) for alt in alternatives)  # first letters equal when case is ignored
    return "|".join("(?:" + "|".join(g) + ")" for g in groups.values())


def word_start_alternation(alternatives: list[str]) -> str:
    """`(?<!\\w)(?:a|b|c)` (escaped literal words, case as given), with the lookbehind checked
    after each word's first character: a pattern that starts with characters is scanned for
    them in C, one that starts with a lookbehind is tried at every position. Grouped by first
    character, each group in the given order: the same matches."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(re.escape(alt[1:]))
    return "|".join(f"{re.escape(c)}(?<!\\w{re.escape(c)})(?:{'|'.join(g)})" for c, g in groups.items())


def longest_first_alternation(alternatives: list[str], ignorecase: bool = False) -> str:
    """`a|b|c` over literal words sorted longest first, factored by common prefixes (a trie):
    where several of the words start at a position, the longest after which the rest of the
    pattern matches wins, as with the flat alternation, but each character is compared once
    instead of once per word. With `ignorecase` (for an IGNORECASE pattern) the words are
    lower-cased first: words differing only in case are one word there."""
    trie: dict[str, dict] = {}
    for alt in alternatives:
        node = trie
        for ch in alt.lower() if ignorecase else alt:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        chars = [ch for ch in node if ch]
        if ignorecase and any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in chars for b in chars if a != b):
            raise ValueError(f"characters {chars} are one under IGNORECASE: the longest word might not win")
        options = [re.escape(ch) + branch(node[ch]) for ch in chars]  # (each starts with another character)
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        if not options:
            return ""
        return f"(?:{body})?" if "" in node else body  # (greedy: the longer words first)

    return branch(trie)

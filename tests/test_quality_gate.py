"""Quality gate: extraction scored on the seed gold and on our development set.

Fails when any field falls below its pinned floor. Raise a floor when quality improves;
never lower one silently. The scorer is the project's shared one (../shared/eval/score.py).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from antt.inputs import Document, read_documents
from nlp.extract import extract_article

from .conftest import DEV, SHARED

SCORER = SHARED / "eval" / "score.py"

# field -> minimum F1 (stat_attrs: minimum agreement). Measured values are in the README.
FLOORS = {
    "seeds": {"provinces": 1.0, "locations": 0.97, "models": 0.97, "model_merge": 0.97, "statistics": 0.97,
              "qualifier": 0.97, "province": 0.97, "period": 0.97},
    "dev": {"provinces": 1.0, "locations": 0.97, "models": 0.97, "model_merge": 0.97, "statistics": 0.97,
            "qualifier": 0.97, "province": 0.97, "period": 0.95},
    # 36 texts by other writers, other provinces and styles; set D was never used to tune rules.
    "holdout": {"provinces": 0.98, "locations": 0.99, "models": 0.98, "model_merge": 0.95, "statistics": 0.98,
                "qualifier": 0.98, "province": 0.98, "period": 0.88},
    # Press-style texts written after reading real reporting (tests/data/press-*): A is looked
    # at when rules are written, B only ever scored as a whole.
    # (press A's period floor back to 0.95 when a span since a month, `từ tháng 3/2021`, came to
    # date events up to publication and leave a stock at its start: 0.934 -> 0.960)
    # (press A's period floor went from 0.95 to 0.92 when a model's size at its launch came to take
    # the launch's time, as the seed notes read it: its writer had given such figures none)
    "press-a": {"provinces": 0.99, "locations": 0.98, "models": 0.96, "model_merge": 0.96, "statistics": 0.98,
                "qualifier": 0.98, "province": 0.98, "period": 0.95},
    # (press B's models floor 0.95 -> 0.96 when a team the headline names came to be a model: 0.964 -> 0.971)
    # (press B's models floor 0.96 -> 0.97 when a model named again in a paragraph opening on a place came to
    # be an entry there: 0.971 -> 0.979)
    # (press B's models floor 0.97 -> 0.98 when a speaker's words after a colon stopped being a quoted
    # model's name: 0.979 -> 0.986)
    "press-b": {"provinces": 0.98, "locations": 0.98, "models": 0.98, "model_merge": 0.97, "statistics": 0.96,
                "qualifier": 0.98, "province": 0.98, "period": 0.89},
}


def _scorer():
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("antt_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(paths: list[Path]) -> dict[str, dict]:
    out = {}
    for path in paths:
        for doc in read_documents(path):
            assert isinstance(doc, Document), doc
            out[doc.doc_id] = extract_article(doc.article, doc_id=doc.doc_id).to_dict()
    return out


def _gold(files: list[Path]) -> dict[str, dict]:
    gold = {}
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                gold[rec["doc_id"]] = rec
    return gold


def _check(result: dict, floors: dict[str, float]) -> list[str]:
    low = []
    for field, floor in floors.items():
        got = result["stat_attrs"][field] if field in result["stat_attrs"] else result[field]["f1"]
        if got < floor:
            low.append(f"{field}: {got} < floor {floor}")
    return low


def test_seed_quality_floor():
    scorer = _scorer()
    gold = _gold([SHARED / "gold" / "seeds.jsonl"])
    pred = _predict(sorted((SHARED / "corpus" / "seeds").glob("*.txt")))
    result = scorer.score(gold, pred)
    assert not result["documents_without_prediction"]
    assert _check(result, FLOORS["seeds"]) == []


HOLDOUT = DEV.parent / "holdout"


def test_holdout_quality_floor():
    scorer = _scorer()
    gold = _gold(sorted(HOLDOUT.glob("gold-*.jsonl")))
    assert len(gold) >= 30
    pred = _predict(sorted(HOLDOUT.glob("hold-*.txt")))
    result = scorer.score(gold, pred)
    assert not result["documents_without_prediction"]
    assert _check(result, FLOORS["holdout"]) == []


@pytest.mark.parametrize("name", ["press-a", "press-b"])
def test_press_quality_floor(name):
    scorer = _scorer()
    folder = DEV.parent / name
    gold = _gold([folder / "gold.jsonl"])
    assert len(gold) >= 30
    pred = _predict(sorted(folder.glob("p*.txt")))
    result = scorer.score(gold, pred)
    assert not result["documents_without_prediction"]
    assert _check(result, FLOORS[name]) == []


def test_dev_quality_floor():
    scorer = _scorer()
    gold = _gold(sorted(DEV.glob("gold-*.jsonl")))
    assert len(gold) >= 30, "the development set has at least 30 annotated texts"
    pred = _predict(sorted(DEV.glob("dev-*.txt")))
    result = scorer.score(gold, pred)
    assert not result["documents_without_prediction"]
    assert _check(result, FLOORS["dev"]) == []

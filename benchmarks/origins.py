"""Since when and who runs it: accuracy of the models' `started` and `operator` on gold sets.

    python benchmarks/origins.py [tests/data/press-a ...]

The scorer (../shared/eval/score.py) ignores these extra keys, so this script matches each
gold model to the extracted one of its text (fuzzy name match, ratio >= 80) and counts: a
`started` is right when equal; an `operator` when one contains the other (case folded).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from antt.inputs import read_documents  # noqa: E402
from nlp.extract import extract_article  # noqa: E402


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _same(key: str, gold: str, pred: str) -> bool:
    return gold == pred if key == "started" else _norm(gold) in _norm(pred) or _norm(pred) in _norm(gold)


def evaluate(folder: Path) -> dict[str, dict[str, int]]:
    gold = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold[rec["doc_id"]] = rec
    counts = {k: dict(gold=0, right=0, wrong=0, missed=0, extra=0) for k in ("started", "operator")}
    for path in sorted(folder.glob("*.txt")):
        for doc in read_documents(path):
            pred = extract_article(doc.article, doc_id=doc.doc_id).to_dict()["models"]
            _count(gold.get(doc.doc_id, {}).get("models", []), pred, counts)
    return counts


def _count(gold_models: list[dict], pred: list[dict], counts: dict) -> None:
    used: set[int] = set()
    for gm in gold_models:
        cands = [(fuzz.ratio(_norm(gm["mention"]), _norm(pm["mention"])), i) for i, pm in enumerate(pred)
                 if i not in used]
        cands = [c for c in cands if c[0] >= 80]
        if not cands:
            continue
        i = max(cands)[1]
        used.add(i)
        for key, acc in counts.items():
            gv, pv = gm.get(key), pred[i].get(key)
            if gv:
                acc["gold"] += 1
                acc["missed" if not pv else "right" if _same(key, gv, pv) else "wrong"] += 1
            elif pv:
                acc["extra"] += 1


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "tests" / "data" / "press-a", ROOT / "tests" / "data" / "press-b"]
    for folder in folders:
        for key, acc in evaluate(folder).items():
            said = acc["right"] + acc["wrong"] + acc["extra"]
            precision = acc["right"] / said if said else 0.0
            recall = acc["right"] / acc["gold"] if acc["gold"] else 0.0
            print(f"{folder.name:10s} {key:9s} gold {acc['gold']:3d}  right {acc['right']:3d}  wrong {acc['wrong']:2d}  "
                  f"missed {acc['missed']:2d}  extra {acc['extra']:2d}  precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    main()

"""How honest is a fact's confidence? Precision of the extracted facts by confidence band.

    python benchmarks/confidence.py [tests/data/press-b ...]

Each extracted fact is right when the scorer (../shared/eval/score.py) matches it to a gold
fact: a statistic by value and unit, a model by name, a location by name. Goal: facts at
confidence >= 0.9 are at least 95% right on the set never looked at (press B).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from antt.inputs import read_documents  # noqa: E402
from nlp.extract import extract_article  # noqa: E402

BANDS = ((0.9, 1.01, ">= 0.9"), (0.7, 0.9, "0.7 - 0.9"), (0.0, 0.7, "< 0.7"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(folder: Path, sc) -> list[tuple[str, float, bool]]:
    """(fact type, confidence, right) for every extracted fact of the folder's texts."""
    gold = {}
    for gold_file in sorted(folder.glob("gold*.jsonl")):
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            gold[rec["doc_id"]] = rec
    out = []
    for path in sorted(folder.glob("*.txt")):
        for doc in read_documents(path):
            if doc.doc_id not in gold:
                continue
            p, g = extract_article(doc.article, doc_id=doc.doc_id).to_dict(), gold[doc.doc_id]
            for key, score, threshold in (("statistics", sc.stat_score, 1.0), ("models", sc.model_score, 0.75)):
                matched = {j for _, j in sc.greedy_match(g[key], p[key], score, threshold)}
                out += [(key, f["confidence"], j in matched) for j, f in enumerate(p[key])]
            names = {sc.bare_place(x.get("name") or x.get("mention")) for x in g["locations"]}
            seen = set()
            for loc in p["locations"]:
                name = sc.bare_place(loc["name"] or loc["mention"])
                if name not in seen:  # the scorer counts each place once
                    seen.add(name)
                    out.append(("locations", loc["confidence"], name in names))
    return out


def main() -> None:
    sc = _scorer()
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "tests" / "data" / "press-a", ROOT / "tests" / "data" / "press-b"]
    for folder in folders:
        facts = judged(folder, sc)
        print(f"\n{folder.name}: precision by confidence band (facts right / facts)")
        for kind in ("statistics", "models", "locations", "all"):
            cells = []
            for lo, hi, label in BANDS:
                band = [ok for k, c, ok in facts if (kind == "all" or k == kind) and lo <= c < hi]
                cells.append(f"{label}: {sum(band) / len(band):.3f} of {len(band):4d}" if band else f"{label}: -")
            print(f"  {kind:10s}  " + "   ".join(cells))


if __name__ == "__main__":
    main()

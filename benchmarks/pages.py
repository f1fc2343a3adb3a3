"""Facts from article pages against facts from the same articles as plain text, per layout.

Every fixture folder with a `text.txt` (tests/fixtures/pages/<outlet>/<layout>[-<variant>]/)
is read twice the way `antt extract` reads it: `page.html` (the saved page, read by the layout
of the URL it states) and `text.txt` (title, lead and body, with the publication day). The
text's facts are the reference: the page's facts are scored against them with the scorer's
rules (../shared/eval/score.py when it is there: models, locations, statistics, provinces),
and its date is right, absent or wrong against the text's `PUBLISHED`.

    python benchmarks/pages.py [--detail]

A page read well gives the facts of its text (F1 1.0); furniture that reaches the extractor
adds facts, a dropped lead loses some. Wrong dates must be 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from antt.inputs import Document, read_documents  # noqa: E402
from nlp.dates import published_day  # noqa: E402
from nlp.extract import extract_article  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FIELDS = ("models", "locations", "statistics", "provinces")


def record(path: Path) -> dict:
    """The extraction record of one file, as `antt extract` writes it."""
    for item in read_documents(path, 10_000_000):
        if isinstance(item, Document):
            return extract_article(item.article, doc_id=item.doc_id).to_dict()
        raise SystemExit(f"{path}: {item}")
    raise SystemExit(f"{path}: no document")


def _scorer():
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def _own_score(gold: dict[str, dict], pred: dict[str, dict]) -> dict:
    """Set F1 per field on (name) / (value, unit), when the shared scorer is absent."""
    keys = {"models": lambda f: f.get("mention"), "locations": lambda f: f.get("name"),
            "statistics": lambda f: (f.get("value"), f.get("unit")), "provinces": lambda f: f}
    out = {}
    for name, key in keys.items():
        tp = fp = fn = 0
        for doc, g in gold.items():
            gs, ps = {key(x) for x in g.get(name) or []}, {key(x) for x in pred[doc].get(name) or []}
            tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
        p, r = (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)
        out[name] = {"f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}
    return out


def _cell(row: dict) -> str:
    """F1, or "-" when neither the text nor the page has a fact of the field."""
    return f"{'-':>10}" if not (row["tp"] or row["fp"] or row["fn"]) else f"{row['f1']:>10.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detail", action="store_true", help="list each page's date and differing facts")
    args = ap.parse_args()
    score = _scorer() or (lambda gold, pred, detail=False: _own_score(gold, pred))
    by_layout: dict[str, tuple[dict, dict]] = defaultdict(lambda: ({}, {}))
    dates = {"right": 0, "absent": 0, "wrong": 0}
    wrong: list[str] = []
    folders = sorted(p.parent for p in PAGES.glob("*/*/text.txt"))
    for folder in folders:
        name = f"{folder.parent.name}/{folder.name}"
        layout = f"{folder.parent.name}/{folder.name.split('-')[0]}"
        text, page = record(folder / "text.txt"), record(folder / "page.html")
        gold, pred = by_layout[layout]
        gold[name], pred[name] = text, page
        want, got = published_day(text.get("published")), published_day(page.get("published"))
        verdict = "right" if got == want else "absent" if got is None else "wrong"
        dates[verdict] += 1
        if verdict == "wrong":
            wrong.append(f"{name}: {got} instead of {want}")
        if args.detail:
            print(f"{name}: date {got} ({verdict}, text says {want})")
    print(f"{len(folders)} pages in {len(by_layout)} layouts; the text's facts are the reference"
          + ("" if SCORER.exists() else " (shared scorer absent: set F1 on names and values)"))
    print(f"{'layout':24} {'pages':>5} " + " ".join(f"{f:>10}" for f in FIELDS))
    all_gold: dict[str, dict] = {}
    all_pred: dict[str, dict] = {}
    for layout, (gold, pred) in sorted(by_layout.items()):
        result = score(gold, pred)
        all_gold.update(gold)
        all_pred.update(pred)
        print(f"{layout:24} {len(gold):>5} " + " ".join(_cell(result[f]) for f in FIELDS))
        if args.detail and any(result[f]["f1"] < 1 for f in FIELDS) and "errors" in score(gold, pred, True):
            for doc, errors in score(gold, pred, True)["errors"].items():
                shown = {k: v for k, v in errors.items() if v}
                if shown:
                    print(f"    {doc}: {shown}")
    result = score(all_gold, all_pred)
    print(f"{'all':24} {len(all_gold):>5} " + " ".join(_cell(result[f]) for f in FIELDS))
    print(f"dates: {dates['right']} right, {dates['absent']} absent, {dates['wrong']} wrong of {len(folders)}")
    for line in wrong:
        print(f"  wrong: {line}")


if __name__ == "__main__":
    main()

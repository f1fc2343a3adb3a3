"""Measure the extractor on real news excerpts kept outside the repository.

    python benchmarks/real_sets.py check SET ...                    validate a set's gold
    python benchmarks/real_sets.py score SET ... [--gold F] [--detail] [--per-set]
    python benchmarks/real_sets.py agree SET ... --a F --b G [--detail]
    python benchmarks/real_sets.py models SET ... [--gold F] [--detail]   where model entries go wrong

A SET is a folder laid out as `docs/annotation-guide.md` says (texts `rNN-*.txt`, `gold.jsonl`,
`SOURCES.tsv`). The excerpts are copyrighted reporting, so they never enter the repository; this
script and the guide do, so that any session can rebuild and score such sets the same way.
`score` pools all sets' texts and prints the scorer's fields (../shared/eval/score.py), the
relevance filter's recall and precision, and precision by confidence band; `agree` scores one
annotator's gold against another's (inter-annotator agreement: the ceiling of what a fixed rule
set can score against either).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from antt.inputs import read_documents  # noqa: E402
from nlp.extract import extract_article  # noqa: E402
from nlp.gazetteer import load as load_gazetteer  # noqa: E402
from nlp.relevance import is_relevant  # noqa: E402

FIELDS = ("provinces", "locations", "models", "model_merge", "statistics")
BANDS = ((0.9, 1.01, ">= 0.9"), (0.7, 0.9, "0.7-0.9"), (0.0, 0.7, "< 0.7"))


def scorer(path: str | None = None):
    where = Path(path) if path else ROOT.parent / "shared" / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("score", where)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(folder: Path, name: str) -> dict[str, dict]:
    """A set's gold file `name`; `a.jsonl,b.jsonl` is the first of them the set has (sets
    adjudicated and sets annotated once, pooled: `--gold adjudicated.jsonl,gold.jsonl`)."""
    path = next((folder / n for n in name.split(",") if (folder / n).exists()), None)
    if path is None:
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec["doc_id"])] = rec
    return out


def texts(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.glob("r*.txt"))}


def off_topic(doc_id: str) -> bool:
    return bool(re.search(r"-x\d+$", doc_id))


# -- check -------------------------------------------------------------------------------------

def check(folder: Path, gold_name: str) -> list[str]:
    """Problems in a set: what an annotator fixes before handing it in."""
    problems: list[str] = []
    provinces = {u.name for u in load_gazetteer().provinces.values() if u.level == "province"}
    files = texts(folder)
    gold = load_gold(folder, gold_name)
    on = [d for d in files if not off_topic(d)]
    for d in on:
        if d not in gold:
            problems.append(f"{d}: on-topic text without a gold record")
    for doc_id, rec in gold.items():
        where = f"{folder.name}/{doc_id}"
        if doc_id not in files:
            problems.append(f"{where}: gold record without a text file")
            continue
        raw = files[doc_id].read_text(encoding="utf-8")
        if unicodedata.normalize("NFC", raw) != raw:
            problems.append(f"{where}: text is not NFC")
        if json.dumps(rec, ensure_ascii=False) != unicodedata.normalize("NFC", json.dumps(rec, ensure_ascii=False)):
            problems.append(f"{where}: gold is not NFC")
        for p in rec.get("provinces") or []:
            if p not in provinces:
                problems.append(f"{where}: province {p!r} is not a pre-2025 province name")
        for loc in rec.get("locations") or []:
            if loc.get("mention") and loc["mention"] not in raw:
                problems.append(f"{where}: location {loc['mention']!r} not in the text")
            if loc.get("province") and loc["province"] not in provinces:
                problems.append(f"{where}: location province {loc['province']!r} unknown")
        for m in rec.get("models") or []:
            for key in ("mention", "started_evidence", "operator"):
                if m.get(key) and m[key] not in raw:
                    problems.append(f"{where}: model {key} {m[key]!r} not in the text")
            if not m.get("canonical"):
                problems.append(f"{where}: model {m.get('mention')!r} has no canonical label")
        for s in rec.get("statistics") or []:
            ev = s.get("evidence") or ""
            if ev not in raw:
                problems.append(f"{where}: evidence {ev!r} not in the text")
            elif raw.count(ev) > 1:
                problems.append(f"{where}: evidence {ev!r} occurs {raw.count(ev)} times")
            if s.get("province") and s["province"] not in provinces:
                problems.append(f"{where}: statistic province {s['province']!r} unknown")
            if not isinstance(s.get("value"), (int, float)):
                problems.append(f"{where}: statistic {ev!r} has no numeric value")
    return problems


# -- score -------------------------------------------------------------------------------------

def extract(folders: list[Path]) -> dict[str, tuple[dict, bool, str]]:
    """doc_id -> (record, kept by the relevance filter, folder name), for every text of the sets."""
    out = {}
    for folder in folders:
        for path in texts(folder).values():
            for doc in read_documents(path):
                if isinstance(doc, tuple):
                    continue
                art = doc.article
                rec = extract_article(art, doc_id=doc.doc_id).to_dict()
                out[doc.doc_id] = (rec, is_relevant(art.text, title=art.title), folder.name)
    return out


def table(sc, gold: dict, pred: dict, detail: bool = False) -> dict:
    return sc.score(gold, pred, detail)


def print_row(label: str, res: dict) -> None:
    cells = "  ".join(f"{k} {res[k]['f1']:.3f}" for k in FIELDS)
    sa = res["stat_attrs"]
    print(f"{label:<14} n={res['documents']:<4} {cells}  province {sa['province']:.3f}  period {sa['period']:.3f}"
          f"  qualifier {sa['qualifier']:.3f}")


def confidence_bands(sc, gold: dict, pred: dict) -> list[tuple[str, float, bool]]:
    facts = []
    for doc_id, g in gold.items():
        p = pred.get(doc_id)
        if not p:
            continue
        for key, fn, threshold in (("statistics", sc.stat_score, 1.0), ("models", sc.model_score, 0.75)):
            matched = {j for _, j in sc.greedy_match(g.get(key) or [], p[key], fn, threshold)}
            facts += [(key, f["confidence"], j in matched) for j, f in enumerate(p[key])]
        names = {sc.bare_place(x.get("name") or x.get("mention")) for x in g.get("locations") or []}
        seen = set()
        for loc in p["locations"]:
            name = sc.bare_place(loc["name"] or loc["mention"])
            if name not in seen:
                seen.add(name)
                facts.append(("locations", loc["confidence"], name in names))
    return facts


def cmd_score(a) -> None:
    sc = scorer(a.scorer)
    folders = [Path(f) for f in a.sets]
    got = extract(folders)
    gold = {}
    for folder in folders:
        gold.update(load_gold(folder, a.gold))
    pred = {d: rec for d, (rec, _, _) in got.items() if d in gold}
    if a.per_set:
        for folder in folders:
            g = {d: r for d, r in gold.items() if got.get(d, (None, None, ""))[2] == folder.name}
            if g:
                print_row(folder.name, table(sc, g, pred))
    res = table(sc, gold, pred, a.detail)
    print_row("all", res)
    on = [kept for d, (_, kept, _) in got.items() if not off_topic(d)]
    off = [kept for d, (_, kept, _) in got.items() if off_topic(d)]
    if on:
        tp, fp = sum(on), sum(off)
        print(f"relevance      on-topic kept {tp}/{len(on)} (recall {tp / len(on):.3f}), off-topic kept {fp}/{len(off)}"
              f" (precision {tp / max(1, tp + fp):.3f})")
        dropped = sorted(d for d, (_, kept, _) in got.items() if not off_topic(d) and not kept)
        kept_off = sorted(d for d, (_, kept, _) in got.items() if off_topic(d) and kept)
        if a.detail:
            print(f"  dropped on-topic: {' '.join(dropped)}\n  kept off-topic: {' '.join(kept_off)}")
    facts = confidence_bands(sc, gold, pred)
    cells = []
    for lo, hi, label in BANDS:
        band = [ok for _, c, ok in facts if lo <= c < hi]
        cells.append(f"{label}: {sum(band) / len(band):.3f} of {len(band)}" if band else f"{label}: -")
    print("confidence     " + "   ".join(cells))
    if a.detail:
        for doc_id, e in res["errors"].items():
            shown = {k: v for k, v in e.items() if v}
            if shown:
                print(f"\n[{doc_id}]")
                for k, v in shown.items():
                    print(f"  {k}: {v}")


def cmd_agree(a) -> None:
    sc = scorer(a.scorer)
    first, second = {}, {}
    for folder in map(Path, a.sets):
        f, s = load_gold(folder, a.a), load_gold(folder, a.b)
        common = set(f) & set(s)
        first.update({d: f[d] for d in common})
        second.update({d: s[d] for d in common})
    res = sc.score(first, second, a.detail)
    print_row(f"{a.a} vs {a.b}", res)
    if a.detail:
        for doc_id, e in res["errors"].items():
            shown = {k.replace("missed", f"only in {a.a}").replace("extra", f"only in {a.b}"): v
                     for k, v in e.items() if v}
            if shown:
                print(f"\n[{doc_id}]")
                for k, v in shown.items():
                    print(f"  {k}: {v}")


def model_misses(sc, g: dict, p: dict) -> tuple[list, list, list]:
    """One text's gold model entries the extractor missed, split by cause: `again` where the
    name was found (matched to another entry) but not at this many places, `unfound` where no
    predicted entry of any place is like it; and the predicted entries no gold entry matches."""
    gm, pm = g.get("models") or [], p.get("models") or []
    matched = sc.greedy_match(gm, pm, sc.model_score, 0.75)
    used_g, used_p = {i for i, _ in matched}, {j for _, j in matched}
    again, unfound = [], []
    for i, m in enumerate(gm):
        if i in used_g:
            continue
        like = any(sc.model_score(m, q) >= 0.75 for q in pm)
        (again if like else unfound).append(m)
    return again, unfound, [q for j, q in enumerate(pm) if j not in used_p]


def cmd_models(a) -> None:
    sc = scorer(a.scorer)
    folders = [Path(f) for f in a.sets]
    got = extract(folders)
    gold = {}
    for folder in folders:
        gold.update(load_gold(folder, a.gold))
    totals = {"gold": 0, "predicted": 0, "again": 0, "unfound": 0, "extra": 0}
    for doc_id, g in sorted(gold.items()):
        p = got.get(doc_id, ({"models": []},))[0]
        again, unfound, extra = model_misses(sc, g, p)
        totals["gold"] += len(g.get("models") or [])
        totals["predicted"] += len(p.get("models") or [])
        totals["again"] += len(again)
        totals["unfound"] += len(unfound)
        totals["extra"] += len(extra)
        if a.detail and (again or unfound or extra):
            print(f"[{doc_id}]")
            for label, items in (("again", again), ("unfound", unfound), ("extra", extra)):
                for m in items:
                    print(f"  {label:<8} {m.get('mention')!r} @ {m.get('place')} ({m.get('province')})")
    print("  ".join(f"{k} {v}" for k, v in totals.items()))


def cmd_check(a) -> None:
    problems = []
    for folder in map(Path, a.sets):
        problems += check(folder, a.gold)
        sources = folder / "SOURCES.tsv"
        if sources.exists():
            with sources.open(encoding="utf-8") as fh:
                rows = list(csv.reader(fh, delimiter="\t"))
            ids = {r[0] for r in rows[1:] if r}
            problems += [f"{folder.name}/{d}: not in SOURCES.tsv" for d in texts(folder) if d not in ids]
        else:
            problems.append(f"{folder.name}: no SOURCES.tsv")
    print("\n".join(problems) or "no problems")
    sys.exit(1 if problems else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("check", "score", "agree", "models"):
        p = sub.add_parser(name)
        p.add_argument("sets", nargs="+")
        p.add_argument("--scorer", help="path of score.py (default ../shared/eval/score.py)")
        p.add_argument("--detail", action="store_true")
        if name in ("check", "score", "models"):
            p.add_argument("--gold", default="gold.jsonl",
                           help="gold file name inside each set (a,b: the first the set has)")
        if name == "score":
            p.add_argument("--per-set", action="store_true")
        if name == "agree":
            p.add_argument("--a", default="gold.jsonl")
            p.add_argument("--b", default="second.jsonl")
    a = ap.parse_args()
    {"check": cmd_check, "score": cmd_score, "agree": cmd_agree, "models": cmd_models}[a.cmd](a)


if __name__ == "__main__":
    main()

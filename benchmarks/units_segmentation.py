"""The counted unit after a figure: our lexicon of counted nouns vs underthesea's word segmentation.

    pip install underthesea   # not a dependency of the project: this script measures whether it should be
    python benchmarks/units_segmentation.py

For every gold statistic of the development sets (money and percentages left out), the words
after the number in its evidence are read two ways: the longest counted noun of
`nlp/data/metrics.yaml` at their start, and underthesea's first word (`word_tokenize`). Prints
how often each equals the gold unit, how often underthesea names it where the lexicon has no
noun at all, and the time per call.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.units import unit_matcher  # noqa: E402

_NUMBER = re.compile(r"\d[\d.,/]*|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|một|chục|trăm|nghìn|ngàn")


def cases() -> list[tuple[str, str]]:
    out = []
    for gold in sorted((ROOT / "tests" / "data").glob("*/gold*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            for s in json.loads(line)["statistics"]:
                unit = (s.get("unit") or "").lower().split(",")[0].strip()
                m = _NUMBER.search(s["evidence"])
                if unit not in ("%", "đồng", "") and m:
                    out.append((s["evidence"][m.end() :].strip(), unit))
    return out


def main() -> int:
    try:
        from underthesea import word_tokenize
    except ImportError:
        print("underthesea is not installed: `pip install underthesea` to run this measurement")
        return 1
    rows = cases()
    t0 = time.perf_counter()
    lexicon = [(m[1].lower() if (m := unit_matcher().match(tail)) else None) for tail, _ in rows]
    t_lex = (time.perf_counter() - t0) / len(rows)
    t0 = time.perf_counter()
    segmented = [((word_tokenize(tail) or [""])[0]).lower() for tail, _ in rows]
    t_seg = (time.perf_counter() - t0) / len(rows)
    right_lex = sum(a == u for a, (_, u) in zip(lexicon, rows, strict=True))
    right_seg = sum(a == u for a, (_, u) in zip(segmented, rows, strict=True))
    no_noun = [i for i, a in enumerate(lexicon) if a is None]
    seg_where_none = sum(segmented[i] == rows[i][1] for i in no_noun)
    print(f"gold figures             {len(rows)}")
    print(f"lexicon (counted nouns)  {right_lex / len(rows):.3f} right, {1000 * t_lex:.3f} ms per figure")
    print(f"underthesea first word   {right_seg / len(rows):.3f} right, {1000 * t_seg:.3f} ms per figure")
    print(f"lexicon has no noun      {len(no_noun)} figures; underthesea names the gold unit in {seg_where_none}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

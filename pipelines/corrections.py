"""Human corrections that survive rebuilds: a YAML file applied on every `antt build`.

```yaml
# corrections.yaml (default: OUTPUT/corrections.yaml, or --corrections FILE)
merge_kinds:            # fold one model kind into another (by label)
  nhóm trọ an toàn antt: nhà trọ tự quản
rename_kinds:           # show a kind under another label
  camera an ninh: camera giám sát an ninh trật tự
reject:                 # facts that are wrong, by fact id (column fact_id in every table)
  - 3f2a9c1b7d4e
fix_place:              # a fact's place, by fact id
  5b8e1d2c3a4f: {place: Phường Cẩm Châu, province: Quảng Nam}
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # loaded with the catalog; a build with nothing new only reads the file
    import pandas as pd


class CorrectionsError(Exception):
    """The corrections file cannot be used; the message says where and why."""


@dataclass
class Corrections:
    merge_kinds: dict[str, str] = field(default_factory=dict)
    rename_kinds: dict[str, str] = field(default_factory=dict)
    reject: set[str] = field(default_factory=set)
    fix_place: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.merge_kinds) + len(self.rename_kinds) + len(self.reject) + len(self.fix_place)


def load_corrections(path: Path | None) -> Corrections:
    if path is None or not path.exists():
        return Corrections()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: not a readable YAML file ({exc})") from None
    if not isinstance(data, dict):
        raise CorrectionsError(f"{path}: expected a mapping with merge_kinds, rename_kinds, reject, fix_place")
    unknown = set(data) - {"merge_kinds", "rename_kinds", "reject", "fix_place"}
    if unknown:
        raise CorrectionsError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    try:
        fix = {str(k): {kk: str(vv) for kk, vv in v.items() if kk in ("place", "province")}
               for k, v in (data.get("fix_place") or {}).items()}
        return Corrections(
            merge_kinds={str(k): str(v) for k, v in (data.get("merge_kinds") or {}).items()},
            rename_kinds={str(k): str(v) for k, v in (data.get("rename_kinds") or {}).items()},
            reject={str(x) for x in (data.get("reject") or [])},
            fix_place=fix,
        )
    except (AttributeError, TypeError) as exc:
        raise CorrectionsError(f"{path}: a section has the wrong shape ({exc})") from None


def apply_corrections(facts: dict[str, pd.DataFrame], c: Corrections) -> dict[str, pd.DataFrame]:
    """The fact tables with the corrections applied (new frames; inputs untouched)."""
    out = {}
    for kind, df in facts.items():
        df = df[~df["fact_id"].isin(c.reject)].copy() if "fact_id" in df.columns else df.copy()
        for fid, fix in c.fix_place.items():
            mask = df["fact_id"] == fid
            for col, value in fix.items():
                if col in df.columns:
                    df.loc[mask, col] = value
        if "canonical" in df.columns and "kind_id" in df.columns and c.merge_kinds:
            df = _merge_identity(df, c.merge_kinds)
        labels = {**c.merge_kinds, **c.rename_kinds}
        for col in ("canonical", "model"):
            if col in df.columns and labels:
                df[col] = df[col].replace(c.merge_kinds).replace(c.rename_kinds)
        out[kind] = df
    return out


def _merge_identity(df: pd.DataFrame, merge: dict[str, str]) -> pd.DataFrame:
    """A merged row becomes the target kind: its `kind_id` (and `new_kind`) are the target's,
    not the source's under the target's label. The target's id is taken from its own rows,
    else from the kinds file, else the id a new kind of that name would get."""
    from nlp.kinds import load_kinds, slug

    canonical = df["canonical"].astype(object)
    known = {k.label: k.id for k in load_kinds().kinds.values()}
    df["kind_id"] = df["kind_id"].astype(object)
    seen = dict(zip(canonical, df["kind_id"], strict=True))
    for source, target in merge.items():
        mask = (canonical == source).to_numpy()
        if not mask.any():
            continue
        kid = seen.get(target) if target not in merge else None
        kid = kid or known.get(target) or f"new-{slug(target)}"
        df.loc[mask, "kind_id"] = kid
        if "new_kind" in df.columns:  # stored as 0/1 or as a boolean, kept as it is
            new = kid.startswith("new-")
            from pandas.api.types import is_integer_dtype

            df.loc[mask, "new_kind"] = int(new) if is_integer_dtype(df["new_kind"]) else new
    return df

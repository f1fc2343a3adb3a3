"""A build with nothing new costs nothing: the catalog is rebuilt only when what it is made of
changed since the last successful build.

What it is made of, summed up in one digest without reading a row: the store's state (a few
SQL aggregates, `Store.catalog_state`), the extractor version, the corrections file, whether
the store holds the demo's sample, and the catalog's own code and data (the metrics, the
gazetteer: their files' bytes, and `CATALOG_VERSION`). The digest, the outputs' sizes and
modification times and the headline counts are kept beside the outputs
(OUTPUT/catalog/build-state.json); a deleted or changed output file also means a rebuild.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import nlp
from core.atomic import atomic_open
from core.config import EXTRACTOR_VERSION
from core.store import Store
from pipelines.counts import Counts

#: Raise when the catalog's tables or exports change in a way its code hash would not show.
CATALOG_VERSION = 2
STATE_FILE = "build-state.json"
_PIPELINES = Path(__file__).parent
#: The code and data the catalog stage runs (the extractor's own are in EXTRACTOR_VERSION).
_SOURCES = [*(_PIPELINES / f"{m}.py" for m in ("catalog", "places", "export", "counts", "corrections",
                                                "collation", "freshness")),
            Path(nlp.__file__).parent / "units.py", Path(nlp.__file__).parent / "gazetteer.py"]


def _code_digest() -> str:
    h = hashlib.sha256()
    for path in [*_SOURCES, *sorted((Path(nlp.__file__).parent / "data").glob("*.yaml"))]:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build_digest(store: Store, corrections: Path | None, sample: bool, version: str | None = None) -> str:
    """One hash of everything the catalog and extractions.jsonl are made of."""
    version = version or EXTRACTOR_VERSION
    parts = {
        "store": store.catalog_state(version), "extractor": version, "catalog": CATALOG_VERSION,
        "code": _code_digest(), "sample": sample,
        "corrections": hashlib.sha256(corrections.read_bytes()).hexdigest()
        if corrections is not None and corrections.exists() else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _stat(files: list[Path]) -> dict[str, list[int]]:
    return {str(f): [f.stat().st_size, f.stat().st_mtime_ns] for f in files}


def _outputs(out_dir: Path) -> list[Path]:
    """Every file a build writes there (the state file aside)."""
    catalog = out_dir / "catalog"
    tables = sorted(p for p in catalog.iterdir() if p.is_file() and p.name != STATE_FILE
                    and not p.name.startswith(".")) if catalog.is_dir() else []
    return [out_dir / "extractions.jsonl", out_dir / "catalog.sqlite", out_dir / "datapackage.json", *tables]


def unchanged(out_dir: Path, digest: str) -> Counts | None:
    """The last build's counts when it was made of the same things (`digest`) and every file
    it wrote is still there as it left it; None: the catalog must be built."""
    try:
        state = json.loads((out_dir / "catalog" / STATE_FILE).read_text(encoding="utf-8"))
        if state.get("digest") != digest or state.get("files") != _stat(_outputs(out_dir)):
            return None
        return Counts(**state["counts"])
    except (OSError, ValueError, TypeError, KeyError):  # no state, a file gone, an old or damaged state
        return None


def save(out_dir: Path, digest: str, counts: Counts) -> None:
    """Remember a successful build (written last, after every output is in place)."""
    state = {"digest": digest, "files": _stat(_outputs(out_dir)), "counts": asdict(counts)}
    with atomic_open(out_dir / "catalog" / STATE_FILE) as fh:
        fh.write(json.dumps(state, ensure_ascii=False, indent=1))


def output_files(out_dir: Path) -> dict[str, Path]:
    """The paths a build reports, as `write_outputs` and `write_exports` name them."""
    return {"extractions": out_dir / "extractions.jsonl", "datapackage": out_dir / "datapackage.json",
            "sqlite": out_dir / "catalog.sqlite", "csv": out_dir / "catalog"}

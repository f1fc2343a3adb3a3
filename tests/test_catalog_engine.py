"""The catalog stage's engine: DuckDB in a work folder, within a memory limit, streaming.

Built on a real store of the development texts: the limit is applied (a small one gives the
same exports byte for byte), the work folder lives where it
is asked and is gone after, and the figures are the store's facts, each repeated figure once.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from core.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    from antt.inputs import read_documents
    from pipelines.extraction import extract_stored

    url = f"sqlite:///{tmp_path_factory.mktemp('engine') / 'a.sqlite'}"
    with Store.open(url) as store:
        for path in sorted(DATA.glob("*/*.txt"))[:40]:
            for doc in read_documents(path):
                store.upsert_article(doc.article)
        extract_stored(store, workers=1)
    return url


def _export(url: str, out: Path, workdir: Path) -> Path:
    from pipelines.catalog import build_catalog
    from pipelines.export import write_exports

    with Store.open(url) as store, build_catalog(store, workdir=workdir) as catalog:
        write_exports(catalog, out)
    return out


def test_a_small_memory_limit_gives_the_same_exports(store_url, tmp_path, monkeypatch):
    import pipelines.catalog as catalog_module

    big = _export(store_url, tmp_path / "big", tmp_path / "work")
    monkeypatch.setattr(catalog_module, "CATALOG_MEMORY", "200MB")
    with Store.open(store_url) as store, catalog_module.build_catalog(store, workdir=tmp_path / "work") as cat:
        limit = cat.count("SELECT current_setting('memory_limit')")  # "190.7 MiB"
        assert limit.endswith("MiB") and 180 < float(limit.split()[0]) < 200
    small = _export(store_url, tmp_path / "small", tmp_path / "work")
    names = sorted(p.name for p in (big / "catalog").glob("*.csv"))
    assert len(names) == 8
    same, diff, errors = filecmp.cmpfiles(big / "catalog", small / "catalog", names, shallow=False)
    assert diff == [] and errors == [] and same == names


def test_the_work_folder_is_under_the_output_and_gone_after(store_url, tmp_path):
    from pipelines.catalog import build_catalog

    work = tmp_path / "out"
    with Store.open(store_url) as store:
        catalog = build_catalog(store, workdir=work)
        inside = [p for p in work.iterdir() if p.name.startswith(".catalog-")]
        assert len(inside) == 1 and (inside[0] / "catalog.duckdb").exists()
        catalog.close()
    assert not any(p.name.startswith(".catalog-") for p in work.iterdir())


def test_each_figure_of_the_store_is_one_row_repeated_figures_once(store_url, tmp_path):
    """Against the stored extraction records, read without the catalog's SQL."""
    from pipelines.catalog import build_catalog

    expected = set()
    with Store.open(store_url) as store:
        for url, ex in store.iter_extractions():
            for s in ex.statistics:
                expected.add((url, s.value, s.qualifier, s.unit, s.place))
        with build_catalog(store, workdir=tmp_path) as catalog:
            stats = catalog["statistics"]
    got = {(u, v, q, n, p if p == p else None) for u, v, q, n, p in
           zip(stats["url"], stats["value"], stats["qualifier"], stats["unit"], stats["place"], strict=True)}
    assert len(stats) == len(expected) and got == expected


def test_a_build_out_of_memory_says_so_in_one_line_and_keeps_the_outputs(store_url, tmp_path):
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "antt.cli", "build", "-q", "--db", store_url, "--output", str(out), "--workers", "1"]
    assert subprocess.run(cmd, capture_output=True, text=True).returncode == 0
    before = {p.name: p.read_bytes() for p in (out / "catalog").glob("*.csv")}
    (out / "catalog" / "build-state.json").unlink()  # the catalog must be built again
    res = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "ANTT_CATALOG_MEMORY": "16MB"})
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "ANTT_CATALOG_MEMORY=16MB" in lines[0] and "Traceback" not in res.stderr
    assert {p.name: p.read_bytes() for p in (out / "catalog").glob("*.csv")} == before
    assert not any(p.name.startswith(".catalog-") for p in out.iterdir())

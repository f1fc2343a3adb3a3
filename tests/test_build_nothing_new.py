"""A build with nothing new keeps the catalog as it is; any change to what it is made of rebuilds it."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from antt.cli import main
from core.store import Store

from .conftest import DEV

TEXTS = sorted(DEV.glob("dev-*.txt"))[:4]
UNCHANGED = "catalog     │ unchanged"


def _files(out: Path) -> dict[str, tuple[str, int]]:
    """Every output file: its content hash and modification time (a rewrite shows in either)."""
    paths = [out / "extractions.jsonl", out / "catalog.sqlite", out / "datapackage.json",
             *sorted((out / "catalog").iterdir())]
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths}


@pytest.fixture
def built(tmp_path, monkeypatch, capsys):
    """A store with four development texts and a first build."""
    monkeypatch.setenv("COLUMNS", "120")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in TEXTS:
        shutil.copy(p, inputs / p.name)
    out = tmp_path / "output"
    db = f"sqlite:///{tmp_path / 'antt.sqlite'}"
    assert main(["extract", *map(str, sorted(inputs.iterdir())), "--save", "--db", db,
                 "--out", str(tmp_path / "x.jsonl")]) == 0
    assert main(["build", "--db", db, "--output", str(out)]) == 0
    first = capsys.readouterr().out
    assert "catalog     │ rebuilt" in first
    return tmp_path, out, db


def _build(out: Path, db: str, capsys, *extra: str) -> str:
    assert main(["build", "--db", db, "--output", str(out), *extra]) == 0
    return capsys.readouterr().out


def test_nothing_new_keeps_every_output_and_says_so(built, capsys):
    tmp, out, db = built
    before = _files(out)
    printed = _build(out, db, capsys)
    assert UNCHANGED in printed
    assert _files(out) == before  # byte-identical and not even rewritten
    # the counts printed are the catalog's, as the first build printed them
    assert "figures" in printed and "stories" in printed


def test_a_new_article_rebuilds(built, capsys):
    tmp, out, db = built
    before = _files(out)
    extra = tmp / "new.txt"
    shutil.copy(sorted(DEV.glob("dev-*.txt"))[5], extra)
    assert main(["extract", str(extra), "--save", "--db", db, "--out", str(tmp / "y.jsonl")]) == 0
    capsys.readouterr()
    printed = _build(out, db, capsys)
    assert UNCHANGED not in printed
    assert _files(out)["articles.csv"][0] != before["articles.csv"][0]
    assert UNCHANGED in _build(out, db, capsys)  # and then nothing new again


def test_a_changed_text_rebuilds(built, capsys):
    tmp, out, db = built
    src = tmp / "in" / TEXTS[0].name
    src.write_text(src.read_text(encoding="utf-8") + "\nNăm 2024, xã có thêm 7 tổ tự quản về an ninh trật tự.\n",
                   encoding="utf-8")
    assert main(["extract", str(src), "--save", "--db", db, "--out", str(tmp / "y.jsonl")]) == 0
    capsys.readouterr()
    assert UNCHANGED not in _build(out, db, capsys)


def test_a_changed_title_alone_rebuilds(built, capsys):
    """A text changed in the store by another writer (no new extraction yet): its row changes."""
    tmp, out, db = built
    with Store.open(db) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE articles SET title = 'Một tiêu đề khác', "
                             "updated_at = '2099-01-01 00:00:00' WHERE id = 1")
    assert UNCHANGED not in _build(out, db, capsys)


def test_a_new_extractor_version_rebuilds(built, capsys, monkeypatch):
    tmp, out, db = built
    import pipelines.catalog
    import pipelines.extraction
    import pipelines.freshness

    for module in (pipelines.catalog, pipelines.extraction, pipelines.freshness):
        monkeypatch.setattr(module, "EXTRACTOR_VERSION", "antt-nlp/test+rules.99")
    printed = _build(out, db, capsys)
    assert UNCHANGED not in printed and "extracted 4 now" in printed


def test_an_edited_corrections_file_rebuilds(built, capsys):
    tmp, out, db = built
    fact = next(line.split(",")[0] for line in (out / "catalog" / "statistics.csv").read_text("utf-8-sig").splitlines()[1:])
    (out / "corrections.yaml").write_text(f"reject:\n  - {fact}\n", encoding="utf-8")
    assert UNCHANGED not in _build(out, db, capsys)
    assert fact not in (out / "catalog" / "statistics.csv").read_text("utf-8-sig")
    assert UNCHANGED in _build(out, db, capsys)
    (out / "corrections.yaml").write_text("reject: []\n", encoding="utf-8")
    assert UNCHANGED not in _build(out, db, capsys)
    assert fact in (out / "catalog" / "statistics.csv").read_text("utf-8-sig")


@pytest.mark.parametrize("victim", ["catalog/places.csv", "catalog.sqlite", "extractions.jsonl"])
def test_a_deleted_or_edited_output_rebuilds(built, capsys, victim):
    tmp, out, db = built
    before = _files(out)
    (out / victim).unlink()
    assert UNCHANGED not in _build(out, db, capsys)
    after = _files(out)
    same = [k for k in before if k != "build-state.json"]  # the state holds the new modification times
    assert {k: after[k][0] for k in same} == {k: before[k][0] for k in same}  # the same bytes again
    with open(out / "catalog" / "models.csv", "a", encoding="utf-8") as fh:
        fh.write("edited by hand\n")
    assert UNCHANGED not in _build(out, db, capsys)
    assert "edited by hand" not in (out / "catalog" / "models.csv").read_text("utf-8-sig")


def test_a_damaged_state_file_rebuilds(built, capsys):
    tmp, out, db = built
    (out / "catalog" / "build-state.json").write_text("{not json", encoding="utf-8")
    assert UNCHANGED not in _build(out, db, capsys)
    assert UNCHANGED in _build(out, db, capsys)
    assert os.path.getsize(out / "catalog" / "build-state.json") > 100

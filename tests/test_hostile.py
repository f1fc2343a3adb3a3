"""Bad and hostile input: one bad document fails alone, nothing hostile gets through.

Each case here once crashed a whole run, lost output, or let hostile content reach a user:
a JSONL line with `"url": 123`, an extractor failure on one article, a 100 MB input read
whole, a `javascript:` URL linked in the report, a spreadsheet formula in a CSV cell,
`--out /dev/null` replaced by a regular file, Datasette outliving `antt serve`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from antt import cli
from core.records import Article
from core.store import Store
from nlp.extract import extract_text
from nlp.relevance import is_relevant

from .conftest import DEV, antt_command

FORMULA = "=cmd|' /C calc'!A0"


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


TEXTS = [p for p in sorted(DEV.glob("dev-*.txt")) if is_relevant(_body(p))][:4]  # the build keeps relevant ones


def _row(n: int, **extra) -> dict:
    return {"url": f"https://baotinh.example.vn/bai-{n}.html", "published": f"2024-05-0{n + 1}",
            "text": _body(TEXTS[n]), **extra}


def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in rows), encoding="utf-8")
    return path


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


# -- one bad document fails alone ------------------------------------------------------------
def test_jsonl_line_with_wrong_types_fails_alone(run_antt, tmp_path):
    _jsonl(tmp_path / "in.jsonl", [
        _row(0), {**_row(1), "url": 123}, _row(2), {**_row(3), "tags": "not a list"},
        {**_row(3), "url": "javascript:alert(3)//https://x.vn/a.html"}, "[1, 2]", "{broken", _row(3)])
    res = run_antt("extract", "in.jsonl", "--out", "pred.jsonl")
    assert res.returncode == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("antt: ")]
    assert len(errors) == 5, res.stderr
    assert any("line 2" in e and "`url` must be a string, not a number" in e for e in errors)
    assert any("line 4" in e and "`tags`" in e for e in errors)
    assert any("line 5" in e and "http(s)" in e for e in errors)
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr
    recs = _records((tmp_path / "pred.jsonl").read_text(encoding="utf-8"))
    assert [r["doc_id"] for r in recs] == ["in-1", "in-3", "in-8"]
    assert all(r["statistics"] or r["models"] for r in recs)


def test_extractor_failure_on_one_document_fails_alone(tmp_path, monkeypatch, capsys):
    import nlp.extract

    real = nlp.extract.extract_article

    def flaky(article, doc_id=None):
        if doc_id == "b":
            raise IndexError("list index out of range")
        return real(article, doc_id=doc_id)

    monkeypatch.setattr(nlp.extract, "extract_article", flaky)
    for name, src in zip("abc", TEXTS, strict=False):
        (tmp_path / f"{name}.txt").write_text(_body(src), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    code = cli.main(["extract", "-q", *(str(tmp_path / f"{n}.txt") for n in "abc"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{tmp_path / 'b.txt'}: extraction failed (IndexError: list index out of range)" in err
    assert [r["doc_id"] for r in _records(out.read_text(encoding="utf-8"))] == ["a", "c"]


def test_build_reports_a_failing_article_and_builds_the_rest(tmp_path, monkeypatch, capsys):
    import pipelines.extraction

    out = tmp_path / "output"
    with Store.open(f"sqlite:///{out / 'antt.sqlite'}") as store:
        for n in range(3):
            row = _row(n)
            store.upsert_article(Article(url=row["url"], text=row["text"], published=row["published"],
                                         outlet="baotinh.example.vn"))
    bad = _row(1)["url"]
    assert cli.main(["build", "-q", "--output", str(out)]) == 0  # every article extracted once
    with Store.open(f"sqlite:///{out / 'antt.sqlite'}") as store:  # then article 1's text changes
        store.upsert_article(Article(url=bad, text=_body(TEXTS[3]), published="2024-05-02",
                                     outlet="baotinh.example.vn"))
    real = pipelines.extraction.extract_article

    def flaky(article, doc_id=None):
        if article.url == bad:
            raise ValueError("boom")
        return real(article, doc_id=doc_id)

    monkeypatch.setattr(pipelines.extraction, "extract_article", flaky)
    code = cli.main(["build", "-q", "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{bad}: extraction failed (ValueError: boom)" in err
    assert "1 article(s) failed extraction" in err
    stats = pd.read_parquet(out / "catalog" / "statistics.parquet")
    assert set(stats["url"]) == {_row(0)["url"], _row(2)["url"]}  # no stale facts of the old text
    # fixed: the next build extracts it and succeeds
    monkeypatch.setattr(pipelines.extraction, "extract_article", real)
    assert cli.main(["build", "-q", "--output", str(out)]) == 0
    assert bad in set(pd.read_parquet(out / "catalog" / "statistics.parquet")["url"])


# -- size limits -----------------------------------------------------------------------------
def test_oversized_inputs_are_refused_with_a_message(run_antt, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # 100 MB, sparse: refused from its size, never read
        fh.truncate(100_000_000)
    (tmp_path / "ok.txt").write_text(_body(TEXTS[0]), encoding="utf-8")
    _jsonl(tmp_path / "lines.jsonl", [{"text": "mô hình " * 200_000}, _row(1)])  # line 1 is 1.8 MB
    res = run_antt("extract", "huge.txt", "ok.txt", "lines.jsonl", "--max-size", "1")
    assert res.returncode == 1
    assert "huge.txt: 100 MB, over the 1 MB limit for one document (--max-size)" in res.stderr
    assert "lines.jsonl: line 1: longer than the 1 MB limit" in res.stderr
    assert [r["doc_id"] for r in _records(res.stdout)] == ["ok", "lines-2"]
    small = run_antt("extract", "ok.txt", "--max-size", "0.001")
    assert small.returncode == 1 and "over the 1,000 bytes limit" in small.stderr


# -- hostile content -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_catalog(tmp_path_factory):
    """A built catalog with a formula for a title and an article stored under a script URL."""
    tmp = tmp_path_factory.mktemp("hostile")
    out = tmp / "output"
    with Store.open(f"sqlite:///{out / 'antt.sqlite'}") as store:
        for n in range(3):
            row = _row(n)
            store.upsert_article(Article(url=row["url"], text=row["text"], published=row["published"],
                                         title=FORMULA if n == 0 else f"Bài {n}", outlet="baotinh.example.vn"))
        # an old store, or a bug upstream, may hold a URL that is not http(s)
        store.upsert_article(Article(url="javascript:alert(3)//baotinh.example.vn/x.html", text=_body(TEXTS[3]),
                                     published="2024-06-01", title="x", outlet="baotinh.example.vn"))
    env = dict(os.environ, ANTT_OUTPUT=str(out))
    for command in ("build", "report"):
        res = subprocess.run([*antt_command(), command, "-q"], cwd=tmp, env=env, capture_output=True, text=True,
                             timeout=300)
        assert res.returncode == 0, res.stderr
    return out


def test_csv_cells_are_not_formulas_but_parquet_is_exact(hostile_catalog):
    csv = pd.read_csv(hostile_catalog / "catalog" / "articles.csv", encoding="utf-8-sig", dtype=str)
    titles = set(csv["title"].dropna())
    assert "'" + FORMULA in titles and FORMULA not in titles
    assert not any(str(v)[:1] in "=+-@\t\r" for col in csv.columns for v in csv[col].dropna())
    parquet = pd.read_parquet(hostile_catalog / "catalog" / "articles.parquet")
    assert FORMULA in set(parquet["title"])


def test_report_links_only_http_urls(hostile_catalog):
    html = (hostile_catalog / "report" / "index.html").read_text(encoding="utf-8")
    hrefs = [h.split('"', 1)[0] for h in html.split('href="')[1:]]
    assert hrefs, "the report links its figures to their articles"
    assert all(h.startswith(("http://", "https://")) for h in hrefs), [h for h in hrefs if not h.startswith("http")]
    urls = set(pd.read_parquet(hostile_catalog / "catalog" / "statistics.parquet")["url"])
    assert any(u.startswith("javascript:") for u in urls), "the case under test reached the catalog"


def test_out_to_a_device_writes_through_it(run_antt, tmp_path):
    (tmp_path / "a.txt").write_text(_body(TEXTS[0]), encoding="utf-8")
    before = os.stat("/dev/null")
    res = run_antt("extract", "a.txt", "--out", "/dev/null")
    assert res.returncode == 0, res.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_out_through_a_symlink_keeps_the_link(run_antt, tmp_path):
    (tmp_path / "a.txt").write_text(_body(TEXTS[0]), encoding="utf-8")
    target = tmp_path / "real.jsonl"
    target.write_text("old\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(target)
    res = run_antt("extract", "a.txt", "--out", "link.jsonl")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "link.jsonl").is_symlink()
    assert json.loads(target.read_text(encoding="utf-8").splitlines()[0])["doc_id"] == "a"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_stops_the_server(hostile_catalog, sig):
    port = _free_port()
    env = dict(os.environ, ANTT_OUTPUT=str(hostile_catalog))
    proc = subprocess.Popen([*antt_command(), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            if _answers(port):
                break
            time.sleep(0.2)
        assert _answers(port), "antt serve did not answer"
        proc.send_signal(sig)
        proc.wait(timeout=15)
        time.sleep(0.5)
        assert not _answers(port), "Datasette still answers after antt serve stopped"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_letter_whose_lower_case_is_longer_keeps_the_period_rules_working():
    # "İ" lowers to two characters: the caseless copy is refused and the rules read the text itself
    ex = extract_text("İ Năm 2024 xã giảm từ 5 vụ xuống còn 3 vụ so với năm 2023, thành lập được 4 tổ.", "x",
                      published="2025-01-01")
    assert [(s.value, s.period) for s in ex.statistics] == [(5, "2023"), (3, "2024"), (4, "2024")]

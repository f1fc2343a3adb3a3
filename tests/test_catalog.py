"""The catalog build, exports, report and browsable database, on a real store."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from .conftest import DEV, antt_command

TEXTS = sorted(DEV.glob("dev-*.txt"))[:12]


def _run(tmp_path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANTT_OUTPUT=str(tmp_path / "output"), COLUMNS="120")
    res = subprocess.run([*antt_command(), *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    if check:
        assert res.returncode == 0, res.stderr[-3000:]
    return res


def _copy_text(src: Path, dst: Path, url: str, published: str) -> None:
    body = src.read_text(encoding="utf-8").split("\n\n", 1)[1]
    dst.write_text(f"URL: {url}\nPUBLISHED: {published}\n\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """A store with 12 development texts, one syndicated copy and two articles that disagree."""
    tmp = tmp_path_factory.mktemp("catalog")
    inputs = tmp / "in"
    inputs.mkdir()
    for p in TEXTS:
        shutil.copy(p, inputs / p.name)
    # the same story on another outlet (syndicated copy)
    _copy_text(TEXTS[0], inputs / "copy.txt", "https://baomoi.example.vn/ban-sao-cua-bai-mot.html", "2024-06-02")
    # two stories about one province that give incompatible camera counts for 2024
    (inputs / "x1.txt").write_text(
        "URL: https://baotinh.example.vn/a-1.html\nPUBLISHED: 2024-06-10\n\nTỉnh Kon Tum nhân rộng mô hình camera an ninh\n\n"
        "Năm 2024, toàn tỉnh Kon Tum có 120 camera an ninh do người dân lắp đặt theo mô hình “Camera an ninh”.\n",
        encoding="utf-8")
    (inputs / "x2.txt").write_text(
        "URL: https://baokhac.example.vn/b-2.html\nPUBLISHED: 2024-07-01\n\nKon Tum: camera giữ bình yên thôn làng\n\n"
        "Năm 2024, tỉnh Kon Tum có hơn 500 camera an ninh kết nối với Công an tỉnh theo mô hình “Camera an ninh”.\n",
        encoding="utf-8")
    res = _run(tmp, "extract", *sorted(str(p) for p in inputs.glob("*.txt")), "--save", "--out", str(tmp / "x.jsonl"))
    assert "records written" in res.stderr
    _run(tmp, "build")
    return tmp


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_tables_exist_with_provenance(catalog):
    cat = catalog / "output" / "catalog"
    stats = pd.read_parquet(cat / "statistics.parquet")
    assert {"value", "qualifier", "unit", "metric", "place", "province", "provinces_2025", "period", "published",
            "outlet", "url", "evidence", "start", "end", "extractor_version", "fact_id"} <= set(stats.columns)
    assert stats["fact_id"].is_unique
    models = pd.read_parquet(cat / "models.parquet")
    assert {"label", "aliases", "articles", "provinces", "provinces_2025", "first_report", "last_report",
            "example_mention", "example_url"} <= set(models.columns)
    assert models["label"].is_unique and (models["articles"] >= 1).all()
    places = pd.read_parquet(cat / "places.parquet")
    assert set(places["level"]) == {"province", "province_2025", "local"}
    kon_tum = places[(places["level"] == "province") & (places["name"] == "Kon Tum")].iloc[0]
    assert kon_tum["cameras_installed"] in (120, 500) and kon_tum["cameras_installed_source"].startswith("https://")
    # csv opens in Excel: UTF-8 with a byte order mark
    assert (cat / "statistics.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_syndicated_copy_counts_once_and_corroborates(catalog):
    cat = catalog / "output" / "catalog"
    arts = pd.read_parquet(cat / "articles.parquet")
    copy = arts[arts["url"].str.contains("ban-sao-cua-bai-mot")].iloc[0]
    original = arts[(arts["story_id"] == copy["story_id"]) & (arts["article_id"] != copy["article_id"])]
    assert len(original) == 1  # the copy joined the original's story
    assert arts["story_id"].nunique() == len(arts) - 1
    stats = pd.read_parquet(cat / "statistics.parquet")
    mine = stats[stats["url"] == copy["url"]]
    assert len(mine) and (mine["corroborated_by"] >= 1).all()
    conflicts = pd.read_parquet(cat / "conflicts.parquet")
    assert not conflicts["url"].isin(original["url"]).any() or conflicts["url"].nunique() > 1


def test_conflicting_figures_are_kept_and_flagged(catalog):
    cat = catalog / "output" / "catalog"
    conflicts = pd.read_parquet(cat / "conflicts.parquet")
    kon = conflicts[conflicts["place"] == "Kon Tum"]
    assert set(kon["value"]) == {120.0, 500.0}
    assert kon["conflict_id"].nunique() == 1 and set(kon["metric"]) == {"cameras_installed"}
    stats = pd.read_parquet(cat / "statistics.parquet")
    assert {120.0, 500.0} <= set(stats[stats["province"] == "Kon Tum"]["value"])  # both kept


def test_rebuild_is_byte_identical_and_new_article_is_processed_alone(catalog, tmp_path):
    work = tmp_path / "w"
    shutil.copytree(catalog, work)
    before = _digest(work / "output" / "catalog")
    res = _run(work, "build")
    assert "extracted 0 now" in res.stdout
    assert _digest(work / "output" / "catalog") == before
    new = work / "new.txt"
    _copy_text(TEXTS[-1], new, "https://baomoi.example.vn/mot-bai-moi.html", "2025-01-05")
    body = new.read_text(encoding="utf-8").replace("Năm", "Trong năm", 1)
    new.write_text(body, encoding="utf-8")
    # store it as the crawler would (article only), then build: only it is extracted
    from antt.inputs import read_documents
    from core.store import Store

    doc = next(read_documents(new))
    with Store.open(f"sqlite:///{work / 'output' / 'antt.sqlite'}") as store:
        store.upsert_article(doc.article)
    res = _run(work, "build")
    assert "extracted 1 now" in res.stdout
    after = pd.read_parquet(work / "output" / "catalog" / "articles.parquet")
    assert after["url"].str.contains("mot-bai-moi").sum() == 1


def test_corrections_survive_rebuilds_and_bad_files_change_nothing(catalog, tmp_path):
    work = tmp_path / "w"
    shutil.copytree(catalog, work)
    cat = work / "output" / "catalog"
    stats = pd.read_parquet(cat / "statistics.parquet")
    models = pd.read_parquet(cat / "models.parquet")
    victim = stats.iloc[0]["fact_id"]
    moved = stats.iloc[1]["fact_id"]
    a, b = models["label"].iloc[0], models["label"].iloc[1]
    (work / "output" / "corrections.yaml").write_text(
        f"merge_kinds:\n  {b}: {a}\nreject:\n  - {victim}\nfix_place:\n  {moved}: {{place: Phường Sửa Lại, province: Kon Tum}}\n",
        encoding="utf-8")
    res = _run(work, "build")
    assert "3 applied" in res.stdout
    stats2 = pd.read_parquet(cat / "statistics.parquet")
    assert victim not in set(stats2["fact_id"])
    assert stats2.set_index("fact_id").loc[moved, "place"] == "Phường Sửa Lại"
    assert b not in set(pd.read_parquet(cat / "models.parquet")["label"])
    before = _digest(cat)
    (work / "output" / "corrections.yaml").write_text("reject: [unclosed\n", encoding="utf-8")
    res = _run(work, "build", check=False)
    assert res.returncode == 1 and "corrections.yaml" in res.stderr and "Traceback" not in res.stderr
    assert _digest(cat) == before  # the failed build left the outputs intact


def test_datapackage_validates_with_frictionless(catalog):
    exe = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or "frictionless"
    res = subprocess.run([exe, "validate", "datapackage.json"], cwd=catalog / "output", capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-3000:]
    pkg = json.loads((catalog / "output" / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["$schema"].endswith("/2.0/datapackage.json")
    stats = next(r for r in pkg["resources"] if r["name"] == "statistics")
    fields = {f["name"]: f for f in stats["schema"]["fields"]}
    assert fields["qualifier"]["constraints"]["enum"][0] == "exact" and "description" in fields["evidence"]
    assert stats["schema"]["primaryKey"] == ["fact_id"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(_chromium() is None, reason="Chromium is installed by .ci/run (Debian package chromium)")
def test_report_renders_tables_and_charts_in_headless_chromium(catalog, tmp_path):
    _run(catalog, "report")
    page = catalog / "output" / "report" / "index.html"
    html = page.read_text(encoding="utf-8")
    # self-contained: no script, no stylesheet, image or font fetched from anywhere
    assert "<script" not in html and "<link" not in html
    assert not re.search(r'(?:src|@import|url\()\s*=?\s*["\']?https?://', html)
    profile = tmp_path / "profile"
    common = [_chromium(), *CHROME_FLAGS, f"--user-data-dir={profile}", "--window-size=1300,1600"]
    shot = tmp_path / "report.png"
    res = subprocess.run([*common, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000, res.stderr[-2000:]
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert dom.count("<svg") >= 1 and "<table" in dom
    places = pd.read_parquet(catalog / "output" / "catalog" / "places.parquet")
    provinces = places[places["level"] == "province"]["name"]
    assert len(provinces) >= 5
    for name in provinces:
        assert name in dom
    assert ">120<" in dom and "&gt; 500<" in dom  # figures, each linked to its article
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    assert pixels.std() > 0.05  # not a blank page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_faceted_json_queries(catalog):
    port = _free_port()
    env = dict(os.environ, ANTT_OUTPUT=str(catalog / "output"))
    proc = subprocess.Popen([*antt_command(), "serve", "--port", str(port)], cwd=catalog, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = (f"http://127.0.0.1:{port}/catalog/statistics.json?_facet=model&_facet=unit"
               "&metric=cameras_installed&_shape=objects&_facet_size=max")
        data = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    data = json.load(resp)
                break
            except OSError:
                time.sleep(0.2)
        assert data is not None, "antt serve did not answer"
        facets = data["facet_results"]
        facets = facets.get("results", facets)
        provinces = {f["value"]: f["count"] for f in facets["province"]["results"]}
        assert provinces.get("Kon Tum") == 2
        assert data["filtered_table_rows_count"] == sum(provinces.values())
        assert data["license"] == "CC-BY-4.0"
        base = f"http://127.0.0.1:{port}/catalog/statistics"
        with urllib.request.urlopen(f"{base}.json?_search=camera&_size=1", timeout=5) as resp:
            searched = json.load(resp)
        with urllib.request.urlopen(f"{base}.json?_size=1", timeout=5) as resp:
            everything = json.load(resp)
        assert 0 < searched["filtered_table_rows_count"] < everything["filtered_table_rows_count"]
        with urllib.request.urlopen(base, timeout=5) as resp:
            page = resp.read().decode("utf-8")
        assert page.index("rows-and-columns") > 0 and "column-descriptions" not in page  # no list above the rows
        if _chromium():  # the page renders in a real browser, with its rows
            shot = catalog / "datasette.png"
            subprocess.run([_chromium(), *CHROME_FLAGS, f"--user-data-dir={catalog / 'profile'}",
                            "--window-size=1300,1000", f"--screenshot={shot}", base], capture_output=True, timeout=120)
            import matplotlib.image as mpimg

            pixels = mpimg.imread(shot)
            assert pixels.std() > 0.05
            dom = subprocess.run([_chromium(), *CHROME_FLAGS, f"--user-data-dir={catalog / 'profile'}",
                                  "--dump-dom", base], capture_output=True, text=True, timeout=120).stdout
            first = everything["rows"][0][0] if everything.get("rows") else None
            assert first is None or str(first) in dom
        with pytest.raises(urllib.error.HTTPError):  # immutable, read-only
            urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{port}/catalog/-/query?sql=delete+from+statistics", method="POST"), timeout=2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_empty_store_builds_empty_valid_tables(tmp_path):
    res = _run(tmp_path, "build")
    assert "0 figures" in res.stdout
    stats = pd.read_parquet(tmp_path / "output" / "catalog" / "statistics.parquet")
    assert len(stats) == 0 and "evidence" in stats.columns
    exe = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or "frictionless"
    ok = subprocess.run([exe, "validate", "datapackage.json"], cwd=tmp_path / "output", capture_output=True,
                        text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout[-2000:]
    assert _run(tmp_path, "report").returncode == 0


def test_sqlite_has_search_typed_dates_and_the_declared_foreign_keys(catalog):
    import sqlite3

    out = catalog / "output"
    conn = sqlite3.connect(out / "catalog.sqlite")
    total = conn.execute("select count(*) from statistics").fetchone()[0]
    hits = conn.execute("select evidence, subject from statistics where rowid in "
                        "(select rowid from statistics_fts where statistics_fts match 'camera')").fetchall()
    assert 0 < len(hits) < total  # `_search=camera` narrows, it does not return every row
    assert all("camera" in f"{e} {s}".lower() for e, s in hits)
    assert conn.execute("select count(*) from articles_fts where articles_fts match 'kon tum'").fetchone()[0] >= 2
    types = {r[1]: r[2] for r in conn.execute("pragma table_info(statistics)")}
    assert types["published"] == "DATE" and types["value"] == "REAL"
    fks = {(r[3], r[2], r[4]) for r in conn.execute("pragma foreign_key_list(statistics)")}
    assert ("metric", "metrics", "id") in fks
    assert ("model_kind", "models", "label") in {(r[3], r[2], r[4]) for r in conn.execute(
        "pragma foreign_key_list(model_presence)")}
    assert conn.execute("pragma foreign_key_check").fetchall() == []  # every key resolves
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    stats = next(r for r in pkg["resources"] if r["name"] == "statistics")
    assert {f["name"]: f["type"] for f in stats["schema"]["fields"]}["published"] == "date"
    assert pd.read_parquet(out / "catalog" / "statistics.parquet")["published"].map(type).eq(
        __import__("datetime").date).all()
    meta = json.loads((out / "catalog" / "metadata.json").read_text(encoding="utf-8"))
    table = meta["databases"]["catalog"]["tables"]["statistics"]
    assert "provinces_2025" in table["facets"] and table["fts_table"] == "statistics_fts"
    assert "<details>" in table["description_html"] and "columns" not in table  # rows come first


def test_places_keep_scopes_apart(catalog):
    cat = catalog / "output" / "catalog"
    places = pd.read_parquet(cat / "places.parquet")
    figures = pd.read_parquet(cat / "place_figures.parquet")
    assert not places.duplicated(["level", "name", "province_2025"]).any()  # each place once per grouping
    assert list(places.columns[:8]) == ["level", "name", "province", "province_2025", "model_kinds",
                                        "model_mentions", "articles", "statistics"]
    stats = pd.read_parquet(cat / "statistics.parquet")
    own = figures[(figures["level"] == "province") & figures["value"].notna()]
    for r in own.itertuples():  # a province's figure was reported for the province itself
        fact = stats[stats["fact_id"] == r.fact_id].iloc[0]
        assert fact["place"] == fact["province"] == r.name


def _text_of(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


def test_report_filters_counts_and_none_lines(catalog, tmp_path):
    built = _run(catalog, "build").stdout
    n_build = int(re.search(r"(\d+) figures", built).group(1))
    _run(catalog, "report")
    page = (catalog / "output" / "report" / "index.html").read_text(encoding="utf-8")
    assert f"{n_build} số liệu (" in page  # the same count as `antt build`
    assert re.search(r"Danh mục lập ngày \d{4}-\d{2}-\d{2}", page) and "số liệu đăng từ 20" in page
    out = tmp_path / "kt.html"
    _run(catalog, "report", "--province", "Kon Tum", "--metric", "cameras_installed", "--since", "2024-01-01",
         "--out", str(out))
    text = _text_of(out.read_text(encoding="utf-8"))
    assert "Lọc: tỉnh/thành phố: Kon Tum" in text and "> 500" in text and "Nghệ An" not in text
    quiet = tmp_path / "na.html"
    _run(catalog, "report", "--province", "Nghệ An", "--out", str(quiet))
    assert "Không có (none)" in quiet.read_text(encoding="utf-8")  # no conflict there: a line, not a bare header
    for bad in (["--metric", "nope"], ["--since", "2024-13-01"], ["--province", "Atlantis"]):
        res = _run(catalog, "report", *bad, check=False)
        assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


@pytest.mark.skipif(_chromium() is None, reason="Chromium is installed by .ci/run (Debian package chromium)")
def test_show_renders_the_text_once_as_written_in_headless_chromium(tmp_path):
    doc = tmp_path / "tin.txt"
    body = ("Phường Cẩm Châu giữ bình yên với camera\n\n"
            "Năm 2024, phường Cẩm Châu (thành phố Hội An, tỉnh Quảng Nam) có 35% hộ dân tham gia mô hình "
            "“Camera an ninh” với hơn 120 camera kết nối về công an phường.\n")
    doc.write_text(f"URL: https://baoquangnam.example.vn/cam-chau-1.html\nPUBLISHED: 2024-05-02\n\n{body}",
                   encoding="utf-8")
    out = tmp_path / "show.html"
    res = subprocess.run([*antt_command(), "show", str(doc), "--out", str(out)], capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, ANTT_OUTPUT=str(tmp_path / "o")))
    assert res.returncode == 0, res.stderr
    profile = tmp_path / "profile"
    common = [_chromium(), *CHROME_FLAGS, f"--user-data-dir={profile}", "--window-size=1300,900"]
    dom = subprocess.run([*common, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120).stdout
    text_part = dom.split("<div class=\"side\">")[0]
    text = _text_of(re.sub(r"<sup class=\"n\"[^>]*>\d+</sup>", "", text_part))  # without the fact numbers
    sentence = body.split("\n\n")[1].strip()
    assert text.count("Năm 2024, phường Cẩm Châu") == 1 and sentence in " ".join(text.split())  # once, as written
    assert "35%" in text and "“Camera an ninh”" in text and " 35 %" not in text
    headline = re.search(r"<h2 class=\"headline\">(.*?)</h2>", dom, re.S).group(1)
    assert _text_of(re.sub(r"<sup[^>]*>\d+</sup>", "", headline)) == "Phường Cẩm Châu giữ bình yên với camera"
    classes = set(re.findall(r"<mark class=\"(\w+)\"", dom))
    assert classes == {"place", "model", "stat"}
    for target in set(re.findall(r"href=\"#(f1-\d+)\"", dom)):
        assert f'id="{target}"' in dom  # every highlight links to its row
    assert re.search(r"title=\"số liệu #\d+: giá trị: &gt; 120;[^\"]*qualifier: more_than", dom)
    shot = tmp_path / "show.png"
    subprocess.run([*common, f"--screenshot={shot}", out.as_uri()], capture_output=True, timeout=120)
    import matplotlib.image as mpimg

    assert mpimg.imread(shot).std() > 0.05

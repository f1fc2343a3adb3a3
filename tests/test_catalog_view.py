"""What an analyst reads: Vietnamese order, scopes kept apart, merged kinds, honest charts,
and the demo's invented data marked as such."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pandas as pd

from pipelines.charts import metric_chart, vn_number
from pipelines.collation import sorted_vi
from pipelines.corrections import Corrections, apply_corrections
from pipelines.places import place_tables

from .conftest import antt_command


def test_names_sort_in_vietnamese_order():
    names = ["Đồng Nai", "Bình Phước", "Thành phố Hà Nội", "Bắc Ninh", "Đắk Lắk", "Bến Tre", "Dak Test",
             "Thành phố Đà Nẵng", "Hà Giang", "Bạc Liêu", "Tây Ninh", "Thanh Hóa", "An Giang", "Ân Thi"]
    assert sorted_vi(names) == ["An Giang", "Ân Thi", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Phước", "Dak Test",
                                "Thành phố Đà Nẵng", "Đắk Lắk", "Đồng Nai", "Hà Giang", "Thành phố Hà Nội",
                                "Tây Ninh", "Thanh Hóa"]


def test_merged_kind_takes_the_target_kind_id():
    models = pd.DataFrame({"fact_id": ["a", "b", "c"], "canonical": ["nhóm trọ an toàn", "nhà trọ tự quản", "x"],
                           "kind_id": ["new-nhom-tro-an-toan", "nha-tro-tu-quan", "x"], "new_kind": [1, 0, 0]})
    out = apply_corrections({"models": models}, Corrections(merge_kinds={"nhóm trọ an toàn": "nhà trọ tự quản"}))
    merged = out["models"].set_index("fact_id")
    assert merged.loc["a", "canonical"] == "nhà trọ tự quản"
    assert merged.loc["a", "kind_id"] == "nha-tro-tu-quan" and merged.loc["a", "new_kind"] == 0
    assert models.loc[0, "kind_id"] == "new-nhom-tro-an-toan"  # the input is left as it was


def _stat(fid, value, qualifier, place, province, p2025, published, url):
    return {"fact_id": fid, "value": value, "value_max": None, "total": None, "qualifier": qualifier,
            "unit": "camera", "metric": "cameras_installed", "place": place, "province": province,
            "provinces_2025": p2025, "period": None, "published": published, "outlet": "x.vn", "url": url,
            "evidence": f"{value} camera", "story_id": hash(url) % 1000}


def test_places_keep_each_figure_at_its_scope_and_each_place_once():
    hn, dn, qn = "Thành phố Hà Nội", "Thành phố Đà Nẵng", "Quảng Nam"
    stats = pd.DataFrame([
        _stat("p1", 30000, "about", hn, hn, hn, "2023-12-18", "https://a.vn/1"),
        _stat("w1", 1300, "more_than", "Quận Hoàng Mai", hn, hn, "2025-09-16", "https://a.vn/2"),
        _stat("w2", 9500, "exact", "Quận Thanh Xuân", hn, hn, "2024-01-02", "https://a.vn/3"),
        _stat("h1", 200, "exact", "Thành phố Hội An", qn, dn, "2024-03-01", "https://b.vn/1"),
        _stat("h2", 486, "exact", "Thành phố Hội An", dn, dn, "2025-10-01", "https://b.vn/2"),
        _stat("q1", 5000, "exact", qn, qn, dn, "2024-05-01", "https://b.vn/3"),
    ])
    models = pd.DataFrame({"canonical": ["camera an ninh"], "place": [hn], "province": [hn],
                           "provinces_2025": [hn], "story_id": [1]})
    locs = pd.DataFrame({"name": ["Quận Hoàng Mai", "Quận Thanh Xuân", "Thành phố Hội An", "Thành phố Hội An"],
                         "province": [hn, hn, qn, dn], "level": ["district", "district", "district", "district"]})
    places, figures = place_tables(stats, models, locs, ["cameras_installed"])
    row = places[(places["level"] == "province") & (places["name"] == hn)].iloc[0]
    assert row["cameras_installed"] == 30000 and row["cameras_installed_qualifier"] == "about"  # never the ward's
    fig = figures[(figures["level"] == "province") & (figures["name"] == hn)].iloc[0]
    assert fig["districts_reporting"] == 2 and fig["districts_sum"] == 10800
    hoi_an = places[places["name"] == "Thành phố Hội An"]
    assert len(hoi_an) == 1  # once, with both parents
    assert hoi_an.iloc[0]["province"] == f"{dn}; {qn}" and hoi_an.iloc[0]["province_2025"] == dn
    assert hoi_an.iloc[0]["cameras_installed"] == 486
    # Đà Nẵng since July 2025: Quảng Nam's province-wide figure is a part of it, not its own
    dn25 = figures[(figures["level"] == "province_2025") & (figures["name"] == dn)].iloc[0]
    assert pd.isna(dn25["value"]) and dn25["provinces_reporting"] == 1 and dn25["provinces_sum"] == 5000


def test_chart_marks_qualifiers_units_and_vietnamese_numbers():
    assert vn_number(42000) == "42.000" and vn_number(2.5, 1) == "2,5"
    pts = pd.DataFrame({"metric": "cameras_installed", "province": ["Thành phố Hà Nội"] * 2,
                        "published": ["2023-12-18", "2025-09-16"], "value": [42000.0, 1300.0],
                        "qualifier": ["exact", "more_than"], "sources": [2, 1], "url": "u", "evidence": "e",
                        "fact_id": ["a", "b"]})
    svg = metric_chart("cameras_installed", "camera an ninh", "camera", pts)
    assert "camera an ninh (camera)" in svg and "ngày đăng bài" in svg  # axis titles with units
    assert "40.000" in svg and "40000" not in svg  # ticks as the tables print numbers
    assert "2 nguồn" in svg and "1 nguồn" in svg  # sources per point
    assert "fill: #ffffff" in svg  # an open marker for "more than"
    single = pts.iloc[:1]
    assert metric_chart("cameras_installed", "camera an ninh", "camera", single) is None  # no line from one point


def test_demo_is_marked_as_sample_and_kept_out_of_the_users_store(tmp_path):
    env = dict(os.environ, ANTT_OUTPUT=str(tmp_path / "output"), COLUMNS="120")
    mine = tmp_path / "mine.txt"
    mine.write_text("URL: https://baotinh.example.vn/x-1.html\nPUBLISHED: 2024-06-10\n\nKon Tum có camera\n\n"
                    "Năm 2024, tỉnh Kon Tum có 120 camera an ninh theo mô hình “Camera an ninh”.\n", encoding="utf-8")
    run = lambda *a: subprocess.run([*antt_command(), *a], cwd=tmp_path, env=env, capture_output=True,  # noqa: E731
                                    text=True, timeout=300)
    assert run("extract", str(mine), "--save", "--out", str(tmp_path / "x.jsonl")).returncode == 0
    res = run("demo", "-q")
    assert res.returncode == 0, res.stderr[-2000:]
    assert "INVENTED SAMPLE DATA" in res.stdout
    user = sqlite3.connect(tmp_path / "output" / "antt.sqlite")
    assert user.execute("select count(*) from articles").fetchone()[0] == 1  # the user's store: untouched
    demo = tmp_path / "output" / "demo"
    arts = pd.read_parquet(demo / "catalog" / "articles.parquet")
    assert len(arts) > 40 and arts["sample"].all() and "baotinh.example.vn" not in " ".join(arts["url"])
    assert pd.read_parquet(demo / "catalog" / "statistics.parquet")["sample"].all()
    pkg = json.loads((demo / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["sample"] is True and "INVENTED" in pkg["sources"][0]["title"] and "SAMPLE" in pkg["title"]
    meta = json.loads((demo / "catalog" / "metadata.json").read_text(encoding="utf-8"))
    assert "Dữ liệu mẫu" in meta["description_html"]
    assert "DỮ LIỆU MẪU" in (demo / "report" / "index.html").read_text(encoding="utf-8")
    rebuilt = run("build", "--output", str(demo))  # a later build of the demo folder stays marked
    assert rebuilt.returncode == 0 and "INVENTED SAMPLE DATA" in rebuilt.stdout


def test_coverage_ratios_are_drawn_as_shares_with_their_total():
    from pipelines.charts import coverage_chart, coverage_points

    stats = pd.DataFrame({"value": [7.0, 12.0, 5.0], "total": [7.0, 15.0, None], "unit": ["thôn", "tổ", "tổ"],
                          "place": ["Xã A", "Xã A", "Xã B"], "published": ["2024-01-02", "2025-03-04", "2025-01-01"]})
    pts = coverage_points(stats)
    assert list(pts["share"]) == [1.0, 0.8]  # a count without a total is no share
    svg = coverage_chart(pts)
    assert "7/7 thôn" in svg and "12/15 tổ" in svg and "tỉ lệ (%)" in svg

"""Extending the product: a new metric is one entry in nlp/data/metrics.yaml, nothing else.

The entry is added in memory (the same parsed data the file gives), then a real store is
extracted and built: the figure's unit maps to the new metric and the places table gets its
columns, with no code changed.
"""

from __future__ import annotations

import copy

import pytest

import nlp.lexicon as lexicon
import nlp.units as units
from core.store import Store

TEXT = ("Công an xã Hòa Phong, huyện Hòa Vang, TP Đà Nẵng ra mắt mô hình tổ tự quản về an ninh trật tự. "
        "Năm 2024, xã lắp đặt 12 loa phát thanh để cảnh báo tội phạm và duy trì tuần tra ban đêm.")


def _clear_caches() -> None:
    for fn in (units.metrics, units.counted_nouns, units.unit_matcher, units._unit_prefixes, units.metric_of):
        fn.cache_clear()


@pytest.fixture
def with_new_metric(monkeypatch):
    data = copy.deepcopy(lexicon.load("metrics"))
    data["other_nouns"] = [n for n in data["other_nouns"] if n != "loa"]
    data["metrics"].append({"id": "loudspeakers", "label": "loa phát thanh", "unit": "loudspeaker",
                            "description": "Public loudspeakers installed.", "nouns": ["loa"]})
    real_load = lexicon.load
    monkeypatch.setattr(lexicon, "load", lambda name: data if name == "metrics" else real_load(name))
    monkeypatch.setattr(units, "load", lexicon.load)
    _clear_caches()
    yield
    monkeypatch.undo()
    _clear_caches()


def _build(tmp_path):
    from core.records import Article
    from pipelines.catalog import build_catalog
    from pipelines.extraction import extract_stored

    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        store.upsert_article(Article(url="https://baodanang.vn/loa-phat-thanh-123.html", text=TEXT,
                                     title="Loa phát thanh giữ bình yên", outlet="baodanang.vn",
                                     published="2024-05-02"))
        extract_stored(store)
        return build_catalog(store)


def test_without_the_entry_the_figure_counts_under_other(tmp_path):
    catalog = _build(tmp_path)
    loa = catalog["statistics"].query("unit == 'loa'")
    assert list(loa["metric"]) == ["other"]
    assert "loudspeakers" not in catalog["places"].columns


def test_a_new_metric_is_one_data_entry(tmp_path, with_new_metric):
    catalog = _build(tmp_path)
    loa = catalog["statistics"].query("unit == 'loa'")
    assert list(loa["metric"]) == ["loudspeakers"] and list(loa["value"]) == [12]
    assert "loudspeakers" in set(catalog["metrics"]["id"])
    assert {"loudspeakers", "loudspeakers_date", "loudspeakers_source"} <= set(catalog["places"].columns)

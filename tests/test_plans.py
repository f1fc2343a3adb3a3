"""Planned figures: a target, plan, forecast or request is flagged, a result is not.

Sentences written for this test, one phenomenon each; the catalog never shows a planned
figure as a place's latest value nor as a conflict."""

from __future__ import annotations

import pytest

from core.records import Article
from nlp.extract import extract_article


def _flags(text: str) -> dict[tuple[float, str], bool]:
    ex = extract_article(Article(url="https://baothaibinh.com.vn/tin-1.html", text=text, title="Tin",
                                 published="2025-03-02"), "t")
    return {(s.value, s.unit): s.planned for s in ex.statistics}


@pytest.mark.parametrize("text, figure, planned", [
    ("Năm nay xã Đông Hải dự kiến lắp thêm 45 camera an ninh ở các ngã ba.", (45, "camera"), True),
    ("Huyện phấn đấu đến cuối năm có 120 tổ tự quản về an ninh trật tự.", (120, "tổ tự quản"), True),
    ("Thời gian tới, phường sẽ nhân rộng mô hình ra 9 tổ dân phố còn lại.", (9, "tổ dân phố"), True),
    ("Xã đang đề nghị huyện hỗ trợ 40 triệu đồng để thay bóng đèn.", (40_000_000, "đồng"), True),
    ("Mục tiêu đến năm 2027, toàn tỉnh có 500 mô hình camera an ninh.", (500, "mô hình"), True),
    ("Năm 2024, xã Đông Hải đã lắp 45 camera an ninh ở các ngã ba.", (45, "camera"), False),
    ("Kế hoạch đề ra từ đầu năm, đến nay huyện đã có 120 tổ tự quản.", (120, "tổ tự quản"), False),
    ("Phường sẽ tiếp tục duy trì 9 tổ dân phố tự quản đang hoạt động hiệu quả.", (9, "tổ dân phố"), False),
    ("Với mục tiêu giữ bình yên thôn xóm, xã thành lập 15 tổ an ninh nhân dân.", (15, "tổ"), False),
    ("Huyện sẽ tổng kết mô hình vào tháng 12; hiện có 30 tổ hoạt động.", (30, "tổ"), False),
])
def test_a_plan_or_request_is_flagged_and_a_result_is_not(text, figure, planned):
    flags = _flags(text)
    assert figure in flags, flags
    assert flags[figure] is planned


def test_a_planned_figure_is_never_a_places_latest_figure_nor_a_conflict(tmp_path):
    from core.store import Store
    from pipelines.catalog import build_catalog
    from pipelines.extraction import extract_stored

    texts = {
        "https://baothaibinh.com.vn/a-1.html": ("2025-01-10", "Năm 2024, huyện Tiền Hải, tỉnh Thái Bình đã lắp đặt "
                                                "300 camera an ninh tại các thôn có mô hình tự quản về an ninh trật tự."),
        "https://baothaibinh.com.vn/a-2.html": ("2025-02-20", "Huyện Tiền Hải, tỉnh Thái Bình dự kiến lắp đặt thêm "
                                                "900 camera an ninh cho các mô hình tự quản về an ninh trật tự."),
    }
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        for url, (day, text) in texts.items():
            store.upsert_article(Article(url=url, text=text, title="Camera an ninh", outlet="baothaibinh.com.vn",
                                         published=day))
        extract_stored(store, workers=1)
        with build_catalog(store, workdir=tmp_path) as catalog:
            stats, figures, conflicts = catalog["statistics"], catalog["place_figures"], catalog["conflicts"]
    cams = stats[stats["metric"] == "cameras_installed"]
    assert sorted(zip(cams["value"], cams["planned"], strict=True)) == [(300.0, False), (900.0, True)]
    mine = figures[(figures["metric"] == "cameras_installed") & (figures["name"].str.contains("Tiền Hải"))]
    assert len(mine) and set(mine["value"]) == {300.0}  # the later planned 900 is not the latest figure
    assert conflicts.empty

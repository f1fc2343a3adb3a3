"""Vietnamese numbers and the statistics filter, on small cases each aimed at one rule."""

from __future__ import annotations

import pytest

from nlp.numbers import parse_digits, parse_words
from nlp.statistics import find_statistics


@pytest.mark.parametrize(("raw", "value"), [("30.000", 30000), ("1,5", 1.5), ("05", 5), ("1.234.567", 1234567),
                                            ("98,5", 98.5)])
def test_digits(raw, value):
    assert parse_digits(raw) == value


@pytest.mark.parametrize(("raw", "value"), [("hai", 2), ("mười", 10), ("mười lăm", 15), ("hai mươi mốt", 21),
                                            ("ba trăm", 300), ("mươi", None)])
def test_words(raw, value):
    assert parse_words(raw) == value


def _stats(text):
    return [(s.value, s.qualifier, s.unit) for s in find_statistics(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("đã lắp đặt hơn 30.000 camera", [(30000, "more_than", "camera")]),
    ("huy động 2,5 triệu đồng", [(2500000, "exact", "đồng")]),
    ("thu hút 22 ngàn người tham gia", [(22000, "exact", "người")]),
    ("có gần 500 hộ", [(500, "less_than", "hộ")]),
    ("khoảng 70 tổ tự quản", [(70, "about", "tổ tự quản")]),
    ("ít nhất 3 vụ", [(3, "at_least", "vụ")]),
    ("không quá 15 thành viên", [(15, "at_most", "thành viên")]),
    ("từ 10 đến 15 người", [(10, "at_least", "người")]),
    ("đạt 98,5% số hộ", [(98.5, "exact", "%")]),
    ("thành lập mười lăm tổ tuần tra", [(15, "exact", "tổ tuần tra")]),
])
def test_figures(text, expected):
    assert _stats(text) == expected


@pytest.mark.parametrize("text", [
    "Ngày 25/12, hội nghị diễn ra", "theo Quyết định số 1945/QĐ-BCĐ", "Ban Chỉ đạo 138 thành phố",
    "tại quận 4 và phường 5", "mô hình 5+1 được nhân rộng", "năm 2023 và giai đoạn 2019-2021",
    "ông A, 45 tuổi, trú tại", "gọi đường dây nóng 0912 345 678", "lúc 22 giờ 30", "theo Điều 134 Bộ luật",
    "lần thứ 3 tổ chức", "Tổ dân phố 103 phường Trần Phú", "công nghệ 4.0", "Kết luận số 44-KL/TW",
])
def test_not_statistics(text):
    assert _stats(text) == []


def test_a_ten_after_a_qualifier_is_a_number():
    from nlp.statistics import find_statistics

    assert [(s.value, s.qualifier) for s in find_statistics("Dân góp hơn chục triệu đồng mua loa.")] == [
        (10_000_000, "more_than")]
    assert [(s.value, s.qualifier, s.unit) for s in find_statistics("Thôn có gần chục camera.")] == [
        (10, "less_than", "camera")]
    assert find_statistics("Xã có vài chục hộ nuôi cá.") == []  # "vài chục": no number said


def test_a_range_in_words_after_tu_is_a_range():
    from nlp.statistics import find_statistics

    got = [(s.value, s.value_max, s.qualifier, s.unit) for s in find_statistics(
        "Mỗi tổ ở xã có từ ba đến năm thành viên, ở phường từ năm tới chín thành viên.")]
    assert got == [(3, 5, "at_least", "thành viên"), (5, 9, "at_least", "thành viên")]
    # `từ ba đến nay` is no range, and a falling pair is none
    assert find_statistics("Từ ba năm đến nay, xã không có vụ trộm.") == []


def test_a_part_of_a_whole_said_in_words_and_a_team_of_several_jobs():
    from nlp.statistics import find_statistics

    def got(text):
        return [(s.value, s.total, s.unit) for s in find_statistics(text)]

    assert got("Đã có 5 trong 10 xã và 12 trên số 15 thôn lắp camera.") == [(5, 10, "xã"), (12, 15, "thôn")]
    assert got("Các tổ công tác 3 trong 1 xuất quân làm nhiệm vụ.") == []  # a slogan's numbers
    assert got("Dòng họ đứng thứ 02 trong 16 dòng họ của xã.") == [(16, None, "dòng họ")]  # a rank


def test_a_quoted_slogans_pairs_explained_again_are_no_figures():
    from nlp.statistics import find_statistics

    text = ("Xã xây dựng mô hình “2 xây, 3 phòng, 4 tự”, cụ thể: 2 xây là xây dựng gia đình văn hóa; 3 phòng là phòng "
            "trộm; 4 tự là tự quản. Xã có 3 phòng họp và 12 hộ tham gia.")
    assert [(s.value, s.unit) for s in find_statistics(text)] == [(3, "phòng họp"), (12, "hộ")]


def test_tren_duoi_is_about_not_less_than():
    from nlp.statistics import find_statistics

    got = [(s.value, s.qualifier) for s in find_statistics("Đêm hội có trên dưới 5 ngàn người, trên 40 tàu cá.")]
    assert got == [(5000, "about"), (40, "more_than")]


def test_hang_spelt_hang_with_a_grave_the_lunar_new_years_days_and_one_of_n():
    from nlp.statistics import find_statistics

    got = [(s.value, s.qualifier, s.unit) for s in find_statistics(
        "Công an triệt xóa hằng chục tụ điểm; mùng 3 Tết có hằng trăm người trực; hằng ngày tuần tra.")]
    assert got == [(10, "at_least", "tụ điểm"), (100, "at_least", "người")]
    got = [(s.value, s.total, s.unit) for s in find_statistics(
        "Huyện là 1 trong 12 đơn vị được chọn làm điểm; xã có 5 trong 10 thôn đạt chuẩn.")]
    assert got == [(12, None, "đơn vị"), (5, 10, "thôn")]
    assert [(s.value, s.unit) for s in find_statistics("Tổ dân phố có 6 kiệt, 4 ngõ.")] == [(6, "kiệt"), (4, "ngõ")]

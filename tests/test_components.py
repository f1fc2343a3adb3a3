"""Each extractor component on small cases of its own: a normalized document in, raw facts
out (periods, models, kinds, figures), then scoping. Texts written for these tests."""

from __future__ import annotations

import pytest

from nlp.document import Document
from nlp.extract import extract_text, figures, models, periods
from nlp.kinds import canonical_kind
from nlp.lexicon import LexiconError, load, versions, words


def _periods(text: str, published: str = "2024-05-10") -> dict[str, str]:
    doc = Document.of(text, published)
    return {doc.text[p.start : p.end]: p.value for p in periods(doc)}


def _models(text: str) -> list[tuple[str, bool]]:
    return [(m.name, m.quoted) for m in models(Document.of(text))]


def test_document_is_normalized_once_with_its_sentences():
    doc = Document.of("Mô hình thuỷ lợi.\u00a0Năm 2023 có 5 tổ.", "2024-05-10T08:00:00+07:00")
    assert doc.text == "Mô hình thủy lợi. Năm 2023 có 5 tổ."
    assert [doc.text[a:b] for a, b in doc.bounds] == ["Mô hình thủy lợi.", "Năm 2023 có 5 tổ."]
    assert doc.published == "2024-05-10"


def test_periods_absolute_and_relative_to_the_publication_date():
    got = _periods("Năm 2023, xã có 5 tổ. Trong tháng 4/2024 có 3 vụ. Từ năm 2020 đến nay có 10 tổ.")
    assert got == {"Năm 2023": "2023", "tháng 4/2024": "2024-04", "Từ năm 2020 đến nay": "2020/2024"}


@pytest.mark.parametrize(("text", "published", "period"), [
    ("Quý I vừa qua, xã lắp 5 camera.", "2024-10-15", "2024"),
    ("Quý IV vừa qua, xã lắp 5 camera.", "2025-01-20", "2024"),  # not yet ended this year
    ("Trong quý III, xã lắp 5 camera.", "2024-05-10", "2023"),  # not yet begun this year
    ("Trong 9 tháng qua, xã lắp 5 camera.", "2024-10-15", "2024"),
    ("Trong 9 tháng qua, xã lắp 5 camera.", "2025-01-20", None),  # spans two years: no single year
    ("Tháng trước, xã lắp 5 camera.", "2025-01-20", "2024-12"),
    ("Năm qua, xã lắp 5 camera.", "2024-12-28", "2024"),
    ("Năm qua, xã lắp 5 camera.", "2025-02-10", "2024"),
    ("Từ tháng 3/2024 đến tháng 11/2025, xã lắp 5 camera.", "2025-12-01", "2024/2025"),
    ("Bà kể 20 năm trước, gia đình xây 10 phòng trọ.", "2020-11-23", None),  # years ago, not last year
])
def test_relative_periods_resolve_against_the_publication_date(text, published, period):
    assert set(_periods(text, published).values()) == ({period} if period else set())


def test_a_baseline_year_is_not_a_period():
    assert _periods("Số vụ giảm 4 vụ so với năm 2019.") == {}


def test_models_quoted_after_mo_hinh_and_with_a_typical_head():
    got = _models('Xã xây dựng mô hình "Camera an ninh" và mô hình Tổ liên gia an toàn PCCC.')
    assert got == [("Camera an ninh", True), ("Tổ liên gia an toàn PCCC", False)]


def test_models_listed_after_an_opener():
    got = _models("Các mô hình như: nhóm Zalo an ninh, tiếng kẻng an ninh đã phát huy hiệu quả.")
    assert [name for name, _ in got] == ["nhóm Zalo an ninh", "tiếng kẻng an ninh"]


@pytest.mark.parametrize("text", [
    "Huyện nhân rộng các mô hình tự quản về ANTT.",  # a generic phrase, not a name
    'Mô hình "Nâng bước em tới trường" giúp học sinh.',  # no word of security: a welfare programme
])
def test_no_model_in_generic_or_off_topic_names(text):
    assert _models(text) == []


def test_an_alias_names_the_model_just_given():
    got = _models('Mô hình "Giúp đỡ người lầm lỗi", gọi tắt là mô hình "5+1", ra đời năm 2019.')
    assert [name for name, _ in got] == ["Giúp đỡ người lầm lỗi"]


def test_kinds_known_aliases_and_new_kinds():
    assert not canonical_kind("Camera an ninh").new
    assert canonical_kind("camera an ninh").id == canonical_kind("Camera an ninh").id
    new = canonical_kind("Đội xung kích bảo vệ đường biên mốc giới")
    assert new.new and new.id.startswith("new-")


def test_figures_with_qualifiers_ranges_and_classifiers():
    got = [(s.value, s.value_max, s.qualifier, s.unit)
           for s in figures(Document.of("Xã lắp 5 chiếc camera, hơn 1.200 hộ tham gia, từ 3 - 5 tổ và 45% hộ."))]
    assert got == [(5, None, "exact", "chiếc camera"), (1200, None, "more_than", "hộ"),
                   (3, 5, "at_least", "tổ"), (45, None, "exact", "%")]


def test_scoping_place_period_and_stock():
    ex = extract_text("Phường Cẩm Châu (TP Hội An) hiện có 12 tổ tự quản. Năm 2023, thị trấn Nam Phước lắp "
                      "40 camera.\nToàn huyện có 300 hộ tham gia.", "x", published="2024-03-01")
    got = [(s.value, s.place, s.period) for s in ex.statistics]
    assert got[0] == (12, "Phường Cẩm Châu", None)  # the finer unit, not its parent; a stock figure
    assert got[1][2] == "2023"  # the year opening the sentence
    assert got[1][1] == "Thị trấn Nam Phước"


def test_lexicon_lists_are_versioned_and_checked():
    assert set(versions()) >= {"figures", "metrics", "model_names", "model_kinds", "topic_terms"}
    assert all(isinstance(v, int) for v in versions().values())
    assert "hơn" in load("figures")["qualifiers"]
    with pytest.raises(LexiconError):
        words("figures", "no such list")
    with pytest.raises(LexiconError):
        load("no-such-file")


def test_coverage_ratio_has_a_total_and_a_date_is_no_ratio():
    got = [(s.value, s.total, s.unit) for s in figures(Document.of(
        "Đến nay 12/12 tổ dân phố và 1.098/1.178 khu dân cư có tổ tự quản; ngày 12/12 ra mắt; 24/24 giờ."))]
    assert got == [(12, 12, "tổ dân phố"), (1098, 1178, "khu dân cư")]


def test_approximate_amounts_are_at_least_their_order_of_magnitude():
    got = [(s.value, s.qualifier, s.unit) for s in figures(Document.of(
        "Tổ hòa giải hàng chục vụ, thu hút hàng trăm nghìn lượt người và hàng trăm triệu đồng."))]
    assert got == [(10, "at_least", "vụ"), (100_000, "at_least", "lượt người"), (100_000_000, "at_least", "đồng")]


def test_slogan_numbers_are_names_not_figures():
    text = 'Phường có 5 tổ tự quản và mô hình “3 giảm, 4 giữ”; gia đình 2 tốt, 3 không được nhân rộng.'
    assert [(s.value, s.unit) for s in figures(Document.of(text))] == [(5, "tổ tự quản")]
    assert "3 giảm, 4 giữ" in [name for name, _ in _models(text)]


def test_the_2024_grassroots_teams_are_a_kind_of_their_own_without_mo_hinh():
    ex = extract_text("Năm 2024, xã thành lập 12 tổ bảo vệ an ninh, trật tự ở cơ sở với 48 thành viên.", "x")
    assert [m.canonical for m in ex.models] == ["tổ bảo vệ an ninh trật tự ở cơ sở"]
    assert [(s.value, s.model) for s in ex.statistics][0] == (12, "tổ bảo vệ an ninh trật tự ở cơ sở")


def test_the_generic_team_name_is_not_a_traffic_team_nor_swallows_specific_names():
    assert canonical_kind("Tổ tự quản an ninh, trật tự").label == "tổ tự quản antt"
    assert canonical_kind("Tổ tự quản an toàn giao thông").label == "tổ tự quản an toàn giao thông"
    assert canonical_kind("Tổ tự quản ANTT dịch vụ du lịch").label != "tổ tự quản antt"


@pytest.mark.parametrize("name, field_kind", [
    ("Cổng trường an toàn về an ninh trật tự", "cổng trường an toàn giao thông"),
    ("Điểm chữa bệnh công cộng", "điểm chữa cháy công cộng"),
])
def test_an_approximate_match_never_leaves_the_words_of_a_kinds_field(name, field_kind):
    assert canonical_kind(name).label != field_kind
    # the field's own words keep the kind
    assert canonical_kind("Cổng trường an toàn giao thông").label == "cổng trường an toàn giao thông"
    assert canonical_kind("Điểm chữa cháy công cộng thôn 2").label == "điểm chữa cháy công cộng"


def test_a_name_of_another_field_without_security_words_is_of_that_field():
    # a liên gia team for fire safety is not the security liên gia team it resembles
    assert canonical_kind("Tổ liên gia tự quản phòng cháy chữa cháy").label == "tổ liên gia pccc"
    # a name that says both stays a security name
    assert canonical_kind("Tổ liên gia tự quản về ANTT và PCCC").label == "tổ liên gia tự quản antt"
    assert canonical_kind("Tổ liên gia tự quản").label == "tổ liên gia tự quản antt"


def test_a_provincial_paper_names_no_province_its_home_is_the_default():
    from nlp.outlets import home_province

    assert home_province("https://www.baoapbac.vn/a-1.html") == "Tiền Giang"
    assert home_province("cand.vn") is None
    # unregistered hosts named after their province: a portal's subdomain, a "bao<province>" paper
    assert home_province("https://svhtt.thuathienhue.gov.vn/?cn=28") == "Thừa Thiên Huế"
    assert home_province("baolongan.vn") == "Long An" and home_province("hanoi.gov.vn") == "Thành phố Hà Nội"
    assert home_province("https://vnexpress.net/a.html") is None
    # a broadcaster's, a police portal's or a local site's host around the province's name
    assert [home_province(h) for h in ("thainguyentv.vn", "truyenhinhthanhhoa.vn", "congan.hatinh.gov.vn",
                                       "nghean24h.vn")] == ["Thái Nguyên", "Thanh Hóa", "Hà Tĩnh", "Nghệ An"]
    assert [home_province(h) for h in ("vtv.vn", "antv.gov.vn", "baotintuc.vn")] == [None, None, None]
    # a province's youth union, a district's page on the city's portal; the national youth paper has none
    assert [home_province(h) for h in ("tuoitrebentre.org.vn", "quan3.hochiminhcity.gov.vn", "tuoitre.vn")] == [
        "Bến Tre", "Thành phố Hồ Chí Minh", None]
    text = "Công an xã ra mắt mô hình camera an ninh với 20 camera."
    home = extract_text(text, "x", url="https://baoapbac.vn/a-1.html")
    national = extract_text(text, "x", url="https://cand.vn/a-post1.html")
    assert home.provinces == ["Tiền Giang"] and home.statistics[0].province == "Tiền Giang"
    assert national.provinces == [] and national.statistics[0].province is None


@pytest.mark.parametrize("text, published, started, evidence, operator", [
    ("Từ tháng 4/2015, Công an phường phối hợp xây dựng mô hình Tổ tự quản an ninh trật tự.", "2017-11-14",
     "2015-04", "Từ tháng 4/2015", "Công an phường"),
    ("Ngày 20/10/2012, Hội Liên hiệp Phụ nữ xã ra mắt mô hình “Tổ phụ nữ tự quản về ANTT”.", "2014-10-08",
     "2012-10-20", "Ngày 20/10/2012", "Hội Liên hiệp Phụ nữ xã"),
    ("Sau 5 năm thí điểm, mô hình “Camera an ninh” của Công an TP Phủ Lý được nhân rộng.", "2016-03-22",
     "2011", "Sau 5 năm thí điểm", "Công an TP Phủ Lý"),
    ("Đến nay, mô hình “Camera an ninh” có 40 camera, so với năm 2019 tăng gấp đôi.", "2020-01-01",
     None, None, None),  # a baseline year with no start verb is no start
    # the next sentence goes on about the model; keeping it going in 2023 is no start
    ("Năm 2023, Hội Phụ nữ xã duy trì mô hình “Tổ phụ nữ tự quản”. Mô hình ra mắt ngày 20/10/2012 với 15 "
     "hội viên.", "2024-05-01", "2012-10-20", "ngày 20/10/2012", "Hội Phụ nữ xã"),
    ("Xã duy trì mô hình “Tổ tự quản”. Năm 2019, xã lắp thêm camera.", "2024-05-01", None, None, None),
    # "A cùng B xây dựng": A leads; a community body runs a model as its agent, not as a participant
    ("Năm 2010, Hội đồng gia tộc họ Lê cùng Công an xã xây dựng mô hình “Dòng họ tự quản”.", "2012-03-01",
     "2010", "Năm 2010", "Hội đồng gia tộc họ Lê"),
    ("Mô hình “Làng tự quản” được già làng và chi bộ làng duy trì từ năm 2019.", "2021-03-01",
     "2019", "từ năm 2019", "già làng"),
    ("Mô hình “Camera an ninh” thu hút người có uy tín và chức sắc tôn giáo tham gia.", "2021-03-01",
     None, None, None),
    ("Tháng 8-2016, Hội Phụ nữ xã thành lập mô hình “Tổ phụ nữ tự quản”.", "2018-01-01",
     "2016-08", "Tháng 8-2016", "Hội Phụ nữ xã"),
    ("Ngày 21.12, Hội Nông dân huyện ra mắt mô hình “Tiếng mõ an ninh”.", "2012-12-22",
     "2012-12-21", "Ngày 21.12", "Hội Nông dân huyện"),
    ("Theo Công an tỉnh, mô hình “Camera an ninh” đã giúp phát hiện 5 vụ.", "2021-03-01",
     None, None, None),  # a source quoted, not who runs the model
    # "Mô hình ra mắt ..." goes on about the sentence's last model, not the team named before it
    ("Công an phường kiện toàn 31 tổ bảo vệ an ninh, trật tự, gắn với mô hình “Phum sóc bình yên”. Mô hình ra "
     "mắt ngày 15/8/2025.", "2025-09-01", None, None, "Công an phường"),
])
def test_models_since_when_and_who_runs_them(text, published, started, evidence, operator):
    model = extract_text(text, "x", published=published).models[0]
    assert (model.started, model.started_evidence, model.operator) == (started, evidence, operator)
    if evidence:
        assert text[model.started_start : model.started_end] == evidence
        assert text[model.operator_start : model.operator_end] == operator


def test_a_headline_figure_the_text_repeats_is_one_fact_in_its_context():
    text = ("Phường Tân Lập lắp thêm 45 camera an ninh\n"
            "Năm 2023, Công an phường Tân Lập (TP Buôn Ma Thuột) vận động người dân lắp 45 camera an ninh "
            "và thành lập 6 tổ tự quản.")
    stats = extract_text(text, "d", published="2023-12-01").statistics
    assert [(s.value, s.unit, s.start > text.index("\n"), s.period) for s in stats] == [
        (45, "camera", True, "2023"), (6, "tổ tự quản", True, "2023")]
    # a headline figure the text does not repeat stays
    alone = extract_text("Lắp 30 camera ở Tân Lập\nCông an phường vận động người dân lắp camera.", "d")
    assert [(s.value, s.unit) for s in alone.statistics] == [(30, "camera")]


def test_a_counted_noun_the_lexicon_lacks_is_a_word_not_its_first_syllable():
    text = "Tin\nXã có 12 ngư dân ra khơi, 8 kiểm lâm viên và 40 bảo vệ mới; 500 tờ gấp được phát."
    got = [(s.value, s.unit) for s in extract_text(text, "d").statistics]
    assert got == [(12, "ngư dân"), (8, "kiểm lâm viên"), (40, "bảo vệ"), (500, "tờ gấp")]


def test_a_level_word_puts_a_figure_at_the_whole_province_or_country():
    text = ("Hội thảo ở TP Cần Thơ\nXã Tân Phú (huyện Đồng Phú, Bình Phước) có 5 tổ. Toàn tỉnh có 1.200 tổ tự quản. "
            "Tại hội thảo ở TP Cần Thơ, Bộ Công an cho biết cả nước có hơn 100.000 mô hình.")
    got = [(s.value, s.place, s.province) for s in extract_text(text, "d").statistics]
    assert got == [(5, "Thị trấn Tân Phú", "Bình Phước"), (1200, "Bình Phước", "Bình Phước"), (100000, None, None)]


def test_a_kind_follows_the_head_noun_a_near_spelling_is_not_enough():
    # one word apart from the temple model's name, but a hamlet is no temple
    hamlet = canonical_kind("Thôn không có tội phạm và tệ nạn xã hội")
    assert hamlet.label == "khu dân cư ba không"  # the residential family, not the temple's
    assert canonical_kind("Chùa Phước Lâm không có tội phạm").label.startswith("chùa")
    assert canonical_kind("Chùa không có tội phạm và tệ nạn xã hội").label.startswith("chùa")


def test_a_folk_name_after_mo_hinh_leans_on_its_sentence_for_security():
    assert _models("Hội Nông dân xây dựng mô hình “Rủ nhau làm tốt” để giữ gìn an ninh trật tự thôn xóm.") == [
        ("Rủ nhau làm tốt", True)]
    assert _models("Xã nhân rộng mô hình “Cánh đồng mẫu lớn” cho bà con nông dân.") == []


@pytest.mark.parametrize(("text", "figures"), [
    ("Toàn huyện có 944 tổ/17.810 cá nhân tham gia.", [(944, "tổ"), (17810, "cá nhân")]),  # a pair
    ("Theo Quyết định số 123/QĐ-UBND, xã có 5 tổ.", [(5, "tổ")]),  # a document number
    ("Tỷ lệ vụ việc có camera ghi hình đạt 17.06%.", [(17.06, "%")]),  # a decimal point before %
    ("Phường lắp 356 “mắt thần” ở các ngõ.", [(356, "mắt thần")]),  # the cameras' nickname, quoted
    ("Năm nay xã lập thêm 6 mô hình, nâng tổng số mô hình lên 91.", [(6, "mô hình"), (91, "mô hình")]),
    ("Tổng số xã là 12.", []),  # a count of admin units after "tổng số" is no figure of the models
    ("Đồn quản lý hơn 7km đường biên.", [(7, "km đường")]),  # a measure touching its number
    ("Ông Lưu cho biết: Trong 19 thôn thì có 6 thôn giáp biên.", [(19, "thôn"), (6, "thôn")]),  # after a colon
    ("Ông Lưu cho biết: Phường 19 có 6 tổ.", [(6, "tổ")]),  # ... a name stays a name
    ("Các mô hình có mặt ở cả 30 quận, huyện, thị xã.", [(30, "quận, huyện, thị xã")]),  # joined admin nouns
])
def test_figure_shapes_of_real_reporting(text, figures):
    assert [(s.value, s.unit) for s in extract_text("Tin\n" + text, "d").statistics] == figures


def test_a_large_figure_said_twice_is_one_fact_a_small_one_or_a_ratio_may_be_two():
    text = ("Tin\nHuyện có 4.861 tổ tự quản và 3 tổ mới. Năm qua, 4.861 tổ tự quản đã giúp phát hiện 3 vụ. "
            "Xã có 10 khu dân cư, 10/10 khu dân cư có tổ bảo vệ.")
    got = [(s.value, s.unit, s.total) for s in extract_text(text, "d", published="2024-06-01").statistics]
    assert got == [(4861, "tổ tự quản", None), (3, "tổ", None), (3, "vụ", None), (10, "khu dân cư", None),
                   (10, "khu dân cư", 10)]


def test_a_headline_figure_repeated_with_a_fuller_unit_is_one_fact():
    text = "83 mô hình tự quản về an ninh trật tự\nHiện toàn tỉnh duy trì 83 loại mô hình tự quản về an ninh trật tự."
    assert [(s.value, s.unit) for s in extract_text(text, "d").statistics] == [(83, "loại mô hình")]


def test_an_article_about_one_ward_scopes_its_opening_figure_there_and_hamlets_take_the_home_province():
    text = ("Camera ở Hạc Thành\nVới 3.060 mắt camera, các camera an ninh hộ gia đình đã bao phủ hầu khắp các tuyến "
            "đường, các khu dân cư, ngõ phố và chợ trên địa bàn phường Hạc Thành.\nỞ thôn Đông có 12 camera.")
    got = extract_text(text, "d", url="https://baothanhhoa.vn/a.htm")
    assert [(s.value, s.place, s.province) for s in got.statistics] == [
        (3060, "Phường Hạc Thành", "Thanh Hóa"), (12, "Thôn Đông", "Thanh Hóa")]


def test_a_team_the_sentence_founds_is_a_model_a_counted_or_bare_one_is_not():
    assert _models("Để bảo đảm an ninh trật tự, xã thành lập các tổ tự quản nhà trọ công nhân - cách làm này "
                   "phát huy hiệu quả.") == [("tổ tự quản nhà trọ công nhân", False)]
    # the generic team under its full name is the most common model of all (real annotators list it)
    assert _models("Xã thành lập tổ tự quản về an ninh trật tự.") == [("tổ tự quản về an ninh trật tự", False)]
    assert _models("Xã thành lập tổ tự quản để giữ đường làng.") == []  # no name: "tổ tự quản" alone
    assert _models("Huyện xây dựng 38 tổ tự quản nhà trọ công nhân.") == []  # a count of teams: a figure


def test_quoted_models_listed_in_one_sentence_are_each_a_model_even_of_one_kind():
    text = ("Tin\nCác mô hình vùng tôn giáo có: “Giáo xứ bình yên”, “Họ đạo 3 không”, “Giáo họ không có tội phạm "
            "và tệ nạn xã hội”. Năm nay “Giáo xứ bình yên” được nhân rộng.")
    assert [m.mention for m in extract_text(text, "d").models] == [
        "Giáo xứ bình yên", "Họ đạo 3 không", "Giáo họ không có tội phạm và tệ nạn xã hội"]


def test_organizations_listed_as_a_models_members_are_not_models():
    text = ("Tin\nMô hình “5 + 1” có 5 đoàn thể gồm: Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh, Hội Người cao tuổi, "
            "Đoàn Thanh niên. Các mô hình như: Tổ tự quản về an ninh trật tự khu phố, Chi hội nông dân không vi phạm "
            "pháp luật.")
    assert [m.mention for m in extract_text(text, "d").models] == [
        "5 + 1", "Tổ tự quản về an ninh trật tự khu phố", "Chi hội nông dân không vi phạm pháp luật"]


def test_an_unquoted_description_after_mo_hinh_is_no_model_a_known_name_is():
    text = "Hà Nội: Hơn 3.200 mô hình tự quản góp sức giữ bình yên khu dân cư\nXã có mô hình tự quản đường biên, cột mốc."
    assert [m.canonical for m in extract_text(text, "d").models] == ["tự quản đường biên mốc quốc giới"]

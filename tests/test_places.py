"""Places on small cases: each pass of the finder and each rule, on texts written for the test."""

from __future__ import annotations

import pytest

from nlp import lexicon, place_words
from nlp.normalize import normalize
from nlp.place_names import cap_runs, prefixed_names, type_word
from nlp.place_orgs import in_organization
from nlp.places import PlaceFinder, article_key_place

HCM = "Thành phố Hồ Chí Minh"


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder()


def _found(finder: PlaceFinder, text: str) -> list[tuple]:
    """(evidence, level, name, province) of every mention; evidence is its own text."""
    text = normalize(text).text
    return [(text[p.start : p.end], p.level, p.name, p.province) for p in finder.find(text)]


def _by_evidence(finder: PlaceFinder, text: str) -> dict:
    text = normalize(text).text
    return {text[p.start : p.end]: p for p in finder.find(text)}


# -- pass 1: names after a unit prefix ---------------------------------------------------------

def test_prefixed_ward_and_city_resolve_in_their_province(finder):
    got = _found(finder, "Đoàn kiểm tra về phường Cẩm Châu, TP Hội An hôm qua.")
    assert got == [
        ("phường Cẩm Châu", "ward", "Phường Cẩm Châu", "Quảng Nam"),
        ("TP Hội An", "district", "Thành phố Hội An", "Quảng Nam"),
    ]


def test_abbreviations_q_and_p_and_the_hcm_spellings(finder):
    got = _found(finder, "Bà con ở P.5, Q.4, TP.HCM, có người ở TPHCM lẫn TP. Hồ Chí Minh.")
    assert [g[:3] for g in got] == [
        ("P.5", "ward", "Phường 5"),
        ("Q.4", "district", "Quận 4"),
        ("TP.HCM", "province", HCM),
        ("TPHCM", "province", HCM),
        ("TP. Hồ Chí Minh", "province", HCM),
    ]
    assert {g[3] for g in got} == {HCM}


def test_a_single_letter_is_never_a_name_even_after_a_prefix(finder):
    got = _found(finder, "Bà T. ở ấp B và ông H. ở khu phố A đều lắp camera; các phường P.1, P.2 của TP Vĩnh Long.")
    assert [g[:3] for g in got] == [("P.1", "ward", "Phường 1"), ("P.2", "ward", "Phường 2"),
                                    ("TP Vĩnh Long", "district", "Thành phố Vĩnh Long")]


def test_a_name_the_text_says_is_a_commune_is_one_everywhere(finder):
    text = normalize("Tả Van giữ bình yên\nTả Van là xã vùng cao của tỉnh Lào Cai. Đây là xã có 5 tổ.").text
    got = [(text[p.start:p.end], p.name, p.province) for p in finder.find(text)]
    assert got == [("Tả Van", "Xã Tả Van", "Lào Cai"), ("Tả Van", "Xã Tả Van", "Lào Cai"),
                   ("tỉnh Lào Cai", "Lào Cai", "Lào Cai")]
    # without its province, a name shared by several communes stays out
    assert not [p for p in finder.find(normalize("Tân Phú là xã có 5 tổ.").text)]


def test_a_province_name_after_a_street_noun_is_the_street(finder):
    got = _found(finder, "Tổ tự quản ở phố Phú Thọ, thành phố Hải Dương; xe đi trên đường Hồ Chí Minh qua Kon Tum.")
    assert [g[2] for g in got] == ["Thành phố Hải Dương", "Kon Tum"]


def test_the_head_of_a_hamlet_named_after_the_unit_is_a_person(finder):
    got = _found(finder, "Trưởng thôn Sùng Seo Sừ cho biết thôn Sùng Phài có 30 hộ.")
    assert [g[0] for g in got] == ["thôn Sùng Phài"]


def test_a_persons_name_run_into_a_place_name_is_left_out(finder):
    got = _found(finder, "Ở huyện Vị Xuyên, trưởng thôn Nà Sài Lý Văn Sừ nói; phường Hoàng Văn Thụ và xã Thanh Hà.")
    assert [g[0] for g in got] == ["huyện Vị Xuyên", "thôn Nà Sài", "phường Hoàng Văn Thụ", "xã Thanh Hà"]


def test_a_quoted_name_opening_with_a_residential_noun_is_a_model_not_a_place(finder):
    got = _found(finder, "Xã ra mắt mô hình “Xóm Bình Yên” ở xóm Đông và “Khu dân cư an toàn” ở khu phố 3.")
    assert [g[0] for g in got] == ["xóm Đông", "khu phố 3"]


def test_a_numbered_unit_written_with_so(finder):
    got = _found(finder, "Ở tổ dân phố số 7 và Phường số 3, quận Gò Vấp.")
    assert [g[:3] for g in got] == [("tổ dân phố số 7", "other", "Tổ dân phố số 7"), ("Phường số 3", "ward", "Phường 3"),
                                    ("quận Gò Vấp", "district", "Quận Gò Vấp")]


def test_a_landmark_noun_before_a_lower_case_unit_does_not_hide_it(finder):
    got = _found(finder, "Tổ tự quản đường biên, cột mốc thôn Séo Tủng tuần tra; du khách đến thác Bản Giốc; "
                         "cụm dân cư Giồng Duối có 3 tổ.")
    assert [g[0] for g in got] == ["thôn Séo Tủng", "cụm dân cư Giồng Duối"]


def test_a_ward_made_in_2025_from_parts_of_old_wards_keeps_its_old_province(finder):
    from nlp.gazetteer import load

    units = [u for u in load().ward_candidates("Phường Hoàng Mai") if u.era == "current"]
    assert {u.provinces_2025[0]: u.province for u in units} == {"Thành phố Hà Nội": "Thành phố Hà Nội",
                                                                "Tỉnh Nghệ An": "Nghệ An"}
    got = _found(finder, "Phường Hoàng Mai (TP Hà Nội) lắp camera.")
    assert got[0] == ("Phường Hoàng Mai", "ward", "Phường Hoàng Mai", "Thành phố Hà Nội")


def test_residential_units_take_the_province_named_last(finder):
    got = _found(finder, "Tỉnh Hà Tĩnh lập tổ ở khu phố Hòa Bình 3, TDP Hà Huy Tập và KP.5.")
    assert got[1:] == [
        ("khu phố Hòa Bình 3", "other", "Khu phố Hòa Bình 3", "Hà Tĩnh"),  # the number joins the name
        ("TDP Hà Huy Tập", "other", "Tổ dân phố Hà Huy Tập", "Hà Tĩnh"),
        ("KP.5", "other", "Khu phố 5", "Hà Tĩnh"),
    ]


def test_numbered_village(finder):
    got = _found(finder, "Tổ tuần tra ở thôn 3, xã Cẩm Hà, tỉnh Quảng Nam.")
    assert got[0] == ("thôn 3", "other", "Thôn 3", "Quảng Nam")  # in the commune written after it
    assert got[1] == ("xã Cẩm Hà", "ward", "Xã Cẩm Hà", "Quảng Nam")


def test_khu_takes_only_numbers_and_khoi_only_capitalized_names(finder):
    got = [g[0] for g in _found(finder, "Trực ở khu 5, khu Vui Chơi, khối Phú Hòa và khối 3 của tỉnh Nghệ An.")]
    assert got == ["khu 5", "khối Phú Hòa", "tỉnh Nghệ An"]


def test_a_number_before_a_counted_noun_is_a_figure_not_a_ward(finder):
    got = [g[0] for g in _found(finder, "Người dân gửi Công an phường 14 tin báo, quận 10, TP.HCM.")]
    assert got == ["quận 10", "TP.HCM"]


def test_tp_hue_before_2025_is_the_city_in_thua_thien_hue(finder):
    assert _found(finder, "Trên địa bàn TP Huế có ba tổ.") == [
        ("TP Huế", "district", "Thành phố Huế", "Thừa Thiên Huế")]


# -- pass 1b: names listed after a plural unit noun -------------------------------------------

def test_names_listed_after_a_plural_noun(finder):
    text = "Tỉnh Quảng Nam chọn ba thôn là An Hải, Châu Thuận và Định Tân làm điểm."
    mentions = _by_evidence(finder, text)
    assert [(e, m.name, m.province, m.prefixed) for e, m in mentions.items() if m.level == "other"] == [
        ("An Hải", "Thôn An Hải", "Quảng Nam", False),
        ("Châu Thuận", "Thôn Châu Thuận", "Quảng Nam", False),
        ("Định Tân", "Thôn Định Tân", "Quảng Nam", False),
    ]


# -- pass 2: bare names --------------------------------------------------------------------------

def test_bare_province_names_anywhere(finder):
    got = _found(finder, "Nhiều người từ Quảng Nam và Đà Nẵng tham gia.")
    assert got == [("Quảng Nam", "province", "Quảng Nam", "Quảng Nam"),
                   ("Đà Nẵng", "province", "Thành phố Đà Nẵng", "Thành phố Đà Nẵng")]


def test_a_bare_district_only_when_its_province_is_named(finder):
    assert _found(finder, "Khách đổ về Hội An rất đông.") == []
    got = _found(finder, "Tỉnh Quảng Nam đón khách. Khách đổ về Hội An rất đông.")
    assert got[-1] == ("Hội An", "district", "Thành phố Hội An", "Quảng Nam")


def test_a_sentence_word_before_a_name_is_left_out(finder):
    got = _found(finder, "Tại Hội An, tỉnh Quảng Nam có năm tổ.")
    assert got[0] == ("Hội An", "district", "Thành phố Hội An", "Quảng Nam")


def test_a_province_name_after_a_person_title_is_a_person(finder):
    assert _found(finder, "Ông Long An cho biết như vậy.") == []
    assert _found(finder, "Anh em ở Long An cho biết.")[0][2] == "Long An"


def test_peaceful_evolution_is_not_the_province(finder):
    assert _found(finder, "Cảnh giác với âm mưu diễn biến Hòa Bình.") == []
    assert _found(finder, "Cảnh giác ở Hòa Bình.")[0][2] == "Hòa Bình"


# -- ambiguous names --------------------------------------------------------------------------

def test_an_ambiguous_ward_resolves_by_the_district_named(finder):
    got = _by_evidence(finder, "Ở TP.HCM, phường 4, quận 3 có camera.")
    assert got["phường 4"].unit is not None and got["phường 4"].unit.district == "Quận 3"


def test_an_ambiguous_ward_without_its_district_stays_unresolved(finder):
    got = _by_evidence(finder, "Ở TP.HCM, phường 4 có camera.")
    assert got["phường 4"].unit is None
    assert got["phường 4"].province == HCM  # the one province of the article


def test_an_ambiguous_commune_alone_is_left_unresolved(finder):
    got = _by_evidence(finder, "Xã Tân Lập có năm tổ.")
    assert got["Xã Tân Lập"].unit is None and got["Xã Tân Lập"].province is None


def test_a_commune_resolves_by_its_district_in_parentheses(finder):
    got = _found(finder, "Xã Tân Lập (huyện Đồng Phú) có năm tổ.")
    assert got == [("Xã Tân Lập", "ward", "Xã Tân Lập", "Bình Phước"),
                   ("huyện Đồng Phú", "district", "Huyện Đồng Phú", "Bình Phước")]


# -- pass 3: a bare TP ---------------------------------------------------------------------------

def test_a_bare_tp_is_the_city_named_last(finder):
    text = "Tại TP Hội An, mô hình chạy tốt. Trên địa bàn TP có 20 tổ. Sang TP Tam Kỳ, toàn TP có 8 tổ."
    got = [(e, n) for e, _, n, _ in _found(finder, text) if e == "TP"]
    assert got == [("TP", "Thành phố Hội An"), ("TP", "Thành phố Tam Kỳ")]


def test_a_bare_tp_without_a_city_is_nothing(finder):
    assert _found(finder, "Trên địa bàn TP có 20 tổ.") == []


# -- organizations, landmarks, peoples, persons ---------------------------------------------

def test_a_place_inside_an_organization_name_is_flagged(finder):
    text = "Công an phường Cẩm Châu tuần tra. Người dân phường Cẩm Châu, TP Hội An đồng tình."
    got = [(text[p.start : p.end], p.in_organization) for p in finder.find(text)]
    assert got == [("phường Cẩm Châu", True), ("phường Cẩm Châu", False), ("TP Hội An", False)]


def test_a_word_like_tai_between_the_organization_and_the_place_breaks_the_name():
    text = "Công an xã tuần tra tại xã Cẩm Hà."
    assert not in_organization(text, text.index("xã Cẩm Hà"))
    text = "Ủy ban nhân dân huyện Đồng Phú họp."
    assert in_organization(text, text.index("huyện"))
    text = "Công an trên địa bàn huyện Đồng Phú."
    assert not in_organization(text, text.index("huyện"))
    text = "Công an quản lý xã Cẩm Hà."
    assert in_organization(text, text.index("xã"))


def test_landmarks_peoples_and_persons_are_not_places(finder):
    text = "Khách ngắm thác Bản Giốc ở tỉnh Cao Bằng, thăm làng Chăm và gặp Già làng K'Sáu."
    assert [g[0] for g in _found(finder, text)] == ["tỉnh Cao Bằng"]


# -- after July 2025 ----------------------------------------------------------------------------

def test_a_ward_created_in_2025(finder):
    got = _by_evidence(finder, "Người dân phường Hội An Tây góp sức.")
    m = got["phường Hội An Tây"]
    assert (m.level, m.name, m.unit.era, m.province, m.provinces_2025) == (
        "ward", "Phường Hội An Tây", "current", "Quảng Nam", ["Thành phố Đà Nẵng"])


def test_a_2025_commune_named_like_an_old_one_elsewhere_is_its_own(finder):
    # the TPHCM commune made of former Bà Rịa - Vũng Tàu units shares its full name with a
    # pre-2025 commune of Ninh Thuận: both exist, each in its own province
    m = _by_evidence(finder, "Xã Phước Hải (TPHCM) ra mắt tổ bảo vệ.")["Xã Phước Hải"]
    assert (m.unit.era, m.province, m.provinces_2025) == ("current", "Bà Rịa - Vũng Tàu", ["Thành phố Hồ Chí Minh"])
    from nlp.gazetteer import load

    old = [u for u in load().ward_candidates("Xã Phước Hải") if u.era == "legacy" and u.province == "Ninh Thuận"]
    assert len(old) == 1


def test_a_special_zone(finder):
    m = _by_evidence(finder, "Đặc khu Phú Quốc có năm tổ.")["Đặc khu Phú Quốc"]
    assert (m.level, m.unit.era, m.provinces_2025) == ("ward", "current", ["Tỉnh An Giang"])


def test_the_article_key_place_is_the_most_named(finder):
    text = "Huyện Đồng Phú có tổ. Huyện Đồng Phú có đội. Tỉnh Quảng Nam có nhóm."
    assert article_key_place(finder.find(text)).name == "Huyện Đồng Phú"


# -- the steps on their own -------------------------------------------------------------------

def test_prefixed_names_finds_prefix_and_name():
    text = "Về phường Cẩm Châu, Q.4 và Xã Tân Lập."
    got = [(m["prefix"], m["name"]) for m in prefixed_names(text, cap_runs(text))]
    assert got == [("phường", "Cẩm Châu"), ("Q.", "4"), ("Xã", "Tân Lập")]


def test_cap_runs_also_give_a_run_without_its_sentence_word():
    text = "Tại Hội An trời mưa."
    assert [m.group() for m in cap_runs(text)] == ["Tại Hội An", "Hội An"]


@pytest.mark.parametrize("prefix, expected", [
    ("tỉnh", ("province", "Tỉnh")), ("TP.", ("city", "Thành phố")), ("Tp", ("city", "Thành phố")),
    ("Q.", ("district", "Quận")), ("TX", ("district", "Thị xã")), ("P.", ("ward", "Phường")),
    ("TT.", ("ward", "Thị trấn")), ("KP", ("other", "Khu phố")), ("khối phố", ("other", "Khối phố")),
    ("Ấp", ("other", "Ấp")), ("nhà", ("other", "")),
])
def test_type_word_of_a_written_prefix(prefix, expected):
    assert type_word(prefix) == expected


# -- the unit table (nlp/data/places.yaml) ----------------------------------------------------

def test_unit_nouns_by_role_for_other_modules():
    assert set(place_words.unit_nouns("number_name")) == {
        "quận", "phường", "xã", "thôn", "ấp", "khu phố", "khối", "tổ", "đội", "bản", "xóm", "phố"}
    assert set(place_words.unit_nouns("list_join")) == {
        "thị trấn", "phường", "xã", "tổ dân phố", "khu phố", "thôn", "ấp", "bản", "làng", "xóm", "khối phố", "quận", "huyện",
        "thị xã", "thành phố", "tỉnh", "khóm", "buôn", "bon", "plei", "sóc", "tổ dân cư"}
    assert set(place_words.unit_nouns("counted_place")) == {
        "phường", "xã", "quận", "huyện", "thôn", "ấp", "bản", "khu phố", "tổ dân phố", "thị trấn", "tổ", "tổ dân cư"}
    assert "tổ" not in place_words.unit_nouns("prefix")  # "tổ 5" is a name, but "tổ" is no place prefix
    with pytest.raises(ValueError):
        place_words.unit_nouns("capital")


def test_nouns_pattern_puts_a_longer_noun_first():
    import re

    rx = re.compile(r"(?:" + place_words.nouns_pattern("plural_list") + r")")
    assert rx.match("khối phố Tây").group() == "khối phố"
    assert rx.match("khối Tây").group() == "khối"


def test_type_words_of_district_level_units():
    assert place_words.type_words("city", "district") == ["Thành phố", "Quận", "Huyện", "Thị xã"]


def test_written_forms_and_patterns():
    assert place_words.written_forms("TP(.)") == ["TP", "TP."]
    assert place_words.written_pattern("TP(.)( )HCM") == r"TP\.? ?HCM"
    unit = next(u for u in place_words.units() if u.noun == "thị xã")
    assert unit.prefix_pattern == r"[Tt]hị xã|TX\.?"
    assert unit.forms == ["Thị xã", "thị xã", "TX", "TX."]


def test_a_shorter_noun_before_a_longer_one_is_refused():
    table = (place_words.UnitNoun("khu", "other"), place_words.UnitNoun("khu phố", "other"))
    with pytest.raises(lexicon.LexiconError):
        place_words._check_order(table)


def test_an_unknown_role_is_refused():
    with pytest.raises(lexicon.LexiconError):
        place_words._unit({"noun": "thôn", "level": "other", "roles": ["prefix", "capital"]})


@pytest.mark.parametrize("text, ward, district, province", [
    ("Xã Tân Long (Yên Sơn - Tuyên Quang) có 12 tổ tự quản.", "Xã Tân Long", "Huyện Yên Sơn", "Tuyên Quang"),
    ("Xã Chí Đám (Đoan Hùng, Phú Thọ) có 10 khu dân cư.", "Xã Chí Đám", "Huyện Đoan Hùng", "Phú Thọ"),
    ("Xã Bình Châu (Bình Sơn) có 42 tổ đoàn kết.", "Xã Bình Châu", "Huyện Bình Sơn", "Quảng Ngãi"),
])
def test_parents_in_parentheses_without_a_prefix(text, ward, district, province):
    from nlp.extract import extract_text

    ex = extract_text(text, "x")
    got = {loc.name: loc.province for loc in ex.locations}
    assert got[ward] == province and got[district] == province
    assert ex.provinces == [province]
    assert ex.statistics[0].place == ward  # the ward, not the parents named after it


def test_a_hyphenated_province_name_stays_whole():
    from nlp.extract import extract_text

    ex = extract_text("Tỉnh Bà Rịa - Vũng Tàu có 5 tổ tự quản.", "x")
    assert ex.provinces == ["Bà Rịa - Vũng Tàu"]


def test_an_organization_opening_a_quote_holds_its_place(finder):
    got = {(m.name, m.in_organization) for m in finder.find("Người dân nhắn tin cho tài khoản Zalo “Công an quận Tân "
                                                              "Phú - TP.HCM”.")}
    assert ("Quận Tân Phú", True) in got


def test_a_towns_numbered_pho_is_a_residential_group_and_glued_abbreviations_name_units(finder):
    got = {finder.find("Tại phố 3, phường Đông Thành có camera. Nhà ở phố Huế.")[0].name}
    assert got == {"Tổ dân phố 3"}
    names = [p.name for p in finder.find("Người dân KP4 và TDP5 lắp camera, không phải mã AKP4.")]
    assert names == ["Khu phố 4", "Tổ dân phố 5"]


def test_units_dissolved_before_the_gazetteers_snapshot(finder):
    got = [(p.level, p.name, p.province) for p in finder.find("Tại thành phố Ninh Bình và huyện Mỹ Lộc có 5 tổ.")]
    assert got == [("district", "Thành phố Ninh Bình", "Ninh Bình"), ("district", "Huyện Mỹ Lộc", "Nam Định")]

"""The topic filter, measured on labelled texts: on-topic ones written after real reporting
(press sets), ours (dev, holdout), the replay site's labels, and hard off-topic news (crime,
traffic, festivals, "mô hình" in other senses) in tests/data/offtopic. Floors, like the
quality gate: raise them when the filter improves."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.replay.site import load_articles
from nlp.relevance import is_relevant

DATA = Path(__file__).parent / "data"


def _bodies(pattern: str) -> list[str]:
    return [p.read_text(encoding="utf-8").split("\n\n", 1)[1] for p in sorted(DATA.glob(pattern))]


@pytest.mark.parametrize("pattern, floor", [
    ("press-a/*.txt", 0.96), ("press-b/*.txt", 0.96), ("dev/*.txt", 1.0), ("holdout/*.txt", 1.0),
])
def test_recall_on_topic_texts(pattern, floor):
    texts = _bodies(pattern)
    assert len(texts) >= 30
    assert sum(map(is_relevant, texts)) / len(texts) >= floor


@pytest.mark.parametrize("pattern, most", [("offtopic/ot-a-*.txt", 0), ("offtopic/ot-b-*.txt", 2)])
def test_few_off_topic_texts_get_through(pattern, most):
    texts = _bodies(pattern)
    assert len(texts) == 20
    assert sum(map(is_relevant, texts)) <= most


def test_replay_site_labels():
    articles = load_articles()
    got = [is_relevant("\n\n".join([a.title, a.lead or "", *a.body])) for a in articles]
    assert got == [a.relevant for a in articles]


def test_security_cameras_are_on_topic_traffic_cameras_are_not():
    security = ("Xã Đông Hòa đưa vào vận hành hệ thống camera giám sát an ninh - trật tự\n"
                "Công an xã cho biết 24 camera giám sát an ninh đã được lắp ở các ngã ba, chợ và nhà văn hóa "
                "thôn, kinh phí do người dân đóng góp, giúp giữ gìn an ninh - trật tự trên địa bàn.")
    traffic = ("Gửi thông báo phạt nguội 900 phương tiện qua camera giám sát\n"
               "Phòng Cảnh sát giao thông Công an tỉnh trích xuất hình ảnh từ camera giám sát, gửi thông báo "
               "phạt nguội tới chủ phương tiện vi phạm tốc độ.")
    assert is_relevant(security) and not is_relevant(traffic)


def test_a_headline_term_weighs_more_than_the_same_term_deep_in_a_story():
    from nlp.relevance import relevance_score

    body = "Người dân tham gia mô hình tự quản. " + "Tin tức khác trong ngày. " * 20
    assert relevance_score("Mô hình tự quản ở thôn Đông\n" + body) > relevance_score("Tin trong ngày\n" + body)


def test_camera_footage_in_a_crime_story_is_no_anchor():
    story = ("Truy bắt đối tượng gây tai nạn rồi bỏ chạy\n"
             "Qua trích xuất camera an ninh của các hộ dân, Công an huyện đã xác định chiếc xe gây tai nạn. "
             "Công an huyện đề nghị người dân cung cấp thông tin, góp phần giữ gìn an ninh trật tự.")
    model = ("Nhân rộng mô hình camera an ninh\nCông an xã vận động người dân lắp camera an ninh ở đầu ngõ, "
             "góp phần giữ gìn an ninh trật tự.")
    assert not is_relevant(story) and is_relevant(model)


@pytest.mark.parametrize("name", [
    "Tổ bảo vệ an ninh trật tự", "lực lượng tham gia bảo vệ an ninh, trật tự cơ sở",
    "tổ bảo vệ an ninh, trật tự tại cơ sở", "tổ bảo vệ trật tự cơ sở",
])
def test_the_2024_grassroots_force_under_the_names_papers_give_it(name):
    text = (f"Sáng 1-7, huyện Yên Lạc tổ chức lễ ra mắt {name}. Toàn huyện có 186 tổ với 560 thành viên, "
            "phối hợp cùng công an xã giữ gìn trật tự tại thôn, xóm.")
    assert is_relevant(text)


def test_the_headline_is_read_with_a_crawled_text_that_starts_at_its_lead():
    lead = ("Người dân xã Tân Lập góp tiền lắp đặt theo hình thức xã hội hóa; mô hình được nhân rộng ra "
            "các thôn trong huyện.")
    assert not is_relevant(lead)
    assert is_relevant(lead, title="Camera an ninh giúp xóm làng bình yên: mô hình tự quản kiểu mới")
    assert not is_relevant(lead, title="Giá lúa tăng, nông dân phấn khởi")


def test_a_photo_credited_to_a_security_camera_is_no_anchor():
    story = ("Bắt nhanh kẻ cướp giật túi xách trên phố\nĐối tượng áp sát, giật túi rồi tẩu thoát. "
             "Ảnh chụp từ camera an ninh. Công an phường đã bắt giữ đối tượng, góp phần giữ gìn an ninh trật tự.")
    assert not is_relevant(story)


def test_a_drug_free_commune_is_on_topic_without_the_word_model():
    text = ("Xã vùng biển giữ vững danh hiệu không ma túy\nNhiều năm nay, xã thực hiện phong trào "
            "“Thôn không ma túy, không tội phạm”, giữ vững an ninh trật tự, người dân tự giác tố giác tệ nạn.")
    assert is_relevant(text)


@pytest.mark.parametrize("story", [
    "Vây bắt kẻ trộm xe máy giữa phố\nCamera an ninh ghi lại cảnh hai thanh niên bẻ khóa xe trước cửa hàng. "
    "Người dân đã khống chế, bàn giao cho công an phường, góp phần giữ gìn an ninh trật tự.",
    "Truy theo camera an ninh, công an bắt kẻ trộm\nTruy xét qua hệ thống camera an ninh ở nhiều nơi, công an "
    "đã bắt nghi phạm trộm cắp chỉ sau một ngày.",
])
def test_a_camera_that_recorded_a_crime_is_footage_no_anchor(story):
    assert not is_relevant(story)


def test_a_feature_on_peace_kept_by_a_parish_is_on_topic_without_the_word_model():
    text = ("Giữ bình yên ở xóm đạo\nỞ giáo xứ Tân Lộc, giáo dân cùng công an xã giữ gìn an ninh trật tự: "
            "mỗi tối, hồi chuông báo giờ nghỉ, thanh niên giáo xứ thay nhau tuần tra, báo ngay khi có người lạ.")
    assert is_relevant(text)


def test_cameras_that_helped_catch_a_thief_are_footage():
    story = ("Bắt 2 đối tượng trộm xe đạp điện nhờ camera an ninh\nQua rà soát hệ thống camera an ninh, công an phường "
             "xác định hai đối tượng trộm cắp tài sản. Công an phường đã bắt giữ, góp phần giữ gìn an ninh trật tự.")
    assert not is_relevant(story)


@pytest.mark.parametrize("text", [
    "Người dân an tâm khi có Đội dân phòng cơ động xã\n\nĐội dân phòng cơ động của xã tuần tra mỗi đêm, giữ an ninh trật "
    "tự thôn xóm, phối hợp với Công an xã phòng chống tội phạm.",
    "Thắp sáng đường quê ở vùng biên\n\nTuổi trẻ Công an tỉnh lắp 50 trụ đèn cho công trình “Ánh sáng an ninh”, giúp thôn "
    "giữ an ninh trật tự về đêm.",
    "Xã ra mắt mô hình “An ninh vững vàng - bản làng bình yên”\n\nMô hình giúp ba bản giữ an ninh trật tự.",
])
def test_a_commune_guard_a_lighting_scheme_and_a_launched_model_are_on_topic(text):
    assert is_relevant(text)


def test_a_fire_the_commune_guard_helped_put_out_stays_off_topic():
    text = ("Cháy nhà trong đêm, hai người được cứu\n\nNgọn lửa bùng lên từ tầng 4. Lực lượng dân phòng và cảnh sát "
            "phòng cháy chữa cháy có mặt, dập tắt đám cháy sau 30 phút.")
    assert not is_relevant(text)


def test_the_movements_day_in_a_residential_area_is_on_topic_a_police_award_ceremony_is_not():
    day = ("Phường Thạch Thang tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc\n"
           "Tối 20/8, UBND phường tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc tại khu dân cư số 3, khen thưởng "
           "các hộ gia đình tích cực tố giác tội phạm, giữ gìn an ninh trật tự.")
    ceremony = ("Công an tỉnh tổng kết công tác năm\n"
                "Công an tỉnh tổ chức hội nghị tổng kết, khen thưởng các tập thể có thành tích trong phong trào "
                "Toàn dân bảo vệ an ninh Tổ quốc và trong công tác đấu tranh phòng chống tội phạm.")
    assert is_relevant(day) and not is_relevant(ceremony)


def test_the_movement_anchors_a_report_whose_headline_speaks_of_security_not_a_police_review():
    local = ("Xã Tân Lộc giữ vững an ninh trật tự từ cơ sở\n"
             "Thời gian qua, xã phát huy phong trào “Toàn dân bảo vệ an ninh Tổ quốc”, người dân tích cực tố giác "
             "tội phạm, tham gia tuần tra, giữ gìn an ninh trật tự ở khu dân cư.")
    review = ("Công an tỉnh sơ kết đợt cao điểm tấn công trấn áp tội phạm\n"
              "Ngày 5/3, Công an tỉnh sơ kết đợt cao điểm, đánh giá phong trào Toàn dân bảo vệ an ninh Tổ quốc, "
              "công tác phòng chống tội phạm và giữ gìn an ninh trật tự.")
    assert is_relevant(local) and not is_relevant(review)


def test_a_motorbike_taxi_union_that_fights_crime_is_a_model_story():
    text = ("Nghiệp đoàn xe ôm “tay không bắt cướp”\n"
            "Các đoàn viên Nghiệp đoàn xe ôm phường Bến Thành nhiều lần cùng người dân truy đuổi kẻ cướp giật, "
            "đấu tranh với tội phạm để giữ bình yên cho khu phố.")
    assert is_relevant(text)


def test_a_dash_between_words_does_not_split_a_term():
    from nlp.relevance import relevance_score

    plain = "Xã xây dựng mô hình tự quản giữ vững an ninh chính trị, trật tự an toàn xã hội."
    dashed = "Xã xây dựng mô hình tự quản giữ vững an ninh – chính trị, trật tự - an toàn xã hội."
    assert relevance_score(dashed) == relevance_score(plain) > relevance_score(plain.replace("trật tự an toàn", "x"))


def test_boats_grouped_for_safety_at_sea_are_a_model_a_fishing_trip_is_not():
    team = ("Ngư dân giữ biển\n\nGần 10 năm trước, Tổ tàu thuyền an toàn số 2 thôn Phú Lạc được thành lập. Mỗi chuyến ra "
            "khơi, các tàu trong tổ giữ liên lạc, báo cho nhau tàu lạ và giúp nhau khi gặp nạn trên biển. Tổ tàu thuyền "
            "an toàn số 2 đã nhiều lần cứu ngư dân gặp nạn.")
    trip = ("Ngư dân trúng mùa cá ngừ\n\nĐầu năm, các tàu cá của ngư dân xã Phú Lạc ra khơi và trúng đậm. Mỗi chuyến "
            "biển kéo dài hai tuần, giá cá ở cảng tăng so với năm trước.")
    assert is_relevant(team) and not is_relevant(trip)


def test_a_police_camera_project_or_a_bill_is_off_topic_a_model_in_its_headline_is_on():
    project = ("Công an tỉnh khánh thành hệ thống camera giám sát an ninh trật tự\n\nSáng 5/3, Công an tỉnh tổ chức lễ "
               "khánh thành dự án lắp đặt hệ thống camera giám sát an ninh trật tự, kết nối về trung tâm chỉ huy. "
               "Hệ thống giúp phòng chống tội phạm, bảo đảm an ninh trật tự, trật tự an toàn xã hội.")
    assert not is_relevant(project)
    # the same project beside cameras that residents paid for is a model story
    assert is_relevant(project + " Tại các phường, người dân đóng góp lắp thêm 300 camera an ninh theo mô hình tự quản.")
    bill = ("Bàn về dự luật lực lượng ở cơ sở\n\nQuốc hội thảo luận dự luật Lực lượng tham gia bảo vệ an ninh, trật tự "
            "ở cơ sở, tổ chức lại bảo vệ dân phố, dân phòng thành một lực lượng bảo vệ an ninh, trật tự ở cơ sở.")
    assert not is_relevant(bill)
    model = ("Hiệu quả của mô hình “Chìa khóa an ninh”\n\nCông an xã Vĩnh Hòa tặng học sinh móc chìa khóa in số điện "
             "thoại của công an xã, góp phần bảo đảm an ninh trật tự ở cơ sở.")
    assert is_relevant(model)


def test_a_headline_naming_a_team_for_order_anchors_a_page_a_state_act_in_the_headline_does_not():
    club = ("Ra mắt câu lạc bộ hội viên nông dân giữ gìn an ninh trật tự\n\nSáng 3/4, Hội Nông dân xã Tân Lập ra mắt "
            "câu lạc bộ với 25 hội viên, phối hợp công an xã tuần tra, giữ gìn an ninh trật tự ở thôn.")
    assert is_relevant(club)
    # a gang of criminals is no team of the topic
    gang = ("Công an tỉnh triệt xóa 12 băng nhóm tội phạm\n\nNăm qua, Công an tỉnh triệt xóa 12 băng nhóm tội phạm, "
            "bắt 40 đối tượng, góp phần giữ gìn an ninh trật tự, trật tự an toàn xã hội.")
    assert not is_relevant(gang)
    law = ("Quốc hội thông qua luật về lực lượng ở cơ sở\n\nSáng nay, Quốc hội thông qua Luật Lực lượng tham gia bảo vệ "
           "an ninh, trật tự ở cơ sở, thành lập tổ bảo vệ an ninh, trật tự ở thôn, tổ dân phố từ ngày 1/7/2024.")
    assert not is_relevant(law)
    honours = ("Tuyên dương 50 điển hình trong phong trào toàn dân bảo vệ an ninh Tổ quốc\n\nTỉnh tuyên dương 50 tập thể, "
               "cá nhân tiêu biểu trong phong trào toàn dân bảo vệ an ninh Tổ quốc, giữ gìn an ninh trật tự.")
    assert not is_relevant(honours)
    # the same honours naming the models they were given for are a model story
    assert is_relevant(honours + " Tiêu biểu là mô hình “Tổ tự quản về an ninh trật tự” của thôn Đông.")

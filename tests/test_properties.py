"""Property tests: arbitrary Unicode never crashes the extractors; NFD and old tone placement
give the same facts as NFC; every evidence is exactly `text[start:end]`."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.extract import extract_text
from nlp.normalize import normalize

VI_WORDS = ["Công an", "phường", "Cẩm Châu", "TP.Hội An", "quận 4", "mô hình", "“Tổ liên gia về PCCC”", "hơn",
            "30.000", "camera", "1,5", "tỉ đồng", "năm 2023", "Khánh Hoà", "thuỷ", "có", "hộ", "gần", "200",
            "người", "như:", ";", ",", ".", "\n\n", "Ngày 25/12", "Quyết định số 1945/QĐ-BCĐ", "5+1", "huyện",
            "Quỳnh Lưu", "Nghệ An", "khoảng", "tổ", "hai", "mười lăm", "Hoà Bình", "Q.4", "P.5", "TPHCM"]
news_like = st.lists(st.sampled_from(VI_WORDS), min_size=0, max_size=60).map(" ".join)
any_text = st.text(max_size=400)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _facts(ex):
    return ([(loc.name, loc.province, loc.level) for loc in ex.locations],
            [(m.canonical, m.place) for m in ex.models],
            [(s.value, s.qualifier, s.unit, s.place, s.period) for s in ex.statistics])


def _check_evidence(text: str, ex) -> None:
    for s in ex.statistics:
        assert text[s.start : s.end] == s.evidence
    for m in ex.models:
        assert text[m.start : m.end] == m.mention
    for loc in ex.locations:
        assert text[loc.start : loc.end] == loc.mention


@FAST
@given(any_text)
def test_arbitrary_unicode_never_crashes(text):
    ex = extract_text(text, "x")
    _check_evidence(text, ex)


@FAST
@given(news_like)
def test_evidence_is_the_original_substring(text):
    _check_evidence(text, extract_text(text, "x", published="2024-05-01"))


@FAST
@given(news_like)
def test_nfd_gives_the_same_facts_as_nfc(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    a, b = extract_text(nfc, "x", published="2024-05-01"), extract_text(nfd, "x", published="2024-05-01")
    assert _facts(a) == _facts(b)
    _check_evidence(nfd, b)


@FAST
@given(news_like)
def test_old_tone_placement_gives_the_same_facts(text):
    old = text.replace("hòa", "hoà").replace("Hòa", "Hoà").replace("thủy", "thuỷ").replace("Khánh Hòa", "Khánh Hoà")
    new = normalize(old).text
    assert _facts(extract_text(old, "x")) == _facts(extract_text(new, "x"))


@FAST
@given(st.text(max_size=200))
def test_normalization_offsets_map_back(text):
    nt = normalize(text)
    assert len(nt.offsets) == len(nt.text)
    assert all(a <= b for a, b in zip(nt.offsets, nt.offsets[1:], strict=False))
    assert all(0 <= o < max(1, len(text)) for o in nt.offsets)


# Fragments of news phrasing, punctuation and odd characters, joined at random: the suite's
# share of `benchmarks/fuzz.py` (which runs 100,000 such inputs).
FRAGMENTS = VI_WORDS + [
    "Mô hình", "“", "”", "\"", "'", "(", ")", ":", "…", "...", "\n", "\n- ", "\n1. ", "\t", "\u00a0", "\u200b",
    "\u0301", "Ð", "7/7 thôn", "từ 10 đến 15", "3.000 – 4.000", "100%", "2,5 triệu", "hàng trăm", "gồm", "là",
    "tại", "xã Hòa Phong", "(huyện Mộc Châu, Sơn La)", "Công an TP Hồ Chí Minh", "trên địa bàn TP", "Tổ",
    "camera an ninh", "tiếng kẻng", "0905 123 456", "44-KL/TW", "Ban Chỉ đạo 138", "đến nay", "hiện có",
]
fragment_text = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=120).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_text)
def test_fragments_never_crash_and_keep_exact_evidence(text):
    _check_evidence(text, extract_text(text, "x", published="2025-09-01"))

"""`antt extract` run as a user runs it: records, bad input, exit codes."""

from __future__ import annotations

import json
import unicodedata

ARTICLE = """URL: https://cand.vn/vi-du-mo-hinh-tu-quan-post812345.html
PUBLISHED: 2024-05-14

Nghệ An: nhân rộng mô hình tự quản ở huyện Quỳnh Lưu

Năm 2023, Công an huyện Quỳnh Lưu phối hợp với xã Quỳnh Lập vận động 45 hộ tham gia mô hình “Tổ liên gia tự quản về ANTT”.
Hiện toàn huyện có hơn 1.200 camera an ninh và 36 mô hình “Tiếng kẻng an ninh” đang hoạt động hiệu quả.
"""


TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese files have it: precomposed vowels, tone marks combining."""
    out = b""
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        shape = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (shape + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_writes_one_schema_record_per_file(run_antt, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hà Nội có 12 mô hình “Camera an ninh” tại quận Hoàn Kiếm.", encoding="utf-8")
    res = run_antt("extract", "a.txt", "b.txt")
    assert res.returncode == 0, res.stderr
    recs = _records(res.stdout)
    assert [r["doc_id"] for r in recs] == ["a", "b"]
    a = recs[0]
    assert a["url"].endswith("post812345.html") and a["outlet"] == "cand.vn" and a["published"] == "2024-05-14"
    assert set(a) >= {"provinces", "locations", "models", "statistics"}
    assert "Nghệ An" in a["provinces"]
    values = {(s["value"], s["unit"]) for s in a["statistics"]}
    assert (45, "hộ") in values and (1200, "camera") in values and (36, "mô hình") in values
    cam = next(s for s in a["statistics"] if s["value"] == 1200)
    assert cam["qualifier"] == "more_than" and cam["period"] is None
    hh = next(s for s in a["statistics"] if s["value"] == 45)
    assert hh["period"] == "2023"
    text = (tmp_path / "a.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    for s in a["statistics"]:
        assert text[s["start"] : s["end"]] == s["evidence"]


def test_extract_out_file_is_written_and_message_printed(run_antt, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = run_antt("extract", "a.txt", "--out", "pred.jsonl")
    assert res.returncode == 0
    assert res.stdout == ""
    assert "1 records written to pred.jsonl" in res.stderr
    assert len(_records((tmp_path / "pred.jsonl").read_text(encoding="utf-8"))) == 1


def test_bad_inputs_get_one_line_messages_and_others_still_processed(run_antt, tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "legacy.txt").write_bytes(_cp1258("Tiếng kẻng an ninh ở Hà Nội"))
    res = run_antt("extract", "missing.txt", "empty.txt", "blob.txt", "legacy.txt", "good.txt", "--out", "p.jsonl")
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("antt: ")]
    assert "antt: missing.txt: no such file" in lines
    assert "antt: empty.txt: empty file" in lines
    assert "antt: blob.txt: binary file, not text" in lines
    assert any(ln.startswith("antt: legacy.txt: not UTF-8") for ln in lines)
    assert "Traceback" not in res.stderr
    recs = _records((tmp_path / "p.jsonl").read_text(encoding="utf-8"))
    assert [r["doc_id"] for r in recs] == ["good"]


def test_failed_run_does_not_clobber_previous_output(run_antt, tmp_path):
    (tmp_path / "p.jsonl").write_text('{"doc_id": "old"}\n', encoding="utf-8")
    res = run_antt("extract", "nothing-here.txt", "--out", "p.jsonl")
    assert res.returncode == 1
    assert (tmp_path / "p.jsonl").read_text(encoding="utf-8") == '{"doc_id": "old"}\n'


def test_nfd_input_gives_the_same_records_as_nfc(run_antt, tmp_path):
    (tmp_path / "nfc.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", ARTICLE), encoding="utf-8")
    res = run_antt("extract", "nfc.txt", "nfd.txt")
    assert res.returncode == 0
    assert "nfd.txt: warning: text is not NFC" in res.stderr
    nfc, nfd = _records(res.stdout)
    for key in ("provinces", "locations", "models", "statistics"):
        assert nfc[key] == nfd[key]


def test_jsonl_and_html_inputs(run_antt, tmp_path):
    row = {"url": "https://www.sggp.org.vn/x-post1.html", "title": "Tin", "body": ["Quận 4 có 82 tổ tự quản."],
           "published": "2024-03-02"}
    (tmp_path / "a.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    html = ("<html><head><title>Mô hình camera</title><meta property='article:published_time' "
            "content='2024-06-01T08:00:00+07:00'></head><body><article><h1>Mô hình camera</h1>"
            + "<p>Phường Cẩm Châu có 120 camera an ninh do người dân lắp đặt, góp phần giữ gìn trật tự.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    res = run_antt("extract", "a.jsonl", "page.html")
    assert res.returncode == 1  # the bad JSONL line
    assert "a.jsonl: line 2: not JSON" in res.stderr
    recs = {r["doc_id"]: r for r in _records(res.stdout)}
    assert recs["a-1"]["outlet"] == "sggp.org.vn"
    assert any(s["value"] == 82 for s in recs["a-1"]["statistics"])
    assert recs["page"]["published"] == "2024-06-01"
    assert any(s["value"] == 120 and s["unit"] == "camera" for s in recs["page"]["statistics"])


def test_help_for_every_command(run_antt):
    for args in (["--help"], ["extract", "--help"], ["demo", "--help"], ["show", "--help"]):
        res = run_antt(*args)
        assert res.returncode == 0 and "usage: antt" in res.stdout
    res = run_antt("extract")
    assert res.returncode == 2 and "PATH" in res.stderr


def test_unwritable_out_folder_is_a_clear_error(run_antt, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = run_antt("extract", "a.txt", "--out", "no/such/dir/p.jsonl")
    assert res.returncode == 2
    assert "cannot write there" in res.stderr and "Traceback" not in res.stderr


def test_show_writes_a_review_page(run_antt, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = run_antt("show", "a.txt", "--out", "a.html")
    assert res.returncode == 0, res.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "hơn 1.200 camera" in page and "Tổ liên gia tự quản về ANTT" in page


def test_save_of_a_document_without_url_stores_it_under_a_file_url_and_says_so(run_antt, tmp_path):
    import sqlite3

    (tmp_path / "a.txt").write_text("Xã Tân Phú ra mắt mô hình “Camera an ninh” với 20 camera.", encoding="utf-8")
    res = run_antt("extract", "a.txt", "--save", "--out", "pred.jsonl")
    assert res.returncode == 0, res.stderr
    assert "1 document(s) without a URL stored under file: URLs" in res.stderr
    rows = sqlite3.connect(tmp_path / "output" / "antt.sqlite").execute(
        "select a.url, count(s.id) from articles a join fact_statistics s on s.article_id = a.id group by a.id").fetchall()
    assert rows == [((tmp_path / "a.txt").resolve().as_uri(), 1)]


def test_spacy_docbin_holds_each_fact_as_a_span_over_its_evidence(run_antt, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = run_antt("extract", "a.txt", "--spacy", "a.spacy", "--out", "pred.jsonl")
    assert res.returncode == 0, res.stderr
    rec = json.loads((tmp_path / "pred.jsonl").read_text(encoding="utf-8"))
    [doc] = DocBin().from_disk(tmp_path / "a.spacy").get_docs(spacy.blank("xx").vocab)
    assert [s.text for s in doc.spans["statistics"]] == [s["evidence"] for s in rec["statistics"]]
    assert [s.text for s in doc.spans["models"]] == [m["mention"] for m in rec["models"]]
    assert len(doc.spans["places"]) == len(rec["locations"])

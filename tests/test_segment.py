"""Sentences: offsets into the text, no break after Vietnamese abbreviations, bounded length."""

from __future__ import annotations

from nlp.segment import MAX_SENTENCE, sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def test_sentences_and_paragraphs_keep_offsets():
    text = "Mô hình ra đời năm 2020. Đến nay có 5 tổ!\n\nỞ TP. Hội An, P.5 có camera."
    got = sentences(text)
    assert _texts(text) == ["Mô hình ra đời năm 2020.", "Đến nay có 5 tổ!", "Ở TP. Hội An, P.5 có camera."]
    assert [s.paragraph for s in got] == [0, 0, 1]
    assert [s.index for s in got] == [0, 1, 2]


def test_no_break_after_an_abbreviation_or_before_a_lowercase_word():
    text = "Ông Nguyễn Văn A. cho biết ThS. Lê B. đã đến. còn lại"
    assert len(sentences(text)) == 1


def test_a_sentence_longer_than_the_limit_is_cut_at_a_space():
    text = "mô hình tổ tự quản " * 1000  # 19,000 characters, no punctuation
    got = sentences(text)
    assert len(got) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in got)
    assert all(text[s.start - 1] == " " for s in got[1:])  # each piece starts after a space
    assert "".join(_texts(text)) == text  # nothing lost between the pieces


def test_a_long_run_without_spaces_is_cut_hard():
    text = "x" * (3 * MAX_SENTENCE + 5)
    got = sentences(text)
    assert [s.end - s.start for s in got] == [MAX_SENTENCE] * 3 + [5]

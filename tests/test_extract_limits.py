"""Inputs that crashed the extractor: each must now give facts whose evidence is their own
words, within a time limit (SIGALRM; a hang fails the test instead of blocking the suite)."""

from __future__ import annotations

import signal

import pytest

from nlp.extract import extract_text

LIMIT_S = 30


def _run(text: str):
    def hung(*_):
        raise TimeoutError(f"extract_text ran past {LIMIT_S} s on {len(text)} characters")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(LIMIT_S)
    try:
        return extract_text(text, "x")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _evidence_exact(result, text: str) -> None:
    d = result.to_dict()
    for key in ("statistics", "models", "locations"):
        for fact in d[key]:
            if "start" in fact and "evidence" in fact:
                assert text[fact["start"]:fact["end"]] == fact["evidence"]


@pytest.mark.parametrize("text", [
    "gồm mô hình, a",  # a model name cut at a limit past the end of the text
    "Các mô hình như: " + ", ".join(f"mô hình {i}" for i in range(3000)),
])
def test_list_of_models_to_the_end_of_the_text(text):
    _evidence_exact(_run(text), text)


def test_digit_run_longer_than_python_parses_is_no_figure():
    text = "Phường đã lắp " + "7" * 5000 + " camera an ninh."
    result = _run(text)
    d = result.to_dict()
    assert all(len(str(int(s["value"]))) <= 15 for s in d.get("statistics", []))


def test_range_with_an_endless_upper_bound():
    text = "Mỗi tổ có từ 5 - " + "9" * 5000 + " thành viên tham gia tuần tra."
    _evidence_exact(_run(text), text)


@pytest.mark.parametrize("text", [
    "mô hình " * 10_000,  # a name search to the end of the sentence per mention
    "." * 100_000,  # a sentence boundary tried at every dot
    "Tại xã Hòa Phong có " + "5 tổ, " * 20_000,  # one sentence of figures
    "a" + "\u0301\u0323" * 20_000,  # one character with 40,000 combining marks
    "Các mô hình:\n" + "- Tổ tự quản có 5 người\n" * 5_000,  # a bulleted list
    "TP Hội An. " + "TP, " * 20_000,  # bare `TP` resolved to the city named last
    "huyện Quỳnh Lưu huyện Diễn Châu " * 5_000 + "xã Hòa Phong " * 5_000,  # wards sought in every district
    "thôn 3 " * 20_000,  # places with no province before them
])
def test_adversarial_shapes_finish_with_exact_evidence(text):
    """Shapes that were quadratic (minutes at 80 KB): they must finish (the alarm guards
    against a hang; `benchmarks/fuzz.py --pathological-only` measures the time)."""
    _evidence_exact(_run(text), text)

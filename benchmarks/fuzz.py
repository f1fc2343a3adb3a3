"""Fuzz the extractor: it must never raise, report every evidence as `text[start:end]`, and
run in linear time.

    python benchmarks/fuzz.py [--n 100000] [--seed 1] [--max-len 3000] [--jobs 2]
    python benchmarks/fuzz.py --pathological-only [--max-size 1000000]

Inputs are news-like: fragments of Vietnamese security-news phrasing (model names, places
with their unit prefixes, figures in every form, dates, lists, quotes, parentheses) joined at
random, then mutated (truncation, inserted or deleted characters, random Unicode, repeated
pieces, NFD). Each failure is reduced to a small input that still fails at the same place.
A second section times adversarial inputs of up to 1 MB (one huge sentence, long digit runs,
thousands of list items, `'xã ' * N`, `'(' * N`, ...), one by one.

Exit status 1 if any input crashed, gave a wrong evidence or ran out of time.
"""

from __future__ import annotations

import argparse
import heapq
import multiprocessing
import random
import signal
import sys
import time
import traceback
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODELS = [
    "mô hình", "Mô hình", "mô hình “Tổ tự quản về ANTT”", "mô hình \"Camera an ninh\"", "mô hình 'Ngõ phố bình yên'",
    "tổ tự quản", "Tổ liên gia an toàn PCCC", "camera an ninh", "Camera an ninh", "tổ hòa giải ở cơ sở",
    "mô hình “5+1”", "mô hình 5 + 1", "Câu lạc bộ phòng chống tội phạm", "CLB “Không có tội phạm ma túy”",
    "mô hình Dòng họ bình yên", "mô hình Zalo an ninh", "nhóm Zalo “Khu phố an toàn”", "tiếng kẻng an ninh",
    "mô hình “Ba không”", "đội xung kích tuần tra", "chốt an ninh", "điểm chữa cháy công cộng",
    "mô hình “Giáo xứ bình yên” (xã Hòa Phong)", "“Tổ liên gia về PCCC”", "mô hình tự quản về ANTT",
    "mô hình tự phòng, tự quản, tự bảo vệ", "các mô hình, cách làm hay", "những mô hình tự quản",
    "hai mô hình", "mô hình điểm", "Tổ dân phòng", "tổ an ninh nhân dân", "“Hòm thư tố giác tội phạm”",
]
PLACES = [
    "xã Hòa Phong", "phường Cẩm Châu", "TP.Hội An", "TP. Hội An", "TP Đà Nẵng", "huyện Quỳnh Lưu", "tỉnh Nghệ An",
    "quận 4", "Q.4", "P.5", "quận Ba Đình", "Q.Ba Đình", "TP.Hà Nội", "thành phố Hồ Chí Minh", "TPHCM", "TP.HCM",
    "thị xã Phú Mỹ", "thị trấn Nam Phước", "thôn 3", "ấp Bình Minh", "bản Nà Khoang", "khu phố 2", "KP.3",
    "tổ dân phố 5", "Khánh Hoà", "Khánh Hòa", "Lai Châu", "Sơn La", "Than Uyên", "Hòa Bình", "huyện Duy Xuyên",
    "tỉnh Quảng Nam", "Quảng Nam", "Công an phường Cẩm Châu", "UBND huyện Quỳnh Lưu", "Công an TP Hồ Chí Minh",
    "xã Tân Lập (huyện Mộc Châu, Sơn La)", "phường Thanh Hà (TP Hội An)", "các xã Hòa Phong, Hòa Khương và Hòa Tiến",
    "ba thôn ven biển là An Hải, Châu Thuận Biển và Định Tân", "trên địa bàn TP", "tại TP", "đặc khu Phú Quốc",
]
NUMBERS = [
    "30.000", "1,5", "hơn 20", "gần 200", "khoảng 1.200", "7/7 thôn", "hai", "mười lăm", "hai mươi mốt", "ba trăm",
    "từ 10 đến 15", "từ 5 - 7", "100%", "98,5%", "2,5 triệu", "22 ngàn", "1,2 tỷ đồng", "hai phần ba", "một nửa",
    "3/4", "5+1", "4.0", "0905 123 456", "1900 1234", "25/12", "22:30", "44-KL/TW", "1945/QĐ-BCĐ", "số 12",
    "năm 2023", "2019-2021", "giai đoạn 2020 - 2025", "tháng 4/2024", "quý I/2024", "6 tháng đầu năm 2024",
    "từ năm 2020 đến nay", "ít nhất 3", "không quá 5", "trên 1.000", "chưa đến 10", "xấp xỉ 50", "1.000.000",
    "12", "0", "07", "2.500", "45", "18 đoàn viên", "62 tuổi", "20 giờ", "ngày 15/5", "Nghị định 144",
]
UNITS = [
    "tổ", "mô hình", "camera", "hộ", "người", "thành viên", "vụ", "tin báo", "đối tượng", "xã", "phường", "thôn",
    "khu dân cư", "tổ dân phố", "chiếc camera", "cái loa", "lượt", "buổi", "tỉ đồng", "triệu đồng", "tổ tự quản",
    "câu lạc bộ", "xã, thị trấn", "thôn, tổ dân phố", "hộ gia đình", "cơ sở lưu trú", "km", "tuổi", "phút",
]
WORDS = [
    "Công an", "đã", "xây dựng", "duy trì", "nhân rộng", "hiện có", "đến nay", "toàn tỉnh có", "với", "trong đó",
    "gồm", "gồm có", "như:", "như", "điển hình như:", "tiêu biểu là", "bao gồm", "là", "và", "cùng", "hoặc",
    "tại", "ở", "trên địa bàn", "thuộc", "góp phần", "giảm", "so với cùng kỳ", "tăng", "được", "phát hiện",
    "tuần tra", "bảo đảm an ninh trật tự", "phòng cháy, chữa cháy", "người dân", "Theo", "ông", "bà",
    "Đại tá Nguyễn Văn A", "cho biết", "Trong năm", "Năm 2023,", "Từ đầu năm", "Qua đó,", "Cụ thể,",
    "Trong đó,", "gọi tắt là", "phong trào", "chủ đề", "thu hút", "hằng đêm", "hơn", "gần", "khoảng", "số",
    "diễn biến hòa bình", "Ban Chỉ đạo 138", "Quyết định số", "v.v.", "...", "…",
]
PUNCT = [", ", ". ", "; ", ": ", " (", ") ", " - ", " – ", "\n", "\n\n", "\n- ", "\n+ ", "\n1. ", "“", "”", "\"", "'",
         "!", "?", " ", "  ", "\t", "\u00a0", "(", ")", ". \n"]
POOLS = [MODELS] * 3 + [PLACES] * 3 + [NUMBERS] * 3 + [UNITS] * 2 + [WORDS] * 4 + [PUNCT] * 3
ODD = ["\x00", "\x07", "\r", "\x0b", "\x0c", "\x1c", "\u2028", "\ufeff", "\u200b", "\u0301", "\u0323", "\u0309",
       "Ð", "ð", "\ud7ff", "\U0001f600", "\u202e", "٣", "１", "½", "ǅ", "ß", "İ", "ﬁ", "\uffff", "𝟘"]


def news_like(rng: random.Random, max_len: int) -> str:
    """A random text of news fragments, then zero to three mutations."""
    parts: list[str] = []
    size = 0
    target = rng.choice((rng.randint(0, 80), rng.randint(0, 400), rng.randint(0, max_len)))
    while size < target:
        piece = rng.choice(rng.choice(POOLS))
        if rng.random() < 0.15:  # a list of items after an introducer
            sep = rng.choice((", ", "; ", " và ", ","))
            pool = rng.choice((MODELS, PLACES, NUMBERS, UNITS))
            piece = rng.choice(("như: ", "gồm ", "là ", "điển hình như ", "các xã ")) + sep.join(
                rng.choice(pool) for _ in range(rng.randint(1, 12)))
        elif rng.random() < 0.2:  # a figure with its unit
            piece = f"{rng.choice(NUMBERS)} {rng.choice(UNITS)}"
        parts.append(piece)
        size += len(piece) + 1
        parts.append(rng.choice((" ", " ", " ", "", ", ", ". ")))
    text = "".join(parts)[: max_len]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        text = mutate(rng, text)
    return text[: max_len * 2]


def _random_char(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(ODD)
    if r < 0.7:
        return chr(rng.randint(0x20, 0x24F))
    while True:  # any code point but a surrogate
        c = rng.randint(0, 0x10FFFF)
        if not 0xD800 <= c <= 0xDFFF:
            return chr(c)


def mutate(rng: random.Random, text: str) -> str:
    op = rng.randrange(9)
    n = len(text)
    i = rng.randint(0, n)
    if op == 0:
        return text[:i]  # truncation
    if op == 1:
        return text[i:]
    if op == 2:
        return text[:i] + "".join(_random_char(rng) for _ in range(rng.randint(1, 4))) + text[i:]
    if op == 3 and n:
        j = min(n, i + rng.randint(1, 8))
        return text[:i] + text[j:]  # deletion
    if op == 4 and n:
        j = min(n, i + rng.randint(1, 40))
        return text[:i] + text[i:j] * rng.randint(2, 30) + text[j:]  # repetition
    if op == 5:
        return unicodedata.normalize("NFD", text)
    if op == 6:
        return text.upper() if rng.random() < 0.5 else text.lower()
    if op == 7 and n:
        j = min(n, i + rng.randint(1, 20))
        return text[:i] + text[i:j][::-1] + text[j:]
    return text[:i] + rng.choice(PUNCT + ODD) + text[i:]


# -- checking one input -----------------------------------------------------------------------

class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise _Timeout


def _site(exc: BaseException) -> str:
    """Where an exception was raised: the innermost frame in the project's code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if str(ROOT) in f.filename] or \
        traceback.extract_tb(exc.__traceback__)
    f = frames[-1] if frames else None
    where = f"{Path(f.filename).relative_to(ROOT) if str(ROOT) in f.filename else f.filename}:{f.lineno}" if f else "?"
    return f"{type(exc).__name__} at {where}"


def _mismatch(text: str, ex) -> str | None:
    for s in ex.statistics:
        if text[s.start : s.end] != s.evidence:
            return f"statistic {s.evidence!r} != text[{s.start}:{s.end}]"
    for m in ex.models:
        if text[m.start : m.end] != m.mention:
            return f"model {m.mention!r} != text[{m.start}:{m.end}]"
    for loc in ex.locations:
        if text[loc.start : loc.end] != loc.mention:
            return f"location {loc.mention!r} != text[{loc.start}:{loc.end}]"
    return None


def check(text: str, limit: float = 0) -> tuple[str | None, float]:
    """(failure or None, seconds). A failure is 'crash: <site>', 'mismatch: ...' or 'timeout'."""
    from nlp.extract import extract_text

    if limit:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    t0 = time.perf_counter()
    try:
        ex = extract_text(text, "fuzz", published="2025-08-01" if len(text) % 2 else "2024-05-01")
        bad = _mismatch(text, ex)
        failure = f"mismatch: {bad}" if bad else None
    except _Timeout:
        failure = "timeout"
    except Exception as exc:  # noqa: BLE001 - that is what we look for
        failure = f"crash: {_site(exc)}"
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return failure, time.perf_counter() - t0


def _kind(failure: str) -> str:
    return failure.split(":", 1)[0] if failure.startswith("mismatch") else failure


def minimize(text: str, failure: str, budget: float = 20.0) -> str:
    """A smaller input failing the same way (delta debugging on characters, within a time budget)."""
    want = _kind(failure)
    deadline = time.monotonic() + budget
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i, shrunk = 0, False
        while i < len(text) and time.monotonic() < deadline:
            cand = text[:i] + text[i + chunk :]
            got, _ = check(cand, limit=5)
            if got is not None and _kind(got) == want:
                text, shrunk = cand, True
            else:
                i += chunk
        if not shrunk:
            chunk //= 2
    return text


def _work(args: tuple[int, int, int]) -> list[tuple[int, str | None, float, int]]:
    seed, start, count = args
    out = []
    for k in range(start, start + count):
        rng = random.Random(f"{seed}-{k}")
        text = news_like(rng, _work.max_len)  # type: ignore[attr-defined]
        failure, secs = check(text, limit=30)
        out.append((k, failure, secs, len(text)))
    return out


def _init(max_len: int) -> None:
    _work.max_len = max_len  # type: ignore[attr-defined]
    from nlp.extract import extract_text

    extract_text("Công an phường Cẩm Châu có 5 tổ.", "warmup")


def regenerate(seed: int, k: int, max_len: int) -> str:
    return news_like(random.Random(f"{seed}-{k}"), max_len)


# -- adversarial inputs -----------------------------------------------------------------------

def pathological(size: int) -> list[tuple[str, str]]:
    """(name, text) of about `size` characters each."""
    def rep(unit: str) -> str:
        return unit * max(1, size // len(unit))

    rng = random.Random(7)
    noisy = "".join(_random_char(rng) for _ in range(size // 2))
    items = ", ".join(f"Tổ tự quản số {i}" for i in range(size // 20))
    return [
        ("'mô hình ' * N", rep("mô hình ")),
        ("'Mô hình Tổ ' * N", rep("Mô hình Tổ ")),
        ("one sentence of news words", rep("Công an xã Hòa Phong xây dựng mô hình tổ tự quản với 30 thành viên, ")),
        ("no punctuation, no spaces", rep("môhìnhtổtựquản")),
        ("numbers separated by spaces", rep("12 ")),
        ("figures with units", rep("hơn 1.200 hộ ")),
        ("figures in one sentence after a place", "Tại xã Hòa Phong có " + rep("5 tổ, ")),
        ("digit run", "có " + "1" * (size - 10) + " người"),
        ("dotted thousands run", "có 1" + rep(".000") + " người"),
        ("decimal digit run", "có 1," + "5" * (size - 10) + " người"),
        ("digit run then nghìn", "có " + "9" * 400 + " nghìn người"),
        ("'xã ' * N", rep("xã ")),
        ("districts, then wards of none of them", rep("huyện Quỳnh Lưu huyện Diễn Châu ")[: size // 2]
         + rep("xã Hòa Phong ")[: size // 2]),
        ("'thôn 3 ' * N, no province", rep("thôn 3 ")),
        ("'xã Hòa Phong, ' * N", rep("xã Hòa Phong, ")),
        ("'phường ' prefixes before names", rep("phường Phường Cẩm Châu ")),
        ("'TP, ' * N", "TP Hội An. " + rep("TP, ")),
        ("place prefixes and districts", rep("huyện Quỳnh Lưu xã Quỳnh Thạch thôn 3 ")),
        ("'(' * N", rep("(")),
        ("'(a) ' * N", rep("(phường 5) ")),
        ("quotes", rep("“")),
        ("quoted names", rep("mô hình \"Tổ an ninh\" ")),
        ("'như: ' list", "Các mô hình như: " + items),
        ("'như: ' list, semicolons", "Các mô hình như: " + items.replace(", ", "; ")),
        ("'gồm ' * N", rep("mô hình gồm tổ tự quản, ")),
        ("list of places", "các xã " + ", ".join("Hòa Phong" for _ in range(size // 11))),
        ("'hai ' * N", rep("hai ")),
        ("number words then phần", rep("hai ") + "phần ba"),
        ("'năm 2023 ' * N", rep("năm 2023 có 5 tổ ")),
        ("dots", rep(".")),
        ("'TP. ' abbreviations", rep("TP. Hội An ")),
        ("sentences", rep("Mô hình tổ tự quản có 5 người. ")),
        ("bulleted list", "Các mô hình:\n" + rep("- Tổ tự quản có 5 người\n")),
        ("huge whitespace", "mô hình" + " " * (size - 20) + "tổ 5 người"),
        ("newlines", rep("\n")),
        ("NFD text", unicodedata.normalize("NFD", rep("Mô hình tổ tự quản ở phường Cẩm Châu có 5 người. "))),
        ("combining marks", "a" + rep("\u0301\u0323")),
        ("control characters", rep("\x00\x01\x1c\r\x0b mô hình 5 tổ ")),
        ("random unicode", noisy),
        ("hiện có figures", "Hiện có " + rep("5 tổ ")),
        ("URLs and digits", rep("www.a1.vn/12-34 ")),
        ("hyphenated digits", rep("1-")),
        ("digits plus", rep("1+")),
        # shapes of this session's rules: a ward's chain of bare names, neighbours and addresses,
        # a colon list of items split by semicolons, rates, ranges of shares, dashes between units
        ("ward chain of names", "xã " + rep("Phú Hòa Đông Tây, ") + "Tân Thạnh"),
        ("'giáp ranh với ' * N", rep("giáp ranh với huyện Ý Yên (Nam Định), ")),
        ("explicit list, semicolons", "5 mô hình hiệu quả là: " + rep("Quản lý, giúp đỡ người nghiện ở xã A; ")),
        ("'cứ 2 thôn ' * N", rep("cứ 2 thôn lại có 1 kẻng, ")),
        ("'70% - ' * N", rep("70% - ")),
        ("'xã A - Huyện B - ' * N", rep("xã Ea Na - Huyện Krông Ana - ")),
        # a model referred to again and again, pilot sites, places opening a sentence, spread
        ("'Mô hình này ... tại xã C. ' * N", "Mô hình “Tổ an ninh” ở xã Hòa Phong. " + rep("Mô hình này được thí điểm tại xã Hòa Tiến. ")),
        ("'lấy thôn 3 làm điểm, ' * N", "mô hình “Tổ an ninh”, " + rep("lấy thôn 3 làm điểm, ")),
        ("subject list of places", "Nhiều địa phương như " + rep("xã Hòa Phong, huyện Hòa Vang; ") + " đã xây dựng mô hình “A”."),
        ("'Trên cơ sở đó, nhân rộng ra ...' * N", "mô hình “Tổ an ninh”. " + rep("Trên cơ sở đó, nhân rộng ra thôn 1 và thôn 2. ")),
        ("colon list of places", "mô hình “Tổ an ninh” chia thành 3 nhóm: " + rep("thôn Phú Lộc, ")),
    ]


def run_pathological(max_size: int, limit: float) -> list[str]:
    failures = []
    sizes = sorted({min(max_size, s) for s in (100_000, max_size)})
    print(f"\nAdversarial inputs ({', '.join(f'{s:,}' for s in sizes)} characters), seconds each:")
    for size in sizes:
        for name, text in pathological(size):
            failure, secs = check(text, limit=limit)
            flag = f"  <-- {failure}" if failure else ("  <-- over 5 s" if secs > 5 else "")
            print(f"  {name:42s} {len(text):>9,} chars {secs:7.2f} s{flag}", flush=True)
            if failure:
                failures.append(f"{name} ({len(text):,} chars): {failure}")
            elif secs > 5:
                failures.append(f"{name} ({len(text):,} chars): {secs:.1f} s")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="random inputs to run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-len", type=int, default=3000, help="longest random input (characters, before mutation)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    ap.add_argument("--max-size", type=int, default=1_000_000, help="size of the largest adversarial inputs")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds before an adversarial input counts as hung")
    ap.add_argument("--pathological-only", action="store_true", help="only time the adversarial inputs")
    ap.add_argument("--no-pathological", action="store_true", help="skip the adversarial inputs")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    _init(args.max_len)
    bad = False
    if not args.pathological_only:
        bad = fuzz(args)
    if not args.no_pathological:
        slow = run_pathological(args.max_size, args.limit)
        if slow:
            bad = True
            print("adversarial failures:\n  " + "\n  ".join(slow))
    return 1 if bad else 0


def fuzz(args) -> bool:
    t0 = time.perf_counter()
    batch = 200
    tasks = [(args.seed, s, min(batch, args.n - s)) for s in range(0, args.n, batch)]
    failures: dict[str, tuple[int, int]] = {}  # failure -> (first input, count)
    slowest: list[tuple[float, int, int]] = []
    done, chars, busy = 0, 0, 0.0
    if args.jobs > 1:
        pool = multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init, initargs=(args.max_len,))
        results = pool.imap_unordered(_work, tasks)
    else:
        pool, results = None, map(_work, tasks)
    for rows in results:
        for k, failure, secs, length in rows:
            done += 1
            chars += length
            busy += secs
            heapq.heappush(slowest, (secs, k, length))
            if len(slowest) > 5:
                heapq.heappop(slowest)
            if failure:
                first, count = failures.get(failure, (k, 0))
                failures[failure] = (min(first, k), count + 1)
        if done % 10_000 < batch:
            print(f"  {done:,} inputs, {len(failures)} distinct failures, {time.perf_counter() - t0:.0f} s",
                  file=sys.stderr, flush=True)
    if pool:
        pool.close()
        pool.join()
    wall = time.perf_counter() - t0
    crashes = sum(c for f, (_, c) in failures.items() if not f.startswith("mismatch"))
    mismatches = sum(c for f, (_, c) in failures.items() if f.startswith("mismatch"))
    print(f"inputs run        {done:,} (seed {args.seed}, up to {args.max_len:,} characters before mutation, "
          f"{chars / max(1, done):.0f} average)")
    print(f"crashes           {crashes} ({sum(1 for f in failures if not f.startswith('mismatch'))} distinct sites)")
    print(f"mismatches        {mismatches}")
    print(f"throughput        {done / wall:.0f} inputs/s, {chars / wall / 1000:.0f} k characters/s wall clock "
          f"({args.jobs} process{'es' if args.jobs > 1 else ''}); {done / max(busy, 1e-9):.0f} inputs per busy second")
    print("slowest inputs:")
    for secs, k, length in sorted(slowest, reverse=True):
        print(f"  input {k:>7}  {secs * 1000:8.1f} ms  {length:>6,} characters")
    for failure, (k, count) in sorted(failures.items()):
        text = regenerate(args.seed, k, args.max_len)
        small = minimize(text, failure)
        print(f"FAIL {failure}  ({count} inputs; first: input {k}, {len(text)} chars)\n  minimal repro: {small!r}")
    return bool(failures)


if __name__ == "__main__":
    sys.exit(main())

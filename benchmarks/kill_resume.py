"""Kill/resume: what a run killed at a random moment leaves behind, and whether running it
again gives what an uninterrupted run gives.

    python benchmarks/kill_resume.py [--rounds 5] [--seed 1] [--only crawl,extract,...] [--keep]

Each scenario, for each round: a reference run that is never interrupted; then the same run
in a fresh folder killed at a random moment (SIGKILL mostly, also SIGTERM and SIGINT: the
signal cycles K, T, K, I, K...), its leftovers checked, and the command run again until it
completes; the result is compared with the reference. Every run is a real `antt` process.

Scenarios:

- crawl-resume / crawl-store: `antt crawl` (all outlets) of the replay site, served with a
  little latency per request (so a crawl lasts a few seconds), with and without `--resume`
  (Scrapy JOBDIR; without it the store alone says what was fetched). The kill comes after
  a random number of requests. Checked after the kill and at the end: `PRAGMA
  integrity_check`, no duplicate article rows, no relevant page marked seen but not stored;
  at the end, the stored articles (source, id, URL, text hash) and the pages marked seen
  equal the reference's. `-2kills`: killed twice before the run that completes.
- extract-out: `antt extract FILES --out X.jsonl` (dev texts copied many times): after the
  kill X.jsonl is the previous complete file, or absent if there was none, never partial;
  the re-run gives the reference bytes.
- build: `antt build` on a store holding a previous build plus new unextracted articles:
  after the kill every catalog file (CSV, Parquet, catalog.sqlite, datapackage.json,
  metadata.json, extractions.jsonl, report) is the previous version or the new one and
  parses (SQLite integrity ok); the re-run gives byte-identical files to the reference.
- extract-save: `antt extract FILES --save`: the store passes integrity_check after the kill
  and, after the re-run, holds the reference's articles, results and fact rows.

Columns: kills = signals delivered to a running process (a run that ended before its kill
moment is not counted); resumed OK = rounds whose end state equals the reference with every
invariant held; mismatches = rounds with any violation (listed below the table); extra req =
requests served beyond the reference's, per round (crawl); time lost = wall time of the killed
and resumed runs minus the reference's, per round; leftovers = temporary files or folders a
kill left behind (all rounds). Exit status 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crawler.replay.server import ReplayServer  # noqa: E402
from crawler.replay.site import build as build_site  # noqa: E402
from crawler.replay.site import load_articles  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev"
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGKILL, signal.SIGINT, signal.SIGKILL]
SHORT = {signal.SIGKILL: "KILL", signal.SIGTERM: "TERM", signal.SIGINT: "INT"}
GRACE = 60.0  # seconds a process may take to stop after SIGTERM/SIGINT
CRAWL_SETTINGS = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "ANTT_MAX_LISTING_PAGES=1000"]


def antt_command() -> list[str]:
    exe = shutil.which("antt", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "antt"]


def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


# -- processes -----------------------------------------------------------------------------
@dataclasses.dataclass
class Run:
    rc: int | None
    wall: float
    killed: bool  # the signal reached a running process
    stderr: str = ""


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ANTT_DB", "ANTT_OUTPUT")}
    env.update(ANTT_LOG_LEVEL="INFO", COLUMNS="120", **(extra or {}))
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> Run:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return Run(res.returncode, time.perf_counter() - t0, False, res.stderr[-3000:])


def run_killed(cmd: list[str], cwd: Path, env: dict[str, str], sig: int, when: Callable[[float], bool]) -> Run:
    """Start `cmd`, send `sig` once `when(elapsed)` is true (unless it ended first), and wait
    for it to end (a graceful signal gets GRACE seconds, then SIGKILL: `rc` None = it hung)."""
    t0 = time.perf_counter()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    while proc.poll() is None and not when(time.perf_counter() - t0):
        time.sleep(0.002)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(sig)
    try:
        rc: int | None = proc.wait(timeout=GRACE)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        rc = None
    err.seek(0)
    stderr = err.read().decode("utf-8", "replace")[-3000:]
    err.close()
    return Run(rc, time.perf_counter() - t0, killed, stderr)


# -- results -------------------------------------------------------------------------------
@dataclasses.dataclass
class Result:
    scenario: str
    rounds: int = 0
    kills: int = 0
    signals: dict[str, int] = dataclasses.field(default_factory=dict)
    ok: int = 0
    mismatched: int = 0
    reruns: int = 0
    extra_requests: list[int] = dataclasses.field(default_factory=list)
    time_lost: list[float] = dataclasses.field(default_factory=list)
    leftovers: int = 0
    url_forms: int = 0  # articles stored under another of their URL forms than in the reference
    problems: list[str] = dataclasses.field(default_factory=list)

    def record(self, round_no: int, problems: list[str]) -> None:
        self.rounds += 1
        if problems:
            self.mismatched += 1
            self.problems += [f"round {round_no}: {p}" for p in problems]
        else:
            self.ok += 1

    def killed(self, r: Run, sig: int) -> None:
        if r.killed:
            self.kills += 1
            self.signals[SHORT[sig]] = self.signals.get(SHORT[sig], 0) + 1


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):+.1f}" if values else "-"


def print_table(results: list[Result]) -> None:
    head = ["scenario", "rounds", "kills", "signals", "resumed OK", "mismatches", "re-runs", "extra req",
            "time lost s", "leftovers"]
    rows = [[r.scenario, str(r.rounds), str(r.kills), " ".join(f"{k}:{v}" for k, v in sorted(r.signals.items())),
             str(r.ok), str(r.mismatched), str(r.reruns), _mean(r.extra_requests), _mean(r.time_lost),
             str(r.leftovers)] for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    for r in results:
        if r.url_forms:
            print(f"note {r.scenario}: {r.url_forms} article(s) stored under another of their URL forms than in "
                  "the reference (same outlet id and text; the first form fetched wins, in any run)")
    for r in results:
        for p in r.problems:
            print(f"MISMATCH {r.scenario} {p}")


def leftovers(folder: Path) -> list[Path]:
    """Temporary files and folders of atomic writes (`.NAME.xxx.tmp`, `.build-xxx/`)."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob(".*") if p.name.endswith(".tmp") or p.name.startswith(".build-"))


# -- crawl ---------------------------------------------------------------------------------
class SlowReplayServer(ReplayServer):
    """The replay site, each answer after `latency` seconds, counting every request."""

    def __init__(self, site=None, latency: float = 0.0):
        super().__init__(site)
        self.latency = latency
        self.total = 0

    def _serve(self, handler) -> None:
        with self._lock:
            self.total += 1
        if self.latency:
            time.sleep(self.latency)
        try:
            super()._serve(handler)
        except (BrokenPipeError, ConnectionResetError):  # the crawler was killed mid-answer
            pass


def cloned_site(copies: int):
    base = load_articles()
    out = []
    for k in range(copies):
        for a in base:
            new_id = str(int(a.id) + k * 7919 + 1) if k else a.id
            out.append(dataclasses.replace(a, id=new_id, slug=f"{a.slug}-{k}" if k else a.slug))
    return build_site(out)


def store_state(db: Path) -> tuple[dict, list[str]]:
    """The crawl's result in the store, and the invariants it breaks."""
    problems: list[str] = []
    if not db.exists():
        return {"articles": set(), "seen": set()}, []
    conn = sqlite3.connect(db, timeout=60)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:3]}")
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        if "articles" not in tables or "seen" not in tables:
            return {"articles": set(), "seen": set()}, problems
        rows = conn.execute("select source, source_id, url, content_hash, text from articles").fetchall()
        seen = conn.execute("select source, source_id, relevant from seen").fetchall()
    finally:
        conn.close()
    arts = {(s, i, u, h, sha(t)) for s, i, u, h, t in rows}
    if len(arts) != len(rows) or len({(s, i) for s, i, *_ in rows}) != len(rows) or \
            len({u for _, _, u, *_ in rows}) != len(rows):
        problems.append(f"duplicate article rows ({len(rows)} rows, {len({r[2] for r in rows})} urls)")
    ids = {(s, i) for s, i, *_ in rows}
    lost = sorted(f"{s}/{i}" for s, i, rel in seen if rel and (s, i) not in ids)
    if lost:
        problems.append(f"marked seen (relevant) but not stored: {lost[:5]}")
    if len({(s, i) for s, i, _ in seen}) != len(seen):
        problems.append("duplicate seen rows")
    return {"articles": arts, "seen": {(s, i, bool(r)) for s, i, r in seen}}, problems


def _crawl_finished(out: Path) -> bool:
    reports = sorted((out / "logs").glob("crawl-*.json"), key=lambda p: p.stat().st_mtime)
    if not reports:
        return False
    data = json.loads(reports[-1].read_text(encoding="utf-8"))
    return all(o["finish_reason"] == "finished" for o in data["outlets"])


def scenario_crawl(name: str, rounds: int, rng: random.Random, server: SlowReplayServer, work: Path, *,
                   resume: bool, kills_per_run: int = 1, signals: list[int] | None = None) -> Result:
    result = Result(name)
    env = _env({"ANTT_HOST_MAP": json.dumps(server.host_map())})
    sets = [a for s in CRAWL_SETTINGS for a in ("--set", s)]
    signals = signals or SIGNALS

    def cmd(out: Path) -> list[str]:
        return [*antt_command(), "crawl", "-q", "--output", str(out), *(["--resume"] if resume else []), *sets]

    for r in range(rounds):
        problems: list[str] = []
        ref_dir = work / f"{name}-{r}-ref"
        before = server.total
        ref = run(cmd(ref_dir), work, env)
        ref_hits = server.total - before
        ref_state, ref_problems = store_state(ref_dir / "antt.sqlite")
        if ref.rc != 0 or ref_problems:
            problems.append(f"reference run failed (rc {ref.rc}): {ref_problems} {ref.stderr[-500:]}")
        out = work / f"{name}-{r}"
        spent, before = 0.0, server.total
        for k in range(kills_per_run):
            sig = signals[r % len(signals)]
            if k:  # the second kill: SIGKILL after a graceful stop, the next signal after a SIGKILL
                sig = signal.SIGKILL if sig != signal.SIGKILL else signals[(r + 1) % len(signals)]
            # a random number of requests into this run (the later runs skip what is stored)
            start, target = server.total, rng.randint(1, max(1, ref_hits * (k + 1) // (k + 2) - 1))
            delay = rng.uniform(0, 0.03)
            state = {"at": None}

            def when(elapsed: float, start=start, target=target, delay=delay, state=state) -> bool:
                if state["at"] is None and server.total - start >= target:
                    state["at"] = elapsed
                return state["at"] is not None and elapsed >= state["at"] + delay

            killed = run_killed(cmd(out), work, env, sig, when)
            spent += killed.wall
            result.killed(killed, sig)
            if killed.rc is None:
                problems.append(f"kill {k + 1} ({SHORT[sig]}): the crawl did not stop within {GRACE:.0f} s")
            _, after_kill = store_state(out / "antt.sqlite")
            problems += [f"after kill {k + 1} ({SHORT[sig]}): {p}" for p in after_kill]
        for _attempt in range(3):
            again = run(cmd(out), work, env)
            spent += again.wall
            result.reruns += 1
            if again.rc == 0 and _crawl_finished(out):
                break
        else:
            problems.append(f"re-runs did not complete (rc {again.rc}): {again.stderr[-500:]}")
        state, end_problems = store_state(out / "antt.sqlite")
        problems += [f"at the end: {p}" for p in end_problems]
        # An article is its outlet's id and its text; the same id linked under two URL forms
        # (CAND's current and legacy pages) is stored under whichever was fetched first, which
        # varies between uninterrupted runs too: a different URL alone is noted, not a mismatch.
        want = {(s, i): (h, t) for s, i, _, h, t in ref_state["articles"]}
        have = {(s, i): (h, t) for s, i, _, h, t in state["articles"]}
        missing, extra = sorted(set(want) - set(have)), sorted(set(have) - set(want))
        if missing or extra:
            problems.append(f"articles differ from the reference: {len(missing)} missing {missing[:4]}, "
                            f"{len(extra)} extra {extra[:4]}")
        changed = sorted(k for k in set(want) & set(have) if want[k] != have[k])
        if changed:
            problems.append(f"article texts differ from the reference: {changed[:4]}")
        urls = {a[2] for a in ref_state["articles"]} ^ {a[2] for a in state["articles"]}
        result.url_forms += len(urls) // 2
        if state["seen"] != ref_state["seen"]:
            problems.append(f"seen pages differ: {len(ref_state['seen'] - state['seen'])} missing, "
                            f"{len(state['seen'] - ref_state['seen'])} extra")
        left = leftovers(out)
        result.leftovers += len(left)
        result.extra_requests.append(server.total - before - ref_hits)
        result.time_lost.append(spent - ref.wall)
        result.record(r, problems)
        print(f"  {name} round {r}: {'ok' if not problems else 'MISMATCH'} ({len(state['articles'])} articles, "
              f"{server.total - before} requests vs {ref_hits})", file=sys.stderr, flush=True)
    return result


# -- extract -------------------------------------------------------------------------------
def make_inputs(folder: Path, count: int, prefix: str = "doc") -> list[Path]:
    """`count` .txt files: the dev texts over and over, each with its own URL."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(DEV.glob("dev-*.txt"))
    paths = []
    for i in range(count):
        src = sources[i % len(sources)]
        lines = src.read_text(encoding="utf-8").split("\n")
        lines = [ln for ln in lines if not ln.startswith("URL:")]
        path = folder / f"{prefix}-{i:05d}.txt"
        path.write_text(f"URL: https://kill-resume.example.vn/{prefix}/{i:05d}-{src.stem}.html\n" + "\n".join(lines),
                        encoding="utf-8")
        paths.append(path)
    return paths


def _kill_at(rng: random.Random, ref_wall: float) -> tuple[float, Callable[[float], bool]]:
    at = rng.uniform(0.1, 0.98) * ref_wall
    return at, lambda elapsed: elapsed >= at


def scenario_extract_out(rounds: int, rng: random.Random, work: Path, docs: int) -> Result:
    result = Result("extract-out")
    inputs = make_inputs(work / "extract-inputs", docs)
    env = _env()
    prev_dir = work / "extract-prev"
    prev_dir.mkdir()
    res = run([*antt_command(), "extract", "-q", *map(str, inputs[: max(1, docs // 3)]), "--out",
               str(prev_dir / "x.jsonl")], work, env)
    prev = (prev_dir / "x.jsonl").read_bytes() if res.rc == 0 else b""
    for r in range(rounds):
        problems: list[str] = []
        sig = SIGNALS[r % len(SIGNALS)]
        ref_dir = work / f"extract-{r}-ref"
        ref_dir.mkdir()
        ref = run([*antt_command(), "extract", "-q", *map(str, inputs), "--out", str(ref_dir / "x.jsonl")], work, env)
        want = (ref_dir / "x.jsonl").read_bytes() if (ref_dir / "x.jsonl").exists() else None
        if ref.rc != 0 or not want or not prev:
            problems.append(f"reference run failed (rc {ref.rc}): {ref.stderr[-300:]}")
        out_dir = work / f"extract-{r}"
        out_dir.mkdir()
        target = out_dir / "x.jsonl"
        had_prev = r % 2 == 0
        if had_prev:
            target.write_bytes(prev)
        cmd = [*antt_command(), "extract", "-q", *map(str, inputs), "--out", str(target)]
        _, when = _kill_at(rng, ref.wall)
        killed = run_killed(cmd, work, env, sig, when)
        result.killed(killed, sig)
        if killed.rc is None:
            problems.append(f"{SHORT[sig]}: did not stop within {GRACE:.0f} s")
        if killed.killed:
            if target.exists():
                got = target.read_bytes()
                if got != prev and got != want:
                    problems.append(f"after {SHORT[sig]}: x.jsonl is neither the previous nor the new file "
                                    f"({len(got)} bytes; previous {len(prev)}, new {len(want or b'')})")
                elif got == prev and not had_prev:
                    problems.append("x.jsonl appeared with old content")
            left = leftovers(out_dir)
            result.leftovers += len(left)
            for p in left:
                p.unlink()
        again = run(cmd, work, env)
        result.reruns += 1
        if again.rc != 0 or not target.exists() or target.read_bytes() != want:
            problems.append(f"re-run did not give the reference bytes (rc {again.rc})")
        result.time_lost.append(killed.wall + again.wall - ref.wall)
        result.record(r, problems)
        print(f"  extract-out round {r}: {'ok' if not problems else 'MISMATCH'}", file=sys.stderr, flush=True)
    return result


def _full_store_state(db: Path) -> tuple[dict, list[str]]:
    """Articles, extraction results and fact rows of a store, keyed by URL; and broken invariants."""
    problems: list[str] = []
    if not db.exists():
        return {}, []
    conn = sqlite3.connect(db, timeout=60)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:3]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:3]}")
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        if "articles" not in tables:
            return {}, problems
        arts = conn.execute("select url, content_hash, text from articles").fetchall()
        if len({a[0] for a in arts}) != len(arts):
            problems.append("duplicate article rows")
        state: dict = {"articles": {(u, h, sha(t)) for u, h, t in arts}}
        if "extractions" in tables:
            ex = conn.execute("select a.url, e.extractor_version, e.content_hash, e.record from extractions e "
                              "join articles a on a.id = e.article_id").fetchall()
            state["extractions"] = {(u, v, h, sha(rec)) for u, v, h, rec in ex}
            for table in ("fact_statistics", "fact_models", "fact_locations"):
                if table not in tables:
                    continue
                cols = [c[1] for c in conn.execute(f"pragma table_info({table})")
                        if c[1] not in ("id", "extraction_id", "article_id")]
                quoted = ", ".join(f'f."{c}"' for c in cols)
                rows = conn.execute(f"select a.url, {quoted} from {table} f join articles a on a.id = f.article_id"
                                    ).fetchall()
                state[table] = sorted(map(repr, rows))
                orphans = conn.execute(f"select count(*) from {table} f left join extractions e on "
                                       f"e.id = f.extraction_id where e.id is null").fetchone()[0]
                if orphans:
                    problems.append(f"{orphans} {table} rows without their extraction")
    finally:
        conn.close()
    return state, problems


def scenario_extract_save(rounds: int, rng: random.Random, work: Path, docs: int) -> Result:
    result = Result("extract-save")
    inputs = make_inputs(work / "save-inputs", docs, prefix="save")
    env = _env()
    for r in range(rounds):
        problems: list[str] = []
        sig = SIGNALS[r % len(SIGNALS)]
        ref_dir = work / f"save-{r}-ref"
        ref = run([*antt_command(), "extract", "-q", "--save", "--output", str(ref_dir), *map(str, inputs),
                   "--out", os.devnull], work, env)
        want, ref_problems = _full_store_state(ref_dir / "antt.sqlite")
        if ref.rc != 0 or ref_problems or not want:
            problems.append(f"reference run failed (rc {ref.rc}): {ref_problems} {ref.stderr[-300:]}")
        out = work / f"save-{r}"
        cmd = [*antt_command(), "extract", "-q", "--save", "--output", str(out), *map(str, inputs), "--out", os.devnull]
        _, when = _kill_at(rng, ref.wall)
        killed = run_killed(cmd, work, env, sig, when)
        result.killed(killed, sig)
        if killed.rc is None:
            problems.append(f"{SHORT[sig]}: did not stop within {GRACE:.0f} s")
        _, after = _full_store_state(out / "antt.sqlite")
        problems += [f"after {SHORT[sig]}: {p}" for p in after]
        again = run(cmd, work, env)
        result.reruns += 1
        got, end = _full_store_state(out / "antt.sqlite")
        problems += [f"at the end: {p}" for p in end]
        if again.rc != 0:
            problems.append(f"re-run failed (rc {again.rc}): {again.stderr[-300:]}")
        for key in sorted(set(want) | set(got)):
            if want.get(key) != got.get(key):
                problems.append(f"{key} differ from the reference")
        result.time_lost.append(killed.wall + again.wall - ref.wall)
        result.record(r, problems)
        print(f"  extract-save round {r}: {'ok' if not problems else 'MISMATCH'}", file=sys.stderr, flush=True)
    return result


# -- build ---------------------------------------------------------------------------------
def catalog_files(out: Path) -> dict[str, bytes]:
    files = {}
    for rel in ["catalog.sqlite", "datapackage.json", "extractions.jsonl", "report/index.html"]:
        if (out / rel).exists():
            files[rel] = (out / rel).read_bytes()
    if (out / "catalog").is_dir():
        for p in sorted((out / "catalog").iterdir()):
            if p.is_file() and not p.name.startswith("."):
                files[f"catalog/{p.name}"] = p.read_bytes()
    return files


def parse_problems(out: Path, files: dict[str, bytes]) -> list[str]:
    """Each catalog file read back as what it claims to be."""
    import io

    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    problems = []
    for rel, data in files.items():
        try:
            if rel.endswith(".csv"):
                if not data.startswith(b"\xef\xbb\xbf"):
                    raise ValueError("no BOM")
                pacsv.read_csv(io.BytesIO(data[3:]))
            elif rel.endswith(".parquet"):
                pq.read_table(io.BytesIO(data))
            elif rel.endswith(".jsonl"):
                for line in data.decode("utf-8").splitlines():
                    json.loads(line)
            elif rel.endswith(".json"):
                json.loads(data)
            elif rel.endswith(".html"):
                if not data.rstrip().endswith(b"</html>"):
                    raise ValueError("truncated html")
            elif rel.endswith(".sqlite"):
                with tempfile.TemporaryDirectory() as tmp:
                    copy = Path(tmp) / "c.sqlite"
                    copy.write_bytes(data)
                    conn = sqlite3.connect(copy)
                    check = conn.execute("PRAGMA integrity_check").fetchall()
                    conn.close()
                    if check != [("ok",)]:
                        raise ValueError(f"integrity_check {check[:2]}")
        except Exception as exc:  # any failure to read is the finding
            problems.append(f"{rel} does not parse: {type(exc).__name__}: {exc}")
    return problems


def prepare_build(work: Path, docs: int) -> tuple[Path, dict[str, bytes]]:
    """A folder holding a store with a complete previous build (and its report) of the first
    half of the documents, plus the second half stored but not yet extracted."""
    from antt.inputs import Document, read_documents
    from core.store import Store

    env = _env()
    base = work / "build-base"
    first = make_inputs(work / "build-a", docs // 2, prefix="a")
    second = make_inputs(work / "build-b", docs - docs // 2, prefix="b")
    for cmd in ([*antt_command(), "extract", "-q", "--save", "--output", str(base), *map(str, first),
                 "--out", os.devnull],
                [*antt_command(), "build", "-q", "--output", str(base)],
                [*antt_command(), "report", "--output", str(base)]):
        res = run(cmd, work, env)
        if res.rc != 0:
            sys.exit(f"preparing the build scenario: {' '.join(cmd[:3])} failed: {res.stderr}")
    previous = catalog_files(base)
    with Store.open(f"sqlite:///{base / 'antt.sqlite'}") as store:
        for path in second:
            for doc in read_documents(path):
                if isinstance(doc, Document):
                    store.upsert_article(doc.article)
    return base, previous


def scenario_build(rounds: int, rng: random.Random, work: Path, docs: int) -> Result:
    result = Result("build")
    base, previous = prepare_build(work, docs)
    env = _env()
    for r in range(rounds):
        problems: list[str] = []
        sig = SIGNALS[r % len(SIGNALS)]
        ref_dir = work / f"build-{r}-ref"
        shutil.copytree(base, ref_dir)
        ref = run([*antt_command(), "build", "-q", "--output", str(ref_dir)], work, env)
        want = catalog_files(ref_dir)
        if ref.rc != 0:
            problems.append(f"reference build failed (rc {ref.rc}): {ref.stderr[-300:]}")
        out = work / f"build-{r}"
        shutil.copytree(base, out)
        cmd = [*antt_command(), "build", "-q", "--output", str(out)]
        _, when = _kill_at(rng, ref.wall)
        killed = run_killed(cmd, work, env, sig, when)
        result.killed(killed, sig)
        if killed.rc is None:
            problems.append(f"{SHORT[sig]}: did not stop within {GRACE:.0f} s")
        got = catalog_files(out)
        versions = set()
        for rel in sorted(set(got) | set(previous) | set(want)):
            if rel not in got:
                if rel in previous:
                    problems.append(f"after {SHORT[sig]}: {rel} vanished")
                continue
            if got[rel] == want.get(rel) and got[rel] == previous.get(rel):
                continue
            if got[rel] == previous.get(rel):
                versions.add("previous")
            elif got[rel] == want.get(rel):
                versions.add("new")
            else:
                problems.append(f"after {SHORT[sig]}: {rel} is neither the previous nor the new version")
        problems += [f"after {SHORT[sig]}: {p}" for p in parse_problems(out, got)]
        _, store_problems = _full_store_state(out / "antt.sqlite")
        problems += [f"after {SHORT[sig]}: store: {p}" for p in store_problems]
        if versions == {"previous", "new"}:
            print(f"  build round {r}: files of both builds side by side after the kill", file=sys.stderr)
        left = leftovers(out)
        result.leftovers += len(left)
        again = run(cmd, work, env)
        result.reruns += 1
        final = catalog_files(out)
        if again.rc != 0:
            problems.append(f"re-run failed (rc {again.rc}): {again.stderr[-300:]}")
        differ = sorted(rel for rel in set(final) | set(want) if final.get(rel) != want.get(rel))
        if differ:
            problems.append(f"re-run not byte-identical to the reference: {differ}")
        result.time_lost.append(killed.wall + again.wall - ref.wall)
        result.record(r, problems)
        print(f"  build round {r}: {'ok' if not problems else 'MISMATCH'} (killed {killed.killed}, "
              f"{sorted(versions) or 'unchanged'})", file=sys.stderr, flush=True)
    return result


# -- main ----------------------------------------------------------------------------------
SCENARIOS = ["crawl-resume", "crawl-store", "crawl-resume-2kills", "crawl-store-2kills", "extract-out", "build",
             "extract-save"]


def run_scenarios(names: list[str], rounds: int, seed: int, work: Path, *, copies: int = 2, latency: float = 0.03,
                  docs: int = 600) -> list[Result]:
    rng = random.Random(seed)
    results = []
    crawl = [n for n in names if n.startswith("crawl")]
    if crawl:
        with SlowReplayServer(cloned_site(copies), latency=latency) as server:
            for name in crawl:
                print(f"{name}...", file=sys.stderr, flush=True)
                results.append(scenario_crawl(name, rounds, rng, server, work, resume="resume" in name,
                                              kills_per_run=2 if name.endswith("2kills") else 1))
    for name in names:
        if name.startswith("crawl"):
            continue
        print(f"{name}...", file=sys.stderr, flush=True)
        if name == "extract-out":
            results.append(scenario_extract_out(rounds, rng, work, docs))
        elif name == "build":
            results.append(scenario_build(rounds, rng, work, docs))
        elif name == "extract-save":
            results.append(scenario_extract_save(rounds, rng, work, docs // 2))
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help=f"comma-separated scenarios (default all: {','.join(SCENARIOS)})")
    ap.add_argument("--copies", type=int, default=2, help="clones of the replay site's articles (crawl)")
    ap.add_argument("--latency", type=float, default=0.03, help="seconds the replay site takes per answer")
    ap.add_argument("--docs", type=int, default=600, help="documents for extract and build")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (printed)")
    args = ap.parse_args()
    names = args.only.split(",") if args.only else SCENARIOS
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        ap.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    work = Path(tempfile.mkdtemp(prefix="kill-resume-"))
    t0 = time.perf_counter()
    try:
        results = run_scenarios(names, args.rounds, args.seed, work, copies=args.copies, latency=args.latency,
                                docs=args.docs)
    finally:
        if args.keep:
            print(f"work folder: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"kill/resume: --rounds {args.rounds} --seed {args.seed}; replay site x{args.copies} with "
          f"{args.latency * 1000:.0f} ms per answer; {args.docs} documents; {time.perf_counter() - t0:.0f} s")
    print_table(results)
    return 1 if any(r.mismatched for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

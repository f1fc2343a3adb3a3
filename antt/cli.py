"""`antt`: the command line. Every failure is a one-line message and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from core import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(f"antt: {message}", file=sys.stderr)


@contextmanager
def _progress(quiet: bool, total: int, label: str):
    """A rich progress bar on stderr, or nothing with -q or when stderr is not a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield lambda done, _total=None: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, _total=None: bar.update(task, completed=done)


# -- extract ------------------------------------------------------------------------------
class _NothingWritten(Exception):
    """Every input failed: the previous --out file is kept as it was."""


def _extract_one(doc, store) -> str:
    """One document's record as a JSON line (and stored with --save). Raises on failure."""
    from nlp.extract import extract_article

    extraction = extract_article(doc.article, doc_id=doc.doc_id)
    if store is not None:
        _save_one(doc, extraction, store)
    return json.dumps(extraction.to_dict(), ensure_ascii=False)


def _save_one(doc, extraction, store, path: Path) -> str | None:
    """Store a document and its result. A document without a URL is stored under a `file:`
    URL of its file (and its id, for a line of a JSONL file); returns that URL, else None."""
    from dataclasses import replace

    from core.store import content_hash
    from nlp.fingerprint import fingerprint

    article, given = doc.article, None
    if not article.url:
        given = f"{path.resolve().as_uri()}?doc={doc.doc_id}" if path.suffix == ".jsonl" else path.resolve().as_uri()
        article = replace(article, url=given)
    article_id, _ = store.upsert_article(article)
    store.save_extraction(article_id, extraction, content_hash(article), fingerprint(article.text))
    return given


def _extract_item(entry):
    """(input number, path, document or read error) -> the same with the extraction or the
    failure; runs in a worker process with --workers."""
    from antt.inputs import Document
    from nlp.extract import extract_article

    n, path, item = entry
    if not isinstance(item, Document):
        return n, path, item, None, None
    try:
        return n, path, item, extract_article(item.article, doc_id=item.doc_id), None
    except Exception as exc:  # one document fails alone; the others go on
        if os.environ.get("ANTT_DEBUG"):
            raise
        return n, path, item, None, f"{type(exc).__name__}: {_one_line(exc)}"


def _extracted(paths: list[Path], max_bytes: int, workers: int):
    """Every input's extraction, in input order, by `workers` processes (several files or a
    JSONL file: documents enough to share; one small file is done here)."""
    from antt.inputs import read_documents

    entries = ((n, path, item) for n, path in enumerate(paths, 1) for item in read_documents(path, max_bytes))
    if workers <= 1 or (len(paths) == 1 and paths[0].suffix.lower() != ".jsonl"):
        yield from map(_extract_item, entries)
        return
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(workers) as pool:
        yield from pool.imap(_extract_item, entries, chunksize=4)


def cmd_extract(args: argparse.Namespace) -> int:
    from antt.inputs import Document
    from core.atomic import atomic_open

    paths = [Path(p) for p in args.paths]
    if args.out:
        out_dir = Path(args.out).parent
        if not out_dir.exists() or not out_dir.is_dir():
            _err(f"{args.out}: cannot write there (no folder {out_dir})")
            return EXIT_USAGE
    max_bytes = _max_bytes(args)
    workers = _workers(args)
    if max_bytes is None or workers is None:
        return EXIT_USAGE
    store = _open_store(args) if args.save else None
    if args.save and store is None:
        return EXIT_FAILED
    failed = written = file_urls = 0
    docbin = _DocBinWriter(args.spacy) if getattr(args, "spacy", None) else None

    def run(out) -> None:
        nonlocal failed, written, file_urls
        with _progress(args.quiet, len(paths), "extracting") as tick:
            for n, path, item, extraction, error in _extracted(paths, max_bytes, workers):
                if not isinstance(item, Document):
                    where, problem = item
                    _err(f"{where}: {problem}")
                    failed += 1
                    continue
                for warning in item.warnings:
                    _err(f"{path}: warning: {warning}")
                if error is None and store is not None:
                    try:
                        if _save_one(item, extraction, store, path):
                            file_urls += 1
                    except Exception as exc:  # noqa: BLE001 - reported like a failed extraction
                        if os.environ.get("ANTT_DEBUG"):
                            raise
                        error = f"{type(exc).__name__}: {_one_line(exc)}"
                if error is not None:
                    _err(f"{item.where or path}: extraction failed ({error})")
                    failed += 1
                    continue
                out.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
                if docbin is not None:
                    docbin.add(item.article.text, extraction)
                written += 1
                tick(n)
        if not written and args.out and Path(args.out).exists():
            raise _NothingWritten

    try:
        if args.out:
            with atomic_open(args.out) as fh:
                run(fh)
        else:
            run(sys.stdout)
    except _NothingWritten:
        _err(f"{args.out}: every input failed; the previous file is left as it was")
    finally:
        if store is not None:
            store.close()
    if docbin is not None and written:
        docbin.save()
    if file_urls:
        _err(f"{file_urls} document(s) without a URL stored under file: URLs of their files")
    if not args.quiet and args.out:
        print(f"{written} records written to {args.out}" + (f"; {failed} input(s) failed" if failed else ""),
              file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


class _DocBinWriter:
    """`--spacy FILE`: the texts with their facts in `doc.spans` as a spaCy DocBin (for
    annotation and training tools that read spaCy's binary format), written atomically."""

    def __init__(self, path: str):
        from spacy.tokens import DocBin

        self.path = Path(path)
        self.bin = DocBin(store_user_data=False)

    def add(self, text: str, extraction) -> None:
        from nlp.spans import to_doc

        self.bin.add(to_doc(text, extraction))

    def save(self) -> None:
        from core.atomic import atomic_open

        with atomic_open(self.path, "wb") as fh:
            fh.write(self.bin.to_bytes())


def _workers(args: argparse.Namespace) -> int | None:
    """--workers N (default: every core, or $ANTT_WORKERS); None after a message if bad."""
    from core.config import default_workers

    value = getattr(args, "workers", None)
    if value is None:
        return default_workers()
    if value < 1:
        _err(f"--workers {value}: expected a number of processes, at least 1")
        return None
    return value


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _max_bytes(args: argparse.Namespace) -> int | None:
    from core.config import MAX_DOCUMENT_BYTES

    value = getattr(args, "max_size", None)
    if value is None:
        return MAX_DOCUMENT_BYTES
    if value <= 0:
        _err(f"--max-size {value:g}: expected a positive number of megabytes")
        return None
    return int(value * 1_000_000)


def _open_store(args: argparse.Namespace):
    from core.config import settings
    from core.store import Store, StoreError

    conf = settings(getattr(args, "output", None), getattr(args, "db", None))
    try:
        return Store.open(conf.database_url)  # its errors never show a password
    except StoreError as exc:
        _err(str(exc))
        return None


# -- demo ---------------------------------------------------------------------------------
def cmd_demo(args: argparse.Namespace) -> int:
    from antt.inputs import article_from_mapping
    from pipelines.report import write_report

    conf = _demo_settings(args)
    sample = Path(__file__).parent / "data" / "sample_articles.jsonl"
    conf.output_dir.mkdir(parents=True, exist_ok=True)
    (conf.output_dir / SAMPLE_MARK).write_text(SAMPLE_NOTE, encoding="utf-8")
    from core.store import Store, StoreError

    try:
        store = Store.open(conf.database_url)
    except StoreError as exc:
        _err(str(exc))
        return EXIT_FAILED
    with store:
        rows = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
        added = 0
        for n, row in enumerate(rows, 1):
            article = article_from_mapping(row, default_id=f"sample-{n}")
            if isinstance(article, Exception):  # the bundled sample is ours: a bad row is a bug
                raise article
            _, changed = store.upsert_article(article)
            added += changed
        crawl = _crawl_replay_site(conf, args.quiet)
        result = _build(store, conf, args)
    if result is None:
        return EXIT_FAILED
    summary, counts, files, _ = result
    files["report"] = write_report(conf.output_dir / "catalog", conf.output_dir / "report" / "index.html")
    _print_summary(summary, added, conf, files, crawl, counts, args.output)
    return _report_failures(summary)


SAMPLE_MARK = "SAMPLE-DATA.txt"  # in an output folder: its store holds the demo's invented articles
SAMPLE_NOTE = ("This folder holds ANTT Miner's demo: invented sample articles (antt/data/sample_articles.jsonl "
               "and the replay site), not real news. Every catalog built here is marked as sample data.\n")


def _demo_settings(args: argparse.Namespace):
    """The demo's own folder, OUTPUT/demo, and its own store there: a user's `antt extract
    --save` or `antt crawl` data (OUTPUT/antt.sqlite, $ANTT_DB) never mixes with the invented
    articles, unless asked (--db URL names the store to use)."""
    from core.config import settings

    demo = settings(args.output).output_dir / "demo"
    return settings(demo, args.db or f"sqlite:///{(demo / 'antt.sqlite').as_posix()}")


def _crawl_replay_site(conf, quiet: bool):
    """Crawl the replay site (crawler/replay: the outlets' layouts served on 127.0.0.1) with
    the spider of every outlet it serves (an outlet without replay pages is left out: the demo
    never leaves this machine)."""
    from antt.crawl import OUTLET_SPIDERS, run_crawl
    from crawler.outlets import get
    from crawler.replay.server import ReplayServer

    with ReplayServer() as server:
        hosts = {h.removeprefix("www.") for h in server.host_map()}
        served = [name for name in OUTLET_SPIDERS
                  if {d.removeprefix("www.") for d in get(name).domains} & hosts]
        overrides = {"ANTT_HOST_MAP": server.host_map(), "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
        return run_crawl(served, conf.database_url, overrides=overrides, progress=not quiet,
                         log_dir=conf.output_dir / "logs")


def _print_summary(summary, added: int, conf, files: dict[str, Path], crawl=None, counts=None,
                   args_output: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 100)
    table = Table(title="ANTT Miner demo: bundled sample + replay site crawl", show_header=False)
    if crawl is not None:
        pages = sum(o.pages for o in crawl.outlets)
        table.add_row("crawl (replay site)", f"{len(crawl.outlets)} outlets, {pages} pages fetched, {crawl.stored} "
                      f"articles stored, {sum(o.irrelevant for o in crawl.outlets)} off-topic pages kept aside for re-judging, "
                      f"{sum(o.skipped for o in crawl.outlets)} already stored")
    table.add_row("articles stored", f"{summary.articles} ({added} sample articles new or changed this run)")
    table.add_row("relevant articles", f"{summary.relevant} (extracted {summary.extracted}, unchanged {summary.reused})")
    if counts is not None:  # the catalog's counts, as `antt build` and the report print them
        for label, text in counts.lines():
            table.add_row(label, text)
        table.add_row("provinces", ", ".join(counts.provinces))
    console.print("[bold]INVENTED SAMPLE DATA[/bold]: the demo's articles are written by us, not real news")
    console.print(table)
    console.print(f"{'database':<12} {conf.display_url}")
    for name, path in files.items():
        console.print(f"{name:<12} {path}")
    where = f" --output {args_output}" if args_output else ""
    console.print(f"browse it:   antt serve --demo{where}   (Datasette on http://127.0.0.1:8001/)")


# -- build --------------------------------------------------------------------------------
def cmd_build(args: argparse.Namespace) -> int:
    from core.config import settings

    conf = settings(args.output, args.db)
    if _workers(args) is None:
        return EXIT_USAGE
    store = _open_store(args)
    if store is None:
        return EXIT_FAILED
    if getattr(args, "extract_only", False):
        return _extract_only(store, args)
    with store:
        result = _build(store, conf, args)
    if result is None:
        return EXIT_FAILED
    summary, counts, files, rebuilt = result
    if not args.quiet:
        _print_build(summary, counts, files, rebuilt, sample=(conf.output_dir / SAMPLE_MARK).exists())
    return _report_failures(summary)


def _extract_only(store, args: argparse.Namespace) -> int:
    """`antt build --extract-only`: this machine's share of the extraction, no catalog. On
    PostgreSQL, processes on several machines claim batches, so none takes an article twice."""
    from pipelines.extraction import extract_only, extract_stored

    with store:
        if store.dialect == "postgresql":
            extracted, failed = extract_only(store.url, workers=_workers(args))
        else:
            summary = extract_stored(store, workers=_workers(args))
            extracted, failed = summary.extracted, len(summary.failures)
    if not args.quiet:
        print(f"extracted {extracted} article(s)" + (f"; {failed} failed" if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK


def _report_failures(summary) -> int:
    """Articles whose extraction failed: one line each (URL and reason), and exit status 1.
    The catalog was still built from the other articles."""
    for url, reason in summary.failures:
        _err(f"{url}: extraction failed ({reason}); left out of the catalog")
    if summary.failures:
        _err(f"{len(summary.failures)} article(s) failed extraction; the catalog was built from the others")
        return EXIT_FAILED
    return EXIT_OK


def _build(store, conf, args):
    """Extract what changed, build the catalog, export it (unless nothing it is made of changed
    since the last build: then the outputs stay as they are). (summary, counts, files, rebuilt),
    or None (after a message) on bad input."""
    from pipelines import freshness
    from pipelines.corrections import CorrectionsError, load_corrections
    from pipelines.extraction import extract_stored, write_outputs

    path = Path(args.corrections) if getattr(args, "corrections", None) else conf.output_dir / "corrections.yaml"
    if getattr(args, "corrections", None) and not path.exists():
        _err(f"{path}: no such corrections file")
        return None
    try:
        corrections = load_corrections(path)
    except CorrectionsError as exc:
        _err(str(exc))
        return None
    with _progress(args.quiet, store.count_articles(), "extracting") as tick:
        summary = extract_stored(store, progress=tick, workers=_workers(args))
    summary.corrections = corrections.count
    sample = (conf.output_dir / SAMPLE_MARK).exists()
    digest = freshness.build_digest(store, path, sample)
    counts = freshness.unchanged(conf.output_dir, digest)
    if counts is not None:
        return summary, counts, freshness.output_files(conf.output_dir), False
    import duckdb

    from core.config import CATALOG_MEMORY
    from pipelines.catalog import build_catalog  # DuckDB, Arrow: loaded only to build
    from pipelines.counts import catalog_counts
    from pipelines.export import write_exports

    try:
        with build_catalog(store, corrections, sample=sample, workdir=conf.output_dir) as catalog:
            files = {**write_outputs(summary, conf.output_dir), **write_exports(catalog, conf.output_dir)}
            counts = catalog_counts(catalog.con)
    except duckdb.OutOfMemoryException:
        _err(f"the catalog needs more memory than ANTT_CATALOG_MEMORY={CATALOG_MEMORY} allows; set it higher "
             "(e.g. ANTT_CATALOG_MEMORY=4GB); the previous outputs are unchanged")
        return None
    except duckdb.IOException as exc:
        _err(f"the catalog's work files in {conf.output_dir} could not be written ({str(exc).splitlines()[0]}); "
             "the previous outputs are unchanged")
        return None
    freshness.save(conf.output_dir, digest, counts)
    return summary, counts, files, True


def _print_build(summary, counts, files: dict[str, Path], rebuilt: bool = True, sample: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 100)
    table = Table(title="catalog build" + (" (INVENTED SAMPLE DATA)" if sample else ""), show_header=False)
    table.add_row("stored", f"{summary.articles} stored, {summary.relevant} relevant; extracted {summary.extracted}"
                  f" now, {summary.reused} unchanged")
    table.add_row("catalog", "rebuilt" if rebuilt else
                  "unchanged: nothing it is made of changed since the last build; outputs kept as they were")
    for label, text in counts.lines():
        table.add_row(label, text)
    table.add_row("corrections", f"{getattr(summary, 'corrections', 0)} applied")
    if summary.failures:
        table.add_row("failed", f"{len(summary.failures)} article(s) could not be extracted (listed below); "
                      "left out of the catalog")
    console.print(table)
    for name, path in files.items():
        console.print(f"{name:<12} {path}")


# -- report and serve -----------------------------------------------------------------------
def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from pipelines.report import Filters, ReportError, write_report

    conf = _demo_settings(args) if args.demo else _settings(args)
    catalog = conf.output_dir / "catalog"
    if not (catalog / "statistics.parquet").exists():
        _err(f"{catalog}: no catalog yet; run `antt build` first")
        return EXIT_FAILED
    if not (catalog / "place_figures.parquet").exists():
        _err(f"{catalog}: built by an older antt; run `antt build` again")
        return EXIT_FAILED
    for name in ("since", "until"):
        value = getattr(args, name)
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                _err(f"--{name} {value}: expected a date as YYYY-MM-DD")
                return EXIT_USAGE
    if args.since and args.until and args.since > args.until:
        _err(f"--since {args.since} is after --until {args.until}")
        return EXIT_USAGE
    filters = Filters(args.province, args.since, args.until, args.metric)
    out = Path(args.out) if args.out else conf.output_dir / "report" / "index.html"
    try:
        out = write_report(catalog, out, filters)
    except ReportError as exc:
        _err(str(exc))
        return EXIT_USAGE
    print(f"report     {out}")
    return EXIT_OK


def _settings(args: argparse.Namespace):
    from core.config import settings

    return settings(args.output, args.db)


def cmd_serve(args: argparse.Namespace) -> int:
    conf = _demo_settings(args) if args.demo else _settings(args)
    db = conf.output_dir / "catalog.sqlite"
    if not db.exists():
        _err(f"{db}: no catalog yet; run `antt build` first")
        return EXIT_FAILED
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        _err(f"--host {args.host}: antt serve listens on the loopback interface only")
        return EXIT_USAGE
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--metadata",
           str(conf.output_dir / "catalog" / "metadata.json"), "-h", args.host, "-p", str(args.port),
           "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000",
           "--setting", "default_facet_size", "5", "--setting", "suggest_facets", "off"]  # data first
    print(f"serving {db} read-only on http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    sys.stderr.flush()
    if os.name == "posix":
        # Become Datasette (same pid): whatever stops `antt serve` (Ctrl-C, SIGTERM, the
        # terminal closing) stops the server; a child process would outlive its parent.
        os.execv(sys.executable, cmd)
    import subprocess

    with subprocess.Popen(cmd) as proc:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            return EXIT_OK


# -- crawl --------------------------------------------------------------------------------
def cmd_crawl(args: argparse.Namespace) -> int:
    from datetime import date

    from antt.crawl import EXIT_LAYOUT_CHANGED, OUTLET_SPIDERS, run_crawl
    from core.config import settings

    spiders = [s.strip() for s in (args.outlets or ",".join(OUTLET_SPIDERS)).split(",") if s.strip()]
    unknown = [s for s in spiders if s not in OUTLET_SPIDERS]
    if unknown:
        _err(f"unknown outlet(s): {', '.join(unknown)}; choose from {', '.join(OUTLET_SPIDERS)}")
        return EXIT_USAGE
    for name in ("since", "until"):
        value = getattr(args, name)
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                _err(f"--{name} {value}: expected a date as YYYY-MM-DD")
                return EXIT_USAGE
    if args.since and args.until and args.since > args.until:
        _err(f"--since {args.since} is after --until {args.until}")
        return EXIT_USAGE
    overrides = {}
    for item in args.set or []:
        key, sep, value = item.partition("=")
        if not sep:
            _err(f"--set {item}: expected NAME=VALUE")
            return EXIT_USAGE
        overrides[key] = value
    frontier = getattr(args, "frontier", None) or overrides.get("ANTT_FRONTIER") or os.environ.get("ANTT_FRONTIER")
    if frontier:  # a shared Redis frontier (crawler/frontier.py): checked before the crawl starts
        from crawler.frontier import check

        problem = check(frontier)
        if problem:
            _err(problem)
            return EXIT_FAILED
        overrides["ANTT_FRONTIER"] = frontier
    conf = settings(args.output, args.db)
    store = _open_store(args)  # checks (and migrates) the store before the crawl writes to it
    if store is None:
        return EXIT_FAILED
    store.close()
    jobdir = conf.output_dir / "crawl-jobs" if args.resume else None
    summary = run_crawl(spiders, conf.database_url, since=args.since, until=args.until, jobdir=jobdir,
                        overrides=overrides, progress=not args.quiet, log_dir=conf.output_dir / "logs")
    _print_crawl_summary(summary)
    # With a shared frontier, a worker that read nothing of an outlet without failing to fetch
    # (a robots.txt refusal is no failure) left its pages to the other workers: not unreachable.
    if summary.unreachable and not (frontier and not any(o.fetch_failures for o in summary.outlets if o.unreachable)):
        reasons = "; ".join(f"{o.outlet}: " + (", ".join(f"{n} {r}" for r, n in o.failures.items()) or "no page")
                            for o in summary.outlets if o.unreachable)
        _err(f"nothing could be fetched from {', '.join(summary.unreachable)} ({reasons})")
        return EXIT_FAILED
    if summary.layout_alarms:
        _err(f"layout changed? {len(summary.layout_alarms)} field(s) of "
             f"{len({a['layout'] for a in summary.layout_alarms})} layout(s) stopped matching (exit status "
             f"{EXIT_LAYOUT_CHANGED}); see the summary")
        return EXIT_LAYOUT_CHANGED
    return EXIT_OK


def _print_crawl_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="crawl summary")
    for col in ("outlet", "pages", "stored", "unchanged", "irrelevant", "skipped", "outside window",
                "no text", "failed", "finished"):
        table.add_column(col, justify="left" if col in ("outlet", "finished") else "right")
    for o in summary.outlets:
        table.add_row(o.outlet, str(o.pages), str(o.stored), str(o.unchanged), str(o.irrelevant), str(o.skipped),
                      str(o.outside_window), str(o.no_text), str(o.failed), o.finish_reason)
    console = Console(width=140 if not sys.stdout.isatty() else None)
    console.print(table)
    print("pages = pages read (robots.txt aside); skipped = article pages already in the store, not fetched "
          "again; no text = article pages whose layout gave no title or body")
    for o in summary.outlets:
        if o.failures:
            print(f"failed URLs, {o.outlet}: " + ", ".join(f"{n} {r}" for r, n in o.failures.items()))
    layouts = [(name, c) for o in summary.outlets for name, c in o.layouts.items()]
    if layouts:
        print("layouts (article pages read; fields found by the layout's own selectors):")
        for name, c in layouts:
            print(f"  {name}: {c['pages']} pages; title {c['title']}, lead {c['lead']}, body {c['body']}, "
                  f"date {c['published']}" + (f", {c['dates_rejected']} dates rejected" if c.get("dates_rejected")
                                               else ""))
    for alarm in summary.layout_alarms:
        print(f"LAYOUT ALARM {alarm['message']}")
    if summary.log_file:
        print(f"log:         {summary.log_file}")
    if summary.report_file:
        print(f"report:      {summary.report_file}  (every failed URL with its reason)")


# -- show ---------------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace) -> int:
    from antt.inputs import Document, read_documents
    from core.atomic import atomic_open
    from pipelines.show import render_html

    path = Path(args.path)
    docs = list(read_documents(path))
    failed = [d for d in docs if not isinstance(d, Document)]
    for where, error in failed:
        _err(f"{where}: {error}")
    good = [d for d in docs if isinstance(d, Document)]
    if not good:
        return EXIT_FAILED
    out = Path(args.out) if args.out else Path(args.output or "output") / "show" / f"{path.stem}.html"
    with atomic_open(out) as fh:
        fh.write(render_html([d.article for d in good]))
    print(f"wrote {out}")
    return EXIT_FAILED if failed else EXIT_OK


# -- parser -------------------------------------------------------------------------------
def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.add_argument("--output", metavar="DIR", help="output folder (default: output/, or $ANTT_OUTPUT)")
    p.add_argument("--db", metavar="URL", help="database URL (default: sqlite:///OUTPUT/antt.sqlite, or $ANTT_DB)")


def _add_extract(sub) -> None:
    p = sub.add_parser("extract", help="extract places, models and statistics from text, HTML or JSONL files",
                       description="Read .txt files (optional `URL:`/`PUBLISHED:` header lines, a blank line, then "
                       "the text), .html article pages or .jsonl article files, and write one extraction "
                       "record per document (doc_id = file stem) as JSON lines.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="input files")
    p.add_argument("--out", metavar="FILE", help="write the records to FILE (atomically) instead of stdout")
    p.add_argument("--save", action="store_true", help="also store articles and results in the database (a "
                   "document without a URL under a file: URL of its file)")
    p.add_argument("--spacy", metavar="FILE", help="also write the texts with their facts as spans (doc.spans "
                   "places/models/statistics) to a spaCy DocBin FILE")
    p.add_argument("--workers", metavar="N", type=int, help="extraction processes (default: every core, or "
                   "$ANTT_WORKERS); the output is the same with any number")
    p.add_argument("--max-size", metavar="MB", type=float, help="refuse a document (a .txt/.html file, one JSONL "
                   "line) larger than MB megabytes (default 10, or $ANTT_MAX_DOCUMENT_MB)")
    _common(p)
    p.set_defaults(func=cmd_extract)


def _add_demo(sub) -> None:
    p = sub.add_parser("demo", help="run the whole pipeline offline: sample + replay crawl, build, report",
                       description="Store the bundled sample articles, crawl the replay site (outlet layouts served "
                       "on 127.0.0.1), extract the relevant articles, build the catalog and write the report under "
                       "the output folder. Safe to run again: stored pages are not fetched again and unchanged "
                       "articles are not re-extracted.")
    p.add_argument("--corrections", metavar="FILE", help="corrections file (default: OUTPUT/corrections.yaml if present)")
    _common(p)
    p.set_defaults(func=cmd_demo)


def _add_build(sub) -> None:
    p = sub.add_parser("build", help="build the catalog from stored articles (CSV, Parquet, SQLite, Data Package)",
                       description="Extract the stored articles that changed, then build the catalog (models, "
                       "model_presence, statistics, places, conflicts) and write it to OUTPUT/catalog/*.csv "
                       "(UTF-8 with BOM), *.parquet, OUTPUT/catalog.sqlite and OUTPUT/datapackage.json, atomically. "
                       "Corrections in OUTPUT/corrections.yaml (or --corrections) are applied on every build.")
    p.add_argument("--corrections", metavar="FILE", help="corrections file (default: OUTPUT/corrections.yaml if present)")
    p.add_argument("--workers", metavar="N", type=int, help="extraction processes (default: every core, or "
                   "$ANTT_WORKERS); the catalog is the same with any number")
    p.add_argument("--extract-only", action="store_true", help="only judge and extract what changed, no "
                   "catalog: on a PostgreSQL store, several machines running it share the work")
    _common(p)
    p.set_defaults(func=cmd_build)


def _add_report(sub) -> None:
    p = sub.add_parser("report", help="write OUTPUT/report/index.html: catalog, comparison, time series",
                       description="One self-contained HTML page (opens offline): model kinds x provinces, a "
                       "province and city comparison table, a chart per metric over time; every number links "
                       "to its article. Filters narrow the page to what an analyst asks.")
    p.add_argument("--province", metavar="NAME", help="one province or city, as reported (63) or current (34): "
                   "'Hà Nội', 'Thành phố Hà Nội' and 'TP Hà Nội' are one")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="figures published on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="figures published on or before this day")
    p.add_argument("--metric", metavar="ID", help="one metric (an id of the metrics table, e.g. cameras_installed)")
    p.add_argument("--out", metavar="HTML", help="where to write the page (default: OUTPUT/report/index.html)")
    p.add_argument("--demo", action="store_true", help="the demo's catalog (OUTPUT/demo)")
    _common(p)
    p.set_defaults(func=cmd_report)


def _add_serve(sub) -> None:
    p = sub.add_parser("serve", help="browse the catalog with Datasette on 127.0.0.1 (read-only)",
                       description="Datasette over OUTPUT/catalog.sqlite, immutable, with titles, descriptions, "
                       "source, licence and facets (province, outlet, model kind, unit).")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--demo", action="store_true", help="the demo's catalog (OUTPUT/demo)")
    _common(p)
    p.set_defaults(func=cmd_serve)


def _add_crawl(sub) -> None:
    p = sub.add_parser("crawl", help="crawl the outlets into the article store (Scrapy spiders)",
                       description="Run the outlet spiders politely (robots.txt, 1 s delay, AutoThrottle) over a "
                       "date window. Article pages already stored are never fetched again; --resume continues "
                       "an interrupted crawl from its job folder (OUTPUT/crawl-jobs). The summary counts, per "
                       "outlet layout, the pages on which its selectors found each field; a layout that stopped "
                       "matching (by default: body or title on fewer than 80% of its pages, dates missing on "
                       "more than 20%, a lead on fewer than half; --set ANTT_LAYOUT_MIN_SHARE='{...}') is named. "
                       "Exit status: 0 done; 1 an outlet could not be read at all; 2 bad arguments; 3 a layout "
                       "stopped matching (layout changed?).")
    from crawler.outlets import crawl_names  # the outlets' registry: one module each in crawler/outlets/

    p.add_argument("--outlets", metavar="LIST", help=f"comma-separated: {','.join(crawl_names())} (default: all)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="first publication day to keep")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="last publication day to keep")
    p.add_argument("--resume", action="store_true", help="keep the crawl state on disk and continue it next time")
    p.add_argument("--set", metavar="NAME=VALUE", action="append", help="override a Scrapy setting (repeatable)")
    p.add_argument("--frontier", metavar="URL", help="share the crawl queue with other crawl processes through "
                   "Redis (redis://HOST:PORT/DB, or $ANTT_FRONTIER): start any number with the same --frontier "
                   "and --db; each exits when the frontier has been empty for ANTT_FRONTIER_IDLE seconds (30)")
    _common(p)
    p.set_defaults(func=cmd_crawl)


def cmd_replay_site(args: argparse.Namespace) -> int:
    from antt.replay_site import serve

    if not 0 <= args.port <= 65535:
        _err(f"--port {args.port}: expected a port number (0-65535; 0: any free port)")
        return EXIT_USAGE
    return serve(args.port, args.hits)


def _add_replay_site(sub) -> None:
    p = sub.add_parser("replay-site", help="serve the bundled replay site on 127.0.0.1 to try crawls offline",
                       description="Serve the replay site (the outlets' layouts, sitemaps, feeds and listings, "
                       "invented articles) on 127.0.0.1 until stopped. The first line printed is "
                       "ANTT_HOST_MAP=<value>: crawl it with `ANTT_HOST_MAP='<value>' antt crawl --set "
                       "DOWNLOAD_DELAY=0 ...`.")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default: any free port)")
    p.add_argument("--hits", metavar="FILE", help="append one line per request to FILE, ending with the "
                   "requested host and path")
    p.set_defaults(func=cmd_replay_site)


def _add_show(sub) -> None:
    p = sub.add_parser("show", help="render a document's extracted facts as an HTML review page",
                       description="The document's text once, exactly as written, with places, models and figures "
                       "highlighted in three colours; each highlight's attributes (value, qualifier, unit, place, "
                       "period, confidence) on hover and in a side table linked to it.")
    p.add_argument("path", metavar="FILE", help="a .txt, .html or .jsonl file")
    p.add_argument("--out", metavar="HTML", help="where to write the page (default: OUTPUT/show/STEM.html)")
    _common(p)
    p.set_defaults(func=cmd_show)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antt",
        description="ANTT Miner: mine Vietnamese news about community security models "
        "(mô hình tự quản về an ninh trật tự) into a catalog with evidence.",
        epilog="Run `antt COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"antt {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(sub)
    _add_demo(sub)
    _add_build(sub)
    _add_report(sub)
    _add_serve(sub)
    _add_crawl(sub)
    _add_show(sub)
    _add_replay_site(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, not bad input: one line, the traceback only on request
        if os.environ.get("ANTT_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set ANTT_DEBUG=1 for the traceback; please report it)")
        return 70




if __name__ == "__main__":
    sys.exit(main())

"""Read documents for `antt extract`: `.txt`, `.html` and `.jsonl` files.

Every problem with a file, or with one document in a file, becomes an `InputError` with a
one-line message for the user; no traceback reaches the terminal, and the other documents
are still read. Inputs are capped in size (`max_bytes`: a whole .txt/.html file, or one
JSONL line), so a huge file is refused with a message instead of filling memory.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.config import MAX_DOCUMENT_BYTES
from core.records import Article
from core.urls import is_web_url, outlet_of
from nlp.dates import find_dateline, parse_published

HEADER_KEYS = {"url", "published", "title", "outlet"}
SUPPORTED = (".txt", ".html", ".htm", ".jsonl")


class InputError(Exception):
    """A file that cannot be read as a document; str() is the one-line user message."""


@dataclass
class Document:
    doc_id: str
    article: Article
    warnings: list[str] = field(default_factory=list)
    where: str = ""  # the file (and line) it came from, for messages


def _decode(path: Path, raw: bytes) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw[:8192]:
        raise InputError("binary file, not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. `iconv -f WINDOWS-1258 -t UTF-8`"
        ) from None
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > 8:
        raise InputError("binary file, not text")
    if not unicodedata.is_normalized("NFC", text):
        warnings.append("text is not NFC (decomposed Unicode); normalized to NFC")
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Optional `KEY: value` lines then a blank line; anything else is all body."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[i + 1 :])
            return {}, text
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() not in HEADER_KEYS:
            return {}, text
        header[key.strip().lower()] = value.strip()
    return header, "" if header else text


def read_txt(path: Path, text: str) -> Article:
    header, body = _split_header(text)
    if not body.strip():
        raise InputError("no text after the header")
    url = header.get("url") or None
    if url is not None and not is_web_url(url):
        raise InputError(f"URL header must be an http(s) URL, not {url[:60]!r}")
    published = parse_published(header["published"]) if header.get("published") else find_dateline(body)
    return Article(
        url=url,
        text=body.strip("\n"),
        title=header.get("title"),
        outlet=header.get("outlet") or outlet_of(url),
        published=published,
        doc_id=path.stem,
    )


def read_html(path: Path, raw: bytes) -> Article:
    """A saved page, decoded by its BOM, `<meta charset>` or detection (a page declared
    windows-1258 is read as such), then read as the crawler reads a page: by its outlet's
    layout when it states an article URL an outlet knows, else by trafilatura."""
    from w3lib.encoding import html_to_unicode

    from crawler.article import article_from_html

    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not HTML")
    _, text = html_to_unicode(None, raw)
    if "<" not in text[:65536]:
        raise InputError("not an HTML page (no markup)")
    article = article_from_html(unicodedata.normalize("NFC", text))
    if not article.text.strip():
        raise InputError("no article text found in the page")
    article.raw_html = raw
    article.doc_id = path.stem
    return article


def _jsonl_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) for each line, streamed; None for a line over `max_bytes`
    (its rest is skipped without being held in memory)."""
    with path.open("rb") as fh:
        n = 0
        while True:
            line = fh.readline(max_bytes + 1)
            if not line:
                return
            n += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (chunk := fh.readline(1 << 20)) and not chunk.endswith(b"\n"):
                    pass
                yield n, None
                continue
            yield n, line


def read_jsonl(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[tuple[int, Article | InputError, list[str]]]:
    """(line number, article or error, warnings) for each non-blank line."""
    for n, raw in _jsonl_lines(path, max_bytes):
        if raw is None:
            yield n, InputError(f"line {n}: longer than the {_size(max_bytes)} limit (--max-size)"), []
            continue
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield n, InputError(f"line {n}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"), []
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield n, InputError(f"line {n}: not JSON ({getattr(exc, 'msg', 'nested too deeply')})"), []
            continue
        if not isinstance(row, dict):
            yield n, InputError(f"line {n}: not a JSON object"), []
            continue
        warnings = [] if unicodedata.is_normalized("NFC", line) else [
            f"line {n}: text is not NFC (decomposed Unicode); normalized to NFC"]
        yield n, article_from_mapping(row, default_id=f"{path.stem}-{n}", where=f"line {n}"), warnings


_TEXT_FIELDS = ("url", "title", "lead", "text", "outlet", "author", "section", "doc_id", "id")


def _kind(value: object) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def article_from_mapping(row: dict, default_id: str, where: str = "") -> Article | InputError:
    """An article from a JSON object: `text`, or `title`/`lead`/`body` (list of paragraphs).

    Each field is checked for its type: a wrong one (`"url": 123`) fails this document alone."""
    prefix = f"{where}: " if where else ""
    for key in _TEXT_FIELDS:
        value = row.get(key)
        if value is not None and not isinstance(value, str) and not (key in ("doc_id", "id") and isinstance(value, int)):
            return InputError(f"{prefix}`{key}` must be a string, not {_kind(value)}")
    body = row.get("body")
    if isinstance(body, list):
        if not all(isinstance(p, str) for p in body):
            return InputError(f"{prefix}`body` must be a string or a list of strings")
        body = "\n\n".join(body)
    elif body is not None and not isinstance(body, str):
        return InputError(f"{prefix}`body` must be a string or a list of strings, not {_kind(body)}")
    tags = row.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        return InputError(f"{prefix}`tags` must be a list of strings")
    published = row.get("published")
    if published is not None and not isinstance(published, str | int) or isinstance(published, bool):
        return InputError(f"{prefix}`published` must be a date string, not {_kind(published)}")
    parts = [row.get("title"), row.get("lead"), body] if body else [row.get("text")]
    if not row.get("text") and not body:
        return InputError(f"{prefix}no `text` or `body`")
    url = row.get("url") or None
    if url is not None and not is_web_url(url):
        return InputError(f"{prefix}`url` must be an http(s) URL, not {url[:60]!r}")
    text = "\n\n".join(unicodedata.normalize("NFC", p) for p in parts if p)
    try:
        day = parse_published(str(published)) if published else None
    except (ValueError, OverflowError):
        day = None
    return Article(
        url=url,
        text=text,
        title=row.get("title"),
        outlet=row.get("outlet") or outlet_of(url),
        published=day,
        lead=row.get("lead"),
        author=row.get("author"),
        section=row.get("section"),
        tags=list(tags or []),
        doc_id=str(row.get("doc_id") or row.get("id") or default_id),
    )


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n:,} bytes"


def read_documents(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Document | tuple[str, InputError]]:
    """Yield the documents of one file, or (where, error) for what cannot be read.

    `where` names the file, and the line for a JSONL document, so one bad document is
    reported alone and the others still come."""
    name = str(path)
    if not path.exists():
        yield name, InputError("no such file")
        return
    if path.is_dir():
        yield name, InputError("is a directory, not a file")
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield name, InputError(f"unsupported file type {suffix or '(none)'}; use .txt, .html or .jsonl")
        return
    if suffix == ".jsonl":
        try:
            for n, item, warnings in read_jsonl(path, max_bytes):
                if isinstance(item, InputError):
                    yield name, item
                else:
                    yield Document(item.doc_id or path.stem, item, warnings, where=f"{name}:{n}")
        except OSError as exc:
            yield name, InputError(f"cannot read ({exc.strerror})")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield name, InputError(f"{_size(size)}, over the {_size(max_bytes)} limit for one document (--max-size)")
            return
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)  # a file that grows while read is still capped
    except OSError as exc:
        yield name, InputError(f"cannot read ({exc.strerror})")
        return
    if len(raw) > max_bytes:
        yield name, InputError(f"over the {_size(max_bytes)} limit for one document (--max-size)")
        return
    try:
        if suffix == ".txt":
            text, warnings = _decode(path, raw)
            yield Document(path.stem, read_txt(path, text), warnings, where=name)
        else:
            yield Document(path.stem, read_html(path, raw), [], where=name)
    except InputError as exc:
        yield name, exc

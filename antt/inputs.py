"""Read documents for `antt extract`: `.txt`, `.html` and `.jsonl` files.

Every problem with a file becomes an `InputError` with a one-line message for the user;
no traceback reaches the terminal, and the other files are still read.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from antt.records import Article
from antt.urls import outlet_of
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
    published = parse_published(header["published"]) if header.get("published") else find_dateline(body)
    return Article(
        url=url,
        text=body.strip("\n"),
        title=header.get("title"),
        outlet=header.get("outlet") or outlet_of(url),
        published=published,
        doc_id=path.stem,
    )


def read_html(path: Path, raw: bytes, text: str) -> Article:
    from nlp.html import article_from_html

    article = article_from_html(raw, url=None)
    if not article.text.strip():
        raise InputError("no article text found in the page")
    article.doc_id = path.stem
    return article


def read_jsonl(path: Path, text: str) -> Iterator[Article | InputError]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"line {n}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            yield InputError(f"line {n}: not a JSON object")
            continue
        yield article_from_mapping(row, default_id=f"{path.stem}-{n}", where=f"line {n}")


def article_from_mapping(row: dict, default_id: str, where: str = "") -> Article | InputError:
    """An article from a JSON object: `text`, or `title`/`lead`/`body` (list of paragraphs)."""
    body = row.get("body")
    if isinstance(body, list):
        body = "\n\n".join(str(p) for p in body)
    parts = [row.get("title"), row.get("lead"), body] if body else [row.get("text")]
    if not row.get("text") and not body:
        return InputError(f"{where}: no `text` or `body`".strip(": "))
    text = "\n\n".join(unicodedata.normalize("NFC", str(p)) for p in parts if p)
    url = row.get("url")
    published = row.get("published")
    return Article(
        url=url,
        text=text,
        title=row.get("title"),
        outlet=row.get("outlet") or outlet_of(url),
        published=parse_published(str(published)) if published else None,
        lead=row.get("lead"),
        author=row.get("author"),
        section=row.get("section"),
        tags=list(row.get("tags") or []),
        doc_id=str(row.get("doc_id") or row.get("id") or default_id),
    )


def read_documents(path: Path) -> Iterator[Document | tuple[str, InputError]]:
    """Yield the documents of one file, or (where, error) for what cannot be read."""
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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield name, InputError(f"cannot read ({exc.strerror})")
        return
    try:
        text, warnings = _decode(path, raw)
        if suffix == ".txt":
            yield Document(path.stem, read_txt(path, text), warnings)
        elif suffix in (".html", ".htm"):
            yield Document(path.stem, read_html(path, raw, text), warnings)
        else:
            for item in read_jsonl(path, text):
                if isinstance(item, InputError):
                    yield name, item
                else:
                    yield Document(item.doc_id or path.stem, item, warnings)
    except InputError as exc:
        yield name, exc

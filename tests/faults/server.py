"""A faulty news site on 127.0.0.1: what real servers do to a crawler, one fault per URL.

Served like the replay site (`http://127.0.0.1:PORT/<host><path>`, reached through
`ANTT_HOST_MAP`), so spiders crawl real-looking https URLs. Good articles sit among pages
that fail in every way the crawler must survive: persistent and transient 5xx, a hang past
the download timeout, a truncated body, windows-1258 bytes, latin-1 bytes declared UTF-8,
a 50 MB page, a redirect loop, binary garbage, a path robots.txt forbids, an outlet article that
redirects to another host (the `news` spider may go anywhere, outlet spiders may not), an invalid gzip sitemap and a small gzip sitemap that inflates to 300 MB.
The article texts are written for these tests.
"""

from __future__ import annotations

import os
import random
import socket
import threading
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "tin.faulty.example.vn"  # the faulty outlet
OFFSITE = "other.example.vn"  # where one of its pages redirects
CAND = "cand.vn"  # an outlet spider's host: its feed links an article that redirects off-site
CAND_ARTICLE = "https://cand.vn/xa-hoi/bai-viet-chuyen-di-i123456/"
HANG_SECONDS = 6
BOMB_MB = 300

_PARAGRAPHS = (
    "Mô hình camera an ninh do người dân tự đóng góp kinh phí đã được nhân rộng ở phường {n}, "
    "góp phần giữ gìn an ninh trật tự trên địa bàn.",
    "Tổ tự quản về an ninh trật tự của khu dân cư số {n} duy trì tuần tra mỗi đêm, phối hợp "
    "với Công an phường phát hiện nhiều vụ việc.",
    "Theo Công an quận, các mô hình tự quản ở cơ sở đã giúp giảm số vụ trộm cắp tài sản so với "
    "cùng kỳ năm trước.",
)


def article_html(n: int, title: str | None = None) -> str:
    """A relevant article page, numbered so each one is its own text."""
    title = title or f"Mô hình tự quản về an ninh trật tự số {n} phát huy hiệu quả"
    body = "".join(f"<p>{p.format(n=n)}</p>" for p in _PARAGRAPHS)
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1>{body}</article></body></html>")


# Only letters latin-1 has: such a page has lost the other tone marks.
LATIN1_TEXT = ("<!doctype html><html><head><title>Camera an ninh</title></head><body><article>"
               "<h1>Mô hình camera an ninh cúa khu dân cu</h1><p>Mô hình camera an ninh do các hô dân góp "
               "kinh phí, giúp Công an phuòng giu an ninh trât tu. Mô hình tu quán vê an ninh trât tu "
               "duoc duy trì.</p></article></body></html>")

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese in windows-1258: letters with their vowel marks, then the tone as a combining mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """A gzip file of about 300 KB that inflates to BOMB_MB MB of a sitemap's whitespace."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    chunks = [comp.compress(head)]
    block = b" " * (1 << 20)
    for _ in range(BOMB_MB):
        chunks.append(comp.compress(block))
    chunks.append(comp.compress(b"</urlset>"))
    chunks.append(comp.flush())
    return b"".join(chunks)


def urlset(urls: list[str]) -> bytes:
    items = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{items}</urlset>").encode()


def sitemap_index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{items}</sitemapindex>").encode()


def u(path: str, host: str = HOST) -> str:
    return f"https://{host}{path}"


# What a crawl of the faulty site must end with: the articles stored, and the failed URLs by reason.
GOOD = ["/good-1.html", "/good-2.html", "/good-3.html", "/transient-503.html", "/cp1258.html",
        "/latin1.html", "/sitemap-article.html"]
ARTICLE_FAULTS = {
    "/persistent-503.html": "http 503",
    "/hang.html": "timeout",
    "/truncated.html": "truncated",
    "/huge.html": "too large",
    "/loop-a.html": "redirect loop",
    "/garbage.html": "undecodable",
    "/private/hidden.html": "robots",
}
SITEMAP_FAULTS = {"/sitemap-invalid.xml.gz": "undecodable", "/sitemap-bomb.xml.gz": "too large"}
URL_LIST = [u(p) for p in GOOD if p != "/sitemap-article.html"] + [u(p) for p in ARTICLE_FAULTS]
SITEMAP = u("/sitemap.xml")


class FaultServer:
    """The faulty site; `hits` counts requests per `host+path`."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        gzip_bomb()  # built before serving: on a busy machine its first build outlasts a short timeout
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler, str], None]] = self._routes()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                server._serve(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def host_map(self, **extra: str) -> dict[str, str]:
        return {h: f"{self.base}/{h}" for h in (HOST, OFFSITE, CAND, "cand.com.vn")} | extra

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- serving --------------------------------------------------------------------------
    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        _, host, rest = h.path.split("/", 2) if h.path.count("/") >= 2 else ("", "", "")
        key = f"{host}/{rest}"
        with self._lock:
            self.hits[key] += 1
            count = self.hits[key]
        route = self.routes.get(key)
        try:
            if route is None:
                send(h, 404, b"<h1>404</h1>")
            else:
                route(h, count)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            pass

    def _routes(self) -> dict[str, Callable[[BaseHTTPRequestHandler, int], None]]:
        html = "text/html; charset=utf-8"
        r: dict[str, Callable[[BaseHTTPRequestHandler, int], None]] = {}

        def page(path: str, body: bytes, ctype: str = html, host: str = HOST) -> None:
            r[f"{host}{path}"] = lambda h, n: send(h, 200, body, ctype)

        r[f"{HOST}/robots.txt"] = lambda h, n: send(h, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        for i, path in enumerate(["/good-1.html", "/good-2.html", "/good-3.html"], 1):
            page(path, article_html(i).encode())
        page("/sitemap-article.html", article_html(9).encode())
        r[f"{HOST}/transient-503.html"] = lambda h, n: (send(h, 503, b"busy", "text/plain") if n <= 2
                                                       else send(h, 200, article_html(4).encode(), html))
        r[f"{HOST}/persistent-503.html"] = lambda h, n: send(h, 503, b"busy", "text/plain")
        r[f"{HOST}/hang.html"] = lambda h, n: (time.sleep(HANG_SECONDS), send(h, 200, article_html(5).encode()))
        r[f"{HOST}/truncated.html"] = truncated(article_html(6).encode())
        page("/cp1258.html", cp1258(article_html(7, "Mô hình tổ liên gia tự quản ở phường Hòa Khánh")),
             "text/html; charset=windows-1258")
        page("/latin1.html", LATIN1_TEXT.encode("latin-1"))
        r[f"{HOST}/huge.html"] = huge(50)
        r[f"{HOST}/loop-a.html"] = lambda h, n: send(h, 302, b"", "text/plain", Location=u("/loop-b.html"))
        r[f"{HOST}/loop-b.html"] = lambda h, n: send(h, 302, b"", "text/plain", Location=u("/loop-a.html"))
        page("/garbage.html", random.Random(7).randbytes(20_000))
        page("/private/hidden.html", article_html(10).encode())
        page("/sitemap.xml", sitemap_index([u(p) for p in (*SITEMAP_FAULTS, "/sitemap-good.xml")]),
             "application/xml")
        page("/sitemap-good.xml", urlset([u("/sitemap-article.html")]), "application/xml")
        page("/sitemap-invalid.xml.gz", b"\x1f\x8b\x08\x00" + os.urandom(2000), "application/x-gzip")
        r[f"{HOST}/sitemap-bomb.xml.gz"] = lambda h, n: send(h, 200, gzip_bomb(), "application/x-gzip")
        feed = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>CAND</title>'
                f"<item><title>Bài viết</title><link>{CAND_ARTICLE}</link></item></channel></rss>").encode()
        page("/rss/home.rss", feed, "application/rss+xml", host=CAND)
        r[f"{CAND}/xa-hoi/bai-viet-chuyen-di-i123456/"] = lambda h, n: send(
            h, 302, b"", "text/plain", Location=u("/xa-hoi/bai-viet-chuyen-di-i123456/", OFFSITE))
        page("/xa-hoi/bai-viet-chuyen-di-i123456/", article_html(11).encode(), host=OFFSITE)
        return r


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
         **headers: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def truncated(body: bytes) -> Callable[[BaseHTTPRequestHandler, int], None]:
    """Declares the whole body, sends a third of it, and closes the connection."""
    def serve(h: BaseHTTPRequestHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[: len(body) // 3])
        h.wfile.flush()
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
    return serve


def huge(mb: int) -> Callable[[BaseHTTPRequestHandler, int], None]:
    """A page of `mb` MB, streamed without a Content-Length (chunked), as a runaway page is."""
    def serve(h: BaseHTTPRequestHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        block = b"<p>" + b"x" * (1 << 16) + b"</p>"
        for _ in range(mb * 16):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
        h.wfile.write(b"0\r\n\r\n")
        h.close_connection = True
    return serve


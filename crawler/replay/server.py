"""Serve the replay site on 127.0.0.1: `http://127.0.0.1:PORT/<host><path>`.

The crawler reaches it through the `ANTT_HOST_MAP` setting, which rewrites each outlet host
to `http://127.0.0.1:PORT/<host>`; pages keep their real URLs in links, sitemaps and feeds.
Every request is logged, so tests can check what was (not) fetched; with `hits_file`, also
appended to a file, one line per request ending with the requested `<host><path>` (crawls in
other processes, `antt replay-site --hits FILE`).
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.replay.site import Page, build


class ReplayServer:
    def __init__(self, site: dict[str, dict[str, Page]] | None = None, port: int = 0,
                 hits_file: str | None = None):
        self.site = site if site is not None else build()
        self._hits_file = open(hits_file, "a", encoding="utf-8") if hits_file else None  # noqa: SIM115
        self.hits: Counter[str] = Counter()
        self._failures: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                server._serve(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def host_map(self) -> dict[str, str]:
        hosts = set(self.site) | {"sggp.org.vn", "www.cand.vn"}
        return {h: f"{self.base}/{h}" for h in hosts}

    def __enter__(self) -> ReplayServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._hits_file is not None:
            self._hits_file.close()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        _, host, rest = handler.path.split("/", 2) if handler.path.count("/") >= 2 else ("", "", "")
        path = "/" + rest
        with self._lock:
            self.hits[f"{host}{path}"] += 1
            if self._hits_file is not None:
                self._hits_file.write(f"{datetime.now(UTC).isoformat(timespec='milliseconds')} {host}{path}\n")
                self._hits_file.flush()
        pages = self.site.get(host, {})
        page = pages.get(path) or pages.get(path.split("?")[0])
        if page is None and "*" in pages:
            page = pages["*"]
        if page is None:
            return self._send(handler, Page(404, "<h1>404 - Không tìm thấy trang</h1>".encode(),
                                            {"Content-Type": "text/html; charset=utf-8"}))
        if page.fail_first:
            with self._lock:
                self._failures[path] += 1
                failing = self._failures[path] <= page.fail_first
            if failing:
                return self._send(handler, Page(500, b"Internal Server Error", {"Content-Type": "text/plain"}))
        headers = {k: v.replace("{path}", path) for k, v in page.headers.items()}
        self._send(handler, Page(page.status, page.body, headers))

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, page: Page) -> None:
        handler.send_response(page.status)
        for k, v in page.headers.items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(page.body)))
        handler.end_headers()
        handler.wfile.write(page.body)

    def article_hits(self, paths: set[str]) -> int:
        return sum(n for key, n in self.hits.items() if key in paths)


def main() -> None:
    """Serve until interrupted (for trying the crawler by hand)."""
    import json
    import time

    with ReplayServer() as srv:
        print(json.dumps(srv.host_map(), indent=1))
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

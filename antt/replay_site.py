"""`antt replay-site`: the bundled replay site (crawler/replay) served on 127.0.0.1 until
stopped, to try crawls without a network; prints the ANTT_HOST_MAP to crawl it with."""

from __future__ import annotations

import json
import signal
import sys
import threading


def serve(port: int = 0, hits: str | None = None) -> int:
    """Serve until SIGINT or SIGTERM. The first line on stdout is `ANTT_HOST_MAP=<json>`."""
    from crawler.replay.server import ReplayServer

    try:
        server = ReplayServer(port=port, hits_file=hits)
    except OSError as exc:
        print(f"antt: cannot serve on 127.0.0.1:{port} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with server:
        print("ANTT_HOST_MAP=" + json.dumps(server.host_map(), separators=(",", ":"), sort_keys=True), flush=True)
        print(f"serving the replay site on {server.base}/ (Ctrl-C to stop); crawl it with: "
              "ANTT_HOST_MAP='<the value above>' antt crawl ...", file=sys.stderr, flush=True)
        stop.wait()
    return 0

"""`antt replay-site`: the bundled replay site served by a command, for crawls without a network."""

from __future__ import annotations

import json
import signal
import subprocess
import urllib.request

from .conftest import antt_command, hit_counts


def test_it_prints_the_host_map_serves_pages_and_records_each_hit(replay_site):
    value, hits = replay_site()
    host_map = json.loads(value)
    assert {"cand.vn", "sggp.org.vn"} <= set(host_map)
    assert all(v.startswith("http://127.0.0.1:") for v in host_map.values())
    with urllib.request.urlopen(host_map["cand.vn"] + "/robots.txt", timeout=10) as resp:
        assert resp.status == 200
    with urllib.request.urlopen(host_map["cand.vn"] + "/robots.txt", timeout=10):
        pass
    assert hit_counts(hits) == {"cand.vn/robots.txt": 2}


def test_it_stops_cleanly_on_a_signal_and_refuses_a_bad_port(tmp_path):
    proc = subprocess.Popen([*antt_command(), "replay-site"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path)
    assert proc.stdout.readline().startswith("ANTT_HOST_MAP={")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err
    res = subprocess.run([*antt_command(), "replay-site", "--port", "70000"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and "--port 70000" in res.stderr

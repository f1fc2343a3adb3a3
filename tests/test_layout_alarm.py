"""The layout-change alarm, with the real Scrapy engine against the replay site: a layout
served as after a redesign (every class renamed, no date metadata) is named in `antt crawl`'s
summary and report, and the crawl exits with status 3; the same crawl of the unchanged
site raises no alarm. Plus the counting rules of `crawler/layouts.py`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

from crawler.layouts import alarms, found_by_layout, layout_counts
from crawler.pages import ParsedArticle
from crawler.replay.server import ReplayServer
from crawler.replay.site import build

from .conftest import antt_command

FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "-q"]


def _crawl(tmp_path, site, *outlets: str) -> tuple[subprocess.CompletedProcess, dict]:
    with ReplayServer(site) as srv:
        env = dict(os.environ, ANTT_HOST_MAP=json.dumps(srv.host_map()), ANTT_LOG_LEVEL="WARNING",
                   ANTT_OUTPUT=str(tmp_path / "output"), COLUMNS="160")
        env.pop("ANTT_DB", None)
        res = subprocess.run([*antt_command(), "crawl", "--outlets", ",".join(outlets), *FAST], cwd=tmp_path,
                             env=env, capture_output=True, text=True, timeout=180)
    reports = sorted((tmp_path / "output" / "logs").glob("crawl-*.json"))
    return res, json.loads(reports[-1].read_text(encoding="utf-8"))


def test_changed_layout_is_named_and_exits_3(tmp_path):
    res, report = _crawl(tmp_path, build(changed=frozenset({("thanhuy", "current")})), "thanhuy", "congan")
    assert res.returncode == 3, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    alarms_by_field = {(a["layout"], a["field"]) for o in report["outlets"] for a in o["layout_alarms"]}
    # the body selectors and the dates of thanhuy's layout stopped matching; Công an's did not
    assert ("thanhuy/thanhuy", "body") in alarms_by_field
    assert ("thanhuy/thanhuy", "lead") in alarms_by_field
    assert not [a for a in alarms_by_field if a[0].startswith("congan/")]
    assert "LAYOUT ALARM thanhuy/thanhuy: body selectors matched on 0 of 5 pages" in res.stdout
    assert "layout changed?" in res.stderr
    # without a shared frontier the crawl judges its own counts, and says so
    assert {(o["layouts_judged"], o["worker_layouts"]) for o in report["outlets"]} == {("worker", None)}
    counts = {o["outlet"]: o["layouts"] for o in report["outlets"]}
    assert counts["thanhuy"]["thanhuy/thanhuy"]["pages"] == 5 and counts["thanhuy"]["thanhuy/thanhuy"]["body"] == 0
    assert counts["congan"]["congan/congan"]["body"] == counts["congan"]["congan/congan"]["pages"] == 7
    # the articles say which extractor produced them: the layout's fallback, by name
    conn = sqlite3.connect(tmp_path / "output" / "antt.sqlite")
    extractors = dict(conn.execute("select source, group_concat(distinct html_extractor) from articles "
                                   "group by source").fetchall())
    assert extractors == {"thanhuy": "thanhuy/trafilatura", "congan": "congan"}


def test_unchanged_layouts_raise_no_alarm(tmp_path):
    res, report = _crawl(tmp_path, build(), "thanhuy", "danang")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "LAYOUT ALARM" not in res.stdout
    layouts = {k: v for o in report["outlets"] for k, v in o["layouts"].items()}
    assert set(layouts) == {"thanhuy/thanhuy", "danang/danang.current", "danang/baoquangnam.legacy",
                            "danang/danang.legacy"}
    for counts in layouts.values():
        assert counts["body"] == counts["title"] == counts["lead"] == counts["pages"] > 0
        assert counts["published"] == counts["pages"]


def _parsed(**matched) -> ParsedArticle:
    return ParsedArticle("T", "L", ["B"], None, None, None, [], "x", matched=matched)


def test_fields_count_only_what_the_layout_itself_found():
    found = found_by_layout(_parsed(title="h1", lead=".sapo", body=".content p"))
    assert found == {"title": False, "lead": True, "body": True, "published": False}
    stats = {"antt/layout/cand/cand.current/pages": 10, "antt/layout/cand/cand.current/body": 7,
             "antt/layout/cand/cand.current/title": 10, "antt/layout/cand/cand.current/lead": 10,
             "antt/layout/cand/cand.current/published": 8, "antt/layout/sggp/sggp/pages": 2}
    assert layout_counts(stats)["cand/cand.current"]["body"] == 7
    got = alarms(stats)
    assert [(a.layout, a.field) for a in got] == [("cand/cand.current", "body")]  # sggp: too few pages to judge
    assert got[0].message().startswith("cand/cand.current: body selectors matched on 7 of 10 pages")
    stats["antt/layout/cand/cand.current/published"] = 7  # dates missing on 30%
    assert {a.field for a in alarms(stats)} == {"body", "published"}
    assert alarms(stats, {"body": 0.5, "published": 0.5}) == []

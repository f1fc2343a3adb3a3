"""Screenshots for the README: the report and `antt show`, rendered by headless Chromium.

    python scripts/screenshots.py            # writes docs/img/report.png and docs/img/show.png

Runs the offline demo in a temporary folder (invented sample data), writes the report and a
review page of one bundled sample article, and photographs both at a laptop's window size.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        sys.exit("screenshots: no Chromium (Debian: apt-get install chromium)")
    return exe


def shot(page: Path, png: Path, size: str, profile: Path) -> None:
    subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                    f"--screenshot={png}", page.as_uri()], check=True, capture_output=True, timeout=120)
    print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KB")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    antt = [sys.executable, "-m", "antt.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = dict(os.environ, ANTT_OUTPUT=str(work / "output"))
        subprocess.run([*antt, "demo", "-q"], cwd=work, env=env, check=True, capture_output=True)
        report = work / "output" / "demo" / "report" / "index.html"
        sample = json.loads((ROOT / "antt" / "data" / "sample_articles.jsonl").read_text(encoding="utf-8")
                            .splitlines()[0])
        (work / "sample.jsonl").write_text(json.dumps(sample, ensure_ascii=False) + "\n", encoding="utf-8")
        show = work / "show.html"
        subprocess.run([*antt, "show", str(work / "sample.jsonl"), "--out", str(show)], cwd=work, env=env,
                       check=True, capture_output=True)
        shot(report, OUT / "report.png", "1280,1000", work / "profile")
        shot(show, OUT / "show.png", "1280,900", work / "profile")


if __name__ == "__main__":
    main()

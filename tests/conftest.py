"""Shared test helpers: run `antt` as a user would, in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = Path(__file__).parent / "data" / "dev"


def service_missing(message: str) -> None:
    """Skip a test whose server (PostgreSQL, Redis) is absent, with a message; in CI, where
    these machines run them, a missing server is a failure, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run this test)")
    pytest.skip(message)


def antt_command() -> list[str]:
    exe = shutil.which("antt", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "antt"]


@pytest.fixture
def run_antt(tmp_path):
    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, ANTT_OUTPUT=str(tmp_path / "output"), COLUMNS="120")
        return subprocess.run([*antt_command(), *args], capture_output=True, text=True, cwd=cwd or tmp_path,
                              env=env, timeout=300)

    return run

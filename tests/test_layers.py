"""The layers only point down: core <- nlp <- crawler, pipelines <- antt.

Read from the import statements of every module (top-level and inside functions), so a lazy
import that runs back up a layer is caught too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What each first-party package may import (itself included).
ALLOWED = {
    "core": {"core"},
    "nlp": {"core", "nlp"},
    "crawler": {"core", "nlp", "crawler"},
    "pipelines": {"core", "nlp", "pipelines"},
    "antt": {"core", "nlp", "crawler", "pipelines", "antt"},
}
FIRST_PARTY = set(ALLOWED) | {"tests", "benchmarks"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def _violations() -> list[str]:
    bad = []
    for package, allowed in ALLOWED.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, top in _imports(path):
                if top in FIRST_PARTY and top not in allowed:
                    bad.append(f"{path.relative_to(ROOT)}:{line} imports {top}")
    return bad


def test_no_import_runs_up_a_layer():
    assert _violations() == []


def test_product_code_does_not_touch_sys_path():
    offenders = [str(p.relative_to(ROOT)) for package in ALLOWED for p in (ROOT / package).rglob("*.py")
                 if "sys.path" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_the_rule_catches_an_upward_import(tmp_path, monkeypatch):
    """The checker itself: a core module importing nlp is reported."""
    fake = tmp_path / "core"
    fake.mkdir()
    (fake / "bad.py").write_text("def f():\n    from nlp.extract import extract_text\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    for package in ALLOWED:
        (tmp_path / package).mkdir(exist_ok=True)
    assert _violations() == ["core/bad.py:2 imports nlp"]

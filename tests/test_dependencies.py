"""The install declares exactly what the code imports, and every optional path is live.

A fresh venv once got lxml without its `html_clean` part, so `import trafilatura` failed and
the HTML fallback, the `news` spider and htmldate were dead while most tests still passed.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata as md
import pkgutil
import re
import sys
import tomllib

from .conftest import ROOT

PACKAGES = ("core", "nlp", "crawler", "pipelines", "antt")


def _modules() -> list[str]:
    names = []
    for pkg in PACKAGES:
        names.append(pkg)
        for info in pkgutil.walk_packages([str(ROOT / pkg)], prefix=f"{pkg}."):
            if not info.name.endswith(".__main__"):  # runs the command when imported
                names.append(info.name)
    return names


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in reqs}


def _third_party_imports() -> set[str]:
    """Top-level names imported by the product's code (tests excluded)."""
    found = set()
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    # `tests`: the demo imports the replay site from tests/ (moved into the product by the
    # structure issue)
    return {n for n in found if n not in sys.stdlib_module_names and n not in (*PACKAGES, "tests")}


def _used_by_name() -> set[str]:
    """Packages the code uses without an import statement: run as `python -m NAME`, or its
    data found with `importlib.util.find_spec("NAME")`."""
    found = set()
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            found |= set(re.findall(r'find_spec\(\s*"(\w+)"', text))
            found |= set(re.findall(r'"-m",\s*"(\w+)"', text))
    return found


def test_every_module_imports():
    failures = {}
    for name in _modules():
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - the point is to list every failure
            failures[name] = f"{type(exc).__name__}: {exc}"
    assert not failures, failures


def test_optional_paths_import():
    # trafilatura imports justext, which imports lxml.html.clean (lxml_html_clean since lxml 5.2)
    for name in ("trafilatura", "htmldate", "lxml.html.clean", "datasette", "adbc_driver_sqlite"):
        importlib.import_module(name)


def test_imports_are_declared_and_declarations_are_used():
    dists = md.packages_distributions()
    declared = _declared()
    imported = _third_party_imports()
    undeclared = {}
    for name in imported:
        owners = {d.lower().replace("_", "-") for d in dists.get(name, [name])}
        if not owners & declared:
            undeclared[name] = sorted(owners)
    # scrapy brings these and they are part of its public API (a Scrapy project uses them)
    for via_scrapy in ("twisted", "w3lib", "itemadapter", "parsel"):
        undeclared.pop(via_scrapy, None)
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
    import_names: dict[str, set[str]] = {}
    for name, ds in dists.items():
        for d in ds:
            import_names.setdefault(d.lower().replace("_", "-"), set()).add(name)
    # imported by others: justext (trafilatura) imports lxml_html_clean, SQLAlchemy psycopg
    needed_by_others = {"lxml-html-clean", "psycopg"}
    used_otherwise = _used_by_name()
    unused = {d for d in declared - needed_by_others if not import_names.get(d, set()) & (imported | used_otherwise)}
    assert not unused, f"declared but never imported: {unused}"
    assert "pytest" not in declared, "pytest is a development dependency, not a runtime one"


def test_html_fallback_reads_a_generic_page():
    """The generic path (trafilatura for text, htmldate for the date) on a page no outlet
    layout knows."""
    from crawler.article import article_from_html

    paragraphs = "".join(
        f"<p>Đoạn {i}: xã Hòa Tiến duy trì mô hình tự quản về an ninh trật tự với {10 + i} tổ liên gia, "
        "người dân tham gia tuần tra và báo tin cho công an xã.</p>" for i in range(6))
    page = (f"<html><head><title>Tin địa phương</title></head><body><nav>Trang chủ | Thời sự</nav>"
            f"<article><h1>Xã Hòa Tiến nhân rộng tổ liên gia</h1>"
            f"<p class='date'>Ngày đăng: 12/03/2024</p>{paragraphs}</article>"
            f"<footer>Bản quyền thuộc về báo</footer></body></html>").encode()
    article = article_from_html(page)
    assert article.html_extractor == "trafilatura"
    assert "tổ liên gia" in article.text and "Bản quyền" not in article.text
    assert str(article.published).startswith("2024-03-12")

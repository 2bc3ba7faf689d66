"""The site builds strictly, and the strict build really checks links and anchors."""

from __future__ import annotations

import gzip
import re
import shutil
import zipfile
from pathlib import Path

import calculator

from .conftest import ROOT, build_site


def test_calculator_imports() -> None:
    """The package imports and says which version it is."""
    assert calculator.__version__.count(".") == 2


def test_strict_build_has_every_page(built_site: Path) -> None:
    """Every page of the navigation is in the built site."""
    for page in (
        "index.html",
        "fundamentals/index.html",
        "prompt-engineering/index.html",
        "fine-tuning/index.html",
        "hybrid/index.html",
        "decision/index.html",
        "calculator/index.html",
        "methodology/index.html",
        "checklist/index.html",
        "glossary/index.html",
    ):
        assert (built_site / page).is_file(), page


def test_build_ships_self_hosted_pyodide(built_site: Path) -> None:
    """The build copies exactly the Pyodide core files under a versioned path."""
    versions = list((built_site / "assets" / "pyodide").iterdir())
    assert len(versions) == 1
    shipped = sorted(p.name for p in versions[0].iterdir())
    snapshots = [name for name in shipped if name.startswith("calculator-snapshot-")]
    assert len(snapshots) == 1 and snapshots[0].endswith(".bin.gz"), shipped
    trimmed = [name for name in shipped if re.fullmatch(
        r"python_stdlib-calculator-[0-9a-f]{12}\.zip", name)]
    assert len(trimmed) == 1, shipped  # the standard library trimmed for the calculator
    assert sorted(set(shipped) - set(snapshots) - set(trimmed)) == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
         "pyodide-lock.json", "python_stdlib-none.zip"]
    )
    archives = list((built_site / "assets" / "calculator").glob("calculator-*.zip"))
    assert len(archives) == 1


def test_the_trimmed_library_is_compiled_and_holds_the_calculator(built_site: Path) -> None:
    """A slow line's start boots from compiled modules (nothing left to compile) and needs
    no calculator archive: the package is in the library, compiled too."""
    library = next(built_site.glob("assets/pyodide/*/python_stdlib-calculator-*.zip"))
    with zipfile.ZipFile(library) as opened:
        names = opened.namelist()
        web = opened.read("calculator/web.pyc")
    assert names and all(name.endswith(".pyc") for name in names), names[:5]
    assert {"calculator/__init__.pyc", "json/__init__.pyc", "encodings/__init__.pyc"} <= set(names)
    assert web[4:8] == (0b01).to_bytes(4, "little")  # hash-based, not checked against a source
    # Module and function docstrings are left out (calculator/web.py has both).
    assert b"compute" in web
    assert b"The single entry point of the browser worker" not in web
    assert b"Every input's value as the form shows it" not in web


def test_no_page_stops_its_parser_for_a_script(built_site: Path) -> None:
    """Every external script is deferred, async or a module: none is parser-blocking.

    A parser-blocking script, even at the end of the body, holds the first
    paint of a page that is parsed before its stylesheets arrive (the
    calculator) until that script has downloaded too.
    """
    tag = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for attributes in tag.findall(text):
            if "src=" not in attributes:
                continue  # inline: the theme's small helpers and its JSON configuration
            if "javascripts/calculator-link.js" in attributes:
                # The one exception, by design: a link must never show the default
                # result for a frame, so this runs before the body is parsed. It
                # sits in the head beside the render-blocking stylesheets, which it
                # downloads with, and is small as a host sends it (compressed).
                assert page.relative_to(built_site).as_posix() == "calculator/index.html"
                assert text.index("calculator-link.js") < text.index("</head>")
                script = (built_site / "javascripts" / "calculator-link.js").read_bytes()
                assert len(gzip.compress(script, compresslevel=6)) < 4096
                continue
            assert re.search(r"\b(defer|async)\b|type=\"module\"", attributes), (
                f"{page.relative_to(built_site)}: <script{attributes}> blocks the parser")


def _copy_project(tmp_path: Path) -> Path:
    """A throwaway copy of the site sources (not node_modules: linked instead)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "package.json", "anchors.json"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("docs", "overrides", "calculator", "sitebuild"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def test_broken_anchor_fails_strict_build(tmp_path: Path) -> None:
    """A link to a missing anchor makes ``mkdocs build --strict`` fail, naming the anchor."""
    project = _copy_project(tmp_path)
    page = project / "docs" / "fundamentals.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n\nSee [nowhere](decision.md#no-such-anchor).\n",
        encoding="utf-8",
    )
    process = build_site(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert process.returncode != 0
    assert "no-such-anchor" in process.stdout + process.stderr


def test_unbroken_copy_builds(tmp_path: Path) -> None:
    """The same copy without the broken link builds: the failure above is the anchor's."""
    project = _copy_project(tmp_path)
    process = build_site(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert process.returncode == 0, process.stdout + process.stderr

"""Try the site on another generator: build, finish with the post-build steps, run the checks.

    bash scripts/try_generator.sh properdocs
    bash scripts/try_generator.sh zensical

In a temporary folder: a throwaway virtual environment with the generator (the
newest the package registry installs; ``properdocs`` with the theme and plugins
of the lock), a copy of the project, the reference build (this project's
MkDocs, every hook on), and the generator's build with the hooks' post-build
work off, finished by ``scripts/postbuild.py --keep-going``. Then the site's
own checks run against both builds (``TUNE_OR_PROMPT_SITE`` points the tests
at a built folder): strict build, each post-build step, links and anchors,
the policy meta, no policy violations, the calculator live in Chromium, axe,
and the offline copy. Prints a Markdown table of what holds and what differs,
and keeps the folder for a closer look. Not part of the test suite: it
installs packages and takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitebuild.anchors import built_pages, page_anchors  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
RAW_BUILD = "TUNE_OR_PROMPT_RAW_BUILD"

# The site's own checks, by the test that makes each (run against a built folder).
CHECKS: tuple[tuple[str, str], ...] = (
    ("links and anchors resolve (link checker)",
     "tests/quality/test_links.py::test_built_site_has_no_broken_links"),
    ("every page carries the computed CSP meta",
     "tests/quality/test_csp_meta.py::test_every_page_carries_the_computed_policy_as_meta"),
    ("no CSP violation on any page or in search",
     "tests/quality/test_csp_meta.py::test_every_page_and_search_without_violations"),
    ("calculator: pre-rendered result, then live in Chromium",
     "tests/browser/test_calculator_page.py::test_prerendered_result_then_live"),
    ("axe: every page, light and dark",
     "tests/quality/test_axe.py::test_every_page_has_no_violations"),
    ("axe: calculator states",
     "tests/quality/test_axe.py::test_calculator_states_have_no_violations"),
    ("calculator works offline after one visit",
     "tests/quality/test_offline.py::test_calculator_works_offline_after_one_visit"),
)


def _locked(name: str) -> str:
    """``name==version`` as requirements-dev.lock pins it."""
    lock = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==(\S+)", lock, re.MULTILINE)
    if match is None:
        sys.exit(f"try_generator: {name} is not in requirements-dev.lock")
    return f"{name}=={match.group(1)}"


@dataclass(frozen=True)
class Generator:
    """How to install one generator and build the project with it."""

    package: str
    extras: tuple[str, ...]
    build: Callable[[Path, Path, Path], list[str]]  # (venv, project, site) -> command
    output: Callable[[Path, Path], Path]  # (project, site) -> where the site lands


GENERATORS = {
    "properdocs": Generator(
        "properdocs",
        ("mkdocs-material", "mkdocs-macros-plugin", "mike"),
        lambda venv, project, site: [str(venv / "bin" / "properdocs"), "build", "--strict",
                                     "--site-dir", str(site)],
        lambda project, site: site,
    ),
    # Zensical reads mkdocs.yml, writes into site_dir (it must lie inside the
    # project) and runs no MkDocs hooks.
    "zensical": Generator(
        "zensical",
        (),
        lambda venv, project, site: [str(venv / "bin" / "zensical"), "build", "--strict",
                                     "-f", str(project / "mkdocs.yml")],
        lambda project, site: project / "site",
    ),
}


def run(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None,
        ) -> tuple[int, float]:
    """Run a command, its output into ``log``; (exit status, seconds)."""
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        status = subprocess.run(command, cwd=cwd, env=env or dict(os.environ), stdout=out,
                                stderr=subprocess.STDOUT, check=False).returncode
    return status, time.monotonic() - start


def copy_project(target: Path) -> Path:
    """The project's files as git sees them (committed or not, ignored ones left out)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def install(name: str, generator: Generator, venv: Path, log: Path) -> str:
    """A fresh virtual environment with the generator; its installed version."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    packages = [generator.package, *(_locked(extra) for extra in generator.extras)]
    status, _ = run([str(venv / "bin" / "pip"), "install", "--quiet", *packages], ROOT, log)
    if status != 0:
        sys.exit(f"try_generator: could not install {packages}; see {log}")
    shown = subprocess.run([str(venv / "bin" / "pip"), "show", generator.package],
                           capture_output=True, text=True, check=True).stdout
    version = re.search(r"^Version: (\S+)", shown, re.MULTILINE)
    return version.group(1) if version else "?"


def steps_outcome(site: Path, project: Path, log: Path, env: dict[str, str]) -> dict[str, str]:
    """``scripts/postbuild.py --keep-going`` on a build: ``{step: "ok" | "FAILED: …"}``."""
    run([str(PYTHON), str(ROOT / "scripts" / "postbuild.py"), str(site), "--root",
         str(project), "--keep-going"], ROOT, log, env)
    outcome = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^step (.+?): (.*)$", line)
        if match:
            outcome[match.group(1)] = match.group(2)
    return outcome or {"post-build command": "FAILED: " + log.read_text(encoding="utf-8")[-300:]}


def check(site: Path, test: str, log: Path) -> str:
    """``holds`` when the test passes against ``site``, else its first reason."""
    env = {**os.environ, "TUNE_OR_PROMPT_SITE": str(site), "NO_MKDOCS_2_WARNING": "1"}
    status, _ = run([str(PYTHON), "-m", "pytest", test, "-q", "-x", "-p", "no:cacheprovider"],
                    ROOT, log, env)
    if status == 0:
        return "holds"
    # The assertion's first two lines say what broke and where.
    reasons = re.findall(r"^E\s+(.+)$", log.read_text(encoding="utf-8"), re.MULTILINE)[:2]
    reason = " ".join(" ".join(reasons).split()).removeprefix("AssertionError: ")
    return "fails: " + (reason[:200] if reason else f"exit {status}")


def compare(reference: Path, candidate: Path) -> list[tuple[str, str]]:
    """What differs in the output itself: pages, their anchors, files on either side."""
    ref_pages = {url: file for url, file in built_pages(reference)}
    new_pages = {url: file for url, file in built_pages(candidate)}
    rows = [("pages", f"{len(new_pages)} of {len(ref_pages)}"
             + (f"; missing: {', '.join(sorted(set(ref_pages) - set(new_pages)))}"
                if set(ref_pages) - set(new_pages) else ""))]
    same = [url for url in ref_pages.keys() & new_pages.keys()
            if page_anchors(ref_pages[url].read_text(encoding="utf-8"))[0]
            == page_anchors(new_pages[url].read_text(encoding="utf-8"))[0]]
    differing = sorted((ref_pages.keys() & new_pages.keys()) - set(same))
    rows.append(("citable anchors, page by page", f"identical on {len(same)} of {len(ref_pages)}"
                 + (f"; differ on {', '.join(u or '(home)' for u in differing)}"
                    if differing else "")))

    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    def summary(paths: set[str]) -> str:
        shown = sorted(p for p in paths if "/lunr/" not in p and not p.endswith(".map"))
        hidden = len(paths) - len(shown)
        text = ", ".join(shown[:8]) + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")
        return (text or "none") + (f" (+{hidden} search language packs and source maps)"
                                   if hidden else "")

    ref_files, new_files = files(reference), files(candidate)
    common = sorted(ref_files & new_files)
    changed = {p for p in common
               if (reference / p).read_bytes() != (candidate / p).read_bytes()}
    rows.append(("files present in both with the same bytes",
                 f"{len(common) - len(changed)} of {len(common)}; differ: {summary(changed)}"))
    rows.append(("files only in the reference", summary(ref_files - new_files)))
    rows.append(("files only in this build", summary(new_files - ref_files)))
    sources = sorted(p for p in new_files if p.endswith(".py"))
    rows.append(("Python sources published", ", ".join(sources) if sources else "none"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", choices=sorted(GENERATORS))
    args = parser.parse_args(argv)
    generator = GENERATORS[args.name]
    work = Path(tempfile.mkdtemp(prefix=f"try-{args.name}-"))
    logs = work / "logs"
    logs.mkdir()
    print(f"try_generator: working in {work}", file=sys.stderr)
    version = install(args.name, generator, work / "venv", logs / "install.log")
    project = copy_project(work / "project")
    # Both builds take the engine's snapshot from this checkout's cache (its
    # name hashes its inputs), so the two ship the same bytes.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "TUNE_OR_PROMPT_SNAPSHOT_CACHE": str(ROOT / ".cache" / "snapshots")}

    reference = work / "reference"
    status, seconds = run([str(PYTHON), "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(reference)], project, logs / "reference.log", env)
    if status != 0:
        sys.exit(f"try_generator: the reference build failed; see {logs / 'reference.log'}")
    reference_seconds = seconds

    site = work / "site"
    status, seconds = run(generator.build(work / "venv", project, site), project,
                          logs / "build.log", {**env, RAW_BUILD: "1"})
    site = generator.output(project, site)
    rows: list[tuple[str, str, str]] = [
        ("strict build", f"passes ({reference_seconds:.1f} s)",
         f"passes ({seconds:.1f} s)" if status == 0 else f"fails (exit {status})")]
    if status != 0 or not (site / "index.html").is_file():
        print(_table(args.name, version, rows))
        print(f"\nThe build failed: see {logs / 'build.log'}", file=sys.stderr)
        return 1

    for step, outcome in steps_outcome(site, project, logs / "postbuild.log", env).items():
        rows.append((f"post-build step: {step}", "ok (run by the hooks)", outcome))
    rows += [(what, "", value) for what, value in compare(reference, site)]
    for index, (what, test) in enumerate(CHECKS):
        expected = check(reference, test, logs / f"check-{index}-reference.log")
        found = check(site, test, logs / f"check-{index}.log")
        rows.append((what, expected, found))
        print(f"try_generator: {what}: {found}", file=sys.stderr)
    print(_table(args.name, version, rows))
    print(f"\nLogs and both builds: {work}", file=sys.stderr)
    return 0


def _table(name: str, version: str, rows: list[tuple[str, str, str]]) -> str:
    day = datetime.now(UTC).date().isoformat()
    lines = [f"{name} {version} against MkDocs 1.6.1 + Material ({_locked('mkdocs-material')}), "
             f"{day}", "", f"| check | MkDocs (reference) | {name} {version} |",
             "| --- | --- | --- |"]
    for what, expected, found in rows:
        cells = [c.replace("|", "\\|") for c in (what, expected or "", found)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

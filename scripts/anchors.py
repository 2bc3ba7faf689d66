"""Keep every anchor of the guidance pages explicit and permanent.

    python scripts/anchors.py add      # give every heading an explicit id, in place
    python scripts/anchors.py check    # exit 1 if a heading lacks one (what `add` would change)
    python scripts/anchors.py list     # build the site, print every published anchor
    python scripts/anchors.py record   # build the site, add new anchors to anchors.json

``add`` writes ``{#id}`` after each heading that has none, using the id the
heading has today (its slug), so links already pasted keep working. It also
turns the sub-parts reviewers cite, paragraphs opening with **Example.** or
**What would change the call.**, into headings with ids of their own
(``#<section>-example``, ``#<section>-what-would-change``). Run it after
adding a section, then ``record``; the build (sitebuild/anchors.py)
fails if a recorded anchor disappears without a recorded move.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.extensions.toc import slugify, unique

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitebuild.anchors import built_pages, page_anchors  # noqa: E402

DOCS = ROOT / "docs"
ANCHORS_FILE = ROOT / "anchors.json"

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{[:\s]*[^}]*#([\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# Cited sub-parts: bold lead-in -> (heading text, id suffix).
SUB_PARTS = {
    "Example.": ("Example", "example"),
    "What would change the call.": ("What would change the call", "what-would-change"),
}
LEAD_IN = re.compile(r"^\*\*(" + "|".join(re.escape(k) for k in SUB_PARTS) + r")\*\*\s+(.*)$")


@dataclass
class Fix:
    """One change ``add`` makes (or ``check`` reports)."""

    file: str
    line: int
    text: str


def _plain(text: str) -> str:
    """A heading's text as the table of contents sees it (markup and macros stripped)."""
    rendered = markdown.markdown(re.sub(r"\{\{.*?\}\}", "", text))
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def fix_page(source: str, name: str) -> tuple[str, list[Fix]]:
    """``source`` with every heading given an explicit id, and the fixes made."""
    lines = source.split("\n")
    ids: set[str] = set()
    in_fence = False
    front_matter = source.startswith("---\n")
    # First pass: the ids already written, so new ones never collide with them.
    for line in lines:
        match = HEADING.match(line)
        explicit = EXPLICIT_ID.search(line) if match else None
        if explicit:
            ids.add(explicit.group(1))
    out: list[str] = []
    fixes: list[Fix] = []
    section = ""
    for number, line in enumerate(lines, start=1):
        if front_matter:
            out.append(line)
            if number > 1 and line == "---":
                front_matter = False
            continue
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        lead = None if in_fence else LEAD_IN.match(line)
        if match:
            explicit = EXPLICIT_ID.search(line)
            if explicit:
                anchor = explicit.group(1)
            else:
                anchor = unique(slugify(_plain(match.group(2)), "-"), ids)
                line = f"{line.rstrip()} {{#{anchor}}}"
                fixes.append(Fix(name, number, line))
            if len(match.group(1)) <= 2:
                section = anchor
        elif lead and section:
            title, suffix = SUB_PARTS[lead.group(1)]
            anchor = unique(f"{section}-{suffix}", ids)
            ids.add(anchor)
            heading = f"### {title} {{#{anchor}}}"
            fixes.append(Fix(name, number, heading))
            out += [heading, ""]
            line = lead.group(2)
        out.append(line)
    return "\n".join(out), fixes


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "includes" not in p.relative_to(DOCS).parts)


def add() -> int:
    """Write explicit ids into every page; print what changed."""
    for path in _pages():
        fixed, fixes = fix_page(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
        if fixes:
            path.write_text(fixed, encoding="utf-8")
        for fix in fixes:
            print(f"{fix.file}:{fix.line}: {fix.text}")
    return 0


def check() -> int:
    """Exit status 1 (and the list) when a heading has no explicit id."""
    fixes = [fix for path in _pages()
             for fix in fix_page(path.read_text(encoding="utf-8"),
                                 str(path.relative_to(ROOT)))[1]]
    for fix in fixes:
        print(f"{fix.file}:{fix.line}: needs an explicit id; `add` would write: {fix.text}")
    return 1 if fixes else 0


def built_anchors(site: Path | None = None) -> dict[str, list[str]]:
    """Every citable anchor of every built page: ``{page url: [anchor, ...]}``."""
    if site is None:
        with tempfile.TemporaryDirectory() as temp:
            build = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", temp],
                cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                capture_output=True, text=True, check=False)
            if build.returncode != 0:
                sys.exit(build.stdout + build.stderr)
            return built_anchors(Path(temp))
    pages: dict[str, list[str]] = {}
    for url, file in built_pages(site):
        anchors, _ = page_anchors(file.read_text(encoding="utf-8"))
        if anchors:
            pages[url] = list(dict.fromkeys(anchors))
    return pages


def list_anchors(site: Path | None) -> int:
    """Print ``page#anchor`` for every published anchor, then the count."""
    pages = built_anchors(site)
    for url, anchors in pages.items():
        for anchor in anchors:
            print(f"{url}#{anchor}")
    print(f"{sum(len(a) for a in pages.values())} anchors on {len(pages)} pages", file=sys.stderr)
    return 0


def record(site: Path | None) -> int:
    """Add the anchors of the current build to anchors.json; never remove one."""
    data = json.loads(ANCHORS_FILE.read_text(encoding="utf-8")) if ANCHORS_FILE.is_file() else {}
    listed: dict[str, list[str]] = data.get("pages", {})
    added = 0
    for url, anchors in built_anchors(site).items():
        known = listed.setdefault(url, [])
        new = [a for a in anchors if a not in known]
        known += new
        added += len(new)
    data = {
        "about": "Every anchor ever published, by page. Never remove one: record a rename "
                 "under 'moved' as \"page/#old\": \"page/#new\" (see scripts/anchors.py).",
        "pages": dict(sorted(listed.items())),
        "moved": data.get("moved", {}),
    }
    ANCHORS_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    total = sum(len(a) for a in listed.values())
    print(f"{added} anchors added; {total} recorded in {ANCHORS_FILE.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("add", "check", "list", "record"))
    parser.add_argument("--site", type=Path, help="a built site to read instead of building")
    args = parser.parse_args(argv)
    if args.mode == "add":
        return add()
    if args.mode == "check":
        return check()
    if args.mode == "list":
        return list_anchors(args.site)
    return record(args.site)


if __name__ == "__main__":
    sys.exit(main())

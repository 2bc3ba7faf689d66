"""Published anchors never disappear: every heading has an explicit id, and the build guards them.

``anchors.json`` lists every anchor ever published. The build fails when one
is missing, unless the list records where it moved; then the page keeps an
alias anchor with the old id.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, build_site
from tests.test_build import _copy_project

from .helpers import GUIDANCE_PAGES, load_macros, parse_page

SCRIPT = ROOT / "scripts" / "anchors.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("anchors_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def _listing() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (ROOT / "anchors.json").read_text(encoding="utf-8"))
    return data


def test_every_heading_has_an_explicit_id() -> None:
    """`scripts/anchors.py check` finds nothing to add (run `add` after writing a section)."""
    process = subprocess.run([sys.executable, str(SCRIPT), "check"], cwd=ROOT,
                             capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stdout + process.stderr


@pytest.mark.parametrize(("source", "fixed_line"), [
    ("## Before you commit\n", "## Before you commit {#before-you-commit}"),
    ("## Cost: *the* numbers\n", "## Cost: *the* numbers {#cost-the-numbers}"),
    ("## Budget {#budget}\n\n## Budget\n", "## Budget {#budget_1}"),
])
def test_add_writes_the_slug_the_heading_has_today(source: str, fixed_line: str) -> None:
    fixed, fixes = _script().fix_page(source, "page.md")
    assert fixed_line in fixed.splitlines()
    assert len(fixes) == 1


def test_add_turns_cited_lead_ins_into_headings() -> None:
    source = ("## Quick wins {#quick-wins}\n\n**Why it matters.** Because.\n\n"
              "**Example.** A team.\n\n**What would change the call.** More data.\n")
    fixed, _ = _script().fix_page(source, "page.md")
    assert "### Example {#quick-wins-example}\n\nA team." in fixed
    assert "### What would change the call {#quick-wins-what-would-change}\n\nMore data." in fixed
    assert "**Why it matters.** Because." in fixed
    again, fixes = _script().fix_page(fixed, "page.md")
    assert again == fixed and fixes == []


def test_the_list_covers_every_guidance_page_and_the_cited_parts() -> None:
    pages = _listing()["pages"]
    for site_path in GUIDANCE_PAGES.values():
        assert pages.get(site_path), f"no anchors recorded for {site_path or 'the home page'}"
    expected = {
        "checklist/": ["check-1", "check-6", "check-16"],
        "prompt-engineering/": ["limited-data", "limited-data-example",
                                "limited-data-what-would-change",
                                "limited-data-in-the-calculator"],
        "": ["criteria-fine-tuning-fits", "criteria-hybrid-path"],
        "fine-tuning/": ["before-you-commit"],
    }
    for page, anchors in expected.items():
        for anchor in anchors:
            assert anchor in pages[page], f"{page}#{anchor}"


def test_built_pages_carry_every_recorded_anchor(built_site: Path) -> None:
    listing = _listing()
    pages = listing["pages"]
    assert isinstance(pages, dict)
    for page, anchors in pages.items():
        ids = parse_page(built_site, page).ids
        missing = [a for a in anchors if a not in ids]
        assert not missing, f"{page}: {missing}"
    for old, new in dict(listing["moved"]).items():
        page, _, old_id = old.partition("#")
        ids = parse_page(built_site, page).ids
        assert old_id in ids and str(new).partition("#")[2] in ids, (old, new)


def test_checklist_items_are_numbered_permalinks(built_site: Path) -> None:
    html = (built_site / "checklist" / "index.html").read_text(encoding="utf-8")
    assert '<li class="task-list-item" id="check-6"' in html
    assert '<a class="tp-check-number" href="#check-6" title="Link to item 6">6.</a>' in html


def test_tabs_have_readable_ids(built_site: Path) -> None:
    ids = parse_page(built_site, "").ids
    assert {"criteria-prompt-engineering-fits", "criteria-fine-tuning-fits",
            "criteria-deciding-factors", "criteria-hybrid-path"} <= ids
    # The old generated ids still land on their tab.
    assert {f"__tabbed_1_{n}" for n in range(1, 5)} <= ids


def _rename_heading(project: Path) -> None:
    """Rename a published anchor that no page links to (so only the guard can object)."""
    page = project / "docs" / "fine-tuning.md"
    text = page.read_text(encoding="utf-8")
    assert "## Before you commit {#before-you-commit}" in text
    page.write_text(text.replace("## Before you commit {#before-you-commit}",
                                 "## Before committing {#before-committing}"), encoding="utf-8")


def test_removing_an_anchor_fails_the_build(tmp_path: Path) -> None:
    """Renaming a published anchor without recording the move fails, naming it."""
    project = _copy_project(tmp_path)
    _rename_heading(project)
    process = build_site(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert process.returncode != 0
    assert "fine-tuning/#before-you-commit was published and is gone" in (
        process.stdout + process.stderr)


def test_a_recorded_move_passes_and_keeps_the_old_anchor(tmp_path: Path) -> None:
    """With the move recorded, the build passes and the old id lands on the new section."""
    project = _copy_project(tmp_path)
    _rename_heading(project)
    listing = json.loads((project / "anchors.json").read_text(encoding="utf-8"))
    listing["moved"]["fine-tuning/#before-you-commit"] = "fine-tuning/#before-committing"
    (project / "anchors.json").write_text(json.dumps(listing), encoding="utf-8")
    process = build_site(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert process.returncode == 0, process.stdout + process.stderr
    html = (tmp_path / "site" / "fine-tuning" / "index.html").read_text(encoding="utf-8")
    start = html.index('id="before-committing"')
    heading = html[html.rindex("<h2", 0, start):html.index("</h2>", start)]
    assert '<span id="before-you-commit" class="tp-anchor-alias"></span>' in heading


def test_a_move_to_a_missing_anchor_fails(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    listing = json.loads((project / "anchors.json").read_text(encoding="utf-8"))
    listing["moved"]["glossary/#no-such-term"] = "glossary/#nowhere"
    (project / "anchors.json").write_text(json.dumps(listing), encoding="utf-8")
    process = build_site(tmp_path / "site", config_file=project / "mkdocs.yml")
    assert process.returncode != 0
    assert "glossary/#no-such-term moved to glossary/#nowhere" in process.stdout + process.stderr


# Reviews cite checklist items by number ("item 6"), so a number never moves to
# another item. Reword an item freely, but add new items at the end of the
# checklist: inserting one in the middle would renumber every item after it.
CITED_ITEMS = {
    1: "The gap is stated as behaviour",
    2: "The task is classed as general",
    3: "Required consistency and latency",
    4: "The data policy says whether",
    5: "An evaluation set exists",
    6: "The best prompt has been measured",
    7: "The number of quality examples",
    8: "The rate of new examples",
    9: "A smaller or cheaper model has been measured",
    10: "Monthly cost of both approaches",
    11: "The break-even falls within",
    12: "The timeline fits the deadline",
    13: "The team has, or will get",
    14: "Re-tunes inside the horizon are priced",
    15: "Platform risk is stated",
    16: "The hybrid path is considered",
    17: "The switch to a tuned model",
    18: "Prompts stay maintained",
    19: "The smallest changes that would flip",
    20: "Maintenance has an owner",
}


def test_checklist_numbers_keep_their_items() -> None:
    """Item N is still the item reviews cited as N (new items go at the end)."""
    macros = load_macros("checklist")
    items = [" ".join(macros._MD_LINK.sub(r"\1", item).split())
             for _, group in macros.CHECKLIST for item in group]
    for number, start in CITED_ITEMS.items():
        assert items[number - 1].startswith(start), (
            f"check-{number} now reads {items[number - 1]!r}: add new checklist items at "
            "the end, never in between")

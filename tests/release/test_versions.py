"""Two releases published with mike: old links keep their results, latest moves on.

One throwaway copy of the project in a temporary git repository. Release
0.1.0 is published as it is; then the copy's version becomes 0.2.0 and one
weight changes, and 0.2.0 is published as ``latest``. The gh-pages tree mike
wrote is served, with the Content-Security-Policy the build published, and a
calculator link into 0.1.0 must still give 0.1.0's verdict and score, while
``latest`` gives 0.2.0's and release 0.1.0 says it is not the latest.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import calculator
from sitebuild import policy
from tests.conftest import SiteServer, serve
from tests.quality.support import (
    ENGINE_TIMEOUT_MS,
    UI_TIMEOUT_MS,
    format_violations,
    run_axe,
    site_url,
)
from tests.test_build import _copy_project

OLD, NEW = "0.1.0", "0.2.0"
# A scenario near the hybrid/prompting boundary: the weight change flips it.
QUERY = "examples=150&examples_per_month=1000&consistency=critical&ml_expertise=strong"
WEIGHT = re.compile(r'(FactorSpec\(\s*"limited-data",\s*"[^"]*",\s*)([0-9.]+)')
NEW_WEIGHT = "8.0"


@dataclass
class Published:
    """The served gh-pages tree and each release's verdict and score for QUERY."""

    server: SiteServer
    tree: Path
    expected: dict[str, tuple[str, str]]


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    process = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                             timeout=900, check=False)
    assert process.returncode == 0, f"{command}:\n{process.stdout}\n{process.stderr}"
    return process.stdout


def _verdict(project: Path, env: dict[str, str]) -> tuple[str, str]:
    """The verdict and the score as the page prints it, from the copy's own CLI."""
    result = json.loads(_run([sys.executable, "-m", "calculator", "--query", QUERY,
                              "--format", "json"], project, env))
    return str(result["verdict"]), f"{result['score']:+.1f}"


def _publish(tmp: Path) -> tuple[Path, dict[str, tuple[str, str]]]:
    project = _copy_project(tmp)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "Release test", "GIT_AUTHOR_EMAIL": "release@example.invalid",
           "GIT_COMMITTER_NAME": "Release test",
           "GIT_COMMITTER_EMAIL": "release@example.invalid"}
    mike = str(Path(sys.executable).with_name("mike"))
    git = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    _run([*git, "init", "-q"], project, env)
    expected = {}
    for version in (OLD, NEW):
        if version == NEW:
            init = project / "calculator" / "version.py"
            init.write_text(init.read_text(encoding="utf-8").replace(
                f'__version__ = "{OLD}"', f'__version__ = "{NEW}"'), encoding="utf-8")
            factors = project / "calculator" / "factors.py"
            source = factors.read_text(encoding="utf-8")
            assert WEIGHT.search(source), "the limited-data FactorSpec was not found"
            factors.write_text(WEIGHT.sub(rf"\g<1>{NEW_WEIGHT}", source, count=1),
                               encoding="utf-8")
        expected[version] = _verdict(project, env)
        _run([*git, "add", "-A"], project, env)
        _run([*git, "commit", "-q", "-m", f"Release {version}"], project, env)
        _run([mike, "deploy", "--update-aliases", version, "latest"], project, env)
    _run([mike, "set-default", "latest"], project, env)
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=project, capture_output=True,
                             check=True).stdout
    tree = tmp / "gh-pages"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    return tree, expected


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    tree, expected = _publish(tmp_path_factory.mktemp("releases"))
    headers = policy.security_headers(tree / OLD)
    with serve(tree, headers=headers) as server:
        yield Published(server, tree, expected)


@pytest.fixture
def release_page(browser: Any, published: Published) -> Iterator[Any]:
    """A page that records Content-Security-Policy violations and may use the clipboard."""
    context = browser.new_context(service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=published.server.url.rstrip("/"))
    page = context.new_page()
    page.tp_violations = []
    page.on("console", lambda m: page.tp_violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    try:
        yield page
    finally:
        context.close()


def _live_result(page: Any, url: str) -> tuple[str, str]:
    page.goto(url)
    page.wait_for_selector("#calculator-result[data-source=live][data-state=fresh]",
                           timeout=ENGINE_TIMEOUT_MS)
    verdict = page.get_attribute("#calculator-result", "data-verdict")
    score = page.inner_text("#calculator-result .tp-score").split()[0]
    return str(verdict), score


def test_the_weight_change_flips_the_scenario(published: Published) -> None:
    """Guard the test's own premise: the two releases disagree on QUERY."""
    old, new = published.expected[OLD], published.expected[NEW]
    assert old[0] != new[0] and old[1] != new[1], (old, new)
    assert old == (lambda r: (r.verdict.value, f"{r.score:+.1f}"))(
        calculator.recommend(calculator.decode_query(QUERY)))


def test_mike_published_both_releases_and_latest(published: Published) -> None:
    versions = json.loads((published.tree / "versions.json").read_text(encoding="utf-8"))
    listed = {entry["version"]: entry["aliases"] for entry in versions}
    assert listed == {NEW: ["latest"], OLD: []}
    for name in (OLD, NEW, "latest"):
        assert (published.tree / name / "calculator" / "index.html").is_file(), name
    html = (published.tree / OLD / "calculator" / "index.html").read_text(encoding="utf-8")
    assert f'content="{site_url()}{OLD}/assets/images/social-card.png"' in html
    assert f'<link rel="canonical" href="{site_url()}{OLD}/calculator/">' in html


@pytest.mark.browser
def test_old_link_keeps_its_result_and_latest_moves_on(
        release_page: Any, published: Published) -> None:
    """A 0.1.0 calculator link gives 0.1.0's verdict and score; latest gives 0.2.0's."""
    page, url = release_page, published.server.url
    assert _live_result(page, f"{url}{OLD}/calculator/?{QUERY}") == published.expected[OLD]
    assert _live_result(page, f"{url}latest/calculator/?{QUERY}") == published.expected[NEW]
    assert _live_result(page, f"{url}{NEW}/calculator/?{QUERY}") == published.expected[NEW]
    assert page.tp_violations == []


@pytest.mark.browser
def test_old_release_says_so_and_links_to_the_same_query_in_latest(
        release_page: Any, published: Published) -> None:
    page, url = release_page, published.server.url
    page.goto(f"{url}{OLD}/calculator/?{QUERY}")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible", timeout=UI_TIMEOUT_MS)
    assert OLD in banner.inner_text()
    link = banner.locator("a.tp-latest-link")
    link.click()
    page.wait_for_url(f"{url}latest/calculator/?{QUERY}", timeout=UI_TIMEOUT_MS)
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT_MS)
    assert page.get_attribute("#calculator-result", "data-verdict") == published.expected[NEW][0]
    assert not page.locator("[data-md-component=outdated]").is_visible()
    # A guidance page too, with its fragment.
    page.goto(f"{url}{OLD}/prompt-engineering/#limited-data")
    page.locator("[data-md-component=outdated]").wait_for(state="visible",
                                                          timeout=UI_TIMEOUT_MS)
    page.locator("a.tp-latest-link").click()
    page.wait_for_url(f"{url}latest/prompt-engineering/#limited-data", timeout=UI_TIMEOUT_MS)
    assert page.tp_violations == []


@pytest.mark.browser
def test_copied_links_and_records_name_the_release(
        release_page: Any, published: Published) -> None:
    """Copy link in latest gives the 0.2.0 path; the record links to its release and latest."""
    page, url = release_page, published.server.url
    page.goto(f"{url}latest/calculator/?{QUERY}")
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT_MS)
    page.evaluate("navigator.clipboard.writeText('')")
    page.click('[data-action="copy-link"]')
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0",
                           timeout=UI_TIMEOUT_MS)
    assert page.evaluate("navigator.clipboard.readText()") == f"{url}{NEW}/calculator/?{QUERY}"

    page.evaluate("navigator.clipboard.writeText('')")
    page.click('[data-action="copy-markdown"]')
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0",
                           timeout=UI_TIMEOUT_MS)
    record = str(page.evaluate("navigator.clipboard.readText()"))
    site = site_url()
    assert f"**Calculator version:** {NEW}" in record
    assert f"<{site}{NEW}/calculator/?{QUERY}>" in record
    assert f"<{site}latest/calculator/?{QUERY}>" in record
    assert f"]({site}{NEW}/methodology/)" in record
    assert page.tp_violations == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_banner_and_version_selector_pass_axe(
        browser: Any, published: Published, scheme: str) -> None:
    """The outdated banner and the version selector meet WCAG A/AA, in both palettes."""
    # axe is injected as an inline script, which the site's policy rightly refuses.
    context = browser.new_context(service_workers="block", color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{published.server.url}{OLD}/prompt-engineering/")
        page.locator("[data-md-component=outdated]").wait_for(state="visible",
                                                              timeout=UI_TIMEOUT_MS)
        page.locator(".md-version").wait_for(timeout=UI_TIMEOUT_MS)
        assert OLD in page.inner_text(".md-version__current")
        violations = run_axe(page)
        assert not violations, format_violations(f"{OLD} {scheme}", violations)
    finally:
        context.close()


@pytest.mark.browser
def test_each_release_works_offline_with_its_own_engine(
        browser: Any, published: Published) -> None:
    """Each release's service worker keeps that release: offline, 0.1.0 still gives 0.1.0's."""
    context = browser.new_context(service_workers="allow")
    try:
        pages = {}
        with serve(published.tree) as server:
            for version in (OLD, "latest"):
                pages[version] = context.new_page()
                url = f"{server.url}{version}/calculator/?{QUERY}"
                _live_result(pages[version], url)
                pages[version].wait_for_function(
                    "() => performance.getEntriesByName('offline:engine-kept').length > 0",
                    timeout=ENGINE_TIMEOUT_MS)
        context.set_offline(True)
        for version, expected in ((OLD, published.expected[OLD]),
                                  ("latest", published.expected[NEW])):
            page = pages[version]
            page.reload()
            page.wait_for_selector("#calculator-result[data-source=live][data-state=fresh]",
                                   timeout=ENGINE_TIMEOUT_MS)
            score = page.inner_text("#calculator-result .tp-score").split()[0]
            assert (page.get_attribute("#calculator-result", "data-verdict"), score) == expected
    finally:
        context.close()

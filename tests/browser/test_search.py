"""The site's search: the calculator's pre-rendered result stays out of the index, and the
usual spellings of the key terms find their sections (Material's search, in Chromium)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

UI_TIMEOUT = 15_000
# Words only the result region prints (the verdict at a glance, the factors' chart).
RESULT_ONLY = ("of the pull agrees", "prompting, +100 fine-tuning", "Link to this result",
               "favours prompt engineering, weight")


def test_the_prerendered_result_is_not_indexed(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    calculator = [doc for doc in index["docs"] if doc["location"].startswith("calculator/")]
    assert calculator, "the calculator page is not in the index at all"
    for doc in calculator:
        assert not doc["location"].startswith("calculator/#tp-"), doc["location"]
        for words in RESULT_ONLY:
            assert words not in doc["text"] and words not in doc["title"], (doc["location"],
                                                                            words)


def results(page: Any, query: str) -> list[str]:
    """The addresses of the results listed for ``query`` (pages and their best sections,
    not the further sections folded under them), best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 0"
        " || /No matching/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=UI_TIMEOUT)
    page.wait_for_timeout(300)  # the list settles after the last key
    return [str(h) for h in page.eval_on_selector_all(
        ".md-search-result__item > a", "(as) => as.map((a) => a.getAttribute('href'))")]


@pytest.mark.parametrize(("query", "section", "within"), [
    ("breakeven", "#break-even", 2),
    ("break even", "#break-even", 2),
    ("finetune", "#fine-tuning", 2),
    ("finetuning", "#fine-tuning", 2),
    ("fine tune", "fine-tuning/", 5),
])
def test_spelling_variants_find_their_section(page: Any, site_server: SiteServer, query: str,
                                              section: str, within: int) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_server.page_url(""))
    page.locator(".md-search__input").click()
    found = results(page, query)
    assert any(section in href for href in found[:within]), (query, found[:within])

"""The one-page summary: flow, thresholds and checklist from the calculator, on one sheet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import calculator
from tests.conftest import SiteServer

from .helpers import load_macros, parse_page

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def _pages(pdf: bytes) -> int:
    """The page count of a PDF Chromium wrote: its page objects (``/Type /Page``)."""
    assert pdf.startswith(b"%PDF")
    return len(PAGE_OBJECT.findall(pdf))


def test_summary_reads_thresholds_and_checklist_from_the_calculator(built_site: Path) -> None:
    page = parse_page(built_site, "summary/")
    text = " ".join(page.text.split())
    for name, value, _meaning in calculator.threshold_rows():
        assert name in text and value in text, name
    items = sum(len(group) for _, group in load_macros().CHECKLIST)
    assert {f"check-{n}" for n in range(1, items + 1)} <= page.ids
    assert "tp-flow-title" in page.ids
    assert f"calculator version {calculator.__version__}" in text


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_summary_prints_on_one_page(page: Any, site_server: SiteServer, paper: str) -> None:
    """Printed by Chromium on A4 and on Letter, the summary takes exactly one page."""
    page.goto(site_server.page_url("summary/"))
    page.emulate_media(media="print")
    assert page.locator(".tp-flow-svg").is_visible()
    assert page.locator("#check-16").is_visible()
    pdf = page.pdf(format=paper)
    assert _pages(pdf) == 1


@pytest.mark.browser
def test_a_long_page_counts_more_than_one(page: Any, site_server: SiteServer) -> None:
    """The page counter itself: the methodology page does not fit on one sheet."""
    page.goto(site_server.page_url("methodology/"))
    assert _pages(page.pdf(format="A4")) > 1


@pytest.mark.browser
def test_summary_print_layout_has_two_columns(page: Any, site_server: SiteServer) -> None:
    page.set_viewport_size({"width": 718, "height": 1000})
    page.goto(site_server.page_url("summary/"))
    page.emulate_media(media="print")
    flow = page.locator(".tp-onepage-flow").bounding_box()
    checklist = page.locator(".tp-onepage-checklist").bounding_box()
    thresholds = page.locator(".tp-onepage-thresholds").bounding_box()
    assert flow and checklist and thresholds
    assert flow["x"] + flow["width"] <= checklist["x"]
    assert abs(flow["y"] - checklist["y"]) < 2
    # The thresholds go under the flow, beside the checklist.
    assert thresholds["y"] >= flow["y"] + flow["height"]
    assert thresholds["x"] + thresholds["width"] <= checklist["x"]
    font = page.eval_on_selector(".tp-onepage", "e => getComputedStyle(e).fontSize")
    assert float(font.removesuffix("px")) <= 11

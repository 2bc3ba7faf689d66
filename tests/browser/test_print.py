"""The calculator printed (or saved as PDF) is a record: inputs, verdict, costs and factors.

Printed through Chromium's own ``page.pdf`` on A4: one result fits two pages, a
comparison three; the printed page carries every input with its value, and none
of the page's explanations. The cards a reader looks for keep whole.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from calculator import FIELDS
from tests.conftest import SiteServer

from .test_calculator_page import wait_live

pytestmark = pytest.mark.browser

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
SINGLE = "?examples=5000"
COMPARISON = "?examples=50000&stage=scaling&pin=examples%3D640"


def pdf_pages(page: Any) -> int:
    """How many A4 pages Chromium prints the page on."""
    pdf = page.pdf(format="A4")
    return len(PAGE_OBJECT.findall(pdf))


def printed(page: Any, site_server: SiteServer, query: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_server.page_url("calculator/") + query)
    wait_live(page)
    page.emulate_media(media="print")


@pytest.mark.parametrize(("query", "most"), [(SINGLE, 2), (COMPARISON, 3)])
def test_a_result_prints_on_few_pages(page: Any, site_server: SiteServer, query: str,
                                      most: int) -> None:
    printed(page, site_server, query)
    pages = pdf_pages(page)
    assert 1 <= pages <= most, f"{query} prints on {pages} A4 pages (at most {most})"


def test_the_print_carries_the_inputs_and_no_explanations(page: Any,
                                                          site_server: SiteServer) -> None:
    printed(page, site_server, SINGLE)
    seen = page.evaluate("""() => {
      const shown = (el) => Boolean(el) && el.getClientRects().length > 0;
      const table = document.querySelector('#calculator-result .tp-print-inputs');
      return {
        inputs: shown(table),
        rows: table ? [...table.querySelectorAll('tr')].map((tr) => [
          tr.querySelector('th').textContent, tr.querySelector('td').textContent]) : [],
        form: shown(document.querySelector('#calculator-form')),
        explained: ['compare', 'how-it-runs'].filter((id) => shown(document.getElementById(id))),
        admonitions: [...document.querySelectorAll('.md-content .admonition')].filter(shown)
          .length,
        verdict: shown(document.querySelector('#calculator-result .tp-verdict')),
        costs: shown(document.querySelector('#calculator-result .tp-costs')),
        factors: shown(document.querySelector('#calculator-result .tp-factors-figure')),
        whole: [...document.querySelectorAll('#calculator-result :is(.tp-glance, .tp-costs, '
          + '.tp-figure, .tp-factor)')].map((el) => getComputedStyle(el).breakInside),
      };
    }""")
    assert seen["inputs"] and not seen["form"]
    labels = [label for label, _ in seen["rows"]]
    assert sorted(labels) == sorted(f.label for f in FIELDS)
    assert dict(seen["rows"])["Quality examples now"] == "5,000 examples"
    assert seen["explained"] == [] and seen["admonitions"] == 0
    assert seen["verdict"] and seen["costs"] and seen["factors"]
    assert seen["whole"] and set(seen["whole"]) == {"avoid"}


def test_on_screen_the_form_holds_the_inputs(page: Any, site_server: SiteServer) -> None:
    """The print-only table stays off the screen (and out of assistive technology)."""
    page.goto(site_server.page_url("calculator/"))
    assert page.locator("#calculator-result .tp-print-inputs").is_hidden()

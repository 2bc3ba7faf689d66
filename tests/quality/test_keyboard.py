"""Every calculator control is reachable and operable with the keyboard alone.

Tab walks forward from the top of the page through every form control (in the
schema's order, unfolding the "Costs and prices" section with Enter on the way)
and both copy buttons, Shift-Tab walks back through them in
reverse, each showing a visible focus indicator; a select changes with the
arrow keys; Enter and Space press the copy buttons.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import SiteServer

from .support import (
    CALCULATOR_PAGE,
    UI_TIMEOUT_MS,
    calculator_fields,
    dumps,
    result_count,
    wait_engine,
    wait_live_result,
)

pytestmark = pytest.mark.browser

# What the focused element is, and whether its focus is visible.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return {
        inCalculator: Boolean(el.closest("#calculator")),
        name: el.getAttribute("name") || "",
        tag: el.tagName.toLowerCase(),
        text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 60),
        visible: outline || Boolean(shadow),
        folded: el.tagName === "SUMMARY" && !el.parentElement.open,
        style: style.outlineStyle + " " + style.outlineWidth + " / " + style.boxShadow,
    };
}"""

COPY_BUTTONS = (re.compile(r"copy.*link", re.I), re.compile(r"copy.*markdown", re.I))
MAX_TABS = 600


def _label(focused: dict[str, Any]) -> str:
    return focused["name"] or f"{focused['tag']}:{focused['text']}"


def _walk(page: Any, key: str, stop: set[str]) -> list[dict[str, Any]]:
    """Press ``key`` until every label in ``stop`` has had focus; the calculator's stops."""
    seen: list[dict[str, Any]] = []
    missing = set(stop)
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused and focused["inCalculator"]:
            if focused["folded"]:
                page.keyboard.press("Enter")  # unfold "Costs and prices" as a reader would
            seen.append(focused)
            missing.discard(_label(focused))
            if not missing:
                return seen
    raise AssertionError(
        f"{key} never reached {sorted(missing)} within {MAX_TABS} presses; "
        f"reached: {[_label(f) for f in seen]}"
    )


def _copy_button_labels(page: Any) -> list[str]:
    labels = []
    for pattern in COPY_BUTTONS:
        button = page.locator("#calculator").get_by_role("button", name=pattern)
        assert button.count() == 1, f"expected one button named like {pattern.pattern!r}"
        name = button.get_attribute("aria-label") or button.text_content() or ""
        labels.append("button:" + name.strip()[:60])
    return labels


@pytest.fixture
def calculator_page(browser: Any, site_server: SiteServer) -> Any:
    """The calculator with a live engine, allowed to use the clipboard."""
    context = browser.new_context(service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.url[:-1])
    page = context.new_page()
    page.goto(site_server.page_url(CALCULATOR_PAGE))
    wait_engine(page, "ready")
    yield page
    context.close()


def test_tab_and_shift_tab_reach_every_control_with_visible_focus(calculator_page: Any) -> None:
    """Forward and backward, in the schema's order, each control shows a focus ring."""
    page = calculator_page
    fields = calculator_fields()
    buttons = _copy_button_labels(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    forward = _walk(page, "Tab", set(fields) | set(buttons))
    names = [f["name"] for f in forward if f["name"] in fields]
    assert names == fields, f"Tab order differs from the schema's:\n{names}\n{fields}"
    invisible = [_label(f) + " (" + f["style"] + ")" for f in forward if not f["visible"]]
    assert not invisible, "no visible focus indicator on:\n" + "\n".join(invisible)

    # Back from where the forward walk ended (after the last control it needed).
    backward = _walk(page, "Shift+Tab", set(fields[:-1]))
    back_names = [f["name"] for f in backward if f["name"] in fields]
    expected = list(reversed(fields))
    assert back_names in (expected, expected[1:]), (
        f"Shift-Tab order is not the reverse of the schema's:\n{back_names}\n{expected}"
    )
    invisible = [_label(f) for f in backward if not f["visible"]]
    assert not invisible, "no visible focus indicator on:\n" + "\n".join(invisible)


def test_select_changes_with_arrow_keys(calculator_page: Any) -> None:
    """A focused select takes the next option with ArrowDown and the result follows."""
    page = calculator_page
    select = page.locator("#calculator select").first
    name = select.get_attribute("name")
    before_value = select.input_value()
    options = select.locator("option").count()
    assert options >= 2, f"select {name} has {options} options"
    if select.evaluate("(el) => el.selectedIndex === el.options.length - 1"):
        select.select_option(index=0)
        before_value = select.input_value()
    count = result_count(page)
    select.focus()
    page.keyboard.press("ArrowDown")
    after_value = select.input_value()
    assert after_value != before_value, f"ArrowDown did not change select {name}"
    wait_live_result(page, count)


def _clipboard_after(page: Any, action: Any) -> str:
    """Clear the clipboard, run ``action``, then wait for the clipboard to be filled."""
    page.evaluate("() => navigator.clipboard.writeText('')")
    action()
    page.wait_for_function(
        """async () => (await navigator.clipboard.readText()).length > 0""",
        timeout=UI_TIMEOUT_MS,
        polling=100,
    )
    return str(page.evaluate("() => navigator.clipboard.readText()"))


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_copy_buttons_work_from_the_keyboard(calculator_page: Any, key: str) -> None:
    """Enter and Space on each copy button put the link or the Markdown on the clipboard."""
    page = calculator_page
    expectations = ((COPY_BUTTONS[0], "calculator/"), (COPY_BUTTONS[1], "#"))
    for pattern, needle in expectations:
        button = page.locator("#calculator").get_by_role("button", name=pattern)
        button.focus()
        text = _clipboard_after(page, lambda: page.keyboard.press(key))
        assert needle in text, f"{key} on {pattern.pattern!r} copied:\n{dumps(text[:500])}"

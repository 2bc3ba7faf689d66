"""The result sanitiser (``docs/javascripts/sanitize.js``) in a real browser.

It is the second line of defence behind the escaping Python renderer: an
allow-list of elements (with their namespace), attributes and link schemes,
checked after removing control and invisible characters. Every hostile
payload below must come out unable to run or load anything, and every result
the calculator renders must come out exactly as it went in.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from calculator.web import compute
from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

# Payload -> what must survive of it (a CSS selector that must match), or None.
HOSTILE: dict[str, str | None] = {
    '<a href="\x01javascript:window.__x=1">a</a>': "a:not([href])",
    '<a href="\x00javascript:window.__x=1">a</a>': "a:not([href])",
    '<a href="java\tscript:window.__x=1">a</a>': "a:not([href])",
    '<a href="java&#x09;script:window.__x=1">a</a>': "a:not([href])",
    '<a href="&#106;avascript:window.__x=1">a</a>': "a:not([href])",
    '<a href="&#x6A;&#x61;vascript&colon;window.__x=1">a</a>': "a:not([href])",
    '<a href="JaVaScRiPt:window.__x=1">a</a>': "a:not([href])",
    '<a href=" \n javascript:window.__x=1">a</a>': "a:not([href])",
    '<a href="\u2028javascript:window.__x=1">a</a>': "a:not([href])",
    '<a href="\ufeffjavascript:window.__x=1">a</a>': "a:not([href])",
    '<a href="vbscript:msgbox(1)">a</a>': "a:not([href])",
    '<a href="data:text/html,&lt;script&gt;parent.__x=1&lt;/script&gt;">a</a>': "a:not([href])",
    '<a href="blob:http://127.0.0.1/x">a</a>': "a:not([href])",
    '<a href="file:///etc/passwd">a</a>': "a:not([href])",
    '<svg><a><set attributeName="href" to="javascript:window.__x=1"/>'
    '<text y="20">x</text></a></svg>': "svg",
    '<svg><a href="javascript:window.__x=1"><text>x</text></a></svg>': "svg",
    '<svg><a xlink:href="javascript:window.__x=1"><text>x</text></a></svg>': "svg",
    '<svg><animate attributeName="href" values="javascript:window.__x=1"/></svg>': "svg",
    '<svg><use href="data:image/svg+xml,&lt;svg onload=parent.__x=1&gt;"/></svg>': "svg",
    '<svg><image href="x" onerror="window.__x=1"/></svg>': "svg",
    '<svg><script>window.__x=1</script></svg>': "svg",
    '<svg><foreignObject><img src="x" onerror="window.__x=1"></foreignObject></svg>': "svg",
    '<svg><rect fill="url(https://elsewhere.example/p.svg#a)" width="5"/></svg>':
        "rect[width]:not([fill])",
    '<svg onload="window.__x=1"><g onclick="window.__x=1"></g></svg>':
        "svg:not([onload]) g:not([onclick])",
    '<iframe srcdoc="&lt;script&gt;parent.__x=1&lt;/script&gt;"></iframe>': None,
    '<button formaction="javascript:window.__x=1">go</button>': "button:not([formaction])",
    '<button type="submit">go</button>': "button:not([type])",
    '<form action="javascript:window.__x=1"><input type="submit"></form>': None,
    '<div style="background:url(javascript:window.__x=1)">x</div>': "div:not([style])",
    '<div class="url(javascript:x)" data-x="url(https://elsewhere.example/)">x</div>':
        "div:not([class]):not([data-x])",
    '<img src="x" onerror="window.__x=1">': None,
    '<details open ontoggle="window.__x=1"><summary>s</summary></details>':
        "details[open]:not([ontoggle])",
    '<math><mtext><table><mglyph><style><img src="x" onerror="window.__x=1">': None,
    '<noscript><p title="</noscript><img src=x onerror=window.__x=1>"></p></noscript>': None,
    '<template><img src="x" onerror="window.__x=1"></template>': None,
    '<object data="javascript:window.__x=1"></object><embed src="javascript:x">': None,
    '<base href="javascript:/"><link rel="stylesheet" href="x.css">': None,
    '<meta http-equiv="refresh" content="0;url=javascript:window.__x=1">': None,
    '<style>@import "x.css";</style><script>window.__x=1</script>': None,
    '<p is="x-evil">p</p>': None,
    '<p slot="s" name="calculator" form="f">p</p>': "p:not([slot]):not([name]):not([form])",
    "<!-- comment --><p>kept</p>": "p",
}

HARMLESS_LINKS = {
    '<a href="https://platform.openai.com/docs/pricing">a</a>': "https:",
    '<a href="http://example.org/">a</a>': "http:",
    '<a href="mailto:team@example.org">a</a>': "mailto:",
    '<a href="../methodology/#weights">a</a>': "http:",
    '<a href="#why">a</a>': "http:",
    '<a href="?examples=50000">a</a>': "http:",
}

# Markup a richer result may use: all of it must pass unchanged.
RICH = """
<section class="tp-result" data-verdict="hybrid" aria-labelledby="h">
  <h2 id="h" class="tp-verdict">Hybrid <small>medium confidence</small></h2>
  <details open><summary>Why</summary><ol start="2"><li value="2">One <code>x</code></li></ol>
  </details>
  <button type="button" class="md-button" aria-expanded="false" aria-controls="more"
    data-action="toggle" disabled>More</button>
  <figure><figcaption>Costs</figcaption>
    <svg viewBox="0 0 200 100" width="200" height="100" role="img" aria-labelledby="t d"
      preserveAspectRatio="xMidYMid meet" focusable="false">
      <title id="t">Cost over time</title><desc id="d">Two lines</desc>
      <defs><linearGradient id="gr" x1="0" x2="1"><stop offset="0" stop-color="#fff"/>
      </linearGradient></defs>
      <g class="tp-axis" transform="translate(10 0)" fill="none" stroke="currentColor">
        <rect x="0" y="0" width="10" height="20" rx="2" fill="url(#gr)"/>
        <line x1="0" y1="0" x2="100" y2="50" stroke-width="2" stroke-dasharray="4 2"
          vector-effect="non-scaling-stroke"/>
        <polyline points="0,0 10,10" stroke-linecap="round"/>
        <path d="M0 0L10 10" opacity="0.5"/><circle cx="5" cy="5" r="2"/>
        <text x="5" y="95" text-anchor="middle" dominant-baseline="hanging" font-size="10">
          <tspan dx="2">month 6</tspan></text>
      </g>
    </svg>
  </figure>
  <table class="tp-costs"><caption>Costs</caption><thead><tr><th scope="col" abbr="PE">Prompt
  </th><td colspan="2" rowspan="1">1</td></tr></thead><tbody><tr><td>2</td></tr></tbody></table>
  <dl><dt><abbr title="Return on investment">ROI</abbr></dt><dd><time datetime="2026-11">
  Nov</time> <meter value="0.4" min="0" max="1">40%</meter></dd></dl>
  <p hidden lang="en" dir="ltr" role="note" tabindex="-1"><a href="../decision/#budget"
    rel="noopener" data-field="upfront_budget">budget</a><br><strong>b</strong><em>e</em></p>
</section>
"""

QUERIES = (
    "",
    "examples=50000&consistency=critical&latency=critical&stage=scaling&evals=rigorous"
    "&ml_expertise=strong&upfront_budget=100000&deadline_weeks=30",
    "gap=knowledge",
    "evals=none&examples=20000",
    "data_policy=must-stay-internal&monthly_requests=5000000",
    "examples=3000&examples_per_month=2000&consistency=critical",
)

SANITIZE = """async ([payloads, moduleUrl]) => {
    const { sanitizedFragment } = await import(moduleUrl);
    return payloads.map((html) => {
        const box = document.createElement("div");
        box.append(sanitizedFragment(html));
        return box.innerHTML;
    });
}"""

# Sanitises each payload and says what survived of it.
CHECK = """async ([payloads, selectors, moduleUrl]) => {
    const { sanitizedFragment } = await import(moduleUrl);
    return payloads.map((html, index) => {
        const box = document.createElement("div");
        box.append(sanitizedFragment(html));
        const selector = selectors[index];
        return {
            html: box.innerHTML,
            expected: selector === null ? box.children.length === 0 : !!box.querySelector(selector),
            hrefs: [...box.querySelectorAll("[href]")].map((e) => e.getAttribute("href")),
        };
    });
}"""

# Puts every sanitised payload into the live page and clicks every link in
# them; says whether anything ran.
APPLY = """async ([payloads, moduleUrl]) => {
    const { sanitizedFragment } = await import(moduleUrl);
    window.__x = undefined;
    for (const html of payloads) {
        const box = document.createElement("div");
        box.dataset.probe = "";
        box.append(sanitizedFragment(html));
        document.body.append(box);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const link of document.querySelectorAll("[data-probe] a")) {
        link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    return window.__x === undefined ? null : window.__x;
}"""

DANGER = re.compile(
    r"javascript|vbscript|data:|srcdoc|formaction|<script|<iframe|<img|<set|<animate|<use|"
    r"<style|<object|<embed|<base|<meta|<link|<form|<template|<foreignobject|\son[a-z]+=",
    re.IGNORECASE,
)


def _module(server: SiteServer) -> str:
    return server.page_url("javascripts/sanitize.js")


def test_hostile_markup_is_disarmed(page: Any, site_server: SiteServer) -> None:
    """No payload keeps a script, handler, loader or dangerous link; none runs when clicked."""
    page.goto(site_server.page_url("glossary/"))
    payloads = list(HOSTILE)
    report = page.evaluate(CHECK, [payloads, [HOSTILE[p] for p in payloads], _module(site_server)])
    problems = [
        f"{payload!r}\n    -> {entry['html']!r}"
        for payload, entry in zip(payloads, report, strict=True)
        if DANGER.search(entry["html"]) or not entry["expected"] or entry["hrefs"]
    ]
    assert not problems, "\n".join(problems)
    assert page.evaluate(APPLY, [payloads, _module(site_server)]) is None, "a payload ran"
    assert page.url == site_server.page_url("glossary/")


def test_harmless_links_keep_their_address(page: Any, site_server: SiteServer) -> None:
    """Links to web pages, mail and places in the site survive unchanged."""
    page.goto(site_server.page_url("glossary/"))
    payloads = list(HARMLESS_LINKS)
    output = page.evaluate(SANITIZE, [payloads, _module(site_server)])
    assert output == payloads


def test_every_rendered_result_survives_unchanged(page: Any, site_server: SiteServer) -> None:
    """The renderer's own result HTML, and richer result markup, pass node for node."""
    page.goto(site_server.page_url("calculator/"))
    htmls = [compute(query)["html"] for query in QUERIES] + [RICH]
    assert all(htmls)
    same = page.evaluate(
        """async ([htmls, moduleUrl]) => {
            const { sanitizedFragment } = await import(moduleUrl);
            return htmls.map((html) => {
                const original = document.createElement("template");
                original.innerHTML = html;
                const kept = document.createElement("template");
                kept.content.append(sanitizedFragment(html));
                return original.content.isEqualNode(kept.content)
                    || kept.innerHTML.slice(0, 600);
            });
        }""",
        [htmls, _module(site_server)],
    )
    assert same == [True] * len(htmls), same


def test_deep_nesting_does_not_break_it(page: Any, site_server: SiteServer) -> None:
    """Absurdly deep markup is cleaned without exhausting the stack."""
    page.goto(site_server.page_url("glossary/"))
    html = "<div>" * 20000 + '<img src="x" onerror="window.__x=1">' + "</div>" * 20000
    output = page.evaluate(SANITIZE, [[html], _module(site_server)])
    assert "<img" not in output[0] and output[0].startswith("<div><div>")

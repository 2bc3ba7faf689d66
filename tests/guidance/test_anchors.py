"""Every link a reader may paste into a review keeps working, and factors link both ways.

The golden list below is written out by hand on purpose: renaming a heading's
anchor must break this test, because links to the old anchor live on in
reviews, tickets and chat history.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import calculator

from .helpers import parse_page

GOLDEN_ANCHORS = (
    # Overview
    "#short-answer",
    "#decision-flow",
    "#criteria",
    # Fundamentals
    "fundamentals/#what-is-prompt-engineering",
    "fundamentals/#what-is-fine-tuning",
    "fundamentals/#consultant-analogy",
    "fundamentals/#comparison",
    # When to use prompt engineering
    "prompt-engineering/#quick-iterations",
    "prompt-engineering/#limited-data",
    "prompt-engineering/#general-tasks",
    "prompt-engineering/#cost-constraints",
    "prompt-engineering/#experimentation",
    # When to consider fine-tuning
    "fine-tuning/#domain-specific-tasks",
    "fine-tuning/#consistent-outputs",
    "fine-tuning/#large-datasets",
    "fine-tuning/#latency-requirements",
    "fine-tuning/#privacy-concerns",
    # Hybrid approaches
    "hybrid/#start-with-prompts",
    "hybrid/#collect-data",
    "hybrid/#fine-tune-at-threshold",
    "hybrid/#keep-optimising-prompts",
    # Making the decision
    "decision/#budget",
    "decision/#priced-quality",
    "decision/#timeline",
    "decision/#team-expertise",
    "decision/#evaluation-maturity",
    "decision/#knowledge-vs-behaviour",
    "decision/#model-lifetime",
    # How the calculator decides
    "methodology/#factors",
    "methodology/#verdict-and-gates",
    "methodology/#thresholds",
    "methodology/#vendor-minimums",
    "methodology/#timeline-estimates",
    "methodology/#cost-model",
    "methodology/#price-sources",
    "methodology/#inputs-and-defaults",
    "methodology/#worked-example",
    "methodology/#factor-quick-iterations",
    "methodology/#factor-limited-data",
    "methodology/#factor-general-tasks",
    "methodology/#factor-cost-constraints",
    "methodology/#factor-experimentation",
    "methodology/#factor-domain-specific-tasks",
    "methodology/#factor-consistent-outputs",
    "methodology/#factor-large-datasets",
    "methodology/#factor-priced-quality",
    "methodology/#factor-latency-requirements",
    "methodology/#factor-privacy-concerns",
    "methodology/#factor-budget",
    "methodology/#factor-timeline",
    "methodology/#factor-team-expertise",
    "methodology/#factor-evaluation-maturity",
    "methodology/#factor-knowledge-vs-behaviour",
    "methodology/#factor-model-lifetime",
    # Design review checklist
    "checklist/#checklist",
    "checklist/#decision-record",
    # Glossary
    "glossary/#break-even",
    "glossary/#data-residency",
    "glossary/#epoch",
    "glossary/#evaluation-set",
    "glossary/#few-shot-prompting",
    "glossary/#fine-tuning",
    "glossary/#inference-cost",
    "glossary/#latency",
    "glossary/#retrieval-augmented-generation",
)

# The article's criteria and the extra factors, as their headings read.
CRITERION_HEADINGS = {
    "quick-iterations": "Quick iterations",
    "limited-data": "Limited data",
    "general-tasks": "General tasks",
    "cost-constraints": "Cost constraints",
    "experimentation": "Experimentation",
    "domain-specific-tasks": "Domain-specific tasks",
    "consistent-outputs": "Consistent outputs",
    "large-datasets": "Large datasets",
    "latency-requirements": "Latency requirements",
    "privacy-concerns": "Privacy concerns",
    "budget": "Budget",
    "priced-quality": "Priced quality",
    "timeline": "Timeline",
    "team-expertise": "Team expertise",
    "evaluation-maturity": "Evaluation maturity",
    "knowledge-vs-behaviour": "Knowledge or behaviour",
    "model-lifetime": "Base-model lifetime",
}


def _split(link: str) -> tuple[str, str]:
    page, _, anchor = link.partition("#")
    return page, anchor


@pytest.mark.parametrize("link", GOLDEN_ANCHORS)
def test_golden_anchor_exists(built_site: Path, link: str) -> None:
    """Each pasted ``page/#anchor`` still lands on its section."""
    page, anchor = _split(link)
    assert anchor in parse_page(built_site, page).ids, f"{link} is missing"


def test_golden_list_covers_every_calculator_link() -> None:
    """Every factor link and hybrid step the calculator emits is pinned above."""
    emitted = {calculator.factor_link(factor_id) for factor_id in calculator.FACTOR_PAGES}
    emitted |= {f"hybrid/#{step}" for step in calculator.HYBRID_STEPS}
    emitted |= {f"methodology/#factor-{spec.id}" for spec in calculator.FACTOR_SPECS}
    assert emitted <= set(GOLDEN_ANCHORS), sorted(emitted - set(GOLDEN_ANCHORS))
    assert set(CRITERION_HEADINGS) == set(calculator.FACTOR_PAGES)


def test_every_factor_link_of_a_result_resolves(built_site: Path) -> None:
    """The links in a calculator result point at existing pages and anchors."""
    result = calculator.recommend(calculator.Scenario())
    assert {f.id for f in result.factors} == set(calculator.FACTOR_PAGES)
    for factor in result.factors:
        page, anchor = _split(factor.link)
        assert (built_site / page / "index.html").is_file(), factor.link
        assert anchor in parse_page(built_site, page).ids, factor.link


def test_criteria_link_to_the_methodology_and_back(built_site: Path) -> None:
    """Each criterion section links to its factor row, and the row links back."""
    methodology = parse_page(built_site, "methodology/")
    for factor_id, page in calculator.FACTOR_PAGES.items():
        guidance = parse_page(built_site, page)
        assert f"../methodology/#factor-{factor_id}" in guidance.hrefs, factor_id
        assert any(href.startswith("../calculator/") for href in guidance.hrefs), page
        assert f"../{page}#{factor_id}" in methodology.hrefs, factor_id


def test_overview_reaches_every_criterion_in_one_click(built_site: Path) -> None:
    """The overview links straight to every criterion and hybrid step."""
    hrefs = set(parse_page(built_site, "").hrefs)
    for factor_id in calculator.FACTOR_PAGES:
        assert calculator.factor_link(factor_id) in hrefs, factor_id
    for step in calculator.HYBRID_STEPS:
        assert f"hybrid/#{step}" in hrefs, step


def test_search_finds_every_criterion(built_site: Path) -> None:
    """The search index has an entry for each criterion heading, at its anchor."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    entries = {doc["location"]: doc["title"] for doc in index["docs"]}
    for factor_id, heading in CRITERION_HEADINGS.items():
        location = calculator.factor_link(factor_id)
        assert entries.get(location) == heading, (location, entries.get(location))


def test_headings_have_permalinks(built_site: Path) -> None:
    """Every criterion heading carries a copy-link permalink to itself."""
    for factor_id, page in calculator.FACTOR_PAGES.items():
        assert f"#{factor_id}" in parse_page(built_site, page).hrefs, factor_id

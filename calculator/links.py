"""Where each factor is explained: the guidance page and its stable anchor.

Paths are relative to the site root (no leading slash) so that the HTML, the
Markdown export and the tests can each prefix them as they need.
"""

from __future__ import annotations

__all__ = ["FACTOR_PAGES", "HYBRID_STEPS", "factor_link"]

FACTOR_PAGES: dict[str, str] = {
    "quick-iterations": "prompt-engineering/",
    "limited-data": "prompt-engineering/",
    "general-tasks": "prompt-engineering/",
    "cost-constraints": "prompt-engineering/",
    "experimentation": "prompt-engineering/",
    "domain-specific-tasks": "fine-tuning/",
    "consistent-outputs": "fine-tuning/",
    "large-datasets": "fine-tuning/",
    "latency-requirements": "fine-tuning/",
    "privacy-concerns": "fine-tuning/",
    "budget": "decision/",
    "priced-quality": "decision/",
    "timeline": "decision/",
    "team-expertise": "decision/",
    "evaluation-maturity": "decision/",
    "knowledge-vs-behaviour": "decision/",
    "model-lifetime": "decision/",
}

HYBRID_STEPS: tuple[str, ...] = (
    "start-with-prompts",
    "collect-data",
    "fine-tune-at-threshold",
    "keep-optimising-prompts",
)


def factor_link(factor_id: str) -> str:
    """``'limited-data'`` -> ``'prompt-engineering/#limited-data'``."""
    return f"{FACTOR_PAGES[factor_id]}#{factor_id}"

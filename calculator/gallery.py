"""The scenario gallery: named, realistic teams, the verdict each should get, and why.

Each team is a set of inputs as a team lead would enter them (anything not
given keeps its default), the verdict an experienced ML engineer would sign,
and the one-line reason. They are golden tests of the decision model and the
rows of the guidance page that opens each one in the calculator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .query import encode_query
from .scenario import Scenario, parse_scenario
from .verdict import Verdict

__all__ = ["GALLERY", "Team", "team"]


@dataclass(frozen=True)
class Team:
    """One realistic team: who they are, what they enter, the verdict they should get, why."""

    id: str
    """Stable slug, used as the page anchor."""
    name: str
    story: str
    """One sentence on the team and the feature, as they would tell it."""
    verdict: Verdict
    why: str
    """The one-line reason an expert would give for the verdict."""
    inputs: Mapping[str, int | float | str] = field(default_factory=dict)

    @property
    def scenario(self) -> Scenario:
        """The inputs over the defaults, parsed as strictly as any user input."""
        return parse_scenario(self.inputs)

    @property
    def query(self) -> str:
        """The calculator's URL query that opens this team's scenario."""
        return encode_query(self.scenario)


def _team(id: str, name: str, story: str, verdict: Verdict, why: str,
          **inputs: int | float | str) -> Team:
    return Team(id, name, story, verdict, why, MappingProxyType(dict(inputs)))


PE, HYBRID, FT = Verdict.PROMPT_ENGINEERING, Verdict.HYBRID, Verdict.FINE_TUNING

GALLERY: tuple[Team, ...] = (
    _team(
        "hackathon-summariser", "Hackathon meeting summariser",
        "Two engineers summarise meeting transcripts for a demo next week.",
        PE, "A general task, no data, no evaluation set and one week: nothing to train on "
            "and no time to.",
        examples=20, examples_per_month=0, task="general", stage="exploring",
        consistency="flexible", deadline_weeks=1, upfront_budget=0, evals="none",
        monthly_requests=2_000),
    _team(
        "ticket-triage-startup", "Ticket triage at a seed-stage startup",
        "A support tool routes tickets into a dozen queues; agents correct about 300 a "
        "month.",
        PE, "Still exploring, 400 examples and a 3-week deadline: ship a prompt, log the "
            "agents' corrections, revisit at 1,000.",
        examples=400, examples_per_month=300, stage="exploring", consistency="important",
        deadline_weeks=3, upfront_budget=5_000, ml_expertise="none",
        monthly_requests=20_000),
    _team(
        "agency-marketing-copy", "Marketing copy at an agency",
        "Strong writers draft ad and landing-page copy in many brand voices.",
        PE, "General, flexible creative writing and strong domain writers: instructions "
            "and examples are enough, and a tuned model would narrow the voices.",
        examples=800, examples_per_month=50, task="general", consistency="flexible",
        deadline_weeks=4, ml_expertise="none", monthly_requests=30_000),
    _team(
        "hr-policy-assistant", "HR policy assistant",
        "Employees ask about leave, travel and benefits policies that change every quarter.",
        PE, "The model lacks facts that change each quarter: retrieval (RAG) keeps them "
            "current, training would freeze them.",
        examples=2_000, examples_per_month=100, gap="knowledge", consistency="important",
        ml_expertise="some", evals="basic", monthly_requests=40_000),
    _team(
        "research-group-budget", "University research group on USD 500",
        "A lab labels scientific abstracts with 20,000 curated examples and almost no "
        "money.",
        PE, "Plenty of data, but USD 500 does not fund the engineering a fine-tune needs: "
            "prompting is the plan until funding arrives.",
        examples=20_000, upfront_budget=500, ml_expertise="strong", evals="basic",
        monthly_requests=5_000),
    _team(
        "news-tagging-retunes", "News tagging that must re-tune monthly",
        "A media group tags articles by topic; the topics drift, so a tuned model would be "
        "re-trained every month on a base model retiring in month 6.",
        PE, "A general task with no stated quality need: monthly re-tunes and a base-model "
            "retirement eat the saving of a shorter prompt.",
        examples=5_000, examples_per_month=2_000, task="general", consistency="important",
        stage="scaling", retrain_every_months=1, model_lifetime_months=6,
        monthly_requests=5_000_000, prompt_tokens=3_000, cached_prompt_share=0.0),
    _team(
        "dsl-code-review", "Code review bot for an in-house language",
        "A platform team reviews code in its own configuration language; reviewers accept "
        "or fix about 400 suggestions a month.",
        HYBRID, "A language no base model has seen, 600 reviewed suggestions growing by 400 a "
                "month, evals and a strong team: ship the prompt with the language reference, "
                "and pilot a tune on a few hundred.",
        examples=600, examples_per_month=400, consistency="important", ml_expertise="strong",
        evals="basic", deadline_weeks=8, upfront_budget=30_000, monthly_requests=60_000),
    _team(
        "legal-intake-few-examples", "Legal intake triage with 150 examples",
        "A small firm sorts web enquiries into practice areas; a paralegal labelled 150 of "
        "them once, and nobody labels more.",
        PE, "150 examples and nothing new coming in: too few to train on and still keep an "
            "honest test apart. A prompt with a dozen of them as worked examples is the plan.",
        examples=150, examples_per_month=0, consistency="important", ml_expertise="none",
        evals="basic", deadline_weeks=6, upfront_budget=10_000, monthly_requests=3_000),
    _team(
        "faq-bot-cheap-errors", "FAQ bot whose errors cost a cent",
        "A software vendor answers product FAQs; a wrong answer costs a user a rephrased "
        "question, about a cent, and a pilot tune cut errors from 8 to 6 in 100.",
        PE, "The gain is real but cheap: 2 fewer errors per 100 at a cent each is worth far "
            "less than the tune and its higher token price. Keep prompting.",
        examples=3_000, examples_per_month=300, task="general", consistency="flexible",
        evals="basic", monthly_requests=50_000, cost_per_error=0.01,
        prompted_error_rate=0.08, tuned_error_rate=0.06),
    _team(
        "refund-reasons-pilot", "Refund reasons at an online retailer",
        "Agents have checked 900 refund requests against the shop's own reason codes and "
        "check 150 more each month; a basic evaluation set exists.",
        HYBRID, "900 checked examples are nine times the 100 providers advise starting with: "
                "ship the prompt, pilot a tune on a few hundred against the evaluation set, "
                "and switch if it wins. Not yet enough for a production tune outright.",
        examples=900, examples_per_month=150, consistency="important", stage="validated",
        ml_expertise="some", evals="basic", deadline_weeks=10, upfront_budget=20_000,
        monthly_requests=150_000),
    _team(
        "claims-triage-no-evals", "Claims triage with 5,000 examples and no evaluation set",
        "An insurer routes claims to adjusters; 5,000 routed claims are labelled, but "
        "nobody has agreed how to score a routing.",
        HYBRID, "The data, the need and the skills are there; what is missing is a way to "
                "tell a better model: hold out a few hundred claims as an evaluation set first, "
                "then tune.",
        examples=5_000, examples_per_month=400, consistency="critical", stage="scaling",
        ml_expertise="strong", evals="none", deadline_weeks=12, upfront_budget=40_000,
        monthly_requests=300_000),
    _team(
        "fraud-alerts-priced-errors", "Fraud-alert screening with priced errors",
        "A payments firm screens 2 million alerts a month; each wrong call costs about "
        "USD 0.20 of analyst time, and a pilot tune cut wrong calls from 6 to 3 in 100.",
        FT, "3 fewer errors per 100 on 2 million alerts saves about USD 12,000 a month, many "
            "times the tune's cost, and the evaluation set has already measured it.",
        examples=3_000, examples_per_month=500, consistency="important", latency="important",
        stage="scaling", ml_expertise="strong", evals="rigorous", deadline_weeks=12,
        upfront_budget=30_000, monthly_requests=2_000_000, input_tokens=400,
        output_tokens=20, cost_per_error=0.2, prompted_error_rate=0.06,
        tuned_error_rate=0.03),
    _team(
        "invoice-extraction-no-evals", "Invoice extraction without an evaluation set",
        "A fintech extracts fields from supplier invoices and has 30,000 corrected "
        "documents, but no agreed way to score outputs.",
        HYBRID, "Data, skills and need are all there, but nothing can prove a tuned model "
                "better: build the evaluation set first, then fine-tune.",
        examples=30_000, examples_per_month=1_000, consistency="critical", stage="scaling",
        ml_expertise="strong", evals="none", deadline_weeks=12, upfront_budget=60_000,
        monthly_requests=500_000),
    _team(
        "hospital-clinical-coding", "Clinical coding at a hospital group",
        "Coders assign diagnosis codes to discharge notes; data may not leave the "
        "hospital's servers and there is no ML engineer.",
        HYBRID, "A strong case with 8,000 examples, but self-hosting rules out a managed "
                "tune and nobody can run one: prompt a self-hosted model, bring in ML "
                "engineering, then fine-tune.",
        examples=8_000, examples_per_month=500, consistency="critical",
        data_policy="must-stay-internal", ml_expertise="none", evals="rigorous",
        deadline_weeks=12, upfront_budget=80_000, monthly_requests=100_000,
        prompt_hosting_monthly=3_000, tuned_hosting_monthly=3_000),
    _team(
        "bank-complaints", "Complaint classification at a retail bank",
        "A regulated bank classifies customer complaints for the regulator's reports; data "
        "must stay in-house.",
        FT, "Critical consistency on a regulated, domain-specific task with 60,000 examples, "
            "rigorous evals and a strong ML team; both options are self-hosted, so privacy "
            "is neutral and quality decides.",
        examples=60_000, examples_per_month=2_000, stage="scaling", consistency="critical",
        data_policy="must-stay-internal", ml_expertise="strong", evals="rigorous",
        deadline_weeks=16, upfront_budget=150_000, monthly_requests=400_000,
        input_tokens=600, output_tokens=20, prompt_tokens=2_500, tuned_prompt_tokens=100,
        prompt_hosting_monthly=4_000, tuned_hosting_monthly=4_000),
    _team(
        "marketplace-categoriser", "Product categoriser at a marketplace",
        "Every new listing is placed in a 5,000-node taxonomy, 30 million times a month.",
        FT, "A 3,000-token taxonomy prompt on 30 million calls a month: a tuned model drops "
            "it and pays back within weeks.",
        examples=250_000, examples_per_month=20_000, stage="scaling", consistency="critical",
        latency="important", ml_expertise="strong", evals="rigorous", deadline_weeks=12,
        upfront_budget=50_000, monthly_requests=30_000_000, input_tokens=150,
        output_tokens=10, prompt_tokens=3_000, tuned_prompt_tokens=50),
    _team(
        "law-firm-clauses", "Contract clause extraction at a law firm",
        "Lawyers annotate clauses in commercial contracts; every extraction must follow the "
        "firm's exact schema.",
        FT, "Critical consistency on legal terminology, 4,000 annotated contracts, rigorous "
            "evals and time: fine-tune, knowing it costs more than prompting.",
        examples=4_000, examples_per_month=150, consistency="critical", ml_expertise="some",
        evals="rigorous", deadline_weeks=12, upfront_budget=40_000, monthly_requests=50_000,
        input_tokens=3_000, output_tokens=400, prompt_tokens=2_500),
    _team(
        "in-car-voice-intents", "Intent parser for an in-car voice assistant",
        "Spoken commands become structured intents under a tight response-time budget.",
        FT, "Critical latency and consistency at 20 million calls a month with 40,000 "
            "examples: a tuned model drops the long prompt, answers faster and pays back.",
        examples=40_000, examples_per_month=3_000, stage="scaling", consistency="critical",
        latency="critical", ml_expertise="strong", evals="rigorous", deadline_weeks=20,
        upfront_budget=80_000, monthly_requests=20_000_000, input_tokens=30,
        output_tokens=20, prompt_tokens=1_500, tuned_prompt_tokens=50),
)
"""The gallery, from the clearest prompting cases to the clearest fine-tuning ones."""


def team(team_id: str) -> Team:
    """One team by its id; an unknown id names the known ones."""
    for candidate in GALLERY:
        if candidate.id == team_id:
            return candidate
    known = ", ".join(t.id for t in GALLERY)
    raise KeyError(f"unknown team {team_id!r}; known teams: {known}")

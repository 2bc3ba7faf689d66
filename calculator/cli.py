"""``python -m calculator``: the decision from a terminal.

Inputs come from defaults, then ``--scenario`` (a JSON object), then
``--query`` (the calculator page's URL query), then one flag per field.
Every bad field is reported on its own line and the exit status is 2; no
traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from .query import decode_query, format_value
from .recommend import recommend
from .render import render_json, render_markdown, render_text
from .scenario import Scenario, ScenarioError, parse_scenario
from .schema import FIELDS, FieldKind

__all__ = ["build_parser", "main"]

EXIT_USAGE = 2
FORMATS = {"text": render_text, "json": render_json}


def _field_help(field_name: str) -> str:
    field = next(f for f in FIELDS if f.name == field_name)
    unit = f" ({field.unit})" if field.unit else ""
    default = format_value(field.default)
    return f"{field.help}{unit} Accepts {field.describe_range()}; default {default}."


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one flag per schema field, help from the schema."""
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Recommend prompt engineering, fine-tuning or a hybrid for an LLM feature.",
        epilog="Exit status: 0 on success, 2 when any input is invalid (one line per field).",
    )
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--scenario", metavar="FILE|-",
                        help="JSON object of fields; '-' reads standard input")
    parser.add_argument("--query", metavar="QUERY_STRING",
                        help="the calculator page's URL query, e.g. 'examples=12000'")
    parser.add_argument("--base-url", default=None, help=argparse.SUPPRESS)
    group = parser.add_argument_group("scenario fields")
    for field in FIELDS:
        metavar = "{" + ",".join(field.choice_values()) + "}" \
            if field.kind is FieldKind.CHOICE else "N"
        flags = [field.flag]
        if "_" in field.name:
            flags.append("--" + field.name)
        group.add_argument(*flags, dest=field.name, metavar=metavar, default=None,
                           help=_field_help(field.name))
    return parser




def _read_scenario(source: str, stdin: TextIO) -> dict[str, object]:
    try:
        if source == "-":
            text = stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise ScenarioError({"scenario": f"scenario: cannot read {source}: {exc.strerror}"}) \
            from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ScenarioError({"scenario": f"scenario: {source} is not valid JSON ({exc})"}) \
            from None
    if not isinstance(data, dict):
        raise ScenarioError({"scenario": "scenario must be a JSON object of field names "
                                         "to values"})
    return data


def _scenario(args: argparse.Namespace, stdin: TextIO) -> Scenario:
    errors: dict[str, str] = {}
    scenario = Scenario()
    if args.scenario:
        try:
            scenario = parse_scenario(_read_scenario(args.scenario, stdin))
        except ScenarioError as exc:
            errors.update(exc.errors)
    if args.query:
        try:
            queried = decode_query(args.query)
            changed = {k: v for k, v in queried.to_dict().items()
                       if v != Scenario().to_dict()[k]}
            scenario = parse_scenario(changed, scenario)
        except ScenarioError as exc:
            errors.update(exc.errors)
    flags = {f.name: getattr(args, f.name) for f in FIELDS if getattr(args, f.name) is not None}
    try:
        scenario = parse_scenario(flags, scenario)
    except ScenarioError as exc:
        errors.update(exc.errors)
    if errors:
        raise ScenarioError(errors)
    return scenario


def _unknown_options(unknown: Sequence[str]) -> dict[str, str]:
    """Name each unknown option once; a value that follows one belongs to it."""
    bad: dict[str, str] = {}
    stray: list[str] = []
    previous_was_option = False
    for item in unknown:
        if item.startswith("-"):
            name = item.split("=", 1)[0].lstrip("-")
            bad[name] = f"unknown field '{name}' (see --help for the fields)"
            previous_was_option = "=" not in item
        elif previous_was_option:
            previous_was_option = False
        else:
            stray.append(item)
    if stray:
        bad["arguments"] = "unexpected arguments: " + " ".join(stray)
    return bad


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status instead of raising."""
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
    except SystemExit as exc:  # --help, or a malformed option such as a bad --format
        return int(exc.code or 0)
    try:
        bad = _unknown_options(unknown)
        try:
            scenario = _scenario(args, stdin or sys.stdin)
        except ScenarioError as exc:
            bad.update(exc.errors)
        if bad:
            for message in bad.values():
                print(f"error: {message}", file=sys.stderr)
            return EXIT_USAGE
        result = recommend(scenario)
        if args.format == "markdown":
            output = render_markdown(result, args.base_url) if args.base_url \
                else render_markdown(result)
        else:
            output = FORMATS[args.format](result)
        sys.stdout.write(output)
        sys.stdout.flush()
        return 0
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130

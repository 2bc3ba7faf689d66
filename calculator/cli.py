"""``python -m calculator``: the decision from a terminal.

Inputs come from defaults, then ``--scenario`` (a JSON object), then
``--query`` (the calculator page's URL query), then one flag per field: each
later source overrides the earlier ones field by field. Every bad field is
reported on its own line and the exit status is 2; no traceback ever reaches
the user, not even when the output pipe closes early.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from .query import format_value, query_values
from .recommend import Result, recommend
from .release import release_url
from .render import DEFAULT_BASE_URL, render_json, render_markdown, render_text
from .scenario import Scenario, ScenarioError, parse_scenario
from .schema import FIELDS, Field, FieldKind, Group
from .version import __version__

__all__ = ["EXIT_ERROR", "EXIT_USAGE", "build_parser", "main"]

EXIT_USAGE = 2
"""Invalid input: one line per bad field on standard error."""
EXIT_ERROR = 1
"""An unexpected failure inside the calculator (a bug, reported in one line)."""

FORMATS: dict[str, Callable[[Result], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one plain line and exit status 2, never a dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _field_help(field: Field) -> str:
    """One flag's help, all from the schema: label, help text, unit, range, default."""
    unit = f" Unit: {field.unit}." if field.unit else ""
    default = format_value(field.default)
    return (f"{field.label}. {field.help}{unit} Accepts {field.describe_range()}; "
            f"default {default}.").replace("%", "%%")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one flag per schema field, help from the schema."""
    parser = _Parser(
        prog="python -m calculator",
        description="Recommend prompt engineering, fine-tuning or a hybrid of both for an "
                    "LLM feature. Precedence: flags over --query over --scenario over "
                    "defaults.",
        epilog="Exit status: 0 on success, 2 when any input is invalid (one line per "
               "field on standard error).",
        allow_abbrev=False,
    )
    parser.add_argument("--format", choices=tuple(FORMATS), default="text",
                        help="output format (default: text)")
    parser.add_argument("--scenario", metavar="FILE|-",
                        help="a JSON object of field names to values; '-' reads standard "
                             "input")
    parser.add_argument("--query", metavar="QUERY_STRING",
                        help="the calculator page's URL query, e.g. 'examples=12000&task="
                             "general'")
    parser.add_argument("--base-url", default=None,
                        help="site address for the Markdown record's links (default: this "
                             "release of the published site)")
    for group in Group:
        options = parser.add_argument_group(group.value)
        for field in (f for f in FIELDS if f.group is group):
            metavar = ("{" + ",".join(field.choice_values()) + "}"
                       if field.kind is FieldKind.CHOICE else "N")
            flags = [field.flag]
            if "_" in field.name:
                flags.append("--" + field.name)
            options.add_argument(*flags, dest=field.name, metavar=metavar, default=None,
                                 help=_field_help(field))
    return parser


def _unique_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object hook that refuses a name given twice, like the URL query does."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise ScenarioError({str(key): f"{key} is given more than once in the scenario"})
        out[key] = value
    return out


def _read_scenario(source: str, stdin: TextIO) -> dict[str, object]:
    """The ``--scenario`` JSON object, or a ``ScenarioError`` saying what is wrong."""
    where = "standard input" if source == "-" else source
    try:
        if source == "-":
            text = stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise ScenarioError({"scenario": f"scenario: cannot read {where}: "
                                         f"{exc.strerror or exc}"}) from None
    except UnicodeDecodeError:
        raise ScenarioError({"scenario": f"scenario: {where} is not UTF-8 text"}) from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_object)
    except ScenarioError:
        raise
    except (ValueError, RecursionError) as exc:
        detail = f" ({exc})" if isinstance(exc, ValueError) else ""
        raise ScenarioError({"scenario": f"scenario: {where} is not valid JSON{detail}"}) \
            from None
    if not isinstance(data, dict):
        raise ScenarioError({"scenario": "scenario must be a JSON object of field names to "
                                         f"values, not {type(data).__name__}"})
    return data


def _scenario(args: argparse.Namespace, stdin: TextIO) -> Scenario:
    """Defaults, then the scenario file, then the query, then flags: all errors at once."""
    errors: dict[str, str] = {}
    scenario = Scenario()
    layers: list[Callable[[], dict[str, object]]] = []
    if args.scenario is not None:
        layers.append(lambda: _read_scenario(args.scenario, stdin))
    if args.query is not None:
        layers.append(lambda: dict(query_values(args.query)))
    layers.append(lambda: {f.name: getattr(args, f.name) for f in FIELDS
                           if getattr(args, f.name) is not None})
    for layer in layers:
        try:
            scenario = parse_scenario(layer(), scenario)
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
        if item.startswith("-") and item != "-":
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


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so exit-time flushing stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests, Pyodide)
        pass


def _run(argv: Sequence[str] | None, stdin: TextIO) -> int:
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    bad = _unknown_options(unknown)
    try:
        scenario = _scenario(args, stdin)
    except ScenarioError as exc:
        bad.update(exc.errors)
    if bad:
        for message in bad.values():
            print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    result = recommend(scenario)
    if args.format == "markdown":
        # Like the page's record: the links name the release that computed it.
        output = render_markdown(result, args.base_url or release_url(DEFAULT_BASE_URL,
                                                                      __version__))
    else:
        output = FORMATS[args.format](result)
    sys.stdout.write(output)
    sys.stdout.flush()
    return 0


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    """Run the CLI and return the exit status; nothing escapes as a traceback."""
    try:
        return _run(argv, stdin if stdin is not None else sys.stdin)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line, never a traceback
        print(f"error: the calculator failed unexpectedly ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        return EXIT_ERROR

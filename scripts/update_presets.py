"""Regenerate ``calculator/preset_prices.py`` from the price datasets the presets read.

Two maintained datasets are read, never a hand-kept copy of their numbers:

- Pydantic's ``genai-prices`` (in the dev lock): per-token list prices of the
  models the presets and the prompted-model catalogue name;
- LiteLLM's ``model_prices_and_context_window`` JSON, shipped inside the
  ``litellm`` wheel on PyPI: fine-tuned model prices and deprecation dates. The
  wheel is large and pulls many dependencies, so it is not in the lock: the
  script downloads the pinned version with ``pip download --no-deps`` (the
  package registry is the only network it uses) and reads the JSON from the
  archive without installing it.

The calculator stays standard-library only (it runs in Pyodide), so the
figures go into a plain module with the datasets' versions and the date.
Training, hosting and the dates of service changes live in
``calculator/presets.py`` with their own sources.

Usage::

    .venv/bin/python scripts/update_presets.py          # rewrite the module
    .venv/bin/python scripts/update_presets.py --check  # exit 1 and list the drift
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "calculator" / "preset_prices.py"
sys.path.insert(0, str(ROOT))

from calculator.presets import CATALOG_REFS, TUNED_REFS  # noqa: E402
from calculator.prompt_models import PROMPT_MODEL_REFS  # noqa: E402

LIBRARY = "genai-prices"
TUNED_LIBRARY = "litellm"
TUNED_LIBRARY_VERSION = "1.110.2"
"""The LiteLLM release whose price JSON is read; raise it to take newer figures."""
_JSON_NAME = "model_prices_and_context_window_backup.json"

Price = tuple[float, float | None, float, str]
Tuned = tuple[float, float | None, float, str | None]


@dataclass(frozen=True)
class Snapshot:
    """Everything the generated module holds."""

    prices: dict[str, Price]
    library_version: str
    tuned: dict[str, Tuned]
    tuned_version: str
    on: date


def _number(value: object) -> float | None:
    """A price as a float; tiered prices give their base tier; missing gives None."""
    if value is None:
        return None
    base = getattr(value, "base", value)
    if not isinstance(base, Decimal | int | float):
        raise TypeError(f"unexpected price type {type(value).__name__}")
    return float(base)


def collect(when: datetime) -> dict[str, Price]:
    """Look up every genai-prices reference used; fail loudly on a missing one."""
    from genai_prices import data_snapshot

    snapshot = data_snapshot.get_snapshot()
    providers = {p.id: p for p in snapshot.providers}
    found: dict[str, Price] = {}
    for ref in sorted(set(CATALOG_REFS) | set(PROMPT_MODEL_REFS)):
        provider_id, model_id = ref.split("/", 1)
        provider = providers.get(provider_id)
        if provider is None:
            raise SystemExit(f"{LIBRARY} has no provider {provider_id!r} (needed for {ref})")
        model = next((m for m in provider.models if m.id == model_id), None)
        if model is None:
            raise SystemExit(f"{LIBRARY} has no model {model_id!r} under {provider_id!r}")
        prices = model.get_prices(when)
        price_in = _number(prices.input_mtok)
        price_out = _number(prices.output_mtok)
        if price_in is None or price_out is None:
            raise SystemExit(f"{LIBRARY} lists no input/output price for {ref}")
        url = provider.pricing_urls[0] if provider.pricing_urls else ""
        found[ref] = (price_in, _number(prices.cache_read_mtok), price_out, str(url))
    return found


def _per_million(value: object) -> float | None:
    """LiteLLM's USD per token as USD per 1M tokens, rounded past float noise."""
    if value is None:
        return None
    if not isinstance(value, int | float):
        raise TypeError(f"unexpected LiteLLM price {value!r}")
    return round(float(value) * 1e6, 6)


def read_litellm(data: dict[str, dict[str, object]]) -> dict[str, Tuned]:
    """The LiteLLM entries the presets use: (input, cached, output, deprecation date)."""
    found: dict[str, Tuned] = {}
    for key in sorted(set(TUNED_REFS)):
        entry = data.get(key)
        if entry is None:
            raise SystemExit(f"{TUNED_LIBRARY} {TUNED_LIBRARY_VERSION} has no entry {key!r}")
        price_in = _per_million(entry.get("input_cost_per_token"))
        price_out = _per_million(entry.get("output_cost_per_token"))
        if price_in is None or price_out is None:
            raise SystemExit(f"{TUNED_LIBRARY} lists no input/output price for {key}")
        deprecated = entry.get("deprecation_date")
        found[key] = (price_in, _per_million(entry.get("cache_read_input_token_cost")),
                      price_out, str(deprecated) if deprecated else None)
    return found


def download_litellm() -> dict[str, dict[str, object]]:
    """The pinned LiteLLM wheel's price JSON, fetched from the package registry."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", f"{TUNED_LIBRARY}=={TUNED_LIBRARY_VERSION}",
                        "-d", folder], check=True)
        wheel = next(Path(folder).glob("litellm-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(_JSON_NAME))
            data: dict[str, dict[str, object]] = json.loads(archive.read(name))
    return data


def render(snap: Snapshot) -> str:
    """The generated module's text: plain literals, stable order, no imports."""
    lines = [
        '"""Inference list prices and deprecation dates, generated by scripts/update_presets.py.',
        "",
        f"Read from {LIBRARY} {snap.library_version} and {TUNED_LIBRARY} "
        f"{snap.tuned_version} on {snap.on.isoformat()}.",
        "Do not edit by hand: run the script again to refresh. Prices are USD per 1M",
        "tokens. PRICES: (input, cached input or None when the dataset lists none, output,",
        "the provider's pricing page). TUNED: (input, cached input or None, output,",
        "deprecation date or None) from LiteLLM's price JSON.",
        '"""',
        "",
        f'LIBRARY = "{LIBRARY}"',
        f'LIBRARY_VERSION = "{snap.library_version}"',
        f'TUNED_LIBRARY = "{TUNED_LIBRARY}"',
        f'TUNED_LIBRARY_VERSION = "{snap.tuned_version}"',
        f'GENERATED_ON = "{snap.on.isoformat()}"',
        "",
        "PRICES: dict[str, tuple[float, float | None, float, str]] = {",
    ]
    for ref, (price_in, cached, price_out, url) in sorted(snap.prices.items()):
        lines.append(f'    "{ref}": ({price_in!r}, {cached!r}, {price_out!r}, "{url}"),')
    lines += ["}", "", "TUNED: dict[str, tuple[float, float | None, float, str | None]] = {"]
    for key, (price_in, cached, price_out, deprecated) in sorted(snap.tuned.items()):
        lines.append(f'    "{key}": ({price_in!r}, {cached!r}, {price_out!r}, {deprecated!r}),')
    lines.append("}")
    return "\n".join(lines) + "\n"


def drift(old: dict[str, tuple[object, ...]], new: dict[str, tuple[object, ...]]) -> list[str]:
    """One line per entry that differs between the committed module and the datasets."""
    lines = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            lines.append(f"  {key}: committed {old.get(key)!r}, dataset {new.get(key)!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed module instead of writing it")
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    snap = Snapshot(collect(now), version(LIBRARY), read_litellm(download_litellm()),
                    TUNED_LIBRARY_VERSION, now.date())
    if args.check:
        from calculator import preset_prices

        changes = drift(dict(preset_prices.PRICES), dict(snap.prices))
        changes += drift(dict(preset_prices.TUNED), dict(snap.tuned))
        if snap.library_version != preset_prices.LIBRARY_VERSION:
            changes.append(f"  {LIBRARY}: committed {preset_prices.LIBRARY_VERSION}, "
                           f"installed {snap.library_version}")
        if snap.tuned_version != preset_prices.TUNED_LIBRARY_VERSION:
            changes.append(f"  {TUNED_LIBRARY}: committed "
                           f"{preset_prices.TUNED_LIBRARY_VERSION}, pinned {snap.tuned_version}")
        if changes:
            print("calculator/preset_prices.py differs from the datasets; run "
                  "scripts/update_presets.py:\n" + "\n".join(changes))
            return 1
        print(f"preset prices match {LIBRARY} {snap.library_version} and {TUNED_LIBRARY} "
              f"{snap.tuned_version} ({len(snap.prices)} + {len(snap.tuned)} entries)")
        return 0
    TARGET.write_text(render(snap), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(snap.prices)} prices from {LIBRARY} "
          f"{snap.library_version}, {len(snap.tuned)} entries from {TUNED_LIBRARY} "
          f"{snap.tuned_version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What runs in set-up and CI is pinned, checked and published exactly as tested.

* Python tools install only from ``requirements-dev.lock``, hash-checked, and
  the lock matches ``pyproject.toml``'s pins (``scripts/lock.sh`` regenerates it).
* The in-Pyodide test wheels are hash-checked too.
* Every GitHub Action is pinned to a full commit SHA with its release in a
  comment; checkouts keep no credentials.
* The deploy publishes the artifact the test job built and tested, and a
  running deploy is never cancelled.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LOCK = ROOT / "requirements-dev.lock"
PINNED_USE = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_entries(text: str) -> dict[str, tuple[list[str], int]]:
    """``name -> (versions, hash count)`` from a pip requirements file with hashes."""
    entries: dict[str, tuple[list[str], int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)", block)
        if not match:
            continue
        name = _normalise(match.group(1))
        versions, hashes = entries.get(name, ([], 0))
        entries[name] = ([*versions, match.group(2)], hashes + block.count("--hash=sha256:"))
    return entries


def _workflow(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_name, step) for job_name, job in workflow["jobs"].items()
            for step in job.get("steps", [])]


def test_lock_pins_every_dev_tool_with_hashes() -> None:
    """Each pin of the dev extra is in the lock at the same version, every entry hashed."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = project["project"]["optional-dependencies"]["dev"]
    entries = _lock_entries(LOCK.read_text(encoding="utf-8"))
    assert len(entries) > len(pins), "the lock should hold the tools' own dependencies too"
    for pin in pins:
        name, version = pin.split("==")
        assert _normalise(name) in entries, f"{name} is not in the lock: run scripts/lock.sh"
        assert entries[_normalise(name)][0] == [version], (
            f"{name}: pyproject pins {version}, the lock has {entries[_normalise(name)][0]}; "
            "run scripts/lock.sh"
        )
    unhashed = [name for name, (_, hashes) in entries.items() if hashes == 0]
    assert unhashed == [], f"lock entries without a hash: {unhashed}"


def test_setup_installs_only_from_the_lock() -> None:
    """The set-up installs hash-checked wheels from the lock, then the project alone."""
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    installs = [line.strip() for line in setup.splitlines() if "pip install" in line
                or '"${pip_install[@]}"' in line]
    assert any("--require-hashes" in line and "-r requirements-dev.lock" in line
               for line in installs), installs
    assert any("--no-deps" in line and "-e ." in line for line in installs), installs
    assert ".[dev]" not in setup and "--upgrade pip" not in setup
    assert re.search(r"fingerprint pyproject.toml requirements-dev.lock", setup)
    assert "--require-hashes" in setup.split("pip download", 1)[1].split("\n\n")[0]
    lock_script = (ROOT / "scripts" / "lock.sh").read_text(encoding="utf-8")
    assert "--generate-hashes" in lock_script and "requirements-dev.lock" in lock_script


def test_pyodide_test_wheels_are_hash_checked() -> None:
    """Every wheel the in-Pyodide run loads is pinned with its SHA-256."""
    text = (ROOT / "scripts" / "pyodide-test-requirements.txt").read_text(encoding="utf-8")
    entries = _lock_entries(text)
    assert entries, "no requirements found"
    assert all(versions and hashes == 1 for versions, hashes in entries.values()), entries


def test_actions_are_pinned_by_commit() -> None:
    """``uses:`` names a 40-hex commit and its release; local and docker actions aside."""
    assert WORKFLOWS, "no workflow found"
    unpinned = []
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*(?:-\s+)?uses:\s*(.+)$", line)
            if match and not PINNED_USE.match(match.group(1).strip()):
                unpinned.append(f"{path.name}: {match.group(1).strip()}")
    assert unpinned == [], "\n".join(unpinned)


def test_checkouts_keep_no_credentials() -> None:
    """``actions/checkout`` never leaves the token in the clone's git config."""
    for path in WORKFLOWS:
        for job, step in _steps(_workflow(path)):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, (path, job)


def test_deploy_publishes_only_a_tested_release() -> None:
    """The test job tests the ``site/`` it built; a release tag is published by mike only after
    those tests passed on the same commit, and the deploy job only deploys what mike made."""
    workflow = _workflow(ROOT / ".github" / "workflows" / "ci.yml")
    jobs = workflow["jobs"]
    deploy = jobs["deploy"]
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    release = jobs[deploy["needs"]]
    assert release["needs"] == "test"
    assert "refs/tags/v" in release["if"]
    release_runs = " ".join(str(step.get("run", "")) for step in release["steps"])
    assert "mike deploy" in release_runs and "calculator.__version__" in release_runs
    upload = next(step for step in release["steps"]
                  if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@"))
    assert f"tar -x -C {upload['with']['path']}" in release_runs
    steps = jobs["test"]["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    build = next(i for i, run in enumerate(runs) if "scripts/build.sh" in run)
    test = next(i for i, run in enumerate(runs) if ".ci/run" in run)
    assert build < test
    assert steps[test]["env"]["TUNE_OR_PROMPT_SITE"] == "site"
    assert "SITE_DIR" not in str(steps[build].get("env", {}))


def test_a_running_deploy_is_never_cancelled() -> None:
    """Only the test job may be cancelled by a newer run; the deploy's group never cancels."""
    workflow = _workflow(ROOT / ".github" / "workflows" / "ci.yml")
    assert "concurrency" not in workflow, "a workflow-wide group would cancel the deploy too"
    deploy = workflow["jobs"]["deploy"]["concurrency"]
    assert deploy["cancel-in-progress"] is False
    groups = {job.get("concurrency", {}).get("group") for job in workflow["jobs"].values()}
    assert len(groups) == len(workflow["jobs"]), "each job needs its own group"

"""Fuzz the command line with hostile and odd input, one test per family of input (issue 11).

Each generated case runs the real CLI as a subprocess under a memory and time
limit in its own folder (see ``fuzz_harness``) and must keep every promise:
exit status 0, 1 or 2; no traceback; nothing written outside ``out/``;
inputs unchanged; nothing written on status 2; within the budget.

Two budgets:

* **short** (the default, part of ``python -m pytest``): the known worst
  inputs of each family (``fuzz_inputs.worst_cases``) and 4 drawn cases per
  family, seed 0, about a minute in all on two cores when nothing hangs;
* **long**, one command for a developer::

      COORDRULES_FUZZ=long python -m pytest tests/fuzz

  the worst inputs and 200 drawn cases per family (``COORDRULES_FUZZ_EXAMPLES=N`` to change it) with
  ``COORDRULES_FUZZ_SEED`` (default 0) choosing the draw, so two developers
  with the same seed run the same cases.

Cases are drawn by Hypothesis with a fixed seed and no shrinking (each step
would be a subprocess), then run two at a time (``COORDRULES_FUZZ_JOBS``);
every failing case of a run is saved to a folder and listed in the
assertion with the one command that replays it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import fuzz_inputs
import pytest
from fuzz_harness import SRC, Budget, Case, describe, judge, run_cases, save_case, snapshot
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st

LONG = os.environ.get("COORDRULES_FUZZ") == "long"
EXAMPLES = int(os.environ.get("COORDRULES_FUZZ_EXAMPLES", "200" if LONG else "4"))
SEED = int(os.environ.get("COORDRULES_FUZZ_SEED", "0"))
JOBS = int(os.environ.get("COORDRULES_FUZZ_JOBS", str(min(2, os.cpu_count() or 1))))

BUDGET = Budget(wall=30.0, cpu=10, address_space=2 * 1024**3, peak_rss=1024**3)
"""Per case: 30 s wall clock, 10 s CPU, 2 GiB address space, 1 GiB peak resident memory.

The inputs are small (a few hundred KB at most, a zip bomb excepted), so
each must be processed or refused well inside this; docs/security.md gives
the same figures.
"""

FAMILIES: dict[str, Callable[[], st.SearchStrategy[Case]]] = {
    "feeds": fuzz_inputs.feeds,
    "weekly-docx": fuzz_inputs.weekly_docx,
    "dossier-docx": fuzz_inputs.dossier_docx,
    "packs": fuzz_inputs.packs,
    "people": fuzz_inputs.people,
    "manifests": fuzz_inputs.manifests,
    "command-lines": fuzz_inputs.command_lines,
}
"""The families of input, each with its strategy of cases."""


def draw_cases(family: str) -> list[Case]:
    """The family's worst inputs, then ``EXAMPLES`` cases drawn with seed ``SEED``."""
    cases: list[Case] = []

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=FAMILIES[family]())
    def draw(case: Case) -> None:
        cases.append(case)

    for case in fuzz_inputs.worst_cases(family):
        draw = example(case=case)(draw)
    draw()
    return cases


def _package() -> dict[str, tuple[str, ...]]:
    # Byte-code caches come and go with imports in this process; they are no input.
    return {k: v for k, v in snapshot(SRC / "coordrules").items() if "__pycache__" not in k}


def fuzz_family(family: str) -> None:
    """Run the family's cases (``JOBS`` at a time); fail listing every case that broke a promise."""
    package = _package()  # the bundled packs and sample: read, never written
    failures = [
        describe(case, outcome, save_case(case, outcome))
        for case, outcome in run_cases(draw_cases(family), BUDGET, JOBS)
        if outcome.problems
    ]
    changed = judge(package, _package(), 0, Path("no-output-here"))
    failures += [f"[{family}] the package itself: {problem}" for problem in changed]
    assert not failures, f"{len(failures)} failing case(s):\n" + "\n".join(failures)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_fuzz(family: str) -> None:
    fuzz_family(family)

"""Benchmark: start-up, ``import coordrules`` and ``coordrules --help``.

Each figure is the median of several fresh interpreters, beside baselines
measured in the same run: ``python -c pass`` (the interpreter alone) and
``python -c "import icalendar"`` (the heaviest library coordrules reads
feeds with). What an application pays to import coordrules, and what a
clerk waits for before ``--help`` answers, should stay close to the plain
imports: adapters and heavy libraries load when first used.

Each case runs once untimed first, with bytecode writing allowed, so that
every figure is of cached bytecode, as after ``pip install`` (with
``PYTHONDONTWRITEBYTECODE`` set, each run would compile every module again).

Run: ``PYTHONPATH=src python benchmarks/bench_import.py [RUNS]``
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
CASES = (
    ("python -c pass", ["-c", "pass"]),
    ("import icalendar", ["-c", "import icalendar"]),
    ("import coordrules", ["-c", "import coordrules"]),
    ("import coordrules + read_ics", ["-c", "import coordrules; coordrules.read_ics"]),
    ("coordrules --help", ["-m", "coordrules", "--help"]),
)


def _time(args: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)  # warm-up
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    figures = {name: _time(args, runs) for name, args in CASES}
    bare = figures["python -c pass"]
    icalendar = figures["import icalendar"]
    print(f"median of {runs} fresh interpreters")
    print(f"{'what':<30} {'seconds':>8} {'× icalendar':>12} {'minus bare python':>18}")
    for name, seconds in figures.items():
        print(f"{name:<30} {seconds:8.3f} {seconds / icalendar:12.2f} {seconds - bare:18.3f}")


if __name__ == "__main__":
    main()

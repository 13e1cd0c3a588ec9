"""The fuzz harness itself: it must see each broken promise, and only those.

Each test runs a small Python program that misbehaves in one way (in place
of ``coordrules``) through :func:`fuzz_harness.run_case` and checks the
problem the harness reports.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import fuzz_harness
import fuzz_inputs
import pytest
from fuzz_harness import Budget, Case, load_case, run_case, run_cases, save_case
from hypothesis import HealthCheck, Phase, given, seed, settings

QUICK = Budget(wall=10.0, cpu=5, address_space=1024**3, peak_rss=200 * 1024**2)


def run_program(code: str, case: Case | None = None, budget: Budget = QUICK) -> list[str]:
    """The problems the harness finds when *code* runs in place of the CLI."""
    case = case or Case("self-test", [], {"input.txt": b"original"})
    outcome = run_case(case, budget, program=[sys.executable, "-c", code])
    return outcome.problems


def test_a_well_behaved_run_has_no_problem() -> None:
    code = "import os; os.makedirs('out'); open('out/r.json', 'w').write('{}'); raise SystemExit(1)"
    assert run_program(code) == []


def test_a_traceback_is_seen() -> None:
    problems = run_program("raise ValueError('boom')")
    assert "a traceback on stderr" in problems


def test_an_unexpected_status_is_seen() -> None:
    problems = run_program("raise SystemExit(3)")
    assert problems == ["exit status 3 (expected 0, 1 or 2)"]


def test_a_file_written_beside_the_output_folder_is_seen() -> None:
    problems = run_program("open('stray.txt', 'w').write('x')")
    assert problems == ["created outside out/: a/work/stray.txt"]


def test_a_file_written_above_the_working_folder_is_seen() -> None:
    case = Case("self-test", ["@CASE@/../escaped.txt"])
    problems = run_program("import sys; open(sys.argv[1], 'w').write('x')", case)
    assert problems == ["created outside out/: a/escaped.txt"]


def test_a_changed_input_is_seen() -> None:
    problems = run_program("open('input.txt', 'a').write('more')")
    assert problems == ["changed outside out/: a/work/input.txt"]


def test_a_removed_input_is_seen() -> None:
    problems = run_program("import os; os.remove('input.txt')")
    assert problems == ["removed outside out/: a/work/input.txt"]


def test_output_written_with_status_2_is_seen() -> None:
    code = "import os; os.makedirs('out'); open('out/r.json', 'w').write('{}'); raise SystemExit(2)"
    problems = run_program(code)
    assert "created in out/ although the status is 2: a/work/out" in problems
    assert "created in out/ although the status is 2: a/work/out/r.json" in problems


def test_status_2_without_output_is_fine() -> None:
    assert (
        run_program("import sys; print('lỗi / error', file=sys.stderr); raise SystemExit(2)") == []
    )


def test_a_replaced_symlink_in_the_output_folder_is_seen() -> None:
    case = Case("self-test", [], {"input.txt": b"x"}, [("out/r.json", "symlink", "../input.txt")])
    code = "import os; os.remove('out/r.json'); open('out/r.json', 'w').write('{}')"
    problems = run_program(code, case)
    assert problems == ["changed a non-regular file (link): a/work/out/r.json"]


def test_the_wall_clock_budget_kills_a_hang() -> None:
    started = time.monotonic()
    problems = run_program("import time; time.sleep(60)", budget=Budget(wall=1.0, cpu=5))
    assert time.monotonic() - started < 10
    assert problems[0].startswith("over the wall-clock budget: killed after")


def test_the_cpu_budget_kills_a_spin() -> None:
    problems = run_program("while True: pass", budget=Budget(wall=30.0, cpu=1))
    assert problems == ["over the CPU budget (1 s): killed by the limit"]


def test_the_address_space_limit_turns_a_huge_allocation_into_a_memory_error() -> None:
    problems = run_program("b = bytearray(3 * 1024**3)")
    assert "a traceback on stderr" in problems
    assert any(p.startswith("over the memory budget (") for p in problems)


def test_the_peak_memory_budget_is_measured_per_run() -> None:
    problems = run_program("b = bytearray(400 * 1024**2); b[::4096] = b'x' * len(b[::4096])")
    assert any(p.startswith("over the memory budget: peak") for p in problems)


def test_the_case_folder_placeholder_is_replaced_in_args_and_files() -> None:
    case = Case("self-test", ["@CASE@"], {"where.txt": b"@CASE@"})
    code = "import sys; assert open('where.txt').read() == sys.argv[1] != '@CASE@'"
    assert run_program(code, case) == []


def test_a_saved_case_loads_back_the_same(tmp_path: Path) -> None:
    case = Case(
        "self-test",
        ["merge", "t\u1ec7p.ics", "out/\udcff.json"],
        {"t\u1ec7p.ics": b"BEGIN:VCALENDAR\r\n", "hs/x.docx": b"PK\x03\x04"},
        [("out/fifo", "fifo", "")],
        note="odd",
        env={"PYTHONIOENCODING": "latin-1"},
        stdout_full=True,
        expect_stderr="t\u1ec7p.ics",
    )
    outcome = run_case(case, QUICK, program=[sys.executable, "-c", "pass"])
    folder = save_case(case, outcome, tmp_path)
    again = load_case(folder)
    assert again == case
    assert again.key() == case.key()
    assert fuzz_harness.replay_command(folder).endswith(f"replay {folder}")


def test_replay_runs_the_saved_case_with_the_real_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = Case("self-test", ["rules", "--pack", "vn-commune"])
    outcome = run_case(case, QUICK)
    assert outcome.status == 0, outcome.stderr
    folder = save_case(case, outcome, tmp_path)
    assert fuzz_harness.main(["replay", str(folder)]) == 0
    assert "problems: none" in capsys.readouterr().out


def _draws(family: str, count: int) -> list[str]:
    keys: list[str] = []

    @seed(7)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=getattr(fuzz_inputs, family)())
    def draw(case: Case) -> None:
        keys.append(case.key())

    draw()
    return keys


@pytest.mark.parametrize("family", ["feeds", "people", "manifests", "command_lines"])
def test_the_same_seed_draws_the_same_cases(family: str) -> None:
    first = _draws(family, 8)
    assert first == _draws(family, 8)
    assert len(set(first)) > 1


def test_run_cases_gives_each_case_its_own_outcome() -> None:
    cases = [Case("self-test", [str(status)], note=str(status)) for status in (2, 0, 1, 0, 2)]
    program = [
        sys.executable,
        "-c",
        "import sys, time; time.sleep(0.2); sys.exit(int(sys.argv[1]))",
    ]
    results = list(run_cases(cases, QUICK, jobs=2, program=program))
    assert sorted((case.note, outcome.status) for case, outcome in results) == sorted(
        (c.note, int(c.note)) for c in cases
    )
    assert all(outcome.problems == [] for _, outcome in results)


def test_an_error_that_does_not_name_the_expected_path_is_seen() -> None:
    code = "import sys; print('error: old.ics: not found', file=sys.stderr); raise SystemExit(2)"
    case = Case("self-test", [], expect_stderr="missing/old.ics")
    assert run_program(code, case) == ["the error does not name 'missing/old.ics'"]
    case = Case("self-test", [], expect_stderr="old.ics")
    assert run_program(code, case) == []


def test_worst_runs_one_known_worst_input(capsys: pytest.CaptureFixture[str]) -> None:
    # packs 4 is a pack with a huge deadline amount: a finding or a clear error, never a crash.
    status = fuzz_harness.main(["worst", "packs", "4"])
    out = capsys.readouterr().out
    assert out.startswith("packs 4: huge deadline amount: status ")
    assert status == (0 if out.rstrip().endswith(": ok") else 1)

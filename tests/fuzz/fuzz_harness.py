"""Run one fuzz case: the real command line, in a box, under limits, and judge it.

A :class:`Case` is a command line (``coordrules ARGS``) and the files it
needs, relative to a fresh working folder. :func:`run_case` writes them into a
new temporary folder, snapshots the whole folder, runs
``sys.executable -m coordrules ARGS`` there as a subprocess (``PYTHONPATH``
pointing at this repository's ``src``; ``HOME`` and ``TMPDIR`` inside the
folder) with ``RLIMIT_AS`` and ``RLIMIT_CPU`` set in ``preexec_fn`` and a
wall-clock timeout, snapshots again, and returns an :class:`Outcome` whose
``problems`` list every broken promise:

* the exit status is not 0, 1 or 2 (3 is the status for a bug; a signal means
  a limit was hit);
* ``Traceback`` (or ``MemoryError``) on stderr;
* a file or folder created, changed or removed outside ``out/`` (inputs
  included: they must come out unchanged);
* anything under ``out/`` created or changed when the status is 2;
* wall time, CPU time or peak memory (``ru_maxrss`` of that one child, from
  :func:`os.wait4`) over the :class:`Budget`.

A failing case is saved by :func:`save_case` into a folder (printed in the
assertion) and replayed with one command::

    python tests/fuzz/fuzz_harness.py replay /tmp/coordrules-fuzz-failures/CASE

The known worst inputs of a family (``fuzz_inputs.worst_cases``) run with::

    python tests/fuzz/fuzz_harness.py worst feeds [INDEX]

The module itself uses only the standard library (``worst`` imports
``fuzz_inputs``, which needs Hypothesis).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository this harness belongs to."""

SRC = ROOT / "src"
"""Its ``src`` folder: the subprocesses import coordrules from here, not the installed copy."""

OUT = "out"
"""The one folder (relative to the working folder) where a case may write."""

CASE_DIR = "@CASE@"
"""Placeholder in arguments and file contents for the case's working folder (absolute)."""

FAILURES = Path(
    os.environ.get("COORDRULES_FUZZ_SAVE", Path(tempfile.gettempdir()) / "coordrules-fuzz-failures")
)
"""Where failing cases are saved (``COORDRULES_FUZZ_SAVE`` overrides it)."""


@dataclass(frozen=True)
class Budget:
    """The limits one case runs under: wall seconds, CPU seconds, address space and peak RSS."""

    wall: float = 20.0
    cpu: int = 20
    address_space: int = 2 * 1024**3
    peak_rss: int = 1024**3


@dataclass(repr=False)
class Case:
    """A command line and the files it needs.

    *args* follow ``coordrules``; *files* map a path relative to the working
    folder to its bytes; *specials* are ``(path, kind, target)`` with kind
    ``symlink`` (to *target*), ``fifo`` or ``dir``. ``@CASE@`` in an argument
    or a file is replaced by the working folder's absolute path.
    """

    family: str
    args: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    specials: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)
    """Environment variables set for the run, over the harness's own."""
    stdout_full: bool = False
    """Standard output goes to ``/dev/full`` (every write fails: no space left)."""
    expect_stderr: str = ""
    """Text that stderr must hold when the status is 2 (the path an error must name)."""
    expect_status: tuple[int, ...] = ()
    """When not empty, the statuses this case may end with (2: it must be refused)."""

    def key(self) -> str:
        """A short stable hash of the case, for the saved folder's name."""
        digest = hashlib.sha256(json.dumps(self.args).encode())
        for name in sorted(self.files):
            digest.update(os.fsencode(name) + b"\0" + self.files[name])
        extra = [self.specials, self.env, self.stdout_full, self.expect_stderr, self.expect_status]
        digest.update(json.dumps(extra).encode())
        return digest.hexdigest()[:12]

    def __repr__(self) -> str:
        # Short: Hypothesis prints the case, and the files can be megabytes.
        return f"Case({self.family!r}, {self.args!r}, note={self.note!r}, key={self.key()!r})"


@dataclass
class Outcome:
    """What one run did and which promises it broke (``problems`` empty: all kept)."""

    status: int | None
    stdout: str
    stderr: str
    wall: float
    cpu: float
    peak_rss: int
    problems: list[str]
    workdir: Path


Snapshot = dict[str, tuple[str, ...]]


def snapshot(folder: Path) -> Snapshot:
    """Every entry under *folder* (symlinks not followed): kind and content hash or target."""
    found: Snapshot = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath, name)
            rel = str(path.relative_to(folder))
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir",)
            elif stat.S_ISREG(info.st_mode):
                found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[rel] = ("special", oct(stat.S_IFMT(info.st_mode)))
    return found


def _limits(budget: Budget) -> None:  # pragma: no cover - runs in the child
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (budget.address_space, budget.address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu, budget.cpu + 2))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def materialise(case: Case, workdir: Path) -> None:
    """Write the case's files and special entries into *workdir*."""
    here = str(workdir).encode()
    for rel, data in case.files.items():
        path = workdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.replace(CASE_DIR.encode(), here))
    for rel, kind, target in case.specials:
        path = workdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "symlink":
            path.symlink_to(target.replace(CASE_DIR, str(workdir)))
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dir":
            path.mkdir(exist_ok=True)
        else:
            raise ValueError(f"unknown special kind {kind!r}")
    for folder in ("home", "tmp"):
        (workdir / folder).mkdir(exist_ok=True)


@dataclass
class _Running:
    """A case whose subprocess has started."""

    case: Case
    budget: Budget
    box: Path
    workdir: Path
    before: Snapshot
    process: subprocess.Popen[bytes]
    started: float
    keep: bool


def start_case(
    case: Case,
    budget: Budget,
    *,
    parent: Path | None = None,
    program: Sequence[str] | None = None,
    keep: bool = False,
) -> _Running:
    """Write *case* into a new folder under *parent*, snapshot it and start its subprocess."""
    box = Path(tempfile.mkdtemp(prefix=f"fuzz-{case.family}-", dir=parent))
    # The working folder sits two levels down, so that "../" and "../../"
    # escapes still land inside the box and are seen by the snapshot.
    workdir = box / "a" / "work"
    workdir.mkdir(parents=True)
    try:
        materialise(case, workdir)
        before = snapshot(box)
        argv = [*(program or (sys.executable, "-m", "coordrules"))]
        argv += [a.replace(CASE_DIR, str(workdir)) for a in case.args]
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(SRC),
            "HOME": str(workdir / "home"),
            "TMPDIR": str(workdir / "tmp"),
            "LANG": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            **case.env,
        }
        target = Path("/dev/full") if case.stdout_full else box / "a" / "stdout"
        with target.open("wb") as out, (box / "a" / "stderr").open("wb") as err:
            process = subprocess.Popen(
                argv,
                cwd=workdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                preexec_fn=lambda: _limits(budget),
            )
    except BaseException:
        shutil.rmtree(box, ignore_errors=True)
        raise
    return _Running(case, budget, box, workdir, before, process, time.monotonic(), keep)


def poll_case(running: _Running, *, block: bool = False) -> Outcome | None:
    """The outcome of *running* if its subprocess has ended (killing it past the wall budget)."""
    budget, process = running.budget, running.process
    pid, wait_status, usage = os.wait4(process.pid, 0 if block else os.WNOHANG)
    killed = False
    if not pid:
        if time.monotonic() - running.started <= budget.wall:
            return None
        os.killpg(process.pid, signal.SIGKILL)
        pid, wait_status, usage = os.wait4(process.pid, 0)
        killed = True
    wall = time.monotonic() - running.started
    status = os.waitstatus_to_exitcode(wait_status)
    process.returncode = status  # reaped here; keep Popen from waiting again
    try:
        outcome = _outcome(running, status, wall, usage, killed)
        after = snapshot(running.box)
        where = running.workdir.relative_to(running.box)
        outcome.problems += judge(running.before, after, status, where)
        return outcome
    finally:
        if not running.keep:
            shutil.rmtree(running.box, ignore_errors=True)


def run_case(
    case: Case,
    budget: Budget,
    *,
    parent: Path | None = None,
    program: Sequence[str] | None = None,
    keep: bool = False,
) -> Outcome:
    """Run *case* in a new folder under *parent* and judge it (see the module docstring).

    *program* replaces ``[sys.executable, "-m", "coordrules"]`` (the harness's
    own tests use it to run programs that misbehave on purpose). The folder
    is removed afterwards unless *keep*.
    """
    running = start_case(case, budget, parent=parent, program=program, keep=keep)
    while (outcome := poll_case(running)) is None:
        time.sleep(0.02)
    return outcome


def run_cases(
    cases: Sequence[Case], budget: Budget, jobs: int, program: Sequence[str] | None = None
) -> Iterator[tuple[Case, Outcome]]:
    """Run *cases*, at most *jobs* at a time, yielding each with its outcome as it ends.

    The subprocesses are started and reaped from this one thread (no thread
    pool: ``preexec_fn`` is not safe with threads).
    """
    waiting = list(reversed(cases))
    running: list[_Running] = []
    while waiting or running:
        while waiting and len(running) < max(1, jobs):
            running.append(start_case(waiting.pop(), budget, program=program))
        for item in list(running):
            outcome = poll_case(item)
            if outcome is not None:
                running.remove(item)
                yield item.case, outcome
        time.sleep(0.02)


def _outcome(
    running: _Running, status: int, wall: float, usage: resource.struct_rusage, killed: bool
) -> Outcome:
    budget, folder = running.budget, running.box / "a"
    out_path, err_path = folder / "stdout", folder / "stderr"
    stdout = out_path.read_bytes().decode("utf-8", "replace") if out_path.exists() else ""
    stderr = err_path.read_bytes().decode("utf-8", "replace")
    out_path.unlink(missing_ok=True)
    err_path.unlink()
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    problems: list[str] = []
    if killed:
        problems.append(f"over the wall-clock budget: killed after {wall:.1f} s")
    elif status == -signal.SIGXCPU or (status == -signal.SIGKILL and cpu >= budget.cpu):
        problems.append(f"over the CPU budget ({budget.cpu} s): killed by the limit")
    elif status not in (0, 1, 2):
        problems.append(f"exit status {status} (expected 0, 1 or 2)")
    if "Traceback" in stderr:
        problems.append("a traceback on stderr")
    allowed = running.case.expect_status
    if allowed and status not in allowed and status in (0, 1, 2):
        problems.append(f"status {status}, expected {' or '.join(map(str, allowed))}")
    wanted = running.case.expect_stderr
    if status == 2 and wanted and wanted not in stderr:
        problems.append(f"the error does not name {wanted!r}")
    if "MemoryError" in stderr:
        problems.append(f"over the memory budget ({budget.address_space} bytes of address space)")
    if not killed and wall > budget.wall:
        problems.append(f"over the wall-clock budget: {wall:.1f} s > {budget.wall} s")
    if peak > budget.peak_rss:
        problems.append(f"over the memory budget: peak {peak >> 20} MiB > {budget.peak_rss >> 20}")
    return Outcome(status, stdout, stderr, wall, cpu, peak, problems, running.workdir)


def judge(before: Snapshot, after: Snapshot, status: int | None, work: Path) -> list[str]:
    """The broken promises about files, from the two snapshots of the box."""
    out = str(work / OUT)
    problems: list[str] = []
    for rel in sorted(set(before) | set(after)):
        if before.get(rel) == after.get(rel):
            continue
        inside = rel == out or rel.startswith(out + os.sep)
        what = "created" if rel not in before else "removed" if rel not in after else "changed"
        if not inside:
            problems.append(f"{what} outside {OUT}/: {rel}")
        elif rel in before and before[rel][0] in ("link", "special"):
            problems.append(f"{what} a non-regular file ({before[rel][0]}): {rel}")
        elif status not in (0, 1):
            problems.append(f"{what} in {OUT}/ although the status is {status}: {rel}")
    return problems


def save_case(case: Case, outcome: Outcome, folder: Path = FAILURES) -> Path:
    """Save *case* and what went wrong into a new folder; return it (for the replay command)."""
    target = folder / f"{case.family}-{case.key()}"
    if target.exists():
        shutil.rmtree(target)
    (target / "files").mkdir(parents=True)
    for rel, data in case.files.items():
        path = target / "files" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    record = {
        "family": case.family,
        "args": case.args,
        "files": sorted(case.files),
        "specials": case.specials,
        "note": case.note,
        "env": case.env,
        "stdout_full": case.stdout_full,
        "expect_stderr": case.expect_stderr,
        "expect_status": case.expect_status,
        "status": outcome.status,
        "problems": outcome.problems,
        "stderr_tail": outcome.stderr[-3000:],
    }
    (target / "case.json").write_text(json.dumps(record, indent=2), "utf-8")
    return target


def load_case(folder: Path) -> Case:
    """The case saved by :func:`save_case` in *folder*."""
    record = json.loads((folder / "case.json").read_text("utf-8"))
    files = {rel: (folder / "files" / rel).read_bytes() for rel in record["files"]}
    specials = [tuple(s) for s in record["specials"]]
    return Case(
        record["family"],
        record["args"],
        files,
        specials,
        record["note"],
        record["env"],
        record["stdout_full"],
        record["expect_stderr"],
        tuple(record["expect_status"]),
    )


def replay_command(folder: Path) -> str:
    """The one command that replays the case saved in *folder*."""
    return f"python {Path(__file__).relative_to(ROOT)} replay {folder}"


def describe(case: Case, outcome: Outcome, saved: Path) -> str:
    """One failure, for an assertion message."""
    tail = outcome.stderr.strip().splitlines()[-3:]
    return (
        f"[{case.family}] {case.note}\n  coordrules {' '.join(case.args)}\n"
        f"  status {outcome.status}, {outcome.wall:.1f} s, {outcome.peak_rss >> 20} MiB: "
        + "; ".join(outcome.problems)
        + ("\n  stderr: " + " | ".join(tail) if tail else "")
        + f"\n  replay: {replay_command(saved)}"
    )


def main(argv: Sequence[str]) -> int:
    """The command line of the harness (see the module docstring).

    ``replay FOLDER [--keep]`` runs a saved case again and prints what it did;
    ``worst FAMILY [INDEX]`` runs the family's known worst inputs (or one of
    them) and prints one line per case.
    """
    if len(argv) >= 2 and argv[0] == "worst":
        return _worst(argv[1], int(argv[2]) if len(argv) > 2 else None)
    if len(argv) < 2 or argv[0] != "replay":
        print(__doc__)
        return 2
    case = load_case(Path(argv[1]))
    outcome = run_case(case, Budget(), keep="--keep" in argv)
    print(f"coordrules {' '.join(case.args)}")
    print(
        f"status {outcome.status}, {outcome.wall:.2f} s wall, {outcome.cpu:.2f} s CPU, "
        f"{outcome.peak_rss >> 20} MiB peak"
    )
    print("--- stdout (tail)\n" + outcome.stdout[-2000:])
    print("--- stderr (tail)\n" + outcome.stderr[-4000:])
    if "--keep" in argv:
        print(f"--- the folder is kept: {outcome.workdir}")
    print("problems: " + ("; ".join(outcome.problems) or "none"))
    return 1 if outcome.problems else 0


def _worst(family: str, index: int | None) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    import fuzz_inputs

    cases = fuzz_inputs.worst_cases(family)
    chosen = list(enumerate(cases)) if index is None else [(index, cases[index])]
    numbers = {id(case): number for number, case in chosen}
    failed = 0
    for case, outcome in run_cases([c for _, c in chosen], Budget(wall=30.0, cpu=10), 2):
        tail = (outcome.stderr.strip().splitlines() or [""])[-1][:160]
        verdict = "; ".join(outcome.problems) or "ok"
        print(f"{family} {numbers[id(case)]}: {case.note}: status {outcome.status}: {verdict}")
        if outcome.problems and tail:
            print(f"    {tail}")
        failed += bool(outcome.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The command line: ``coordrules COMMAND ...``.

Each command lives in its own ``_cmd_*`` module with two functions:
``add_parser(subparsers)`` registers it and ``run(args) -> int`` does the
work. Errors the user can fix (:class:`~coordrules.InputError`,
:class:`~coordrules.PackError`) are printed on stderr, in Vietnamese and
English, with exit status 2 and no traceback.

Exit status: 0 no error findings, 1 error findings, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from coordrules._version import __version__
from coordrules.model.errors import CoordrulesError

COMMANDS: tuple[str, ...] = (
    "coordrules.cli.demo",
    "coordrules.cli.dossier",
    "coordrules.cli.inspection",
    "coordrules.cli.merge",
    "coordrules.cli.rules",
)
"""The modules that each provide one command."""


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors said in Vietnamese and English."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi cách dùng lệnh / usage error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = _Parser(
        prog="coordrules",
        description=(
            "Hợp nhất lịch công tác, tìm xung đột, kiểm tra hồ sơ cuộc họp. / "
            "Merge work calendars, find conflicts, check meeting dossiers."
        ),
    )
    parser.add_argument("--version", action="version", version=f"coordrules {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        # argparse exits 2 on usage errors and 0 for --help/--version.
        return int(exit_.code or 0)
    try:
        status: int = args.run(args)
    except CoordrulesError as error:
        print(f"coordrules: lỗi / error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("coordrules: đã dừng / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``coordrules merge … | head``).
        _silence_stdout()
        return _BROKEN_PIPE
    return status


_BROKEN_PIPE = 141  # standard output closed early: 128 + SIGPIPE, as shells report it


def _silence_stdout() -> None:
    # Python flushes stdout at exit and would fail again; point it at devnull.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

"""The command line: ``coordrules COMMAND ...``.

Each command lives in its own ``_cmd_*`` module with two functions:
``add_parser(subparsers)`` registers it and ``run(args) -> int`` does the
work. Errors the user can fix (:class:`~coordrules.InputError`,
:class:`~coordrules.PackError`) are printed on stderr, in Vietnamese and
English, with exit status 2 and no traceback. Any other exception is a bug
in coordrules: one line saying so and where to report it, exit status 3,
and the traceback only with ``--debug``.

Exit status: 0 no error findings, 1 error findings, 2 bad input or usage,
3 a bug in coordrules.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from coordrules._version import __version__
from coordrules.cli.output import text_safe
from coordrules.model.errors import CoordrulesError

COMMANDS: tuple[str, ...] = (
    "coordrules.cli.demo",
    "coordrules.cli.dossier",
    "coordrules.cli.inspection",
    "coordrules.cli.merge",
    "coordrules.cli.rules",
    "coordrules.cli.serve",
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
    parser.add_argument(
        "--debug",
        action="store_true",
        help="gỡ lỗi / on an unexpected error (exit status 3), print the traceback "
        "(also after the command)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS:
        importlib.import_module(name).add_parser(subparsers)
    for command in subparsers.choices.values():
        # ``coordrules merge … --debug`` works too; documented once, above.
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status.

    0 no error finding, 1 error findings, 2 unusable input or usage (also:
    standard output cannot be written), 3 an unexpected error, a bug in
    coordrules (its traceback only with ``--debug``), 130 interrupted, 141
    standard output closed early.
    """
    _tolerant_console()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        # argparse exits 2 on usage errors and 0 for --help/--version.
        code = exit_.code if isinstance(exit_.code, int) else USAGE if exit_.code else 0
        return USAGE if _stdout_failed() else code
    status = _run(args)
    # Output that could not be written makes a result unusable: say so, status 2.
    return USAGE if _stdout_failed() and status in (0, 1) else status


def _run(args: argparse.Namespace) -> int:
    """Run the command *args* names; map each kind of failure to its exit status."""
    try:
        status: int = args.run(args)
        sys.stdout.flush()  # a full device shows here, not at exit
    except CoordrulesError as error:
        _say(f"coordrules: lỗi / error: {text_safe(str(error))}")
        return USAGE
    except KeyboardInterrupt:
        _say("coordrules: đã dừng / interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``coordrules merge … | head``).
        _silence_stdout()
        return _BROKEN_PIPE
    except OSError as error:
        if error.filename is not None:
            # A file the user named could not be read (permissions, a folder …).
            name = text_safe(os.fsdecode(error.filename))
            reason = error.strerror or str(error)
            _say(
                f"coordrules: lỗi / error: {name}: không đọc hoặc ghi được tệp / "
                f"cannot read or write the file: {reason}"
            )
            return USAGE
        if error.errno in _STDOUT_ERRORS:
            # Files are written by cli/output.py, which names them; an error
            # without a file name is standard output's (``> /dev/full``).
            _say_stdout_failed(error)
            return USAGE
        return _bug(error, args.debug)
    except Exception as error:  # every other failure is a bug in coordrules: say so
        return _bug(error, args.debug)
    return status


USAGE = 2
"""Exit status for unusable input or a usage error."""
BUG = 3
"""Exit status for an unexpected error: a bug in coordrules, never a finding."""
_BROKEN_PIPE = 141  # standard output closed early: 128 + SIGPIPE, as shells report it
_STDOUT_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT})


def _bug(error: BaseException, debug: bool) -> int:
    """Say that *error* is a bug in coordrules, in one line; the traceback with --debug."""
    if debug:
        _say("".join(traceback.format_exception(error)).rstrip())
    what = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    hint = "" if debug else "; chạy lại với --debug để xem chi tiết / run with --debug for details"
    _say(
        "coordrules: lỗi của chương trình coordrules, không phải của dữ liệu; hãy báo cho nhóm "
        "phát triển coordrules kèm lệnh đã chạy / a bug in coordrules, not in your input; "
        f"report it to the coordrules developers with the command you ran ({what}){hint}"
    )
    _stdout_failed()
    return BUG


def _stdout_failed() -> bool:
    """Whether standard output cannot take what is pending (a full device …); say so."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return False  # the reader went away: nothing to tell anyone
    except OSError as error:
        _say_stdout_failed(error)
        return True
    return False


def _say_stdout_failed(error: OSError) -> None:
    _silence_stdout()
    _say(
        "coordrules: lỗi / error: không ghi được ra đầu ra chuẩn / cannot write to "
        f"standard output: {error.strerror or error}"
    )


def _tolerant_console() -> None:
    """Never fail on a console that cannot show Vietnamese: print what it can.

    A terminal or pipe in cp1258, latin-1 or ASCII (``PYTHONIOENCODING``)
    shows characters it lacks as ``\\uXXXX`` escapes, and a file name that
    is not UTF-8 as ``\\xNN`` escapes, instead of raising.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _say(text: str) -> None:
    """Print *text* on standard error; a standard error that cannot be written is ignored."""
    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    # Python flushes stdout at exit and would fail again; point it at devnull.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing will be flushed at exit

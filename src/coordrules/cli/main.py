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
import re
import sys
import traceback
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from coordrules._version import __version__
from coordrules.cli.common import DATE_RULE_TEXT
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


ARGPARSE_VI: dict[str, str] = {
    # What argparse says to people (its gettext message ids) → Vietnamese; tests/test_cli_help.py
    # checks them against the running argparse.
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "subcommands": "lệnh",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r "
    "(chọn một trong: %(choices)s)",
    "expected one argument": "cần đúng một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị; bỏ qua %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn viết tắt không rõ: "
    "%(option)s có thể là %(matches)s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r "
    "(các lệnh: %(choices)s)",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
"""argparse's own words in Vietnamese, for our parsers only.

argparse looks its words up with the process-wide :mod:`gettext`; a library
must not change that state, so our parsers translate what argparse says
(:class:`BilingualCatalogue`): help headings through the formatter, errors
in :meth:`_Parser.error`. argparse's other messages are for programmers (a
parser built wrongly), never for a user.
"""

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")


class BilingualCatalogue:
    """A gettext-compatible catalogue: each message in Vietnamese, then English.

    ``gettext(msgid)`` gives ``"vi / en"``; :meth:`translate` reads back an
    English message argparse has already filled in and says it in Vietnamese.
    """

    def __init__(self, vietnamese: dict[str, str]) -> None:
        self._vi = vietnamese
        self._patterns = [(self._pattern(msgid), msgid) for msgid in vietnamese]

    def gettext(self, message: str) -> str:
        """*message* in Vietnamese and English, or as it is when not in the catalogue."""
        vi = self._vi.get(message)
        if vi is None:
            return message
        if message.endswith(": ") and vi.endswith(": "):  # "cách dùng / usage: "
            return f"{vi[:-2]} / {message}"
        return f"{vi} / {message}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural message for *n*, in Vietnamese and English."""
        return self.gettext(singular if n == 1 else plural)

    def translate(self, message: str) -> str | None:
        """The Vietnamese for *message*, a filled-in English message; ``None`` if unknown."""
        for pattern, msgid in self._patterns:
            found = pattern.fullmatch(message)
            if found is not None:
                return self._fill(msgid, list(found.groups()))
        return None

    def _fill(self, msgid: str, values: list[str]) -> str:
        """The Vietnamese of *msgid* with the *values* argparse put in its placeholders."""
        keys = [m[1] for m in _PLACEHOLDER.finditer(msgid)]
        named = {key: value for key, value in zip(keys, values, strict=True) if key}
        if "message" in named:  # "argument --as-of: expected one argument"
            named["message"] = self.translate(named["message"]) or named["message"]
        positional = iter(value for key, value in zip(keys, values, strict=True) if not key)
        return _PLACEHOLDER.sub(
            lambda m: named[m[1]] if m[1] else next(positional), self._vi[msgid]
        )

    @staticmethod
    def _pattern(msgid: str) -> re.Pattern[str]:
        parts = _PLACEHOLDER.split(msgid)
        literal = parts[::2]  # split() puts each placeholder's name between the literals
        return re.compile("(.+?)".join(re.escape(text) for text in literal), re.DOTALL)


_CATALOGUE = BilingualCatalogue(ARGPARSE_VI)


class _Formatter(argparse.HelpFormatter):
    """argparse's help with its headings in Vietnamese and English and defaults shown."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = _CATALOGUE.gettext("usage: ")
        super().add_usage(usage, actions, groups, prefix)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        help_text = action.help
        if (
            help_text
            and help_text is not argparse.SUPPRESS
            and "%(default)" not in help_text
            and action.default not in (None, False, argparse.SUPPRESS)
            and action.default != []
        ):
            help_text += " (default: %(default)s)"
        return help_text


class _Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese and English: help, headings and usage errors."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = _CATALOGUE.gettext("positional arguments")
        self._optionals.title = _CATALOGUE.gettext("options")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=_CATALOGUE.gettext("show this help message and exit"),
            )

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse ignores an OSError writing help or the version: ``--help >
        # /dev/full`` would exit 0 with nothing written. Standard output's is
        # raised for main() to report; standard error's is ignored, as _say does.
        if not message:
            return
        stream = sys.stderr if file is None else file
        if stream is sys.stdout:
            print(message, end="", file=stream, flush=True)
        else:
            with contextlib.suppress(OSError, ValueError):
                stream.write(message)

    def error(self, message: str) -> NoReturn:
        """Print the usage and *message* in Vietnamese and English; exit with status 2."""
        vi = _CATALOGUE.translate(message)
        said = message if vi is None else f"{vi} / {message}"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi cách dùng lệnh / usage error: {said}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered.

    Building it imports each command's module but no adapter: the file-format
    libraries load when a command runs.
    """
    parser = _Parser(
        prog="coordrules",
        description=(
            "Hợp nhất lịch công tác, tìm xung đột, kiểm tra hồ sơ cuộc họp. / "
            "Merge work calendars, find conflicts, check meeting dossiers."
        ),
        epilog=DATE_RULE_TEXT,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"coordrules {__version__}",
        help=_CATALOGUE.gettext("show program's version number and exit"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="gỡ lỗi / on an unexpected error (exit status 3), print the traceback "
        "(also after the command)",
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", help="lệnh / the command to run"
    )
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
    except BrokenPipeError:
        # ``coordrules --help | head -1``: the reader went away.
        _silence_stdout()
        return _BROKEN_PIPE
    except OSError as error:
        # Help or the version could not be written (``--help > /dev/full``):
        # only standard output's errors get here (_Parser._print_message).
        _say_stdout_failed(error)
        return USAGE
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

"""Errors: who is at fault, what is wrong, where, and what to do.

Findings are never errors: a check reports what it finds and returns. These
exceptions are for input the library cannot use at all (:class:`InputError`),
for rule packs that are not valid (:class:`PackError`) and for people
directories that are not valid (:class:`DirectoryError`).

All three have one shape: ``file``, ``place`` (where in the file: a key path,
a row, a UID), ``line`` (the line number in the file, when it is known),
``reason`` (English), ``reason_vi`` (Vietnamese) and ``hint`` (what to do),
and :meth:`~InputError.describe` gives them as one line.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Self


class CoordrulesError(Exception):
    """Root of every error this library raises on purpose."""


def _describe(
    file: str,
    place: str | None,
    line: int | None,
    reason: str,
    reason_vi: str | None,
    hint: str | None,
) -> str:
    where = file if line is None else f"{file}:{line}"
    if place is not None and place != f"line {line}":
        where = f"{where}: {place}"
    text = reason if reason_vi is None else f"{reason_vi} / {reason}"
    text = f"{where}: {text}"
    return text if hint is None else f"{text} ({hint})"


class InputError(CoordrulesError):
    """Input the user gave cannot be used (lỗi dữ liệu đầu vào).

    Carries the file, the place in it (line, UID, table row …), the reason,
    and what to do. ``str(error)`` gives one line naming all of them.
    """

    def __init__(
        self,
        file: str,
        reason: str,
        *,
        place: str | None = None,
        hint: str | None = None,
        reason_vi: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file: str = file
        """The file that cannot be used, or the option or argument that names it."""
        self.place: str | None = place
        """Where in the file (line, UID, table row …), when it can be told."""
        self.line: int | None = line
        """The line number in the file (from 1), when it is known."""
        self.reason: str = reason
        """What is wrong, in English."""
        self.reason_vi: str | None = reason_vi
        """What is wrong, in Vietnamese, when given."""
        self.hint: str | None = hint
        """What to do about it, when there is something to say."""
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: ``file[:line]: place: reason (hint)``, Vietnamese first when given."""
        return _describe(self.file, self.place, self.line, self.reason, self.reason_vi, self.hint)


class PackError(CoordrulesError):
    """A rule pack is not valid (gói quy tắc không hợp lệ).

    The same fields as :class:`InputError`: the file, the place inside it (the
    key path, ``meeting_kind[ubnd-meeting].office``: a list entry is named by
    its ``id`` when it has one, by its position otherwise), the line in the
    file when it can be found, the reason in English and Vietnamese, and a
    hint. When a loader finds several problems it raises the first with the
    others in *others*; ``problems`` lists them all, first included, and
    ``str(error)`` shows each on its own line (:meth:`describe` each).
    """

    def __init__(
        self,
        file: str,
        place: str,
        reason: str,
        *,
        reason_vi: str | None = None,
        hint: str | None = None,
        line: int | None = None,
        others: Sequence[PackError] = (),
    ) -> None:
        self.file: str = file
        """The pack file (or people file, for a :class:`DirectoryError`)."""
        self.place: str = place
        """The key path inside it (``meeting_kind[ubnd-meeting].body``), or ``file``."""
        self.line: int | None = line
        """The line number in the file (from 1), when it is known."""
        self.reason: str = reason
        """What is wrong, in English."""
        self.reason_vi: str | None = reason_vi
        """What is wrong, in Vietnamese, when given."""
        self.hint: str | None = hint
        """What to do about it, when there is something to say."""
        self.problems: tuple[PackError, ...] = (self, *others)
        """Every problem found, this one first."""
        super().__init__("\n".join(p.describe() for p in self.problems))

    @property
    def others(self) -> tuple[PackError, ...]:
        """The problems found besides this one."""
        return self.problems[1:]

    @property
    def key(self) -> str:
        """Deprecated alias of :attr:`place` (kept for one release)."""
        warnings.warn(
            "PackError.key is deprecated; use PackError.place",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.place

    def describe(self) -> str:
        """One line for this problem: ``file[:line]: place: reason (hint)``."""
        return _describe(self.file, self.place, self.line, self.reason, self.reason_vi, self.hint)

    def with_others(self, others: Sequence[PackError]) -> Self:
        """This problem again, of the same class, carrying *others* after it."""
        return type(self)(
            self.file,
            self.place,
            self.reason,
            reason_vi=self.reason_vi,
            hint=self.hint,
            line=self.line,
            others=others,
        )


class DirectoryError(PackError):
    """A people directory is not valid (danh bạ người không hợp lệ).

    The same fields as :class:`PackError`; ``place`` is the row
    (``row 3``) or key path (``person[nguyen-van-a].appointment[0].since``).
    It is a subclass of :class:`PackError` for one release, so that
    ``except PackError`` around :func:`~coordrules.load_directory` keeps
    working; catch :class:`DirectoryError` in new code.
    """

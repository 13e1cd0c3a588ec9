"""Errors: who is at fault, what is wrong, where, and what to do.

Findings are never errors: a check reports what it finds and returns. These
exceptions are for input the library cannot use at all (:class:`InputError`)
and for rule packs that are not valid (:class:`PackError`).
"""

from __future__ import annotations

from collections.abc import Sequence


class CoordrulesError(Exception):
    """Root of every error this library raises on purpose."""


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
    ) -> None:
        self.file: str = file
        """The file that cannot be used, or the option or argument that names it."""
        self.place: str | None = place
        """Where in the file (line, UID, table row …), when it can be told."""
        self.reason: str = reason
        """What is wrong, in English."""
        self.reason_vi: str | None = reason_vi
        """What is wrong, in Vietnamese, when given."""
        self.hint: str | None = hint
        """What to do about it, when there is something to say."""
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: ``file: place: reason (hint)``, Vietnamese first when given."""
        where = self.file if self.place is None else f"{self.file}: {self.place}"
        reason = self.reason if self.reason_vi is None else f"{self.reason_vi} / {self.reason}"
        text = f"{where}: {reason}"
        return text if self.hint is None else f"{text} ({self.hint})"


class PackError(CoordrulesError):
    """A rule pack or people directory is not valid (gói quy tắc không hợp lệ).

    Names the file, the key path inside it (``meeting_kind[3].body``) and the
    reason. When a loader finds several problems it raises the first with the
    others in *others*; ``problems`` lists them all, first included, and
    ``str(error)`` shows each on its own line.
    """

    def __init__(
        self, file: str, key: str, reason: str, *, others: Sequence[PackError] = ()
    ) -> None:
        self.file: str = file
        """The pack or people file."""
        self.key: str = key
        """The key path inside it (``meeting_kind[3].body``)."""
        self.reason: str = reason
        """What is wrong."""
        self.problems: tuple[PackError, ...] = (self, *others)
        """Every problem found, this one first."""
        lines = [f"{p.file}: {p.key}: {p.reason}" for p in (self, *others)]
        super().__init__("\n".join(lines))

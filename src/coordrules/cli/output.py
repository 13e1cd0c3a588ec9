"""Writing the command line's output files: all or nothing, as far as a file system allows.

Every output is built in memory first. Each target is checked (not a
folder), then written to a temporary file beside it; only when all are
written are they renamed into place. A failure before the renames leaves
every target as it was. A rename itself failing part-way (rare: the
temporary files sit beside their targets) is reported naming the file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from coordrules.model.errors import InputError


def _cannot_write(target: str, error: OSError | str) -> InputError:
    reason = error if isinstance(error, str) else (error.strerror or str(error))
    return InputError(
        target,
        f"cannot write the output: {reason}",
        reason_vi="không ghi được tệp kết quả",
    )


def write_outputs(outputs: Sequence[tuple[str, bytes]]) -> None:
    """Write each ``(path, data)``; on any failure remove what was staged and raise.

    Raises :class:`~coordrules.InputError` naming the path that could not be
    written (a folder in its place, a missing or read-only folder …).
    """
    for target, _ in outputs:
        if Path(target).is_dir():
            raise _cannot_write(target, "a folder has that name")
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in outputs:
            path = Path(target)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                staged.append((Path(name), path))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                # mkstemp makes the file private; give it the usual permissions.
                os.chmod(name, 0o666 & ~_umask())
            except OSError as error:
                raise _cannot_write(target, error) from None
        for temp, path in staged:
            try:
                os.replace(temp, path)
            except OSError as error:
                raise _cannot_write(str(path), error) from None
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

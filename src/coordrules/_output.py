"""Writing the command line's output files: all or nothing.

Every output is built in memory first; then each is written to a temporary
file beside its target and renamed into place, so an error never leaves a
half-written file, and a failure part-way removes what this call wrote.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from coordrules._errors import InputError


def write_outputs(outputs: Sequence[tuple[str, bytes]]) -> None:
    """Write each ``(path, data)``; on any failure remove what was written and raise.

    Raises :class:`~coordrules.InputError` naming the path that could not be
    written (a missing folder, no permission …).
    """
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
                raise InputError(
                    target,
                    f"cannot write the output: {error.strerror or error}",
                    reason_vi="không ghi được tệp kết quả",
                ) from None
        for temp, path in staged:
            os.replace(temp, path)
    finally:
        for temp, _ in staged:
            if temp.exists():
                temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

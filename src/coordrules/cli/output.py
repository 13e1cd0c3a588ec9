"""Writing the command line's output files: all or nothing, as far as a file system allows.

Every output is built in memory first, after every input was read. Then
all targets are checked before anything is written:

* a target that exists must be a regular file: a folder, a symbolic link, a
  named pipe (FIFO), a device or a socket is never replaced;
* no path is given for two outputs, and no output is one of the inputs;
* a file that must stay in a folder (one feed per person) is directly in
  that folder once every symbolic link is resolved;
* a file name fits the file system (``ENAMETOOLONG`` is refused up front).

Each output is then written to a temporary file beside its target; only
when all are written are they renamed into place. A failure before the
renames leaves every target as it was and removes the folders it made. A
rename itself failing part-way (rare: the temporary files sit beside their
targets) is reported naming the file.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs

from coordrules.model.errors import InputError
from coordrules.model.findings import Report

_REASONS_VI = {
    errno.ENOSPC: "hết chỗ trống trên ổ đĩa",
    errno.EDQUOT: "vượt hạn mức ổ đĩa",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOENT: "thư mục không tồn tại",
}


@attrs.frozen
class Output:
    """One file to write: its *path*, its bytes, and what named it.

    *option* is the command-line option that named the file (for messages).
    *folder*, when given, is the folder the user named: the file must be
    directly inside it, symbolic links resolved (``--per-person DIR``).
    """

    path: str
    data: bytes = b""
    option: str | None = None
    folder: str | None = None


def _error(target: str, reason: str, reason_vi: str, hint: str | None = None) -> InputError:
    return InputError(target, f"cannot write the output: {reason}", reason_vi=reason_vi, hint=hint)


def _os_error(target: str, error: OSError) -> InputError:
    reason = error.strerror or str(error)
    detail = _REASONS_VI.get(error.errno or 0)
    vi = "không ghi được tệp kết quả" + (f": {detail}" if detail else "")
    return _error(target, reason, vi)


def _as_output(item: Output | tuple[str, bytes]) -> Output:
    return item if isinstance(item, Output) else Output(str(item[0]), item[1])


def _key(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def same_file(a: str, b: str) -> bool:
    """*a* and *b* are one file: the same path once resolved, or hard links."""
    if _key(a) == _key(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _name_max(path: str) -> int:
    """The longest file name (in bytes) the file system holding *path* allows."""
    folder = os.path.dirname(os.path.abspath(path))
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    try:
        return os.pathconf(folder or "/", "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _check_one(output: Output) -> None:
    target = output.path
    if not target or "\0" in target:
        raise _error(target or "''", "not a file name", "không phải tên tệp")
    name = os.path.basename(target)
    if name in ("", ".", ".."):
        raise _error(target, "not a file name", "không phải tên tệp")
    if output.folder is not None:
        parent = os.path.dirname(target) or "."
        if Path(parent) != Path(output.folder) or _key(parent) != _key(output.folder):
            raise _error(
                target,
                f"would be written outside the folder {output.folder}",
                f"tệp sẽ nằm ngoài thư mục {output.folder}",
            )
    longest = max(len(os.fsencode(part)) for part in Path(target).parts)
    if longest > (limit := _name_max(target)):
        raise _error(
            target, "file name too long", "tên tệp quá dài", hint=f"at most {limit} bytes a name"
        )
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as error:
        if error.errno in (errno.ENOTDIR, errno.ENOENT):
            return  # reported when the folder is made
        raise _os_error(target, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise _error(target, "a folder has that name", "đã có thư mục trùng tên")
    if stat.S_ISLNK(info.st_mode):
        raise _error(
            target,
            "it is a symbolic link; coordrules never replaces one",
            "đó là liên kết tượng trưng (symlink); coordrules không ghi đè",
            hint="remove the link or name another file",
        )
    if not stat.S_ISREG(info.st_mode):
        raise _error(
            target,
            "it is not a regular file (a pipe, device or socket); coordrules never replaces one",
            "đó không phải tệp thường (ống dẫn, thiết bị, socket); coordrules không ghi đè",
        )


def check_outputs(
    outputs: Sequence[Output | tuple[str, bytes]], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Check every target as :func:`write_outputs` does; write nothing.

    Raises :class:`~coordrules.InputError` naming the first target that
    cannot be written: not a regular file, outside its folder, a name too
    long, one path for two outputs, or an output that is one of *inputs*.
    """
    items = [_as_output(item) for item in outputs]
    for output in items:
        _check_one(output)
    # Keyed by resolved path and, for files that exist, by device and inode
    # (hard links): linear in the number of outputs (thousands of people).
    seen: dict[object, Output] = {}
    for output in items:
        for key in _identities(output.path):
            other = seen.get(key)
            if other is not None and other is not output:
                both = f" ({other.option} and {output.option})" if output.option else ""
                raise _error(
                    output.path,
                    f"the same file is given for two outputs{both}",
                    "một tệp được chỉ định cho hai kết quả",
                    hint="give each output its own file",
                )
            seen[key] = output
    folders: dict[str, Output] = {}
    for output in items:
        folder = os.path.dirname(_key(output.path))
        while folder not in folders:
            folders[folder] = output
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    for output in items:
        inner = folders.get(_key(output.path))
        if inner is not None:
            raise _error(
                output.path,
                f"it is also a folder of another output ({inner.path})",
                "tệp kết quả trùng với thư mục của một kết quả khác",
                hint="give each output its own file",
            )
    sources = {key for path in inputs for key in _identities(os.fspath(path))}
    for output in items:
        if not sources.isdisjoint(_identities(output.path)):
            raise _error(
                output.path,
                "it is one of the inputs; coordrules never overwrites an input",
                "tệp kết quả trùng với tệp đầu vào; coordrules không ghi đè đầu vào",
                hint="name another file for the output",
            )


def _identities(path: str) -> list[object]:
    """What makes *path* one file: its resolved path; device and inode if it exists."""
    found: list[object] = [_key(path)]
    with contextlib.suppress(OSError, ValueError):
        info = os.stat(path)
        found.append((info.st_dev, info.st_ino))
    return found


def read_previous(path: str) -> bytes | None:
    """The bytes of an earlier output at *path*; ``None`` if there is none to use.

    Only a regular file is read (a symbolic link is not followed: writing
    there is refused later anyway). A folder is an error.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a folder, not a file", reason_vi="là thư mục, không phải tệp")
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(
            path,
            f"cannot read the earlier output: {error.strerror or error}",
            reason_vi="không đọc được tệp kết quả lần trước",
        ) from None


def write_outputs(
    outputs: Sequence[Output | tuple[str, bytes]], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write each output; on any failure remove what was staged and raise.

    *outputs* are :class:`Output` or ``(path, data)`` pairs. Every target is
    first checked with :func:`check_outputs` (against *inputs* too).
    Raises :class:`~coordrules.InputError` naming the path that could not be
    written (a folder or symbolic link in its place, a missing or read-only
    folder, a full disk …).
    """
    items = [_as_output(item) for item in outputs]
    check_outputs(items, inputs=inputs)
    staged: list[tuple[str, str]] = []
    made: list[str] = []
    done = False
    try:
        for output in items:
            try:
                parent = os.path.dirname(output.path) or "."
                made.extend(_make_folders(parent))
                handle, temp = tempfile.mkstemp(prefix=".coordrules-", suffix=".tmp", dir=parent)
                staged.append((temp, output.path))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(output.data)
                    stream.flush()
                    os.fsync(stream.fileno())
                # mkstemp makes the file private; give it the usual permissions.
                os.chmod(temp, 0o666 & ~_umask())
            except OSError as error:
                raise _os_error(output.path, error) from None
        for temp, target in staged:
            try:
                os.replace(temp, target)
            except OSError as error:
                raise _os_error(target, error) from None
        done = True
    finally:
        for temp, _ in staged:
            if os.path.lexists(temp):
                os.unlink(temp)
        if not done:
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    os.rmdir(folder)


def _make_folders(folder: str) -> list[str]:
    """Make *folder* and its missing parents; return those made, outermost first."""
    missing: list[str] = []
    current = os.path.abspath(folder)
    while not os.path.lexists(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    made: list[str] = []
    for path in reversed(missing):
        os.mkdir(path)
        made.append(path)
    return made


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A lone surrogate in JSON text (a file name that is not UTF-8) as ``\\xNN`` text."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    shown = "".join(
        f"\\\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else f"\\\\u{ord(c):04x}"
        for c in bad
    )
    return shown, error.end


codecs.register_error("coordrules.json-escape", _json_escape)


def report_json(report: Report) -> bytes:
    """*report* as UTF-8 JSON text ending in a newline, for a file.

    A file name that is not UTF-8 (Linux hands it over surrogate-escaped)
    appears with each bad byte as the text ``\\xNN``: the file is valid UTF-8
    and valid JSON whatever the names.
    """
    return (report.to_json() + "\n").encode("utf-8", "coordrules.json-escape")


_T = TypeVar("_T")


def has_bad_names(paths: Iterable[str | os.PathLike[str] | None]) -> bool:
    """Whether any of *paths* is a file name that is not UTF-8 (surrogate-escaped)."""
    return any(
        path is not None and not os.fspath(path).isascii() and _SURROGATE.search(os.fspath(path))
        for path in paths
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_safe(value: _T) -> _T:
    """*value* with every lone surrogate in its text shown as ``\\xNN`` (a copy).

    Linux hands over a file name that is not UTF-8 with its bad bytes as lone
    surrogates; no UTF-8 output (iCalendar, DOCX, JSON) can hold them. Walks
    attrs classes, tuples, lists and dicts; anything else is kept as it is.
    """
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value
        try:
            raw = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = value.encode("utf-8", "surrogatepass")
        return cast(_T, raw.decode("utf-8", "backslashreplace"))
    if isinstance(value, tuple | list):
        items = [text_safe(item) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return cast(_T, type(value)(items))
    if isinstance(value, dict):
        return cast(_T, {text_safe(k): text_safe(v) for k, v in value.items()})
    if attrs.has(type(value)):
        instance: Any = value
        changes = {}
        for field in attrs.fields(type(instance)):
            if not field.init:
                continue
            old = getattr(instance, field.name)
            new = text_safe(old)
            if new is not old:
                changes[field.alias] = new
        return cast(_T, attrs.evolve(instance, **changes)) if changes else value
    return value


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

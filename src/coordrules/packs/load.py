"""The rule-pack loader: TOML files in, a validated :class:`~coordrules.Pack` out.

What lives here: :func:`load_pack` (a bundled name or a file),
:func:`load_pack_text` and :func:`load_pack_mapping` (a pack kept elsewhere)
and :func:`bundled_packs`. Its two halves
live beside it: :mod:`~coordrules.packs.pack_file` reads TOML (stdlib
``tomllib``), checks it against the format table of
:mod:`coordrules.packs.schema` and resolves ``extends``;
:mod:`~coordrules.packs.build` makes the checks that need the whole pack
(references between ids, one lead per kind of work, non-overlapping
versions, a ``cite`` for every ``statute`` value) and the typed pack.
What never does: rules that use a pack, and any reading of the clock.

Every problem is a :class:`~coordrules.PackError` naming the file, the key
path (``meeting_kind[ubnd-meeting].office``), the line and the reason; all
problems of a pack, shape and references alike, are collected and raised
together (the first, with the others in ``problems``). The checks and the
building follow the format table of :mod:`coordrules.packs.schema`: its
``refers`` says which section each id names.

How ``extends`` works: the child pack starts from its parent's entries. An
entry of the child with the ``id`` of a parent's entry *replaces* every
parent entry with that id (all its versions; nothing is merged key by key),
new ids are added, ``[pack] remove = ["section:key"]`` drops parent entries,
and a child's policy rule replaces the parent's list of versions as a whole.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coordrules.packs import limits
from coordrules.packs.build import _build
from coordrules.packs.pack import Pack
from coordrules.packs.pack_file import (
    _bundled_path,
    _error,
    _load_chain,
    _parse_file,
    _parse_raw,
    _parse_text,
    _say,
    bundled_packs,
    checked_text,
    plain_mapping,
)
from coordrules.packs.toml_lines import NO_LINES

__all__ = ["bundled_packs", "load_pack", "load_pack_mapping", "load_pack_text"]


def load_pack(source: str | os.PathLike[str]) -> Pack:
    """Load and validate a rule pack.

    *source* is a bundled pack name (see :func:`bundled_packs`) or the path
    of a TOML file. A pack may extend another (``[pack] extends``); cycles
    and chains longer than :data:`~coordrules.packs.limits.EXTENDS_DEPTH`
    are refused. The file's size, its nesting and its values are bounded
    (:data:`~coordrules.packs.limits.LIMITS`, the Limits table of
    ``docs/packs.md``).

    Raises :class:`~coordrules.PackError` naming file, key path and reason
    (all the problems found are in its ``problems``).
    """
    if isinstance(source, str) and source in bundled_packs():
        path = _bundled_path(source)
    else:
        path = Path(source)
        if not path.exists() and path.suffix == "" and os.sep not in str(source):
            # Neither a bundled name nor a file: say both, so a typo is plain.
            raise _error(
                str(source),
                "pack",
                _say(
                    "không có gói quy tắc này",
                    "no bundled pack and no file of that name; bundled: "
                    + ", ".join(bundled_packs()),
                ),
            )
    doc = _parse_file(path)
    return _build(_load_chain(doc, (str(path.resolve()),), path.resolve().parent))


def load_pack_text(
    text: str, *, name: str = "<text>", base: str | os.PathLike[str] | None = None
) -> Pack:
    """Load and validate a rule pack from TOML *text* (a pack kept in a database).

    *name* stands for the file in errors (and is the pack's ``path``). The
    text is bounded as a file is (:data:`~coordrules.packs.limits.PACK_BYTES`,
    nesting, values). ``[pack] extends`` may name a bundled pack; a file is
    allowed only when *base* is given: a path relative to *base*, inside it.

    Raises :class:`~coordrules.PackError` naming *name*, the key path, the
    line and the reason (all the problems found are in its ``problems``).
    """
    doc = _parse_text(checked_text(text, name, limits.PACK_BYTES), name)
    return _build(_load_chain(doc, (name,), _base(base)))


def load_pack_mapping(
    mapping: Mapping[str, Any],
    *,
    name: str = "<mapping>",
    base: str | os.PathLike[str] | None = None,
) -> Pack:
    """Load and validate a rule pack already parsed into a mapping (TOML or JSON from a database).

    The mapping has the shape ``tomllib`` gives for a pack file: tables as
    mappings, arrays as lists, dates as ``date`` or ISO text. *name* stands
    for the file in errors; there are no line numbers. ``extends`` works as
    for :func:`load_pack_text`.

    Raises :class:`~coordrules.PackError` as :func:`load_pack_text` does.
    """
    raw = plain_mapping(mapping, name)
    doc = _parse_raw(raw, name, NO_LINES)
    return _build(_load_chain(doc, (name,), _base(base)))


def _base(base: str | os.PathLike[str] | None) -> Path | None:
    return None if base is None else Path(base)

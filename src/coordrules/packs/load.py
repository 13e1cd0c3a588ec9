"""The rule-pack loader: TOML files in, a validated :class:`~coordrules.Pack` out.

What lives here: :func:`load_pack` and :func:`bundled_packs`. Its two halves
live beside it: :mod:`~coordrules.packs.pack_file` reads TOML (stdlib
``tomllib``), checks it against the format table of
:mod:`coordrules.packs.schema` and resolves ``extends``;
:mod:`~coordrules.packs.build` makes the checks that need the whole pack
(references between ids, one lead per kind of work, non-overlapping
versions, a ``cite`` for every ``statute`` value) and the typed pack.
What never does: rules that use a pack, and any reading of the clock.

Every problem is a :class:`~coordrules.PackError` naming the file, the key
path (``meeting_kind[3].office``) and the reason; all problems of a pack are
collected and raised together (the first, with the others in ``problems``).

How ``extends`` works: the child pack starts from its parent's entries. An
entry of the child with the ``id`` of a parent's entry *replaces* every
parent entry with that id (all its versions; nothing is merged key by key),
new ids are added, ``[pack] remove = ["section:key"]`` drops parent entries,
and a child's policy rule replaces the parent's list of versions as a whole.
"""

from __future__ import annotations

import os
from pathlib import Path

from coordrules.packs.build import _build
from coordrules.packs.pack import Pack
from coordrules.packs.pack_file import (
    _bundled_path,
    _error,
    _load_chain,
    _parse_file,
    _say,
    bundled_packs,
)

__all__ = ["bundled_packs", "load_pack"]


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

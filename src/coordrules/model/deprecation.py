"""Old public names kept for one release: each one warns when used, then gives the new object.

A module that renamed a public name keeps its old spelling working through
:func:`renamed` (PEP 562 module ``__getattr__``)::

    __getattr__ = renamed(__name__, {"norm": "normalise_text"})

``from coordrules.model.text import norm`` then still works, with a
:class:`DeprecationWarning` that names the new name and the release that drops
the old one.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Mapping
from typing import Any

REMOVED_IN = "0.3.0"
"""The release that drops the names deprecated in 0.2.0."""


def warn_renamed(old: str, new: str, *, what: str = "", stacklevel: int = 3) -> None:
    """Warn that *old* is deprecated in favour of *new* (``DeprecationWarning``).

    *what* says what kind of name it is (``"parameter"``); empty for a module's
    name.
    """
    kind = f"{what} " if what else ""
    warnings.warn(
        f"the {kind}name {old!r} is deprecated; use {new!r} ({old!r} is removed in "
        f"coordrules {REMOVED_IN}) / tên {old!r} đã lỗi thời, hãy dùng {new!r}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def renamed(module: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that serves each old name of *names* as its new one, warning.

    *module* is the module's ``__name__``; *names* maps each old name to the new
    name, which the module defines.
    """

    def __getattr__(name: str) -> Any:
        new = names.get(name)
        if new is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        warn_renamed(name, new)
        return getattr(sys.modules[module], new)

    return __getattr__

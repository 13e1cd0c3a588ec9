"""Old public names kept for one release: each one warns when used, then gives the new object.

A module that renamed a public name keeps its old spelling working through
:func:`renamed` (PEP 562 module ``__getattr__``)::

    __getattr__ = renamed(__name__, {"norm": "normalise_text"})

``from coordrules.model.text import norm`` then still works, with a
:class:`DeprecationWarning` that names the new name and the release that drops
the old one. A function whose parameters changed keeps the old spellings
through :func:`deprecated_parameters`.
"""

from __future__ import annotations

import functools
import inspect
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, ParamSpec, TypeVar, cast

from coordrules.model.window import Window

P = ParamSpec("P")
R = TypeVar("R")

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


def deprecated_parameters(
    *,
    renamed: Mapping[str, str] | None = None,
    was_positional: Sequence[str] = (),
    windows: Mapping[str, tuple[str, str]] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep a function's old parameter spellings working for one release, each warning.

    *renamed* maps an old keyword to its new name (``previous`` → ``published``).
    *was_positional* names keyword-only parameters that used to be positional,
    in their old order after the parameters that still are (``as_of``): a call
    that passes them by position still works. *windows* maps a ``window``
    parameter to the old ``(start, end)`` pair of keywords it replaces; the two
    must be given together.

    The decorated function's signature (:func:`inspect.signature`, the API
    reference, type checkers) is the new one only.
    """
    renames = dict(renamed or {})
    pairs = dict(windows or {})

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)
        positional = sum(
            p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            for p in signature.parameters.values()
        )

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if len(args) > positional and was_positional:
                extra = args[positional:]
                if len(extra) > len(was_positional):
                    raise TypeError(f"{function.__name__}() takes too many positional arguments")
                for name, value in zip(was_positional, extra, strict=False):
                    if name in kwargs:
                        raise TypeError(f"{function.__name__}() got {name!r} twice")
                    warn_renamed(f"{name} (by position)", f"{name}=", what="parameter")
                    kwargs[name] = value
                args = args[:positional]  # type: ignore[assignment]
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{function.__name__}() got both {old!r} and {new!r}")
                    warn_renamed(old, new, what="parameter")
                    kwargs[new] = kwargs.pop(old)
            for new, (first, last) in pairs.items():
                if first in kwargs or last in kwargs:
                    if new in kwargs or first not in kwargs or last not in kwargs:
                        raise TypeError(
                            f"{function.__name__}() takes {new}=(first, last), or (deprecated) "
                            f"both {first}= and {last}="
                        )
                    warn_renamed(f"{first}=, {last}=", f"{new}=({first}, {last})", what="parameter")
                    kwargs[new] = (kwargs.pop(first), kwargs.pop(last))
            return function(*args, **kwargs)

        return wrapper

    return decorate


def deprecated_day_count(
    first: str = "first_day", count: str = "days"
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep an old ``first_day=``/``days=`` pair working as ``window=``, warning.

    Some strategies of :mod:`coordrules.testing` took a span of dates as its
    first day and a number of days; they now take ``window=(first, last)`` like
    every other function. The old pair (either or both) becomes
    ``Window(first, first + days - 1)``, the missing one taken from the
    function's default window.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        default = inspect.signature(function).parameters["window"].default

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if first in kwargs or count in kwargs:
                if "window" in kwargs:
                    raise TypeError(f"{function.__name__}() takes window= or (deprecated) {first}=")
                warn_renamed(f"{first}=, {count}=", "window=(first, last)", what="parameter")
                start = cast(date, kwargs.pop(first, default[0]))
                days = cast(int, kwargs.pop(count, (default[1] - default[0]).days + 1))
                kwargs["window"] = Window(start, start + timedelta(days=max(days, 1) - 1))
            return function(*args, **kwargs)

        return wrapper

    return decorate

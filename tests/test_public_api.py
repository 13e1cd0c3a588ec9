"""The public face: one module, a sorted ``__all__``, every name documented."""

from __future__ import annotations

import importlib
import inspect

import coordrules


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then everything else.
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return (kind, name)


def test_all_is_sorted_and_unique() -> None:
    assert list(coordrules.__all__) == sorted(set(coordrules.__all__), key=_isort_key)


def test_every_public_name_imports_and_has_a_docstring() -> None:
    undocumented = []
    for name in coordrules.__all__:
        value = getattr(coordrules, name)
        if name in {"__version__", "CODES"}:
            continue
        if not (inspect.getdoc(value) or "").strip():
            undocumented.append(name)
    assert undocumented == []


def test_public_classes_document_their_public_methods() -> None:
    missing = []
    for name in coordrules.__all__:
        value = getattr(coordrules, name)
        if not inspect.isclass(value):
            continue
        for attr, member in vars(value).items():
            if attr.startswith("_") or not callable(member):
                continue
            if not (inspect.getdoc(member) or "").strip():
                missing.append(f"{name}.{attr}")
    assert missing == []


def test_version_is_a_string() -> None:
    assert isinstance(coordrules.__version__, str)
    assert coordrules.__version__.count(".") >= 2


def test_public_names_live_in_a_layer() -> None:
    # Each public name is defined in one of the layers' subpackages (its home,
    # which the API reference names) and imported from ``coordrules``.
    package = importlib.import_module("coordrules")
    layers = ("model", "packs", "rules", "adapters", "cli", "testing")
    for name in coordrules.__all__:
        module = getattr(getattr(package, name), "__module__", "coordrules")
        assert module == "coordrules" or module.split(".")[1] in layers, (name, module)

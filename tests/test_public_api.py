"""The public face: one module, a sorted ``__all__``, every name documented."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import coordrules

SRC = Path(__file__).resolve().parents[1] / "src"


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


HEAVY = ("icalendar", "docx", "lxml", "recurring_ical_events", "x_wr_timezone", "holidays")
"""Libraries that load only when a file is read or written."""


def _loaded_after(code: str) -> list[str]:
    """The heavy libraries a fresh interpreter has imported after running *code*."""
    probe = f"{code}\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}}))"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    loaded = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return [name for name in HEAVY if name in loaded]


def test_import_coordrules_loads_no_file_format_library() -> None:
    assert _loaded_after("import coordrules") == []


def test_building_the_cli_parser_loads_no_file_format_library() -> None:
    code = "from coordrules.cli.main import build_parser\nbuild_parser()"
    assert _loaded_after(code) == []


def test_help_loads_no_file_format_library() -> None:
    code = (
        "import contextlib, io\nfrom coordrules.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--help']) == 0\n    assert main(['merge', '--help']) == 0"
    )
    assert _loaded_after(code) == []


def test_a_public_adapter_function_loads_its_library_when_first_used() -> None:
    # The lazy loading is real: looking the name up imports the adapter.
    assert _loaded_after("import coordrules\ncoordrules.read_ics") != []


def test_lazy_names_are_the_typing_imports_and_all() -> None:
    # The table the lazy loader reads, the ``if TYPE_CHECKING:`` imports that
    # mypy and the API reference read, and ``__all__`` name the same things.
    tree = ast.parse((SRC / "coordrules" / "__init__.py").read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    typed = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == coordrules._HOMES
    assert set(coordrules.__all__) == {*typed, "__version__"}


def test_dir_lists_every_public_name_before_its_first_use() -> None:
    assert set(coordrules.__all__) <= set(dir(coordrules))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        coordrules.no_such_name  # noqa: B018


def test_each_public_name_is_the_object_of_its_home() -> None:
    for name, home in coordrules._HOMES.items():
        assert getattr(coordrules, name) is getattr(importlib.import_module(home), name), name


def test_subpackages_are_reachable_as_attributes() -> None:
    for name in ("model", "packs", "rules", "adapters", "cli", "testing"):
        assert getattr(coordrules, name).__name__ == f"coordrules.{name}"


def test_building_the_cli_parser_loads_no_pack_loader_or_rules() -> None:
    # ``--help`` needs neither: each command imports them when it runs. A new
    # command module must import them inside its ``run``, not at its top.
    code = (
        "from coordrules.cli.main import build_parser\nbuild_parser()\nimport sys\n"
        "print(sorted(m for m in sys.modules if m.startswith(('coordrules.rules', "
        "'coordrules.packs.load', 'coordrules.packs.directory', 'coordrules.adapters'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"

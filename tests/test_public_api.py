"""The public face: one module, a sorted ``__all__``, every name documented."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import os
import subprocess
import sys
import types
import typing
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import coordrules
from coordrules.model.deprecation import deprecated_parameters
from coordrules.model.events import Moment
from coordrules.model.org import _Index

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
        if _is_type_alias(value):
            doc = _attribute_docstring(coordrules._HOMES[name], name)
        else:
            doc = inspect.getdoc(value)
        if not (doc or "").strip():
            undocumented.append(name)
    assert undocumented == []


def _is_type_alias(value: object) -> bool:
    """Whether *value* is a type alias (``Moment = date | datetime``), not a class or function."""
    return not (inspect.isclass(value) or inspect.isroutine(value)) and (
        isinstance(value, types.UnionType) or typing.get_origin(value) is not None
    )


def _attribute_docstring(module: str, name: str) -> str | None:
    """The docstring written under ``name = …`` in *module*'s source (as mkdocstrings reads it)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    for node, after in zip(tree.body, tree.body[1:], strict=False):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets) and (
            isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
        ):
            return str(after.value.value)
    return None


def test_public_type_aliases_are_found() -> None:
    # The docstring check reads the type aliases' docstrings from their source.
    assert _is_type_alias(coordrules.Moment)
    assert _is_type_alias(coordrules.DocumentInspector)
    assert not _is_type_alias(coordrules.Occurrence)
    assert "all-day" in (_attribute_docstring("coordrules.model.events", "Moment") or "")


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
        value = getattr(package, name)
        module = coordrules._HOMES.get(name, "coordrules")
        if not _is_type_alias(value):
            module = getattr(value, "__module__", module)
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


# Every type in a public signature is public ------------------------------------

PUBLIC_SUBMODULES = ("coordrules.testing", "coordrules.scale")
"""The submodules the API reference documents as public, besides ``coordrules`` itself."""


def _public_objects() -> dict[int, str]:
    """Every public object, by its id: the names of ``coordrules`` and its public submodules."""
    named = {id(getattr(coordrules, name)): name for name in coordrules.__all__}
    for module_name in PUBLIC_SUBMODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            named.setdefault(id(getattr(module, name)), f"{module_name}.{name}")
    return named


def _public_callables() -> list[tuple[str, Any]]:
    """``(label, object)`` for every public function, class, method and property."""
    found: list[tuple[str, Any]] = []
    modules = [("coordrules", coordrules.__all__)]
    modules += [(m, importlib.import_module(m).__all__) for m in PUBLIC_SUBMODULES]
    for module_name, names in modules:
        module = importlib.import_module(module_name)
        for name in names:
            value = getattr(module, name)
            label = name if module_name == "coordrules" else f"{module_name}.{name}"
            if inspect.isclass(value):
                found.append((label, value))
                if "__init__" in vars(value):
                    found.append((f"{label}.__init__", value.__init__))
                for attr, member in vars(value).items():
                    if attr.startswith("_"):
                        continue
                    if isinstance(member, property):
                        member = member.fget
                    member = getattr(member, "__func__", member)
                    if inspect.isfunction(member):
                        found.append((f"{label}.{attr}", member))
            elif inspect.isfunction(value):
                found.append((label, value))
    return found


def _namespace(obj: Any) -> dict[str, Any]:
    """The names an annotation of *obj* may use: its module's, those imported only for
    type checking (``if TYPE_CHECKING:``) included."""
    module = sys.modules[obj.__module__]
    names = dict(vars(module))
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                local = alias.asname or alias.name
                if local not in names:
                    source = importlib.import_module(node.module)
                    with warnings.catch_warnings():  # an old name a test imports on purpose
                        warnings.simplefilter("ignore", DeprecationWarning)
                        if hasattr(source, alias.name):
                            names[local] = getattr(source, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                names.setdefault(
                    alias.asname or top,
                    importlib.import_module((alias.asname and alias.name) or top),
                )
    return names


def _annotations(obj: Any) -> dict[str, str]:
    """The annotations of a function, or of a class's fields, as written (strings)."""
    if inspect.isclass(obj):
        raw: dict[str, Any] = {}
        for klass in reversed(obj.__mro__):
            raw.update(vars(klass).get("__annotations__", {}))
        fields = {f.name for f in attrs.fields(obj)} if attrs.has(obj) else set(raw)
        # A private field (``_index``) is no part of the public face.
        return {k: v for k, v in raw.items() if k in fields and not k.startswith("_")}
    return dict(getattr(obj, "__annotations__", {}))


def _coordrules_type(value: Any) -> bool:
    """Whether *value* is a class or type alias defined in coordrules (not the stdlib's,
    typing's or another library's)."""
    if isinstance(value, typing.TypeVar):
        return False
    if isinstance(value, type):
        return value.__module__.split(".")[0] == "coordrules"
    module = getattr(value, "__module__", None)
    if module is None or isinstance(value, types.ModuleType):
        return False
    if module.split(".")[0] != "coordrules" and not isinstance(value, types.UnionType):
        # ``typing.Any``, ``collections.abc.Callable`` …; an alias such as
        # ``Callable[[str], X]`` made in coordrules reports typing's module.
        return typing.get_origin(value) is not None and not _named_in_its_module(value)
    return True


def _named_in_its_module(value: Any) -> bool:
    module = sys.modules.get(getattr(value, "__module__", ""), None)
    return module is not None and any(v is value for v in vars(module).values())


def _private_types_in_signatures(
    callables: list[tuple[str, Any]] | None = None,
) -> dict[str, list[str]]:
    """Every coordrules type a public signature names that is not public, with where."""
    public = _public_objects()
    leaks: dict[str, list[str]] = {}
    for label, obj in _public_callables() if callables is None else callables:
        namespace = _namespace(obj)
        for where, text in _annotations(obj).items():
            if not isinstance(text, str):
                text = getattr(text, "__name__", repr(text))
            for node in ast.walk(ast.parse(text, mode="eval")):
                if not isinstance(node, ast.Name):
                    continue
                value = namespace.get(node.id, getattr(builtins, node.id, None))
                if value is None or not _coordrules_type(value):
                    continue
                shown_as = public.get(id(value))
                # Public, and under the name the signature shows.
                if shown_as is None or shown_as.rsplit(".", 1)[-1] != node.id:
                    leaks.setdefault(f"{node.id} ({_home(value)})", []).append(f"{label}:{where}")
    return leaks


def _home(value: Any) -> str:
    return str(getattr(value, "__module__", type(value).__module__))


def test_the_type_hints_of_every_public_signature_resolve() -> None:
    # typing.get_type_hints reads every annotation: a name that does not resolve
    # (a typo, an import missing even for type checking) fails here.
    unresolved = []
    for label, obj in _public_callables():
        try:
            typing.get_type_hints(obj, localns=_namespace(obj))
        except NameError as error:
            unresolved.append(f"{label}: {error}")
    assert unresolved == []


def test_every_class_in_a_public_signature_is_public() -> None:
    # A class a caller meets in a parameter, a return or a field is one it can
    # import from coordrules (or a public submodule) and read about.
    public = _public_objects()
    leaks = set()
    for label, obj in _public_callables():
        hints = typing.get_type_hints(obj, localns=_namespace(obj))
        if inspect.isclass(obj):
            hints = {k: v for k, v in hints.items() if k in _annotations(obj)}
        for hint in hints.values():
            for klass in _classes_in(hint):
                if klass.__module__.startswith("coordrules") and id(klass) not in public:
                    leaks.add(f"{klass.__module__}.{klass.__qualname__} in {label}")
    assert sorted(leaks) == []


def _classes_in(hint: Any) -> list[type]:
    """The classes a type hint names, its arguments' included."""
    found = [hint] if isinstance(hint, type) else []
    origin = typing.get_origin(hint)
    if isinstance(origin, type):
        found.append(origin)
    for argument in typing.get_args(hint):
        if isinstance(argument, list):  # Callable[[A, B], C]
            for item in argument:
                found += _classes_in(item)
        else:
            found += _classes_in(argument)
    return found


def test_every_type_name_in_a_public_signature_is_public() -> None:
    # The reference shows annotations as written: a type alias (``Moment``) or
    # a private class named there must be public under that same name, or the
    # reader meets a name they cannot look up (or, worse, a different public
    # thing of the same name).
    assert _private_types_in_signatures() == {}


_PrivateMoment = date | datetime
"""A stand-in for a type alias made in coordrules and not exported."""


def _stand_in(
    when: _PrivateMoment, index: _Index, occurrence: coordrules.Occurrence, moment: Moment
) -> None:
    """A stand-in public function: two private types, two public ones."""


def test_the_leak_check_sees_a_private_alias_and_a_private_class() -> None:
    leaks = _private_types_in_signatures([("stand_in", _stand_in)])
    assert sorted(leaks) == [
        "_Index (coordrules.model.org)",
        f"_PrivateMoment ({_home(_PrivateMoment)})",
    ]


# Deprecated names: each still works for one release, and warns ----------------

DEPRECATED_NAMES = [
    ("coordrules.model.dossier", "Inspector", "DocumentInspector"),
    ("coordrules", "norm", "normalise_text"),
    ("coordrules", "Code", "FindingCode"),
    ("coordrules", "Anchor", "DeadlineSide"),
    ("coordrules", "Sourced", "SourcedValue"),
    ("coordrules", "Rule", "VersionedRule"),
    ("coordrules", "Source", "CitationSource"),
]
"""``(module, old name, new name)`` for every name kept for one release."""


@pytest.mark.parametrize(("module", "old", "new"), DEPRECATED_NAMES)
def test_a_deprecated_name_warns_and_is_the_new_object(module: str, old: str, new: str) -> None:
    home = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=f"'{old}' is deprecated; use '{new}'"):
        value = getattr(home, old)
    assert value is getattr(home, new)


def test_every_renamed_public_name_is_tested() -> None:
    tested = {old for module, old, _ in DEPRECATED_NAMES if module == "coordrules"}
    assert tested == set(coordrules._RENAMED)


def test_old_names_are_not_in_all_and_warn_on_import() -> None:
    assert not set(coordrules._RENAMED) & set(coordrules.__all__)
    with pytest.warns(DeprecationWarning, match="'norm' is deprecated; use 'normalise_text'"):
        from coordrules import norm  # type: ignore[attr-defined]
    assert norm is coordrules.normalise_text


def test_each_use_of_an_old_name_warns_not_only_the_first() -> None:
    for _ in range(2):
        with pytest.warns(DeprecationWarning, match="Rule"):
            coordrules.Rule  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("coordrules.model.text", "norm", "normalise_text"),
        ("coordrules.model.findings", "Code", "FindingCode"),
        ("coordrules.model.values", "Anchor", "DeadlineSide"),
        ("coordrules.model.values", "Sourced", "SourcedValue"),
        ("coordrules.model.values", "Rule", "VersionedRule"),
        ("coordrules.model.values", "Source", "CitationSource"),
    ],
)
def test_the_old_internal_spellings_are_the_new_objects(module: str, old: str, new: str) -> None:
    # Code inside coordrules that other work still writes keeps working, silently.
    home = importlib.import_module(module)
    assert getattr(home, old) is getattr(home, new)


def test_an_unknown_name_of_a_module_with_deprecated_names_is_an_attribute_error() -> None:
    home = importlib.import_module("coordrules.model.dossier")
    with pytest.raises(AttributeError, match="no_such_name"):
        home.no_such_name  # noqa: B018


# One way to pass each thing ----------------------------------------------------


def _public_signatures() -> list[tuple[str, inspect.Signature]]:
    """The signature of every public function and method (attrs constructors left out:
    their parameters are the class's fields)."""
    found = []
    for label, obj in _public_callables():
        if inspect.isclass(obj) or label.endswith(".__init__"):
            continue
        found.append((label, inspect.signature(obj)))
    return found


def test_every_public_as_of_is_keyword_only() -> None:
    # ``as_of`` is the moment of a check; passed by name everywhere, it cannot be
    # mistaken for the meeting's date or a window end.
    seen = {
        label: sig.parameters["as_of"].kind
        for label, sig in _public_signatures()
        if "as_of" in sig.parameters
    }
    assert {"check_calendar", "check_dossier", "checklist"} <= set(seen)
    assert {k: v for k, v in seen.items() if v is not inspect.Parameter.KEYWORD_ONLY} == {}


WINDOW_HINT = "Window | tuple[date, date]"


def test_every_public_span_of_dates_is_a_keyword_only_window() -> None:
    # One way to pass a span of dates: ``window=``, a Window (or a plain pair).
    windows = {}
    pairs = []
    for label, sig in _public_signatures():
        names = set(sig.parameters)
        # Not a window: the signed count of working days from one day to another.
        if label == "WorkCalendar.working_days_between":
            continue
        spans = ({"start", "end"}, {"first", "last"}, {"first_day", "days"})
        if any(span <= names for span in spans):
            pairs.append(label)
        if "window" in names:
            windows[label] = sig.parameters["window"]
    assert pairs == []
    assert {"read_ics", "merge", "check_calendar", "write_weekly_docx"} <= set(windows)
    assert {"coordrules.testing.occurrences", "coordrules.testing.dossiers"} <= set(windows)
    for label, parameter in windows.items():
        if label == "Report.build":  # the report's own record of the window, as text
            continue
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, label
        assert str(parameter.annotation).removesuffix(" | None") == WINDOW_HINT, label


def test_previous_always_means_the_earlier_merged_calendar() -> None:
    # ``previous`` is the merged calendar published before (for late changes);
    # a feed writer's own earlier bytes are ``published``.
    previous = {
        label: str(sig.parameters["previous"].annotation)
        for label, sig in _public_signatures()
        if "previous" in sig.parameters
    }
    assert "check_calendar" in previous
    assert set(previous.values()) == {"MergedCalendar | None"}
    published = {label for label, sig in _public_signatures() if "published" in sig.parameters}
    assert published == {"write_ics", "feeds_per_person", "feeds_per_body"}


def test_a_window_is_a_pair_of_dates_named_first_and_last() -> None:
    window = coordrules.Window(date(2026, 12, 7), date(2026, 12, 13))
    first, last = window
    assert (first, last) == (window.first, window.last) == (date(2026, 12, 7), date(2026, 12, 13))
    assert window == (date(2026, 12, 7), date(2026, 12, 13))


# The old spellings still work for one release, each with a warning -------------


@deprecated_parameters(
    renamed={"previous": "published"},
    was_positional=("as_of",),
    windows={"window": ("start", "end")},
)
def _new_style(
    a: int,
    *,
    as_of: int = 0,
    published: int = 0,
    window: tuple[int, int] = (0, 0),
) -> tuple[int, int, int, tuple[int, int]]:
    """A stand-in whose parameters changed as the public ones did."""
    return a, as_of, published, window


def test_the_new_spellings_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _new_style(1, as_of=2, published=3, window=(4, 5)) == (1, 2, 3, (4, 5))


def test_the_signature_shown_is_the_new_one() -> None:
    parameters = inspect.signature(_new_style).parameters
    assert list(parameters) == ["a", "as_of", "published", "window"]
    assert parameters["as_of"].kind is inspect.Parameter.KEYWORD_ONLY


def test_a_positional_as_of_warns_and_is_passed_on() -> None:
    with pytest.warns(DeprecationWarning, match="as_of"):
        assert _new_style(1, 2) == (1, 2, 0, (0, 0))  # type: ignore[call-arg]


def test_an_old_keyword_warns_and_is_passed_on() -> None:
    with pytest.warns(DeprecationWarning, match="'previous' is deprecated; use 'published'"):
        assert _new_style(1, previous=3) == (1, 0, 3, (0, 0))  # type: ignore[call-arg]


def test_start_and_end_warn_and_become_the_window() -> None:
    with pytest.warns(DeprecationWarning, match="window="):
        assert _new_style(1, start=4, end=5) == (1, 0, 0, (4, 5))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "kwargs",
    [{"start": 4}, {"end": 5}, {"start": 4, "end": 5, "window": (4, 5)}],
    ids=["start-alone", "end-alone", "both-spellings"],
)
def test_a_half_or_doubled_window_is_a_type_error(kwargs: dict[str, Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(TypeError, match="window"):
            _new_style(1, **kwargs)


def test_an_old_and_a_new_keyword_together_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="both 'previous' and 'published'"):
        _new_style(1, previous=3, published=3)  # type: ignore[call-arg]


def test_too_many_positional_arguments_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="too many positional"):
        _new_style(1, 2, 3)  # type: ignore[call-arg]


def test_public_functions_with_changed_parameters_keep_the_old_spellings() -> None:
    # The real functions carry the same decorator; their old spellings warn.
    empty = coordrules.MergedCalendar()
    now = datetime(2026, 12, 7, 8, tzinfo=UTC)
    new = coordrules.write_ics(empty, name="x", dtstamp=now, published=None)
    with pytest.warns(DeprecationWarning, match="'previous' is deprecated"):
        old = coordrules.write_ics(empty, name="x", dtstamp=now, previous=None)  # type: ignore[call-arg]
    assert old == new
    pack = coordrules.load_pack("vn-province")
    office = pack.offices[0].id
    monday = date(2026, 12, 7)
    window = coordrules.Window(monday, date(2026, 12, 13))
    new = coordrules.write_weekly_docx(empty, window=window, pack=pack, office=office)
    with pytest.warns(DeprecationWarning, match="window="):
        old = coordrules.write_weekly_docx(  # type: ignore[call-arg]
            empty, start=window.first, end=window.last, pack=pack, office=office
        )
    assert old == new


def test_a_positional_as_of_of_the_dossier_checks_still_works() -> None:
    pack = coordrules.load_pack("vn-province")
    meeting = coordrules.Meeting(
        "ubnd-meeting", "Phiên họp UBND tỉnh", datetime(2026, 12, 14, 8, tzinfo=UTC)
    )
    as_of = datetime(2026, 12, 7, 8, tzinfo=UTC)
    dossier = coordrules.Dossier()
    new = coordrules.check_dossier(meeting, dossier, pack, as_of=as_of, inspect=None)
    with pytest.warns(DeprecationWarning, match="as_of"):
        old = coordrules.check_dossier(meeting, dossier, pack, as_of, inspect=None)  # type: ignore[call-arg]
    assert old == new
    with pytest.warns(DeprecationWarning, match="as_of"):
        rows = coordrules.checklist(meeting, dossier, pack, as_of)  # type: ignore[call-arg]
    assert rows == coordrules.checklist(meeting, dossier, pack, as_of=as_of)
    assert rows  # the pack requires documents for a phiên họp UBND: the rows are real


def test_the_strategies_old_first_day_and_days_still_work_with_a_warning() -> None:
    # ``occurrences(first_day=, days=)`` was a span given as a first day and a
    # count; it is ``window=(first, last)`` now, the old pair kept for one release.
    from coordrules import testing

    first = date(2026, 12, 7)
    with pytest.warns(DeprecationWarning, match="window="):
        old = testing.occurrences(first_day=first, days=2)  # type: ignore[call-arg]
    seen = set()

    @given(old)
    @settings(max_examples=60, database=None)
    def draw(occurrence: coordrules.Occurrence) -> None:
        start = occurrence.start
        seen.add(
            start
            if not isinstance(start, datetime)
            else start.astimezone(testing.TIMEZONES[0]).date()
        )

    draw()
    assert seen <= {first, date(2026, 12, 8)}
    with pytest.raises(TypeError):
        testing.occurrences(first_day=first, window=(first, first))  # type: ignore[call-arg]

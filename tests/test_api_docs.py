"""The API reference: generated parts current, constructors, attributes, no raw roles."""

from __future__ import annotations

import inspect
import runpy
from pathlib import Path
from typing import Any

import attrs
import pytest

import coordrules

griffe = pytest.importorskip("griffe")

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = runpy.run_path(str(ROOT / "scripts" / "griffe_coordrules.py"))


@pytest.fixture(scope="module")
def package() -> Any:
    """The package as mkdocstrings reads it, with our extension."""
    extensions = griffe.load_extensions(EXTENSION["CoordrulesExtension"])
    return griffe.load("coordrules", search_paths=[str(ROOT / "src")], extensions=extensions)


def _attrs_classes() -> list[str]:
    return [
        name
        for name in coordrules.__all__
        if inspect.isclass(getattr(coordrules, name)) and attrs.has(getattr(coordrules, name))
    ]


def test_api_page_is_current() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "gen_api_page.py"))["render"]
    page = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    assert page == render(), "run: PYTHONPATH=src python scripts/gen_api_page.py"


def test_the_codes_table_has_every_code_once() -> None:
    page = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert sorted(row.split("`")[1] for row in rows) == sorted(coordrules.CODES)
    for row in rows:
        code = coordrules.CODES[row.split("`")[1]]
        assert f"| {code.severity.value} | {code.area} | {code.en} | {code.vi} |" in row


@pytest.mark.parametrize("name", _attrs_classes())
def test_attrs_constructor_is_the_one_attrs_makes(package: Any, name: str) -> None:
    # The reference shows the constructor an application really calls.
    runtime = inspect.signature(getattr(coordrules, name))
    init = package[name].members["__init__"]
    shown = [(p.name, p.kind.value, p.default is not None) for p in init.parameters][1:]
    real = [
        (p.name, p.kind.description, p.default is not inspect.Parameter.empty)
        for p in runtime.parameters.values()
    ]
    assert shown == real


def test_occurrence_constructor_shows_types_and_defaults(package: Any) -> None:
    init = package["Occurrence"].members["__init__"]
    parameters = {p.name: p for p in init.parameters}
    assert str(parameters["start"].annotation) == "Moment"
    assert parameters["start"].default is None
    assert str(parameters["status"].default) == "Status.CONFIRMED"
    assert str(parameters["attendees"].default) == "()"


def test_a_factory_default_and_an_init_false_field(package: Any) -> None:
    parameters = {p.name: p for p in package["Organisation"].members["__init__"].parameters}
    assert str(parameters["directory"].default) == "Directory()"
    assert "index" not in parameters
    assert "_index" not in parameters


@pytest.mark.parametrize("name", _attrs_classes())
def test_every_attribute_has_a_type_and_a_meaning(package: Any, name: str) -> None:
    cls = package[name]
    undocumented = [
        field.name
        for field in attrs.fields(getattr(coordrules, name))
        if not field.name.startswith("_")
        and not (
            field.name in cls.members
            and cls.members[field.name].annotation is not None
            and cls.members[field.name].docstring
        )
    ]
    assert undocumented == []


@pytest.mark.parametrize(
    "name",
    [
        name
        for name in coordrules.__all__
        if inspect.isclass(getattr(coordrules, name)) and not attrs.has(getattr(coordrules, name))
    ],
)
def test_enum_members_and_error_attributes_have_a_meaning(package: Any, name: str) -> None:
    # Enums (Status.CANCELLED …) and errors (InputError.file …) are classes too.
    cls = package[name]
    undocumented = [
        member
        for member, obj in cls.members.items()
        if not member.startswith("_") and obj.is_attribute and not obj.docstring
    ]
    assert undocumented == []
    if issubclass(getattr(coordrules, name), Exception):
        untyped = [
            member
            for member, obj in cls.members.items()
            if not member.startswith("_") and obj.is_attribute and obj.annotation is None
        ]
        assert untyped == []


def _rewrite(package: Any, text: str) -> str:
    rewritten = EXTENSION["_Roles"](package).rewrite(text)
    assert isinstance(rewritten, str)
    return rewritten


@pytest.mark.parametrize(
    ("role", "markdown"),
    [
        (":class:`~coordrules.Pack`", "[`Pack`][coordrules.Pack]"),
        (":class:`coordrules.Pack`", "[`coordrules.Pack`][coordrules.Pack]"),
        (
            ":class:`~coordrules.model.values.VersionedRule`",
            "[`VersionedRule`][coordrules.VersionedRule]",
        ),
        (":func:`~coordrules.feed_file_name`", "[`feed_file_name()`][coordrules.feed_file_name]"),
        (":meth:`Pack.organisation`", "[`Pack.organisation()`][coordrules.Pack.organisation]"),
        (":class:`Occurrence`", "[`Occurrence`][coordrules.Occurrence]"),
        # Not in the reference: plain code, never a broken link.
        (":func:`~coordrules.cli.common.office_id`", "`office_id()`"),
        (":class:`~coordrules.model.values._Private`", "`_Private`"),
        (":mod:`gettext`", "`gettext`"),
    ],
)
def test_sphinx_roles_become_links_or_code(package: Any, role: str, markdown: str) -> None:
    assert _rewrite(package, f"See {role}.") == f"See {markdown}."


def test_no_docstring_keeps_a_role(package: Any) -> None:
    left = []
    stack = [package]
    while stack:
        obj = stack.pop()
        if obj.docstring is not None and ":class:`" in obj.docstring.value:
            left.append(obj.path)
        stack.extend(m for m in obj.members.values() if not m.is_alias)
    assert left == []

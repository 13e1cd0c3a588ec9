"""A Griffe extension for the API reference (``mkdocs.yml`` loads it).

mkdocstrings reads the package's source with Griffe; two things it does not
do by itself for coordrules:

* attrs classes get no ``__init__`` in the source, so the reference would show
  no constructor: this extension writes the one attrs generates (field order,
  defaults, ``factory=``, ``init=False``, ``kw_only``, private names without
  their underscore), as Griffe's own extension does for dataclasses;
* docstrings use Sphinx roles (``:class:`~coordrules.Pack```), which Markdown
  would show as they are: each becomes a link to the object's entry when the
  reference shows it (``coordrules.Pack``, ``coordrules.Pack.organisation``),
  else plain code.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import (
    Alias,
    Attribute,
    Class,
    Expr,
    ExprCall,
    ExprKeyword,
    Extension,
    Function,
    Module,
    Object,
    Parameter,
    ParameterKind,
    Parameters,
)

ATTRS_DECORATORS = frozenset(
    {"attrs.frozen", "attrs.define", "attrs.mutable", "attr.s", "attr.attrs", "attr.frozen",
     "attr.define", "attr.mutable"}
)  # fmt: skip
"""The decorators that make a class an attrs class."""

ROLE = re.compile(r":(?:py:)?(class|func|meth|attr|mod|data|exc|obj|const):`(~?)\.?([^`]+)`")
"""A Sphinx cross-reference role in a docstring."""


def _call_keywords(expr: object) -> dict[str, str]:
    if not isinstance(expr, ExprCall):
        return {}
    return {
        argument.name: str(argument.value)
        for argument in expr.arguments
        if isinstance(argument, ExprKeyword)
    }


def _attrs_decorator(cls: Class) -> dict[str, str] | None:
    """The keywords of *cls*'s attrs decorator, or ``None`` when it is not an attrs class."""
    for decorator in cls.decorators:
        value = decorator.value
        path = value.function.canonical_path if isinstance(value, ExprCall) else None
        if path is None and isinstance(value, Expr):
            path = value.canonical_path
        if path in ATTRS_DECORATORS:
            return _call_keywords(value)
    return None


def _attrs_parameters(cls: Class, kw_only: bool) -> list[Parameter]:
    parameters = []
    for member in cls.members.values():
        if not isinstance(member, Attribute) or member.annotation is None:
            continue
        if "property" in member.labels:  # a @property, not a field
            continue
        if "class-attribute" in member.labels and "ClassVar" in str(member.annotation):
            continue
        value = member.value
        field = _call_keywords(value)
        is_field = isinstance(value, ExprCall) and str(value.function).endswith(("field", "ib"))
        if is_field and field.get("init") == "False":
            continue
        default: str | None
        if is_field:
            default = field.get("default")
            if "factory" in field:
                default = f"{field['factory']}()"
        else:
            default = None if value is None else str(value)
        keyword = kw_only or field.get("kw_only") == "True"
        parameters.append(
            Parameter(
                field.get("alias", member.name.lstrip("_")),
                annotation=member.annotation,
                kind=ParameterKind.keyword_only if keyword else ParameterKind.positional_or_keyword,
                default=default,
            )
        )
    return parameters


def _add_attrs_init(cls: Class) -> None:
    decorator = _attrs_decorator(cls)
    if decorator is None or "__init__" in cls.members:
        return
    kw_only = decorator.get("kw_only") == "True"
    parameters = [Parameter("self", kind=ParameterKind.positional_or_keyword)]
    parameters += sorted(
        _attrs_parameters(cls, kw_only), key=lambda p: p.kind is ParameterKind.keyword_only
    )
    cls.set_member(
        "__init__",
        Function(
            "__init__", lineno=0, endlineno=0, parent=cls, parameters=Parameters(*parameters),
            returns="None",
        ),
    )  # fmt: skip


class _Roles:
    """Rewrites Sphinx roles into Markdown links to what the reference shows."""

    def __init__(self, package: Module) -> None:
        self.package = package
        public = package.exports if isinstance(package.exports, (list, set, tuple)) else ()
        self.public = {str(name) for name in public}

    def _shown(self, parts: list[str]) -> bool:
        """Whether ``coordrules.<parts>`` has an entry of its own in the reference."""
        if not parts or parts[0] not in self.public:
            return False
        try:
            found = self.package[".".join(parts)]
        except (KeyError, ValueError, AttributeError):
            return False
        if len(parts) == 1:
            return True
        return not parts[-1].startswith("_") and bool(found.docstring)

    def identifier(self, target: str) -> str | None:
        """The reference's identifier for the Python path *target*, if it is shown."""
        parts = target.split(".")
        if parts[0] == "coordrules":
            parts = parts[1:]
            # A canonical path (coordrules.model.values.Rule) → its public name.
            for index, name in enumerate(parts):
                if name in self.public and index > 0:
                    alias = self.package.members.get(name)
                    target_path = getattr(alias, "target_path", None)
                    if target_path == "coordrules." + ".".join(parts[: index + 1]):
                        parts = parts[index:]
                    break
        return "coordrules." + ".".join(parts) if self._shown(parts) else None

    def rewrite(self, text: str) -> str:
        """*text* with each role as a link, or as code when its target is not shown."""

        def one(found: re.Match[str]) -> str:
            role, short, target = found.groups()
            label = target.rsplit(".", 1)[-1] if short else target
            if role in {"func", "meth"}:
                label += "()"
            identifier = self.identifier(target)
            return f"[`{label}`][{identifier}]" if identifier else f"`{label}`"

        return ROLE.sub(one, text)


def _walk(obj: Object, seen: set[str]) -> list[Object]:
    if obj.path in seen:
        return []
    seen.add(obj.path)
    found = [obj]
    for member in obj.members.values():
        if isinstance(member, Alias):
            continue
        found += _walk(member, seen)
    return found


class CoordrulesExtension(Extension):
    """attrs constructors and Sphinx roles for the coordrules API reference."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:
        """Once the package is loaded: add attrs ``__init__`` methods, rewrite roles."""
        if pkg.name != "coordrules":
            return
        roles = _Roles(pkg)
        for obj in _walk(pkg, set()):
            if isinstance(obj, Class):
                _add_attrs_init(obj)
            if obj.docstring is not None:
                obj.docstring.value = roles.rewrite(obj.docstring.value)

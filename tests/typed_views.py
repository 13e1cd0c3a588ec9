"""Typed views for tests: narrow a wide type where the test knows more.

``Occurrence.start`` is a :data:`~coordrules.model.events.Moment` (a date or an
aware datetime) and an icalendar component's ``[]`` gives the union of every
property type; a test that knows which one it holds says so here, with a
check that fails the test when it is wrong, instead of a ``cast``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

import icalendar

from coordrules.model.events import Moment

T = TypeVar("T")


def timed(moment: Moment) -> datetime:
    """The moment as a datetime; fails when it is an all-day date."""
    assert isinstance(moment, datetime), f"expected a timed moment, got {moment!r}"
    return moment


def prop(component: icalendar.Component, name: str, kind: type[T]) -> T:
    """The one value of property ``name``, checked to be a ``kind``."""
    value = component[name]
    assert isinstance(value, kind), f"{name}: expected {kind.__name__}, got {value!r}"
    return value


def props(component: icalendar.Component, name: str, kind: type[T]) -> list[T]:
    """Every value of property ``name`` (none when absent), each checked to be a ``kind``."""
    value = component.get(name, [])
    items = value if isinstance(value, list) else [value]
    checked: list[T] = []
    for item in items:
        assert isinstance(item, kind), f"{name}: expected {kind.__name__}, got {item!r}"
        checked.append(item)
    return checked


def moment(component: icalendar.Component, name: str) -> date:
    """The date or datetime of property ``name`` (DTSTART, DTSTAMP, LAST-MODIFIED…)."""
    value = prop(component, name, icalendar.vDDDTypes).dt
    assert isinstance(value, date), f"{name}: expected a date or datetime, got {value!r}"
    return value

"""Strategies for meeting dossiers (see :mod:`coordrules.testing`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from hypothesis import assume
from hypothesis import strategies as st

from coordrules.model.deprecation import deprecated_day_count
from coordrules.model.doctypes import ITEM_KINDS
from coordrules.model.dossier import AgendaItem, Dossier, DossierDocument, Meeting
from coordrules.model.values import in_force
from coordrules.model.window import Window
from coordrules.packs.pack import Pack
from coordrules.rules.dossier import checklist
from coordrules.testing.calendars import _FIRST_DAY
from coordrules.testing.packs import _pack_of

# -- dossiers -------------------------------------------------------------------

_RECEIVED_SPREAD = 5 * 24 * 60
"""Documents arrive up to five days (in minutes) either side of their deadline."""


def _some(draw: st.DrawFn, flags: Sequence[str]) -> tuple[str, ...]:
    return tuple(draw(st.lists(st.sampled_from(flags), unique=True))) if flags else ()


def _flags(conditions: Iterable[str | None]) -> list[str]:
    return sorted({c.removeprefix("not:") for c in conditions if c} - {"urgent"})


_FOUR_HUNDRED_DAYS = Window(_FIRST_DAY, _FIRST_DAY + timedelta(days=399))
"""The default window of :func:`dossiers` (it spans the 2025 changes of the bundled rules)."""


@deprecated_day_count()
def dossiers(
    pack: Pack | str | None = None,
    *,
    kinds: Sequence[str] | None = None,
    window: Window | tuple[date, date] = _FOUR_HUNDRED_DAYS,
    late: bool = False,
    missing: bool = False,
    complete: bool = False,
) -> st.SearchStrategy[tuple[Meeting, Dossier]]:
    """A meeting and its dossier, ``(meeting, dossier)`` as ``load_manifest`` gives them.

    The meeting is of a kind among *kinds* (default: any kind of *pack*
    with requirements) starting between 07:00 and 15:00 on one of the days
    of *window* (both ends included), in the pack's time zone (the default spans the
    2025 changes of the bundled rules), lasting 1–8 hours, sometimes urgent
    and with flags the requirements' conditions name. Each agenda-item kind
    the requirements name gets one or two items (ids ``item-1`` …), with
    drawn flags. For each document the checklist needs (one per agenda item,
    or the meeting, and document type) the strategy draws: received on time
    (up to five days before the earliest deadline that needs it), late (up
    to five days after; its id ends in ``-late``), or missing. Documents
    declare their type (``declared_type``) and their files do not exist:
    check with ``check_dossier(..., inspect=None)`` (the public
    ``check_dossier`` opens each file by default). Checked at an ``as_of``
    60 days or more after the meeting's end, every deadline has passed.

    *late* plants at least one late document, *missing* at least one
    missing one; *complete* makes every document present and on time (so
    :func:`assert_dossier_complete` passes).

    Raises:
        ValueError: *complete* with *late* or *missing*, or a pack without
            dossier requirements.
    """
    if complete and (late or missing):
        raise ValueError("complete excludes late and missing")

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Meeting, Dossier]:
        the_pack = _pack_of(pack)
        if not the_pack.requirements:
            raise ValueError(f"pack {the_pack.id!r} has no dossier requirements")
        tz = the_pack.work_calendar.tz
        day = window[0] + timedelta(days=draw(st.integers(0, max((window[1] - window[0]).days, 0))))
        in_force_now = [r for r in the_pack.requirements if in_force(r.since, r.until, day)]
        available = sorted({r.meeting_kind for r in in_force_now})
        if kinds is not None:
            available = [k for k in available if k in kinds]
        assume(available)
        kind = draw(st.sampled_from(available))
        wanted = [r for r in in_force_now if r.meeting_kind == kind]
        start = datetime.combine(day, time(draw(st.integers(7, 15))), tzinfo=tz)
        known = the_pack.organisation().meeting_kind(kind)
        meeting = Meeting(
            kind=kind,
            title=known.name if known is not None else kind,
            start=start,
            end=start + timedelta(hours=draw(st.integers(1, 8))),
            urgent=draw(st.booleans()),
            flags=_some(draw, _flags(r.condition for r in wanted if r.item_kind is None)),
        )
        items: list[AgendaItem] = []
        for item_kind in sorted({r.item_kind for r in wanted if r.item_kind is not None}):
            flags = _flags(r.condition for r in wanted if r.item_kind == item_kind)
            for _ in range(draw(st.integers(1, 2))):
                number = len(items) + 1
                name = ITEM_KINDS[item_kind].name if item_kind in ITEM_KINDS else item_kind
                items.append(
                    AgendaItem(
                        id=f"item-{number}",
                        kind=item_kind,
                        title=f"{name} số {number}",
                        flags=_some(draw, flags),
                    )
                )
        far = start + timedelta(days=3650)
        rows = checklist(meeting, Dossier(items=tuple(items)), the_pack, as_of=far)
        needed: dict[tuple[str | None, str], tuple[datetime, str]] = {}
        for row in rows:
            key = (None if row.item is None else row.item.id, row.requirement.document)
            if key not in needed or row.deadline < needed[key][0]:
                needed[key] = (row.deadline, row.requirement.name)
        keys = sorted(needed, key=lambda k: (k[0] or "", k[1]))
        states = ["on-time"] * len(keys)
        if not complete:
            states = [draw(st.sampled_from(["on-time", "late", "missing"])) for _ in keys]
        for state, wanted_state in (("late", late), ("missing", missing)):
            if wanted_state and state not in states:
                # Overwrite a document whose state nobody asked for, or one of
                # several of a state asked for.
                pool = [
                    i
                    for i, s in enumerate(states)
                    if not ((s == "late" and late) or (s == "missing" and missing))
                    or states.count(s) > 1
                ]
                assume(pool)
                states[draw(st.sampled_from(pool))] = state
        documents = []
        for key, state in zip(keys, states, strict=True):
            if state == "missing":
                continue
            item_id, doc_type = key
            deadline, name = needed[key]
            offset = timedelta(minutes=draw(st.integers(0, _RECEIVED_SPREAD)))
            received = (
                deadline + offset + timedelta(minutes=1) if state == "late" else (deadline - offset)
            )
            ident = f"{item_id or 'meeting'}-{doc_type}" + ("-late" if state == "late" else "")
            documents.append(
                DossierDocument(
                    id=ident,
                    path=f"{ident}.docx",
                    received=received,
                    declared_type=doc_type,
                    item=item_id,
                    title=name,
                )
            )
        return meeting, Dossier(items=tuple(items), documents=tuple(documents))

    return build()

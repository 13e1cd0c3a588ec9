"""Strategies for rule packs, people directories, organisations (see :mod:`coordrules.testing`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from coordrules.model.doctypes import DOCUMENT_TYPES, ITEM_KINDS
from coordrules.model.org import (
    Appointment,
    Body,
    Directory,
    MeetingKind,
    Office,
    Organisation,
    Person,
    Position,
    TravelTime,
    Venue,
    WorkAssignment,
)
from coordrules.model.values import (
    Basis,
    Deadline,
    DeadlineSide,
    DeadlineUnit,
    SourcedValue,
    VersionedRule,
    in_force,
)
from coordrules.packs.load import load_pack
from coordrules.packs.pack import CalendarPolicy, Pack, Requirement
from coordrules.packs.validate import CHAIN
from coordrules.testing.calendars import _FIRST_DAY, PEOPLE, VENUES

# -- packs, directories, organisations ----------------------------------------

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi")
_MIDDLE = ("Văn", "Thị", "Minh", "Quốc")
_GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Khánh", "Lan", "Nam", "Phúc", "Quang")
_BODY_NAMES = (
    "Tỉnh ủy",
    "Ban Thường vụ Tỉnh ủy",
    "Hội đồng nhân dân tỉnh",
    "Thường trực HĐND tỉnh",
    "Ủy ban nhân dân tỉnh",
    "Đoàn đại biểu Quốc hội tỉnh",
)
_ROLES = ("Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Trưởng Ban", "Chánh Văn phòng")
_KIND_NAMES = ("Hội nghị", "Phiên họp", "Kỳ họp", "Họp giao ban")
_CITES = (
    "QĐ 45/2018/QĐ-TTg, Điều 10",
    "Quy chế phối hợp (ví dụ), Điều 5",
    "Luật Tổ chức chính quyền địa phương 2025, Điều 12",
)
_POLICY_DESCRIPTIONS = {
    # The descriptions the pack loader gives these rules, so drawn packs look loaded.
    "confirmation_deadline": "Hạn xác báo thành phần / attendance confirmation deadline",
    "change_notice": "Báo trước khi thay đổi lịch / notice for a significant change",
    "precedence": "Thứ tự ưu tiên loại cuộc họp / precedence of meeting kinds",
    "default_travel_minutes": "Thời gian di chuyển mặc định (phút) / default travel minutes",
}


@functools.cache
def _bundled(name: str) -> Pack:
    return load_pack(name)


def _pack_of(pack: Pack | str | None) -> Pack:
    if pack is None:
        return _bundled("vn-province")
    if isinstance(pack, str):
        return _bundled(pack)
    return pack


def _sourcing(draw: st.DrawFn) -> tuple[str | None, Basis]:
    """A cite and a basis; ``statute`` always has a cite (the loader insists)."""
    basis = draw(st.sampled_from(list(Basis)))
    if basis is Basis.ASSUMED:
        return draw(st.sampled_from([None, *_CITES])), basis
    return draw(st.sampled_from(_CITES)), basis


def _versions(
    draw: st.DrawFn, values: st.SearchStrategy[Any], first_day: date
) -> tuple[SourcedValue[Any], ...]:
    """One value, or two dated versions meeting at a date within a year of *first_day*."""
    cite, basis = _sourcing(draw)
    if not draw(st.booleans()):
        return (SourcedValue(draw(values), cite, basis),)
    split = first_day + timedelta(days=draw(st.integers(-365, 365)))
    later_cite, later_basis = _sourcing(draw)
    return (
        SourcedValue(draw(values), cite, basis, None, split),
        SourcedValue(draw(values), later_cite, later_basis, split, None),
    )


def _deadlines(*, after: bool = False) -> st.SearchStrategy[Deadline]:
    units = st.sampled_from([DeadlineUnit.DAYS, DeadlineUnit.WORKING_DAYS])
    if not after:
        return st.builds(Deadline, st.integers(1, 10), units, st.just(DeadlineSide.BEFORE))
    return st.builds(
        Deadline, st.integers(1, 10), units, st.just(DeadlineSide.AFTER), st.just("end")
    )


def _policy_rule(name: str, versions: tuple[SourcedValue[Any], ...]) -> VersionedRule[Any]:
    return VersionedRule(f"policy.{name}", versions, _POLICY_DESCRIPTIONS[name])


def _with_rules(pack: Pack) -> Pack:
    """*pack* with ``rules`` listing its policy, work and requirements as the loader does."""
    keep = [r for r in pack.rules if not r.id.startswith(("policy.", "work.", "requirement."))]
    work: dict[str, list[SourcedValue[Any]]] = {}
    for item in pack.work:
        work.setdefault(item.id, []).append(
            SourcedValue(item, item.cite, item.basis, item.since, item.until)
        )
    requirements: dict[str, list[SourcedValue[Any]]] = {}
    names: dict[str, str] = {}
    for req in pack.requirements:
        requirements.setdefault(req.id, []).append(req.sourced())
        names.setdefault(req.id, req.name)
    policy = pack.policy
    # A work rule already listed keeps its versions' notes (WorkAssignment has none).
    listed = {r.id: r for r in pack.rules}
    rules: list[VersionedRule[Any]] = [
        *(listed.get(f"work.{i}") or VersionedRule(f"work.{i}", _by_since(v),
                                          next(w.name for w in pack.work if w.id == i))
          for i, v in work.items()),
        *(VersionedRule(f"requirement.{i}", _by_since(v), names[i])
          for i, v in requirements.items()),
        *(r for r in (policy.confirmation_deadline, policy.change_notice, policy.precedence,
                      policy.default_travel_minutes) if r is not None),
    ]  # fmt: skip
    return attrs.evolve(pack, rules=(*rules, *keep))


def _by_since(versions: list[SourcedValue[Any]]) -> tuple[SourcedValue[Any], ...]:
    return tuple(sorted(versions, key=lambda v: v.since or date.min))


def _small_pack(draw: st.DrawFn, first_day: date) -> Pack:
    n_bodies = draw(st.integers(1, 4))
    names = draw(st.permutations(_BODY_NAMES))[:n_bodies]
    bodies = []
    for i, name in enumerate(names):
        parent = draw(st.sampled_from([None, *(f"body-{j}" for j in range(i))]))
        bodies.append(Body(f"body-{i}", name, parent=parent))
    n_offices = draw(st.integers(1, 3))
    served: dict[int, list[str]] = {k: [] for k in range(n_offices)}
    for body in bodies:
        served[draw(st.integers(0, n_offices - 1))].append(body.id)
    offices = tuple(
        Office(f"office-{k}", f"Văn phòng số {k + 1}", serves=tuple(served[k]))
        for k in range(n_offices)
    )
    office_ids = [o.id for o in offices]
    n_positions = draw(st.integers(1, 6))
    positions = []
    for i in range(n_positions):
        body = draw(st.sampled_from(bodies))
        others = [f"pos-{j}" for j in range(n_positions) if j != i]
        deputies = (
            draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
        )
        positions.append(
            Position(
                f"pos-{i}",
                body.id,
                f"{draw(st.sampled_from(_ROLES))} {body.name} (số {i + 1})",
                deputies=tuple(deputies),
            )
        )
    kinds = []
    for i in range(draw(st.integers(1, 3))):
        body = draw(st.sampled_from(bodies))
        office = draw(st.sampled_from(office_ids))
        coordinating = draw(
            st.lists(st.sampled_from([o for o in office_ids if o != office] or [office]),
                     max_size=2, unique=True)
        )  # fmt: skip
        kinds.append(
            MeetingKind(
                f"kind-{i}",
                f"{draw(st.sampled_from(_KIND_NAMES))} {body.name}",
                body.id,
                office,
                coordinating=tuple(c for c in coordinating if c != office),
            )
        )
    work = []
    for i in range(draw(st.integers(0, 3))):
        lead = draw(st.sampled_from(office_ids))
        coordinate = draw(st.lists(st.sampled_from(office_ids), max_size=2, unique=True))
        cite, basis = _sourcing(draw)
        since = draw(st.sampled_from([None, first_day - timedelta(days=30)]))
        work.append(
            WorkAssignment(
                f"work-{i}",
                f"Công việc số {i + 1}",
                lead,
                tuple(c for c in coordinate if c != lead),
                cite,
                basis,
                since,
            )
        )
    requirements = []
    for i in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(kinds))
        after = draw(st.integers(0, 4)) == 0
        cite, basis = _sourcing(draw)
        document = draw(
            st.sampled_from(sorted(t for t in DOCUMENT_TYPES if not (after and t in CHAIN)))
        )
        deadline = draw(_deadlines(after=after))
        if document in CHAIN:
            # The chain before a session is due in its order (validate_pack checks it).
            deadline = Deadline(3 * (len(CHAIN) - CHAIN.index(document)))
        requirements.append(
            Requirement(
                id=f"req-{i}",
                meeting_kind=kind.id,
                document=document,
                name=DOCUMENT_TYPES[document].name,
                deadline=deadline,
                item_kind=None if after else draw(st.sampled_from([None, *sorted(ITEM_KINDS)])),
                condition=draw(
                    st.sampled_from([None, None, "urgent", "not:urgent", "policy-impact"])
                ),
                cite=cite,
                basis=basis,
                since=draw(st.sampled_from([None, first_day - timedelta(days=365)])),
            )
        )
    kind_ids = tuple(k.id for k in kinds)
    policy = CalendarPolicy(
        confirmation_deadline=_policy_rule(
            "confirmation_deadline", _versions(draw, _deadlines(), first_day)
        ),
        change_notice=_policy_rule("change_notice", _versions(draw, _deadlines(), first_day)),
        precedence=_policy_rule(
            "precedence", _versions(draw, st.permutations(kind_ids).map(tuple), first_day)
        ),
        default_travel_minutes=_policy_rule(
            "default_travel_minutes", _versions(draw, st.integers(10, 60), first_day)
        ),
    )
    return _with_rules(
        Pack(
            id=f"tinh-mau-{draw(st.integers(0, 999))}",
            name="Tỉnh Mẫu (ngẫu nhiên) / random province",
            bodies=tuple(bodies),
            offices=offices,
            positions=tuple(positions),
            work=tuple(work),
            meeting_kinds=tuple(kinds),
            policy=policy,
            requirements=tuple(requirements),
        )
    )


def _variation(draw: st.DrawFn, base: Pack, first_day: date) -> Pack:
    policy = base.policy
    notice = _policy_rule("change_notice", _versions(draw, _deadlines(), first_day))
    confirm = _policy_rule("confirmation_deadline", _versions(draw, _deadlines(), first_day))
    travel = _policy_rule("default_travel_minutes", _versions(draw, st.integers(10, 60), first_day))
    requirement_ids = sorted({r.id for r in base.requirements})
    dropped = (
        set(draw(st.lists(st.sampled_from(requirement_ids), unique=True)))
        if (requirement_ids)
        else set()
    )
    work_ids = sorted({w.id for w in base.work})
    dropped_work = (
        set(draw(st.lists(st.sampled_from(work_ids), unique=True))) if (work_ids) else set()
    )
    return _with_rules(
        attrs.evolve(
            base,
            id=f"{base.id}-bien-the",
            name=f"{base.name} (biến thể / variation)",
            extends=base.id,
            path=None,
            policy=attrs.evolve(
                policy,
                change_notice=notice,
                confirmation_deadline=confirm,
                default_travel_minutes=travel,
            ),
            requirements=tuple(r for r in base.requirements if r.id not in dropped),
            work=tuple(w for w in base.work if w.id not in dropped_work),
        )
    )


def packs(
    base: Pack | str | None = None, *, first_day: date = _FIRST_DAY
) -> st.SearchStrategy[Pack]:
    """Valid rule packs: small invented ones, or variations of *base*.

    Without *base*: 1–4 bodies (some with a parent), 1–3 offices serving
    them, 1–6 positions (with deputies), 1–3 meeting kinds, 0–3 kinds of
    work (one lead office each), 1–5 dossier requirements (document types
    and item kinds from the built-in vocabularies, some with a condition,
    some counted after the meeting's end) and a calendar policy whose four
    rules have one version, or two dated versions meeting within a year of
    *first_day*. Every value has a basis, and a ``cite`` whenever the basis
    is ``statute``; documents of the chain before a session
    (:data:`~coordrules.packs.validate.CHAIN`) are due in its order, before
    the meeting, so every pack passes
    :func:`~coordrules.packs.validate.validate_pack`; ids are ``body-0``,
    ``office-0``, ``pos-0``, ``kind-0``, ``work-0``, ``req-0`` …; the work calendar
    is the default (Vietnam).

    With *base* (a :class:`~coordrules.Pack` or a bundled pack name such as
    ``"vn-province"``): the base pack with its change notice, confirmation
    deadline and default travel time replaced (possibly by two dated
    versions), and some of its requirements and kinds of work dropped
    (every version of each). Its ``extends`` names the base.

    In both cases ``rules`` lists the policy, work and requirement rules as
    the pack loader would; the pack passes the loader's checks when written
    out as TOML (the project's tests do exactly that).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Pack:
        if base is None:
            return _small_pack(draw, first_day)
        return _variation(draw, _pack_of(base), first_day)

    return build()


def _slug(email: str) -> str:
    return email.split("@", 1)[0].lower().replace(".", "-")


def directories(
    pack: Pack | str | None = None,
    *,
    people: Sequence[tuple[str, str]] = PEOPLE,
    venues: Sequence[str] = VENUES,
    first_day: date = _FIRST_DAY,
    kiem_nhiem: bool = True,
    changes: bool = True,
) -> st.SearchStrategy[Directory]:
    """People directories for *pack* (default: the bundled ``vn-province``).

    Every person of *people* (``(name, e-mail)`` pairs) is in it, with id
    the e-mail's local part (``an@example.vn`` → ``an``). Some of the pack's
    positions in force on *first_day* are filled; appointments of one
    position never overlap, so each position has at most one holder on any
    date (:meth:`~coordrules.Organisation.holders` gives 0 or 1 person).
    With *kiem_nhiem* (and two positions and a person to fill them), the
    first person holds two positions on *first_day* (kiêm nhiệm). With
    *changes*, some positions change holder on a date within 90 days of
    *first_day* (one appointment's ``until`` is the next one's ``since``;
    never on *first_day* itself for the kiêm nhiệm positions). Venues are
    ``venue-0``, ``venue-1`` … named after *venues*, with travel times
    (basis ``local``) between some pairs.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Directory:
        the_pack = _pack_of(pack)
        persons = tuple(Person(_slug(email), name, emails=(email,)) for name, email in people)
        open_positions = [p for p in the_pack.positions if in_force(p.since, p.until, first_day)]
        chosen = (
            draw(
                st.lists(
                    st.sampled_from(open_positions),
                    min_size=min(2, len(open_positions)) if kiem_nhiem else 0,
                    max_size=min(8, len(open_positions)),
                    unique_by=lambda p: p.id,
                )
            )
            if open_positions and persons
            else []
        )
        forced = 2 if kiem_nhiem and len(chosen) >= 2 else 0
        appointments: list[Appointment] = []
        for number, position in enumerate(chosen):
            holder = 0 if number < forced else draw(st.integers(0, len(persons) - 1))
            since = draw(st.sampled_from([None, first_day - timedelta(days=400)]))
            if changes and draw(st.booleans()):
                low = 1 if number < forced else -90
                change = first_day + timedelta(days=draw(st.integers(low, 90)))
                others = [k for k in range(len(persons)) if k != holder] or [holder]
                successor = draw(st.sampled_from(others))
                appointments.append(Appointment(persons[holder].id, position.id, since, change))
                appointments.append(Appointment(persons[successor].id, position.id, change))
            else:
                appointments.append(Appointment(persons[holder].id, position.id, since))
        places = tuple(Venue(f"venue-{i}", name) for i, name in enumerate(venues))
        travel = []
        for i, a in enumerate(places):
            for b in places[i + 1 :]:
                if draw(st.booleans()):
                    travel.append(
                        TravelTime(
                            a.id, b.id, draw(st.integers(5, 60)), "Đo thực tế (ví dụ)", Basis.LOCAL
                        )
                    )
        return Directory(persons, tuple(appointments), places, tuple(travel))

    return build()


def organisations(
    pack: Pack | str | None = None, **directory_options: Any
) -> st.SearchStrategy[Organisation]:
    """Organisations: a pack's structure with a people directory.

    The pack is *pack* (a :class:`~coordrules.Pack` or bundled pack name),
    or drawn from :func:`packs` when ``None``; the directory is drawn from
    :func:`directories` for that pack with *directory_options*. The result is
    ``pack.organisation(directory)``; ``organisation.directory`` holds the
    drawn people (with the pack's venues added). To get the pack too, draw
    ``packs().flatmap(lambda p: st.tuples(st.just(p), directories(p)))``.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Organisation:
        the_pack = draw(packs()) if pack is None else _pack_of(pack)
        return the_pack.organisation(draw(directories(the_pack, **directory_options)))

    return build()

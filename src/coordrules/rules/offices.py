"""Which office or body: the one that acts, the one that issues, Party or state, concerned.

Domain decisions that the writers of files only apply: the report groups
findings by :func:`acting_office`, the weekly calendar and the report are
headed by :func:`first_issuing_office` unless an office is asked for, and an
office issues Party documents (Hướng dẫn 36-HD/VPTW) rather than state ones
(NĐ 30/2020) when :func:`is_party_office`, decided by the pack's ``form`` of
its bodies, never by their names. A meeting goes into the feed of each body
:func:`bodies_of` finds it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from coordrules.model.events import MergedOccurrence, Occurrence
from coordrules.model.findings import Finding
from coordrules.model.org import Body, Office, Organisation
from coordrules.model.text import normalise_text


def is_party_body(body: Body, org: Organisation) -> bool:
    """Whether *body* is a Party body: it, or a body it belongs to, has ``form = "party"``.

    The pack's data decides, never the body's name: "Tỉnh uỷ" in the older
    tone placement is the same Party body as "Tỉnh ủy", and a body named like a
    committee is a state body unless the pack says ``party``. A Ban of the
    Tỉnh ủy whose pack entry forgets its own ``form`` is a Party body through
    its parent.
    """
    current: Body | None = body
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.form == "party":
            return True
        seen.add(current.id)
        current = org.body(current.parent) if current.parent else None
    return False


def is_party_office(office: Office, org: Organisation) -> bool:
    """Whether *office* issues Party documents (Văn phòng Tỉnh ủy and the like).

    True when the body it serves first (the one its heading names) is a Party
    body in the pack (``form = "party"`` on the body or on a body it belongs
    to): the Tỉnh ủy for the Văn phòng Tỉnh ủy. The pack's data decides, not
    the body's name, so "Tỉnh uỷ" in the older tone placement is the same
    Party body, and the Văn phòng UBND, which also serves the Ban cán sự đảng
    UBND, stays a state office.
    """
    first = next((b for b in (org.body(s) for s in office.serves) if b is not None), None)
    return first is not None and is_party_body(first, org)


def first_issuing_office(org: Organisation, candidates: Iterable[str]) -> Office | None:
    """The office whose name heads an issued calendar or report, when none is asked for.

    The first of *candidates* (the offices of the sources, in the order given)
    that is an office of *org*; else the organisation's first office; ``None``
    when it has no office at all.
    """
    for candidate in candidates:
        office = org.office(candidate)
        if office is not None:
            return office
    return org.offices[0] if org.offices else None


def acting_office(
    finding: Finding,
    org: Organisation,
    occurrences: dict[str, MergedOccurrence],
    on: date | None = None,
) -> Office | None:
    """The office that must act on *finding*: the first of these rules that gives one.

    1. ``finding.details["office"]``: an office id, name or alias of the pack
       (the producer of the finding says who acts: the dossier checks set it);
    2. ``finding.details["body"]``: the office serving that body on the day;
    3. the occurrences it names, looked up in *occurrences* (merged
       occurrences by id): the occurrence's ``organiser`` (an office id, or a
       body id whose serving office is taken) or its meeting kind's serving
       office;
    4. the source calendars it came from (the copies' source names, or the
       finding's ``file``), when a source is named after an office (id, name
       or alias);
    5. otherwise ``None`` (no office found).

    The day is *on*, else the day of the first occurrence the finding names.
    """
    day = on or _finding_day(finding) or date(2000, 1, 1)
    details = finding.details
    named = details.get("office")
    if isinstance(named, str):
        office = _office_named(named, org)
        if office is not None:
            return office
    body = details.get("body")
    if isinstance(body, str):
        office = org.office_for(body, day)
        if office is not None:
            return office
    for ref in finding.occurrences:
        merged = occurrences.get(ref.id)
        if merged is None:
            continue
        occ = merged.occurrence
        if occ.organiser:
            office = org.office(occ.organiser) or org.office_for(occ.organiser, day)
            if office is not None:
                return office
        if occ.kind:
            kind = org.meeting_kind(occ.kind)
            if kind is not None and org.office(kind.office) is not None:
                return org.office(kind.office)
    sources = [s.source for ref in finding.occurrences for s in ref.sources]
    if finding.file:
        sources.append(Path(finding.file).stem)
    for source in sources:
        office = _office_named(source, org)
        if office is not None:
            return office
    return None


def _office_named(text: str, org: Organisation) -> Office | None:
    office = org.office(text)
    if office is not None:
        return office
    key = normalise_text(text)
    for candidate in org.offices:
        if key in {
            normalise_text(candidate.id),
            normalise_text(candidate.name),
            *(normalise_text(a) for a in candidate.aliases),
        }:
            return candidate
    return None


def _finding_day(finding: Finding) -> date | None:
    for ref in finding.occurrences:
        return ref.start.date() if isinstance(ref.start, datetime) else ref.start
    return None


def bodies_of(occurrence: Occurrence, org: Organisation) -> set[str]:
    """The ids of the bodies a meeting concerns, for their feeds (``feeds_per_body``).

    The body of its meeting kind; the body its ``organiser`` names (id, name or
    alias, after normalisation); and the bodies of the positions held, on the
    meeting's day, by each attendee who is busy (a person id, else one
    resolved from the attendee's address or name).
    """
    start = occurrence.start
    on = start.date() if isinstance(start, datetime) else start
    found: set[str] = set()
    if occurrence.kind:
        kind = org.meeting_kind(occurrence.kind)
        if kind is not None:
            found.add(kind.body)
    if occurrence.organiser:
        key = normalise_text(occurrence.organiser)
        for body in org.bodies:
            if key in {
                normalise_text(body.id),
                normalise_text(body.name),
                *(normalise_text(a) for a in body.aliases),
            }:
                found.add(body.id)
    for attendee in occurrence.attendees:
        if not attendee.counts_as_busy:
            continue
        person = attendee.person
        if person is None:
            for text in (attendee.email, attendee.name):
                resolved = org.resolve_person(text, on) if text else None
                if resolved is not None:
                    person = resolved.id
                    break
        if person is not None:
            found.update(p.body for p in org.positions_of(person, on))
    return found

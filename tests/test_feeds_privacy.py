"""Feeds leaders subscribe to (issue 13): one per person and body, privacy, per-person findings.

Every expectation is read from the sample in ``ical_data.sample()``: the BTV
conference (p-bt chairs, p-ct attends; extras URL and X-MS-OLK-SENDER), the
UBND meeting (organiser vp@ubnd.vn; p-ct chairs; p-pct delegated to
gd@so.vn; gd@so.vn attends), a cancelled reception of citizens (p-ct) and
an all-day day off. Feeds are parsed with icalendar.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs
import icalendar
import pytest
from hypothesis import given, settings

from coordrules import (
    Body,
    FeedPrivacy,
    Finding,
    MergedCalendar,
    Message,
    OccurrenceRef,
    Organisation,
    Report,
    SourceCalendar,
    check_calendar,
    feeds_per_body,
    feeds_per_person,
    merge,
    read_ics,
    write_ics,
)
from coordrules.testing import calendars
from fixtures_calendar import DIRECTORY, PACK
from ical_data import STAMP, UTC, sample
from test_ical_write import WINDOW, _org
from typed_views import moment, prop, props

AS_OF = datetime(2025, 3, 1, 9, tzinfo=UTC)

BTV, UBND, TCD = "m-btv-q1@tinhuy.vn", "m-ubnd-03", "m-tcd"


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]).removesuffix("@coordrules"): e for e in cal.events}


def attendee_values(event: icalendar.Event) -> list[str]:
    found = event.get("ATTENDEE", [])
    return [str(a) for a in (found if isinstance(found, list) else [found])]


def finding_codes(event: icalendar.Event) -> list[str]:
    found = event.get("X-COORDRULES-FINDING", [])
    return [str(f.params["X-CODE"]) for f in (found if isinstance(found, list) else [found])]


# -- every person and body gets a feed ------------------------------------------


def test_every_person_of_the_directory_gets_a_feed_even_an_empty_one() -> None:
    org = _org()
    feeds = feeds_per_person(sample(), org, dtstamp=STAMP)
    assert sorted(feeds) == ["p-bt", "p-ct", "p-gd", "p-pct"]
    # p-pct delegated the only meeting that names them: nothing, but still a calendar.
    empty = icalendar.Calendar.from_ical(feeds["p-pct"])
    assert empty.walk("VEVENT") == []
    assert str(empty["METHOD"]) == "PUBLISH"
    assert str(empty["X-WR-CALNAME"]) == "Lịch công tác — Lê Phó Chủ Tịch"
    # RFC 5545 wants one component at least: the feed carries its zone.
    assert [str(tz["TZID"]) for tz in empty.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert read_ics(feeds["p-pct"], window=WINDOW).occurrences == ()


def test_an_empty_calendar_still_gives_every_person_and_body_a_valid_feed() -> None:
    org = _org()
    people = feeds_per_person(MergedCalendar(), org, dtstamp=STAMP)
    bodies = feeds_per_body(MergedCalendar(), org, dtstamp=STAMP)
    assert sorted(people) == ["p-bt", "p-ct", "p-gd", "p-pct"]
    assert sorted(bodies) == ["btv-tinh-uy", "ubnd"]
    for data in [*people.values(), *bodies.values()]:
        cal = icalendar.Calendar.from_ical(data)
        assert cal.walk("VEVENT") == []
        assert len(cal.walk("VTIMEZONE")) == 1
        assert data.startswith(b"BEGIN:VCALENDAR\r\n")
        assert data.endswith(b"END:VCALENDAR\r\n")


def test_a_body_with_nothing_gets_an_empty_feed() -> None:
    org = attrs.evolve(_org(), bodies=(*_org().bodies, Body("hdnd", "HĐND tỉnh")))
    feeds = feeds_per_body(sample(), org, dtstamp=STAMP)
    assert sorted(feeds) == ["btv-tinh-uy", "hdnd", "ubnd"]
    assert events(feeds["hdnd"]) == {}


def test_person_ids_outside_the_directory_still_get_their_feed() -> None:
    # An attendee carries person="p-xyz", which the directory does not list.
    cal = sample()
    btv = cal.occurrences[0]
    stranger = attrs.evolve(btv.occurrence.attendees[0], person="p-xyz", email=None)
    occ = attrs.evolve(btv.occurrence, attendees=(stranger,))
    feeds = feeds_per_person(
        MergedCalendar(occurrences=(attrs.evolve(btv, occurrence=occ),)), _org(), dtstamp=STAMP
    )
    assert set(events(feeds["p-xyz"])) == {BTV}


# -- privacy ----------------------------------------------------------------------


def test_standard_feed_shows_only_the_owners_own_e_mail() -> None:
    feeds = feeds_per_person(sample(), _org(), dtstamp=STAMP)
    ct = events(feeds["p-ct"])
    assert set(ct) == {BTV, UBND, TCD}
    # p-ct's own address stays; p-bt's, gd's and the organiser's do not.
    assert "mailto:chutich@ubnd.vn" in attendee_values(ct[BTV])
    text = feeds["p-ct"].decode()
    for address in ("bithu@tinhuy.vn", "gd@so.vn", "pct@ubnd.vn", "vp@ubnd.vn"):
        assert address not in text, address
    others = [v for v in attendee_values(ct[BTV]) if v != "mailto:chutich@ubnd.vn"]
    assert others
    assert all(v.startswith("urn:x-coordrules:") for v in others)
    assert "ORGANIZER" not in ct[UBND]
    # Names stay: a leader sees who else attends.
    names = [a.params["CN"] for a in props(ct[UBND], "ATTENDEE", icalendar.vCalAddress)]
    assert names == ["Trần Thị Chủ Tịch", "Lê Phó Chủ Tịch", "Giám đốc Sở"]
    # The meeting itself is all there.
    assert str(ct[UBND]["LOCATION"]) == "Phòng họp UBND"
    assert str(ct[UBND]["X-COORDRULES-PREPARING-UNIT"]) == "Sở Kế hoạch và Đầu tư"


def test_standard_feed_has_no_source_names_uids_or_other_properties() -> None:
    cal = sample()
    # Ids as merge() makes them: not the source UIDs.
    opaque = MergedCalendar(
        occurrences=tuple(
            attrs.evolve(m, id=f"{n:016x}") for n, m in enumerate(cal.occurrences, start=1)
        )
    )
    feeds = feeds_per_person(opaque, _org(), dtstamp=STAMP)
    for data in feeds.values():
        text = data.decode()
        for uid in ("btv-q1@tinhuy.vn", "ubnd-03", "tcd"):
            assert f"{uid}" not in text.replace("\r\n ", "")
        for source in ("vp-tinh-uy", "vp-ubnd"):
            assert source not in text
        assert "X-COORDRULES-COPY" not in text
        assert "URL:" not in text
        assert "X-MS-OLK-SENDER" not in text
    bt = events(feeds["p-bt"])
    assert set(bt) == {"0000000000000001"}


def test_delegation_addresses_follow_the_owner_whatever_the_order() -> None:
    # Regression: attendee lines are cached across the feeds of one call; the
    # cache must not carry p-gd's DELEGATED-TO (their own address) into p-ct's
    # feed, nor p-ct's hidden one into p-gd's.
    feeds = feeds_per_person(sample(), _org(), dtstamp=STAMP)
    gd = events(feeds["p-gd"])[UBND]
    delegated = next(
        a
        for a in props(gd, "ATTENDEE", icalendar.vCalAddress)
        if a.params["CN"] == "Lê Phó Chủ Tịch"
    )
    assert delegated.params["DELEGATED-TO"] == "mailto:gd@so.vn"
    assert "mailto:gd@so.vn" in attendee_values(gd)
    ct = events(feeds["p-ct"])[UBND]
    delegated = next(
        a
        for a in props(ct, "ATTENDEE", icalendar.vCalAddress)
        if a.params["CN"] == "Lê Phó Chủ Tịch"
    )
    assert "DELEGATED-TO" not in delegated.params
    assert b"gd@so.vn" not in feeds["p-ct"]


def test_full_privacy_keeps_everything() -> None:
    feeds = feeds_per_person(sample(), _org(), dtstamp=STAMP, privacy=FeedPrivacy.FULL)
    text = feeds["p-ct"].decode().replace("\r\n ", "")
    for address in ("bithu@tinhuy.vn", "gd@so.vn", "pct@ubnd.vn", "vp@ubnd.vn"):
        assert address in text, address
    assert "X-COORDRULES-COPY" in text
    assert "URL:https://tinhuy.vn/lich/btv-q1" in text


def test_write_ics_standard_shows_no_address_at_all() -> None:
    data = write_ics(sample(), name="x", dtstamp=STAMP, privacy=FeedPrivacy.STANDARD)
    assert b"mailto:" not in data
    assert b"X-COORDRULES-COPY" not in data
    assert set(events(data)) == {BTV, UBND, TCD, "m-nghi"}
    # The default stays FULL: read_merged_ics needs the copies.
    assert b"X-COORDRULES-COPY" in write_ics(sample(), name="x", dtstamp=STAMP)


BUSY_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "TRANSP",
    "SEQUENCE",
    "LAST-MODIFIED",
}


def test_busy_only_feed_shows_times_and_free_busy_only() -> None:
    cal = sample()
    feeds = feeds_per_person(cal, _org(), dtstamp=STAMP, privacy=FeedPrivacy.BUSY_ONLY)
    parsed = icalendar.Calendar.from_ical(feeds["p-ct"])
    got = parsed.walk("VEVENT")
    # BTV and UBND; the cancelled reception is not busy time.
    assert len(got) == 2
    for event in got:
        assert set(event.keys()) == BUSY_PROPERTIES
        assert str(event["SUMMARY"]) == "Bận / Busy"
        assert str(event["TRANSP"]) == "OPAQUE"
    times = sorted((moment(e, "DTSTART"), moment(e, "DTEND")) for e in got)
    btv, ubnd = cal.occurrences[0].occurrence, cal.occurrences[1].occurrence
    assert times == sorted([(btv.start, btv.end), (ubnd.start, ubnd.end)])
    text = feeds["p-ct"].decode().replace("\r\n ", "")
    for secret in ("Hội nghị", "Phiên họp", "Phòng", "mailto", "ubnd-03", "X-COORDRULES", "⚠"):
        assert secret not in text, secret
    # The all-day day off names nobody: in no one's feed.
    assert all(b"VALUE=DATE:" not in d for d in feeds.values())


def test_busy_only_uids_do_not_link_two_feeds_and_are_stable() -> None:
    first = feeds_per_person(sample(), _org(), dtstamp=STAMP, privacy=FeedPrivacy.BUSY_ONLY)
    again = feeds_per_person(sample(), _org(), dtstamp=STAMP, privacy=FeedPrivacy.BUSY_ONLY)
    assert first == again
    bt, ct = set(events(first["p-bt"])), set(events(first["p-ct"]))
    assert len(bt) == 1
    assert len(ct) == 2
    assert not bt & ct  # the BTV conference is in both, under different UIDs
    assert not {BTV, UBND} & (bt | ct)


def test_busy_only_sequence_rises_when_the_time_moves() -> None:
    cal = sample()
    org = _org()
    first = feeds_per_person(cal, org, dtstamp=STAMP, privacy=FeedPrivacy.BUSY_ONLY)
    later = STAMP + timedelta(days=1)
    same = feeds_per_person(cal, org, dtstamp=later, published=first, privacy=FeedPrivacy.BUSY_ONLY)
    strip = [b"DTSTAMP"]
    for key in first:
        old = [ln for ln in first[key].split(b"\r\n") if not ln.startswith(tuple(strip))]
        new = [ln for ln in same[key].split(b"\r\n") if not ln.startswith(tuple(strip))]
        assert old == new, key
    ubnd = cal.occurrences[1]
    moved = attrs.evolve(ubnd.occurrence, start=ubnd.occurrence.start + timedelta(hours=1))
    changed = MergedCalendar(
        occurrences=(cal.occurrences[0], attrs.evolve(ubnd, occurrence=moved), *cal.occurrences[2:])
    )
    third = feeds_per_person(
        changed, org, dtstamp=later, published=first, privacy=FeedPrivacy.BUSY_ONLY
    )
    before = {
        str(moment(e, "DTSTART")): prop(e, "SEQUENCE", int) for e in events(first["p-gd"]).values()
    }
    after = {
        str(moment(e, "DTSTART")): prop(e, "SEQUENCE", int) for e in events(third["p-gd"]).values()
    }
    assert list(before.values()) == [0]
    assert list(after.values()) == [1]


# -- findings per person -----------------------------------------------------------


def _findings(cal: MergedCalendar) -> Report:
    btv, ubnd = cal.occurrences[0].ref(), cal.occurrences[1].ref()

    def make(code: str, subjects: tuple[str, ...], *refs: OccurrenceRef) -> Finding:
        return Finding.of(
            code, Message(vi=f"{code} vi", en=f"{code} en"), rule="r",
            subjects=subjects, occurrences=refs,
        )  # fmt: skip

    return Report.build(
        [
            make("person-double-booked", ("p-ct",), btv, ubnd),
            make("attendance-unconfirmed", ("p-bt",), btv),
            # An attendee the check could not resolve: its normalised e-mail.
            make("travel-too-tight", ("bithu@tinhuy.vn",), btv),
            make("venue-double-booked", ("hội trường tỉnh ủy",), btv),
            make("time-mismatch", (), ubnd),
        ]
    )


def test_a_persons_feed_carries_only_the_findings_that_concern_them() -> None:
    cal = sample()
    feeds = feeds_per_person(cal, _org(), dtstamp=STAMP, report=_findings(cal))
    bt, ct, gd = (events(feeds[p]) for p in ("p-bt", "p-ct", "p-gd"))
    assert finding_codes(ct[BTV]) == ["person-double-booked", "venue-double-booked"]
    assert finding_codes(ct[UBND]) == ["person-double-booked", "time-mismatch"]
    assert finding_codes(bt[BTV]) == [
        "venue-double-booked",
        "attendance-unconfirmed",
        "travel-too-tight",
    ]
    assert finding_codes(gd[UBND]) == ["time-mismatch"]
    assert "person-double-booked" not in str(bt[BTV]["DESCRIPTION"])
    assert "attendance-unconfirmed" not in str(ct[BTV]["DESCRIPTION"])


def test_a_bodys_feed_carries_findings_about_its_people_and_its_meetings() -> None:
    cal = sample()
    feeds = feeds_per_body(cal, _org(), dtstamp=STAMP, report=_findings(cal))
    btv = events(feeds["btv-tinh-uy"])
    ubnd = events(feeds["ubnd"])
    # p-bt holds bi-thu in the BTV; p-ct holds chu-tich in the UBND.
    assert finding_codes(btv[BTV]) == [
        "venue-double-booked",
        "attendance-unconfirmed",
        "travel-too-tight",
    ]
    assert finding_codes(ubnd[BTV]) == ["person-double-booked", "venue-double-booked"]
    assert finding_codes(ubnd[UBND]) == ["person-double-booked", "time-mismatch"]


def test_busy_only_feeds_carry_no_findings() -> None:
    cal = sample()
    feeds = feeds_per_person(
        cal, _org(), dtstamp=STAMP, report=_findings(cal), privacy=FeedPrivacy.BUSY_ONLY
    )
    for data in feeds.values():
        assert b"X-COORDRULES-FINDING" not in data
        assert "⚠".encode() not in data


@pytest.mark.parametrize("privacy", list(FeedPrivacy))
def test_every_profile_gives_a_feed_icalendar_reads_whole(privacy: FeedPrivacy) -> None:
    feeds = feeds_per_person(sample(), _org(), dtstamp=STAMP, privacy=privacy)
    for data in feeds.values():
        cal = icalendar.Calendar.from_ical(data)
        assert cal.get_missing_tzids() == set()
        for event in cal.walk("VEVENT"):
            assert event.errors == []
            assert moment(event, "DTSTAMP") == STAMP.astimezone(UTC)


def test_without_a_directory_only_the_person_ids_attendees_carry_get_feeds() -> None:
    # p-pct delegated; gd@so.vn cannot be resolved without a directory.
    feeds = feeds_per_person(sample(), Organisation(), dtstamp=STAMP)
    assert sorted(feeds) == ["p-bt", "p-ct"]


# -- properties on random calendars (coordrules.testing) ----------------------------


@settings(max_examples=40, deadline=None)
@given(calendars(divergent=True, double_booking=True))
def test_random_calendars_give_each_person_their_meetings_and_no_other_address(
    sources: list[SourceCalendar],
) -> None:
    merged = merge(sources, PACK, DIRECTORY)
    org = PACK.organisation(DIRECTORY)
    report = check_calendar(merged, PACK, DIRECTORY, as_of=AS_OF)
    feeds = feeds_per_person(merged, org, dtstamp=STAMP, report=report)
    assert set(feeds) >= {p.id for p in DIRECTORY.people}
    addresses = {
        a.email.lower()
        for m in merged.occurrences
        for c in (m.occurrence, *m.copies)
        for a in c.attendees
        if a.email
    }
    for person, data in feeds.items():
        due = {f"{m.id}@coordrules" for m in merged.for_person(person, org)}
        assert set(events_by_uid(data)) == due
        record = org.person(person)
        own = {e.lower() for e in record.emails} if record is not None else set()
        text = data.decode("utf-8").replace("\r\n ", "").lower()
        for address in addresses - own:
            assert address not in text, (person, address)
        for m in merged.occurrences:
            for copy in m.copies:
                assert f'"{copy.uid.lower()}"' not in text  # no X-COORDRULES-COPY payloads


def events_by_uid(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).events}


def test_addresses_quoted_in_finding_messages_are_hidden_too() -> None:
    # Regression (found by the property above): merge's messages quote a
    # delegate as the source wrote it, an e-mail address, into the feed of
    # the person the finding is about.
    cal = sample()
    finding = Finding.of(
        "time-mismatch",
        Message(vi="vp-ubnd: cử gd@so.vn, gửi vp@ubnd.vn.", en="delegated → gd@so.vn (vp@ubnd.vn)"),
        rule="merge.same-time",
        occurrences=(cal.occurrences[1].ref(),),
    )
    report = Report.build([finding])
    feeds = feeds_per_person(cal, _org(), dtstamp=STAMP, report=report)
    # icalendar leaves X- values escaped: compare the DESCRIPTION block, which it unescapes.
    line = str(events(feeds["p-ct"])[UBND]["DESCRIPTION"]).splitlines()[-1]
    assert line == "⚠ [time-mismatch] " + (
        "vp-ubnd: cử Giám đốc Sở, gửi (e-mail ẩn / hidden). / "
        "delegated → Giám đốc Sở ((e-mail ẩn / hidden))"
    )
    assert b"gd@so.vn" not in feeds["p-ct"]
    assert b"vp@ubnd.vn" not in feeds["p-ct"]
    # The director's own address stays in his own feed; the office's does not.
    gd = str(events(feeds["p-gd"])[UBND]["DESCRIPTION"])
    assert "vp-ubnd: cử gd@so.vn, gửi (e-mail ẩn / hidden)." in gd
    full = feeds_per_person(cal, _org(), dtstamp=STAMP, report=report, privacy=FeedPrivacy.FULL)
    assert "cử gd@so.vn, gửi vp@ubnd.vn." in str(events(full["p-ct"])[UBND]["DESCRIPTION"])

"""The worst iCalendar inputs we know, as small generators (for tests and benchmarks).

Each function returns the bytes of one feed. The fuzz harness and the
hostile-input benchmark import them; ``tests/test_ical_hostile.py`` checks
what the reader makes of each. Before the budgets of issue 11 the slow ones
took from seconds to forever.
"""

from __future__ import annotations

WINDOW_YEAR = 2025
"""The feeds are meant to be read with a window inside this year."""


def feed(*events: str, head: str = "", tail: str = "") -> bytes:
    """A VCALENDAR with *events* (each the inside of a VEVENT), CRLF line ends."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//hostile//EN\n{head}{body}{tail}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode("utf-8")


def interval_zero(freq: str = "DAILY") -> bytes:
    """``INTERVAL=0``: dateutil never returns from this rule."""
    return feed(
        f"UID:zero\nSUMMARY:Giao ban\nDTSTART:20250106T010000Z\nRRULE:FREQ={freq};INTERVAL=0"
    )


def dense_yearly(start: str = "19900101T000000Z") -> bytes:
    """YEARLY with every hour, minute and second of 1 January: 86,400 instances a year.

    Before the window they are all examined and none kept.
    """
    hours = ",".join(str(h) for h in range(24))
    minutes = ",".join(str(m) for m in range(60))
    return feed(
        f"UID:dense\nDTSTART:{start}\nRRULE:FREQ=YEARLY;BYHOUR={hours};BYMINUTE={minutes};"
        f"BYSECOND={minutes}"
    )


def dense_monthly_in_window() -> bytes:
    """MONTHLY with every day, hour and minute, starting in the window (44,640 a month)."""
    days = ",".join(str(d) for d in range(1, 32))
    hours = ",".join(str(h) for h in range(24))
    minutes = ",".join(str(m) for m in range(60))
    return feed(
        f"UID:monthly\nDTSTART:20250101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY={days};"
        f"BYHOUR={hours};BYMINUTE={minutes}"
    )


def never_matching(freq: str = "SECONDLY") -> bytes:
    """A rule whose days never exist (30 February): dateutil searches until the year 9999."""
    return feed(f"UID:never\nDTSTART:20250101T080000Z\nRRULE:FREQ={freq};BYMONTH=2;BYMONTHDAY=30")


def empty_rule(rule: str = "FREQ=SECONDLY;BYSETPOS=2") -> bytes:
    """A rule that gives nothing in any period: BYSETPOS past the period's only instance.

    dateutil tries every period until the year 9999 (a DAILY one took 20 s, a
    SECONDLY one forever).
    """
    return feed(f"UID:empty\nDTSTART:20250101T090000Z\nRRULE:{rule}")


def many_dense_series(count: int = 200) -> bytes:
    """*count* dense series in one feed (about 100 bytes each): the per-feed budget."""
    return feed(
        *(
            f"UID:s{n}\nDTSTART:1990010{1 + n % 9}T000000Z\nRRULE:FREQ=MINUTELY"
            for n in range(count)
        )
    )


def until_before_start() -> bytes:
    """A weekly meeting whose UNTIL is a year before its DTSTART."""
    return feed(
        "UID:until\nSUMMARY:Họp giao ban\nDTSTART:20250106T010000Z\nDTEND:20250106T020000Z\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20240101T000000Z"
    )


def custom_zone(offset: str = "+0700", tzid: str = "Office Time") -> str:
    """A VTIMEZONE (as text) defining *tzid* with one fixed *offset*."""
    return (
        f"BEGIN:VTIMEZONE\nTZID:{tzid}\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        f"TZOFFSETFROM:{offset}\nTZOFFSETTO:{offset}\nEND:STANDARD\nEND:VTIMEZONE\n"
    )


def custom_zone_feed(offset: str, uid: str, tzid: str = "Office Time") -> bytes:
    """One meeting at 09:00 wall time in a zone *tzid* this feed defines with *offset*."""
    return feed(
        f'UID:{uid}\nSUMMARY:Họp\nDTSTART;TZID="{tzid}":20250106T090000\n'
        f'DTEND;TZID="{tzid}":20250106T100000',
        head=custom_zone(offset, tzid),
    )


def floating_with_utc_exdate() -> bytes:
    """A floating daily series whose EXDATE is in UTC (07:00 local = 00:00Z in Vietnam)."""
    return feed(
        "UID:float\nDTSTART:20250106T070000\nDTEND:20250106T080000\nRRULE:FREQ=DAILY;COUNT=3\n"
        "EXDATE:20250107T000000Z"
    )


def bad_lines_outside_meetings() -> bytes:
    """Bad values in a VALARM, a VTODO, a VJOURNAL, a VFREEBUSY, a VTIMEZONE and the VCALENDAR."""
    return feed(
        "UID:ok\nSUMMARY:Họp\nDTSTART:20250106T010000Z\nDTEND:20250106T020000Z\n"
        "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:x\nTRIGGER:PT-2H\nEND:VALARM",
        "UID:z\nDTSTART;TZID=Broken Zone:20250107T090000",
        head="REFRESH-INTERVAL;VALUE=DURATION:soon\n"
        "BEGIN:VTIMEZONE\nTZID:Broken Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        "TZOFFSETFROM:+0700\nTZOFFSETTO:+07OO\nEND:STANDARD\nEND:VTIMEZONE\n",
        tail="BEGIN:VTODO\nUID:t\nDUE:tomorrow\nEND:VTODO\n"
        "BEGIN:VJOURNAL\nUID:j\nDTSTART:yesterday\nEND:VJOURNAL\n"
        "BEGIN:VFREEBUSY\nUID:f\nFREEBUSY:always\nEND:VFREEBUSY\n",
    )


def long_tzid(length: int = 5_000) -> bytes:
    """A TZID of *length* characters (once an OSError from the zone database)."""
    return feed(f"UID:long\nDTSTART;TZID={'A' * length}:20250106T090000")


def old_mac(text: bytes | None = None) -> bytes:
    """A feed with CR-only line ends (classic Mac OS, Lotus Notes)."""
    return (text or feed("UID:mac\nSUMMARY:Họp\nDTSTART:20250106T010000Z")).replace(b"\r\n", b"\r")


ALL = {
    "interval-zero": interval_zero,
    "dense-yearly": dense_yearly,
    "dense-monthly-in-window": dense_monthly_in_window,
    "never-matching": never_matching,
    "empty-rule": empty_rule,
    "many-dense-series": many_dense_series,
    "until-before-start": until_before_start,
    "floating-with-utc-exdate": floating_with_utc_exdate,
    "bad-lines-outside-meetings": bad_lines_outside_meetings,
    "long-tzid": long_tzid,
    "old-mac": old_mac,
}
"""Every generator above that takes no argument, by name (for the benchmark)."""

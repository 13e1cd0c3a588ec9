"""The rule-pack format, as data: every section, every key, its type and meaning.

The loader (:mod:`coordrules.packs.load`) checks a pack against this table
(unknown keys, missing keys, types), and ``docs/gen_packs.py`` writes the
format reference in ``docs/packs.md`` from it, so the two cannot drift.

A section is a TOML table (``[policy]``) or an array of tables
(``[[body]]``). Keys of type ``section`` name a nested section whose own spec
is listed under the dotted name (``policy.confirmation_deadline``).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from coordrules.packs import limits
from coordrules.packs.docformat import FORMAT_KEYS


@attrs.frozen
class KeySpec:
    """One key of a section: name, type, whether required, meaning."""

    name: str
    type: str
    """One of :data:`TYPES` (or ``section`` for a nested table)."""
    meaning: str
    required: bool = False
    default: str | None = None
    """The default, as the docs show it, when the key is optional."""
    range: tuple[int, int] | None = None
    """Smallest and largest value of an ``integer`` key (``docs/packs.md``, Limits)."""
    refers: tuple[str, ...] = ()
    """For an ``id`` or ``ids`` key: the sections whose ids it names (``("body", "office")``);
    ``document_type`` includes the built-in types, ``item_kind`` is the built-in list."""


@attrs.frozen
class SectionSpec:
    """A section of the pack file."""

    name: str
    """Dotted path, e.g. ``policy.confirmation_deadline``."""
    array: bool
    """``[[name]]`` (an array of tables) rather than ``[name]``."""
    meaning: str
    keys: tuple[KeySpec, ...]
    key_by: str | None = None
    """What a pack that extends another replaces entries by (``id`` …)."""


TYPES: Mapping[str, str] = {
    "string": "text",
    "id": "an identifier: lower-case letters, digits, `-`, `_`, `.`",
    "ids": "a list of identifiers",
    "condition": "a flag identifier (`policy-impact`), or `not:` and a flag (`not:urgent`)",
    "strings": "a list of texts",
    "integer": "a whole number",
    "integers": "a list of whole numbers",
    "date": (
        f"a TOML date (`2025-07-01`) or the same as a string, from {limits.DATE_MIN} "
        f"to {limits.DATE_MAX}"
    ),
    "time": 'a time of day as text, `"17:00"`',
    "basis": "`statute`, `local` or `assumed`",
    "source": (
        "`official` (read in the official text) or `secondary` (read only in a legal portal "
        "or the press: believed, not checked against the text)"
    ),
    "deadline": (
        'an inline table `{ amount = 3, unit = "working_days", anchor = "before", '
        'reference = "start" }`; `unit` is `days` (default), `working_days` or `hours`; '
        "`anchor` is `before` (default) or `after`; `reference` is `start` (default) or `end`; "
        "`amount` is at most " + ", ".join(f"{v:,} {k}" for k, v in limits.DEADLINE_MAX.items())
    ),
    "value": "any TOML value; its meaning depends on the rule",
    "section": "a nested section (see below)",
}
"""The key types, with what each accepts (shown in the docs)."""

_VERSION_KEYS = (
    KeySpec(
        "cite", "string", "Document and article the value comes from (required for `statute`)."
    ),
    KeySpec("basis", "basis", "How sure the value is.", default='"assumed"'),
    KeySpec("since", "date", "First day the entry applies (inclusive)."),
    KeySpec("until", "date", "First day it no longer applies (exclusive)."),
    KeySpec("note", "string", "Why this value; shown by `coordrules rules`."),
    KeySpec(
        "source",
        "source",
        "Where `cite` was read: `official` text or only a `secondary` source "
        "(a legal portal, the press).",
        default='"official"',
    ),
    KeySpec(
        "gap_before",
        "string",
        "Declares that no version applies between the previous version's `until` and this "
        "one's `since`, and why; without it `coordrules rules --check` reports the gap.",
    ),
)
_DATES = _VERSION_KEYS[2:4]


def _section(
    name: str, array: bool, meaning: str, *keys: KeySpec, key_by: str | None = None
) -> SectionSpec:
    return SectionSpec(name, array, meaning, keys, key_by)


SECTIONS: tuple[SectionSpec, ...] = (
    _section(
        "pack",
        False,
        "What the pack is, and which pack it extends.",
        KeySpec("id", "id", "The pack's identifier.", required=True),
        KeySpec("name", "string", "Its name, for people.", required=True),
        KeySpec("level", "string", "`province` or `commune`.", default='"province"'),
        KeySpec("description", "string", "What it covers."),
        KeySpec(
            "place",
            "string",
            "The province's or commune's name (Thanh Bình): completes the headings of the "
            "documents the library writes and their place-and-date line. Inherited through "
            "`extends`.",
        ),
        KeySpec(
            "extends",
            "string",
            "A bundled pack name (`vn-province`) or a path relative to this file; "
            "this pack then changes only what it lists.",
        ),
        KeySpec(
            "remove",
            "strings",
            'Entries of the extended pack to drop, as `"section:key"` '
            '(`"position:pho-chu-tich-ubnd"`, `"work_calendar.year:2025"`) or a whole '
            'policy rule (`"policy.change_notice"`).',
        ),
    ),
    _section(
        "body",
        True,
        "Bodies (cơ quan, tổ chức): Tỉnh ủy, HĐND, UBND …",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("name", "string", "Vietnamese name.", required=True),
        KeySpec("aliases", "strings", "Other names and abbreviations.", default="[]"),
        KeySpec(
            "parent",
            "id",
            "The body this one belongs to (Thường trực HĐND → HĐND).",
            refers=("body",),
        ),
        KeySpec(
            "form",
            "string",
            'The form of its documents: `"state"` (NĐ 30/2020) or `"party"` '
            "(Hướng dẫn 36-HD/VPTW).",
            default='"state"',
        ),
        KeySpec("cite", "string", "Source of `form`."),
        KeySpec("basis", "basis", "How sure `form` is.", default='"assumed"'),
        *_DATES,
        key_by="id",
    ),
    _section(
        "office",
        True,
        "Offices (văn phòng) and the bodies each serves (tham mưu, phục vụ).",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("name", "string", "Vietnamese name.", required=True),
        KeySpec("serves", "ids", "Body ids this office serves.", default="[]", refers=("body",)),
        KeySpec("aliases", "strings", "Other names.", default="[]"),
        *_DATES,
        key_by="id",
    ),
    _section(
        "position",
        True,
        "Positions (chức vụ); who holds them is in the people directory, not the pack.",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("body", "id", "The body the position belongs to.", required=True, refers=("body",)),
        KeySpec("title", "string", "Title as written in calendars.", required=True),
        KeySpec("aliases", "strings", "Other spellings of the title.", default="[]"),
        KeySpec(
            "deputies",
            "ids",
            "Positions that may stand in (cử đại diện), best first.",
            default="[]",
            refers=("position",),
        ),
        KeySpec(
            "holders",
            "integer",
            "How many people may hold it at once (1 for a head: Chủ tịch, Bí thư); "
            "the people directory is checked against it.",
            default="any number",
            range=limits.HOLDERS,
        ),
        *_DATES,
        key_by="id",
    ),
    _section(
        "work",
        True,
        "Kinds of work with exactly one lead office (chủ trì) and the coordinating ones "
        "(phối hợp). Several entries with one id are versions with non-overlapping dates.",
        KeySpec("id", "id", "Identifier of the kind of work.", required=True),
        KeySpec("name", "string", "What the work is.", required=True),
        KeySpec("lead", "id", "The one lead office.", required=True, refers=("office",)),
        KeySpec("coordinate", "ids", "Coordinating offices.", default="[]", refers=("office",)),
        *_VERSION_KEYS,
        key_by="id",
    ),
    _section(
        "meeting_kind",
        True,
        "Kinds of meeting, with a stable id, organising body and serving office.",
        KeySpec("id", "id", "Stable identifier (`hdnd-session` …).", required=True),
        KeySpec("name", "string", "Vietnamese name.", required=True),
        KeySpec("body", "id", "Organising body.", required=True, refers=("body",)),
        KeySpec(
            "office", "id", "Office that serves (prepares) it.", required=True, refers=("office",)
        ),
        KeySpec("coordinating", "ids", "Coordinating offices.", default="[]", refers=("office",)),
        KeySpec("aliases", "strings", "Other names, as titles in calendars.", default="[]"),
        *_DATES,
        key_by="id",
    ),
    _section(
        "venue",
        True,
        "Meeting places, matched by normalised name or alias.",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("name", "string", "Name.", required=True),
        KeySpec("aliases", "strings", "Other names.", default="[]"),
        key_by="id",
    ),
    _section(
        "travel_time",
        True,
        "Minutes to travel between two venues (either direction).",
        KeySpec("a", "id", "One venue id.", required=True, refers=("venue",)),
        KeySpec("b", "id", "The other venue id.", required=True, refers=("venue",)),
        KeySpec(
            "minutes",
            "integer",
            "Travel time in minutes.",
            required=True,
            range=limits.TRAVEL_MINUTES,
        ),
        KeySpec("cite", "string", "Source."),
        KeySpec("basis", "basis", "How sure.", default='"assumed"'),
        key_by="a/b",
    ),
    _section(
        "document_type",
        True,
        "Extra document types (beyond the built-in vocabulary) that requirements may name.",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("name", "string", "Vietnamese name.", required=True),
        KeySpec("code", "string", "Type code in the number line (`TTr` …)."),
        KeySpec("title", "string", "The capitals that open the document."),
        KeySpec(
            "parent",
            "id",
            "The type this one is a kind of (`bao-cao`): a requirement for the parent is "
            "met by a document of this type.",
            refers=("document_type",),
        ),
        key_by="id",
    ),
    _section(
        "requirement",
        True,
        "Documents a meeting's dossier needs (thành phần hồ sơ), and by when. Several "
        "entries with one id are versions with non-overlapping dates.",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("meeting_kind", "id", "The meeting kind.", required=True, refers=("meeting_kind",)),
        KeySpec("document", "id", "Document type id.", required=True, refers=("document_type",)),
        KeySpec("name", "string", "What the document is, for people.", required=True),
        KeySpec("deadline", "deadline", "When it is due.", required=True),
        KeySpec(
            "item_kind",
            "id",
            "Kind of agenda item needing it; absent: the whole meeting.",
            refers=("item_kind",),
        ),
        KeySpec("submitted_by", "id", "Body or office that submits it.", refers=("body", "office")),
        KeySpec("to", "id", "Body or office it goes to.", refers=("body", "office")),
        KeySpec(
            "condition",
            "condition",
            "A flag of the agenda item or meeting: required only when it is set "
            "(`not:flag`: only when it is not set; a meeting's `urgent` sets `urgent`).",
        ),
        KeySpec(
            "deadline_basis",
            "basis",
            "The deadline's own basis, when it differs from `basis` (the list read in a law, "
            "the deadline assumed).",
        ),
        *_VERSION_KEYS,
        key_by="id",
    ),
    _section(
        "rule",
        True,
        "Other dated rule values (how often HĐND meets …), shown by `coordrules rules` and "
        "read with `Pack.rule(id)`. Several entries with one id are versions.",
        KeySpec("id", "id", "Identifier.", required=True),
        KeySpec("description", "string", "What the rule says.", required=True),
        KeySpec("value", "value", "The value.", required=True),
        *_VERSION_KEYS,
        key_by="id",
    ),
    _section(
        "document_format",
        True,
        "The document format (thể thức văn bản) of NĐ 30/2020/NĐ-CP and Hướng dẫn "
        "36-HD/VPTW: fonts, sizes, margins, heading texts, number-line forms. The DOCX "
        "writer writes these values and the document check accepts them (a range's low "
        "end is written, the whole range accepted). Ids: "
        + ", ".join(f"`{k}`" for k in FORMAT_KEYS)
        + ". "
        "Several entries with one id are versions; the writer reads the issue date, the "
        "check the document's date.",
        KeySpec("id", "id", "Which value (one of the ids above).", required=True),
        KeySpec(
            "value",
            "value",
            'A text (`"Times New Roman"`), a range of numbers `[13, 14]` (pt or mm), or for '
            'a `*.number_line*` id a number-line form: `"Số: {number:02d}/{code}-{issuer}"`, '
            "`Số` and an optional colon, then the fields `{number}` (`:02d`: a leading zero "
            "below 10), `{year}`, `{code}`, `{issuer}` joined by `/` or `-`.",
            required=True,
        ),
        KeySpec("description", "string", "What the value is, for people."),
        *_VERSION_KEYS,
        key_by="id",
    ),
    _section(
        "policy",
        False,
        "How the offices keep their common calendar (quy chế phối hợp).",
        KeySpec(
            "series_cap",
            "integer",
            "Most occurrences of one series in a window.",
            default="1000",
            range=limits.SERIES_CAP,
        ),
        KeySpec(
            "max_feed_bytes",
            "integer",
            "Largest input feed accepted.",
            default="50000000",
            range=limits.FEED_BYTES,
        ),
        KeySpec("confirmation_deadline", "section", "Hạn xác báo thành phần."),
        KeySpec("change_notice", "section", "Notice a significant change needs."),
        KeySpec("precedence", "section", "Which meeting kinds take precedence."),
        KeySpec("default_travel_minutes", "section", "Travel time when none is listed."),
    ),
    _section(
        "policy.confirmation_deadline",
        True,
        "Versions: attendees confirm (xác báo) by this deadline before the start.",
        KeySpec("value", "deadline", "The deadline.", required=True),
        *_VERSION_KEYS,
        key_by="whole",
    ),
    _section(
        "policy.change_notice",
        True,
        "Versions: a significant change made later than this before the start is late.",
        KeySpec("value", "deadline", "The notice.", required=True),
        *_VERSION_KEYS,
        key_by="whole",
    ),
    _section(
        "policy.precedence",
        True,
        "Versions: meeting-kind ids, the one that takes precedence first.",
        KeySpec("value", "ids", "Meeting kind ids.", required=True, refers=("meeting_kind",)),
        *_VERSION_KEYS,
        key_by="whole",
    ),
    _section(
        "policy.default_travel_minutes",
        True,
        "Versions: minutes between two different venues with no listed travel time.",
        KeySpec("value", "integer", "Minutes.", required=True, range=limits.TRAVEL_MINUTES),
        *_VERSION_KEYS,
        key_by="whole",
    ),
    _section(
        "work_calendar",
        False,
        "Working days (ngày làm việc): time zone, holidays, announced day swaps.",
        KeySpec("timezone", "string", "IANA time zone.", default='"Asia/Ho_Chi_Minh"'),
        KeySpec("country", "string", "Country code for the `holidays` package.", default='"VN"'),
        KeySpec("weekend", "integers", "Weekly days off, Monday = 0.", default="[5, 6]"),
        KeySpec("deadline_time", "section", "The hour a day-counted deadline falls at."),
        KeySpec("year", "section", "Announced schedule of one year."),
        KeySpec("ignored_holiday", "section", "A `holidays` entry not treated as a day off."),
    ),
    _section(
        "work_calendar.deadline_time",
        False,
        "The time of day a deadline counted in days or working days falls at.",
        KeySpec("value", "time", "Time of day.", required=True),
        KeySpec("cite", "string", "Source."),
        KeySpec("basis", "basis", "How sure.", default='"assumed"'),
        KeySpec("note", "string", "Why."),
    ),
    _section(
        "work_calendar.year",
        True,
        "One year's announced schedule (lịch nghỉ lễ, Tết): extra days off and make-up "
        "working days (ngày làm bù). These win over the `holidays` package.",
        KeySpec(
            "year",
            "integer",
            "The year.",
            required=True,
            range=(limits.DATE_MIN.year, limits.DATE_MAX.year),
        ),
        KeySpec("cite", "string", "The announcement (default for its days)."),
        KeySpec("basis", "basis", "How sure (default for its days).", default='"assumed"'),
        KeySpec(
            "source",
            "source",
            "Where the announcement was read (default for its days).",
            default='"official"',
        ),
        KeySpec("note", "string", "Why."),
        KeySpec("days_off", "section", "Spans of days off."),
        KeySpec("working_days", "section", "Make-up working days."),
        key_by="year",
    ),
    _section(
        "work_calendar.year.days_off",
        True,
        "A span of days off, `first` and `last` both included.",
        KeySpec("first", "date", "First day off.", required=True),
        KeySpec("last", "date", "Last day off (included).", required=True),
        KeySpec("name", "string", "What the days are (Tết Nguyên đán …).", required=True),
        KeySpec("cite", "string", "Source, if not the year's."),
        KeySpec("basis", "basis", "How sure, if not the year's."),
        KeySpec("source", "source", "Where it was read, if not the year's."),
    ),
    _section(
        "work_calendar.year.working_days",
        True,
        "A day worked although it is a weekend day (làm bù).",
        KeySpec("day", "date", "The day.", required=True),
        KeySpec("name", "string", "Why (làm bù cho ngày …).", required=True),
        KeySpec("cite", "string", "Source, if not the year's."),
        KeySpec("basis", "basis", "How sure, if not the year's."),
        KeySpec("source", "source", "Where it was read, if not the year's."),
    ),
    _section(
        "work_calendar.ignored_holiday",
        True,
        "A holiday of the `holidays` package that this calendar treats as a working day.",
        KeySpec("name", "string", "The holiday's Vietnamese name as the package gives it.", True),
        KeySpec("cite", "string", "Source."),
        KeySpec("basis", "basis", "How sure.", default='"assumed"'),
        KeySpec("note", "string", "Why it is ignored."),
        key_by="name",
    ),
)
"""Every section of the pack format, in the order the docs show them."""

SECTION: Mapping[str, SectionSpec] = {s.name: s for s in SECTIONS}
"""The sections by dotted name."""

TOP_LEVEL: tuple[str, ...] = tuple(s.name for s in SECTIONS if "." not in s.name)
"""The sections allowed at the top of a pack file."""


def reference_markdown() -> str:
    """The format reference (Markdown) generated from :data:`SECTIONS`."""
    lines = ["### Key types", "", "| type | accepts |", "|---|---|"]
    lines += [f"| `{name}` | {text} |" for name, text in TYPES.items()]
    for section in SECTIONS:
        header = f"[[{section.name}]]" if section.array else f"[{section.name}]"
        lines += ["", f"### `{header}`", "", section.meaning, ""]
        if section.key_by:
            how = (
                "the whole list of versions"
                if section.key_by == "whole"
                else f"entries with the same `{section.key_by}`"
            )
            lines += [f"A pack that extends another replaces {how}.", ""]
        lines += ["| key | type | required | default | meaning |", "|---|---|---|---|---|"]
        for key in section.keys:
            required = "yes" if key.required else ""
            default = f"`{key.default}`" if key.default else ""
            meaning = key.meaning
            if key.range is not None:
                meaning += f" From {key.range[0]:,} to {key.range[1]:,}."
            lines.append(f"| `{key.name}` | {key.type} | {required} | {default} | {meaning} |")
    return "\n".join(lines) + "\n"

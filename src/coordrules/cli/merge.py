"""``coordrules merge SOURCE...``: one work calendar from every office's calendar.

Reads each source (``.ics`` feed or ``.docx`` weekly calendar), merges them
with :func:`~coordrules.merge`, checks the result with
:func:`~coordrules.check_calendar`, prints a short summary, and writes what
was asked for: the merged feed, one feed per person, the report as JSON, the
weekly calendar and the report as DOCX. All outputs are built in memory and
written together, so bad input never leaves a half-written file.

Exit status: 0 no error findings, 1 error findings, 2 bad input or usage;
3 for a bug in coordrules (see :mod:`coordrules.cli.main`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from coordrules.cli.common import DATE_RULE, DAY_RULE, office_id, parse_as_of, parse_date
from coordrules.cli.output import (
    Output,
    check_outputs,
    has_bad_names,
    read_previous,
    report_json,
    same_file,
    text_safe,
    write_outputs,
)
from coordrules.model.errors import InputError
from coordrules.model.events import MergedCalendar, SourceCalendar
from coordrules.model.findings import Report, Severity
from coordrules.model.org import Directory
from coordrules.model.text import vn_moment

if TYPE_CHECKING:
    from coordrules.packs.pack import Pack

READERS = (".ics", ".ical", ".ifb", ".docx")
"""File endings a source may have."""


@attrs.frozen
class SourceArgument:
    """One ``[NAME=]PATH`` source argument of ``coordrules merge``: the name and the file."""

    name: str
    path: Path


@attrs.frozen
class Job:
    """Everything one merge run needs, already loaded and checked."""

    sources: tuple[SourceArgument, ...]
    pack: Pack
    directory: Directory | None
    window: tuple[date, date]
    as_of: datetime
    previous: Path | None = None
    source_offices: Mapping[str, str] = attrs.field(factory=dict)
    people: str | None = None
    """The people file the directory came from, if any."""


@attrs.frozen
class Outputs:
    """Where to write what (``None``: not asked for)."""

    ics: str | None = None
    per_person: str | None = None
    json: str | None = None
    docx: str | None = None
    report: str | None = None
    office: str | None = None


def parse_source(text: str) -> SourceArgument:
    """``NAME=PATH`` or ``PATH`` (the name is then the file's stem)."""
    name, sep, path = text.partition("=")
    if not sep or "/" in name or "\\" in name or not name.strip():
        path, name = text, Path(text).stem
    # A file name that is not UTF-8 (surrogate-escaped on Linux) names the
    # source with its bad bytes shown as \xNN: a name is text in every output.
    name = os.fsencode(name).decode("utf-8", "backslashreplace")
    if Path(path).suffix.lower() not in READERS:
        raise InputError(
            path,
            "a source is an iCalendar feed (.ics) or a DOCX weekly calendar (.docx)",
            reason_vi="nguồn lịch phải là tệp .ics hoặc .docx",
        )
    return SourceArgument(name.strip(), Path(path))


def default_window(as_of: datetime) -> tuple[date, date]:
    """The week (Monday to Sunday) that holds *as_of*'s date."""
    monday = as_of.date() - timedelta(days=as_of.weekday())
    return monday, monday + timedelta(days=6)


def read_source(source: SourceArgument, job: Job) -> SourceCalendar:
    """Read one source by its file ending."""
    # The adapters load here, not when the parser is built: ``--help`` stays quick.
    from coordrules.adapters.docx.weekly_read import read_weekly_docx
    from coordrules.adapters.ical.read import read_ics

    if source.path.suffix.lower() == ".docx":
        return read_weekly_docx(
            source.path,
            name=source.name,
            pack=job.pack,
            directory=job.directory,
            year=job.window[0].year,
        )
    return read_ics(source.path, name=source.name, window=job.window, pack=job.pack)


def run_job(job: Job, *, progress: bool = False) -> tuple[MergedCalendar, Report]:
    """Read, merge and check; nothing is written."""
    # Loaded when the command runs: building the parser (``--help``) needs no rules.
    from coordrules.rules.conflicts import check_calendar
    from coordrules.rules.merge import merge

    calendars = []
    for source in job.sources:
        if progress:
            print(f"đọc / reading {source.name}: {source.path} …", file=sys.stderr)
        calendars.append(read_source(source, job))
    calendar = merge(
        calendars,
        job.pack,
        job.directory,
        window=job.window,
        source_offices=dict(job.source_offices),
    )
    previous = None if job.previous is None else _read_previous_feed(job.previous, job.pack)
    report = check_calendar(
        calendar,
        job.pack,
        job.directory,
        as_of=job.as_of,
        window=job.window,
        previous=previous,
    )
    return calendar, report


def _read_previous_feed(path: Path, pack: Pack) -> MergedCalendar:
    """``--previous``: the earlier merged feed; an error names the whole path given."""
    from coordrules.adapters.ical.read import read_merged_ics

    try:
        return read_merged_ics(path, pack=pack)
    except InputError as error:
        if error.file == str(path):
            raise
        raise InputError(
            str(path),
            error.reason,
            place=error.place,
            hint=error.hint,
            reason_vi=error.reason_vi,
        ) from None


def issuing_office(job: Job, wanted: str | None) -> str:
    """The office whose name heads the DOCX files: *wanted*, else the first source's office.

    Without *wanted* the rule is :func:`coordrules.rules.offices.first_issuing_office`.
    """
    from coordrules.rules.offices import first_issuing_office

    if wanted is not None:
        return office_id(job.pack, wanted)
    office = first_issuing_office(
        job.pack.organisation(job.directory),
        (job.source_offices.get(source.name, source.name) for source in job.sources),
    )
    if office is None:
        raise InputError(
            job.pack.path or job.pack.id,
            "the pack has no office",
            place="offices",
            reason_vi="gói quy tắc không có văn phòng nào",
        )
    return office.id


def build_outputs(
    job: Job, calendar: MergedCalendar, report: Report, outputs: Outputs
) -> list[Output]:
    """Every file asked for, built in memory; nothing is written.

    One feed per person goes to ``DIR/`` + :func:`~coordrules.feed_file_name`
    of the person's id: ids come from people files and feeds, and never
    become paths as they are.
    """
    from coordrules.adapters.docx.report import write_report_docx
    from coordrules.adapters.docx.weekly_write import write_weekly_docx
    from coordrules.adapters.ical.write import feed_file_name, feeds_per_person, write_ics

    files: list[Output] = []
    if outputs.ics:
        previous = read_previous(outputs.ics)
        data = write_ics(
            calendar,
            name="Lịch công tác chung",
            dtstamp=job.as_of,
            report=report,
            published=previous,
        )
        files.append(Output(outputs.ics, data, "--ics"))
    if outputs.per_person:
        folder = outputs.per_person
        org = job.pack.organisation(job.directory)
        if os.path.lexists(folder) and not os.path.isdir(folder):
            raise InputError(folder, "not a folder", reason_vi="không phải thư mục")
        old = _EarlierFeeds(folder)
        feeds = feeds_per_person(calendar, org, dtstamp=job.as_of, report=report, published=old)
        files.extend(
            Output(os.path.join(folder, feed_file_name(person)), data, "--per-person", folder)
            for person, data in sorted(feeds.items())
        )
    if outputs.json:
        files.append(Output(outputs.json, report_json(report), "--json"))
    if outputs.docx or outputs.report:
        office = issuing_office(job, outputs.office)
        if outputs.docx:
            data = write_weekly_docx(
                calendar,
                window=(job.window[0], job.window[1]),
                pack=job.pack,
                office=office,
                report=report,
                issued=job.as_of.date(),
            )
            files.append(Output(outputs.docx, data, "--docx"))
        if outputs.report:
            data = write_report_docx(
                report,
                pack=job.pack,
                office=office,
                title="Báo cáo kiểm tra lịch công tác",
                calendar=calendar,
                directory=job.directory,
                issued=job.as_of.date(),
            )
            files.append(Output(outputs.report, data, "--report"))
    return files


class _EarlierFeeds(Mapping[str, bytes]):
    """The per-person feeds of an earlier run in *folder*, by person id, read on demand.

    Only ``DIR/feed_file_name(id)`` is read, and only when it is a regular
    file; nothing else in the folder is opened.
    """

    def __init__(self, folder: str) -> None:
        self._folder = folder
        self._read: dict[str, bytes] = {}

    def __getitem__(self, person: str) -> bytes:
        from coordrules.adapters.ical.write import feed_file_name

        if person not in self._read:
            data = read_previous(os.path.join(self._folder, feed_file_name(person)))
            if data is None:
                raise KeyError(person)
            self._read[person] = data
        return self._read[person]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read)

    def __len__(self) -> int:
        return len(self._read)


def inputs_of(job: Job) -> list[str]:
    """The files the job reads, which no output may replace."""
    found = [str(source.path) for source in job.sources]
    if job.people is not None:
        found.append(job.people)
    if job.pack.path is not None:
        found.append(str(job.pack.path))
    return found


def print_written(files: Sequence[str]) -> None:
    """One line per file written."""
    for path in files:
        print(f"Đã ghi / wrote {text_safe(path)}")


def print_summary(calendar: MergedCalendar, report: Report) -> None:
    """A short summary a person can read: counts by code, the errors."""
    first, last = (vn_moment(day) for day in report.window or ("?", "?"))
    print(f"Lịch công tác / work calendar {first} – {last}")
    print(f"  tính đến / as of {vn_moment(report.as_of)}")
    for source in report.sources:
        print(
            f"  nguồn / source {source.name}: {source.occurrences} mục / items, "
            f"{source.problems} lỗi đọc / import problems"
        )
    print(f"  sau hợp nhất / merged: {len(calendar.occurrences)} cuộc họp / meetings")
    counts = Counter((f.severity, f.code) for f in report.findings)
    if counts:
        print("Phát hiện / findings:")
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for (severity, code), count in sorted(
            counts.items(), key=lambda i: (order[i[0][0]], i[0][1])
        ):
            print(f"  {count:4} × {severity.value:7} {code}")
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        print("Lỗi cần xử lý / errors to fix:")
        for finding in errors:
            print(f"  - {finding.message.vi}")
            print(f"    {finding.message.en}")
    summary = report.summary
    print(
        f"Tổng / summary: {summary['error']} lỗi / errors, {summary['warning']} cảnh báo / "
        f"warnings, {summary['info']} thông tin / info"
    )


def add_parser(subparsers: Any) -> None:
    """Register ``merge``."""
    parser = subparsers.add_parser(
        "merge",
        help="hợp nhất lịch các văn phòng, tìm xung đột / merge calendars, find conflicts",
        description=(
            "Hợp nhất lịch của các văn phòng (lịch .ics, lịch công tác tuần .docx) thành một "
            "lịch công tác, tìm xung đột, ghi lịch, DOCX và JSON. / "
            "Merge the offices' calendars (.ics feeds, .docx weekly calendars) into one "
            "work calendar, find conflicts, and write feeds, DOCX and JSON."
        ),
    )
    parser.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="nguồn lịch / [NAME=]PATH, .ics or .docx"
    )
    parser.add_argument(
        "--pack", default="vn-province", help="gói quy tắc / bundled pack name or pack file"
    )
    parser.add_argument(
        "--people", metavar="FILE", help="danh bạ / people directory (.toml or .csv)"
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=f"từ ngày / first day ({DAY_RULE}; default: the Monday of --as-of's week, "
        "or 6 days before --to)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help=f"đến ngày / last day, included ({DAY_RULE}; default: 6 days after --from)",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATETIME",
        help=f"thời điểm kiểm tra / moment of the check ({DATE_RULE}; default: now)",
    )
    parser.add_argument(
        "--previous",
        metavar="OLD.ics",
        help="lịch chung lần trước / merged feed of the previous run",
    )
    parser.add_argument(
        "--source-office",
        action="append",
        default=[],
        metavar="NAME=OFFICE",
        help="văn phòng giữ nguồn / the office that keeps source NAME (default: matched by name)",
    )
    parser.add_argument("--ics", metavar="OUT.ics", help="ghi lịch chung / write the merged feed")
    parser.add_argument(
        "--per-person",
        metavar="DIR",
        help="ghi lịch từng người / write one feed per person, DIR/ID.ics (an id that is "
        "not plain gets a safe name, see docs/reference/cli.md)",
    )
    parser.add_argument(
        "--json", metavar="OUT.json", help="ghi báo cáo JSON / write the report as JSON"
    )
    parser.add_argument(
        "--docx", metavar="OUT.docx", help="ghi lịch công tác tuần / write the weekly work calendar"
    )
    parser.add_argument(
        "--report", metavar="OUT.docx", help="ghi báo cáo DOCX / write the report as DOCX"
    )
    parser.add_argument(
        "--office",
        help="văn phòng ban hành / office issuing the DOCX files, by id or name (default: the "
        "office of the first "
        "source whose name is an office's)",
    )
    parser.set_defaults(run=run)


def job_from_args(args: argparse.Namespace) -> Job:
    """Load the pack and directory and check the arguments."""
    from coordrules.packs.directory import load_directory  # on first use: not for ``--help``
    from coordrules.packs.load import load_pack

    pack = load_pack(args.pack)
    directory = None if args.people is None else load_directory(args.people, pack)
    if args.per_person and directory is None:
        raise InputError(
            "--per-person",
            "one feed per person needs the people directory: who is who",
            reason_vi="cần danh bạ (--people) để tách lịch từng người",
            hint="add --people people.toml",
        )
    as_of = parse_as_of(args.as_of, pack.work_calendar.tz)
    start, end = default_window(as_of)
    if args.start is not None:
        start = parse_date(args.start, "--from")
        end = start + timedelta(days=6)
    if args.end is not None:
        end = parse_date(args.end, "--to")
        if args.start is None:
            start = end - timedelta(days=6)
    if end < start:
        raise InputError("--to", "the last day is before the first", reason_vi="--to trước --from")
    if args.office is not None:
        office_id(pack, args.office)  # a typo is an error even when no DOCX is asked for
    sources = tuple(parse_source(s) for s in args.sources)
    offices = {}
    for item in args.source_office:
        name, sep, office = item.partition("=")
        if not sep:
            raise InputError(
                "--source-office",
                f"expected NAME=OFFICE, found {item!r}",
                reason_vi="cần dạng TÊN=VĂN-PHÒNG",
            )
        if name not in {source.name for source in sources}:
            raise InputError(
                "--source-office",
                f"no source is named {name!r}",
                reason_vi=f"không có nguồn lịch tên {name!r}",
                hint="sources: " + ", ".join(source.name for source in sources),
            )
        offices[name] = office_id(pack, office, "--source-office")
    names: dict[str, Path] = {}
    for source in sources:
        if source.name in names:
            raise InputError(
                str(source.path),
                f"two sources are named {source.name!r} (also {names[source.name]}); "
                "copies within one source are never taken for the same meeting",
                reason_vi=f"hai nguồn lịch cùng tên {source.name!r}",
                hint="name each source: NAME=PATH, e.g. vp-ubnd=lich.ics",
            )
        names[source.name] = source.path
        if not source.path.is_file():
            raise InputError(str(source.path), "file not found", reason_vi="không tìm thấy tệp")
    return Job(
        sources=sources,
        pack=pack,
        directory=directory,
        window=(start, end),
        as_of=as_of,
        previous=None if args.previous is None else Path(args.previous),
        source_offices=offices,
        people=args.people,
    )


def _named_outputs(outputs: Outputs) -> list[Output]:
    """The single files the options name (not the per-person ones), for the early check."""
    named = [
        (outputs.ics, "--ics"),
        (outputs.json, "--json"),
        (outputs.docx, "--docx"),
        (outputs.report, "--report"),
    ]
    return [Output(path, option=option) for path, option in named if path]


def run(args: argparse.Namespace) -> int:
    """Merge, check, write, summarise."""
    job = job_from_args(args)
    outputs = Outputs(
        ics=args.ics,
        per_person=args.per_person,
        json=args.json,
        docx=args.docx,
        report=args.report,
        office=args.office,
    )
    inputs = inputs_of(job)
    # The merged feed may replace the previous run's feed it was compared
    # with (read in full before anything is written), no other output.
    if job.previous is not None and not (outputs.ics and same_file(outputs.ics, str(job.previous))):
        inputs.append(str(job.previous))
    # Before the long work: a wrong output path is a usage error at once.
    check_outputs(_named_outputs(outputs), inputs=inputs)
    calendar, report = run_job(job, progress=sys.stderr.isatty())
    if has_bad_names([*inputs, job.previous]):
        calendar, report = text_safe(calendar), text_safe(report)
    files = build_outputs(job, calendar, report, outputs)
    print_summary(calendar, report)
    sys.stdout.flush()  # a standard output that cannot be written fails before any file
    write_outputs(files, inputs=inputs)
    print_written([file.path for file in files])
    return 1 if report.has_errors else 0

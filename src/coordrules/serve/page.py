"""The week page for office staff: server-rendered HTML, no script, readable on a phone, printable.

Leaders are rows, days are columns (one table per week of the window),
meetings are blocks in the cells of each person due at them. A finding that
names a meeting marks its block in the rows it concerns: a finding about a
person (``person-double-booked``, ``attendance-unconfirmed`` …) only in that
person's row, any other (a venue booked twice, copies that disagree) in every
row the meeting appears in. Every mark links to the finding in the list below
the table. Vietnamese first, English alongside.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, tzinfo
from html import escape

from coordrules.model.events import MergedOccurrence
from coordrules.model.findings import Finding, Severity
from coordrules.model.text import vn_moment
from coordrules.packs.pack import Pack
from coordrules.serve.service import Build

_DAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SEVERITY = {
    Severity.ERROR: ("Lỗi", "Error"),
    Severity.WARNING: ("Cảnh báo", "Warning"),
    Severity.INFO: ("Thông tin", "Info"),
}
_CLASH_CODES = ("person-double-booked", "venue-double-booked")
LABELS = {
    "person-double-booked": "Trùng lịch",
    "venue-double-booked": "Trùng phòng",
    "travel-too-tight": "Không kịp di chuyển",
    "time-mismatch": "Lệch giờ",
    "venue-mismatch": "Lệch địa điểm",
    "attendee-mismatch": "Lệch thành phần",
    "status-mismatch": "Lệch trạng thái",
    "late-change": "Đổi lịch muộn",
    "attendance-unconfirmed": "Chưa xác báo",
    "non-working-day": "Ngày nghỉ",
}
"""Short Vietnamese labels of the marks on meeting blocks; other codes show as they are."""

CSS = """
:root { --line: #b9c0c8; --clash: #b00020; --warn: #8a5a00; --ink: #1b1f24; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0 auto;
  padding: 12px; max-width: 1600px; line-height: 1.35; overflow-wrap: anywhere; }
h1 { font-size: 1.4rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 18px 0 6px; }
.en { color: #555; font-weight: normal; }
nav a { display: inline-block; margin: 4px 8px 4px 0; padding: 6px 10px; border: 1px solid
  var(--line); border-radius: 4px; text-decoration: none; }
table.week { width: 100%; border-collapse: collapse; table-layout: fixed; }
.week th, .week td { border: 1px solid var(--line); padding: 4px; vertical-align: top;
  overflow-wrap: anywhere; }
.week thead th { background: #eef1f4; font-size: .85rem; }
.week th.who { width: 11%; text-align: left; font-size: .9rem; }
.meeting { border-left: 4px solid #2d6cdf; background: #f3f6fb; margin: 0 0 4px; padding: 3px 5px;
  font-size: .8rem; break-inside: avoid; }
.meeting .time { font-weight: bold; } .meeting .venue { color: #444; }
.meeting.warn { border-left-color: var(--warn); background: #fff7e6; }
.meeting.clash { border-left-color: var(--clash); background: #fde8eb; }
.mark { display: inline-block; font-size: .75rem; margin: 2px 2px 0 0; padding: 0 4px;
  border-radius: 3px; color: #fff; background: var(--warn); text-decoration: none; }
.mark.error { background: var(--clash); } .mark.info { background: #566; }
.findings li { margin: 0 0 8px; } .findings .sev { font-weight: bold; }
.findings .error .sev { color: var(--clash); } .findings .warning .sev { color: var(--warn); }
.empty { color: #888; font-size: .8rem; }
@media (max-width: 760px) {
  body { padding: 8px; }
  table.week, .week tbody, .week tr, .week td, .week th { display: block; width: 100%; }
  .week thead { display: none; }
  .week tr { margin: 0 0 12px; border: 1px solid var(--line); }
  .week th.who { width: 100%; background: #eef1f4; font-size: 1rem; }
  .week td { border: 0; border-top: 1px solid #e3e6ea; }
  .week td::before { content: attr(data-day); display: block; font-weight: bold;
    font-size: .8rem; color: #444; }
  .week td.none { display: none; }
  .meeting { font-size: .9rem; }
}
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  nav { display: none; }
  .meeting { font-size: 7.5pt; }
  .mark { color: var(--ink); background: none; border: 1px solid var(--ink); }
  a { color: inherit; text-decoration: none; }
}
"""


def _day(day: date) -> str:
    return f"{_DAYS_VI[day.weekday()]} {day:%d/%m}"


def _days_of(merged: MergedOccurrence, tz: tzinfo) -> list[date]:
    """The local days an occurrence covers (an end at midnight does not count the next day)."""
    occ = merged.occurrence
    if not isinstance(occ.start, datetime):
        last = occ.end - timedelta(days=1) if occ.end > occ.start else occ.start
        first = occ.start
    else:
        start, end = occ.instants(tz)
        first = start.date()
        last = (end - timedelta(microseconds=1)).date() if end > start else first
    days: list[date] = []
    day = first
    while day <= last and len(days) < 62:
        days.append(day)
        day += timedelta(days=1)
    return days


def _time(merged: MergedOccurrence, tz: tzinfo) -> str:
    occ = merged.occurrence
    if not isinstance(occ.start, datetime):
        return "Cả ngày / all day"
    start, end = occ.instants(tz)
    return f"{start:%H:%M}–{end:%H:%M}"


def _concerns(finding: Finding, person: str, people: set[str]) -> bool:
    named = [s for s in finding.subjects if s in people]
    return not named or person in named


def week_page(build: Build, pack: Pack) -> str:
    """The HTML of the week page for *build* (the whole window, one table per week)."""
    tz = pack.work_calendar.tz
    people = {pid for pid, _ in build.people}
    number = {id(f): n for n, f in enumerate(build.report.findings, 1)}
    by_occurrence: dict[str, list[Finding]] = defaultdict(list)
    for finding in build.report.findings:
        for ref in {o.id for o in finding.occurrences}:
            by_occurrence[ref].append(finding)
    cells: dict[tuple[str, date], list[MergedOccurrence]] = defaultdict(list)
    ordered = sorted(build.calendar.occurrences, key=lambda m: (m.occurrence.instants(tz)[0], m.id))
    for merged in ordered:
        for pid, ids in build.members.items():
            if merged.id in ids:
                for day in _days_of(merged, tz):
                    cells[(pid, day)].append(merged)

    first, last = build.window
    summary = build.report.summary
    out = [
        "<!doctype html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        "<title>Lịch công tác tuần / Weekly work calendar</title>",
        f"<style>{CSS}</style></head><body>",
        "<header><h1>Lịch công tác tuần <span class=en>/ Weekly work calendar</span></h1>",
        f"<p>{first:%d/%m/%Y} – {last:%d/%m/%Y} · tính đến <span class=en>/ as of</span> "
        f"{escape(vn_moment(build.report.as_of or ''))} · cập nhật <span class=en>/ built</span> "
        f"{build.built.astimezone(tz):%H:%M %d/%m/%Y}</p>",
        f'<p class="summary" id="summary">{summary["error"]} lỗi / errors · '
        f"{summary['warning']} cảnh báo / warnings · {summary['info']} thông tin / info</p>",
        '<nav><a href="week.docx" id="docx">Tải lịch tuần (DOCX) / Week as DOCX</a>'
        '<a href="report.json" id="json">Báo cáo (JSON) / Report as JSON</a>'
        '<a href="#findings">Danh sách phát hiện / Findings</a></nav></header><main>',
    ]
    week_start = first - timedelta(days=first.weekday())
    while week_start <= last:
        days = [
            week_start + timedelta(days=i)
            for i in range(7)
            if first <= week_start + timedelta(days=i) <= last
        ]
        week_start += timedelta(days=7)
        out.append('<table class="week"><thead><tr><th class="who">Lãnh đạo / Leader</th>')
        out.extend(
            f"<th>{_DAYS_VI[d.weekday()]}<br>{d:%d/%m} <span class=en>{_DAYS_EN[d.weekday()]}"
            "</span></th>"
            for d in days
        )
        out.append("</tr></thead><tbody>")
        for pid, name in build.people:
            out.append(f'<tr id="p-{escape(pid)}"><th class="who" scope="row">{escape(name)}</th>')
            for day in days:
                items = cells.get((pid, day), [])
                label = escape(_day(day))
                if not items:
                    out.append(f'<td class="none" data-day="{label}"></td>')
                    continue
                out.append(f'<td data-day="{label}">')
                for merged in items:
                    out.append(_block(merged, pid, people, by_occurrence, number, tz))
                out.append("</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
    out.append(_findings(build, number))
    out.append("</main></body></html>")
    return "\n".join(out)


def _block(
    merged: MergedOccurrence,
    person: str,
    people: set[str],
    by_occurrence: dict[str, list[Finding]],
    number: dict[int, int],
    tz: tzinfo,
) -> str:
    occ = merged.occurrence
    marks = [f for f in by_occurrence.get(merged.id, ()) if _concerns(f, person, people)]
    kind = ""
    if any(f.code in _CLASH_CODES for f in marks):
        kind = " clash"
    elif any(f.severity is not Severity.INFO for f in marks):
        kind = " warn"
    parts = [
        f'<div class="meeting{kind}" data-id="{escape(merged.id)}">',
        f'<span class="time">{_time(merged, tz)}</span> {escape(occ.title)}',
    ]
    if occ.venue:
        parts.append(f'<br><span class="venue">{escape(occ.venue)}</span>')
    for finding in marks:
        label = LABELS.get(finding.code, finding.code)
        parts.append(
            f'<br><a class="mark {finding.severity.value}" href="#f-{number[id(finding)]}" '
            f'data-code="{escape(finding.code)}" '
            f'title="{escape(finding.message.vi)} / {escape(finding.message.en)}">'
            f"⚠ {escape(label)}</a>"
        )
    parts.append("</div>")
    return "".join(parts)


def _findings(build: Build, number: dict[int, int]) -> str:
    out = [
        '<h2 id="findings">Phát hiện <span class=en>/ Findings</span></h2>',
        '<ol class="findings">',
    ]
    for finding in build.report.findings:
        vi, en = _SEVERITY[finding.severity]
        out.append(
            f'<li id="f-{number[id(finding)]}" class="{finding.severity.value}">'
            f'<span class="sev">{vi} / {en}</span> <code>{escape(finding.code)}</code><br>'
            f"{escape(finding.message.vi)}<br><span class=en>{escape(finding.message.en)}</span>"
        )
        seen = []
        for ref in finding.occurrences:
            if ref.id in seen:
                continue
            seen.append(ref.id)
            out.append(f"<br>· {escape(ref.summary)} ({escape(ref.start.isoformat())})")
        if finding.cite:
            out.append(f"<br><small>{escape(finding.cite)}</small>")
        out.append("</li>")
    if not build.report.findings:
        out.append('<li class="empty">Không có / none</li>')
    out.append("</ol>")
    return "".join(out)

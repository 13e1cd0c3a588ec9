"""Number-line forms (số, ký hiệu) as pack data, read by the checker and written by the writer.

Expected lines are those of DOMAIN.md ("Documents"): NĐ 30/2020 `Số: 05/QĐ-UBND`
(a leading zero below 10), normative `93/2021/NQ-HĐND`, công văn
`Số: 12/UBND-TH` (no type code); Hướng dẫn 36-HD/VPTW `Số 04-NQ/TU` (no
colon; hyphen, then slash).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import PackError, inspect_document, load_pack
from coordrules.adapters.docx.form_checks import TYPE_CODES, read_number
from coordrules.adapters.docx.format import (
    add_paragraph,
    format_values,
    heading_block,
    new_document,
    number_line,
    to_bytes,
)
from coordrules.model.values import Basis
from coordrules.packs.docformat import NUMBER_FORMS, NumberForm, value_problem
from docx_builder import build

BUNDLED = format_values(load_pack("vn-province"), None)


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(
        '[pack]\nid = "thu"\nname = "Thử"\nextends = "vn-province"\nplace = "Quảng Nam"\n' + body,
        encoding="utf-8",
    )
    return path


def _numbers(path: Path, pack: Path | str = "vn-province") -> list[tuple[str, str]]:
    info = inspect_document(path, pack=load_pack(pack))
    return [
        (str(f.details["found"]), str(f.details["expected"]))
        for f in info.findings
        if f.code == "number-malformed"
    ]


def test_the_bundled_forms_write_the_lines_of_the_decree_and_the_guide() -> None:
    assert number_line(BUNDLED, party=False, number=5, code="QĐ", issuer="UBND") == (
        "Số: 05/QĐ-UBND"
    )
    assert number_line(BUNDLED, party=False, number=93, code="NQ", issuer="HĐND", year=2021) == (
        "Số: 93/2021/NQ-HĐND"
    )
    assert number_line(BUNDLED, party=False, number=12, issuer="UBND-TH") == "Số: 12/UBND-TH"
    assert number_line(BUNDLED, party=True, number=4, code="NQ", issuer="TU") == "Số 4-NQ/TU"
    # A draft leaves the number blank for the văn thư.
    assert number_line(BUNDLED, party=False, number=None, code="TTr", issuer="UBND") == (
        "Số:       /TTr-UBND"
    )


def test_every_bundled_form_carries_its_source() -> None:
    for ident in NUMBER_FORMS:
        version = BUNDLED.get(ident)
        assert version is not None, ident
        assert version.basis is Basis.STATUTE
        assert ("36-HD/VPTW" if ident.startswith("party") else "NĐ 30/2020") in str(version.cite)


@pytest.mark.parametrize(
    ("line", "form", "number", "year", "code", "issuer"),
    [
        ("Số: 05/TTr-UBND", "state", "05", None, "TTr", "UBND"),
        ("Số: 93/2021/NQ-HĐND", "state", "93", 2021, "NQ", "HĐND"),
        ("Số: 12/UBND-TH", "state", "12", None, None, "UBND-TH"),
        ("Số: 05/QĐ", "state", "05", None, "QĐ", None),
        ("Số 04-NQ/TU", "party", "04", None, "NQ", "TU"),
        ("SỐ:      /2026/NQ-HĐND", "state", None, 2026, "NQ", "HĐND"),
        ("Số : 05 / TTr - UBND", "state", "05", None, "TTr", "UBND"),
    ],
)
def test_lines_are_read_by_the_forms(
    line: str, form: str, number: str | None, year: int | None, code: str | None, issuer: str | None
) -> None:
    read = read_number(line, BUNDLED.number_forms())
    assert read is not None
    got = read[0]
    assert (got.form, got.number, got.year, got.type_code, got.issuer_code) == (
        form,
        number,
        year,
        code,
        issuer,
    )


def test_a_line_of_no_form_is_not_read() -> None:
    assert read_number("Số: 05 TTr UBND", BUNDLED.number_forms()) is None


@given(
    number=st.integers(min_value=0, max_value=99999),
    code=st.sampled_from(sorted(TYPE_CODES)),
    issuer=st.sampled_from(["UBND", "HĐND", "VPUBND", "TU", "UBND-TH", "STP"]),
    year=st.none() | st.integers(min_value=1990, max_value=2099),
    party=st.booleans(),
)
def test_a_written_line_reads_back_as_written(
    number: int, code: str, issuer: str, year: int | None, party: bool
) -> None:
    if party:
        year = None
        issuer = issuer.replace("-", "")
    line = number_line(BUNDLED, party=party, number=number, code=code, issuer=issuer, year=year)
    read = read_number(line, BUNDLED.number_forms())
    assert read is not None
    got, (kind, _version, form) = read
    assert kind == ("party" if party else "state")
    assert got.number is not None
    assert int(got.number) == number
    assert form.number_ok(got.number)
    assert (got.year, got.type_code, got.issuer_code) == (year, code, issuer)


def _written(tmp_path: Path, pack_path: Path | str, line_of: dict[str, object]) -> Path:
    """A Tờ trình written by our writer, its number line in the pack's form."""
    pack = load_pack(pack_path)
    issued = date(2026, 3, 15)
    fmt = format_values(pack, issued)
    document = new_document(fmt=fmt)
    heading_block(
        document,
        office_name="Ủy ban nhân dân",
        parent_name="Tỉnh Quảng Nam",
        party=False,
        place_date="Quảng Nam, ngày 15 tháng 3 năm 2026",
        number=number_line(fmt, party=False, **line_of),  # type: ignore[arg-type]
        fmt=fmt,
    )
    add_paragraph(document, "TỜ TRÌNH", size=14, bold=True, align="center")
    add_paragraph(document, "Về việc ban hành Nghị quyết quy định mức chi", bold=True)
    add_paragraph(document, "Kính gửi: Hội đồng nhân dân tỉnh.")
    out = tmp_path / "to-trinh.docx"
    out.write_bytes(to_bytes(document, title="Tờ trình", when=datetime(2026, 3, 15)))
    return out


def test_the_written_number_line_passes_the_check(tmp_path: Path) -> None:
    path = _written(tmp_path, "vn-province", {"number": 5, "code": "TTr", "issuer": "UBND"})
    info = inspect_document(path, pack=load_pack("vn-province"))
    assert info.number is not None
    assert info.number.text == "Số: 05/TTr-UBND"
    assert _numbers(path) == []


def test_a_pack_form_changes_both_the_writer_and_the_checker(tmp_path: Path) -> None:
    # A province whose văn thư writes three digits: the writer follows, its own
    # check accepts it, the bundled form (two digits) does not.
    pack = _pack(
        tmp_path,
        '[[document_format]]\nid = "state.number_line"\n'
        'value = "Số: {number:03d}/{code}-{issuer}"\n'
        'basis = "local"\ncite = "Quy chế công tác văn thư của tỉnh, Điều 7"\n',
    )
    path = _written(tmp_path, pack, {"number": 5, "code": "TTr", "issuer": "UBND"})
    info = inspect_document(path, pack=load_pack(pack))
    assert info.number is not None
    assert info.number.text == "Số: 005/TTr-UBND"
    assert _numbers(path, pack) == []
    assert _numbers(path) == [("Số: 005/TTr-UBND", "05")]


def test_a_leading_zero_finding_cites_the_pack_form(tmp_path: Path) -> None:
    path = build(tmp_path / "d.docx", number="Số: 5/TTr-UBND")
    info = inspect_document(path, pack=load_pack("vn-province"))
    (finding,) = [f for f in info.findings if f.code == "number-malformed"]
    assert finding.details["expected"] == "05"
    assert finding.cite == BUNDLED.cite("state.number_line")


def test_party_number_line_with_a_colon_is_reported_regression(tmp_path: Path) -> None:
    # 36-HD/VPTW writes no colon; the Party form says so and the check now
    # reports it (it used to read "Số: 04-NQ/TU" as a Party line and say nothing).
    path = build(tmp_path / "d.docx", kind="nghi-quyet", party=True, number="Số: 04-NQ/TU")
    assert _numbers(path) == [("Số: 04-NQ/TU", "Số {number}-{code}/{issuer}")]
    fine = build(tmp_path / "e.docx", kind="nghi-quyet", party=True, number="Số 04-NQ/TU")
    assert _numbers(fine) == []


def test_a_state_line_without_colon_is_reported(tmp_path: Path) -> None:
    path = build(tmp_path / "d.docx", number="Số 05/TTr-UBND")
    assert _numbers(path) == [
        ("Số 05/TTr-UBND", "Số: {number}/{code}-{issuer} (leading zero below 10)")
    ]


@pytest.mark.parametrize(
    "template",
    [
        "Số: {nummer}/{issuer}",
        "{number}/{issuer}",
        "Số: {number}{issuer}",
        "Số: {number:5}/{issuer}",
        "Số: {number}/{code}",
        "Số: {number}/{issuer} ngày",
        "Số: {code}/{number}-{issuer}",
        "Số: {number}/{issuer",
    ],
)
def test_a_bad_form_is_refused_with_its_place(tmp_path: Path, template: str) -> None:
    assert value_problem("state.number_line", template) is not None
    body = f'[[document_format]]\nid = "state.number_line"\nvalue = "{template}"\n'
    with pytest.raises(PackError) as caught:
        load_pack(_pack(tmp_path, body))
    # The entry is named by its id, and the value is on line 8 of the file _pack writes.
    assert caught.value.place == "document_format[state.number_line].value"
    assert caught.value.line == 8


@given(st.text(max_size=40))
def test_any_text_is_a_form_or_a_reason(text: str) -> None:
    problem = value_problem("party.number_line", text)
    if problem is None:
        form = NumberForm.parse(text)
        assert form.pattern().match(form.format(number=7, code="NQ", issuer="TU", year=2026))

"""Inspection reads blocks, not paragraphs: each element wherever Word users put it.

Regression tests, one per misreading found on documents typed in Word, and a
property: the same document laid out in any of the ways offices lay it out
(separate paragraphs, Shift+Enter lines, layout-table cells, text boxes,
content controls, the page header) reads the same.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordrules.adapters.docx.inspection import inspect_document
from wordml import content_control, lines, p, package, table, text_box

ISSUER = ["ỦY BAN NHÂN DÂN", "TỈNH THANH BÌNH"]
QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"
NUMBER = "Số: 45/TTr-UBND"
DATE = "Thanh Bình, ngày 12 tháng 3 năm 2026"
SUBJECT = ["Về việc ban hành Nghị quyết quy định mức chi", "cho công tác kiểm tra văn bản"]
BODY = (
    p("Kính gửi: Hội đồng nhân dân tỉnh.")
    + p("Căn cứ Luật Tổ chức chính quyền địa phương;", jc="both")
    + p("Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, quyết định.", jc="both")
)
SIGNER = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Nguyễn Văn An"]
NOI_NHAN = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]


def qh_tn(breaks: bool) -> str:
    if breaks:
        return lines([QH, TN], breaks=True, bold=True, size=13)
    return p(QH, bold=True, size=13) + p(TN, bold=True, size=14)


def heading(layout: str, issuer_breaks: bool, qh_breaks: bool) -> tuple[str, str | None]:
    """The heading block (body XML, header XML) in one of the offices' layouts."""
    issuer = lines(ISSUER, breaks=issuer_breaks, bold=True, size=13) + p("———————", size=13)
    if layout == "flow":
        return issuer + qh_tn(qh_breaks) + p(NUMBER, size=13) + p(DATE), None
    if layout == "text-boxes":
        left = text_box(issuer + p(NUMBER, size=13))
        right = text_box(qh_tn(qh_breaks) + p(DATE))
        return left + right, None
    grid = table([[issuer, qh_tn(qh_breaks)], [p(NUMBER, size=13), p(DATE)]])
    if layout == "header":
        return "", grid
    return grid, None


def title(form: str, control: bool) -> str:
    if form == "one-paragraph":
        block = lines(["TỜ TRÌNH", *SUBJECT], breaks=True, bold=True)
    else:
        block = p("TỜ TRÌNH", bold=True) + lines(SUBJECT, breaks=form == "breaks", bold=True)
    return content_control(block) if control else block


def signer(layout: str, breaks: bool) -> str:
    block = lines(SIGNER, breaks=breaks, bold=True)
    recipients = lines(NOI_NHAN, breaks=breaks, size=12)
    if layout == "table":
        return table([[recipients, block]])
    return block + recipients


def check_standard_reading(path: Path) -> None:
    info = inspect_document(path)
    assert info.type == "to-trinh"
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH BÌNH"
    assert info.number is not None
    assert (info.number.number, info.number.type_code, info.number.issuer_code) == (
        "45",
        "TTr",
        "UBND",
    )
    assert (info.place, info.date) == ("Thanh Bình", date(2026, 3, 12))
    assert info.title == "TỜ TRÌNH"
    assert info.subject == " ".join(SUBJECT)
    assert info.recipients == ("Hội đồng nhân dân tỉnh",)
    assert info.signer is not None
    assert (info.signer.authority, info.signer.name) == ("TM.", "Nguyễn Văn An")
    assert info.signer.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An")
    assert not info.party
    assert not info.draft
    assert info.issuer_body == "ubnd"
    heading_rules = {"format.quoc-hieu", "format.tieu-ngu"}
    assert [f for f in info.findings if f.rule in heading_rules] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=st.sampled_from(["flow", "table", "text-boxes", "header"]),
    issuer_breaks=st.booleans(),
    qh_breaks=st.booleans(),
    title_form=st.sampled_from(["separate", "breaks", "one-paragraph"]),
    control=st.booleans(),
    signer_layout=st.sampled_from(["table", "flow"]),
    signer_breaks=st.booleans(),
)
def test_any_layout_offices_use_reads_the_same(
    layout: str,
    issuer_breaks: bool,
    qh_breaks: bool,
    title_form: str,
    control: bool,
    signer_layout: str,
    signer_breaks: bool,
) -> None:
    body, header = heading(layout, issuer_breaks, qh_breaks)
    body += p() + title(title_form, control) + p() + BODY + signer(signer_layout, signer_breaks)
    with tempfile.TemporaryDirectory() as tmp:
        check_standard_reading(package(Path(tmp) / "x.docx", body, header=header))


# --- One regression test per misreading ------------------------------------------------


def standard(path: Path, **change: str) -> Path:
    head, header = heading(change.get("layout", "table"), False, False)
    body = (
        change.get("before", "")
        + head
        + p()
        + change.get("title", title("separate", False))
        + p()
        + change.get("body", BODY)
        + change.get("signer", signer("table", False))
    )
    return package(path, body, header=header)


def test_issuer_typed_with_shift_enter_is_one_line(tmp_path: Path) -> None:
    head = table(
        [[lines(ISSUER, breaks=True, bold=True, size=13), qh_tn(True)], [p(NUMBER), p(DATE)]]
    )
    info = inspect_document(package(tmp_path / "x.docx", head + title("separate", False) + BODY))
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH BÌNH"


def test_line_under_the_issuer_is_not_part_of_it(tmp_path: Path) -> None:
    info = inspect_document(standard(tmp_path / "x.docx"))
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH BÌNH"


def test_subject_ends_where_the_body_begins(tmp_path: Path) -> None:
    # No empty paragraph between the subject and the body's first justified paragraph.
    body = p("Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét.", jc="both")
    path = package(
        tmp_path / "x.docx",
        heading("table", False, False)[0] + title("separate", False) + body,
    )
    assert inspect_document(path).subject == " ".join(SUBJECT)


def test_title_and_subject_in_one_paragraph(tmp_path: Path) -> None:
    info = inspect_document(standard(tmp_path / "x.docx", title=title("one-paragraph", False)))
    assert (info.type, info.title, info.subject) == ("to-trinh", "TỜ TRÌNH", " ".join(SUBJECT))


def test_signer_block_typed_as_one_paragraph_is_found(tmp_path: Path) -> None:
    info = inspect_document(standard(tmp_path / "x.docx", signer=signer("table", True)))
    assert info.signer is not None
    assert info.signer.name == "Nguyễn Văn An"


def test_signer_name_is_not_the_recipients_list(tmp_path: Path) -> None:
    # Signer above "Nơi nhận", in the flow: the name is the signer's, not "- Như trên;".
    info = inspect_document(standard(tmp_path / "x.docx", signer=signer("flow", False)))
    assert info.signer is not None
    assert info.signer.name == "Nguyễn Văn An"


def test_party_authority_with_a_slash_is_tm(tmp_path: Path) -> None:
    block = lines(["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Quang Hải"], breaks=True, bold=True)
    info = inspect_document(standard(tmp_path / "x.docx", signer=block))
    assert info.signer is not None
    assert (info.signer.authority, info.signer.name) == ("TM.", "Lê Quang Hải")


def test_text_box_is_read_once_not_with_its_fallback(tmp_path: Path) -> None:
    draft_box = text_box(p("DỰ THẢO", bold=True))
    info = inspect_document(standard(tmp_path / "x.docx", layout="text-boxes", before=draft_box))
    assert info.draft
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH BÌNH"


def test_number_line_in_the_page_header(tmp_path: Path) -> None:
    info = inspect_document(standard(tmp_path / "x.docx", layout="header"))
    assert info.number is not None
    assert info.number.text == NUMBER
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH BÌNH"


def test_subject_in_a_content_control(tmp_path: Path) -> None:
    info = inspect_document(standard(tmp_path / "x.docx", title=title("separate", True)))
    assert info.subject == " ".join(SUBJECT)


def test_blank_number_and_blank_day_make_a_draft(tmp_path: Path) -> None:
    head = table(
        [
            [lines(ISSUER, breaks=False, bold=True), qh_tn(False)],
            [p("Số:      /2026/NQ-HĐND"), p("Thanh Bình, ngày      tháng      năm 2026")],
        ]
    )
    resolution = p("NGHỊ QUYẾT", bold=True) + p("Quy định mức chi", bold=True)
    info = inspect_document(package(tmp_path / "x.docx", head + resolution + p() + BODY))
    assert info.draft
    assert info.type == "du-thao-nghi-quyet"
    assert info.date is None
    assert [f.code for f in info.findings if f.code == "number-malformed"] == []


def test_blank_number_with_a_dated_day_is_a_final_document_without_number(
    tmp_path: Path,
) -> None:
    head = table(
        [[lines(ISSUER, breaks=False, bold=True), qh_tn(False)], [p("Số:     /TTr-UBND"), p(DATE)]]
    )
    info = inspect_document(package(tmp_path / "x.docx", head + title("separate", False) + BODY))
    assert not info.draft
    assert "number-malformed" in [f.code for f in info.findings]


def test_report_type_is_named_by_its_first_words(tmp_path: Path) -> None:
    # "Tiếp thu, giải trình ý kiến thẩm tra" is a tiếp thu report, not a thẩm tra one.
    report = p("BÁO CÁO", bold=True) + p("Tiếp thu, giải trình ý kiến thẩm tra", bold=True)
    info = inspect_document(standard(tmp_path / "x.docx", title=report))
    assert info.type == "bao-cao-tiep-thu-giai-trinh"


# --- Party or state form, from the pack's bodies -----------------------------------------


def party_document(path: Path, issuer: list[str], *, heading_line: bool) -> Path:
    left = lines([*issuer, "*"], breaks=True, bold=True)
    right = p("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15) if heading_line else p()
    head = table([[left, right], [p("Số 125-TB/TU"), p("Thanh Bình, ngày 10 tháng 3 năm 2026")]])
    notice = p("THÔNG BÁO", bold=True) + p("về việc tổ chức hội nghị", bold=True)
    return package(path, head + notice + p() + BODY)


def test_party_body_without_the_party_heading_is_still_a_party_document(tmp_path: Path) -> None:
    info = inspect_document(
        party_document(tmp_path / "x.docx", ["TỈNH ỦY THANH BÌNH"], heading_line=False)
    )
    assert info.party
    assert info.issuer_body == "tinh-uy"
    assert [f.rule for f in info.findings] == ["format.party-heading"]


def test_ban_can_su_dang_ubnd_is_a_party_body_though_its_name_holds_ubnd(tmp_path: Path) -> None:
    issuer = ["ĐẢNG BỘ TỈNH THANH BÌNH", "BAN CÁN SỰ ĐẢNG UBND TỈNH"]
    info = inspect_document(party_document(tmp_path / "x.docx", issuer, heading_line=False))
    assert info.party
    assert info.issuer_body == "bcsd-ubnd"


def test_state_body_with_a_party_heading_is_checked_as_a_state_document(tmp_path: Path) -> None:
    head = table(
        [
            [lines(ISSUER, breaks=True, bold=True), p("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True)],
            [p(NUMBER), p(DATE)],
        ]
    )
    info = inspect_document(package(tmp_path / "x.docx", head + title("separate", False) + BODY))
    assert not info.party
    assert {"format.quoc-hieu", "format.tieu-ngu"} <= {f.rule for f in info.findings}


def test_tinh_uy_in_the_older_tone_placement_is_the_tinh_uy(tmp_path: Path) -> None:
    info = inspect_document(
        party_document(tmp_path / "x.docx", ["TỈNH UỶ THANH BÌNH"], heading_line=False)
    )
    assert info.party
    assert info.issuer_body == "tinh-uy"


def test_unknown_issuer_with_the_party_heading_is_a_party_document(tmp_path: Path) -> None:
    info = inspect_document(
        party_document(tmp_path / "x.docx", ["ĐẢNG ỦY KHỐI DOANH NGHIỆP"], heading_line=True)
    )
    assert info.party
    assert info.issuer_body is None


# --- Drafts in a dossier ------------------------------------------------------------------


def draft_submission(path: Path) -> Path:
    return standard(path, before=p("DỰ THẢO", bold=True, jc="right"))


def test_draft_of_a_document_to_be_signed_is_reported(tmp_path: Path) -> None:
    info = inspect_document(draft_submission(tmp_path / "x.docx"))
    assert info.draft
    assert info.type == "to-trinh"
    drafts = [f for f in info.findings if f.code == "document-draft"]
    assert len(drafts) == 1
    assert drafts[0].severity.value == "error"
    assert drafts[0].message.vi
    assert drafts[0].message.en


def test_draft_resolution_is_what_a_draft_requirement_asks_for() -> None:
    corpus = Path(__file__).parent / "data" / "documents"
    info = inspect_document(corpus / "du-thao-nghi-quyet-hdnd.docx")
    assert info.draft
    assert "document-draft" not in [f.code for f in info.findings]


def test_dossier_check_reports_a_submitted_draft(tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from coordrules.adapters.docx.inspection import check_dossier
    from coordrules.model.dossier import Dossier, DossierDocument, Meeting
    from coordrules.packs.load import load_pack

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    pack = load_pack("vn-province")
    kind = next(r.meeting_kind for r in pack.requirements if r.document == "to-trinh")
    meeting = Meeting(kind=kind, title="Kỳ họp", start=datetime(2026, 7, 10, 8, tzinfo=tz))
    path = draft_submission(tmp_path / "to-trinh.docx")
    received = datetime(2026, 6, 1, 8, tzinfo=tz)
    dossier = Dossier(documents=(DossierDocument("tt", str(path), received, "to-trinh"),))
    report = check_dossier(meeting, dossier, pack, as_of=datetime(2026, 6, 2, 8, tzinfo=tz))
    drafts = [f for f in report.findings if f.code == "document-draft"]
    assert [d.documents[0].path for d in drafts] == [str(path)]


# --- Odd input ------------------------------------------------------------------------------


def test_body_line_opening_with_so_is_no_number_line(tmp_path: Path) -> None:
    head = lines(["UBND TỈNH THANH BÌNH", "SỞ TÀI CHÍNH"], breaks=False, bold=True) + p(DATE)
    report = p("BÁO CÁO", bold=True) + p("Kết quả lấy ý kiến", bold=True)
    body = p("Số lượng ý kiến nhận được: 50/52 cơ quan.", jc="both")
    info = inspect_document(package(tmp_path / "x.docx", head + report + p() + body))
    assert info.number is None
    assert info.type == "bao-cao"
    assert info.issuer == "UBND TỈNH THANH BÌNH SỞ TÀI CHÍNH"


def test_text_box_inside_a_text_box_is_read_once(tmp_path: Path) -> None:
    inner = text_box(p("DỰ THẢO", bold=True))
    path = standard(tmp_path / "x.docx", before=text_box(inner))
    info = inspect_document(path)
    assert info.draft
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH THANH BÌNH"


def test_tables_nested_past_the_limit_are_refused(tmp_path: Path) -> None:
    from coordrules import InputError

    nested = p("TỜ TRÌNH")
    for _ in range(60):
        nested = table([[nested]])
    path = package(tmp_path / "x.docx", nested)
    with pytest.raises(InputError) as error:
        inspect_document(path)
    assert error.value.file == str(path)
    assert "nested" in str(error.value)


def test_issuer_is_the_first_block_not_every_capital_line(tmp_path: Path) -> None:
    # No number line and no known title: capital lines further down are no issuer.
    body = (
        lines(["VĂN PHÒNG UBND", "TỈNH THANH BÌNH"], breaks=True, bold=True)
        + p()
        + p("LỊCH CÔNG TÁC TUẦN 50", bold=True)
        + p("THỨ HAI (07/12)", bold=True)
    )
    info = inspect_document(package(tmp_path / "x.docx", body))
    assert info.issuer == "VĂN PHÒNG UBND TỈNH THANH BÌNH"
    assert info.type is None


def test_signer_name_typed_in_capitals_is_the_name(tmp_path: Path) -> None:
    block = lines(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "VÕ THỊ GIANG"], breaks=False, bold=True)
    info = inspect_document(standard(tmp_path / "x.docx", signer=block))
    assert info.signer is not None
    assert (info.signer.authority, info.signer.name) == ("KT.", "VÕ THỊ GIANG")
    assert info.signer.lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "VÕ THỊ GIANG")


def test_authority_typed_in_lower_case_is_found(tmp_path: Path) -> None:
    block = lines(["KT. Giám đốc", "Phó Giám đốc", "Lê Văn Cường"], breaks=True, bold=True)
    info = inspect_document(standard(tmp_path / "x.docx", signer=block))
    assert info.signer is not None
    assert info.signer.authority == "KT."
    assert info.signer.name == "Lê Văn Cường"


def test_a_family_name_like_a_position_word_is_a_name(tmp_path: Path) -> None:
    block = lines(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phó Đức Phương"], breaks=True, bold=True)
    info = inspect_document(standard(tmp_path / "x.docx", signer=block))
    assert info.signer is not None
    assert info.signer.name == "Phó Đức Phương"


# --- Any arrangement of the pieces: no traceback, every block on one line -------------------

PIECES = st.sampled_from(
    [
        "TỜ TRÌNH",
        "BÁO CÁO",
        "Số: 5/",
        "Số 1-TB/TU",
        "Kính gửi:",
        "- ",
        "TM.",
        "T/M",
        "DỰ THẢO",
        "",
        "\n",
        QH,
        TN,
        "Thanh Bình, ngày 31 tháng 2 năm 2026",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "*",
        "———",
        "V/v",
        "Nơi nhận:",
        "Số:  /2026/NQ-HĐND",
    ]
)
BLOCKS = st.recursive(
    st.lists(PIECES, max_size=4).map(lambda words: p(" ".join(words))),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map("".join),
        st.lists(st.lists(inner, min_size=1, max_size=2), min_size=1, max_size=2).map(table),
        inner.map(text_box),
        inner.map(content_control),
    ),
    max_leaves=10,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(BLOCKS, max_size=6).map("".join), header=st.none() | BLOCKS)
def test_any_arrangement_reads_without_traceback_on_single_lines(
    body: str, header: str | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        info = inspect_document(package(Path(tmp) / "x.docx", body, header=header))
    for value in (info.issuer, info.subject, info.title, *info.recipients):
        assert value is None or "\n" not in value
    if info.signer is not None:
        assert all("\n" not in line for line in info.signer.lines)

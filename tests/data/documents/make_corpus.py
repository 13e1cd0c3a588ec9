"""Build the dossier-document corpus with LibreOffice, not with python-docx.

Run from the repository root: ``python tests/data/documents/make_corpus.py``
(needs ``soffice``). It writes each document's source, as an office would have
typed it, into ``src/`` (flat ODT ``.fodt``, HTML or RTF: the three producers
offices' files come from besides Word), then converts each source with
``soffice --headless --convert-to docx`` into ``NAME.docx`` here. With
``--pdf`` it also renders each DOCX to ``pdf/NAME.pdf`` (not committed): the
expected readings in ``expected.toml`` were written by looking at those
renderings (``pdftoppm -png``) and at the sources, never by running the
inspector.

Why the outputs are committed instead of converted at test time: a
conversion takes seconds per file and the test machines are shared; the
result depends on the LibreOffice version (this corpus was made with 7.4);
and the tests must run where LibreOffice is absent. The sources are committed
beside the outputs, so the corpus can be rebuilt and reviewed as text.

What each document exercises (see ``CORPUS`` below):

* heading blocks as separate paragraphs, as one paragraph with Shift+Enter
  line breaks, in the cells of a borderless two-column layout table, in text
  boxes (LibreOffice frames, written to DOCX as ``mc:AlternateContent`` text
  boxes), and in the page header (the number line too);
* tracked changes (an inserted and a deleted number, inserted subject words);
* content controls (``loext:content-control``, written to DOCX as ``w:sdt``
  by LibreOffice 7.4: no hand-made XML was needed);
* legacy 8-bit fonts: TCVN3 (``.VnTime``/``.VnTimeH``) and VNI-Times. The
  legacy bytes are written with ``coordrules.adapters.docx.legacy``'s
  ``unicode_to_legacy`` (the inverse of what the reader uses); the rendering
  shows the Latin-1 look-alikes since those fonts are not installed;
* a draft with a blank number and a "DỰ THẢO" box;
* every document type the bundled pack requires, in the state form (UBND,
  HĐND, a sở, a Ban of HĐND) and the Party form (Tỉnh ủy, with "Tỉnh uỷ" in
  the older tone placement too, and a Ban cán sự đảng whose name holds
  "UBND").
"""

# ruff: noqa: E501  (document text and ODF markup are kept on the lines they are typed on)
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from coordrules.adapters.docx.legacy import unicode_to_legacy  # noqa: E402

# --- A small description language for documents -------------------------------------
#
# A paragraph is ``P(spec, text)``. *spec* is alignment (c, l, r, j), size in
# points, then flags: b bold, i italic, u underline, x first-line indent; an
# optional ``@font``. In *text*: ``\n`` is a line break (Shift+Enter),
# ``**x**`` bold, ``//x//`` italic, ``{+x+}`` a tracked insertion, ``{-x-}`` a
# tracked deletion, ``[[x]]`` a content control.


class P:
    def __init__(self, spec: str, text: str = "") -> None:
        self.spec, self.text = spec, text


class Table:
    """A borderless layout table: column widths (mm) and rows of cells (lists of P)."""

    def __init__(self, widths: Sequence[int], rows: Sequence[Sequence[Sequence[P]]]) -> None:
        self.widths, self.rows = widths, rows


class Frames:
    """Text boxes side by side, anchored to one paragraph: (x mm, width mm, paragraphs)."""

    def __init__(
        self, height: int, boxes: Sequence[tuple[int, int, Sequence[P]]], border: bool = False
    ) -> None:
        self.height, self.boxes, self.border = height, boxes, border


class Doc:
    def __init__(
        self,
        name: str,
        body: Sequence[object],
        header: Sequence[object] = (),
        legacy: str | None = None,
    ) -> None:
        self.name, self.body, self.header, self.legacy = name, body, header, legacy


QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"
DANG = "ĐẢNG CỘNG SẢN VIỆT NAM"
BODY = (
    "Thực hiện Kế hoạch tổ chức kỳ họp, cơ quan đã chủ trì, phối hợp với các cơ quan, "
    "đơn vị liên quan chuẩn bị nội dung theo đúng quy định. Nội dung cụ thể như sau:"
)
BODY2 = (
    "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao tổ chức triển khai thực hiện; "
    "trong quá trình thực hiện nếu có khó khăn, vướng mắc kịp thời báo cáo để xem xét, giải quyết."
)


def state_heading(
    issuer: Sequence[P], number: str, date: str, *, extra_left: Sequence[P] = ()
) -> Table:
    return Table(
        [70, 95],
        [
            [
                [*issuer, P("c13", "———————")],
                [P("c12b", QH), P("c14b", TN), P("c14", "———————————")],
            ],
            [[P("c13", number), *extra_left], [P("c14i", date)]],
        ],
    )


def signer_table(nhan: Sequence[str], block: Sequence[P]) -> Table:
    left = [P("l12bi", "Nơi nhận:")] + [P("l11", line) for line in nhan]
    return Table([80, 85], [[left, list(block)]])


NHAN = ["- Như trên;", "- Thường trực Tỉnh ủy;", "- Thường trực HĐND tỉnh;", "- Lưu: VT."]


def sign(*lines: str, name: str) -> list[P]:
    return [P("c14b", line) for line in lines] + [P("c14", ""), P("c14", ""), P("c14b", name)]


CORPUS: list[Doc] = []

# 1. Tờ trình of the UBND: the heading in a borderless layout table, one element a paragraph.
CORPUS.append(
    Doc(
        "to-trinh-ubnd-layout-table",
        [
            state_heading(
                [P("c13b", "ỦY BAN NHÂN DÂN"), P("c13b", "TỈNH THANH BÌNH")],
                "Số: 45/TTr-UBND",
                "Thanh Bình, ngày 12 tháng 3 năm 2026",
            ),
            P("c14", ""),
            P("c14b", "TỜ TRÌNH"),
            P("c14b", "Về việc ban hành Nghị quyết quy định mức chi bảo đảm"),
            P("c14b", "cho công tác kiểm tra, xử lý văn bản quy phạm pháp luật"),
            P("c14", ""),
            P("c14", "Kính gửi: Hội đồng nhân dân tỉnh Thanh Bình."),
            P("j14x", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;"),
            P("j14x", BODY),
            P("j14x", BODY2),
            signer_table(
                ["- Như trên;", "- Thường trực HĐND tỉnh;", "- Lưu: VT, NC."],
                sign("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name="Nguyễn Văn An"),
            ),
        ],
    )
)

# 2. Draft resolution of the HĐND: "DỰ THẢO" in a bordered text box, a blank number and day.
CORPUS.append(
    Doc(
        "du-thao-nghi-quyet-hdnd",
        [
            Frames(12, [(125, 35, [P("c13b", "DỰ THẢO")])], border=True),
            state_heading(
                [P("c13b", "HỘI ĐỒNG NHÂN DÂN"), P("c13b", "TỈNH THANH BÌNH")],
                "Số:       /2026/NQ-HĐND",
                "Thanh Bình, ngày      tháng      năm 2026",
            ),
            P("c14", ""),
            P("c14b", "NGHỊ QUYẾT"),
            P("c14b", "Quy định mức chi bảo đảm cho công tác kiểm tra, xử lý văn bản"),
            P("c14b", "quy phạm pháp luật trên địa bàn tỉnh Thanh Bình"),
            P("c14", "—————————"),
            P("c14b", "HỘI ĐỒNG NHÂN DÂN TỈNH THANH BÌNH"),
            P("c14b", "KHÓA XI, KỲ HỌP THỨ 8"),
            P("j14xi", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;"),
            P(
                "j14xi",
                "Xét Tờ trình số 45/TTr-UBND ngày 12 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh;",
            ),
            P("c14b", "QUYẾT NGHỊ:"),
            P("j14x", "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng"),
            P("j14x", BODY2),
            signer_table(
                ["- Ủy ban Thường vụ Quốc hội;", "- Chính phủ;", "- Lưu: VT."],
                [P("c14b", "CHỦ TỊCH")],
            ),
        ],
    )
)

# 3. Báo cáo thẩm tra of a Ban of the HĐND: every block ONE paragraph with Shift+Enter breaks.
CORPUS.append(
    Doc(
        "bao-cao-tham-tra-shift-enter",
        [
            Table(
                [70, 95],
                [
                    [
                        [P("c13", "HĐND TỈNH THANH BÌNH\n**BAN KINH TẾ - NGÂN SÁCH**\n———————")],
                        [P("c13b", f"{QH}\n{TN}\n———————————")],
                    ],
                    [
                        [P("c13", "Số: 18/BC-BKTNS")],
                        [P("c14i", "Thanh Bình, ngày 02 tháng 3 năm 2026")],
                    ],
                ],
            ),
            P("c14", ""),
            P(
                "c14b",
                "BÁO CÁO\nThẩm tra dự thảo Nghị quyết về kế hoạch đầu tư công\nnăm 2026 của tỉnh Thanh Bình",
            ),
            P("c14", ""),
            P(
                "j14x",
                "Thực hiện sự phân công của Thường trực Hội đồng nhân dân tỉnh, Ban Kinh tế - Ngân sách "
                "đã thẩm tra dự thảo Nghị quyết; Ban báo cáo kết quả thẩm tra như sau:",
            ),
            P("j14x", BODY2),
            Table(
                [80, 85],
                [
                    [
                        [
                            P(
                                "l12",
                                "**//Nơi nhận://**\n- Thường trực HĐND tỉnh;\n- Đại biểu HĐND tỉnh;\n- Lưu: VT.",
                            )
                        ],
                        [P("c14b", "TM. BAN KINH TẾ - NGÂN SÁCH\nTRƯỞNG BAN\n\n\n\nTrần Thị Bích")],
                    ]
                ],
            ),
        ],
    )
)

# 4. Báo cáo thẩm định of the Sở Tư pháp: the heading in two text boxes.
CORPUS.append(
    Doc(
        "bao-cao-tham-dinh-text-boxes",
        [
            Frames(
                34,
                [
                    (
                        0,
                        70,
                        [
                            P("c13", "UBND TỈNH THANH BÌNH"),
                            P("c13b", "SỞ TƯ PHÁP"),
                            P("c13", "———————"),
                            P("c13", "Số: 27/BC-STP"),
                        ],
                    ),
                    (
                        72,
                        93,
                        [
                            P("c12b", QH),
                            P("c14b", TN),
                            P("c14", "———————————"),
                            P("c14i", "Thanh Bình, ngày 20 tháng 02 năm 2026"),
                        ],
                    ),
                ],
            ),
            P("c14b", "BÁO CÁO"),
            P("c14b", "Thẩm định dự thảo Nghị quyết quy định mức chi bảo đảm cho công tác"),
            P("c14b", "kiểm tra, xử lý văn bản quy phạm pháp luật"),
            P("c14", ""),
            P("c14", "Kính gửi: Ủy ban nhân dân tỉnh Thanh Bình."),
            P(
                "j14x",
                "Sở Tư pháp nhận được Công văn số 790/STC-NS ngày 10 tháng 02 năm 2026 của Sở Tài chính "
                "đề nghị thẩm định dự thảo Nghị quyết. Sau khi nghiên cứu, Sở Tư pháp báo cáo như sau:",
            ),
            P("j14x", BODY2),
            signer_table(
                ["- Như trên;", "- Sở Tài chính;", "- Lưu: VT, XDKTVB."],
                sign("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", name="Lê Văn Cường"),
            ),
        ],
    )
)

# 5. Báo cáo of the UBND: issuer and number line in the page header.
CORPUS.append(
    Doc(
        "bao-cao-number-in-header",
        header=[
            Table(
                [70, 95],
                [
                    [
                        [
                            P("c13b", "ỦY BAN NHÂN DÂN\nTỈNH THANH BÌNH"),
                            P("c13", "———————"),
                            P("c13", "Số: 102/BC-UBND"),
                        ],
                        [
                            P("c12b", QH),
                            P("c14b", TN),
                            P("c14", "———————————"),
                            P("c14i", "Thanh Bình, ngày 25 tháng 11 năm 2025"),
                        ],
                    ],
                ],
            ),
        ],
        body=[
            P("c14b", "BÁO CÁO"),
            P("c14b", "Tình hình kinh tế - xã hội năm 2025,"),
            P("c14b", "phương hướng, nhiệm vụ năm 2026"),
            P("c14", ""),
            P(
                "j14x",
                "Năm 2025, trong bối cảnh còn nhiều khó khăn, Ủy ban nhân dân tỉnh đã tập trung chỉ đạo "
                "quyết liệt các ngành, địa phương thực hiện các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội.",
            ),
            P("j14x", BODY2),
            signer_table(
                NHAN,
                sign("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name="Phạm Minh Đức"),
            ),
        ],
    )
)

# 6. Báo cáo tiếp thu, giải trình with tracked changes: the number replaced, words inserted.
CORPUS.append(
    Doc(
        "bao-cao-tiep-thu-tracked",
        [
            state_heading(
                [P("c13b", "ỦY BAN NHÂN DÂN"), P("c13b", "TỈNH THANH BÌNH")],
                "Số: {-56-}{+58+}/BC-UBND",
                "Thanh Bình, ngày 06 tháng 3 năm 2026",
            ),
            P("c14", ""),
            P("c14b", "BÁO CÁO"),
            P(
                "c14b",
                "Tiếp thu, giải trình ý kiến thẩm tra {+của Ban Pháp chế HĐND tỉnh +}đối với dự thảo Nghị quyết",
            ),
            P("c14b", "quy định mức chi bảo đảm cho công tác kiểm tra, xử lý văn bản"),
            P("c14", ""),
            P("c14", "Kính gửi: Hội đồng nhân dân tỉnh Thanh Bình."),
            P(
                "j14x",
                "Ủy ban nhân dân tỉnh nhận được Báo cáo thẩm tra số 21/BC-BPC của Ban Pháp chế "
                "Hội đồng nhân dân tỉnh{- ngày 01 tháng 3 năm 2026-}. Ủy ban nhân dân tỉnh tiếp thu, giải trình như sau:",
            ),
            P("j14x", BODY2),
            signer_table(NHAN, sign("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name="Nguyễn Văn An")),
        ],
    )
)

# 7. Báo cáo đánh giá tác động chính sách in TCVN3 (.VnTime, capitals in .VnTimeH).
CORPUS.append(
    Doc(
        "bao-cao-danh-gia-tac-dong-tcvn3",
        legacy="tcvn3",
        body=[
            state_heading(
                [P("c13@.VnTimeH", "UBND TỈNH THANH BÌNH"), P("c13b@.VnTimeH", "SỞ TÀI CHÍNH")],
                "Số: 09/BC-STC",
                "Thanh Bình, ngày 05 tháng 01 năm 2026",
            ),
            P("c14", ""),
            P("c14b@.VnTimeH", "BÁO CÁO"),
            P("c14b", "Đánh giá tác động của chính sách trong đề nghị xây dựng Nghị quyết"),
            P("c14b", "quy định mức chi bảo đảm cho công tác kiểm tra văn bản"),
            P("c14", ""),
            P(
                "j14x",
                "Thực hiện quy định của Luật Ban hành văn bản quy phạm pháp luật, Sở Tài chính "
                "báo cáo đánh giá tác động của chính sách như sau:",
            ),
            P("j14x", BODY2),
            signer_table(
                ["- Sở Tư pháp;", "- Lưu: VT, NS."],
                [
                    P("c14b@.VnTimeH", "KT. GIÁM ĐỐC"),
                    P("c14b@.VnTimeH", "PHÓ GIÁM ĐỐC"),
                    P("c14", ""),
                    P("c14", ""),
                    P("c14b", "Hoàng Văn Em"),
                ],
            ),
        ],
    )
)

# 8. Kế hoạch of the UBND typed in VNI-Times.
CORPUS.append(
    Doc(
        "ke-hoach-vni",
        legacy="vni",
        body=[
            state_heading(
                [P("c13b", "ỦY BAN NHÂN DÂN"), P("c13b", "TỈNH THANH BÌNH")],
                "Số: 33/KH-UBND",
                "Thanh Bình, ngày 16 tháng 02 năm 2026",
            ),
            P("c14", ""),
            P("c14b", "KẾ HOẠCH"),
            P("c14b", "Chuẩn bị nội dung trình kỳ họp thứ 8 Hội đồng nhân dân tỉnh khóa XI"),
            P("c14", ""),
            P("j14xb", "I. MỤC ĐÍCH, YÊU CẦU"),
            P("j14x", BODY),
            P("j14x", BODY2),
            signer_table(NHAN, sign("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name="Võ Thị Giang")),
        ],
    )
)

# 9. Đề án with content controls around the number, the date and the subject.
CORPUS.append(
    Doc(
        "de-an-content-controls",
        [
            state_heading(
                [P("c13b", "ỦY BAN NHÂN DÂN"), P("c13b", "TỈNH THANH BÌNH")],
                "Số: [[12]]/ĐA-UBND",
                "Thanh Bình, ngày [[09 tháng 3 năm 2026]]",
            ),
            P("c14", ""),
            P("c14b", "ĐỀ ÁN"),
            P("c14b", "[[Phát triển du lịch tỉnh Thanh Bình giai đoạn 2026 - 2030]]"),
            P("c14", ""),
            P("j14xb", "Phần thứ nhất"),
            P("j14xb", "SỰ CẦN THIẾT VÀ CƠ SỞ XÂY DỰNG ĐỀ ÁN"),
            P("j14x", BODY),
            signer_table(NHAN, sign("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name="Nguyễn Văn An")),
        ],
    )
)

# 11. Thông báo kết luận of the Ban Thường vụ Tỉnh ủy: Party form, heading with Shift+Enter.
CORPUS.append(
    Doc(
        "thong-bao-ket-luan-btv",
        [
            Table(
                [75, 90],
                [
                    [[P("c14b", "TỈNH ỦY THANH BÌNH\n*")], [P("r15bu", DANG)]],
                    [
                        [P("c14", "Số 125-TB/TU")],
                        [P("r14i", "Thanh Bình, ngày 10 tháng 3 năm 2026")],
                    ],
                ],
            ),
            P("c14", ""),
            P("c16b", "THÔNG BÁO"),
            P("c14b", "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY"),
            P("c14b", "về chủ trương đầu tư dự án đường ven biển"),
            P("c14", "-----"),
            P(
                "j14x",
                "Ngày 06 tháng 3 năm 2026, Ban Thường vụ Tỉnh ủy họp, nghe Ban cán sự đảng Ủy ban nhân "
                "dân tỉnh báo cáo chủ trương đầu tư dự án. Sau khi thảo luận, Ban Thường vụ Tỉnh ủy kết luận như sau:",
            ),
            P("j14x", BODY2),
            Table(
                [80, 85],
                [
                    [
                        [
                            P(
                                "l12",
                                "**//Nơi nhận://**\n- Các đồng chí Tỉnh ủy viên,\n- Ban cán sự đảng UBND tỉnh,\n- Lưu Văn phòng Tỉnh ủy.",
                            )
                        ],
                        [
                            P(
                                "c14b",
                                "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\n\n\nLê Quang Hải",
                            )
                        ],
                    ]
                ],
            ),
        ],
    )
)

# 12. Thông báo of the Tỉnh uỷ (older tone placement), stacked paragraphs, no table.
CORPUS.append(
    Doc(
        "thong-bao-tinh-uy-old-tone",
        [
            P("r15bu", DANG),
            P("l14b", "TỈNH UỶ THANH BÌNH"),
            P("l14", "                  *"),
            P("l14", "       Số 131-TB/TU"),
            P("r14i", "Thanh Bình, ngày 17 tháng 3 năm 2026"),
            P("c14", ""),
            P("c16b", "THÔNG BÁO"),
            P("c14b", "về việc tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm"),
            P("c14", "-----"),
            P(
                "j14x",
                "Thường trực Tỉnh uỷ thông báo về việc tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh "
                "lần thứ năm, nhiệm kỳ 2025 - 2030 như sau:",
            ),
            P("j14x", BODY2),
            P("r14b", "T/L BAN THƯỜNG VỤ"),
            P("r14b", "CHÁNH VĂN PHÒNG"),
            P("r14", ""),
            P("r14", ""),
            P("r14b", "Trương Thị Lan"),
            P("l12bi", "Nơi nhận:"),
            P("l11", "- Các đồng chí Tỉnh uỷ viên,"),
            P("l11", "- Lưu Văn phòng Tỉnh uỷ."),
        ],
    )
)

# 13. Nghị quyết of the Ban cán sự đảng UBND tỉnh: a Party body whose name holds "UBND".
CORPUS.append(
    Doc(
        "nghi-quyet-ban-can-su-dang",
        [
            Table(
                [75, 90],
                [
                    [
                        [
                            P("c14", "ĐẢNG BỘ TỈNH THANH BÌNH"),
                            P("c14b", "BAN CÁN SỰ ĐẢNG UBND TỈNH"),
                            P("c14", "*"),
                        ],
                        [P("r15bu", DANG)],
                    ],
                    [
                        [P("c14", "Số 08-NQ/BCSĐ")],
                        [P("r14i", "Thanh Bình, ngày 14 tháng 01 năm 2026")],
                    ],
                ],
            ),
            P("c14", ""),
            P("c16b", "NGHỊ QUYẾT"),
            P("c14b", "về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026"),
            P("c14", "-----"),
            P(
                "j14x",
                "Ngày 12 tháng 01 năm 2026, Ban cán sự đảng Ủy ban nhân dân tỉnh họp, thảo luận và quyết nghị:",
            ),
            P("j14x", BODY2),
            Table(
                [80, 85],
                [
                    [
                        [
                            P("l12bi", "Nơi nhận:"),
                            P("l11", "- Ban Thường vụ Tỉnh ủy,"),
                            P("l11", "- Lưu Ban cán sự đảng."),
                        ],
                        [
                            P("c14b", "T/M BAN CÁN SỰ ĐẢNG"),
                            P("c14b", "BÍ THƯ"),
                            P("c14", ""),
                            P("c14", ""),
                            P("c14b", "Nguyễn Văn An"),
                        ],
                    ]
                ],
            ),
        ],
    )
)

# 15. Công văn of the UBND: "V/v" under the number line, Kính gửi with a list.
CORPUS.append(
    Doc(
        "cong-van-ubnd",
        [
            state_heading(
                [P("c13b", "ỦY BAN NHÂN DÂN"), P("c13b", "TỈNH THANH BÌNH")],
                "Số: 812/UBND-TH",
                "Thanh Bình, ngày 23 tháng 02 năm 2026",
                extra_left=[P("c12", "V/v chuẩn bị tài liệu kỳ họp thứ 8\nHĐND tỉnh khóa XI")],
            ),
            P("c14", ""),
            P("c14", "Kính gửi:"),
            P("l14", "                    - Các sở, ban, ngành tỉnh;"),
            P("l14", "                    - Ủy ban nhân dân các xã, phường."),
            P("j14x", BODY),
            P("j14x", BODY2),
            signer_table(
                ["- Như trên;", "- Lưu: VT, TH."],
                sign(
                    "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", name="Bùi Thị Hoa"
                ),
            ),
        ],
    )
)

# 10 and 14 are written as HTML and RTF below (other producers).

GIAY_MOI_HTML = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Giấy mời</title>
<style>body {{ font-family: 'Times New Roman'; font-size: 14pt; }}
td {{ vertical-align: top; text-align: center; }} p {{ margin: 0; }}</style></head>
<body>
<table border="0" width="100%" cellspacing="0" cellpadding="2">
<tr><td width="40%"><p style="font-size:13pt"><b>ỦY BAN NHÂN DÂN<br>TỈNH THANH BÌNH</b><br>———————</p>
<p style="font-size:13pt">Số: 25/GM-UBND</p></td>
<td width="60%"><p style="font-size:12pt"><b>{QH}</b></p><p style="font-size:14pt"><b>{TN}</b></p>
<p>———————————</p><p><i>Thanh Bình, ngày 18 tháng 3 năm 2026</i></p></td></tr>
</table>
<p>&nbsp;</p>
<p align="center"><b>GIẤY MỜI</b></p>
<p align="center"><b>Dự phiên họp Ủy ban nhân dân tỉnh thường kỳ tháng 3 năm 2026</b></p>
<p>&nbsp;</p>
<p align="justify">Ủy ban nhân dân tỉnh trân trọng kính mời các đồng chí Thành viên Ủy ban nhân dân tỉnh
dự phiên họp thường kỳ tháng 3 năm 2026.</p>
<p align="justify">Thời gian: 08 giờ 00, ngày 26 tháng 3 năm 2026.</p>
<p align="justify">Địa điểm: Phòng họp số 1, Ủy ban nhân dân tỉnh.</p>
<table border="0" width="100%" cellspacing="0" cellpadding="2">
<tr><td width="45%" style="text-align:left"><p style="font-size:12pt"><b><i>Nơi nhận:</i></b></p>
<p style="font-size:11pt">- Như trên;<br>- Lưu: VT, TH.</p></td>
<td width="55%"><p><b>TL. CHỦ TỊCH<br>CHÁNH VĂN PHÒNG</b></p><p>&nbsp;</p><p>&nbsp;</p>
<p><b>Đỗ Văn Hùng</b></p></td></tr></table>
</body></html>
"""


def rtf_text(text: str) -> str:
    out = []
    for c in text:
        if c in "\\{}":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\line ")
        elif ord(c) < 128:
            out.append(c)
        else:
            code = ord(c)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def rtf_par(align: str, size: int, text: str, *, bold: bool = False, italic: bool = False) -> str:
    fmt = ("\\b" if bold else "\\b0") + ("\\i" if italic else "\\i0")
    return f"\\pard\\plain\\q{align}\\f0\\fs{size * 2}{fmt} {rtf_text(text)}\\par\n"


TONG_HOP_RTF = (
    "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n"
    "\\paperw11906\\paperh16838\\margl1701\\margr850\\margt1134\\margb1134\n"
    + rtf_par("c", 13, "UBND TỈNH THANH BÌNH\nSỞ TÀI CHÍNH", bold=True)
    + rtf_par("c", 13, "———————")
    + rtf_par("r", 14, "Thanh Bình, ngày 15 tháng 01 năm 2026", italic=True)
    + rtf_par("c", 14, "")
    + rtf_par("c", 14, "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN GÓP Ý", bold=True)
    + rtf_par(
        "c",
        14,
        "đối với dự thảo Nghị quyết quy định mức chi bảo đảm cho công tác kiểm tra văn bản",
        bold=True,
    )
    + rtf_par("c", 14, "")
    + rtf_par(
        "j",
        14,
        "Thực hiện quy định của Luật Ban hành văn bản quy phạm pháp luật, Sở Tài chính đã gửi "
        "dự thảo Nghị quyết lấy ý kiến các cơ quan, đơn vị. Kết quả tổng hợp như sau:",
    )
    + rtf_par("j", 14, BODY2)
    + rtf_par("r", 14, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", bold=True)
    + rtf_par("r", 14, "")
    + rtf_par("r", 14, "")
    + rtf_par("r", 14, "Hoàng Văn Em", bold=True)
    + "}\n"
)

# --- Writing flat ODT -----------------------------------------------------------------

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
)
_TOKEN = re.compile(r"(\*\*|//|\{\+|\+\}|\{-|-\}|\[\[|\]\]|\n)")


class Writer:
    def __init__(self, legacy: str | None) -> None:
        self.legacy = legacy
        self.styles: dict[str, str] = {}
        self.auto: list[str] = []
        self.changes: list[str] = []
        self.tables = 0
        self.frames = 0

    def font_of(self, spec: str) -> str:
        if "@" in spec:
            return spec.split("@", 1)[1]
        return {"tcvn3": ".VnTime", "vni": "VNI-Times"}.get(self.legacy or "", "Times New Roman")

    def encode(self, text: str, font: str) -> str:
        if font.startswith(".Vn"):
            return unicode_to_legacy(text, "tcvn3")
        if font.startswith("VNI"):
            return unicode_to_legacy(text, "vni")
        return text

    def pstyle(self, spec: str) -> str:
        if spec in self.styles:
            return self.styles[spec]
        name = f"P{len(self.styles) + 1}"
        self.styles[spec] = name
        m = re.fullmatch(r"([clrj])(\d+)([biux]*)(?:@(.+))?", spec)
        assert m, spec
        align = {"c": "center", "l": "start", "r": "end", "j": "justify"}[m.group(1)]
        flags = m.group(3)
        font = self.font_of(spec)
        para = f'fo:text-align="{align}"' + (
            ' fo:text-indent="10mm" fo:margin-bottom="4pt"' if "x" in flags else ""
        )
        text = (
            f'style:font-name="{font}" style:font-name-asian="{font}" style:font-name-complex="{font}" '
            f'fo:font-size="{m.group(2)}pt" style:font-size-asian="{m.group(2)}pt" style:font-size-complex="{m.group(2)}pt"'
        )
        if "b" in flags:
            text += ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"'
        if "i" in flags:
            text += ' fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"'
        if "u" in flags:
            text += ' style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"'
        self.auto.append(
            f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard">'
            f"<style:paragraph-properties {para}/><style:text-properties {text}/></style:style>"
        )
        return name

    def inline(self, text: str, font: str) -> str:
        out: list[str] = []
        bold = italic = False
        for token in _TOKEN.split(text):
            if token == "**":
                bold = not bold
            elif token == "//":
                italic = not italic
            elif token == "\n":
                out.append("<text:line-break/>")
            elif token == "{+":
                cid = f"ct{len(self.changes) + 1}"
                self.changes.append(
                    f'<text:changed-region xml:id="{cid}" text:id="{cid}"><text:insertion>'
                    "<office:change-info><dc:creator>Chuyên viên</dc:creator>"
                    "<dc:date>2026-03-05T09:00:00</dc:date></office:change-info>"
                    "</text:insertion></text:changed-region>"
                )
                out.append(f'<text:change-start text:change-id="{cid}"/>')
            elif token == "+}":
                out.append(f'<text:change-end text:change-id="ct{len(self.changes)}"/>')
            elif token == "{-":
                self._deleting = True
            elif token == "-}":
                pass
            elif token == "[[":
                out.append("<loext:content-control>")
            elif token == "]]":
                out.append("</loext:content-control>")
            elif token:
                if getattr(self, "_deleting", False):
                    self._deleting = False
                    cid = f"ct{len(self.changes) + 1}"
                    self.changes.append(
                        f'<text:changed-region xml:id="{cid}" text:id="{cid}"><text:deletion>'
                        "<office:change-info><dc:creator>Chuyên viên</dc:creator>"
                        "<dc:date>2026-03-05T09:00:00</dc:date></office:change-info>"
                        f"<text:p>{escape(token)}</text:p></text:deletion></text:changed-region>"
                    )
                    out.append(f'<text:change text:change-id="{cid}"/>')
                    continue
                body = escape(self.encode(token, font))
                span = "T_" + ("b" if bold else "") + ("i" if italic else "")
                out.append(
                    f'<text:span text:style-name="{span}">{body}</text:span>'
                    if span != "T_"
                    else body
                )
        return "".join(out)

    def para(self, p: P) -> str:
        spec = p.spec
        if self.legacy == "tcvn3" and "@" not in spec and p.text.isupper():
            spec += "@.VnTimeH"  # TCVN3 capitals with tone marks need the H font
        return f'<text:p text:style-name="{self.pstyle(spec)}">{self.inline(p.text, self.font_of(spec))}</text:p>'

    def block(self, block: object) -> str:
        if isinstance(block, P):
            return self.para(block)
        if isinstance(block, Table):
            self.tables += 1
            name = f"Tab{self.tables}"
            cols = "".join(
                f'<style:style style:name="{name}.{i}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{w}mm"/></style:style>'
                for i, w in enumerate(block.widths)
            )
            self.auto.append(
                f'<style:style style:name="{name}" style:family="table"><style:table-properties '
                f'style:width="{sum(block.widths)}mm" table:align="left"/></style:style>{cols}'
            )
            rows = "".join(
                "<table:table-row>"
                + "".join(
                    '<table:table-cell table:style-name="Cell" office:value-type="string">'
                    + "\n"
                    + "\n".join(self.para(p) for p in cell)
                    + "</table:table-cell>"
                    for cell in row
                )
                + "</table:table-row>\n"
                for row in block.rows
            )
            columns = "".join(
                f'<table:table-column table:style-name="{name}.{i}"/>'
                for i in range(len(block.widths))
            )
            return f'<table:table table:name="{name}" table:style-name="{name}">{columns}{rows}</table:table>'
        if isinstance(block, Frames):
            frames = []
            for x, width, paras in block.boxes:
                self.frames += 1
                frames.append(
                    f'<draw:frame draw:style-name="{"frb" if block.border else "fr"}" draw:name="Khung{self.frames}" '
                    f'text:anchor-type="paragraph" svg:x="{x}mm" svg:y="0mm" svg:width="{width}mm" '
                    f'draw:z-index="{self.frames}"><draw:text-box fo:min-height="{block.height - 2}mm">'
                    + "".join(self.para(p) for p in paras)
                    + "</draw:text-box></draw:frame>"
                )
            style = self.pstyle("l14")
            return f'<text:p text:style-name="{style}">{"".join(frames)}</text:p>'
        raise TypeError(block)

    def document(self, doc: Doc) -> str:
        # One block a line, so the sources read as text (white space between
        # ODF block elements is not content).
        body = "\n".join(self.block(b) for b in doc.body)
        header = "\n".join(self.block(b) for b in doc.header)
        changes = (
            f'<text:tracked-changes text:track-changes="false">{"".join(self.changes)}</text:tracked-changes>'
            if self.changes
            else ""
        )
        fonts = "".join(
            f'<style:font-face style:name="{f}" svg:font-family="&apos;{f}&apos;" style:font-family-generic="roman"/>'
            for f in ("Times New Roman", ".VnTime", ".VnTimeH", "VNI-Times")
        )
        spans = "".join(
            f'<style:style style:name="T_{k}" style:family="text"><style:text-properties {v}/></style:style>'
            for k, v in {
                "b": 'fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"',
                "i": 'fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"',
                "bi": 'fo:font-weight="bold" fo:font-style="italic" style:font-weight-complex="bold" '
                'style:font-style-complex="italic"',
            }.items()
        )
        header_xml = f"<style:header>{header}</style:header>" if header else ""
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text">'
            f"<office:font-face-decls>{fonts}</office:font-face-decls>"
            "<office:styles>"
            '<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0mm" '
            'fo:margin-bottom="0mm"/><style:text-properties style:font-name="Times New Roman" '
            'style:font-name-asian="Times New Roman" style:font-name-complex="Times New Roman" fo:font-size="14pt" '
            'fo:language="vi" fo:country="VN"/></style:default-style>'
            '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
            "</office:styles><office:automatic-styles>"
            '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="210mm" '
            'fo:page-height="297mm" style:print-orientation="portrait" fo:margin-top="20mm" '
            'fo:margin-bottom="20mm" fo:margin-left="30mm" fo:margin-right="15mm"/>'
            '<style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="3mm"/>'
            "</style:header-style></style:page-layout>"
            '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
            'fo:border="none" fo:padding="0.5mm"/></style:style>'
            '<style:style style:name="fr" style:family="graphic"><style:graphic-properties fo:border="none" '
            'style:wrap="none" fo:padding="0mm" style:vertical-pos="from-top" style:vertical-rel="paragraph" '
            'style:horizontal-pos="from-left" style:horizontal-rel="paragraph"/></style:style>'
            '<style:style style:name="frb" style:family="graphic"><style:graphic-properties '
            'fo:border="0.5pt solid #000000" style:wrap="none" fo:padding="1mm" style:vertical-pos="from-top" '
            'style:vertical-rel="paragraph" style:horizontal-pos="from-left" style:horizontal-rel="paragraph"/>'
            "</style:style>"
            f"{spans}{''.join(self.auto)}</office:automatic-styles>"
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
            f"{header_xml}</style:master-page></office:master-styles>"
            f"<office:body><office:text>\n{changes}\n{body}\n</office:text></office:body></office:document>\n"
        )


def sources() -> dict[str, str]:
    """Every source document, by file name."""
    out = {f"{doc.name}.fodt": Writer(doc.legacy).document(doc) for doc in CORPUS}
    out["giay-moi-html.html"] = GIAY_MOI_HTML
    out["tong-hop-y-kien-rtf.rtf"] = TONG_HOP_RTF
    return out


def convert(source: Path, outdir: Path, target: str, profile: Path) -> None:
    command = [
        shutil.which("soffice") or "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
    ]
    if source.suffix == ".html" and target == "docx":
        command.append("--infilter=HTML (StarWriter)")
    command += ["--convert-to", target, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def main(argv: Sequence[str]) -> None:
    (HERE / "src").mkdir(exist_ok=True)
    for name, text in sources().items():
        (HERE / "src" / name).write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        for source in sorted((HERE / "src").iterdir()):
            only = [a for a in argv if not a.startswith("-")]
            if only and source.stem not in only:
                continue
            convert(source, HERE, "docx", profile)
            if "--pdf" in argv:
                (HERE / "pdf").mkdir(exist_ok=True)
                convert(HERE / f"{source.stem}.docx", HERE / "pdf", "pdf", profile)
            print(source.stem)


if __name__ == "__main__":
    main(sys.argv[1:])

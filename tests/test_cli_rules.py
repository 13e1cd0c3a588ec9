"""``coordrules rules``: the exact text printed for a small pack, written from reading the pack.

The golden snapshots of the bundled packs (``tests/golden``) guard the long
output; this pack is small enough to read line by line, and has what the
bundled ones lack: an ``extends``, a version read in a secondary source,
other rules, travel times, and items shown or hidden by ``--as-of``.
"""

from __future__ import annotations

from datetime import date

from coordrules import Basis, Body, Office, Pack, Position, SourcedValue, TravelTime, VersionedRule
from coordrules.cli.rules import render
from coordrules.model.values import CitationSource

PACK = Pack(
    id="mini",
    name="Tỉnh Nhỏ",
    extends="vn-province",
    bodies=(
        Body("ubnd", "UBND tỉnh", aliases=("Ủy ban",)),
        Body("so", "Sở X", parent="ubnd", since=date(2025, 7, 1)),
    ),
    offices=(Office("vp", "Văn phòng UBND", serves=("ubnd",), until=date(2025, 7, 1)),),
    positions=(
        Position("ct", "ubnd", "Chủ tịch", deputies=("pct",), holders=1),
        Position("pct", "ubnd", "Phó Chủ tịch"),
    ),
    travel_times=(TravelTime("a", "b", 30, cite="Đo", basis=Basis.LOCAL),),
    rules=(
        VersionedRule(
            "extra.x",
            (
                SourcedValue(
                    5,
                    "QĐ 1",
                    Basis.LOCAL,
                    since=date(2025, 1, 1),
                    note="Ví dụ",
                    source=CitationSource.SECONDARY,
                ),
            ),
            description="Một quy tắc khác",
        ),
    ),
)

LOCAL = "local: quy định của địa phương / the province's own rule"
YEARS = (
    "  Năm có lịch nghỉ công bố trong gói / years with an announced schedule: "
    "(không có / none); năm khác theo thư viện holidays (giả định) / other years: "
    "the holidays package (an assumption, reported by the checks)"
)
SECONDARY = (
    "secondary: chỉ đọc qua cổng pháp luật, báo chí, chưa đối chiếu văn bản / "
    "only a legal portal or the press, not checked against the official text"
)


def _tail(other_rules: bool) -> list[str]:
    lines = [
        "",
        "== Chủ trì, phối hợp / Lead and coordinating offices ==",
        "",
        "== Loại cuộc họp / Meeting kinds ==",
        "",
        "== Hồ sơ cuộc họp / Dossier requirements ==",
        "",
        "== Quy chế phối hợp lịch / Calendar policy ==",
        "  Số lần lặp tối đa / series cap: 1000",
        "  Dung lượng tệp tối đa / max feed bytes: 50000000",
        "",
        "== Lịch ngày làm việc / Work calendar ==",
        "  Múi giờ / time zone: Asia/Ho_Chi_Minh; quốc gia / country: VN",
        "  Nghỉ hằng tuần / weekly rest: T7, CN",
        YEARS,
        "  Giờ của hạn / deadline hour: 17:00",
    ]
    if other_rules:
        lines += [
            "",
            "== Quy tắc khác / Other rules ==",
            "  Một quy tắc khác  [extra.x]",
            "    - 5",
            "      hiệu lực / in force: từ / from 2025-01-01",
            "      nguồn / source: QĐ 1",
            f"      đọc ở / read in: {SECONDARY}",
            f"      cơ sở / basis: {LOCAL}",
            "      ghi chú / note: Ví dụ",
        ]
    return [
        *lines,
        "",
        "== Thời gian di chuyển / Travel times ==",
        "  a ↔ b: 30 phút / minutes",
        "      nguồn / source: Đo",
        f"      cơ sở / basis: {LOCAL}",
    ]


POSITIONS = [
    "",
    "== Chức vụ / Positions ==",
    "  Chủ tịch  [ct]",
    "      người thay / deputies: Phó Chủ tịch",
    "      số người giữ / holders at once: tối đa / at most 1",
    "  Phó Chủ tịch  [pct]",
]


def test_every_version_of_a_small_pack() -> None:
    expected = [
        "Gói quy tắc / Rule pack: mini — Tỉnh Nhỏ",
        "Cấp / Level: province",
        "Mở rộng từ / Extends: vn-province",
        "Hiệu lực / In force: mọi phiên bản / every version",
        "",
        "== Cơ quan, tổ chức / Bodies ==",
        "  UBND tỉnh  [ubnd]",
        "      tên khác / aliases: Ủy ban",
        "  Sở X (thuộc / part of UBND tỉnh)  [so]",
        "      hiệu lực / in force: từ / from 2025-07-01",
        "",
        "== Văn phòng / Offices ==",
        "  Văn phòng UBND  [vp]",
        "      tham mưu, phục vụ / serves: UBND tỉnh",
        "      hiệu lực / in force: đến trước / until 2025-07-01",
        *POSITIONS,
        *_tail(other_rules=True),
    ]
    assert render(PACK) == "\n".join(expected) + "\n"


def test_as_of_shows_only_what_is_in_force_that_day() -> None:
    # 2024-06-01: the Sở does not exist yet, the office still does, the other
    # rule is not yet in force (so its section is not printed at all).
    expected = [
        "Gói quy tắc / Rule pack: mini — Tỉnh Nhỏ",
        "Cấp / Level: province",
        "Mở rộng từ / Extends: vn-province",
        "Hiệu lực / In force: 2024-06-01",
        "",
        "== Cơ quan, tổ chức / Bodies ==",
        "  UBND tỉnh  [ubnd]",
        "      tên khác / aliases: Ủy ban",
        "",
        "== Văn phòng / Offices ==",
        "  Văn phòng UBND  [vp]",
        "      tham mưu, phục vụ / serves: UBND tỉnh",
        "      hiệu lực / in force: đến trước / until 2025-07-01",
        *POSITIONS,
        *_tail(other_rules=False),
    ]
    assert render(PACK, date(2024, 6, 1)) == "\n".join(expected) + "\n"
    # 2025-07-01: the office has ended (until is exclusive), the Sở has begun.
    later = render(PACK, date(2025, 7, 1))
    assert "  Sở X (thuộc / part of UBND tỉnh)  [so]\n" in later
    assert "[vp]" not in later
    assert "== Văn phòng / Offices ==\n\n== Chức vụ / Positions ==" in later
    assert "  Một quy tắc khác  [extra.x]\n" in later

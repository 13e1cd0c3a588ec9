"""Vocabularies shared by packs, dossiers and document inspection.

Document types (loại văn bản) with the type code of their number line
(NĐ 30/2020/NĐ-CP, Phụ lục III) and the title words that open them, and the
kinds of agenda item a dossier requirement can name. Packs refer to these ids;
a pack may add its own types.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.frozen
class DocumentType:
    """A kind of document: id, Vietnamese name, number-line code, title words."""

    id: str
    name: str
    code: str | None
    """Type code in the number line (``TTr``, ``NQ`` …); ``None`` for a công văn."""
    title: str | None
    """The words (capitals) that open the document, e.g. ``TỜ TRÌNH``."""


def _table(*items: DocumentType) -> Mapping[str, DocumentType]:
    return {item.id: item for item in items}


DOCUMENT_TYPES: Mapping[str, DocumentType] = _table(
    DocumentType("nghi-quyet", "Nghị quyết", "NQ", "NGHỊ QUYẾT"),
    DocumentType("du-thao-nghi-quyet", "Dự thảo nghị quyết", "NQ", "NGHỊ QUYẾT"),
    DocumentType("quyet-dinh", "Quyết định", "QĐ", "QUYẾT ĐỊNH"),
    DocumentType("chi-thi", "Chỉ thị", "CT", "CHỈ THỊ"),
    DocumentType("quy-che", "Quy chế", "QC", "QUY CHẾ"),
    DocumentType("thong-bao", "Thông báo", "TB", "THÔNG BÁO"),
    DocumentType("thong-bao-ket-luan", "Thông báo kết luận", "TB", "THÔNG BÁO"),
    DocumentType("huong-dan", "Hướng dẫn", "HD", "HƯỚNG DẪN"),
    DocumentType("chuong-trinh", "Chương trình", "CTr", "CHƯƠNG TRÌNH"),
    DocumentType("ke-hoach", "Kế hoạch", "KH", "KẾ HOẠCH"),
    DocumentType("phuong-an", "Phương án", "PA", "PHƯƠNG ÁN"),
    DocumentType("de-an", "Đề án", "ĐA", "ĐỀ ÁN"),
    DocumentType("du-an", "Dự án", "DA", "DỰ ÁN"),
    DocumentType("bao-cao", "Báo cáo", "BC", "BÁO CÁO"),
    DocumentType("bao-cao-tham-dinh", "Báo cáo thẩm định", "BC", "BÁO CÁO"),
    DocumentType("bao-cao-tham-tra", "Báo cáo thẩm tra", "BC", "BÁO CÁO"),
    DocumentType("bao-cao-tiep-thu-giai-trinh", "Báo cáo tiếp thu, giải trình", "BC", "BÁO CÁO"),
    DocumentType("bao-cao-danh-gia-tac-dong", "Báo cáo đánh giá tác động chính sách", "BC",
                 "BÁO CÁO"),
    DocumentType("tong-hop-y-kien", "Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý", None,
                 "BẢN TỔNG HỢP"),
    DocumentType("bien-ban", "Biên bản", "BB", "BIÊN BẢN"),
    DocumentType("to-trinh", "Tờ trình", "TTr", "TỜ TRÌNH"),
    DocumentType("giay-moi", "Giấy mời", "GM", "GIẤY MỜI"),
    DocumentType("cong-van", "Công văn", None, None),
)  # fmt: skip
"""Every known document type, by id."""


@attrs.frozen
class ItemKind:
    """A kind of agenda item (nội dung trình) that dossier requirements name."""

    id: str
    name: str


ITEM_KINDS: Mapping[str, ItemKind] = {
    k.id: k
    for k in (
        ItemKind("draft-normative-resolution", "Dự thảo nghị quyết quy phạm pháp luật"),
        ItemKind("individual-resolution", "Dự thảo nghị quyết cá biệt"),
        ItemKind("report", "Báo cáo"),
        ItemKind("plan", "Kế hoạch"),
        ItemKind("project", "Đề án"),
        ItemKind("decision", "Dự thảo quyết định"),
    )
}
"""Every known kind of agenda item, by id."""

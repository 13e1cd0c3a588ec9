"""Vocabularies shared by packs, dossiers and document inspection.

Document types (loại văn bản) with the type code of their number line
(NĐ 30/2020/NĐ-CP, Phụ lục III) and the title words that open them, and the
kinds of agenda item a dossier requirement can name. Packs refer to these ids;
a pack may add its own types.

Types form a hierarchy: a type names its ``parent`` when every document of
it is also a document of the parent (a Báo cáo thẩm tra is a Báo cáo; a
Thông báo kết luận is a Thông báo). A draft is not the act it drafts: a Dự
thảo nghị quyết is no Nghị quyết. :func:`lineage` and :func:`is_a` read the
hierarchy; a requirement for a type is met by a document of any subtype.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs


@attrs.frozen
class DocumentType:
    """A kind of document: id, Vietnamese name, number-line code, title words."""

    id: str
    """The type's id, as packs, manifests and findings name it (``to-trinh``, ``bao-cao``)."""
    name: str
    """Its Vietnamese name (``Tờ trình``, ``Báo cáo``)."""
    code: str | None
    """Type code in the number line (``TTr``, ``NQ`` …); ``None`` for a công văn."""
    title: str | None
    """The words (capitals) that open the document, e.g. ``TỜ TRÌNH``."""
    parent: str | None = None
    """The type this one is a kind of (``bao-cao`` for ``bao-cao-tham-tra``), or ``None``."""


def _table(*items: DocumentType) -> Mapping[str, DocumentType]:
    return {item.id: item for item in items}


DOCUMENT_TYPES: Mapping[str, DocumentType] = _table(
    DocumentType("nghi-quyet", "Nghị quyết", "NQ", "NGHỊ QUYẾT"),
    DocumentType("du-thao-nghi-quyet", "Dự thảo nghị quyết", "NQ", "NGHỊ QUYẾT"),
    DocumentType("quyet-dinh", "Quyết định", "QĐ", "QUYẾT ĐỊNH"),
    DocumentType("chi-thi", "Chỉ thị", "CT", "CHỈ THỊ"),
    DocumentType("quy-che", "Quy chế", "QC", "QUY CHẾ"),
    DocumentType("thong-bao", "Thông báo", "TB", "THÔNG BÁO"),
    DocumentType("thong-bao-ket-luan", "Thông báo kết luận", "TB", "THÔNG BÁO", "thong-bao"),
    DocumentType("huong-dan", "Hướng dẫn", "HD", "HƯỚNG DẪN"),
    DocumentType("chuong-trinh", "Chương trình", "CTr", "CHƯƠNG TRÌNH"),
    DocumentType("ke-hoach", "Kế hoạch", "KH", "KẾ HOẠCH"),
    DocumentType("phuong-an", "Phương án", "PA", "PHƯƠNG ÁN"),
    DocumentType("de-an", "Đề án", "ĐA", "ĐỀ ÁN"),
    DocumentType("du-an", "Dự án", "DA", "DỰ ÁN"),
    DocumentType("bao-cao", "Báo cáo", "BC", "BÁO CÁO"),
    DocumentType("bao-cao-tham-dinh", "Báo cáo thẩm định", "BC", "BÁO CÁO", "bao-cao"),
    DocumentType("bao-cao-tham-tra", "Báo cáo thẩm tra", "BC", "BÁO CÁO", "bao-cao"),
    DocumentType("bao-cao-tiep-thu-giai-trinh", "Báo cáo tiếp thu, giải trình", "BC", "BÁO CÁO",
                 "bao-cao"),
    DocumentType("bao-cao-danh-gia-tac-dong", "Báo cáo đánh giá tác động chính sách", "BC",
                 "BÁO CÁO", "bao-cao"),
    DocumentType("tong-hop-y-kien", "Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý", None,
                 "BẢN TỔNG HỢP"),
    DocumentType("bien-ban", "Biên bản", "BB", "BIÊN BẢN"),
    DocumentType("to-trinh", "Tờ trình", "TTr", "TỜ TRÌNH"),
    DocumentType("giay-moi", "Giấy mời", "GM", "GIẤY MỜI"),
    DocumentType("cong-van", "Công văn", None, None),
)  # fmt: skip
"""Every known document type, by id."""

TypeLookup = Callable[[str], DocumentType | None]
"""Finds a document type by id (``DOCUMENT_TYPES.get``, or a pack's ``document_type``)."""


def lineage(type_id: str, lookup: TypeLookup = DOCUMENT_TYPES.get) -> tuple[str, ...]:
    """*type_id* and the types it is a kind of, nearest first.

    ``lineage("bao-cao-tham-tra") == ("bao-cao-tham-tra", "bao-cao")``. A type
    *lookup* does not know has no parent; a loop of parents ends where it
    would repeat a type.
    """
    chain = [type_id]
    found = lookup(type_id)
    while found is not None and found.parent is not None and found.parent not in chain:
        chain.append(found.parent)
        found = lookup(found.parent)
    return tuple(chain)


def is_a(type_id: str, ancestor: str, lookup: TypeLookup = DOCUMENT_TYPES.get) -> bool:
    """Whether a document of *type_id* is a document of *ancestor* (itself included)."""
    return ancestor in lineage(type_id, lookup)


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

"""Meeting dossiers (hồ sơ cuộc họp): the model.

What lives here: the meeting and its agenda (:class:`Meeting`,
:class:`AgendaItem`), the files of its dossier (:class:`DossierDocument`,
:class:`Dossier`) and what an inspection of one document found
(:class:`DocumentInfo`, :class:`NumberLine`, :class:`SignerBlock`).

What never lives here: reading a manifest (:mod:`coordrules.packs.manifest`),
checking a dossier against a pack (:mod:`coordrules.rules.dossier`), opening
DOCX files (:mod:`coordrules.adapters.docx.inspection`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import attrs

from coordrules.model.deprecation import renamed
from coordrules.model.findings import Finding


@attrs.frozen
class Meeting:
    """A meeting whose dossier is checked (cuộc họp, kỳ họp, hội nghị).

    ``kind`` is a meeting-kind id of the pack (``hdnd-session``); ``start``
    and ``end`` are timezone-aware; ``urgent`` marks an urgent meeting (họp
    đột xuất), which sets the ``urgent`` flag for requirement conditions.
    """

    kind: str
    """The meeting-kind id of the pack (``hdnd-session``); it decides which documents are required.
    """
    title: str
    """The meeting's title, for people."""
    start: datetime
    """When it opens (an aware datetime); deadlines are counted from it."""
    end: datetime | None = None
    """When it closes (an aware datetime), when the manifest says; deadlines ``after end`` need it.
    """
    venue: str | None = None
    """Where it is held, as the manifest writes it."""
    urgent: bool = False
    """Whether it is an urgent meeting (họp đột xuất); sets the ``urgent`` flag."""
    id: str = "meeting"
    """Its id in findings (``meeting`` unless the manifest gives one)."""
    flags: tuple[str, ...] = ()
    """Flags for meeting-level requirement conditions."""

    @property
    def all_flags(self) -> frozenset[str]:
        """The flags, with ``urgent`` when the meeting is urgent."""
        return frozenset(self.flags) | ({"urgent"} if self.urgent else set())


@attrs.frozen
class AgendaItem:
    """One item on the agenda (nội dung trình) and who submits it (cơ quan trình).

    ``kind`` is an item-kind id (``draft-normative-resolution`` …, see
    ``ITEM_KINDS``); ``flags`` name the conditions it meets
    (``policy-impact``: a policy impact report is needed).
    """

    id: str
    """The item's id in the manifest; findings and documents name it."""
    kind: str
    """The item-kind id (``draft-normative-resolution`` …); it decides which documents the item
    needs.
    """
    title: str
    """The item's title (trích yếu), for people."""
    submitted_by: str | None = None
    """The id of the body or office that submits it (cơ quan trình), when the manifest says."""
    flags: tuple[str, ...] = ()
    """The conditions it meets (``policy-impact``), for requirement conditions."""


@attrs.frozen
class DossierDocument:
    """A file in the dossier: where it is, when it arrived, what it is said to be.

    ``item`` is the id of the agenda item it belongs to, ``None`` for a
    document of the meeting as a whole (giấy mời, chương trình).
    ``received`` ``None`` means the time was not given: the check takes the
    moment of the check (``as_of``) as the latest it can have arrived. A
    document received after ``as_of`` does not count at ``as_of``.
    """

    id: str
    """The document's id in the manifest; findings name it."""
    path: str
    """The file: the manifest's path joined to the manifest's folder."""
    received: datetime | None = None
    """When the office received it (an aware datetime); ``None``: not given, taken as ``as_of`` at
    the latest.
    """
    declared_type: str | None = None
    """The document-type id the manifest declares; ``None``: read from the file."""
    item: str | None = None
    """The id of the agenda item it belongs to; ``None``: the meeting as a whole (giấy mời, chương
    trình).
    """
    title: str | None = None
    """Its title as the manifest gives it, when it does."""


@attrs.frozen
class Dossier:
    """The agenda items and documents of one meeting (hồ sơ cuộc họp)."""

    items: tuple[AgendaItem, ...] = ()
    """The agenda items (nội dung trình), in the manifest's order."""
    documents: tuple[DossierDocument, ...] = ()
    """The documents received or expected, in the manifest's order."""
    manifest: str | None = None
    """The manifest file it was read from, for messages."""


@attrs.frozen
class NumberLine:
    """The number line (số, ký hiệu) of a document, as parsed.

    ``form`` is ``"state"`` (``Số: 05/TTr-UBND``, ``Số: 93/2021/NQ-HĐND``,
    công văn ``Số: 12/UBND-TH``) or ``"party"`` (``Số 04-NQ/TU``).
    ``number`` is the digits as written, ``None`` when left blank (a draft).
    ``type_code`` is ``None`` for a công văn.
    """

    text: str
    """The whole line as written (``Số: 05/TTr-UBND``)."""
    form: str
    """``"state"`` (NĐ 30/2020) or ``"party"`` (Hướng dẫn 36-HD/VPTW)."""
    number: str | None
    """The number's digits as written; ``None`` when left blank (a draft)."""
    year: int | None = None
    """The year in the number (``93/2021/NQ-HĐND``), when the form has one."""
    type_code: str | None = None
    """The document type's abbreviation (``TTr``, ``NQ``); ``None`` for a công văn."""
    issuer_code: str | None = None
    """The issuer's abbreviation (``UBND``, ``HĐND``, ``TU``)."""


@attrs.frozen
class SignerBlock:
    """The signature block: the authority word (TM., KT., TL., Q.) and its lines."""

    authority: str | None
    """The authority word (``TM.``, ``KT.``, ``TL.``, ``Q.``), or ``None`` when the signer signs in
    their own right.
    """
    lines: tuple[str, ...] = ()
    """The block's lines, in order, as written."""
    name: str | None = None
    """The signer's name (the last line), when it could be told."""


@attrs.frozen
class DocumentInfo:
    """What an inspection of one document found (see ``inspect_document``).

    ``type`` is a document-type id of ``DOCUMENT_TYPES`` or ``None`` when it
    cannot be told; ``findings`` are the document's own problems
    (``format-violation``, ``number-malformed``, ``tracked-changes``,
    ``legacy-encoding``), each naming the document.
    """

    path: str
    """The file inspected."""
    type: str | None = None
    """The document-type id (``to-trinh``, ``nghi-quyet`` …); ``None`` when it cannot be told."""
    title: str | None = None
    """The title line that names the type (TỜ TRÌNH, NGHỊ QUYẾT …), as written."""
    draft: bool = False
    """Whether it is a draft (DỰ THẢO, or number and day left blank)."""
    party: bool = False
    """Whether it is a Party document (Hướng dẫn 36-HD/VPTW form): the pack says its issuer is a
    Party body, or, for an issuer the pack does not know, its heading says so.
    """
    number: NumberLine | None = None
    """The number line (số, ký hiệu), parsed; ``None`` when there is none."""
    issuer: str | None = None
    """The issuer's name lines of the heading, joined."""
    place: str | None = None
    """The place of the place-and-date line (Thanh Bình)."""
    date: date | None = None
    """The date of the place-and-date line."""
    subject: str | None = None
    """The subject (trích yếu nội dung)."""
    signer: SignerBlock | None = None
    """The signature block, when one was found."""
    recipients: tuple[str, ...] = ()
    """The addressees after "Kính gửi", each on one line."""
    issuer_body: str | None = None
    """The id of the pack's body that issued the document, when it could be told."""
    legacy_encoding: str | None = None
    """The legacy 8-bit font encoding its text is in (``tcvn3``, ``vni``); ``None``: Unicode."""
    tracked_changes: int = 0
    """How many tracked changes (insertions, deletions) are left in it."""
    comments: int = 0
    """How many comments are left in it."""
    findings: tuple[Finding, ...] = ()
    """The document's own problems (``format-violation``, ``number-malformed``, ``legacy-encoding``
    …), each naming it.
    """


DocumentInspector = Callable[[str], DocumentInfo]
"""A function that reads one dossier document: from its file path to what it holds
(:class:`DocumentInfo`); raises ``InputError`` for a bad file.
:func:`~coordrules.inspect_document` is the one the library brings."""

__getattr__ = renamed(__name__, {"Inspector": "DocumentInspector"})

"""Hostile and odd dossier manifests (issue 11, "Manifests"): confined paths, caps, clear errors.

Only the manifest loader (``load_manifest``) is tested here; the check of a
dossier is tested in test_dossier_core.py. Expected keys are read from the
manifests written in each test.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pytest

from coordrules import InputError, load_manifest
from coordrules.packs import limits

HEAD = """\
[meeting]
kind = "ubnd-meeting"
title = "Phiên họp UBND tỉnh tháng 3"
start = 2026-03-12T08:00:00
"""


def manifest(folder: Path, body: str, head: str = HEAD, name: str = "manifest.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(head + body, encoding="utf-8")
    return path


def documents(*paths: str, where: str = "documents") -> str:
    return "".join(f'\n[[{where}]]\npath = "{p}"\n' for p in paths)


def refused(path: Path, **options: bool) -> InputError:
    with pytest.raises(InputError) as caught:
        load_manifest(path, **options)
    assert caught.value.file == str(path)
    return caught.value


# -- paths confined to the manifest's folder ------------------------------------------------


@pytest.mark.parametrize(
    "given",
    ["../bi-mat.docx", "con/../../bi-mat.docx", "/etc/passwd"],
    ids=["parent", "down-then-up", "absolute"],
)
def test_a_path_leading_outside_is_refused_naming_manifest_item_and_path(
    tmp_path: Path, given: str
) -> None:
    body = (
        '\n[[items]]\nid = "qd"\nkind = "decision"\ntitle = "QĐ"\n'
        + documents("to-trinh.docx", where="items.documents")
        + documents(given, where="items.documents")
    )
    path = manifest(tmp_path / "ho-so", body)
    error = refused(path)
    assert error.place == "items[0].documents[1].path"
    assert repr(given) in error.reason
    assert "outside the manifest's folder" in error.reason
    assert error.reason_vi is not None
    assert "ra ngoài thư mục" in error.reason_vi
    assert error.hint is not None
    assert "allow_outside=True" in error.hint


def test_a_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "bi-mat.docx"
    secret.write_bytes(b"x")
    folder = tmp_path / "ho-so"
    folder.mkdir()
    (folder / "to-trinh.docx").symlink_to(secret)
    error = refused(manifest(folder, documents("to-trinh.docx")))
    assert error.place == "documents[0].path"
    assert str(secret) in error.reason


def test_a_symlinked_subfolder_leading_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    folder = tmp_path / "ho-so"
    folder.mkdir()
    (folder / "con").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert refused(manifest(folder, documents("con/a.docx"))).place == "documents[0].path"


def test_a_symlink_loop_is_an_error_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "ho-so"
    folder.mkdir()
    (folder / "a.docx").symlink_to(folder / "b.docx")
    (folder / "b.docx").symlink_to(folder / "a.docx")
    with pytest.raises(InputError) as caught:
        load_manifest(manifest(folder, documents("a.docx")))
    assert caught.value.place == "documents[0].path"


def test_paths_inside_the_folder_load_including_links_that_stay_inside(tmp_path: Path) -> None:
    folder = tmp_path / "ho-so"
    (folder / "con").mkdir(parents=True)
    (folder / "con" / "e.docx").write_bytes(b"x")
    (folder / "lien-ket.docx").symlink_to(folder / "con" / "e.docx")
    body = documents("a.docx", "con/b.docx", "./con/../c.docx", "lien-ket.docx")
    body += documents(str(folder / "d.docx"))  # absolute, but inside
    _, dossier = load_manifest(manifest(folder, body))
    assert [d.path for d in dossier.documents] == [
        str(folder / "a.docx"),
        str(folder / "con/b.docx"),
        str(folder / "./con/../c.docx"),
        str(folder / "lien-ket.docx"),
        str(folder / "d.docx"),
    ]


def test_allow_outside_opens_paths_outside_as_given(tmp_path: Path) -> None:
    folder = tmp_path / "ho-so"
    path = manifest(folder, documents("../chung/giay-moi.docx", "/srv/ho-so/to-trinh.docx"))
    _, dossier = load_manifest(path, allow_outside=True)
    assert [d.path for d in dossier.documents] == [
        str(folder / "../chung/giay-moi.docx"),
        "/srv/ho-so/to-trinh.docx",
    ]


def test_a_nul_in_a_document_path_is_refused(tmp_path: Path) -> None:
    error = refused(manifest(tmp_path, documents("a\\u0000.docx")))
    assert error.place == "documents[0].path"
    assert "NUL" in error.reason


def test_a_manifest_in_a_folder_whose_name_is_not_utf8_loads(tmp_path: Path) -> None:
    # "hồ sơ" in a legacy code page: the folder's name is not UTF-8.
    folder = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"h\xf4-s\xf5"))
    try:
        os.mkdir(folder)
    except (OSError, UnicodeEncodeError):  # pragma: no cover - file systems that refuse it
        pytest.skip("this file system refuses names that are not UTF-8")
    path = manifest(Path(folder), documents("to-trinh.docx"))
    _, dossier = load_manifest(path)
    assert dossier.documents[0].path == os.path.join(folder, "to-trinh.docx")
    assert os.fsencode(dossier.documents[0].path).endswith(b"h\xf4-s\xf5/to-trinh.docx")


# -- the same file twice --------------------------------------------------------------------


def test_the_same_file_twice_in_one_list_names_both_places(tmp_path: Path) -> None:
    error = refused(manifest(tmp_path, documents("to-trinh.docx", "x.docx", "./to-trinh.docx")))
    assert error.place == "documents[2].path"
    assert "also at documents[0].path" in error.reason


def test_a_link_and_its_target_in_one_list_are_the_same_file(tmp_path: Path) -> None:
    (tmp_path / "to-trinh.docx").write_bytes(b"x")
    (tmp_path / "ban-sao.docx").symlink_to(tmp_path / "to-trinh.docx")
    error = refused(manifest(tmp_path, documents("to-trinh.docx", "ban-sao.docx")))
    assert error.place == "documents[1].path"


def test_the_same_file_under_two_items_is_allowed(tmp_path: Path) -> None:
    body = ""
    for item in ("nq-1", "nq-2"):
        body += f'\n[[items]]\nid = "{item}"\nkind = "decision"\ntitle = "{item}"\n'
        body += documents("bao-cao-tham-tra.docx", where="items.documents")
    _, dossier = load_manifest(manifest(tmp_path, body))
    assert [(d.item, Path(d.path).name) for d in dossier.documents] == [
        ("nq-1", "bao-cao-tham-tra.docx"),
        ("nq-2", "bao-cao-tham-tra.docx"),
    ]


# -- caps, sizes, dates, encodings ------------------------------------------------------------


def test_too_many_items_are_refused(tmp_path: Path) -> None:
    body = "".join(
        f'\n[[items]]\nid = "i{n}"\nkind = "decision"\ntitle = "T"\n'
        for n in range(limits.MANIFEST_ITEMS + 1)
    )
    error = refused(manifest(tmp_path, body))
    assert error.place == "items"
    assert "more than 1,000 agenda items" in error.reason


def test_items_at_the_cap_load(tmp_path: Path) -> None:
    body = "".join(
        f'\n[[items]]\nid = "i{n}"\nkind = "decision"\ntitle = "T"\n'
        for n in range(limits.MANIFEST_ITEMS)
    )
    _, dossier = load_manifest(manifest(tmp_path, body))
    assert len(dossier.items) == limits.MANIFEST_ITEMS


def test_too_many_documents_are_refused(tmp_path: Path) -> None:
    paths = [f"d{n}.docx" for n in range(limits.MANIFEST_DOCUMENTS + 1)]
    error = refused(manifest(tmp_path, documents(*paths)))
    assert error.place == "documents"
    assert "more than 5,000 documents" in error.reason


def test_a_manifest_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = manifest(tmp_path, "#" * limits.MANIFEST_BYTES)
    error = refused(path)
    assert "1,000,000 bytes" in error.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_manifest_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "manifest.toml"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo).reason


@pytest.mark.parametrize(
    ("change", "place"),
    [
        ("start = 0001-01-01T08:00:00", "meeting.start"),
        ("start = 9999-12-31T23:00:00", "meeting.start"),
        ("start = 9999-12-31", "meeting.start"),
    ],
)
def test_meeting_dates_out_of_range_are_refused(tmp_path: Path, change: str, place: str) -> None:
    head = HEAD.replace("start = 2026-03-12T08:00:00", change)
    error = refused(manifest(tmp_path, "", head=head))
    assert error.place == place
    assert "outside the dates supported, 1901-01-01 to 2100-12-31" in error.reason


def test_a_receipt_date_out_of_range_is_refused(tmp_path: Path) -> None:
    body = '\n[[documents]]\npath = "a.docx"\nreceived = 0001-01-01T00:00:00+07:00\n'
    assert refused(manifest(tmp_path, body)).place == "documents[0].received"


def test_deep_nesting_names_the_line(tmp_path: Path) -> None:
    body = '\n[[documents]]\npath = "a.docx"\ntitle = ' + "[" * 5000 + "]" * 5000 + "\n"
    error = refused(manifest(tmp_path, body))
    assert error.place == f"line {HEAD.count(chr(10)) + 4}"
    assert "nested more than 32 deep" in error.reason


def test_a_manifest_with_bom_and_cr_line_endings_loads(tmp_path: Path) -> None:
    path = tmp_path / "manifest.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + documents("a.docx")).replace("\n", "\r").encode())
    meeting, dossier = load_manifest(path)
    assert meeting.title == "Phiên họp UBND tỉnh tháng 3"
    assert dossier.documents[0].path == str(tmp_path / "a.docx")


def test_a_manifest_in_windows_1258_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "manifest.toml"
    path.write_bytes(HEAD.encode().replace("Phiên".encode(), b"Phi\xean"))
    error = refused(path)
    assert error.place == "line 3"
    assert "not UTF-8" in error.reason


@pytest.mark.parametrize(("typed", "on_disk"), [("NFC", "NFD"), ("NFD", "NFC")])
def test_a_name_typed_in_the_other_unicode_form_finds_the_file(
    tmp_path: Path, typed: Literal["NFC", "NFD"], on_disk: Literal["NFC", "NFD"]
) -> None:
    import unicodedata

    name = "tờ trình.docx"
    (tmp_path / unicodedata.normalize(on_disk, name)).write_bytes(b"x")
    body = documents(unicodedata.normalize(typed, name))
    _, dossier = load_manifest(manifest(tmp_path, body))
    assert dossier.documents[0].path == str(tmp_path / unicodedata.normalize(on_disk, name))


def test_a_name_too_long_for_the_system_is_kept_for_the_check_to_report(tmp_path: Path) -> None:
    # Regression: looking for the other Unicode form raised OSError (ENAMETOOLONG).
    name = "tờ trình " * 600 + ".docx"
    _, dossier = load_manifest(manifest(tmp_path, documents(name)))
    assert dossier.documents[0].path == str(tmp_path / name)

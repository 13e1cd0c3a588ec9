"""Output files are all written or none is, with an error naming the path."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import InputError
from coordrules.cli.output import Output, text_safe, write_outputs


def test_all_outputs_are_written(tmp_path: Path) -> None:
    write_outputs([(str(tmp_path / "a.json"), b"{}"), (str(tmp_path / "sub" / "b.ics"), b"x")])
    assert (tmp_path / "a.json").read_bytes() == b"{}"
    assert (tmp_path / "sub" / "b.ics").read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "sub"]


def test_a_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError) as caught:
        write_outputs([(str(tmp_path / "a.json"), b"{}"), (str(blocker / "b.docx"), b"x")])
    assert str(blocker / "b.docx") in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_an_existing_file_is_kept_when_another_output_fails(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InputError):
        write_outputs([(str(tmp_path / "a.json"), b"new"), (str(blocker / "x"), b"")])
    assert (tmp_path / "a.json").read_text() == "old"


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_symlink_is_never_replaced_nor_written_through(tmp_path: Path) -> None:
    aim = tmp_path / "aim.txt"
    aim.write_text("keep")
    (tmp_path / "link.json").symlink_to(aim)
    with pytest.raises(InputError) as caught:
        write_outputs([(str(tmp_path / "a.json"), b"{}"), (str(tmp_path / "link.json"), b"x")])
    assert "symbolic link" in str(caught.value)
    assert str(tmp_path / "link.json") in str(caught.value)
    assert aim.read_text() == "keep"
    assert (tmp_path / "link.json").is_symlink()
    assert _listing(tmp_path) == ["aim.txt", "link.json"]


def test_a_dangling_symlink_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "link.json").symlink_to(tmp_path / "nowhere" / "x.json")
    with pytest.raises(InputError, match="symbolic link"):
        write_outputs([(str(tmp_path / "link.json"), b"x")])
    assert not (tmp_path / "nowhere").exists()


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        write_outputs([(str(fifo), b"{}")])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused() -> None:
    with pytest.raises(InputError, match="not a regular file"):
        write_outputs([("/dev/null", b"{}")])


def test_one_path_for_two_outputs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    same = [
        Output(str(tmp_path / "r.json"), b"1", "--json"),
        Output(str(tmp_path / "sub" / ".." / "r.json"), b"2", "--ics"),
    ]
    with pytest.raises(InputError) as caught:
        write_outputs(same)
    assert "two outputs (--json and --ics)" in str(caught.value)
    assert _listing(tmp_path) == ["sub"]


def test_hard_links_are_one_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    os.link(tmp_path / "a.json", tmp_path / "b.json")
    with pytest.raises(InputError, match="two outputs"):
        write_outputs([(str(tmp_path / "a.json"), b"1"), (str(tmp_path / "b.json"), b"2")])
    assert (tmp_path / "a.json").read_text() == "old"


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    feed = tmp_path / "feed.ics"
    feed.write_text("BEGIN:VCALENDAR")
    with pytest.raises(InputError, match="one of the inputs"):
        write_outputs([(str(tmp_path / "." / "feed.ics"), b"x")], inputs=[feed])
    assert feed.read_text() == "BEGIN:VCALENDAR"
    (tmp_path / "alias.ics").symlink_to(feed)
    with pytest.raises(InputError, match="one of the inputs"):
        write_outputs([(str(feed), b"x")], inputs=[tmp_path / "alias.ics"])


def test_a_name_too_long_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    long_name = "lịch-" * 40 + ".json"  # 40 × 7 bytes: over 255 bytes, under 255 characters
    assert len(long_name) < 255 < len(long_name.encode())
    with pytest.raises(InputError) as caught:
        write_outputs([(str(tmp_path / "ok.json"), b"1"), (str(tmp_path / long_name), b"2")])
    assert "file name too long" in str(caught.value)
    assert _listing(tmp_path) == []


def test_folders_made_for_a_failed_write_are_removed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InputError):
        write_outputs(
            [(str(tmp_path / "new" / "deeper" / "a.json"), b"1"), (str(blocker / "x"), b"")]
        )
    assert _listing(tmp_path) == ["file"]


def test_a_file_outside_its_folder_is_refused(tmp_path: Path) -> None:
    folder = str(tmp_path / "leaders")
    for escape in ("../x.ics", "a/b.ics", "/tmp/x.ics"):
        with pytest.raises(InputError, match="outside the folder"):
            write_outputs([Output(os.path.join(folder, escape), b"x", "--per-person", folder)])
    assert _listing(tmp_path) == []


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    write_outputs([(str(tmp_path / "a.json"), b"new"), (str(tmp_path / "b.ics"), b"x")])
    assert _listing(tmp_path) == ["a.json", "b.ics"]
    assert (tmp_path / "a.json").read_text() == "new"


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX")
def test_a_file_name_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    name = os.fsdecode(os.fsencode(str(tmp_path)) + b"/r\xe9sum\xe9.json")
    write_outputs([(name, b"{}")])
    assert os.listdir(os.fsencode(str(tmp_path))) == [b"r\xe9sum\xe9.json"]
    assert text_safe(name).endswith("r\\xe9sum\\xe9.json")


def test_an_output_that_is_the_folder_of_another_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder of another output"):
        write_outputs(
            [Output(str(tmp_path / "out"), b"{}", "--json"),
             Output(str(tmp_path / "out" / "an.ics"), b"x", "--per-person", str(tmp_path / "out"))]
        )  # fmt: skip
    assert _listing(tmp_path) == []


_NAMES = st.sampled_from(
    ["a.json", "b.ics", "sub/c.docx", "sub/deep/d.ics", "file/x", "link", "fifo", "dir", "a.json"]
)


@given(st.lists(st.tuples(_NAMES, st.binary(max_size=8)), min_size=1, max_size=5))
def test_all_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, items: list[tuple[str, bytes]]
) -> None:
    root = tmp_path_factory.mktemp("out")
    (root / "a.json").write_bytes(b"old")
    (root / "file").write_bytes(b"plain file, not a folder")
    (root / "link").symlink_to(root / "a.json")
    os.mkfifo(root / "fifo")
    (root / "dir").mkdir()
    before = {p: (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
              for p in root.rglob("*")}  # fmt: skip
    outputs = [(str(root / name), data) for name, data in items]
    try:
        write_outputs(outputs)
    except InputError:
        after = {p: (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
                 for p in root.rglob("*")}  # fmt: skip
        assert after == before
        return
    names = [name for name, _ in items]
    assert len(set(names)) == len(names)
    assert not {"file/x", "link", "fifo", "dir"} & set(names)
    for name, data in items:
        assert (root / name).read_bytes() == data
    assert not list(root.rglob(".coordrules-*"))


def test_an_output_that_is_a_deeper_folder_of_another_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder of another output"):
        write_outputs([(str(tmp_path / "a" / "b" / "c.docx"), b"x"), (str(tmp_path / "a"), b"{}")])
    assert _listing(tmp_path) == []

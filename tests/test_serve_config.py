"""``coordrules serve`` configuration: every check ``load_config`` makes, one place each.

Small TOML files written here, read by reading them: the error names the
key, and what is valid comes back as written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coordrules import InputError
from coordrules.serve.config import load_config

SOURCE = '[[source]]\npath = "a.ics"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "serve.toml"
    path.write_text(text, encoding="utf-8")
    return path


def place_of(tmp_path: Path, text: str) -> str | None:
    with pytest.raises(InputError) as caught:
        load_config(write(tmp_path, text))
    assert caught.value.reason_vi
    return caught.value.place


def test_unreadable_and_not_toml_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
    with pytest.raises(InputError, match="not TOML"):
        load_config(write(tmp_path, "[serve\n"))
    utf16 = tmp_path / "utf16.toml"
    utf16.write_bytes('[calendar]\ntitle = "Lịch"\n'.encode("utf-16"))
    with pytest.raises(InputError, match="not TOML"):
        load_config(utf16)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("[extra]\n" + SOURCE, "extra"),
        ('serve = "x"\n' + SOURCE, "serve"),
        ("", "source"),
        ("source = []\n", "source"),
        ("source = [1]\n", "source[1]"),
        ('[[source]]\nurl = "ftp://x/a.ics"\n', "source[1].url"),
        ('[[source]]\ncaldav = "file:///etc"\n', "source[1].caldav"),
        ('[[source]]\npath = "a.ics"\nurl = "https://x/a.ics"\n', "source[1]"),
        (SOURCE + '[[source]]\npath = "b/a.ics"\n', "source[2].name"),
        ("[calendar]\nfrom = 2026-12-07\nto = 2026-12-06\n" + SOURCE, "calendar.to"),
        ("[calendar]\nas_of = 2026-12-06T20:00:00\n" + SOURCE, "calendar.as_of"),
        ("[serve]\nport = -1\n" + SOURCE, "port"),
        ("[calendar]\nweeks = 0\n" + SOURCE, "weeks"),
        ("[remote]\nmax_bytes = 0\n" + SOURCE, "max_bytes"),
        ("[remote]\nretries = -1\n" + SOURCE, "retries"),
    ],
)
def test_each_bad_value_names_its_place(tmp_path: Path, text: str, place: str) -> None:
    assert place_of(tmp_path, text) == place


def test_a_window_from_one_end_is_a_week(tmp_path: Path) -> None:
    start = load_config(write(tmp_path, "[calendar]\nfrom = 2026-12-07\n" + SOURCE))
    assert start.window == (date(2026, 12, 7), date(2026, 12, 13))
    end = load_config(write(tmp_path, "[calendar]\nto = 2026-12-13\n" + SOURCE))
    assert end.window == (date(2026, 12, 7), date(2026, 12, 13))
    none = load_config(write(tmp_path, SOURCE))
    assert none.window is None


def test_sources_are_named_by_file_or_number(tmp_path: Path) -> None:
    text = SOURCE + '[[source]]\nurl = "https://x/feed"\n[[source]]\nname = "c"\npath = "c.ics"\n'
    config = load_config(write(tmp_path, text))
    assert [s.name for s in config.sources] == ["a", "nguon-2", "c"]
    assert config.sources[0].path == tmp_path.resolve() / "a.ics"
    assert config.sources[1].url == "https://x/feed"
    assert config.sources[1].path is None

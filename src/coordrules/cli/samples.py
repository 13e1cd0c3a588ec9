"""Where the bundled sample data lives (a fictional province, tỉnh Thanh Bình)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_path() -> Path:
    """The folder of the bundled sample data, for tutorials and for trying things out.

    It holds the three offices' feeds for the week of 7 December 2026
    (``vp-tinh-uy.ics``, ``vp-ubnd.ics``, ``vp-doan-dbqh-hdnd.ics``), the
    Văn phòng Tỉnh ủy's weekly calendar (``vp-tinh-uy-tuan.docx``), the
    people directory (``people.toml``), the feed published the Friday before
    (``previous.ics``), the province's own pack (``tinh-thanh-binh.toml``,
    extending ``vn-province``) and a session's dossier
    (``dossier/manifest.toml`` and its documents). Every name in it is invented. Treat the folder as
    read-only: it is part of the installed package.
    """
    return Path(str(files("coordrules") / "_sample"))

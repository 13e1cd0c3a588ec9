"""Render the demo's weekly calendar with LibreOffice for the README picture.

Run from the repository root (needs ``soffice`` and ``pdftoppm``):
``python scripts/render_weekly_picture.py``. Writes
``docs/images/weekly-calendar.png``: page 1 of ``lich-cong-tac-tuan.docx`` as
LibreOffice lays it out.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the demo, convert its weekly calendar to PDF, and page 1 to PNG."""
    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        env_path = str(ROOT / "src")
        subprocess.run(
            [sys.executable, "-m", "coordrules", "demo", "--out", str(out / "demo")],
            check=True,
            env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), str(out / "demo" / "lich-cong-tac-tuan.docx")],
            check=True, capture_output=True,
        )  # fmt: skip
        target = ROOT / "docs" / "images" / "weekly-calendar"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
             str(out / "lich-cong-tac-tuan.pdf"), str(target)],
            check=True,
        )  # fmt: skip
    print("wrote", target.with_suffix(".png").relative_to(ROOT))


if __name__ == "__main__":
    main()

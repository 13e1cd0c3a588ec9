"""Every function of the DOCX adapter stays simple enough to read (issue 12).

The same bounds as the brief: McCabe complexity 15, 15 branches, 60 statements.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ADAPTER = Path(__file__).parent.parent / "src" / "coordrules" / "adapters" / "docx"


def test_every_docx_adapter_function_is_within_the_complexity_bounds() -> None:
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                str(ADAPTER),
                "--select",
                "C901,PLR0912,PLR0915",
                "--config",
                "lint.mccabe.max-complexity=15",
                "--config",
                "lint.pylint.max-branches=15",
                "--config",
                "lint.pylint.max-statements=60",
                "--output-format",
                "concise",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except FileNotFoundError:  # pragma: no cover - ruff is a dev dependency
        pytest.skip("ruff is not installed")
    if "No module named ruff" in done.stderr:  # pragma: no cover
        pytest.skip("ruff is not installed")
    assert done.returncode == 0, done.stdout + done.stderr

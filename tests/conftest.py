"""Shared test settings.

External programs (LibreOffice, node, Radicale) are installed by ``.ci/run``.
Locally a test that needs a missing one is skipped with the reason; with
``COORDRULES_REQUIRE_EXTERNAL=1`` (set by ``.ci/run``) it fails instead, so CI
can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def require_program(name: str) -> str:
    """The path of program *name*; skip (or fail under CI) when it is missing."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("COORDRULES_REQUIRE_EXTERNAL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path

"""Fixtures for the Excel add-in tests, and the LibreOffice rule.

Tests marked ``libreoffice`` need ``soffice`` and a Python with LibreOffice's ``uno`` module. They are
skipped only when LibreOffice is absent *and* the environment variable CI is not "true": in CI they run,
and fail if LibreOffice is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MACRO_SECURITY_LOW = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("soffice") or in_ci():
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed; CI runs these tests")
    for item in items:
        if "libreoffice" in item.keywords and HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def soffice() -> str:
    found = shutil.which("soffice")
    if not found:
        pytest.fail("LibreOffice (soffice) is required here (CI=true) but is not installed")
    return found


@pytest.fixture(scope="session")
def uno_python() -> str:
    """A Python interpreter that can ``import uno`` (Debian: /usr/bin/python3 with python3-uno)."""
    candidates = [shutil.which("python3"), "/usr/bin/python3", "/usr/lib/libreoffice/program/python"]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False)
            if probe.returncode == 0:
                return candidate
    message = "no Python with LibreOffice's uno module (Debian: apt-get install python3-uno)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def lo_profile(tmp_path: Path) -> Path:
    """A throwaway LibreOffice user profile with macro security set to low (never the real profile)."""
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(MACRO_SECURITY_LOW, encoding="utf-8")
    return profile

"""The real-world layouts written once per session; .xls and .ods copies saved by LibreOffice (one run each)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from layout.layout_books import convert, home_made_registry, provincial_inspectors, two_row_header


@pytest.fixture(scope="session")
def office_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name → file: the home-made registry and the two-row header as .xls and .ods written by LibreOffice, and
    the provincial template as .xls."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("office")
    sources = [home_made_registry(folder / "home.xlsx"), two_row_header(folder / "two-row.xlsx"),
               provincial_inspectors(folder / "provincial.xlsx")]
    xls = convert(sources, "xls", folder / "xls")
    ods = convert(sources[:2], "ods", folder / "ods")
    return {"home.xls": xls[0], "two-row.xls": xls[1], "provincial.xls": xls[2], "home.ods": ods[0],
            "two-row.ods": ods[1]}

"""Printing output workbooks as LibreOffice does (headless), and measuring the PDF with poppler.

Several files are converted in **one** soffice call (starting LibreOffice is the slow part). Word heights come
from ``pdftotext -bbox``: a word's box is about 1.3 × its font size for the fonts LibreOffice uses here
(Carlito / Noto Sans CJK: 11 pt text gives boxes 14.3 pt high), so the font size printed is height / 1.3.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

BOX_PER_PT = 1.3
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def tools() -> str:
    """The soffice executable; the test is skipped when LibreOffice or poppler is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice / poppler not installed")
    return soffice


def keep_sheets(book: Path, sheets: Sequence[str], target: Path) -> Path:
    """A copy of ``book`` holding only ``sheets`` (to print one output sheet of a workbook copy)."""
    wb = openpyxl.load_workbook(book)
    for name in list(wb.sheetnames):
        if name not in sheets:
            wb.remove(wb[name])
    wb.active = 0
    wb.save(target)
    return target


def convert(files: Sequence[Path], outdir: Path, profile: Path, suffix: str = "pdf",
           infilter: str | None = None) -> list[Path]:
    """Convert ``files`` in one soffice call (to PDF, or to ``suffix``); returns ``outdir/<stem>.<suffix>``."""
    soffice = tools()
    outdir.mkdir(parents=True, exist_ok=True)
    options = [f"--infilter={infilter}"] if infilter else []
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", *options, "--convert-to",
                    suffix, "--outdir", str(outdir), *map(str, files)], check=True, timeout=600, capture_output=True)
    return [outdir / f"{f.stem}.{suffix.split(':')[0]}" for f in files]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def paper(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^Page size:.*$", info, re.MULTILINE)
    return found.group(0) if found else ""


def words(pdf: Path) -> list[tuple[float, str]]:
    """(font size in points, word) of every word of the PDF."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return [((float(m.group(4)) - float(m.group(2))) / BOX_PER_PT, m.group(5)) for m in _WORD.finditer(xml)]


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout

"""A very large sheet read in parts gives exactly the rows (and the validation) of reading it whole."""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validation"))
from sample_books import good_sheets, uscc, wrong_check

from addin.adapters import sheet_parts
from addin.adapters.calamine_book import CalamineBook
from addin.core.table import normalise_cell
from addin.services.validate import validate_path

T = "检查对象名录库"


def _registry(path: Path, rows: int) -> Path:
    """A registry as Excel writes it (shared strings, date cells), with blank rows and planted errors."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = T
    header, *examples = good_sheets()[T]
    ws.append(header)
    for n in range(rows):
        row = list(examples[n % len(examples)])
        row[0] = wrong_check(uscc(n)) if n % 97 == 0 else uscc(n)
        row[1] = f"{row[1]}{n}"
        ws.append(row if n % 50 != 7 else [None] * len(row))  # a blank row now and then
        ws.cell(ws.max_row, 10).value = dt.date(2025, 1, 1) + dt.timedelta(days=n % 400)  # 许可有效期至
    other = wb.create_sheet("说明")
    other["A1"] = "另一个工作表"
    wb.save(path)
    return path


def _prefixed(path: Path, target: Path) -> Path:
    """The same workbook with the sheet's XML written with a namespace prefix (``<x:row>``), as some writers do."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<(/?)([A-Za-z]+)([ >/])", rb"<\1x:\2\3", data)
                data = data.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=")
            dst.writestr(item, data)
    return target


def _rows(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    book = CalamineBook.read(path)
    stream = book.stream(T)
    rows = [(n, tuple(normalise_cell(v) for v in values)) for n, values in stream.rows]
    book.close()
    return [(1, stream.header), *[(n, v) for n, v in rows if any(x is not None for x in v)]]


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return _registry(tmp_path / "r.xlsx", 3000)


def test_parts_give_the_rows_of_the_whole_sheet(registry: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    prefixed = _prefixed(registry, tmp_path / "x.xlsx")
    whole = _rows(registry)
    assert len(whole) > 2900
    assert _rows(prefixed) == whole
    monkeypatch.setattr(sheet_parts, "BIG_SHEET_BYTES", 1024)
    monkeypatch.setattr(sheet_parts, "PART_BYTES", 40 * 1024)
    with zipfile.ZipFile(registry) as zf:
        member = sheet_parts.big_sheet(zf, T)
        assert member == "xl/worksheets/sheet1.xml"
        parts = sheet_parts.rows_in_parts(zf, member, T)
        assert parts is not None
        assert len({n // 1000 for n, _ in parts}) > 2  # really in several parts
    assert _rows(registry) == whole
    assert _rows(prefixed) == whole


def test_parts_give_the_validation_of_the_whole_sheet(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    today = dt.date(2024, 3, 1)
    whole = validate_path(registry, today=today)
    assert {i.code for i in whole.issues} >= {"id.uscc-checksum"}
    monkeypatch.setattr(sheet_parts, "BIG_SHEET_BYTES", 1024)
    monkeypatch.setattr(sheet_parts, "PART_BYTES", 40 * 1024)
    parted = validate_path(registry, today=today)
    assert parted.rows == whole.rows
    assert [(i, i.value, i.params) for i in parted.issues] == [(i, i.value, i.params) for i in whole.issues]


def test_a_small_sheet_is_read_whole(registry: Path) -> None:
    with zipfile.ZipFile(registry) as zf:
        assert sheet_parts.big_sheet(zf, T) is None
        assert sheet_parts.sheet_member(zf, "说明") == "xl/worksheets/sheet2.xml"
        assert sheet_parts.sheet_member(zf, "没有") is None

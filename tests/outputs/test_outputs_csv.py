"""CSV outputs opened in LibreOffice with its default import (UTF-8, as it detects from the BOM): every code
stays the text written — 统一社会信用代码 with digits only, 任务编号 2024-01, dates — and a name that looks like a
formula is shown, never run. The xlsx outputs store codes as text cells."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from rendering import convert

from addin.adapters.csv_out import plain
from addin.services.demo import DemoRun
from addin.services.publish import publish

DEFAULT_IMPORT = "CSV:44,34,76,1"  # comma, double quotes, UTF-8, from line 1: LibreOffice's defaults for the file


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [[plain(c) for c in row] for row in csv.reader(fh)]


def _opened(xlsx: Path) -> list[list[str]]:
    ws = openpyxl.load_workbook(xlsx, data_only=True).active
    assert ws is not None
    rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    return [r for r in rows if any(r)]


@pytest.mark.libreoffice
def test_libreoffice_opens_the_csv_files_with_every_cell_as_written(demo: DemoRun, tmp_path: Path) -> None:
    assert demo.book is not None
    results = publish(demo.book, tmp_path / "公示.csv", dt.date(2024, 7, 31)).path
    draw = tmp_path / "抽取公示.csv"
    draw.write_bytes((demo.out / "抽取公示.csv").read_bytes())
    files = [draw, results]
    opened = convert(files, tmp_path / "opened", tmp_path / "profile", suffix="xlsx", infilter=DEFAULT_IMPORT)
    for source, xlsx in zip(files, opened, strict=True):
        written = _csv(source)
        shown = _opened(xlsx)
        assert shown == [list(row) for row in written], source.name
    codes = [row[3] for row in _csv(draw)[1:]]
    assert any(code.isdigit() for code in codes)  # the example has all-digit codes (12…, 52…)
    assert {row[1] for row in _csv(draw)[1:]} >= {"2024-01", "2024-04"}
    assert any(len(row[4]) == 10 and row[4][4] == "-" for row in _csv(results)[1:])  # dates as written


def test_xlsx_outputs_store_codes_as_text_cells(demo_out: Path) -> None:
    for name, sheet, column in (("抽取.xlsx", "检查安排", "统一社会信用代码"), ("抽取公示.xlsx", "抽中名单", "统一社会信用代码"),
                                ("抽取公示.xlsx", "抽中名单", "任务编号"), ("公示.xlsx", "公示", "统一社会信用代码")):
        ws = openpyxl.load_workbook(demo_out / name)[sheet]
        header_row = next(r for r in range(1, 5) if column in [c.value for c in ws[r]])
        index = [c.value for c in ws[header_row]].index(column) + 1
        cells = [ws.cell(r, index) for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, index).value]
        assert cells, (name, sheet)
        assert all(c.data_type == "s" and c.number_format == "@" for c in cells), (name, sheet, column)

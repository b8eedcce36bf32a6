"""Registries kept the way staff keep them, for the import tests: one file per 股室 with its own title and
column names, a hospital listed by two 股室 under its two 检查对象类别."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from layout.layout_books import new_book, save

from addin.cli import main


def office_file(path: Path, sheet: str, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """A 股室's own registry: a merged title, a blank row, then 序号 and its own column names."""
    wb = new_book()
    ws = wb.create_sheet(sheet)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header) + 1)
    ws.append([])
    ws.append(["序号", *header])
    for n, row in enumerate(rows, 1):
        ws.append([n, *row])
    return save(wb, path)


def sheet_rows(path: Path, sheet: str, min_row: int = 1) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(min_row=min_row, values_only=True)]
    finally:
        wb.close()


def records(path: Path, sheet: str) -> list[dict[str, Any]]:
    """The rows of a written list as {column: value}, blanks left out."""
    header, *rows = sheet_rows(path, sheet)
    return [{h: v for h, v in zip(header, row, strict=False) if h and v is not None} for row in rows
            if any(v is not None for v in row)]


def explained(path: Path, kind: str) -> list[tuple[Any, ...]]:
    """The 导入说明 rows of one 类别 (without 类别)."""
    return [tuple("" if v is None else v for v in r[1:]) for r in sheet_rows(path, "导入说明", 3) if r[0] == kind]


def ssj(*args: object) -> int:
    return main([str(a) for a in args])

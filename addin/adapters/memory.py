"""An in-memory workbook for tests and for services that build sheets before saving them elsewhere."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from addin.core.errors import AddinError
from addin.core.table import Row, Table, column_index, normalise_cell, trim_trailing_blank
from addin.ports import CellMark, CellValue, SheetOut, append_target, unique_sheet_name


class MemoryBook:
    """Sheets as lists of rows (the first row is the header). Written sheets are kept as :class:`SheetOut`."""

    def __init__(self, sheets: Mapping[str, Sequence[Sequence[Any]]] | None = None) -> None:
        self.sheets: dict[str, list[list[Any]]] = {
            name: [list(r) for r in rows] for name, rows in (sheets or {}).items()
        }
        self.written: dict[str, SheetOut] = {}
        self.marks: list[CellMark] = []
        self.appended: dict[str, list[list[Any]]] = {}  # rows appended to an existing sheet, by sheet

    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def read_table(self, sheet: str, header_row: int = 1) -> Table:
        if sheet not in self.sheets:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        raw = self.sheets[sheet]
        header_cells = raw[header_row - 1] if len(raw) >= header_row else []
        header = tuple("" if c is None else str(c).strip() for c in header_cells)
        rows = [
            Row(number, tuple(normalise_cell(v) for v in values))
            for number, values in enumerate(raw[header_row:], start=header_row + 1)
        ]
        return Table(sheet, header, tuple(trim_trailing_blank(rows)), header_row)

    def add_sheet(self, sheet: SheetOut) -> str:
        name = unique_sheet_name(sheet.name, self.sheet_names())
        rows: list[list[Any]] = [list(r) for r in sheet.preamble]
        rows.append(list(sheet.header))
        rows.extend(list(r) for r in sheet.rows)
        self.sheets[name] = rows
        self.written[name] = sheet
        return name

    def mark_cells(self, marks: Sequence[CellMark]) -> None:
        self.marks.extend(marks)

    def fill_cells(self, values: Sequence[CellValue]) -> int:
        written = 0
        for cell in values:
            rows = self.sheets.get(cell.sheet)
            if rows is None:
                continue
            column = column_index(cell.column)
            while len(rows) < cell.row:
                rows.append([])
            row = rows[cell.row - 1]
            row.extend([None] * (column + 1 - len(row)))
            if row[column] in (None, ""):
                row[column] = cell.value
                written += 1
        return written

    def append_rows(self, sheet: SheetOut) -> str:
        header_row = len(sheet.preamble) + 1

        def header_of(name: str) -> list[Any]:
            rows = self.sheets[name]
            return rows[header_row - 1] if len(rows) >= header_row else []

        name = append_target(sheet, self.sheet_names(), header_of)
        if name is None:
            return self.add_sheet(sheet)
        rows = self.sheets[name]
        while len(rows) > header_row and all(v in (None, "") for v in rows[-1]):
            rows.pop()
        rows.extend(list(r) for r in sheet.rows)
        self.appended.setdefault(name, []).extend(list(r) for r in sheet.rows)
        return name

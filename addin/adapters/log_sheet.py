"""The 抽取记录 sheet of a workbook file: the log grows by rows appended below the last one.

Appending never changes an existing row (the log is append-only, like ``log.jsonl``) and happens only in the
output copy (``--out``), never in the user's input file. A workbook without a 抽取记录 sheet — or whose
抽取记录 has other columns — gets a new one (a taken name gets a numbered suffix, as for every sheet written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import output_sheets as out
from addin.ports import SheetOut

TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
WIDTHS = (6, 11, 26, 19, 60, 66, 66, 40)
TEXT_COLUMNS = (2, 5, 6, 7)


def _log_sheets(book: OpenpyxlBook) -> list[Worksheet]:
    pattern = re.compile(rf"^{re.escape(out.LOG)}(?: \(\d+\))?$")
    found = []
    for ws in book.wb.worksheets:
        if not pattern.match(ws.title):
            continue
        header = tuple(str(c.value).strip() if c.value is not None else "" for c in ws[1])
        if header[: len(out.LOG_COLUMNS)] == out.LOG_COLUMNS:
            found.append(ws)
    return found


def _last_row(ws: Worksheet) -> int:
    row = ws.max_row
    while row > 1 and all(c.value in (None, "") for c in ws[row]):
        row -= 1
    return row


def append_log(book: OpenpyxlBook, rows: Sequence[Sequence[Any]]) -> str:
    """Append ``rows`` (``LOG_COLUMNS``) to the workbook's 抽取记录; returns the sheet's name."""
    sheets = _log_sheets(book)
    if not sheets:
        name = book.add_sheet(SheetOut(out.LOG, out.LOG_COLUMNS, [list(r) for r in rows], widths=WIDTHS,
                                       text_columns=TEXT_COLUMNS))
        ws = book.wb[name]
        start = 2
    else:
        ws = sheets[-1]
        start = _last_row(ws) + 1
        for offset, values in enumerate(rows):
            for col, value in enumerate(values, 1):
                ws.cell(start + offset, col, value)
        for col in TEXT_COLUMNS:
            for r in range(start, start + len(rows)):
                ws.cell(r, col + 1).number_format = "@"
    for r in range(start, start + len(rows)):
        ws.cell(r, 4).number_format = TIME_FORMAT
    if ws.auto_filter.ref:
        ws.auto_filter.ref = f"A1:H{max(_last_row(ws), 2)}"
    return ws.title

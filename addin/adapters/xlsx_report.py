"""A write-only report workbook with native Excel charts, written with XlsxWriter.

Each :class:`~addin.ports.ReportSheet` becomes a sheet laid out as :func:`addin.adapters.openpyxl_book.write_sheet`
lays out a :class:`~addin.ports.SheetOut` (preamble, bold header, rows, fills, widths, frozen header, filter,
A4 landscape one page wide with the header repeated), plus number formats per column and charts whose series
point at the sheet's own cells — so Excel and LibreOffice draw them from the data, and a user who corrects a
number sees the chart follow. Text is always written as text (a value starting with "=" never becomes a
formula); the file is saved atomically and never over an input.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from addin.adapters.files import atomic_write
from addin.ports import FILL_HEADER, ChartOut, ReportSheet, unique_sheet_name

DATE_FORMAT = "yyyy-mm-dd"


def write_report(sheets: Sequence[ReportSheet], target: Path, *, inputs: Sequence[Path] = ()) -> Path:
    """A new .xlsx at ``target`` holding ``sheets`` in order (names made unique); returns the path written."""
    def write(tmp: Path) -> None:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        names: list[str] = []
        for report in sheets:
            name = unique_sheet_name(report.sheet.name, names)
            names.append(name)
            _sheet(book, name, report)
        book.close()

    return atomic_write(target, write, inputs=tuple(inputs))


def _sheet(book: Any, name: str, report: ReportSheet) -> None:
    sheet = report.sheet
    ws = book.add_worksheet(name)
    header_format = book.add_format({"bold": True, "bg_color": f"#{FILL_HEADER}", "text_wrap": True,
                                     "valign": "vcenter", "border": 1})
    formats: dict[tuple[str | None, str | None], Any] = {}

    def style(number: str | None, fill: str | None) -> Any:
        key = (number, fill)
        if key not in formats:
            spec: dict[str, Any] = {"valign": "top", "text_wrap": True}
            if number:
                spec["num_format"] = number
            if fill:
                spec["bg_color"] = f"#{fill}"
            formats[key] = book.add_format(spec)
        return formats[key]

    note_format = book.add_format({"text_wrap": True, "valign": "top"})
    span = max(len(sheet.header), 1) - 1
    width = sum((sheet.widths or ())[: span + 1]) or 8.43 * (span + 1)
    for row, values in enumerate(sheet.preamble):
        if len(values) == 1 and span > 0:  # a note: across the table, wrapped, tall enough for its text
            note = "" if values[0] is None else str(values[0])
            ws.merge_range(row, 0, row, span, note, note_format)
            ws.set_row(row, 15 * max(1, math.ceil(_display_width(note) / max(width, 1) * 1.1)))
            continue
        for col, value in enumerate(values):
            ws.write_string(row, col, "" if value is None else str(value))
    header_row = len(sheet.preamble)
    for col, title in enumerate(sheet.header):
        ws.write_string(header_row, col, str(title), header_format)
    text = set(sheet.text_columns)
    for index, values in enumerate(sheet.rows):
        row = header_row + 1 + index
        fill = sheet.row_fills.get(index)
        for col, value in enumerate(values):
            number = "@" if col in text else report.number_formats.get(col)
            _put(ws, row, col, value, style(number, fill), style(DATE_FORMAT, fill))
    for col, width in enumerate(sheet.widths or ()):
        ws.set_column(col, col, width)
    if sheet.freeze_header:
        ws.freeze_panes(header_row + 1, 0)
    if sheet.autofilter and sheet.header:
        ws.autofilter(header_row, 0, header_row + max(len(sheet.rows), 1), len(sheet.header) - 1)
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    for chart in report.charts:
        _chart(book, ws, name, header_row, chart)


def _display_width(text: str) -> float:
    """Column-width units of a text: a Chinese character is about two."""
    return sum(2.0 if ord(ch) > 0x2E80 else 1.0 for ch in text)


def _put(ws: Any, row: int, col: int, value: Any, cell: Any, date: Any) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None, cell)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, cell)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, cell)
    elif isinstance(value, dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        ws.write_datetime(row, col, moment, date)
    elif isinstance(value, list | tuple | set | frozenset):
        ws.write_string(row, col, "、".join(str(v) for v in value), cell)
    else:
        ws.write_string(row, col, str(value), cell)


def _range(sheet: str, header_row: int, first: int, last: int, col: int) -> str:
    quoted = "'" + sheet.replace("'", "''") + "'"
    start = xl_rowcol_to_cell(header_row + 1 + first, col, row_abs=True, col_abs=True)
    end = xl_rowcol_to_cell(header_row + 1 + last, col, row_abs=True, col_abs=True)
    return f"={quoted}!{start}:{end}"


def _chart(book: Any, ws: Any, sheet: str, header_row: int, spec: ChartOut) -> None:
    chart = book.add_chart({"type": spec.kind})
    for series in spec.series:
        entry: dict[str, Any] = {
            "name": series.name,
            "categories": _range(sheet, header_row, series.first, series.last, series.categories),
            "values": _range(sheet, header_row, series.first, series.last, series.values),
        }
        if spec.kind == "line":
            entry["marker"] = {"type": "circle", "size": 5}
        if series.plus is not None and series.minus is not None:
            entry["y_error_bars" if spec.kind != "bar" else "x_error_bars"] = {
                "type": "custom", "end_style": 1, "direction": "both",
                "plus_values": _range(sheet, header_row, series.first, series.last, series.plus),
                "minus_values": _range(sheet, header_row, series.first, series.last, series.minus),
            }
        chart.add_series(entry)
    chart.set_title({"name": spec.title, "name_font": {"size": 12}})
    value_axis: dict[str, Any] = {"name": spec.y_title, "major_gridlines": {"visible": True}}
    if spec.percent:
        value_axis.update({"num_format": "0%", "min": 0})
    if spec.maximum is not None:
        value_axis["max"] = spec.maximum
    chart.set_y_axis(value_axis)
    chart.set_x_axis({"name": spec.x_title})
    chart.set_legend({"position": "bottom"} if len(spec.series) > 1 else {"none": True})
    width, height = spec.size
    chart.set_size({"width": width, "height": height})
    ws.insert_chart(spec.anchor, chart)


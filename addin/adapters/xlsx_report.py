"""A write-only report workbook with native Excel charts, written with XlsxWriter.

Each :class:`~addin.ports.ReportSheet` becomes a sheet laid out as :func:`addin.adapters.openpyxl_book.write_sheet`
lays out a :class:`~addin.ports.SheetOut` (preamble, bold header, rows, fills, frozen header, filter, and the
print setup of :mod:`addin.adapters.page_layout`: widths, wrapped rows tall enough for their text, A4 fitted to
the width only, the header repeated, page numbers), plus number formats per column and charts whose series
point at the sheet's own cells — a chart without an anchor goes under the table, from a new page, inside the
print area, so that it prints too — — so Excel and LibreOffice draw them from the data, and a user who corrects a
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

from addin.adapters import page_layout as pl
from addin.adapters.files import atomic_write
from addin.adapters.page_layout import PageLayout, layout
from addin.ports import FILL_HEADER, ChartOut, ReportSheet, unique_sheet_name

DATE_FORMAT = "yyyy-mm-dd"
CHART_PT = 11  # chart text as large as the table's, so that it stays legible when the page is fitted to A4
CHART_ROW_PX = 20  # a row of the default height (15 pt), for placing one chart under another


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
    page = layout(sheet)
    ws = book.add_worksheet(name)
    header_format = book.add_format({"bold": True, "bg_color": f"#{FILL_HEADER}", "text_wrap": True,
                                     "align": "center", "valign": "vcenter", "border": 1})
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
    title_format = book.add_format({"bold": True, "font_size": pl.TITLE_PT, "align": "center", "valign": "vcenter"})
    last = page.printed - 1
    for row, values in enumerate(sheet.preamble):
        if row + 1 in (*page.title_rows, *page.note_rows) and last > 0:  # across the printed width, wrapped
            line = "" if values[0] is None else str(values[0])
            ws.merge_range(row, 0, row, last, line, title_format if row + 1 in page.title_rows else note_format)
            continue
        for col, value in enumerate(values):
            ws.write_string(row, col, "" if value is None else str(value))
    header_row = page.header_row - 1  # 0-based from here on
    for col, title in enumerate(sheet.header):
        ws.write_string(header_row, col, str(title), header_format)
    text = set(sheet.text_columns)
    for index, values in enumerate(sheet.rows):
        row = header_row + 1 + index
        fill = sheet.row_fills.get(index)
        for col, value in enumerate(values):
            number = "@" if col in text else report.number_formats.get(col)
            _put(ws, row, col, value, style(number, fill), style(DATE_FORMAT, fill))
    for col, width in enumerate(page.widths):
        ws.set_column(col, col, width)
    for row, height in page.heights.items():
        ws.set_row(row - 1, height)
    if sheet.freeze_header:
        ws.freeze_panes(header_row + 1, 0)
    if sheet.autofilter and sheet.header:
        ws.autofilter(header_row, 0, header_row + max(len(sheet.rows), 1), len(sheet.header) - 1)
    end = page.last_row - 1
    below = end + 3  # charts without an anchor: under the table, each below the other, from a new page
    room = sum(int(w * 7 + 5) for w in page.widths[: page.printed]) - 10  # Excel: 7 px a unit + 5 padding
    if any(not chart.anchor for chart in report.charts):
        ws.set_h_pagebreaks([below - 1])
    for chart in report.charts:
        anchor = chart.anchor or xl_rowcol_to_cell(below, 0)
        height = _chart(book, ws, name, header_row, chart, anchor, room)
        if not chart.anchor:
            end = below + math.ceil(height / CHART_ROW_PX)
            below = end + 2
    _page_setup(ws, page, header_row, end)


def _page_setup(ws: Any, page: PageLayout, header_row: int, end: int) -> None:
    """A4 as :mod:`addin.adapters.page_layout` says: orientation, fitted to the width only, the header row
    repeated, the printed columns (and the charts under the table), centred, page numbers."""
    ws.set_paper(9)  # A4
    if page.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(page.pages_wide, 0)
    ws.repeat_rows(header_row)
    if page.repeat_columns:
        ws.repeat_columns(0, page.repeat_columns - 1)
    ws.print_area(0, 0, end, page.printed - 1)
    ws.center_horizontally()
    ws.set_margins(left=pl.MARGIN_SIDE_IN, right=pl.MARGIN_SIDE_IN, top=pl.MARGIN_TOP_IN, bottom=pl.MARGIN_BOTTOM_IN)
    ws.set_footer("&C" + pl.FOOTER, {"margin": pl.FOOTER_IN})


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


def _chart(book: Any, ws: Any, sheet: str, header_row: int, spec: ChartOut, anchor: str, room: int) -> int:
    """Add ``spec`` at ``anchor``; ``room``: the width of the printed columns in pixels. Returns its height."""
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
    chart.set_title({"name": spec.title, "name_font": {"size": 14}})
    font = {"size": CHART_PT}
    value_axis: dict[str, Any] = {"name": spec.y_title, "major_gridlines": {"visible": True}, "name_font": font,
                                  "num_font": font}
    if spec.percent:
        value_axis.update({"num_format": "0%", "min": 0})
    if spec.maximum is not None:
        value_axis["max"] = spec.maximum
    chart.set_y_axis(value_axis)
    chart.set_x_axis({"name": spec.x_title, "name_font": font, "num_font": font})
    chart.set_legend({"position": "bottom", "font": font} if len(spec.series) > 1 else {"none": True})
    width, height = spec.size
    if not spec.anchor and width > room:  # under the table: no wider than the printed columns
        width, height = room, round(height * room / width)
    chart.set_size({"width": width, "height": height})
    ws.insert_chart(anchor, chart)
    return height


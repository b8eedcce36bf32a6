"""How a written sheet prints (打印设置): the page layout every adapter gives a :class:`~addin.ports.SheetOut`.

The rule, for every output sheet, so that a clerk can print it on A4 and read it:

- **printed columns**: all, or the leading ``SheetOut.print_columns`` (hashes and JSON stay on screen only);
- **orientation**: portrait when the printed columns fit a portrait page at nearly full size, else landscape
  (or ``SheetOut.landscape``);
- **widths**: when the printed columns are wider than a landscape page at a legible scale, the wide columns are
  narrowed (their text wraps), so that fitting the page width never shrinks the body text below 8 pt; a table
  with too many columns even then prints on as many pages wide as it needs, its first column repeated;
- fit to the page **width** only (a long list runs over as many pages as it needs), the header row repeated on
  every page, page numbers in the footer (第 n 页 共 m 页), the table centred on the page;
- **wrapped text** with row heights computed from the text (LibreOffice and Excel do not grow a row on opening
  a file), the title rows (``SheetOut.title_rows``) merged across the printed width and centred, the other
  one-cell preamble lines merged and wrapped; ruled cells for lists handed out (``SheetOut.borders``).

Widths are Excel column widths (characters of the default 11 pt font); a CJK character counts two.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from addin.core.table import column_letter
from addin.ports import SheetOut

BODY_PT = 11.0  # the default font of a written sheet
TITLE_PT = 14.0
LINE_PT = 14.5  # height of one line of 11 pt text
TITLE_LINE_PT = 20.0
# Column-width units across an A4 page inside the margins at 100 % (measured: LibreOffice prints 140 units
# fitted to a landscape page at 8.6 pt, 100 units on a portrait page at 8.1 pt).
PORTRAIT_UNITS = 73.0
LANDSCAPE_UNITS = 109.0
LEGIBLE_SCALE = 0.78  # fitting to the page width may shrink the print to this (11 pt → 8.6 pt), no further
PORTRAIT_SCALE = 0.92  # portrait only when it prints (nearly) at full size
DEFAULT_WIDTH = 12.0
MIN_WRAPPED_WIDTH = 10.0
MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_BOTTOM_IN, FOOTER_IN = 0.5, 0.6, 0.75, 0.3
FOOTER = "第 &P 页 共 &N 页"
MAX_LINES = 40  # a longer cell (the JSON of a log entry …) is shown cut in print rather than filling pages


@dataclass(frozen=True, slots=True)
class PageLayout:
    """The print setup of one sheet: everything an adapter needs to apply it."""

    landscape: bool
    columns: int  # all columns written
    printed: int  # the leading columns printed
    widths: tuple[float, ...]  # every column's width, after fitting
    header_row: int  # 1-based
    last_row: int
    title_rows: tuple[int, ...]  # 1-based rows merged across the printed columns, centred, bold
    note_rows: tuple[int, ...]  # 1-based one-cell preamble rows merged across the printed columns, wrapped
    heights: dict[int, float]  # 1-based row → height in points (rows not listed keep the default)
    pages_wide: int = 1
    repeat_columns: int = 0
    merged: int = 0  # the leading columns a title or note is merged across (those of the first page); 0: printed

    @property
    def merge_to(self) -> int:
        """The last column (1-based) of a merged title or note row: within the first page."""
        return self.merged or self.printed

    @property
    def print_area(self) -> str:
        return f"A1:{column_letter(self.printed - 1)}{self.last_row}"

    @property
    def last_printed(self) -> str:
        return column_letter(self.printed - 1)


def text_units(text: str) -> float:
    """Display width in column units: a wide (CJK) character counts two, a Latin letter a little more than a
    digit (the unit)."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` units wide."""
    usable = max(width - 0.8, 1.0)
    return sum(max(1, math.ceil(text_units(part) / usable)) for part in text.split("\n"))


def shown(value: Any) -> str:
    """The text a cell shows (lists joined with 、, dates in ISO form, times to the second)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat()).replace("T", " ")[:19]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def fit_widths(widths: Sequence[float], limit: float) -> list[float]:
    """Narrow the widest columns (never below :data:`MIN_WRAPPED_WIDTH`) until the total is within ``limit``."""
    found = list(widths)
    while sum(found) > limit:
        wide = [w for w in found if w > MIN_WRAPPED_WIDTH]
        if not wide:
            break
        excess = sum(found) - limit
        top = max(wide)
        others = [w for w in wide if w < top]
        step = min(top - max(max(others, default=MIN_WRAPPED_WIDTH), MIN_WRAPPED_WIDTH), excess)
        count = sum(1 for w in found if w == top)
        if step <= 0.01:  # several columns tie at the top: narrow them together
            step = min(excess / count, top - MIN_WRAPPED_WIDTH)
            if step <= 0.01:
                break
        else:
            step = min(step, excess / count)
        found = [w - step if w == top else w for w in found]
    return [round(w, 1) for w in found]


def _one_cell(values: Sequence[Any]) -> bool:
    return len([v for v in values if v not in (None, "")]) == 1 and values[0] not in (None, "")


def layout(sheet: SheetOut) -> PageLayout:
    """The page layout of ``sheet`` (see the module's rules)."""
    columns = max([len(sheet.header), *(len(r) for r in sheet.rows[:1]), 1])
    given = list(sheet.widths or ())
    widths = [float(given[i]) if i < len(given) else DEFAULT_WIDTH for i in range(columns)]
    printed = min(sheet.print_columns or columns, columns)
    total = sum(widths[:printed])
    landscape = (sheet.landscape if sheet.landscape is not None
                 else total > sheet.pages_wide * PORTRAIT_UNITS / PORTRAIT_SCALE)
    page = LANDSCAPE_UNITS if landscape else PORTRAIT_UNITS
    pages_wide, repeat_columns = max(sheet.pages_wide, 1), sheet.repeat_columns
    repeated = sum(widths[:repeat_columns])
    limit = pages_wide * page / LEGIBLE_SCALE - (pages_wide - 1) * repeated
    widths[:printed] = fit_widths(widths[:printed], limit)
    if sum(widths[:printed]) > limit + 0.05:  # too many columns even narrowed: more pages wide, never smaller type
        repeat_columns = repeat_columns or 1  # the leading column (序号, 任务编号, 股室 …) on every page
        repeated = sum(widths[:repeat_columns])
        per_page = page / LEGIBLE_SCALE
        pages_wide = math.ceil((sum(widths[:printed]) - repeated) / max(per_page - repeated, 1.0))
    merged = _first_page(widths[:printed], (sum(widths[:printed]) + (pages_wide - 1) * repeated) / pages_wide) \
        if pages_wide > 1 else printed
    span = sum(widths[:merged])  # a title or note spans the first page
    header_row = len(sheet.preamble) + 1
    heights: dict[int, float] = {}
    titles, notes = [], []
    for index, values in enumerate(sheet.preamble):
        row = index + 1
        if not _one_cell(values):
            continue
        if index in sheet.title_rows:
            titles.append(row)
            heights[row] = max(line_count(shown(values[0]), span * BODY_PT / TITLE_PT), 1) * TITLE_LINE_PT + 6
        else:
            notes.append(row)
            lines = line_count(shown(values[0]), span)
            if lines > 1:
                heights[row] = lines * LINE_PT + 3
    header_lines = max((line_count(str(h), widths[i]) for i, h in enumerate(sheet.header[:printed])), default=1)
    if header_lines > 1:
        heights[header_row] = header_lines * LINE_PT + 3
    for offset, values in enumerate(sheet.rows):
        lines = 1
        for i, value in enumerate(values[:printed]):
            if value is None or isinstance(value, int | float):
                continue
            text = shown(value)
            if text_units(text) > widths[i] - 1 or "\n" in text:
                lines = max(lines, line_count(text, widths[i]))
        if lines > 1:
            heights[header_row + 1 + offset] = min(lines, MAX_LINES) * LINE_PT + 3
    last_row = header_row + len(sheet.rows)
    return PageLayout(landscape, columns, printed, tuple(widths), header_row, last_row, tuple(titles),
                      tuple(notes), heights, pages_wide, repeat_columns, merged)


def _first_page(widths: Sequence[float], page: float) -> int:
    """How many leading columns of ``widths`` fit in ``page`` units (at least one)."""
    total, count = 0.0, 0
    for width in widths:
        total += width
        if total > page + 0.05:
            break
        count += 1
    return max(count, 1)

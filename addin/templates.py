"""The blank workbook template (双随机工作簿模板), built from ``schemas/`` by code.

Every input sheet of the contract gets its headers in schema order, the widths of ``x-width``, text format
("@") on code columns (``x-text``) so that Excel never turns a 统一社会信用代码 into a number, date format and
date validation on date columns, a drop-down list for every enumeration (for multi-value columns the list
only helps: a 、-joined value is never rejected), a frozen header row and an input message with the column's
description. 设置 is two columns 项目 / 值, pre-filled with every item and its default. 填表说明 is generated
from the schema descriptions (:func:`instruction_rows`), so the instructions can never drift from the rules.

Excel limits a list validation's inline formula to 255 characters; longer lists (or values holding a comma)
go to the hidden sheet 下拉选项 and are referenced by range.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from addin.adapters.files import atomic_write
from addin.core.instructions import instruction_rows
from addin.core.schema import FieldSpec, SheetSchema
from addin.core.table import column_letter
from addin.ports import FILL_HEADER
from addin.schemas import load_schemas

TEMPLATE_ROWS = 2000  # data rows pre-formatted (text / date / percent) and covered by validations
INSTRUCTIONS_SHEET = "填表说明"
LISTS_SHEET = "下拉选项"
SETTINGS_COLUMNS = ("项目", "值")
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
LIST_FORMULA_LIMIT = 255  # Excel: an inline list validation formula holds at most 255 characters
FILL_REQUIRED = "F8CBAD"  # header of a required column
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
_PROMPT_LIMIT, _TITLE_LIMIT = 255, 32  # Excel's limits for an input message and its title


def build_template(schemas: Mapping[str, SheetSchema] | None = None, *, rows: int = TEMPLATE_ROWS) -> Workbook:
    """The template workbook: 填表说明, then the input sheets in contract order, then the hidden list sheet."""
    schemas = dict(schemas or load_schemas())
    wb = openpyxl.Workbook()
    instructions = wb.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    lists = _Lists(wb)
    for schema in schemas.values():
        ws = wb.create_sheet(schema.sheet)
        if schema.layout == "key-value":
            _settings_sheet(ws, schema, lists)
        else:
            _table_sheet(ws, schema, lists, rows)
    _instructions_sheet(instructions, schemas)
    lists.finish()
    wb.active = 0
    return wb


def write_template(target: Path) -> Path:
    """Write a fresh template to ``target`` atomically (temporary file + rename). Returns the path."""
    wb = build_template()
    return atomic_write(target, lambda tmp: wb.save(tmp))


# -- the hidden sheet of long lists ------------------------------------------------------------------------
class _Lists:
    """Lists too long for an inline formula: one column each on the hidden sheet 下拉选项 (row 1 = title)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.ws: Worksheet | None = None
        self.columns: dict[tuple[str, ...], str] = {}

    def formula(self, title: str, values: tuple[str, ...]) -> str:
        inline = '"' + ",".join(values) + '"'
        if len(inline) <= LIST_FORMULA_LIMIT and not any("," in v or '"' in v for v in values):
            return inline
        if values not in self.columns:
            if self.ws is None:
                self.ws = self.wb.create_sheet(LISTS_SHEET)
            col = column_letter(len(self.columns))
            self.ws[f"{col}1"] = title
            for i, value in enumerate(values, start=2):
                self.ws[f"{col}{i}"] = value
            self.ws.column_dimensions[col].width = max(12, max(len(v) for v in values) * 2)
            self.columns[values] = f"'{LISTS_SHEET}'!${col}$2:${col}${len(values) + 1}"
        return self.columns[values]

    def finish(self) -> None:
        if self.ws is not None:
            self.wb.move_sheet(self.ws, len(self.wb.sheetnames) - 1 - self.wb.sheetnames.index(self.ws.title))
            self.ws.sheet_state = "hidden"


# -- input sheets --------------------------------------------------------------------------------------------
def _header(ws: Worksheet, names: list[str], required: set[str]) -> None:
    bold = Font(bold=True)
    for index, name in enumerate(names):
        cell = ws.cell(row=1, column=index + 1, value=name)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=FILL_REQUIRED if name in required else FILL_HEADER)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


def _table_sheet(ws: Worksheet, schema: SheetSchema, lists: _Lists, rows: int) -> None:
    _header(ws, [f.name for f in schema.fields], set(schema.required))
    last = rows + 1
    for index, spec in enumerate(schema.fields):
        col = column_letter(index)
        ws.column_dimensions[col].width = spec.width
        number_format = cell_format(spec)
        if number_format:
            ws.column_dimensions[col].number_format = number_format
            for row in range(2, last + 1):
                ws[f"{col}{row}"].number_format = number_format
        validation = field_validation(spec, lists)
        validation.add(f"{col}2:{col}{last}")
        ws.add_data_validation(validation)


def _settings_sheet(ws: Worksheet, schema: SheetSchema, lists: _Lists) -> None:
    """设置: one row per item (项目) with its default value (值); each 值 cell validated by its own rule."""
    _header(ws, list(SETTINGS_COLUMNS), set(SETTINGS_COLUMNS))
    ws.column_dimensions["A"].width = max(len(f.name) for f in schema.fields) * 2 + 2
    ws.column_dimensions["B"].width = max(f.width for f in schema.fields)
    for row, spec in enumerate(schema.fields, start=2):
        ws.cell(row=row, column=1, value=spec.name).font = Font(bold=spec.required)
        value = ws.cell(row=row, column=2, value=spec.default)
        value.number_format = cell_format(spec) or (TEXT_FORMAT if spec.type == "string" else "General")
        value.alignment = Alignment(horizontal="left")
        validation = field_validation(spec, lists)
        validation.add(f"B{row}")
        ws.add_data_validation(validation)


def cell_format(spec: FieldSpec) -> str | None:
    """The number format a column's cells carry: text for codes, a date format, a percentage, or none."""
    if spec.text or spec.month_day:
        return TEXT_FORMAT
    if spec.format == "date":
        return DATE_FORMAT
    if spec.percent:
        return PERCENT_FORMAT
    return None


def field_validation(spec: FieldSpec, lists: _Lists) -> DataValidation:
    """The one data validation of a column: a drop-down, a date / number range, or just an input message."""
    prompt = spec.description + ("（必填）" if spec.required else "")
    kwargs: dict[str, object] = {}
    if spec.enum:
        kwargs = {"type": "list", "formula1": lists.formula(spec.name, spec.enum)}
        if spec.multi:
            # A drop-down still helps, but a 、-joined choice must be accepted: no error alert.
            prompt += "可从下拉列表选一项，多项用顿号“、”分隔。"
            kwargs["showErrorMessage"] = False
        else:
            kwargs["error"] = "请从下拉列表中选择：" + "、".join(spec.enum)
    elif spec.format == "date":
        kwargs = {"type": "date", "operator": "between", "formula1": _serial(DATE_MIN),
                  "formula2": _serial(DATE_MAX), "error": "请填写日期，如 2024-05-01。"}
    elif spec.percent:
        kwargs = {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "1",
                  "error": "请填写 0% 到 100% 之间的比例，如 30% 或 0.3。"}
    elif spec.type == "integer" and spec.minimum is not None and spec.maximum is not None:
        low, high = int(spec.minimum), int(spec.maximum)
        kwargs = {"type": "whole", "operator": "between", "formula1": str(low), "formula2": str(high),
                  "error": f"请填写 {low} 到 {high} 之间的整数。"}
    validation = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=spec.name[:_TITLE_LIMIT],
                                prompt=prompt[:_PROMPT_LIMIT], **kwargs)
    if "error" in kwargs:
        validation.showErrorMessage = True
        validation.errorTitle = "输入有误"
        validation.error = str(kwargs["error"])[:_PROMPT_LIMIT]
    return validation


def _serial(day: dt.date) -> str:
    return str(int(to_excel(day)))


# -- 填表说明 -------------------------------------------------------------------------------------------------
def _instructions_sheet(ws: Worksheet, schemas: Mapping[str, SheetSchema]) -> None:
    """Title, notes and sheet titles run on one line (text flows into the empty cells to the right); the
    field tables wrap, with row heights estimated from the text so that every renderer shows it whole."""
    widths = (22, 10, 30, 44, 60)
    for col, width in zip("ABCDE", widths, strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"  # printed: all five columns on one page width
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    title_font, bold, header_fill = Font(bold=True, size=14), Font(bold=True), PatternFill("solid", fgColor=FILL_HEADER)
    for values in instruction_rows(schemas):
        ws.append(list(values))
        row = ws.max_row
        first = str(values[0]) if values else ""
        if row == 1:
            ws.cell(row=row, column=1).font = title_font
        elif first.startswith("工作表："):
            for cell in ws[row]:
                cell.font = bold
        elif len(values) == len(widths):
            header = values[0] in ("列名", "项目")
            for cell in ws[row]:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if header:
                    cell.font, cell.fill = bold, header_fill
            lines = max(math.ceil(_display_width(str(v)) / (w - 1)) for v, w in zip(values, widths, strict=True))
            ws.row_dimensions[row].height = 15 * max(lines, 1) + 2


def _display_width(text: str) -> int:
    """Approximate Excel width units: CJK and full-width characters count two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# -- comparing two generated workbooks by content ------------------------------------------------------------
def describe_workbook(wb: Workbook) -> dict[str, object]:
    """What a template promises, as plain data: sheets, headers, widths, number formats, validations, texts.

    Two templates with equal descriptions are the same template whatever their zip bytes (timestamps). The
    example workbook is built on the template, so its description minus cell values matches too.
    """
    described: dict[str, object] = {"sheets": list(wb.sheetnames)}
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]] if ws.max_row >= 1 else []
        formats: dict[str, list[str]] = {}
        for column in ws.iter_cols(min_row=2, max_row=ws.max_row):
            if column:
                formats[column[0].column_letter] = sorted({c.number_format for c in column})
        described[ws.title] = {
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "header": header,
            "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items()) if v.width},
            "column_formats": {k: v.number_format for k, v in sorted(ws.column_dimensions.items())},
            "cell_formats": formats,
            "validations": sorted(
                (str(dv.sqref), dv.type, dv.operator, dv.formula1, dv.formula2, dv.allow_blank,
                 dv.showErrorMessage, dv.showInputMessage, dv.promptTitle, dv.prompt, dv.errorTitle, dv.error)
                for dv in ws.data_validations.dataValidation
            ),
        }
    return described


def template_texts(wb: Workbook) -> dict[str, list[tuple[object, ...]]]:
    """The cell values of the sheets whose text is generated (填表说明, 设置, 下拉选项)."""
    names = [n for n in (INSTRUCTIONS_SHEET, LISTS_SHEET, *_key_value_sheets()) if n in wb.sheetnames]
    return {name: [tuple(r) for r in wb[name].iter_rows(values_only=True)] for name in names}


def _key_value_sheets() -> list[str]:
    return [s.sheet for s in load_schemas().values() if s.layout == "key-value"]

"""The monthly report form (月报表, seed 000 附件) as an Excel sheet: built once as a template, then filled.

:func:`build_template` draws the paper form — title, 单位名称（盖章） / 填表时间 line, parts 一 and 二 with rows
1–5, their labels and bracketed hints, merged cells, the 联系人 / 联系电话 / 手机 footer — on one A4 portrait
page (fit to page, print area, CJK font). ``scripts/make_monthly_template.py`` saves it as
``workbooks/templates/月报表模板.xlsx``; :func:`fill` writes a report into a copy of that file.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.adapters.files import atomic_write
from addin.core.monthly import MonthlyReport
from addin.core.output_sheets import MONTHLY_REPORT
from addin.resources import shipped

TEMPLATE = shipped("workbooks", "templates", "月报表模板.xlsx")
FONT = "宋体"
TITLE_FONT = "黑体"
WIDTHS = {"A": 6.5, "B": 30.0, "C": 58.0}
TITLE_UNIT = "XX县卫生健康局"
TITLE = "“双随机、一公开”监管工作月报表"
BLANK_DATE = "填表时间：____年__月__日"

# (row, number, label, hint) of the table; None number = a row of a merged group.
PART_ONE = "一、“双随机、一公开”监管工作安排部署情况"
PART_TWO = "二、“双随机、一公开”监管工作开展情况"
ROWS: tuple[tuple[int, str | None, str, str], ...] = (
    (5, "1", "本月召开会议部署随机抽查工作情况", "（注明召开会议的名称及时间）"),
    (6, "2", "本月印发双随机工作文件情况", "（注明文件名称及文号）"),
    (7, "3", "本月组织随机抽查业务培训情况", "（培训班名称、培训人员数量、及内容）"),
    (9, "4", "本月按年度随机抽查工作计划本级开展随机抽查情况", ""),
    (10, None, "本月组织随机抽查的文件", ""),
    (11, None, "随机抽查抽查对象范围、数量、抽查比例", ""),
    (12, None, "随机抽查的检查事项", "（多少大项、多少小项）"),
    (13, None, "随机抽查结果公示情况", "（注明抽查结果公示的网站及公示数量）"),
    (14, "5", "本系统开展随机抽查情况", ""),
    (15, None, "（开展的单位及抽查检查主体数量及抽查结果公示数量等情况）", ""),
)
MERGES = ("A1:C1", "A2:C2", "A3:B3", "A4:C4", "A8:C8", "A9:A13", "B9:C9", "A14:A15", "B14:C14", "A16:C16")
FOOTER_ROW, LAST_ROW = 16, 16
# Where each part of a :class:`MonthlyReport` goes.
CONTENT_CELLS = {"meetings": "C5", "documents": "C6", "trainings": "C7", "launch_documents": "C10",
                 "scope": "C11", "items": "C12", "publication": "C13", "system": "C15"}


def level_labels(level: str | None) -> dict[str, str]:
    """Rows 4 and 5 of the form for a unit of ``level`` (设置 › 单位层级): 县 → 县本级 / 全县本系统; none → the
    form's 本级 / 本系统 (the seed's form says 市本级 / 全市本系统, written for a city)."""
    own, system = (f"{level}本级", f"全{level}本系统") if level else ("本级", "本系统")
    return {"B9": f"本月按年度随机抽查工作计划{own}开展随机抽查情况", "B14": f"{system}开展随机抽查情况"}


def _footer(contact: str = "", phone: str = "", mobile: str = "") -> str:
    gap = "\u3000" * 4
    return (f"联系人：{contact or '________'}{gap}联系电话：{phone or '________'}{gap}"
            f"手机：{mobile or '________'}")


def build_template() -> Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = MONTHLY_REPORT
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=11)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    ws["A1"] = TITLE_UNIT
    ws["A2"] = TITLE
    for cell, size in (("A1", 16), ("A2", 18)):
        ws[cell].font = Font(name=TITLE_FONT, size=size, bold=True)
        ws[cell].alignment = centre
    ws.row_dimensions[1].height = 28
    ws.row_dimensions[2].height = 32
    ws["A3"] = "单位名称（盖章）："
    ws["C3"] = BLANK_DATE
    ws["A3"].font = ws["C3"].font = body
    ws["A3"].alignment = Alignment(vertical="center")
    ws["C3"].alignment = Alignment(horizontal="right", vertical="center")
    ws.row_dimensions[3].height = 24
    for cell, text in (("A4", PART_ONE), ("A8", PART_TWO)):
        ws[cell] = text
        ws[cell].font = Font(name=FONT, size=12, bold=True)
        ws[cell].alignment = Alignment(vertical="center")
    for row, number, label, hint in ROWS:
        if number is not None:
            ws[f"A{row}"] = int(number)
        ws[f"B{row}"] = label
        if hint:
            ws[f"C{row}"] = hint
    for row in range(4, FOOTER_ROW):
        for col in "ABC":
            cell = ws[f"{col}{row}"]
            cell.border = box
            if cell.font is None or not cell.font.b:
                cell.font = body
            if row not in (4, 8):
                cell.alignment = centre if col == "A" else wrap
        ws.row_dimensions[row].height = 24 if row in (4, 8, 9, 14) else 54
    ws[f"A{FOOTER_ROW}"] = _footer()
    ws[f"A{FOOTER_ROW}"].font = body
    ws[f"A{FOOTER_ROW}"].alignment = Alignment(vertical="center")
    ws.row_dimensions[FOOTER_ROW].height = 30
    for rng in MERGES:
        ws.merge_cells(rng)
    _page(ws)
    return wb


def _page(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:C{LAST_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.sheet_view.showGridLines = False


def text_width(text: str) -> int:
    """Display width in Excel column units: a CJK (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_height(text: str, width: float, minimum: float = 54) -> float:
    """Points needed to show ``text`` wrapped in a column of ``width`` units (11 pt: ~15 pt a line)."""
    usable = max(width - 2, 1)
    lines = sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))
    return max(minimum, lines * 15 + 8)


def fill(report: MonthlyReport, target: Path, template: Path = TEMPLATE, inputs: tuple[Path, ...] = ()) -> Path:
    """Write ``report`` into a copy of the template (the form itself if the file is not beside the package,
    as in an installed wheel); the template is never changed."""
    wb = openpyxl.load_workbook(template) if template.exists() else build_template()
    ws = wb[MONTHLY_REPORT]
    ws["A1"] = report.unit or TITLE_UNIT
    ws["A3"] = f"单位名称（盖章）：{report.unit}"
    day = report.filled_on
    ws["C3"] = f"填表时间：{day.year}年{day.month}月{day.day}日"
    ws["A2"] = f"{TITLE}（{report.year}年{report.month}月）"
    for attribute, ref in CONTENT_CELLS.items():
        text = getattr(report, attribute)
        ws[ref] = text
        ws.row_dimensions[ws[ref].row].height = row_height(text, WIDTHS["C"])
    for ref, label in level_labels(report.level).items():
        ws[ref] = label
    ws[f"A{FOOTER_ROW}"] = _footer(report.contact, report.phone, report.mobile)
    return atomic_write(target, lambda tmp: wb.save(tmp), inputs=(template, *inputs))

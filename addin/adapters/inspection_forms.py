"""The printable 一企一表 workbook: one sheet per visit (joint inspection record), **one A4 page each**, written
with XlsxWriter (write-only: 157 forms in a fraction of a second).

Layout (8 columns A–H, A4 portrait): title; unit, batch and team (检查组 第001组); the target's details; the
merged tasks; every item with its 抽查内容 as rows to tick (□符合 □不符合 □不涉及); the team (name, 执法证号,
department represented, signature); the result fields (date, methods, outcomes, problems, follow-up, deadline);
the 委托检测 record when an item plans 检验检测 or 委托专业机构辅助 (检测机构, 资质证书编号, 报告编号, 报告日期, 检测结论);
the signature lines. Row heights are computed from the text (wrapped in merged cells, which no spreadsheet
grows by itself); the page is fitted to one page wide and one page tall, so that the signatures are always on
the same sheet of paper as the items — the longest item lists of the example print at about 9 pt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from addin.adapters.files import atomic_write
from addin.adapters.page_layout import BODY_PT, line_count
from addin.core.forms import CHECK_MARKS, InspectionForm

WIDTHS = (5.0, 11.0, 11.0, 11.0, 11.0, 12.0, 10.0, 12.0)  # ≈ 83 units: an A4 portrait page at ~88 %
FONT = "宋体"
SIZE = 10.5
LINE = 13.5  # points per line of 10.5 pt text
SIGNATURES = ("检查人员（签名）：", "被检查单位负责人（签名）：")
# What one A4 portrait page holds (between the margins set below) at the smallest legible print, 8 pt text:
# a form taller than this — a visit that many coordinated tasks share — runs onto a second page instead of
# shrinking below 8 pt.
PAGE_PT = 841.9 - (0.5 + 0.6) * 72
ONE_PAGE_PT = PAGE_PT * SIZE / 8.0 - 20  # a little kept for LibreOffice's and Excel's rounding


class _Form:
    """One form sheet being written row by row: ``put`` a row of merged ranges, its height from its text."""

    def __init__(self, ws: Worksheet, styles: dict[str, Any]) -> None:
        self.ws = ws
        self.styles = styles
        self.row = -1
        self.height = 0.0  # points, at full size

    def put(self, cells: Sequence[tuple[int, int, str]], style: str = "box", *, min_lines: float = 1,
            size: float = SIZE, number: str | None = None) -> None:
        """One row of (first column, last column, text) ranges — 1-based columns — merged, wrapped; a one-column
        first range gets the style ``number`` when given (序号, centred)."""
        self.row += 1
        lines = min_lines
        for first, last, text in cells:
            fmt = self.styles[number if number and first == last == 1 else style]
            if last > first:
                self.ws.merge_range(self.row, first - 1, self.row, last - 1, text, fmt)
            else:
                self.ws.write_string(self.row, first - 1, text, fmt)
            width = sum(WIDTHS[first - 1:last]) * BODY_PT / size
            lines = max(lines, line_count(text, width))
        height = lines * LINE * size / SIZE + 3
        self.ws.set_row(self.row, height)
        self.height += height

    def heading(self, text: str) -> None:
        self.put([(1, 8, text)], "heading")


def _choices(options: Sequence[str]) -> str:
    return "  ".join(f"□{o}" for o in options)


def _styles(wb: xlsxwriter.Workbook) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": SIZE, "valign": "vcenter", "text_wrap": True}
    box = {**base, "border": 1}
    return {
        "title": wb.add_format({**base, "font_size": 15, "bold": True, "align": "center"}),
        "line": wb.add_format(base),
        "heading": wb.add_format({**base, "bold": True}),
        "box": wb.add_format(box),
        "bold": wb.add_format({**box, "bold": True}),
        "head": wb.add_format({**box, "bold": True, "align": "center"}),
        "centre": wb.add_format({**box, "align": "center"}),
        "plain": wb.add_format(base),
    }


def render_form(ws: Worksheet, form: InspectionForm, styles: dict[str, Any]) -> None:
    s = _Form(ws, styles)
    for i, width in enumerate(WIDTHS):
        ws.set_column(i, i, width)
    s.put([(1, 8, form.title)], "title", size=15)
    s.put([(1, 8, f"{form.unit_name}　　抽取批次：{form.batch}　　检查组：{form.group}")], "line")
    s.heading("一、被检查单位")
    s.put([(1, 2, "单位名称"), (3, 5, form.target_name), (6, 6, "统一社会信用代码"), (7, 8, form.uscc)])
    s.put([(1, 2, "法定代表人（负责人）"), (3, 3, form.legal_rep), (4, 4, "联系电话"), (5, 5, form.phone),
           (6, 6, "主体类型"), (7, 8, form.kind)])
    s.put([(1, 2, "地址"), (3, 8, form.address)])
    s.put([(1, 2, "所属乡镇（街道）"), (3, 5, form.town), (6, 6, "检查对象类别"), (7, 8, form.category)])
    s.heading("二、抽查任务（进一次门、查多项事）")
    for number, name in form.tasks:
        s.put([(1, 2, number), (3, 8, name)])
    s.heading("三、检查事项及内容")
    s.put([(1, 1, "序号"), (2, 6, "检查内容"), (7, 8, "检查情况")], "head")
    for item in form.items:
        facts = "；".join(x for x in (f"依据：{item.basis}" if item.basis else "",
                                       f"方式：{'、'.join(item.methods)}" if item.methods else "",
                                       f"部门：{item.dept}" if item.dept else "") if x)
        s.put([(1, 8, f"{item.code}  {item.name}" + (f"\n{facts}" if facts else ""))], "bold")
        for n, check in enumerate(item.checks, 1):
            s.put([(1, 1, str(n)), (2, 6, check), (7, 8, CHECK_MARKS)], "box", number="centre")
    s.heading("四、检查组")
    s.put([(1, 2, "姓名"), (3, 4, "执法证号"), (5, 6, "代表部门"), (7, 8, "签名")], "head")
    for member in form.team:
        s.put([(1, 2, member.name), (3, 4, member.licence), (5, 6, member.dept), (7, 8, "")], min_lines=1.8)
    for where in form.unfilled:
        s.put([(1, 8, f"空缺岗位：{where}（待人员替换，见抽取记录）")])
    s.heading("五、检查结果")
    s.put([(1, 2, "检查日期"), (3, 8, "　　　　年　　月　　日")])
    s.put([(1, 2, "检查方式"), (3, 8, _choices(form.methods))])
    if form.testing:  # 委托检测: as 检查结果 records it (检测机构 … 检测结论); the problems' box gives up a line for it
        s.put([(1, 2, f"委托检测（{'、'.join(form.testing)}）"), (3, 3, "检测机构"), (4, 5, ""), (6, 6, "资质证书编号"),
               (7, 8, "")])
        s.put([(1, 2, "检测报告编号"), (3, 3, ""), (4, 4, "报告日期"), (5, 5, "　年　月　日"), (6, 6, "检测结论"),
               (7, 8, _choices(form.conclusions))])
    s.put([(1, 2, "检查结果"), (3, 8, _choices(form.outcomes))])
    s.put([(1, 2, "发现的问题"), (3, 8, "")], min_lines=3 if form.testing else 4)
    s.put([(1, 2, "后续处置"), (3, 8, _choices(form.follow_ups))])
    s.put([(1, 2, "整改期限"), (3, 8, "　　　　年　　月　　日")])
    for label in SIGNATURES:
        s.put([(1, 5, label), (6, 8, "日期：　　年　　月　　日")], "plain", min_lines=2.2)
    _page_setup(ws, s.row, one_page=s.height <= ONE_PAGE_PT)


def _page_setup(ws: Worksheet, last_row: int, *, one_page: bool) -> None:
    """A4 portrait, one page wide and — when it stays legible — one page tall (signatures on the same sheet as
    the items); a longer form is fitted to the width only and its pages are numbered."""
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 1 if one_page else 0)
    ws.set_margins(left=0.45, right=0.45, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.print_area(0, 0, last_row, 7)
    # the sheet name (序号 and 单位名称) at body size: legible however the page is fitted
    ws.set_footer("&C&11&A" if one_page else "&C&11&A　第 &P 页")
    ws.set_start_page(1)  # each form's pages numbered from 1, not on from the forms before it
    ws.hide_gridlines(2)


def write_forms(forms: Sequence[InspectionForm], target: Path, *, inputs: Sequence[Path] = ()) -> Path:
    """A new workbook at ``target`` with one sheet per form (atomically; never over an input)."""

    def write(tmp: Path) -> None:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False})
        styles = _styles(wb)
        for form in forms:
            render_form(wb.add_worksheet(form.sheet_name), form, styles)
        if not forms:
            wb.add_worksheet("一企一表").write_string(0, 0, "本批次没有需要检查的对象。")
        wb.close()

    return atomic_write(target, write, inputs=tuple(inputs))

"""The printable 一企一表 workbook: one A4 sheet per visit (joint inspection record), rendered with openpyxl.

Layout (8 columns A–H): title; the target's details; the merged tasks; every item with its 抽查内容 as rows
to tick (□符合 □不符合 □不涉及); the team (name, 执法证号, department represented, signature); blank result
fields (date, methods, outcomes, problems, follow-up, deadline); signature lines. A4 portrait, fitted to the
page width, title rows repeated on every printed page, page numbers in the footer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from addin.adapters.files import atomic_write
from addin.core.forms import CHECK_MARKS, InspectionForm

WIDTHS = (6, 12, 12, 12, 12, 15, 11, 12)  # ≈ 90 characters: an A4 page width
FONT = "宋体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
LINE_HEIGHT = 15.0


def _lines(text: str, width: float) -> int:
    """Printed lines of ``text`` in a merged range ``width`` characters wide (CJK characters count double)."""
    total = 0
    for part in str(text).split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in part)
        total += max(1, math.ceil(units / max(width - 1, 1)))
    return total


class _Sheet:
    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def put(self, cells: Sequence[tuple[int, int, str]], *, bold: bool = False, box: bool = True,
            center: bool = False, size: float = 11, min_lines: int = 1) -> None:
        """One row of (first column, last column, text) ranges, merged, wrapped, boxed."""
        self.row += 1
        r = self.row
        lines = min_lines
        for first, last, text in cells:
            cell = self.ws.cell(r, first, text)
            cell.font = Font(name=FONT, size=size, bold=bold)
            cell.alignment = CENTER if center else WRAP
            if last > first:
                self.ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
            if box:
                for c in range(first, last + 1):
                    self.ws.cell(r, c).border = BOX
            width = sum(WIDTHS[c - 1] for c in range(first, last + 1))
            lines = max(lines, _lines(text, width * (11 / size)))
        self.ws.row_dimensions[r].height = lines * LINE_HEIGHT * size / 11 + 4

    def heading(self, text: str) -> None:
        self.put([(1, 8, text)], bold=True, box=False)

    def gap(self) -> None:
        self.row += 1
        self.ws.row_dimensions[self.row].height = 6


def _choices(options: Sequence[str]) -> str:
    return "  ".join(f"□{o}" for o in options)


def render_form(ws: Worksheet, form: InspectionForm) -> None:
    s = _Sheet(ws)
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[chr(64 + i)].width = width
    s.put([(1, 8, form.title)], bold=True, box=False, center=True, size=16)
    s.put([(1, 8, f"{form.unit_name}    抽取批次：{form.batch}    检查组：{form.group}")], box=False, size=9)
    s.heading("一、被检查单位")
    s.put([(1, 2, "单位名称"), (3, 5, form.target_name), (6, 6, "统一社会信用代码"), (7, 8, form.uscc)])
    s.put([(1, 2, "法定代表人（负责人）"), (3, 3, form.legal_rep), (4, 4, "联系电话"), (5, 5, form.phone),
           (6, 6, "主体类型"), (7, 8, form.kind)])
    s.put([(1, 2, "地址"), (3, 8, form.address)])
    s.put([(1, 2, "所属乡镇（街道）"), (3, 5, form.town), (6, 6, "检查对象类别"), (7, 8, form.category)])
    s.gap()
    s.heading("二、抽查任务（进一次门、查多项事）")
    for number, name in form.tasks:
        s.put([(1, 2, number), (3, 8, name)])
    s.gap()
    s.heading("三、检查事项及内容")
    s.put([(1, 1, "序号"), (2, 6, "检查内容"), (7, 8, "检查情况")], bold=True, center=True)
    for item in form.items:
        facts = "；".join(x for x in (f"依据：{item.basis}" if item.basis else "",
                                       f"方式：{'、'.join(item.methods)}" if item.methods else "",
                                       f"部门：{item.dept}" if item.dept else "") if x)
        s.put([(1, 8, f"{item.code}  {item.name}" + (f"\n{facts}" if facts else ""))], bold=True)
        for n, check in enumerate(item.checks, 1):
            s.put([(1, 1, str(n)), (2, 6, check), (7, 8, CHECK_MARKS)])
    s.gap()
    s.heading("四、检查组")
    s.put([(1, 2, "姓名"), (3, 4, "执法证号"), (5, 6, "代表部门"), (7, 8, "签名")], bold=True, center=True)
    for member in form.team:
        s.put([(1, 2, member.name), (3, 4, member.licence), (5, 6, member.dept), (7, 8, "")], min_lines=2)
    for where in form.unfilled:
        s.put([(1, 8, f"空缺岗位：{where}（待人员替换，见抽取记录）")])
    s.gap()
    s.heading("五、检查结果")
    s.put([(1, 2, "检查日期"), (3, 8, "        年      月      日")])
    s.put([(1, 2, "检查方式"), (3, 8, _choices(form.methods))])
    s.put([(1, 2, "检查结果"), (3, 8, _choices(form.outcomes))])
    s.put([(1, 2, "发现的问题"), (3, 8, "")], min_lines=5)
    s.put([(1, 2, "后续处置"), (3, 8, _choices(form.follow_ups))])
    s.put([(1, 2, "整改期限"), (3, 8, "        年      月      日")])
    s.gap()
    s.put([(1, 8, "检查人员（签名）：                                        日期：      年    月    日")],
          box=False, min_lines=2)
    s.put([(1, 8, "被检查单位负责人（签名）：                                日期：      年    月    日")],
          box=False, min_lines=2)
    _page_setup(ws, s.row)


def _page_setup(ws: Worksheet, last_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.8
    ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = "1:2"
    ws.print_area = f"A1:H{last_row}"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.sheet_view.showGridLines = False


def write_forms(forms: Sequence[InspectionForm], target: Path, *, inputs: Sequence[Path] = ()) -> Path:
    """A new workbook at ``target`` with one sheet per form (atomically; never over an input)."""
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    for form in forms:
        render_form(wb.create_sheet(form.sheet_name), form)
    if not forms:
        wb.create_sheet("一企一表")["A1"] = "本批次没有需要检查的对象。"
    return atomic_write(target, lambda tmp: wb.save(tmp), inputs=tuple(inputs))

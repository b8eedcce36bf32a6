"""The workbooks staff really have (domain.md, "The files staff really have"), built in the tests.

Each builder writes one real-world layout with openpyxl (merged titles, two-row headers with merged group
labels, 序号, platform column names, notes and sample rows, merged cells spanning several items), or as XML
Spreadsheet 2003 text the way platforms export it; .xls and .ods copies are made by LibreOffice
(:func:`convert`). The data are the small valid county of ``tests/validation/sample_books.py``.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Alignment
from validation.sample_books import idcard, uscc

D = dt.date
TITLE = "XX县卫生健康局检查对象名录库"

# 检查对象: (code, name, address, town, category, 股室, state, class)
TARGETS = [
    (uscc(1), "城关游泳馆", "城关镇幸福路1号", "城关镇", "游泳场（馆）", "公共卫生股", "在营", "A"),
    (uscc(2), "东关游泳馆", "城关镇东关街2号", "城关镇", "游泳场（馆）", "公共卫生股", "在营", "B"),
    (uscc(3), "南山宾馆", "南山乡3号", "南山乡", "公共场所", "公共卫生股", "在营", None),
    (uscc(4), "北山浴池", "北山镇4号", "北山镇", "公共场所", "公共卫生股", "停业", "C"),
]
STANDARD_TARGET_HEADER = ["统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态",
                          "信用风险分类"]


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def new_book() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    return wb


def home_made_registry(path: Path, *, sheet: str = "名录") -> Path:
    """A merged title row ("XX县卫生健康局检查对象名录库", A1:I1), then 序号 and our exact column names in row 2."""
    wb = new_book()
    ws = wb.create_sheet(sheet)
    ws.append([TITLE])
    ws.merge_cells("A1:I1")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["序号", *STANDARD_TARGET_HEADER])
    for n, row in enumerate(TARGETS, 1):
        ws.append([n, *row])
    return save(wb, path)


def platform_export(path: Path) -> Path:
    """A platform's export: ``Sheet1``, 企业名称 / 注册号/统一社会信用代码 / 登记机关 / 管辖单位 / 登记状态 (GSXT words)."""
    wb = new_book()
    ws = wb.create_sheet("Sheet1")
    ws.append(["企业名称", "注册号/统一社会信用代码", "登记机关", "管辖单位", "登记状态"])
    states = ["存续（在营、开业、在册）", "在业", "吊销，未注销", "存续（在营、开业、在册）"]
    for (code, name, *_rest), state in zip(TARGETS, states, strict=True):
        ws.append([name, code, "XX县市场监督管理局", "城关市场监管所", state])
    return save(wb, path)


PROVINCIAL_HEADER = ["单位工号", "姓名", "身份证号", "性别", "出生日期", "所在业务部门（机构）", "执法证编号", "执法证有效期",
                     "执法人员状态", "所属单位", "执法类别", "执法区域", "发证机关", "执法证类型", "职务", "职级", "学历",
                     "政治面貌", "联系电话", "是否在编", "备注"]
PROVINCIAL_NOTES = ["选填", "必填", "必填，18位", "选填", "格式：YYYY-MM-DD", "必填", "必填", "格式：YYYY-MM-DD", "必填，下拉选择",
                    "必填", "必填", "选填", "选填", "选填", "选填", "选填", "选填", "选填", "选填", "选填", "选填"]
PEOPLE = [("张一", idcard(1), 10010001, "公共场所、生活饮用水"), ("王二", idcard(2), 10010002, "公共场所"),
          ("李三", idcard(3), 10010003, "体育")]


def provincial_inspectors(path: Path) -> Path:
    """The provincial inspector template: title row 1, 21 headers in row 2, fill-in notes in row 3, a sample
    row "案例（请删除）" in row 4, then the people; 执法证编号 stored as numbers; a 参数表 sheet."""
    wb = new_book()
    ws = wb.create_sheet("人员名录库")
    ws.append(["市场监管领域执法人员数据库"])
    ws.merge_cells("A1:U1")
    ws.append(PROVINCIAL_HEADER)
    ws.append(PROVINCIAL_NOTES)
    ws.append(["案例（请删除）", "张三", "110105194912310021", "男", "1949-12-31", "综合执法股", 12345678, "2025-12-31",
               "有效", "XX县卫生健康局", "公共场所", "XX县", "XX县人民政府", "行政执法证", "科员", "一级科员", "本科",
               "群众", "13800000000", "是", ""])
    for n, (name, card, licence, fields) in enumerate(PEOPLE, 1):
        ws.append([f"GH{n:03d}", name, card, "男", None, "公共卫生股", licence, D(2026, 12, 31), "有效", "卫生健康局",
                   fields, "XX县", "XX县人民政府", "行政执法证", "科员", None, "本科", None, None, "是", None])
    params = wb.create_sheet("参数表")
    params.append(["执法人员状态", "性别"])
    params.append(["有效", "男"])
    params.append(["无效", "女"])
    return save(wb, path)


ITEM_HEADER = ["序号", "抽查类别", "抽查事项", "抽查内容", "检查对象", "事项类别", "检查方式", "抽查比例及频次", "检查时间",
               "检查主体", "参检单位", "编号", "执法领域"]


def published_items(path: Path) -> Path:
    """A published 事项清单: 序号, 抽查类别 merged over the items it spans, 一般检查事项 / 现场检查."""
    wb = new_book()
    ws = wb.create_sheet("随机抽查事项清单")
    ws.append(["2024年随机抽查事项清单"])
    ws.merge_cells("A1:M1")
    ws.append(ITEM_HEADER)
    ws.append([1, "公共卫生", "游泳场所卫生检查", "水质、卫生许可", "游泳场（馆）", "一般检查事项", "现场检查", "5%，1次/年",
               "全年", "卫生健康局", "体育局", "S01", "公共场所"])
    ws.append([2, None, "公共场所卫生检查", "卫生管理制度", "公共场所", "重点检查事项", "现场检查", "10%，1次/年", "全年",
               "卫生健康局", None, "S02", "公共场所"])
    ws.merge_cells("B3:B4")
    return save(wb, path)


def two_row_header(path: Path) -> Path:
    """A two-row header: group labels 基本信息 / 监管信息 merged over their columns in row 3, the column names in
    row 4, 序号 and 统一社会信用代码 merged over both rows; a title in row 1 and a 填报单位 line in row 2."""
    wb = new_book()
    ws = wb.create_sheet("检查对象")
    ws.append(["检查对象名录（2024年）"])
    ws.merge_cells("A1:I1")
    ws.append(["填报单位：XX县卫生健康局"])
    ws.append(["序号", "统一社会信用代码", "基本信息", None, None, None, "监管信息", None, None])
    ws.append([None, None, "单位名称", "经营地址", "乡镇（街道）", "行业类别", "监管科室", "登记状态", "风险等级"])
    for cells in ("A3:A4", "B3:B4", "C3:F3", "G3:I3"):
        ws.merge_cells(cells)
    for n, (code, name, address, town, category, unit, state, risk) in enumerate(TARGETS, 1):
        ws.append([n, code, name, address, town, category, unit, state, risk])
    return save(wb, path)


def convert(sources: Sequence[Path], fmt: str, out: Path) -> list[Path]:
    """Copies of ``sources`` saved by LibreOffice as ``fmt`` (``xls`` or ``ods``) in ``out``: one soffice run."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(out), *map(str, sources)], check=True, capture_output=True, timeout=300)
    made = [out / f"{s.stem}.{fmt}" for s in sources]
    missing = [p for p in made if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return made


def _xml_cell(value: Any, index: int | None = None, across: int = 0, down: int = 0) -> str:
    attrs = (f' ss:Index="{index}"' if index else "") + (f' ss:MergeAcross="{across}"' if across else "") + \
            (f' ss:MergeDown="{down}"' if down else "")
    if value is None:
        return f"<Cell{attrs}/>"
    if isinstance(value, bool):
        data = f'<Data ss:Type="Boolean">{int(value)}</Data>'
    elif isinstance(value, int | float):
        data = f'<Data ss:Type="Number">{value}</Data>'
    elif isinstance(value, dt.date):
        data = f'<Data ss:Type="DateTime">{value.isoformat()}T00:00:00.000</Data>'
        attrs += ' ss:StyleID="d"'
    else:
        data = f'<Data ss:Type="String">{escape(str(value))}</Data>'
    return f"<Cell{attrs}>{data}</Cell>"


def xml2003(path: Path, sheets: dict[str, list[str]], *, encoding: str = "utf-8") -> Path:
    """An XML Spreadsheet 2003 file from sheets of ready ``<Row>`` XML (see :func:`xml_row`)."""
    body = "".join(f'<Worksheet ss:Name="{escape(name)}"><Table>{"".join(rows)}</Table></Worksheet>'
                   for name, rows in sheets.items())
    text = (f'<?xml version="1.0" encoding="{encoding}"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">'
            '<Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>'
            f"{body}</Workbook>\n")
    path.write_bytes(text.encode(encoding))
    return path


def xml_row(cells: Sequence[Any], index: int | None = None) -> str:
    """One ``<Row>``: plain values, or ``(value, {"index": n, "across": n, "down": n})`` for a placed cell."""
    parts = []
    for cell in cells:
        if isinstance(cell, tuple) and len(cell) == 2 and isinstance(cell[1], dict):
            parts.append(_xml_cell(cell[0], **cell[1]))
        else:
            parts.append(_xml_cell(cell))
    return f'<Row{f" ss:Index={chr(34)}{index}{chr(34)}" if index else ""}>{"".join(parts)}</Row>'


def xml_registry(path: Path, *, encoding: str = "utf-8") -> Path:
    """The registry as a platform exports it in XML Spreadsheet 2003: a title merged across row 1, the header in
    row 3 (row 2 left out, as the format allows), 社会信用代码 and 单位名称 as aliases, a date cell."""
    rows = [xml_row([("检查对象名录", {"across": 7})]),
            xml_row(["社会信用代码", "单位名称", "住所", "所属乡镇", "行业类别", "监管股室", "经营状态", "许可有效期至"], 3)]
    rows += [xml_row([code, name, address, town, category, unit, state, D(2026, 6, 30)])
             for code, name, address, town, category, unit, state, _risk in TARGETS]
    return xml2003(path, {"对象": rows}, encoding=encoding)

"""Validating a raw workbook works in place: issues carry the user's sheet name, Excel rows and column letters
(so the ribbon's marks land on his cells); a missing column names the header row; notes are reported, not read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from layout.layout_books import (
    TARGETS,
    home_made_registry,
    platform_export,
    provincial_inspectors,
    two_row_header,
)
from validation.sample_books import wrong_check

from addin.adapters.memory import MemoryBook
from addin.reporters.marks import issue_marks
from addin.reporters.messages import render
from addin.services.validate import validate_book, validate_path

TODAY = dt.date(2024, 3, 1)


def flat(path: Path) -> list[tuple[Any, ...]]:
    return [(*i.flat(), i.field) for i in validate_path(path, today=TODAY).issues]


def test_a_home_made_registry_with_our_columns_validates_clean(tmp_path: Path) -> None:
    report = validate_path(home_made_registry(tmp_path / "home.xlsx"), today=TODAY)
    assert (report.status, report.issues, report.rows) == ("ok", (), 4)


def test_the_platform_export_names_its_header_row_in_the_missing_columns(tmp_path: Path) -> None:
    report = validate_path(platform_export(tmp_path / "export.xlsx"), today=TODAY)
    assert [(*i.flat(), i.field) for i in report.issues] == [
        ("Sheet1", 1, None, "sheet.missing-column", f) for f in ("地址", "所属乡镇", "检查对象类别", "监管股室")]
    assert render(report.issues[0]) == "工作表“Sheet1”表头在第 1 行，缺少必填列“地址”。"


def test_issues_land_on_the_users_cells_below_a_two_row_header(tmp_path: Path) -> None:
    path = two_row_header(tmp_path / "two.xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["检查对象"]
    ws["B6"] = wrong_check(TARGETS[1][0])  # row 6 = the second business (rows 3–4 are the header)
    ws["H7"] = "营业中"  # 登记状态 of the third: not a 经营状态
    ws["C8"] = None  # 单位名称 of the fourth
    wb.save(path)
    assert flat(path) == [("检查对象", 6, "B", "id.uscc-checksum", "统一社会信用代码"),
                          ("检查对象", 7, "H", "schema.enum", "经营状态"),
                          ("检查对象", 8, "C", "schema.required", "单位名称")]


def test_notes_and_sample_rows_are_reported_and_never_validated(tmp_path: Path) -> None:
    report = validate_path(provincial_inspectors(tmp_path / "人员.xls"), today=TODAY)  # .xlsx content, .xls name
    assert report.status == "ok"
    assert [(i.flat(), i.value, render(i)) for i in report.issues] == [
        (("人员名录库", 3, None, "row.not-data"), "选填",
         "第 3 行是填写提示（“选填”），未作为数据校验或导入；确认后可删除该行。"),
        (("人员名录库", 4, None, "row.not-data"), "案例（请删除）",
         "第 4 行是示例行（“案例（请删除）”），未作为数据校验或导入；确认后可删除该行。")]
    [layout, params] = report.layouts
    assert (layout.sheet, layout.kind, layout.header_row) == ("人员名录库", "inspectors", 2)
    assert (params.sheet, params.kind) == ("参数表", None)


def test_platform_vocabularies_are_accepted_in_place(tmp_path: Path) -> None:
    sheets = {"Sheet1": [["统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "登记状态"],
                         *[[t[0], t[1], t[2], t[3], t[4], t[5], s] for t, s in
                           zip(TARGETS, ["存续（在营、开业、在册）", "在业", "吊销，未注销", "吊销，已注销"], strict=True)]],
              "事项清单": [["事项编码", "抽查事项", "事项类别", "检查对象", "专业领域"],
                       ["S01", "游泳场所卫生检查", "一般检查事项", "游泳场（馆）", "公共场所"],
                       ["S02", "公共场所卫生检查", "重点检查事项", "公共场所", "公共场所"]]}
    report = validate_book(MemoryBook(sheets), today=TODAY)
    assert report.issues == ()
    assert report.sheets_found == ("Sheet1", "事项清单")


def test_the_ribbon_marks_land_on_the_users_cells(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["XX县卫生健康局检查对象名录库"], ["序号", "统一社会信用代码", "企业名称", "经营地址", "乡镇（街道）",
                                                    "行业类别", "监管科室", "登记状态"]]
    rows += [[n, t[0], t[1], t[2], t[3], t[4], t[5], t[6]] for n, t in enumerate(TARGETS, 1)]
    rows[3][4] = None  # 经营地址 of the second business: Excel row 4, column E
    book = MemoryBook({"名录": rows})
    report = validate_book(book, today=TODAY)
    assert [m[:3] for m in ((k.sheet, k.row, k.column) for k in issue_marks(report.issues))] == [("名录", 4, "E")]


def test_a_second_sheet_of_a_kind_is_validated_on_its_own(tmp_path: Path) -> None:
    header = ["统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态"]
    first = [header, [*TARGETS[0][:6], "在营"]]
    second = [["公共卫生股名录"], header, [wrong_check(TARGETS[1][0]), *TARGETS[1][1:6], "在营"]]
    report = validate_book(MemoryBook({"检查对象名录库": first, "公卫股": second}), today=TODAY)
    assert [i.flat() for i in report.issues] == [("公卫股", None, None, "sheet.same-kind"),
                                                 ("公卫股", 3, "A", "id.uscc-checksum")]
    assert "已单独校验；表间核对只用工作表“检查对象名录库”" in render(report.issues[0])


def test_the_template_layout_reports_exactly_as_before(tmp_path: Path) -> None:
    from validation.sample_books import good_sheets

    report = validate_book(MemoryBook(good_sheets()), today=TODAY)
    assert report.issues == ()
    assert all(layout.standard for layout in report.layouts)

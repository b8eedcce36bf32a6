"""Reporters: messages rendered from the catalogue, the 校验结果 sheet, cell marks, JSON — and no personal data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from sample_books import good_sheets, idcard, issues_of, set_cell, uscc, wrong_check

from addin.core.catalogue import CATALOGUE
from addin.core.issues import Issue, Severity
from addin.core.results import message as results_message
from addin.ports import FILL_ERROR, FILL_WARNING
from addin.reporters.json_report import dumps
from addin.reporters.marks import issue_marks
from addin.reporters.messages import render
from addin.reporters.sheet import issues_sheet
from addin.services.validate import BookReport, FileReport

PHONE = "13912345678"


def spoiled() -> dict[str, list[list[object]]]:
    """A county with a bit of everything wrong (and phone numbers where the schema allows them)."""
    sheets = good_sheets()
    sheets["设置"] += [["联系电话", "0312-1234567"], ["手机", PHONE], ["任务完成截止", "02-30"]]
    sheets["检查对象名录库"][0].append("联系电话")
    for row in sheets["检查对象名录库"][1:]:
        row.append(PHONE)
    set_cell(sheets, "检查对象名录库", 2, "统一社会信用代码", wrong_check(uscc(1)))
    set_cell(sheets, "检查对象名录库", 3, "经营状态", "倒闭")
    set_cell(sheets, "执法检查人员名录库", 2, "身份证号", wrong_check(idcard(1), "0123456789X"))
    set_cell(sheets, "执法检查人员名录库", 4, "身份证号", idcard(2))
    set_cell(sheets, "执法检查人员名录库", 4, "执法证有效期至", dt.date(2024, 1, 1))
    set_cell(sheets, "年度抽查计划", 2, "抽查比例", "0%")
    set_cell(sheets, "年度抽查计划", 3, "开始日期", "2024/4/1")
    set_cell(sheets, "年度抽查计划", 3, "抽查事项", "S09")
    return sheets


def test_every_message_is_complete_chinese_without_personal_data() -> None:
    found = issues_of(spoiled())
    assert {i.code for i in found} >= {"id.uscc-checksum", "schema.enum", "id.idcard-checksum", "row.duplicate-key",
                                      "inspector.certificate-expired", "plan.ratio-invalid", "schema.date-as-text",
                                      "ref.unknown-item", "ref.no-inspector-for-department",
                                      "settings.invalid-value"}
    text = dumps([FileReport("a.xlsx", "invalid", tuple(found))])
    assert not re.search(r"\{\w+\}", text)
    for personal in (idcard(2), wrong_check(idcard(1), "0123456789X"), PHONE, "0312-1234567"):
        assert personal not in text
    assert all(re.search(r"[\u4e00-\u9fff]", render(i)) for i in found)


def test_every_catalogue_entry_has_a_title_and_a_known_severity() -> None:
    assert all(e.title and e.template and e.severity in (Severity.ERROR, Severity.WARNING) for e in CATALOGUE.values())
    assert {code.split(".")[0] for code in CATALOGUE} == {"file", "sheet", "schema", "id", "row", "ref", "inspector",
                                                          "plan", "settings", "result", "referral", "import-draw", "mapping"}


def test_one_catalogue_holds_every_code_the_code_raises() -> None:
    """Every issue code written in the sources (``issue("…")``, the results check's ``add("…")``, codes passed
    to a rule) has its catalogue entry — the results check (检查结果核对) renders its messages from the same
    catalogue."""
    root = Path(__file__).resolve().parents[2] / "addin"
    sources = [*root.glob("core/validation/*.py"), root / "core/results.py", root / "services/validate.py",
               root / "core/entrusted.py", root / "core/referrals.py", root / "core/external_draw.py"]
    namespaces = "file|sheet|schema|id|row|ref|inspector|plan|settings|result|referral|import-draw"
    pattern = rf'(?:issue\(|add\(|,)\s*"((?:{namespaces})\.[a-z][a-z-]+)"'
    raised = {m for f in sources for m in re.findall(pattern, f.read_text(encoding="utf-8"))
              if m.rsplit(".", 1)[1] not in ("json", "jsonl", "tsv", "md")}
    assert {"result.not-drawn", "ref.item-category-no-targets", "schema.required", "result.testing-incomplete",
            "referral.unknown-result", "import-draw.unknown-task"} <= raised
    assert sorted(raised - set(CATALOGUE)) == []
    found = Issue("result.not-drawn", Severity.ERROR, "检查结果", 2, "B", "统一社会信用代码", "X",
                  {"uscc": "X", "task": "T01"})
    assert results_message(found) == render(found) == "对象 X 没有在任务“T01”的抽取中被抽中，不能录入该任务的检查结果。"


def test_the_issues_sheet_of_one_workbook() -> None:
    found = issues_of(spoiled())
    sheet = issues_sheet(BookReport(tuple(found), "invalid", ()))
    assert sheet.name == "校验结果"
    assert list(sheet.header) == ["工作表", "行", "列", "字段", "级别", "问题类型", "说明", "值", "代码"]
    assert [(r[0], r[1], r[2], r[8]) for r in sheet.rows] == [i.flat() for i in found]
    assert sheet.autofilter
    errors = sum(i.is_error for i in found)
    assert sheet.preamble[0] == ["校验结果"]
    assert sheet.preamble[1] == [f"未通过：错误 {errors} 个，警告 {len(found) - errors} 个"]
    assert {sheet.row_fills[n] for n, i in enumerate(found) if i.is_error} == {FILL_ERROR}
    assert {sheet.row_fills[n] for n, i in enumerate(found) if not i.is_error} == {FILL_WARNING}
    assert sheet.text_columns == (7,)


def test_the_issues_sheet_of_several_files_starts_with_the_path() -> None:
    found = tuple(issues_of(spoiled()))
    reports = [FileReport("b.xlsx", "invalid", found[:2]), FileReport("a.xlsx", "ok", ()),
               FileReport("c.xlsx", "unreadable", found[2:3])]
    sheet = issues_sheet(reports)
    assert sheet.header[0] == "文件"
    assert [r[0] for r in sheet.rows] == ["b.xlsx", "b.xlsx", "c.xlsx"]
    assert sheet.preamble[1] == ["文件 3 个：通过 1，有错误 1，无法读取 1"]


def test_cell_marks_one_per_cell_coloured_by_the_worst_severity() -> None:
    sheets = good_sheets()
    set_cell(sheets, "执法检查人员名录库", 2, "执法证有效期至", "2024/1/1")  # text date + expired: two warnings
    set_cell(sheets, "执法检查人员名录库", 3, "执法证号", "WJ001")  # duplicate key: an error
    marks = issue_marks(issues_of(sheets))
    assert [(m.sheet, m.row, m.column, m.fill) for m in marks] == [
        ("执法检查人员名录库", 2, "D", FILL_WARNING),
        ("执法检查人员名录库", 3, "C", FILL_ERROR),
    ]
    assert len(marks[0].note.splitlines()) == 2


def test_json_shape_is_the_contract() -> None:
    found = tuple(issues_of(spoiled()))
    data = json.loads(dumps([FileReport("a.xlsx", "invalid", found), FileReport("b.xlsx", "ok", ())]))
    assert set(data) == {"files", "summary"}
    assert set(data["files"][0]) == {"path", "status", "issues", "sheets"}  # contract's keys, and what grew
    assert all(set(i) == {"sheet", "row", "column", "field", "code", "severity", "message", "value"}
               for i in data["files"][0]["issues"])
    errors = sum(i.is_error for i in found)
    assert data["summary"] == {"files": 2, "ok": 1, "invalid": 1, "unreadable": 0, "errors": errors,
                               "warnings": len(found) - errors, "left_out": 0}

"""公示: public fields only, CSV that Excel opens and that cannot run formulas, the plan as seed 003's annexes."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
from post_cases import TARGETS, U, inputs_of

from addin.adapters.csv_out import plain, safe_cell
from addin.core.publication import PUBLIC_COLUMNS, plan_annexes, plan_fingerprint, window_text
from addin.core.results import TaskInfo
from addin.services.deadlines import run
from addin.services.publish import INTERNAL_SHEET, JOINT_SHEET, publish

D = dt.date
PRIVATE = ("13912345678", "0312-7654321", "从业人员无健康证明", "水质不合格", "李四", "A1")


def _texts(ws: openpyxl.worksheet.worksheet.Worksheet) -> str:
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def test_xlsx_publication_has_public_fields_only(book: Path, tmp_path: Path) -> None:
    done = publish(book, tmp_path / "公示.xlsx", D(2025, 11, 3))
    assert (done.results, done.rejected) == (3, 3)
    wb = openpyxl.load_workbook(done.path)
    ws = wb["公示"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == PUBLIC_COLUMNS
    assert [r[1] for r in rows[2:]] == [U[1], U[3], U[0]]  # by inspection date; rejected results left out
    text = _texts(ws)
    for secret in PRIVATE:
        assert secret not in text
    assert "C" not in {str(v) for row in rows for v in row}  # no credit-risk class
    assert wb.sheetnames == ["公示", JOINT_SHEET, INTERNAL_SHEET]  # nothing else leaves the department
    everything = "\n".join(_texts(sheet) for sheet in wb.worksheets)
    for secret in PRIVATE:
        assert secret not in everything
    assert done.record == tmp_path / f"{book.stem}-公示记录（内部，勿公开）.xlsx"
    kept = openpyxl.load_workbook(done.record).sheetnames
    assert kept == [*openpyxl.load_workbook(book).sheetnames, "公示", JOINT_SHEET, INTERNAL_SHEET, "公示记录"]


def test_csv_is_utf8_with_bom_and_formula_safe(make_book: Callable[..., Path], tmp_path: Path) -> None:
    targets = [TARGETS[0], TARGETS[1], (U[1], "@SUM(B9)", *TARGETS[2][2:]), TARGETS[3],
               (U[3], "-2+3", *TARGETS[4][2:]), *TARGETS[5:]]
    path = make_book(检查对象名录库=targets)
    wb = openpyxl.load_workbook(path)
    cell = wb["检查对象名录库"]["B2"]  # U[0]: a name typed as text that looks like a formula
    cell.value, cell.data_type = "=HYPERLINK(\"http://x\",\"点我\")", "s"
    wb.save(path)
    out = publish(path, tmp_path / "公示.csv", D(2025, 11, 3)).path
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == PUBLIC_COLUMNS
    names = [r[0] for r in rows[1:]]
    assert names == ['="@SUM(B9)"', '="-2+3"', '="=HYPERLINK(""http://x"",""点我"")"']  # strings, never run
    assert [plain(n) for n in names] == ["@SUM(B9)", "-2+3", "=HYPERLINK(\"http://x\",\"点我\")"]
    assert all(secret not in raw.decode("utf-8-sig") for secret in PRIVATE)
    assert [safe_cell("+1"), safe_cell("\t=1"), safe_cell(-5)] == ['="+1"', '="\t=1"', "-5"]
    assert safe_cell(D(2025, 6, 1)) == '="2025-06-01"'
    assert [safe_cell("121405994136650866"), safe_cell("2024-01"), safe_cell("91140500MA0L35C539")] == [
        '="121405994136650866"', '="2024-01"', "91140500MA0L35C539"]


SEED_RISK = "根据企业信用风险分类结果，结合行业监管风险分类，对低风险、一般风险、较高风险、高风险企业，分别递加抽查比例、频次。"


def test_plan_annexes_in_the_wording_of_seed_003() -> None:
    swim = TaskInfo("T1", "对全县游泳场（馆）的抽查", "定向", ("Y1", "M1"), "游泳场（馆）", ratio=1.0,
                    start=D(2024, 5, 1), end=D(2024, 12, 20), lead_dept="陵川县卫生健康和体育局",
                    partner_depts=("陵川县市场监督管理局",), risk_text=SEED_RISK)
    occupational = TaskInfo("T2", "对用人单位职业卫生的抽查", "定向", ("Z1",), "用人单位职业卫生", ratio=0.3,
                            start=D(2024, 5, 6), end=D(2024, 12, 15), lead_dept="陵川县卫生健康和体育局")
    names = {"Y1": "游泳场（馆）取得许可证及卫生管理情况等的检查", "M1": "市场主体登记事项和公示信息检查"}
    joint, internal = plan_annexes([swim, occupational], names, "陵川县卫生健康和体育局")
    assert joint == [["对全县游泳场（馆）的抽查",
                      "游泳场（馆）取得许可证及卫生管理情况等的检查；市场主体登记事项和公示信息检查",
                      "全县游泳场（馆）", "100%", SEED_RISK, "5月-12月", "陵川县卫生健康和体育局", "陵川县市场监督管理局"]]
    assert internal[0][1:5] == ["定向", "Z1", "全县用人单位职业卫生", "30%"]
    assert internal[0][6:] == ["5月-12月", "陵川县卫生健康和体育局", "陵川县卫生健康和体育局"]
    assert window_text(D(2024, 10, 1), D(2025, 1, 31)) == "2024年10月-2025年1月"


def test_plan_fingerprint_ignores_order_and_sees_changes() -> None:
    a = TaskInfo("T1", "甲", ratio=0.3, start=D(2024, 5, 1), end=D(2024, 12, 1))
    b = TaskInfo("T2", "乙", ratio=1.0)
    assert plan_fingerprint([a, b]) == plan_fingerprint([b, a])
    changed = TaskInfo("T1", "甲", ratio=0.5, start=D(2024, 5, 1), end=D(2024, 12, 1))
    assert plan_fingerprint([changed, b]) != plan_fingerprint([a, b])


def test_annex_sheets_written(book: Path, tmp_path: Path) -> None:
    done = publish(book, tmp_path / "公示.xlsx", D(2025, 2, 20))
    assert done.record is not None
    wb = openpyxl.load_workbook(done.record)
    joint = list(wb[JOINT_SHEET].iter_rows(values_only=True))
    assert joint[0][0] == "附件1"
    assert joint[1][0] == "示例县卫生健康局2025年度部门联合双随机抽查工作计划"
    assert joint[3][:4] == ("对全县游泳场（馆）的抽查", "游泳场（馆）取得许可证及卫生管理情况等的检查", "全县游泳场（馆）",
                            "100%")
    internal = list(wb[INTERNAL_SHEET].iter_rows(values_only=True))
    assert [r[0] for r in internal[3:]] == ["对全县公共场所的抽查", "对用人单位职业卫生的抽查"]
    record = list(wb["公示记录"].iter_rows(values_only=True))
    assert record[1][1:3] == ("年度抽查工作计划", 3)
    assert len(record[1][3]) == 64


def test_publishing_records_the_date_and_channel_so_the_reminders_follow(book: Path, tmp_path: Path) -> None:
    """The record copy gets 公示日期 and 公示渠道 for the results published; reminders and 公示率 follow."""
    day = D(2025, 11, 3)
    original = book.read_bytes()
    before = [r for r in run(inputs_of(book, day), day).reminders if r.code == "publish.overdue"]
    assert before
    done = publish(book, tmp_path / "公示.xlsx", day)
    assert done.record is not None
    assert "内部" in done.record.name  # the copy with the registries says it is internal
    assert done.recorded >= len(before)
    after = run(inputs_of(done.record, day), day)
    assert not [r for r in after.reminders if r.code == "publish.overdue"]
    published = [r for r in after.inputs.results if r.published_on == day]
    assert len(published) == done.recorded
    assert {r.channel for r in published} == {"国家企业信用信息公示系统"}
    assert book.read_bytes() == original  # the input workbook is never modified

"""股室 after the draw (reminders to the 股室 responsible, coverage per 股室, 计划汇总, 联合抽查建议) and each
department's own result in a joint task (validation, statistics, publication, ledger)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from post_cases import PLAN, RESULTS, TARGETS, U, inputs_of, uscc

from addin.cli import main
from addin.core.publication import public_rows
from addin.services.deadlines import run
from addin.services.plan_summary import plan_summary
from addin.services.results import check
from addin.services.statistics import compute

D = dt.date
TODAY = D(2025, 11, 3)
PUBLIC, OCCUPATIONAL = "公共卫生监督股", "职业健康股"
HEALTH, MARKET = "示例县卫生健康局", "示例县市场监督管理局"


def with_offices(plan: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The plan of post_cases with a 发起股室 per task: T01, T02 公共卫生监督股, T03 职业健康股."""
    office = {"T01": PUBLIC, "T02": PUBLIC, "T03": OCCUPATIONAL}
    return [(*plan[0], "发起股室")] + [(*row, office.get(row[0], PUBLIC)) for row in plan[1:]]


def targets() -> list[tuple[Any, ...]]:
    """The 100 targets of post_cases under 公共卫生监督股, and 40 employers of 职业健康股 (none inspected)."""
    rows = [TARGETS[0]] + [(*r[:5], PUBLIC, *r[6:]) for r in TARGETS[1:]]
    rows += [(uscc(500 + i), f"工厂{i}", "工业园区", "南河镇", "用人单位职业卫生", OCCUPATIONAL, "在营", "B", None)
             for i in range(40)]
    return rows


# the 卫生健康局's own result for the joint visit of U[3] (the 市场监督管理局's is RESULTS row 4)
HEALTH_RESULT = ("T02", U[3], D(2025, 6, 12), "A1", "实地检查", "发现问题已责令改正", "责令改正", "救生员不足",
                 D(2025, 7, 12), D(2025, 7, 1), HEALTH, "李四", D(2025, 6, 12), D(2025, 6, 20), "本局门户网站")


@pytest.fixture
def office_book(make_book: Callable[..., Path]) -> Path:
    return make_book(年度抽查计划=with_offices(PLAN), 检查对象名录库=targets(),
                     检查结果=[*RESULTS, HEALTH_RESULT])


def test_reminders_go_to_the_office_responsible(office_book: Path) -> None:
    found = run(inputs_of(office_book, TODAY), TODAY).reminders
    by_code = {(r.code, r.task_id, r.office) for r in found}
    assert ("task.not-drawn", "T03", OCCUPATIONAL) in by_code
    assert ("publish.overdue", "T01", PUBLIC) in by_code  # entered by T01's 发起部门 卫生监督所
    assert ("ledger.overdue", "T01", PUBLIC) in by_code
    # each office against the targets it supervises: 3 of 100 inspected (3 %, on target) and 0 of 40
    coverage = {r.office: r.message for r in found if r.code == "year.office-coverage-below-target"}
    assert set(coverage) == {OCCUPATIONAL}
    assert "股室“职业健康股”监管的 40 户在营对象中已检查 0 户" in coverage[OCCUPATIONAL]
    # both departments of the joint task T02 entered their results: no reminder for a missing one
    assert not [r for r in found if r.code == "task.department-result-missing"]


def test_an_office_below_its_target_is_reminded(make_book: Callable[..., Path]) -> None:
    path = make_book(年度抽查计划=with_offices(PLAN), 检查对象名录库=targets(), 检查结果=RESULTS[:3])  # 2 of 100
    found = run(inputs_of(path, TODAY), TODAY).reminders
    offices = sorted(r.office for r in found if r.code == "year.office-coverage-below-target")
    assert offices == [PUBLIC, OCCUPATIONAL]


def test_the_deadlines_sheet_and_json_name_the_office(office_book: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "提醒.xlsx"
    main(["deadlines", str(office_book), "--today", TODAY.isoformat(), "--json", "-", "--out", str(out)])
    report = json.loads(capsys.readouterr().out)
    assert {r["office"] for r in report["reminders"] if r["task"] == "T03"} == {OCCUPATIONAL}
    ws = openpyxl.load_workbook(out)["时限提醒"]
    header = [c.value for c in ws[2]]
    column = header.index("责任股室")
    assert OCCUPATIONAL in {row[column] for row in ws.iter_rows(min_row=3, values_only=True)}


def test_each_department_of_a_joint_task_keeps_its_own_result(office_book: Path) -> None:
    inputs = inputs_of(office_book, TODAY)
    checked = check(inputs, TODAY)
    joint = [r for r in checked.accepted if r.task_id == "T02"]
    assert [(r.dept, r.inspectors) for r in joint] == [(MARKET, ("A1", "M1")), (HEALTH, ("A1",))]
    # the ledger keeps each department's problem apart
    ledger = [(r.dept, r.problem, r.measures) for r in checked.ledger if r.task_id == "T02"]
    assert ledger == [(MARKET, "水质不合格", ("移送办案机构立案",)), (HEALTH, "救生员不足", ("责令改正",))]
    # statistics count the business once for the task
    stats = {s.task_id: s for s in compute(inputs, checked, TODAY)}
    assert (stats["T02"].drawn, stats["T02"].inspected, stats["T02"].published) == (1, 1, 1)
    assert stats["T02"].office == PUBLIC
    # publication lists each department's result with that department as 检查机关
    rows = public_rows(joint, inputs.tasks, inputs.names, {}, "示例县卫生健康局")
    assert [r[-1] for r in rows] == [MARKET, HEALTH]


def test_a_joint_result_must_be_signed_by_its_own_department(make_book: Callable[..., Path]) -> None:
    wrong = ("T02", U[3], D(2025, 6, 12), "A1", "实地检查", "未发现问题", "无需后续处置", None, None, None, MARKET,
             "孙七", None, None, None)
    path = make_book(检查结果=[RESULTS[0], wrong])
    found = check(inputs_of(path, TODAY), TODAY).issues
    assert [(i.flat(), i.params["own"]) for i in found] == [(("检查结果", 2, "D", "result.department-not-on-team"),
                                                             "M1")]


def test_a_department_without_its_result_is_reminded(book: Path) -> None:
    found = [r for r in run(inputs_of(book, TODAY), TODAY).reminders if r.code == "task.department-result-missing"]
    assert [(r.task_id, r.dept) for r in found] == [("T02", HEALTH)]
    assert U[3] in found[0].message


def test_plan_summary_per_office_and_joint_suggestions(make_book: Callable[..., Path], tmp_path: Path) -> None:
    # T04: a second 公共场所 task, of 职业健康股, in the same window as T01
    t04 = ("T04", "对公共场所控烟的抽查", "不定向", "GG01", "公共场所", "10%", 1, D(2025, 5, 1), D(2025, 12, 20),
           "卫生监督所", None, None, OCCUPATIONAL)
    path = make_book(年度抽查计划=[*with_offices(PLAN), t04], 检查对象名录库=targets(),
                     检查结果=[*RESULTS, HEALTH_RESULT])
    out = tmp_path / "汇总.xlsx"
    summary = plan_summary(path, TODAY, out)
    rows = {o.office: o for o in summary.offices}
    assert list(rows) == [PUBLIC, OCCUPATIONAL, "合计"]
    public = rows[PUBLIC]
    assert (public.tasks, public.supervised, public.drawn, public.inspected, public.covered) == \
        (("T01", "T02"), 100, 4, 3, 3)
    assert rows[OCCUPATIONAL].tasks == ("T03", "T04")
    assert rows[OCCUPATIONAL].supervised == 40
    assert rows[OCCUPATIONAL].covered == 0
    assert "预计覆盖率低于目标" not in public.status()
    assert rows["合计"].supervised == 140
    # T01 (30 %) and T04 (10 %) share 99 targets in business: C 6 (1/3 vs 1/6), A 93 (28/93 vs 10/93)
    [pair] = summary.suggestions
    assert (pair.a.task_id, pair.b.task_id, pair.shared) == ("T01", "T04", 99)
    assert round(float(pair.coordinated), 3) == 11.0
    assert round(float(pair.independent), 3) == round(6 / 18 + 280 / 93, 3)
    assert pair.cells(1)[11] == "是"  # across 股室
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == ["计划汇总", "联合抽查建议"]
    assert wb["计划汇总"].cell(3, 1).value == PUBLIC
    assert wb["联合抽查建议"].cell(3, 2).value == "T01"

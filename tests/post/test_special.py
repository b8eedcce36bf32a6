"""专项检查建议: a problem found in a settable share of one category's inspections becomes a plan-shaped candidate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
from post_cases import uscc

from addin.adapters.calendar import builtin_holidays
from addin.cli import main
from addin.core.ledger import build_ledger
from addin.core.results import ResultRecord, TaskInfo
from addin.core.special import SpecialRules, candidates, problem_key, suggestion_rows
from addin.core.workdays import WorkCalendar
from addin.services.followup import plan_columns

D = dt.date
CAL = WorkCalendar.build(builtin_holidays())
TASKS = (TaskInfo("T01", "对全县公共场所的抽查", items=("GG01", "GG02"), category="公共场所", ratio=0.05,
                  lead_dept="卫生健康局"),
         TaskInfo("T02", "对全县游泳场（馆）的抽查", items=("YY01",), category="游泳场（馆）", ratio=1.0,
                  lead_dept="卫生健康局"))
JUNE = D(2025, 6, 10)
NAMES = {"GG01": "公共场所卫生管理检查", "GG02": "公共场所卫生检测", "YY01": "游泳场所检查"}


def rec(n: int, task: str = "T01", problem: str = "", items: tuple[str, ...] = (),
        day: dt.date = JUNE) -> ResultRecord:
    outcome = ("发现问题已责令改正",) if problem or items else ("未发现问题",)
    return ResultRecord(row=n + 1, task_id=task, uscc=uscc(n), inspected_on=day, inspectors=("A1",),
                        methods=("实地检查",), outcomes=outcome, problem=problem, problem_items=items,
                        follow_ups=("责令改正",) if problem or items else ("无需后续处置",),
                        rectify_by=day + dt.timedelta(days=15) if problem or items else None)


def found(results: list[ResultRecord], rules: SpecialRules) -> list[tuple[str, str, int, int]]:
    ledger = build_ledger(results, TASKS, {}, D(2025, 7, 1), CAL)
    return [(c.category, c.label, c.found, c.inspected) for c in candidates(results, ledger, TASKS, NAMES, rules)]


def test_a_common_problem_reaches_the_share() -> None:
    results = [rec(i) for i in range(10)]
    # 3 of 10 公共场所 with the same problem, written slightly differently; 2 with another one
    results[0] = rec(0, problem="从业人员无健康合格证明")
    results[1] = rec(1, problem="从业人员无健康合格证明。")
    results[2] = rec(2, problem=" 从业人员无健康合格证明 ")
    results[3] = rec(3, problem="未公示卫生检测结果")
    results[4] = rec(4, problem="未公示卫生检测结果")
    rules = SpecialRules(2025, share=0.2, min_targets=3, tasks_due=D(2025, 12, 22))
    assert found(results, rules) == [("公共场所", "从业人员无健康合格证明", 3, 10)]
    assert found(results, SpecialRules(2025, share=0.31, min_targets=3)) == []  # 30 % < 31 %
    assert found(results, SpecialRules(2025, share=0.2, min_targets=2)) == [
        ("公共场所", "从业人员无健康合格证明", 3, 10), ("公共场所", "未公示卫生检测结果", 2, 10)]
    assert problem_key(" 从业人员无健康合格证明。") == problem_key("从业人员无健康合格证明")


def test_problem_items_name_the_item_and_other_years_do_not_count() -> None:
    results = [rec(i) for i in range(6)]
    for i in range(3):
        results[i] = rec(i, problem=f"问题{i}", items=("GG02",))
    results.append(rec(20, problem="旧问题", items=("GG02",), day=D(2024, 6, 1)))  # last year
    rules = SpecialRules(2025, share=0.5, min_targets=3)
    assert found(results, rules) == [("公共场所", "公共场所卫生检测", 3, 6)]


def test_the_suggestion_has_the_plans_columns() -> None:
    results = [rec(0, problem="从业人员无健康合格证明"), rec(1, problem="从业人员无健康合格证明"),
               rec(2, problem="从业人员无健康合格证明"), rec(3)]
    rules = SpecialRules(2025, share=0.2, min_targets=3, tasks_due=D(2025, 12, 22))
    ledger = build_ledger(results, TASKS, {}, D(2025, 7, 1), CAL)
    columns = plan_columns()
    rows = suggestion_rows(candidates(results, ledger, TASKS, NAMES, rules), TASKS, rules, D(2025, 7, 31), columns)
    row = dict(zip(columns, rows[0], strict=False))
    assert row == {"任务编号": "ZX2025-01", "抽查任务名称": "对全县公共场所“从业人员无健康合格证明”问题的专项检查",
                   "抽查类型": "定向", "抽查事项": "GG01、GG02", "检查对象类别": "公共场所", "所属乡镇": None,
                   "抽查比例": 0.1, "A类比例": None, "B类比例": None, "C类比例": None, "D类比例": None, "频次": 1,
                   "开始日期": D(2025, 8, 1), "结束日期": D(2025, 12, 22), "发起部门": "卫生健康局", "配合部门": None,
                   "信用风险分类要求": None} | {c: None for c in columns if c in ("发起股室", "协同抽取", "A类频次", "B类频次", "C类频次", "D类频次")}
    assert rows[0][len(columns):len(columns) + 5] == ["从业人员无健康合格证明", 4, 3, 0.75, "T01"]
    late = suggestion_rows(candidates(results, ledger, TASKS, NAMES, rules), TASKS, rules, D(2025, 12, 25), columns)
    assert (late[0][columns.index("开始日期")], late[0][columns.index("结束日期")]) == (None, None)
    assert "下一年度" in str(late[0][-1])


def test_deadlines_output_has_the_sheet(book: Path, tmp_path: Path, make_book: Callable[..., Path]) -> None:
    out = tmp_path / "提醒.xlsx"
    main(["deadlines", str(book), "--today", "2025-11-03", "--out", str(out)])
    ws = openpyxl.load_workbook(out)["专项检查建议"]
    assert [c.value for c in ws[2]][:len(plan_columns())] == list(plan_columns())
    assert "本年度暂无达到条件的问题" in str(ws["A1"].value)

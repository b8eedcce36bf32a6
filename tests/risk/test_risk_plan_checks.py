"""Plan checks of the credit-risk classes: 递加 (rates and 频次 rising from A to D, the cells named),
凡随机抽查必风险分类 (a task without class differentiation), and the year's share of tasks that use the classes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from book_files import save_xlsx

from addin.core.ids import uscc_check_char
from addin.services.validate import validate_path

D = dt.date
PLAN_HEADER = ("任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "抽查比例", "A类比例", "B类比例", "C类比例",
               "D类比例", "频次", "A类频次", "D类频次", "开始日期", "结束日期", "发起部门")


def code(n: int) -> str:
    body = f"9114059{n:010d}"
    return body + uscc_check_char(body)


def book(path: Path, plan: list[tuple[Any, ...]], classes: str = "ABCD") -> Path:
    targets: list[tuple[Any, ...]] = [("统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态",
                                       "信用风险分类")]
    for n in range(1, 21):
        targets.append((code(n), f"单位{n}", "人民路1号", "城关镇", "公共场所", "公共卫生监督股", "在营",
                        classes[n % len(classes)] if classes else None))
    return save_xlsx(path, {"检查对象名录库": targets, "年度抽查计划": [PLAN_HEADER, *plan]})


def task(number: str, ratio: str, a: str | None = None, d: str | None = None, batches: int = 1,
         a_batches: int | None = None, d_batches: int | None = None) -> tuple[Any, ...]:
    return (number, f"任务{number}", "不定向", "GG01", "公共场所", ratio, a, None, None, d, batches, a_batches, d_batches,
            D(2024, 5, 1), D(2024, 11, 30), "卫生健康局")


def found(path: Path, code_: str) -> list[tuple[int | None, str | None, str]]:
    report = validate_path(path, today=D(2024, 3, 1))
    return [(i.row, i.column, str(i.params)) for i in report.issues if i.code == code_]


def test_rates_falling_from_a_to_d_are_a_warning_naming_the_cells(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", [task("T1", "30%", a="50%", d="10%"), task("T2", "5%", a="3%", d="100%")])
    issues = found(path, "plan.rates-not-increasing")
    assert [(row, column) for row, column, _ in issues] == [(2, "G")]
    text = issues[0][2]
    assert "A类比例 50%（G2）高于B类比例 30%（F2）" in text  # B has no rate of its own: 抽查比例's cell
    assert "A类比例 50%（G2）高于D类比例 10%（J2）" in text
    assert "C类比例 30%（F2）高于D类比例 10%（J2）" in text


def test_frequencies_falling_from_a_to_d_are_a_warning(tmp_path: Path) -> None:
    path = book(tmp_path / "b.xlsx", [task("T1", "30%", a="10%", d="100%", batches=2, a_batches=3, d_batches=1)])
    issues = found(path, "plan.frequencies-not-increasing")
    assert [(row, column) for row, column, _ in issues] == [(2, "L")]
    assert "A类频次 3（L2）高于D类频次 1（M2）" in issues[0][2]


def test_a_task_without_class_differentiation_and_the_share_of_the_year(tmp_path: Path) -> None:
    plan = [task("T1", "30%"), task("T2", "5%", a="3%", d="100%"), task("T3", "100%", batches=1, d_batches=2)]
    path = book(tmp_path / "b.xlsx", plan)
    assert [(row, column) for row, column, _ in found(path, "plan.no-class-differentiation")] == [(2, "F")]
    share = found(path, "plan.class-share")
    assert len(share) == 1
    assert "'using': 2, 'total': 3" in share[0][2]
    assert "67%" in share[0][2]
    unclassified = book(tmp_path / "u.xlsx", plan, classes="")
    assert found(unclassified, "plan.no-class-differentiation") == []
    everyone = book(tmp_path / "e.xlsx", plan[1:])
    assert found(everyone, "plan.class-share") == []


def test_the_statistics_report_the_share_of_tasks_that_use_the_classes() -> None:
    from addin.core.results import TaskInfo
    from addin.services.statistics import class_share, statistics_sheet

    tasks = [TaskInfo("T1", "甲", ratio=0.3), TaskInfo("T2", "乙", ratio=0.05, class_ratios=(("D", 1.0),)),
             TaskInfo("T3", "丙", ratio=1.0, class_frequencies=(("D", 2),)), TaskInfo("T4", "丁", ratio=0.1)]
    assert class_share(tasks) == (2, 4)
    note = statistics_sheet([], D(2024, 7, 31), tasks).preamble[0][0]
    assert "本年度计划 4 项任务中 2 项（50%）按信用风险分类区分抽查比例或频次" in note

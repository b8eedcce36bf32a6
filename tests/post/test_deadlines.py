"""时限提醒: the reminders a county bureau relies on, counted in Chinese working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
from post_cases import PLAN, SETTINGS, inputs_of

from addin.core.deadlines import Level
from addin.services.deadlines import run
from addin.services.publish import publish

D = dt.date


def _codes(path: Path, today: dt.date) -> list[tuple[str, Level]]:
    return [(r.code, r.level) for r in run(inputs_of(path, today), today).reminders]


def test_reminders_as_of_a_day(book: Path) -> None:
    today = D(2025, 11, 3)
    found = run(inputs_of(book, today), today).reminders
    assert [(r.code, r.level, r.task_id, r.due, r.overdue_workdays) for r in found] == [
        ("plan.not-published", Level.OVERDUE, "", D(2025, 2, 28), found[0].overdue_workdays),
        ("ledger.overdue", Level.OVERDUE, "T01", D(2025, 6, 30), found[1].overdue_workdays),
        # inspected Friday 2025-09-26: 20 working days across National Day → 2025-10-30; Oct 31, Nov 3 late
        ("publish.overdue", Level.OVERDUE, "T01", D(2025, 10, 30), 2),
        ("task.not-drawn", Level.WARNING, "T03", D(2025, 10, 1), found[3].overdue_workdays),
        ("year.publication-rate", Level.WARNING, "", D(2025, 12, 31), 0),
        # 后续处置 移送办案机构立案 on row 4, but 移送记录 holds no such referral
        ("referral.not-recorded", Level.WARNING, "T02", None, 0),
        # the joint task T02: the 市场监督管理局 entered its result, the 卫生健康局 has not entered its own
        ("task.department-result-missing", Level.INFO, "T02", D(2025, 12, 22), 0),
    ]
    assert found[5].dept == "示例县市场监督管理局"  # the department that entered the result
    assert found[6].dept == "示例县卫生健康局"
    assert found[2].dept == "卫生监督所"
    assert "2025年10月30日" in found[2].message
    assert "已公示 2 / 已检查 3" in found[4].message


def test_publication_due_soon_before_the_limit(book: Path) -> None:
    found = run(inputs_of(book, D(2025, 10, 27)), D(2025, 10, 27)).reminders
    soon = [r for r in found if r.code == "publish.due-soon"]
    assert len(soon) == 1
    assert "还剩 3 个工作日" in soon[0].message


def test_task_end_on_a_saturday_moves_to_monday(book: Path) -> None:
    # 任务完成截止 2025-12-20 is a Saturday: the drawn target whose result was rejected is still uninspected.
    assert ("task.overdue", Level.OVERDUE) not in _codes(book, D(2025, 12, 22))
    found = run(inputs_of(book, D(2025, 12, 23)), D(2025, 12, 23)).reminders
    overdue = [r for r in found if r.code == "task.overdue"]
    assert [(r.task_id, r.due, r.overdue_workdays) for r in overdue] == [("T01", D(2025, 12, 22), 1)]
    assert "还有 1 户" in overdue[0].message


def test_plan_published_then_changed_then_published_again(book: Path, tmp_path: Path) -> None:
    published = publish(book, tmp_path / "公示.xlsx", D(2025, 2, 20)).record
    assert published is not None
    today = D(2025, 11, 3)
    codes = [c for c, _ in _codes(published, today)]
    assert "plan.not-published" not in codes
    assert "plan.changed-since-published" not in codes
    wb = openpyxl.load_workbook(published)
    wb["年度抽查计划"]["F2"] = "50%"  # T01's ratio changed after publication
    changed = tmp_path / "调整后.xlsx"
    wb.save(changed)
    assert ("plan.changed-since-published", Level.WARNING) in _codes(changed, today)
    again = publish(changed, tmp_path / "重新公示.xlsx", D(2025, 7, 1)).record
    assert again is not None
    assert "plan.changed-since-published" not in [c for c, _ in _codes(again, today)]


def test_unknown_year_counts_monday_to_friday_visibly(make_book: Callable[..., Path]) -> None:
    settings = [row if row[0] != "年度" else ("年度", 2031) for row in SETTINGS]
    plan = [PLAN[0], *((*row[:7], D(2031, 5, 1), D(2031, 12, 19), *row[9:]) for row in PLAN[1:])]
    path = make_book(设置=settings, 年度抽查计划=plan)
    found = run(inputs_of(path, D(2031, 6, 2)), D(2031, 6, 2)).reminders
    fallback = [r for r in found if r.code == "calendar.fallback"]
    assert len(fallback) == 1
    assert "2031 年" in fallback[0].message
    assert "周一至周五" in fallback[0].message
    holidays = [("日期", "类型", "说明"), (D(2031, 1, 1), "休", "元旦")]
    path = make_book("有节假日.xlsx", 设置=settings, 年度抽查计划=plan, 节假日=holidays)
    assert "calendar.fallback" not in [c for c, _ in _codes(path, D(2031, 6, 2))]


def test_coverage_below_target(make_book: Callable[..., Path]) -> None:
    path = make_book(设置=[*SETTINGS, ("年度抽查覆盖率目标", "5%")])
    found = [r for r in run(inputs_of(path, D(2025, 11, 3)), D(2025, 11, 3)).reminders
             if r.code == "year.coverage-below-target"]
    assert len(found) == 1
    assert found[0].level is Level.WARNING  # even the draws (4 of 100) cannot reach 5 %
    assert "已检查 3 户，占监管对象 100 户的 3%" in found[0].message


def test_the_plan_is_due_by_the_end_of_february_unless_a_day_is_set(make_book: Callable[..., Path]) -> None:
    """计划公示截止 defaults to 2月底前: 2024-02-29 in a leap year is still on time; an explicit 02-28 is kept."""
    settings = [("项目", "值"), ("单位名称", "示例县卫生健康局"), ("年度", 2024)]
    plan = [PLAN[0], *((row[0], *row[1:7], D(2024, 5, 1), D(2024, 12, 20), *row[9:]) for row in PLAN[1:])]

    def plan_level(path: Path, day: dt.date) -> Level | None:
        found = [r for r in run(inputs_of(path, day), day).reminders if r.code == "plan.not-published"]
        return found[0].level if found else None

    default = make_book("默认.xlsx", 设置=settings, 年度抽查计划=plan)
    assert plan_level(default, D(2024, 2, 29)) is Level.WARNING
    assert plan_level(default, D(2024, 3, 1)) is Level.OVERDUE
    explicit = make_book("二月二十八.xlsx", 设置=[*settings, ("计划公示截止", "02-28")], 年度抽查计划=plan)
    assert plan_level(explicit, D(2024, 2, 29)) is Level.OVERDUE

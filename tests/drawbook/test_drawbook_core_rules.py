"""The pure freeze rules (addin.core.freeze) on hand-made values: rates, 小项, batch names, task choice,
inspections counted once, cooperating departments, and what changed between two frozen files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from addin.core.errors import AddinError
from addin.core.freeze.batch import choose_tasks, next_plan_id
from addin.core.freeze.build import tsv_changes
from addin.core.freeze.history import BatchRecord, History, PastVisit
from addin.core.freeze.plan_json import percent, rate_text, subtasks_of
from addin.core.records import ItemRow, PastResult, PlanTask, split_checks

D = dt.date
MAY_1 = D(2024, 5, 1)


def test_rates_are_exact_decimal_strings() -> None:
    assert [rate_text(Decimal(x), "T") for x in ("0.30", "1", "1.00", "0.035", "0", "0.000001")] == [
        "0.3", "1", "1", "0.035", "0", "0.000001"]
    with pytest.raises(AddinError):
        rate_text(Decimal("0.0000001"), "T")
    with pytest.raises(AddinError):
        rate_text(Decimal("1.5"), "T")
    assert [percent(x) for x in ("0.3", "1", "0.035", None)] == ["30%", "100%", "3.5%", ""]


def test_checks_split_outside_brackets_only() -> None:
    assert split_checks("卫生许可证、池水水质（余氯、pH 值），浸脚消毒池\n登记事项(名称、住所)") == (
        "卫生许可证", "池水水质（余氯、pH 值）", "浸脚消毒池", "登记事项(名称、住所)")
    assert split_checks(None) == ()


def test_batch_names_count_every_frozen_batch_of_the_unit_and_year() -> None:
    taken = ["示例县卫生健康局-2024年第1批", "示例县卫生健康局-2024年第3批", "别县-2024年第7批", "示例县卫生健康局-2023年第5批"]
    assert next_plan_id("示例县卫生健康局", 2024, taken) == "示例县卫生健康局-2024年第4批"
    assert next_plan_id(None, 2024, []) == "2024年第1批"
    assert next_plan_id("a/b", 2024, []) == "ab-2024年第1批"


def _task(number: str, frequency: int = 1, start: dt.date = MAY_1) -> PlanTask:
    return PlanTask(number, f"任务{number}", ("I1",), "公共场所", frequency=frequency, start=start,
                    end=D(2024, 11, 30), lead_dept="卫生健康局", ratio=Decimal("0.3"))


def test_task_choice_by_window_and_frequency() -> None:
    history = History(batches=(BatchRecord("b1", ("T1",), drawn=True, voided=False),
                               BatchRecord("b2", ("T2",), drawn=True, voided=True),
                               BatchRecord("b3", ("T3",), drawn=False, voided=False)))
    tasks = [_task("T1"), _task("T2"), _task("T3"), _task("T4", frequency=2), _task("T5", start=D(2024, 6, 1))]
    choices = {c.task.number: c for c in choose_tasks(tasks, D(2024, 5, 6), history)}
    assert {n: c.included for n, c in choices.items()} == {"T1": False, "T2": True, "T3": True, "T4": True,
                                                           "T5": False}
    assert "频次已用完" in choices["T1"].note
    assert [b.plan_id for b in history.pending_with(["T3"])] == ["b3"]
    explicit = choose_tasks(tasks, D(2024, 5, 6), history, ["t1"])
    assert [c.task.number for c in explicit if c.included] == ["T1"]
    with pytest.raises(AddinError):
        choose_tasks(tasks, D(2024, 1, 1), history)


def test_an_inspection_is_counted_once_per_item() -> None:
    history = History(
        batches=(BatchRecord("b1", ("T1",), True, False), BatchRecord("bv", ("T1",), True, True)),
        visits=(PastVisit("b1", "E1", ("T1",), ("I1",)), PastVisit("bv", "E2", ("T1",), ("I1",))),
        results=(PastResult("T1", "E1", D(2024, 6, 1), ("ZF1",)),  # the drawn visit's result: same inspection
                 PastResult("T2", "E3", D(2024, 2, 1), ("ZF2",)),  # inspected without a draw
                 PastResult("T2", "E4", D(2023, 9, 1), ("ZF3",))),  # last year
        voided=frozenset({"bv"}))
    counts = history.inspections({"T1": ("I1",), "T2": ("I1", "I2")}, 2024)
    assert dict(counts) == {("E1", "I1"): 1, ("E3", "I1"): 1, ("E3", "I2"): 1}
    assert history.last_inspectors() == {"E1": ("ZF1",), "E3": ("ZF2",), "E4": ("ZF3",)}
    assert history.used_frequency("T1") == 1


def test_every_cooperating_department_gets_a_draw_task() -> None:
    items = {"I1": ItemRow("I1", "甲", expertise="公共场所", dept="卫生健康局", partner_depts=("住建局",)),
             "I2": ItemRow("I2", "乙", expertise="公共场所", dept=""),
             "I3": ItemRow("I3", "丙", expertise="市场监管", dept="市场监督管理局")}
    task = PlanTask("T1", "联合", ("I1", "I2", "I3"), "公共场所", lead_dept="卫生健康局",
                    partner_depts=("市场监督管理局", "体育局"))
    subs = [(s.task_id, s.items) for s in subtasks_of(task, items)]
    assert subs == [("T1/卫生健康局/公共场所", ("I1", "I2")), ("T1/市场监督管理局/市场监管", ("I3",)),
                    ("T1/体育局", ()), ("T1/住建局", ())]


def test_changes_between_two_frozen_files_are_named() -> None:
    old = b"E1\tA\tx/\ty/\nE2\tB\tx/\ty/\n"
    new = b"E1\tC\tx/\ty/\nE3\tB\tx/\ty/\n"
    assert tsv_changes(old, new) == "新增 E3；移除 E2；内容改变 E1"

"""Results checked against the draws (谁检查、谁录入、谁公开) and the problem ledger (问题台账)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from post_cases import ARRANGEMENT, U, default_sheets, inputs_of, write_book

from addin.adapters.calendar import builtin_holidays
from addin.core.ledger import LedgerStatus, build_ledger, status_of
from addin.core.referrals import Referral
from addin.core.results import ResultRecord
from addin.core.workdays import WorkCalendar
from addin.services.results import check

D = dt.date
TODAY = D(2025, 11, 3)


def test_results_that_contradict_the_draws_are_errors_at_their_cells(book: Path) -> None:
    checked = check(inputs_of(book, TODAY), TODAY)
    assert [i.flat() for i in checked.issues] == [
        ("检查结果", 4, None, "result.testing-incomplete"),  # 检验检测 without the 委托检测 columns (a warning)
        ("检查结果", 5, "B", "result.voided-draw"),
        ("检查结果", 6, "B", "result.not-drawn"),
        ("检查结果", 7, "D", "result.inspector-not-on-team"),
        ("检查结果", 7, "K", "result.department-not-in-task"),
    ]
    assert [r.row for r in checked.accepted] == [2, 3, 4]


def test_partner_department_may_enter_a_joint_result_and_aliases_are_resolved(book: Path) -> None:
    accepted = {r.row: r for r in check(inputs_of(book, TODAY), TODAY).accepted}
    assert accepted[4].dept == "示例县市场监督管理局"
    assert accepted[3].outcomes == ("发现问题已责令改正",)  # alias 发现问题经责令已改正
    assert accepted[3].methods == ("实地检查",)  # alias 实地核查


def test_ledger_rows_with_status_and_days_overdue(book: Path) -> None:
    ledger = check(inputs_of(book, TODAY), TODAY).ledger
    assert [(r.result_row, r.uscc, r.status, r.days_overdue) for r in ledger] == [
        (3, U[1], LedgerStatus.OVERDUE, (TODAY - D(2025, 6, 30)).days),
        (4, U[3], LedgerStatus.REFERRED, 0),
    ]
    assert ledger[0].problem == "从业人员无健康证明"
    assert ledger[0].measures == ("责令改正",)
    assert ledger[0].name == "示例单位2"


CAL = WorkCalendar.build(builtin_holidays())


def _rec(**kw: object) -> ResultRecord:
    base: dict[str, object] = {"row": 2, "task_id": "T01", "uscc": U[0], "inspected_on": D(2025, 9, 1),
                               "inspectors": ("A1",), "methods": ("实地检查",), "outcomes": ("发现问题已责令改正",),
                               "follow_ups": ("责令改正",)}
    base.update(kw)
    return ResultRecord(**base)  # type: ignore[arg-type]


def test_ledger_status_rules() -> None:
    # deadline on National Day → due 2025-10-09 (next working day)
    open_rec = _rec(rectify_by=D(2025, 10, 1))
    assert status_of(open_rec, D(2025, 10, 9), CAL) == (LedgerStatus.OPEN, 0)
    assert status_of(open_rec, D(2025, 10, 10), CAL) == (LedgerStatus.OVERDUE, 1)
    late = _rec(rectify_by=D(2025, 9, 10), rectified_on=D(2025, 9, 15))
    assert status_of(late, D(2025, 11, 1), CAL) == (LedgerStatus.RECTIFIED, 5)
    # a completion date in the future is not a rectification yet
    assert status_of(late, D(2025, 9, 12), CAL) == (LedgerStatus.OVERDUE, 2)
    judicial = _rec(outcomes=("发现问题待后续处理",), follow_ups=("移送司法机关",))
    assert status_of(judicial, D(2025, 11, 1), CAL) == (LedgerStatus.OPEN, 0)  # no referral passed in
    declared = (Referral("T01", U[0], "移送司法机关"),)
    assert status_of(judicial, D(2025, 11, 1), CAL, declared) == (LedgerStatus.REFERRED, 0)


def test_who_enters_the_ledger() -> None:
    assert not _rec(outcomes=("未发现问题",), follow_ups=("无需后续处置",)).has_problem
    assert not _rec(outcomes=("注销",), follow_ups=()).has_problem
    assert _rec(outcomes=("注销",), follow_ups=("抄告相关部门",)).has_problem
    assert _rec(outcomes=("发现问题待后续处理",), follow_ups=()).has_problem


def test_the_last_arrangement_sheet_of_a_batch_is_its_current_team(tmp_path: Path) -> None:
    """A substitution writes a new 检查安排 sheet for its batch; the earlier sheet stays only as the record."""
    sheets = default_sheets()
    header, *rows = ARRANGEMENT
    batch_b1 = [row for row in rows if row[0] == "B1"]
    # on G1, 赵六 (A3) replaced 王五 (A2)
    sheets["检查安排 (2)"] = [header] + [
        (*row[:8], "李四、赵六", "A1、A3", *row[10:]) if row[1] == "G1" else row for row in batch_b1
    ]
    flat = [i.flat() for i in check(inputs_of(write_book(tmp_path / "sub.xlsx", sheets), TODAY), TODAY).issues]
    assert ("检查结果", 2, "D", "result.inspector-not-on-team") in flat  # row 2 still names A2 on G1
    assert ("检查结果", 5, "B", "result.voided-draw") in flat  # batch B0 is read from the first sheet


def test_the_ledger_shows_the_deadline_as_it_takes_effect() -> None:
    """整改期限 Saturday 2024-06-29 moves to Monday 2024-07-01: the ledger shows that day and counts from it."""
    cal = WorkCalendar.build(builtin_holidays())
    rec = _rec(inspected_on=D(2024, 6, 1), rectify_by=D(2024, 6, 29))
    (row,) = build_ledger([rec], [], {}, D(2024, 7, 31), cal)
    assert row.rectify_by == D(2024, 7, 1)
    assert (row.status, row.days_overdue) == (LedgerStatus.OVERDUE, 30)
    assert row.cells(1)[9] == D(2024, 7, 1)

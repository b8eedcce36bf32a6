"""Referrals (移送记录) followed to their outcome: validation, ledger statuses, reminders in working days, counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from post_cases import RESULT_HEADER, RESULTS, SETTINGS, U, inputs_of

from addin.core.ledger import LedgerStatus
from addin.core.statistics import REFERRAL_STAT_COLUMNS, referral_table
from addin.services.deadlines import run
from addin.services.results import check
from addin.services.statistics import compute
from addin.services.validate import validate_path

D = dt.date
HEADER = ("任务编号", "统一社会信用代码", "移送类型", "移送日期", "接收机关", "文书号", "惩戒措施", "实施部门", "承办股室",
          "反馈日期", "办理结果", "办结日期", "处理情况")
EXECUTION = "示例县卫生健康综合行政执法队"
SENT = D(2025, 9, 26)


def referral(kind: str = "立案查处", on: dt.date | None = SENT, receiver: str = EXECUTION,
             feedback: dt.date | None = None, outcome: str | None = None, concluded: dt.date | None = None,
             office: str | None = "法制股", task: str = "T02", uscc: str = U[3], measure: str | None = None,
             implementer: str | None = None) -> tuple[Any, ...]:
    return (task, uscc, kind, on, receiver, "示卫移〔2025〕3号", measure, implementer, office, feedback, outcome,
            concluded, None)


def ledger_row(path: Path, today: dt.date) -> Any:
    checked = check(inputs_of(path, today), today)
    return next(r for r in checked.ledger if r.result_row == 4)


def test_a_referral_through_its_life(make_book: Callable[..., Path]) -> None:
    """Row 4 of 检查结果 (T02, 水质不合格) is referred for 立案查处 on Friday 2025-09-26."""
    sent = make_book("sent.xlsx", 移送记录=[HEADER, referral()])
    row = ledger_row(sent, D(2025, 10, 20))
    assert row.status is LedgerStatus.REFERRED
    assert not row.closed
    assert row.referrals[0].summary() == f"立案查处 → {EXECUTION}（2025-09-26、示卫移〔2025〕3号）"
    answered = make_book("answered.xlsx", 移送记录=[HEADER, referral(feedback=D(2025, 10, 20), outcome="立案")])
    assert ledger_row(answered, D(2025, 10, 19)).status is LedgerStatus.REFERRED  # feedback not yet received
    assert ledger_row(answered, D(2025, 10, 20)).status is LedgerStatus.ANSWERED  # 已立案: not concluded
    concluded = make_book("concluded.xlsx", 移送记录=[HEADER, referral(feedback=D(2025, 10, 20), outcome="已立案",
                                                                   concluded=D(2025, 11, 20))])
    assert ledger_row(concluded, D(2025, 11, 19)).status is LedgerStatus.ANSWERED
    done = ledger_row(concluded, D(2025, 11, 20))
    assert (done.status, done.closed) == (LedgerStatus.CONCLUDED, True)
    # a concluding outcome closes it without a 办结日期 (alias 已处罚 → 已作出处理)
    punished = make_book("punished.xlsx", 移送记录=[HEADER, referral(feedback=D(2025, 10, 20), outcome="已处罚")])
    assert ledger_row(punished, D(2025, 10, 20)).status is LedgerStatus.CONCLUDED
    # two referrals of one problem: the one still waiting keeps it 移送待反馈
    both = make_book("both.xlsx", 移送记录=[HEADER, referral(feedback=D(2025, 10, 20), outcome="已作出处理"),
                                          referral("抄告相关部门", D(2025, 10, 8), "示例县市场监督管理局")])
    row = ledger_row(both, D(2025, 10, 21))
    assert row.status is LedgerStatus.REFERRED
    assert [r.kind for r in row.referrals] == ["立案查处", "抄告相关部门"]


def test_a_missed_rectification_stays_overdue_whatever_the_referral(make_book: Callable[..., Path]) -> None:
    # row 3 (T01, U[1]): 责令改正 with 整改期限 2025-06-30, never rectified; referred to 立案查处 on 07-01
    sheet = [HEADER, referral(task="T01", uscc=U[1], on=D(2025, 7, 1))]
    checked = check(inputs_of(make_book(移送记录=sheet), D(2025, 7, 10)), D(2025, 7, 10))
    row = next(r for r in checked.ledger if r.result_row == 3)
    assert row.status is LedgerStatus.OVERDUE
    assert row.referrals[0].kind == "立案查处"


def test_feedback_reminders_in_working_days(make_book: Callable[..., Path]) -> None:
    """20 working days after Friday 2025-09-26 across National Day is 2025-10-30 (a Mon–Fri count: 10-24)."""
    path = make_book(移送记录=[HEADER, referral()])

    def about(today: dt.date) -> list[Any]:
        return [r for r in run(inputs_of(path, today), today).reminders if r.code.startswith("referral.")]

    assert about(D(2025, 10, 22)) == []
    soon = about(D(2025, 10, 27))
    assert [(r.code, r.level, r.due, r.dept, r.office) for r in soon] == [
        ("referral.feedback-due-soon", "warning", D(2025, 10, 30), "示例县市场监督管理局", "法制股")]
    assert "还剩 3 个工作日" in soon[0].message
    late = about(D(2025, 11, 3))
    assert [(r.code, r.level, r.due, r.overdue_workdays, r.uscc) for r in late] == [
        ("referral.no-feedback", "overdue", D(2025, 10, 30), 2, U[3])]
    assert f"接收机关：{EXECUTION}" in late[0].message
    assert "示卫移〔2025〕3号" in late[0].message
    # no 承办股室: addressed to the department that entered the result only (the plan names no 发起股室)
    unaddressed = make_book("plain.xlsx", 移送记录=[HEADER, referral(office=None)])
    assert [(r.dept, r.office) for r in run(inputs_of(unaddressed, D(2025, 11, 3)), D(2025, 11, 3)).reminders
            if r.code == "referral.no-feedback"] == [("示例县市场监督管理局", "")]
    # feedback received: nothing to remind of
    answered = make_book("answered.xlsx", 移送记录=[HEADER, referral(feedback=D(2025, 10, 31), outcome="办理中")])
    assert [r for r in run(inputs_of(answered, D(2025, 11, 3)), D(2025, 11, 3)).reminders
            if r.code.startswith("referral.")] == []


def test_the_feedback_limit_is_a_setting(make_book: Callable[..., Path]) -> None:
    path = make_book(设置=[*SETTINGS, ("移送反馈时限（工作日）", 10)], 移送记录=[HEADER, referral()])
    found = [r for r in run(inputs_of(path, D(2025, 10, 20)), D(2025, 10, 20)).reminders
             if r.code == "referral.no-feedback"]
    # 10 working days after 09-26: 09-28 (a make-up Sunday), 09-29, 09-30, then 10-09, 10-10, 10-11 (a make-up
    # Saturday), 10-13 … 10-16
    assert [(r.due, r.overdue_workdays) for r in found] == [(D(2025, 10, 16), 2)]


def test_referral_rows_are_checked_at_their_cells(make_book: Callable[..., Path], tmp_path: Path) -> None:
    rows = [
        HEADER,
        referral(task="T09"),  # row 2: no such result
        referral(feedback=D(2025, 9, 20)),  # row 3: feedback before the referral
        referral("失信联合惩戒", measure="列入严重违法失信名单"),  # row 4: no 实施部门
        referral(outcome="已立案"),  # row 5: an outcome without its feedback date
        referral(on=D(2025, 6, 1)),  # row 6: before the inspection (2025-06-12)
        referral("移送纪委监委"),  # row 7: an alias of 移送纪检监察
    ]
    path = make_book(移送记录=rows)
    checked = check(inputs_of(path, D(2025, 11, 3)), D(2025, 11, 3))
    found = [i.flat() for i in checked.issues if i.sheet == "移送记录"]
    assert found == [
        ("移送记录", 2, "B", "referral.unknown-result"),
        ("移送记录", 3, "J", "referral.date-order"),
        ("移送记录", 4, "H", "referral.sanction-incomplete"),
        ("移送记录", 5, "J", "referral.outcome-without-feedback"),
        ("移送记录", 6, "D", "referral.before-inspection"),
    ]
    report = validate_path(path, today=D(2025, 11, 3))
    assert [i.flat() for i in report.issues if i.code.startswith("referral.")] == found  # ssj validate: same rules
    kinds = [r.kind for row in checked.ledger for r in row.referrals]
    assert "移送纪检监察" in kinds
    assert "联合惩戒" in kinds


def test_new_follow_ups_are_accepted_with_their_aliases(make_book: Callable[..., Path]) -> None:
    results = [RESULT_HEADER, *RESULTS[1:3],
               (*RESULTS[3][:6], "移送纪委监委、失信联合惩戒", *RESULTS[3][7:])]
    path = make_book(检查结果=results)
    report = validate_path(path, today=D(2025, 11, 3))
    assert [i.flat() for i in report.issues if i.code == "schema.enum"] == []
    checked = check(inputs_of(path, D(2025, 11, 3)), D(2025, 11, 3))
    row = next(r for r in checked.ledger if r.result_row == 4)
    assert row.measures == ("移送纪检监察", "联合惩戒")
    assert [(r.kind, r.recorded) for r in row.referrals] == [("移送纪检监察", False), ("联合惩戒", False)]
    assert row.status is LedgerStatus.REFERRED
    codes = [r.code for r in run(inputs_of(path, D(2025, 11, 3)), D(2025, 11, 3)).reminders]
    assert codes.count("referral.not-recorded") == 2


@pytest.mark.parametrize("today", [D(2025, 11, 3)])
def test_referrals_counted_by_type_status_and_outcome(make_book: Callable[..., Path], today: dt.date) -> None:
    rows = [HEADER, referral(feedback=D(2025, 10, 20), outcome="已作出处理"),
            referral("抄告相关部门", D(2025, 9, 1), "示例县市场监督管理局"),
            referral("联合惩戒", D(2025, 10, 9), "示例县发展和改革局", feedback=D(2025, 10, 15), outcome="已立案",
                     measure="列入严重违法失信名单", implementer="示例县发展和改革局")]
    inputs = inputs_of(make_book(移送记录=rows), today)
    checked = check(inputs, today)
    stats = {s.task_id: s for s in compute(inputs, checked, today)}
    # T02's problem: three referrals, 立案查处 已办结, 抄告 waiting, 联合惩戒 已反馈
    assert stats["T02"].referrals_by_type == (1, 1, 0, 0, 1)
    assert stats["T02"].referrals_by_status == (1, 1, 1)
    assert stats["合计"].referrals_by_status == (1, 1, 1)
    table = {row[0]: dict(zip(REFERRAL_STAT_COLUMNS, row, strict=True))
             for row in referral_table(checked.ledger, today, inputs.calendar, 20)}
    assert table["抄告相关部门"]["其中超过反馈时限"] == 1  # 09-01 + 20 working days = 09-29
    assert table["立案查处"]["办理结果：已作出处理"] == 1
    assert table["合计"] | {"移送类型": ""} == {
        "移送类型": "", "移送件数": 3, "其中未登记": 0, "移送待反馈": 1, "已反馈": 1, "已办结": 1, "其中超过反馈时限": 1,
        "办理结果：已立案": 1, "办理结果：办理中": 0, "办理结果：不予立案": 0, "办理结果：已作出处理": 1,
        "办理结果：不予处理": 0, "办理结果：已实施惩戒": 0, "办理结果：其他": 0, "办理结果：未填": 1}


def test_in_a_joint_task_the_referral_follows_the_department_that_found_the_problem(
        make_book: Callable[..., Path]) -> None:
    # T02 is joint: the 卫生健康局 records its own result for U[3] too, and finds nothing
    own = ("T02", U[3], D(2025, 6, 12), "A1", "实地检查", "未发现问题", "无需后续处置", None, None, None,
           "示例县卫生健康局", "李四", D(2025, 6, 12), D(2025, 6, 25), "本局门户网站")
    path = make_book(检查结果=[*RESULTS, own], 移送记录=[HEADER, referral()])
    checked = check(inputs_of(path, D(2025, 10, 20)), D(2025, 10, 20))
    rows = [r for r in checked.ledger if r.uscc == U[3]]
    assert [(r.result_row, r.dept, [x.kind for x in r.referrals]) for r in rows] == [
        (4, "示例县市场监督管理局", ["立案查处"])]

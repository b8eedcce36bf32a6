"""The problem ledger (问题台账): every problem found gets a row and is followed until it is closed.

A result enters the ledger when it is 发现问题已责令改正 or 发现问题待后续处理, when its follow-up (后续处置) is
anything other than 无需后续处置, or when a 移送记录 row refers its problem (seeds 000 §二(五), 003 §五:
建立工作台账，限期整改落实). Its status as of a given day, in this order:

- 逾期 — the 整改期限 has passed without rectification (a deadline on a day off moves to the next working day),
  whatever the referrals: a referral does not excuse a missed rectification;
- 移送待反馈 — a referral (移送记录, or a 后续处置 such as 移送司法机关 not yet registered there) has no feedback;
- 已反馈 — every referral has feedback, one is not concluded (:class:`~addin.core.referrals.ReferralStatus`);
- 整改中 — a rectification is still open (a 整改期限 not reached; or no referral and no 整改完成日期);
- 已整改 — rectified (整改完成日期 on or before that day) and no referral;
- 已办结 — every referral concluded and nothing left to rectify.

The ledger shows the 整改期限 as it takes effect — a deadline on a day off moved to the next working day — and
已整改 and 已办结 close a problem (完结). 逾期天数 counts calendar days past the deadline (for rectified rows:
how late the rectification came).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from addin.core.referrals import Referral, ReferralStatus, by_problem, referrals_of_problem
from addin.core.results import NO_PROBLEM, ResultRecord, TaskInfo
from addin.core.workdays import WorkCalendar


class LedgerStatus(StrEnum):
    OPEN = "整改中"
    RECTIFIED = "已整改"
    OVERDUE = "逾期"
    REFERRED = "移送待反馈"
    ANSWERED = "已反馈"
    CONCLUDED = "已办结"


CLOSED = frozenset({LedgerStatus.RECTIFIED, LedgerStatus.CONCLUDED})

LEDGER_COLUMNS = (
    "序号", "统一社会信用代码", "单位名称", "任务编号", "抽查任务名称", "检查日期", "检查结果", "问题描述",
    "处置措施", "整改期限", "整改完成日期", "状态", "逾期天数", "录入部门", "检查结果行号", "移送情况",
)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One problem under follow-up; ``result_row`` is the 检查结果 row it comes from."""

    uscc: str
    name: str
    task_id: str
    task_name: str
    inspected_on: dt.date | None
    outcomes: tuple[str, ...]
    problem: str
    measures: tuple[str, ...]
    rectify_by: dt.date | None
    rectified_on: dt.date | None
    status: LedgerStatus
    days_overdue: int
    dept: str
    result_row: int
    referrals: tuple[Referral, ...] = ()
    category: str = ""  # 检查对象类别 of the task
    problem_items: tuple[str, ...] = ()  # 问题事项

    @property
    def closed(self) -> bool:
        """完结: rectified, or every referral concluded with nothing left to rectify."""
        return self.status in CLOSED

    def rectified_by(self, day: dt.date) -> bool:
        return self.rectified_on is not None and self.rectified_on <= day

    def cells(self, number: int) -> list[object]:
        return [
            number, self.uscc, self.name, self.task_id, self.task_name, self.inspected_on,
            "、".join(self.outcomes), self.problem, "、".join(self.measures), self.rectify_by,
            self.rectified_on, str(self.status), self.days_overdue or None, self.dept, self.result_row,
            "\n".join(r.summary() for r in self.referrals) or None,
        ]


def status_of(rec: ResultRecord, today: dt.date, calendar: WorkCalendar,
              referrals: Sequence[Referral] = ()) -> tuple[LedgerStatus, int]:
    """The ledger status of a result that has a problem, and its days overdue, as of ``today``; ``referrals``
    are the problem's referrals (recorded and declared, :func:`~addin.core.referrals.referrals_of_problem`)."""
    due = calendar.roll_forward(rec.rectify_by) if rec.rectify_by else None
    rectified = rec.rectified_on is not None and rec.rectified_on <= today
    late = (rec.rectified_on - due).days if rectified and due and rec.rectified_on and rec.rectified_on > due else 0
    if not rectified and due is not None and today > due:
        return LedgerStatus.OVERDUE, (today - due).days
    if referrals:
        states = {r.status(today) for r in referrals}
        if ReferralStatus.PENDING in states:
            return LedgerStatus.REFERRED, late
        if ReferralStatus.ANSWERED in states:
            return LedgerStatus.ANSWERED, late
        return (LedgerStatus.OPEN, 0) if due is not None and not rectified else (LedgerStatus.CONCLUDED, late)
    return (LedgerStatus.RECTIFIED, late) if rectified else (LedgerStatus.OPEN, 0)


def build_ledger(
    results: Iterable[ResultRecord],
    tasks: Iterable[TaskInfo],
    names: Mapping[str, str],
    today: dt.date,
    calendar: WorkCalendar,
    referrals: Iterable[Referral] = (),
) -> list[LedgerRow]:
    """Ledger rows for the results that need one, in the order of the 检查结果 sheet."""
    by_task = {t.task_id: t for t in tasks}
    recorded = by_problem(referrals)
    every = list(results)
    with_problem = {rec.key for rec in every if rec.has_problem}
    rows = []
    taken: set[tuple[str, str]] = set()
    for rec in every:
        # a referral belongs to the results of its (任务编号, 统一社会信用代码) that found a problem (in a joint task,
        # each department's own); when none did, to the first result of that key
        referred = rec.key in recorded and rec.key not in with_problem and rec.key not in taken
        if not rec.has_problem and not referred:
            continue
        taken.add(rec.key)
        mine = referrals_of_problem(rec.task_id, rec.uscc, rec.follow_ups, recorded.get(rec.key, []))
        status, days = status_of(rec, today, calendar, mine)
        problem = rec.problem or "、".join(o for o in rec.outcomes if o != NO_PROBLEM)
        task = by_task.get(rec.task_id)
        rows.append(
            LedgerRow(
                uscc=rec.uscc, name=names.get(rec.uscc, ""), task_id=rec.task_id,
                task_name=task.name if task else "", inspected_on=rec.inspected_on,
                outcomes=rec.outcomes, problem=problem, measures=rec.follow_ups,
                rectify_by=calendar.roll_forward(rec.rectify_by) if rec.rectify_by else None,
                rectified_on=rec.rectified_on, status=status, days_overdue=days, dept=rec.dept,
                result_row=rec.row, referrals=mine, category=task.category if task else "",
                problem_items=rec.problem_items,
            )
        )
    return rows

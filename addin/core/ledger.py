"""The problem ledger (问题台账): every problem found gets a row and is followed until it is closed.

A result enters the ledger when it is 发现问题已责令改正 or 发现问题待后续处理, or when its follow-up
(后续处置) is anything other than 无需后续处置 (seeds 000 §二(五), 003 §五: 建立工作台账，限期整改落实).
Its status as of a given day:

- 已整改 — a 整改完成日期 is entered (on or before that day);
- 已移送 — handed to a case-handling body or the judiciary (移送办案机构立案 / 移送司法机关);
- 逾期 — the 整改期限 has passed without rectification (a deadline on a day off moves to the next
  working day);
- 整改中 — otherwise.

逾期天数 counts calendar days past the deadline (for 已整改 rows: how late the rectification came).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from addin.core.results import NO_PROBLEM, TRANSFERS, ResultRecord, TaskInfo
from addin.core.workdays import WorkCalendar


class LedgerStatus(StrEnum):
    OPEN = "整改中"
    RECTIFIED = "已整改"
    OVERDUE = "逾期"
    TRANSFERRED = "已移送"


LEDGER_COLUMNS = (
    "序号", "统一社会信用代码", "单位名称", "任务编号", "抽查任务名称", "检查日期", "检查结果", "问题描述",
    "处置措施", "整改期限", "整改完成日期", "状态", "逾期天数", "录入部门", "检查结果行号",
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

    @property
    def closed(self) -> bool:
        """完结: rectified or handed over to the body that takes it from here."""
        return self.status in (LedgerStatus.RECTIFIED, LedgerStatus.TRANSFERRED)

    def cells(self, number: int) -> list[object]:
        return [
            number, self.uscc, self.name, self.task_id, self.task_name, self.inspected_on,
            "、".join(self.outcomes), self.problem, "、".join(self.measures), self.rectify_by,
            self.rectified_on, str(self.status), self.days_overdue or None, self.dept, self.result_row,
        ]


def status_of(rec: ResultRecord, today: dt.date, calendar: WorkCalendar) -> tuple[LedgerStatus, int]:
    """The ledger status of a result that has a problem, and its days overdue, as of ``today``."""
    due = calendar.roll_forward(rec.rectify_by) if rec.rectify_by else None
    if rec.rectified_on is not None and rec.rectified_on <= today:
        late = (rec.rectified_on - due).days if due and rec.rectified_on > due else 0
        return LedgerStatus.RECTIFIED, late
    if TRANSFERS.intersection(rec.follow_ups):
        return LedgerStatus.TRANSFERRED, 0
    if due is not None and today > due:
        return LedgerStatus.OVERDUE, (today - due).days
    return LedgerStatus.OPEN, 0


def build_ledger(
    results: Iterable[ResultRecord],
    tasks: Iterable[TaskInfo],
    names: Mapping[str, str],
    today: dt.date,
    calendar: WorkCalendar,
) -> list[LedgerRow]:
    """Ledger rows for the results that need one, in the order of the 检查结果 sheet."""
    task_names = {t.task_id: t.name for t in tasks}
    rows = []
    for rec in results:
        if not rec.has_problem:
            continue
        status, days = status_of(rec, today, calendar)
        problem = rec.problem or "、".join(o for o in rec.outcomes if o != NO_PROBLEM)
        rows.append(
            LedgerRow(
                uscc=rec.uscc, name=names.get(rec.uscc, ""), task_id=rec.task_id,
                task_name=task_names.get(rec.task_id, ""), inspected_on=rec.inspected_on,
                outcomes=rec.outcomes, problem=problem, measures=rec.follow_ups, rectify_by=rec.rectify_by,
                rectified_on=rec.rectified_on, status=status, days_overdue=days, dept=rec.dept,
                result_row=rec.row,
            )
        )
    return rows

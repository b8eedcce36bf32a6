"""Statistics (统计) per task and in total, with the formulas of the provincial 公示系统 report.

- 抽查户数 — targets drawn for the task (batches not voided);
- 已检查 — those with an accepted result; 已公示 — of these, with a 公示日期 on or before the day counted;
- 抽查完成率 = 已公示 / 抽查户数; 完结数 — published results needing no follow-up, or whose ledger row is
  closed (已整改 / 已移送); 完结率 = 完结数 / 已公示;
- counts per result category (a result with two categories counts in both), and 发现问题待后续处理 broken
  down by follow-up (后续处置).

A business is counted once per task (户), even when several departments of a joint task each recorded their
own result (谁检查、谁录入): it is 已公示 when every department's result is published, 完结 when every one is
closed, and it counts in a result category or follow-up when any department's result names it. The 合计 row
adds the tasks up (户次). 发起股室 closes each task's row (the 计划汇总 sheet adds them up per 股室).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from addin.core.ledger import LedgerRow
from addin.core.results import FOLLOW_UPS, RESULT_CATEGORIES, Draws, ResultRecord, TaskInfo

PENDING = "发现问题待后续处理"
STAT_COLUMNS = (
    "任务编号", "抽查任务名称", "抽查户数", "已检查", "已公示", "抽查完成率", "完结数", "完结率",
    *RESULT_CATEGORIES, *(f"待后续处理：{f}" for f in FOLLOW_UPS), "发起股室",
)
TOTAL = "合计"


@dataclass(frozen=True, slots=True)
class TaskStats:
    task_id: str
    name: str
    drawn: int
    inspected: int
    published: int
    closed: int
    by_category: tuple[int, ...]  # in RESULT_CATEGORIES order
    pending_by_follow_up: tuple[int, ...]  # in FOLLOW_UPS order
    office: str = ""  # 发起股室

    @property
    def completion_rate(self) -> float | None:
        """抽查完成率 = 已公示 / 抽查户数 (None when nothing was drawn)."""
        return self.published / self.drawn if self.drawn else None

    @property
    def closure_rate(self) -> float | None:
        """完结率 = 完结数 / 已公示 (None when nothing is published)."""
        return self.closed / self.published if self.published else None

    def cells(self) -> list[object]:
        return [
            self.task_id, self.name, self.drawn, self.inspected, self.published, self.completion_rate,
            self.closed, self.closure_rate, *self.by_category, *self.pending_by_follow_up, self.office or None,
        ]


def _stats(task_id: str, name: str, drawn: int, results: Sequence[ResultRecord], open_rows: set[int],
           day: dt.date, office: str = "") -> TaskStats:
    """The figures of one task (or of all, for 合计): each business once per task, whatever the number of
    departments that recorded a result for it."""
    visits: dict[tuple[str, str], list[ResultRecord]] = {}
    for rec in results:
        visits.setdefault(rec.key, []).append(rec)
    groups = list(visits.values())

    def public(rec: ResultRecord) -> bool:
        return rec.published_on is not None and rec.published_on <= day

    published = [g for g in groups if all(public(r) for r in g)]
    closed = [g for g in published if all(not r.has_problem or r.row not in open_rows for r in g)]
    categories = tuple(sum(1 for g in groups if any(c in r.outcomes for r in g)) for c in RESULT_CATEGORIES)
    pending = [[r for r in g if PENDING in r.outcomes] for g in groups]
    follow = tuple(sum(1 for p in pending if any(f in r.follow_ups for r in p)) for f in FOLLOW_UPS)
    return TaskStats(task_id, name, drawn, len(groups), len(published), len(closed), categories, follow, office)


def statistics(
    tasks: Sequence[TaskInfo],
    draws: Draws,
    results: Iterable[ResultRecord],
    ledger: Iterable[LedgerRow],
    day: dt.date,
) -> list[TaskStats]:
    """One row per task of the plan, then the 合计 row. ``results`` are the accepted results only."""
    open_rows = {row.result_row for row in ledger if not row.closed}
    by_task: dict[str, list[ResultRecord]] = {}
    for rec in results:
        by_task.setdefault(rec.task_id, []).append(rec)
    rows = []
    every: list[ResultRecord] = []
    for task in tasks:
        drawn = draws.drawn_for(task.task_id)
        mine = [r for r in by_task.get(task.task_id, []) if r.uscc in drawn]
        every.extend(mine)
        rows.append(_stats(task.task_id, task.name, len(drawn), mine, open_rows, day, task.office))
    rows.append(_stats(TOTAL, "", sum(r.drawn for r in rows), every, open_rows, day))
    return rows

"""Statistics (统计) per task and in total, with the formulas of the provincial 公示系统 report.

- 抽查户数 — targets drawn for the task (batches not voided);
- 已检查 — those with an accepted result; 已公示 — of these, with a 公示日期 on or before the day counted;
- 抽查完成率 = 已公示 / 抽查户数; 完结数 — published results needing no follow-up, or whose ledger row is
  closed (已整改 / 已办结); 完结率 = 完结数 / 已公示;
- counts per result category (a result with two categories counts in both), and 发现问题待后续处理 broken
  down by follow-up (后续处置);
- 委托检测 — businesses with a result whose 检查方式 is 检验检测 or 委托专业机构辅助, and of these 检测不合格;
- referrals (移送) of the task's problems by type (立案查处 … 联合惩戒, declared-only ones included) and by status
  (移送待反馈 / 已反馈 / 已办结); :func:`referral_table` counts them by type and 办理结果 (the 移送统计 sheet).

A business is counted once per task (户), even when several departments of a joint task each recorded their
own result (谁检查、谁录入): it is 已公示 when every department's result is published, 完结 when every one is
closed, and it counts in a result category or follow-up when any department's result names it. The 合计 row
adds the tasks up (户次). 发起股室 closes each task's row (the 计划汇总 sheet adds them up per 股室).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from addin.core.entrusted import is_entrusted
from addin.core.ledger import LedgerRow
from addin.core.referrals import OUTCOMES, REFERRAL_TYPES, Referral, ReferralStatus
from addin.core.results import FOLLOW_UPS, RESULT_CATEGORIES, Draws, ResultRecord, TaskInfo
from addin.core.workdays import WorkCalendar

PENDING = "发现问题待后续处理"
STAT_COLUMNS = (
    "任务编号", "抽查任务名称", "抽查户数", "已检查", "已公示", "抽查完成率", "完结数", "完结率",
    *RESULT_CATEGORIES, *(f"待后续处理：{f}" for f in FOLLOW_UPS), "发起股室", "委托检测", "检测不合格",
    *(f"移送：{k}" for k in REFERRAL_TYPES), *(f"移送{s}" if s != ReferralStatus.PENDING else str(s)
                                             for s in ReferralStatus),
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
    entrusted: int = 0  # 委托检测
    failed_tests: int = 0  # 检测不合格
    referrals_by_type: tuple[int, ...] = (0,) * len(REFERRAL_TYPES)
    referrals_by_status: tuple[int, ...] = (0,) * len(ReferralStatus)

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
            self.entrusted, self.failed_tests, *self.referrals_by_type, *self.referrals_by_status,
        ]


def _stats(task_id: str, name: str, drawn: int, results: Sequence[ResultRecord], open_rows: set[int],
           day: dt.date, office: str = "", referrals: Sequence[Referral] = ()) -> TaskStats:
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
    entrusted = sum(1 for g in groups if any(is_entrusted(r.methods) for r in g))
    failed = sum(1 for g in groups if any(r.test.failed for r in g))
    states = [r.status(day) for r in referrals]
    return TaskStats(task_id, name, drawn, len(groups), len(published), len(closed), categories, follow, office,
                     entrusted, failed, tuple(sum(1 for r in referrals if r.kind == k) for k in REFERRAL_TYPES),
                     tuple(states.count(s) for s in ReferralStatus))


def _distinct(referrals: Iterable[Referral]) -> list[Referral]:
    """Each referral once (a referral of a joint task's problem shows on every department's ledger row)."""
    return list(dict.fromkeys(referrals))


def statistics(
    tasks: Sequence[TaskInfo],
    draws: Draws,
    results: Iterable[ResultRecord],
    ledger: Iterable[LedgerRow],
    day: dt.date,
) -> list[TaskStats]:
    """One row per task of the plan, then the 合计 row. ``results`` are the accepted results only."""
    rows_of_ledger = list(ledger)
    open_rows = {row.result_row for row in rows_of_ledger if not row.closed}
    referrals_of = {row.result_row: row.referrals for row in rows_of_ledger}
    by_task: dict[str, list[ResultRecord]] = {}
    for rec in results:
        by_task.setdefault(rec.task_id, []).append(rec)
    rows = []
    every: list[ResultRecord] = []
    for task in tasks:
        drawn = draws.drawn_for(task.task_id)
        mine = [r for r in by_task.get(task.task_id, []) if r.uscc in drawn]
        every.extend(mine)
        rows.append(_stats(task.task_id, task.name, len(drawn), mine, open_rows, day, task.office,
                           _distinct(ref for r in mine for ref in referrals_of.get(r.row, ()))))
    rows.append(_stats(TOTAL, "", sum(r.drawn for r in rows), every, open_rows, day, "",
                       _distinct(ref for r in every for ref in referrals_of.get(r.row, ()))))
    return rows


REFERRAL_STAT_COLUMNS = ("移送类型", "移送件数", "其中未登记", *(str(s) for s in ReferralStatus), "其中超过反馈时限",
                         *(f"办理结果：{o}" for o in OUTCOMES), "办理结果：未填")


def referral_table(ledger: Iterable[LedgerRow], day: dt.date, calendar: WorkCalendar, limit: int
                   ) -> list[list[object]]:
    """移送统计: one row per referral type, then 合计 — 移送件数 (declared-only included), 其中未登记, the count per
    status as of ``day``, 其中超过反馈时限 (移送反馈时限 ``limit`` working days), and the count per 办理结果."""
    refs = _distinct(r for row in ledger for r in row.referrals)

    def line(label: str, mine: list[Referral]) -> list[object]:
        states = [r.status(day) for r in mine]
        return [label, len(mine), sum(1 for r in mine if not r.recorded), *(states.count(s) for s in ReferralStatus),
                sum(1 for r in mine if r.feedback_overdue(day, calendar, limit)),
                *(sum(1 for r in mine if r.outcome == o) for o in OUTCOMES),
                sum(1 for r in mine if r.recorded and not r.outcome)]

    return [*(line(k, [r for r in refs if r.kind == k]) for k in REFERRAL_TYPES), line(TOTAL, refs)]

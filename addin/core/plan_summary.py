"""计划汇总: the 双随机办's view of the year, one row per 股室 ("统计汇总各相关股室抽查工作计划", seed 000 §二(三)).

Per 股室 (发起股室 of its tasks; 监管股室 of the targets it supervises):

- 任务数 / 任务编号, 抽查事项 (大项, distinct items of its tasks) and their 小项 (entries of 抽查内容);
- 监管对象 — the 在营 targets it supervises; 范围内对象 — distinct 在营 targets in the scopes of its tasks;
- 计划抽查户次 — Σ over its tasks of ``Σ_h ceil(r_h × N_h)`` × 频次 (draw §4.3 on today's registry);
- 预计覆盖率 — expected share of its supervised targets inspected by the plan (any task; the estimate of
  :mod:`addin.core.validation.coverage`, the one ``ssj validate`` checks against 年度抽查覆盖率目标);
- 抽查户次 / 已检查 / 已公示 / 抽查完成率 — its tasks' figures as in the 统计 sheet (each business once per task);
- 已覆盖对象 / 覆盖率 — supervised targets inspected this year by any task (as ``ssj deadlines`` counts them);
- 提醒 — the 时限提醒 addressed to it (逾期 / 预警), and a 状态 in words.

The 合计 row is the unit's. A unit without 股室 gets the 合计 row only; tasks or targets without a 股室 are
counted under ``（未填股室）``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from addin.core.deadlines import Level, Reminder, pct
from addin.core.monthly import ItemInfo
from addin.core.offices import UNASSIGNED
from addin.core.results import ResultRecord, TaskInfo
from addin.core.statistics import TaskStats
from addin.core.validation.coverage import Target, TaskScope

SUMMARY_COLUMNS = ("股室", "任务数", "任务编号", "抽查事项（大项）", "小项", "监管对象（在营）", "范围内对象",
                   "计划抽查户次", "预计覆盖率", "抽查户次", "已检查", "已公示", "抽查完成率", "已覆盖对象", "覆盖率",
                   "覆盖率目标", "逾期提醒", "预警提醒", "状态")
TOTAL = "合计"


@dataclass(frozen=True, slots=True)
class OfficeSummary:
    office: str
    tasks: tuple[str, ...]
    items: int
    sub_items: int
    supervised: int
    in_scope: int
    planned: int
    expected: Fraction  # expected number of supervised targets inspected
    drawn: int
    inspected: int
    published: int
    covered: int
    overdue: int
    warnings: int
    target: Fraction

    def _rate(self, part: float | Fraction) -> float | None:
        return float(part) / self.supervised if self.supervised else None

    @property
    def expected_rate(self) -> float | None:
        return self._rate(self.expected)

    @property
    def coverage_rate(self) -> float | None:
        return self._rate(self.covered)

    def status(self) -> str:
        notes = []
        if self.overdue:
            notes.append(f"有 {self.overdue} 项逾期")
        if self.supervised and self.expected < self.target * self.supervised:
            notes.append("按计划预计覆盖率低于目标")
        if not self.tasks and self.supervised:
            notes.append("没有本股室发起的抽查任务")
        elif self.tasks and not self.drawn:
            notes.append("尚未抽取")
        elif self.drawn and self.published >= self.drawn:
            notes.append("已全部公示")
        return "；".join(notes) or "正常"

    def cells(self) -> list[object]:
        rate = self.published / self.drawn if self.drawn else None
        return [self.office, len(self.tasks), "、".join(self.tasks) or None, self.items, self.sub_items,
                self.supervised, self.in_scope, self.planned, _pct(self.expected_rate), self.drawn, self.inspected,
                self.published, _pct(rate), self.covered, _pct(self.coverage_rate), pct(float(self.target)),
                self.overdue, self.warnings, self.status()]


def _pct(value: float | None) -> str | None:
    return None if value is None else pct(value)


def office_of_task(task: TaskInfo) -> str:
    return task.office or UNASSIGNED


def addressed_to(office: str, task_ids: set[str], reminders: Sequence[Reminder]) -> list[Reminder]:
    """The reminders of a row: all for 合计; those of its tasks without a 股室 for ``（未填股室）``; else those
    addressed to the 股室."""
    if office == TOTAL:
        return list(reminders)
    if office == UNASSIGNED:
        return [r for r in reminders if not r.office and r.task_id in task_ids]
    return [r for r in reminders if r.office == office]


def summarise(tasks: Sequence[TaskInfo], scopes: Mapping[str, TaskScope], pool: Sequence[Target],
              probability: Mapping[str, Fraction], stats: Sequence[TaskStats], results: Sequence[ResultRecord],
              items: Mapping[str, ItemInfo], reminders: Sequence[Reminder], target: Fraction) -> list[OfficeSummary]:
    """One row per 股室 (in name order, ``（未填股室）`` last), then the 合计 row. ``stats`` are the 统计 rows
    (per task), ``results`` the accepted results, ``scopes`` each task's scope by 任务编号."""
    named = {t.office for t in tasks if t.office} | {t.office for t in pool if t.office}
    offices = sorted(named)
    if named and (any(not t.office for t in tasks) or any(not t.office for t in pool)):
        offices.append(UNASSIGNED)
    by_stats = {s.task_id: s for s in stats}
    inspected = {r.uscc for r in results}

    def row(office: str, mine: Sequence[TaskInfo], supervised: Sequence[Target]) -> OfficeSummary:
        codes = sorted({c for t in mine for c in t.items})
        scoped = {code for t in mine for code in (scopes[t.task_id].probability if t.task_id in scopes else {})}
        planned = sum(scopes[t.task_id].draws * scopes[t.task_id].batches for t in mine if t.task_id in scopes)
        figures = [by_stats[t.task_id] for t in mine if t.task_id in by_stats]
        alerts = addressed_to(office, {t.task_id for t in mine}, reminders)
        return OfficeSummary(
            office, tuple(t.task_id for t in mine), len(codes), sum(items[c].sub_items for c in codes if c in items),
            len(supervised), len(scoped), planned,
            sum((probability.get(t.code, Fraction(0)) for t in supervised), Fraction(0)),
            sum(s.drawn for s in figures), sum(s.inspected for s in figures), sum(s.published for s in figures),
            sum(1 for t in supervised if t.code in inspected),
            sum(1 for r in alerts if r.level is Level.OVERDUE), sum(1 for r in alerts if r.level is Level.WARNING),
            target)

    rows = [row(o, [t for t in tasks if office_of_task(t) == o],
                [t for t in pool if (t.office or UNASSIGNED) == o]) for o in offices]
    rows.append(row(TOTAL, list(tasks), list(pool)))
    return rows

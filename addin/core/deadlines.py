"""Deadline reminders (时限提醒) in Chinese working days: the "新三单" of seed 000 §三(三).

事前提醒 (before), 事中督办 (during) and 事后问责 (after), plus the year's targets. Each
:class:`Reminder` has a stable code, a level (逾期 overdue / 预警 due soon / 提示 for information), the
responsible department, the due date, the working days overdue and a Chinese message. Codes:

- ``plan.not-published`` — the year's plan not published by 计划公示截止 (default 2月底前: 02-29, the last day of February in every year; an explicit 02-28 is read as given);
- ``plan.changed-since-published`` — the plan differs from the one last published (调整后的计划要及时公开);
- ``task.not-drawn`` — a task's window has started (or starts soon) and nothing is drawn for it;
- ``task.overdue`` / ``task.due-soon`` — drawn targets not inspected by the task's end or 任务完成截止;
- ``task.department-result-missing`` — in a joint task, a department without its own result for a target
  another department recorded;
- ``publish.overdue`` / ``publish.due-soon`` / ``publish.late`` — a result not published within
  结果公示时限 working days after its 检查日期 (the day itself does not count);
- ``ledger.overdue`` / ``ledger.due-soon`` — a rectification past (or near) its 整改期限;
- ``referral.no-feedback`` / ``referral.feedback-due-soon`` / ``referral.not-recorded`` — referrals of ledger
  problems (:mod:`addin.core.referral_reminders`);
- ``year.coverage-below-target`` — distinct targets inspected / supervised targets below 年度抽查覆盖率目标;
- ``year.office-coverage-below-target`` — the same for the targets one 股室 supervises (监管股室), when the
  registry names several 股室: addressed to that 股室;
- ``year.publication-rate`` — 已公示 / 已检查 below 100 %;
- ``calendar.fallback`` — a year the holiday calendar does not know: counted Mon–Fri, visibly.

A calendar deadline that falls on a day off moves to the next working day (see :mod:`addin.core.workdays`).
Each reminder names the department responsible and, where the unit has 股室, the 股室 (责任股室, see
:mod:`addin.core.offices`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from addin.core.ledger import LedgerRow, LedgerStatus
from addin.core.offices import Supervision, responsible_office
from addin.core.results import Draws, ResultRecord, TaskInfo
from addin.core.workdays import WorkCalendar, month_day_in


class Level(StrEnum):
    OVERDUE = "overdue"
    WARNING = "warning"
    INFO = "info"


LEVEL_LABELS = {Level.OVERDUE: "逾期", Level.WARNING: "预警", Level.INFO: "提示"}
BEFORE, DURING, AFTER, YEAR, SYSTEM = "事前提醒", "事中督办", "事后问责", "年度目标", "系统"
# 事项: the kind of reminder in Chinese; its stable code is in the last column (代码).
REMINDER_LABELS = {
    "calendar.fallback": "节假日日历缺年份", "plan.not-published": "年度计划未公示",
    "plan.changed-since-published": "计划调整未重新公示", "task.not-drawn": "任务未抽取",
    "task.overdue": "任务逾期未完成", "task.due-soon": "任务即将到期", "task.department-result-missing": "联合检查部门结果未录入",
    "publish.overdue": "结果逾期未公示", "publish.due-soon": "结果即将到公示期限", "publish.late": "结果公示超期",
    "ledger.overdue": "整改逾期", "ledger.due-soon": "整改即将到期", "year.coverage-below-target": "年度覆盖率未达标",
    "year.office-coverage-below-target": "股室覆盖率未达标", "year.publication-rate": "结果公示率未达100%",
    "referral.not-recorded": "移送未登记", "referral.no-feedback": "移送未反馈", "referral.feedback-due-soon": "移送反馈即将到期",
    "referral.outcome-without-feedback": "移送结果缺反馈", "referral.sanction-incomplete": "处罚信息不全",
    "referral.before-inspection": "移送日期早于检查", "referral.date-order": "移送日期顺序有误",
    "referral.unknown-result": "移送对应的检查结果不存在",
}
REMINDER_COLUMNS = ("序号", "级别", "阶段", "事项", "责任部门", "责任股室", "任务编号", "统一社会信用代码",
                    "到期日", "逾期工作日", "提醒内容", "代码")


@dataclass(frozen=True, slots=True)
class DeadlineRules:
    """The 设置 values the deadlines depend on."""

    year: int
    unit: str = ""
    plan_due: tuple[int, int] = (2, 29)  # 计划公示截止 MM-DD (02-29: the last day of February, 2月底前)
    tasks_due: tuple[int, int] = (12, 20)  # 任务完成截止 MM-DD
    publish_workdays: int = 20  # 结果公示时限（工作日）
    coverage_target: float = 0.03  # 年度抽查覆盖率目标
    warn_workdays: int = 5  # 预警: due within this many working days
    referral_feedback_days: int = 20  # 移送反馈时限（工作日）


@dataclass(frozen=True, slots=True)
class PlanState:
    """The plan as it is now and as it was last published (fingerprints from the 公示记录 sheet)."""

    fingerprint: str
    published_fingerprint: str | None = None
    published_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Reminder:
    code: str
    level: Level
    stage: str
    dept: str
    message: str
    due: dt.date | None = None
    overdue_workdays: int = 0
    task_id: str = ""
    uscc: str = ""
    office: str = ""  # 责任股室

    def cells(self, number: int) -> list[object]:
        return [number, LEVEL_LABELS[self.level], self.stage, REMINDER_LABELS.get(self.code, self.stage), self.dept,
                self.office or None, self.task_id or None, self.uscc or None, self.due, self.overdue_workdays or None,
                self.message, self.code]

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "severity": str(self.level), "level": LEVEL_LABELS[self.level],
                "stage": self.stage, "department": self.dept, "office": self.office or None,
                "task": self.task_id or None,
                "uscc": self.uscc or None, "due": self.due.isoformat() if self.due else None,
                "overdue_workdays": self.overdue_workdays, "message": self.message}


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def pct(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


@dataclass(frozen=True, slots=True)
class Ctx:
    """The day, the calendar and the rules a reminder is computed with."""

    today: dt.date
    cal: WorkCalendar
    rules: DeadlineRules

    def level(self, due: dt.date) -> Level | None:
        """逾期 after ``due``; 预警 when it is at most ``warn_workdays`` working days away; else None."""
        if self.today > due:
            return Level.OVERDUE
        return Level.WARNING if self.cal.workdays_after(self.today, due) <= self.rules.warn_workdays else None

    def late(self, due: dt.date) -> int:
        return self.cal.workdays_after(due, self.today)


def fallback_years(today: dt.date, calendar: WorkCalendar, rules: DeadlineRules, tasks: Iterable[TaskInfo],
                   results: Iterable[ResultRecord]) -> list[int]:
    """The years the deadlines touch that the calendar does not know (counted Mon–Fri)."""
    days = [d for t in tasks for d in (t.start, t.end)] + [r.inspected_on for r in results]
    return calendar.unknown_years([today, dt.date(rules.year, 1, 1), *days])


def _calendar(ctx: Ctx, years: Iterable[int]) -> list[Reminder]:
    out = []
    for year in years:
        out.append(Reminder(
            "calendar.fallback", Level.WARNING, SYSTEM, ctx.rules.unit,
            f"内置节假日日历（{ctx.cal.source}）没有 {year} 年的放假和调休安排，该年的工作日暂按周一至周五计算，"
            f"时限可能不准。请在“节假日”工作表中补充 {year} 年的放假（休）和调休上班（班）日期。"))
    return out


def _plan(ctx: Ctx, plan: PlanState) -> list[Reminder]:
    due = ctx.cal.roll_forward(month_day_in(ctx.rules.year, *ctx.rules.plan_due))
    if plan.published_fingerprint is None:
        level = ctx.level(due) or Level.INFO
        state = f"已逾期 {ctx.late(due)} 个工作日" if level is Level.OVERDUE else "请按时公示"
        return [Reminder("plan.not-published", level, BEFORE, ctx.rules.unit,
                         f"{ctx.rules.year} 年度抽查工作计划尚未公示，应于 {cn(due)} 前向社会公示，{state}。",
                         due, ctx.late(due))]
    if plan.published_fingerprint != plan.fingerprint:
        when = f"于 {cn(plan.published_on)} " if plan.published_on else ""
        return [Reminder("plan.changed-since-published", Level.WARNING, BEFORE, ctx.rules.unit,
                         f"年度抽查工作计划{when}公示后又有调整（公示时指纹 {plan.published_fingerprint[:12]}，"
                         f"现为 {plan.fingerprint[:12]}）。调整后的年度抽查工作计划要及时向社会公开，请重新公示。")]
    return []


def _tasks(ctx: Ctx, tasks: Sequence[TaskInfo], draws: Draws, results: Sequence[ResultRecord]) -> list[Reminder]:
    inspected = {r.key for r in results}
    out = []
    year_end = ctx.cal.roll_forward(month_day_in(ctx.rules.year, *ctx.rules.tasks_due))
    for task in tasks:
        drawn = draws.drawn_for(task.task_id)
        label = f"任务 {task.task_id}“{task.name}”"
        end = ctx.cal.roll_forward(task.end) if task.end else year_end
        due = min(end, year_end)
        if not drawn and task.start is not None:
            if ctx.today >= task.start:
                level = Level.OVERDUE if ctx.today > due else Level.WARNING
                out.append(Reminder("task.not-drawn", level, BEFORE, task.lead_dept,
                                    f"{label}已于 {cn(task.start)} 开始，尚未抽取检查对象。", task.start,
                                    ctx.late(task.start), task.task_id))
            elif ctx.cal.workdays_after(ctx.today, task.start) <= ctx.rules.warn_workdays:
                out.append(Reminder("task.not-drawn", Level.INFO, BEFORE, task.lead_dept,
                                    f"{label}将于 {cn(task.start)} 开始，请及时抽取检查对象。", task.start, 0,
                                    task.task_id))
            continue
        missing = [u for u in drawn if (task.task_id, u) not in inspected]
        stage = ctx.level(due) if missing else None
        if stage is Level.OVERDUE:
            out.append(Reminder("task.overdue", stage, DURING, task.lead_dept,
                                f"{label}应于 {cn(due)} 前完成，抽中的 {len(drawn)} 户中还有 {len(missing)} 户"
                                f"未录入检查结果，已逾期 {ctx.late(due)} 个工作日。", due, ctx.late(due), task.task_id))
        elif stage is Level.WARNING:
            out.append(Reminder("task.due-soon", stage, DURING, task.lead_dept,
                                f"{label}应于 {cn(due)} 前完成，抽中的 {len(drawn)} 户中还有 {len(missing)} 户"
                                "未录入检查结果。", due, 0, task.task_id))
        if task.is_joint:
            out += _department_results(ctx, task, [u for u in drawn if (task.task_id, u) in inspected], results, due)
    return out


def _department_results(ctx: Ctx, task: TaskInfo, visited: Sequence[str], results: Sequence[ResultRecord],
                        due: dt.date) -> list[Reminder]:
    """``task.department-result-missing``: in a joint task, a department that has not entered its own result
    for targets another department already recorded (谁检查、谁录入、谁公开 applies to each of them)."""
    entered: dict[str, set[str]] = {}
    for rec in results:
        if rec.task_id == task.task_id:
            entered.setdefault(rec.uscc, set()).add(rec.dept)
    out = []
    for dept in task.departments:
        missing = [u for u in visited if dept not in entered.get(u, set())]
        if not missing:
            continue
        level = ctx.level(due) or Level.INFO
        late = ctx.late(due) if level is Level.OVERDUE else 0
        shown = "、".join(missing[:3]) + (f" 等 {len(missing)} 户" if len(missing) > 3 else "")
        out.append(Reminder("task.department-result-missing", level, DURING, dept,
                            f"任务 {task.task_id}“{task.name}”是部门联合抽查，{dept}尚未录入 {shown} 的本部门检查结果"
                            f"（其他部门已录入），应于 {cn(due)} 前录入并公示。谁检查、谁录入、谁公开。", due, late,
                            task.task_id))
    return out


def _publication(ctx: Ctx, results: Sequence[ResultRecord]) -> list[Reminder]:
    out = []
    limit = ctx.rules.publish_workdays
    for rec in results:
        if rec.inspected_on is None or rec.inspected_on > ctx.today:
            continue
        due = ctx.cal.add_workdays(rec.inspected_on, limit)
        what = f"{rec.uscc} 在任务 {rec.task_id} 中的检查结果（检查日期 {cn(rec.inspected_on)}）"
        if rec.published_on is not None:
            if rec.published_on > due:
                days = ctx.cal.workdays_after(due, rec.published_on)
                out.append(Reminder("publish.late", Level.WARNING, AFTER, rec.dept,
                                    f"{what}于 {cn(rec.published_on)} 公示，超过 {limit} 个工作日的公示时限"
                                    f"（{cn(due)}）{days} 个工作日。", due, days, rec.task_id, rec.uscc))
            continue
        level = ctx.level(due)
        if level is Level.OVERDUE:
            out.append(Reminder("publish.overdue", level, AFTER, rec.dept,
                                f"{what}应于 {cn(due)} 前公示（{limit} 个工作日），尚未公示，已逾期 {ctx.late(due)} "
                                "个工作日。谁检查、谁录入、谁公开。", due, ctx.late(due), rec.task_id, rec.uscc))
        elif level is Level.WARNING:
            out.append(Reminder("publish.due-soon", level, AFTER, rec.dept,
                                f"{what}应于 {cn(due)} 前公示，还剩 {ctx.cal.workdays_after(ctx.today, due)} 个工作日。",
                                due, 0, rec.task_id, rec.uscc))
    return out


def _ledger(ctx: Ctx, ledger: Sequence[LedgerRow]) -> list[Reminder]:
    out = []
    for row in ledger:
        if row.rectify_by is None or row.closed or row.rectified_by(ctx.today):
            continue
        due = ctx.cal.roll_forward(row.rectify_by)
        what = f"{row.name or row.uscc} 的问题（任务 {row.task_id}：{row.problem}）"
        if row.status is LedgerStatus.OVERDUE:
            out.append(Reminder("ledger.overdue", Level.OVERDUE, AFTER, row.dept,
                                f"{what}整改期限为 {cn(due)}，尚未整改完成，已逾期 {row.days_overdue} 天"
                                f"（{ctx.late(due)} 个工作日）。", due, ctx.late(due), row.task_id, row.uscc))
        elif ctx.level(due) is Level.WARNING:
            out.append(Reminder("ledger.due-soon", Level.WARNING, AFTER, row.dept,
                                f"{what}整改期限为 {cn(due)}，请跟踪整改落实。", due, 0, row.task_id, row.uscc))
    return out


def _coverage(ctx: Ctx, supervised: set[str] | int, inspected: set[str], drawn: set[str],
              office: str = "") -> list[Reminder]:
    """``year.coverage-below-target`` for the unit (``supervised`` a count), or
    ``year.office-coverage-below-target`` for one 股室 (``supervised`` the codes it supervises)."""
    rules = ctx.rules
    if isinstance(supervised, set):
        total, inspected, drawn = len(supervised), inspected & supervised, drawn & supervised
    else:
        total = supervised
    if not total:
        return []
    rate, planned = len(inspected) / total, len(drawn) / total
    if rate >= rules.coverage_target:
        return []
    due = ctx.cal.roll_forward(month_day_in(rules.year, *rules.tasks_due))
    level = Level.OVERDUE if ctx.today > due else Level.WARNING if planned < rules.coverage_target else Level.INFO
    done = f"已检查 {len(inspected)} 户，占监管对象 {total} 户的 {pct(rate)}"
    if office:
        done = f"股室“{office}”监管的 {total} 户在营对象中已检查 {len(inspected)} 户（{pct(rate)}）"
    code = "year.office-coverage-below-target" if office else "year.coverage-below-target"
    return [Reminder(code, level, YEAR, rules.unit,
                     f"{rules.year} 年{done}，低于年度抽查覆盖率目标 {pct(rules.coverage_target)}（已抽中 "
                     f"{len(drawn)} 户，占 {pct(planned)}）。", due, ctx.late(due) if level is Level.OVERDUE else 0,
                     office=office)]


def _year(ctx: Ctx, draws: Draws, results: Sequence[ResultRecord], supervised: int | None,
          supervision: Supervision | None, overdue_publications: int) -> list[Reminder]:
    rules = ctx.rules
    inspected = {r.uscc for r in results}
    drawn = {v.uscc for v in draws.valid_visits()}
    out = _coverage(ctx, supervised or 0, inspected, drawn)
    if supervision is not None and supervision.per_office:
        for office in supervision.offices():
            out += _coverage(ctx, supervision.targets_of(office), inspected, drawn, office)
    done = [r for r in results if r.inspected_on is not None and r.inspected_on <= ctx.today]
    published = [r for r in done if r.published_on is not None and r.published_on <= ctx.today]
    if done and len(published) < len(done):
        year_end = ctx.cal.roll_forward(dt.date(rules.year, 12, 31))
        level = Level.OVERDUE if ctx.today > year_end else Level.WARNING if overdue_publications else Level.INFO
        out.append(Reminder("year.publication-rate", level, YEAR, rules.unit,
                            f"抽查结果公示率 {pct(len(published) / len(done))}（已公示 {len(published)} / 已检查 "
                            f"{len(done)}），目标 100%，年底前须全部公示。", year_end,
                            ctx.late(year_end) if level is Level.OVERDUE else 0))
    return out


_ORDER = {Level.OVERDUE: 0, Level.WARNING: 1, Level.INFO: 2}


def addressed(reminder: Reminder, tasks: Sequence[TaskInfo]) -> Reminder:
    """The reminder with its 责任股室: a task's 发起股室 for the task's own reminders, and for those of its results
    entered by its 发起部门 (:func:`addin.core.offices.responsible_office`)."""
    task = next((t for t in tasks if t.task_id == reminder.task_id), None) if reminder.task_id else None
    if task is None or reminder.office or not task.office:
        return reminder
    return replace(reminder, office=responsible_office(reminder.dept, task.lead_dept, task.office))


def reminders(
    today: dt.date,
    calendar: WorkCalendar,
    rules: DeadlineRules,
    plan: PlanState,
    tasks: Sequence[TaskInfo],
    draws: Draws,
    results: Sequence[ResultRecord],
    ledger: Sequence[LedgerRow],
    supervised: int | None = None,
    supervision: Supervision | None = None,
) -> list[Reminder]:
    """Every reminder as of ``today``, most urgent first (``results`` are the accepted results); each addressed
    to its 股室 where the task names one (``supervision``: the 在营 targets by 监管股室, for each 股室's coverage)."""
    ctx = Ctx(today, calendar, rules)
    publication = _publication(ctx, results)
    found = [
        *_calendar(ctx, fallback_years(today, calendar, rules, tasks, results)),
        *_plan(ctx, plan),
        *_tasks(ctx, tasks, draws, results),
        *publication,
        *_ledger(ctx, ledger),
        *_year(ctx, draws, results, supervised, supervision,
               sum(1 for r in publication if r.code == "publish.overdue")),
    ]
    return ordered(addressed(r, tasks) for r in found)


def ordered(found: Iterable[Reminder]) -> list[Reminder]:
    """Most urgent first: 逾期, 预警, 提示; then by due date."""
    return sorted(found, key=lambda r: (_ORDER[r.level], r.due or dt.date.max, r.code, r.task_id, r.uscc))

"""风险预警 (early warnings): which businesses and categories need attention now, and why.

Seed 003 §四: 建立风险监测的预警模型，对企业信用风险状况及主要风险点进行精准识别和及时预警. Each warning names the rule
that fired (``code``); thresholds are 设置 items with defaults (:class:`AlertRules`). Only 在营 targets are
considered. The rules:

- ``risk.licence-expired`` (高) — 许可有效期至 before today; ``risk.licence-expiring`` (中) — within
  许可到期预警天数 (60) days;
- ``risk.repeat-problems`` (高) — problems found in 多次发现问题预警次数 (2) or more inspections (all years read);
- ``risk.rectification-overdue`` (高) — a problem whose 整改期限 has passed without 整改完成日期 (the ledger's
  rule: a deadline on a day off moves to the next working day; handed-over cases are not overdue);
- ``risk.high-risk-not-inspected`` — a C (中) or D (高) firm whose last inspection is more than
  高风险未检查预警天数 (365) days ago, or that has none in the records; 低 when it is drawn and awaits its visit;
- ``risk.never-inspected`` (中 for C/D or 重点监管, else 低) — registered (登记日期) at least 登记后未检查预警天数 (365)
  days ago, within the period the inspection records cover, and never inspected since; a target registered
  before the records begin cannot be judged and is not listed;
- ``risk.category-rising`` (中) — a 检查对象类别 whose problem rate in the latest year with results rose by at
  least 问题率上升预警（百分点） (10) points above the earlier years, with enough inspections in both and the
  latest year's interval wholly above the earlier rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.ledger import LedgerStatus, status_of
from addin.core.records import TargetRow
from addin.core.risk.inspections import UNCLASSIFIED, Inspection, Verdict
from addin.core.risk.rates import Estimate, wilson
from addin.core.workdays import WorkCalendar

HIGH, MEDIUM, LOW = "高", "中", "低"
LEVELS = (HIGH, MEDIUM, LOW)
RULES = {
    "risk.licence-expired": "许可证已过期",
    "risk.licence-expiring": "许可证即将到期",
    "risk.repeat-problems": "多次检查发现问题",
    "risk.rectification-overdue": "整改逾期",
    "risk.high-risk-not-inspected": "高风险对象长期未检查",
    "risk.never-inspected": "登记后从未检查",
    "risk.category-rising": "类别问题发现率明显上升",
}


@dataclass(frozen=True, slots=True)
class AlertRules:
    """The thresholds (设置 items in brackets)."""

    licence_days: int = 60  # 许可到期预警天数
    repeat_problems: int = 2  # 多次发现问题预警次数
    high_risk_days: int = 365  # 高风险未检查预警天数
    never_days: int = 365  # 登记后未检查预警天数
    rise_points: float = 10.0  # 问题率上升预警（百分点）
    minimum: int = 10  # 问题率最少检查户次


@dataclass(frozen=True, slots=True)
class Alert:
    level: str  # 高 / 中 / 低
    code: str
    reason: str
    action: str
    uscc: str = ""
    name: str = ""
    category: str = ""
    town: str = ""
    office: str = ""
    stratum: str = ""

    @property
    def rule(self) -> str:
        return RULES[self.code]


def _about(target: TargetRow, level: str, code: str, reason: str, action: str) -> Alert:
    stratum = target.risk if target.risk in "ABCD" else UNCLASSIFIED
    return Alert(level, code, reason, action, target.uscc, target.name, target.category, target.town,
                 target.office, stratum)


def licence_alerts(targets: Iterable[TargetRow], today: dt.date, rules: AlertRules) -> list[Alert]:
    found = []
    for t in targets:
        if not t.active or t.licence_until is None:
            continue
        days = (t.licence_until - today).days
        if days < 0:
            found.append(_about(t, HIGH, "risk.licence-expired", f"许可有效期至 {t.licence_until}，已过期 {-days} 天",
                                "核实是否已停止相关经营活动或已办理延续；无证经营的依法查处"))
        elif days <= rules.licence_days:
            found.append(_about(t, MEDIUM, "risk.licence-expiring",
                                f"许可有效期至 {t.licence_until}，{days} 天后到期（预警 {rules.licence_days} 天）",
                                "提醒经营者在到期前办理许可延续"))
    return found


def _dates(items: Sequence[Inspection]) -> str:
    days = sorted({i.day.isoformat() for i in items if i.day})
    return "、".join(days[:5]) + (f" 等 {len(days)} 次" if len(days) > 5 else "")


def problem_alerts(targets: Mapping[str, TargetRow], inspections: Sequence[Inspection], today: dt.date,
                   calendar: WorkCalendar, rules: AlertRules) -> list[Alert]:
    """Repeated problems and overdue rectifications."""
    found: list[Alert] = []
    problems: dict[str, list[Inspection]] = {}
    for item in inspections:
        if item.verdict is Verdict.PROBLEM:
            problems.setdefault(item.uscc, []).append(item)
    for uscc, items in problems.items():
        target = targets.get(uscc)
        if target is None or not target.active:
            continue
        if len(items) >= rules.repeat_problems:
            found.append(_about(target, HIGH, "risk.repeat-problems",
                                f"{len(items)} 次检查发现问题（{_dates(items)}）",
                                "列为重点监管对象，在下一批抽查中提高其类别的抽查比例、频次，或开展专项检查"))
        for item in items:
            status, days = status_of(item.record, today, calendar)
            if status is LedgerStatus.OVERDUE:
                found.append(_about(target, HIGH, "risk.rectification-overdue",
                                    f"{item.day} 检查发现的问题整改期限 {item.record.rectify_by} 已过 {days} 天，未录入整改完成日期",
                                    "督促整改并复查；逾期拒不整改的依法查处"))
    return found


def last_inspections(inspections: Iterable[Inspection]) -> dict[str, dt.date]:
    """统一社会信用代码 → the day of its latest inspection (any verdict)."""
    last: dict[str, dt.date] = {}
    for item in inspections:
        if item.day is not None and (item.uscc not in last or item.day > last[item.uscc]):
            last[item.uscc] = item.day
    return last


def neglect_alerts(targets: Iterable[TargetRow], inspections: Sequence[Inspection], pending: Mapping[str, str],
                   today: dt.date, rules: AlertRules) -> list[Alert]:
    """C/D firms not inspected for long, and targets never inspected since registration. ``pending``: targets
    drawn in a valid batch of this year without a result yet → the batch."""
    last = last_inspections(inspections)
    years = [i.year for i in inspections if i.year is not None]
    since = dt.date(min(years), 1, 1) if years else None
    found = []
    for t in targets:
        if not t.active:
            continue
        seen = last.get(t.uscc)
        drawn = pending.get(t.uscc)
        if t.risk in ("C", "D") and (seen is None or (today - seen).days > rules.high_risk_days):
            when = f"最近一次检查 {seen}（{(today - seen).days} 天前）" if seen else f"{since.year} 年以来的检查记录中没有检查" if since else "没有检查记录"
            level = LOW if drawn else HIGH if t.risk == "D" else MEDIUM
            action = (f"已在 {drawn} 中抽中，按计划完成检查并录入结果" if drawn
                      else "在下一批抽查中提高该类抽查比例或将其纳入定向抽查")
            found.append(_about(t, level, "risk.high-risk-not-inspected",
                                f"{t.risk} 类（{'高' if t.risk == 'D' else '较高'}风险），{when}", action))
        elif (t.registered_on is not None and since is not None and t.registered_on >= since
              and (today - t.registered_on).days >= rules.never_days
              and (seen is None or seen < t.registered_on)):
            level = MEDIUM if t.risk in ("C", "D") or t.key else LOW
            action = f"已在 {drawn} 中抽中，按计划完成检查" if drawn else "在下一批抽查中关注；新设对象可纳入定向抽查"
            found.append(_about(t, LOW if drawn else level, "risk.never-inspected",
                                f"{t.registered_on} 登记，{(today - t.registered_on).days} 天来从未被检查", action))
    return found


def rising_alerts(by_year: Mapping[tuple[str, int], Estimate], rules: AlertRules) -> list[Alert]:
    """Categories whose latest year's problem rate rose sharply above the earlier years (``by_year``:
    (检查对象类别, 年度) → estimate)."""
    found = []
    for category in sorted({c for c, _y in by_year}):
        years = sorted(y for c, y in by_year if c == category)
        if len(years) < 2:
            continue
        latest = by_year[(category, years[-1])]
        before = [by_year[(category, y)] for y in years[:-1]]
        n, problems = sum(e.n for e in before), sum(e.problems for e in before)
        if not latest.enough or n < rules.minimum or latest.rate is None:
            continue
        earlier = problems / n
        rise = (latest.rate - earlier) * 100
        if rise >= rules.rise_points and latest.low > earlier:
            low, high = wilson(problems, n)
            found.append(Alert(MEDIUM, "risk.category-rising",
                               f"{years[-1]} 年问题发现率 {latest.rate:.0%}（{latest.low:.0%}–{latest.high:.0%}，{latest.n} 户次），"
                               f"{years[0]}–{years[-2]} 年 {earlier:.0%}（{low:.0%}–{high:.0%}，{n} 户次），上升 {rise:.0f} 个百分点",
                               "分析主要问题，考虑开展专项检查（陵川计划 五：对普遍性问题开展针对性的专项检查）并提高该类别的抽查比例",
                               name=category, category=category))
    return found


def alerts(targets: Sequence[TargetRow], inspections: Sequence[Inspection], pending: Mapping[str, str],
           by_year: Mapping[tuple[str, int], Estimate], today: dt.date, calendar: WorkCalendar,
           rules: AlertRules) -> list[Alert]:
    """Every warning, ordered by level (高, 中, 低), rule, category, then code."""
    index = {t.uscc: t for t in targets}
    found = [*licence_alerts(targets, today, rules), *problem_alerts(index, inspections, today, calendar, rules),
             *neglect_alerts(targets, inspections, pending, today, rules), *rising_alerts(by_year, rules)]
    order = list(RULES)
    return sorted(found, key=lambda a: (LEVELS.index(a.level), order.index(a.code), a.category, a.uscc))

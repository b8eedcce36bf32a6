"""年度抽查计划: the rules of one task (抽查任务) and of the plan as a whole.

- 抽查起止时间: 开始日期 not after 结束日期, both within the plan year (设置 年度); 结束日期 not after
  任务完成截止 (default 12-20, 陵川计划 五).
- 抽查比例 and the per-class overrides (A类比例 … D类比例): above 0 % and at most 100 %; a class is never set
  to 0 % (国市监信发〔2022〕6号: every class is sampled).
- 发起股室: a 股室 named by a task should be one the registries know (监管股室 of the targets or 所属股室 of
  the inspectors) — a warning catches a misspelt 股室, whose tasks would be counted apart.

Scope and coverage (of the unit and of each 股室) are in :mod:`addin.core.validation.coverage`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.normalise import label
from addin.core.validation.records import Record, SheetRead
from addin.core.validation.settings import Settings

IN_BUSINESS = "在营"
UNCLASSIFIED = "未分类"
CLASSES = ("A", "B", "C", "D")
RATIO_FIELDS = ("抽查比例", *(f"{c}类比例" for c in CLASSES))


def percent(value: Decimal | Fraction) -> str:
    """0.3 → ``30%``, 0.125 → ``12.5%``, 1/3 → ``33.33%``."""
    number = value if isinstance(value, Decimal) else Decimal(value.numerator) / Decimal(value.denominator)
    text = f"{(number * 100).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") + "%"


def ratio_ok(value: Decimal | None) -> bool:
    return value is not None and 0 < value <= 1


def task_issues(plan: SheetRead, settings: Settings) -> list[Issue]:
    """Window, deadline and ratio rules of every task."""
    found: list[Issue] = []
    for record in plan.records:
        found += _window(plan, record, settings)
        for name in RATIO_FIELDS:
            value = record.get(name)
            if value is not None and not ratio_ok(value):
                found.append(issue("plan.ratio-invalid", sheet=plan.sheet, row=record.row,
                                   column=plan.column(name), field=name, value=percent(value)))
    return found


def _window(plan: SheetRead, record: Record, settings: Settings) -> list[Issue]:
    start, end = record.get("开始日期"), record.get("结束日期")
    found: list[Issue] = []

    def bad(name: str, value: dt.date, reason: str) -> None:
        found.append(issue("plan.window-invalid", sheet=plan.sheet, row=record.row, column=plan.column(name),
                           field=name, value=value.isoformat(), reason=reason))

    if start is not None and end is not None and start > end:
        bad("开始日期", start, f"开始日期 {start} 晚于结束日期 {end}")
    year = settings.year
    if year is not None:
        for name, value in (("开始日期", start), ("结束日期", end)):
            if value is not None and value.year != year:
                bad(name, value, f"{name} {value} 不在计划年度 {year} 年内")
    if end is not None and (year is None or end.year == year):
        deadline = settings.tasks_deadline(end.year)
        if end > deadline:
            found.append(issue("plan.window-after-deadline", sheet=plan.sheet, row=record.row,
                               column=plan.column("结束日期"), field="结束日期", value=end.isoformat(),
                               deadline=deadline.isoformat()))
    return found


def office_issues(plan: SheetRead, targets: SheetRead | None, inspectors: SheetRead | None) -> list[Issue]:
    """发起股室 not among the 监管股室 of the targets nor the 所属股室 of the inspectors (warning)."""
    if not plan.has("发起股室"):
        return []
    known: set[str] = set()
    columns = [(read, name) for read, name in ((targets, "监管股室"), (inspectors, "所属股室"))
               if read is not None and read.has(name)]
    if not columns:
        return []
    for read, name in columns:
        known.update(label(v) for v in read.values(name) if v)
    found = []
    for row, value in zip(plan.rows, plan.values("发起股室"), strict=True):
        if value and label(value) not in known:
            found.append(issue("ref.unknown-office", sheet=plan.sheet, row=row, column=plan.column("发起股室"),
                               field="发起股室", value=value))
    return found

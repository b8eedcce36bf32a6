"""年度抽查计划: the rules of one task (抽查任务) and of the plan as a whole.

- 抽查起止时间: 开始日期 not after 结束日期, both within the plan year (设置 年度); 结束日期 not after
  任务完成截止 (default 12-20, 陵川计划 五).
- 抽查比例 and the per-class overrides (A类比例 … D类比例): above 0 % and at most 100 %; a class is never set
  to 0 % (国市监信发〔2022〕6号: every class is sampled).
- Scope: a task whose category and 乡镇 filter hold no 在营 target draws nothing (warning).
- Coverage (覆盖率): the expected number of distinct targets the plan inspects must reach 年度抽查覆盖率目标
  (default 3 %, 涞源方案 一(三)) of the supervised (在营) targets (warning).

Expected coverage: in each task and stratum h (信用风险分类; blank = 未分类) the draw takes
``n_h = ceil(r_h × N_h)`` of the ``N_h`` in-business targets in scope (draw-v1 §4), so each of them is inspected
with probability ``n_h / N_h`` per batch (频次 batches); a target is covered unless every task and batch
misses it, and the expected number of distinct targets covered is the sum of those probabilities.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

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


@dataclass(frozen=True, slots=True)
class Target:
    """What the plan rules need of one 在营 target: its code, category and 乡镇 (as :func:`label`), its stratum."""

    code: str
    category: str
    township: str
    stratum: str


def in_business(targets: SheetRead) -> list[Target]:
    """The supervised targets (经营状态 在营, with a 统一社会信用代码), read column-wise."""
    labels: dict[Any, str] = {}

    def label_once(value: Any) -> str:
        if value not in labels:
            labels[value] = label(value or "")
        return labels[value]

    columns = (targets.values("统一社会信用代码"), targets.values("检查对象类别"), targets.values("所属乡镇"),
               targets.values("经营状态"), targets.values("信用风险分类"))
    return [Target(code, label_once(category), label_once(township), risk or UNCLASSIFIED)
            for code, category, township, status, risk in zip(*columns, strict=True)
            if status == IN_BUSINESS and code]


def _in_scope(task: Record, pool: Sequence[Target]) -> list[Target]:
    category = task.get("检查对象类别")
    townships = {label(t) for t in task.get("所属乡镇") or ()}
    if category is None:
        return []
    wanted = label(category)
    return [t for t in pool if t.category == wanted and (not townships or t.township in townships)]


def class_ratio(task: Record, stratum: str) -> Decimal | None:
    """The ratio a task applies to a stratum: the class override, else 抽查比例."""
    if stratum in CLASSES and task.get(f"{stratum}类比例") is not None:
        return task.get(f"{stratum}类比例")
    return task.get("抽查比例")


def scope_issues(plan: SheetRead, targets: SheetRead) -> list[Issue]:
    """A warning for each task whose scope holds no in-business target (when its category exists at all)."""
    categories = {label(c) for c in set(targets.values("检查对象类别")) if c}
    pool = in_business(targets)
    found = []
    for task in plan.records:
        category = task.get("检查对象类别")
        if category is None or label(category) not in categories or _in_scope(task, pool):
            continue
        townships = task.get("所属乡镇")
        found.append(issue("plan.no-targets", sheet=plan.sheet, row=task.row, column=plan.column("检查对象类别"),
                           field="检查对象类别", value=category, task=task.get("任务编号") or task.row,
                           category=category, townships=("，乡镇 " + "、".join(townships)) if townships else ""))
    return found


def expected_coverage(tasks: Iterable[Record], pool: Sequence[Target]) -> Fraction:
    """The expected number of distinct targets of ``pool`` that the tasks inspect (module docstring)."""
    misses: dict[str, Fraction] = {}  # target code → probability that no task draws it
    for task in tasks:
        scope = _in_scope(task, pool)
        sizes = Counter(t.stratum for t in scope)
        batches = task.get("频次") or 1
        rates: dict[str, Fraction] = {}
        for stratum, size in sizes.items():
            ratio = class_ratio(task, stratum)
            if ratio is None or not ratio_ok(ratio):
                continue
            drawn = math.ceil(Fraction(ratio) * size)
            rates[stratum] = Fraction(drawn, size)
        for target in scope:
            rate = rates.get(target.stratum)
            if rate is None:
                continue
            misses[target.code] = misses.get(target.code, Fraction(1)) * (1 - rate) ** batches
    return sum((1 - miss for miss in misses.values()), Fraction(0))


def coverage_issues(plan: SheetRead, targets: SheetRead, settings: Settings) -> list[Issue]:
    """A warning when the plan's expected coverage falls short of 年度抽查覆盖率目标."""
    pool = in_business(targets)
    if not pool or not plan.records:
        return []
    supervised = len({t.code for t in pool})
    needed = Fraction(settings.coverage_target) * supervised
    expected = expected_coverage(plan.records, pool)
    if expected >= needed:
        return []
    return [issue("plan.coverage-below-target", sheet=plan.sheet, expected=_round(expected),
                  supervised=supervised, rate=percent(expected / supervised),
                  target=percent(settings.coverage_target), needed=math.ceil(needed))]


def _round(value: Fraction) -> str:
    """An expected count as shown to users: one decimal when not whole."""
    tenths = math.floor(value * 10 + Fraction(1, 2))
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"

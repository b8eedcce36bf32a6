"""凡随机抽查必风险分类: how the plan uses the credit-risk classes (seed 003 §四 and its 附件).

- ``plan.rates-not-increasing`` (warning) — within a task, a lower-risk class has a higher rate than a
  higher-risk one (A类比例 50 % with D类比例 10 %): the plan tables ask 对低风险、一般风险、较高风险、高风险企业，
  分别递加抽查比例、频次. A class without its own rate uses 抽查比例. The message names the cells.
- ``plan.frequencies-not-increasing`` (warning) — the same for 频次 (A类频次 … D类频次; a class without its own
  uses 频次).
- ``plan.no-class-differentiation`` (warning) — the registry gives a 信用风险分类 (A–D) to targets in the task's
  scope, yet the task applies one rate and one 频次 to every class (坚持凡“随机抽查”必“风险分类”).
- ``plan.frequency-over-cap`` (warning) — a class inspected at 100 % in more batches (its 频次) than its
  同一对象年度抽查上限 allows: after the first batch every target of the class is at its cap, so the later
  batches draw none of them (set 设置 X类同一对象年度抽查上限 to the 频次, or lower the 频次).
- ``plan.class-share`` (warning, on the sheet) — beside those warnings, the share of the year's tasks that
  differentiate the classes (进一步提高抽查任务关联企业信用风险分类结果的比例); :func:`class_share` gives the figure
  to the statistics too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.coverage import Target, in_business, in_scope
from addin.core.validation.records import Record, SheetRead
from addin.core.validation.settings import Settings

CLASSES = ("A", "B", "C", "D")


def _percent(value: Any) -> str:
    number = Decimal(str(value)) * 100
    return f"{number.normalize():f}%"


def _effective(task: Record, suffix: str, base: str, default: Any) -> list[tuple[str, Any, bool]]:
    """(field, value, own) per class A–D: the class's own column, else the task's ``base`` column."""
    found = []
    for c in CLASSES:
        own = task.get(f"{c}类{suffix}")
        found.append((f"{c}类{suffix}", own if own is not None else task.get(base) or default, own is not None))
    return found


def differentiated_values(ratio: Any, class_ratios: Mapping[str, Any], frequency: Any,
                          class_frequencies: Mapping[str, Any]) -> bool:
    """The task treats the classes differently: some class's rate or 频次 differs from another's (a class
    without its own uses 抽查比例 / 频次)."""
    rates = {class_ratios.get(c, ratio) for c in CLASSES}
    batches = {class_frequencies.get(c, frequency or 1) for c in CLASSES}
    return len(rates) > 1 or len(batches) > 1


def differentiated(task: Record) -> bool:
    """:func:`differentiated_values` of a 年度抽查计划 row."""
    own = {c: task.get(f"{c}类比例") for c in CLASSES if task.get(f"{c}类比例") is not None}
    batches = {c: task.get(f"{c}类频次") for c in CLASSES if task.get(f"{c}类频次") is not None}
    return differentiated_values(task.get("抽查比例"), own, task.get("频次"), batches)


def _cell(plan: SheetRead, task: Record, field: str, own: bool, base: str) -> str:
    column = plan.column(field if own else base)
    return f"{column}{task.row}" if column else (field if own else base)


def _not_increasing(plan: SheetRead, task: Record, suffix: str, base: str, default: Any, code: str,
                    shown: Any) -> list[Issue]:
    values = _effective(task, suffix, base, default)
    pairs, first = [], None
    for i, (field_i, value_i, own_i) in enumerate(values):
        for field_j, value_j, own_j in values[i + 1:]:
            if value_i is not None and value_j is not None and value_i > value_j:
                first = first or (field_i if own_i else base)
                pairs.append(f"{field_i} {shown(value_i)}（{_cell(plan, task, field_i, own_i, base)}）高于"
                             f"{field_j} {shown(value_j)}（{_cell(plan, task, field_j, own_j, base)}）")
    if first is None:
        return []
    return [issue(code, sheet=plan.sheet, row=task.row, column=plan.column(first), field=first,
                  task=task.get("任务编号") or task.row, pairs="；".join(pairs))]


def increasing_issues(plan: SheetRead) -> list[Issue]:
    """递加: rates and 频次 that fall from A to D."""
    found: list[Issue] = []
    for task in plan.records:
        found += _not_increasing(plan, task, "比例", "抽查比例", None, "plan.rates-not-increasing", _percent)
        found += _not_increasing(plan, task, "频次", "频次", 1, "plan.frequencies-not-increasing", str)
    return found


def cap_issues(plan: SheetRead, settings: Settings) -> list[Issue]:
    """Classes at 100 % whose 频次 exceeds their yearly cap."""
    found = []
    for task in plan.records:
        rates = {f[0]: v for f, v, _o in _effective(task, "比例", "抽查比例", None)}
        for field, batches, own in _effective(task, "频次", "频次", 1):
            stratum = field[0]
            cap = settings.cap_of(stratum)
            if rates.get(stratum) is not None and rates[stratum] >= 1 and int(batches) > cap:
                name = field if own else "频次"
                found.append(issue("plan.frequency-over-cap", sheet=plan.sheet, row=task.row,
                                   column=plan.column(name), field=name, value=int(batches),
                                   task=task.get("任务编号") or task.row, stratum=stratum, cap=cap))
    return found


def _classified(task: Record, pool: Sequence[Target]) -> bool:
    return any(t.stratum in CLASSES for t in in_scope(task, pool))


def class_share(plan: SheetRead) -> tuple[int, int]:
    """(tasks that differentiate the classes, tasks) of the plan."""
    tasks = [t for t in plan.records if t.get("任务编号")]
    return sum(1 for t in tasks if differentiated(t)), len(tasks)


def differentiation_issues(plan: SheetRead, targets: SheetRead) -> list[Issue]:
    """Tasks without class differentiation whose scope holds classified targets, and the year's share."""
    pool = in_business(targets)
    found = []
    for task in plan.records:
        if task.get("任务编号") and not differentiated(task) and _classified(task, pool):
            found.append(issue("plan.no-class-differentiation", sheet=plan.sheet, row=task.row,
                               column=plan.column("抽查比例"), field="抽查比例", task=task.get("任务编号")))
    using, total = class_share(plan)
    if found and total and using < total:
        found.append(issue("plan.class-share", sheet=plan.sheet, using=using, total=total,
                           share=f"{using / total:.0%}"))
    return found

"""References between sheets (引用): a value in one sheet that must exist in another.

- 回避关系: 执法证号 in 执法检查人员名录库, 统一社会信用代码 in 检查对象名录库.
- 抽查事项清单: 检查对象类别 held by some target — a warning only (a county copies the provincial list and
  keeps items of categories it has no target of); 专业领域 held by some inspector who may be drawn through
  the end of the tasks that use the item (by the run date when no task uses it).
- 年度抽查计划: 抽查事项 in the item list; 检查对象类别 held by some target (an error: the task would draw
  nobody); 所属乡镇 known (warning); 发起部门 and every 配合部门 with at least one inspector who may be
  drawn through the task's end.
- 检查结果: 任务编号 in the plan, 统一社会信用代码 in the targets, 检查人员 in the inspectors.

Labels (categories, 乡镇, departments) are compared in the form :func:`~addin.core.validation.normalise.label`
gives them — the form the freeze compares and writes, so that validation and freeze never disagree. The sheets are read
column-wise (:class:`~addin.core.validation.records.SheetRead`): a registry of a million rows is walked as
a few lists, never as a million records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.inspectors import departments, drawable, expertise
from addin.core.validation.normalise import label
from addin.core.validation.records import SheetRead


def known_values(read: SheetRead, name: str) -> set[str] | None:
    """Every value of column ``name`` (parts of multi-value cells included); None when the column is absent,
    so that a missing column (already reported) does not make every reference look unknown."""
    if not read.has(name):
        return None
    found: set[str] = set()
    for value in set(map(_hashable, read.values(name))):
        if isinstance(value, tuple):
            found.update(value)
        elif value is not None:
            found.add(value)
    return found


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def unknown(read: SheetRead, name: str, known: Iterable[str] | None, code: str, *,
            labels: bool = False) -> list[Issue]:
    """One issue per value (or part of a multi-value cell) of column ``name`` that is not in ``known``
    (``labels``: compared as :func:`label`)."""
    if known is None or not read.has(name):
        return []
    known_set = {label(k) for k in known} if labels else set(known)
    found = []
    for row, value in zip(read.rows, read.values(name), strict=True):
        for part in value if isinstance(value, list) else [value]:
            if part is None or (label(part) if labels else part) in known_set:
                continue
            found.append(issue(code, sheet=read.sheet, row=row, column=read.column(name), field=name, value=part))
    return found


def conflict_refs(conflicts: SheetRead, inspectors: SheetRead, targets: SheetRead) -> list[Issue]:
    return (unknown(conflicts, "执法证号", known_values(inspectors, "执法证号"), "ref.unknown-inspector")
            + unknown(conflicts, "统一社会信用代码", known_values(targets, "统一社会信用代码"),
                      "ref.unknown-target"))


def result_refs(results: SheetRead, plan: SheetRead, targets: SheetRead, inspectors: SheetRead) -> list[Issue]:
    return (unknown(results, "任务编号", known_values(plan, "任务编号"), "ref.unknown-task")
            + unknown(results, "统一社会信用代码", known_values(targets, "统一社会信用代码"), "ref.unknown-target")
            + unknown(results, "检查人员", known_values(inspectors, "执法证号"), "ref.unknown-inspector"))


def item_refs(items: SheetRead, targets: SheetRead | None, inspectors: SheetRead | None, plan: SheetRead | None,
              today: dt.date) -> list[Issue]:
    found: list[Issue] = []
    if targets is not None:
        found += unknown(items, "检查对象类别", known_values(targets, "检查对象类别"),
                         "ref.item-category-no-targets", labels=True)
    if inspectors is not None and _can_draw(inspectors) and inspectors.has("专业领域") and items.has("专业领域"):
        found += expertise_refs(items, inspectors, task_ends(plan) if plan is not None else {}, today)
    return found


def task_ends(plan: SheetRead) -> dict[str, dt.date]:
    """事项编码 → the latest 结束日期 of the tasks (抽查任务) that use the item."""
    ends: dict[str, dt.date] = {}
    for record in plan.records:
        end = record.get("结束日期")
        if end is None:
            continue
        for code in record.get("抽查事项") or ():
            if code not in ends or end > ends[code]:
                ends[code] = end
    return ends


def expertise_refs(items: SheetRead, inspectors: SheetRead, ends: dict[str, dt.date],
                   today: dt.date) -> list[Issue]:
    """专业领域 of an item needs an inspector who holds it and may be drawn through the end of the tasks that
    use the item (``ends``), or on the run date for an item no task uses."""
    held: dict[dt.date, set[str]] = {}
    found = []
    for record in items.records:
        field = record.get("专业领域")
        if field is None:
            continue
        until = ends.get(record.get("事项编码"), today)
        if until not in held:
            held[until] = expertise(drawable(inspectors.records, until))
        if field not in held[until]:
            found.append(issue("ref.no-expertise", sheet=items.sheet, row=record.row,
                               column=items.column("专业领域"), field="专业领域", value=field,
                               until=until.isoformat()))
    return found


def plan_refs(plan: SheetRead, items: SheetRead, targets: SheetRead, inspectors: SheetRead,
              today: dt.date) -> list[Issue]:
    found = unknown(plan, "抽查事项", known_values(items, "事项编码"), "ref.unknown-item")
    found += unknown(plan, "检查对象类别", known_values(targets, "检查对象类别"), "ref.unknown-category",
                     labels=True)
    found += unknown(plan, "所属乡镇", known_values(targets, "所属乡镇"), "ref.unknown-township", labels=True)
    if _can_draw(inspectors) and inspectors.has("所属单位"):
        found += department_refs(plan, inspectors, today)
    return found


def _can_draw(inspectors: SheetRead) -> bool:
    return inspectors.has("在岗状态") and inspectors.has("执法证有效期至")


def department_refs(plan: SheetRead, inspectors: SheetRead, today: dt.date) -> list[Issue]:
    """发起部门 and each 配合部门 of a task need an inspector of that 所属单位 who may be drawn through the
    task's 结束日期 (or today when the end is unknown)."""
    found = []
    for record in plan.records:
        until = record.get("结束日期") or today
        held = departments(drawable(inspectors.records, until))
        for name in ("发起部门", "配合部门"):
            value = record.get(name)
            for dept in value if isinstance(value, list) else [value]:
                if dept is None or label(dept) in held:
                    continue
                found.append(issue("ref.no-inspector-for-department", sheet=plan.sheet, row=record.row,
                                   column=plan.column(name), field=name, value=dept, until=until.isoformat()))
    return found

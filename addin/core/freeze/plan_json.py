"""The ``plan.json`` of a batch (draw-v2, ``docs/draw-v2.md``): one draw task per (任务, 部门, 专业领域).

Each item (抽查事项) of a 抽查任务 is inspected by its 发起部门 (the task's 发起部门 when blank) and needs its
专业领域. The task becomes one draw task per (department, expertise) of its items — task_id
``任务编号/部门/专业领域`` — plus one per cooperating department (配合部门 of the task or of an item) that has no
item of its own (``任务编号/部门``, any expertise). They all share one ``key_scope``, the same filter and the
same rates, so they pick exactly the same targets; the visit units then merge them and every department
becomes a required slot on the same visit (进一次门、查多项事, 国发〔2019〕5号).

协同抽取 (coordinated selection, on by default — 设置 协同抽取, per task the plan column 协同抽取): the tasks of a
batch that are coordinated share the key scope ``协同`` instead of their 任务编号. A business then has one rank
key for all of them, so tasks whose scopes overlap (the same category, or a business in several categories)
draw overlapping businesses as far as their rates allow — nested samples where they draw a class from the
same businesses — while each still draws every business of a class with probability ``n_h / N_h`` (draw-v2
§4.5). Tasks with disjoint scopes are not affected by sharing the scope. The 任务编号 of a draw task is the
part of its task_id before the first ``/`` (:func:`task_number`), in draw-v1 evidence as in draw-v2.

Rates (抽查比例) are exact decimal strings: 30 % → ``"0.3"``; A/B/C/D use their own ratio when the plan gives
one, ``U`` (未分类) and the classes without one use 抽查比例. A class whose 频次 (A类频次 …, else 频次) is used up
before this batch of the task gets the rate ``"0"``: it is not drawn again this year (A 1, D 2 → the task's
second batch draws D firms only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from addin.core.draw.plan import RATE
from addin.core.errors import AddinError
from addin.core.records import CLASSES, UNCLASSIFIED, ItemRow, PlanTask

SPEC = "draw-v2"
"""The version of the draw's public rules new freezes use; ``ssj verify`` still checks draw-v1 evidence."""
COORDINATED = "协同"
"""The key scope shared by the coordinated tasks of a batch (协同抽取)."""


def task_number(task_id: str) -> str:
    """The 任务编号 of a draw task: ``2024-06/卫生健康局/医疗卫生`` → ``2024-06``."""
    return task_id.split("/", 1)[0]


def frozen_task_numbers(plan: Mapping[str, Any]) -> list[str]:
    """The 任务编号 of a frozen plan.json (parsed JSON), in order, each once."""
    return list(dict.fromkeys(task_number(str(t["task_id"])) for t in plan["tasks"]))


@dataclass(frozen=True, slots=True)
class SubTask:
    """A draw task: who inspects (``dept`` with expertise ``tag``) which items of 任务 ``number``."""

    task_id: str
    number: str
    dept: str
    tag: str | None
    items: tuple[str, ...]


def subtasks_of(task: PlanTask, items: Mapping[str, ItemRow]) -> list[SubTask]:
    groups: dict[tuple[str, str | None], list[str]] = {}
    partners: list[str] = [task.lead_dept, *task.partner_depts]
    for code in task.items:
        item = items.get(code)
        dept = (item.dept if item else "") or task.lead_dept
        tag = (item.expertise if item else "") or None
        groups.setdefault((dept, tag), []).append(code)
        if item:
            partners.extend(item.partner_depts)
    found = [SubTask(f"{task.number}/{dept}/{tag}" if tag else f"{task.number}/{dept}", task.number, dept, tag,
                     tuple(codes)) for (dept, tag), codes in groups.items()]
    covered = {s.dept for s in found}
    for dept in dict.fromkeys(p for p in partners if p):
        if dept not in covered:
            found.append(SubTask(f"{task.number}/{dept}", task.number, dept, None, ()))
            covered.add(dept)
    return found


def rate_text(value: Decimal, where: str, params: Mapping[str, Any] | None = None) -> str:
    """An exact decimal string for draw-v1 (``Decimal("0.30")`` → ``"0.3"``); at most 6 decimals, 0–1.
    ``params`` (``row``, ``field``) say which cell of 年度抽查计划 the ratio came from."""
    text = format(value.normalize(), "f") if value else "0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if not RATE.fullmatch(text):
        raise AddinError("freeze.bad-rate", f"{where}的比例 {value} 无法用于抽取：应在 0% 到 100% 之间，至多 4 位百分比小数。",
                         {"where": where, "value": str(value), **(params or {})})
    return text


def percent(rate: str | None) -> str:
    """``"0.035"`` → ``"3.5%"`` (for sheets; exact)."""
    if rate is None:
        return ""
    value = Fraction(rate) * 100
    if value.denominator == 1:
        return f"{value.numerator}%"
    return f"{format(Decimal(value.numerator) / Decimal(value.denominator), 'f').rstrip('0')}%"


def rates_of(task: PlanTask, batch: int = 1) -> dict[str, str]:
    """The rate per stratum of the task's ``batch``-th batch: ``"0"`` for a class whose 频次 is used up."""
    where = f"任务 {task.number}（年度抽查计划第 {task.row} 行）"
    if task.ratio is None:
        raise AddinError("freeze.bad-rate", f"{where}没有填写抽查比例。",
                         {"task": task.number, "row": task.row, "field": "抽查比例"})
    rates = {c: rate_text(task.class_ratios.get(c, task.ratio), f"{where}{c}类",
                          {"row": task.row, "field": f"{c}类比例" if c in task.class_ratios else "抽查比例"})
             for c in CLASSES}
    rates[UNCLASSIFIED] = rate_text(task.ratio, where, {"row": task.row, "field": "抽查比例"})
    for stratum in task.spent_classes(batch):
        rates[stratum] = "0"
    return rates


def coordinated(task: PlanTask, default: bool) -> bool:
    """协同抽取 of a task: its plan column, or the 设置 value when blank."""
    return default if task.coordinate is None else task.coordinate


def plan_dict(plan_id: str, tasks: Sequence[PlanTask], items: Mapping[str, ItemRow], *, team_size: int,
              reserve: int, sources: Sequence[tuple[str, str]],
              coordinate: bool = True,
              batches: Mapping[str, int] | None = None) -> tuple[dict[str, Any], list[SubTask]]:
    """The plan.json object of a batch and its draw tasks (in task order); ``coordinate``: 设置 协同抽取;
    ``batches``: 任务编号 → which of the task's batches this is (default 1)."""
    if team_size < 2:
        raise AddinError("freeze.bad-setting", f"设置“每组检查人员数”为 {team_size}：检查组至少 2 人（行政处罚法：两人以上）。")
    if not sources:
        raise AddinError("freeze.no-source", "没有指定随机源：请用 --source 类型:编号 指定冻结之后才会产生的公开随机数"
                         "（如 lottery-ssq:2024052、drand-quicknet:1234567）。")
    subtasks: list[SubTask] = []
    entries = []
    for task in tasks:
        rates = rates_of(task, (batches or {}).get(task.number, 1))
        flt: dict[str, list[str]] = {"industry_prefix": [task.category + "/"]}
        if task.towns:
            flt["region_prefix"] = [town + "/" for town in task.towns]
        for sub in subtasks_of(task, items):
            subtasks.append(sub)
            scope = COORDINATED if coordinated(task, coordinate) else task.number
            entry: dict[str, Any] = {"task_id": sub.task_id, "dept": sub.dept, "key_scope": scope,
                                     "filter": flt, "alloc": {"mode": "rate", "rates": rates}}
            if sub.tag:
                entry["tag"] = sub.tag
            entries.append(entry)
    plan = {"spec": SPEC, "plan_id": plan_id, "team_size": team_size, "reserve": reserve,
            "randomness": [{"type": t, "id": i} for t, i in sources], "tasks": entries}
    return plan, subtasks

"""Which tasks a freeze covers (本批抽取的任务), and the name of the batch (抽取批次, the draw's ``plan_id``).

By default a batch covers the tasks of the 年度抽查计划 whose window (开始日期–结束日期) contains the draw date
and whose 频次 is not used up by earlier valid draws; ``--tasks`` names them explicitly (a task outside its
window or with its 频次 used up is then taken with a note). One freeze is one batch: its ``plan_id`` is
``<单位名称>-<年度>年第<n>批`` where n counts the batches of the year already frozen (voided ones included), so a
second freeze is always a new batch — a voided draw can never be confused with its redraw.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from addin.core.errors import AddinError
from addin.core.freeze.history import History
from addin.core.records import PlanTask


@dataclass(frozen=True, slots=True)
class TaskChoice:
    """A task of the plan and why it is in this batch or not."""

    task: PlanTask
    included: bool
    note: str  # why (not) included; empty when included by default without remark


def choose_tasks(tasks: Sequence[PlanTask], day: dt.date, history: History,
                 explicit: Sequence[str] | None = None) -> list[TaskChoice]:
    """Every task with its choice; raises ``freeze.no-tasks`` when none is included."""
    known = {t.number: t for t in tasks}
    wanted = [w.strip().upper() for w in explicit or () if w.strip()]
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise AddinError("freeze.unknown-task", f"年度抽查计划中没有任务编号：{'、'.join(unknown)}",
                         {"tasks": unknown})
    choices = []
    for task in tasks:
        used = history.used_frequency(task.number)
        window = task.in_window(day)
        spent = used >= task.batches
        if wanted:
            included = task.number in wanted
            notes = []
            if included and not window:
                notes.append(f"{day} 不在抽查起止时间内（按 --tasks 指定抽取）")
            if included and spent:
                notes.append(f"频次已用完（已抽 {used} 批，计划 {task.batches} 批；按 --tasks 指定抽取）")
            choices.append(TaskChoice(task, included, "；".join(notes) if included else "未指定"))
        elif not window:
            choices.append(TaskChoice(task, False, f"{day} 不在抽查起止时间 {_window(task)} 内"))
        elif spent:
            choices.append(TaskChoice(task, False, f"频次已用完（已抽 {used} 批，计划 {task.batches} 批）"))
        else:
            choices.append(TaskChoice(task, True, f"第 {used + 1} 批（共 {task.batches} 批）{_classes(task, used + 1)}"))
    if not any(c.included for c in choices):
        why = "；".join(f"{c.task.number} {c.note}" for c in choices) or "计划中没有任务"
        raise AddinError("freeze.no-tasks", f"{day} 没有可以抽取的任务（{why}）。可用 --date 换一天，或用 --tasks 指定任务。",
                         {"date": day.isoformat()})
    return choices


def _classes(task: PlanTask, batch: int) -> str:
    """What a batch of a task with per-class 频次 leaves out: "；A类频次 1 批已用完，本批不抽"."""
    spent = [s for s in ("A", "B", "C", "D", "U") if s in task.spent_classes(batch)]
    if not spent:
        return ""
    names = "、".join("未分类" if s == "U" else f"{s}类" for s in spent)
    return f"；{names}的频次已用完，本批不抽"


def _window(task: PlanTask) -> str:
    start = task.start.isoformat() if task.start else "?"
    end = task.end.isoformat() if task.end else "?"
    return f"{start} 至 {end}"


def batch_prefix(unit_name: str | None, year: int) -> str:
    unit = re.sub(r"[\t\n\r/\\:*?\"<>|]", "", unit_name or "").strip()
    return f"{unit}-{year}年" if unit else f"{year}年"


def next_plan_id(unit_name: str | None, year: int, taken: Iterable[str], note: str = "") -> str:
    """``示例县卫生健康局-2024年第1批``: the first number above every batch of that unit and year in ``taken``
    (batches named with a note count too: ``…第2批（外部抽取）``); ``note`` is added in brackets."""
    prefix = batch_prefix(unit_name, year)
    pattern = re.compile(rf"^{re.escape(prefix)}第(\d+)批(?:（[^）]*）)?$")
    numbers = [int(m.group(1)) for m in (pattern.match(t) for t in taken) if m]
    return f"{prefix}第{max(numbers, default=0) + 1}批" + (f"（{note}）" if note else "")

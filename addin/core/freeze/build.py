"""A whole freeze (冻结) from the workbook's typed rows: the canonical draw-v1 files, the exclusions, and what
the sheets need to know about the batch's draw-v1 tasks. Building twice from the same rows gives the same
bytes — that is how a draw checks that the workbook has not changed since its freeze.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from addin.core.draw import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_roster_tsv,
    build_team_conflicts_tsv,
)
from addin.core.freeze.history import History
from addin.core.freeze.plan_json import SubTask, plan_dict
from addin.core.freeze.pool import Exclusion, conflict_rows, pool_of, pool_rows, roster_of, roster_rows
from addin.core.records import ConflictRow, InspectorRow, ItemRow, PlanTask, TargetRow

FILE_KEYS = ("pool", "roster", "conflicts", "team_conflicts", "plan")
FILE_LABELS = {"pool": "检查对象名录（pool.tsv）", "roster": "执法检查人员名单（roster.tsv）",
               "conflicts": "回避关系（conflicts.tsv）", "team_conflicts": "同组回避（team_conflicts.tsv）",
               "plan": "抽取计划与设置（plan.json）"}


@dataclass(frozen=True, slots=True)
class FreezeSource:
    """Everything of a workbook that a freeze reads (设置 values are passed as plain fields)."""

    year: int
    unit_name: str | None
    targets: tuple[TargetRow, ...]
    inspectors: tuple[InspectorRow, ...]
    conflicts: tuple[ConflictRow, ...]
    items: Mapping[str, ItemRow]
    tasks: tuple[PlanTask, ...]
    history: History = field(default_factory=History)
    team_size: int = 2
    reserves: int = 2
    max_load: int = 40
    cap: int = 1  # 同一对象年度抽查上限
    recuse_last: bool = False  # 上次检查人员回避


@dataclass(frozen=True, slots=True)
class FreezeBuild:
    plan_id: str
    files: Mapping[str, bytes]  # FILE_KEYS → bytes
    tasks: tuple[PlanTask, ...]
    subtasks: tuple[SubTask, ...]
    exclusions: tuple[Exclusion, ...]
    pool_size: int
    roster_size: int
    conflict_count: int

    def number_of(self, task_id: str) -> str:
        return next(s.number for s in self.subtasks if s.task_id == task_id)


def build_freeze(source: FreezeSource, tasks: Sequence[PlanTask], plan_id: str,
                 sources: Sequence[tuple[str, str]], exclude_batch: str | None = None) -> FreezeBuild:
    """The batch ``plan_id`` of ``tasks``; ``exclude_batch`` leaves that batch's own draws out of the counts."""
    task_items = {t.number: t.items for t in source.tasks}
    counts = source.history.inspections(task_items, source.year, exclude=exclude_batch or plan_id)
    plan, subtasks = plan_dict(plan_id, tasks, source.items, team_size=source.team_size, reserve=source.reserves,
                               sources=sources)
    pool, left_targets = pool_of(source.targets, tasks, counts, source.cap)
    until = max(t.end for t in tasks if t.end is not None) if any(t.end for t in tasks) else None
    depts = {s.dept for s in subtasks}
    if until is None:
        roster, left_people = [p for p in source.inspectors if p.dept in depts], list[Exclusion]()
    else:
        roster, left_people = roster_of(source.inspectors, depts, until)
    previous = source.history.last_inspectors() if source.recuse_last else None
    conflicts = conflict_rows(source.conflicts, {p.licence for p in roster}, {t.uscc for t in pool}, previous)
    files = {
        "pool": build_pool_tsv(pool_rows(pool)),
        "roster": build_roster_tsv(roster_rows(roster, source.max_load)),
        "conflicts": build_conflicts_tsv(conflicts),
        "team_conflicts": build_team_conflicts_tsv([]),
        "plan": build_plan_json(plan),
    }
    return FreezeBuild(plan_id, files, tuple(tasks), tuple(subtasks), (*left_targets, *left_people), len(pool),
                       len(roster), len(conflicts))


def tsv_changes(old: bytes, new: bytes, limit: int = 5) -> str:
    """What differs between two canonical TSV files, by key (first column(s)): added, removed, changed."""
    def rows(data: bytes) -> dict[str, str]:
        out: dict[str, str] = {}
        for line in data.decode("utf-8", "replace").splitlines():
            key = line.split("\t", 1)[0]
            out[key if key not in out else line] = line
        return out

    before, after = rows(old), rows(new)
    added = [k for k in after if k not in before]
    removed = [k for k in before if k not in after]
    changed = [k for k in after if k in before and before[k] != after[k]]
    parts = []
    for label, keys in (("新增", added), ("移除", removed), ("内容改变", changed)):
        if keys:
            shown = "、".join(keys[:limit]) + (f" 等 {len(keys)} 项" if len(keys) > limit else "")
            parts.append(f"{label} {shown}")
    return "；".join(parts) or "内容不同"

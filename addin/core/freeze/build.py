"""A whole freeze (冻结) from the workbook's typed rows: the canonical draw-v1 files, the exclusions, and what
the sheets need to know about the batch's draw-v1 tasks. Building twice from the same rows gives the same
bytes — that is how a draw checks that the workbook has not changed since its freeze.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from addin.core.draw import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_roster_tsv,
    build_team_conflicts_tsv,
    clean_id,
)
from addin.core.errors import AddinError
from addin.core.freeze.history import History
from addin.core.freeze.plan_json import SubTask, plan_dict
from addin.core.freeze.pool import Exclusion, conflict_rows, pool_of, pool_rows, roster_of, roster_rows
from addin.core.records import ConflictRow, InspectorRow, ItemRow, PlanTask, TargetRow

FILE_KEYS = ("pool", "roster", "conflicts", "team_conflicts", "plan")
FILE_LABELS = {"pool": "检查对象名录（pool.tsv）", "roster": "执法检查人员名单（roster.tsv）",
               "conflicts": "回避关系（conflicts.tsv）", "team_conflicts": "同组回避（team_conflicts.tsv）",
               "plan": "抽取计划与设置（plan.json）"}


@dataclass(frozen=True, slots=True)
class SheetPlace:
    """Where a sheet's rows came from: its name in the workbook and the column letter of each field."""

    sheet: str
    columns: Mapping[str, str] = field(default_factory=dict)

    def cell(self, row: int, name: str) -> str:
        """``检查对象名录库 第 1148 行 G 列（所属乡镇）`` — the position a refusal names."""
        letter = self.columns.get(name)
        return f"{self.sheet} 第 {row} 行" + (f" {letter} 列（{name}）" if letter else f"“{name}”列")


# The column a draw-file builder names (draw.bad-value) → the field of the sheet it came from.
_FIELDS = {"pool.tsv": ("targets", {"风险分类": "信用风险分类", "区域": "所属乡镇"}),
           "roster.tsv": ("inspectors", {"部门": "所属单位"}),
           "conflicts.tsv": ("conflicts", {})}
DEFAULT_SHEETS = {"targets": "检查对象名录库", "inspectors": "执法检查人员名录库", "conflicts": "回避关系",
                  "plan": "年度抽查计划", "settings": "设置"}


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
    class_caps: Mapping[str, int] = field(default_factory=dict)  # A类同一对象年度抽查上限 …
    recuse_last: bool = False  # 上次检查人员回避
    coordinate: bool = True  # 协同抽取 (设置)
    places: Mapping[str, SheetPlace] = field(default_factory=dict)  # schema kind → where its rows came from

    def place(self, kind: str) -> SheetPlace:
        return self.places.get(kind) or SheetPlace(DEFAULT_SHEETS.get(kind, kind))


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


def batch_number(task: PlanTask, used: int) -> int:
    """Which of the task's planned batches this one is (its classes follow A类频次 …); a batch beyond the plan's
    频次 (taken with ``--tasks``) draws every class again, as a first batch would — the yearly caps still apply."""
    return used + 1 if used < task.batches else 1


def build_freeze(source: FreezeSource, tasks: Sequence[PlanTask], plan_id: str,
                 sources: Sequence[tuple[str, str]], exclude_batch: str | None = None) -> FreezeBuild:
    """The batch ``plan_id`` of ``tasks``; ``exclude_batch`` leaves that batch's own draws out of the counts."""
    task_items = {t.number: t.items for t in source.tasks}
    counts = source.history.inspections(task_items, source.year, exclude=exclude_batch or plan_id)
    batches = {t.number: batch_number(t, source.history.used_frequency(t.number, exclude=exclude_batch or plan_id))
               for t in tasks}
    try:
        plan, subtasks = plan_dict(plan_id, tasks, source.items, team_size=source.team_size,
                                   reserve=source.reserves, sources=sources, coordinate=source.coordinate,
                                   batches=batches)
    except AddinError as err:
        if err.code != "freeze.bad-rate":
            raise
        place = source.place("plan")
        raise AddinError(err.code, f"冻结被拒绝：{place.cell(err.params['row'], err.params['field'])}：{err.message}",
                         {**err.params, "sheet": place.sheet, "column": place.columns.get(err.params["field"])}) from err
    pool, left_targets = pool_of(source.targets, tasks, counts, source.cap, source.class_caps, batches)
    until = max(t.end for t in tasks if t.end is not None) if any(t.end for t in tasks) else None
    depts = {s.dept for s in subtasks}
    if until is None:
        roster, left_people = [p for p in source.inspectors if p.dept in depts], list[Exclusion]()
    else:
        roster, left_people = roster_of(source.inspectors, depts, until)
    previous = source.history.last_inspectors() if source.recuse_last else None
    conflicts = conflict_rows(source.conflicts, {p.licence for p in roster}, {t.uscc for t in pool}, previous)
    rows_of = {"pool.tsv": [t.row for t in pool], "roster.tsv": [p.row for p in roster],
               "conflicts.tsv": [_conflict_row(source.conflicts, a, b) for a, b, _ in conflicts]}
    keyed = {"pool.tsv": [(t.uscc, t.row) for t in pool], "roster.tsv": [(p.licence, p.row) for p in roster]}

    def located(make: Callable[[], bytes]) -> bytes:
        try:
            return make()
        except AddinError as err:
            raise located_error(err, source, rows_of, keyed) from err

    files = {
        "pool": located(lambda: build_pool_tsv(pool_rows(pool))),
        "roster": located(lambda: build_roster_tsv(roster_rows(roster, source.max_load))),
        "conflicts": located(lambda: build_conflicts_tsv(conflicts)),
        "team_conflicts": build_team_conflicts_tsv([]),
        "plan": build_plan_json(plan),
    }
    return FreezeBuild(plan_id, files, tuple(tasks), tuple(subtasks), (*left_targets, *left_people), len(pool),
                       len(roster), len(conflicts))


def _conflict_row(conflicts: Sequence[ConflictRow], licence: str, uscc: str) -> int:
    """The 回避关系 row of a pair (0 for a pair that only 上次检查人员回避 made)."""
    return next((c.row for c in conflicts if c.licence == licence and c.uscc == uscc), 0)


def located_error(err: AddinError, source: FreezeSource, rows_of: Mapping[str, Sequence[int]],
                  keyed: Mapping[str, Sequence[tuple[str, int]]]) -> AddinError:
    """A draw-file builder's refusal (``draw.bad-value`` at the n-th record, ``draw.duplicate-key``) restated
    with the sheet, Excel row and column of the cell it came from (``freeze.bad-value``)."""
    file = err.params.get("file")
    if file not in _FIELDS:
        return err
    kind, renamed = _FIELDS[file]
    place = source.place(kind)
    if err.code == "draw.duplicate-key":
        keys = {clean_id(k.split("⇥")[0]) for k in err.params.get("keys", ())}
        rows = sorted({row for key, row in keyed.get(file, ()) if key in keys})
        shown = "、".join(f"第 {r} 行" for r in rows) or "行号未知"
        return AddinError("freeze.duplicate", f"冻结被拒绝：{place.sheet} 中有重复的编号（{shown}）：{err.message}",
                          {**err.params, "sheet": place.sheet, "rows": rows})
    index = err.params.get("index")
    positions = rows_of.get(file, ())
    row = positions[index - 1] if isinstance(index, int) and 0 < index <= len(positions) else 0
    column = str(err.params.get("column") or "")
    name = renamed.get(column, column)
    where = place.cell(row, name) if row else f"{place.sheet}“{name}”列"
    value = err.params.get("value")
    shown = f"“{value}”" if value is not None else ""
    return AddinError("freeze.bad-value", f"冻结被拒绝：{where}的值{shown}不能写入抽取文件（{file}）：{err.message}",
                      {**err.params, "sheet": place.sheet, "row": row, "column": place.columns.get(name), "field": name})


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

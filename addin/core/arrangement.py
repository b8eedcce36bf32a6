"""The draw as staff read it: 检查安排 (one row per target per visit) and 抽取结果 (per task and class: N,
ratio, n, the selected targets with their rank keys, the reserve list) — from the draw-v1 result and the
amendments so far (变更: substitutions, replacements from the reserve). The published result is never edited:
the sheets show the state after the amendments, and say which change made it so.

The draw-v1 tasks of one 抽查任务 (one per department and expertise, :mod:`.plan_json`) share a key scope and
pick the same targets, so 抽取结果 shows each 抽查任务 once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from addin.core.draw import current_state
from addin.core.draw.ranking import rank_key
from addin.core.freeze.plan_json import SubTask, percent
from addin.core.records import UNCLASSIFIED, InspectorRow, PlanTask, TargetRow


@dataclass(frozen=True, slots=True)
class Member:
    """A team member and the department he or she represents (the slot's department)."""

    slot: int
    licence: str
    name: str
    dept: str


def class_label(stratum: str) -> str:
    """信用风险分类 as staff write it: A … D, and 未分类 for draw-v1's ``U``."""
    return "未分类" if stratum == UNCLASSIFIED else stratum


def team_label(number: int) -> str:
    """检查组 of the ``number``-th visit unit of a batch (1-based, in the draw's processing order): 第001组."""
    return f"第{number:03d}组"


def team_labels(result: Mapping[str, Any]) -> dict[str, str]:
    """unit_id → 检查组 label, for every visit unit of a draw result."""
    return {unit["unit_id"]: team_label(n) for n, unit in enumerate(result["units"], 1)}


def unit_of_team(result: Mapping[str, Any], text: str) -> str | None:
    """The visit unit a 检查组 names: ``第001组``, ``001``, ``1`` or the unit id itself (sheets written before
    team numbers showed the unit id, the target's code); None when no unit matches."""
    wanted = text.strip().replace(" ", "").upper()
    units = [unit["unit_id"] for unit in result["units"]]
    if wanted in units:
        return wanted
    digits = wanted.removeprefix("第").removesuffix("组")
    if digits.isdigit() and 1 <= int(digits) <= len(units):
        return str(units[int(digits) - 1])
    return None


@dataclass(frozen=True, slots=True)
class Visit:
    """One target of one visit unit (检查组) with the merged tasks, the items and the team as it stands.

    ``group`` is the 检查组 shown to people (第001组, :func:`team_label`); ``unit_id`` the draw-v1 unit."""

    batch: str
    group: str
    uscc: str
    task_numbers: tuple[str, ...]
    items: tuple[str, ...]
    team: tuple[Member, ...]
    unfilled: tuple[str, ...]  # descriptions of slots left empty
    slots_text: str  # per slot: candidates and ties
    changes: str  # amendments that touched this visit
    unit_id: str = ""


def _slot_label(dept: str | None, tag: str | None) -> str:
    if dept is None:
        return "自由岗"
    return f"{dept}/{tag}" if tag else dept


def _replacements(amendments: Sequence[Mapping[str, Any]]) -> dict[str, tuple[str, str]]:
    """Target replaced out → (target put in, reason), following chains of replacements."""
    found: dict[str, tuple[str, str]] = {}
    for body in amendments:
        if body.get("kind") == "replace":
            found[body["out"]] = (body["in"], body["reason"])
    return found


def _final(entity: str, replaced: Mapping[str, tuple[str, str]]) -> str:
    seen = set()
    while entity in replaced and entity not in seen:
        seen.add(entity)
        entity = replaced[entity][0]
    return entity


def visits(result: Mapping[str, Any], amendments: Sequence[Mapping[str, Any]], subtasks: Sequence[SubTask],
           inspectors: Mapping[str, InspectorRow], tasks: Sequence[PlanTask] = ()) -> list[Visit]:
    """The visits in the result's processing order, after the amendments; items in the plan's order."""
    state = current_state(dict(result), [dict(a) for a in amendments])
    by_id = {s.task_id: s for s in subtasks}
    rank = {code: i for i, code in enumerate(dict.fromkeys(c for t in tasks for c in t.items))}
    replaced = _replacements(amendments)
    found = []
    for number, unit in enumerate(result["units"], 1):
        unit_id = unit["unit_id"]
        subs = [by_id[t] for t in unit["tasks"] if t in by_id]
        numbers = tuple(dict.fromkeys(s.number for s in subs))
        items = tuple(sorted(dict.fromkeys(i for s in subs for i in s.items), key=lambda c: rank.get(c, len(rank))))
        team, unfilled, slots = [], [], []
        for spec, licence in zip(unit["team"], state.teams[unit_id], strict=True):
            where = _slot_label(spec["dept"], spec["tag"])
            slots.append(f"第{spec['slot'] + 1}岗 {where}：候选 {spec['candidates']} 人，并列 {spec['tied']} 人")
            if licence is None:
                unfilled.append(where)
                continue
            person = inspectors.get(licence)
            dept = spec["dept"] or (person.dept if person else "")
            team.append(Member(spec["slot"], licence, person.name if person else "", dept))
        changes = [f"第{b['slot'] + 1}岗 {b['out'] or '空缺'} → {b['in'] or '空缺'}（{b['reason']}）"
                   for b in amendments if b.get("kind") == "substitute" and b["unit_id"] == unit_id]
        for entity in unit["entities"]:
            now = _final(entity, replaced)
            notes = list(changes)
            if now != entity:
                notes.insert(0, f"递补：替换 {entity}（{replaced[entity][1]}）")
            found.append(Visit(result["plan_id"], team_label(number), now, numbers, items, tuple(team),
                               tuple(unfilled), "；".join(slots), "；".join(notes), unit_id))
    return found


def arrangement_rows(found: Sequence[Visit], targets: Mapping[str, TargetRow]) -> list[list[Any]]:
    """检查安排 rows (columns of ``ARRANGEMENT_COLUMNS`` plus 变更 at the end)."""
    rows = []
    for v in found:
        t = targets.get(v.uscc)
        rows.append([
            v.batch, v.group, v.uscc, t.name if t else "", t.town if t else "", t.category if t else "",
            "、".join(v.task_numbers), "、".join(v.items), "、".join(m.name or m.licence for m in v.team),
            "、".join(m.licence for m in v.team), "、".join(m.dept for m in v.team), "是" if v.unfilled else "否",
            v.slots_text, v.changes,
        ])
    return rows


def draw_result_rows(result: Mapping[str, Any], amendments: Sequence[Mapping[str, Any]],
                     subtasks: Sequence[SubTask], tasks: Mapping[str, PlanTask],
                     targets: Mapping[str, TargetRow]) -> list[list[Any]]:
    """抽取结果 rows (``DRAW_RESULT_COLUMNS`` plus 分层对象数, 抽查比例, 抽取数, 说明): per 抽查任务 and class,
    the selected targets (after replacements), the replaced ones, the reserve — or one row 无 for an empty class."""
    state = current_state(dict(result), [dict(a) for a in amendments])
    seed = bytes.fromhex(result["seed"])
    first: dict[str, str] = {}
    for sub in subtasks:
        first.setdefault(sub.number, sub.task_id)
    shown = {task_id: number for number, task_id in first.items()}
    replaced = _replacements(amendments)
    rows: list[list[Any]] = []
    for task in result["tasks"]:
        number = shown.get(task["task_id"])
        if number is None:
            continue
        info = tasks.get(number)
        head = [result["plan_id"], number, info.name if info else ""]
        for stratum in task["strata"]:
            tail = [stratum["N"], percent(stratum["rate"]), stratum["n"]]
            keys = {x["id"]: x["key"] for x in stratum["selected"]}

            def row(kind: str, rank: int | str, uscc: str, note: str, stratum: str = stratum["stratum"],
                    keys: Mapping[str, str] = keys, tail: list[Any] = tail, scope: str = task["key_scope"],
                    head: list[Any] = head) -> list[Any]:
                t = targets.get(uscc)
                key = keys.get(uscc) or rank_key(seed, scope, uscc).hex()
                return [*head, class_label(stratum), kind, rank, uscc, t.name if t else "", t.town if t else "",
                        t.category if t else "", key, *tail, note]

            current = state.selected[(task["task_id"], stratum["stratum"])]
            if not current:
                rows.append([*head, class_label(stratum["stratum"]), "无", "", "", "", "", "", "", *tail,
                             "该类别没有对象" if stratum["N"] == 0 else ""])
            originals = [x["id"] for x in stratum["selected"]]
            for rank, uscc in enumerate(current, 1):
                note = ""
                if uscc not in originals:
                    out = next((o for o, (i, _r) in replaced.items() if i == uscc), "")
                    note = f"递补（替换 {out}：{replaced[out][1]}）" if out else "递补"
                rows.append(row("抽中", rank, uscc, note))
            for uscc in originals:
                if uscc not in current:
                    reason = replaced[uscc][1] if uscc in replaced else ""
                    rows.append(row("移出", "", uscc, f"误入名录，已由备选递补（{reason}）"))
            for rank, uscc in enumerate(stratum["reserve"], len(originals) + 1):
                rows.append(row("备选", rank, uscc, "已递补" if uscc in current else ""))
    return rows

"""Amendments after publication (变更): substitution of an inspector (§6.5) and replacement from the reserve
(§4.6). A draw is never edited; each change is an ``amend`` log entry whose outcome anyone can recompute.

- **Substitution** (人员替换): an inspector falls ill or declares a new conflict, or a slot stayed unfilled.
  The slot's candidates are recomputed against *current* loads, without the unavailable inspector (nor those
  already substituted out of this unit), and picked by the same rule:
  smallest ``(load, H("draw-v1/pick", seed, group_id, decimal(slot), inspector_id))``.
  Body: ``{"kind": "substitute", "unit_id", "slot", "out", "in", "candidates", "tied", "reason"}``.
- **Replacement** (备选递补): only for a target wrongly in the frozen pool, only by the next unused reserve
  of its stratum in that task. Body: ``{"kind": "replace", "task_id", "stratum", "out", "in", "reason"}``.
  The replacement changes the task's target list; the visit teams are not changed by it.

:func:`replay_problem` recomputes every amendment of a log in order, so ``ssj verify`` checks them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from addin.core.display import shown
from addin.core.draw.assignment import pick_hash, plain_candidates
from addin.core.draw.model import DrawInputs, Inspector
from addin.core.draw.units import requirements
from addin.core.errors import AddinError


@dataclass(frozen=True, slots=True)
class DrawState:
    """The draw as it stands after the amendments so far (the published result is never changed)."""

    teams: dict[str, list[str | None]]  # unit_id → inspector per slot
    loads: dict[str, int]
    selected: dict[tuple[str, str], list[str]]  # (task_id, stratum) → selected IDs
    reserve_used: dict[tuple[str, str], int]
    substituted_out: dict[str, set[str]]  # unit_id → inspectors taken out of it


def _units(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {u["unit_id"]: u for u in result["units"]}


def current_state(result: dict[str, Any], amendments: Sequence[dict[str, Any]]) -> DrawState:
    """Apply amendment bodies (in log order) to the published result."""
    state = DrawState(
        teams={u["unit_id"]: [s["inspector"] for s in u["team"]] for u in result["units"]},
        loads=dict(result["loads"]),
        selected={(t["task_id"], s["stratum"]): [x["id"] for x in s["selected"]]
                  for t in result["tasks"] for s in t["strata"]},
        reserve_used={},
        substituted_out={},
    )
    units = _units(result)
    for body in amendments:
        if body.get("kind") == "substitute":
            weight = len(units[body["unit_id"]]["entities"])
            state.teams[body["unit_id"]][body["slot"]] = body["in"]
            if body["out"] is not None:
                state.loads[body["out"]] -= weight
                state.substituted_out.setdefault(body["unit_id"], set()).add(body["out"])
            if body["in"] is not None:
                state.loads[body["in"]] = state.loads.get(body["in"], 0) + weight
        elif body.get("kind") == "replace":
            key = (body["task_id"], body["stratum"])
            ids = state.selected[key]
            ids[ids.index(body["out"])] = body["in"]
            state.reserve_used[key] = state.reserve_used.get(key, 0) + 1
    return state


def substitute(inputs: DrawInputs, result: dict[str, Any], amendments: Sequence[dict[str, Any]],
               unit_id: str, slot: int, reason: str) -> dict[str, Any]:
    """The amend body replacing the inspector of ``slot`` in ``unit_id`` (or filling an unfilled slot)."""
    if not reason.strip():
        raise AddinError("draw.amend-reason", "人员替换必须写明原因（如：因病、新申报回避）。")
    unit = _units(result).get(unit_id)
    if unit is None or not 0 <= slot < len(unit["team"]):
        raise AddinError("draw.amend-target", f"抽取结果中没有检查单元“{unit_id}”的第 {slot} 个岗位。",
                         {"unit_id": unit_id, "slot": slot})
    state = current_state(result, amendments)
    team_ids = state.teams[unit_id]
    out = team_ids[slot]
    unavailable = state.substituted_out.get(unit_id, set()) | ({out} if out else set())
    roster = {insp.inspector_id: insp for insp in inputs.roster}
    others: list[Inspector] = [roster[x] for i, x in enumerate(team_ids) if x is not None and i != slot]
    conflicts: dict[str, set[str]] = {}
    for c in inputs.conflicts:
        conflicts.setdefault(c.entity_id, set()).add(c.inspector_id)
    partners: dict[str, set[str]] = {}
    for tc in inputs.team_conflicts:
        partners.setdefault(tc.a, set()).add(tc.b)
        partners.setdefault(tc.b, set()).add(tc.a)
    tasks = {t.task_id: t for t in inputs.plan.tasks}
    req = requirements([tasks[t] for t in unit["tasks"]])
    weight = len(unit["entities"])
    loads = dict(state.loads)
    if out is not None:
        loads[out] -= weight
    spec = unit["team"][slot]
    candidates = [c for c in plain_candidates(inputs.roster, loads, weight, others, unit["entities"], conflicts,
                                              partners, spec["dept"], spec["tag"], req)
                  if c.inspector_id not in unavailable]
    seed = bytes.fromhex(result["seed"])
    chosen = None
    tied = 0
    if candidates:
        least = min(loads.get(c.inspector_id, 0) for c in candidates)
        ties = [c.inspector_id for c in candidates if loads.get(c.inspector_id, 0) == least]
        tied = len(ties)
        chosen = min(ties, key=lambda x: pick_hash(seed, unit_id, slot, x))
    elif out is None:
        raise AddinError("draw.no-candidate", f"检查单元“{unit_id}”第 {slot} 个岗位目前仍没有符合条件的人员可补。",
                         {"unit_id": unit_id, "slot": slot})
    return {"kind": "substitute", "unit_id": unit_id, "slot": slot, "out": out, "in": chosen,
            "candidates": len(candidates), "tied": tied, "reason": reason}


def replace_from_reserve(result: dict[str, Any], amendments: Sequence[dict[str, Any]],
                         task_id: str, entity_id: str, reason: str) -> dict[str, Any]:
    """The amend body replacing a target wrongly in the frozen pool by the next reserve of its stratum."""
    if not reason.strip():
        raise AddinError("draw.amend-reason", "递补必须写明原因（该对象为何不应在冻结名录中）。")
    state = current_state(result, amendments)
    task = next((t for t in result["tasks"] if t["task_id"] == task_id), None)
    stratum = None if task is None else next(
        (s for s in task["strata"] if entity_id in state.selected[(task_id, s["stratum"])]), None)
    if task is None or stratum is None:
        raise AddinError("draw.amend-target", f"任务“{task_id}”当前的抽中名单里没有对象 {entity_id}。",
                         {"task_id": task_id, "entity_id": entity_id})
    key = (task_id, stratum["stratum"])
    used = state.reserve_used.get(key, 0)
    if used >= len(stratum["reserve"]):
        raise AddinError("draw.no-reserve", f"任务“{task_id}”该分层的备选名单已用完，无法递补 {entity_id}。",
                         {"task_id": task_id, "entity_id": entity_id})
    return {"kind": "replace", "task_id": task_id, "stratum": stratum["stratum"], "out": entity_id,
            "in": stratum["reserve"][used], "reason": reason}


def replay_problem(inputs: DrawInputs, result: dict[str, Any], amendments: Sequence[dict[str, Any]]) -> str | None:
    """Recompute each amendment from the state before it; the first that differs, in Chinese, or None."""
    for i, body in enumerate(amendments):
        try:
            if body.get("kind") == "substitute":
                expected = substitute(inputs, result, amendments[:i], body["unit_id"], body["slot"], body["reason"])
            elif body.get("kind") == "replace":
                expected = replace_from_reserve(result, amendments[:i], body["task_id"], body["out"], body["reason"])
            else:
                return f"第 {i + 1} 条变更记录的类型 kind 未知：{shown(repr(body.get('kind')))}"
        except (AddinError, KeyError, TypeError) as err:
            return f"第 {i + 1} 条变更记录无法按规则重算：{shown(str(getattr(err, 'message', err)))}"
        if expected != body:
            return f"第 {i + 1} 条变更记录与按规则重算的结果不符：记录为 {shown(str(body))}，重算为 {shown(str(expected))}"
    return None

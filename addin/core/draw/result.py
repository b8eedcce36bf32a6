"""Running a whole draw and writing its result (抽取结果) — spec §7.

``run_draw`` goes from frozen inputs and randomness values to the result object: freeze hash, seed, each
task's strata (N, n, rate, cutoff, selected with keys, reserve), the units with their teams, the loads, and
``result_digest`` — the SHA-256 of the canonical JSON of everything else. ``result_bytes`` is the canonical
JSON plus one LF, the exact bytes of ``result.json`` and of ``ssj draw-v1``'s output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addin.core.draw.assignment import Assigner, Slot
from addin.core.draw.freeze import freeze_hash, seed
from addin.core.draw.hashing import canonical_json, sha256_hex
from addin.core.draw.model import DrawInputs, RandomnessValue
from addin.core.draw.ranking import TaskDraw, draw_targets
from addin.core.draw.units import build_groups
from addin.core.errors import AddinError


def check_randomness(inputs: DrawInputs, randomness: Sequence[RandomnessValue]) -> None:
    """The values must answer the plan's named sources, in the same order (spec §2.6)."""
    named = [(s.type, s.id) for s in inputs.plan.randomness]
    if [(v.type, v.id) for v in randomness] != named:
        raise AddinError(
            "draw.randomness-mismatch",
            "随机源取值与冻结时计划指定的随机源（类型、编号及顺序）不一致。",
            {"plan": named, "given": [(v.type, v.id) for v in randomness]},
        )


def randomness_json(randomness: Sequence[RandomnessValue]) -> list[dict[str, str]]:
    """The randomness values as ``randomness.json`` lists them."""
    return [{"type": v.type, "id": v.id, "value": v.value} for v in randomness]


def _task_json(draw: TaskDraw) -> dict[str, Any]:
    return {
        "task_id": draw.task.task_id,
        "key_scope": draw.task.key_scope,
        "pool_size": draw.pool_size,
        "strata": [
            {
                "stratum": s.size.stratum,
                "N": s.size.N,
                "n": s.size.n,
                "rate": s.size.rate,
                "cutoff_key": s.cutoff_key.hex() if s.cutoff_key is not None else None,
                "selected": [{"id": eid, "key": key.hex()} for eid, key in s.selected],
                "reserve": list(s.reserve),
            }
            for s in draw.strata
        ],
    }


def slot_json(slot: Slot) -> dict[str, Any]:
    return {"slot": slot.slot, "dept": slot.dept, "tag": slot.tag, "candidates": slot.candidates,
            "tied": slot.tied, "inspector": slot.inspector}


def run_draw(inputs: DrawInputs, randomness: Sequence[RandomnessValue]) -> dict[str, Any]:
    """The canonical result object of spec §7 (with ``result_digest``) for frozen inputs and randomness."""
    check_randomness(inputs, randomness)
    plan = inputs.plan
    fh = freeze_hash(inputs)
    s = seed(fh, randomness)
    draws = draw_targets(plan, inputs.pool, s)
    chosen = {eid for d in draws for eid in d.selected_ids()}
    regions = {t.entity_id: t.region for t in inputs.pool if t.entity_id in chosen}
    groups = build_groups(plan, draws, regions, s)
    assigner = Assigner(inputs.roster, inputs.conflicts, inputs.team_conflicts, s, team_size=plan.team_size,
                        max_weight=max(plan.group_size, 1))
    units = []
    for group in groups:
        slots = assigner.assign(group)
        units.append({"unit_id": group.group_id, "entities": list(group.members), "tasks": list(group.tasks),
                      "team": [slot_json(x) for x in slots]})
    result: dict[str, Any] = {
        "spec": plan.spec,
        "plan_id": plan.plan_id,
        "freeze_hash": fh,
        "randomness": randomness_json(randomness),
        "seed": s.hex(),
        "tasks": [_task_json(d) for d in draws],
        "units": units,
        "loads": assigner.load_map(),
    }
    result["result_digest"] = result_digest(result)
    return result


def result_digest(result: dict[str, Any]) -> str:
    """Hex SHA-256 of the canonical JSON of the result without its ``result_digest``."""
    body = {k: v for k, v in result.items() if k != "result_digest"}
    return sha256_hex(canonical_json(body, check=False))


def result_bytes(result: dict[str, Any]) -> bytes:
    """The result as written to ``result.json`` or stdout: canonical JSON and one LF."""
    return canonical_json(result, check=False) + b"\n"

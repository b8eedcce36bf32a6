"""Visit units and groups (进一次门、查多项事) — spec §5.

Every target drawn by at least one task is visited once for all its tasks. With ``group.size > 1``, nearby
targets (same ``region[:L]``) are put together into groups of at most ``size`` members, in an order
randomised by ``H("draw-v1/unit", seed, entity_id)``; one team visits a whole group. Groups are then processed
in ascending ``H("draw-v1/unit", seed, group_id)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from addin.core.draw.hashing import H, H_prefix
from addin.core.draw.model import Plan, Task
from addin.core.draw.ranking import TaskDraw


@dataclass(frozen=True, slots=True)
class Group:
    """One visit: its ``group_id``, member targets, the sorted union of their tasks and the required
    expertise ``req`` — per dept (byte order) the sorted non-empty tags of those tasks."""

    group_id: str
    members: tuple[str, ...]
    tasks: tuple[str, ...]
    req: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def weight(self) -> int:
        """The load a visit adds to each inspector of its team: the number of members."""
        return len(self.members)


def selected_by(draws: Sequence[TaskDraw]) -> dict[str, list[str]]:
    """entity_id → the task_ids (in processing order) that selected it."""
    out: dict[str, list[str]] = {}
    for draw in draws:
        tid = draw.task.task_id
        for eid in draw.selected_ids():
            out.setdefault(eid, []).append(tid)
    return out


def requirements(tasks: Sequence[Task]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``req``: for each dept of the tasks, the set of their non-empty tags (a task without tag adds none)."""
    req: dict[str, set[str]] = {}
    for task in tasks:
        tags = req.setdefault(task.dept, set())
        if task.tag:
            tags.add(task.tag)
    return tuple((d, tuple(sorted(req[d]))) for d in sorted(req))


def _unit_hash(seed: bytes, ids: Sequence[str]) -> dict[str, bytes]:
    prefix = H_prefix("draw-v1/unit", seed)
    out = {}
    for uid in ids:
        h = prefix.copy()
        h.update(len(data := uid.encode()).to_bytes(4, "big") + data)
        out[uid] = h.digest()
    return out


def unit_hash(seed: bytes, unit_id: str) -> bytes:
    """``H("draw-v1/unit", seed, id)`` for an entity or a group id."""
    return H("draw-v1/unit", seed, unit_id)


def build_groups(plan: Plan, draws: Sequence[TaskDraw], regions: Mapping[str, str], seed: bytes) -> list[Group]:
    """The groups in processing order; ``regions`` maps every selected entity_id to its region."""
    chosen = selected_by(draws)
    entities = sorted(chosen)
    g, L = plan.group_size, plan.region_prefix_len
    members: list[tuple[str, list[str]]] = []
    if g <= 1:
        members = [(e, [e]) for e in entities]
    else:
        hashes = _unit_hash(seed, entities)
        # region[:L] counts characters; str order is UTF-8 byte order
        order = sorted(entities, key=lambda e: (regions[e][:L], hashes[e]))
        for e in order:
            if members and len(members[-1][1]) < g and regions[members[-1][1][0]][:L] == regions[e][:L]:
                members[-1][1].append(e)
            else:
                members.append(("G:" + e, [e]))
    order_hash = _unit_hash(seed, [gid for gid, _ in members])
    members.sort(key=lambda gm: order_hash[gm[0]])
    task_by_id = {t.task_id: t for t in plan.tasks}
    reqs: dict[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}  # few distinct task sets
    groups = []
    for gid, ids in members:
        tasks = tuple(sorted({t for e in ids for t in chosen[e]}))
        req = reqs.get(tasks)
        if req is None:
            req = reqs[tasks] = requirements([task_by_id[t] for t in tasks])
        groups.append(Group(gid, tuple(ids), tasks, req))
    return groups

"""Target selection (抽取检查对象) by hash ranking — spec §4.

Every target of a task's scope gets the key ``H("draw-v1/rank", seed, key_scope, entity_id)``; inside each
stratum the targets are sorted by ``(key, entity_id bytes)``: the first ``n_h`` are selected, the next
``reserve`` are the reserve list (备选), and the key of the last selected is the cutoff. Sorting by a hash of
the seed is simple random sampling without replacement, independent of the order of the pool. Tasks sharing a
``key_scope`` share keys, so they pick overlapping targets (进一次门、查多项事).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from addin.core.draw.allocation import StratumSize, allocate
from addin.core.draw.hashing import H, H_prefix
from addin.core.draw.model import Plan, Target, Task

KEY_LEN = 32


def rank_key(seed: bytes, key_scope: str, entity_id: str) -> bytes:
    """The ranking key of one target (32 bytes): the smaller, the earlier it is drawn."""
    return H("draw-v1/rank", seed, key_scope, entity_id)


@dataclass(frozen=True, slots=True)
class StratumDraw:
    """One stratum of one task: its size and the drawn IDs with their keys, plus the reserve list."""

    size: StratumSize
    selected: tuple[tuple[str, bytes], ...]
    reserve: tuple[str, ...]

    @property
    def cutoff_key(self) -> bytes | None:
        return self.selected[-1][1] if self.selected else None


@dataclass(frozen=True, slots=True)
class TaskDraw:
    """The targets drawn for one task: its scope size ``pool_size`` and its strata in byte order."""

    task: Task
    pool_size: int
    strata: tuple[StratumDraw, ...]

    def selected_ids(self) -> Iterable[str]:
        return (eid for s in self.strata for eid, _ in s.selected)


def in_scope(task: Task, target: Target) -> bool:
    """Spec §4.1: one of the target's industry labels (draw-v1: its industry) and its region start with one of
    the task's prefixes (when given)."""
    return _matches(task, target.industries, target.region)


def _matches(task: Task, industries: tuple[str, ...], region: str) -> bool:
    ind = task.industry_prefix
    return (not ind or any(label.startswith(ind) for label in industries)) and (
        not task.region_prefix or region.startswith(task.region_prefix)
    )


class _KeyCache:
    """Rank keys per key scope, computed once per (scope, target) and shared by the tasks of the scope."""

    def __init__(self, seed: bytes) -> None:
        self._seed = seed
        self._keys: dict[str, dict[str, bytes]] = {}

    def keys(self, key_scope: str, ids: Sequence[str]) -> dict[str, bytes]:
        known = self._keys.setdefault(key_scope, {})
        todo = [e for e in ids if e not in known]
        if todo:
            prefix = H_prefix("draw-v1/rank", self._seed, key_scope)
            for eid in todo:
                h = prefix.copy()
                h.update(len(eid).to_bytes(4, "big") + eid.encode())  # IDs are ASCII
                known[eid] = h.digest()
        return known


def draw_targets(plan: Plan, pool: Sequence[Target], seed: bytes) -> list[TaskDraw]:
    """Select every task's targets, tasks in ``task_id`` byte order (the order of ``plan.tasks``)."""
    # per stratum, the targets grouped by (labels, region): a task's scope is decided once per group
    by_stratum: dict[str, dict[tuple[tuple[str, ...], str], list[str]]] = {}
    for t in pool:
        by_stratum.setdefault(t.stratum, {}).setdefault((t.industries, t.region), []).append(t.entity_id)
    cache = _KeyCache(seed)
    draws = []
    for task in plan.tasks:
        scoped: dict[str, list[str]] = {}
        for stratum, groups in by_stratum.items():
            ids = [e for (labels, region), members in groups.items() if _matches(task, labels, region)
                   for e in members]
            if ids:
                scoped[stratum] = ids
        sizes = allocate(task.task_id, task.alloc, {h: len(ids) for h, ids in scoped.items()})
        strata = []
        for size in sizes:
            ids = scoped.get(size.stratum, [])
            keys = cache.keys(task.key_scope, ids)
            # key is fixed-length, so sorting key‖id bytes is sorting by (key, entity_id bytes)
            ranked = sorted(keys[e] + e.encode() for e in ids)[: size.n + plan.reserve]
            strata.append(
                StratumDraw(
                    size=size,
                    selected=tuple((r[KEY_LEN:].decode(), r[:KEY_LEN]) for r in ranked[: size.n]),
                    reserve=tuple(r[KEY_LEN:].decode() for r in ranked[size.n :]),
                )
            )
        draws.append(TaskDraw(task, sum(s.N for s in sizes), tuple(strata)))
    return draws

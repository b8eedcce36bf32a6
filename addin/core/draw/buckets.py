"""The inspectors of one slot kind, ordered by load: the data structure behind fast assignment (spec §6).

A slot needs (a) how many candidates it has and (b) the candidates tied at the smallest load. A bucket holds
the inspectors who pass a slot kind's dept/tag test and still have room (``cap − load ≥ 1``), grouped by load
(``levels``) with the loads kept sorted (``order``), and counts those with little room left (``low``: room
below the largest group weight) so that "room ≥ weight" is counted without a scan. Only inspectors that are
*blocked* for a slot (in the team, in conflict) are looked at one by one — a handful per slot.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Collection, Sequence


class Bucket:
    """Inspectors (by index) of one slot kind, by load; loads and caps are the assigner's shared lists."""

    __slots__ = ("active", "caps", "levels", "low", "max_weight", "members", "order")

    def __init__(self, members: Sequence[int], loads: Sequence[int], caps: Sequence[int], max_weight: int) -> None:
        self.members = frozenset(members)
        self.caps = caps
        self.max_weight = max_weight
        self.levels: dict[int, set[int]] = {}
        self.low = [0] * max_weight  # low[r] = members with room r, for 1 ≤ r < max_weight
        self.active = 0
        for i in members:
            self._enter(i, loads[i])
        self.order = sorted(self.levels)

    def _enter(self, i: int, load: int) -> bool:
        """Put ``i`` at ``load`` if it has room; True when a new load level was created."""
        room = self.caps[i] - load
        if room < 1:
            return False
        self.active += 1
        if room < self.max_weight:
            self.low[room] += 1
        level = self.levels.get(load)
        if level is None:
            self.levels[load] = {i}
            return True
        level.add(i)
        return False

    def move(self, i: int, old: int, new: int) -> None:
        """Inspector ``i``'s load changed from ``old`` to ``new``."""
        room = self.caps[i] - old
        if room >= 1:
            self.active -= 1
            if room < self.max_weight:
                self.low[room] -= 1
            level = self.levels[old]
            level.discard(i)
            if not level:
                del self.levels[old]
                self.order.remove(old)
        if self._enter(i, new):
            insort(self.order, new)

    def count(self, weight: int, blocked: Collection[int], loads: Sequence[int]) -> int:
        """How many members have room for ``weight`` and are not blocked."""
        n = self.active - sum(self.low[1:weight])
        for i in blocked:
            if i in self.members and self.caps[i] - loads[i] >= weight:
                n -= 1
        return n

    def tied(self, weight: int, blocked: Collection[int]) -> list[int]:
        """The unblocked members with room for ``weight`` at the smallest load (empty if none)."""
        caps = self.caps
        for load in self.order:
            level = self.levels[load]
            if weight == 1:
                found = list(level.difference(blocked)) if blocked else list(level)
            else:
                found = [i for i in level if caps[i] - load >= weight and i not in blocked]
            if found:
                return found
        return []

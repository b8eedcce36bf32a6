"""Inspector assignment (随机选派执法检查人员) — spec §6.

Groups are processed in order; each gets **required** slots (one per dept and tag its tasks need, skipped when
a member already covers it) and then **free** slots until the team has ``team_size`` members. A candidate is
an inspector not yet in the team, with ``load + weight ≤ cap``, no conflict (回避) with a member target and no
team conflict with a chosen member, who fits the slot. The choice is the smallest
``(load, H("draw-v1/pick", seed, group_id, decimal(s), inspector_id))``: the least loaded, ties broken at
random. A slot with no candidate stays unfilled (``inspector: null``), to be resolved by a logged amendment.

Speed: the rule needs only the *count* of candidates and the hashes of the *tied* least-loaded ones, so each
slot kind keeps its inspectors in a :class:`~addin.core.draw.buckets.Bucket` ordered by load; the only
inspectors checked one by one are the few blocked by the team or by conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.draw.buckets import Bucket
from addin.core.draw.hashing import H, H_prefix, frame
from addin.core.draw.model import Conflict, Inspector, TeamConflict
from addin.core.draw.units import Group

Req = tuple[tuple[str, tuple[str, ...]], ...]
_ABOVE_ANY_DIGEST = b"\xff" * 33  # compares above every 32-byte SHA-256 digest


@dataclass(frozen=True, slots=True)
class Slot:
    """One attempted slot of a team: required (dept, tag) or free (both None), and who was picked."""

    slot: int
    dept: str | None
    tag: str | None
    candidates: int
    tied: int
    inspector: str | None


def pick_hash(seed: bytes, group_id: str, slot: int, inspector_id: str) -> bytes:
    """``H("draw-v1/pick", seed, group_id, decimal(s), inspector_id)``."""
    return H("draw-v1/pick", seed, group_id, str(slot), inspector_id)


def fits(inspector: Inspector, dept: str | None, tag: str | None, req: Req) -> bool:
    """The slot's dept/tag test: a required slot wants its dept (and tag, if any); a free slot wants a dept
    of ``req`` and, when that dept asks for tags, at least one of them."""
    if dept is not None:
        return inspector.dept == dept and (tag is None or tag in inspector.tags)
    for d, tags in req:
        if inspector.dept == d:
            return not tags or any(t in inspector.tags for t in tags)
    return False


def covered(team: Iterable[Inspector], dept: str, tag: str | None) -> bool:
    """A required slot is skipped when a member already has the dept (and the tag)."""
    return any(m.dept == dept and (tag is None or tag in m.tags) for m in team)


class Assigner:
    """Assigns teams group after group, keeping every inspector's load (工作量)."""

    def __init__(
        self,
        roster: Sequence[Inspector],
        conflicts: Sequence[Conflict],
        team_conflicts: Sequence[TeamConflict],
        seed: bytes,
        *,
        team_size: int,
        max_weight: int,
    ) -> None:
        self.roster = list(roster)
        self.seed = seed
        self.team_size = team_size
        self.max_weight = max(max_weight, 1)
        index = {insp.inspector_id: i for i, insp in enumerate(self.roster)}
        self.caps = [insp.cap for insp in self.roster]
        self.loads = [0] * len(self.roster)
        self.frames = [frame(insp.inspector_id) for insp in self.roster]
        self.conflicted: dict[str, set[int]] = {}
        for c in conflicts:
            if c.inspector_id in index:
                self.conflicted.setdefault(c.entity_id, set()).add(index[c.inspector_id])
        self.partners: list[set[int]] = [set() for _ in self.roster]
        for tc in team_conflicts:
            if tc.a in index and tc.b in index:
                self.partners[index[tc.a]].add(index[tc.b])
                self.partners[index[tc.b]].add(index[tc.a])
        self._pick_prefix = H_prefix("draw-v1/pick", seed)
        self._buckets: dict[tuple[str | None, str | None, Req], Bucket] = {}
        self._buckets_of: list[list[Bucket]] = [[] for _ in self.roster]

    def _bucket(self, dept: str | None, tag: str | None, req: Req) -> Bucket:
        key = (dept, tag, req if dept is None else ())
        bucket = self._buckets.get(key)
        if bucket is None:
            members = [i for i, insp in enumerate(self.roster) if fits(insp, dept, tag, req)]
            bucket = Bucket(members, self.loads, self.caps, self.max_weight)
            self._buckets[key] = bucket
            for i in members:
                self._buckets_of[i].append(bucket)
        return bucket

    def _add_load(self, i: int, weight: int) -> None:
        old = self.loads[i]
        self.loads[i] = old + weight
        for bucket in self._buckets_of[i]:
            bucket.move(i, old, old + weight)

    def assign(self, group: Group) -> tuple[Slot, ...]:
        """Attempt the group's required then free slots; update loads; return the slots in order."""
        weight = group.weight
        team: list[int] = []
        blocked: set[int] = set()
        for eid in group.members:
            blocked |= self.conflicted.get(eid, set())
        slots: list[Slot] = []
        group_prefix = self._pick_prefix.copy()  # H("draw-v1/pick", seed, group_id, …) fed up to group_id
        group_prefix.update(frame(group.group_id))
        frames = self.frames

        def attempt(dept: str | None, tag: str | None) -> bool:
            s = len(slots)
            bucket = self._bucket(dept, tag, group.req)
            count = bucket.count(weight, blocked, self.loads)
            if count == 0:
                slots.append(Slot(s, dept, tag, 0, 0, None))
                return False
            tied = bucket.tied(weight, blocked)
            prefix = group_prefix.copy()
            prefix.update(frame(str(s)))
            copy = prefix.copy
            best_digest, best = _ABOVE_ANY_DIGEST, -1
            # the hot loop: only the tied least-loaded candidates are hashed
            for i in tied:
                h = copy()
                h.update(frames[i])
                digest = h.digest()
                if digest < best_digest:
                    best_digest, best = digest, i
            team.append(best)
            blocked.add(best)
            blocked.update(self.partners[best])
            self._add_load(best, weight)
            slots.append(Slot(s, dept, tag, count, len(tied), self.roster[best].inspector_id))
            return True

        for dept, tags in group.req:
            for tag in tags or (None,):
                if not covered((self.roster[i] for i in team), dept, tag):
                    attempt(dept, tag)
        while len(team) < self.team_size and attempt(None, None):
            pass
        return tuple(slots)

    def load_map(self) -> dict[str, int]:
        """inspector_id → load, only loads above zero."""
        return {insp.inspector_id: load for insp, load in zip(self.roster, self.loads, strict=True) if load > 0}


def plain_candidates(
    roster: Sequence[Inspector],
    loads: Mapping[str, int],
    weight: int,
    team: Sequence[Inspector],
    entity_ids: Sequence[str],
    conflicts: Mapping[str, set[str]],
    partners: Mapping[str, set[str]],
    dept: str | None,
    tag: str | None,
    req: Req,
) -> list[Inspector]:
    """The candidates of one slot by a plain scan of the roster (used for substitution, spec §6.5).

    ``conflicts`` maps entity_id → inspector_ids in conflict; ``partners`` inspector_id → team-conflict ids.
    """
    in_team = {m.inspector_id for m in team}
    blocked = set(in_team)
    for eid in entity_ids:
        blocked |= conflicts.get(eid, set())
    for m in team:
        blocked |= partners.get(m.inspector_id, set())
    return [
        insp
        for insp in roster
        if insp.inspector_id not in blocked
        and loads.get(insp.inspector_id, 0) + weight <= insp.cap
        and fits(insp, dept, tag, req)
    ]

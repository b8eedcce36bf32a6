"""The frozen inputs of a draw (冻结的抽取输入, spec §2) as typed values.

They are built only by :mod:`addin.core.draw.canonical` and :mod:`addin.core.draw.plan` from checked
canonical files, so every value here already satisfies the spec's patterns and orderings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

INPUT_FILES = ("pool", "roster", "conflicts", "team_conflicts")
"""The four TSV files whose SHA-256 goes into the freeze entry, in the order of the spec."""


SPECS = ("draw-v1", "draw-v2")
"""The versions of the draw's public rules this engine computes (``docs/draw-v1.md``, ``docs/draw-v2.md``)."""


@dataclass(frozen=True, slots=True)
class Target:
    """One row of ``pool.tsv``: a 检查对象 with its stratum (信用风险分类), category and area.

    ``industries`` are the labels a task's industry filter is matched against: the whole ``industry`` field in
    draw-v1; in draw-v2 its comma-separated labels (a target of several 检查对象类别)."""

    entity_id: str
    stratum: str
    industry: str
    region: str
    industries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Inspector:
    """One row of ``roster.tsv``: a 执法检查人员 who may be drawn, with expertise tags and a load cap."""

    inspector_id: str
    dept: str
    tags: tuple[str, ...]
    cap: int


@dataclass(frozen=True, slots=True)
class Conflict:
    """One row of ``conflicts.tsv``: the inspector must not inspect the target (回避)."""

    inspector_id: str
    entity_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TeamConflict:
    """One row of ``team_conflicts.tsv``: two inspectors who must not share a team (``a < b``)."""

    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Alloc:
    """How a task's sample size is set: by rate per stratum (抽查比例) or by a total split over strata."""

    mode: Literal["rate", "total"]
    rates: tuple[tuple[str, str], ...] = ()  # (stratum, rate string as written), rate mode
    minimum: tuple[tuple[str, int], ...] = ()
    maximum: tuple[tuple[str, int], ...] = ()
    n: int = 0  # total mode
    min1: bool = True


@dataclass(frozen=True, slots=True)
class Task:
    """One 抽查任务 of the plan: who inspects (dept, tag), what is drawn (filters) and how many (alloc)."""

    task_id: str
    dept: str
    tag: str | None
    key_scope: str
    industry_prefix: tuple[str, ...]
    region_prefix: tuple[str, ...]
    alloc: Alloc


@dataclass(frozen=True, slots=True)
class RandomnessSource:
    """A future public random source named before the draw (随机源), e.g. ``lottery-ssq`` / ``2024015``."""

    type: str
    id: str


@dataclass(frozen=True, slots=True)
class RandomnessValue:
    """The value a named source produced, known only after the freeze."""

    type: str
    id: str
    value: str

    def seed_field(self) -> str:
        """The field ``type:id:value`` that enters the seed (spec §3)."""
        return f"{self.type}:{self.id}:{self.value}"


@dataclass(frozen=True, slots=True)
class Plan:
    """``plan.json`` checked: tasks in ``task_id`` byte order; ``raw`` is the JSON as parsed (for the freeze)."""

    spec: str  # draw-v1 / draw-v2
    plan_id: str
    team_size: int
    reserve: int
    group_size: int
    region_prefix_len: int
    randomness: tuple[RandomnessSource, ...]
    tasks: tuple[Task, ...]
    raw: dict[str, Any] = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class InputDigests:
    """Hex SHA-256 of the raw bytes of each canonical TSV file: the commitment of the freeze."""

    pool: str
    roster: str
    conflicts: str
    team_conflicts: str

    def as_dict(self) -> dict[str, str]:
        return {"pool": self.pool, "roster": self.roster, "conflicts": self.conflicts,
                "team_conflicts": self.team_conflicts}


@dataclass(frozen=True, slots=True)
class DrawInputs:
    """Everything a freeze commits to: the plan and the four canonical tables, with their digests."""

    plan: Plan
    pool: tuple[Target, ...]
    roster: tuple[Inspector, ...]
    conflicts: tuple[Conflict, ...]
    team_conflicts: tuple[TeamConflict, ...]
    digests: InputDigests

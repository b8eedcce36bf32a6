"""Small random draw cases for the property and differential tests (raw registry rows → canonical files)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from addin.core.draw import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_randomness_json,
    build_roster_tsv,
    build_team_conflicts_tsv,
)

VECTORS = Path(__file__).resolve().parents[1] / "data" / "draw_vectors"
INDUSTRIES = ("公共场所/住宿/", "公共场所/游泳/", "职业卫生/", "医疗机构/", "体育/")
REGIONS = ("城关镇", "南屯镇", "王庄乡", "AB01", "AB02")
DEPTS = {"卫生健康局": ("公共场所", "职业卫生", "医疗卫生"), "市场监督管理局": ("特种设备",), "体育局": ()}


@dataclass
class RawCase:
    """Raw rows as a freeze would collect them (any order), a plan and randomness values."""

    pool: list[tuple[str, str, str, str]]
    roster: list[tuple[str, str, list[str], int]]
    conflicts: list[tuple[str, str, str]]
    team_conflicts: list[tuple[str, str]]
    plan: dict[str, Any]
    randomness: list[tuple[str, str, str]]

    def files(self) -> dict[str, bytes]:
        return {
            "pool": build_pool_tsv(self.pool),
            "roster": build_roster_tsv(self.roster),
            "conflicts": build_conflicts_tsv(self.conflicts),
            "team_conflicts": build_team_conflicts_tsv(self.team_conflicts),
            "plan": build_plan_json(self.plan),
        }

    def randomness_bytes(self) -> bytes:
        return build_randomness_json(self.randomness)


def write_folder(folder: Path, files: dict[str, bytes], randomness: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for key, data in files.items():
        (folder / (f"{key}.tsv" if key != "plan" else "plan.json")).write_bytes(data)
    (folder / "randomness.json").write_bytes(randomness)
    return folder


def copy_vector(name: str, dest: Path) -> Path:
    shutil.copytree(VECTORS / name, dest)
    (dest / "expected.json").unlink()
    return dest


ids = st.text(alphabet="0123456789ABCDEFXYZ", min_size=2, max_size=6)
rates = st.sampled_from(["0", "0.1", "0.25", "0.5", "0.333333", "1", "1.00"])


@st.composite
def tasks(draw: st.DrawFn, index: int) -> dict[str, Any]:
    dept = draw(st.sampled_from(sorted(DEPTS)))
    task: dict[str, Any] = {"task_id": f"T{index}", "dept": dept}
    if DEPTS[dept] and draw(st.booleans()):
        task["tag"] = draw(st.sampled_from(DEPTS[dept]))
    if draw(st.booleans()):
        task["key_scope"] = draw(st.sampled_from(["S1", "S2"]))
    flt: dict[str, list[str]] = {}
    if draw(st.booleans()):
        flt["industry_prefix"] = draw(st.lists(st.sampled_from(["公共场所/", "职业卫生/", "体育/", "医"]),
                                               min_size=1, max_size=2, unique=True))
    if draw(st.booleans()):
        flt["region_prefix"] = draw(st.lists(st.sampled_from(["城关", "AB", "王庄乡"]), min_size=1, max_size=2,
                                             unique=True))
    if flt:
        task["filter"] = flt
    if draw(st.booleans()):
        alloc: dict[str, Any] = {"mode": "rate", "rates": {h: draw(rates) for h in "ABCU"}}
        if draw(st.booleans()):
            alloc["min"] = {"A": draw(st.integers(0, 3))}
        if draw(st.booleans()):
            alloc["max"] = {"B": draw(st.integers(0, 3))}
    else:
        alloc = {"mode": "total", "n": draw(st.integers(0, 4)), "min1": draw(st.booleans())}
    task["alloc"] = alloc
    return task


@st.composite
def raw_cases(draw: st.DrawFn, max_targets: int = 40) -> RawCase:
    entity_ids = draw(st.lists(ids, min_size=1, max_size=max_targets, unique=True))
    pool = [(e, draw(st.sampled_from("ABCU")), draw(st.sampled_from(INDUSTRIES)), draw(st.sampled_from(REGIONS)))
            for e in entity_ids]
    inspector_ids = draw(st.lists(ids.map(lambda s: "ZF" + s), min_size=1, max_size=10, unique=True))
    roster = []
    for i in inspector_ids:
        dept = draw(st.sampled_from(sorted(DEPTS)))
        tags = draw(st.lists(st.sampled_from(DEPTS[dept]), unique=True)) if DEPTS[dept] else []
        roster.append((i, dept, tags, draw(st.integers(1, 6))))
    pairs = draw(st.lists(st.tuples(st.sampled_from(inspector_ids), st.sampled_from(entity_ids)), unique=True,
                          max_size=10))
    conflicts = [(a, b, draw(st.sampled_from(["REL", "EMP", "PREV,REL", "OTHER"]))) for a, b in pairs]
    team_pairs = [] if len(inspector_ids) < 2 else draw(st.lists(
        st.lists(st.sampled_from(inspector_ids), min_size=2, max_size=2, unique=True).map(lambda p: tuple(sorted(p))),
        unique=True, max_size=4))
    n_tasks = draw(st.integers(1, 3))
    plan = {
        "spec": "draw-v1", "plan_id": "P", "team_size": draw(st.integers(2, 3)), "reserve": draw(st.integers(0, 2)),
        "group": {"size": draw(st.integers(1, 3)), "region_prefix_len": draw(st.integers(0, 3))},
        "randomness": [{"type": "test", "id": "1"}],
        "tasks": [draw(tasks(i)) for i in range(n_tasks)],
    }
    value = draw(st.text(alphabet="0123456789abcdef", min_size=1, max_size=8))
    return RawCase(pool, roster, conflicts, [(a, b) for a, b in team_pairs], plan, [("test", "1", value)])

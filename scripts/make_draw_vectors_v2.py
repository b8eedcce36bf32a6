"""Generate the draw-v2 test vectors in ``tests/data/draw_vectors_v2/`` (fixed seed, same bytes every time).

    python3 scripts/make_draw_vectors_v2.py

Each folder gets the frozen inputs (built by the engine's canonical builders from raw rows), a
``randomness.json`` with test values, and ``expected.json`` — the engine's result. ``tests/draw/test_draw_v2.py``
holds the engine, ``ssj draw-v2``, the independent ``bench/naive_draw.py`` and ``tools/verify_selection.py`` to
these bytes: a change of any of them that alters a byte fails.

- ``multi``: 360 businesses, a fifth of them in several categories (hospitals: 医疗机构, 放射卫生, 传染病防治,
  职业卫生; hotels with a pool: 公共场所, 游泳场（馆）), some with none; coordinated tasks on overlapping
  categories (key scope ``协同``) beside a task with its own key scope; a joint task of two departments.
- ``coordinated``: 1,200 businesses of one category; two coordinated tasks at different rates (nested
  samples) and a third, independent one; groups of two by region.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from addin.core.draw import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_randomness_json,
    build_roster_tsv,
    build_team_conflicts_tsv,
    parse_inputs,
    parse_randomness,
    result_bytes,
    run_draw,
)
from addin.core.ids import USCC_CHARSET, uscc_check_char

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "draw_vectors_v2"
HEALTH, SPORT = "卫生健康局", "体育局"
HOSPITAL = ("医疗机构/", "放射卫生/", "传染病防治/", "职业卫生/")
HOTEL = ("公共场所/", "游泳场（馆）/")
SINGLE = ("医疗机构/", "职业卫生/", "公共场所/", "游泳场（馆）/", "放射卫生/")
REGIONS = ("城关镇/", "新华街道/", "南河镇/", "东坪镇/")
STRATA = "AAAABBBCDU"


def uscc(rng: random.Random) -> str:
    first17 = "91140599" + "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return first17 + uscc_check_char(first17)


def rates(a: str, b: str, c: str, d: str, u: str) -> dict[str, Any]:
    return {"mode": "rate", "rates": {"A": a, "B": b, "C": c, "D": d, "U": u}}


def roster(rng: random.Random, n_health: int, n_sport: int) -> list[tuple[str, str, list[str], int]]:
    tags = ("医疗卫生", "放射卫生", "职业卫生", "公共场所", "传染病防治")
    rows = [(f"ZF1{i:04d}", HEALTH, rng.sample(tags, rng.randint(1, 3)), rng.randint(6, 12)) for i in range(n_health)]
    rows += [(f"ZF3{i:04d}", SPORT, ["体育"], rng.randint(6, 12)) for i in range(n_sport)]
    return rows


def multi(rng: random.Random) -> dict[str, Any]:
    pool: list[tuple[str, str, Any, str]] = []
    for _i in range(360):
        roll = rng.random()
        labels: tuple[str, ...]
        if roll < 0.12:
            labels = HOSPITAL[: rng.randint(2, 4)]
        elif roll < 0.2:
            labels = HOTEL
        elif roll < 0.23:
            labels = ()
        else:
            labels = (rng.choice(SINGLE),)
        pool.append((uscc(rng), rng.choice(STRATA), list(labels), rng.choice(REGIONS)))
    people = roster(rng, 24, 4)
    conflicts = [(people[rng.randrange(24)][0], pool[rng.randrange(len(pool))][0], rng.choice(["REL", "EMP", "PREV"]))
                 for _ in range(12)]
    conflicts = list({(a, b): (a, b, r) for a, b, r in conflicts}.values())
    plan = {
        "spec": "draw-v2", "plan_id": "示例县卫生健康局-2024年第1批", "team_size": 2, "reserve": 2,
        "randomness": [{"type": "drand-quicknet", "id": "4321001"}],
        "tasks": [
            {"task_id": "2024-06/卫生健康局/医疗卫生", "dept": HEALTH, "tag": "医疗卫生", "key_scope": "协同",
             "filter": {"industry_prefix": ["医疗机构/"]}, "alloc": rates("0.05", "0.1", "0.2", "1", "0.05")},
            {"task_id": "2024-10/卫生健康局/放射卫生", "dept": HEALTH, "tag": "放射卫生", "key_scope": "协同",
             "filter": {"industry_prefix": ["放射卫生/"]}, "alloc": rates("0.2", "0.2", "0.5", "1", "0.2")},
            {"task_id": "2024-03/卫生健康局/职业卫生", "dept": HEALTH, "tag": "职业卫生", "key_scope": "协同",
             "filter": {"industry_prefix": ["职业卫生/"]}, "alloc": rates("0.3", "0.3", "0.3", "1", "0.3")},
            {"task_id": "2024-04/卫生健康局/公共场所", "dept": HEALTH, "tag": "公共场所", "key_scope": "2024-04",
             "filter": {"industry_prefix": ["公共场所/"]}, "alloc": rates("0.03", "0.05", "0.2", "1", "0.05")},
            {"task_id": "2024-01/卫生健康局/公共场所", "dept": HEALTH, "tag": "公共场所", "key_scope": "协同",
             "filter": {"industry_prefix": ["游泳场（馆）/"]}, "alloc": rates("1", "1", "1", "1", "1")},
            {"task_id": "2024-01/体育局", "dept": SPORT, "key_scope": "协同",
             "filter": {"industry_prefix": ["游泳场（馆）/"]}, "alloc": rates("1", "1", "1", "1", "1")},
        ],
    }
    return {"pool": pool, "roster": people, "conflicts": conflicts, "team_conflicts": [(people[0][0], people[1][0])],
            "plan": plan, "randomness": [("drand-quicknet", "4321001", "".join(rng.choice("0123456789abcdef")
                                                                             for _ in range(64)))]}


def coordinated(rng: random.Random) -> dict[str, Any]:
    pool = [(uscc(rng), rng.choice(STRATA), ["公共场所/"], rng.choice(REGIONS)) for _ in range(1200)]
    people = roster(rng, 40, 0)
    plan = {
        "spec": "draw-v2", "plan_id": "示例县卫生健康局-2024年第2批", "team_size": 2, "reserve": 1,
        "group": {"size": 2, "region_prefix_len": 3},
        "randomness": [{"type": "lottery-ssq", "id": "2024052"}],
        "tasks": [
            {"task_id": "A/卫生健康局", "dept": HEALTH, "key_scope": "协同", "filter": {"industry_prefix": ["公共场所/"]},
             "alloc": rates("0.03", "0.05", "0.2", "1", "0.05")},
            {"task_id": "B/卫生健康局", "dept": HEALTH, "key_scope": "协同", "filter": {"industry_prefix": ["公共场所/"]},
             "alloc": rates("0.1", "0.1", "0.1", "0.1", "0.1")},
            {"task_id": "C/卫生健康局", "dept": HEALTH, "filter": {"industry_prefix": ["公共场所/"]},
             "alloc": rates("0.1", "0.1", "0.1", "0.1", "0.1")},
        ],
    }
    return {"pool": pool, "roster": people, "conflicts": [], "team_conflicts": [], "plan": plan,
            "randomness": [("lottery-ssq", "2024052", "03.07.12.19.25.31/09")]}


def write(name: str, case: dict[str, Any]) -> None:
    files = {"pool": build_pool_tsv(case["pool"]), "roster": build_roster_tsv(case["roster"]),
             "conflicts": build_conflicts_tsv(case["conflicts"]),
             "team_conflicts": build_team_conflicts_tsv(case["team_conflicts"]), "plan": build_plan_json(case["plan"])}
    randomness = build_randomness_json(case["randomness"])
    inputs = parse_inputs(files)
    values, _ = parse_randomness(randomness, inputs.plan)
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    for key, data in files.items():
        (folder / ("plan.json" if key == "plan" else f"{key}.tsv")).write_bytes(data)
    (folder / "randomness.json").write_bytes(randomness)
    (folder / "expected.json").write_bytes(result_bytes(run_draw(inputs, values)))
    print(f"written: {folder}")


def main() -> None:
    rng = random.Random(20240506)
    write("multi", multi(rng))
    write("coordinated", coordinated(rng))


if __name__ == "__main__":
    main()

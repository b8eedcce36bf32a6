"""Benchmark of the draw engine: ``ssj draw-v1`` against the straightforward reading in ``naive_draw.py``.

Generates a large county-sized case — 200,000 targets, 600 inspectors in three departments, 6 tasks
including a joint task of two departments (two tasks sharing a key scope), about 55,000 visits — then runs
both implementations once each as separate processes, prints wall time and peak memory (max RSS) of each,
and checks that both give the same bytes (and so the same ``result_digest``).

    python3 bench/draw_bench.py                 # the full case (the naive run takes a few minutes)
    python3 bench/draw_bench.py --targets 20000 --inspectors 120   # a quick look
    python3 bench/draw_bench.py --keep DIR      # keep the generated folder
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from addin.core.draw import (
    build_conflicts_tsv,
    build_plan_json,
    build_pool_tsv,
    build_randomness_json,
    build_roster_tsv,
    build_team_conflicts_tsv,
)

ROOT = Path(__file__).resolve().parents[1]
ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"
STRATA = (("A", 40), ("B", 30), ("C", 15), ("D", 5), ("U", 10))
# (industry label, share of the registry in ‰)
INDUSTRIES = (
    ("公共场所/住宿/", 180), ("公共场所/美容美发/", 160), ("公共场所/沐浴/", 60), ("公共场所/游泳场（馆）/", 40),
    ("职业卫生/制造业/", 170), ("职业卫生/采矿业/", 50), ("医疗机构/诊所/", 120), ("医疗机构/医院/", 20),
    ("生活饮用水/供水单位/", 60), ("学校卫生/中小学/", 40), ("体育/健身房/", 100),
)
TOWNS = ("城关镇", "南屯镇", "王庄乡", "白石山镇", "走马驿镇", "银坊镇", "水堡镇", "留家庄乡", "上庄乡", "东团堡乡",
         "塔崖驿乡", "北石佛乡", "金家井乡", "杨家庄镇", "乌龙沟乡", "烟煤洞乡", "宁家庄镇", "西峪乡", "下关乡", "紫荆关镇")
HEALTH_TAGS = ("公共场所", "职业卫生", "医疗卫生", "生活饮用水", "学校卫生")
MARKET_TAGS = ("市场主体登记", "特种设备", "食品安全")


def _weighted(rng: random.Random, items: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def generate(folder: Path, targets: int, inspectors: int, seed: int = 2024) -> None:
    """Write a canonical case (the frozen inputs and randomness.json) into ``folder``."""
    rng = random.Random(seed)
    ids: set[str] = set()
    while len(ids) < targets:
        ids.add(rng.choice("1259") + "".join(rng.choices(ALNUM, k=17)))
    entity_ids = sorted(ids)
    pool_rows = [(eid, _weighted(rng, STRATA), _weighted(rng, INDUSTRIES), rng.choice(TOWNS)) for eid in entity_ids]
    rng.shuffle(pool_rows)  # the builder sorts: rows may come in any order
    roster_rows = []
    n_health, n_market = inspectors * 2 // 3, inspectors // 4
    for k in range(inspectors):
        if k < n_health:
            dept, tags = "卫生健康局", rng.sample(HEALTH_TAGS, rng.randint(1, 3))
        elif k < n_health + n_market:
            dept, tags = "市场监督管理局", rng.sample(MARKET_TAGS, rng.randint(1, 2))
        else:
            dept, tags = "体育局", ["体育"]
        roster_rows.append((f"ZF{k * 7919 % 1000003:07d}", dept, tags, rng.randint(150, 450)))
    inspector_ids = [r[0] for r in roster_rows]
    conflicts = {(rng.choice(inspector_ids), rng.choice(entity_ids)) for _ in range(targets // 50)}
    conflict_rows = [(a, b, rng.choice(("REL", "EMP", "PREV", "OTHER"))) for a, b in sorted(conflicts)]
    pairs = {tuple(sorted(rng.sample(inspector_ids, 2))) for _ in range(inspectors // 5)}
    rates = {"A": "0.15", "B": "0.28", "C": "0.5", "D": "1", "U": "0.28"}
    plan = {
        "spec": "draw-v1", "plan_id": "BENCH-2024", "team_size": 2, "reserve": 3,
        "randomness": [{"type": "test", "id": "bench"}],
        "tasks": [
            {"task_id": "2024-01 公共场所卫生", "dept": "卫生健康局", "tag": "公共场所", "key_scope": "2024",
             "filter": {"industry_prefix": ["公共场所/"]}, "alloc": {"mode": "rate", "rates": rates}},
            {"task_id": "2024-02 职业卫生", "dept": "卫生健康局", "tag": "职业卫生", "key_scope": "2024",
             "filter": {"industry_prefix": ["职业卫生/"]}, "alloc": {"mode": "rate", "rates": rates}},
            {"task_id": "2024-03 游泳场馆联合", "dept": "卫生健康局", "tag": "公共场所", "key_scope": "2024-03",
             "filter": {"industry_prefix": ["公共场所/游泳场（馆）/"]},
             "alloc": {"mode": "rate", "rates": dict.fromkeys("ABCDU", "0.6")}},
            {"task_id": "2024-03 游泳场馆联合/市场监管", "dept": "市场监督管理局", "tag": "特种设备",
             "key_scope": "2024-03", "filter": {"industry_prefix": ["公共场所/游泳场（馆）/"]},
             "alloc": {"mode": "rate", "rates": dict.fromkeys("ABCDU", "0.6")}},
            {"task_id": "2024-04 医疗机构", "dept": "卫生健康局", "tag": "医疗卫生",
             "filter": {"industry_prefix": ["医疗机构/"], "region_prefix": list(TOWNS[:12])},
             "alloc": {"mode": "total", "n": targets * 3 // 100, "min1": True}},
            {"task_id": "2024-05 健身房", "dept": "体育局", "filter": {"industry_prefix": ["体育/"]},
             "alloc": {"mode": "rate", "rates": {"A": "0.2", "B": "0.3", "C": "0.5", "D": "1", "U": "0.3"},
                       "min": {"A": 2}, "max": {"D": 500}}},
        ],
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pool.tsv").write_bytes(build_pool_tsv(pool_rows))
    (folder / "roster.tsv").write_bytes(build_roster_tsv(roster_rows))
    (folder / "conflicts.tsv").write_bytes(build_conflicts_tsv(conflict_rows))
    (folder / "team_conflicts.tsv").write_bytes(build_team_conflicts_tsv(pairs))
    (folder / "plan.json").write_bytes(build_plan_json(plan))
    (folder / "randomness.json").write_bytes(build_randomness_json([("test", "bench", "d3b07384d113edec49eaa6238ad5ff00")]))


def run_measured(command: list[str], out: Path) -> tuple[float, float, int]:
    """Run ``command`` with stdout to ``out``: (wall seconds, peak RSS in MB, exit code) of that process."""
    start = time.perf_counter()
    with out.open("wb") as fh:
        proc = subprocess.Popen(command, stdout=fh, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", type=int, default=200_000)
    parser.add_argument("--inspectors", type=int, default=600)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--skip-naive", action="store_true", help="time only ssj draw-v1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ssj-draw-bench-") as tmp:
        folder = args.keep or Path(tmp) / "case"
        t0 = time.perf_counter()
        generate(folder, args.targets, args.inspectors)
        print(f"generated {args.targets:,} targets, {args.inspectors} inspectors in {time.perf_counter() - t0:.1f} s")
        fast_out, naive_out = Path(tmp) / "fast.json", Path(tmp) / "naive.json"
        fast = run_measured([sys.executable, "-m", "addin", "draw-v1", str(folder)], fast_out)
        result = json.loads(fast_out.read_bytes())
        visits = len(result["units"])
        slots = sum(len(u["team"]) for u in result["units"])
        unfilled = sum(1 for u in result["units"] for s in u["team"] if s["inspector"] is None)
        print(f"case: {visits:,} visits, {slots:,} slots ({unfilled:,} unfilled), "
              f"{sum(len(t['strata']) for t in result['tasks'])} strata in {len(result['tasks'])} tasks")
        print(f"ssj draw-v1     : {fast[0]:7.1f} s   peak RSS {fast[1]:6.0f} MB   exit {fast[2]}")
        if args.skip_naive:
            return 0 if fast[2] == 0 else 1
        naive = run_measured([sys.executable, str(ROOT / "bench" / "naive_draw.py"), str(folder)], naive_out)
        print(f"naive reference : {naive[0]:7.1f} s   peak RSS {naive[1]:6.0f} MB   exit {naive[2]}")
        same = fast_out.read_bytes() == naive_out.read_bytes()
        naive_digest = json.loads(naive_out.read_bytes())["result_digest"] if naive[2] == 0 else None
        print(f"result_digest   : {result['result_digest']} ({'identical bytes' if same else 'DIFFERENT: ' + str(naive_digest)})")
        print(f"speed-up        : {naive[0] / fast[0]:.1f} ×   (target ≥ 5 ×, peak memory ≤ 1024 MB)")
        ok = same and fast[2] == 0 and naive[0] / fast[0] >= 5 and fast[1] <= 1024
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

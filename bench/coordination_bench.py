"""Visits with and without 协同抽取 on the example county (进一次门、查多项事: fewer doors, the same checks).

    python3 bench/coordination_bench.py [--seeds 1000] [--day 2024-05-06]

Freezes the example workbook's batch of ``--day`` twice — 协同抽取 on (the default: the tasks share the key
scope 协同) and off (each task its own key scope) — and draws both from the same seeds. For each it prints the
checks (a business drawn by a 抽查任务 is one check of that task), the visits (distinct businesses: one door,
one team, one 一企一表 per business) and the businesses drawn by two tasks or more, for the demo's randomness
and as a mean over ``--seeds`` seeds. Only the target selection is run for the means (draw §4); the demo
seed's line is a whole draw (teams included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from addin.adapters.openpyxl_book import OpenpyxlBook  # noqa: E402
from addin.core.draw import H, build_randomness_json, parse_inputs, parse_randomness, run_draw  # noqa: E402
from addin.core.draw.model import DrawInputs  # noqa: E402
from addin.core.draw.ranking import draw_targets  # noqa: E402
from addin.core.freeze.batch import choose_tasks  # noqa: E402
from addin.core.freeze.build import build_freeze  # noqa: E402
from addin.core.freeze.plan_json import task_number  # noqa: E402
from addin.services.draw.book import read_source  # noqa: E402

EXAMPLE = ROOT / "workbooks" / "examples" / "示例县卫生健康局.xlsx"


def frozen(day: dt.date, coordinate: bool) -> DrawInputs:
    book = OpenpyxlBook.read(EXAMPLE)
    try:
        source = replace(read_source(book, day).source, coordinate=coordinate)
    finally:
        book.close()
    tasks = [c.task for c in choose_tasks(source.tasks, day, source.history) if c.included]
    return parse_inputs(build_freeze(source, tasks, "示例县卫生健康局-2024年第1批", [("test", "1")]).files)


def figures(selected: dict[str, set[str]]) -> tuple[int, int, int]:
    """(checks, visits, businesses drawn by ≥ 2 tasks) of one selection: task number → businesses."""
    tally = Counter(e for chosen in selected.values() for e in chosen)
    return sum(len(c) for c in selected.values()), len(tally), sum(1 for n in tally.values() if n > 1)


def selection(inputs: DrawInputs, seed: bytes) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for draw in draw_targets(inputs.plan, inputs.pool, seed):
        found.setdefault(task_number(draw.task.task_id), set()).update(draw.selected_ids())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2024, 5, 6))
    args = parser.parse_args()
    print(f"example county, batch of {args.day}; mean over {args.seeds} seeds, and the demo's draw (test:1 = 示例县演示)")
    print(f"{'协同抽取':<6} | {'checks':>7} | {'visits':>7} | {'drawn by ≥2 tasks':>17} | demo draw: checks / visits / units")
    for coordinate in (True, False):
        inputs = frozen(args.day, coordinate)
        runs = [figures(selection(inputs, H("bench-seed", str(i)))) for i in range(args.seeds)]
        values, _ = parse_randomness(build_randomness_json([("test", "1", "示例县演示")]), inputs.plan)
        result = run_draw(inputs, values)
        by_task: dict[str, set[str]] = {}
        for task in result["tasks"]:
            by_task.setdefault(task_number(task["task_id"]), set()).update(
                x["id"] for s in task["strata"] for x in s["selected"])
        checks, visits, _shared = figures(by_task)
        mean = [statistics.fmean(r[i] for r in runs) for i in range(3)]
        print(f"{'是' if coordinate else '否':<6} | {mean[0]:7.1f} | {mean[1]:7.1f} | {mean[2]:17.1f} | "
              f"{checks} / {visits} / {len(result['units'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

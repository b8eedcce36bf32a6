"""Benchmark: what header detection (表头识别) adds to validating the 100,000-row registry. Prints figures.

    python3 bench/layout_bench.py [--repeat 5]

On ``bench/data/targets-100k.xlsx`` (``bench/make_registries.py``), in one process, runs interleaved:

1. ``validate_path`` as the command line does it — every sheet read through its layout (kind by name or
   columns, header row among the first rows, aliases, notes under the header);
2. the same validation without any detection: the sheet taken by its exact name, the header in row 1 (what
   ``ssj validate`` did before layouts);
3. ``validate_path`` on the same registry in a home-made layout (``targets-100k-raw.xlsx``: a merged title row,
   序号, platform column names — made here once), recognised by its columns.

Target: (1) ≤ 1.05 × (2). Also prints the time of the detection itself on the first rows. ``--cpu`` times the
process's CPU time instead of the wall clock: on a shared machine whose other work comes and goes, the wall
clock of a few-second run varies by ±20 % between runs, the CPU time much less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
TODAY = dt.date(2026, 1, 1)
SHEET = "检查对象名录库"
clock = time.perf_counter  # --cpu: time.process_time
ALIASES = {"统一社会信用代码": "注册号/统一社会信用代码", "单位名称": "企业名称", "地址": "经营地址", "所属乡镇": "乡镇（街道）",
           "检查对象类别": "行业类别", "经营状态": "登记状态", "信用风险分类": "风险等级"}


def raw_layout(source: Path, target: Path) -> Path:
    """The registry of ``source`` with a title row, 序号 and platform column names, written once."""
    if target.exists():
        return target
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    print(f"  (making {target.relative_to(HERE.parent)} …)", flush=True)
    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_name(SHEET).iter_rows()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名录")
    ws.append(["XX县卫生健康局检查对象名录库"])
    header = next(rows)
    ws.append(["序号", *(ALIASES.get(str(h), h) for h in header)])
    for n, values in enumerate(rows, 1):
        ws.append([n, *values])
    wb.save(target)
    return target


def with_layouts(path: Path) -> float:
    from addin.services.validate import validate_path

    started = clock()
    report = validate_path(path, today=TODAY)
    assert report.rows > 0, report
    return clock() - started


def without_layouts(path: Path) -> float:
    """The validation before layouts: exact sheet name, header in row 1, the rows streamed to the same rules."""
    from addin.adapters.calamine_book import CalamineBook
    from addin.core.validation import check_tables
    from addin.schemas import load_schemas

    started = clock()
    book = CalamineBook.read(path)
    checked = check_tables({"targets": book.stream(SHEET)}, load_schemas(), today=TODAY)
    book.close()
    assert checked.reads["targets"].rows
    return clock() - started


def detection_only(path: Path) -> float:
    """sheet_layout on the first rows (the rows already read)."""
    from addin.adapters.calamine_book import CalamineBook
    from addin.core.layout import HEAD_ROWS, sheet_layout, vocabularies
    from addin.schemas import load_schemas

    book = CalamineBook.read(path)
    head = list(islice(book.rows(book.sheet_names()[0]), HEAD_ROWS))
    vocabs = vocabularies(load_schemas())
    started = clock()
    for _ in range(100):
        sheet_layout(book.sheet_names()[0], head, vocabs)
    elapsed = (clock() - started) / 100
    book.close()
    return elapsed


def best(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):  # interleaved, so that the machine's load falls on each alike
        for name, run in runs.items():
            times[name].append(run())
    return {name: min(found) for name, found in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (the best is shown)")
    parser.add_argument("--cpu", action="store_true", help="time the process's CPU time, not the wall clock")
    args = parser.parse_args(argv)
    global clock
    clock = time.process_time if args.cpu else time.perf_counter
    path = DATA / "targets-100k.xlsx"
    if not path.exists():
        print("bench/data/targets-100k.xlsx is missing: python3 bench/make_registries.py --rows 100000 "
              "--out bench/data/targets-100k.xlsx", file=sys.stderr)
        return 2
    raw = raw_layout(path, DATA / "targets-100k-raw.xlsx")
    found = best({"without": lambda: without_layouts(path), "with": lambda: with_layouts(path),
                  "raw": lambda: with_layouts(raw)}, args.repeat)
    print(f"100,000-row registry, best of {args.repeat} (interleaved; {'CPU time' if args.cpu else 'wall clock'}):")
    print(f"  validation without header detection   {found['without']:6.2f} s")
    print(f"  validation with header detection      {found['with']:6.2f} s   = "
          f"{found['with'] / found['without']:.3f} × (+{(found['with'] / found['without'] - 1) * 100:.1f} %; target ≤ 5 %)")
    print(f"  home-made layout (title, 序号, aliases) {found['raw']:6.2f} s   = {found['raw'] / found['without']:.3f} ×")
    print(f"  detection itself on the first rows    {detection_only(path) * 1000:6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

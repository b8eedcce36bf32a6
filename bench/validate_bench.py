"""Benchmark of ``ssj validate`` (issue 3): prints figures, asserts nothing.

    python3 bench/validate_bench.py                # all four measurements (a few minutes)
    python3 bench/validate_bench.py --skip-naive --skip-1m

1. On the 100,000-row target registry, measured in one run on the same file: the raw python-calamine read
   (open, load the sheet, iterate every row), our validation (``validate_path``, in process, and the
   ``ssj validate`` command with its start-up and worker process), and the naive pipeline
   (``bench/naive_validate.py``: openpyxl full load + jsonschema per row), with the ratios.
   Targets: ours ≤ 1.5 × the raw read; ≥ 15 × faster than the naive pipeline.
2. 1,000,000 rows: wall time and peak memory (max RSS of the worker) of ``ssj validate``. Target ≤ 1.2 GB.
   Also the raw calamine read of that file, for what loading the whole sheet costs.
3. A folder of 200 workbooks of 2,000 rows: ``--jobs 1`` against ``--jobs 2``. Target ≤ 0.6 × the time.

The data are made by ``bench/make_registries.py`` (fixed seed) in ``bench/data/`` when missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
TODAY = dt.date(2026, 1, 1)
SHEET = "检查对象名录库"


def ensure(path: Path, *args: str) -> Path:
    if not path.exists():
        print(f"  (making {path.relative_to(HERE.parent)} …)", flush=True)
        subprocess.run([sys.executable, str(HERE / "make_registries.py"), *args], check=True)
    return path


def raw_read(path: Path) -> float:
    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(path))
    rows = sum(1 for _ in workbook.get_sheet_by_name(SHEET).iter_rows())
    workbook.close()
    assert rows > 1
    return time.perf_counter() - started


def ours_in_process(path: Path) -> float:
    from addin.services.validate import validate_path

    started = time.perf_counter()
    report = validate_path(path, today=TODAY)
    assert report.rows > 0, report
    return time.perf_counter() - started


def command(*args: str) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the command's processes) of ``ssj validate …``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "addin", "validate", *args, "--quiet",
                           "--today", TODAY.isoformat()], check=False)
    elapsed = time.perf_counter() - started
    assert done.returncode in (0, 1), done.returncode
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def naive(path: Path) -> float:
    sys.path.insert(0, str(HERE))
    from naive_validate import naive_validate

    started = time.perf_counter()
    naive_validate(path)
    return time.perf_counter() - started


def one_file(args: argparse.Namespace) -> None:
    path = ensure(DATA / "targets-100k.xlsx", "--rows", "100000", "--out", str(DATA / "targets-100k.xlsx"))
    print(f"1. 100,000-row registry ({path.stat().st_size / 1e6:.1f} MB), best of {args.repeat}:")
    raw = min(raw_read(path) for _ in range(args.repeat))
    ours = min(ours_in_process(path) for _ in range(args.repeat))
    cli = min(command(str(path), "--jobs", "1")[0] for _ in range(args.repeat))
    print(f"   raw python-calamine read        {raw:7.2f} s")
    print(f"   ours: validate_path             {ours:7.2f} s   = {ours / raw:.2f} × the raw read (target ≤ 1.5)")
    print(f"   ours: ssj validate (command)    {cli:7.2f} s   = {cli / raw:.2f} × the raw read (start-up included)")
    if not args.skip_naive:
        slow = naive(path)
        print(f"   naive: openpyxl + jsonschema    {slow:7.2f} s   = {slow / ours:.1f} × ours (target ≥ 15)")


def million(args: argparse.Namespace) -> None:
    path = ensure(DATA / "targets-1m.xlsx", "--rows", "1000000", "--out", str(DATA / "targets-1m.xlsx"))
    print(f"2. 1,000,000-row registry ({path.stat().st_size / 1e6:.1f} MB):")
    elapsed, peak = command(str(path), "--jobs", "1")
    print(f"   ssj validate                    {elapsed:7.2f} s   peak RSS {peak:6.0f} MB (target ≤ 1200)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "import resource, sys; from python_calamine import "
                           "CalamineWorkbook as W; w = W.from_path(sys.argv[1]); "
                           f"n = sum(1 for _ in w.get_sheet_by_name('{SHEET}').iter_rows()); "
                           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)", str(path)],
                          capture_output=True, text=True, check=True)
    print(f"   raw python-calamine read        {time.perf_counter() - started:7.2f} s   "
          f"peak RSS {int(done.stdout) / 1024:6.0f} MB (the whole sheet in memory)")


def _burn(n: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return time.perf_counter() - started


def parallelism() -> float:
    """What two processes gain on this machine right now: a CPU-bound loop split over two processes, over the
    same loop in one (0.5 on two free cores; more on a shared machine)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        started = time.perf_counter()
        pool.map(_burn, [20_000_000])
        one = time.perf_counter() - started
    with context.Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_burn, [10_000_000] * 2)
        two = time.perf_counter() - started
    return two / one


def folder(args: argparse.Namespace) -> None:
    path = DATA / "folder-200"
    if not path.exists():
        ensure(path, "--folder", str(path), "--files", "200", "--rows", "2000")
    print(f"3. a folder of {len(list(path.glob('*.xlsx')))} workbooks of 2,000 rows:")
    one = min(command(str(path), "--jobs", "1")[0] for _ in range(args.repeat))
    two = min(command(str(path), "--jobs", "2")[0] for _ in range(args.repeat))
    print(f"   --jobs 1                        {one:7.2f} s")
    print(f"   --jobs 2                        {two:7.2f} s   = {two / one:.2f} × (target ≤ 0.6)")
    print(f"   (this machine now: a CPU-bound loop split over 2 processes takes {parallelism():.2f} × its time in 1)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (the best is shown)")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-1m", action="store_true")
    parser.add_argument("--skip-folder", action="store_true")
    args = parser.parse_args(argv)
    one_file(args)
    if not args.skip_1m:
        million(args)
    if not args.skip_folder:
        folder(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long the command behind each ribbon button takes on the example county, beside the time openpyxl needs
just to load the example workbook (the yardstick: every button should take at most 3 × that).

Each button runs its use case as the command line does — read the workbook file, do the work, write the new
files (the draw with its evidence and the 一企一表 forms) — in this process, on a fresh copy of its input, best of
``--repeat`` runs. Run from the repository root::

    python3 bench/buttons_bench.py [--repeat 3]

A button added later is one more line in :data:`BUTTONS`: its name and a function
that takes the prepared inputs (:class:`Prepared`) and a fresh folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from addin.reporters.sheet import issues_sheet
from addin.services.deadlines import deadlines
from addin.services.demo import EXAMPLE, STEPS, DemoRun
from addin.services.draw.draw import draw
from addin.services.draw.evidence import verify_folder
from addin.services.draw.freeze import freeze
from addin.services.importing import import_files
from addin.services.plan_doc import plan_doc
from addin.services.publish import publish
from addin.services.report import report
from addin.services.report_book import write_workbook
from addin.services.validate import validate_path

DAY = dt.date(2024, 5, 6)
NOW = dt.datetime(2024, 5, 6, 9, 0)
LATER = dt.date(2024, 7, 31)


@dataclass(frozen=True)
class Prepared:
    """The inputs of each button, made once by the demo's steps: the example, its frozen copy with the evidence
    folder, the drawn copy, and the copy with demo results."""

    example: Path
    frozen: Path
    evidence: Path
    drawn: Path
    with_results: Path


def prepare(folder: Path) -> Prepared:
    run = DemoRun(EXAMPLE, folder, dt.date(2024, 3, 1))
    for step in STEPS:
        step.run(run)
        if step.name == "演示结果":
            break
    assert run.evidence is not None
    return Prepared(EXAMPLE, folder / "冻结.xlsx", run.evidence, folder / "抽取.xlsx", folder / "演示结果.xlsx")


def _validate(p: Prepared, out: Path) -> None:
    report_ = validate_path(p.example, today=DAY)
    write_workbook([issues_sheet(report_)], out / "校验结果.xlsx", inputs=(p.example,))


def _import(p: Prepared, out: Path) -> None:
    import_files([p.example], out / "导入.xlsx", today=DAY)


def _freeze(p: Prepared, out: Path) -> None:
    freeze(p.example, out / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=NOW)


def _draw(p: Prepared, out: Path) -> None:
    """The draw on a copy of the frozen workbook and its evidence folder (a draw writes into the folder)."""
    book = out / p.frozen.name
    shutil.copy(p.frozen, book)
    evidence = out / "抽取证据" / p.evidence.name
    shutil.copytree(p.evidence, evidence)
    for name in ("randomness.json", "result.json"):
        (evidence / name).unlink(missing_ok=True)
    log = evidence / "log.jsonl"
    log.write_text(log.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    draw(book, out / "抽取.xlsx", randomness=[("test", "1", "示例县演示")], now=NOW, evidence=evidence)


def _verify(p: Prepared, out: Path) -> None:
    assert verify_folder(p.evidence).difference is None


def _deadlines(p: Prepared, out: Path) -> None:
    deadlines(p.with_results, LATER, out / "时限提醒.xlsx")


def _publish(p: Prepared, out: Path) -> None:
    publish(p.with_results, out / "公示.xlsx", LATER, record=out / "公示记录.xlsx")


def _report(p: Prepared, out: Path) -> None:
    report(p.with_results, "2024-05", out / "月报表.xlsx", dt.date(2024, 6, 5))


def _plan_doc(p: Prepared, out: Path) -> None:
    """Both versions, as the button writes them."""
    for public in (False, True):
        plan_doc(p.drawn, out / f"方案{'-公开版' if public else ''}.docx", batch=None, today=DAY, public=public,
                 evidence=p.evidence)


def _risk(p: Prepared, out: Path) -> None:
    from addin.services.risk import risk  # pandas: loaded by the button that needs it, and timed with it

    risk(p.with_results, out / "风险预警.xlsx", LATER)


# (ribbon button, the command behind it, what it does): one line per button
BUTTONS: list[tuple[str, str, Callable[[Prepared, Path], None]]] = [
    ("校验名录库", "ssj validate --report", _validate),
    ("导入名录", "ssj import", _import),
    ("冻结名录", "ssj freeze", _freeze),
    ("随机抽取", "ssj draw（含一企一表）", _draw),
    ("校验抽取", "ssj verify", _verify),
    ("工作方案", "ssj plan-doc（两版）", _plan_doc),
    ("时限检查", "ssj deadlines --out", _deadlines),
    ("生成公示", "ssj publish", _publish),
    ("填写月报", "ssj report", _report),
    ("风险预警", "ssj risk", _risk),
]


def best_of(repeat: int, work: Callable[[Path], object]) -> float:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="ssj-bench-") as tmp:
            started = time.perf_counter()
            work(Path(tmp))
            times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description="Time each ribbon button's command against openpyxl's load.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ssj-bench-prep-") as tmp:
        prepared = prepare(Path(tmp))
        load = best_of(args.repeat, lambda _d: openpyxl.load_workbook(EXAMPLE))
        print(f"示例工作簿：{EXAMPLE.name}（{EXAMPLE.stat().st_size / 1024:.0f} KB）；每项取 {args.repeat} 次中最快的一次")
        print(f"{'按钮':<8}{'命令':<24}{'用时':>8}{'倍数':>8}")
        print(f"{'（基准）':<8}{'openpyxl.load_workbook':<24}{load:>7.2f}s{1:>7.2f}×")
        slow = []
        for name, command, work in BUTTONS:
            took = best_of(args.repeat, lambda d, work=work: work(prepared, d))  # type: ignore[misc]
            ratio = took / load
            print(f"{name:<8}{command:<24}{took:>7.2f}s{ratio:>7.2f}×")
            if ratio > 3:
                slow.append(name)
    if slow:
        print(f"超过 3 倍：{'、'.join(slow)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

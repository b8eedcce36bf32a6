"""Use case: the demo (``ssj demo``) — the whole cycle on the example workbook, as a list of steps.

Each step reads the shared :class:`DemoRun`, writes its outputs under ``out`` and returns them as
(description, path) pairs. Later capabilities extend the demo by appending a step to :data:`STEPS`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from addin.adapters.calamine_book import CalamineBook
from addin.adapters.files import refuse_existing
from addin.core.errors import AddinError
from addin.core.settings import parse_settings
from addin.reporters.sheet import issues_sheet
from addin.resources import shipped
from addin.schemas import load_schemas
from addin.services.report_book import write_workbook
from addin.services.validate import UNREADABLE, FileReport, validate_path

EXAMPLE = shipped("workbooks", "examples", "示例县卫生健康局.xlsx")
MARKER = ".ssj-demo"  # written into the demo's output folder: --force may empty only a folder that has it


def start_folder(out: Path, *, force: bool) -> Path:
    """The demo's output folder, empty, so that its outputs all belong to one run (one batch, one evidence
    folder): a new or empty folder is used as it is; a folder already holding files is refused
    (``file.exists``), unless ``force`` — then a folder of an earlier demo (it has :data:`MARKER`) is emptied,
    and any other folder is still refused (``demo.not-demo-folder``): the demo never deletes a user's files."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        refuse_existing({"--out": out}, force=force)
        if not out.is_dir() or not (out / MARKER).is_file():
            raise AddinError("demo.not-demo-folder",
                             f"{out} 不是演示输出文件夹（其中没有 {MARKER} 标记），--force 不会清空它：请用 --out 换一个空文件夹。",
                             {"path": str(out)})
        for entry in list(out.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("ssj demo 的输出文件夹：再次演示（--force）时会清空。\n", encoding="utf-8")
    return out


def demo_today(workbook: Path, fallback: dt.date) -> dt.date:
    """The demo's run date: 1 March of the workbook's 年度 (the plan is published by 02-28, the year's work
    begins), so that the demo shows the same thing whatever year it is run in; ``fallback`` when the year
    cannot be read."""
    try:
        book = CalamineBook.read(workbook)
        try:
            table = book.read_table(load_schemas()["settings"].sheet)
        finally:
            book.close()
    except AddinError:
        return fallback
    settings, _ = parse_settings(table, load_schemas()["settings"], today=fallback)
    return dt.date(settings.year, 3, 1) if settings.year else fallback


@dataclass
class DemoRun:
    """What the steps share: the example workbook, the output folder, the run date, results so far."""

    workbook: Path
    out: Path
    today: dt.date
    validation: FileReport | None = None
    failed: list[str] = field(default_factory=list)
    book: Path | None = None  # the latest output copy of the workbook (freeze, draw, demo results …)
    evidence: Path | None = None  # the evidence folder of the demo's draw


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    run: Callable[[DemoRun], list[tuple[str, Path]]]


def validate_step(run: DemoRun) -> list[tuple[str, Path]]:
    """校验: validate the example workbook and write the 校验结果 report."""
    report = validate_path(run.workbook, today=run.today)
    run.validation = report
    if report.status != "ok":
        run.failed.append(f"校验：{report.errors} 个错误" if report.status != UNREADABLE else "校验：工作簿无法读取")
    target = write_workbook([issues_sheet(report)], run.out / "校验结果.xlsx", inputs=(run.workbook,))
    return [(f"校验结果（错误 {report.errors} 个，警告 {report.warnings} 个）", target)]


def plan_summary_step(run: DemoRun) -> list[tuple[str, Path]]:
    """计划汇总: the 双随机办's view per 股室, and the tasks to freeze together (联合抽查建议)."""
    from addin.services.plan_summary import plan_summary

    target = run.out / "计划汇总.xlsx"
    done = plan_summary(run.workbook, run.today, target)
    offices = len(done.offices) - 1
    saved = sum(float(s.saved) for s in done.suggestions)
    return [(f"计划汇总（{offices} 个股室）和联合抽查建议（{len(done.suggestions)} 对任务，协同抽取预计减少上门约 "
             f"{saved:.0f} 户次）", target)]


STEPS: list[Step] = [Step("校验", validate_step), Step("计划汇总", plan_summary_step)]


def _draw_steps() -> list[Step]:
    from addin.services.demo_draw import DRAW_STEPS  # imports this module's DemoRun for its types

    return [Step(name, step) for name, step in DRAW_STEPS]


STEPS += _draw_steps()


def _risk_step(run: DemoRun) -> list[tuple[str, Path]]:
    from addin.services.demo_risk import risk_step  # pandas loads only when the step runs

    return risk_step(run)


STEPS.append(Step("风险预警", _risk_step))

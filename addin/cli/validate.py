"""``ssj validate PATH… [--json FILE|-] [--report FILE.xlsx] [--today DATE] [--jobs N] [--quiet]``

PATH is a workbook or a folder. A workbook is read by its content, whatever its name (.xlsx, .xlsm, .xls, WPS
.et, .ods, XML Spreadsheet 2003). In a folder every file is listed (:mod:`addin.adapters.listing`): each is
validated or reported unreadable with what it is; only Excel's owner files ``~$…`` are left out, and the summary
says how many. Exit 0 when no file has an error, 1 when some file has errors (or, in a folder, cannot be read),
2 when a single file given cannot be used or the command is used wrongly. The inputs are only read.

Files are validated in ``--jobs`` worker processes (default: the number of cores), each with a time limit and
a memory limit, so that one hostile file is reported ``unreadable`` and the others still get validated. On a
terminal a progress bar (files done, rows per second) is shown on stderr, unless ``--quiet``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from addin.adapters.files import atomic_write, refuse_existing
from addin.adapters.listing import Listing, list_inputs, shown
from addin.cli import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, add_force, iso_date, json_file
from addin.core.catalogue import issue
from addin.reporters.json_report import dumps
from addin.reporters.sheet import issues_sheet, summary_sheet
from addin.reporters.text import summary_text
from addin.services.batch import Limits, MiB, default_jobs, default_memory_limit, validate_files
from addin.services.validate import OK, UNREADABLE, FileReport


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return int(text)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="校验工作簿（名录库、事项清单、年度计划……）",
        description="校验一个或多个工作簿（.xlsx、.xls、WPS .et、.ods、XML 电子表格 2003，按内容识别）；路径可以是"
        "文件夹（列出其中每个文件，只略过 Excel 的 ~$ 临时文件）。输入文件只读不改。"
        "退出码：0 没有错误；1 发现错误；2 单个文件无法读取或用法错误。",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="路径", help="工作簿或文件夹")
    parser.add_argument("--json", metavar="文件", help="把结果写成 JSON 文件；“-” 表示输出到标准输出")
    parser.add_argument("--report", type=Path, metavar="文件.xlsx", help="把结果写成含“校验结果”工作表的新工作簿")
    parser.add_argument("--today", type=iso_date, metavar="日期",
                        help="按哪一天校验（执法证是否过期等），默认今天，格式 YYYY-MM-DD")
    parser.add_argument("--jobs", type=positive, default=None, metavar="进程数",
                        help="并行校验的进程数，默认等于 CPU 核数")
    parser.add_argument("--quiet", action="store_true", help="不显示进度条和文字汇总（JSON、报告照常写出）")
    parser.add_argument("--timeout", type=positive, default=int(Limits().timeout), metavar="秒数",
                        help="每个文件的校验时限（秒），超时记为无法读取，默认 600")
    parser.add_argument("--memory-limit", type=positive, default=None, metavar="兆字节数",
                        help="校验每个文件可用的内存上限（MB，校验进程启动时已占用的不计），默认按本机内存和进程数确定")
    add_force(parser)
    parser.set_defaults(func=run)


def collect(paths: list[Path]) -> tuple[Listing, list[str]]:
    """Every file to report on, and the messages about folders that hold none or cannot be read."""
    listing = list_inputs(paths)
    problems = list(listing.problems)
    for path in paths:
        if path.is_dir() and not any(e.path.is_relative_to(path) for e in listing.entries):
            problems.append(f"文件夹中没有文件：{shown(path)}")
    return listing, problems


def _refused(path: Path, code: str, reason: str) -> FileReport:
    return FileReport(shown(path), UNREADABLE, (issue(code, reason=reason),))


def run(args: argparse.Namespace) -> int:
    today: dt.date = args.today or dt.date.today()
    refuse_existing({"--json": json_file(args.json), "--report": args.report}, force=args.force,
                    inputs=args.paths)
    listing, problems = collect(args.paths)
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)
    if not listing.entries:
        return EXIT_UNUSABLE
    files = [e.path for e in listing.entries if e.refused is None]
    jobs = args.jobs or default_jobs()
    memory = args.memory_limit * MiB if args.memory_limit else default_memory_limit(jobs)
    limits = Limits(timeout=float(args.timeout), memory=memory)
    show_progress = not args.quiet and sys.stderr.isatty()
    with progress_bar(len(files), enabled=show_progress) as on_done:
        checked = iter(validate_files(files, today=today, jobs=jobs, limits=limits, on_done=on_done))
    reports = [next(checked) if e.refused is None else _refused(e.path, *e.refused) for e in listing.entries]
    left_out = len(listing.left_out)
    inputs = tuple(files)
    to_stdout = args.json == "-"
    if args.json is not None:
        text = dumps(reports, left_out=left_out)
        if to_stdout:
            sys.stdout.write(text)
        else:
            atomic_write(Path(args.json), lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs=inputs)
    out = sys.stderr if to_stdout else sys.stdout
    if not args.quiet:
        out.write(summary_text(reports, left_out=left_out))
    if args.report is not None:
        batch = len(reports) > 1 or any(p.is_dir() for p in args.paths)
        sheets = [summary_sheet(reports), issues_sheet(reports)] if batch else [issues_sheet(reports[0])]
        from addin.services.report_book import write_workbook  # openpyxl: only when a report is asked for

        written = write_workbook(sheets, args.report, inputs=inputs)
        if not args.quiet:
            print(f"校验结果已写入：{written}", file=out)
    return exit_code(args.paths, reports)


@contextmanager
def progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[FileReport], None] | None]:
    """A rich progress bar on stderr (files done, rows per second), or nothing."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    rows = 0
    columns = (TextColumn("校验"), BarColumn(), MofNCompleteColumn(), TextColumn("个文件"),
               TextColumn("{task.fields[speed]}"), TimeElapsedColumn())
    # no refresh thread (auto_refresh off): the worker processes are forked while the bar is shown
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("validate", total=total, speed="")

        def on_done(report: FileReport) -> None:
            nonlocal rows
            rows += report.rows
            speed = rows / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, speed=f"{speed:,.0f} 行/秒")
            progress.refresh()

        progress.refresh()
        yield on_done


def exit_code(paths: list[Path], reports: list[FileReport]) -> int:
    single_file = len(paths) == 1 and not paths[0].is_dir()
    if single_file and reports[0].status == UNREADABLE:
        return EXIT_UNUSABLE
    return EXIT_OK if all(r.status == OK for r in reports) else EXIT_INVALID

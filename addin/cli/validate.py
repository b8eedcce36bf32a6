"""``ssj validate PATH… [--json FILE|-] [--report FILE.xlsx] [--today DATE] [--jobs N]``

PATH is a workbook or a folder (searched recursively for .xlsx/.xlsm). Exit 0 when no file has an error,
1 when some file has errors (or, in a folder, cannot be read), 2 when a single file given cannot be used or
the command is used wrongly. The inputs are only read, never modified.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from addin.adapters.files import atomic_write, find_workbooks
from addin.cli import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from addin.reporters.json_report import dumps
from addin.reporters.sheet import issues_sheet
from addin.reporters.text import summary_text
from addin.services.report_book import write_workbook
from addin.services.validate import OK, UNREADABLE, FileReport, validate_path


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式，如 2024-05-01：{text}") from err


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return int(text)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="校验工作簿（名录库、事项清单、年度计划……）",
        description="校验一个或多个工作簿；PATH 可以是文件夹（递归查找 .xlsx/.xlsm）。输入文件只读不改。"
        "退出码：0 没有错误；1 发现错误；2 单个文件无法读取或用法错误。",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="工作簿或文件夹")
    parser.add_argument("--json", metavar="FILE", help="把结果写成 JSON 文件；“-” 表示输出到标准输出")
    parser.add_argument("--report", type=Path, metavar="FILE.xlsx", help="把结果写成含“校验结果”工作表的新工作簿")
    parser.add_argument("--today", type=iso_date, metavar="DATE",
                        help="按哪一天校验（执法证是否过期等），默认今天，格式 YYYY-MM-DD")
    parser.add_argument("--jobs", type=positive, default=1, metavar="N", help="并行校验的文件数（目前逐个校验）")
    parser.set_defaults(func=run)


def collect(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The workbooks to check, and the messages about folders that hold none."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        found = find_workbooks(path)
        if path.is_dir() and not found:
            problems.append(f"文件夹中没有 .xlsx/.xlsm 工作簿：{path}")
        files.extend(found)
    return files, problems


def run(args: argparse.Namespace) -> int:
    today: dt.date = args.today or dt.date.today()
    files, problems = collect(args.paths)
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)
    if not files:
        return EXIT_UNUSABLE
    reports = [validate_path(path, today=today) for path in files]
    inputs = tuple(files)
    to_stdout = args.json == "-"
    if args.json is not None:
        text = dumps(reports)
        if to_stdout:
            sys.stdout.write(text)
        else:
            atomic_write(Path(args.json), lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs=inputs)
    out = sys.stderr if to_stdout else sys.stdout
    out.write(summary_text(reports))
    if args.report is not None:
        sheet = issues_sheet(reports if len(reports) > 1 else reports[0])
        written = write_workbook([sheet], args.report, inputs=inputs)
        print(f"校验结果已写入：{written}", file=out)
    return exit_code(args.paths, reports)


def exit_code(paths: list[Path], reports: list[FileReport]) -> int:
    single_file = len(paths) == 1 and not paths[0].is_dir()
    if single_file and reports[0].status == UNREADABLE:
        return EXIT_UNUSABLE
    return EXIT_OK if all(r.status == OK for r in reports) else EXIT_INVALID

"""Arguments shared by the workbook draw commands (freeze, draw, substitute, replace, void, publish-draw)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.cli import add_force


def record_time(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.replace("T", " "))
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"时间应写成 YYYY-MM-DD HH:MM 或 YYYY-MM-DD：{text}") from err


def add_book_arguments(parser: Any, *, out_help: str = "输出工作簿（新文件；输入工作簿不会被修改）") -> None:
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm）")
    parser.add_argument("--out", type=Path, required=True, metavar="文件", help=out_help)
    parser.add_argument("--evidence", type=Path, metavar="文件夹",
                        help="抽取材料文件夹（默认：工作簿所在文件夹下 抽取证据/<抽取批次>，取抽取记录中最近的相应批次）")
    parser.add_argument("--time", type=record_time, metavar="时间",
                        help="记入抽取记录“时间”列的时间（默认现在；用于演示或补录）")
    add_force(parser)


def now_of(args: argparse.Namespace) -> dt.datetime:
    chosen: dt.datetime | None = args.time
    return chosen if chosen is not None else dt.datetime.now().replace(microsecond=0)


def add_forms_argument(parser: Any) -> None:
    parser.add_argument("--forms", type=Path, metavar="文件",
                        help="一企一表工作簿（默认：与 --out 同一文件夹，文件名加“-一企一表”）")

"""``ssj template --out FILE.xlsx``: write a fresh, blank workbook template generated from ``schemas/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import EXIT_OK, EXIT_UNUSABLE, add_force
from addin.templates import write_template


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "template",
        help="生成空白工作簿模板（全部输入工作表、下拉列表、填表说明）",
        description="根据 schemas/ 生成空白的双随机工作簿模板：各输入工作表的列名、格式、下拉列表和填表说明。",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="文件.xlsx", help="输出文件（.xlsx）")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(f"错误：输出文件须以 .xlsx 结尾：{out}", file=sys.stderr)
        return EXIT_UNUSABLE
    refuse_existing({"--out": out}, force=args.force)
    written = write_template(out)
    print(f"已生成模板：{written}")
    return EXIT_OK

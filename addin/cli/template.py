"""``ssj template --out FILE.xlsx``: write a fresh, blank workbook template generated from ``schemas/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from addin.cli import EXIT_OK, EXIT_UNUSABLE
from addin.templates import write_template


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "template",
        help="生成空白工作簿模板（全部输入工作表、下拉列表、填表说明）",
        description="根据 schemas/ 生成空白的双随机工作簿模板：各输入工作表的列名、格式、下拉列表和填表说明。",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="文件.xlsx", help="输出文件（.xlsx）")
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(f"错误：输出文件须以 .xlsx 结尾：{out}", file=sys.stderr)
        return EXIT_UNUSABLE
    if out.exists() and not args.force:
        print(f"错误：文件已存在：{out}。请换一个文件名，或加 --force 覆盖。", file=sys.stderr)
        return EXIT_UNUSABLE
    written = write_template(out)
    print(f"已生成模板：{written}")
    return EXIT_OK

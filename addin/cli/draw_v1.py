"""``ssj draw-v1 DIR`` — run draw-v1 on the canonical files in DIR; the result JSON (plus LF) to stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from addin.core.draw import result_bytes
from addin.services.draw.evidence import draw_folder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "draw-v1",
        help="按 draw-v1 规范计算抽取结果（输出规范 JSON）",
        description="读取文件夹中的冻结输入（pool.tsv、roster.tsv、conflicts.tsv、team_conflicts.tsv、plan.json）"
        "和随机源取值 randomness.json，按 draw-v1 规范计算，把结果 JSON 写到标准输出。",
    )
    parser.add_argument("dir", type=Path, metavar="文件夹", help="含冻结输入和 randomness.json 的文件夹")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = result_bytes(draw_folder(args.dir))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0

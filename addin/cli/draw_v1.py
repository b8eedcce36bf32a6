"""``ssj draw-v1 DIR`` / ``ssj draw-v2 DIR`` — run the draw on the canonical files in DIR; the result JSON (plus
LF) to stdout. Each command computes exactly its version of the rules and refuses a folder frozen under the
other (``plan.json`` names its version)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from addin.core.draw import result_bytes
from addin.services.draw.evidence import draw_folder

DOCS = {"draw-v1": "docs/draw-v1.md", "draw-v2": "docs/draw-v2.md（可含多类别对象）"}


def register_spec(subparsers: Any, spec: str) -> None:
    parser = subparsers.add_parser(
        spec,
        help=f"按 {spec} 规范计算抽取结果（输出规范 JSON）",
        description="读取文件夹中的冻结输入（pool.tsv、roster.tsv、conflicts.tsv、team_conflicts.tsv、plan.json）"
        f"和随机源取值 randomness.json，按 {spec} 规范（{DOCS[spec]}）计算，把结果 JSON 写到标准输出。",
    )
    parser.add_argument("dir", type=Path, metavar="文件夹", help="含冻结输入和 randomness.json 的文件夹")
    parser.set_defaults(func=lambda args: run(args, spec))


def register(subparsers: Any) -> None:
    register_spec(subparsers, "draw-v1")


def run(args: argparse.Namespace, spec: str) -> int:
    data = result_bytes(draw_folder(args.dir, spec))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0

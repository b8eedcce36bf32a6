"""``ssj publish-draw BOOK --out FILE.xlsx [--csv FILE] [--team names|ids|none] [--evidence DIR]`` — 抽取公示.

The public record of a batch: before the draw the plan, input digests and randomness designation; after it
also the randomness values, seed, per-task counts, the selected targets and the teams, and the log head to
publish. No credit class, ID number or phone number. Exit 0; 2 when the evidence does not verify.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import EXIT_OK, add_force
from addin.core.draw_notice import TEAM_MODES
from addin.services.draw.notice import publish_draw

TEAM_WORDS = {"姓名": "names", "执法证号": "ids", "不公开": "none"}


def team_mode(text: str) -> str:
    """--team in Chinese (姓名, 执法证号, 不公开) or as the mode itself (names, ids, none)."""
    return TEAM_WORDS.get(text.strip(), text.strip())


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "publish-draw", help="抽取公示：抽取批次的公开记录（工作簿和 CSV，不含信用分类、身份证号和电话）",
        description="生成抽取批次的公开记录：计划、输入摘要、随机源及取值、随机种子、各任务户数、抽中对象名称和代码、"
        "检查组（按 --team 显示姓名、执法证号或不显示）、日志最新哈希和核验方法。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm）")
    parser.add_argument("--out", type=Path, required=True, metavar="文件.xlsx", help="公示工作簿（新文件）")
    parser.add_argument("--csv", type=Path, metavar="文件.csv", help="抽中名单 CSV（默认与 --out 同名 .csv）")
    parser.add_argument("--evidence", type=Path, metavar="文件夹", help="抽取材料文件夹（默认：抽取记录中最近的批次）")
    parser.add_argument("--team", type=team_mode, choices=TEAM_MODES, default="names", metavar="姓名|执法证号|不公开",
                        help="检查组的公开方式：姓名（默认）、执法证号或不公开（也可写 names、ids、none）")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    csv = args.csv or args.out.with_suffix(".csv")
    refuse_existing({"--out": args.out, "--csv": csv}, force=args.force, inputs=(args.book,))
    done = publish_draw(args.book, args.evidence, args.out, today=dt.date.today(), csv=args.csv, team=args.team)
    state = "抽取后公示" if done.drawn else "抽取前公示（尚无抽取结果）"
    print(f"抽取公示：批次 {done.plan_id}，{state}；抽中名单 {len(done.record.selected)} 行")
    for key, value in done.record.facts:
        if key in ("冻结哈希", "日志最新哈希（请核对）", "随机源说明", "状态"):
            print(f"  {key}：{value}")
    print(f"公示工作簿 → {done.out}")
    print(f"公示 CSV → {done.csv}")
    if done.audit is not None:
        print(f"分类抽取情况（内部资料，不得公开；供纪检监察、公证和审计） → {done.audit}")
    return EXIT_OK

"""``ssj plan-doc BOOK [--batch 批次] --out 方案.docx [--public] [--evidence DIR] [--date DATE]`` — 抽查工作方案.

The work plan of one batch as a Word document: 抽查依据, 抽查任务 (大项/小项, scope, rates, counts), 抽取方式
(rules, randomness named before the draw, freeze hash), 检查时间, 检查方式 (委托检测), 检查组, 工作要求, 结果公示,
联系人. ``--public``: the version to publish (no phone number, no per-class count, no target list; team names
only when 设置 › 公开检查人员姓名 is 是). Exit 0; 2 when the batch is unknown, voided or its evidence does not verify.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import EXIT_OK, add_force, iso_date
from addin.services.plan_doc import plan_doc


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan-doc", help="抽查工作方案：抽取批次的工作方案（Word 文档，内部版或 --public 公开版）",
        description="为一个抽取批次生成抽查工作方案（Word 文档）：抽查依据、抽查任务（大项/小项、范围、比例、户数）、"
        "抽取方式（公开规则、冻结前指定的随机源、冻结哈希）、检查时间、检查方式（含委托检测）、检查组、工作要求、"
        "结果公示和联系人。--public 生成对外公开的版本：不含电话、身份证号、各信用风险类别的户数和检查对象名单。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm）")
    parser.add_argument("--batch", metavar="批次", help="抽取批次：全称、“第n批”或 n（默认：抽取记录中最近的批次）")
    parser.add_argument("--out", type=Path, required=True, metavar="方案.docx", help="工作方案 Word 文档（新文件）")
    parser.add_argument("--public", action="store_true", help="生成对外公开的版本")
    parser.add_argument("--evidence", type=Path, metavar="文件夹", help="抽取材料文件夹（默认：工作簿旁的 抽取证据/<批次>）")
    parser.add_argument("--date", type=iso_date, metavar="日期", help="成文日期 YYYY-MM-DD（默认今天）")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    day = args.date or dt.date.today()
    refuse_existing({"--out": args.out}, force=args.force, inputs=(args.book,))
    done = plan_doc(args.book, args.out, batch=args.batch, today=day, public=args.public, evidence=args.evidence)
    version = "公开版" if args.public else "内部版（含联系电话、分类户数和检查组名单，不对外公开）"
    print(f"抽查工作方案：批次 {done.plan_id}，{version}")
    print(f"  {done.document.unit} {done.document.title}")
    print(f"Word 文档 → {done.path}")
    return EXIT_OK

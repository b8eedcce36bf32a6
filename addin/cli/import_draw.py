"""``ssj import-draw BOOK LIST --out FILE [--force] [--task 平台任务=任务编号…] [--batch 批次] [--date DATE]
[--mapping MAP.xlsx] [--partial] [--time TIME]`` — 外部抽取: record a batch drawn on the provincial platform (or before this tool was
used) from the platform's result list.

Writes a copy of BOOK with a 检查安排 sheet for the batch (one visit per business), a 抽取记录 row of type
外部抽取 (the list's file name and SHA-256, and what cannot be verified here) and, when something was doubtful,
an 外部抽取核对 sheet. The list's columns are found as ``ssj import`` finds them (header among the first rows,
column aliases, a 列名对照 passed with ``--mapping``). Exit 0 recorded (warnings listed), 1 rows that cannot be
used (nothing written unless ``--partial``), 2 unusable input or wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, add_force, iso_date
from addin.cli.draw_common import now_of, record_time
from addin.core.external_draw import NOT_VERIFIABLE

SHOWN = 20  # issues printed; all of them are in 外部抽取核对


def task_alias(text: str) -> tuple[str, str]:
    platform, sep, number = text.partition("=")
    if not sep or not platform.strip() or not number.strip():
        raise argparse.ArgumentTypeError(f"应写成 “平台上的任务=任务编号”，如 “游泳场所专项抽查=2024-01”：{text}")
    return platform.strip(), number.strip()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import-draw", help="导入外部抽取：把省级平台（或以前）抽取的结果清单记入抽取记录和检查安排",
        description="读取省级“双随机、一公开”监管平台导出的抽取结果清单（任务、检查对象、检查人员），在工作簿副本中"
        "新增该批次的检查安排（每户一次上门）和抽取记录（类型 外部抽取，记录清单文件的 SHA-256 和本工具无法核验的内容），"
        "之后检查结果、问题台账、时限提醒、公示、统计和月报表都像其他批次一样处理。清单的表头可以不在第一行，列名按别名识别。")
    parser.add_argument("book", type=Path, metavar="工作簿", help="工作簿（.xlsx/.xlsm），只读取")
    parser.add_argument("listing", type=Path, metavar="抽取结果清单",
                        help="平台导出的抽取结果清单（.xlsx/.xls/.et/.ods 等），须有统一社会信用代码和任务编号或抽查任务名称")
    parser.add_argument("--out", type=Path, required=True, metavar="文件", help="输出的新工作簿（.xlsx/.xlsm）")
    add_force(parser)
    parser.add_argument("--task", type=task_alias, action="append", default=[], metavar="平台任务=任务编号",
                        help="平台上的任务名称或编号与年度抽查计划的任务编号对应（可多次）；默认按任务编号、再按抽查任务名称对应")
    parser.add_argument("--batch", metavar="批次", help="批次名称（默认 <单位>-<年度>年第n批（外部抽取））")
    parser.add_argument("--date", type=iso_date, metavar="日期",
                        help="抽取日期 YYYY-MM-DD（默认取清单的抽取日期列，没有时为今天）")
    parser.add_argument("--mapping", type=Path, metavar="列名对照.xlsx",
                        help="列名对照工作簿（工作表“列名对照”：工作表、原列名、标准列名，识别为“外部抽取清单”）：清单的列名"
                        "与常见写法都不同时，指明哪一列是统一社会信用代码、任务编号等，同一平台以后导出的清单照此读取")
    parser.add_argument("--partial", action="store_true",
                        help="清单中有无法导入的行时，仍导入其余的行（无法导入的行列在“外部抽取核对”中）")
    parser.add_argument("--time", type=record_time, metavar="时间", help="记入抽取记录“时间”列的时间（默认现在）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from addin.services.column_mapping import read_mapping
    from addin.services.import_draw import LIST_KIND, import_draw, list_vocabulary, message

    out: Path = args.out
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        print(f"错误：--out 须是 .xlsx 或 .xlsm 文件：{out.name}。", file=sys.stderr)
        return EXIT_UNUSABLE
    refuse_existing({"--out": out}, force=args.force, inputs=(args.book, args.listing))
    mapping = read_mapping(args.mapping, {LIST_KIND: list_vocabulary()}) if args.mapping else None
    done, read = import_draw(args.book, args.listing, out, now=now_of(args), drawn_on=args.date, batch=args.batch,
                             task_aliases=dict(args.task), mapping=mapping, partial=args.partial)
    batch = done.batch
    layout = read.layout
    print(f"外部抽取清单：{args.listing.name} 工作表“{layout.sheet}”（表头第 {layout.header_row} 行，{layout.reason}），"
          f"{batch.rows} 行。")
    for found in batch.issues[:SHOWN]:
        where = f"第 {found.row} 行" + (f" {found.column} 列" if found.column else "")
        print(f"  {'错误' if found.is_error else '警告'} {where}：{message(found)}")
    if len(batch.issues) > SHOWN:
        print(f"  ……共 {len(batch.issues)} 条，全部列在“外部抽取核对”工作表中。")
    if done.errors and not args.partial:
        print(f"{done.errors} 行无法导入，未写入任何文件。请改正清单后重新运行；平台上的任务名称与计划不同时用 "
              "--task “平台上的任务=任务编号”对应；或加 --partial 只导入可以导入的行。", file=sys.stderr)
        return EXIT_INVALID
    print(f"已记录批次“{batch.batch}”（外部抽取，{batch.drawn_on}）：任务 {'、'.join(batch.task_numbers)}，"
          f"{len(batch.visits)} 户（每户一次上门）" + (f"，{done.errors} 行未导入" if done.errors else "") + "。")
    print(f"本工具无法核验{'、'.join(NOT_VERIFIABLE)}；抽取记录只保存清单文件的 SHA-256（{batch.digest[:16]}…），"
          "以证明导入的就是这份清单。")
    print(f"已写入：{out}（新增工作表：{'、'.join(done.sheets)}）")
    print("下一步：按检查安排上门检查，在“检查结果”中录入结果；ssj deadlines、ssj publish、ssj report 像其他批次一样处理。")
    return EXIT_OK

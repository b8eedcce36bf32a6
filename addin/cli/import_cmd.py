"""``ssj import FILE|FOLDER… --out BOOK.xlsx [--mapping MAP.xlsx] [--into BOOK.xlsx]`` — 导入名录.

Brings the lists of several files (one per 股室, a platform's export, last year's registry — any layout and
format the validation reads) into one new workbook in the standard layout, with 导入说明 and 列名对照
(:mod:`addin.services.importing`). Exit 0; 1 when the import needs attention (duplicates, required columns
without a source, files not read — the workbook is written all the same); 2 for unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from addin.cli import EXIT_INVALID, EXIT_OK, add_force
from addin.services.importing import Imported, import_files

SHOWN = 10


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="导入名录：把自制或平台导出的名录合并成标准工作簿",
        description="读取所给文件（或文件夹中的全部文件）中的名录——标题行、两行表头、序号、平台列名、.xls/.et/.ods/"
        "XML 2003 都可以——按标准列名合并到一个新的标准工作簿：每行注明来源文件和来源行，跨文件的重复列出两处来源，"
        "另附“导入说明”和“列名对照”。改正列名对照后用 --mapping 指定，下次导出的文件即按此导入。")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="文件或文件夹", help="要导入的工作簿或文件夹")
    parser.add_argument("--out", type=Path, required=True, metavar="文件.xlsx", help="导入结果（新的 .xlsx 文件）")
    parser.add_argument("--mapping", type=Path, metavar="列名对照.xlsx",
                        help="含“列名对照”工作表的工作簿（上次导入的结果，改正“标准列名”后使用）")
    parser.add_argument("--into", type=Path, metavar="工作簿.xlsx",
                        help="导入到这个已有工作簿的副本中（保留其他工作表，原有行在前；原文件不会被修改）")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    done = import_files(args.inputs, args.out, mapping=args.mapping, into=args.into, today=dt.date.today(),
                        force=args.force)
    report(done)
    return EXIT_INVALID if done.needs_attention else EXIT_OK


def report(done: Imported) -> None:
    print(done.summary)
    for seen in done.files:
        if seen.reason:
            print(f"  未读取：{seen.file}：{seen.reason}")
    for file, sheet, name in done.missing[:SHOWN]:
        print(f"  缺少必填列：{file}“{sheet}”没有“{name}”，导入后为空，请补填")
    if len(done.missing) > SHOWN:
        print(f"  ……缺少必填列共 {len(done.missing)} 处")
    for dup in done.duplicates[:SHOWN]:
        print(f"  重复：{dup.later.shown()} 与 {dup.first.shown()}（{dup.field} {dup.value}）")
    if len(done.duplicates) > SHOWN:
        print(f"  ……重复共 {len(done.duplicates)} 处")
    if done.several:
        print(f"  {len(done.several)} 个对象列在多个检查对象类别下，各按一个对象计（见“导入说明”）")
    print(f"工作簿 → {done.out}（“导入说明”逐项列出；“列名对照”改正后可用 --mapping 再次导入）")

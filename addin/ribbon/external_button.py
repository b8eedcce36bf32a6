"""导入外部抽取 (抽取 group): record the draws made on the provincial platform — the same use case as
``ssj import-draw`` — on the live workbook.

A button has no dialog: the platform's result lists are the workbook files in the folder ``外部抽取`` beside
the workbook. Each list not recorded yet (by its SHA-256) becomes one batch: a new 检查安排 sheet, an
外部抽取核对 sheet for what was doubtful, a 抽取记录 row of type 外部抽取. A list with a row that cannot be used
(its task is not in the plan) is not recorded at all; the message names the row and what to do.
"""

from __future__ import annotations

from pathlib import Path

from addin.adapters.listing import is_owner_file
from addin.core.errors import AddinError
from addin.core.external_draw import NOT_VERIFIABLE
from addin.ribbon.context import EXIT_ISSUES, EXIT_OK, Context, Outcome, fit
from addin.ribbon.draw_buttons import SAVE
from addin.services.import_draw import (
    LIST_FOLDER,
    LIST_SUFFIXES,
    file_digest,
    imported_digests,
    message,
    read_list,
    record_batch,
)

BUTTON = "导入外部抽取"


def list_files(folder: Path) -> list[Path]:
    """The workbook files of ``folder``, by name (Excel's owner files ``~$…`` left out)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not is_owner_file(p) and p.suffix.lower() in LIST_SUFFIXES)


def import_draw(ctx: Context) -> Outcome:
    """导入外部抽取: each list of the 外部抽取 folder not recorded yet becomes a batch of the live workbook."""
    book, path = ctx.workbook(), ctx.saved_file(BUTTON)
    folder = path.parent / LIST_FOLDER
    files = list_files(folder)
    if not files:
        raise AddinError("ribbon.no-list", f"请把省级平台导出的抽取结果清单（Excel 文件）放在工作簿所在文件夹的“{LIST_FOLDER}”"
                         f"文件夹中（{folder}），再点击“{BUTTON}”。", {"path": str(folder)})
    known = imported_digests(book)
    lines: list[str] = []
    recorded = refused = 0
    for file in files:
        digest = file_digest(file)
        if digest in known:
            lines.append(f"· {file.name}：已作为批次“{known[digest]}”导入过，跳过。")
            continue
        read = read_list(file)
        done = record_batch(book, read.rows, source=file.name, digest=digest, now=ctx.moment, where=read.where,
                            partial=False)
        errors = [i for i in done.batch.issues if i.is_error]
        if errors:
            refused += 1
            lines += [f"· {file.name}：未导入，{len(errors)} 行无法对应：",
                      *(f"    第 {i.row} 行 {i.column or ''} 列：{message(i)}" for i in errors[:3]),
                      "    请在清单中写明年度抽查计划的任务编号（或与计划相同的抽查任务名称）后再点击；"
                      "也可用命令 ssj import-draw --task 对应任务、--partial 只导入可用的行。"]
            continue
        recorded += 1
        known[digest] = done.batch.batch
        batch = done.batch
        warned = f"，{len(batch.issues)} 个警告见“{done.sheets[1]}”" if batch.issues else ""
        lines.append(f"· {file.name}：批次“{batch.batch}”，任务 {'、'.join(batch.task_numbers)}，{len(batch.visits)} 户"
                     f"（新工作表“{done.sheets[0]}”{warned}）。")
    head = f"外部抽取：导入 {recorded} 份清单" + (f"，{refused} 份未导入" if refused else "") + "。"
    tail = [f"本工具无法核验{'、'.join(NOT_VERIFIABLE)}；抽取记录保存了每份清单的 SHA-256。", SAVE] if recorded else []
    return Outcome(fit([head, *lines, *tail]), EXIT_ISSUES if refused else EXIT_OK)

"""The 名录库 group's 导入名录: the open workbook — a home-made registry, a platform's export, a 股室's list —
imported into a new standard workbook beside it, by the same use case as ``ssj import``.

The button reads the workbook's saved file (save first: changes not saved are not read). A corrected 列名对照
saved beside it as ``列名对照.xlsx`` is applied (the command line's ``--mapping``), so that a platform's next
export is imported in one click. The new workbook (``<name>-导入-YYYYMMDD.xlsx``, numbered when taken) holds
导入说明 and 列名对照; the open workbook is not changed.
"""

from __future__ import annotations

from addin.adapters.files import free_path
from addin.ribbon.context import EXIT_ISSUES, EXIT_OK, Context, Outcome, fit
from addin.services.importing import import_files

MAPPING_FILE = "列名对照.xlsx"


def import_list(ctx: Context) -> Outcome:
    """导入名录: the open workbook's lists in the standard layout, in a new workbook beside it."""
    path = ctx.saved_file("导入名录")
    mapping = path.with_name(MAPPING_FILE)
    target = free_path(path.with_name(f"{path.stem}-导入-{ctx.today:%Y%m%d}.xlsx"))
    used = mapping if mapping.exists() and mapping != path else None
    done = import_files([path], target, mapping=used, today=ctx.today)
    problems = [f"· 重复：{d.later.shown()} 与 {d.first.shown()}" for d in done.duplicates[:3]]
    problems += [f"· 缺少必填列：“{sheet}”没有“{name}”，导入后为空" for _file, sheet, name in done.missing[:4]]
    return Outcome(fit([
        done.summary,
        f"标准工作簿：{done.out}（读取的是已保存的文件，原工作簿未改动）",
        *problems,
        "每个工作表按什么识别、每列对应哪个标准列名，见新工作簿的“导入说明”和“列名对照”。",
        (f"已按同一文件夹中的“{MAPPING_FILE}”对应列名。" if used is not None else
         f"列名对应不对时，改正“列名对照”中的“标准列名”，把该工作簿另存为同一文件夹中的“{MAPPING_FILE}”，再点“导入名录”。"),
    ]), EXIT_ISSUES if done.needs_attention else EXIT_OK)

"""The 工作方案 button: the 抽查工作方案 of the workbook's latest batch, as two Word documents beside the workbook.

The same use case as ``ssj plan-doc`` (:mod:`addin.services.plan_doc`), as of today: the internal version
(``<name>-工作方案-第n批.docx``: phone numbers, per-class counts, the teams and their targets) and the version to
publish (``<name>-工作方案-第n批-公开版.docx``), numbered when a name is taken. The workbook is only read.
"""

from __future__ import annotations

from addin.adapters.files import free_path
from addin.adapters.plan_docx import write_plan_doc
from addin.core.plan_doc import batch_number, build_plan_doc
from addin.ribbon.context import Context, Outcome, fit
from addin.services.draw.book import evidence_root
from addin.services.plan_doc import batch_facts


def plan_doc(ctx: Context) -> Outcome:
    """工作方案: both versions of the latest batch's 抽查工作方案, saved beside the workbook."""
    book, path = ctx.workbook(), ctx.saved_file("工作方案")
    facts, settings = batch_facts(book, evidence_root(path), batch=None, evidence=None, today=ctx.today)
    stem = f"{path.stem}-工作方案-{batch_number(facts.plan_id)}"
    written = []
    for public, suffix in ((False, ""), (True, "-公开版")):
        document = build_plan_doc(facts, settings, ctx.today, public=public)
        written.append(write_plan_doc(document, free_path(path.with_name(f"{stem}{suffix}.docx")), inputs=(path,)))
    state = "抽取后" if facts.drawn else "冻结后、抽取前"
    return Outcome(fit([
        f"抽查工作方案（批次 {facts.plan_id}，{state}）已生成：",
        f"内部版（含联系电话、各风险类别户数和检查组名单，不对外公开）：{written[0]}",
        f"公开版（可在政府或部门网站公开）：{written[1]}",
        "检查组成员姓名是否写入公开版，由“设置”工作表的“公开检查人员姓名”决定。",
    ]))

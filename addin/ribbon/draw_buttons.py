"""The 抽取 group: 冻结名录 (freeze), 随机抽取 (draw), 校验抽取 (verify) on the live workbook.

The same use cases as ``ssj freeze`` / ``ssj draw`` / ``ssj verify``, with the command line's flags taken from
the workbook: the draw date is today; the randomness designation is the 设置 item 随机源 and its values the item
随机源取值 (in the designated order); the evidence folder is ``<workbook folder>/抽取证据/<抽取批次>``; 随机抽取
draws, and 校验抽取 checks, the newest batch of the workbook's 抽取记录. Results go into the live workbook as new
sheets and rows appended to 抽取记录 — Excel holds them until the user saves the workbook, which the message
asks for (a draw run again on a workbook closed without saving mirrors the missing log rows as 补记). The
printable 一企一表 is a separate workbook beside the file (``<name>-一企一表.xlsx``, numbered when taken).
"""

from __future__ import annotations

from pathlib import Path

from addin.adapters.files import free_path
from addin.core.errors import AddinError
from addin.core.validation.normalise import split_multi
from addin.reporters.messages import render
from addin.ribbon.context import EXIT_ISSUES, Context, Outcome, fit, listed, required_setting
from addin.services.draw.book import evidence_folder, evidence_root
from addin.services.draw.draw import draw_book, forms_path, randomness_in_order
from addin.services.draw.evidence import verify_folder
from addin.services.draw.freeze import InvalidBook, freeze_book, parse_source

SAVE = "请保存工作簿（Ctrl+S）：新工作表和抽取记录在保存后才写入文件。"
SOURCES_WHY = ("冻结之后才产生的公开随机源，按顺序用“、”分隔，如 lottery-ssq:2024052（下一期双色球）；"
               "manual:会商 和 test:1（仅演示）不能防止操纵。")
VALUES_WHY = "冻结时指定的随机源产生的取值，按同样的顺序用“、”分隔，如 03.07.12.19.25.31/09（双色球红球/蓝球）。"


def freeze(ctx: Context) -> Outcome:
    """冻结名录: freeze today's batch of the plan; the freeze hash and designation to publish before the draw."""
    book, path = ctx.workbook(), ctx.saved_file("冻结名录")
    text = required_setting(ctx.settings().randomness_sources, "随机源", SOURCES_WHY)
    sources = [parse_source(s) for s in split_multi(text)]
    try:
        done = freeze_book(book, evidence_root(path), day=ctx.today, sources=sources, now=ctx.moment)
    except InvalidBook as err:
        shown = [f"· {i.sheet or ''} {i.column or ''}{i.row or ''}：{render(i)}" for i in err.issues[:5]]
        return Outcome(fit([f"未冻结：工作簿有 {len(err.issues)} 个错误，冻结前请先修正（点击“校验名录库”查看全部并标色）。",
                            *shown]), EXIT_ISSUES)
    b = done.build
    targets = sum(1 for e in b.exclusions if e.registry == "检查对象")
    included = [c.task.number for c in done.choices if c.included]
    left_out = [c.task.number for c in done.choices if not c.included]
    lines = [
        f"冻结完成：抽取批次 {done.plan_id}（抽取日期 {ctx.today.isoformat()}）",
        "（沿用此前中断的同一次冻结：抽取材料完全相同，未新建批次。）" if done.resumed else "",
        f"纳入任务 {listed(included)}" + (f"；不纳入 {listed(left_out)}" if left_out else ""),
        f"抽取名录 {b.pool_size} 户（排除 {targets} 户），执法人员 {b.roster_size} 人（排除 {len(b.exclusions) - targets} 人），"
        f"回避关系 {b.conflict_count} 条；排除原因见新工作表“{done.exclusions_sheet}”。",
        *(f"注意：批次 {p.plan_id} 也含本批的任务，已冻结但尚未抽取；不再使用时请作废（ssj void）。" for p in done.pending),
        "", "抽取前请公示：",
        f"冻结哈希：{done.freeze_hash}",
        f"指定随机源（按顺序）：{'、'.join(f'{t}:{i}' for t, i in done.sources)}",
        "说明：manual/test 随机源不能防止操纵。" if any(t in ("manual", "test") for t, _ in done.sources) else "",
        "", f"抽取材料：{done.evidence}",
        f"冻结记录已追加到工作表“{done.log_sheet}”。{SAVE}",
    ]
    return Outcome(fit(lines))


def draw(ctx: Context) -> Outcome:
    """随机抽取: draw the batch frozen and not yet drawn with the values of its randomness."""
    book, path = ctx.workbook(), ctx.saved_file("随机抽取")
    text = required_setting(ctx.settings().randomness_values, "随机源取值", VALUES_WHY)
    root = evidence_root(path)
    folder = _newest(ctx, path, "pending", "已冻结、尚未抽取的批次：请先点击“冻结名录”并保存工作簿。")
    randomness = randomness_in_order(folder, split_multi(text))
    done = draw_book(book, root, randomness=randomness, now=ctx.moment, forms=free_path(forms_path(path)),
                     keep=(path,), evidence=folder)
    result_sheet, arrangement_sheet, log_sheet = done.sheets
    lines = [
        f"抽取完成：抽取批次 {done.plan_id}",
        "（此前的抽取在写入工作簿之前中断：结果已在抽取材料中，本次没有重新抽取，只补写了工作表和一企一表。）"
        if done.resumed else "",
        f"检查对象 {done.targets} 户，检查组 {done.visits} 个；未满员岗位 {done.unfilled} 个"
        + ("（请用命令 ssj substitute 补足）" if done.unfilled else ""),
        f"新工作表：“{result_sheet}”“{arrangement_sheet}”；抽取记录已追加到“{log_sheet}”。",
        f"随机种子：{done.result['seed']}",
        f"日志最新哈希（请公示）：{done.head}",
        "说明：本次使用 manual/test 随机源，不能防止操纵（test 仅用于演示和测试）。" if done.weak_randomness else "",
        f"一企一表（每户一页，可打印）：{done.forms}",
        f"抽取材料：{done.evidence}",
        SAVE,
    ]
    return Outcome(fit(lines))


def verify(ctx: Context) -> Outcome:
    """校验抽取: recompute the newest batch of 抽取记录 from its evidence folder and check the log chain."""
    folder = _newest(ctx, ctx.saved_file("校验抽取"), "any", "抽取批次：请先冻结并抽取。")
    found = verify_folder(folder)
    if found.difference is not None:
        return Outcome(fit([f"校验未通过：抽取批次 {folder.name}", found.difference, f"抽取材料：{folder}"]),
                       EXIT_ISSUES)
    lines = [
        f"校验通过：抽取批次 {folder.name} 的冻结材料、随机源取值、抽取结果与日志全部一致。",
        f"日志记录 {found.entries} 条；最新记录哈希（应与公示的一致）：{found.head}",
        f"结果摘要：{found.result_digest}" if found.result_digest else "该批次尚未抽取（只有冻结记录）。",
        "注意：该批次已作废，其结果不再有效。" if found.voided else "",
        f"抽取材料：{folder}",
    ]
    return Outcome(fit(lines))


def _newest(ctx: Context, path: Path, want: str, missing: str) -> Path:
    """The evidence folder of the workbook's newest batch that is ``want`` (see ``evidence_folder``)."""
    try:
        return evidence_folder(evidence_root(path), ctx.workbook(), None, want)
    except AddinError as err:
        if err.code != "draw.no-batch":
            raise
        raise AddinError(err.code, "工作簿的“抽取记录”中没有" + missing, err.params) from err

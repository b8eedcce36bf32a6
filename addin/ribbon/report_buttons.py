"""The 公示与报表 group: 时限检查 (deadlines), 生成公示 (publish), 填写月报 (monthly report) on the live workbook.

The same use cases as ``ssj deadlines --out`` / ``ssj publish --out FILE.xlsx`` / ``ssj report``, as of today.
Their results are new sheets of the live workbook, except the printable 月报表: a form with merged cells and a
fitted A4 page is saved as a workbook beside the file (``<name>-月报表-2024年06月.xlsx``, numbered when taken),
and the live workbook gets a short 月报表 sheet with what was filled and where the form is. The month is the
设置 item 月报月份 (YYYY-MM) or, when it is blank, the current month. The system-wide row 5 (下级单位) and the
CSV list are for the command line (``ssj report --units``, ``ssj publish --out FILE.csv``).
"""

from __future__ import annotations

from addin.adapters.files import free_path
from addin.adapters.monthly_form import fill
from addin.core.deadlines import LEVEL_LABELS, Level
from addin.core.errors import AddinError
from addin.ribbon.context import EXIT_ISSUES, EXIT_OK, Context, Outcome, fit
from addin.services.deadlines import deadline_sheets, run
from addin.services.post_book import load
from addin.services.publish import publish_sheets
from addin.services.report import monthly_report, parse_month, report_sheet
from addin.services.report_book import write_workbook


def _quoted(names: list[str] | tuple[str, ...]) -> str:
    return "".join(f"“{n}”" for n in names)


def deadlines(ctx: Context) -> Outcome:
    """时限检查: reminders as of today (Chinese working days), with the problem ledger and the statistics."""
    book = ctx.workbook()
    result = run(load(book, ctx.today), ctx.today)
    names = deadline_sheets(book, result)
    summary = result.summary()
    urgent = [r for r in result.reminders if r.level is Level.OVERDUE][:5]
    lines = [
        f"时限检查（截至 {ctx.today.isoformat()}，按中国工作日）：逾期 {summary[Level.OVERDUE]} 条，"
        f"预警 {summary[Level.WARNING]} 条，提示 {summary[Level.INFO]} 条；问题台账 {len(result.checked.ledger)} 条。",
        *(f"· [{LEVEL_LABELS[r.level]}] {r.dept}：{r.message}" for r in urgent),
        f"检查结果中有 {result.checked.errors} 个错误与抽取不一致（见“结果核对”），这些结果不计入统计和公示。"
        if result.checked.errors else "",
        f"新工作表：{_quoted(names)}。",
    ]
    failed = bool(result.checked.errors) or result.overdue > 0
    return Outcome(fit(lines), EXIT_ISSUES if failed else EXIT_OK)


def publish(ctx: Context) -> Outcome:
    """生成公示: the 公示 list of results (public fields only) and the plan's annexes, with the 公示记录.

    The live workbook (internal) gets the four sheets; the public ones are also saved as a file beside it
    (``<name>-公示-YYYYMMDD.xlsx``), which holds nothing else and is the one to hand on for publication.
    """
    book, path = ctx.workbook(), ctx.saved_file("生成公示")
    done = publish_sheets(book, ctx.today)
    public = write_workbook(list(done.public), free_path(path.with_name(f"{path.stem}-公示-{ctx.today:%Y%m%d}.xlsx")),
                            inputs=(path,))
    lines = [
        f"公示清单：{done.results} 条检查结果（仅公开字段：不含信用风险分类、身份证号和电话）。",
        f"对外公示的文件（只含公示清单和附件1、附件2）：{public}",
        f"年度抽查计划：附件1（部门联合）{done.joint_tasks} 项，附件2（内部）{done.internal_tasks} 项；"
        f"计划指纹 {done.plan_fingerprint[:16]}… 已记入“公示记录”，计划此后有调整时“时限检查”会提示重新公示。",
        f"新工作表：{_quoted(done.sheets)}。",
        f"已在“检查结果”中为 {done.recorded} 条结果填写公示日期和公示渠道（原有内容不改）。" if done.recorded else "",
        f"有 {done.rejected} 条检查结果与抽取不一致，未列入公示（点击“时限检查”查看“结果核对”）。"
        if done.rejected else "",
    ]
    return Outcome(fit(lines), EXIT_ISSUES if done.rejected else EXIT_OK)


def report(ctx: Context) -> Outcome:
    """填写月报: the monthly report of 月报月份 (default: this month), as a printable form beside the workbook."""
    book, path = ctx.workbook(), ctx.saved_file("填写月报")
    text = ctx.settings().report_month
    try:
        year, month = parse_month(str(text)[:7]) if text else (ctx.today.year, ctx.today.month)
    except AddinError as err:
        raise AddinError("ribbon.bad-month", f"“设置”工作表的“月报月份”应写成 YYYY-MM（如 2024-06），不填则为当月："
                         f"{text}", {"value": str(text)}) from err
    filled = monthly_report(book, year, month, ctx.today)
    target = free_path(path.with_name(f"{path.stem}-月报表-{year}年{month:02d}月.xlsx"))
    form = fill(filled, target, inputs=(path,))
    name = book.add_sheet(report_sheet(filled, form))
    return Outcome(fit([
        f"月报表（{year}年{month}月）已填写。",
        f"可打印的月报表（一页 A4）：{form}",
        f"填写的内容也列在新工作表“{name}”中。",
        "本系统（第 5 行）汇总下级单位工作簿，请用命令 ssj report --units 文件夹。",
    ]))

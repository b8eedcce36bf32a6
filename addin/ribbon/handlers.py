"""What each ribbon button does: one entry per button id of the 双随机 tab.

A handler receives a :class:`~addin.ribbon.context.Context` — the live workbook (a
:class:`~addin.ports.WorkbookPort`), its file, today — calls the same service as the command line, writes its
results into **new** sheets (the 抽取记录 log grows by appended rows; printable forms are files beside the
workbook), and returns a short Chinese message with an exit code: 0 done, 1 done and the workbook has errors.
The buttons of the 抽取 group are in :mod:`addin.ribbon.draw_buttons`, those of 公示与报表 in
:mod:`addin.ribbon.report_buttons`. Adding a button = one ``<button>`` in ``customUI14.xml`` and one
entry in :data:`HANDLERS`; ``tests/excel/test_excel_ribbon.py`` fails when either side lacks the other.
"""

from __future__ import annotations

import sys
from pathlib import Path

from addin import __version__
from addin.core.issues import count
from addin.excel import ribbon_xml
from addin.reporters.marks import issue_marks
from addin.reporters.sheet import issues_sheet
from addin.ribbon import (
    draw_buttons,
    external_button,
    followup_buttons,
    import_button,
    report_buttons,
    risk_button,
)
from addin.ribbon.context import EXIT_ISSUES, EXIT_OK, Context, Handler, Outcome
from addin.services.validate import validate_book

HELP_FILE = Path(__file__).resolve().parents[1] / "excel" / "help_zh.txt"
__all__ = ["EXIT_ISSUES", "EXIT_OK", "HANDLERS", "Context", "Handler", "Outcome"]


def validate(ctx: Context) -> Outcome:
    """校验名录库: validate every input sheet; write 校验结果; colour and annotate the cells with issues."""
    book = ctx.workbook()
    report = validate_book(book, today=ctx.today)
    name = book.add_sheet(issues_sheet(report))
    marks = issue_marks(report.issues)
    book.mark_cells(marks)
    errors, warnings = count(report.issues)
    checked = "、".join(report.sheets_found)
    if errors == 0 and warnings == 0:
        return Outcome(f"校验通过：{checked} 没有发现问题。\n结果见工作表“{name}”。")
    verdict = "校验未通过" if errors else "校验通过（有警告）"
    return Outcome(
        f"{verdict}：错误 {errors} 个，警告 {warnings} 个（已检查：{checked}）。\n"
        f"逐条说明见新工作表“{name}”；有问题的 {len(marks)} 个单元格已标色，鼠标移到单元格上可看批注。",
        EXIT_ISSUES if errors else EXIT_OK,
    )


def show_help(ctx: Context) -> Outcome:
    """帮助: the version, what each button does, where the help text and the logs are; opens the help text."""
    lines = [f"双随机 加载项 ssj-addin {__version__}", "", "按钮："]
    for button in ribbon_xml.buttons():
        lines.append(f"· {button.group} › {button.label}：{_first_sentence(button.supertip)}")
    lines += ["", f"帮助说明：{HELP_FILE}"]
    if ctx.log_path is not None:
        lines.append(f"日志文件夹：{ctx.log_path.parent}")
    lines.append(f"Python：{sys.executable}")
    if ctx.open_file is not None and HELP_FILE.exists():
        ctx.open_file(HELP_FILE)
        lines.append("（已用记事本打开帮助说明。）")
    return Outcome("\n".join(lines))


def _first_sentence(text: str) -> str:
    """What the button does, in its description's first clause (before the first 。 or ：): the message box
    lists every button in at most 1,000 characters; the help text has the rest."""
    ends = [i for i in (text.find("。"), text.find("：")) if i >= 0]
    return text if not ends else text[: min(ends)] + "。"


HANDLERS: dict[str, Handler] = {
    "validate": Handler(validate),
    "import": Handler(import_button.import_list),
    "freeze": Handler(draw_buttons.freeze),
    "draw": Handler(draw_buttons.draw),
    "verify": Handler(draw_buttons.verify),
    "importdraw": Handler(external_button.import_draw),
    "plandoc": Handler(followup_buttons.plan_doc),
    "deadlines": Handler(report_buttons.deadlines),
    "publish": Handler(report_buttons.publish),
    "report": Handler(report_buttons.report),
    "risk": Handler(risk_button.risk),
    "help": Handler(show_help, needs_book=False),
}

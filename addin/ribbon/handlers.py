"""What each ribbon button does: one entry per button id of the 双随机 tab.

A handler receives the live workbook (a :class:`~addin.ports.WorkbookPort`) and today's date, calls a
service, writes its results into **new** sheets, and returns a short Chinese message with an exit code:
0 done, 1 done and the workbook has errors. Adding a button = one ``<button>`` in ``customUI14.xml`` and one
entry in :data:`HANDLERS`; ``tests/excel/test_excel_ribbon.py`` fails when either side lacks the other.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from addin import __version__
from addin.core.issues import count
from addin.excel import ribbon_xml
from addin.ports import WorkbookPort
from addin.reporters.marks import issue_marks
from addin.reporters.sheet import issues_sheet
from addin.services.validate import validate_book

EXIT_OK, EXIT_ISSUES = 0, 1
HELP_FILE = Path(__file__).resolve().parents[1] / "excel" / "help_zh.txt"


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler gets: the workbook (``None`` for handlers that need none), today, the log file of
    this run, and a way to open a file for the user (``os.startfile`` on Windows; ``None`` elsewhere)."""

    book: WorkbookPort | None
    today: dt.date
    log_path: Path | None = None
    open_file: Callable[[Path], None] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    message: str
    exit_code: int = EXIT_OK


@dataclass(frozen=True, slots=True)
class Handler:
    run: Callable[[Context], Outcome]
    needs_book: bool = True


def validate(ctx: Context) -> Outcome:
    """校验名录库: validate every input sheet; write 校验结果; colour and annotate the cells with issues."""
    assert ctx.book is not None
    report = validate_book(ctx.book, today=ctx.today)
    name = ctx.book.add_sheet(issues_sheet(report))
    marks = issue_marks(report.issues)
    ctx.book.mark_cells(marks)
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
    end = text.find("。")
    return text if end < 0 else text[: end + 1]


HANDLERS: dict[str, Handler] = {
    "validate": Handler(validate),
    "help": Handler(show_help, needs_book=False),
}

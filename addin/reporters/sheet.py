"""The 校验结果 sheet: a summary on top, then one row per issue — sorted, filterable, coloured by severity.

For several files (a folder of submissions) the file path is the first column. The sheet is a
:class:`~addin.ports.SheetOut`; any adapter writes it (a new sheet in the live workbook, or a new file).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from addin.core.issues import Issue, Severity
from addin.core.output_sheets import VALIDATION
from addin.ports import FILL_ERROR, FILL_WARNING, SheetOut
from addin.reporters.json_report import summary
from addin.reporters.messages import SEVERITY_LABELS, render, show, title
from addin.services.validate import BookReport, FileReport

SUMMARY = "汇总"
SUMMARY_COLUMNS = ("文件", "状态", "错误", "警告", "识别的工作表", "数据行数", "说明")
STATUS_LABELS = {"ok": "通过", "invalid": "有错误", "unreadable": "无法读取"}
COLUMNS = ("工作表", "行", "列", "字段", "级别", "问题类型", "说明", "值", "代码")
WIDTHS = (14, 6, 4, 12, 5, 16, 50, 16, 26)
FILLS = {Severity.ERROR: FILL_ERROR, Severity.WARNING: FILL_WARNING}


def issues_sheet(report: BookReport | FileReport | Sequence[FileReport]) -> SheetOut:
    """The 校验结果 sheet of one workbook (``BookReport``/``FileReport``) or of several files."""
    several = not isinstance(report, BookReport | FileReport)
    files: list[FileReport | BookReport] = [report] if isinstance(report, BookReport | FileReport) else list(report)
    entries: list[tuple[str, Issue]] = [(getattr(f, "path", ""), i) for f in files for i in f.issues]
    entries.sort(key=lambda e: e[0])  # stable: within a file, the order of the report (sheet order)
    rows = [([path] if several else []) + _cells(issue) for path, issue in entries]
    fills = {index: FILLS[issue.severity] for index, (_, issue) in enumerate(entries)}
    header = (("文件", *COLUMNS) if several else COLUMNS)
    widths = ((40, *WIDTHS) if several else WIDTHS)
    value_column = header.index("值")
    return SheetOut(VALIDATION, header, rows, preamble=_preamble(files, [i for _, i in entries], several),
                    widths=widths, row_fills=fills, text_columns=(value_column,),
                    title_rows=(0,), print_columns=len(header) - 1)


def _cells(issue: Issue) -> list[Any]:
    return [issue.sheet or "", issue.row, issue.column or "", issue.field or "", SEVERITY_LABELS[issue.severity],
            title(issue.code), render(issue), "" if issue.value is None else show(issue.value), issue.code]


def _preamble(files: Sequence[FileReport | BookReport], issues: Sequence[Issue],
              several: bool) -> list[list[Any]]:
    errors = sum(i.severity is Severity.ERROR for i in issues)
    warnings = len(issues) - errors
    lines: list[list[Any]] = [["校验结果"]]
    if several:
        total = summary([f for f in files if isinstance(f, FileReport)])
        lines.append([f"文件 {total['files']} 个：通过 {total['ok']}，有错误 {total['invalid']}，"
                      f"无法读取 {total['unreadable']}"])
    elif isinstance(files[0], FileReport):
        lines.append([f"文件：{files[0].path}"])
    verdict = "通过（没有错误）" if errors == 0 else "未通过"
    lines.append([f"{verdict}：错误 {errors} 个，警告 {warnings} 个"])
    by_code = Counter((i.severity, i.code) for i in issues)
    for (severity, code), n in sorted(by_code.items(), key=lambda kv: (kv[0][0] is not Severity.ERROR, -kv[1],
                                                                       kv[0][1])):
        lines.append([f"{SEVERITY_LABELS[severity]} · {title(code)}（{code}）：{n} 个"])
    lines.append([])
    return lines


def summary_sheet(reports: Sequence[FileReport]) -> SheetOut:
    """The 汇总 sheet of a batch: one row per file — path, status, errors, warnings, the input sheets found,
    the data rows read, and for an unreadable file the reason."""
    rows: list[list[Any]] = []
    fills: dict[int, str] = {}
    for index, report in enumerate(reports):
        reason = render(report.issues[0]) if report.status == "unreadable" and report.issues else ""
        rows.append([report.path, STATUS_LABELS.get(report.status, report.status), report.errors, report.warnings,
                     "、".join(report.sheets_found), report.rows, reason])
        if report.status != "ok":
            fills[index] = FILL_ERROR if report.errors else FILL_WARNING
    total = summary(reports)
    preamble = [["校验汇总"], [f"文件 {total['files']} 个：通过 {total['ok']}，有错误 {total['invalid']}，"
                               f"无法读取 {total['unreadable']}；错误 {total['errors']} 个，警告 {total['warnings']} 个"],
                []]
    return SheetOut(SUMMARY, SUMMARY_COLUMNS, rows, preamble=preamble, widths=(36, 8, 6, 6, 24, 8, 50), title_rows=(0,),
                    row_fills=fills, text_columns=(0,))

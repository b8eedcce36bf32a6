"""The terminal summary of ``ssj validate``: one line per file, then its first issues, then the totals."""

from __future__ import annotations

from collections.abc import Sequence

from addin.core.issues import Issue
from addin.reporters.json_report import summary
from addin.reporters.messages import SEVERITY_LABELS, render
from addin.services.validate import OK, UNREADABLE, FileReport

STATUS_LABELS = {OK: "通过", "invalid": "有错误", UNREADABLE: "无法读取"}


def position(issue: Issue) -> str:
    """``检查对象名录库!B7`` (Excel's own notation), or the sheet, or nothing."""
    if issue.sheet and issue.column and issue.row:
        return f"{issue.sheet}!{issue.column}{issue.row}"
    if issue.sheet and issue.row:
        return f"{issue.sheet} 第 {issue.row} 行"
    return issue.sheet or ""


def issue_line(issue: Issue) -> str:
    where = position(issue)
    return f"  [{SEVERITY_LABELS[issue.severity]}] {where + ' ' if where else ''}{render(issue)} ({issue.code})"


def recognised_lines(report: FileReport) -> list[str]:
    """What each sheet of a workbook not in the template's layout was taken for, and why."""
    lines = []
    for layout in report.layouts:
        if layout.standard:
            continue
        if layout.kind is None:
            lines.append(f"  · 工作表“{layout.sheet}”：{layout.reason}")
            continue
        skipped = f"，略过非数据行 {'、'.join(str(s.row) for s in layout.skipped)}" if layout.skipped else ""
        group = f"（第 {layout.group_row}–{layout.header_row} 行为两行表头）" if layout.group_row else ""
        lines.append(f"  · 工作表“{layout.sheet}”：{layout.reason}；表头在第 {layout.header_row} 行{group}{skipped}")
    return lines


def summary_text(reports: Sequence[FileReport], *, limit: int = 20, left_out: int = 0) -> str:
    """What a person reads in the terminal: per file what its sheets were taken for (when not the template's
    layout), its errors, then its warnings, at most ``limit`` issues (the JSON and workbook reports hold them
    all)."""
    lines: list[str] = []
    for report in reports:
        counts = f"{report.errors} 个错误，{report.warnings} 个警告" if report.status != UNREADABLE else ""
        lines.append(f"{STATUS_LABELS[report.status]}：{report.path}" + (f"（{counts}）" if counts else ""))
        lines.extend(recognised_lines(report))
        shown = sorted(report.issues, key=lambda i: not i.is_error)[:limit]  # stable: errors first, else in order
        lines.extend(issue_line(i) for i in shown)
        if len(report.issues) > limit:
            lines.append(f"  …… 另有 {len(report.issues) - limit} 个问题，完整列表请用 --report 或 --json 输出。")
    total = summary(reports)
    lines.append(
        f"共 {total['files']} 个文件：通过 {total['ok']}，有错误 {total['invalid']}，无法读取 {total['unreadable']}；"
        f"错误 {total['errors']} 个，警告 {total['warnings']} 个。"
        + (f"另有 {left_out} 个 Excel 临时文件（~$ 开头，工作簿打开时生成）未校验。" if left_out else "")
    )
    return "\n".join(lines) + "\n"

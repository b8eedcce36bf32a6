"""Issues as cell marks (for the ribbon): colour each input cell that has an issue and attach the messages.

One mark per cell: several issues on a cell share one note (one message per line); the fill is that of the
worst severity. Issues without a cell (a missing sheet, the plan's coverage) get no mark.
"""

from __future__ import annotations

from collections.abc import Iterable

from addin.core.issues import Issue, Severity, sorted_issues
from addin.ports import FILL_ERROR, FILL_WARNING, CellMark
from addin.reporters.messages import SEVERITY_LABELS, render


def issue_marks(issues: Iterable[Issue]) -> list[CellMark]:
    cells: dict[tuple[str, int, str], list[Issue]] = {}
    for issue in sorted_issues(issues):
        if issue.sheet is None or issue.row is None or issue.column is None:
            continue
        cells.setdefault((issue.sheet, issue.row, issue.column), []).append(issue)
    marks = []
    for (sheet, row, column), found in cells.items():
        worst = Severity.ERROR if any(i.is_error for i in found) else Severity.WARNING
        note = "\n".join(f"{SEVERITY_LABELS[i.severity]}：{render(i)}" for i in found)
        marks.append(CellMark(sheet, row, column, FILL_ERROR if worst is Severity.ERROR else FILL_WARNING, note))
    return marks

"""The issue model: one problem found in a workbook, pinned to sheet, Excel row and column.

Modelled on frictionless-py's error catalogue: ``code`` is stable and namespaced (``schema.required``),
``params`` fill the Chinese message template of :mod:`addin.core.catalogue`. Messages are rendered only by
reporters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: Severity
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: Any = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def flat(self) -> tuple[str | None, int | None, str | None, str]:
        """``(sheet, row, column, code)``: the shape tests compare against literal lists."""
        return (self.sheet, self.row, self.column, self.code)


def sort_key(issue: Issue) -> tuple[Any, ...]:
    """Errors first within a position; positions in sheet, row, column order (A < B < … < AA)."""
    col = issue.column or ""
    return (
        issue.sheet or "",
        issue.row if issue.row is not None else -1,
        (len(col), col),
        issue.severity is not Severity.ERROR,
        issue.code,
    )


def sorted_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=sort_key)


def count(issues: Iterable[Issue]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for issue in issues:
        if issue.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings

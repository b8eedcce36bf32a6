"""The JSON report of ``ssj validate --json`` (contract.md, exactly this shape)::

    {"files": [{"path", "status", "issues": [{"sheet", "row", "column", "field", "code", "severity",
                                              "message", "value"}]}],
     "summary": {"files", "ok", "invalid", "unreadable", "errors", "warnings"}}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from addin.core.issues import Issue
from addin.reporters.messages import json_value, render
from addin.services.validate import INVALID, OK, UNREADABLE, FileReport


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column, "field": issue.field,
            "code": issue.code, "severity": issue.severity.value, "message": render(issue),
            "value": json_value(issue.value)}


def summary(reports: Sequence[FileReport]) -> dict[str, int]:
    return {
        "files": len(reports),
        "ok": sum(r.status == OK for r in reports),
        "invalid": sum(r.status == INVALID for r in reports),
        "unreadable": sum(r.status == UNREADABLE for r in reports),
        "errors": sum(r.errors for r in reports),
        "warnings": sum(r.warnings for r in reports),
    }


def report_json(reports: Sequence[FileReport]) -> dict[str, Any]:
    files = [{"path": r.path, "status": r.status, "issues": [issue_json(i) for i in r.issues]} for r in reports]
    return {"files": files, "summary": summary(reports)}


def dumps(reports: Sequence[FileReport]) -> str:
    """The report as UTF-8 JSON text (Chinese not escaped), ending in a line feed."""
    return json.dumps(report_json(reports), ensure_ascii=False, indent=2) + "\n"

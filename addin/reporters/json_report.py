"""The JSON report of ``ssj validate --json`` (contract.md, this shape, grown by additions only)::

    {"files": [{"path", "status", "issues": [{"sheet", "row", "column", "field", "code", "severity",
                                              "message", "value"}],
                "sheets": [{"sheet", "recognised_as", "header_row", "how", "skipped_rows"}]}],
     "summary": {"files", "ok", "invalid", "unreadable", "errors", "warnings", "left_out"}}

``sheets`` says what each sheet was recognised as (its standard name, or null), in which row its header was found
and why; ``left_out`` counts the Excel owner files ``~$…`` of a folder that were not validated. Paths are
shown as text (bytes of a name that are not UTF-8 as ``\\xNN``), so the JSON is always valid UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from addin.core.issues import Issue
from addin.core.layout import SheetLayout
from addin.reporters.messages import json_value, render
from addin.schemas import load_schemas
from addin.services.validate import INVALID, OK, UNREADABLE, FileReport


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column, "field": issue.field,
            "code": issue.code, "severity": issue.severity.value, "message": render(issue),
            "value": json_value(issue.value)}


def summary(reports: Sequence[FileReport], left_out: int = 0) -> dict[str, int]:
    return {
        "files": len(reports),
        "ok": sum(r.status == OK for r in reports),
        "invalid": sum(r.status == INVALID for r in reports),
        "unreadable": sum(r.status == UNREADABLE for r in reports),
        "errors": sum(r.errors for r in reports),
        "warnings": sum(r.warnings for r in reports),
        "left_out": left_out,
    }


def sheets_json(layouts: Sequence[SheetLayout]) -> list[dict[str, Any]]:
    names = {s.kind: s.sheet for s in load_schemas().values()}
    return [{"sheet": lay.sheet, "recognised_as": names.get(lay.kind or "") if lay.kind else None,
             "header_row": lay.header_row or None, "how": lay.reason, "skipped_rows": [s.row for s in lay.skipped]}
            for lay in layouts]


def report_json(reports: Sequence[FileReport], left_out: int = 0) -> dict[str, Any]:
    files = [{"path": r.path, "status": r.status, "issues": [issue_json(i) for i in r.issues],
              "sheets": sheets_json(r.layouts)} for r in reports]
    return {"files": files, "summary": summary(reports, left_out)}


def dumps(reports: Sequence[FileReport], left_out: int = 0) -> str:
    """The report as UTF-8 JSON text (Chinese not escaped), ending in a line feed."""
    return json.dumps(report_json(reports, left_out), ensure_ascii=False, indent=2) + "\n"

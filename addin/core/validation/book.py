"""Validation of a whole workbook: which sheets are there, which sheets depend on which, and every rule.

A workbook may hold only some sheets — a section's submission of one registry is validated on what it holds.
But a sheet that points into another needs it (``sheet.missing``):

- 回避关系 → 执法检查人员名录库 and 检查对象名录库 (it names inspectors and targets);
- 年度抽查计划 → 抽查事项清单 (its items), 检查对象名录库 (categories, coverage), 执法检查人员名录库
  (departments), 设置 (the plan year and the deadlines);
- 检查结果 → 年度抽查计划, 检查对象名录库, 执法检查人员名录库;
- 移送记录 → 检查结果 (each referral is of a problem found by an inspection).

Which sheet is which, and where its header is, is found before (:mod:`addin.services.layouts`: by name, other
name or columns, the header among the first rows); here every sheet arrives in standard column names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from addin.core.catalogue import issue
from addin.core.issues import Issue, sort_key
from addin.core.schema import SheetSchema
from addin.core.table import Table
from addin.core.validation import classes, coverage
from addin.core.validation import plan as plan_rules
from addin.core.validation.followup import RESULT_FIELDS, referral_sheet_issues, result_followup_issues
from addin.core.validation.inspectors import certificate_expired
from addin.core.validation.keys import duplicate_keys
from addin.core.validation.records import SheetRead, read_sheet
from addin.core.validation.refs import conflict_refs, item_refs, plan_refs, result_refs
from addin.core.validation.scan import SheetRows
from addin.core.validation.settings import Settings, parse_settings

DEPENDS: Mapping[str, tuple[str, ...]] = {
    "conflicts": ("inspectors", "targets"),
    "plan": ("settings", "items", "targets", "inspectors"),
    "results": ("plan", "targets", "inspectors"),
    "referrals": ("results",),
}

# The fields whose values the sheet-level and cross-sheet rules read (keys included); the other columns of a
# registry are checked cell by cell and then dropped — a million-row registry keeps five columns, not fifteen.
# None: keep every field (small sheets).
KEPT: Mapping[str, frozenset[str] | None] = {
    "targets": frozenset({"统一社会信用代码", "检查对象类别", "所属乡镇", "经营状态", "信用风险分类", "监管股室"}),
    "conflicts": frozenset({"执法证号", "统一社会信用代码"}),
    "results": frozenset({"任务编号", "统一社会信用代码", "检查人员", "录入部门"}) | RESULT_FIELDS,
    "history": frozenset({"任务编号", "统一社会信用代码", "检查日期"}),  # checked for shape only (not against this year's draws)
    "activities": frozenset(),
    "holidays": frozenset({"日期"}),
}


@dataclass(frozen=True, slots=True)
class BookCheck:
    """The outcome of :func:`check_tables`: all issues (sorted), the sheets read, the settings in force."""

    issues: tuple[Issue, ...]
    reads: Mapping[str, SheetRead]
    settings: Settings
    kinds: tuple[str, ...]


def check_tables(tables: Mapping[str, Table | SheetRows], schemas: Mapping[str, SheetSchema], *,
                 today: dt.date) -> BookCheck:
    """Validate the input sheets given as kind → :class:`Table` or a stream of rows (:class:`SheetRows`,
    read once) — only the sheets present. 设置 must be a :class:`Table`."""
    issues: list[Issue] = []
    settings_table = tables.get("settings")
    if settings_table is not None and not isinstance(settings_table, Table):
        raise TypeError("设置 is read as a Table")
    settings, found = parse_settings(settings_table, schemas["settings"], today=today)
    issues += found
    reads = {kind: read_sheet(table, schemas[kind], today=today, keep=KEPT.get(kind))
             for kind, table in tables.items() if schemas[kind].layout == "table"}
    for read in reads.values():
        issues += read.issues
        issues += duplicate_keys(read)
    issues += _missing_sheets(set(tables), schemas)
    issues += _cross_sheet(reads, settings, today)
    ordered = [kind for kind in schemas if kind in tables]
    return BookCheck(tuple(in_sheet_order(issues, schemas, tables)), reads, settings, tuple(ordered))


def in_sheet_order(issues: Iterable[Issue], schemas: Mapping[str, SheetSchema],
                   tables: Mapping[str, Table | SheetRows]) -> list[Issue]:
    """Issues sorted as a user walks the workbook: sheets in the contract's order (设置, 检查对象名录库 …),
    then row, column, errors before warnings (:func:`~addin.core.issues.sort_key`)."""
    rank: dict[str | None, int] = {}
    for index, (kind, schema) in enumerate(schemas.items()):
        rank[schema.sheet] = index
        if kind in tables:
            rank[tables[kind].sheet] = index
    return sorted(issues, key=lambda i: (rank.get(i.sheet, len(rank)), sort_key(i)))


def _missing_sheets(present: set[str], schemas: Mapping[str, SheetSchema]) -> list[Issue]:
    needed_by: dict[str, list[str]] = {}
    for kind, needs in DEPENDS.items():
        if kind not in present:
            continue
        for need in needs:
            if need not in present:
                needed_by.setdefault(need, []).append(schemas[kind].sheet)
    return [issue("sheet.missing", sheet=schemas[need].sheet, needed_by="、".join(users))
            for need, users in needed_by.items()]


def _cross_sheet(reads: Mapping[str, SheetRead], settings: Settings, today: dt.date) -> list[Issue]:
    found: list[Issue] = []
    targets, inspectors = reads.get("targets"), reads.get("inspectors")
    items, plan, conflicts, results = reads.get("items"), reads.get("plan"), reads.get("conflicts"), reads.get("results")
    if inspectors is not None:
        found += certificate_expired(inspectors, today)
    if conflicts is not None and inspectors is not None and targets is not None:
        found += conflict_refs(conflicts, inspectors, targets)
    if items is not None:
        found += item_refs(items, targets, inspectors, plan, today)
    if plan is not None:
        found += plan_rules.task_issues(plan, settings)
        found += plan_rules.office_issues(plan, targets, inspectors)
        if items is not None and targets is not None and inspectors is not None:
            found += plan_refs(plan, items, targets, inspectors, today)
        if targets is not None and _has(targets, "统一社会信用代码", "检查对象类别", "经营状态"):
            found += coverage.scope_issues(plan, targets)
            found += coverage.coverage_issues(plan, targets, settings)
            if targets.has("信用风险分类"):
                found += classes.differentiation_issues(plan, targets)
        found += classes.increasing_issues(plan)
        found += classes.cap_issues(plan, settings)
    if results is not None and plan is not None and targets is not None and inspectors is not None:
        found += result_refs(results, plan, targets, inspectors)
    if results is not None:
        found += result_followup_issues(results, today)
    referrals = reads.get("referrals")
    if referrals is not None:
        found += referral_sheet_issues(referrals, results)
    return found


def _has(read: SheetRead, *names: str) -> bool:
    return all(read.has(name) for name in names)

"""委托检测 on record: the institution, its 资质, the report and its conclusion carried by a 检查结果.

Seed 000 §二(三) and seed 003 §三: 对专业性强的检查事项可以委托有资质的机构开展检验检测、财务审计、调查咨询，
或依法采用相关机构作出的鉴定结论. A result whose 检查方式 is 检验检测 or 委托专业机构辅助 (:data:`ENTRUSTED_METHODS`)
should name the 检测机构, its 资质证书编号, the 报告编号 and 报告日期, and the 检测结论 (合格 / 不合格 / 其他).

The checks (:func:`entrusted_issues`, codes ``result.testing-*``) are warnings: a result is entered on the day of
the inspection and the report often comes weeks later, so a missing report never keeps a result out of
publication; it is listed until the report is entered. One rule for both ``ssj validate`` and the post-draw
check of results (结果核对).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue

ENTRUSTED_METHODS = ("检验检测", "委托专业机构辅助")
CONCLUSIONS = ("合格", "不合格", "其他")
FAILED = "不合格"
INSTITUTION, CERTIFICATE, REPORT_NO, REPORT_DATE, CONCLUSION = "检测机构", "资质证书编号", "报告编号", "报告日期", "检测结论"
FIELDS = (INSTITUTION, CERTIFICATE, REPORT_NO, REPORT_DATE, CONCLUSION)
NO_PROBLEM = "未发现问题"


@dataclass(frozen=True, slots=True)
class EntrustedTest:
    """The 委托检测 columns of one 检查结果 row (empty strings / None when blank)."""

    institution: str = ""  # 检测机构
    certificate: str = ""  # 资质证书编号
    report_no: str = ""  # 报告编号
    report_date: dt.date | None = None  # 报告日期
    conclusion: str = ""  # 检测结论: 合格 / 不合格 / 其他

    def values(self) -> dict[str, object]:
        return {INSTITUTION: self.institution, CERTIFICATE: self.certificate, REPORT_NO: self.report_no,
                REPORT_DATE: self.report_date, CONCLUSION: self.conclusion}

    @property
    def filled(self) -> tuple[str, ...]:
        """The fields that hold a value."""
        return tuple(name for name, value in self.values().items() if value not in ("", None))

    @property
    def recorded(self) -> bool:
        return bool(self.filled)

    @property
    def failed(self) -> bool:
        return self.conclusion == FAILED


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def entrusted_of(get: Callable[[str], Any]) -> EntrustedTest:
    """The 委托检测 fields of a row read through its schema (``get``: field name → typed value)."""
    day = get(REPORT_DATE)
    return EntrustedTest(_text(get(INSTITUTION)), _text(get(CERTIFICATE)), _text(get(REPORT_NO)),
                         day if isinstance(day, dt.date) else None, _text(get(CONCLUSION)))


def is_entrusted(methods: Sequence[str]) -> bool:
    """检查方式 says 检验检测 or 委托专业机构辅助."""
    return any(m in ENTRUSTED_METHODS for m in methods)


def entrusted_issues(row: int, methods: Sequence[str], outcomes: Sequence[str], inspected_on: dt.date | None,
                     test: EntrustedTest, columns: Mapping[str, str], sheet: str, today: dt.date) -> list[Issue]:
    """The warnings of one result's 委托检测 fields, each at the cell it concerns.

    - ``result.testing-incomplete`` — 检查方式 is 检验检测 / 委托专业机构辅助 and some field is blank (at the first
      blank column that the sheet has; the field name when the sheet lacks the columns);
    - ``result.testing-without-method`` — fields filled but the 检查方式 names no entrusted method;
    - ``result.report-before-inspection`` / ``result.report-in-future`` — 报告日期 before 检查日期 / after today;
    - ``result.testing-contradicts`` — 检测结论 不合格 while the 检查结果 is 未发现问题.
    """
    found: list[Issue] = []

    def add(code: str, field: str, value: object, **params: Any) -> None:
        found.append(issue(code, sheet=sheet, row=row, column=columns.get(field), field=field, value=value,
                           **params))

    shown_methods = "、".join(methods)
    if is_entrusted(methods):
        missing = [name for name in FIELDS if name not in test.filled]
        if missing:
            first = next((name for name in missing if name in columns), missing[0])
            add("result.testing-incomplete", first, None, methods=shown_methods, missing="、".join(missing))
    elif test.recorded:
        add("result.testing-without-method", "检查方式", shown_methods, fields="、".join(test.filled))
    day = test.report_date
    if day is not None and inspected_on is not None and day < inspected_on:
        add("result.report-before-inspection", REPORT_DATE, day.isoformat(), report=day.isoformat(),
            date=inspected_on.isoformat())
    if day is not None and day > today:
        add("result.report-in-future", REPORT_DATE, day.isoformat(), report=day.isoformat(),
            today=today.isoformat())
    if test.failed and NO_PROBLEM in outcomes:
        add("result.testing-contradicts", CONCLUSION, test.conclusion)
    return found

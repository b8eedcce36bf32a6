"""Use case ``ssj risk`` (风险预警 and 智慧监管): early warnings, problem rates and suggested rates.

:func:`risk_report` computes the report from any workbook port plus earlier workbooks (``--history``);
:func:`risk` writes it to a new file (``--out``) with native charts — the input is only read. The ribbon's
风险预警 adds the 风险预警 sheet to the live workbook and saves the full report beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from addin.adapters.calamine_book import CalamineBook
from addin.adapters.xlsx_report import write_report
from addin.ports import WorkbookPort
from addin.services.risk.analysis import RiskReport, analyse
from addin.services.risk.inputs import read_inputs
from addin.services.risk.sheets import report_sheets

__all__ = ["RiskReport", "risk", "risk_report", "write_risk"]


def risk_report(book: WorkbookPort, today: dt.date, history: Sequence[Path] = ()) -> RiskReport:
    return analyse(read_inputs(book, today, history), today)


def write_risk(report: RiskReport, out: Path, inputs: Sequence[Path] = ()) -> Path:
    """The report as a new workbook (风险预警, 问题发现率, 问题发现率趋势, 建议比例, 覆盖进度, 数据说明)."""
    return write_report(report_sheets(report), out, inputs=inputs)


def risk(book_path: Path, out: Path, today: dt.date, history: Sequence[Path] = ()) -> RiskReport:
    """``ssj risk``: read ``book_path`` (and ``history``), write the report to ``out``."""
    book = CalamineBook.read(book_path)
    try:
        report = risk_report(book, today, history)
    finally:
        book.close()
    write_risk(report, out, inputs=(book_path, *history))
    return report

"""智慧监管 on the example workbook as it is committed (its fictional 往年检查结果 of 2021–2023, D firms and 公共场所
with more problems; a few licences lapsing in mid-2024), as of the demo's 31 July: every warning rule has something
to say, the signal shows in the rates, and the suggestion follows it within the same workload."""

from __future__ import annotations

import datetime as dt

import pytest

from addin.adapters.calamine_book import CalamineBook
from addin.core.risk.alerts import RULES
from addin.services.demo import EXAMPLE
from addin.services.risk import RiskReport, risk_report


@pytest.fixture(scope="module")
def report() -> RiskReport:
    book = CalamineBook.read(EXAMPLE)
    try:
        return risk_report(book, dt.date(2024, 7, 31))
    finally:
        book.close()


def test_every_rule_fires_on_the_example(report: RiskReport) -> None:
    fired = {a.code for a in report.alerts}
    # the overdue rectifications come with this year's results (the demo's); the example has none yet
    assert set(RULES) - {"risk.rectification-overdue"} <= fired
    expired = [a for a in report.alerts if a.code == "risk.licence-expired"]
    expiring = [a for a in report.alerts if a.code == "risk.licence-expiring"]
    assert len(expired) >= 3
    assert len(expiring) >= 3
    assert all("许可有效期至 2024-" in a.reason for a in expired + expiring)


def test_the_signal_of_the_history_shows_in_the_rates(report: RiskReport) -> None:
    classes = {r["stratum"]: r for _, r in report.tables["class"].iterrows()}
    assert all(classes["D"]["low"] > classes[s]["high"] for s in ("A", "B", "C", "未分类"))
    public = report.tables["category"].set_index("category").loc["公共场所"]
    assert public["low"] > (report.overall.rate or 0)


def test_the_suggestion_follows_the_signal_within_the_workload(report: RiskReport) -> None:
    advice = report.suggestions
    assert advice
    for s in advice:
        if s.factor < 1:
            assert s.suggested <= s.current, s
        if s.factor > 1:
            assert s.suggested >= s.current, s
    public_c = next(s for s in advice if s.category == "公共场所" and s.stratum == "C")
    assert public_c.suggested > public_c.current
    for s in advice:  # D at 100 %: only its 频次 could rise, and the reason says so
        if s.stratum == "D" and s.current >= 1 and s.factor > 1:
            assert "可提高“D类频次”" in s.reason
    now, then = sum(s.current_count for s in advice), sum(s.suggested_count for s in advice)
    assert then == pytest.approx(now, rel=0.05)

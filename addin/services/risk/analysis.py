"""The risk analysis of a workbook (and earlier years' results): warnings, rates, suggestion, coverage.

Pure computation on :class:`~addin.services.risk.inputs.RiskInputs`; the sheets are built in
:mod:`addin.services.risk.sheets`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from addin.core.risk.alerts import Alert, AlertRules, alerts
from addin.core.risk.inspections import UNCLASSIFIED, UNKNOWN
from addin.core.risk.rates import Estimate, estimates, frame, overall, rate_table
from addin.core.risk.suggest import Evidence, Suggestion, suggest
from addin.core.settings import Settings
from addin.services.risk.inputs import CURRENT, RiskInputs

TABLES = {"class": ["stratum"], "category": ["category"], "cell": ["category", "stratum"], "town": ["town"],
          "office": ["office"], "trend": ["category", "year"]}


def rules_of(settings: Settings) -> AlertRules:
    """The 风险预警 thresholds from 设置."""
    return AlertRules(licence_days=settings.licence_warning_days, repeat_problems=settings.repeat_problem_count,
                      high_risk_days=settings.high_risk_days, never_days=settings.never_inspected_days,
                      rise_points=float(settings.rate_rise_points), minimum=settings.rate_minimum)


@dataclass(frozen=True)
class Coverage:
    """Cumulative share of 在营 targets inspected this year, per 监管股室 and month (1 … ``months``)."""

    offices: tuple[str, ...]  # … then 合计
    months: int
    shares: tuple[tuple[float, ...], ...]  # [month][office]
    supervised: tuple[int, ...]


@dataclass(frozen=True)
class RiskReport:
    today: dt.date
    inputs: RiskInputs
    rules: AlertRules
    alerts: tuple[Alert, ...]
    overall: Estimate
    tables: dict[str, pd.DataFrame]
    suggestions: tuple[Suggestion, ...]
    coverage: Coverage


def coverage(inputs: RiskInputs, today: dt.date) -> Coverage:
    year = inputs.post.year
    active = [t for t in inputs.targets if t.active]
    offices = tuple(sorted({t.office or UNKNOWN for t in active}))
    office_of = {t.uscc: t.office or UNKNOWN for t in active}
    supervised = Counter(office_of.values())
    months = 12 if today.year > year else max(1, today.month) if today.year == year else 1
    first: dict[str, dt.date] = {}
    for item in inputs.inspections:
        if item.source == CURRENT and item.day and item.day.year == year and item.uscc in office_of:
            first[item.uscc] = min(item.day, first.get(item.uscc, item.day))
    shares = []
    for month in range(1, months + 1):
        done = Counter(office_of[u] for u, day in first.items() if day.month <= month)
        row = [done[o] / supervised[o] if supervised[o] else 0.0 for o in offices]
        row.append(sum(done.values()) / len(active) if active else 0.0)
        shares.append(tuple(row))
    return Coverage((*offices, "合计"), months, tuple(shares), (*(supervised[o] for o in offices), len(active)))


def analyse(inputs: RiskInputs, today: dt.date) -> RiskReport:
    rules = rules_of(inputs.post.settings)
    data = frame(inputs.inspections)
    tables = {name: rate_table(data, by, rules.minimum) for name, by in TABLES.items()}
    everything = overall(data, rules.minimum)
    by_year = {(str(c), int(float(str(y)))): e for (c, y), e in estimates(tables["trend"], TABLES["trend"]).items()
               if pd.notna(y)}
    found = alerts(inputs.targets, inputs.inspections, inputs.pending, by_year, today, inputs.post.calendar, rules)
    evidence = Evidence(
        everything,
        {str(k[0]): e for k, e in estimates(tables["category"], ["category"]).items()},
        {str(k[0]): e for k, e in estimates(tables["class"], ["stratum"]).items()},
        {(str(k[0]), str(k[1])): e for k, e in estimates(tables["cell"], ["category", "stratum"]).items()},
    )
    advice = suggest(inputs.tasks, inputs.targets, evidence,
                     frequency=lambda task, stratum: task.frequency_of("U" if stratum == UNCLASSIFIED else stratum))
    return RiskReport(today, inputs, rules, tuple(found), everything, tables, tuple(advice), coverage(inputs, today))

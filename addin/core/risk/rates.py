"""Problem rates (问题发现率) per group, with honest uncertainty — computed with pandas.

- The rate of a group is 发现问题户次 / 检查户次 over the inspections with a verdict 问题 or 无问题 (不计入 ones are
  left out, :mod:`.inspections`).
- Its **95 % interval** is the Wilson score interval: the range of true rates that this many inspections with
  this many problems are compatible with. It is wide when there are few inspections (10 inspections with 2
  problems: 6 %–51 %) and narrows as data accumulate (100 with 20: 13 %–29 %); unlike "rate ± 2 standard
  errors" it never leaves 0 %–100 % and behaves at 0 and at all problems.
- Below ``minimum`` inspections (设置 问题率最少检查户次, default 10) a group is marked **数据不足**: its rate is
  shown, but no rule (预警, suggestion) acts on it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from addin.core.risk.inspections import CLASS_ORDER, Inspection, Verdict

Z95 = 1.959963984540054  # the standard normal quantile of 97.5 %
INSUFFICIENT = "数据不足"
COLUMNS = {"category": "检查对象类别", "stratum": "信用风险分类", "town": "所属乡镇", "office": "监管股室",
           "year": "年度"}


@dataclass(frozen=True, slots=True)
class Estimate:
    """A group's problem rate: ``problems`` of ``n`` assessed inspections, the rate and its 95 % interval."""

    n: int
    problems: int
    low: float
    high: float
    enough: bool  # n ≥ the minimum count

    @property
    def rate(self) -> float | None:
        return self.problems / self.n if self.n else None

    def excludes(self, value: float) -> bool:
        """The interval lies wholly above or below ``value`` (and the group has enough data)."""
        return self.enough and (self.low > value or self.high < value)


def wilson(problems: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``problems`` out of ``n`` (0–1 when ``n`` is 0)."""
    if n <= 0:
        return 0.0, 1.0
    p = problems / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if problems <= 0 else max(0.0, centre - half)
    high = 1.0 if problems >= n else min(1.0, centre + half)
    return low, high


def frame(inspections: Iterable[Inspection]) -> pd.DataFrame:
    """One row per inspection: its groups, year and verdict (``assessed``: counted in rates)."""
    rows = [{"uscc": i.uscc, "year": i.year, "category": i.profile.category, "stratum": i.profile.stratum,
             "town": i.profile.town, "office": i.profile.office, "problem": i.verdict is Verdict.PROBLEM,
             "assessed": i.verdict is not Verdict.NOT_ASSESSED} for i in inspections]
    columns = ["uscc", "year", "category", "stratum", "town", "office", "problem", "assessed"]
    return pd.DataFrame(rows, columns=columns).astype({"problem": bool, "assessed": bool})


def rate_table(data: pd.DataFrame, by: Sequence[str], minimum: int) -> pd.DataFrame:
    """Per group of ``by``: n (检查户次), problems, rate, low, high, enough — groups in a stable order
    (classes A–D then 未分类; other labels by their text)."""
    assessed = data[data["assessed"]]
    if assessed.empty:
        return pd.DataFrame(columns=[*by, "n", "problems", "rate", "low", "high", "enough"])
    grouped = assessed.groupby(list(by), dropna=False)["problem"].agg(n="size", problems="sum").reset_index()
    grouped["problems"] = grouped["problems"].astype(int)
    bounds = [wilson(int(x), int(n)) for x, n in zip(grouped["problems"], grouped["n"], strict=True)]
    grouped["rate"] = grouped["problems"] / grouped["n"]
    grouped["low"] = [b[0] for b in bounds]
    grouped["high"] = [b[1] for b in bounds]
    grouped["enough"] = grouped["n"] >= minimum
    return grouped.sort_values(list(by), key=_order).reset_index(drop=True)


def _order(column: pd.Series) -> pd.Series:
    if column.name == "stratum":
        return column.map(lambda s: CLASS_ORDER.index(s) if s in CLASS_ORDER else len(CLASS_ORDER))
    return column.astype(str)


def estimates(table: pd.DataFrame, by: Sequence[str]) -> dict[tuple[object, ...], Estimate]:
    """A rate table as group key → :class:`Estimate` (the key is a tuple of the ``by`` values)."""
    return {tuple(row[c] for c in by): Estimate(int(row["n"]), int(row["problems"]), float(row["low"]),
                                                 float(row["high"]), bool(row["enough"]))
            for _, row in table.iterrows()}


def overall(data: pd.DataFrame, minimum: int) -> Estimate:
    """The rate of every assessed inspection together."""
    assessed = data[data["assessed"]]
    n, problems = len(assessed), int(assessed["problem"].sum())
    low, high = wilson(problems, n)
    return Estimate(n, problems, low, high, n >= minimum)

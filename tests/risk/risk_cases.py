"""Synthetic inspections for the risk tests: a county of categories and classes with chosen problem rates."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from decimal import Decimal

from addin.core.records import PlanTask, TargetRow
from addin.core.results import ResultRecord
from addin.core.risk.inspections import Inspection, Profile

CATEGORIES = ("公共场所", "生活饮用水", "学校卫生")
SIZES = {"A": 300, "B": 250, "C": 80, "D": 20}


def uscc(n: int) -> str:
    return f"91140500{n:010d}"


def county() -> list[TargetRow]:
    rows, n = [], 0
    for category in CATEGORIES:
        for stratum, size in SIZES.items():
            for _ in range(size):
                n += 1
                rows.append(TargetRow(uscc(n), f"单位{n}", "城关镇", (category,), "在营", stratum, office="公共卫生监督股"))
    return rows


def plan() -> list[PlanTask]:
    ratios = {"A": Decimal("0.03"), "B": Decimal("0.05"), "C": Decimal("0.2"), "D": Decimal("1")}
    return [PlanTask(f"T{i}", f"对{c}的抽查", ("X01",), c, ratio=Decimal("0.05"), class_ratios=ratios)
            for i, c in enumerate(CATEGORIES, start=1)]


def inspections(targets: list[TargetRow], rates: Mapping[tuple[str, str], float], per_cell: int, years: range,
                seed: int = 1) -> list[Inspection]:
    """``per_cell`` inspections a year per (category, class), each a problem with probability ``rates[cell]``."""
    rng = random.Random(seed)
    by_cell: dict[tuple[str, str], list[TargetRow]] = {}
    for t in targets:
        by_cell.setdefault((t.categories[0], t.risk), []).append(t)
    found = []
    for year in years:
        for (category, stratum), members in sorted(by_cell.items()):
            for k in range(per_cell):
                t = members[k % len(members)]
                problem = rng.random() < rates[(category, stratum)]
                record = ResultRecord(0, "T", t.uscc, dt.date(year, 6, 1 + k % 28), ("ZF1",), ("实地检查",),
                                      ("发现问题已责令改正",) if problem else ("未发现问题",))
                found.append(Inspection(record, Profile(t.name, category, stratum, t.town, t.office), "检查结果"))
    return found


def flat(rate: float) -> dict[tuple[str, str], float]:
    return {(c, s): rate for c in CATEGORIES for s in SIZES}

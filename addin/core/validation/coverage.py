"""Scope and coverage (抽查范围与覆盖率) of the 年度抽查计划, for the whole unit and for each 股室.

- Scope: a task whose category and 乡镇 filter hold no 在营 target draws nothing (warning ``plan.no-targets``).
- Coverage: the expected number of distinct targets the plan inspects must reach 年度抽查覆盖率目标 (default 3 %,
  涞源方案 一(三)) of the supervised (在营) targets — of the whole unit (``plan.coverage-below-target``) and,
  when the registry names several 监管股室, of the targets each 股室 supervises
  (``plan.office-coverage-below-target``: "确保各相关股室年度抽查监管主体占比达到3%以上").

A target may belong to several 检查对象类别, written in one cell (`医疗机构、放射卫生`): it is in the scope of every
task of each of its categories. In each task and stratum h (信用风险分类; blank = 未分类) the draw takes
``n_h = ceil(r_h × N_h)`` of the ``N_h`` targets in scope (draw §4), so each is drawn with probability
``n_h / N_h`` per batch (频次 batches). Tasks drawn independently miss a target with the product of their
miss probabilities. Tasks that may be frozen in one batch and coordinated (协同抽取 on for both, windows
overlapping) pick overlapping targets on purpose, so together they cover a target at least as well as the
best of them and not much better: they are counted as the best of them — the estimate never promises
coverage that coordination takes away. The expected number of distinct targets covered is the sum of the
probabilities of being drawn at least once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.normalise import category_labels, label
from addin.core.validation.plan import CLASSES, percent, ratio_ok
from addin.core.validation.records import Record, SheetRead
from addin.core.validation.settings import Settings

IN_BUSINESS = "在营"
UNCLASSIFIED = "未分类"


def parts(value: Any) -> list[Any]:
    """The values of a cell that may hold one value or several (a multi-value cell is a list)."""
    if value is None:
        return []
    return [v for v in value if v is not None] if isinstance(value, list | tuple) else [value]


@dataclass(frozen=True, slots=True)
class Target:
    """A supervised (在营) target: its code, categories and 乡镇 (as :func:`label`), stratum and 监管股室."""

    code: str
    categories: frozenset[str]  # as :func:`label` compares them
    township: str
    stratum: str
    office: str = ""


def in_business(targets: SheetRead) -> list[Target]:
    """The supervised targets (经营状态 在营, with a 统一社会信用代码), read column-wise; a target listed on
    several rows (one per 检查对象类别) is one target with all its categories (the first row's other fields)."""
    labels: dict[Any, str] = {}
    categories: dict[Any, frozenset[str]] = {}

    def label_once(value: Any) -> str:
        if value not in labels:
            labels[value] = label(value or "")
        return labels[value]

    def categories_once(value: Any) -> frozenset[str]:
        key = _hashable(value)
        if key not in categories:
            categories[key] = frozenset(category_labels(value))
        return categories[key]

    def column(name: str) -> Sequence[Any]:
        return targets.values(name) if targets.has(name) else [None] * len(targets.rows)

    found: dict[str, Target] = {}
    columns = (column("统一社会信用代码"), column("检查对象类别"), column("所属乡镇"), column("经营状态"),
               column("信用风险分类"), column("监管股室"))
    for code, category, township, status, risk, office in zip(*columns, strict=True):
        if status != IN_BUSINESS or not code:
            continue
        cats = categories_once(category)
        known = found.get(code)
        if known is not None:
            found[code] = Target(code, known.categories | cats, known.township, known.stratum, known.office)
        else:
            found[code] = Target(code, cats, label_once(township), risk or UNCLASSIFIED, label_once(office))
    return list(found.values())


def in_scope(task: Record, pool: Sequence[Target]) -> list[Target]:
    category = task.get("检查对象类别")
    townships = {label(t) for t in parts(task.get("所属乡镇"))}
    if category is None:
        return []
    wanted = label(category)
    return [t for t in pool if wanted in t.categories and (not townships or t.township in townships)]


def class_ratio(task: Record, stratum: str) -> Any:
    """The ratio a task applies to a stratum: the class override, else 抽查比例."""
    if stratum in CLASSES and task.get(f"{stratum}类比例") is not None:
        return task.get(f"{stratum}类比例")
    return task.get("抽查比例")


def coordinated(task: Record, default: bool) -> bool:
    """协同抽取 of the task (是 / 否), blank = the 设置 value."""
    value = task.get("协同抽取")
    return default if value is None else value == "是"


@dataclass(frozen=True, slots=True)
class TaskScope:
    """One task's scope: the probability that a batch draws each target of it, and the draws it plans."""

    task: Record
    probability: Mapping[str, Fraction]  # code → n_h / N_h
    batches: int  # 频次
    draws: int  # Σ n_h of one batch
    coordinated: bool

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        start, end = self.task.get("开始日期"), self.task.get("结束日期")
        return (start, end) if start is not None and end is not None and start <= end else None

    def may_share_batch(self, other: TaskScope) -> bool:
        """Both coordinated and their windows overlap: a freeze inside both windows takes them together."""
        a, b = self.window, other.window
        return self.coordinated and other.coordinated and a is not None and b is not None \
            and a[0] <= b[1] and b[0] <= a[1]


def task_scopes(tasks: Iterable[Record], pool: Sequence[Target], coordinate: bool) -> list[TaskScope]:
    found = []
    for task in tasks:
        scope = in_scope(task, pool)
        sizes = Counter(t.stratum for t in scope)
        rates: dict[str, Fraction] = {}
        draws = 0
        for stratum, size in sizes.items():
            ratio = class_ratio(task, stratum)
            if ratio is None or not ratio_ok(ratio):
                continue
            drawn = math.ceil(Fraction(ratio) * size)
            rates[stratum] = Fraction(drawn, size)
            draws += drawn
        probability = {t.code: rates[t.stratum] for t in scope if t.stratum in rates}
        found.append(TaskScope(task, probability, task.get("频次") or 1, draws, coordinated(task, coordinate)))
    return found


def _miss(covering: Sequence[tuple[TaskScope, Fraction]]) -> Fraction:
    """The probability that no task draws a target, given the tasks covering it and their probabilities."""
    groups: list[list[tuple[TaskScope, Fraction]]] = []
    for scope, rate in covering:
        joined = [g for g in groups if any(scope.may_share_batch(other) for other, _ in g)]
        merged = [(scope, rate)] + [member for g in joined for member in g]
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged]
    miss = Fraction(1)
    for group in groups:
        miss *= min((1 - rate) ** scope.batches for scope, rate in group)
    return miss


def cover_probabilities(scopes: Sequence[TaskScope]) -> dict[str, Fraction]:
    """Target code → the probability that the plan draws it at least once (module docstring)."""
    covering: dict[str, list[tuple[TaskScope, Fraction]]] = {}
    for scope in scopes:
        for code, rate in scope.probability.items():
            covering.setdefault(code, []).append((scope, rate))
    cache: dict[tuple[tuple[int, Fraction], ...], Fraction] = {}
    found = {}
    for code, pairs in covering.items():
        key = tuple((id(s), r) for s, r in pairs)
        if key not in cache:
            cache[key] = 1 - _miss(pairs)
        found[code] = cache[key]
    return found


@dataclass(frozen=True, slots=True)
class Coverage:
    """Supervised targets and the expected number of them covered: the unit's, or one 股室's."""

    office: str  # "" = the whole unit
    supervised: int
    expected: Fraction

    def below(self, target: Fraction) -> bool:
        return self.supervised > 0 and self.expected < target * self.supervised


def coverages(pool: Sequence[Target], probability: Mapping[str, Fraction]) -> list[Coverage]:
    """The unit's coverage, then each 股室's (by 监管股室, in name order) when the registry names several."""
    total = Coverage("", len(pool), sum((probability.get(t.code, Fraction(0)) for t in pool), Fraction(0)))
    offices = sorted({t.office for t in pool if t.office})
    if len(offices) < 2:
        return [total]
    per = [Coverage(o, sum(1 for t in pool if t.office == o),
                    sum((probability.get(t.code, Fraction(0)) for t in pool if t.office == o), Fraction(0)))
           for o in offices]
    return [total, *per]


def scope_issues(plan: SheetRead, targets: SheetRead) -> list[Issue]:
    """A warning for each task whose scope holds no in-business target (when its category exists at all)."""
    categories = {c for v in set(map(_hashable, targets.values("检查对象类别"))) for c in category_labels(v)}
    pool = in_business(targets)
    found = []
    for task in plan.records:
        category = task.get("检查对象类别")
        if category is None or label(category) not in categories or in_scope(task, pool):
            continue
        townships = task.get("所属乡镇")
        found.append(issue("plan.no-targets", sheet=plan.sheet, row=task.row, column=plan.column("检查对象类别"),
                           field="检查对象类别", value=category, task=task.get("任务编号") or task.row,
                           category=category, townships=("，乡镇 " + "、".join(townships)) if townships else ""))
    return found


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def coverage_issues(plan: SheetRead, targets: SheetRead, settings: Settings) -> list[Issue]:
    """A warning when the plan's expected coverage falls short of 年度抽查覆盖率目标 — the unit's, and each 股室's."""
    pool = in_business(targets)
    if not pool or not plan.records:
        return []
    target = Fraction(settings.coverage_target)
    probability = cover_probabilities(task_scopes(plan.records, pool, settings.coordinate))
    found = []
    for cover in coverages(pool, probability):
        if not cover.below(target):
            continue
        params: dict[str, Any] = {
            "expected": expected_text(cover.expected), "supervised": cover.supervised,
            "rate": percent(cover.expected / cover.supervised), "target": percent(settings.coverage_target),
            "needed": math.ceil(target * cover.supervised)}
        code = "plan.office-coverage-below-target" if cover.office else "plan.coverage-below-target"
        extra: dict[str, Any] = {"office": cover.office, "value": cover.office} if cover.office else {}
        found.append(issue(code, sheet=plan.sheet, **params, **extra))
    return found


def expected_text(value: Fraction) -> str:
    """An expected count as shown to users: one decimal when not whole."""
    tenths = math.floor(value * 10 + Fraction(1, 2))
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"

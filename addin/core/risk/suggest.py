"""Suggested rates for next year's plan (建议抽查比例): the same workload, moved to where problems are found.

The rule, as the 建议比例 sheet states it:

1. **Factor per task and class.** A category whose problem rate's 95 % interval lies wholly above (below) the
   rate of all inspections gets the factor (its rate / the overall rate); otherwise 1. Within it, a class whose
   interval lies wholly above or below the category's rate gets (class rate / category rate) — when that cell
   has too few inspections, the class's rate across all categories against the overall rate is used instead;
   otherwise 1. Groups marked 数据不足 never move anything. The product is kept within
   [``lowest``, ``highest``] (default ½–2: a plan changes gradually, one year's data is no verdict).
2. **Same workload.** Every rate times its factor is scaled by one common number chosen so that the
   expected number of inspections of the whole plan (Σ rate × in-business targets × 频次) stays what it is
   now; a rate stays within [its current rate × ``lowest``, × ``highest``], at least ``floor`` (1 %: no class
   is left out) and at most 100 %. A class inspected at 100 % stays at 100 % unless it has fewer problems.
3. **递加.** Within a task the rates of A, B, C, D never fall from A to D (seed 003 附件: 分别递加抽查比例):
   where they would, the neighbouring classes share their weighted mean (pool-adjacent-violators; this keeps
   the expected inspections).
4. Rounded to whole percent.

A class already at 100 % whose problems call for more says so in its reason: only its 频次 (A类频次 … D类频次)
can rise, which the suggestion leaves to the plan's authors (it changes the workload, and the yearly cap with it).

Without a real difference in the data every factor is 1 and the suggestion is the current plan (rounded, and
made 递加 where the current plan is not). A task that inspects every target (抽查比例 100 % and no class below it)
is left as it is: full coverage is a policy choice, not a rate to tune.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from addin.core.records import CLASSES, UNCLASSIFIED, PlanTask, TargetRow
from addin.core.risk.inspections import UNCLASSIFIED as UNCLASSIFIED_LABEL
from addin.core.risk.rates import Estimate

RULE = (
    "① 调整系数：检查对象类别的问题发现率 95% 区间整体高于（低于）全部检查的发现率时，系数为 类别发现率 ÷ 总体发现率，否则为 1；"
    "类别内某信用风险分类的区间整体高于（低于）该类别发现率时，再乘以 该分类发现率 ÷ 类别发现率（该格检查户次不足时改用该分类在各类别合计的"
    "发现率与总体比较）；“数据不足”的分组不作调整；系数限制在 0.5–2 倍之间。"
    "② 工作量不变：各比例乘以系数后再统一缩放，使全年预计抽查户次（比例 × 在营对象数 × 频次）与现行计划相同；"
    "每个比例不低于 1%、不超过 100%，在现行比例的 0.5–2 倍之间；现行 100% 的分类除非问题较少，仍为 100%；全部 100% 的任务不调整。"
    "③ 递加：同一任务内 A、B、C、D 类的比例不递减，违反时相邻分类取加权平均。④ 取整到百分之一。"
    "现行 100% 而问题较多的分类，“依据”中提示可提高该类频次（建议不改频次）。数据中没有明显差异时，建议即现行比例。"
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The rates the suggestion reads: overall, per category, per class, per (category, class)."""

    overall: Estimate
    by_category: Mapping[str, Estimate]
    by_class: Mapping[str, Estimate]
    by_cell: Mapping[tuple[str, str], Estimate]


@dataclass(frozen=True, slots=True)
class Bounds:
    lowest: float = 0.5
    highest: float = 2.0
    floor: float = 0.01


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One class of one task: N in-business targets in scope, the current and suggested rate and why."""

    task: str
    task_name: str
    category: str
    stratum: str  # A–D or 未分类
    targets: int
    frequency: int
    current: float
    factor: float
    suggested: float
    reason: str

    @property
    def current_count(self) -> int:
        """Inspections a year now: ceil(rate × N) per batch (draw-v1 §4) × 频次."""
        return math.ceil(round(self.current * self.targets, 9)) * self.frequency

    @property
    def suggested_count(self) -> int:
        return math.ceil(round(self.suggested * self.targets, 9)) * self.frequency


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _factor(category: str, stratum: str, evidence: Evidence) -> tuple[float, str]:
    base = evidence.overall.rate
    if not base:
        return 1.0, "没有可用的检查结果：不调整"
    parts: list[str] = []
    factor = 1.0
    cat = evidence.by_category.get(category)
    if cat is not None and cat.rate is not None and cat.excludes(base):
        factor *= cat.rate / base
        parts.append(f"{category}问题发现率 {_pct(cat.rate)}（{_pct(cat.low)}–{_pct(cat.high)}，{cat.n} 户次）"
                     f"{'高于' if cat.rate > base else '低于'}总体 {_pct(base)}")
    cell = evidence.by_cell.get((category, stratum))
    klass = evidence.by_class.get(stratum)
    if cell is not None and cell.rate is not None and cat is not None and cat.rate and cat.enough and cell.excludes(cat.rate):
        factor *= cell.rate / cat.rate
        parts.append(f"其中 {stratum} 类 {_pct(cell.rate)}（{_pct(cell.low)}–{_pct(cell.high)}，{cell.n} 户次）"
                     f"{'高于' if cell.rate > cat.rate else '低于'}该类别 {_pct(cat.rate)}")
    elif (cell is None or not cell.enough) and klass is not None and klass.rate is not None and klass.excludes(base):
        factor *= klass.rate / base
        parts.append(f"{stratum} 类（各类别合计）{_pct(klass.rate)}（{_pct(klass.low)}–{_pct(klass.high)}，"
                     f"{klass.n} 户次）{'高于' if klass.rate > base else '低于'}总体 {_pct(base)}")
    if not parts:
        return 1.0, "与总体无明显差异（区间包含总体发现率或数据不足）：不调整"
    return factor, "；".join(parts)


def _scale(weights: Sequence[float], targets: Sequence[float], lows: Sequence[float], highs: Sequence[float],
           total: float) -> list[float]:
    """Rates clamp(s × weight, low, high) whose Σ rate × target equals ``total`` as closely as the bounds allow."""
    def rates(s: float) -> list[float]:
        return [min(max(s * w, lo), hi) for w, lo, hi in zip(weights, lows, highs, strict=True)]

    def load(s: float) -> float:
        return sum(r * t for r, t in zip(rates(s), targets, strict=True))

    low, high = 0.0, 1.0
    while load(high) < total and high < 1e6:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if load(middle) < total:
            low = middle
        else:
            high = middle
    return rates(high)


def _increasing(values: list[float], weights: list[float]) -> list[float]:
    """Pool-adjacent-violators: the closest non-decreasing sequence (weighted), keeping Σ weight × value."""
    blocks: list[list[float]] = []  # [value, weight, count]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, c2 = blocks.pop()
            v1, w1, c1 = blocks.pop()
            w = w1 + w2
            blocks.append([(v1 * w1 + v2 * w2) / w if w else max(v1, v2), w, c1 + c2])
    out: list[float] = []
    for value, _weight, count in blocks:
        out += [value] * int(count)
    return out


def suggest(tasks: Sequence[PlanTask], targets: Sequence[TargetRow], evidence: Evidence,
            bounds: Bounds | None = None, frequency: Callable[[PlanTask, str], int] | None = None) -> list[Suggestion]:
    """One :class:`Suggestion` per task and class with in-business targets in scope (module docstring);
    ``frequency`` gives a task's 频次 for a class (default: the task's 频次)."""
    bounds = bounds or Bounds()
    batches = frequency or (lambda task, _stratum: task.frequency)
    cells: list[tuple[PlanTask, str, int, float, float, str]] = []
    for task in tasks:
        if task.ratio is None or (task.ratio >= 1 and all(r >= 1 for r in task.class_ratios.values())):
            continue
        sizes = Counter(t.risk for t in targets
                        if t.active and task.category in t.categories and (not task.towns or t.town in task.towns))
        for stratum in (*CLASSES, UNCLASSIFIED):
            if sizes[stratum]:
                rate = float(task.class_ratios.get(stratum, task.ratio)) if stratum != UNCLASSIFIED else float(task.ratio)
                label = UNCLASSIFIED_LABEL if stratum == UNCLASSIFIED else stratum
                factor, reason = _factor(task.category, label, evidence)
                cells.append((task, label, sizes[stratum], rate, factor, reason))
    if not cells:
        return []
    load = [n * batches(task, stratum) for task, stratum, n, *_ in cells]
    factors = [min(max(f, bounds.lowest), bounds.highest) for *_, f, _r in cells]
    total = sum(rate * w for (_t, _s, _n, rate, _f, _r), w in zip(cells, load, strict=True))
    lows = [max(bounds.floor, rate * bounds.lowest) for _t, _s, _n, rate, _f, _r in cells]
    highs = [min(1.0, max(rate * bounds.highest, bounds.floor)) for _t, _s, _n, rate, _f, _r in cells]
    for i, ((_t, _s, _n, rate, _f, _r), f) in enumerate(zip(cells, factors, strict=True)):
        if rate >= 1 and f >= 1:  # 100 % (inspect all) stays unless that class has fewer problems
            lows[i] = highs[i] = 1.0
    weights = [rate * f for (_t, _s, _n, rate, _f, _r), f in zip(cells, factors, strict=True)]
    rates = _scale(weights, load, lows, highs, total)
    rates = _monotone_per_task(cells, rates, load)
    return [Suggestion(task.number, task.name, task.category, stratum, n, batches(task, stratum), rate, factor,
                       _rounded(new, bounds.floor), _saturated(reason, stratum) if rate >= 1 and factor > 1 else reason)
            for (task, stratum, n, rate, _f, reason), factor, new in zip(cells, factors, rates, strict=True)]


def _saturated(reason: str, stratum: str) -> str:
    """A class already inspected at 100 % whose problems call for more: only its 频次 can rise."""
    column = "频次" if stratum == UNCLASSIFIED_LABEL else f"{stratum}类频次"
    return f"{reason}；现行比例已为 100%，比例无法再提高：如需加强，可提高“{column}”（每年检查 2 次及以上，并相应设置同一对象年度抽查上限）"


def _monotone_per_task(cells: Sequence[tuple[PlanTask, str, int, float, float, str]], rates: list[float],
                       load: Sequence[float]) -> list[float]:
    out = list(rates)
    by_task: dict[str, list[int]] = {}
    for index, (task, stratum, *_rest) in enumerate(cells):
        if stratum in CLASSES:
            by_task.setdefault(task.number, []).append(index)
    for indices in by_task.values():
        fixed = _increasing([out[i] for i in indices], [load[i] for i in indices])
        for i, value in zip(indices, fixed, strict=True):
            out[i] = value
    return out


def _rounded(rate: float, floor: float) -> float:
    """Whole percent, at least ``floor``, at most 100 %."""
    percent = Decimal(str(rate * 100)).quantize(Decimal(1))
    return min(1.0, max(floor, float(percent) / 100))

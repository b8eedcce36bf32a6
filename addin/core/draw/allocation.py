"""How many targets each stratum (分层, the credit-risk class) gets — spec §4.2–4.3, in exact integers.

Rate mode (按比例): ``n_h = ceil(p·N_h / q)`` for the rate ``p/q``, raised to ``min_h`` (when the stratum is
not empty), lowered to ``max_h``, never above ``N_h``. Total mode (按总数): a fixed total split over the
strata in proportion to their sizes (largest remainder), after one per non-empty stratum when ``min1``.
No floats: rates are fractions, remainders are integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from addin.core.draw.model import Alloc
from addin.core.draw.plan import rate_fraction
from addin.core.errors import AddinError


@dataclass(frozen=True, slots=True)
class StratumSize:
    """One stratum of a task: its population ``N``, sample size ``n`` and the rate as written (or None)."""

    stratum: str
    N: int
    n: int
    rate: str | None


def stratum_labels(alloc: Alloc, counts: Mapping[str, int]) -> list[str]:
    """(keys of ``rates`` in rate mode) ∪ (strata present in the scope), in byte order."""
    labels = {h for h, c in counts.items() if c > 0}
    if alloc.mode == "rate":
        labels |= {h for h, _ in alloc.rates}
    return sorted(labels)


def allocate(task_id: str, alloc: Alloc, counts: Mapping[str, int]) -> list[StratumSize]:
    """The sizes of every stratum label of one task, in byte order of the labels."""
    labels = stratum_labels(alloc, counts)
    N = {h: counts.get(h, 0) for h in labels}
    if alloc.mode == "rate":
        return _by_rate(task_id, alloc, labels, N)
    return _by_total(task_id, alloc, labels, N)


def _by_rate(task_id: str, alloc: Alloc, labels: list[str], N: dict[str, int]) -> list[StratumSize]:
    rates = dict(alloc.rates)
    minimum, maximum = dict(alloc.minimum), dict(alloc.maximum)
    out = []
    for h in labels:
        if h not in rates:
            raise AddinError(
                "draw.no-rate",
                f"任务“{task_id}”的范围内有风险分类“{h}”的对象（{N[h]} 户），但计划没有给出该分类的抽查比例。",
                {"task_id": task_id, "stratum": h},
            )
        r = rate_fraction(rates[h])
        p, q = r.numerator, r.denominator
        n = (p * N[h] + q - 1) // q
        if N[h] > 0 and h in minimum:
            n = max(n, minimum[h])
        if h in maximum:
            n = min(n, maximum[h])
        out.append(StratumSize(h, N[h], min(n, N[h]), rates[h]))
    return out


def _by_total(task_id: str, alloc: Alloc, labels: list[str], N: dict[str, int]) -> list[StratumSize]:
    total = sum(N.values())
    if alloc.n > total:
        raise AddinError(
            "draw.total-too-large",
            f"任务“{task_id}”要求抽取 {alloc.n} 户，但范围内只有 {total} 户。",
            {"task_id": task_id, "n": alloc.n, "pool_size": total},
        )
    n = dict.fromkeys(labels, 0)
    nonempty = [h for h in labels if N[h] > 0]
    if alloc.min1 and alloc.n >= len(nonempty):
        for h in nonempty:
            n[h] = 1
        w = {h: max(N[h] - 1, 0) for h in labels}
        m = alloc.n - len(nonempty)
    else:
        w = dict(N)
        m = alloc.n
    W = sum(w.values())
    if m > 0 and W > 0:
        for h in labels:
            n[h] += m * w[h] // W
        leftover = m - sum(m * w[h] // W for h in labels)
        order = sorted(labels, key=lambda h: (-(m * w[h] % W), -N[h], h))
        for h in order[:leftover]:
            n[h] += 1
    return [StratumSize(h, N[h], n[h], None) for h in labels]

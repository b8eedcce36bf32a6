"""Problem rates with Wilson intervals, and the suggested rates: towards the problems, same workload, 递加,
no shift without a signal."""

from __future__ import annotations

import pytest
from risk_cases import CATEGORIES, county, flat, inspections, plan

from addin.core.risk.inspections import Verdict, verdict_of
from addin.core.risk.rates import estimates, frame, overall, rate_table, wilson
from addin.core.risk.suggest import Evidence, suggest


def test_wilson_interval_matches_the_textbook_values_and_widens_with_fewer_data() -> None:
    low, high = wilson(2, 10)
    assert (round(low, 4), round(high, 4)) == (0.0567, 0.5098)
    low100, high100 = wilson(20, 100)
    assert (round(low100, 4), round(high100, 4)) == (0.1334, 0.2888)
    assert high - low > high100 - low100
    assert wilson(0, 10)[0] == 0.0
    assert wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)


def test_verdicts_problem_clean_and_not_assessed() -> None:
    assert verdict_of(["未发现问题"]) is Verdict.CLEAN
    assert verdict_of(["发现问题已责令改正"]) is Verdict.PROBLEM
    assert verdict_of(["未按规定公示应当公示的信息"]) is Verdict.PROBLEM
    assert verdict_of(["未发现问题"], ["移送办案机构立案"]) is Verdict.PROBLEM
    assert verdict_of(["未发现问题"], ["无需后续处置"]) is Verdict.CLEAN
    assert verdict_of(["注销"]) is Verdict.NOT_ASSESSED
    assert verdict_of(["已关闭停业或正在组织清算"]) is Verdict.NOT_ASSESSED


def evidence_of(items: list, minimum: int = 10) -> Evidence:  # type: ignore[type-arg]
    data = frame(items)
    tables = {by: rate_table(data, list(cols), minimum) for by, cols in
              (("category", ["category"]), ("stratum", ["stratum"]), ("cell", ["category", "stratum"]))}
    return Evidence(overall(data, minimum),
                    {str(k[0]): e for k, e in estimates(tables["category"], ["category"]).items()},
                    {str(k[0]): e for k, e in estimates(tables["stratum"], ["stratum"]).items()},
                    {(str(k[0]), str(k[1])): e for k, e in estimates(tables["cell"], ["category", "stratum"]).items()})


def test_intervals_widen_with_fewer_data() -> None:
    targets = county()
    rates = flat(0.2)
    many = estimates(rate_table(frame(inspections(targets, rates, 40, range(2021, 2024))), ["category"], 10),
                     ["category"])
    few = estimates(rate_table(frame(inspections(targets, rates, 3, range(2023, 2024))), ["category"], 10),
                    ["category"])
    for category in CATEGORIES:
        wide, narrow = few[(category,)], many[(category,)]
        assert wide.high - wide.low > 2 * (narrow.high - narrow.low)
        assert narrow.enough


def test_insufficient_data_is_marked_and_moves_nothing() -> None:
    targets = county()
    signal = flat(0.1) | {("公共场所", "D"): 0.9}
    table = rate_table(frame(inspections(targets, signal, 2, range(2023, 2024))), ["category", "stratum"], 10)
    assert not table["enough"].any()
    advice = suggest(plan(), targets, evidence_of(inspections(targets, signal, 2, range(2023, 2024))))
    assert all(s.factor == 1.0 for s in advice)


def workload(advice: list) -> tuple[float, float]:  # type: ignore[type-arg]
    now = sum(s.current * s.targets * s.frequency for s in advice)
    then = sum(s.suggested * s.targets * s.frequency for s in advice)
    return now, then


def test_with_a_signal_rates_move_towards_d_firms_and_public_places_keeping_the_workload() -> None:
    targets = county()
    signal = flat(0.08) | {(c, "D"): 0.45 for c in CATEGORIES} | {("公共场所", s): 0.3 for s in "ABC"}
    signal[("公共场所", "D")] = 0.6
    advice = suggest(plan(), targets, evidence_of(inspections(targets, signal, 40, range(2021, 2024))))
    by = {(s.category, s.stratum): s for s in advice}
    assert by[("公共场所", "C")].suggested > by[("公共场所", "C")].current
    assert by[("生活饮用水", "C")].suggested < by[("生活饮用水", "C")].current
    assert by[("公共场所", "A")].suggested >= by[("生活饮用水", "A")].suggested
    assert by[("学校卫生", "D")].factor > 1  # D firms: more problems than their category
    now, then = workload(advice)
    assert then == pytest.approx(now, rel=0.05)  # the same workload (rounding to whole percent aside)
    for category in CATEGORIES:  # 递加: A ≤ B ≤ C ≤ D in every task
        rates = [by[(category, s)].suggested for s in "ABCD"]
        assert rates == sorted(rates)
    assert all("高于" in by[("公共场所", s)].reason for s in "ABC")
    # D is inspected at 100 % already: its rate cannot rise, the reason points to D类频次 instead
    assert by[("公共场所", "D")].suggested == 1
    assert "可提高“D类频次”" in by[("公共场所", "D")].reason
    assert "频次" not in by[("公共场所", "C")].reason


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_without_a_signal_the_suggestion_stays_within_the_noise(seed: int) -> None:
    targets = county()
    advice = suggest(plan(), targets, evidence_of(inspections(targets, flat(0.2), 30, range(2021, 2024), seed)))
    moved = [s for s in advice if s.factor != 1.0]
    assert len(moved) <= 2  # a 95 % interval misses the truth now and then: at most a couple of cells move
    unchanged = [s for s in advice if abs(s.suggested - s.current) <= 0.01 + 1e-9]  # one point of rounding
    assert len(unchanged) >= len(advice) - 3
    now, then = workload(advice)
    assert then == pytest.approx(now, rel=0.05)


def test_a_plan_that_falls_from_a_to_d_is_made_increasing() -> None:
    from dataclasses import replace
    from decimal import Decimal

    targets = county()
    bad = [replace(t, class_ratios={"A": Decimal("0.5"), "B": Decimal("0.2"), "C": Decimal("0.1"),
                                     "D": Decimal("0.1")}) for t in plan()]
    advice = suggest(bad, targets, evidence_of(inspections(targets, flat(0.2), 30, range(2023, 2024))))
    for category in CATEGORIES:
        rates = [s.suggested for s in advice if s.category == category and s.stratum in "ABCD"]
        assert rates == sorted(rates)

"""风险预警 rules: each fires at its threshold (a 设置 item) and not below it, and names itself."""

from __future__ import annotations

import datetime as dt

from addin.core.records import TargetRow
from addin.core.results import ResultRecord
from addin.core.risk.alerts import AlertRules, alerts
from addin.core.risk.inspections import Inspection, Profile
from addin.core.risk.rates import Estimate, wilson
from addin.core.workdays import WorkCalendar

TODAY = dt.date(2024, 7, 31)
CALENDAR = WorkCalendar.build(None)


def target(n: int, **kw: object) -> TargetRow:
    base: dict[str, object] = {"uscc": f"9114050000000000{n:02d}", "name": f"单位{n}", "town": "城关镇",
                               "categories": ("公共场所",), "state": "在营", "risk": "B"}
    return TargetRow(**(base | kw))  # type: ignore[arg-type]


def seen(t: TargetRow, day: dt.date, outcome: str = "未发现问题", rectify_by: dt.date | None = None,
         rectified_on: dt.date | None = None) -> Inspection:
    record = ResultRecord(0, "T1", t.uscc, day, ("ZF1",), ("实地检查",), (outcome,), rectify_by=rectify_by,
                          rectified_on=rectified_on)
    return Inspection(record, Profile(t.name, t.categories[0], t.risk, t.town), "检查结果")


def codes(found: list, uscc: str) -> list[str]:  # type: ignore[type-arg]
    return sorted(a.code for a in found if a.uscc == uscc)


def test_licences_expired_and_expiring_within_the_setting() -> None:
    gone = target(1, licence_until=dt.date(2024, 7, 30))
    soon = target(2, licence_until=TODAY + dt.timedelta(days=60))
    later = target(3, licence_until=TODAY + dt.timedelta(days=61))
    closed = target(4, licence_until=dt.date(2020, 1, 1), state="注销")
    found = alerts([gone, soon, later, closed], [], {}, {}, TODAY, CALENDAR, AlertRules())
    assert codes(found, gone.uscc) == ["risk.licence-expired"]
    assert codes(found, soon.uscc) == ["risk.licence-expiring"]
    assert codes(found, later.uscc) == []
    assert codes(found, closed.uscc) == []
    wider = alerts([later], [], {}, {}, TODAY, CALENDAR, AlertRules(licence_days=90))
    assert codes(wider, later.uscc) == ["risk.licence-expiring"]
    assert found[0].level == "高"
    assert found[0].rule == "许可证已过期"


def test_repeated_problems_and_overdue_rectification() -> None:
    twice, once, late = target(1), target(2), target(3)
    history = [seen(twice, dt.date(2022, 5, 1), "发现问题已责令改正"), seen(twice, dt.date(2024, 6, 1), "发现问题待后续处理"),
               seen(once, dt.date(2024, 6, 1), "发现问题已责令改正"),
               seen(late, dt.date(2024, 6, 1), "发现问题已责令改正", rectify_by=dt.date(2024, 7, 1)),
               seen(once, dt.date(2024, 6, 2), "发现问题已责令改正", rectify_by=dt.date(2024, 7, 1),
                    rectified_on=dt.date(2024, 6, 30))]
    found = alerts([twice, once, late], history, {}, {}, TODAY, CALENDAR, AlertRules())
    assert codes(found, twice.uscc) == ["risk.repeat-problems"]
    assert "2022-05-01、2024-06-01" in next(a.reason for a in found if a.uscc == twice.uscc)
    assert codes(found, late.uscc) == ["risk.rectification-overdue"]
    assert "risk.rectification-overdue" not in codes(found, once.uscc)
    assert "risk.repeat-problems" in codes(found, once.uscc)  # two problem inspections: 6-01 and 6-02
    stricter = alerts([twice], history, {}, {}, TODAY, CALENDAR, AlertRules(repeat_problems=3))
    assert codes(stricter, twice.uscc) == []


def test_c_and_d_firms_not_inspected_for_longer_than_the_setting() -> None:
    d_old, d_recent, c_never, b_never, d_drawn = (target(1, risk="D"), target(2, risk="D"), target(3, risk="C"),
                                                  target(4, risk="B"), target(5, risk="D"))
    history = [seen(d_old, dt.date(2023, 7, 1)), seen(d_recent, dt.date(2023, 8, 15)), seen(b_never, dt.date(2021, 3, 1))]
    found = alerts([d_old, d_recent, c_never, b_never, d_drawn], history, {d_drawn.uscc: "第1批"}, {}, TODAY, CALENDAR,
                   AlertRules())
    assert codes(found, d_old.uscc) == ["risk.high-risk-not-inspected"]
    assert codes(found, d_recent.uscc) == []
    assert [a.level for a in found if a.uscc == c_never.uscc] == ["中"]
    assert "2021 年以来的检查记录中没有检查" in next(a.reason for a in found if a.uscc == c_never.uscc)
    assert codes(found, b_never.uscc) == []
    drawn = next(a for a in found if a.uscc == d_drawn.uscc)
    assert drawn.level == "低"
    assert "第1批" in drawn.action


def test_never_inspected_since_registration_only_within_the_records() -> None:
    new = target(1, registered_on=dt.date(2022, 3, 1))
    young = target(2, registered_on=dt.date(2024, 1, 1))
    old = target(3, registered_on=dt.date(2015, 1, 1))
    visited = target(4, registered_on=dt.date(2022, 3, 1))
    key = target(5, registered_on=dt.date(2022, 3, 1), key=True)
    history = [seen(visited, dt.date(2023, 5, 1)), seen(target(9), dt.date(2021, 5, 1))]
    found = alerts([new, young, old, visited, key], history, {}, {}, TODAY, CALENDAR, AlertRules())
    assert codes(found, new.uscc) == ["risk.never-inspected"]
    assert [a.level for a in found if a.uscc == new.uscc] == ["低"]
    assert [a.level for a in found if a.uscc == key.uscc] == ["中"]
    assert codes(found, young.uscc) == []  # registered less than 365 days ago
    assert codes(found, old.uscc) == []  # registered before the records begin (2021): cannot be judged
    assert codes(found, visited.uscc) == []


def estimate(problems: int, n: int) -> Estimate:
    low, high = wilson(problems, n)
    return Estimate(n, problems, low, high, n >= 10)


def test_a_category_whose_problem_rate_rose_sharply() -> None:
    rising = {("公共场所", 2022): estimate(5, 50), ("公共场所", 2023): estimate(6, 50), ("公共场所", 2024): estimate(20, 50),
              ("学校卫生", 2023): estimate(5, 50), ("学校卫生", 2024): estimate(8, 50),
              ("托育机构", 2023): estimate(1, 8), ("托育机构", 2024): estimate(6, 8)}
    found = alerts([], [], {}, rising, TODAY, CALENDAR, AlertRules())
    assert [(a.code, a.category) for a in found] == [("risk.category-rising", "公共场所")]
    assert "2024 年问题发现率 40%" in found[0].reason
    assert "2022–2023 年 11%" in found[0].reason
    assert alerts([], [], {}, rising, TODAY, CALENDAR, AlertRules(rise_points=35)) == []

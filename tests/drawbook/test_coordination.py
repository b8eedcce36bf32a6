"""协同抽取 and businesses in several categories: coordinated tasks share doors, never probabilities.

Measured against independent selection on the same inputs: the same number of checks, more targets drawn by
both tasks, fewer visits — and every business of a class is drawn by each task with exactly ``n_h / N_h``,
checked over 3,000 seeds (a fixed list: the test is deterministic; the tolerance is 5 binomial standard
deviations, which a correct draw exceeds for one of these 300 business-task pairs with probability < 2e-4).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from drawbook_cases import DAY, DRAW_TIME, FREEZE_TIME, TARGET_HEADER, records, sheets, write_book

from addin.core.arrangement import visits
from addin.core.draw import H, build_randomness_json, parse_inputs, parse_randomness, run_draw
from addin.core.draw.build import build_plan_json, build_pool_tsv
from addin.core.draw.canonical import parse_pool
from addin.core.draw.model import Plan, Target
from addin.core.draw.plan import parse_plan
from addin.core.draw.ranking import draw_targets
from addin.core.forms import forms_of
from addin.core.freeze.build import FreezeSource, build_freeze
from addin.core.freeze.plan_json import COORDINATED, plan_dict
from addin.core.records import InspectorRow, ItemRow, PlanTask, TargetRow
from addin.services.draw.draw import draw
from addin.services.draw.freeze import freeze
from addin.services.validate import validate_path

SEEDS = 3000
MEDICAL, RADIATION = "医疗机构/", "放射卫生/"


def _pool() -> tuple[Target, ...]:
    """40 hospitals in both categories, 60 clinics (医疗机构 only), 20 radiology practices; classes A and B."""
    rows: list[tuple[str, str, Any, str]] = []
    for i in range(40):
        rows.append((f"H{i:03d}", "AB"[i % 2], [MEDICAL, RADIATION], "城关镇/"))
    for i in range(60):
        rows.append((f"C{i:03d}", "AB"[i % 3 == 0], [MEDICAL], "城关镇/"))
    for i in range(20):
        rows.append((f"R{i:03d}", "AB"[i % 2], [RADIATION], "城关镇/"))
    return parse_pool(build_pool_tsv(rows), "draw-v2")


def _plan(coordinated: bool) -> Plan:
    def task(tid: str, prefix: str, a: str, b: str) -> dict[str, Any]:
        return {"task_id": tid, "dept": "卫生健康局", "key_scope": COORDINATED if coordinated else tid,
                "filter": {"industry_prefix": [prefix]}, "alloc": {"mode": "rate", "rates": {"A": a, "B": b}}}
    plan = {"spec": "draw-v2", "plan_id": "P", "randomness": [{"type": "test", "id": "1"}],
            "tasks": [task("M", MEDICAL, "0.1", "0.2"), task("R", RADIATION, "0.3", "0.5")]}
    return parse_plan(build_plan_json(plan))


def _measure(coordinated: bool) -> dict[str, Any]:
    pool, plan = _pool(), _plan(coordinated)
    counts: dict[tuple[str, str], int] = {}
    overlap = visits_total = checks = 0
    sizes: dict[tuple[str, str], Fraction] = {}
    for i in range(SEEDS):
        draws = draw_targets(plan, pool, H("test-seed", str(i)))
        chosen = {d.task.task_id: set(d.selected_ids()) for d in draws}
        for d in draws:
            for s in d.strata:
                sizes[(d.task.task_id, s.size.stratum)] = Fraction(s.size.n, s.size.N)
            for eid in d.selected_ids():
                counts[(d.task.task_id, eid)] = counts.get((d.task.task_id, eid), 0) + 1
        overlap += len(chosen["M"] & chosen["R"])
        visits_total += len(chosen["M"] | chosen["R"])
        checks += len(chosen["M"]) + len(chosen["R"])
    return {"counts": counts, "sizes": sizes, "overlap": overlap / SEEDS, "visits": visits_total / SEEDS,
            "checks": checks / SEEDS, "pool": pool, "plan": plan}


def test_coordination_shares_doors_and_keeps_every_probability() -> None:
    together, apart = _measure(True), _measure(False)
    # the same checks; more businesses drawn by both tasks, so fewer visits
    # M: 10 % of 60 A + 20 % of 40 B = 6 + 8; R: 30 % of 30 A + 50 % of 30 B = 9 + 15
    assert together["checks"] == apart["checks"] == 14 + 24
    # independent: Σ over the 40 hospitals of p_M · p_R = 20·(1/10·3/10) + 20·(1/5·1/2) = 2.6
    assert abs(apart["overlap"] - 2.6) < 0.15
    # coordinated: as far as the rates allow — no pair of draws with these probabilities can share more than
    # Σ min(p_M, p_R) = 20·1/10 + 20·1/5 = 6 businesses on average; the shared keys come within 5 % of it
    assert 0.95 * 6 <= together["overlap"] <= 6
    for found in (together, apart):
        assert found["visits"] == found["checks"] - found["overlap"]  # a business drawn by both: one visit
    assert together["visits"] < apart["visits"] - 3
    # every business of a class: drawn by each task with n_h / N_h, coordinated or not
    for found in (together, apart):
        classes = {t.entity_id: t.stratum for t in found["pool"]}
        scopes = {"M": lambda t: MEDICAL in t.industries, "R": lambda t: RADIATION in t.industries}
        for task, inside in scopes.items():
            for target in found["pool"]:
                if not inside(target):
                    continue
                p = found["sizes"][(task, classes[target.entity_id])]
                seen = found["counts"].get((task, target.entity_id), 0) / SEEDS
                sd = math.sqrt(float(p * (1 - p)) / SEEDS)
                assert abs(seen - float(p)) <= 5 * sd, (task, target.entity_id, seen, p)


# -- through the freeze: the 协同抽取 setting and a business in several categories ---------------------------
D = dt.date


def _task(number: str, category: str, item: str, coordinate: bool | None = None) -> PlanTask:
    return PlanTask(number, f"任务{number}", (item,), category, ratio=Decimal("1"), start=D(2024, 5, 1),
                    end=D(2024, 11, 30), lead_dept="卫生健康局", coordinate=coordinate)


ITEMS = {"YL": ItemRow("YL", "医疗机构依法执业检查", ("执业许可",), "医疗机构", expertise="医疗卫生", dept="卫生健康局"),
         "FS": ItemRow("FS", "放射诊疗检查", ("放射诊疗许可证", "个人剂量监测"), "放射卫生", expertise="放射卫生",
                       dept="卫生健康局")}


def test_the_tasks_of_a_batch_are_coordinated_unless_the_setting_or_the_task_says_no() -> None:
    tasks = [_task("T1", "医疗机构", "YL"), _task("T2", "放射卫生", "FS"), _task("T3", "放射卫生", "FS", False)]
    plan, _subs = plan_dict("P", tasks, ITEMS, team_size=2, reserve=0, sources=[("test", "1")])
    assert [(t["task_id"], t["key_scope"]) for t in plan["tasks"]] == [
        ("T1/卫生健康局/医疗卫生", "协同"), ("T2/卫生健康局/放射卫生", "协同"), ("T3/卫生健康局/放射卫生", "T3")]
    assert plan["spec"] == "draw-v2"
    plan, _subs = plan_dict("P", [*tasks[:2], _task("T3", "放射卫生", "FS", True)], ITEMS, team_size=2, reserve=0,
                            sources=[("test", "1")], coordinate=False)
    assert [t["key_scope"] for t in plan["tasks"]] == ["T1", "T2", "协同"]


def test_a_business_in_two_categories_is_one_visit_with_one_team_and_one_form() -> None:
    hospital = TargetRow("91140599MA0KHOSP1X", "示例县人民医院", "城关镇", ("医疗机构", "放射卫生"), "在营", "A", row=2)
    clinic = TargetRow("92140599MA0KCLIN2Y", "示例县康宁诊所", "城关镇", ("医疗机构",), "在营", "B", row=3)
    people = [InspectorRow(f"ZF{i}", f"人员{i}", "卫生健康局", fields, "在岗", D(2030, 1, 1), row=i + 2)
              for i, fields in enumerate([("医疗卫生",), ("放射卫生",), ("医疗卫生", "放射卫生"), ("医疗卫生",)])]
    tasks = (_task("T1", "医疗机构", "YL"), _task("T2", "放射卫生", "FS"))
    source = FreezeSource(2024, "示例县卫生健康局", (hospital, clinic), tuple(people), (), ITEMS, tasks)
    build = build_freeze(source, tasks, "P", [("test", "1")])
    assert build.files["pool"].decode().splitlines()[0].split("\t")[2] == "医疗机构/ 放射卫生/"
    inputs = parse_inputs(build.files)
    values, _ = parse_randomness(build_randomness_json([("test", "1", "42")]), inputs.plan)
    result = run_draw(inputs, values)
    units = {u["entities"][0]: u for u in result["units"]}
    assert set(units) == {hospital.uscc, clinic.uscc}
    assert set(units[hospital.uscc]["tasks"]) == {"T1/卫生健康局/医疗卫生", "T2/卫生健康局/放射卫生"}
    tags = {s["tag"] for s in units[hospital.uscc]["team"] if s["inspector"]}
    assert tags >= {"医疗卫生", "放射卫生"}
    found = visits(result, [], build.subtasks, {p.licence: p for p in people}, tasks)
    visit = next(v for v in found if v.uscc == hospital.uscc)
    assert (visit.task_numbers, visit.items) == (("T1", "T2"), ("YL", "FS"))
    forms = forms_of(found, {t.uscc: t for t in (hospital, clinic)}, ITEMS, {t.number: t for t in tasks}, "示例县")
    form = next(f for f in forms if f.uscc == hospital.uscc)
    assert [i.code for i in form.items] == ["YL", "FS"]
    assert form.category == "医疗机构、放射卫生"


# -- in the workbook: several categories in one cell ------------------------------------------------------------
def test_a_business_written_with_two_categories_is_in_the_scope_of_the_tasks_of_each(tmp_path: Path) -> None:
    content = sheets()
    targets = content["检查对象名录库"]
    column = TARGET_HEADER.index("检查对象类别")
    hotel = list(targets[1])
    hotel[column] = "公共场所、游泳场（馆）"  # a hotel that runs a swimming pool
    content["检查对象名录库"] = [targets[0], tuple(hotel), *targets[2:]]
    book = write_book(tmp_path / "测试县.xlsx", content)
    report = validate_path(book, today=DAY)
    assert [i.code for i in report.issues if i.is_error] == []
    frozen = freeze(book, tmp_path / "out" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    pool = {line.split("\t")[0]: line.split("\t")[2] for line in frozen.build.files["pool"].decode().splitlines()}
    assert pool[hotel[0]] == "公共场所/ 游泳场（馆）/"
    drawn = draw(frozen.out, tmp_path / "out" / "抽取.xlsx", randomness=[("test", "1", "hotel")], now=DRAW_TIME)
    arranged = {r["统一社会信用代码"]: r for r in records(tmp_path / "out" / "抽取.xlsx", drawn.sheets[1])}
    # T02 draws every pool (100 %): the hotel is one of them, and when T01 draws it too it is still one visit
    assert "T02" in str(arranged[hotel[0]]["任务编号"]).split("、")
    assert arranged[hotel[0]]["检查对象类别"] == "公共场所、游泳场（馆）"

"""ssj freeze on a small workbook: the evidence folder, the plan, the pool and roster with their exclusions,
the log mirrored in 抽取记录, batches and their numbering, and the refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from drawbook_cases import (
    CLOSED,
    DAY,
    DEREGISTERED,
    EXPIRING,
    FREEZE_TIME,
    MARKET,
    ON_LEAVE,
    PUBLIC,
    SPORT,
    SWIM,
    DrawnCase,
    records,
    set_setting,
    sheets,
    write_book,
)

from addin.core.draw import parse_plan
from addin.core.errors import AddinError
from addin.core.freeze.plan_json import task_number
from addin.services.draw.evidence import verify_folder
from addin.services.draw.freeze import Frozen, InvalidBook, freeze


def test_freeze_writes_a_new_evidence_folder_and_leaves_the_input_untouched(book: Path, frozen: Frozen) -> None:
    before = book.read_bytes()
    assert frozen.plan_id == "测试县卫生健康局-2024年第1批"
    assert frozen.evidence == book.parent / "out" / "抽取证据" / frozen.plan_id
    names = sorted(p.name for p in frozen.evidence.iterdir())
    assert names == ["conflicts.tsv", "log.jsonl", "plan.json", "pool.tsv", "roster.tsv", "team_conflicts.tsv"]
    found = verify_folder(frozen.evidence)
    assert found.difference is None
    assert found.head == frozen.freeze_hash
    assert book.read_bytes() == before


def test_default_batch_takes_the_tasks_whose_window_contains_the_date(frozen: Frozen) -> None:
    included = {c.task.number: c.included for c in frozen.choices}
    assert included == {"T01": True, "T02": True, "T03": False}
    plan = parse_plan((frozen.evidence / "plan.json").read_bytes())
    assert {task_number(t.task_id) for t in plan.tasks} == {"T01", "T02"}
    assert plan.spec == "draw-v2"


def test_joint_task_becomes_one_draw_task_per_department_sharing_one_key_scope(frozen: Frozen) -> None:
    plan = parse_plan((frozen.evidence / "plan.json").read_bytes())
    joint = [(t.task_id, t.dept, t.tag, t.key_scope) for t in plan.tasks if task_number(t.task_id) == "T02"]
    assert joint == [(f"T02/{SPORT}", SPORT, None, "协同"),  # byte order of the task IDs; 协同抽取 by default
                     ("T02/卫生健康局/公共场所", "卫生健康局", "公共场所", "协同"),
                     (f"T02/{MARKET}/市场监管", MARKET, "市场监管", "协同")]
    same = {(t.industry_prefix, t.region_prefix, t.alloc) for t in plan.tasks if task_number(t.task_id) == "T02"}
    assert len(same) == 1


def test_rates_are_exact_decimal_strings_with_class_overrides_and_U_at_the_task_ratio(frozen: Frozen) -> None:
    raw = json.loads((frozen.evidence / "plan.json").read_bytes())
    t01 = next(t for t in raw["tasks"] if task_number(t["task_id"]) == "T01")
    assert t01["alloc"] == {"mode": "rate", "rates": {"A": "0.1", "B": "0.3", "C": "0.3", "D": "1", "U": "0.3"}}
    assert t01["filter"] == {"industry_prefix": ["公共场所/"]}
    assert raw["team_size"] == 2
    assert raw["reserve"] == 2
    assert raw["randomness"] == [{"type": "test", "id": "1"}]


def test_pool_holds_active_targets_with_class_category_and_township_ending_in_a_separator(frozen: Frozen) -> None:
    lines = (frozen.evidence / "pool.tsv").read_text(encoding="utf-8").splitlines()
    pool = {line.split("\t")[0]: line.split("\t")[1:] for line in lines}
    assert DEREGISTERED not in pool
    assert CLOSED not in pool
    assert len(pool) == len(PUBLIC) - 1 + len(SWIM) - 1
    assert pool[PUBLIC[4]] == ["U", "公共场所/", "城关镇/"]  # 未分类
    assert pool[PUBLIC[3]] == ["D", "公共场所/", "南河镇/"]
    assert pool[SWIM[0]] == ["B", "游泳场（馆）/", "城关镇/"]


def test_every_exclusion_is_listed_with_its_reason(frozen: Frozen) -> None:
    rows = records(frozen.out, "抽取排除")
    found = {(r["编号"], r["原因代码"]) for r in rows}
    assert found == {(DEREGISTERED, "target.not-active"), (CLOSED, "target.not-active"),
                     (ON_LEAVE, "inspector.not-on-duty"), (EXPIRING, "inspector.certificate")}
    reasons = {r["编号"]: r["原因"] for r in rows}
    assert "注销" in reasons[DEREGISTERED]
    assert "休假" in reasons[ON_LEAVE]
    assert "2024-06-30" in reasons[EXPIRING]
    assert "2024-12-20" in reasons[EXPIRING]  # the batch's last task ends then
    roster = (frozen.evidence / "roster.tsv").read_text(encoding="utf-8")
    assert ON_LEAVE not in roster
    assert EXPIRING not in roster
    assert "ZF0001\t卫生健康局\t公共场所,生活饮用水\t40\n" in roster


def test_conflicts_come_from_the_sheet_and_optionally_from_the_last_inspection(tmp_path: Path) -> None:
    content = sheets()
    content["设置"] = set_setting(content["设置"], "上次检查人员回避", "是")
    content["检查结果"] = [*content["检查结果"], ("T03", PUBLIC[2], dt.date(2023, 11, 2), "ZF0002、ZF0003", "实地检查",
                                                "未发现问题", "卫生健康局")]
    book = write_book(tmp_path / "b.xlsx", content)
    done = freeze(book, tmp_path / "o.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    conflicts = (done.evidence / "conflicts.tsv").read_text(encoding="utf-8").splitlines()
    assert conflicts == [f"ZF0001\t{PUBLIC[0]}\tREL", f"ZF0002\t{PUBLIC[2]}\tPREV", f"ZF0003\t{PUBLIC[2]}\tPREV"]


def test_a_target_at_its_yearly_cap_for_an_item_is_left_out(tmp_path: Path) -> None:
    content = sheets()
    content["检查结果"] = [*content["检查结果"], ("T03", PUBLIC[1], dt.date(2024, 3, 2), "ZF0002、ZF0003", "实地检查",
                                                "未发现问题", "卫生健康局")]
    book = write_book(tmp_path / "b.xlsx", content)
    done = freeze(book, tmp_path / "o.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    over = [r for r in records(done.out, "抽取排除") if r["原因代码"] == "target.over-cap"]
    assert [r["编号"] for r in over] == [PUBLIC[1]]
    assert "GG01" in over[0]["原因"]
    content["设置"] = set_setting(content["设置"], "同一对象年度抽查上限", 2)
    again = freeze(write_book(tmp_path / "c.xlsx", content), tmp_path / "p.xlsx", day=DAY, sources=[("test", "1")],
                   now=FREEZE_TIME)
    assert PUBLIC[1] in (again.evidence / "pool.tsv").read_text(encoding="utf-8")
    last_year = sheets()
    last_year["检查结果"] = [*last_year["检查结果"], ("T03", PUBLIC[1], dt.date(2023, 3, 2), "ZF0002", "实地检查",
                                                    "未发现问题", "卫生健康局")]
    old = freeze(write_book(tmp_path / "d.xlsx", last_year), tmp_path / "q.xlsx", day=DAY, sources=[("test", "1")],
                 now=FREEZE_TIME)
    assert PUBLIC[1] in (old.evidence / "pool.tsv").read_text(encoding="utf-8")


def test_the_freeze_entry_is_appended_to_the_log_sheet_with_its_hash(frozen: Frozen) -> None:
    rows = records(frozen.out, "抽取记录")
    assert len(rows) == 1
    row = rows[0]
    assert (row["序号"], row["类型"], row["批次"]) == (0, "冻结", frozen.plan_id)
    assert row["时间"] == FREEZE_TIME
    assert row["本条哈希"] == frozen.freeze_hash
    assert hashlib.sha256(row["内容(JSON)"].encode("utf-8")).hexdigest() == frozen.freeze_hash
    assert row["上一条哈希"] == "0" * 64


def test_a_second_freeze_is_a_new_batch_in_a_new_folder(book: Path, frozen: Frozen) -> None:
    log_before = (frozen.evidence / "log.jsonl").read_bytes()
    second = freeze(book, book.parent / "out" / "冻结2.xlsx", day=DAY, sources=[("test", "2")], now=FREEZE_TIME)
    assert second.plan_id == "测试县卫生健康局-2024年第2批"
    assert second.evidence != frozen.evidence
    assert (frozen.evidence / "log.jsonl").read_bytes() == log_before
    chained = freeze(frozen.out, book.parent / "out" / "冻结3.xlsx", day=DAY, sources=[("test", "3")],
                     now=FREEZE_TIME)
    assert chained.plan_id == "测试县卫生健康局-2024年第3批"
    rows = records(chained.out, "抽取记录")
    assert [(r["批次"], r["类型"]) for r in rows] == [(frozen.plan_id, "冻结"), (chained.plan_id, "冻结")]
    assert [p.plan_id for p in chained.pending] == [frozen.plan_id]


def test_an_existing_evidence_folder_is_never_overwritten(book: Path, frozen: Frozen) -> None:
    before = {p.name: p.read_bytes() for p in frozen.evidence.iterdir()}
    with pytest.raises(AddinError) as err:
        freeze(book, book.parent / "x.xlsx", day=DAY, sources=[("test", "2")], now=FREEZE_TIME,
               evidence=frozen.evidence)
    assert err.value.code == "freeze.evidence-exists"
    # the same freeze again (no workbook records it yet): the same batch, nothing rewritten
    again = freeze(book, book.parent / "y.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME,
                   evidence=frozen.evidence)
    assert (again.plan_id, again.freeze_hash, again.resumed) == (frozen.plan_id, frozen.freeze_hash, True)
    assert {p.name: p.read_bytes() for p in frozen.evidence.iterdir()} == before


def test_explicit_tasks_and_a_day_without_tasks(book: Path) -> None:
    done = freeze(book, book.parent / "t3.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME, tasks=["t03"])
    assert [c.task.number for c in done.choices if c.included] == ["T03"]
    assert "不在抽查起止时间内" in next(c.note for c in done.choices if c.included)
    with pytest.raises(AddinError) as err:
        freeze(book, book.parent / "none.xlsx", day=dt.date(2024, 4, 1), sources=[("test", "1")], now=FREEZE_TIME)
    assert err.value.code == "freeze.no-tasks"
    with pytest.raises(AddinError) as err:
        freeze(book, book.parent / "u.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME, tasks=["T09"])
    assert err.value.code == "freeze.unknown-task"


def test_refusals_before_anything_is_written(book: Path, tmp_path: Path) -> None:
    with pytest.raises(AddinError) as err:
        freeze(book, book, day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    assert err.value.code == "file.would-overwrite-input"
    with pytest.raises(AddinError) as err:
        freeze(book, tmp_path / "n.xlsx", day=DAY, sources=[], now=FREEZE_TIME)
    assert err.value.code == "freeze.no-source"
    bad = sheets()
    bad["检查对象名录库"] = [*bad["检查对象名录库"], ("123", "坏代码", "企业", None, None, "地址", "城关镇", "公共场所",
                                                 "公共卫生股", "在营", "A")]
    with pytest.raises(InvalidBook) as invalid:
        freeze(write_book(tmp_path / "bad.xlsx", bad), tmp_path / "o.xlsx", day=DAY, sources=[("test", "1")],
               now=FREEZE_TIME)
    assert any(i.sheet == "检查对象名录库" for i in invalid.value.issues)
    assert not (tmp_path / "抽取证据").exists()
    assert not (tmp_path / "o.xlsx").exists()


def test_after_a_draw_its_tasks_are_used_up_and_its_targets_at_their_cap(drawn: DrawnCase) -> None:
    with pytest.raises(AddinError) as err:
        freeze(drawn.drawn.out, drawn.drawn.out.parent / "again.xlsx", day=DAY, sources=[("test", "2")],
               now=FREEZE_TIME)
    assert err.value.code == "freeze.no-tasks"
    assert "频次已用完" in err.value.message
    again = freeze(drawn.drawn.out, drawn.drawn.out.parent / "again.xlsx", day=DAY, sources=[("test", "2")],
                   now=FREEZE_TIME, tasks=["T01"])
    drawn_t01 = {r["统一社会信用代码"] for r in records(drawn.drawn.out, "检查安排") if r["任务编号"] == "T01"}
    assert again.exclusions_sheet == "抽取排除 (2)"  # the first freeze's sheet stays as it was
    over = {r["编号"] for r in records(again.out, again.exclusions_sheet) if r["原因代码"] == "target.over-cap"}
    assert over == drawn_t01
    assert "频次已用完" in next(c.note for c in again.choices if c.included)

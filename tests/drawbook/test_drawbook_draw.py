"""ssj draw on the small workbook: the sheets, the log, the joint visits, the refusals, and what the post-draw
steps (issue 6) read back from 检查安排 and 抽取记录."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from drawbook_cases import DRAW_TIME, HEALTH, MARKET, PUBLIC, SPORT, SWIM, DrawnCase, records

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import output_sheets as out
from addin.core.draw.model import RandomnessSource
from addin.core.draw.plan import parse_randomness
from addin.core.errors import AddinError
from addin.core.freeze.plan_json import task_number
from addin.services.draw.draw import draw
from addin.services.draw.evidence import read_inputs, verify_folder
from addin.services.draw.freeze import Frozen
from addin.services.post_book import read_draws


def test_draw_completes_the_evidence_and_the_log(drawn: DrawnCase) -> None:
    folder = drawn.drawn.evidence
    assert (folder / "randomness.json").is_file()
    assert (folder / "result.json").is_file()
    found = verify_folder(folder)
    assert found.difference is None
    assert found.entries == 3
    assert found.head == drawn.drawn.head
    rows = records(drawn.drawn.out, out.LOG)
    assert [(r["序号"], r["类型"]) for r in rows] == [(0, "冻结"), (1, "随机源取值"), (2, "抽取结果")]
    assert rows[2]["时间"] == DRAW_TIME
    assert rows[2]["本条哈希"] == drawn.drawn.head
    assert rows[1]["上一条哈希"] == rows[0]["本条哈希"]
    assert "不能防止操纵" in rows[1]["说明"]


def test_joint_task_visits_have_a_member_of_every_department(drawn: DrawnCase) -> None:
    rows = records(drawn.drawn.out, out.ARRANGEMENT)
    swim = [r for r in rows if r["统一社会信用代码"] in SWIM]
    assert len(swim) == len(SWIM) - 1  # 100 %, the 停业 one left out
    for row in swim:
        assert row["任务编号"] == "T02"
        assert row["抽查事项"] == "YY01、SC01"
        assert sorted(row["代表部门"].split("、")) == sorted([HEALTH, MARKET, SPORT])
        assert len(row["执法证号"].split("、")) == 3
        assert row["未满员"] == "否"
    result = drawn.drawn.result
    joint = [t for t in result["tasks"] if task_number(t["task_id"]) == "T02"]
    assert len(joint) == 3
    assert len({tuple(x["id"] for s in t["strata"] for x in s["selected"]) for t in joint}) == 1


def test_the_arrangement_sheet_is_what_the_post_draw_steps_read(drawn: DrawnCase) -> None:
    book = OpenpyxlBook.read(drawn.drawn.out)
    try:
        draws = read_draws(book)
    finally:
        book.close()
    assert len(draws.visits) == drawn.drawn.targets
    assert draws.voided_batches == frozenset()
    assert draws.batch_dates == {drawn.drawn.plan_id: dt.date(2024, 5, 6)}
    visit = next(v for v in draws.visits if v.uscc in SWIM)
    assert visit.batch == drawn.drawn.plan_id
    assert visit.task_ids == ("T02",)
    assert len(visit.licence_nos) == len(visit.inspector_names) == 3


def test_draw_result_sheet_per_task_and_class(drawn: DrawnCase) -> None:
    rows = records(drawn.drawn.out, out.DRAW_RESULT)
    t01 = [r for r in rows if r["任务编号"] == "T01"]
    by_class = {r["信用风险分类"]: (r["分层对象数"], r["抽查比例"], r["抽取数"]) for r in t01}
    # 23 active 公共场所 targets; classes cycle A B C D 未分类 blank (blank → U, shown as 未分类)
    assert by_class == {"A": (4, "10%", 1), "B": (4, "30%", 2), "C": (4, "30%", 2), "D": (4, "100%", 4),
                        "未分类": (7, "30%", 3)}
    chosen = Counter(r["信用风险分类"] for r in t01 if r["名单"] == "抽中")
    assert chosen == {"A": 1, "B": 2, "C": 2, "D": 4, "未分类": 3}
    reserve = [r for r in t01 if r["名单"] == "备选"]
    assert Counter(r["信用风险分类"] for r in reserve) == {"A": 2, "B": 2, "C": 2, "未分类": 2}
    first = next(r for r in t01 if r["名单"] == "抽中")
    assert first["单位名称"].startswith("测试宾馆")
    assert len(first["排序键"]) == 64
    assert {r["任务编号"] for r in rows} == {"T01", "T02"}  # the joint task's three draw tasks shown once


def test_forms_workbook_has_one_printable_sheet_per_visit(drawn: DrawnCase) -> None:
    wb = openpyxl.load_workbook(drawn.drawn.forms)
    assert len(wb.sheetnames) == drawn.drawn.visits
    arrangement = records(drawn.drawn.out, out.ARRANGEMENT)
    names = [r["单位名称"] for r in arrangement]
    assert [s.split(" ", 1)[1] for s in wb.sheetnames] == names
    ws = wb[next(s for s, r in zip(wb.sheetnames, arrangement, strict=True) if r["统一社会信用代码"] in SWIM)]
    text = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "“双随机、一公开”联合检查记录表（一企一表）" in text
    assert "池水水质（余氯、pH 值）" in text  # a 小项 with 、 inside brackets stays whole
    assert "登记事项" in text
    assert any("检查人员（签名）" in t for t in text)
    # YY01 plans 检验检测: room for the 委托检测 record as 检查结果 keeps it; a form without such an item has none
    assert "委托检测（YY01）" in text
    for label in ("检测机构", "资质证书编号", "检测报告编号", "报告日期", "检测结论", "□合格  □不合格  □其他"):
        assert label in text, label
    plain = wb[next(s for s, r in zip(wb.sheetnames, arrangement, strict=True) if r["统一社会信用代码"] not in SWIM)]
    assert "检测机构" not in [c.value for row in plain.iter_rows() for c in row]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide and tall (absent = 1): the form on one sheet
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight or 1) == (1, 1)
    assert ws.merged_cells.ranges


def test_a_registry_changed_after_the_freeze_is_refused(frozen: Frozen) -> None:
    wb = openpyxl.load_workbook(frozen.out)
    ws = wb["检查对象名录库"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == PUBLIC[2]:
            row[10].value = "D"
    changed = frozen.out.parent / "改过的.xlsx"
    wb.save(changed)
    with pytest.raises(AddinError) as err:
        draw(changed, frozen.out.parent / "x.xlsx", randomness=[("test", "1", "v")], now=DRAW_TIME,
             evidence=frozen.evidence)
    assert err.value.code == "draw.inputs-changed"
    assert "名录在冻结后被修改" in err.value.message
    assert "pool.tsv" in err.value.message
    assert PUBLIC[2] in err.value.message
    assert not (frozen.evidence / "result.json").exists()


def test_a_setting_changed_after_the_freeze_is_refused(frozen: Frozen) -> None:
    wb = openpyxl.load_workbook(frozen.out)
    ws = wb["设置"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "每组检查人员数":
            row[1].value = 3
    changed = frozen.out.parent / "改过的.xlsx"
    wb.save(changed)
    with pytest.raises(AddinError) as err:
        draw(changed, frozen.out.parent / "x.xlsx", randomness=[("test", "1", "v")], now=DRAW_TIME)
    assert "plan.json" in err.value.message


def test_a_batch_is_drawn_once_and_randomness_must_answer_the_designation(frozen: Frozen, drawn: DrawnCase) -> None:
    with pytest.raises(AddinError) as err:
        draw(drawn.drawn.out, frozen.out.parent / "again.xlsx", randomness=[("test", "1", "other")], now=DRAW_TIME,
             evidence=frozen.evidence)
    assert err.value.code == "draw.already-drawn"
    assert verify_folder(frozen.evidence).difference is None


def test_randomness_other_than_designated_is_refused(frozen: Frozen) -> None:
    with pytest.raises(AddinError) as err:
        draw(frozen.out, frozen.out.parent / "x.xlsx", randomness=[("test", "2", "v")], now=DRAW_TIME)
    assert err.value.code == "draw.randomness-mismatch"
    assert "冻结时指定 test:1" in err.value.message  # what was expected, and where to give it
    assert "--randomness test:1:取值" in err.value.message
    assert "随机源取值" in err.value.message
    assert "randomness.json" not in err.value.message
    assert not (frozen.evidence / "randomness.json").exists()


def test_a_malformed_lottery_value_says_how_to_write_it(frozen: Frozen) -> None:
    with pytest.raises(AddinError) as err:
        parse_randomness(b'[{"type": "lottery-ssq", "id": "2024052", "value": "1 2 3 4 5 6 + 7"}]',
                         dataclasses.replace(read_inputs(frozen.evidence).plan,
                                             randomness=(RandomnessSource("lottery-ssq", "2024052"),)))
    assert err.value.code == "draw.bad-randomness"
    assert "如 02.03.05.07.08.09/02" in err.value.message


def test_no_pending_batch_without_evidence(book: Path) -> None:
    with pytest.raises(AddinError) as err:
        draw(book, book.parent / "x.xlsx", randomness=[("test", "1", "v")], now=DRAW_TIME)
    assert err.value.code == "draw.no-batch"
    assert "ssj freeze" in err.value.message  # the step to run first, by command and button
    assert "“冻结名录”按钮" in err.value.message


def test_the_result_belongs_to_the_freeze(frozen: Frozen, drawn: DrawnCase) -> None:
    assert drawn.drawn.result["freeze_hash"] == frozen.freeze_hash
    assert drawn.drawn.visits == drawn.drawn.targets  # one target per visit (group size 1)
    assert drawn.drawn.unfilled == 0


def test_a_draw_on_a_copy_without_the_freeze_row_mirrors_the_whole_log(book: Path, frozen: Frozen) -> None:
    done = draw(book, book.parent / "从原件抽取.xlsx", randomness=[("test", "1", "v")], now=DRAW_TIME,
                evidence=frozen.evidence)
    rows = records(done.out, out.LOG)
    assert [r["类型"] for r in rows] == ["冻结", "随机源取值", "抽取结果"]
    assert rows[0]["说明"].startswith("补记：")
    assert rows[0]["本条哈希"] == frozen.freeze_hash

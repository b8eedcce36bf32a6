"""Substitution, replacement from the reserve and void: amend/void entries in log.jsonl and 抽取记录, new sheets
(the earlier ones untouched), and what is refused afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from drawbook_cases import DAY, SWIM, DrawnCase, read_sheet, records, sheets, write_book

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core import output_sheets as out
from addin.core.errors import AddinError
from addin.services.draw.amend import replace_target, substitute_inspector, void_batch
from addin.services.draw.draw import draw
from addin.services.draw.evidence import read_log, verify_folder
from addin.services.draw.freeze import freeze
from addin.services.post_book import read_draws

LATER = dt.datetime(2024, 5, 8, 10, 0)


def _visit(case: DrawnCase, uscc: str) -> dict[str, object]:
    return next(r for r in records(case.drawn.out, out.ARRANGEMENT) if r["统一社会信用代码"] == uscc)


def test_substitution_is_an_amend_entry_and_new_sheets(drawn: DrawnCase) -> None:
    target = SWIM[0]
    before = _visit(drawn, target)
    ill = str(before["执法证号"]).split("、")[0]
    result_sheet = read_sheet(drawn.drawn.out, out.ARRANGEMENT)
    done = substitute_inspector(drawn.drawn.out, drawn.drawn.out.parent / "替换.xlsx", visit=str(before["检查组"]),
                                inspector=ill, reason="因病", now=LATER)
    body = done.bodies[0]
    assert (body["kind"], body["out"], body["reason"]) == ("substitute", ill, "因病")
    assert body["in"] not in (None, ill)
    assert [e["type"] for e in read_log(done.evidence)] == ["freeze", "randomness", "result", "amend"]
    assert verify_folder(done.evidence).difference is None
    names = OpenpyxlBook.read(done.out).sheet_names()
    assert f"{out.ARRANGEMENT} (2)" in names
    assert f"{out.DRAW_RESULT} (2)" in names
    assert read_sheet(done.out, out.ARRANGEMENT) == result_sheet  # the first 检查安排 is kept as it was
    now = next(r for r in records(done.out, f"{out.ARRANGEMENT} (2)") if r["统一社会信用代码"] == target)
    licences = str(now["执法证号"]).split("、")
    assert ill not in licences
    assert body["in"] in licences
    assert "因病" in str(now["变更"])
    log_rows = records(done.out, out.LOG)
    assert [(r["类型"], r["时间"]) for r in log_rows][-1] == ("变更", LATER)
    assert "人员替换" in log_rows[-1]["说明"]
    assert done.forms is not None
    assert done.forms.is_file()


def test_substitution_of_someone_not_on_the_team_is_refused(drawn: DrawnCase) -> None:
    visit = _visit(drawn, SWIM[0])
    with pytest.raises(AddinError) as err:
        substitute_inspector(drawn.drawn.out, drawn.drawn.out.parent / "x.xlsx", visit=str(visit["检查组"]),
                             inspector="ZF9999", reason="因病", now=LATER)
    assert err.value.code == "draw.amend-target"


def test_replacement_takes_the_next_reserve_of_the_class_in_every_task_of_the_batch(drawn: DrawnCase) -> None:
    rows = records(drawn.drawn.out, out.DRAW_RESULT)
    wrong = next(r for r in rows if r["任务编号"] == "T01" and r["名单"] == "抽中" and r["信用风险分类"] == "B")
    reserve = next(r for r in rows if r["任务编号"] == "T01" and r["名单"] == "备选" and r["信用风险分类"] == "B")
    team_before = _visit(drawn, str(wrong["统一社会信用代码"]))["执法证号"]
    done = replace_target(drawn.drawn.out, drawn.drawn.out.parent / "递补.xlsx",
                          target=str(wrong["统一社会信用代码"]), reason="冻结前已注销", now=LATER)
    assert [(b["kind"], b["out"], b["in"]) for b in done.bodies] == [
        ("replace", wrong["统一社会信用代码"], reserve["统一社会信用代码"])]
    assert verify_folder(done.evidence).difference is None
    after = records(done.out, f"{out.DRAW_RESULT} (2)")
    kinds = {(r["统一社会信用代码"], r["名单"]) for r in after if r["任务编号"] == "T01"}
    assert (wrong["统一社会信用代码"], "移出") in kinds
    assert (reserve["统一社会信用代码"], "抽中") in kinds
    visit = next(r for r in records(done.out, f"{out.ARRANGEMENT} (2)")
                 if r["统一社会信用代码"] == reserve["统一社会信用代码"])
    assert visit["执法证号"] == team_before  # the visit keeps its team
    assert "递补" in str(visit["变更"])
    full = next(r for r in rows if r["任务编号"] == "T02" and r["名单"] == "抽中")
    with pytest.raises(AddinError) as err:  # 100 %: no reserve to take
        replace_target(done.out, done.out.parent / "递补2.xlsx", target=str(full["统一社会信用代码"]), reason="误入",
                       now=LATER)
    assert err.value.code == "draw.no-reserve"
    assert len(read_log(done.evidence)) == 4


def test_replacement_in_a_joint_task_keeps_its_departments_together(tmp_path: Path) -> None:
    content = sheets()
    content["年度抽查计划"] = [tuple("50%" if v == "100%" and row[0] == "T02" else v for v in row)
                            for row in content["年度抽查计划"]]
    book = write_book(tmp_path / "b.xlsx", content)
    frozen = freeze(book, tmp_path / "f.xlsx", day=DAY, sources=[("test", "1")], now=LATER)
    drawn = draw(frozen.out, tmp_path / "d.xlsx", randomness=[("test", "1", "x")], now=LATER)
    joint = next(r for r in records(drawn.out, out.DRAW_RESULT) if r["任务编号"] == "T02" and r["名单"] == "抽中")
    done = replace_target(drawn.out, tmp_path / "r.xlsx", target=str(joint["统一社会信用代码"]), reason="误入",
                          now=LATER)
    assert len(done.bodies) == 3  # one per department's draw task
    assert len({b["in"] for b in done.bodies}) == 1
    assert verify_folder(done.evidence).difference is None


def test_void_closes_the_batch(drawn: DrawnCase) -> None:
    done = void_batch(drawn.drawn.out, drawn.drawn.out.parent / "作废.xlsx", reason="随机源开奖有误", now=LATER)
    assert read_log(done.evidence)[-1]["type"] == "void"
    found = verify_folder(done.evidence)
    assert found.difference is None
    assert found.voided
    rows = records(done.out, out.LOG)
    assert (rows[-1]["类型"], rows[-1]["批次"]) == ("作废", drawn.drawn.plan_id)
    book = OpenpyxlBook.read(done.out)
    try:
        draws = read_draws(book)
    finally:
        book.close()
    assert draws.voided_batches == {drawn.drawn.plan_id}
    assert draws.valid_visits() == []
    with pytest.raises(AddinError) as err:
        substitute_inspector(done.out, done.out.parent / "x.xlsx", visit=SWIM[0], slot=1, reason="因病", now=LATER,
                             evidence=done.evidence)
    assert err.value.code == "draw.voided"
    with pytest.raises(AddinError) as err:
        void_batch(done.out, done.out.parent / "y.xlsx", reason="again", now=LATER, evidence=done.evidence)
    assert err.value.code == "draw.voided"


def test_void_before_the_draw_prevents_it(drawn: DrawnCase, book: Path) -> None:
    second = freeze(book, book.parent / "out2" / "冻结.xlsx", day=dt.date(2024, 5, 6), sources=[("test", "9")],
                    now=LATER)
    voided = void_batch(second.out, second.out.parent / "作废.xlsx", reason="计划调整", now=LATER)
    assert voided.evidence == second.evidence
    with pytest.raises(AddinError) as err:
        draw(voided.out, voided.out.parent / "x.xlsx", randomness=[("test", "9", "v")], now=LATER,
             evidence=second.evidence)
    assert err.value.code == "draw.voided"


def test_amending_tampered_evidence_is_refused(drawn: DrawnCase) -> None:
    result = drawn.drawn.evidence / "result.json"
    result.write_bytes(result.read_bytes().replace(b'"loads":{', b'"loads":{"ZZ":1,', 1))
    with pytest.raises(AddinError) as err:
        substitute_inspector(drawn.drawn.out, drawn.drawn.out.parent / "x.xlsx", visit=SWIM[0], slot=1,
                             reason="因病", now=LATER)
    assert err.value.code == "draw.evidence-broken"

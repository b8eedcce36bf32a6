"""ssj publish-draw: the public record holds the plan, randomness, seed, counts, the selected targets and teams —
and no credit class, ID number or phone number in any cell of the workbook or the CSV."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from drawbook_cases import PUBLIC, SWIM, DrawnCase, idcard, records, sheets

from addin.adapters.csv_out import plain
from addin.core.errors import AddinError
from addin.services.draw.freeze import Frozen
from addin.services.draw.notice import AUDIT_SHEET, LIST_SHEET, TASKS_SHEET, publish_draw

TODAY = dt.date(2024, 5, 7)


def _cells(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    finally:
        wb.close()


def _rows(path: Path) -> list[set[str]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [{str(v) for v in row if v is not None} for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _csv_rows(path: Path) -> list[set[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{plain(c) for c in row} for row in csv.reader(fh)]


def _private_values() -> set[str]:
    content = sheets()
    targets = content["检查对象名录库"]
    phones = {str(r[4]) for r in targets[1:]}
    people = content["执法检查人员名录库"]
    ids = {str(r[1]) for r in people[1:]} | {idcard(n) for n in range(1, 20)}
    return phones | ids | {"13812345678", "0356-1234567"}


@pytest.mark.parametrize("team", ["names", "ids", "none"])
def test_no_class_id_number_or_phone_in_any_cell(drawn: DrawnCase, team: str) -> None:
    done = publish_draw(drawn.drawn.out, None, drawn.drawn.out.parent / f"公示-{team}.xlsx", today=TODAY, team=team)
    cells = _cells(done.out)
    with done.csv.open(encoding="utf-8-sig", newline="") as fh:
        cells += [plain(c) for row in csv.reader(fh) for c in row]
    private = _private_values()
    assert not [c for c in cells if any(p in c for p in private)]
    assert not [c for c in cells if "信用风险分类" in c or "身份证" in c or "电话" in c]
    assert done.csv.read_bytes().startswith(b"\xef\xbb\xbf")
    codes = set(PUBLIC) | set(SWIM)
    for row in _rows(done.out) + _csv_rows(done.csv):  # a class never stands next to a target
        if codes.intersection(row):
            assert not {"A", "B", "C", "D", "U", "未分类"}.intersection(row), row


def test_the_record_lists_selected_targets_teams_counts_and_the_log_head(drawn: DrawnCase) -> None:
    done = publish_draw(drawn.drawn.out, drawn.drawn.evidence, drawn.drawn.out.parent / "公示.xlsx", today=TODAY)
    facts = dict(done.record.facts)
    assert facts["抽取批次"] == drawn.drawn.plan_id
    assert facts["随机种子"] == drawn.drawn.result["seed"]
    assert facts["日志最新哈希（请核对）"] == drawn.drawn.head
    assert "不能防止操纵" in facts["随机源说明"]
    arrangement = records(drawn.drawn.out, "检查安排")
    listed = records(done.out, LIST_SHEET)
    assert sorted(r["统一社会信用代码"] for r in listed) == sorted(r["统一社会信用代码"] for r in arrangement)
    assert [(r["任务编号"], r["统一社会信用代码"]) for r in listed] == sorted(
        (r["任务编号"], r["统一社会信用代码"]) for r in listed)  # ordered by task and code, never by class
    first = arrangement[0]
    row = next(r for r in listed if r["统一社会信用代码"] == first["统一社会信用代码"])
    assert str(first["检查人员"]).split("、")[0] in row["检查人员"]
    tasks = {r["任务编号"]: (r["名录户数"], r["抽取户数"]) for r in records(done.out, TASKS_SHEET)}
    assert tasks == {"T01": (23, 12), "T02": (4, 4)}
    assert AUDIT_SHEET not in openpyxl.load_workbook(done.out, read_only=True).sheetnames
    assert done.audit is not None
    assert done.audit.parent == drawn.drawn.evidence.parent  # kept with the evidence, outside the verified folder
    audit = records(done.audit, AUDIT_SHEET, header_row=2)
    strata = {(r["任务编号"], r["风险类别"]): (r["名录户数"], r["抽查比例"], r["抽取户数"]) for r in audit}
    assert strata[("T01", "A")] == (4, "10%", 1)
    assert strata[("T02", "B")] == (4, "100%", 4)
    assert all(len(r["截止排序键"]) == 64 for r in audit if r["抽取户数"])
    assert "不得公开" in str(openpyxl.load_workbook(done.audit)[AUDIT_SHEET]["A1"].value)
    ids = publish_draw(drawn.drawn.out, None, drawn.drawn.out.parent / "公示-ids.xlsx", today=TODAY, team="ids")
    assert all(r[-1].startswith("ZF") or not r[-1] for r in ids.record.selected)


def test_before_the_draw_it_is_the_pre_draw_notice(frozen: Frozen) -> None:
    done = publish_draw(frozen.out, None, frozen.out.parent / "公示.xlsx", today=TODAY)
    facts = dict(done.record.facts)
    assert not done.drawn
    assert facts["冻结哈希"] == frozen.freeze_hash
    assert facts["输入摘要：抽取名录"] == frozen.digests["pool"]
    assert facts["指定随机源"] == "测试 1（test:1）"
    assert "尚未产生" in facts["随机源取值"]
    assert done.record.selected == ()
    assert done.audit is None


def test_tampered_evidence_is_not_published(drawn: DrawnCase) -> None:
    result = drawn.drawn.evidence / "result.json"
    result.write_bytes(result.read_bytes().replace(b'"loads":{', b'"loads":{"ZZ":1,', 1))
    with pytest.raises(AddinError) as err:
        publish_draw(drawn.drawn.out, None, drawn.drawn.out.parent / "公示.xlsx", today=TODAY)
    assert err.value.code == "draw.evidence-broken"
    assert not (drawn.drawn.out.parent / "公示.xlsx").exists()

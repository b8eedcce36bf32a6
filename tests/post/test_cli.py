"""The commands as a user runs them: exit codes, JSON, new files only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from post_cases import RESULTS

from addin.cli import main


def test_deadlines_json_and_out(book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = book.read_bytes()
    out = tmp_path / "提醒.xlsx"
    code = main(["deadlines", str(book), "--today", "2025-11-03", "--json", "-", "--out", str(out)])
    assert code == 1  # results contradicting the draws are input errors
    report = json.loads(capsys.readouterr().out)
    # info: the joint task T02 has the 市场监督管理局's result, not yet the 卫生健康局's own; warning: its referral
    # (后续处置 移送办案机构立案) is not in 移送记录
    assert report["summary"] == {"overdue": 3, "warning": 3, "info": 1}
    overdue = next(r for r in report["reminders"] if r["code"] == "publish.overdue")
    assert (overdue["due"], overdue["overdue_workdays"], overdue["severity"]) == ("2025-10-30", 2, "overdue")
    assert [i["code"] for i in report["result_issues"]][:3] == ["result.testing-incomplete", "result.voided-draw",
                                                               "result.not-drawn"]
    assert report["calendar"]["fallback_years"] == []
    assert book.read_bytes() == before
    names = openpyxl.load_workbook(out).sheetnames
    assert names[-7:] == ["时限提醒", "问题台账", "移送台账", "统计", "移送统计", "专项检查建议", "结果核对"]
    assert report["referrals"]["referrals"][0] | {"feedback_due": None} == {
        "task": "T02", "uscc": report["referrals"]["referrals"][0]["uscc"], "type": "立案查处", "receiver": None,
        "referred_on": None, "feedback_due": None, "status": "移送待反馈", "recorded": False,
        "feedback_overdue": False, "outcome": None, "row": None}


def test_deadlines_fail_on_overdue(make_book: Callable[..., Path]) -> None:
    path = make_book(检查结果=RESULTS[:4])  # only the results that agree with the draws
    assert main(["deadlines", str(path), "--today", "2025-03-03"]) == 0
    assert main(["deadlines", str(path), "--today", "2025-11-03", "--fail-on-overdue"]) == 1


def test_publish_and_report_commands(book: Path, tmp_path: Path) -> None:
    assert main(["publish", str(book), "--out", str(tmp_path / "公示.csv"), "--date", "2025-11-03"]) == 1
    assert main(["publish", str(book), "--out", str(tmp_path / "公示.txt")]) == 2
    assert main(["publish", str(book), "--out", str(book)]) == 2  # never over the input
    assert main(["report", str(book), "--month", "2025-06", "--out", str(tmp_path / "月报.xlsx"),
                 "--date", "2025-07-02"]) == 0
    assert main(["report", str(book), "--month", "2025-13", "--out", str(tmp_path / "x.xlsx")]) == 2

"""The draw commands from the command line: output, exit codes (0 ok, 1 workbook errors, 2 refused/unusable)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from drawbook_cases import PUBLIC, SWIM, records, sheets, write_book

from addin.cli import main


def test_freeze_draw_substitute_replace_publish_void(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = book.parent / "out"
    assert main(["freeze", str(book), "--source", "test:1", "--date", "2024-05-06", "--out", str(out / "f.xlsx"),
                 "--time", "2024-05-06 09:00"]) == 0
    printed = capsys.readouterr().out
    assert "冻结哈希" in printed
    assert "输入摘要（抽取名录）" in printed
    assert "pool" not in printed
    assert "指定随机源（按顺序）：test:1" in printed
    assert "不能防止操纵" in printed
    assert main(["draw", str(out / "f.xlsx"), "--randomness", "test:1:cli", "--out", str(out / "d.xlsx")]) == 0
    printed = capsys.readouterr().out
    assert "日志最新哈希" in printed
    assert (out / "d-一企一表.xlsx").is_file()
    visit = next(r for r in records(out / "d.xlsx", "检查安排") if r["统一社会信用代码"] == SWIM[0])
    first = str(visit["执法证号"]).split("、")[0]
    assert main(["substitute", str(out / "d.xlsx"), "--visit", str(visit["检查组"]), "--inspector", first,
                 "--reason", "因病", "--out", str(out / "s.xlsx")]) == 0
    assert "已替换" in capsys.readouterr().out
    chosen = next(r for r in records(out / "d.xlsx", "抽取结果") if r["任务编号"] == "T01" and r["名单"] == "抽中"
                  and r["信用风险分类"] == "未分类")
    assert main(["replace", str(out / "s.xlsx"), "--target", str(chosen["统一社会信用代码"]), "--reason", "误入名录",
                 "--out", str(out / "r.xlsx")]) == 0
    assert "已递补" in capsys.readouterr().out
    assert main(["publish-draw", str(out / "r.xlsx"), "--out", str(out / "p.xlsx"), "--team", "不公开"]) == 0
    assert (out / "p.csv").is_file()
    listed = (out / "p.csv").read_text(encoding="utf-8-sig").splitlines()
    assert listed[0].endswith("检查组,检查人员")
    assert all(line.endswith(",") for line in listed[1:])  # 不公开 (none): no inspector named
    capsys.readouterr()
    assert main(["void", str(out / "r.xlsx"), "--reason", "演示", "--out", str(out / "v.xlsx")]) == 0
    assert "已作废" in capsys.readouterr().out
    (evidence,) = [p for p in (out / "抽取证据").iterdir() if p.is_dir()]
    assert main(["verify", str(evidence)]) == 0
    assert "已作废" in capsys.readouterr().out


def test_exit_codes_of_refusals(book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = sheets()
    bad["年度抽查计划"] = [*bad["年度抽查计划"], ("T09", "坏任务", "不定向", "XX99", "公共场所", None, "30%", None, None,
                                               None, None, 1, None, None, "卫生健康局", None, None)]
    invalid = write_book(tmp_path / "bad.xlsx", bad)
    assert main(["freeze", str(invalid), "--source", "test:1", "--date", "2024-05-06", "--out",
                 str(tmp_path / "o.xlsx")]) == 1
    assert "年度抽查计划" in capsys.readouterr().err
    assert main(["freeze", str(book), "--source", "test:1", "--out", str(book)]) == 2
    assert main(["freeze", str(book), "--source", "test", "--out", str(tmp_path / "o.xlsx")]) == 2
    assert main(["freeze", str(book), "--source", "test:1", "--date", "2024-05-06", "--out",
                 str(tmp_path / "f.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "f.xlsx")
    wb["检查对象名录库"].append([PUBLIC[0][:-1] + "X", "新增单位", "企业", None, None, "地址", "城关镇", "公共场所",
                              "公共卫生股", "在营", "A"])
    wb.save(tmp_path / "changed.xlsx")
    capsys.readouterr()
    assert main(["draw", str(tmp_path / "changed.xlsx"), "--randomness", "test:1:x", "--out",
                 str(tmp_path / "d.xlsx"), "--evidence", str(next((tmp_path / "抽取证据").iterdir()))]) == 2
    captured = capsys.readouterr()
    assert "名录在冻结后被修改" in captured.err
    with pytest.raises(SystemExit) as usage:  # argparse: wrong usage
        main(["draw", str(tmp_path / "f.xlsx"), "--randomness", "bad", "--out", str(tmp_path / "d.xlsx")])
    assert usage.value.code == 2

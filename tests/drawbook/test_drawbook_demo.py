"""``ssj demo`` end to end on the example workbook (the slowest test here, ~20 s): every step's output exists,
the draw verifies, the forms match the visits, and the input workbook is untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from addin.cli import main
from addin.services.demo import EXAMPLE
from addin.services.draw.evidence import verify_folder


def test_demo_runs_every_step_and_says_where_the_outputs_went(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert main(["demo", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    for step in ("校验", "冻结", "抽取", "校验抽取", "抽取公示", "外部抽取", "演示结果", "时限提醒", "结果公示", "统计", "月报表"):
        assert f"{step}：" in printed
    # the organisation: businesses in several categories, one door for several tasks, the platform's draw
    assert "其中 2 户属于多个检查对象类别" in printed
    assert "示例县花园酒店有限公司（公共场所、游泳场（馆），任务 2024-01，一次上门）" in printed
    assert "批次“示例县卫生健康局-2024年第2批（外部抽取）”，20 户，1 个警告" in printed
    for name in ("校验结果.xlsx", "冻结.xlsx", "抽取.xlsx", "抽取-一企一表.xlsx", "抽取公示.xlsx", "抽取公示.csv",
                 "演示结果.xlsx", "时限提醒.xlsx", "公示.xlsx", "统计.xlsx", "月报表.xlsx"):
        assert (tmp_path / name).is_file(), name
        assert str(tmp_path / name) in printed
    (evidence,) = [p for p in (tmp_path / "抽取证据").iterdir() if p.is_dir()]
    assert verify_folder(evidence).difference is None
    wb = openpyxl.load_workbook(tmp_path / "抽取.xlsx", read_only=True)
    visits = sum(1 for r in wb["检查安排"].iter_rows(min_row=2, values_only=True) if r[0])
    joint = [r for r in wb["检查安排"].iter_rows(min_row=2, values_only=True) if r[6] == "2024-01"]
    wb.close()
    assert visits > 100
    assert joint
    assert all(set(r[10].split("、")) == {"卫生健康局", "市场监督管理局"} for r in joint)
    assert all(r[11] == "否" for r in joint)
    forms = openpyxl.load_workbook(tmp_path / "抽取-一企一表.xlsx", read_only=True)
    assert len(forms.sheetnames) == visits
    forms.close()
    # the platform's batch carried through results to the statistics and the monthly report
    stats = openpyxl.load_workbook(tmp_path / "统计.xlsx", read_only=True)
    (external,) = [r for r in stats.worksheets[0].iter_rows(values_only=True) if r[0] == "2024-11"]
    stats.close()
    assert external[2] == 20
    assert 0 < external[3] <= 20
    month = openpyxl.load_workbook(tmp_path / "月报表.xlsx", read_only=True)
    cells = [v for ws in month.worksheets for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    month.close()
    assert any("对医疗机构放射诊疗的抽查：全县医疗机构，抽取20户" in v for v in cells)
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() == before

"""一企一表 printed by LibreOffice: an A4 page with the title, the target, the items, the team and the
signature lines (the layout a team takes to the visit)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from drawbook_cases import SWIM, DrawnCase, records

from addin.core import output_sheets as out


@pytest.mark.libreoffice
def test_a_form_prints_on_a4_with_all_its_parts(drawn: DrawnCase, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice / poppler not installed")
    arrangement = records(drawn.drawn.out, out.ARRANGEMENT)
    index = next(i for i, r in enumerate(arrangement) if r["统一社会信用代码"] in SWIM)
    wb = openpyxl.load_workbook(drawn.drawn.forms)
    keep = wb.sheetnames[index]
    for name in list(wb.sheetnames):
        if name != keep:
            wb.remove(wb[name])
    single = tmp_path / "form.xlsx"
    wb.save(single)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(single)], check=True, timeout=180,
                   capture_output=True)
    pdf = tmp_path / "form.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    row = arrangement[index]
    for expected in ("联合检查记录表", str(row["单位名称"]), str(row["统一社会信用代码"]), "池水水质", "登记事项",
                     "检查人员（签名）", "被检查单位负责人（签名）", "检测机构", "资质证书编号", "检测结论",
                     *str(row["检查人员"]).split("、")):
        assert expected in text

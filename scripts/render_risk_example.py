"""Render the example's 问题发现率 sheet with its charts to PNG with LibreOffice, for docs/risk-example.png.

    python3 scripts/render_risk_example.py BOOK --today 2024-07-31 [--png docs/risk-example.png]

BOOK is a workbook with results (e.g. ``out/demo/公示记录（内部，勿公开）.xlsx`` after ``ssj demo``: the demo's 2024 results and
the example's fictional 往年检查结果 of 2021–2023). Computes the report with ``ssj risk``'s service, writes the
问题发现率 sheet alone, converts it with ``soffice --headless --convert-to pdf`` (a throwaway user profile) and
renders the page with the charts (printed under the table) with ``pdftoppm -png -r 80``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from addin.adapters.calamine_book import CalamineBook
from addin.adapters.xlsx_report import write_report
from addin.services.risk import risk_report
from addin.services.risk.sheets import rate_sheet

CHART_TITLE = "各信用风险分类的问题发现率"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("book", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--png", type=Path, default=Path("docs/risk-example.png"))
    args = parser.parse_args()
    book = CalamineBook.read(args.book)
    try:
        report = risk_report(book, args.today)
    finally:
        book.close()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = write_report([rate_sheet(report)], folder / "问题发现率.xlsx")
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)], check=True, timeout=180,
                       capture_output=True)
        pdf = folder / "问题发现率.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        page = next((n for n, body in enumerate(text.split("\f"), start=1) if CHART_TITLE in body.replace(" ", "")), 1)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(folder / "page")], check=True, timeout=60)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "page.png", args.png)
    print(args.png)


if __name__ == "__main__":
    main()

"""Render a filled monthly report (月报表) to PNG with LibreOffice, for docs/monthly-report-example.png.

    python3 scripts/render_monthly_example.py BOOK --month 2025-06 --date 2025-07-02 [--png docs/monthly-report-example.png]

Fills the form with ``ssj report``'s service, converts it with ``soffice --headless --convert-to pdf`` (a
throwaway user profile) and renders page 1 with ``pdftoppm -png -r 80``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from addin.services.report import report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("book", type=Path)
    parser.add_argument("--month", required=True)
    parser.add_argument("--date", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--png", type=Path, default=Path("docs/monthly-report-example.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = report(args.book, args.month, folder / "月报表.xlsx", args.date).path
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(xlsx)], check=True, timeout=180,
                       capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(folder / "月报表.pdf"),
                        str(folder / "page")], check=True, timeout=60)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "page.png", args.png)
    print(args.png)


if __name__ == "__main__":
    main()

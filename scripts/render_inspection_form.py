"""Render one sheet of a 一企一表 workbook to PNG with LibreOffice, for docs/inspection-form-example.png.

    python3 scripts/render_inspection_form.py FORMS.xlsx [--match SCJG] [--png docs/inspection-form-example.png]

Keeps the first sheet whose cells contain ``--match`` (default: the first sheet), converts it with
``soffice --headless --convert-to pdf`` (a throwaway user profile) and renders page 1 with
``pdftoppm -png -r 80``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl


def single_sheet(forms: Path, match: str | None, target: Path) -> str:
    wb = openpyxl.load_workbook(forms)
    keep = wb.sheetnames[0]
    if match:
        keep = next(ws.title for ws in wb.worksheets
                    if any(match in str(c.value) for row in ws.iter_rows() for c in row if c.value is not None))
    for name in list(wb.sheetnames):
        if name != keep:
            wb.remove(wb[name])
    wb.save(target)
    return keep


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("forms", type=Path)
    parser.add_argument("--match")
    parser.add_argument("--png", type=Path, default=Path("docs/inspection-form-example.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = single_sheet(args.forms, args.match, folder / "form.xlsx")
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(folder / "form.xlsx")], check=True,
                       timeout=180, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(folder / "form.pdf"),
                        str(folder / "page")], check=True, timeout=60)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "page.png", args.png)
    print(f"{sheet} → {args.png}")


if __name__ == "__main__":
    main()

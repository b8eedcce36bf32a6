"""Render page 1 of an 抽查工作方案 to PNG with LibreOffice, for docs/plan-doc-example.png.

    python3 scripts/render_plan_doc.py [BOOK] [--public] [--png docs/plan-doc-example.png]

Freezes and draws the first batch of BOOK (default: the example workbook) in a temporary folder, on 6 May of its
year with the demo's ``test`` randomness, writes the batch's 方案 with ``ssj plan-doc``'s service (``--public``:
the version to publish), converts it with ``soffice --headless --convert-to pdf`` (a throwaway user profile) and
renders page 1 with ``pdftoppm -png -r 80``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from addin.services.demo import EXAMPLE, demo_today
from addin.services.draw.draw import draw
from addin.services.draw.freeze import freeze
from addin.services.plan_doc import plan_doc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("book", type=Path, nargs="?", default=EXAMPLE)
    parser.add_argument("--public", action="store_true")
    parser.add_argument("--png", type=Path, default=Path("docs/plan-doc-example.png"))
    args = parser.parse_args()
    year = demo_today(args.book, dt.date.today()).year
    day = dt.date(year, 5, 6)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        frozen = freeze(args.book, folder / "冻结.xlsx", day=day, sources=[("test", "1")],
                        now=dt.datetime.combine(day, dt.time(9)))
        assert frozen.out is not None
        drawn = draw(frozen.out, folder / "抽取.xlsx", randomness=[("test", "1", "示例县演示")],
                     now=dt.datetime.combine(day, dt.time(9, 30)))
        assert drawn.out is not None
        docx = plan_doc(drawn.out, folder / "方案.docx", batch=None, today=day, public=args.public).path
        assert docx is not None
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(docx)], check=True, timeout=180,
                       capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(folder / "方案.pdf"),
                        str(folder / "page")], check=True, timeout=60)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "page.png", args.png)
    print(args.png)


if __name__ == "__main__":
    main()

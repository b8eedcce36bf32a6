"""Regenerate the committed template ``workbooks/templates/双随机工作簿模板.xlsx`` from ``schemas/``.

Run after any change to ``schemas/`` (``tests/workbooks/test_template.py`` fails until you do):

    python3 scripts/make_template.py
"""

from __future__ import annotations

from pathlib import Path

from addin.templates import write_template

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "workbooks" / "templates" / "双随机工作簿模板.xlsx"


def main() -> None:
    print(f"written: {write_template(TEMPLATE).relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Generate workbooks/templates/月报表模板.xlsx, the monthly report form of seed 000's attachment.

Run from the repository root: ``python3 scripts/make_monthly_template.py``. The layout lives in
:mod:`addin.adapters.monthly_form`; tests check that the committed file matches it.
"""

from __future__ import annotations

from addin.adapters.files import atomic_write
from addin.adapters.monthly_form import TEMPLATE, build_template


def main() -> None:
    wb = build_template()
    atomic_write(TEMPLATE, lambda tmp: wb.save(tmp))
    print(TEMPLATE)


if __name__ == "__main__":
    main()

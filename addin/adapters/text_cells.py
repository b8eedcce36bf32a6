"""Text a spreadsheet would not keep as text: what Excel, WPS and LibreOffice turn into a number, a date, a
percentage or a formula when they receive it as a plain value (typed, pasted, or read from a CSV file).

统一社会信用代码 121405994136650866 becomes 1.21405994136651E+17, 任务编号 2024-01 a date, 010 the number 10;
text starting with ``=``, ``+``, ``-`` or ``@`` is run as a formula (CSV injection). The adapters that hand values
to a spreadsheet (xlwings: an apostrophe; CSV: a text formula) protect exactly these.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LOOKS_TYPED = re.compile(r"[\d\s.,:/%$¥()eE+\-]+|(?i:true|false)")


def looks_typed(text: str) -> bool:
    """True when a spreadsheet would convert ``text`` (a number, date, time, percentage, boolean, formula)."""
    return text != "" and (text.startswith(FORMULA_STARTS) or _LOOKS_TYPED.fullmatch(text) is not None)

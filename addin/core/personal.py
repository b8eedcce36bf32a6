"""The last guard before a public file (公示): no 身份证号 may leave the department.

The validation already refuses a 身份证号 typed as a 统一社会信用代码 (``id.uscc-is-idcard``) and the freeze refuses
a workbook with errors; this guard looks at every cell of what is about to be published, whatever path the
value took (a platform's list, a result typed later), and refuses the whole file naming where the number is —
masked, as every output shows an ID number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from addin.core import ids
from addin.core.errors import AddinError

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def id_numbers(value: object, today: dt.date) -> list[str]:
    """The valid 身份证号 (check character and birth date) written in ``value``, as they are written."""
    if value is None or isinstance(value, bool | float | dt.date):
        return []
    text = str(value)
    if len(text) < 18:
        return []
    return [m for m in _CANDIDATE.findall(text) if ids.looks_like_idcard(m.upper(), today)]


def refuse_id_numbers(tables: Iterable[tuple[str, Sequence[Sequence[object]]]], today: dt.date) -> None:
    """Raise ``publish.personal-id`` when a cell of the tables (name, rows) about to be published holds a
    身份证号, naming the table, the row (1 = the first row below the header) and the masked number."""
    for name, rows in tables:
        for number, row in enumerate(rows, start=1):
            for value in row:
                found = id_numbers(value, today)
                if found:
                    masked = ids.mask_idcard(found[0].upper())
                    raise AddinError(
                        "publish.personal-id",
                        f"要公示的“{name}”第 {number} 行中有身份证号 {masked}：身份证号是个人信息，不能公示，未生成公示文件。"
                        "请在名录库中改正该对象的统一社会信用代码（运行 ssj validate 查看），再重新生成。",
                        {"table": name, "row": number})

"""执法检查人员: who may be drawn (可抽取), and the warnings about certificates.

An inspector may be drawn for work that ends on a day ``until`` when he or she is 在岗 and the 执法证 is valid
through that day (国办发〔2024〕54号: no inspection by staff without a valid 执法证).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.validation.normalise import label
from addin.core.validation.records import Record, SheetRead

ON_DUTY = "在岗"


def is_drawable(record: Record, until: dt.date) -> bool:
    """在岗 and 执法证有效期至 on or after ``until``."""
    valid = record.get("执法证有效期至")
    return record.get("在岗状态") == ON_DUTY and valid is not None and valid >= until


def drawable(records: Iterable[Record], until: dt.date) -> Iterator[Record]:
    return (r for r in records if is_drawable(r, until))


def departments(records: Iterable[Record]) -> set[str]:
    """The 所属单位 of ``records`` as :func:`label` (the form the freeze compares)."""
    return {label(r.get("所属单位")) for r in records if r.get("所属单位")}


def expertise(records: Iterable[Record]) -> set[str]:
    """Every 专业领域 held by one of ``records``."""
    return {field for r in records for field in (r.get("专业领域") or ())}


def certificate_expired(read: SheetRead, today: dt.date) -> list[Issue]:
    """A warning for each inspector on duty (or of unknown status) whose 执法证 expired before ``today``:
    he or she will not be drawn."""
    found = []
    for record in read.records:
        valid = record.get("执法证有效期至")
        if valid is None or valid >= today or record.get("在岗状态") not in (ON_DUTY, None):
            continue
        found.append(issue("inspector.certificate-expired", sheet=read.sheet, row=record.row,
                           column=read.column("执法证有效期至"), field="执法证有效期至", value=valid.isoformat(),
                           today=today.isoformat()))
    return found

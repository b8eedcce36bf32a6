"""The naive validation pipeline, for comparison in ``bench/validate_bench.py`` (not used by the add-in).

openpyxl loads the whole workbook (not read-only), each row becomes a JSON instance (header → value: text
stripped, dates as ISO text, lists split on 、 for the multi-value columns), and jsonschema (Draft 2020-12,
with format checkers for uscc, idcard and date) validates every row on its own. This is what one would write
first; it is what issue 3 measured at ≈ 17.5 s for 100,000 rows.

    python3 bench/naive_validate.py bench/data/targets-100k.xlsx
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
from jsonschema import Draft202012Validator

from addin.core.schema import format_checker
from addin.schemas import load_schemas, raw_schemas

checker = format_checker()


def _instance_value(value: Any, multi: bool) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        value = value.strip()
        if multi:
            return [part.strip() for part in re.split(r"[、，,;；\n]", value) if part.strip()]
    return value


def naive_validate(path: Path) -> tuple[int, int]:
    """(rows, errors) of every input sheet found in ``path``."""
    wb = openpyxl.load_workbook(path)  # the full load: every cell an object
    rows = errors = 0
    for kind, schema in load_schemas().items():
        if schema.layout != "table" or schema.sheet not in wb.sheetnames:
            continue
        validator = Draft202012Validator(raw_schemas()[kind], format_checker=checker)
        multi = {f.name for f in schema.fields if f.multi}
        values = wb[schema.sheet].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(values)]
        for row in values:
            instance = {name: _instance_value(value, name in multi)
                        for name, value in zip(header, row, strict=False) if name and value not in (None, "")}
            if not instance:
                continue
            rows += 1
            errors += sum(1 for _ in validator.iter_errors(instance))
    return rows, errors


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    rows, errors = naive_validate(Path(argv[0]))
    print(f"naive: {rows} rows, {errors} errors, {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

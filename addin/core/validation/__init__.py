"""Validation of input workbooks: compiled per-field rules, typed records, cross-sheet rules.

Entry points: :func:`read_sheet` (one sheet → typed records + issues, for every use case that reads a sheet),
:func:`check_tables` (a whole workbook's input sheets → all issues).
"""

from addin.core.validation.book import DEPENDS, BookCheck, check_tables
from addin.core.validation.records import KeyValueRead, Record, SheetRead, read_key_value, read_sheet

__all__ = ["DEPENDS", "BookCheck", "KeyValueRead", "Record", "SheetRead", "check_tables", "read_key_value",
           "read_sheet"]

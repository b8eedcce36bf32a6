"""Reading the workbooks staff already have: which list a sheet is, where its header is, what its columns are.

The mapping mechanism, in three steps, each usable alone (``ssj validate`` in place, ``ssj import``, and any
other list brought in from a platform — a draw result list — with its own :class:`Vocabulary`):

1. **detect the header** — :func:`sheet_layout` finds the sheet's kind (by name, other name, 列名对照 or its
   columns, with the reason), its header row among the first rows (title rows, two-row headers with merged
   group labels), and the rows under it that are samples or notes (:mod:`.notes`);
2. **map the columns** — standard name, alias (``x-column-aliases`` in ``schemas/``), or the user's 列名对照
   (:mod:`.mapping`); clashes are reported, never guessed (:mod:`.columns`);
3. **rewrite the values** — an enumeration's other spellings (platform vocabularies, ``x-aliases``) become its
   standard value, each rewrite counted (:mod:`.values`).

Pure: the rows come from a reader (:mod:`addin.services.layouts` does the reading); positions stay those of the
user's file (his sheet name, Excel row numbers, column letters).
"""

from addin.core.layout.detect import HEAD_ROWS, SCAN_ROWS, best_header, cell_text, kind_by_name, sheet_layout
from addin.core.layout.mapping import ColumnMapping, SheetMapping, parse_mapping
from addin.core.layout.model import (
    BY_ALIAS,
    BY_COLUMNS,
    BY_MAPPING,
    BY_NAME,
    CLASH,
    DUPLICATE,
    HOW_LABELS,
    LEFT_OUT,
    MAPPING,
    ROW_NUMBER,
    UNUSED,
    ColumnUse,
    SheetLayout,
    SkippedRow,
)
from addin.core.layout.vocabulary import (
    ALIAS,
    EXACT,
    Column,
    Vocabulary,
    header_key,
    vocabularies,
    vocabulary_of,
)

__all__ = [
    "ALIAS", "BY_ALIAS", "BY_COLUMNS", "BY_MAPPING", "BY_NAME", "CLASH", "DUPLICATE", "EXACT", "HEAD_ROWS",
    "HOW_LABELS", "LEFT_OUT", "MAPPING", "ROW_NUMBER", "SCAN_ROWS", "UNUSED", "Column", "ColumnMapping",
    "ColumnUse", "SheetLayout", "SheetMapping", "SkippedRow", "Vocabulary", "best_header", "cell_text",
    "header_key", "kind_by_name", "parse_mapping", "sheet_layout", "vocabularies", "vocabulary_of",
]

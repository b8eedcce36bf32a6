"""What each column of a header is: a standard column (by its name, an alias or the user's 列名对照), or not.

The rules (列名对应):

- the user's 列名对照 decides first — a column it maps is used (``mapping``), one it says not to use is left
  out; other columns naming the same standard column are then not used;
- else the standard name (``exact``), else an alias (``alias``); 序号 is a running number, never data;
- one standard column named by several columns: the standard name wins over aliases (the aliases are reported
  and not used); the same text twice — the first is used; **two different aliases and no standard name is a
  clash**: neither is used and the clash is an error, never a guess (``sheet.column-clash``);
- every other column is kept as it is (``unused``: 未使用，已保留).
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.layout.mapping import SheetMapping
from addin.core.layout.model import CLASH, DUPLICATE, LEFT_OUT, MAPPING, ROW_NUMBER, UNUSED, ColumnUse
from addin.core.layout.vocabulary import ALIAS, EXACT, Vocabulary, header_key, is_row_number
from addin.core.table import column_letter


def _first_look(text: str, vocab: Vocabulary, mapping: SheetMapping | None) -> tuple[str | None, str]:
    if not text:
        return None, UNUSED
    mapped = mapping.target(text) if mapping is not None else None
    if mapped is not None:
        field, _ = mapped
        return (field, MAPPING) if field is not None else (None, LEFT_OUT)
    if is_row_number(text):
        return None, ROW_NUMBER
    match = vocab.match(text)
    return match if match is not None else (None, UNUSED)


def map_columns(sheet: str, row: int, texts: Sequence[str], groups: Sequence[str], vocab: Vocabulary,
                mapping: SheetMapping | None = None) -> tuple[list[ColumnUse], list[Issue], set[str]]:
    """The columns of a header row (texts as found), the issues of the header, and the standard columns named
    by a clash."""
    looks = [_first_look(text, vocab, mapping) for text in texts]
    final: list[tuple[str | None, str]] = list(looks)
    issues: list[Issue] = []
    clashes: set[str] = set()
    by_field: dict[str, list[int]] = {}
    for index, (field, how) in enumerate(looks):
        if field is not None and how in (EXACT, ALIAS, MAPPING):
            by_field.setdefault(field, []).append(index)
    for field, indexes in by_field.items():
        if len(indexes) == 1:
            continue
        hows = [looks[i][1] for i in indexes]
        winner_how = next((h for h in (MAPPING, EXACT) if h in hows), None)
        if winner_how is None and len({header_key(texts[i]) for i in indexes}) > 1:
            clashes.add(field)
            for i in indexes:
                final[i] = (field, CLASH)
            issues.append(issue("sheet.column-clash", sheet=sheet, row=row, column=column_letter(indexes[0]),
                                field=field, value="、".join(f"{texts[i]}（{column_letter(i)} 列）" for i in indexes)))
            continue
        keep = next(i for i in indexes if looks[i][1] == (winner_how or ALIAS))
        for i in indexes:
            if i == keep:
                continue
            same = header_key(texts[i]) == header_key(texts[keep])
            final[i] = (field, DUPLICATE if same else UNUSED)
            if same and looks[keep][1] != MAPPING:
                issues.append(issue("sheet.duplicate-column", sheet=sheet, row=row, column=column_letter(i),
                                    field=field, value=texts[i]))
            elif not same and looks[keep][1] == EXACT:
                issues.append(issue("sheet.alias-column-unused", sheet=sheet, row=row, column=column_letter(i),
                                    field=field, value=texts[i], used=column_letter(keep)))
    columns = [ColumnUse(i, texts[i], field if how in (EXACT, ALIAS, MAPPING, CLASH, DUPLICATE) else None, how,
                         groups[i] if i < len(groups) else "")
               for i, (field, how) in enumerate(final)]
    return columns, issues, clashes

"""Finding a sheet's kind and header row among its first rows, and what each of its columns is (表头识别).

The rules, as a clerk would apply them to a workbook he did not make:

- **The header row** is the row among the first :data:`SCAN_ROWS` that names the most columns of the list
  (standard names, aliases, or the user's 列名对照) — title rows, merged titles and note rows above it name none.
  A two-row header (group labels such as 基本信息 / 许可信息 merged over the columns in the upper row, the
  column names below, and cells such as 序号 merged over both rows) is read as one row: each column's lower
  cell, or the label above where the lower cell is empty. It is taken only when it names more columns than
  either row alone. Ties go to a single row, then to the upper one.
- **The kind** of a sheet comes from its name (the standard name or one of its other names) or from the
  user's 列名对照; any other sheet (``Sheet1``) is recognised by its columns when they identify exactly one kind
  (:meth:`~addin.core.layout.vocabulary.Vocabulary.identifies`) — the reason is given either way.
- **Each column** is the standard column its header names (:mod:`addin.core.layout.columns`); 序号 is a running
  number, never data.
- **Rows under the header** that are samples or notes are skipped and reported (:mod:`addin.core.layout.notes`).

Everything here reads only the first rows (:data:`HEAD_ROWS`), so that it costs nothing next to reading a
100,000-row registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from addin.core.catalogue import issue
from addin.core.issues import Issue
from addin.core.layout.columns import map_columns
from addin.core.layout.mapping import SheetMapping, choose_mapping
from addin.core.layout.model import BY_ALIAS, BY_COLUMNS, BY_MAPPING, BY_NAME, SheetLayout
from addin.core.layout.notes import MAX_NOTE_ROWS, notes_below
from addin.core.layout.vocabulary import EXACT, Vocabulary

SCAN_ROWS = 30
"""The header is looked for in this many first rows."""
HEAD_ROWS = SCAN_ROWS + MAX_NOTE_ROWS + 4
"""Rows a reader hands over for :func:`sheet_layout` (the header rows and the notes under them)."""

Head = Sequence[tuple[int, Sequence[Any]]]
"""The first rows of a sheet: (Excel row number, raw cells from column A)."""


def cell_text(value: Any) -> str:
    """A header cell as text: ``None``/blank → ``''``, an integral number without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass(frozen=True, slots=True)
class HeaderFound:
    """A candidate header: its row (the lower one), the row of group labels above (two-row header), the
    header text and group label of each column, and the standard columns it names."""

    row: int
    group_row: int | None
    texts: tuple[str, ...]
    groups: tuple[str, ...]
    fields: frozenset[str]


def _texts(lower: Sequence[Any], upper: Sequence[Any] | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    low = [cell_text(v) for v in lower]
    if upper is None:
        return tuple(low), ("",) * len(low)
    up = [cell_text(v) for v in upper]
    width = max(len(low), len(up))
    low += [""] * (width - len(low))
    up += [""] * (width - len(up))
    texts, groups, label = [], [], ""
    for lower_text, upper_text in zip(low, up, strict=True):
        if upper_text:
            label = upper_text
        if lower_text:
            texts.append(lower_text)
            groups.append(label if label != lower_text else "")
        else:
            texts.append(upper_text)
            groups.append("")
            label = ""
    return tuple(texts), tuple(groups)


def _group_labels(upper: Sequence[Any], lower: Sequence[Any]) -> bool:
    """Whether ``upper`` reads as the group labels of a two-row header over ``lower``: several labels (a title
    row has one), one of them over an empty lower cell (a name such as 序号 merged over both rows)."""
    up = [cell_text(v) for v in upper]
    low = [cell_text(v) for v in lower]
    low += [""] * max(0, len(up) - len(low))
    return sum(1 for t in up if t) >= 2 and any(u and not lo for u, lo in zip(up, low, strict=False))


def _named(texts: Sequence[str], vocab: Vocabulary, mapping: SheetMapping | None) -> frozenset[str]:
    """The standard columns of ``vocab`` that ``texts`` name (the user's 列名对照 first)."""
    names = set(vocab.column_names)
    found = set()
    for text in texts:
        if not text:
            continue
        mapped = mapping.target(text) if mapping is not None else None
        if mapped is not None:
            if mapped[0] in names:
                found.add(mapped[0])
            continue
        match = vocab.match(text)
        if match is not None:
            found.add(match[0])
    return frozenset(found)


def best_header(head: Head, vocab: Vocabulary, mapping: SheetMapping | None = None,
                row: int | None = None) -> HeaderFound | None:
    """The row of ``head`` (the first rows) that names the most columns of ``vocab`` (module docstring), or the
    given ``row``; None when no row names any."""
    best: tuple[tuple[int, int, int], HeaderFound] | None = None
    previous: tuple[int, Sequence[Any]] | None = None
    for number, cells in head:
        if number > SCAN_ROWS and row is None:
            break
        if row is None or number == row:
            texts, groups = _texts(cells, None)
            found = HeaderFound(number, None, texts, groups, _named(texts, vocab, mapping))
            options = [(len(found.fields), 1, found)]
            if previous is not None and previous[0] == number - 1 and found.fields:
                texts, groups = _texts(cells, previous[1])
                both = HeaderFound(number, number - 1, texts, groups, _named(texts, vocab, mapping))
                if len(both.fields) > len(found.fields):
                    options.append((len(both.fields), 0, both))
                elif len(both.fields) == len(found.fields) and _group_labels(previous[1], cells):
                    options[0] = (len(found.fields), 1, both)
            for score, single, candidate in options:
                rank = (score, single, -number)
                if score > 0 and (best is None or rank > best[0]):
                    best = (rank, candidate)
        previous = (number, cells)
    return best[1] if best is not None else None


def kind_by_name(sheet: str, vocabs: Mapping[str, Vocabulary]) -> tuple[str, str] | None:
    """``(kind, BY_NAME|BY_ALIAS)`` when the sheet's name is a standard sheet name or one of its other names."""
    by_alias = None
    for kind, vocab in vocabs.items():
        named = vocab.names_sheet(sheet)
        if named == EXACT:
            return kind, BY_NAME
        if named is not None and by_alias is None:
            by_alias = (kind, BY_ALIAS)
    return by_alias


def sheet_layout(sheet: str, head: Head, vocabs: Mapping[str, Vocabulary], *,
                 mappings: Sequence[SheetMapping] = ()) -> SheetLayout:
    """The layout of one sheet from its first rows (:data:`HEAD_ROWS` of them, numbered from row 1).

    ``mappings``: the 列名对照 entries that may apply to this sheet (same sheet name); the one whose 原列名
    best fit the sheet's first rows is used."""
    mapping = choose_mapping(mappings, [cell_text(v) for _n, cells in head[:SCAN_ROWS] for v in cells])
    named = kind_by_name(sheet, vocabs)
    forced = mapping.kind if mapping is not None and mapping.kind in vocabs else None
    if forced is not None:
        kind, found_by = forced, BY_MAPPING
    elif named is not None:
        kind, found_by = named
    else:
        return _by_columns(sheet, head, vocabs, mapping)
    vocab = vocabs[kind]
    header = None
    if mapping is not None and mapping.header_row is not None:
        header = best_header(head, vocab, mapping, mapping.header_row)
    if header is None:
        header = best_header(head, vocab, mapping)
    reason = _name_reason(sheet, vocab, found_by)
    return _layout(sheet, head, vocab, header, found_by, reason, mapping)


def _name_reason(sheet: str, vocab: Vocabulary, found_by: str) -> str:
    if found_by == BY_MAPPING:
        return f"列名对照指定为“{vocab.sheet}”"
    if found_by == BY_NAME:
        return f"工作表名称即“{vocab.sheet}”"
    return f"工作表名称“{sheet}”是“{vocab.sheet}”的别名"


def _by_columns(sheet: str, head: Head, vocabs: Mapping[str, Vocabulary],
                mapping: SheetMapping | None) -> SheetLayout:
    found = {kind: best_header(head, vocab, mapping) for kind, vocab in vocabs.items()}
    fits = {kind: h for kind, h in found.items() if h is not None and vocabs[kind].identifies(h.fields)}
    if not fits:
        near = max(((k, h) for k, h in found.items() if h is not None), key=lambda kh: len(kh[1].fields),
                   default=None)
        if near is None:
            reason = f"未识别：前 {SCAN_ROWS} 行中没有可识别的表头"
        else:
            kind, header = near
            reason = (f"未识别：第 {header.row} 行只有 {_listed(header)}与“{vocabs[kind].sheet}”相符，"
                      "不足以判断是哪种名录")
        return SheetLayout(sheet, None, 0, reason=reason)
    top = max(len(h.fields) for h in fits.values())
    best = [kind for kind, h in fits.items() if len(h.fields) == top]
    if len(best) > 1:
        shown = "、".join(f"“{vocabs[k].sheet}”" for k in best)
        return SheetLayout(sheet, None, 0, reason=f"未识别：列与{shown}同样相符（各 {top} 列），无法确定")
    kind = best[0]
    header = fits[kind]
    reason = f"按列识别：第 {header.row} 行的 {_listed(header)}与“{vocabs[kind].sheet}”相符"
    return _layout(sheet, head, vocabs[kind], header, BY_COLUMNS, reason, mapping)


def _listed(header: HeaderFound, limit: int = 4) -> str:
    names = sorted(header.fields)
    shown = "、".join(names[:limit])
    return f"{shown} 等 {len(names)} 列" if len(names) > limit else f"{shown} {len(names)} 列"


def _layout(sheet: str, head: Head, vocab: Vocabulary, header: HeaderFound | None, found_by: str, reason: str,
            mapping: SheetMapping | None) -> SheetLayout:
    if header is None:  # known by its name, but no row names any column: row 1 stands as the header
        first = next((cells for number, cells in head if number == 1), ())
        texts = tuple(cell_text(v) for v in first)
        header = HeaderFound(1, None, texts, ("",) * len(texts), frozenset())
    columns, issues, clashes = map_columns(sheet, header.row, header.texts, header.groups, vocab, mapping)
    below = ((n, cells) for n, cells in head if n > header.row)
    skipped = notes_below(below, header.texts)
    issues += [issue("row.not-data", sheet=sheet, row=s.row, value=s.text, reason=s.reason) for s in skipped]
    return SheetLayout(sheet, vocab.kind, header.row, tuple(columns), tuple(skipped), found_by, reason,
                       tuple(issues), header.group_row, frozenset(clashes))


def layout_issues(layouts: Sequence[SheetLayout]) -> list[Issue]:
    """The issues of the headers of ``layouts`` (clashes, repeated columns, rows that are not data)."""
    return [i for layout in layouts for i in layout.issues]

"""A small fake of the xlwings object surface the adapter uses — and only that.

It behaves like Excel where the adapter's correctness depends on it: numbers are stored as floats, a text
that looks like a number or a formula is converted unless it starts with an apostrophe or its cell is
formatted as text ("@"), sheet names are unique case-insensitively and at most 31 characters, ``AddComment``
fails on a cell that already has a comment, ``UsedRange`` is the box of used cells. Anything the adapter is
not supposed to use raises ``NotImplementedError``. Every value read or write is counted, so tests can
check that sheets move in bulk.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from addin.core.table import column_index

_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Formula:
    text: str


@dataclass
class FakeComment:
    cells: dict[tuple[int, int], FakeComment]
    key: tuple[int, int]
    text: str

    def Text(self) -> str:
        return self.text

    def Delete(self) -> None:
        del self.cells[self.key]


class _Font:
    def __init__(self, rng: FakeRange) -> None:
        self._rng = rng

    @property
    def Size(self) -> float:
        raise NotImplementedError

    @Size.setter
    def Size(self, value: float) -> None:
        for key in self._rng.cells():
            self._rng.sheet.font_sizes[key] = value

    @property
    def Bold(self) -> bool:
        raise NotImplementedError

    @Bold.setter
    def Bold(self, value: bool) -> None:
        for key in self._rng.cells():
            self._rng.sheet.bold[key] = value


class _Borders:
    def __init__(self, rng: FakeRange) -> None:
        self._rng = rng

    @property
    def LineStyle(self) -> int:
        raise NotImplementedError

    @LineStyle.setter
    def LineStyle(self, value: int) -> None:
        self._rng.sheet.borders.append((self._rng.address, value))


class _RangeApi:
    """Cell formatting through COM: each property set is recorded per range address on the sheet."""

    _STYLES = ("WrapText", "VerticalAlignment", "HorizontalAlignment")

    def __init__(self, rng: FakeRange) -> None:
        self._rng = rng
        self.Font = _Font(rng)
        self.Borders = _Borders(rng)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self._STYLES:
            self._rng.sheet.styles.append((self._rng.address, name, value))
            return
        object.__setattr__(self, name, value)

    def Merge(self) -> None:
        self._rng.sheet.merged.append(self._rng.address)

    def AutoFilter(self, *args: Any) -> None:
        if args:
            raise NotImplementedError("criteria are not used")
        self._rng.sheet.autofilter = self._rng.address

    def _single(self) -> tuple[int, int]:
        cells = self._rng.cells()
        if len(cells) != 1:
            raise NotImplementedError("comments are only used on single cells")
        return cells[0]

    @property
    def Comment(self) -> FakeComment | None:
        return self._rng.sheet.comments.get(self._single())

    def AddComment(self, text: str) -> FakeComment:
        key = self._single()
        if key in self._rng.sheet.comments:
            raise RuntimeError("COM error: the cell already has a comment")  # what Excel does
        comment = FakeComment(self._rng.sheet.comments, key, text)
        self._rng.sheet.comments[key] = comment
        return comment


class _Cell:
    def __init__(self, row: int, column: int) -> None:
        self.row, self.column = row, column


class FakeRange:
    def __init__(self, sheet: FakeSheet, areas: list[tuple[int, int, int, int]], address: str, ndim: int | None = None):
        self.sheet, self.areas, self.address, self._ndim = sheet, areas, address, ndim
        self.api = _RangeApi(self)

    def cells(self) -> list[tuple[int, int]]:
        return [(r, c) for r1, c1, r2, c2 in self.areas for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

    def options(self, *, ndim: int) -> FakeRange:
        if ndim != 2:
            raise NotImplementedError
        return FakeRange(self.sheet, self.areas, self.address, ndim)

    @property
    def last_cell(self) -> _Cell:
        _r1, _c1, r2, c2 = self.areas[-1]
        return _Cell(r2, c2)

    @property
    def value(self) -> Any:
        if self._ndim != 2 or len(self.areas) != 1:
            raise NotImplementedError("the adapter reads rectangles with options(ndim=2)")
        self.sheet.book.counts["value reads"] += 1
        r1, c1, r2, c2 = self.areas[0]
        return [[self.sheet.values.get((r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    @value.setter
    def value(self, grid: Any) -> None:
        if not isinstance(grid, list) or not all(isinstance(row, list) for row in grid):
            raise NotImplementedError("the adapter writes lists of lists")
        self.sheet.book.counts["value writes"] += 1
        r1, c1, _, _ = self.areas[0]  # xlwings writes from the top-left cell, whatever the range's size
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                self.sheet.store((r1 + i, c1 + j), v)

    @property
    def color(self) -> Any:
        raise NotImplementedError

    @color.setter
    def color(self, rgb: tuple[int, int, int]) -> None:
        if not (isinstance(rgb, tuple) and len(rgb) == 3 and all(0 <= x <= 255 for x in rgb)):
            raise ValueError(f"not an RGB tuple: {rgb!r}")
        if len(self.address) > 255:
            raise RuntimeError("COM error: range address longer than 255 characters")
        self.sheet.book.counts["color sets"] += 1
        for key in self.cells():
            self.sheet.colors[key] = rgb

    @property
    def number_format(self) -> str:
        raise NotImplementedError

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        for key in self.cells():
            self.sheet.formats[key] = fmt

    @property
    def row_height(self) -> float:
        raise NotImplementedError

    @row_height.setter
    def row_height(self, height: float) -> None:
        if len(self.address) > 255:
            raise RuntimeError("COM error: range address longer than 255 characters")
        for r1, _, r2, _ in self.areas:
            for r in range(r1, r2 + 1):
                self.sheet.heights[r] = height

    @property
    def column_width(self) -> float:
        raise NotImplementedError

    @column_width.setter
    def column_width(self, width: float) -> None:
        for _, c1, _, c2 in self.areas:
            for c in range(c1, c2 + 1):
                self.sheet.widths[c] = width


def _parse(address: str) -> list[tuple[int, int, int, int]]:
    areas = []
    for part in address.split(","):
        ends = [_CELL.fullmatch(p.strip()) for p in part.split(":")]
        if not ends or any(m is None for m in ends) or len(ends) > 2:
            raise ValueError(f"bad address {address!r}")
        (a, b) = (ends[0], ends[-1])
        r1, c1 = int(a.group(2)), column_index(a.group(1)) + 1  # type: ignore[union-attr]
        r2, c2 = int(b.group(2)), column_index(b.group(1)) + 1  # type: ignore[union-attr]
        areas.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return areas


class _PageSetup:
    """Records what the adapter sets (Excel's PageSetup properties); an unknown property is an error."""

    KNOWN = frozenset({"PaperSize", "Orientation", "Zoom", "FitToPagesWide", "FitToPagesTall", "PrintTitleRows", "PrintTitleColumns",
                       "PrintArea", "CenterHorizontally", "CenterFooter", "LeftMargin", "RightMargin",
                       "TopMargin", "BottomMargin", "FooterMargin"})

    def __init__(self) -> None:
        object.__setattr__(self, "values", {})

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in self.KNOWN:
            raise AttributeError(f"PageSetup has no property {name}")
        self.values[name] = value


class _SheetApi:
    def __init__(self) -> None:
        self.Visible = -1  # xlSheetVisible
        self.PageSetup = _PageSetup()


@dataclass(eq=False)
class FakeSheet:
    book: FakeBook
    name: str
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    colors: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    bold: dict[tuple[int, int], bool] = field(default_factory=dict)
    comments: dict[tuple[int, int], FakeComment] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    font_sizes: dict[tuple[int, int], float] = field(default_factory=dict)
    styles: list[tuple[str, str, Any]] = field(default_factory=list)
    borders: list[tuple[str, int]] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    autofilter: str | None = None

    def __post_init__(self) -> None:
        self.api = _SheetApi()

    def store(self, key: tuple[int, int], v: Any) -> None:
        """Store a value the way Excel does when it is assigned to ``Range.Value``."""
        if v is None or v == "":
            self.values.pop(key, None)
            return
        if isinstance(v, bool):
            self.values[key] = v
        elif isinstance(v, int | float):
            self.values[key] = float(v)
        elif isinstance(v, dt.datetime):
            self.values[key] = v
        elif isinstance(v, dt.date):
            raise TypeError("pywin32 needs datetime, not date")
        elif isinstance(v, str):
            if v.startswith("'"):
                self.values[key] = v[1:]  # the apostrophe is a prefix, not part of the value
            elif self.formats.get(key) == "@":
                self.values[key] = v
            elif v.startswith("="):
                self.values[key] = Formula(v)
            elif _NUMBER.fullmatch(v.strip()):
                self.values[key] = float(v)
            else:
                self.values[key] = v
        else:
            raise TypeError(f"cannot send {type(v).__name__} to Excel")

    def hold(self, key: tuple[int, int], v: Any) -> None:
        """Put a value in the cell as Excel holds it (what a user typed into a text-formatted cell)."""
        if v is None:
            return
        if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
            v = dt.datetime(v.year, v.month, v.day)
        self.values[key] = float(v) if isinstance(v, int) and not isinstance(v, bool) else v

    def range(self, first: Any, second: Any = None) -> FakeRange:
        if isinstance(first, str) and second is None:
            return FakeRange(self, _parse(first), first)
        if isinstance(first, tuple) and (second is None or isinstance(second, tuple)):
            r1, c1 = first
            r2, c2 = second or first
            return FakeRange(self, [(r1, c1, r2, c2)], f"R{r1}C{c1}:R{r2}C{c2}")
        raise NotImplementedError

    @property
    def used_range(self) -> FakeRange:
        keys = set(self.values) | set(self.formats) | set(self.colors)
        if not keys:
            return self.range((1, 1))
        rows, cols = [k[0] for k in keys], [k[1] for k in keys]
        return self.range((min(rows), min(cols)), (max(rows), max(cols)))

    def activate(self) -> None:
        self.book.active = self

    def grid(self) -> list[list[Any]]:
        """All values from A1 to the last used cell (for assertions)."""
        if not self.values:
            return []
        rows = max(r for r, _ in self.values)
        cols = max(c for _, c in self.values)
        return [[self.values.get((r, c)) for c in range(1, cols + 1)] for r in range(1, rows + 1)]


class FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self._book = book
        self._list: list[FakeSheet] = []

    def __iter__(self) -> Any:
        return iter(list(self._list))

    def __len__(self) -> int:
        return len(self._list)

    def __getitem__(self, key: int | str) -> FakeSheet:
        if isinstance(key, int):
            return self._list[key]
        for sheet in self._list:
            if sheet.name.casefold() == key.casefold():
                return sheet
        raise KeyError(key)

    def add(self, name: str | None = None, before: Any = None, after: Any = None) -> FakeSheet:
        if name is None or before is not None:
            raise NotImplementedError
        if len(name) > 31 or any(c in name for c in "[]:*?/\\"):
            raise RuntimeError(f"COM error: invalid sheet name {name!r}")
        if any(s.name.casefold() == name.casefold() for s in self._list):
            raise RuntimeError(f"COM error: a sheet named {name!r} exists")
        sheet = FakeSheet(self._book, name)
        position = self._list.index(after) + 1 if after is not None else len(self._list)
        self._list.insert(position, sheet)
        sheet.activate()
        return sheet


class _Window:
    def __init__(self, book: FakeBook) -> None:
        self._book = book
        self.SplitColumn = 0
        self.SplitRow = 0
        self.frozen: dict[str, int] = {}
        self._freeze = False

    @property
    def FreezePanes(self) -> bool:
        return self._freeze

    @FreezePanes.setter
    def FreezePanes(self, value: bool) -> None:
        self._freeze = value
        if value and self._book.active is not None:
            self.frozen[self._book.active.name] = self.SplitRow


class _AppApi:
    def __init__(self, book: FakeBook) -> None:
        self.ActiveWindow = _Window(book)
        self.PrintCommunication = True


class _App:
    def __init__(self, book: FakeBook) -> None:
        self.api = _AppApi(book)


class FakeBook:
    """``FakeBook({"Sheet": [[header...], [row...]]})``: the values as Excel holds them (text stays text).
    ``fullname`` is what Excel gives: the file's full path, or just ``Book1`` for a workbook never saved."""

    def __init__(self, sheets: dict[str, list[list[Any]]] | None = None, fullname: str = "Book1") -> None:
        self.fullname = fullname
        self.counts: Counter[str] = Counter()
        self.active: FakeSheet | None = None
        self.sheets = FakeSheets(self)
        self.app = _App(self)
        for name, rows in (sheets or {}).items():
            sheet = self.sheets.add(name=name)
            for r, row in enumerate(rows, start=1):
                for c, v in enumerate(row, start=1):
                    sheet.hold((r, c), v)
        self.counts.clear()

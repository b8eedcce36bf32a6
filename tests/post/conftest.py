"""Fixtures of the post-draw tests: the workbook of :mod:`post_cases`, written to a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from post_cases import default_sheets, write_book


@pytest.fixture
def make_book(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "示例县.xlsx", **changes: list[tuple[Any, ...]]) -> Path:
        sheets = default_sheets()
        sheets.update(changes)
        return write_book(tmp_path / name, sheets)

    return make


@pytest.fixture
def book(make_book: Callable[..., Path]) -> Path:
    return make_book()

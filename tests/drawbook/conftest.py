"""Fixtures of the freeze / draw tests: the small county of :mod:`drawbook_cases`, frozen and drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from drawbook_cases import DAY, DRAW_TIME, FREEZE_TIME, DrawnCase, write_book

from addin.services.draw.draw import draw
from addin.services.draw.freeze import Frozen, freeze


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "测试县.xlsx")


@pytest.fixture
def frozen(book: Path) -> Frozen:
    return freeze(book, book.parent / "out" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)


@pytest.fixture
def drawn(book: Path, frozen: Frozen) -> DrawnCase:
    done = draw(frozen.out, frozen.out.parent / "抽取.xlsx", randomness=[("test", "1", "drawbook")], now=DRAW_TIME)
    return DrawnCase(book, frozen, done)

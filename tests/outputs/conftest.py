"""The demo's outputs on the example workbook, made once for the output tests (about 15 s)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from addin.services.demo import EXAMPLE, STEPS, DemoRun, demo_today


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    out = tmp_path_factory.mktemp("demo")
    run = DemoRun(EXAMPLE, out, demo_today(EXAMPLE, dt.date(2024, 3, 1)))
    for step in STEPS:
        step.run(run)
    assert not run.failed, run.failed
    return run


@pytest.fixture(scope="session")
def demo_out(demo: DemoRun) -> Path:
    return demo.out

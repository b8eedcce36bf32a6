"""Every entry of the hostile-input corpus (:mod:`hostile.corpus`) gets its status and a Chinese message, in
bounded time and memory: one folder run as ``ssj validate`` does it (worker processes with their limits, the
peak memory of the whole run measured), and each file alone in this process (time and Python allocations).
Nothing is unpacked or followed: no file appears outside the corpus."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from book_files import save_xlsx
from hostile.corpus import NOT_UTF8, Expected, T, corpus
from validation.sample_books import good_sheets, only

from addin.adapters.listing import shown
from addin.reporters.messages import render
from addin.services.validate import validate_path

TODAY = dt.date(2024, 3, 1)
RUN = """
import resource, sys
from addin.cli import main
code = main(sys.argv[1:])
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"PEAK-KB {peak}", file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    root = tmp_path_factory.mktemp("hostile")
    good = save_xlsx(root / "good.xlsx", only(good_sheets(), T))
    return root / "报送", corpus(root / "报送", good)


def _words(found: dict[str, object]) -> str:
    return " ".join(str(i["message"]) for i in found["issues"])  # type: ignore[attr-defined]


def test_the_corpus_as_a_folder_in_bounded_time_and_memory(made: tuple[Path, dict[str, Expected]]) -> None:
    folder, expected = made
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", RUN, "validate", str(folder), "--json", "-", "--jobs", "2",
                           "--memory-limit", "768", "--timeout", "60", "--today", TODAY.isoformat()],
                          capture_output=True, timeout=300)
    elapsed = time.monotonic() - started
    err = done.stderr.decode("utf-8")  # stderr and JSON are valid UTF-8 whatever the names
    data = json.loads(done.stdout.decode("utf-8"))
    assert done.returncode == 1, err
    assert "Traceback" not in err
    found = {Path(f["path"]).relative_to(folder).as_posix(): f for f in data["files"]}
    shown_names = {shown(name) if name == NOT_UTF8 else name: want for name, want in expected.items()}
    assert set(found) == set(shown_names)
    for name, want in shown_names.items():
        got = found[name]
        first = got["issues"][0]["code"] if got["issues"] else None
        assert (name, got["status"], first) == (name, want.status, want.code), _words(got)
        assert want.words in _words(got), (name, _words(got))
        if got["status"] == "unreadable":
            assert any("\u4e00" <= ch <= "\u9fff" for ch in _words(got)), name
    assert data["summary"]["left_out"] == 1  # ~$城关.xlsx
    assert "文件夹层级超过" in err
    assert len(done.stdout) < 200_000  # a 100,000-character cell is not echoed
    peak_mb = int(err.rsplit("PEAK-KB ", 1)[1].split()[0]) // 1024
    assert peak_mb < 1200, f"peak {peak_mb} MB"
    assert elapsed < 120, f"{elapsed:.0f} s"
    assert not list(folder.parent.glob("**/evil.txt"))  # nothing was unpacked


@pytest.mark.parametrize("name", ["unusable/bomb.xlsx", "unusable/laughs-in-sheet.xlsx",
                                  "unusable/laughs-in-strings.xlsx", "unusable/empty.xlsx", "unusable/old.xlsx",
                                  "unusable/table.xlsx", "unusable/truncated.xlsx", "traversal.xlsx", "报送.zip",
                                  "..\\..\\上报.xlsx", "many-parts.xlsx", "deep-xml.xlsx", "word.xlsx", "text.ods",
                                  "binary.xlsb", NOT_UTF8, "cells.xlsx"])
def test_each_file_alone_in_bounded_time_and_memory(made: tuple[Path, dict[str, Expected]], name: str) -> None:
    folder, expected = made
    want = expected[name]
    tracemalloc.start()
    started = time.monotonic()
    try:
        report = validate_path(folder / name, today=TODAY)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    first = report.issues[0].code if report.issues else None
    assert (report.status, first) == (want.status, want.code)
    message = " ".join(render(i) for i in report.issues)
    assert want.words in message
    assert len(message) < 5000
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert peak < 64 * 1024 * 1024, f"{peak // 1024 // 1024} MB of Python objects"

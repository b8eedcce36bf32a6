"""What a citizen can learn from the public files of the example's draw (抽取公示 .xlsx and .csv): no business's
credit-risk class.

The attack of issue 11: take the seed and the list from the public files, compute each drawn firm's rank key,
and compare it with per-class cutoff keys. With the cutoffs (they are in the internal audit file) it identifies
the class of many firms; the public files hold no cutoff, no per-class count and no class, and from what they
do hold — per task N, n and the plan's rates — every drawn firm could be in at least two classes.
"""

from __future__ import annotations

import csv
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from addin.adapters.csv_out import plain
from addin.core.draw.ranking import rank_key
from addin.services.demo import DemoRun
from addin.services.draw.evidence import read_log
from addin.services.draw.notice import AUDIT_SHEET, FACTS_SHEET, LIST_SHEET, TASKS_SHEET

HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
CLASSES = ("A", "B", "C", "D", "未分类")


def _sheet_rows(path: Path, sheet: str, header_row: int = 1) -> list[dict[str, Any]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)][header_row - 1:]
    finally:
        wb.close()
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def _public_cells(demo: DemoRun) -> list[str]:
    wb = openpyxl.load_workbook(demo.out / "抽取公示.xlsx", read_only=True)
    try:
        cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    finally:
        wb.close()
    with (demo.out / "抽取公示.csv").open(encoding="utf-8-sig", newline="") as fh:
        return cells + [plain(c) for row in csv.reader(fh) for c in row]


def _public_list(demo: DemoRun) -> tuple[bytes, list[tuple[str, str, str]]]:
    """The seed and the (任务编号, 排序键范围, 统一社会信用代码) of every listed firm, from the public workbook alone."""
    facts = {r["项目"]: r["内容"] for r in _sheet_rows(demo.out / "抽取公示.xlsx", FACTS_SHEET)}
    scopes = {str(r["任务编号"]): str(r["排序键范围"]) for r in _sheet_rows(demo.out / "抽取公示.xlsx", TASKS_SHEET)}
    listed = [(str(r["任务编号"]), scopes[str(r["任务编号"])], str(r["统一社会信用代码"]))
              for r in _sheet_rows(demo.out / "抽取公示.xlsx", LIST_SHEET)]
    return bytes.fromhex(str(facts["随机种子"])), listed


def _identified(seed: bytes, listed: list[tuple[str, str, str]],
                cutoffs: dict[tuple[str, str], str]) -> set[str]:
    """Firms whose key is at or below the cutoff of exactly one class of their task (the issue's attack)."""
    found = set()
    for task, scope, code in listed:
        key = rank_key(seed, scope, code).hex()
        fits = [cls for (t, cls), cut in cutoffs.items() if t == task and cut and key <= cut]
        if len(fits) == 1:
            found.add(code)
    return found


def test_the_cutoff_attack_needs_the_internal_file_and_finds_nothing_in_the_public_ones(demo: DemoRun) -> None:
    seed, listed = _public_list(demo)
    assert len(listed) > 100
    audit = next(p for p in (demo.out / "抽取证据").iterdir() if AUDIT_SHEET in p.name)
    internal = {(str(r["任务编号"]), str(r["风险类别"])): str(r["截止排序键"] or "")
                for r in _sheet_rows(audit, AUDIT_SHEET, header_row=2)}
    assert len(_identified(seed, listed, internal)) > 20  # the attack works where the cutoffs are
    cells = _public_cells(demo)
    # every 64-hex value published is a hash of the record, none a cutoff key
    log = read_log(demo.evidence) if demo.evidence else []
    facts = {r["项目"]: str(r["内容"]) for r in _sheet_rows(demo.out / "抽取公示.xlsx", FACTS_SHEET)}
    known = {v for k, v in facts.items() if HEX64.fullmatch(v)}
    assert {facts["冻结哈希"], facts["随机种子"], facts["结果摘要"], facts["日志最新哈希（请核对）"]} <= known
    assert len(log) >= 3
    published = {h for c in cells for h in HEX64.findall(c)}
    assert published <= known
    public_cutoffs = {key: cut for key, cut in internal.items() if cut in published}
    assert _identified(seed, listed, public_cutoffs) == set()
    assert not {"风险类别", "截止排序键", "信用风险分类"}.intersection(cells)  # no such column


def _rates(text: str) -> dict[str, Fraction]:
    """抽查比例 as published (附件 / 抽查任务): "5%（A类 3%、B类 5%、C类 20%、D类 100%）" → rate per class."""
    base, _, extra = text.partition("（")
    rates = dict.fromkeys(CLASSES, Fraction(base.strip().rstrip("%")) / 100)
    for cls, value in re.findall(r"([ABCD])类 ([\d.]+)%", extra):
        rates[cls] = Fraction(value) / 100
    return rates


def _sizes(listed: int, rate: Fraction, total: int) -> tuple[int, int] | None:
    """The class sizes N_h (lowest, highest) that draw exactly ``listed`` firms: ceil(rate·N_h) = listed."""
    if listed == 0:
        return (0, 0) if rate > 0 else (0, total)
    if rate == 0:
        return None
    low, high = math.floor((listed - 1) / rate) + 1, min(math.floor(listed / rate), total)
    return (low, high) if low <= high else None


def _possible_classes(total: int, drawn: int, rates: dict[str, Fraction]) -> set[str]:
    """The classes a drawn firm of this task can be in, given only public facts: N and n of the task and the
    rates. A class of N_h firms draws ceil(r_h·N_h) of them; the keys of the firms not drawn are not public, so
    any split of the drawn firms into classes whose sizes can add up to N is possible."""
    possible = set()
    for wanted in rates:
        frontier: dict[int, set[tuple[int, int]]] = {0: {(0, 0)}}  # drawn so far → (Σ lowest, Σ highest)
        for cls, rate in rates.items():
            grown: dict[int, set[tuple[int, int]]] = {}
            for done, pairs in frontier.items():
                for listed in range(1 if cls == wanted else 0, drawn - done + 1):
                    size = _sizes(listed, rate, total)
                    if size is None:
                        continue
                    for low, high in pairs:
                        if low + size[0] <= total:
                            grown.setdefault(done + listed, set()).add((low + size[0], high + size[1]))
            frontier = {k: {p for p in v if not any(q != p and q[0] <= p[0] and q[1] >= p[1] for q in v)}
                        for k, v in grown.items()}
        if any(low <= total <= high for low, high in frontier.get(drawn, ())):
            possible.add(wanted)
    return possible


@pytest.mark.parametrize("task", ["2024-03", "2024-04", "2024-05", "2024-06"])
def test_no_drawn_firm_has_its_class_determined_by_the_public_facts(demo: DemoRun, task: str) -> None:
    tasks = {str(r["任务编号"]): r for r in _sheet_rows(demo.out / "抽取公示.xlsx", TASKS_SHEET)}
    row = tasks[task]
    possible = _possible_classes(int(row["名录户数"]), int(row["抽取户数"]), _rates(str(row["抽查比例"])))
    assert len(possible) >= 2, possible


def test_the_consistency_check_does_determine_a_class_when_the_facts_force_it() -> None:
    # one drawn firm in a task of 10 where only D is drawn at all: it must be D
    rates = {"A": Fraction(0), "B": Fraction(0), "C": Fraction(0), "D": Fraction(1), "未分类": Fraction(0)}
    assert _possible_classes(10, 1, rates) == {"D"}

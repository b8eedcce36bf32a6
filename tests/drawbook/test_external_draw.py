"""A batch drawn on the provincial platform (外部抽取), recorded and carried through results, statistics,
deadlines, publication, the next freeze and the monthly report like any other batch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from drawbook_cases import HEALTH, MARKET, PUBLIC, RESULT_HEADER, SWIM, sheets

from addin.adapters.memory import MemoryBook
from addin.core.errors import AddinError
from addin.core.external_draw import ListRow
from addin.core.freeze.batch import choose_tasks
from addin.core.publication import public_rows
from addin.services.deadlines import run
from addin.services.draw.book import evidence_folder, read_batches, read_source
from addin.services.import_draw import record_batch
from addin.services.post_book import load
from addin.services.report import monthly_report
from addin.services.results import check
from addin.services.statistics import compute

D = dt.date
NOW = dt.datetime(2024, 10, 9, 15, 0)
DIGEST = "ab" * 32
# rows of the platform's list: T03 by its name, T02 by its number, inspectors by 执法证号 or by name
LIST = [
    ListRow(4, "对南河镇公共场所的专项抽查", PUBLIC[0], "测试宾馆1", ("人员1", "人员2"), ("ZF0001", "ZF0002"), HEALTH,
            D(2024, 10, 8)),
    ListRow(5, "对南河镇公共场所的专项抽查", PUBLIC[3], "测试宾馆4", ("人员3", "王某"), ("ZF0003", "ZF9999"), HEALTH,
            D(2024, 10, 8)),
    ListRow(6, "T02", SWIM[0], "测试游泳馆1", ("人员4", "人员9"), (), "", D(2024, 10, 8)),
    ListRow(7, "T02", PUBLIC[3], "测试宾馆4", ("人员10",), ("ZF0102",), MARKET, D(2024, 10, 8)),
    ListRow(8, "平台上的另一项任务", PUBLIC[6], "测试宾馆7", ("人员1",), ("ZF0001",), HEALTH, D(2024, 10, 8)),
]


def _results(*rows: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return [RESULT_HEADER, *rows]


def recorded(**changes: list[tuple[Any, ...]]) -> MemoryBook:
    book = MemoryBook(sheets(**changes))
    record_batch(book, LIST, source="省平台抽取结果.xlsx", digest=DIGEST, now=NOW)
    return book


def test_the_list_becomes_one_visit_per_business_with_its_team() -> None:
    book = MemoryBook(sheets())
    done = record_batch(book, LIST, source="省平台抽取结果.xlsx", digest=DIGEST, now=NOW)
    assert done.batch.batch == "测试县卫生健康局-2024年第1批（外部抽取）"
    assert [(i.code, i.row) for i in done.batch.issues] == [
        ("import-draw.unknown-inspector", 5), ("import-draw.out-of-scope", 7), ("import-draw.unknown-task", 8)]
    visits = {v.uscc: v for v in done.batch.visits}
    assert set(visits) == {PUBLIC[0], PUBLIC[3], SWIM[0]}
    # one door for a business two tasks drew on the platform; inspectors matched by name take their department
    assert visits[PUBLIC[3]].task_numbers == ("T03", "T02")
    assert visits[PUBLIC[3]].licences == ("ZF0003", "ZF9999", "ZF0102")
    assert visits[SWIM[0]].licences == ("ZF0004", "ZF0101")
    assert visits[SWIM[0]].depts == (HEALTH, MARKET)
    assert done.sheets == ("检查安排", "外部抽取核对", "抽取记录")
    log = book.read_table("抽取记录").records()
    (_, row), = list(log)
    assert row["类型"] == "external"
    assert "无法核验" in row["说明"]
    assert DIGEST in row["内容(JSON)"]
    (batch,) = read_batches(book)
    assert (batch.task_numbers, batch.drawn, batch.external) == (("T03", "T02"), True, True)


def test_the_same_list_is_not_recorded_twice() -> None:
    book = recorded()
    with pytest.raises(AddinError) as err:
        record_batch(book, LIST, source="again.xlsx", digest=DIGEST, now=NOW)
    assert err.value.code == "import-draw.already-imported"


def test_its_visits_are_treated_like_any_other() -> None:
    today = D(2024, 11, 20)
    book = recorded(检查结果=_results(
        ("T03", PUBLIC[0], D(2024, 10, 15), "ZF0001、ZF0002", "实地检查", "未发现问题", HEALTH),
        ("T02", SWIM[0], D(2024, 10, 16), "ZF0004", "实地检查", "发现问题已责令改正", HEALTH),
        ("T02", SWIM[0], D(2024, 10, 16), "ZF0101", "实地检查", "未发现问题", MARKET),
        ("T01", PUBLIC[6], D(2024, 10, 16), "ZF0001", "实地检查", "未发现问题", HEALTH)))  # not drawn anywhere
    inputs = load(book, today)
    assert all(v.external for v in inputs.draws.valid_visits())
    checked = check(inputs, today)
    assert [i.code for i in checked.issues if i.is_error] == ["result.not-drawn"]
    assert [(r.task_id, r.dept) for r in checked.accepted] == [("T03", HEALTH), ("T02", HEALTH), ("T02", MARKET)]
    stats = {s.task_id: s for s in compute(inputs, checked, today)}
    assert (stats["T03"].drawn, stats["T03"].inspected) == (2, 1)
    assert (stats["T02"].drawn, stats["T02"].inspected) == (2, 1)
    assert [r.uscc for r in checked.ledger] == [SWIM[0]]
    reminders = {(r.code, r.task_id) for r in run(inputs, today).reminders}
    assert ("task.not-drawn", "T03") not in reminders
    assert public_rows(checked.accepted, inputs.tasks, inputs.names, {})[0][0] == "测试宾馆1"
    report = monthly_report(book, 2024, 10, D(2024, 11, 5))
    assert "对南河镇公共场所的专项抽查：南河镇公共场所，抽取2户，抽查比例50%，本月检查1户" in report.scope
    assert "抽查检查主体2户" in report.system


def test_the_next_freeze_counts_its_tasks_and_never_takes_it_for_a_draw_of_ours(tmp_path: Any) -> None:
    book = recorded()
    source = read_source(book, D(2024, 10, 20)).source
    choices = {c.task.number: c for c in choose_tasks(source.tasks, D(2024, 10, 20), source.history)}
    assert not choices["T03"].included
    assert "频次已用完" in choices["T03"].note
    with pytest.raises(AddinError) as err:
        evidence_folder(tmp_path, book, None, "drawn")
    assert err.value.code == "draw.no-batch"

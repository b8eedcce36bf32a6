"""The buttons of the 抽取 and 公示与报表 groups on a live workbook (the fake of xlwings) and on the memory
adapter: the sheets written, the files beside the workbook, the message shown — the same results as the
command line on the same workbook — and the refusals, which write nothing."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fake_xlwings import FakeBook

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / name) for name in ("drawbook", "post")]
import drawbook_cases as dc  # noqa: E402  (the small workbooks of the draw and post-draw suites)
import post_cases as pc  # noqa: E402

from addin.adapters.memory import MemoryBook  # noqa: E402
from addin.adapters.openpyxl_book import OpenpyxlBook  # noqa: E402
from addin.adapters.xlwings_book import XlwingsBook  # noqa: E402
from addin.core.deadlines import Level  # noqa: E402
from addin.core.errors import AddinError  # noqa: E402
from addin.ports import WorkbookPort  # noqa: E402
from addin.ribbon import runner  # noqa: E402
from addin.ribbon.handlers import HANDLERS, Context, Outcome  # noqa: E402
from addin.services.deadlines import deadlines  # noqa: E402
from addin.services.draw.draw import Drawn, draw  # noqa: E402
from addin.services.draw.freeze import Frozen, freeze  # noqa: E402
from addin.services.publish import publish  # noqa: E402
from addin.services.report import report, report_rows  # noqa: E402

Sheets = dict[str, list[tuple[Any, ...]]]
EVIDENCE_FILES = ["conflicts.tsv", "log.jsonl", "plan.json", "pool.tsv", "roster.tsv", "team_conflicts.tsv"]
POST_DAY = dt.date(2025, 11, 3)


def _with_settings(sheets: Sheets, **items: str) -> Sheets:
    return {**sheets, "设置": [*sheets["设置"], *items.items()]}


def _draw_sheets(**items: str) -> Sheets:
    return _with_settings(dc.sheets(), **({"随机源": "test:1", "随机源取值": "drawbook"} | items))


def _open(kind: str, sheets: Sheets, file: Path | None) -> tuple[WorkbookPort, Path | None]:
    """The workbook as the ribbon gets it: a live one (file from Excel's ``FullName``) or a memory one."""
    if kind == "xlwings":
        book = XlwingsBook(FakeBook({n: [list(r) for r in rows] for n, rows in sheets.items()},
                                    fullname=str(file) if file else "Book1"))
        return book, book.path
    return MemoryBook(sheets), file


def _press(button: str, book: WorkbookPort, file: Path | None, now: dt.datetime) -> Outcome:
    return HANDLERS[button].run(Context(book, now.date(), path=file, now=now))


def _live_file(tmp_path: Path, name: str = "测试县.xlsx") -> Path:
    folder = tmp_path / "科室"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _types(book: WorkbookPort) -> list[str]:
    return [str(row["类型"]) for _n, row in book.read_table("抽取记录").records()]


def _cells(book: WorkbookPort, sheet: str, header_row: int = 1) -> list[tuple[Any, ...]]:
    """The rows of a sheet without trailing blank cells (adapters differ only there)."""
    rows = []
    for row in book.read_table(sheet, header_row).rows:
        values = list(row.values)
        while values and values[-1] is None:
            values.pop()
        rows.append((row.number, *values))
    return rows


def _records(book: WorkbookPort, sheet: str, header_row: int = 1) -> list[dict[str, Any]]:
    return [row for _n, row in book.read_table(sheet, header_row).records()]


@pytest.fixture(scope="module")
def cli_draw(tmp_path_factory: pytest.TempPathFactory) -> tuple[Frozen, Drawn]:
    """``ssj freeze`` then ``ssj draw`` on the same workbook, as the reference."""
    book = dc.write_book(tmp_path_factory.mktemp("cli") / "测试县.xlsx")
    frozen = freeze(book, book.parent / "冻结.xlsx", day=dc.DAY, sources=[("test", "1")], now=dc.FREEZE_TIME)
    assert frozen.out is not None
    drawn = draw(frozen.out, book.parent / "抽取.xlsx", randomness=[("test", "1", "drawbook")], now=dc.DRAW_TIME)
    return frozen, drawn


@pytest.mark.parametrize("kind", ["memory", "xlwings"])
def test_freeze_draw_and_verify_on_the_live_workbook_give_what_the_command_line_gives(
        kind: str, tmp_path: Path, cli_draw: tuple[Frozen, Drawn]) -> None:
    cli_frozen, cli_drawn = cli_draw
    file = _live_file(tmp_path)
    book, path = _open(kind, _draw_sheets(), file)
    before = book.sheet_names()

    frozen = _press("freeze", book, path, dc.FREEZE_TIME)
    assert frozen.exit_code == 0
    assert frozen.message.startswith(f"冻结完成：抽取批次 {cli_frozen.plan_id}（抽取日期 2024-05-06）\n纳入任务 T01、T02；不纳入 T03")
    assert f"冻结哈希：{cli_frozen.freeze_hash}\n指定随机源（按顺序）：test:1\n说明：manual/test 随机源不能防止操纵。" in frozen.message
    evidence = file.parent / "抽取证据" / cli_frozen.plan_id
    assert f"抽取材料：{evidence}" in frozen.message
    assert frozen.message.endswith("冻结记录已追加到工作表“抽取记录”。请保存工作簿（Ctrl+S）：新工作表和抽取记录在保存后才写入文件。")
    assert sorted(p.name for p in evidence.iterdir()) == EVIDENCE_FILES
    for name in EVIDENCE_FILES:  # the reference has been drawn since: its log has grown
        assert (cli_frozen.evidence / name).read_bytes().startswith((evidence / name).read_bytes()), name
    assert book.sheet_names() == [*before, "抽取记录", "抽取排除"]
    assert _types(book) == ["冻结"]

    drawn = _press("draw", book, path, dc.DRAW_TIME)
    assert drawn.exit_code == 0
    forms = file.parent / "测试县-一企一表.xlsx"
    assert drawn.message.splitlines() == [
        f"抽取完成：抽取批次 {cli_frozen.plan_id}",
        f"检查对象 {cli_drawn.targets} 户，检查组 {cli_drawn.visits} 个；未满员岗位 0 个",
        "新工作表：“抽取结果”“检查安排”；抽取记录已追加到“抽取记录”。",
        f"随机种子：{cli_drawn.result['seed']}",
        f"日志最新哈希（请公示）：{cli_drawn.head}",
        "说明：本次使用 manual/test 随机源，不能防止操纵（test 仅用于演示和测试）。",
        f"一企一表（每户一页，可打印）：{forms}",
        f"抽取材料：{evidence}",
        "请保存工作簿（Ctrl+S）：新工作表和抽取记录在保存后才写入文件。",
    ]
    assert book.sheet_names() == [*before, "抽取记录", "抽取排除", "抽取结果", "检查安排"]
    assert _types(book) == ["冻结", "随机源取值", "抽取结果"]
    for name in ("result.json", "randomness.json", "log.jsonl"):
        assert (evidence / name).read_bytes() == (cli_drawn.evidence / name).read_bytes(), name
    assert cli_drawn.out is not None
    cli_book = OpenpyxlBook.read(cli_drawn.out)
    try:
        for sheet in ("检查安排", "抽取结果"):
            assert _records(book, sheet) == _records(cli_book, sheet), sheet
    finally:
        cli_book.close()
    assert OpenpyxlBook.read(forms).sheet_names() == OpenpyxlBook.read(cli_drawn.forms).sheet_names()

    verified = _press("verify", book, path, dc.DRAW_TIME)
    assert verified.exit_code == 0
    assert verified.message.splitlines()[:3] == [
        f"校验通过：抽取批次 {cli_frozen.plan_id} 的冻结材料、随机源取值、抽取结果与日志全部一致。",
        f"日志记录 3 条；最新记录哈希（应与公示的一致）：{cli_drawn.head}",
        f"结果摘要：{cli_drawn.result['result_digest']}"]
    assert len(book.sheet_names()) == len(before) + 4  # verifying writes nothing


def test_verify_names_the_first_difference_of_altered_evidence(tmp_path: Path) -> None:
    file = _live_file(tmp_path)
    book, path = _open("memory", _draw_sheets(), file)
    _press("freeze", book, path, dc.FREEZE_TIME)
    _press("draw", book, path, dc.DRAW_TIME)
    folder = next((file.parent / "抽取证据").iterdir())
    result = json.loads((folder / "result.json").read_bytes())
    result["seed"] = "0" * 64
    (folder / "result.json").write_text(json.dumps(result), encoding="utf-8")
    outcome = _press("verify", book, path, dc.DRAW_TIME)
    assert outcome.exit_code == 1
    assert outcome.message.startswith(f"校验未通过：抽取批次 {folder.name}\nresult.json 与重算结果不符：.seed")


def test_the_forms_beside_the_workbook_never_replace_an_earlier_file(tmp_path: Path) -> None:
    file = _live_file(tmp_path)
    earlier = file.parent / "测试县-一企一表.xlsx"
    earlier.write_bytes(b"earlier")
    book, path = _open("memory", _draw_sheets(), file)
    _press("freeze", book, path, dc.FREEZE_TIME)
    outcome = _press("draw", book, path, dc.DRAW_TIME)
    assert f"一企一表（每户一页，可打印）：{file.parent / '测试县-一企一表 (2).xlsx'}" in outcome.message
    assert earlier.read_bytes() == b"earlier"


def test_a_draw_whose_forms_could_not_be_written_is_finished_by_the_same_button(
        tmp_path: Path, cli_draw: tuple[Frozen, Drawn], monkeypatch: pytest.MonkeyPatch) -> None:
    """The 一企一表 cannot be written (locked, disk full) after the draw was recorded: the workbook is left as it
    was and says so; pressing 随机抽取 again writes the 一企一表 and the sheets — the same draw, not a new one."""
    _cli_frozen, cli_drawn = cli_draw
    file = _live_file(tmp_path)
    book, path = _open("xlwings", _draw_sheets(), file)
    _press("freeze", book, path, dc.FREEZE_TIME)
    before = book.sheet_names()
    import addin.services.draw.draw as draw_service

    def locked(*_args: Any, **_kwargs: Any) -> Path:
        raise PermissionError(13, "另一个程序正在使用此文件")

    monkeypatch.setattr(draw_service, "write_visit_forms", locked)
    with pytest.raises(AddinError) as err:
        _press("draw", book, path, dc.DRAW_TIME)
    assert err.value.code == "draw.outputs-pending"
    assert "再点同一按钮" in err.value.message
    assert book.sheet_names() == before  # nothing half-written into the live workbook
    monkeypatch.undo()
    drawn = _press("draw", book, path, dc.DRAW_TIME)
    assert drawn.exit_code == 0
    assert "本次没有重新抽取" in drawn.message
    assert f"日志最新哈希（请公示）：{cli_drawn.head}" in drawn.message
    assert _types(book) == ["冻结", "随机源取值", "抽取结果"]
    assert (file.parent / "测试县-一企一表.xlsx").is_file()


def test_a_second_draw_finds_no_batch_to_draw(tmp_path: Path) -> None:
    file = _live_file(tmp_path)
    book, path = _open("memory", _draw_sheets(), file)
    _press("freeze", book, path, dc.FREEZE_TIME)
    _press("draw", book, path, dc.DRAW_TIME)
    with pytest.raises(AddinError) as err:
        _press("draw", book, path, dc.DRAW_TIME)
    assert err.value.message == "工作簿的“抽取记录”中没有已冻结、尚未抽取的批次：请先点击“冻结名录”并保存工作簿。"


def test_freeze_refuses_a_workbook_with_errors_and_writes_nothing(tmp_path: Path) -> None:
    sheets = _draw_sheets()
    sheets["检查对象名录库"] = [*sheets["检查对象名录库"], ("123", "坏代码", "企业", None, None, "地址", "城关镇", "公共场所",
                                                     "公共卫生股", "在营", "A")]
    file = _live_file(tmp_path)
    book, path = _open("xlwings", sheets, file)
    before = book.sheet_names()
    outcome = _press("freeze", book, path, dc.FREEZE_TIME)
    assert outcome.exit_code == 1
    lines = outcome.message.splitlines()
    assert lines[0] == "未冻结：工作簿有 1 个错误，冻结前请先修正（点击“校验名录库”查看全部并标色）。"
    assert lines[1].startswith(f"· 检查对象名录库 A{len(sheets['检查对象名录库'])}：")
    assert book.sheet_names() == before
    assert not (file.parent / "抽取证据").exists()


# -- through the runner, as the VBA dispatcher starts it: refusals are exit 2 with a message, nothing written


def _run(tmp_path: Path, button: str, fake: FakeBook) -> tuple[int, str]:
    msg = tmp_path / "run.msg"
    code = runner.main([button, "--wb=测试县.xlsx", "--from_xl=1", f"--log={tmp_path / 'run.log'}", f"--msg={msg}"],
                       open_book=lambda: XlwingsBook(fake), today=dc.DAY, open_file=None)
    return code, msg.read_bytes()[2:].decode("utf-16-le").replace("\r\n", "\n")


def _fake(sheets: Sheets, file: Path | None) -> FakeBook:
    return FakeBook({n: [list(r) for r in rows] for n, rows in sheets.items()}, fullname=str(file) if file else "Book1")


def test_the_runner_gives_the_live_workbook_its_file_and_today(tmp_path: Path) -> None:
    file = _live_file(tmp_path)
    fake = _fake(_draw_sheets(), file)
    code, message = _run(tmp_path, "freeze", fake)
    assert code == 0
    assert message.startswith("冻结完成：抽取批次 测试县卫生健康局-2024年第1批（抽取日期 2024-05-06）")
    assert (file.parent / "抽取证据" / "测试县卫生健康局-2024年第1批" / "log.jsonl").is_file()
    log = XlwingsBook(fake).read_table("抽取记录")
    assert log.rows[0].values[3].date() == dc.DAY  # 时间: today, at the time of the run


@pytest.mark.parametrize(("button", "expected"), [
    ("freeze", "请先把工作簿保存到本机的文件夹（Ctrl+S），再点击“冻结名录”"),
    ("draw", "请先把工作簿保存到本机的文件夹（Ctrl+S），再点击“随机抽取”"),
    ("verify", "请先把工作簿保存到本机的文件夹（Ctrl+S），再点击“校验抽取”"),
    ("report", "请先把工作簿保存到本机的文件夹（Ctrl+S），再点击“填写月报”"),
])
def test_a_workbook_never_saved_is_refused_before_anything_is_written(tmp_path: Path, button: str,
                                                                      expected: str) -> None:
    fake = _fake(_draw_sheets(), None)
    before = [s.name for s in fake.sheets]
    code, message = _run(tmp_path, button, fake)
    assert code == 2
    assert message.startswith(expected)
    assert [s.name for s in fake.sheets] == before


def test_freeze_without_a_randomness_source_says_which_setting_and_writes_nothing(tmp_path: Path) -> None:
    file = _live_file(tmp_path)
    fake = _fake(dc.sheets(), file)
    before = [s.name for s in fake.sheets]
    code, message = _run(tmp_path, "freeze", fake)
    assert code == 2
    assert message.startswith("请先在“设置”工作表填写“随机源”：冻结之后才产生的公开随机源")
    assert [s.name for s in fake.sheets] == before
    assert not (file.parent / "抽取证据").exists()


@pytest.mark.parametrize(("values", "expected"), [
    (None, "请先在“设置”工作表填写“随机源取值”：冻结时指定的随机源产生的取值"),
    ("drawbook、second", "冻结时指定了 1 个随机源（test:1），“随机源取值”中有 2 个取值"),
])
def test_draw_without_the_right_randomness_values_says_so_and_draws_nothing(
        tmp_path: Path, values: str | None, expected: str) -> None:
    file = _live_file(tmp_path)
    items = {"随机源": "test:1"} | ({"随机源取值": values} if values else {})
    fake = _fake(_with_settings(dc.sheets(), **items), file)
    assert _run(tmp_path, "freeze", fake)[0] == 0
    before = [s.name for s in fake.sheets]
    code, message = _run(tmp_path, "draw", fake)
    assert code == 2
    assert message.startswith(expected)
    assert [s.name for s in fake.sheets] == before
    folder = next((file.parent / "抽取证据").iterdir())
    assert sorted(p.name for p in folder.iterdir()) == EVIDENCE_FILES  # no randomness.json, no result.json


def test_a_randomness_value_may_be_written_in_full(tmp_path: Path, cli_draw: tuple[Frozen, Drawn]) -> None:
    file = _live_file(tmp_path)
    book, path = _open("memory", _draw_sheets(随机源取值="test:1:drawbook"), file)
    _press("freeze", book, path, dc.FREEZE_TIME)
    assert f"日志最新哈希（请公示）：{cli_draw[1].head}" in _press("draw", book, path, dc.DRAW_TIME).message


# -- 公示与报表 ----------------------------------------------------------------------------------------------


def _post(kind: str, tmp_path: Path, **items: str) -> tuple[WorkbookPort, Path | None, Path]:
    """The post-draw workbook live (or in memory), and the same workbook as a file for the command line."""
    sheets = _with_settings(pc.default_sheets(), **items)
    tmp_path.mkdir(parents=True, exist_ok=True)
    reference = pc.write_book(tmp_path / "命令行.xlsx", sheets)
    book, path = _open(kind, sheets, _live_file(tmp_path, "示例县.xlsx"))
    return book, path, reference


@pytest.mark.parametrize("kind", ["memory", "xlwings"])
def test_deadlines_write_reminders_ledger_statistics_and_checks(kind: str, tmp_path: Path) -> None:
    book, path, reference = _post(kind, tmp_path)
    before = book.sheet_names()
    outcome = _press("deadlines", book, path, dt.datetime.combine(POST_DAY, dt.time(10)))
    cli = deadlines(reference, POST_DAY, None)
    summary = cli.summary()
    assert outcome.exit_code == 1  # results contradict the draws, and items are overdue
    lines = outcome.message.splitlines()
    assert lines[0] == (f"时限检查（截至 2025-11-03，按中国工作日）：逾期 {summary[Level.OVERDUE]} 条，"
                        f"预警 {summary[Level.WARNING]} 条，提示 {summary[Level.INFO]} 条；"
                        f"问题台账 {len(cli.checked.ledger)} 条。")
    assert lines[-1] == "新工作表：“时限提醒”“问题台账”“移送台账”“统计”“移送统计”“专项检查建议”“结果核对”。"
    assert f"检查结果中有 {cli.checked.errors} 个错误与抽取不一致" in outcome.message
    assert book.sheet_names() == [*before, "时限提醒", "问题台账", "移送台账", "统计", "移送统计", "专项检查建议", "结果核对"]
    assert len(_records(book, "时限提醒", header_row=2)) == len(cli.reminders)
    assert len(_records(book, "问题台账", header_row=2)) == len(cli.checked.ledger)


@pytest.mark.parametrize("kind", ["memory", "xlwings"])
def test_publish_writes_the_public_list_the_annexes_and_the_record(kind: str, tmp_path: Path) -> None:
    book, path, reference = _post(kind, tmp_path)
    before = book.sheet_names()
    outcome = _press("publish", book, path, dt.datetime.combine(POST_DAY, dt.time(10)))
    cli = publish(reference, tmp_path / "公示.xlsx", POST_DAY)
    assert outcome.exit_code == 1  # results contradicting the draws were left out
    assert outcome.message.splitlines()[0] == f"公示清单：{cli.results} 条检查结果（仅公开字段：不含信用风险分类、身份证号和电话）。"
    assert f"有 {cli.rejected} 条检查结果与抽取不一致，未列入公示" in outcome.message
    sheets = ["公示", "附件1 部门联合抽查计划", "附件2 内部抽查计划", "公示记录"]
    assert book.sheet_names() == [*before, *sheets]
    assert cli.record is not None
    cli_book = OpenpyxlBook.read(cli.record)
    try:
        for sheet in sheets:
            assert _cells(book, sheet) == _cells(cli_book, sheet), sheet
    finally:
        cli_book.close()
    public = [v for r in book.read_table("公示").rows for v in r.values]
    assert not any("13912345678" in str(v) for v in public)
    assert path is not None
    beside = path.with_name(f"{path.stem}-公示-{POST_DAY:%Y%m%d}.xlsx")
    assert str(beside) in outcome.message
    assert openpyxl.load_workbook(beside).sheetnames == sheets[:3]  # the file to hand on: public sheets only


@pytest.mark.parametrize("kind", ["memory", "xlwings"])
def test_report_saves_the_form_beside_the_workbook_and_lists_it_in_a_sheet(kind: str, tmp_path: Path) -> None:
    book, path, reference = _post(kind, tmp_path, 月报月份="2025-06")
    assert path is not None
    before = book.sheet_names()
    outcome = _press("report", book, path, dt.datetime(2025, 7, 3, 10))
    form = path.parent / "示例县-月报表-2025年06月.xlsx"
    assert outcome.exit_code == 0
    assert outcome.message.splitlines()[:3] == ["月报表（2025年6月）已填写。", f"可打印的月报表（一页 A4）：{form}",
                                                "填写的内容也列在新工作表“月报表”中。"]
    cli = report(reference, "2025-06", tmp_path / "月报表.xlsx", dt.date(2025, 7, 3))
    assert [list(r[1:]) for r in _cells(book, "月报表", header_row=4)] == report_rows(cli.report)
    assert book.sheet_names() == [*before, "月报表"]
    form_book = OpenpyxlBook.read(form)
    cli_form = OpenpyxlBook.read(cli.path)
    try:
        assert _cells(form_book, "月报表") == _cells(cli_form, "月报表")
    finally:
        form_book.close()
        cli_form.close()
    again = _press("report", book, path, dt.datetime(2025, 7, 3, 11))
    assert f"可打印的月报表（一页 A4）：{path.parent / '示例县-月报表-2025年06月 (2).xlsx'}" in again.message
    assert book.sheet_names() == [*before, "月报表", "月报表 (2)"]


def test_report_is_of_this_month_when_no_month_is_set_and_refuses_a_bad_one(tmp_path: Path) -> None:
    book, path, _reference = _post("memory", tmp_path)
    outcome = _press("report", book, path, dt.datetime(2025, 6, 30, 10))
    assert outcome.message.startswith("月报表（2025年6月）已填写。")
    book, path, _reference = _post("memory", tmp_path / "坏", 月报月份="2025-13")
    with pytest.raises(AddinError) as err:
        _press("report", book, path, dt.datetime(2025, 6, 30, 10))
    assert err.value.message == "“设置”工作表的“月报月份”应写成 YYYY-MM（如 2024-06），不填则为当月：2025-13"


def _docx_text(path: Path) -> list[str]:
    from docx import Document

    doc = Document(str(path))
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]


@pytest.mark.parametrize("kind", ["memory", "xlwings"])
def test_plan_doc_writes_both_versions_beside_the_workbook(kind: str, tmp_path: Path,
                                                           cli_draw: tuple[Frozen, Drawn]) -> None:
    from addin.services.plan_doc import plan_doc

    _cli_frozen, cli_drawn = cli_draw
    file = _live_file(tmp_path)
    book, path = _open(kind, _draw_sheets(), file)
    assert _press("freeze", book, path, dc.FREEZE_TIME).exit_code == 0
    assert _press("draw", book, path, dc.DRAW_TIME).exit_code == 0
    before = book.sheet_names()
    outcome = _press("plandoc", book, path, dc.DRAW_TIME)
    internal, public = file.parent / "测试县-工作方案-第1批.docx", file.parent / "测试县-工作方案-第1批-公开版.docx"
    assert outcome.exit_code == 0
    assert f"内部版（含联系电话、各风险类别户数和检查组名单，不对外公开）：{internal}" in outcome.message
    assert f"公开版（可在政府或部门网站公开）：{public}" in outcome.message
    assert book.sheet_names() == before  # the workbook is only read
    assert cli_drawn.out is not None
    reference = plan_doc(cli_drawn.out, tmp_path / "命令行.docx", batch=None, today=dc.DAY, public=True)
    assert reference.path is not None
    assert _docx_text(public) == _docx_text(reference.path)
    assert "0356-1234567" in "".join(_docx_text(internal))
    again = _press("plandoc", book, path, dc.DRAW_TIME)  # a second click never replaces the first files
    assert str(file.parent / "测试县-工作方案-第1批 (2).docx") in again.message


def test_plan_doc_needs_a_saved_workbook_with_a_batch(tmp_path: Path) -> None:
    book, _ = _open("memory", _draw_sheets(), None)
    with pytest.raises(AddinError) as refused:
        _press("plandoc", book, None, dc.DRAW_TIME)
    assert refused.value.code == "ribbon.not-saved"
    with pytest.raises(AddinError) as refused:
        _press("plandoc", book, _live_file(tmp_path), dc.DRAW_TIME)
    assert refused.value.code == "draw.no-batch"
    assert not list(tmp_path.rglob("*.docx"))

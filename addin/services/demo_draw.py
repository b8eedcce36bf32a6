"""The demo's steps after 校验 (``ssj demo``): freeze → draw (``test`` randomness) → verify → publish the draw →
the platform's draw (外部抽取) → demo results (演示数据) → deadlines → publication → statistics → monthly report, each on the previous step's
output copy — the example workbook itself is only read.

Dates are fixed by the example's year so that the demo shows the same thing whenever it is run: the draw on
5 May + 1 day (6 May; or the demo's ``--today`` when it is later in the year), results as of 28 June, deadlines
as of 31 July, the monthly report of the draw's month filled on the 5th of the next month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.errors import AddinError
from addin.services.deadlines import deadlines
from addin.services.demo_results import write_demo_results
from addin.services.draw.draw import draw
from addin.services.draw.evidence import verify_folder
from addin.services.draw.freeze import freeze
from addin.services.draw.notice import publish_draw
from addin.services.plan_doc import plan_doc
from addin.services.post_book import load
from addin.services.publish import publish
from addin.services.report import report
from addin.services.report_book import write_workbook
from addin.services.results import check
from addin.services.statistics import compute, statistics_sheet

if TYPE_CHECKING:
    from addin.services.demo import DemoRun

Outputs = list[tuple[str, Path]]
DEMO_SOURCE = ("test", "1")
DEMO_VALUE = "示例县演示"


def draw_day(run: DemoRun) -> dt.date:
    year = run.today.year
    return run.today if run.today >= dt.date(year, 5, 1) else dt.date(year, 5, 6)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def freeze_step(run: DemoRun) -> Outputs:
    day = draw_day(run)
    target = run.out / "冻结.xlsx"
    done = freeze(run.workbook, target, day=day, sources=[DEMO_SOURCE], now=_at(day, 9))
    run.book, run.evidence = target, done.evidence
    tasks = sum(1 for c in done.choices if c.included)
    lines = done.build.files["pool"].decode("utf-8").splitlines()
    several = sum(1 for line in lines if " " in line.split("\t")[2])  # 检查对象类别 labels, space-separated
    return [(f"冻结（{day}，{tasks} 项任务，名录 {done.build.pool_size} 户，其中 {several} 户属于多个检查对象类别、"
             f"在每个类别的任务范围内；冻结哈希 {done.freeze_hash[:16]}…）", target),
            ("抽取材料（冻结的名录、计划和抽取日志）", done.evidence)]


def draw_step(run: DemoRun) -> Outputs:
    day = draw_day(run)
    assert run.book is not None
    target = run.out / "抽取.xlsx"
    done = draw(run.book, target, randomness=[(*DEMO_SOURCE, DEMO_VALUE)], now=_at(day, 9, 30), evidence=run.evidence)
    run.book = target
    if done.unfilled:
        run.failed.append(f"抽取：{done.unfilled} 个岗位未满员")
    shared, several = _one_door(target, done.sheets[1])
    return [(f"抽取（test 随机源，仅供演示）：{done.targets} 户、{done.visits} 个检查组，未满员岗位 {done.unfilled} 个；"
             f"{shared} 户被多项任务抽中，各只上门一次（进一次门、查多项事）", target),
            (f"一企一表（每户一页）；属于多个检查对象类别的 {'；'.join(several) or '无'}", done.forms)]


def _one_door(book: Path, sheet: str) -> tuple[int, list[str]]:
    """From the draw's 检查安排: the visits that cover several tasks, and each business in several categories
    with its categories and tasks (one visit)."""
    reader = OpenpyxlBook.read(book)
    try:
        rows = [row for _n, row in reader.read_table(sheet).records()]
    finally:
        reader.close()
    shared = sum(1 for r in rows if "、" in str(r.get("任务编号") or ""))
    several = [f"{r['单位名称']}（{r['检查对象类别']}，任务 {r['任务编号']}，一次上门）" for r in rows
               if "、" in str(r.get("检查对象类别") or "")]
    return shared, several


def external_step(run: DemoRun) -> Outputs:
    """外部抽取: the provincial platform's draw of its task (the list beside the example) recorded as a batch."""
    from addin.services.import_draw import LIST_FOLDER, import_draw

    assert run.book is not None
    lists = sorted((run.workbook.parent / LIST_FOLDER).glob("*.xlsx"))
    if not lists:
        return []
    target = run.out / "外部抽取.xlsx"
    try:
        done, _read = import_draw(run.book, lists[0], target, now=_at(dt.date(run.today.year, 5, 20), 16, 30))
    except AddinError as err:
        run.failed.append(f"外部抽取：{err.message}")
        return [(f"外部抽取未导入：{err.message}", lists[0])]
    batch = done.batch
    if not done.sheets:
        run.failed.append(f"外部抽取：{lists[0].name} 有 {done.errors} 行无法对应到年度抽查计划，未导入")
        return [(f"外部抽取未导入（{done.errors} 行无法对应到年度抽查计划；请用 ssj import-draw 查看）", lists[0])]
    run.book = target
    return [(f"外部抽取（省级平台抽取的任务 {'、'.join(batch.task_numbers)}，清单 {lists[0].name}）：批次“{batch.batch}”，"
             f"{len(batch.visits)} 户，{len(batch.issues)} 个警告见“外部抽取核对”；抽取过程无法在此核验，"
             "其检查结果、公示、统计和月报表与其他批次相同", target)]


def verify_step(run: DemoRun) -> Outputs:
    assert run.evidence is not None
    found = verify_folder(run.evidence)
    if found.difference is not None:
        run.failed.append(f"校验抽取：{found.difference}")
        return [(f"校验抽取未通过：{found.difference}", run.evidence)]
    return [(f"校验抽取通过（ssj verify），日志最新哈希 {(found.head or '')[:16]}…", run.evidence)]


def publish_draw_step(run: DemoRun) -> Outputs:
    assert run.book is not None
    done = publish_draw(run.book, run.evidence, run.out / "抽取公示.xlsx", today=draw_day(run))
    head = dict(done.record.facts)["日志最新哈希（请核对）"]
    internal = [("分类抽取情况（内部资料，不得公开；供纪检监察、公证和审计）", done.audit)] if done.audit else []
    return [(f"抽取公示（日志最新哈希 {head[:16]}…）", done.out), ("抽取公示 CSV", done.csv), *internal]


def results_step(run: DemoRun) -> Outputs:
    assert run.book is not None
    day = dt.date(run.today.year, 6, 28)
    target = run.out / "演示结果.xlsx"
    done = write_demo_results(run.book, target, day)
    run.book = target
    return [(f"演示检查结果（{done.results} 条，其中委托检测 {done.tested} 条；移送记录 {done.referrals} 条；"
             f"录入人“演示数据”，截至 {day}）", target)]


def plan_doc_step(run: DemoRun) -> Outputs:
    """工作方案: the batch's 抽查工作方案 after the draw, internal and public (Word)."""
    assert run.book is not None
    day = draw_day(run)
    internal = plan_doc(run.book, run.out / "工作方案.docx", batch=None, today=day, evidence=run.evidence)
    public = plan_doc(run.book, run.out / "工作方案-公开版.docx", batch=None, today=day, public=True,
                      evidence=run.evidence)
    assert internal.path is not None
    assert public.path is not None
    return [(f"抽查工作方案（{internal.plan_id}，内部版）", internal.path), ("抽查工作方案（公开版）", public.path)]


def deadlines_step(run: DemoRun) -> Outputs:
    assert run.book is not None
    day = dt.date(run.today.year, 7, 31)
    done = deadlines(run.book, day, run.out / "时限提醒.xlsx")
    return [(f"时限提醒（截至 {day}，逾期 {done.overdue} 项）、问题台账、统计", run.out / "时限提醒.xlsx")]


def publication_step(run: DemoRun) -> Outputs:
    assert run.book is not None
    day = dt.date(run.today.year, 7, 31)
    done = publish(run.book, run.out / "公示.xlsx", day, record=run.out / "公示记录（内部，勿公开）.xlsx")
    assert done.record is not None
    run.book = done.record
    return [(f"结果公示（{done.results} 条，仅公开字段）和年度计划附件（可对外公开的文件）", done.path),
            (f"公示记录（工作簿副本，内部留存，勿公开；含计划指纹，{done.recorded} 条结果已填公示日期）", done.record)]


def statistics_step(run: DemoRun) -> Outputs:
    assert run.book is not None
    day = dt.date(run.today.year, 7, 31)
    reader = OpenpyxlBook.read(run.book)
    try:
        inputs = load(reader, day)
    finally:
        reader.close()
    stats = compute(inputs, check(inputs, day), day)
    target = write_workbook([statistics_sheet(stats, day, inputs.tasks)], run.out / "统计.xlsx", inputs=(run.workbook,))
    return [(f"统计（{len(stats)} 行，截至 {day}）", target)]


def report_step(run: DemoRun) -> Outputs:
    assert run.book is not None
    day = draw_day(run)
    month = f"{day.year}-{day.month:02d}"
    filled = dt.date(day.year + day.month // 12, day.month % 12 + 1, 5)
    done = report(run.book, month, run.out / "月报表.xlsx", filled)
    return [(f"月报表（{month}）", done.path)]


DRAW_STEPS: list[tuple[str, Callable[[DemoRun], Outputs]]] = [
    ("冻结", freeze_step), ("抽取", draw_step), ("校验抽取", verify_step), ("抽取公示", publish_draw_step),
    ("工作方案", plan_doc_step), ("外部抽取", external_step),
    ("演示结果", results_step), ("时限提醒", deadlines_step), ("结果公示", publication_step), ("统计", statistics_step),
    ("月报表", report_step),
]

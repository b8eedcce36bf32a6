"""The public record of a draw (抽取公示): what may be published before and after it (spec §7, 公开).

Before the draw: the plan, the input digests and the randomness designation. After it: also the randomness
values, the seed, per-task counts (名录户数 N, 抽取户数 n), the selected targets' names and codes, the teams as
local rules allow (names, 执法证号, or not at all), the log head and how to verify. Never: 信用风险分类 (not even
by ordering — the list is sorted by 任务编号 and code, not by class),
身份证号, phone numbers, internal notes. Per class only aggregates are shown (spec §7: N, rate, n and the cutoff
key, so that a business told its own class can check its status). manual/test randomness is said plainly not
to be manipulation-proof.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from addin.core.arrangement import Visit
from addin.core.draw import entry_hash
from addin.core.drawlog import NOT_PROOF
from addin.core.freeze.plan_json import frozen_task_numbers, percent, task_number
from addin.core.records import ItemRow, PlanTask, TargetRow

TEAM_MODES = ("names", "ids", "none")
LIST_COLUMNS = ("抽取批次", "任务编号", "抽查任务名称", "统一社会信用代码", "单位名称", "所属乡镇", "检查对象类别",
                "检查组", "检查人员")
STRATA_COLUMNS = ("抽取批次", "任务编号", "风险类别", "名录户数", "抽查比例", "抽取户数", "截止排序键")
TASK_COLUMNS = ("抽取批次", "任务编号", "抽查任务名称", "抽查类型", "检查对象类别", "所属乡镇", "抽查事项",
                "检查部门", "抽查比例", "抽查起止时间", "名录户数", "抽取户数")


@dataclass(frozen=True, slots=True)
class PublicRecord:
    facts: tuple[tuple[str, str], ...]  # 公示说明: (项目, 内容)
    tasks: tuple[tuple[Any, ...], ...]  # TASK_COLUMNS
    selected: tuple[tuple[Any, ...], ...]  # LIST_COLUMNS
    strata: tuple[tuple[Any, ...], ...] = ()  # STRATA_COLUMNS: aggregates per class, never per target


def _team(visit: Visit | None, mode: str) -> str:
    if visit is None or mode == "none":
        return ""
    return "、".join(f"{(m.name or m.licence) if mode == 'names' else m.licence}（{m.dept}）" for m in visit.team)


def _pct(value: Decimal) -> str:
    text = format((value * 100).normalize(), "f")
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def _rates(task: PlanTask) -> str:
    base = _pct(task.ratio) if task.ratio is not None else ""
    extra = "、".join(f"{c}类 {_pct(v)}" for c, v in sorted(task.class_ratios.items()))
    return f"{base}（{extra}）" if extra else base


def public_record(log: Sequence[Mapping[str, Any]], result: Mapping[str, Any] | None, found: Sequence[Visit],
                  tasks: Sequence[PlanTask], items: Mapping[str, ItemRow], targets: Mapping[str, TargetRow],
                  unit_name: str, team_mode: str = "names") -> PublicRecord:
    freeze = log[0]
    plan = freeze["body"]["plan"]
    plan_id = plan["plan_id"]
    kinds = [e["type"] for e in log]
    sources = [f"{s['type']}:{s['id']}" for s in plan["randomness"]]
    facts: list[tuple[str, str]] = [("公示单位", unit_name), ("抽取批次", plan_id), ("抽取规则", f"{plan['spec']}（可公开复算）"),
                                    ("冻结哈希", entry_hash(dict(freeze)))]
    facts += [(f"输入摘要 {name}", digest) for name, digest in freeze["body"]["inputs"].items()]
    facts.append(("指定随机源", "、".join(sources)))
    if "randomness" in kinds:
        values = log[kinds.index("randomness")]["body"]["randomness"]
        facts.append(("随机源取值", "；".join(f"{v['type']}:{v['id']} = {v['value']}" for v in values)))
        if any(v["type"] in ("manual", "test") for v in values):
            facts.append(("随机源说明", "本次使用 manual/test 随机源" + NOT_PROOF))
    else:
        facts.append(("随机源取值", "尚未产生：抽取前公示（冻结之后才开奖/产生的公开随机数）"))
    if result is not None:
        facts += [("随机种子", result["seed"]), ("结果摘要 result_digest", result["result_digest"]),
                  ("检查户数", str(len({v.uscc for v in found})))]
    facts += [("日志记录数", str(len(log))), ("日志最新哈希（请核对）", entry_hash(dict(log[-1])))]
    if "void" in kinds:
        facts.append(("状态", f"本批次已作废：{log[kinds.index('void')]['body']['reason']}"))
    facts.append(("如何核验", "取得抽取材料文件夹后运行：ssj verify <文件夹> --head <日志最新哈希>；"
                              f"任何人可按 {plan['spec']} 规范用任何语言复算抽取结果。"))
    by_number = {t.number: t for t in tasks}
    counts: dict[str, tuple[int, int]] = {}
    strata = []
    for task in (result or {}).get("tasks", []):
        number = task_number(task["task_id"])
        if number in counts:
            continue  # the draw tasks of one 抽查任务 share their selection
        counts[number] = (task["pool_size"], sum(s["n"] for s in task["strata"]))
        strata += [(plan_id, number, s["stratum"], s["N"], percent(s["rate"]), s["n"], s["cutoff_key"] or "")
                   for s in task["strata"]]
    numbers = frozen_task_numbers(plan)
    depts = {n: list(dict.fromkeys(t["dept"] for t in plan["tasks"] if task_number(t["task_id"]) == n))
             for n in numbers}
    task_rows = []
    for number in numbers:
        info = by_number.get(number)
        n_pool, n_drawn = counts.get(number, ("", ""))
        names = "、".join(items[c].name if c in items else c for c in (info.items if info else ()))
        window = f"{info.start} 至 {info.end}" if info and info.start and info.end else ""
        task_rows.append((plan_id, number, info.name if info else "", info.kind if info else "",
                          info.category if info else "", "、".join(info.towns) if info else "", names,
                          "、".join(depts[number]), _rates(info) if info else "", window, n_pool, n_drawn))
    selected = []
    for visit in found:
        for number in visit.task_numbers:
            t = targets.get(visit.uscc)
            info = by_number.get(number)
            selected.append((plan_id, number, info.name if info else "", visit.uscc, t.name if t else "",
                             t.town if t else "", t.category if t else "", visit.group, _team(visit, team_mode)))
    selected.sort(key=lambda r: (r[1], r[3]))
    return PublicRecord(tuple(facts), tuple(task_rows), tuple(selected), tuple(strata))

"""The public record of a draw (抽取公示): what may be published before and after it (spec §7, 公开), and the
internal audit record of the per-class detail (分类抽取情况) that must not be published.

Before the draw: the plan, the input digests and the randomness designation. After it: also the randomness
values, the seed, per-task counts (名录户数 N, 抽取户数 n), the selected targets' names and codes, the teams as
local rules allow (names, 执法证号, or not at all), the log head and how to verify. In Chinese, without file
names or field names of the evidence files.

Never public: 信用风险分类 (not even by ordering — the list is sorted by 任务编号 and code, not by class),
身份证号, phone numbers, internal notes — and **nothing per class**: the per-class N, n and cutoff key
(截止排序键) let anyone compare a drawn firm's rank key (computable from the seed and its code) with the cutoffs
and work out its class (国市监信发〔2022〕6号: classes are for internal use). The per-class figures go to the audit
record (:func:`audit_rows`) for 纪检监察, notaries and auditors, kept with the evidence; a business told its own
class (and that class's cutoff key) on request can check its own status from the published seed.
manual/test randomness is said plainly not to be manipulation-proof.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from addin.core.arrangement import Visit, class_label
from addin.core.draw import entry_hash
from addin.core.drawlog import NOT_PROOF
from addin.core.freeze.plan_json import frozen_task_numbers, percent, task_number
from addin.core.records import ItemRow, PlanTask, TargetRow

TEAM_MODES = ("names", "ids", "none")
LIST_COLUMNS = ("抽取批次", "任务编号", "抽查任务名称", "统一社会信用代码", "单位名称", "所属乡镇", "检查对象类别",
                "检查组", "检查人员")
AUDIT_COLUMNS = ("抽取批次", "任务编号", "风险类别", "名录户数", "抽查比例", "抽取户数", "截止排序键")
TASK_COLUMNS = ("抽取批次", "任务编号", "抽查任务名称", "抽查类型", "检查对象类别", "所属乡镇", "抽查事项",
                "检查部门", "抽查比例", "抽查起止时间", "名录户数", "抽取户数", "排序键范围")
"""排序键范围: the task's key scope — with the seed and a code it gives that business's rank key (协同 when the
tasks of the batch share their keys)."""


@dataclass(frozen=True, slots=True)
class PublicRecord:
    facts: tuple[tuple[str, str], ...]  # 公示说明: (项目, 内容)
    tasks: tuple[tuple[Any, ...], ...]  # TASK_COLUMNS
    selected: tuple[tuple[Any, ...], ...]  # LIST_COLUMNS


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


INPUT_LABELS = {"pool": "抽取名录", "roster": "执法人员名录", "conflicts": "回避关系", "team_conflicts": "不宜同组人员"}
SOURCE_LABELS = {"lottery-ssq": "中国福利彩票双色球", "drand-quicknet": "drand 公共随机信标",
                 "nist-beacon-v2": "美国国家标准与技术研究院随机信标", "manual": "人工指定", "test": "测试"}


def source_text(kind: str, ident: str, value: str | None = None) -> str:
    """``lottery-ssq:2024052`` → 中国福利彩票双色球 第2024052期（lottery-ssq:2024052）, with the value when known."""
    name = SOURCE_LABELS.get(kind, kind)
    where = f"第{ident}期" if kind == "lottery-ssq" else f"第{ident}轮" if kind == "drand-quicknet" else ident
    text = f"{name} {where}（{kind}:{ident}）"
    return f"{text}：{value}" if value is not None else text


def audit_rows(result: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """分类抽取情况 (``AUDIT_COLUMNS``), internal: per 抽查任务 and class N, rate, n and the cutoff key."""
    rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    for task in result["tasks"]:
        number = task_number(task["task_id"])
        if number in seen:
            continue  # the draw tasks of one 抽查任务 share their selection
        seen.add(number)
        rows += [(result["plan_id"], number, class_label(s["stratum"]), s["N"], percent(s["rate"]), s["n"],
                  s["cutoff_key"] or "") for s in task["strata"]]
    return rows


def public_record(log: Sequence[Mapping[str, Any]], result: Mapping[str, Any] | None, found: Sequence[Visit],
                  tasks: Sequence[PlanTask], items: Mapping[str, ItemRow], targets: Mapping[str, TargetRow],
                  unit_name: str, team_mode: str = "names") -> PublicRecord:
    freeze = log[0]
    plan = freeze["body"]["plan"]
    plan_id = plan["plan_id"]
    kinds = [e["type"] for e in log]
    facts: list[tuple[str, str]] = [("公示单位", unit_name), ("抽取批次", plan_id),
                                    ("抽取规则", f"公开的抽取规则（{plan['spec']}），任何人可按规则复算"),
                                    ("冻结哈希", entry_hash(dict(freeze)))]
    facts += [(f"输入摘要：{INPUT_LABELS.get(name, name)}", digest) for name, digest in freeze["body"]["inputs"].items()]
    facts.append(("指定随机源", "；".join(source_text(s["type"], s["id"]) for s in plan["randomness"])))
    if "randomness" in kinds:
        values = log[kinds.index("randomness")]["body"]["randomness"]
        facts.append(("随机源取值", "；".join(source_text(v["type"], v["id"], v["value"]) for v in values)))
        if any(v["type"] in ("manual", "test") for v in values):
            facts.append(("随机源说明", "本次使用人工指定或测试随机源" + NOT_PROOF))
    else:
        facts.append(("随机源取值", "尚未产生：抽取前公示（冻结之后才开奖/产生的公开随机数）"))
    if result is not None:
        facts += [("随机种子", result["seed"]), ("结果摘要", result["result_digest"]),
                  ("检查户数", str(len({v.uscc for v in found})))]
    facts += [("日志记录数", str(len(log))), ("日志最新哈希（请核对）", entry_hash(dict(log[-1])))]
    if "void" in kinds:
        facts.append(("状态", f"本批次已作废：{log[kinds.index('void')]['body']['reason']}"))
    facts.append(("如何核验", "纪检监察、公证和审计部门可取得全部抽取材料，按公开的抽取规则复算抽取结果和检查组，"
                              "并核对日志最新哈希；被抽查单位可申请告知本单位的风险类别及该类别的截止排序键，"
                              "用本公示的随机种子自行核对是否被抽中。风险类别仅供内部使用，不予公示。"))
    by_number = {t.number: t for t in tasks}
    counts: dict[str, tuple[int, int]] = {}
    for task in (result or {}).get("tasks", []):
        # the draw tasks of one 抽查任务 share their selection: per task only the totals, never per class
        counts.setdefault(task_number(task["task_id"]), (task["pool_size"], sum(s["n"] for s in task["strata"])))
    numbers = frozen_task_numbers(plan)
    depts = {n: list(dict.fromkeys(t["dept"] for t in plan["tasks"] if task_number(t["task_id"]) == n))
             for n in numbers}
    scopes = {task_number(t["task_id"]): t.get("key_scope", t["task_id"]) for t in reversed(plan["tasks"])}
    task_rows = []
    for number in numbers:
        info = by_number.get(number)
        n_pool, n_drawn = counts.get(number, ("", ""))
        names = "、".join(items[c].name if c in items else c for c in (info.items if info else ()))
        window = f"{info.start} 至 {info.end}" if info and info.start and info.end else ""
        task_rows.append((plan_id, number, info.name if info else "", info.kind if info else "",
                          info.category if info else "", "、".join(info.towns) if info else "", names,
                          "、".join(depts[number]), _rates(info) if info else "", window, n_pool, n_drawn,
                          scopes.get(number, number)))
    selected = []
    for visit in found:
        for number in visit.task_numbers:
            t = targets.get(visit.uscc)
            info = by_number.get(number)
            selected.append((plan_id, number, info.name if info else "", visit.uscc, t.name if t else "",
                             t.town if t else "", t.category if t else "", visit.group, _team(visit, team_mode)))
    selected.sort(key=lambda r: (r[1], r[3]))
    return PublicRecord(tuple(facts), tuple(task_rows), tuple(selected))

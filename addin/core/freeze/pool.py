"""The frozen pool (抽取名录), roster (执法人员名单) and conflicts (回避) of a batch, with every exclusion and its
reason — spec §2: what was left out before the freeze is listed in the workbook, not in the files.

- Pool: the targets of the batch's categories (and 所属乡镇 when a task names them) that are 在营 and have not
  reached 同一对象年度抽查上限 for an item of a task that covers them. stratum = 信用风险分类 (未分类 → ``U``),
  industry = each 检查对象类别 + ``/`` (a target of several categories has several labels, draw-v2),
  region = 所属乡镇 + ``/`` (the separator makes prefix filters match whole labels: 医疗机构/ never matches
  医疗机构（民营）/).
- Roster: the inspectors of the batch's departments who are 在岗 and whose 执法证 is valid through the end of
  the batch's last task; cap = 每人检查上限.
- Conflicts: 回避关系 rows between a rostered inspector and a pooled target (亲属 → REL, 曾任职 → EMP,
  上次检查 → PREV, 其他 → OTHER), plus — when 设置 上次检查人员回避 = 是 — the inspectors of the target's latest
  检查结果 as PREV.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.records import ON_DUTY, UNCLASSIFIED, ConflictRow, InspectorRow, PlanTask, TargetRow

TARGETS, INSPECTORS = "检查对象", "执法检查人员"
REASON_CODES = {"亲属": "REL", "曾任职": "EMP", "上次检查": "PREV", "其他": "OTHER"}


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A target or an inspector left out of the frozen files, and why (``code`` is stable)."""

    registry: str  # 检查对象 / 执法检查人员
    ident: str  # 统一社会信用代码 / 执法证号
    name: str
    code: str  # target.not-active / target.class-frequency-used / target.over-cap / inspector.not-on-duty / …
    reason: str
    row: int


def in_scope(task: PlanTask, target: TargetRow) -> bool:
    return task.category in target.categories and (not task.towns or target.town in task.towns)


def pool_of(targets: Iterable[TargetRow], tasks: Sequence[PlanTask], counts: Counter[tuple[str, str]],
            cap: int, class_caps: Mapping[str, int] | None = None,
            batches: Mapping[str, int] | None = None) -> tuple[list[TargetRow], list[Exclusion]]:
    """The eligible targets of the batch and every one left out. ``class_caps``: 同一对象年度抽查上限 per class
    (A–D, from 设置 A类同一对象年度抽查上限 …; ``cap`` for the others); ``batches``: 任务编号 → which of the task's
    batches this is — a target whose class's 频次 is used up in every task that covers it is left out."""
    pool: list[TargetRow] = []
    left: list[Exclusion] = []
    for target in targets:
        scope = [t for t in tasks if in_scope(t, target)]
        if not scope:
            continue
        if not target.active:
            left.append(Exclusion(TARGETS, target.uscc, target.name, "target.not-active",
                                  f"经营状态为“{target.state or '空白'}”，只有“在营”的对象进入抽取名录", target.row))
            continue
        live = [t for t in scope if target.risk not in t.spent_classes((batches or {}).get(t.number, 1))]
        if not live:
            label = "未分类" if target.risk == UNCLASSIFIED else f"{target.risk}类"
            why = "；".join(f"任务 {t.number} 本批为第 {(batches or {}).get(t.number, 1)} 批，"
                           f"{label}频次 {t.frequency_of(target.risk)} 批已用完" for t in scope)
            left.append(Exclusion(TARGETS, target.uscc, target.name, "target.class-frequency-used", why, target.row))
            continue
        limit = (class_caps or {}).get(target.risk, cap)
        over = next(((t, item, counts[(target.uscc, item)]) for t in live for item in t.items
                     if counts[(target.uscc, item)] >= limit), None)
        if over is not None:
            task, item, times = over
            which = f"{target.risk}类" if class_caps and target.risk in class_caps else ""
            left.append(Exclusion(TARGETS, target.uscc, target.name, "target.over-cap",
                                  f"本年度事项 {item}（任务 {task.number}）已抽查 {times} 次，达到{which}同一对象年度抽查上限 {limit} 次",
                                  target.row))
            continue
        pool.append(target)
    return pool, left


def pool_rows(pool: Iterable[TargetRow]) -> list[tuple[str, str, tuple[str, ...], str]]:
    """draw-v2 pool rows: every 检查对象类别 of a target is one industry label (``医疗机构/ 放射卫生/``)."""
    return [(t.uscc, t.risk, tuple(c + "/" for c in t.categories), t.town + "/") for t in pool]


def roster_of(inspectors: Iterable[InspectorRow], depts: Iterable[str],
              until: dt.date) -> tuple[list[InspectorRow], list[Exclusion]]:
    wanted = set(depts)
    roster: list[InspectorRow] = []
    left: list[Exclusion] = []
    for person in inspectors:
        if person.dept not in wanted:
            continue
        if person.status != ON_DUTY:
            left.append(Exclusion(INSPECTORS, person.licence, person.name, "inspector.not-on-duty",
                                  f"在岗状态为“{person.status or '空白'}”，只有“在岗”的人员可被抽取", person.row))
        elif person.valid_until is None or person.valid_until < until:
            shown = person.valid_until.isoformat() if person.valid_until else "未填写"
            left.append(Exclusion(INSPECTORS, person.licence, person.name, "inspector.certificate",
                                  f"执法证有效期至 {shown}，不足本批任务结束日期 {until.isoformat()}", person.row))
        else:
            roster.append(person)
    return roster, left


def roster_rows(roster: Iterable[InspectorRow], cap: int) -> list[tuple[str, str, tuple[str, ...], str]]:
    return [(p.licence, p.dept, p.fields, str(cap)) for p in roster]


def conflict_rows(conflicts: Iterable[ConflictRow], roster_ids: set[str], pool_ids: set[str],
                  previous: Mapping[str, Sequence[str]] | None = None) -> list[tuple[str, str, str]]:
    """(执法证号, 统一社会信用代码, reason codes) for every pair that binds this batch; reasons of one pair merged."""
    reasons: dict[tuple[str, str], set[str]] = {}
    for row in conflicts:
        if row.licence in roster_ids and row.uscc in pool_ids:
            reasons.setdefault((row.licence, row.uscc), set()).add(REASON_CODES.get(row.reason, "OTHER"))
    for uscc, licences in (previous or {}).items():
        if uscc not in pool_ids:
            continue
        for licence in licences:
            if licence in roster_ids:
                reasons.setdefault((licence, uscc), set()).add("PREV")
    return [(a, b, ",".join(sorted(codes))) for (a, b), codes in sorted(reasons.items())]

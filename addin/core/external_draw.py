"""Draws made elsewhere (外部抽取): a batch drawn on the provincial platform (or before this tool was used),
recorded so that results, the ledger, deadlines, publication, statistics and the monthly report treat its
visits like any other.

Hebei requires plans to be made and published on the provincial platform (seed 000 §二(三)), so part of the
draws happen there; the platform hands out a result list — tasks, businesses, inspectors. Recording it:

- one **检查安排** row per business of the batch (one visit per business: a business the list names for several
  tasks is one door, 进一次门、查多项事), with the items of its tasks, its inspectors (names and 执法证号, matched
  in 执法检查人员名录库 by 执法证号, else by name), the department each represents (代表部门: the inspector's
  所属单位, else the list's 检查机关), and in 候选与并列 the words 外部抽取 with the source;
- one **抽取记录** row of type ``external`` (外部抽取) whose content names the source file and its SHA-256, the
  tasks, the number of rows and visits, and **what cannot be verified here**: the eligible list the platform
  drew from, its random numbers and procedure, the inspectors it could have picked — the hash only fixes the
  list as it was received. Its hash (本条哈希) is the SHA-256 of that content.

A row is matched to a task of 年度抽查计划 by 任务编号, else by 抽查任务名称 (or by the user's ``--task 平台名=编号``).
Rows that cannot be used are left out with an error naming the Excel row (``import-draw.*``); doubtful ones
(a business or an inspector the registries do not know, a business outside the task's scope, a team of fewer
than two) are kept with a warning: the platform's draw is a fact to record, not to correct.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from addin.core.catalogue import issue
from addin.core.draw import clean_id
from addin.core.issues import Issue
from addin.core.records import InspectorRow, PlanTask, TargetRow, label

EXTERNAL = "external"
"""抽取记录 类型 of an imported batch (shown as 外部抽取)."""
EXTERNAL_LABEL = "外部抽取"
EXTERNAL_TYPES = frozenset({EXTERNAL, EXTERNAL_LABEL})
NOT_VERIFIABLE = ("抽取时的检查对象名录（抽取范围）", "随机数及抽取过程", "执法检查人员的随机匹配过程")


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row of the platform's result list, as read (standard names; values as strings)."""

    row: int  # Excel row
    task: str  # 任务编号 or 抽查任务名称 as the platform writes it
    uscc: str
    name: str = ""
    inspector_names: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    authority: str = ""  # 检查机关 / 实施部门
    drawn_on: dt.date | None = None
    task_name: str = ""  # 抽查任务名称 when the list has both: tried when ``task`` (its number) is not in the plan


@dataclass(frozen=True, slots=True)
class ExternalVisit:
    """One business of the batch: its tasks, items and team (names, 执法证号, 代表部门)."""

    uscc: str
    name: str
    town: str
    category: str
    task_numbers: tuple[str, ...]
    items: tuple[str, ...]
    names: tuple[str, ...]
    licences: tuple[str, ...]
    depts: tuple[str, ...]
    rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ExternalBatch:
    batch: str
    source: str
    digest: str
    drawn_on: dt.date
    visits: tuple[ExternalVisit, ...]
    issues: tuple[Issue, ...]
    rows: int

    @property
    def task_numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for v in self.visits for n in v.task_numbers))

    def content(self) -> dict[str, Any]:
        """The 抽取记录 entry's content (canonical JSON is hashed)."""
        return {"type": EXTERNAL, "batch": self.batch, "drawn_on": self.drawn_on.isoformat(),
                "source": {"file": self.source, "sha256": self.digest, "rows": self.rows},
                "tasks": list(self.task_numbers), "visits": len(self.visits),
                "not_verifiable": list(NOT_VERIFIABLE)}

    def entry_hash(self) -> str:
        text = json.dumps(self.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def describe(self) -> str:
        return (f"{EXTERNAL_LABEL}：来源 {self.source}（SHA-256 {self.digest[:16]}…），任务 {'、'.join(self.task_numbers)}，"
                f"{len(self.visits)} 户；本工具无法核验{'、'.join(NOT_VERIFIABLE)}，只核对来源文件的摘要。")


@dataclass(frozen=True, slots=True)
class Where:
    """The list's sheet and the column letter of each field (for the issues)."""

    sheet: str = "外部抽取清单"
    columns: Mapping[str, str] | None = None

    def issue(self, code: str, row: int, field: str, value: object, **params: Any) -> Issue:
        return issue(code, sheet=self.sheet, row=row, column=(self.columns or {}).get(field), field=field,
                     value=value, **params)


def _task_of(texts: Sequence[str], tasks: Sequence[PlanTask], aliases: Mapping[str, str]) -> PlanTask | None:
    """The plan's task a row names: by the user's ``--task``, 任务编号, or a unique 抽查任务名称 — the row's
    number first, then its name."""
    by_number = {t.number: t for t in tasks}
    for text in (t.strip() for t in texts if t.strip()):
        wanted = aliases.get(text, text)
        if clean_id(wanted) in by_number:
            return by_number[clean_id(wanted)]
        named = [t for t in tasks if label(t.name) == label(wanted)]
        if len(named) == 1:
            return named[0]
    return None


def _team(row: ListRow, inspectors: Mapping[str, InspectorRow], where: Where,
          issues: list[Issue]) -> list[tuple[str, str, str]]:
    """(name, 执法证号, 代表部门) of the row's inspectors, matched in the registry by 执法证号, else by name."""
    by_name: dict[str, list[InspectorRow]] = {}
    for known in inspectors.values():
        by_name.setdefault(known.name, []).append(known)
    team: list[tuple[str, str, str]] = []
    count = max(len(row.licences), len(row.inspector_names))
    for i in range(count):
        licence = clean_id(row.licences[i]) if i < len(row.licences) else ""
        name = row.inspector_names[i].strip() if i < len(row.inspector_names) else ""
        person = inspectors.get(licence) if licence else None
        if person is None and not licence and len(by_name.get(name, [])) == 1:
            person = by_name[name][0]
        if person is None:
            field = "执法证号" if licence else "检查人员"
            issues.append(where.issue("import-draw.unknown-inspector", row.row, field, licence or name))
            team.append((name or licence, licence or name, row.authority))
        else:
            team.append((person.name, person.licence, person.dept or row.authority))
    return team


def external_batch(rows: Sequence[ListRow], *, batch: str, source: str, digest: str, drawn_on: dt.date,
                   tasks: Sequence[PlanTask], targets: Mapping[str, TargetRow],
                   inspectors: Mapping[str, InspectorRow], task_aliases: Mapping[str, str] | None = None,
                   where: Where | None = None) -> ExternalBatch:
    """The batch the list describes: one visit per business, every problem as an issue (errors leave the row
    out; warnings keep it)."""
    where = where or Where()
    issues: list[Issue] = []
    visits: dict[str, dict[str, Any]] = {}
    for row in rows:
        task = _task_of((row.task, row.task_name), tasks, task_aliases or {})
        if task is None:
            known = "、".join(f"{t.number} {t.name}" for t in tasks) or "（计划为空）"
            field = "任务编号" if row.task else "抽查任务名称"
            issues.append(where.issue("import-draw.unknown-task", row.row, field, row.task or row.task_name,
                                      known=known))
            continue
        uscc = clean_id(row.uscc)
        if not uscc:
            issues.append(where.issue("import-draw.no-target", row.row, "统一社会信用代码", row.uscc))
            continue
        target = targets.get(uscc)
        if target is None:
            issues.append(where.issue("import-draw.unknown-target", row.row, "统一社会信用代码", uscc,
                                      name=row.name or "无名称"))
        elif task.category not in target.categories or (task.towns and target.town not in task.towns):
            issues.append(where.issue("import-draw.out-of-scope", row.row, "统一社会信用代码", uscc,
                                      task=task.number, scope="、".join((*task.towns, task.category)),
                                      category=target.category, town=target.town))
        team = _team(row, inspectors, where, issues)
        visit = visits.setdefault(uscc, {"target": target, "name": row.name, "tasks": [], "team": [], "rows": []})
        visit["tasks"].append(task)
        visit["rows"].append(row.row)
        for member in team:
            if member[1] not in {m[1] for m in visit["team"]}:
                visit["team"].append(member)
    found = []
    for uscc, v in visits.items():
        target, team = v["target"], v["team"]
        if len(team) < 2:
            issues.append(where.issue("import-draw.team-too-small", v["rows"][0], "检查人员",
                                      "、".join(m[0] for m in team), uscc=uscc))
        numbers = tuple(dict.fromkeys(t.number for t in v["tasks"]))
        items = tuple(dict.fromkeys(i for t in v["tasks"] for i in t.items))
        found.append(ExternalVisit(
            uscc, target.name if target else v["name"], target.town if target else "",
            target.category if target else "", numbers, items, tuple(m[0] for m in team), tuple(m[1] for m in team),
            tuple(m[2] for m in team), tuple(v["rows"])))
    return ExternalBatch(batch, source, digest, drawn_on, tuple(found), tuple(issues), len(rows))


def arrangement_rows(batch: ExternalBatch) -> list[list[Any]]:
    """检查安排 rows (``ARRANGEMENT_COLUMNS`` plus 变更) of the batch; 检查组 is the business's code."""
    note = f"{EXTERNAL_LABEL}（来源：{batch.source}）：抽取在本工具之外完成，抽取过程无法在此核验"
    return [[batch.batch, v.uscc, v.uscc, v.name, v.town, v.category, "、".join(v.task_numbers), "、".join(v.items),
             "、".join(v.names), "、".join(v.licences), "、".join(v.depts), "是" if len(v.licences) < 2 else "否",
             note, ""] for v in batch.visits]

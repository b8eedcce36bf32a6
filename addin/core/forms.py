"""一企一表: the joint inspection record of one visit (进一次门、查多项事), as a value the printable workbook
renders — the target's details, the tasks merged into the visit, every item with its 抽查内容 (小项) to tick,
the team with the department each member represents, blank result fields (with the 委托检测 record when an item
plans testing) and signature lines.

An internal working paper handed to the team: it carries the target's contact details but never its
credit-risk class, and no inspector's 身份证号.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from addin.core.arrangement import Member, Visit
from addin.core.entrusted import CONCLUSIONS, ENTRUSTED_METHODS
from addin.core.records import ItemRow, PlanTask, TargetRow
from addin.core.results import FOLLOW_UPS, RESULT_CATEGORIES

METHODS = ("实地检查", "书面检查", "网络监测", "检验检测", "委托专业机构辅助", "采用其他部门检查结果")
CHECK_MARKS = "□符合 □不符合 □不涉及"
TITLE = "“双随机、一公开”联合检查记录表（一企一表）"


@dataclass(frozen=True, slots=True)
class FormItem:
    code: str
    name: str
    checks: tuple[str, ...]  # 抽查内容 (小项); the item itself when none is listed
    basis: str
    methods: tuple[str, ...]
    dept: str


@dataclass(frozen=True, slots=True)
class InspectionForm:
    sheet_name: str
    title: str
    unit_name: str
    batch: str
    group: str
    uscc: str
    target_name: str
    kind: str
    legal_rep: str
    phone: str
    address: str
    town: str
    category: str
    tasks: tuple[tuple[str, str], ...]  # (任务编号, 抽查任务名称)
    items: tuple[FormItem, ...]
    team: tuple[Member, ...]
    unfilled: tuple[str, ...]
    methods: tuple[str, ...] = METHODS
    outcomes: tuple[str, ...] = RESULT_CATEGORIES
    follow_ups: tuple[str, ...] = FOLLOW_UPS
    conclusions: tuple[str, ...] = CONCLUSIONS

    @property
    def testing(self) -> tuple[str, ...]:
        """The codes of the items that plan 检验检测 or 委托专业机构辅助: the form then has room for the 委托检测
        record (检测机构, 资质证书编号, 报告编号, 报告日期, 检测结论), as 检查结果 keeps it."""
        return tuple(i.code for i in self.items if set(i.methods) & set(ENTRUSTED_METHODS))


def sheet_name(number: int, name: str, taken: set[str]) -> str:
    """``001 示例县花语浴池`` — Excel's 31 characters, without the characters a sheet name cannot hold."""
    clean = re.sub(r"[\[\]:*?/\\']", "", name).strip() or "检查对象"
    base = f"{number:03d} {clean}"[:31]
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f"~{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def forms_of(found: Sequence[Visit], targets: Mapping[str, TargetRow], items: Mapping[str, ItemRow],
             tasks: Mapping[str, PlanTask], unit_name: str) -> list[InspectionForm]:
    """One form per visited target, in the order of 检查安排."""
    taken: set[str] = set()
    forms = []
    for number, visit in enumerate(found, 1):
        t = targets.get(visit.uscc)
        form_items = []
        for code in visit.items:
            item = items.get(code)
            if item is None:
                form_items.append(FormItem(code, code, (code,), "", (), ""))
                continue
            form_items.append(FormItem(code, item.name, item.checks or (item.name,), item.basis, item.methods,
                                       item.dept))
        forms.append(InspectionForm(
            sheet_name=sheet_name(number, t.name if t else visit.uscc, taken), title=TITLE, unit_name=unit_name,
            batch=visit.batch, group=visit.group, uscc=visit.uscc, target_name=t.name if t else "",
            kind=t.kind if t else "", legal_rep=t.legal_rep if t else "", phone=t.phone if t else "",
            address=t.address if t else "", town=t.town if t else "", category=t.category if t else "",
            tasks=tuple((n, tasks[n].name if n in tasks else "") for n in visit.task_numbers),
            items=tuple(form_items), team=visit.team, unfilled=visit.unfilled,
        ))
    return forms

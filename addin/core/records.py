"""The workbook's rows as the freeze (冻结) and the draw sheets need them: typed, cleaned, with their Excel row.

Built from the records that :func:`addin.core.validation.read_sheet` produced (aliases resolved, dates and
percentages typed), so every rule downstream speaks of 检查对象, 执法检查人员, 回避关系, 抽查事项 and 抽查任务,
never of cells. Labels are compared after :func:`label` — the validation's one rule — as the canonical draw files write them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from addin.core.draw import clean_id, clean_text
from addin.core.validation.normalise import category_labels, split_multi
from addin.core.validation.normalise import label as normalise_label
from addin.core.validation.records import Record

ACTIVE = "在营"
ON_DUTY = "在岗"
UNCLASSIFIED = "U"
"""Stratum of a target whose 信用风险分类 is 未分类 or blank."""
CLASSES = ("A", "B", "C", "D")


def label(value: object) -> str:
    """A department, category, township or expertise label as the validation compares it and the draw files
    write it: :func:`addin.core.validation.normalise.label` (one rule for both)."""
    return normalise_label(value)


OPEN, CLOSE = "（(〔[【《“", "）)〕]】》”"
CHECK_SEPARATORS = "、，,;；\n\r"


def split_checks(text: object) -> tuple[str, ...]:
    """抽查内容 → its 小项: split on 、，,;； and line breaks, but not inside brackets — ``池水水质（余氯、pH 值）``
    stays one 小项."""
    parts: list[str] = []
    depth, current = 0, list[str]()
    for ch in "" if text is None else str(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        if ch in CHECK_SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return tuple(dict.fromkeys(x for x in (clean_text(p) for p in parts) if x))


def _labels(value: object, clean: Callable[[object], str] = label) -> tuple[str, ...]:
    if value is None:
        return ()
    parts = value if isinstance(value, list | tuple) else split_multi(value)
    return tuple(dict.fromkeys(x for x in (clean(p) for p in parts) if x))


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One 检查对象 of the 检查对象名录库 — with every 检查对象类别 it belongs to (a hospital is 医疗机构 and
    放射卫生 at once: one target, in the scope of the tasks of each of its categories)."""

    uscc: str
    name: str
    town: str
    categories: tuple[str, ...]
    state: str  # 经营状态
    risk: str  # A/B/C/D, or U for 未分类
    address: str = ""
    legal_rep: str = ""
    phone: str = ""
    kind: str = ""  # 主体类型
    office: str = ""  # 监管股室
    row: int = 0
    licence_until: dt.date | None = None  # 许可有效期至
    registered_on: dt.date | None = None  # 登记日期 (optional column)
    key: bool = False  # 重点监管 = 是

    @property
    def active(self) -> bool:
        return self.state == ACTIVE

    @property
    def category(self) -> str:
        """The categories as staff read them (医疗机构、放射卫生)."""
        return "、".join(self.categories)


def merge_targets(rows: Iterable[TargetRow]) -> list[TargetRow]:
    """One target per 统一社会信用代码: a target listed on several rows (one per 检查对象类别) gets the categories
    of all its rows, in their order; its other fields are those of its first row."""
    found: dict[str, TargetRow] = {}
    for row in rows:
        known = found.get(row.uscc)
        if known is None:
            found[row.uscc] = row
        else:
            found[row.uscc] = replace(known, categories=tuple(dict.fromkeys((*known.categories, *row.categories))))
    return list(found.values())


@dataclass(frozen=True, slots=True)
class InspectorRow:
    """One 执法检查人员 of the 执法检查人员名录库 (the 执法证号 is the ID in the draw)."""

    licence: str
    name: str
    dept: str  # 所属单位
    fields: tuple[str, ...]  # 专业领域
    status: str  # 在岗状态
    valid_until: dt.date | None  # 执法证有效期至
    row: int = 0
    office: str = ""  # 所属股室


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """One row of 回避关系."""

    licence: str
    uscc: str
    reason: str  # 亲属 / 曾任职 / 上次检查 / 其他
    row: int = 0


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One 抽查事项 of the 抽查事项清单; ``checks`` are its 抽查内容 (小项), printed on the 一企一表."""

    code: str
    name: str
    checks: tuple[str, ...] = ()
    category: str = ""
    basis: str = ""  # 抽查依据
    methods: tuple[str, ...] = ()  # 检查方式
    expertise: str = ""  # 专业领域 an inspector needs
    dept: str = ""  # 发起部门: the department that inspects it
    partner_depts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanTask:
    """One 抽查任务 (row) of the 年度抽查计划."""

    number: str  # 任务编号
    name: str
    items: tuple[str, ...]
    category: str
    towns: tuple[str, ...] = ()
    ratio: Decimal | None = None  # 抽查比例, a fraction of 1
    class_ratios: Mapping[str, Decimal] = field(default_factory=dict)  # A/B/C/D overrides
    frequency: int = 1
    start: dt.date | None = None
    end: dt.date | None = None
    lead_dept: str = ""
    partner_depts: tuple[str, ...] = ()
    kind: str = ""  # 定向 / 不定向
    risk_text: str = ""  # 信用风险分类要求
    row: int = 0
    office: str = ""  # 发起股室
    coordinate: bool | None = None  # 协同抽取 (None: as 设置 says)
    class_frequencies: Mapping[str, int] = field(default_factory=dict)  # A类频次 … D类频次

    def in_window(self, day: dt.date) -> bool:
        return self.start is not None and self.end is not None and self.start <= day <= self.end

    def frequency_of(self, stratum: str) -> int:
        """频次 of a class (A–D: its own A类频次 … when given; 未分类 and the others: 频次)."""
        return self.class_frequencies.get(stratum, self.frequency)

    @property
    def batches(self) -> int:
        """How many batches the task needs in the year: the largest 频次 of any class."""
        return max((self.frequency, *self.class_frequencies.values()))

    def spent_classes(self, batch: int) -> frozenset[str]:
        """The strata (A–D, ``U``) whose 频次 is used up before the task's ``batch``-th batch (1 = the first)."""
        return frozenset(s for s in (*CLASSES, UNCLASSIFIED) if self.frequency_of(s) < batch)


@dataclass(frozen=True, slots=True)
class PastResult:
    """A row of 检查结果 as far as the freeze cares: who inspected which target, for which task, when."""

    task_number: str
    uscc: str
    inspected_on: dt.date | None
    inspectors: tuple[str, ...]


def _text(value: Any) -> str:
    return "" if value is None else clean_text(value)


def target_of(rec: Record) -> TargetRow:
    g = rec.get
    risk = _text(g("信用风险分类"))
    return TargetRow(
        uscc=clean_id(g("统一社会信用代码")), name=_text(g("单位名称")), town=label(g("所属乡镇")),
        categories=category_labels(g("检查对象类别")), state=_text(g("经营状态")),
        risk=risk if risk in CLASSES else UNCLASSIFIED, address=_text(g("地址")), legal_rep=_text(g("法定代表人")),
        phone=_text(g("联系电话")), kind=_text(g("主体类型")), office=label(g("监管股室")), row=rec.row,
        licence_until=_date(g("许可有效期至")), registered_on=_date(g("登记日期")), key=g("重点监管") == "是",
    )


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def inspector_of(rec: Record) -> InspectorRow:
    g = rec.get
    return InspectorRow(
        licence=clean_id(g("执法证号")), name=_text(g("姓名")), dept=label(g("所属单位")),
        fields=_labels(g("专业领域")), status=_text(g("在岗状态")), valid_until=g("执法证有效期至"), row=rec.row,
        office=label(g("所属股室")),
    )


def conflict_of(rec: Record) -> ConflictRow:
    g = rec.get
    return ConflictRow(clean_id(g("执法证号")), clean_id(g("统一社会信用代码")), _text(g("回避原因")), rec.row)


def item_of(rec: Record) -> ItemRow:
    g = rec.get
    return ItemRow(
        code=clean_id(g("事项编码")), name=_text(g("抽查事项")), checks=split_checks(g("抽查内容")),
        category=label(g("检查对象类别")), basis=_text(g("抽查依据")), methods=_labels(g("检查方式"), clean_text),
        expertise=label(g("专业领域")), dept=label(g("发起部门")), partner_depts=_labels(g("配合部门")),
    )


def task_of(rec: Record) -> PlanTask:
    g = rec.get
    overrides = {c: g(f"{c}类比例") for c in CLASSES if g(f"{c}类比例") is not None}
    batches = {c: int(g(f"{c}类频次")) for c in CLASSES if g(f"{c}类频次") is not None}
    return PlanTask(
        number=clean_id(g("任务编号")), name=_text(g("抽查任务名称")),
        items=tuple(clean_id(x) for x in (g("抽查事项") or ())), category=label(g("检查对象类别")),
        towns=_labels(g("所属乡镇")), ratio=g("抽查比例"), class_ratios=overrides, frequency=int(g("频次") or 1),
        start=g("开始日期"), end=g("结束日期"), lead_dept=label(g("发起部门")), partner_depts=_labels(g("配合部门")),
        kind=_text(g("抽查类型")), risk_text=_text(g("信用风险分类要求")), row=rec.row,
        office=label(g("发起股室")), coordinate=None if g("协同抽取") is None else g("协同抽取") == "是",
        class_frequencies=batches,
    )


def result_of(rec: Record) -> PastResult:
    g = rec.get
    return PastResult(clean_id(g("任务编号")), clean_id(g("统一社会信用代码")), g("检查日期"),
                      tuple(clean_id(x) for x in (g("检查人员") or ())))

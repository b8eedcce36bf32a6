"""抽查工作方案: the work plan of one batch (抽取批次), as a document value the Word writer renders.

Seed 000 §二(三): "每次抽查都要制定具体工作方案，抽查工作方案和抽查结果要通过政府或部门网站向社会公开". The 方案
follows the usual form of such documents: a title with the unit, the year and the batch; 一、抽查依据 (the items'
抽查依据); 二、抽查任务 (each task with its items as 大项 / 小项, scope, rates, counts); 三、抽取方式 (the public
rules, the randomness source named before the draw, the freeze hash; after the draw the values and the digests to
verify); 四、检查时间; 五、检查方式 (with 委托检测 where the items plan it); 六、检查组; 七、工作要求; 八、结果公示
(channel, working days); 九、联系人; then the annexes.

Two versions (:attr:`PlanDocument.public`): the internal one carries the contact's phone numbers, the per-class
counts (信用风险分类 is internal) and the teams with their 执法证号 and targets; the public one carries no ID or
phone number, no per-class count and no target (the drawn list is the 抽取公示's), and team members' names only
when 设置 › 公开检查人员姓名 says 是. The plan's rates per class are published policy (seed 003's annexes) and stay.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from addin.core.arrangement import Member
from addin.core.drawlog import NOT_PROOF
from addin.core.entrusted import ENTRUSTED_METHODS
from addin.core.publication import ratio_and_frequency, scope_text, window_text
from addin.core.records import UNCLASSIFIED, ItemRow, PlanTask
from addin.core.results import TaskInfo

H1, H2, BODY, TABLE, NOTE = "h1", "h2", "p", "table", "note"
NUMERALS = "一二三四五六七八九十"
GENERAL_BASIS = ("《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）",)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (``h1`` 一、…, ``h2`` （一）…, ``p`` body, ``note``) or a ``table`` (header + rows)."""

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[int, ...] = ()  # a table's column widths, relative


@dataclass(frozen=True, slots=True)
class Annex:
    number: int
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class PlanDocument:
    unit: str
    title: str
    public: bool
    blocks: tuple[Block, ...]
    signed_on: dt.date
    annexes: tuple[Annex, ...] = ()
    plan_id: str = ""  # 抽取批次

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The title as it is set: the unit, then the title broken after its quoted part (“双随机、一公开”)."""
        head, mark, tail = self.title.rpartition("”")
        return (self.unit, head + mark, tail) if mark and tail else (self.unit, self.title)

    def text(self) -> str:
        """Every word of the document, in reading order (for tests and the public-content check)."""
        parts = [self.unit, self.title]
        for block in [*self.blocks, *(b for a in self.annexes for b in a.blocks)]:
            parts.append(block.text)
            parts.extend("\t".join(r) for r in (block.header, *block.rows) if r)
        parts += [a.title for a in self.annexes]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class TaskCount:
    """名录户数 N and 抽取户数 n of one task (planned by the rates before the draw); ``strata`` (internal):
    (class, N, rate as written, n) per 信用风险分类."""

    pool: int
    drawn: int
    strata: tuple[tuple[str, int, str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Team:
    """One 检查组 after the draw: its members (with the department each represents) and its targets."""

    group: str
    members: tuple[Member, ...]
    targets: tuple[tuple[str, str, str], ...]  # (统一社会信用代码, 单位名称, 任务编号)


@dataclass(frozen=True, slots=True)
class BatchFacts:
    """What the freeze (and the draw, when made) fixed for the batch, read from its evidence and the workbook."""

    unit: str
    year: int
    plan_id: str
    tasks: tuple[PlanTask, ...]
    items: Mapping[str, ItemRow]
    counts: Mapping[str, TaskCount]
    freeze_hash: str
    sources: tuple[str, ...]  # TYPE:ID named at the freeze
    departments: tuple[str, ...]
    frozen_at: str = ""
    drawn: bool = False
    randomness: tuple[str, ...] = ()  # TYPE:ID = VALUE
    seed: str = ""
    result_digest: str = ""
    log_head: str = ""
    teams: tuple[Team, ...] = ()
    spec: str = "draw-v1"  # the public rules the batch was drawn by (draw-v1 / draw-v2)


@dataclass(frozen=True, slots=True)
class DocSettings:
    """The 设置 values the 方案 uses."""

    channel: str = "国家企业信用信息公示系统"
    publish_days: int = 20
    team_size: int = 2
    publish_names: bool = False
    contact: str = ""
    phone: str = ""
    mobile: str = ""
    tasks_due: dt.date | None = None


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def batch_number(plan_id: str) -> str:
    """``示例县卫生健康局-2024年第1批`` → ``第1批`` (the plan id itself when it has no such part)."""
    found = re.search(r"第\s*(\d+)\s*批", plan_id)
    return f"第{found.group(1)}批" if found else plan_id


def sub_items(item: ItemRow) -> tuple[str, ...]:
    """The 小项 of an item: its 抽查内容 entries, or the item itself when none is listed (as the 一企一表 prints)."""
    return item.checks or (item.name,)


def count_items(codes: Sequence[str], items: Mapping[str, ItemRow]) -> tuple[int, int]:
    """(大项, 小项) of a set of items: distinct 抽查事项, and their 小项."""
    distinct = list(dict.fromkeys(codes))
    return len(distinct), sum(len(sub_items(items[c])) if c in items else 1 for c in distinct)


def _bases(tasks: Sequence[PlanTask], items: Mapping[str, ItemRow]) -> list[str]:
    """The distinct laws named by the items' 抽查依据 (《…》 kept whole, the rest split on ；;、)."""
    found: list[str] = []
    for task in tasks:
        for code in task.items:
            basis = items[code].basis if code in items else ""
            titles = re.findall(r"《[^》]+》[^《；;、，,]*", basis) or re.split(r"[；;、]", basis)
            found += [t.strip().rstrip("等。；;") for t in titles if t.strip()]
    return list(dict.fromkeys(found))


def _class(stratum: str) -> str:
    """A 信用风险分类 as staff write it: ``A`` → ``A类``, ``U`` → ``未分类``."""
    return "未分类" if stratum == UNCLASSIFIED else f"{stratum}类"


def _source_text(source: str) -> str:
    kind, _, ident = source.partition(":")
    known = {"lottery-ssq": f"中国福利彩票双色球第{ident}期开奖号码", "drand-quicknet": f"drand 公共随机信标 quicknet 第{ident}轮",
             "manual": f"会商确定的随机数（{ident}）", "test": f"演示用随机数（{ident}）"}
    return f"{known.get(kind, source)}（{source}）"


def _info(task: PlanTask) -> TaskInfo:
    """The task as the plan annexes describe it (scope, 抽查比例及频次)."""
    return TaskInfo(task.number, task.name, task.kind, task.items, task.category, task.towns,
                    ratio=float(task.ratio) if task.ratio is not None else None,
                    class_ratios=tuple((c, float(v)) for c, v in sorted(task.class_ratios.items())),
                    class_frequencies=tuple(sorted(task.class_frequencies.items())), frequency=task.frequency)


def _task_blocks(number: int, task: PlanTask, facts: BatchFacts, settings: DocSettings, public: bool,
                 scope: str) -> list[Block]:
    items = facts.items
    big, small = count_items(task.items, items)
    listed = "；".join(f"{i}.{items[c].name if c in items else c}（{len(sub_items(items[c])) if c in items else 1}小项）"
                      for i, c in enumerate(dict.fromkeys(task.items), 1))
    depts = f"发起部门：{task.lead_dept}" + (f"；配合部门：{'、'.join(task.partner_depts)}" if task.partner_depts else "")
    lines = [
        Block(H2, f"（{NUMERALS[number - 1] if number <= 10 else number}）{task.name}（任务编号 {task.number}）"),
        Block(BODY, f"抽查类型：{task.kind or '不定向'}抽查，{'部门联合抽查' if task.partner_depts else '本部门抽查'}；{depts}。"),
        Block(BODY, f"抽查事项：{big}大项、{small}小项。{listed}。"),
        Block(BODY, f"抽查对象范围：{scope}。"),
        Block(BODY, f"抽查比例：{ratio_and_frequency(_info(task)) or '按年度抽查计划'}"
                    + (f"（{task.risk_text.rstrip('。')}）" if task.risk_text else "") + "。"),
    ]
    count = facts.counts.get(task.number)
    if count is not None:
        verb = "抽取" if facts.drawn else "按比例应抽取"
        text = f"抽查数量：名录库中符合条件的在营检查对象 {count.pool} 户，{verb} {count.drawn} 户"
        if not public and count.strata:
            text += "（" + "；".join(f"{_class(c)} {n_pool} 户、比例 {rate}、抽取 {n} 户"
                                     for c, n_pool, rate, n in count.strata) + "；信用风险分类仅供内部使用）"
        lines.append(Block(BODY, text + "。"))
    return lines


def _draw_blocks(facts: BatchFacts, settings: DocSettings) -> list[Block]:
    weak = any(s.split(":")[0] in ("manual", "test") for s in facts.sources)
    out = [
        Block(BODY, f"（一）抽取规则。按照公开的抽取规则 {facts.spec}（任何人可以复算）抽取：检查对象按信用风险分类分层，"
                    "按抽查比例随机抽取；执法检查人员从在岗、持有效执法证的人员中随机匹配，每组不少于 "
                    f"{settings.team_size} 名，部门联合抽查的每个参与部门至少 1 名；同一检查对象的多项任务合并为一次检查"
                    "（进一次门、查多项事）；执法人员与检查对象有利害关系的予以回避。"),
        Block(BODY, "（二）随机源。冻结名录时已指定随机源：" + "、".join(_source_text(s) for s in facts.sources)
                    + "。该随机数在冻结之后才产生，任何人无法事先知道或影响抽取结果"
                    + (NOT_PROOF if weak else "") + "。"),
        Block(BODY, "（三）冻结哈希。检查对象名录、执法检查人员名录、回避关系和本批抽取计划"
                    + (f"已于 {facts.frozen_at} " if facts.frozen_at else "已")
                    + f"冻结，冻结哈希为 {facts.freeze_hash}。冻结后名录有任何改动，抽取都会被拒绝。"),
    ]
    if facts.drawn:
        out.append(Block(BODY, f"（四）抽取结果。随机源取值：{'；'.join(facts.randomness)}；随机种子 {facts.seed}；"
                               f"结果摘要 {facts.result_digest}；抽取日志最新哈希 {facts.log_head}。取得抽取材料后运行"
                               f" ssj verify 即可核验，也可按 {facts.spec} 规范自行复算。"))
    else:
        out.append(Block(BODY, "（四）抽取结果。随机源产生后即行抽取，抽取结果、随机种子和日志哈希随抽取公示一并公开，"
                               f"任何人可按 {facts.spec} 规范复算核验。"))
    return out


def _method_blocks(facts: BatchFacts) -> list[Block]:
    codes = list(dict.fromkeys(c for t in facts.tasks for c in t.items))
    methods = list(dict.fromkeys(m for c in codes if c in facts.items for m in facts.items[c].methods))
    entrusted = [facts.items[c].name for c in codes if c in facts.items
                 and any(m in ENTRUSTED_METHODS for m in facts.items[c].methods)]
    out = [Block(BODY, f"采取{'、'.join(methods) or '实地检查'}等方式开展检查。同一检查对象的多项抽查任务合并为一次检查，"
                       "使用联合检查记录表（一企一表）逐项记录。")]
    if entrusted:
        out.append(Block(BODY, f"委托检测：{'、'.join(entrusted)}等专业性强的检查事项，委托具有资质的检验检测机构开展检验检测"
                               "（或依法采用相关机构作出的鉴定结论）；检测机构名称、资质证书编号、检测报告编号和日期、检测结论"
                               "记入检查结果。"))
    else:
        out.append(Block(BODY, "本批次抽查事项未安排委托检测。"))
    return out


def _team_blocks(facts: BatchFacts, settings: DocSettings, public: bool) -> list[Block]:
    depts = "、".join(facts.departments)
    if not facts.teams:
        return [Block(BODY, f"检查组在抽取时随机匹配，每组不少于 {settings.team_size} 名执法检查人员，参与部门：{depts}"
                            f"（{len(facts.departments)} 个）。")]
    sizes = sorted({len(t.members) for t in facts.teams})
    size = f"{sizes[0]}" if len(sizes) == 1 else f"{sizes[0]}至{sizes[-1]}"
    targets = sum(len(t.targets) for t in facts.teams)
    out = [Block(BODY, f"本批次共组成 {len(facts.teams)} 个检查组，检查 {targets} 户，每组 {size} 名执法检查人员，"
                       f"来自{depts}（{len(facts.departments)} 个部门）。")]
    if not public:
        out.append(Block(BODY, "各检查组成员及检查对象见附件 2。"))
    elif settings.publish_names:
        rows = tuple((f"第{n}组", "、".join(f"{m.name or m.licence}（{m.dept}）" for m in t.members))
                     for n, t in enumerate(facts.teams, 1))
        out.append(Block(TABLE, header=("检查组", "检查人员（所代表的部门）"), rows=rows, widths=(1, 6)))
    else:
        out.append(Block(BODY, "检查组成员名单不对外公开；抽中的检查对象见本批次抽取公示。"))
    return out


REQUIREMENTS = (
    "（一）严格依法检查。检查人员应当主动出示执法证件，按照抽查事项清单和一企一表逐项检查、如实记录，不得擅自增加"
    "检查事项、扩大检查范围，不得妨碍检查对象正常的生产经营活动。",
    "（二）严格执行回避制度。检查人员与检查对象有利害关系的，应当主动申请回避；检查人员因故不能参加的，按规则替补并记入"
    "抽取记录，不得私自调换检查人员或检查对象。",
    "（三）及时录入结果。按照“谁检查、谁录入、谁公开”的原则，检查结束后及时录入检查结果；委托检测的，同时录入检测机构、"
    "检测报告和检测结论。",
    "（四）做好后续处置。对发现的问题建立问题台账，限期整改落实；需立案查处的，交由执法办案机构调查处理；涉及相关部门的，"
    "及时抄告、移送；涉嫌犯罪的，移送司法机关；发现违纪或职务违法、职务犯罪问题线索的，移送纪检监察机关；对违法失信"
    "行为实施联合惩戒，形成监管闭环。",
    "（五）严守工作纪律。抽查名单和检查安排在公示前不得泄露，不得借检查之机谋取私利。",
)


def build_plan_doc(facts: BatchFacts, settings: DocSettings, signed_on: dt.date, *, public: bool) -> PlanDocument:
    """The 抽查工作方案 of a batch; ``public`` gives the version to publish (see the module's docstring)."""
    batch = batch_number(facts.plan_id)
    title = f"{facts.year}年{batch}“双随机、一公开”抽查工作方案"
    big, small = count_items([c for t in facts.tasks for c in t.items], facts.items)
    blocks: list[Block] = [Block(BODY, f"为规范开展“双随机、一公开”监管，根据本单位{facts.year}年度双随机抽查工作计划，"
                                       f"现就{facts.year}年{batch}随机抽查工作（抽取批次：{facts.plan_id}）制定如下方案。")]
    blocks.append(Block(H1, "一、抽查依据"))
    bases = [*GENERAL_BASIS, *_bases(facts.tasks, facts.items), f"{facts.unit}{facts.year}年度双随机抽查工作计划"]
    blocks += [Block(BODY, f"{i}.{b}{'。' if i == len(bases) else '；'}") for i, b in enumerate(bases, 1)]
    total = sum(c.drawn for c in facts.counts.values())
    drawn = f"{'共抽取' if facts.drawn else '按比例应抽取'}检查对象 {total} 户次" if facts.counts else ""
    blocks += [Block(H1, "二、抽查任务"),
               Block(BODY, f"本批次共 {len(facts.tasks)} 项抽查任务，抽查事项 {big} 大项、{small} 小项"
                           + (f"，{drawn}" if drawn else "") + "。抽查事项及内容见附件 1。")]
    for number, task in enumerate(facts.tasks, 1):
        blocks += _task_blocks(number, task, facts, settings, public, scope_text(_info(task), facts.unit))
    blocks += [Block(H1, "三、抽取方式"), *_draw_blocks(facts, settings)]
    blocks.append(Block(H1, "四、检查时间"))
    blocks += [Block(BODY, f"{task.name}：{cn_date(task.start)}至{cn_date(task.end)}"
                           f"（{window_text(task.start, task.end)}）。") for task in facts.tasks
               if task.start and task.end]
    if settings.tasks_due:
        blocks.append(Block(BODY, f"本批次检查须于{cn_date(settings.tasks_due)}前全部完成。"))
    blocks += [Block(H1, "五、检查方式"), *_method_blocks(facts)]
    blocks += [Block(H1, "六、检查组"), *_team_blocks(facts, settings, public)]
    blocks += [Block(H1, "七、工作要求"), *(Block(BODY, text) for text in REQUIREMENTS)]
    blocks += [Block(H1, "八、结果公示"),
               Block(BODY, f"检查结果自检查结束之日起 {settings.publish_days} 个工作日内，通过{settings.channel}向社会公示，"
                           "接受社会监督。本方案和抽查结果通过政府或部门网站向社会公开。")]
    contact = f"联系人：{settings.contact or '（未填写）'}"
    if not public:
        contact += "".join(f"；{label}：{value}" for label, value in (("联系电话", settings.phone),
                                                                     ("手机", settings.mobile)) if value)
    blocks += [Block(H1, "九、联系人"), Block(BODY, contact + "。")]
    annexes = [Annex(1, "抽查事项及内容", (_items_table(facts),))]
    if not public and facts.teams:
        annexes.append(Annex(2, "检查组及检查对象名单（内部资料）", (_teams_table(facts),)))
    return PlanDocument(facts.unit, title, public, tuple(blocks), signed_on, tuple(annexes), facts.plan_id)


def _items_table(facts: BatchFacts) -> Block:
    rows = []
    for task in facts.tasks:
        for code in dict.fromkeys(task.items):
            item = facts.items.get(code)
            if item is None:
                rows.append((task.number, code, "", "", ""))
                continue
            checks = "；".join(f"{i}.{c}" for i, c in enumerate(sub_items(item), 1))
            rows.append((task.number, f"{item.name}（{code}）", checks, item.basis, "、".join(item.methods)))
    return Block(TABLE, header=("任务编号", "抽查事项（大项）", "抽查内容（小项）", "抽查依据", "检查方式"), rows=tuple(rows),
                 widths=(18, 34, 54, 30, 20))


def _teams_table(facts: BatchFacts) -> Block:
    rows = []
    for number, team in enumerate(facts.teams, 1):
        members = "、".join(f"{m.name}（{m.licence}，{m.dept}）" for m in team.members)
        for uscc, name, numbers in team.targets:
            rows.append((f"第{number}组", name, uscc, numbers, members))
    return Block(TABLE, header=("检查组", "检查对象", "统一社会信用代码", "任务编号", "检查人员（执法证号，部门）"),
                 rows=tuple(rows), widths=(14, 36, 32, 18, 56))

"""The catalogue of issue codes: every code the validation can produce, with a zh-CN title, a default
severity and a message template.

Modelled on frictionless-py's error catalogue. Codes are stable and namespaced (``schema.required``); they are
part of the public contract (the JSON report, the ribbon's cell notes). Templates are filled with the issue's
``params`` plus ``sheet``, ``row``, ``column``, ``field`` and ``value`` — by the reporters only
(:mod:`addin.reporters.messages`). Messages never contain a phone number or an unmasked 身份证号.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from addin.core.issues import Issue, Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    title: str
    severity: Severity
    template: str


_ENTRIES = (
    # -- files ----------------------------------------------------------------------------------------
    Entry("file.unreadable", "文件无法读取", E, "{reason}"),
    Entry("file.not-found", "找不到文件", E, "{reason}"),
    Entry("file.is-directory", "不是文件", E, "{reason}"),
    Entry("file.empty", "空文件", E, "{reason}"),
    Entry("file.encrypted", "工作簿有打开密码", E, "{reason}"),
    Entry("file.legacy-xls", "旧版 .xls 文件", E, "{reason}"),
    Entry("file.not-a-workbook", "不是 Excel 工作簿", E, "{reason}"),
    Entry("file.corrupt", "工作簿已损坏", E, "{reason}"),
    Entry("file.zip-bomb", "压缩比异常", E, "{reason}"),
    Entry("file.too-large", "文件过大", E, "{reason}"),
    Entry("file.no-known-sheet", "没有可识别的工作表", E, "{reason}"),
    Entry("file.xml-entities", "含有 XML 实体声明", E, "{reason}"),
    Entry("file.timeout", "校验超时", E, "{reason}"),
    Entry("file.crashed", "读取时进程异常退出", E, "{reason}"),
    Entry("file.out-of-memory", "内存不足", E, "{reason}"),
    Entry("file.not-regular", "不是普通文件", E, "{reason}"),
    Entry("file.too-many-parts", "压缩包文件过多", E, "{reason}"),
    Entry("file.archive", "压缩包", E, "{reason}"),
    Entry("file.html-table", "网页格式的表格", E, "{reason}"),
    Entry("file.symlink", "符号链接", E, "{reason}"),
    # -- sheets ---------------------------------------------------------------------------------------
    Entry("sheet.missing", "缺少工作表", E,
          "缺少工作表“{sheet}”：工作表“{needed_by}”引用了其中的数据。"),
    Entry("sheet.missing-column", "缺少必填列", E,
          "工作表“{sheet}”表头在第 {row} 行，缺少必填列“{field}”。"),
    Entry("sheet.column-clash", "列名冲突", E,
          "工作表“{sheet}”表头（第 {row} 行）中 {value} 都对应“{field}”，无法确定使用哪一列，这些列都未使用。"
          "请删除或改名多余的列，或在导入时用列名对照（--mapping）指定。"),
    Entry("sheet.alias-column-unused", "同义列未使用", W,
          "“{value}”（{column} 列）也对应“{field}”，已使用标准列名“{field}”所在的 {used} 列，该列未使用。"),
    Entry("sheet.same-kind", "同类工作表", W,
          "工作表“{sheet}”也是“{kind}”（{reason}），已单独校验；表间核对只用工作表“{used}”。"
          "要合并成一张表，请用 ssj import（导入名录）。"),
    Entry("row.not-data", "非数据行", W,
          "第 {row} 行是{reason}（“{value}”），未作为数据校验或导入；确认后可删除该行。"),
    Entry("mapping.invalid", "列名对照有误", E, "列名对照的“{field}”“{value}”无效：{reason}。"),
    Entry("sheet.duplicate-column", "重复的列", W,
          "工作表“{sheet}”的表头中“{field}”出现了两次（第 {column} 列），只使用第一列。"),
    Entry("sheet.empty", "工作表为空", W, "工作表“{sheet}”是空的（第 1 行没有表头），按没有数据处理。"),
    # -- cell values (schema) -------------------------------------------------------------------------
    Entry("schema.required", "必填项为空", E, "“{field}”是必填项，不能为空。"),
    Entry("schema.type", "类型不符", E, "“{field}”应填写{expected}，实际为“{value}”。"),
    Entry("schema.enum", "不在可选值中", E, "“{field}”的值“{value}”不在可选值中（可选：{allowed}）。"),
    Entry("schema.pattern", "格式不符", E, "“{field}”的值“{value}”格式不正确：{hint}。"),
    Entry("schema.format", "日期无法识别", E,
          "“{field}”的值“{value}”不是有效日期，请填写日期（如 2024-05-01）。"),
    Entry("schema.range", "超出范围", E, "“{field}”的值 {value} 超出允许范围（{minimum} 至 {maximum}）。"),
    Entry("schema.label-normalised", "名称中有空格或控制字符", W,
          "“{field}”的值“{value}”中含有空格、换行、制表符或不可见的控制字符，已按“{label}”理解（校验和冻结都如此）；"
          "建议改正单元格。"),
    Entry("schema.formula-error", "公式错误值", E,
          "“{field}”的单元格是公式的错误值 {value}（公式无法算出结果，常见于 VLOOKUP 找不到对应行），"
          "请改正公式或直接填写该值。"),
    Entry("schema.date-as-text", "日期以文本填写", W,
          "“{field}”的值“{value}”是文本，已按日期 {date} 理解；建议改为日期格式。"),
    # -- identifiers ----------------------------------------------------------------------------------
    Entry("id.uscc-checksum", "统一社会信用代码校验位错误", E,
          "统一社会信用代码“{value}”的校验位不正确（按 GB 32100 应为“{expected}”），请核对是否抄错。"),
    Entry("id.uscc-inner", "组织机构代码校验位不符", W,
          "统一社会信用代码“{value}”中的组织机构代码（第 9–17 位）校验位不符（GB 11714），请核对。"),
    Entry("id.uscc-is-idcard", "统一社会信用代码填成了身份证号", E,
          "统一社会信用代码“{value}”是一个有效的身份证号（校验位和出生日期都符合），不是统一社会信用代码。身份证号是个人信息，"
          "不能进入抽取名录和公示：请改填营业执照上的 18 位统一社会信用代码（个体工商户的营业执照上也有）。"),
    Entry("id.uscc-legacy", "旧版注册号", W,
          "“{value}”是 15 位旧注册号，建议更新为 18 位统一社会信用代码。"),
    Entry("id.idcard-checksum", "身份证号校验位错误", E, "身份证号“{value}”的校验位不正确（GB 11643），请核对。"),
    Entry("id.idcard-birthdate", "身份证号出生日期无效", E,
          "身份证号“{value}”第 7–14 位不是有效的出生日期（须为 1900 年以后、不晚于今天的日期）。"),
    # -- rows -----------------------------------------------------------------------------------------
    Entry("row.duplicate-key", "重复", E,
          "“{field}”为“{value}”的行重复：与第 {first_row} 行相同（{key}）。"),
    # -- references between sheets --------------------------------------------------------------------
    Entry("ref.unknown-item", "事项不在清单中", E, "抽查事项“{value}”不在“抽查事项清单”中。"),
    Entry("ref.unknown-category", "检查对象类别无对应对象", E,
          "检查对象类别“{value}”在“检查对象名录库”中没有任何对象，该任务抽不到对象。"),
    Entry("ref.item-category-no-targets", "事项的检查对象类别暂无对象", W,
          "检查对象类别“{value}”在“检查对象名录库”中没有任何对象（事项可以保留，但暂时抽不到对象）。"),
    Entry("ref.unknown-township", "乡镇无对应对象", W, "乡镇“{value}”在“检查对象名录库”中没有任何对象。"),
    Entry("ref.unknown-office", "股室名称未出现在名录库中", W,
          "发起股室“{value}”既不是检查对象名录库的监管股室，也不是执法检查人员名录库的所属股室，请核对名称"
          "（名称不一致的股室会被分开统计）。"),
    Entry("ref.unknown-inspector", "执法人员不在名录库中", E, "执法证号“{value}”不在“执法检查人员名录库”中。"),
    Entry("ref.unknown-target", "检查对象不在名录库中", E, "统一社会信用代码“{value}”不在“检查对象名录库”中。"),
    Entry("ref.unknown-task", "任务不在计划中", E, "任务编号“{value}”不在“年度抽查计划”中。"),
    Entry("ref.no-inspector-for-department", "部门无可抽取的执法人员", E,
          "部门“{value}”没有可抽取的执法人员（在岗、执法证有效期至 {until} 以后、所属单位为该部门）。"),
    Entry("ref.no-expertise", "无具备该专业领域的执法人员", E,
          "没有可抽取的执法人员（在岗、执法证有效期至 {until} 以后）具备专业领域“{value}”。"),
    # -- inspectors -----------------------------------------------------------------------------------
    Entry("inspector.certificate-expired", "执法证已过期", W,
          "执法证已于 {value} 过期（按 {today} 计），该人员不会被抽取。"),
    # -- plan -----------------------------------------------------------------------------------------
    Entry("plan.window-invalid", "抽查起止时间无效", E, "抽查起止时间无效：{reason}。"),
    Entry("plan.window-after-deadline", "结束日期晚于任务完成截止", E,
          "结束日期 {value} 晚于任务完成截止日期 {deadline}。"),
    Entry("plan.ratio-invalid", "抽查比例无效", E,
          "“{field}”为 {value}，抽查比例须大于 0% 且不超过 100%。"),
    Entry("plan.no-targets", "抽查范围内没有对象", W,
          "任务“{task}”的抽查范围（{category}{townships}）内没有在营的检查对象。"),
    Entry("plan.coverage-below-target", "预计覆盖率低于目标", W,
          "按计划预计抽查约 {expected} 户（在营监管对象 {supervised} 户的 {rate}），"
          "低于年度抽查覆盖率目标 {target}（至少 {needed} 户）。"),
    Entry("plan.office-coverage-below-target", "股室预计覆盖率低于目标", W,
          "股室“{office}”：按计划预计抽查其监管的在营对象约 {expected} 户（{supervised} 户的 {rate}），"
          "低于年度抽查覆盖率目标 {target}（至少 {needed} 户）。"),
    Entry("plan.rates-not-increasing", "抽查比例未按风险递加", W,
          "任务“{task}”：{pairs}。对低风险、一般风险、较高风险、高风险企业应分别递加抽查比例（陵川计划附件）。"),
    Entry("plan.frequencies-not-increasing", "抽查频次未按风险递加", W,
          "任务“{task}”：{pairs}。对低风险、一般风险、较高风险、高风险企业应分别递加抽查频次（陵川计划附件）。"),
    Entry("plan.frequency-over-cap", "频次超过同一对象年度抽查上限", W,
          "任务“{task}”的 {stratum} 类按 100% 抽取 {value} 批，但 {stratum} 类同一对象年度抽查上限为 {cap} 次："
          "第 {cap} 批后该类对象都已达上限，以后各批抽不到。请在“设置”中把“{stratum}类同一对象年度抽查上限”改为 {value}，或减少频次。"),
    Entry("plan.no-class-differentiation", "任务未按信用风险分类区分", W,
          "任务“{task}”的抽查范围内有已分类（A–D）的对象，但各类别的抽查比例和频次相同：凡“随机抽查”必“风险分类”，"
          "请填写 A类比例 … D类比例（或各类频次）。"),
    Entry("plan.class-share", "关联信用风险分类的任务比例", W,
          "本年度计划 {total} 项任务中 {using} 项（{share}）按信用风险分类区分抽查比例或频次；"
          "应进一步提高抽查任务关联企业信用风险分类结果的比例（陵川计划 四）。"),
    # -- settings -------------------------------------------------------------------------------------
    Entry("settings.duplicate-item", "设置项重复", W, "设置项“{field}”出现了多次，只使用第 {first_row} 行。"),
    Entry("settings.invalid-value", "设置值无效", E, "设置项“{field}”的值“{value}”无效：{reason}。"),
    # -- inspection results against the draws (检查结果核对, addin.core.results) -----------------------------
    Entry("result.unknown-task", "任务不在计划中", E, "任务编号“{task}”不在年度抽查计划中。"),
    Entry("result.not-drawn", "对象未被抽中", E,
          "对象 {uscc} 没有在任务“{task}”的抽取中被抽中，不能录入该任务的检查结果。"),
    Entry("result.voided-draw", "抽取已作废", E,
          "对象 {uscc} 只在已作废的抽取批次（{batches}）中被抽中，该结果无效，请按新的抽取结果检查。"),
    Entry("result.inspector-not-on-team", "检查人员不在检查组中", E,
          "检查人员 {licences} 不在该对象的检查组中（检查组：{team}）。谁检查、谁录入。"),
    # -- draws made elsewhere (外部抽取, addin.core.external_draw) -------------------------------------------
    Entry("import-draw.unknown-task", "任务不在计划中", E,
          "任务“{value}”在年度抽查计划中找不到（按任务编号或抽查任务名称）：可用 --task “平台上的任务=任务编号”"
          "对应，该行未导入。计划中的任务：{known}。"),
    Entry("import-draw.no-target", "缺少统一社会信用代码", E, "该行没有统一社会信用代码，无法记录检查对象，未导入。"),
    Entry("import-draw.unknown-target", "检查对象不在名录库中", W,
          "检查对象 {value}（{name}）不在检查对象名录库中：已照录，请补充名录库（结果核对需要它）。"),
    Entry("import-draw.out-of-scope", "检查对象不在任务的抽查范围内", W,
          "检查对象 {value}（{category}，{town}）不在任务 {task} 的抽查范围（{scope}）内：已照录，请核对平台的抽取范围。"),
    Entry("import-draw.unknown-inspector", "执法人员不在名录库中", W,
          "执法检查人员“{value}”不在执法检查人员名录库中（按执法证号，没有执法证号时按唯一的姓名查找）：已照录，"
          "请补充名录库。"),
    Entry("import-draw.team-too-small", "检查人员不足 2 人", W,
          "检查对象 {uscc} 的检查人员只有“{value}”，不足 2 人（行政处罚法：执法人员不得少于两人）：已照录为未满员。"),
    Entry("result.department-not-on-team", "录入部门的检查人员不在检查组中", E,
          "录入部门“{dept}”的结果所列检查人员都不是该部门派出的检查人员（检查组中代表该部门的：{own}）。"
          "部门联合抽查中各部门录入本部门人员的检查结果（谁检查、谁录入）。"),
    Entry("result.department-not-in-task", "录入部门不是任务的检查部门", E,
          "录入部门“{dept}”不是任务“{task}”的检查部门（{departments}）。谁检查、谁录入、谁公开。"),
    Entry("result.date-outside-window", "检查日期不在抽查时间内", W,
          "检查日期 {date} 不在任务的抽查起止时间（{start} 至 {end}）内。"),
    Entry("result.published-before-inspection", "公示早于检查", W, "公示日期 {published} 早于检查日期 {date}。"),
    Entry("result.contradictory", "检查结果自相矛盾", W, "检查结果“未发现问题”与{other}同时出现，请核对。"),
    Entry("result.no-rectification-deadline", "缺少整改期限", W,
          "已责令改正，但没有填写整改期限，问题台账无法跟踪。"),
    # -- 委托检测 on a result (addin.core.entrusted) ----------------------------------------------------------
    Entry("result.testing-incomplete", "委托检测信息不全", W,
          "检查方式为“{methods}”，但委托检测信息不全：缺少{missing}。检测报告出具后请补录检测机构、资质证书编号、"
          "报告编号、报告日期和检测结论。"),
    Entry("result.testing-without-method", "有委托检测信息但检查方式不符", W,
          "填写了委托检测信息（{fields}），但检查方式中没有“检验检测”或“委托专业机构辅助”，请核对检查方式。"),
    Entry("result.report-before-inspection", "报告日期早于检查日期", W,
          "报告日期 {report} 早于检查日期 {date}：若采用的是其他机构此前作出的鉴定结论，请在检查方式中注明。"),
    Entry("result.report-in-future", "报告日期晚于今天", W, "报告日期 {report} 晚于今天（{today}），请核对。"),
    Entry("result.testing-contradicts", "检测结论与检查结果矛盾", W,
          "检测结论为“不合格”，但检查结果为“未发现问题”，请核对。"),
    # -- 移送记录 (referrals of ledger problems, addin.core.referrals) -------------------------------------
    Entry("referral.unknown-result", "移送的问题不在检查结果中", E,
          "“检查结果”中没有任务 {task}、对象 {uscc} 的检查结果，这条移送记录无法对应到问题台账。"),
    Entry("referral.date-order", "日期早于移送日期", E, "“{field}” {value} 早于移送日期 {referred}。"),
    Entry("referral.before-inspection", "移送日期早于检查日期", W, "移送日期 {referred} 早于检查日期 {date}，请核对。"),
    Entry("referral.sanction-incomplete", "联合惩戒信息不全", W,
          "移送类型为联合惩戒，须写明惩戒措施和实施部门：缺少{missing}。"),
    Entry("referral.outcome-without-feedback", "有办理结果但无反馈日期", W,
          "填写了办理结果“{outcome}”，但没有反馈日期，无法核对反馈是否及时。"),
)

CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


def entry(code: str) -> Entry:
    """The catalogue entry of ``code``; unknown codes are a programming error."""
    return CATALOGUE[code]


def default_severity(code: str) -> Severity:
    return CATALOGUE[code].severity


def issue(
    code: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    field: str | None = None,
    value: Any = None,
    severity: Severity | None = None,
    **params: Any,
) -> Issue:
    """An :class:`Issue` of a catalogued code, with the code's default severity unless told otherwise."""
    return Issue(code, severity or CATALOGUE[code].severity, sheet, row, column, field, value, dict(params))

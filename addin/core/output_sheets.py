"""Names and columns of the sheets the add-in writes (contract: always new sheets).

One definition for the writers (freeze / draw / publish …) and the readers (results checked against the
draws, statistics, the monthly report). Add columns at the end; never rename one.
"""

from __future__ import annotations

VALIDATION = "校验结果"
LOG = "抽取记录"
DRAW_RESULT = "抽取结果"
ARRANGEMENT = "检查安排"
PUBLICATION = "公示"
LEDGER = "问题台账"
REMINDERS = "时限提醒"
MONTHLY_REPORT = "月报表"
STATISTICS = "统计"

WRITTEN_SHEETS = (
    VALIDATION, LOG, DRAW_RESULT, ARRANGEMENT, PUBLICATION, LEDGER, REMINDERS, MONTHLY_REPORT, STATISTICS,
    "抽取排除", "公示记录", "结果核对", "抽取公示", "抽查任务", "抽中名单", "分类抽取情况", "附件1 部门联合抽查计划",
    "附件2 内部抽查计划", "汇总", "导入说明", "列名对照", "填表说明", "下拉选项", "说明", "加载项设置", "计划汇总",
    "联合抽查建议",
)
"""Every sheet the add-in writes (and their numbered copies): never taken for a user's list by its columns
(:mod:`addin.services.layouts`). A new output sheet is added here."""

# 抽取记录: the hash-chained log, one row per entry (draw-v1 §7).
LOG_COLUMNS = ("序号", "类型", "批次", "时间", "说明", "本条哈希", "上一条哈希", "内容(JSON)")

# 抽取结果: one row per drawn or reserve target per task (internal: holds the credit-risk class).
DRAW_RESULT_COLUMNS = (
    "抽取批次",  # plan_id of the draw (one freeze = one batch)
    "任务编号",
    "抽查任务名称",
    "信用风险分类",
    "名单",  # 抽中 / 备选
    "序位",  # 1-based rank within the stratum
    "统一社会信用代码",
    "单位名称",
    "所属乡镇",
    "检查对象类别",
    "排序键",  # the rank key (hex) — anyone can recompute it
)

# 检查安排: one row per target per visit (进一次门、查多项事); the team is the visit's team.
ARRANGEMENT_COLUMNS = (
    "抽取批次",
    "检查组",  # the visit unit / group id of draw-v1
    "统一社会信用代码",
    "单位名称",
    "所属乡镇",
    "检查对象类别",
    "任务编号",  # the tasks merged into this visit, separated by 、
    "抽查事项",  # item codes, separated by 、
    "检查人员",  # names, separated by 、
    "执法证号",  # separated by 、 in the same order as 检查人员
    "代表部门",  # the department each member represents, same order
    "未满员",  # 是 when a slot stayed unfilled (to be resolved by an amendment)
    "候选与并列",  # per slot: candidates / tied, for the record
)

"""Freeze and draw from the workbook (冻结 / 抽取, issue 5): pure rules from typed rows to draw-v1 inputs and back
to the sheets staff read.

- :mod:`.records` — the workbook's rows as typed values (检查对象, 执法检查人员, 回避关系, 抽查事项, 抽查任务);
- :mod:`.history` — earlier batches: 频次 used, inspections per (target, item) for 同一对象年度抽查上限;
- :mod:`.batch` — which tasks a batch covers and its ``plan_id`` (抽取批次);
- :mod:`.plan_json` — one draw-v1 task per (任务, 部门, 专业领域), rates as exact decimal strings;
- :mod:`.pool` — pool, roster and conflicts with every exclusion and its reason;
- :mod:`.build` — a whole freeze (the canonical file bytes), and what changed between two builds;
- :mod:`.arrangement` — 检查安排 and 抽取结果 rows from a result and its amendments;
- :mod:`.log_rows` — 抽取记录 rows mirroring ``log.jsonl``;
- :mod:`.forms` — 一企一表 (one joint inspection record per visit) as a value;
- :mod:`.public` — the public record of a draw (no credit class, ID number or phone).
"""

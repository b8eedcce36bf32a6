"""Freeze (冻结): pure rules from the workbook's typed rows to the draw-v1 input files of one batch.

- :mod:`.history` — earlier batches: 频次 used, inspections per (target, item) for 同一对象年度抽查上限;
- :mod:`.batch` — which tasks a batch covers and its ``plan_id`` (抽取批次);
- :mod:`.plan_json` — one draw-v1 task per (任务, 部门, 专业领域), rates as exact decimal strings;
- :mod:`.pool` — pool, roster and conflicts with every exclusion and its reason;
- :mod:`.build` — a whole freeze (the canonical file bytes), and what changed between two builds.

The draw itself is :mod:`addin.core.draw` (draw-v1, the public rules). What staff read after it lives beside
the other output rules: :mod:`addin.core.arrangement` (抽取结果, 检查安排), :mod:`addin.core.drawlog`
(抽取记录), :mod:`addin.core.forms` (一企一表), :mod:`addin.core.draw_notice` (抽取公示). The workbook's
typed rows are :mod:`addin.core.records`.
"""

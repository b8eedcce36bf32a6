"""The draw in the workbook (冻结 → 抽取 → 变更/作废 → 抽取公示): the use cases on a workbook and its evidence
folder, shared by the command line and the ribbon.

- :mod:`.book` — the workbook as these steps read and write it (registries, plan, 抽取记录, the evidence root);
- :mod:`.evidence` — the evidence folder (留痕材料): canonical files, ``log.jsonl``, verification;
- :mod:`.freeze` — ``ssj freeze`` / 冻结名录;
- :mod:`.draw` — ``ssj draw`` / 随机抽取: 抽取结果, 检查安排, 一企一表;
- :mod:`.amend` — ``ssj substitute`` / ``replace`` / ``void``;
- :mod:`.notice` — ``ssj publish-draw``: the public record of a batch (抽取公示).

The pure rules are in :mod:`addin.core.freeze` and :mod:`addin.core.draw`.
"""

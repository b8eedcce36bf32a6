"""智慧监管 (risk-based supervision): what the year's and earlier years' results say about risk.

- :mod:`.inspections` — one inspection (检查户次) with the target's category, class and 乡镇, and its verdict:
  问题 (a problem found), 无问题, or 不计入 (nothing to assess: closed, deregistered, no business activity);
- :mod:`.rates` — problem rates per group (检查对象类别 × 信用风险分类, 乡镇, year) with Wilson intervals, computed
  with pandas, and "数据不足" below a minimum count;
- :mod:`.suggest` — suggested rates for next year's plan that keep the year's expected inspections while
  shifting them towards the classes and categories where problems are found;
- :mod:`.alerts` — the 风险预警 rules per business (licence, repeated problems, overdue rectification, C/D
  firms not inspected, never inspected since registration) and per category (problem rate rising).

Everything here is advice for the people who write the plan: the published rates stay theirs.
"""

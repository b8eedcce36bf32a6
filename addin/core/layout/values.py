"""Rewriting an enumeration's other spellings to its standard value (值的改写), each rewrite counted.

Platforms and older registries spell values their own way — 经营状态 "存续（在营、开业、在册）", "在业", "吊销，未注销";
事项类别 "一般检查事项"; 执法人员状态 "有效". The schemas list them as aliases (``x-aliases``) beside the
enumeration; the validation accepts them as they are, and an import writes the standard value and counts every
rewrite (导入说明). A value that is neither a standard value nor an alias is left as it is, for the validation
to report. Multi-value cells (``x-multi``) are rewritten part by part and joined with 、.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from addin.core.schema import FieldSpec, SheetSchema
from addin.core.validation.normalise import EnumMatcher, clean_text, split_multi


class ValueRewriter:
    """Rewrites the enumerated columns of one sheet kind; :attr:`counts` holds (column, from, to) → times."""

    def __init__(self, schema: SheetSchema) -> None:
        self._fields: dict[str, tuple[FieldSpec, EnumMatcher]] = {
            spec.name: (spec, EnumMatcher(spec.enum, spec.aliases)) for spec in schema.fields if spec.enum}
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def rewrite(self, name: str, value: Any) -> Any:
        """``value`` of column ``name`` in its standard spelling (counted when it changes)."""
        entry = self._fields.get(name)
        if entry is None or value is None or not isinstance(value, str):
            return value
        spec, matcher = entry
        if spec.multi:
            parts = split_multi(value)
            standard = [matcher.match(p) or p for p in parts]
            if standard == parts:
                return value
            for part, new in zip(parts, standard, strict=True):
                if new != part:
                    self.counts[(name, part, new)] += 1
            return "、".join(dict.fromkeys(standard))
        text = clean_text(value)
        standard_value = matcher.match(text)
        if standard_value is None or standard_value == text:
            return value
        self.counts[(name, text, standard_value)] += 1
        return standard_value


def rewrites(rewriters: Mapping[str, ValueRewriter]) -> list[tuple[str, str, str, str, int]]:
    """(kind, column, from, to, times) for every rewrite made, in a stable order."""
    return sorted((kind, name, old, new, times) for kind, r in rewriters.items()
                  for (name, old, new), times in r.counts.items())

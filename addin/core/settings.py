"""设置 (settings): the unit's details and the working parameters (see :mod:`addin.core.validation.settings`).

The implementation lives in the validation package, which reads the 设置 sheet through its schema; this
module is its public name (importing it first, before :mod:`addin.core.validation`, is fine).
"""

from addin.core.validation.settings import (
    ATTRIBUTES,
    Settings,
    defaults,
    month_day,
    parse_settings,
    settings_from,
)

__all__ = ["ATTRIBUTES", "Settings", "defaults", "month_day", "parse_settings", "settings_from"]

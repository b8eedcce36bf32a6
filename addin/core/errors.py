"""Unusable input raises :class:`AddinError`; bad *data* never raises, it becomes an ``Issue``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class AddinError(Exception):
    """An input the add-in cannot work with at all (not a workbook, encrypted, a missing required sheet …).

    ``code`` is stable and namespaced (``file.not-a-workbook``); ``message`` is the Chinese text a user sees.
    """

    def __init__(self, code: str, message: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.params: dict[str, Any] = dict(params or {})

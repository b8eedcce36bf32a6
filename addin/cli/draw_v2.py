"""``ssj draw-v2 DIR`` — run draw-v2 (``docs/draw-v2.md``) on the canonical files in DIR (see :mod:`.draw_v1`)."""

from __future__ import annotations

from typing import Any

from addin.cli.draw_v1 import register_spec


def register(subparsers: Any) -> None:
    register_spec(subparsers, "draw-v2")

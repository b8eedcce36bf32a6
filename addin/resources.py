"""Files the project ships beside its code: ``schemas/`` and ``workbooks/``.

In a checkout (and an editable install) they are the repository's folders; in an installed wheel they are
copied into the package as ``addin/_schemas`` and ``addin/_workbooks`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = {"schemas": "_schemas", "workbooks": "_workbooks"}


def shipped(folder: str, *parts: str) -> Path:
    """``shipped("workbooks", "examples", "x.xlsx")``: the installed copy if there is one, else the checkout's."""
    installed = _PACKAGE / _INSTALLED[folder]
    base = installed if installed.is_dir() else _PACKAGE.parent / folder
    return base.joinpath(*parts)

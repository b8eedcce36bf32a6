"""What a ribbon handler receives and returns, and the inputs every button takes from the workbook.

A button has no dialog: what the command line takes as flags comes from the workbook itself — the draw date is
today, the randomness from the 设置 items 随机源 / 随机源取值, files (evidence, 一企一表, 月报表) go beside the
workbook file. A missing input is an :class:`AddinError` with a Chinese message (the runner shows it, exit 2)
raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.core.errors import AddinError
from addin.core.settings import Settings
from addin.ports import WorkbookPort
from addin.services.post_book import read_settings

EXIT_OK, EXIT_ISSUES = 0, 1
MAX_MESSAGE = 1000  # a VBA MsgBox shows at most 1024 characters


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler gets: the workbook (``None`` for handlers that need none), today, the log file of
    this run, a way to open a file for the user (``os.startfile`` on Windows; ``None`` elsewhere), the
    workbook's file (``None`` when it was never saved) and the time recorded in 抽取记录 (default: today 00:00)."""

    book: WorkbookPort | None
    today: dt.date
    log_path: Path | None = None
    open_file: Callable[[Path], None] | None = None
    path: Path | None = None
    now: dt.datetime | None = None

    @property
    def moment(self) -> dt.datetime:
        return self.now if self.now is not None else dt.datetime.combine(self.today, dt.time())

    def workbook(self) -> WorkbookPort:
        if self.book is None:
            raise AddinError("ribbon.no-book", "请先打开要处理的工作簿并点选其中一个工作表，再点击按钮。")
        return self.book

    def saved_file(self, button: str) -> Path:
        """The workbook's file: the button writes files beside it."""
        if self.path is None:
            raise AddinError("ribbon.not-saved",
                             f"请先把工作簿保存到本机的文件夹（Ctrl+S），再点击“{button}”：抽取材料、一企一表、月报表等"
                             "文件保存在工作簿所在的文件夹里。")
        return self.path

    def settings(self) -> Settings:
        return read_settings(self.workbook(), self.today)[0]


@dataclass(frozen=True, slots=True)
class Outcome:
    message: str
    exit_code: int = EXIT_OK


@dataclass(frozen=True, slots=True)
class Handler:
    run: Callable[[Context], Outcome]
    needs_book: bool = True


def required_setting(value: str | None, item: str, why: str) -> str:
    """A 设置 item the button cannot run without."""
    if value is None or not str(value).strip():
        raise AddinError("ribbon.no-setting", f"请先在“设置”工作表填写“{item}”：{why}", {"item": item})
    return str(value).strip()


def listed(values: Sequence[str], limit: int = 6) -> str:
    """``a、b、c 等 9 项`` — a list short enough for a message box."""
    shown = "、".join(values[:limit])
    return shown + (f" 等 {len(values)} 项" if len(values) > limit else "")


def fit(lines: Sequence[str]) -> str:
    """The message, cut to what a message box shows (the sheets hold the details)."""
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"

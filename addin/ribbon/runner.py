"""Run one ribbon button: parse the dispatcher's arguments, log, call the handler, hand back the outcome.

Arguments (as the VBA dispatcher passes them): ``<button-id> [--wb=NAME --from_xl=1 --app=EXCEL --hwnd=N]
[--log=FILE] [--msg=FILE]``. ``--wb/--from_xl/--hwnd`` are read by ``xlwings.Book.caller()`` to find the
workbook. Everything written to stderr during the run (tracebacks included) goes to the ``--log`` file:
``pythonw.exe`` has no console. The message for the user goes to the ``--msg`` file (UTF-16 with BOM, which
the VBA reads without any library), or to stdout when there is none.

Exit codes: 0 done, 1 done and the workbook has errors, 2 the button cannot run (no workbook, an unusable
workbook: the message says why), 3 an unexpected error (the traceback is in the log).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from addin import __version__
from addin.core.errors import AddinError
from addin.ports import WorkbookPort
from addin.ribbon.context import Context, Outcome
from addin.ribbon.handlers import HANDLERS

EXIT_UNUSABLE, EXIT_CRASH = 2, 3
KEEP_LOGS_DAYS = 30


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m addin.ribbon", allow_abbrev=False,
                                     description="功能区按钮的处理程序（由加载项启动）。")
    parser.add_argument("button", help="按钮 id，例如 validate")
    parser.add_argument("--wb", help="工作簿名称（xlwings.Book.caller 使用）")
    parser.add_argument("--from_xl", help="1 = 由 Excel 启动")
    parser.add_argument("--app", help="EXCEL.EXE 的路径")
    parser.add_argument("--hwnd", help="Excel 主窗口句柄")
    parser.add_argument("--log", type=Path, help="日志文件")
    parser.add_argument("--msg", type=Path, help="给用户的消息写入此文件（UTF-16）")
    return parser.parse_args(argv)


def _default_open_book() -> WorkbookPort:
    from addin.adapters.xlwings_book import XlwingsBook

    return XlwingsBook.caller()


def main(
    argv: Sequence[str] | None = None,
    *,
    open_book: Callable[[], WorkbookPort] = _default_open_book,
    today: dt.date | None = None,
    open_file: Callable[[Path], None] | None = getattr(os, "startfile", None),  # noqa: B008
) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:  # argparse has written the usage to stderr
        return EXIT_UNUSABLE if exit_.code else 0
    with _stderr_to(args.log) as log:
        started = time.perf_counter()
        print(f"[{dt.datetime.now():%Y-%m-%d %H:%M:%S}] ssj-addin {__version__} button={args.button} "
              f"wb={args.wb!r} python={sys.executable}", file=log)
        clock = dt.datetime.now().replace(microsecond=0)
        now = clock if today is None else dt.datetime.combine(today, clock.time())
        outcome = run_button(args, open_book, now, open_file)
        print(f"exit {outcome.exit_code} after {time.perf_counter() - started:.1f}s: {outcome.message}", file=log)
        deliver(outcome.message, args.msg)
    return outcome.exit_code


def run_button(args: argparse.Namespace, open_book: Callable[[], WorkbookPort], now: dt.datetime,
               open_file: Callable[[Path], None] | None) -> Outcome:
    handler = HANDLERS.get(args.button)
    if handler is None:
        return Outcome(f"未知的按钮“{args.button}”：加载项与已安装的 ssj-addin 版本不一致，请重新安装加载项。",
                       EXIT_UNUSABLE)
    try:
        book = None
        if handler.needs_book:
            if not args.wb or args.from_xl != "1":
                return Outcome("请先打开要处理的工作簿并点选其中一个工作表，再点击按钮。", EXIT_UNUSABLE)
            book = open_book()
        return handler.run(Context(book, now.date(), args.log, open_file, book_file(book), now))
    except AddinError as err:
        print(f"AddinError {err.code}: {err.message}", file=sys.stderr)
        return Outcome(err.message, EXIT_UNUSABLE)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return Outcome("运行出错（程序内部错误），详细信息已写入日志。请把日志文件发给信息科。", EXIT_CRASH)


def book_file(book: WorkbookPort | None) -> Path | None:
    """The workbook's file when the adapter knows it (``XlwingsBook.path``: ``None`` for a workbook never
    saved; ``OpenpyxlBook.path``); the memory adapter has none."""
    path = getattr(book, "path", None)
    return path if isinstance(path, Path) else None


def deliver(message: str, path: Path | None) -> None:
    """The message for the user: a UTF-16 file the VBA shows, or stdout (absent under pythonw)."""
    if path is not None:
        path.write_bytes(b"\xff\xfe" + message.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-16-le"))
    elif sys.stdout is not None:
        print(message)


@contextlib.contextmanager
def _stderr_to(log_path: Path | None) -> Iterator[TextIO]:
    """Send stderr to the log file for the run (and prune logs older than :data:`KEEP_LOGS_DAYS`)."""
    if log_path is None:
        yield sys.stderr if sys.stderr is not None else io.StringIO()  # pythonw without --log: nowhere to go
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    prune_logs(log_path.parent, time.time())
    saved = sys.stderr
    with log_path.open("a", encoding="utf-8") as log:
        sys.stderr = log
        try:
            yield log
        finally:
            sys.stderr = saved


def prune_logs(folder: Path, now: float, keep_days: int = KEEP_LOGS_DAYS) -> list[Path]:
    """Delete ``*.log`` / ``*.msg`` files of this folder older than ``keep_days``; returns what was deleted."""
    removed = []
    for path in folder.iterdir():
        if path.suffix in (".log", ".msg") and path.is_file() and now - path.stat().st_mtime > keep_days * 86400:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed

"""Use case: validate many workbooks (a city or a province collects hundreds) in worker processes.

Each file is validated in a worker process with a per-file time limit and an address-space limit
(``RLIMIT_AS``), so that a hostile or broken file — a sheet so large that reading it aborts the reader, a file
that makes the reader loop — becomes that file's ``unreadable`` status with a Chinese reason, and every other
file is still validated. A worker that dies or runs out of time is replaced. Results come back as each file
is done (for a progress bar) and are returned in the order of the paths given.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from addin.adapters.listing import shown
from addin.core.catalogue import issue
from addin.services.validate import UNREADABLE, FileReport, validate_path

MiB = 1024**2


def default_jobs() -> int:
    return os.cpu_count() or 1


def default_memory_limit(jobs: int) -> int:
    """Address space a file may take in its worker: 4 GiB, or this machine's memory shared among the workers
    (at least 1 GiB)."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # Windows: no sysconf (and no RLIMIT_AS either)
        return 4096 * MiB
    return max(1024 * MiB, min(4096 * MiB, physical // max(jobs, 1)))


@dataclass(frozen=True, slots=True)
class Limits:
    """Per file: ``timeout`` seconds of wall-clock time; ``memory`` bytes of address space the worker may add to
    what it holds when it starts (a forked worker starts with its parent's; None: no limit)."""

    timeout: float = 600.0
    memory: int | None = None


def validate_files(paths: Sequence[Path], *, today: dt.date, jobs: int, limits: Limits,
                   on_done: Callable[[FileReport], None] | None = None) -> list[FileReport]:
    """Validate ``paths`` in ``jobs`` worker processes; ``on_done`` is called as each file is finished."""
    if not paths:
        return []
    pool = _Pool(min(jobs, len(paths)), today, limits)
    try:
        return pool.run(paths, on_done)
    finally:
        pool.close()


class _Worker:
    """One worker process and what it is doing: (index, path, deadline) or None."""

    def __init__(self, context: BaseContext, today: dt.date, memory: int | None) -> None:
        parent, child = context.Pipe()
        self.conn: Connection = parent
        self.process: BaseProcess = context.Process(target=_work, args=(child, today, memory), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        child.close()
        self.task: tuple[int, Path, float] | None = None

    def give(self, index: int, path: Path, timeout: float) -> None:
        self.task = (index, path, time.monotonic() + timeout)
        self.conn.send(str(path))

    def stop(self, *, kill: bool = False) -> None:
        if self.process.is_alive():
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except OSError:
                    self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, size: int, today: dt.date, limits: Limits) -> None:
        self.context = _context()
        self.today = today
        self.limits = limits
        self.workers = [_Worker(self.context, today, limits.memory) for _ in range(size)]

    def run(self, paths: Sequence[Path], on_done: Callable[[FileReport], None] | None) -> list[FileReport]:
        results: dict[int, FileReport] = {}
        queue = deque(enumerate(paths))

        def finish(index: int, report: FileReport) -> None:
            results[index] = report
            if on_done is not None:
                on_done(report)

        def feed(worker: _Worker) -> None:
            if queue:
                index, path = queue.popleft()
                worker.give(index, path, self.limits.timeout)

        for worker in self.workers:
            feed(worker)
        while len(results) < len(paths):
            busy = [w for w in self.workers if w.task is not None]
            now = time.monotonic()
            wake = max(0.0, min(w.task[2] for w in busy if w.task) - now)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wake))
            for slot, worker in enumerate(self.workers):
                if worker.task is None:
                    continue
                index, path, deadline = worker.task
                if worker.conn in ready:
                    try:
                        report: FileReport | None = worker.conn.recv()
                    except (EOFError, OSError):
                        report = None
                    if report is not None:
                        worker.task = None
                        finish(index, report)
                        feed(worker)
                        continue
                if worker.process.sentinel in ready or worker.conn in ready:
                    finish(index, _crashed(path, worker.process.exitcode, self.limits))
                elif time.monotonic() >= deadline:
                    finish(index, _timed_out(path, self.limits))
                else:
                    continue
                worker.stop(kill=True)  # dead, or stuck: a fresh worker takes its place
                self.workers[slot] = _Worker(self.context, self.today, self.limits.memory)
                feed(self.workers[slot])
        return [results[i] for i in range(len(paths))]

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()


def _context() -> BaseContext:
    # fork is fast and inherits the loaded modules; elsewhere (Windows, macOS) spawn is the safe default
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _work(conn: Connection, today: dt.date, memory: int | None) -> None:
    """The worker's loop: a path in, a FileReport out, until None."""
    _silence_stderr()  # a reader that aborts prints its panic there; the report says it in Chinese instead
    if memory is not None:
        _limit_memory(memory)
    while True:
        try:
            text = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if text is None:
            return
        path = Path(text)
        try:
            report = validate_path(path, today=today)
        except MemoryError:
            conn.send(_unreadable(path, "file.out-of-memory",
                                  f"校验该文件所需内存超过了限制（{_mib(memory)}），工作表可能过大。"))
            return  # the heap may be in pieces: let a fresh worker go on
        except Exception as err:  # a defect must not stop the batch: the file is reported, the run goes on
            conn.send(_unreadable(path, "file.crashed", f"校验该文件时出现内部错误：{type(err).__name__}: {err}"))
            continue
        conn.send(report)


def _silence_stderr() -> None:
    faulthandler.disable()  # an inherited fault handler would print the abort's traceback
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    limit += _address_space()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """What this process holds already (its virtual size), so that the limit is the file's own share."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _mib(memory: int | None) -> str:
    return "不限" if memory is None else f"{memory // MiB} MB"


def _unreadable(path: Path, code: str, reason: str) -> FileReport:
    return FileReport(shown(path), UNREADABLE, (issue(code, reason=reason),))


def _crashed(path: Path, exitcode: int | None, limits: Limits) -> FileReport:
    return _unreadable(path, "file.crashed",
                       f"读取该文件时校验进程异常退出（退出码 {exitcode}）：工作表可能过大（内存限制 {_mib(limits.memory)}）"
                       "或文件已损坏。其他文件不受影响。")


def _timed_out(path: Path, limits: Limits) -> FileReport:
    return _unreadable(path, "file.timeout",
                       f"校验该文件超过了 {limits.timeout:g} 秒的时限，已停止（文件可能过大或已损坏）。其他文件不受影响。")

"""A draw step as one transaction (一次完成或可续做): freeze, draw, substitute, replace and void, interrupted at
any moment — killed, disk full, an output locked by Excel — leave either nothing done or the step recorded in
the evidence folder and finishable by running the same command (or ribbon button) again, never a second draw.

The commit point of every step is the write of ``log.jsonl`` (atomic: the whole new log or the old one):

1. **Evidence files first** (:func:`commit`) — the frozen inputs, or ``randomness.json`` and ``result.json`` —
   then the log. A failure before the log is written leaves the step not done (the files written are removed;
   after a kill they stay, unaccounted for by the log, and ``ssj verify`` says so until a rerun replaces them).
   After the commit the evidence is complete; a rerun checks it (:func:`complete_evidence`).
2. **Outputs** — the 一企一表 workbook, then the ``--out`` copy whose 抽取记录 mirrors the log. The copy comes
   last: a copy that records the log's latest entry means the step is complete (:func:`records_entry`).

A rerun recognises its own step by the entries at the end of the log that the input workbook does not mirror
(:func:`unmirrored`): the draw by its randomness values, an amendment by recomputing it from the log before
those entries. A failure after the commit is reported as ``draw.outputs-pending``, saying that the step is
recorded and that running the same command again writes the missing outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from addin.adapters.calamine_book import CalamineBook
from addin.adapters.files import TEMPORARY_PREFIX, atomic_write
from addin.core import output_sheets as out
from addin.core.display import shown
from addin.core.draw import entry_hash
from addin.core.errors import AddinError
from addin.services.draw.evidence import write_log
from addin.services.post_book import copies


def unmirrored(log: Sequence[Mapping[str, Any]], mirrored: set[str]) -> int:
    """How many entries at the end of ``log`` the workbook's 抽取记录 does not hold (hashes ``mirrored``)."""
    count = 0
    for entry in reversed(log):
        if entry_hash(dict(entry)) in mirrored:
            break
        count += 1
    return count


def clean_temporary(folder: Path) -> None:
    """Remove the temporary files that a killed atomic write left in the evidence folder (never evidence)."""
    for path in folder.glob(TEMPORARY_PREFIX + "*"):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def commit(folder: Path, files: Mapping[str, bytes], log: Sequence[dict[str, Any]], step: str) -> None:
    """Write the evidence ``files`` (replacing any left uncommitted by an interrupted run), then ``log.jsonl`` —
    the commit. A failure before the log is written removes the files again and is reported as
    ``draw.not-committed``: the step was not done. After the commit the files are checked once more (another
    run may have replaced them meanwhile) and written again when they differ."""
    clean_temporary(folder)
    written: list[Path] = []
    try:
        for name, data in files.items():
            written.append(atomic_write(folder / name, _bytes(data)))
        write_log(folder, log)
    except (AddinError, OSError) as err:
        for path in written:
            path.unlink(missing_ok=True)
        reason = err.message if isinstance(err, AddinError) else f"{type(err).__name__}: {err}"
        raise AddinError("draw.not-committed", f"{step}没有完成，也没有记入抽取材料（视为未{step}）：{shown(reason)}。"
                         "处理后（如腾出磁盘空间）可再次运行同一命令。", {"path": str(folder)}) from err
    for name, data in files.items():
        if (folder / name).read_bytes() != data:
            atomic_write(folder / name, _bytes(data))


def complete_evidence(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each derived evidence file that is missing; one present with other bytes is refused (it was changed
    after it was written). Returns the files written."""
    clean_temporary(folder)
    written = []
    for name, data in files.items():
        path = folder / name
        if path.exists():
            if path.is_file() and path.read_bytes() == data:
                continue
            raise AddinError("draw.evidence-broken", f"抽取材料中的 {name} 与日志记录不符（{folder}）：文件在写入后被改动过，"
                             "不能继续。请运行 ssj verify 查看。", {"path": str(path)})
        written.append(atomic_write(path, _bytes(data)))
    return written


def _bytes(data: bytes) -> Callable[[Path], object]:
    return lambda tmp: tmp.write_bytes(data)


def records_entry(path: Path, wanted: str) -> bool:
    """True when ``path`` is a workbook whose 抽取记录 holds the entry of hash ``wanted`` (本条哈希): the output
    of a step that was completed."""
    if not path.is_file():
        return False
    try:
        book = CalamineBook.read(path)
    except AddinError:
        return False
    try:
        for sheet in copies(book, out.LOG):
            table = book.read_table(sheet)
            if any(str(row.get("本条哈希") or "").strip() == wanted for _n, row in table.records()):
                return True
    except AddinError:
        return False
    finally:
        book.close()
    return False


def write_outputs(step: str, head: str, outputs: Sequence[tuple[Path, Callable[[], object]]]) -> list[Path]:
    """Write the outputs of a step already recorded in the log; a failure (a file locked by Excel, a full disk)
    becomes ``draw.outputs-pending``: the step is recorded, the same command again writes what is missing."""
    written = []
    for path, write in outputs:
        try:
            write()
        except (AddinError, OSError) as err:
            reason = err.message if isinstance(err, AddinError) else f"{type(err).__name__}: {err}"
            raise AddinError(
                "draw.outputs-pending",
                f"{step}已完成并记入抽取材料（日志最新哈希 {head}），但输出文件 {path.name} 未能写入：{shown(reason)}。"
                "请关闭在 Excel 中打开的文件、腾出磁盘空间后，再次运行同一命令（或再点同一按钮）："
                "将根据抽取材料补写输出，不会重新抽取。", {"path": str(path), "head": head}) from err
        written.append(path)
    return written

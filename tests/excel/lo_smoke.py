"""Run a macro of a workbook's VBA project in LibreOffice (headless) and print the cells it wrote, as JSON.

Runs under a Python that has LibreOffice's ``uno`` module (Debian: ``/usr/bin/python3`` with python3-uno),
not under the test interpreter. Usage: ``lo_smoke.py SOFFICE PROFILE_DIR WORKBOOK MACRO RANGE TIMEOUT``.
The profile is a throwaway one made by the test, with macro security set to low.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main() -> int:
    soffice, profile, workbook, macro, cells, timeout = sys.argv[1:7]
    deadline = time.monotonic() + float(timeout)
    pipe = f"ssj-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or office.poll() is not None:
                    raise
                time.sleep(0.3)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        args = (prop("Hidden", True), prop("MacroExecutionMode", 4))  # ALWAYS_EXECUTE_NO_WARN
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(workbook)), "_blank", 0, args)
        libraries = list(doc.BasicLibraries.getElementNames())
        result: dict[str, object] = {"libraries": libraries}
        for lib in libraries:
            if doc.BasicLibraries.hasByName(lib):
                doc.BasicLibraries.loadLibrary(lib)
                result[f"modules:{lib}"] = list(doc.BasicLibraries.getByName(lib).getElementNames())
        result["cells"] = None
        script = doc.getScriptProvider().getScript(
            f"vnd.sun.star.script:{macro}?language=Basic&location=document"
        )
        script.invoke((), (), ())
        sheet = doc.Sheets.getByIndex(0)
        block = sheet.getCellRangeByName(cells)
        result["cells"] = [list(row) for row in block.getDataArray()]
        doc.close(True)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    finally:
        with contextlib.suppress(Exception):  # not connected, or the bridge dropped as the office exited
            desktop.terminate()
        try:
            office.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGKILL)  # the group of the office this script started
            office.wait()


if __name__ == "__main__":
    raise SystemExit(main())

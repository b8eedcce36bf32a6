"""``ssj addin build --out FILE.xlam [--python PATH]`` · ``ssj addin install`` · ``ssj addin uninstall`` ·
``ssj addin wheelhouse DIR``

- ``build`` makes the Excel add-in from the text sources (works on any OS; ``.xlsm`` gives a macro workbook
  with the same VBA project, for checks).
- ``install`` (Windows) writes the add-in into the user's XLSTART folder (a trusted location: its macros run)
  and records this Python as the one its buttons run; ``uninstall`` removes it.
- ``wheelhouse`` prepares an offline installation bundle for Windows PCs (needs internet while it runs).

Exit codes: 0 done, 2 wrong usage or a step that cannot be done (message on stderr).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.cli import EXIT_OK, EXIT_UNUSABLE, add_force
from addin.excel import build, install, wheelhouse


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "addin", help="Excel 加载项：生成、安装、离线安装包",
        description="Excel 加载项（功能区“双随机”选项卡）：build 生成 .xlam；install 在 Windows 上为当前用户安装；"
        "uninstall 卸载；wheelhouse 准备离线安装包。",
    )
    sub = parser.add_subparsers(dest="addin_command", metavar="子命令", required=True)
    p_build = sub.add_parser("build", help="从源代码生成加载项文件（任何系统）",
                             description="从 addin/excel 中的源代码生成加载项。输出 .xlam（加载项）或 .xlsm（同一 VBA 工程，供检查）。")
    p_build.add_argument("--out", type=Path, required=True, metavar="文件.xlam", help="输出文件")
    p_build.add_argument("--python", metavar="路径",
                         help=r"写入加载项设置的 pythonw.exe 完整路径，如 C:\ssj\venv\Scripts\pythonw.exe")
    add_force(p_build)
    p_build.set_defaults(func=run_build)

    p_install = sub.add_parser("install", help="为当前 Windows 用户安装加载项",
                               description="把加载项写入 Excel 的启动文件夹 %APPDATA%\\Microsoft\\Excel\\XLSTART"
                               "（Excel 默认的受信任位置，加载项的宏可以运行；Excel 启动时自动打开），"
                               "删除旧版本留下的 AddIns 副本和 OPENn 登记，并把当前 Python 记入 "
                               "%APPDATA%\\ssj-addin\\settings.ini。请先关闭 Excel。")
    p_install.add_argument("--office-version", default="16.0", metavar="版本号",
                           help="Office 版本号（2016/2019/2021/365 都是 16.0）")
    p_install.set_defaults(func=run_install)

    p_uninstall = sub.add_parser("uninstall", help="为当前 Windows 用户卸载加载项",
                                 description="从 XLSTART 删除加载项（以及旧版本的 AddIns 副本和 OPENn 登记）；"
                                 "用户的 settings.ini 保留。请先关闭 Excel。")
    p_uninstall.add_argument("--office-version", default="16.0", metavar="版本号",
                             help="Office 版本号（2016/2019/2021/365 都是 16.0）")
    p_uninstall.set_defaults(func=run_uninstall)

    p_wheels = sub.add_parser("wheelhouse", help="准备 Windows 离线安装包（需要联网）",
                              description="下载 win_amd64 / CPython 的全部安装文件（含 pywin32）并写出 install.cmd 和说明。")
    p_wheels.add_argument("dir", type=Path, metavar="文件夹", help="安装包文件夹")
    p_wheels.add_argument("--python-version", default="3.11", metavar="版本号", help="目标电脑的 Python 版本")
    p_wheels.add_argument("--platform", default="win_amd64", metavar="平台", help="目标平台（默认 win_amd64）")
    p_wheels.add_argument("--source", type=Path, metavar="文件夹", help="ssj-addin 源代码目录（默认：当前检出）")
    p_wheels.set_defaults(func=run_wheelhouse)


def run_build(args: Any) -> int:
    refuse_existing({"--out": args.out}, force=args.force)
    out = build.write(args.out, python=args.python)
    print(f"已生成加载项：{out}")
    return EXIT_OK


def _windows_appdata(platform: str, appdata: Path | None, command: str) -> Path | None:
    """%APPDATA% on Windows; None (after a Chinese message on stderr) elsewhere or when it is not set."""
    if platform != "win32":
        print(f"错误：ssj addin {command} 只能在 Windows 上运行（加载项安装在当前用户的 Excel 中）。"
              "在其他系统上可以用 ssj addin build --out ssj-addin.xlam 生成加载项文件。", file=sys.stderr)
        return None
    folder = appdata or Path(os.environ.get("APPDATA", ""))
    if not str(folder) or not folder.is_absolute():
        print("错误：环境变量 APPDATA 未设置，无法确定 Excel 的启动文件夹。", file=sys.stderr)
        return None
    return folder


def run_install(args: Any, *, platform: str = sys.platform, registry: install.Registry | None = None,
                appdata: Path | None = None) -> int:
    folder = _windows_appdata(platform, appdata, "install")
    if folder is None:
        return EXIT_UNUSABLE
    python = install.pythonw_for(Path(sys.executable))
    done = install.install(build.build("xlam"), appdata=folder,
                           registry=registry or install.WindowsRegistry(args.office_version), python=python)
    removed = f"；已删除旧版本的登记 {'、'.join(done.removed_values)}" if done.removed_values else ""
    print(f"加载项：{done.addin}\n"
          f"Excel 启动时自动打开（启动文件夹 XLSTART，默认的受信任位置，宏可以运行）{removed}\n"
          f"按钮运行的 Python：{done.python}（记录在 {done.settings}）\n"
          "请重新启动 Excel；功能区会出现“双随机”选项卡。")
    return EXIT_OK


def run_uninstall(args: Any, *, platform: str = sys.platform, registry: install.Registry | None = None,
                  appdata: Path | None = None) -> int:
    folder = _windows_appdata(platform, appdata, "uninstall")
    if folder is None:
        return EXIT_UNUSABLE
    done = install.uninstall(appdata=folder, registry=registry or install.WindowsRegistry(args.office_version))
    for path in done.removed_files:
        print(f"已删除：{path}")
    for name in done.removed_values:
        print(f"已删除注册表值：{name}")
    if not done.removed_files and not done.removed_values:
        print("没有找到已安装的加载项。")
    print("重新启动 Excel 后“双随机”选项卡不再出现。Python 环境（%LOCALAPPDATA%\\ssj-addin）和设置"
          "（%APPDATA%\\ssj-addin）保留，不再需要时可以删除。")
    return EXIT_OK


def run_wheelhouse(args: Any, *, run: wheelhouse.Runner | None = None) -> int:
    source = wheelhouse.source_folder(args.source)
    bundle = wheelhouse.prepare(args.dir, source=source, python_version=args.python_version,
                                platform=args.platform, run=run or subprocess.call)
    print(f"离线安装包：{bundle.folder}")
    for path in bundle.files:
        print(f"  {path.name}")
    print("把整个文件夹复制到目标电脑，运行 install.cmd（说明见 README.txt）。")
    return EXIT_OK

"""The ribbon definition (``customUI14.xml``): read its buttons, and produce the part the add-in ships.

The XML in the repository declares the 双随机 tab with all its groups; a group gets its buttons as the
services behind them land. :func:`built_xml` leaves out groups that have no button yet, so Excel never
shows an empty group. Every button must call the one dispatcher :data:`DISPATCHER` (the VBA procedure
that passes the button id to ``python -m addin.ribbon``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NS = "http://schemas.microsoft.com/office/2009/07/customui"
DISPATCHER = "SsjOnAction"
SOURCE = Path(__file__).with_name("customUI14.xml")
_ID = re.compile(r"[a-z][a-z0-9_]{0,31}")
_CONTROLS = {"button", "toggleButton", "checkBox", "splitButton", "menu", "gallery", "comboBox",
             "dropDown", "editBox", "labelControl", "separator", "box", "buttonGroup", "dynamicMenu"}


@dataclass(frozen=True, slots=True)
class Button:
    id: str
    label: str
    group: str
    screentip: str
    supertip: str
    image: str
    on_action: str


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def read_source(path: Path = SOURCE) -> str:
    return path.read_text(encoding="utf-8")


def buttons(xml: str | None = None) -> list[Button]:
    """Every button of the tab, in ribbon order, with its group's label."""
    root = ET.fromstring(read_source() if xml is None else xml)
    found: list[Button] = []
    for group in root.iter(_q("group")):
        for el in group.iter(_q("button")):
            found.append(
                Button(
                    id=el.get("id", ""),
                    label=el.get("label", ""),
                    group=group.get("label", ""),
                    screentip=el.get("screentip", ""),
                    supertip=el.get("supertip", ""),
                    image=el.get("imageMso", ""),
                    on_action=el.get("onAction", ""),
                )
            )
    return found


def problems(xml: str | None = None) -> list[str]:
    """What is wrong with the ribbon definition (empty when it is fit to ship)."""
    found = []
    seen: set[str] = set()
    for b in buttons(xml):
        if not _ID.fullmatch(b.id):
            found.append(f"button id {b.id!r} is not [a-z][a-z0-9_]* (the dispatcher only passes such ids)")
        if b.id in seen:
            found.append(f"button id {b.id!r} appears twice")
        seen.add(b.id)
        if b.on_action != DISPATCHER:
            found.append(f"button {b.id!r} calls {b.on_action!r}, not the dispatcher {DISPATCHER}")
        for name, value in (("label", b.label), ("screentip", b.screentip), ("supertip", b.supertip),
                            ("imageMso", b.image)):
            if not value:
                found.append(f"button {b.id!r} has no {name}")
    return found


def built_xml(xml: str | None = None) -> bytes:
    """The customUI part as shipped: the source without comments and without groups that are empty."""
    ET.register_namespace("", NS)
    root = ET.fromstring(read_source() if xml is None else xml)
    for tab in root.iter(_q("tab")):
        for group in list(tab.findall(_q("group"))):
            if not any(child.tag.removeprefix(f"{{{NS}}}") in _CONTROLS for child in group):
                tab.remove(group)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)

"""Grammars for Oracle VM Server for SPARC's ``ldm list-netdev`` and ``ldm list -o network``.

ldm prints a domain's listing under headings: a ``DOMAIN`` (list-netdev) or ``NAME``
(list) line followed by the domain's name, ``MAC`` followed by its address, then sections such
as ``NETWORK``; domains are separated by a row of dashes. Pasted output often lacks the
headings (the Oracle blog's does), so the domain then comes from the command's operand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from ..commands import Invocation
from ..records import NetDevice, Record, VirtualNetwork
from ._base import Context, Grammar
from ._cells import LINK_STATE, MAC, NAME, SPEED, WORD, column
from ._table import Cell, Event, Layout, Shape, TableGrammar

__all__ = ["LIST_NETDEV", "LIST_NETWORK"]


def _headings(*names: str) -> re.Pattern[str]:
    return re.compile(r"[ \t]*(?:" + "|".join(names) + r")[ \t]*$")


# --- ldm list-netdev -------------------------------------------------------------------------

_NETDEV_COLUMNS = (
    column("NAME", "name", NAME, "a datalink name", generic=True),
    column("CLASS", "class", r"[A-Z][A-Z0-9_]*", "a device class such as VNET or PHYS"),
    column("MEDIA", "media", r"[A-Z][A-Z0-9_]*|--", "a media such as ETHER"),
    column("STATE", "state", LINK_STATE, "a link state (up, down, unknown)"),
    column("SPEED", "speed", SPEED, "a speed such as 1G or 1000"),
    column("OVER", "over", WORD, "the device it is over (vnet0, net1,net3 or --)", generic=True),
    column("LOC", "loc", WORD, "a location (primary-vsw0/vnet6, /SYS/..., or --)", generic=True),
)
_DOMAIN_NAME = column("DOMAIN", "domain", NAME, "a domain name", generic=True)
_NETDEV_HEADING = _headings("DOMAIN")


def _netdev_heading(line: str) -> Optional[str]:
    return "heading" if _NETDEV_HEADING.match(line) else None


def _assemble_netdev(events: Sequence[Event], context: Context) -> list[Record]:
    out: list[Record] = []
    domain = context.domain
    expect_domain = False
    for event in events:
        if event.kind == "heading":
            expect_domain = True
            continue
        if event.kind == "domain":
            if not expect_domain:
                raise context.error(event, "a domain name must follow a DOMAIN heading")
            domain = event.cells["domain"]
            expect_domain = False
            continue
        if expect_domain:
            raise context.error(event, "expected the domain name under the DOMAIN heading")
        if event.kind != "device":
            continue
        cells = event.cells
        loc = cells["loc"]
        vswitch = vnet = None
        if cells["class"] == "VNET" and loc and "/" in loc and not loc.startswith("/"):
            vswitch, vnet = loc.split("/", 1)
        out.append(
            NetDevice(
                domain=domain,
                name=cells["name"] or "",
                class_=cells["class"],
                media=cells["media"],
                state=cells["state"],
                speed=cells["speed"],
                speed_raw=cells["speed"],
                over=cells["over"],
                loc=loc,
                vswitch=vswitch,
                vnet=vnet,
                line=event.line,
            )
        )
    return out


def _accepts_netdev(invocation: Invocation) -> bool:
    return not invocation.flags and not invocation.options


LIST_NETDEV = Grammar(
    key="ldm list-netdev",
    program="ldm",
    subcommand="list-netdev",
    table=TableGrammar(
        "ldm list-netdev",
        [
            Layout(
                "3.x",
                [c.name for c in _NETDEV_COLUMNS],
                [
                    Shape("device", [Cell(c) for c in _NETDEV_COLUMNS]),
                    Shape("domain", [Cell(_DOMAIN_NAME)], evidence=False),
                ],
            )
        ],
        extra_lines=_netdev_heading,
    ),
    assemble=_assemble_netdev,
    accepts=_accepts_netdev,
    summary="network devices of domains: NAME CLASS MEDIA STATE SPEED OVER LOC",
    domain_operand=True,
)

# --- ldm list -o network (3.x block layout) -------------------------------------------------

_PAIR = r"[A-Z][A-Z0-9-]*[ \t]*:(?:(?![A-Z][A-Z0-9-]*[ \t]*:)\S+)?"
_PAIRS = column(
    "KEY :value", "pairs", rf"{_PAIR}(?:[ \t]+{_PAIR})*", "KEY :value pairs such as MTU :1500"
)
_PAIR_RE = re.compile(r"([A-Z][A-Z0-9-]*)[ \t]*:((?:(?![A-Z][A-Z0-9-]*[ \t]*:)\S+)?)")
_VNET_COLUMNS = (
    column("NAME", "name", NAME, "a vnet name", generic=True),
    column("SERVICE", "service", r"[^\s@]+@[^\s@]+|--", "a service such as primary-vsw0@primary"),
    column("MACADDRESS", "mac", MAC, "a MAC address"),
    column(
        "PVID|PVLAN|VIDs",
        "vlans",
        r"[^\s|]*\|[^\s|]*\|[^\s|]*",
        "PVID|PVLAN|VIDs such as 1|--|--",
    ),
)
_SECTION_HEADINGS = _headings("NAME", "MAC", "NETWORK")
_UNSUPPORTED_SECTIONS = _headings(
    "VSW",
    "VDS",
    "VCC",
    "VDISK",
    "VCONS",
    "CORE",
    "VCPU",
    "MEMORY",
    "IO",
    "VARIABLES",
    "UUID",
    "CONTROL",
    "DEPENDENCY",
    "CONSTRAINT",
    "RESOURCE",
    "HOSTID",
    "DOMAIN",
)
_HEADING_VALUE = column("value", "value", r"\S+", "a domain name or MAC address", generic=True)

_PAIR_FIELDS = {
    "DEVICE": "device",
    "ID": "id",
    "LINKPROP": "linkprop",
    "MTU": "mtu",
    "MAXBW": "maxbw",
    "MODE": "mode",
    "CUSTOM": "custom",
    "MAX-CUSTOM-MACS": "max_custom_macs",
    "MAX-CUSTOM-VLANS": "max_custom_vlans",
}


def _network_heading(line: str) -> Optional[str]:
    if _SECTION_HEADINGS.match(line):
        return "heading"
    if _UNSUPPORTED_SECTIONS.match(line):
        return "unsupported-section"
    return None


def _assemble_network(events: Sequence[Event], context: Context) -> list[Record]:
    out: list[Record] = []
    domain = context.domain
    heading: Optional[str] = None
    vnet: Optional[Event] = None
    fields: dict[str, object] = {}
    extra: dict[str, Optional[str]] = {}
    lines: dict[str, int] = {}

    def close() -> None:
        if vnet is None:
            return
        cells = vnet.cells
        service = cells["service"]
        switch, _, service_domain = (service or "").partition("@")
        pvid, pvlan, vids = (cells["vlans"] or "||").split("|")
        out.append(
            VirtualNetwork(
                domain=domain,
                name=cells["name"] or "",
                service=switch or None,
                service_domain=service_domain or None,
                mac=cells["mac"],
                pvid=pvid,
                pvlan=pvlan,
                vids=vids,
                extra=extra,
                field_lines=lines,
                line=vnet.line,
                **fields,  # type: ignore[arg-type]
            )
        )

    for event in events:
        if event.kind == "unsupported-section":
            raise context.error(
                event,
                f"the {event.cells['text']} section is not read by this grammar "
                "(run ldm list -o network for network devices only)",
            )
        if event.kind == "heading":
            close()
            vnet = None
            heading = event.cells["text"]
            continue
        if event.kind == "value":
            if heading == "NAME":
                domain = event.cells["value"]
            elif heading == "MAC":
                if not re.fullmatch(MAC, event.cells["value"] or ""):
                    raise context.error(event, "expected the domain's MAC address")
            else:
                raise context.error(event, "expected a vnet row or KEY :value pairs")
            heading = None
            continue
        if event.kind == "vnet":
            close()
            vnet, fields, extra, lines = event, {}, {}, {}
            continue
        if event.kind == "pairs":
            if vnet is None:
                raise context.error(event, "KEY :value pairs must follow their vnet's row")
            for match in _PAIR_RE.finditer(event.cells["pairs"] or ""):
                key, value = match.group(1), match.group(2)
                name = _PAIR_FIELDS.get(key)
                column = _normalise(event.text).find(match.group(0))
                if key in lines or key in extra or (name and name in fields):
                    raise context.error(event, f"{key} is given twice for this vnet", column)
                if name is None:
                    extra[key] = value or None
                    lines[key] = event.line
                else:
                    try:
                        _check_pair(name, value)
                    except ValueError as exc:
                        raise context.error(event, str(exc), column) from None
                    fields[name] = value or None
                    lines[name] = event.line
    close()
    return out


def _normalise(text: str) -> str:
    return text.replace("\u00a0", " ")


def _check_pair(name: str, value: str) -> None:
    numeric = name in ("id", "mtu", "max_custom_macs", "max_custom_vlans")
    if numeric and value not in ("", "--") and not value.isdigit():
        raise ValueError(f"expected a number for {name.upper().replace('_', '-')}, got {value!r}")


def _accepts_network(invocation: Invocation) -> bool:
    formats = invocation.option("o")
    if formats is None or invocation.flags:
        return False
    return all(part in ("network", "net") for part in formats.split(","))


LIST_NETWORK = Grammar(
    key="ldm list -o network",
    program="ldm",
    subcommand="list",
    table=TableGrammar(
        "ldm list -o network",
        [
            Layout(
                "3.6",
                [c.name for c in _VNET_COLUMNS],
                [
                    Shape("vnet", [Cell(c) for c in _VNET_COLUMNS]),
                    Shape("pairs", [Cell(_PAIRS)]),
                    Shape("value", [Cell(_HEADING_VALUE)], evidence=False),
                ],
            )
        ],
        extra_lines=_network_heading,
    ),
    assemble=_assemble_network,
    accepts=_accepts_network,
    summary="virtual network devices: NAME SERVICE MACADDRESS PVID|PVLAN|VIDs + KEY :value lines",
    domain_operand=True,
)

"""Grammar for Oracle VM Server for SPARC's ``ldm list-netdev``: the network devices of each
domain, under a ``DOMAIN`` heading followed by the domain's name (the heading is often missing
from pasted output; the domain then comes from the command's operand).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from .._shared import table
from ..commands import Invocation
from ..records import NetDevice, Record, speed_mbps, text_or_none
from ._base import Context, Grammar, only_rows, unexpected
from ._cells import LINK_STATE, NAME, SPEED, WORD, column
from ._rows import unchecked
from ._sections import headings
from ._table import Cell, Item, Layout, RowKind, Shape, TableGrammar
from .ldm_network import share_name

__all__ = ["LIST_NETDEV"]


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
_NETDEV_HEADING = headings("DOMAIN")


def _netdev_heading(line: str) -> Optional[RowKind]:
    return "heading" if _NETDEV_HEADING.match(line) else None


# LOC, with the virtual switch and vnet it names when it is ``<vswitch>/<vnet>``
# (``primary-vsw0/vnet6``), by LOC: one look-up gives a row the three strings it shares with
# the rows before it. Names, OVER and LOC repeat from domain to domain (net0, vnet0,
# primary-vsw0/vnet0): rows share one string per value (``ldm_network.share_name``).
Location = tuple[str, Optional[str], Optional[str]]
_locations: dict[str, Location] = table()


def _location(loc: str) -> Location:
    if len(_locations) >= 4096:
        _locations.clear()
    found: Location = (loc, None, None)
    if "/" in loc and not loc.startswith("/"):
        vswitch, vnet = loc.split("/", 1)
        found = (loc, share_name(vswitch), share_name(vnet))
    _locations[loc] = found
    return found


# Rows are built from the cells as the records' converters would leave them (tests hold the
# records equal to the public constructor's): the constructor cost a row a fifth of its reading.
_new_netdev = unchecked(NetDevice)


def _assemble_netdev(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    append = out.append
    # A domain's name is in the records of every command about it: one string for all of them.
    domain = text_or_none(context.domain)
    domain = None if domain is None else share_name(domain)
    expect_domain = False
    for event in only_rows(events):
        if event.kind == "heading":
            expect_domain = True
            continue
        if event.kind == "domain":
            if not expect_domain:
                raise context.error(event, "a domain name must follow a DOMAIN heading")
            domain = event.cells["domain"]
            domain = None if domain is None else share_name(domain)
            expect_domain = False
            continue
        if expect_domain:
            raise context.error(event, "expected the domain name under the DOMAIN heading")
        if event.kind != "device":
            if event.kind == "header":
                continue
            unexpected(event)
        # Cells are words (no blanks); "--" is no value.
        cells = event.cells
        class_ = cells["class"]
        loc = cells["loc"]
        vswitch = vnet = None
        if loc is None or loc == "--":
            loc = None
        else:
            found = _locations.get(loc)
            loc, vswitch, vnet = _location(loc) if found is None else found
            if class_ != "VNET":
                vswitch = vnet = None
        name = cells["name"]
        over = cells["over"]
        media = cells["media"]
        state = cells["state"]
        speed = cells["speed"]
        if speed == "--":
            speed = None
        append(
            _new_netdev(
                domain,
                "" if name is None else share_name(name),
                class_,
                None if media == "--" else media,
                None if state == "--" else state,
                speed_mbps(speed),
                speed,
                None if over is None or over == "--" else share_name(over),
                loc,
                vswitch,
                vnet,
                event.line,
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


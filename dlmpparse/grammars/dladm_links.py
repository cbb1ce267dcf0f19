"""Grammars for ``dladm show-link`` (and bare ``dladm``), ``dladm show-etherstub`` and
``dladm show-vnic``: what each datalink is and what it is over.

The no-etherstub rule needs these: a virtual switch's net-dev that is an Ethernet stub shows
as class ``etherstub`` in show-link, or in show-etherstub's list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from ..records import Etherstub, Link, Record, Vnic
from ._base import Context, Grammar, only_flags, only_rows, records_of, unexpected
from ._cells import LINK_STATE, MAC, NAME, SPEED, column
from ._table import Cell, Column, Item, Layout, Row, RowKind, Shape, TableGrammar, share

__all__ = ["DLADM", "GRAMMARS", "LONE_NAME", "SHOW_ETHERSTUB", "SHOW_LINK", "SHOW_VNIC"]

# --- dladm show-link -----------------------------------------------------------------------

_LINK = column("LINK", "link", NAME, "a datalink name", generic=True)
_CLASS = column(
    "CLASS",
    "class",
    r"phys|aggr|vlan|vnic|etherstub|simnet|bridge|iptun|ipmp|part|vxlan|overlay|vni|--",
    "a link class such as phys, aggr, vnic or etherstub",
)
_MTU = column("MTU", "mtu", r"\d+|--", "an MTU such as 1500")
_STATE = column("STATE", "state", LINK_STATE, "a link state (up, down, unknown)")
_BRIDGE = column("BRIDGE", "bridge", NAME + r"|--", "a bridge name or --", generic=True)
# OVER: "--", one link, a space-separated list (11.0-11.2) or a comma list (11.3+), which
# libofmt's wrap mode may continue on the next row (ending the row with a comma).
# Written as names with separators between them (a comma, a comma and blanks, or blanks) rather
# than comma lists inside a blank-separated list: the same lines, but a repeat nested in a
# repeat made the engine's cost grow with the square of a long list (0.4 ms at 10k, 39 ms at
# 100k characters, behind a row's other groups); this form grows linearly.
_OVER_LIST = r"--|[^\s,]+(?:(?:,[ \t]*|[ \t]+)[^\s,]+)*,?"
_OVER = column("OVER", "over", _OVER_LIST, "the links it is over, or --", generic=True)
# A row holding one word is read only as a datalink name: a continued OVER list, an etherstub.
# dladm accepts a name that does not start with a digit, ends with one and holds letters,
# digits, "_" and "." (libdladm's dladm_valid_linkname); the system's own VNIC names add "-"
# (ldoms-vsw0.vport0) and a zone prefix adds "/". A lone word such as "exit" or "done" after
# the table is then not taken for a row.
LONE_NAME = r"[A-Za-z_.][\w./-]*\d"
_OVER_CONTINUED = column(
    "OVER",
    "over",
    rf"{LONE_NAME}(?:,{LONE_NAME})*,?",
    "the rest of a wrapped OVER list (datalink names ending in a digit)",
)


def _assemble_links(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    # The row read last and its OVER so far: a wrapped list continues on the rows below it,
    # so a link's record is made when the next link's row (or the end) comes, never after
    # every row of a large table has been held.
    pending: Optional[tuple[Row, list[str]]] = None
    for event in only_rows(events):
        if event.kind in ("link", "link-11.0"):
            if pending is not None:
                out.append(_link(*pending))
            pending = (event, [event.cells["over"] or ""])
        elif event.kind == "over-continued":
            if pending is None or not pending[1][-1].endswith(","):
                raise context.error(event, "a lone OVER value must continue a list ending in ','")
            pending[1].append(event.cells["over"] or "")
        elif event.kind != "header":
            unexpected(event)
    if pending is not None:
        out.append(_link(*pending))
    return out


def _link(event: Row, over: list[str]) -> Link:
    cells = event.cells
    return Link(
        link=cells["link"] or "",
        class_=cells["class"],
        mtu=cells["mtu"],
        state=cells["state"],
        bridge=cells.get("bridge"),
        over=over[0] if len(over) == 1 else share("".join(over)),
        line=event.line,
    )


_LINK_11 = (_LINK, _CLASS, _MTU, _STATE, _OVER)
_LINK_11_0 = (_LINK, _CLASS, _MTU, _STATE, _BRIDGE, _OVER)
_LINK_TABLE = TableGrammar(
    "dladm show-link",
    [
        Layout(
            "11.1",
            [c.name for c in _LINK_11],
            [
                Shape("link", [Cell(c) for c in _LINK_11]),
                Shape("over-continued", [Cell(_OVER_CONTINUED)], evidence=False),
            ],
        ),
        Layout(
            "11.0",
            [c.name for c in _LINK_11_0],
            [
                Shape("link-11.0", [Cell(c) for c in _LINK_11_0]),
                Shape("over-continued", [Cell(_OVER_CONTINUED)], evidence=False),
            ],
        ),
    ],
    header_required=True,
)

SHOW_LINK = Grammar(
    key="dladm show-link",
    program="dladm",
    subcommand="show-link",
    table=_LINK_TABLE,
    assemble=_assemble_links,
    accepts=only_flags(),
    summary="datalinks: LINK CLASS MTU STATE OVER (11.0: ... BRIDGE OVER)",
)
# Bare "dladm" prints show-link's table (Solaris 11.3, 11.4).
DLADM = Grammar(
    key="dladm",
    program="dladm",
    subcommand=None,
    table=_LINK_TABLE,
    assemble=_assemble_links,
    accepts=only_flags(),
    summary="bare dladm: the same table as dladm show-link",
)

# --- dladm show-etherstub -------------------------------------------------------------------


_STUB = column(
    "LINK", "link", LONE_NAME, "an etherstub name (a datalink name ends with a digit)", generic=True
)


def _assemble_stubs(items: Iterable[Item], context: Context) -> list[Record]:
    return records_of(items, Etherstub)


SHOW_ETHERSTUB = Grammar(
    key="dladm show-etherstub",
    program="dladm",
    subcommand="show-etherstub",
    table=TableGrammar(
        "dladm show-etherstub",
        [
            Layout(
                "11", ["LINK"], [Shape("stub", [Cell(_STUB)], evidence=False, record=Etherstub)]
            )
        ],
        header_required=True,
    ),
    assemble=_assemble_stubs,
    accepts=only_flags(),
    summary="Ethernet stubs: LINK",
)

# --- dladm show-vnic ------------------------------------------------------------------------

_VNIC_OVER = column("OVER", "over", NAME + r"|--", "the link it is over", generic=True)
_VNIC_SPEED = column("SPEED", "speed", SPEED, "a speed such as 1000")
_MACADDRESS = column("MACADDRESS", "macaddress", MAC, "a MAC address")
_MACADDRTYPE = column(
    "MACADDRTYPE",
    "macaddrtype",
    r"random|factory|fixed|auto|vrrp|primary|--",
    "a MAC address type (random, factory, fixed)",
)
def _without_vid(value: str) -> str:
    """11.3 prints IDS as ``VID:0,415``: the IDs are what follows ``VID:``."""
    return value[len("VID:") :] if value.startswith("VID:") else value


_IDS = column(
    "IDS",
    "vids",
    r"(?:VID:)?[\d,]+|--",
    "VLAN IDs such as VID:0 or VID:0,415",
    prepare=_without_vid,
)
_VIDS = column("VIDS", "vids", r"[\d,]+|--", "VLAN IDs such as 123")
_VID = column("VID", "vids", r"\d+|--", "a VLAN ID")


def _assemble_vnics(items: Iterable[Item], context: Context) -> list[Record]:
    return records_of(items, Vnic)


def _vnic_layout(name: str, kind: RowKind, last: Column) -> Layout:
    cols = (_LINK, _VNIC_OVER, _VNIC_SPEED, _MACADDRESS, _MACADDRTYPE, last)
    return Layout(name, [c.name for c in cols], [Shape(kind, [Cell(c) for c in cols], record=Vnic)])


SHOW_VNIC = Grammar(
    key="dladm show-vnic",
    program="dladm",
    subcommand="show-vnic",
    table=TableGrammar(
        "dladm show-vnic",
        [
            _vnic_layout("11.3", "vnic-11.3", _IDS),
            _vnic_layout("11.2", "vnic-11.2", _VIDS),
            _vnic_layout("11.0", "vnic-11.0", _VID),
        ],
        header_required=True,
    ),
    assemble=_assemble_vnics,
    accepts=only_flags(),
    summary="VNICs: LINK OVER SPEED MACADDRESS MACADDRTYPE IDS (11.2: VIDS)",
)

GRAMMARS: tuple[Grammar, ...] = (SHOW_LINK, DLADM, SHOW_ETHERSTUB, SHOW_VNIC)

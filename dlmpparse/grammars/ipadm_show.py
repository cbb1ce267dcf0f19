"""Grammars for ``ipadm show-if`` and ``ipadm show-addr``: the same records as ``ipadm``.

``show-if``: ``IFNAME CLASS STATE ACTIVE OVER`` (CLASS ip, ipmp, vni, loopback; STATE ok,
offline, failed, down, disabled; ACTIVE yes/no; OVER the interfaces an IPMP interface is over,
space-separated, else ``--``). ``show-addr``: ``ADDROBJ TYPE STATE ADDR`` (TYPE static, dhcp,
addrconf; tunnels print ``local->remote``; ``if/?`` names an address an application configured
without libipadm). Sources: Oracle Solaris 11.2-11.4 "Obtaining Information About IP
Interfaces" (gkjbr) and "Monitoring IP addresses" (gmagp); FORMATS.md section 7.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import IpAddress, IpInterface, Record
from ._base import Context, Grammar, only_flags, rows_of
from ._cells import column
from ._table import Cell, Item, Layout, Shape, TableGrammar, share
from .ipadm import ADDRESS, IP_NAME, STATE_WORD

__all__ = ["GRAMMARS", "SHOW_ADDR", "SHOW_IF"]

_IF_COLUMNS = (
    column("IFNAME", "name", IP_NAME, "an interface name", generic=True),
    column("CLASS", "class", r"ip|ipmp|vni|loopback|ipvni|--", "a class (ip, ipmp, vni, loopback)"),
    column("STATE", "state", STATE_WORD, "a state such as ok, down or failed"),
    column("ACTIVE", "active", r"yes|no|--", "yes or no"),
    column(
        "OVER", "over", r"--|\S+(?:[ \t]+\S+)*", "the interfaces it is over, or --", generic=True
    ),
)


def _assemble_if(events: Iterable[Item], context: Context) -> list[Record]:
    return [
        IpInterface(
            name=e.cells["name"] or "",
            class_=e.cells["class"],
            state=e.cells["state"],
            active=e.cells["active"],
            over=e.cells["over"],
            persistent=e.cells.get("persistent"),
            line=e.line,
        )
        for e in rows_of(events, "interface")
    ]


SHOW_IF = Grammar(
    key="ipadm show-if",
    program="ipadm",
    subcommand="show-if",
    table=TableGrammar(
        "ipadm show-if",
        [
            Layout(
                "11",
                [c.name for c in _IF_COLUMNS],
                [Shape("interface", [Cell(c) for c in _IF_COLUMNS])],
            )
        ],
        header_required=True,
    ),
    assemble=_assemble_if,
    accepts=only_flags(),
    summary="IP interfaces: IFNAME CLASS STATE ACTIVE OVER",
    parseable_columns=(
        column("PERSISTENT", "persistent", r"[-46a-z]+", "persistent flags such as 46--"),
    ),
)

_ADDR_COLUMNS = (
    column(
        "ADDROBJ",
        "addrobj",
        r"[A-Za-z0-9][\w.-]*/[\w?.-]+",
        "an address object (if/name)",
        generic=True,
    ),
    column(
        "TYPE",
        "type",
        r"static|dhcp|addrconf|from-gz|inherited|vrrp|--",
        "a type (static, dhcp, addrconf)",
    ),
    column("STATE", "state", STATE_WORD, "a state such as ok, tentative or duplicate"),
    column("ADDR", "addr", ADDRESS, "an address such as 192.0.2.1/24"),
)


def _assemble_addr(events: Iterable[Item], context: Context) -> list[Record]:
    return [
        IpAddress(
            addrobj=e.cells["addrobj"] or "",
            interface=share((e.cells["addrobj"] or "").split("/", 1)[0]),
            type=e.cells["type"],
            state=e.cells["state"],
            addr=e.cells.get("addr"),
            line=e.line,
        )
        for e in rows_of(events, "address")
    ]


SHOW_ADDR = Grammar(
    key="ipadm show-addr",
    program="ipadm",
    subcommand="show-addr",
    table=TableGrammar(
        "ipadm show-addr",
        [
            Layout(
                "11",
                [c.name for c in _ADDR_COLUMNS],
                [
                    # libofmt prints "--" for an empty ADDR; a row whose ADDR is blank (trimmed
                    # when pasted) is read too. Two shapes rather than an optional cell, so
                    # that a bad address is reported as a bad ADDR, not as text after STATE.
                    Shape("address", [Cell(c) for c in _ADDR_COLUMNS]),
                    Shape("address", [Cell(c) for c in _ADDR_COLUMNS[:3]]),
                ],
            )
        ],
        header_required=True,
    ),
    assemble=_assemble_addr,
    accepts=only_flags(),
    summary="IP addresses: ADDROBJ TYPE STATE ADDR",
)

GRAMMARS: tuple[Grammar, ...] = (SHOW_IF, SHOW_ADDR)

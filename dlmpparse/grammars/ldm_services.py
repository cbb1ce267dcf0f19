"""More ldm listings that name virtual switches and vnets: ``ldm list-services``,
``ldm list -l`` and ``ldm list-bindings``.

All three are sectioned listings read by ``_sections.SectionedTable``: the VSW and NETWORK sections
(one-line tables of LDoms 1.x to Oracle VM Server for SPARC 3.5, or 3.6's blocks of
``KEY :value`` pairs) give ``VirtualSwitch`` and ``VirtualNetwork`` records; every other
section is consumed under its known heading (VCC, VDS, VCPU, MEMORY, CONTROL, VARIABLES, ...,
and the PEER and CLIENT sub-tables of list-bindings) and gives no record. A heading this
version does not know (LDoms 1.x's DISK, a later release's PCIE) over an indented table is
consumed and reported as an ``UnreadSection``; a line that fits no section is a ParseError.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

from .._text import normalise_line
from ..commands import Invocation
from ..errors import SourceLine
from ._base import Grammar, Streamed
from ._cells import NAME, column
from ._sections import (
    CONSUMED_TABLES,
    KEY_VALUE_SECTIONS,
    NothingReader,
    RowsReader,
    SectionedTable,
    ValueReader,
    consumed_sections,
)
from ._table import Row
from .ldm_network import assemble_listing, network_reader, vsw_reader

__all__ = ["GRAMMARS", "LIST_BINDINGS", "LIST_LONG", "LIST_SERVICES"]


# --- ldm list-services ------------------------------------------------------------------------

# The sections ldm list-services prints besides VSW (VCC, VDS, and in some releases VDPCS and
# others); their tables are consumed, not read. A NAME heading (with the domain's name under
# it) sets the domain of the switches that follow when they have no LDOM column.
_SERVICE_SECTIONS = {
    **consumed_sections(*CONSUMED_TABLES, "NAME"),
    "VSW": vsw_reader(),
}


def _no_options(invocation: Invocation) -> bool:
    return not invocation.flags and not invocation.options


LIST_SERVICES = Grammar(
    key="ldm list-services",
    program="ldm",
    subcommand="list-services",
    table=SectionedTable(
        "ldm list-services",
        start=NothingReader("a section heading such as VCC, VSW or VDS"),
        sections=_SERVICE_SECTIONS,
    ),
    assemble=assemble_listing,
    accepts=_no_options,
    summary="virtual switches of the service domains (the VSW section; VCC, VDS, ... consumed)",
    domain_operand=True,
)


# --- ldm list -l and ldm list-bindings --------------------------------------------------------

# The domain's summary line that starts each domain's listing (as plain ``ldm list`` prints it).
_SUMMARY_COLUMNS = (
    column("NAME", "domain", NAME, "a domain name", generic=True),
    column("STATE", "state", r"[a-z][a-z-]*|--", "a domain state such as active"),
    column("FLAGS", "flags", r"[-a-z]{4,8}", "flags such as -n-cv-"),
    column("CONS", "cons", r"\S+", "a console (UART, SP or a port number)"),
    column("VCPU", "vcpu", r"\d+|--", "a number of virtual CPUs"),
    column("MEMORY", "memory", r"\d+(?:\.\d+)?[KMGT]?|--", "a memory size such as 8G"),
    column("UTIL", "util", r"\d+(?:\.\d+)?%|--?|---", "a utilisation such as 0.6%"),
    column("NORM", "norm", r"\d+(?:\.\d+)?%|--?|---", "a normalised utilisation such as 0.6%"),
    column("UPTIME", "uptime", r"\S+(?: \S+)*", "an uptime such as 2d 3h 15m"),
)
_SUMMARY_HEADERS = (
    "NAME STATE FLAGS CONS VCPU MEMORY UTIL UPTIME",
    "NAME STATE FLAGS CONS VCPU MEMORY UTIL NORM UPTIME",
)


class SummaryReader:
    """What precedes a domain's sections: its summary header and line (the domain's name)."""

    def __init__(self) -> None:
        self.rows = RowsReader([], [("domain", _SUMMARY_COLUMNS)], subtables=())

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> Union[tuple[list[Row], int], Streamed]:
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip():
                continue
            if self.rows.positional_layout(line.split()) is None:
                if lenient:
                    return [], index
                headers = " or ".join(_SUMMARY_HEADERS)
                raise SourceLine(command, first_line + index, raw).error(
                    len(line) - len(line.lstrip()),
                    f"expected the domain's summary header ({headers}) or a section heading",
                )
            break
        return self.rows.read(lines, first_line, lenient=lenient, command=command)


# Sections of a domain's long listing: VSW and NETWORK are read, the rest consumed.
_LONG_SECTIONS = {
    **consumed_sections(*CONSUMED_TABLES, *KEY_VALUE_SECTIONS, "MAC", "HOSTID", "UUID"),
    "SOFTSTATE": ValueReader("SOFTSTATE"),
    "VSW": vsw_reader(),
    "NETWORK": network_reader(),
}


def _long_table(command: str) -> SectionedTable:
    return SectionedTable(command, start=SummaryReader(), sections=_LONG_SECTIONS)


def _only_l(invocation: Invocation) -> bool:
    return invocation.flags == frozenset("l") and not invocation.options


LIST_LONG = Grammar(
    key="ldm list -l",
    program="ldm",
    subcommand="list",
    table=_long_table("ldm list -l"),
    assemble=assemble_listing,
    accepts=_only_l,
    summary="a domain's long listing: its VSW and NETWORK sections (other sections consumed)",
    domain_operand=True,
)

LIST_BINDINGS = Grammar(
    key="ldm list-bindings",
    program="ldm",
    subcommand="list-bindings",
    table=_long_table("ldm list-bindings"),
    assemble=assemble_listing,
    accepts=_no_options,
    summary="a domain's bindings: its VSW and NETWORK sections (PEER, CLIENT and other "
    "sections consumed)",
    domain_operand=True,
)


GRAMMARS: tuple[Grammar, ...] = (LIST_SERVICES, LIST_LONG, LIST_BINDINGS)

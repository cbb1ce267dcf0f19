"""Grammars for ``dladm show-aggr`` (plain, ``-x``, ``-S``/``-nS``): aggregations, their
ports, and their probe status.

Layouts follow Oracle's documentation and real output (see ``docs/commands/`` and
``tests/fixtures/SOURCES.md``); libofmt prints ``--`` for an empty value and pushes the rest of
a row right when a value overflows its column, so rows are split on blanks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

from ..records import (
    Aggregation,
    AggregationDetail,
    AggregationPort,
    ProbeStatus,
    Record,
)
from ._base import Context, Grammar, filled_down, only_flags, records_of, unexpected
from ._cells import DASH, DUPLEX, LINK_STATE, MAC, NAME, SPEED, column
from ._rows import field_setter
from ._table import Cell, Item, Layout, Shape, TableGrammar, share
from .dladm_phys import LINK

__all__ = ["SHOW_AGGR", "SHOW_AGGR_PROBE", "SHOW_AGGR_X"]

# --- dladm show-aggr -----------------------------------------------------------------------

_MODE = column("MODE", "mode", r"trunk|dlmp|--", "an aggregation mode (trunk or dlmp)")
_POLICY = column("POLICY", "policy", r"[Ll][234](?:,[Ll][234])*|--", "a policy such as L4 or --")


def _unescape(value: str) -> str:
    """dladm escapes the colons of a fixed address policy's MAC address (``0\\:14...``)."""
    return re.sub(r"\\(.)", r"\1", value)


_ADDRPOLICY = column(
    "ADDRPOLICY",
    "addrpolicy",
    r"auto|fixed(?:[ \t]*\([0-9A-Fa-f:\\]*\)?)?|--",
    "an address policy (auto or fixed (<mac>))",
    prepare=_unescape,
)
_LACPACTIVITY = column(
    "LACPACTIVITY",
    "lacpactivity",
    r"off|active|passive|on|--",
    "an LACP activity (off, active, passive)",
)
_LACPTIMER = column("LACPTIMER", "lacptimer", r"short|long|--", "an LACP timer (short or long)")
_AGGR_FLAGS = column("FLAGS", "flags", r"[a-z-]{5}", "five flag characters such as -----")

_AGGR_11_1 = (LINK, _MODE, _POLICY, _ADDRPOLICY, _LACPACTIVITY, _LACPTIMER)
_AGGR_11_0 = (LINK, _POLICY, _ADDRPOLICY, _LACPACTIVITY, _LACPTIMER, _AGGR_FLAGS)


def _assemble_aggr(rows: Iterable[Item], context: Context) -> list[Record]:
    return records_of(rows, Aggregation)


SHOW_AGGR = Grammar(
    key="dladm show-aggr",
    program="dladm",
    subcommand="show-aggr",
    table=TableGrammar(
        "dladm show-aggr",
        [
            Layout(
                "11.1",
                [c.name for c in _AGGR_11_1],
                [Shape("aggregation", [Cell(c) for c in _AGGR_11_1], record=Aggregation)],
            ),
            Layout(
                "11.0",
                [c.name for c in _AGGR_11_0],
                [
                    Shape(
                        "aggregation-11.0", [Cell(c) for c in _AGGR_11_0], record=Aggregation
                    )
                ],
            ),
        ],
    ),
    assemble=_assemble_aggr,
    accepts=only_flags(),
    summary="aggregations: LINK MODE POLICY ADDRPOLICY LACPACTIVITY LACPTIMER (11.0: ... FLAGS)",
)

# --- dladm show-aggr -x --------------------------------------------------------------------

_X_SPEED = column("SPEED", "speed", SPEED, "a speed such as 1000Mb")
_X_DUPLEX = column("DUPLEX", "duplex", DUPLEX, "a duplex (full, half, unknown)")
_X_STATE = column("STATE", "state", LINK_STATE, "a state (up, down, unknown)")
_X_ADDRESS = column("ADDRESS", "address", MAC, "a MAC address such as 0:14:4f:f9:cf:47")
_X_PORTSTATE = column(
    "PORTSTATE", "portstate", r"[a-z][a-z-]*|--", "a port state such as attached or standby"
)
_X_NO_PORT = column("PORT", "port", DASH, "-- (an aggregation row has no port)")
_X_PORT = column("PORT", "port", NAME, "a port (datalink) name", generic=True)
_X_NO_LINK = column("LINK", "link", DASH, "-- or a blank LINK column")
_X_TAIL = (_X_SPEED, _X_DUPLEX, _X_STATE, _X_ADDRESS, _X_PORTSTATE)


_set_ports = field_setter(AggregationDetail, "ports")


def _assemble_x(items: Iterable[Item], context: Context) -> list[Record]:
    """Each aggregation's record with the port rows printed under it."""
    out: list[Record] = []
    head: Optional[Record] = None
    ports: list[Record] = []
    add = ports.append
    for item in items:
        if type(item) is AggregationPort:
            if head is None:
                raise context.error(item, "a port row must follow its aggregation's row")
            add(item)
        elif type(item) is AggregationDetail:
            if head is not None:
                _set_ports(head, tuple(ports))
            head = item
            out.append(item)
            ports = []
            add = ports.append
        else:
            unexpected(item)
    if head is not None:
        _set_ports(head, tuple(ports))
    return out


_X_HEADER = ["LINK", "PORT", *(c.name for c in _X_TAIL)]
SHOW_AGGR_X = Grammar(
    key="dladm show-aggr -x",
    program="dladm",
    subcommand="show-aggr",
    table=TableGrammar(
        "dladm show-aggr -x",
        [
            Layout(
                "11",
                _X_HEADER,
                [
                    Shape(
                        "aggregation",
                        [Cell(LINK), Cell(_X_NO_PORT), *(Cell(c) for c in _X_TAIL)],
                        record=AggregationDetail,
                    ),
                    # dladm prints a blank LINK on port rows (a space, so libofmt does not
                    # turn it into "--"); accept "--" there too.
                    Shape(
                        "port", [Cell(_X_PORT), *(Cell(c) for c in _X_TAIL)], record=AggregationPort
                    ),
                    Shape(
                        "port",
                        [Cell(_X_NO_LINK), Cell(_X_PORT), *(Cell(c) for c in _X_TAIL)],
                        record=AggregationPort,
                    ),
                ],
            )
        ],
    ),
    assemble=_assemble_x,
    accepts=only_flags("x", required="x"),
    # In parseable form the aggregation's row has an empty PORT and port rows repeat LINK.
    parseable_kind=lambda cells: "port" if cells.get("port") else "aggregation",
    summary="aggregations and their ports: LINK PORT SPEED DUPLEX STATE ADDRESS PORTSTATE",
)

# --- dladm show-aggr -S / -nS (probe status) -----------------------------------------------

_S_FLAGS = column("FLAGS", "flags", r"[A-Za-z0-9-]{2,8}", "probe flags such as u--3")
_S_STATE = column("STATE", "state", r"[a-z][a-z-]*|--", "a probe state such as active")
# TARGETS and XTARGETS are read together: XTARGETS may list several ports separated by
# blanks, and the seed's output leaves one of the two blank (see _split_targets).
_S_TARGETS = column(
    "TARGETS", "targets", r"\S+(?:[ \t]+\S+)*", "probe targets (IP addresses, ports or --)"
)
_S_PORT = column("PORT", "port", NAME, "a port (datalink) name", generic=True)
_S_CONTINUED = column("LINK", "link", DASH, "-- (a further port of the aggregation above)")

_IP = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?:/\d+)?|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:/\d+)?")


def _split_targets(words: list[str]) -> tuple[list[str], list[str]]:
    """Split the words after STATE into TARGETS and XTARGETS.

    Real output prints ``--`` for an empty cell, but the Oracle blog's listing of
    ``dladm show-aggr -nS`` has rows with one of the two cells blank (``aggr0 net0 u--3
    active net1``). TARGETS are IP addresses (or ``--``), XTARGETS are ports of the
    aggregation, so the values decide: leading IP addresses or one leading ``--`` are
    TARGETS, the rest XTARGETS.
    """
    targets: list[str] = []
    index = 0
    while index < len(words) and _IP.fullmatch(words[index].rstrip(",")):
        targets.append(words[index].rstrip(","))
        index += 1
    if not targets and words and words[0] == "--":
        index = 1
    return targets, words[index:]


def _assemble_probe(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    why = "a row with -- in LINK must follow its aggregation's row"
    for event, link in filled_down(events, "probe", "probe-continued", context, why):
        cells = event.cells
        if "xtargets" in cells:
            # Parseable form: TARGETS and XTARGETS are fields of their own.
            targets = (cells.get("targets") or "").split()
            xtargets = (cells.get("xtargets") or "").split()
        else:
            targets, xtargets = _split_targets((cells.get("targets") or "").split())
        out.append(
            ProbeStatus(
                link=link,
                port=cells["port"] or "",
                flags=cells["flags"],
                state=cells["state"],
                targets=[share(t) for t in targets if t != "--"],
                xtargets=[share(x) for x in xtargets if x != "--"],
                line=event.line,
            )
        )
    return out


_S_TAIL = (Cell(_S_PORT), Cell(_S_FLAGS), Cell(_S_STATE), Cell(_S_TARGETS, optional=True))
SHOW_AGGR_PROBE = Grammar(
    key="dladm show-aggr -S",
    program="dladm",
    subcommand="show-aggr",
    table=TableGrammar(
        "dladm show-aggr -S",
        [
            Layout(
                "11.3",
                ["LINK", "PORT", "FLAGS", "STATE", "TARGETS", "XTARGETS"],
                [
                    Shape("probe-continued", [Cell(_S_CONTINUED), *_S_TAIL]),
                    Shape("probe", [Cell(LINK), *_S_TAIL]),
                ],
            )
        ],
    ),
    assemble=_assemble_probe,
    accepts=only_flags("nS", required="nS"),
    parseable_kind=lambda cells: (
        "probe" if cells.get("link") not in (None, "--") else "probe-continued"
    ),
    parseable_columns=(
        column("XTARGETS", "xtargets", r"\S+(?:[ \t]+\S+)*", "ports reached by transitive probes"),
    ),
    summary="probe status of DLMP ports: LINK PORT FLAGS STATE TARGETS XTARGETS",
)

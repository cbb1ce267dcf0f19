"""Grammars for who a domain is: ``uname -n``, ``hostname``, ``virtinfo -a`` and the short
``ldm list``.

A domain has two names: the Solaris node name (what prompts, ``uname -n`` and ``hostname``
print) and the LDom name (what ``ldm`` listings and ``virtinfo -a``'s ``Domain name:`` print).
They are often different (node ``dbprod``, LDom ``ldg6``). ``virtinfo -a``, run in a domain,
prints both that domain's LDom name and its role (``Domain role: LDoms control I/O service
root``; ``control`` and ``guest`` exclude each other), the node name of its control domain and
the chassis serial number (one per physical server). ``ldm list`` (the control domain's short
listing) prints one row per domain with positional FLAGS (``-n-cv-``: the fourth letter ``c``
marks the control domain, the fifth ``v`` a virtual I/O service domain).
Sources: the virtinfo(1M) man page (Oracle VM Server for SPARC 2.0 reference and Solaris 10
1/13 man pages) and the Logical Domains 1.2 / Oracle VM Server for SPARC 3.x administration
guides ("Listing Domain Resources"); fixtures cited in tests/fixtures/SOURCES-identity.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

from ..commands import Invocation
from ..records import Domain, NodeName, Record, VirtualizationInfo
from ._base import Assembler, Context, Grammar, rows_of
from ._cells import column
from ._table import Cell, Item, Layout, Row, Shape, TableGrammar

__all__ = ["GRAMMARS", "HOSTNAME", "LDM_LIST", "UNAME_N", "VIRTINFO_A"]

# A host name: RFC 1123 labels (Solaris node names are at most 256 characters; no blanks).
_NODE = column("nodename", "node", r"[A-Za-z0-9][A-Za-z0-9_.-]*", "a host name such as ldg6")


def _one_line(key: str) -> TableGrammar:
    return TableGrammar(key, [Layout(key, [], [Shape("node", [Cell(_NODE)])])])


def _assemble_node(source: str) -> Assembler:
    def assemble(events: Iterable[Item], context: Context) -> list[Record]:
        out: list[Record] = []
        for event in rows_of(events, "node"):
            if out:
                raise context.error(event, f"{source} prints one line")
            out.append(NodeName(node=event.cells["node"] or "", source=source, line=event.line))
        return out

    return assemble


def _uname_n(invocation: Invocation) -> bool:
    return not invocation.options and not invocation.operands and invocation.flags == {"n"}


def _bare(invocation: Invocation) -> bool:
    # ``hostname NAME`` sets the name and prints nothing; only the bare command prints it.
    return not invocation.flags and not invocation.options and not invocation.operands


UNAME_N = Grammar(
    key="uname -n",
    program="uname",
    subcommand=None,
    table=_one_line("uname -n"),
    assemble=_assemble_node("uname -n"),
    accepts=_uname_n,
    summary="the Solaris node name from uname -n",
)

HOSTNAME = Grammar(
    key="hostname",
    program="hostname",
    subcommand=None,
    table=_one_line("hostname"),
    assemble=_assemble_node("hostname"),
    accepts=_bare,
    summary="the Solaris node name from hostname",
)

# --- virtinfo -a -----------------------------------------------------------------------------

_VIRTINFO_KEYS = ("Domain role", "Domain name", "Domain UUID", "Control domain", "Chassis serial#")
_VIRTINFO_PAIR = column(
    "Key: value",
    "pair",
    "(?:" + "|".join(re.escape(k) for k in _VIRTINFO_KEYS) + r"):[ \t]+\S+(?:[ \t]+\S+)*",
    "a virtinfo line such as Domain role: LDoms guest",
)
_PAIR_RE = "(" + "|".join(re.escape(k) for k in _VIRTINFO_KEYS) + r"):[ \t]+(\S.*)"
_ROLES = frozenset({"control", "guest", "I/O", "service", "root"})


def _assemble_virtinfo(events: Iterable[Item], context: Context) -> list[Record]:
    pairs: dict[str, tuple[str, Row]] = {}
    for event in rows_of(events, "pair"):
        found = re.fullmatch(_PAIR_RE, (event.cells.get("pair") or "").strip())
        if found is None:  # pragma: no cover - the cell pattern is the same
            raise context.error(event, "expected a virtinfo line such as Domain name: ldg6")
        key, value = found.group(1), found.group(2).strip()
        if key in pairs:
            raise context.error(event, f"{key} is given twice: virtinfo -a describes one domain")
        pairs[key] = (value, event)
    if not pairs:
        return []
    first = min(event.line for _, event in pairs.values())
    impl: Optional[str] = None
    roles: tuple[str, ...] = ()
    if "Domain role" in pairs:
        value, event = pairs["Domain role"]
        words = value.split()
        impl = None if words[0] == "Unknown" else words[0]
        roles = tuple(words[1:])
        unknown = [w for w in roles if w not in _ROLES]
        if unknown:
            raise context.error(
                event, f"{unknown[0]} is not a domain role (control, guest, I/O, service, root)"
            )
        if "control" in roles and "guest" in roles:
            raise context.error(event, "a domain is a control domain or a guest, not both")

    def get(key: str) -> Optional[str]:
        # virtinfo prints "Unknown" for a value libv12n could not give.
        value = pairs[key][0] if key in pairs else None
        return None if value == "Unknown" else value

    return [
        VirtualizationInfo(
            impl=impl,
            roles=roles,
            name=get("Domain name"),
            uuid=get("Domain UUID"),
            control_node=get("Control domain"),
            serial=get("Chassis serial#"),
            line=first,
        )
    ]


def _virtinfo_a(invocation: Invocation) -> bool:
    return not invocation.options and not invocation.operands and invocation.flags == {"a"}


VIRTINFO_A = Grammar(
    key="virtinfo -a",
    program="virtinfo",
    subcommand=None,
    table=TableGrammar(
        "virtinfo -a",
        [Layout("virtinfo", [], [Shape("pair", [Cell(_VIRTINFO_PAIR)])])],
    ),
    assemble=_assemble_virtinfo,
    accepts=_virtinfo_a,
    summary="the domain's LDom name, role, control domain and chassis serial from virtinfo -a",
)

# --- ldm list (short) --------------------------------------------------------------------------

_STATES = r"active|bound|inactive|inactive-dc|binding|unbinding|suspending|suspended|resuming"
_DOMAIN = column("NAME", "name", r"[A-Za-z0-9][\w.+-]*", "a domain name", generic=True)
_STATE = column("STATE", "state", _STATES, "a domain state (active, bound, inactive)")
_FLAGS = column("FLAGS", "flags", r"[-a-z]{5,6}", "positional flags such as -n-cv-")
_CONS = column("CONS", "cons", r"UART|SP|\d+|-+", "a console (UART, SP or a port number)")
_VCPU = column("VCPU", "ncpu", r"\d+", "a number of virtual CPUs")
_MEMORY = column("MEMORY", "mem", r"\d+(?:\.\d+)?[KMGT]", "a memory size such as 16G")
_UTIL = column("UTIL", "util", r"\d+(?:\.\d+)?%|-+", "a utilisation such as 0.4%")
_NORM = column("NORM", "norm_util", r"\d+(?:\.\d+)?%|-+", "a normalised utilisation")
_UPTIME = column("UPTIME", "uptime", r"\d+[dhms](?:[ \t]+\d+[dhms])*", "an uptime such as 6d 2h 3m")
_ROW_CELLS = [Cell(_DOMAIN), Cell(_STATE), Cell(_FLAGS), Cell(_CONS, optional=True), Cell(_VCPU)]
_SHORT = ("NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL")
_LDM_LIST_TABLE = TableGrammar(
    "ldm list",
    [
        # Oracle VM Server for SPARC 3.x: a NORM column (normalised utilisation) after UTIL.
        Layout(
            "3.x",
            [*_SHORT, "NORM", "UPTIME"],
            [
                Shape(
                    "domain",
                    [
                        *_ROW_CELLS,
                        Cell(_MEMORY),
                        Cell(_UTIL, optional=True),
                        Cell(_NORM, optional=True),
                        Cell(_UPTIME, optional=True),
                    ],
                )
            ],
        ),
        # LDoms 1.x - 2.x.
        Layout(
            "1.x",
            [*_SHORT, "UPTIME"],
            [
                Shape(
                    "domain",
                    [
                        *_ROW_CELLS,
                        Cell(_MEMORY),
                        Cell(_UTIL, optional=True),
                        Cell(_UPTIME, optional=True),
                    ],
                )
            ],
        ),
    ],
    header_required=True,
)
_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def _bytes(size: Optional[str]) -> Optional[int]:
    if not size:
        return None
    return int(float(size[:-1]) * _UNITS[size[-1]])


def _seconds(uptime: Optional[str]) -> Optional[int]:
    if not uptime:
        return None
    return sum(int(part[:-1]) * _SECONDS[part[-1]] for part in uptime.split())


def _percent(value: Optional[str]) -> Optional[str]:
    if not value or value.startswith("-"):
        return None
    return value.rstrip("%")


def _assemble_ldm_list(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    for event in rows_of(events, "domain"):
        cells = event.cells
        cons = cells.get("cons")
        out.append(
            Domain(
                name=cells["name"] or "",
                state=cells.get("state"),
                flags=cells.get("flags"),
                cons=None if cons is None or cons.startswith("-") else cons,
                ncpu=cells.get("ncpu"),
                mem=_bytes(cells.get("mem")),
                util=_percent(cells.get("util")),
                norm_util=_percent(cells.get("norm_util")),
                uptime=_seconds(cells.get("uptime")),
                line=event.line,
            )
        )
    return out


def _ldm_list(invocation: Invocation) -> bool:
    # Domain operands narrow the listing; any option selects another listing.
    return not invocation.flags and not invocation.options


LDM_LIST = Grammar(
    key="ldm list",
    program="ldm",
    subcommand="list",
    table=_LDM_LIST_TABLE,
    assemble=_assemble_ldm_list,
    accepts=_ldm_list,
    summary="one row per domain: NAME STATE FLAGS CONS VCPU MEMORY UTIL [NORM] UPTIME",
)

GRAMMARS: tuple[Grammar, ...] = (UNAME_N, HOSTNAME, VIRTINFO_A, LDM_LIST)

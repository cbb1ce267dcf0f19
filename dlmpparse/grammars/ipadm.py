"""Grammar for ``ipadm`` without a subcommand: Solaris 11.4's combined interface/address view.

``NAME CLASS/TYPE STATE UNDER ADDR``: interface rows carry a CLASS (``ip``, ``ipmp``,
``loopback``), address-object rows (``aggr0/v4``) a TYPE (``static``, ``dhcp``, ``addrconf``).
Address objects are indented under their interface by a varying amount (0 to 3 blanks across
releases), so a row is an address when its NAME holds a ``/``. Trailing cells may be blank (a
DHCP address not yet bound), and an addrconf object with several addresses prints one row per
address, repeating the object's name.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import IpAddress, IpInterface, Record
from ._base import Context, Grammar, only_flags, only_rows, unexpected
from ._cells import column
from ._table import Cell, Item, Layout, Shape, TableGrammar, share

__all__ = ["ADDRESS", "IPADM", "IP_NAME", "STATE_WORD"]

# Documented values (ipadm(8); 11.2-11.4 guides), so that a stray message line such as
# "ipadm: cannot get address" is not taken for an interface row.
STATE_WORD = (
    r"ok|down|failed|disabled|offline|degraded|duplicate|tentative|inaccessible|unknown|--|\?"
)
_CLASS_OR_TYPE = r"loopback|ip|ipmp|vni|ipvni|static|dhcp|addrconf|from-gz|inherited|vrrp"
IP_NAME = r"[A-Za-z0-9][\w.-]*(?:/[\w?.-]+)?"
ADDRESS = r"[0-9A-Fa-f.:]+(?:/\d+)?(?:-+>[0-9A-Fa-f.:]*(?:/\d+)?)?|--|\?"
_COLUMNS = (
    column("NAME", "name", IP_NAME, "an interface or address object name", generic=True),
    column("CLASS/TYPE", "class", _CLASS_OR_TYPE, "a class (ip, ipmp, loopback) or type"),
    column("STATE", "state", STATE_WORD, "a state such as ok, down or failed"),
    column("UNDER", "under", r"\S+", "the IPMP group it is under, or --", generic=True),
    column("ADDR", "addr", ADDRESS, "an address such as 192.0.2.1/24, or --"),
)


def _assemble(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    for event in only_rows(events):
        cells = event.cells
        if event.kind != "row":
            if event.kind == "header":
                continue
            unexpected(event)
        name = cells["name"] or ""
        if "/" in name:
            interface = share(name.split("/", 1)[0])
            out.append(
                IpAddress(
                    addrobj=name,
                    interface=interface,
                    type=cells["class"],
                    state=cells["state"],
                    addr=cells.get("addr"),
                    line=event.line,
                )
            )
            continue
        if cells.get("addr") not in (None, "--"):
            raise context.error(
                event, "an interface row has no address (address objects are named if/name)"
            )
        out.append(
            IpInterface(
                name=name,
                class_=cells["class"],
                state=cells["state"],
                under=cells.get("under"),
                line=event.line,
            )
        )
    return out


IPADM = Grammar(
    key="ipadm",
    program="ipadm",
    subcommand=None,
    table=TableGrammar(
        "ipadm",
        [
            Layout(
                "11.4",
                [c.name for c in _COLUMNS],
                [
                    Shape(
                        "row",
                        [
                            Cell(_COLUMNS[0]),
                            Cell(_COLUMNS[1]),
                            Cell(_COLUMNS[2]),
                            Cell(_COLUMNS[3], optional=True),
                            Cell(_COLUMNS[4], optional=True),
                        ],
                    ),
                ],
            )
        ],
        header_required=True,
    ),
    assemble=_assemble,
    accepts=only_flags(),
    summary="IP interfaces and addresses: NAME CLASS/TYPE STATE UNDER ADDR",
)

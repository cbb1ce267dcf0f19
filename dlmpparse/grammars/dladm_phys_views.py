"""Grammars for the other views of ``dladm show-phys``: ``-m`` (the MAC address slots of each
physical link) and ``-L`` (where each link's device sits in the machine).

Both print a table of their own instead of show-phys' default one, so each has its own
grammar; ``-p -o FIELDS`` forms come from ``parseable_variant`` like every dladm table. What is
verified, and from which source, is in ``docs/commands/dladm-show-phys-m.md`` and
``dladm-show-phys-L.md`` and in ``tests/fixtures/SOURCES-phys-views.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import PhysicalAddress, PhysicalLocation, Record
from ._base import Context, Grammar, filled_down, only_flags, records_of
from ._cells import DASH, MAC, NAME, column
from ._table import Cell, Column, Item, Layout, Shape, TableGrammar
from .dladm_links import LONE_NAME

__all__ = ["GRAMMARS", "SHOW_PHYS_L", "SHOW_PHYS_M"]

# --- dladm show-phys -m ---------------------------------------------------------------------

_M_LINK = column("LINK", "link", NAME, "a datalink name", generic=True)
_SLOT = column("SLOT", "slot", r"primary|\d+", "a MAC address slot (primary or a number)")
# A row with a blank LINK is a further (factory) slot: dladm prints LINK only on slot 0.
_FACTORY_SLOT = column("SLOT", "slot", r"\d+", "a factory MAC address slot number")
_ADDRESS = column("ADDRESS", "address", MAC, "a MAC address such as 0:14:4f:f8:5:f6")
_INUSE = column("INUSE", "in_use", r"yes|no|--", "yes or no")
# CLIENT is the datalink using the address (a VNIC's name, or the link itself), "--" if none.
_CLIENT = column("CLIENT", "client", r"\S+", "the datalink using the address, or --", generic=True)
_M_NO_LINK = column("LINK", "link", DASH, "-- or a blank LINK column")
_M_TAIL = (Cell(_ADDRESS), Cell(_INUSE), Cell(_CLIENT))


def _assemble_m(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    why = "a slot row without LINK must follow its link's primary row"
    for event, link in filled_down(events, "address", "address-continued", context, why):
        cells = event.cells
        out.append(
            PhysicalAddress(
                link=link,
                slot=cells["slot"],
                address=cells["address"],
                in_use=cells["in_use"],
                client=cells["client"],
                line=event.line,
            )
        )
    return out


SHOW_PHYS_M = Grammar(
    key="dladm show-phys -m",
    program="dladm",
    subcommand="show-phys",
    table=TableGrammar(
        "dladm show-phys -m",
        [
            Layout(
                "11",
                ["LINK", "SLOT", "ADDRESS", "INUSE", "CLIENT"],
                [
                    Shape("address", [Cell(_M_LINK), Cell(_SLOT), *_M_TAIL]),
                    # dladm prints a blank LINK (a space, so libofmt does not turn it into
                    # "--") on every slot but the primary one; accept "--" there too, as
                    # show-aggr -x does for its port rows.
                    Shape("address-continued", [Cell(_FACTORY_SLOT), *_M_TAIL]),
                    Shape("address-continued", [Cell(_M_NO_LINK), Cell(_FACTORY_SLOT), *_M_TAIL]),
                ],
            )
        ],
    ),
    assemble=_assemble_m,
    accepts=only_flags("m", required="m"),
    # In parseable form dladm repeats LINK on every slot's row (illumos dladm.c prints the
    # blank only in human mode), so every row carries its link.
    parseable_kind=lambda cells: "address",
    summary="MAC addresses of physical links: LINK SLOT ADDRESS INUSE CLIENT",
)

# --- dladm show-phys -L ---------------------------------------------------------------------

# Every cell of this table could be a plain word, so the names are held to what dladm prints:
# a datalink name ends with a digit (libdladm's dladm_valid_linkname), a device is a driver
# name and its instance number (e1000g0, ibp1, eoib2, vnet0). A line of prose after the table
# is then not read as a row.
_L_LINK = column(
    "LINK", "link", LONE_NAME, "a datalink name (a datalink name ends with a digit)", generic=True
)
_L_DEVICE = column(
    "DEVICE", "device", r"[A-Za-z][\w.]*\d|--", "a device such as e1000g0 (driver and instance)"
)
# A location is any word (MB, MB/RISER0/PCIE0/PORT1/cloud-nm2gw-2/1A-ETH-2), so a cell that
# fits it is no evidence that a line is a row.
_LOCATION_PATTERN = r"[\w./][\w./:+-]*|--"
_LOCATION_TEXT = "a location such as MB or MB/RISER0/PCIE0/PORT1"
_LOC = column("LOC", "location", _LOCATION_PATTERN, _LOCATION_TEXT, generic=True)
_LOCATION = column("LOCATION", "location", _LOCATION_PATTERN, _LOCATION_TEXT, generic=True)


def _assemble_l(items: Iterable[Item], context: Context) -> list[Record]:
    return records_of(items, PhysicalLocation)


def _l_layout(name: str, last: Column) -> Layout:
    cols = (_L_LINK, _L_DEVICE, last)
    shape = Shape("location", [Cell(c) for c in cols], record=PhysicalLocation)
    return Layout(name, [c.name for c in cols], [shape])


SHOW_PHYS_L = Grammar(
    key="dladm show-phys -L",
    program="dladm",
    subcommand="show-phys",
    table=TableGrammar(
        "dladm show-phys -L",
        # LOC: real output (release not stated); LOCATION: Oracle Solaris 11.2 documentation.
        [_l_layout("LOC", _LOC), _l_layout("LOCATION", _LOCATION)],
    ),
    assemble=_assemble_l,
    accepts=only_flags("L", required="L"),
    summary="locations of physical links: LINK DEVICE LOC (11.2 documentation: LOCATION)",
)

GRAMMARS: tuple[Grammar, ...] = (SHOW_PHYS_M, SHOW_PHYS_L)

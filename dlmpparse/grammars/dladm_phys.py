"""Grammar for ``dladm show-phys``: a physical link per row (LINK MEDIA STATE SPEED DUPLEX DEVICE).

Layouts follow Oracle's documentation and real output (see ``docs/commands/`` and
``tests/fixtures/SOURCES.md``); libofmt prints ``--`` for an empty value and pushes the rest of
a row right when a value overflows its column, so rows are split on blanks.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import PhysicalLink, Record
from ._base import Context, Grammar, only_flags, records_of
from ._cells import DUPLEX, LINK_STATE, NAME, SPEED, WORD, column
from ._table import Cell, Item, Layout, Shape, TableGrammar

__all__ = ["LINK", "SHOW_PHYS"]

# --- dladm show-phys ---------------------------------------------------------------------

LINK = column("LINK", "link", NAME, "a datalink name", generic=True)
_PHYS_COLUMNS = (
    LINK,
    column("MEDIA", "media", WORD, "a media type such as Ethernet", generic=True),
    column("STATE", "state", LINK_STATE, "a link state (up, down, unknown)"),
    column("SPEED", "speed", SPEED, "a speed such as 1000, 1000Mb or 1G"),
    column("DUPLEX", "duplex", DUPLEX, "a duplex (full, half, unknown)"),
    column("DEVICE", "device", WORD, "a device name such as igb0 or vnet0", generic=True),
)


def _assemble_phys(rows: Iterable[Item], context: Context) -> list[Record]:
    return records_of(rows, PhysicalLink)


SHOW_PHYS = Grammar(
    key="dladm show-phys",
    program="dladm",
    subcommand="show-phys",
    table=TableGrammar(
        "dladm show-phys",
        [
            Layout(
                "11",
                [c.name for c in _PHYS_COLUMNS],
                [Shape("link", [Cell(c) for c in _PHYS_COLUMNS], record=PhysicalLink)],
            )
        ],
    ),
    assemble=_assemble_phys,
    accepts=only_flags(),
    summary="physical datalinks: LINK MEDIA STATE SPEED DUPLEX DEVICE",
)

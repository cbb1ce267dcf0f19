"""Grammar for ``dladm show-phys``: a physical link per row (LINK MEDIA STATE SPEED DUPLEX DEVICE).

Layouts follow Oracle's documentation and real output (see ``docs/commands/`` and
``tests/fixtures/SOURCES.md``); libofmt prints ``--`` for an empty value and pushes the rest of
a row right when a value overflows its column, so rows are split on blanks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..records import (
    PhysicalLink,
    Record,
    unchecked,
)
from ._base import Context, Grammar, from_body, only_flags, rows_of
from ._cells import (
    DUPLEX,
    LINK_STATE,
    NAME,
    SPEED,
    WORD,
    column,
    speed_cell,
)
from ._table import Cell, Cells, Layout, Row, Shape, TableGrammar

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


def _assemble_phys(events: Sequence[Row], context: Context) -> list[Record]:
    out: list[Record] = []
    for event in rows_of(events, "link"):
        cells = event.cells
        out.append(
            PhysicalLink(
                link=cells["link"] or "",
                media=cells["media"],
                state=cells["state"],
                speed=cells["speed"],
                speed_raw=cells["speed"],
                duplex=cells["duplex"],
                device=cells["device"],
                line=event.line,
            )
        )
    return out


_new_physical_link = unchecked(PhysicalLink)


def _body_phys(body: Iterator[Cells], first_line: int, context: Context) -> list[Record]:
    make = _new_physical_link
    out: list[Record] = []
    append = out.append
    number = first_line - 1
    # "--" tests written out: a call per cell is a fifth of the time per row.
    for _, link, media, state, speed, duplex, device, _ in body:
        number += 1
        if link is not None:
            append(
                make(
                    link,
                    None if media == "--" else media,
                    None if state == "--" else state,
                    speed_cell(speed),
                    None if speed == "--" else speed,
                    None if duplex == "--" else duplex,
                    None if device == "--" else device,
                    number,
                )
            )
    return out


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
                [Shape("link", [Cell(c) for c in _PHYS_COLUMNS])],
            )
        ],
    ),
    assemble=_assemble_phys,
    fast_path=from_body(_body_phys),
    accepts=only_flags(),
    summary="physical datalinks: LINK MEDIA STATE SPEED DUPLEX DEVICE",
)

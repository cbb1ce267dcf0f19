"""Cell patterns shared by the grammars: one definition of a name, a speed, a MAC, ``--``.

Patterns are regular-expression text; ``_table`` compiles them into pyparsing elements.
"""

from __future__ import annotations

from typing import Optional

from ..records import speed_mbps
from ._table import Column

__all__ = [
    "DASH",
    "LINK_STATE",
    "MAC",
    "NAME",
    "SPEED",
    "WORD",
    "column",
    "dash",
    "mac_cell",
    "speed_cell",
]

DASH = r"--"
# A datalink, port, domain or vnet name: any word but libofmt's "no value".
NAME = r"(?!--(?![^\s]))\S+"
WORD = r"\S+"
# dladm prints bare Mb/s (show-phys) or "1000Mb" (show-aggr -x), ldm "1G"; "--" when unknown.
SPEED = r"\d+(?:\.\d+)?(?:[KMGTkmgt](?:b(?:ps)?)?)?|--"
# Six octets written out rather than a repeated group: the engine's repeat costs a tenth of a
# show-aggr -x row.
MAC = ":".join(["[0-9A-Fa-f]{1,2}"] * 6) + "|--"
# libofmt prints "?" when a value could not be read.
LINK_STATE = r"up|down|unknown|--|\?"
DUPLEX = r"full|half|unknown|--|\?"


def column(
    name: str,
    field: str,
    pattern: str,
    describe: str,
    *,
    generic: bool = False,
    shared: Optional[bool] = None,
) -> Column:
    """A column; unless said otherwise, rows share the strings of a column whose cells are not
    any word and not a MAC address (a state, a speed, flags: a few values, repeated). A column
    of ``--`` only is not shared: row builders make its one value None."""
    if shared is None:
        shared = not generic and pattern not in (MAC, DASH)
    return Column(
        name=name, field=field, pattern=pattern, describe=describe, generic=generic, shared=shared
    )


# What the records' converters would make of a cell that a row pattern has already checked,
# for the row builders of the fast path (records.unchecked); equal results are tested.


def dash(value: Optional[str]) -> Optional[str]:
    """libofmt's ``--`` is no value (a checked cell has no surrounding blanks)."""
    return None if value == "--" else value


_SPEEDS: dict[Optional[str], Optional[int]] = {None: None, "--": None}


def speed_cell(value: Optional[str]) -> Optional[int]:
    """A checked SPEED cell in Mb/s; tables repeat a handful of speed tokens."""
    try:
        return _SPEEDS[value]
    except KeyError:
        mbps = speed_mbps(value)
        if len(_SPEEDS) < 1024:
            _SPEEDS[value] = mbps
        return mbps


def mac_cell(value: Optional[str]) -> Optional[str]:
    """A checked MAC cell, lower-case and zero-padded."""
    if value is not None and len(value) == 17:
        # Six two-digit parts: only the case can differ from the normal form.
        return value.lower()
    if value is None or value == "--":
        return None
    a, b, c, d, e, f = value.lower().split(":")
    return f"{a.zfill(2)}:{b.zfill(2)}:{c.zfill(2)}:{d.zfill(2)}:{e.zfill(2)}:{f.zfill(2)}"

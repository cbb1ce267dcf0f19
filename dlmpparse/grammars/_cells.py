"""Cell patterns shared by the grammars: one definition of a name, a speed, a MAC, ``--``.

Patterns are regular-expression text; ``_table`` compiles them into pyparsing elements.
"""

from __future__ import annotations

from typing import Callable, Optional

from ._rows import mac_cell
from ._table import Column

__all__ = [
    "DASH",
    "LINK_STATE",
    "MAC",
    "NAME",
    "SPEED",
    "WORD",
    "column",
    "mac_cell",
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
    prepare: Optional[Callable[[str], str]] = None,
) -> Column:
    """A column. A SPEED column also fills ``<field>_raw`` with the token as printed (records
    keep both, ``records.py``)."""
    also = (f"{field}_raw",) if pattern == SPEED else ()
    return Column(
        name=name,
        field=field,
        pattern=pattern,
        describe=describe,
        generic=generic,
        also=also,
        prepare=prepare,
    )

"""Cell patterns shared by the grammars: one definition of a name, a speed, a MAC, ``--``.

Patterns are regular-expression text; ``_table`` compiles them into pyparsing elements.
"""

from __future__ import annotations

from ._table import Column

__all__ = [
    "DASH",
    "LINK_STATE",
    "MAC",
    "NAME",
    "SPEED",
    "WORD",
    "column",
]

DASH = r"--"
# A datalink, port, domain or vnet name: any word but libofmt's "no value".
NAME = r"(?!--(?![^\s]))\S+"
WORD = r"\S+"
# dladm prints bare Mb/s (show-phys) or "1000Mb" (show-aggr -x), ldm "1G"; "--" when unknown.
SPEED = r"\d+(?:\.\d+)?(?:[KMGTkmgt](?:b(?:ps)?)?)?|--"
MAC = r"[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}|--"
# libofmt prints "?" when a value could not be read.
LINK_STATE = r"up|down|unknown|--|\?"
DUPLEX = r"full|half|unknown|--|\?"


def column(name: str, field: str, pattern: str, describe: str, *, generic: bool = False) -> Column:
    return Column(name=name, field=field, pattern=pattern, describe=describe, generic=generic)

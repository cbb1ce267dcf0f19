"""Configuration commands: they print nothing to read, but they are evidence.

``dladm create-aggr`` names an aggregation's members and mode, ``dladm set-linkprop`` a link's
properties, and every one of them orders the evidence in time: a listing printed before a
command that changes what it shows does not describe the state after it. The inventory reads
what each one configured from its command line (``Invocation``), never from its output.

What they print (dladm(8), ipadm(8), ldm(8)): nothing on success, except ``ipadm create-addr``,
which prints the name of the address object it created (``ipmp1/v4`` after ``ipadm create-addr
-T static -a 192.168.131.143 ipmp1``, verbatim in a published tutorial, GitHub index id
49817830592; ``dlmp0/v4a`` in a CSDN transcript of a DLMP set-up). Its grammar reads that one
line when it names the operand's address object (given ``interface/name``, that name; given an
interface, a name on that interface). Anything else after a configuration command is not read
as its output: the reader reports it as text after it - for instance the notice ldm prints when
a change to the control domain starts a delayed reconfiguration (not read yet). An error line
(``ipadm: cannot create address: ...``) makes the block a failed command first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Optional

from .._text import normalise_line
from ..commands import Invocation
from ..errors import ParseError, SourceLine
from ..records import Record
from ._base import Context, Grammar
from ._table import Item, Row

__all__ = ["CONFIGURATION", "CONFIGURATION_COMMANDS", "is_configuration"]

# ``program subcommand``: the configuration commands whose order matters to a check.
_COMMANDS = (
    ("dladm", "create-aggr", "create an aggregation (its members and mode)"),
    ("dladm", "delete-aggr", "delete an aggregation"),
    ("dladm", "add-aggr", "add ports to an aggregation"),
    ("dladm", "remove-aggr", "remove ports from an aggregation"),
    ("dladm", "modify-aggr", "change an aggregation's mode or policy"),
    ("dladm", "set-linkprop", "set a link property (probe-ip=+ enables probing)"),
    ("ipadm", "create-ip", "create an IP interface"),
    ("ipadm", "delete-ip", "delete an IP interface"),
    ("ipadm", "create-addr", "create an address object (prints its name)"),
    ("ipadm", "delete-addr", "delete an address object"),
    ("ipadm", "create-ipmp", "create an IPMP interface"),
    ("ipadm", "delete-ipmp", "delete an IPMP interface"),
    ("ipadm", "add-ipmp", "add interfaces to an IPMP group"),
    ("ipadm", "remove-ipmp", "remove interfaces from an IPMP group"),
    ("ldm", "set-vnet", "change a virtual network device"),
    ("ldm", "add-vnet", "add a virtual network device"),
    ("ldm", "remove-vnet", "remove a virtual network device"),
    ("ldm", "set-vsw", "change a virtual switch"),
    ("ldm", "add-vsw", "add a virtual switch"),
)

# An address object's name after the interface's: ipadm(8) "a string up to 32 characters",
# letters, digits and underscores (``v4``, ``v4a``, ``dhcp``, ``local_1``).
_ADDROBJ_NAME = re.compile(r"[A-Za-z0-9_]{1,32}")


class _Prints:
    """A configuration command's output as a ``Table``: nothing, or for ``ipadm create-addr``
    the one line naming the address object created (``addrobj``: exactly that name;
    ``interface``: a name on that interface; neither: any address object name)."""

    def __init__(
        self,
        command: str,
        *,
        echoes: bool = False,
        addrobj: Optional[str] = None,
        interface: Optional[str] = None,
    ) -> None:
        self.command = command
        self.echoes = echoes
        self.addrobj = addrobj
        self.interface = interface

    def _names_it(self, line: str) -> bool:
        if self.addrobj is not None:
            return line == self.addrobj
        interface, slash, name = line.partition("/")
        if not slash or not interface or not _ADDROBJ_NAME.fullmatch(name):
            return False
        if self.interface is not None:
            return interface == self.interface
        return " " not in interface

    def rows(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> tuple[list[Row], int]:
        """No rows; the lines consumed: up to the echoed name, if it comes first. Lenient (a
        transcript), the rest is left to the reader; strict (``parse``), a line after them is
        an error."""
        consumed = 0
        for index, raw in enumerate(lines):
            line = normalise_line(raw).strip()
            if not line:
                continue
            if self.echoes and not consumed and self._names_it(line):
                consumed = index + 1
                continue
            if lenient:
                break
            where = SourceLine(command or self.command, first_line + index, raw)
            raise where.error(where.indent(), self._expected())
        return [], consumed

    def _expected(self) -> str:
        if not self.echoes:
            return f"expected no output: `{self.command}` prints nothing"
        if self.addrobj is not None:
            return f"expected at most the address object's name, {self.addrobj}"
        if self.interface is not None:
            return f"expected at most the address object's name, {self.interface}/NAME"
        return "expected at most the address object's name, INTERFACE/NAME"

    def match_header(self, line: str) -> Optional[object]:
        return None

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError:
        line = SourceLine(command or self.command, event.line, event.text)
        return line.error(max(column, line.indent()), why)


def _no_records(rows: Iterable[Item], context: Context) -> list[Record]:
    # What a configuration command configured is read from its command line, by the inventory.
    return []


def _any_form(invocation: Invocation) -> bool:
    return True


def _create_addr_prints(invocation: Invocation) -> _Prints:
    """What ``ipadm create-addr ... OPERAND`` prints: the address object named by OPERAND
    (``aggr0/v4``), or one the system named on the interface OPERAND (``ipmp1`` -> ``ipmp1/v4``)."""
    key = "ipadm create-addr"
    if not invocation.operands:
        return _Prints(key, echoes=True)
    operand = invocation.operands[-1]
    if "/" in operand:
        return _Prints(key, echoes=True, addrobj=operand)
    return _Prints(key, echoes=True, interface=operand)


def _grammar(program: str, subcommand: str, summary: str) -> Grammar:
    key = f"{program} {subcommand}"
    echoes = key == "ipadm create-addr"
    return Grammar(
        key=key,
        program=program,
        subcommand=subcommand,
        table=_Prints(key, echoes=echoes),
        assemble=_no_records,
        accepts=_any_form,
        summary=f"{summary}; a configuration command, read from its command line",
        table_for=_create_addr_prints if echoes else None,
    )


# The registry's configuration commands (``grammars.select`` finds them after the listings).
CONFIGURATION: tuple[Grammar, ...] = tuple(_grammar(*command) for command in _COMMANDS)
CONFIGURATION_COMMANDS: frozenset[str] = frozenset(g.key for g in CONFIGURATION)


def is_configuration(command: Optional[str]) -> bool:
    """Whether ``command`` (``program subcommand``, or a grammar key) is a configuration
    command."""
    return command in CONFIGURATION_COMMANDS

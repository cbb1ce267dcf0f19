"""The grammar registry: the one place a command is added.

``GRAMMARS`` lists every grammar of a listing, ``CONFIGURATION`` the configuration commands
(read from their command lines); ``select`` maps a command line (as a user types it) to its
grammar; ``parse`` reads a command's output into records. The transcript reader, the check
and the CLI all go through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional, Protocol

from .._text import normalise_line
from ..commands import Invocation, parse_command
from ..errors import ParseError, UnknownCommandError
from ..records import Record
from . import (
    dladm_links,
    dladm_phys_views,
    identity,
    ipadm_show,
    ldm_parseable,
    ldm_services,
    os_release,
)
from ._base import Grammar, Table
from ._sections import SectionedTable
from ._table import Layout, TableGrammar
from .configuration import CONFIGURATION, CONFIGURATION_COMMANDS, is_configuration
from .dladm_aggr import SHOW_AGGR, SHOW_AGGR_PROBE, SHOW_AGGR_X
from .dladm_phys import SHOW_PHYS
from .fields import fields_variant
from .ipadm import IPADM
from .ldm_netdev import LIST_NETDEV
from .ldm_network import LIST_NETWORK
from .parseable import parseable_variant

__all__ = ["GRAMMARS", "Grammar", "by_header", "parse", "select", "supported_commands"]

# The order matters only among grammars of the same program and subcommand: the first whose
# ``accepts`` takes the invocation reads it.
GRAMMARS: tuple[Grammar, ...] = (
    SHOW_PHYS,
    *dladm_phys_views.GRAMMARS,
    SHOW_AGGR,
    SHOW_AGGR_X,
    SHOW_AGGR_PROBE,
    LIST_NETDEV,
    LIST_NETWORK,
    IPADM,
    *dladm_links.GRAMMARS,
    *ipadm_show.GRAMMARS,
    *os_release.GRAMMARS,
    *ldm_services.GRAMMARS,
    *ldm_parseable.GRAMMARS,
    *identity.GRAMMARS,
)
# Every dladm and ipadm table has a parseable form (-p -o FIELDS) and a human form with chosen
# columns (-o FIELDS; dladm's -Z and -z zone too), read by the same assembler.
_HUMAN_TABLES = tuple(g for g in GRAMMARS if g.program in ("dladm", "ipadm") and g.subcommand)
GRAMMARS += tuple(parseable_variant(g) for g in _HUMAN_TABLES)
GRAMMARS += tuple(fields_variant(g) for g in _HUMAN_TABLES)
# The configuration commands print nothing to read but are evidence (configuration.py):
# ``select`` finds them after the listings; they are not listings (no header, no fixtures).
_SELECTABLE = GRAMMARS + CONFIGURATION
# The grammars of each program and subcommand, in the order ``select`` tries them (a block's
# command looks up its few, not every grammar's program).
_BY_COMMAND: dict[tuple[str, Optional[str]], tuple[Grammar, ...]] = {}
for _grammar in _SELECTABLE:
    _key = (_grammar.program, _grammar.subcommand)
    _BY_COMMAND[_key] = (*_BY_COMMAND.get(_key, ()), _grammar)
del _grammar, _key


def supported_commands() -> tuple[str, ...]:
    """The canonical command lines dlmpparse reads."""
    return tuple(g.key for g in GRAMMARS)


def select(command: str, invocation: Optional[Invocation] = None) -> tuple[Grammar, Invocation]:
    """The grammar for a command line, or UnknownCommandError naming the supported ones;
    ``invocation``, when given, is ``parse_command(command)`` (a transcript's blocks have it)."""
    if invocation is None:
        invocation = parse_command(command)
    if invocation is None:
        raise UnknownCommandError(command, supported_commands(), why="empty command")
    same_command = _BY_COMMAND.get((invocation.program, invocation.subcommand), ())
    for grammar in same_command:
        if grammar.accepts(invocation):
            return grammar, invocation
    if same_command:
        options = " ".join(invocation.words[2 if invocation.subcommand else 1 :])
        why = f"these options are not supported: {options}" if options else "unsupported form"
        raise UnknownCommandError(command, supported_commands(), why=why)
    raise UnknownCommandError(command, supported_commands())


def domain_of(grammar: Grammar, invocation: Invocation) -> Optional[str]:
    """The domain an ldm command was run for, from its operand (``ldm list-netdev ldg6``)."""
    if grammar.domain_operand and len(invocation.operands) == 1:
        return invocation.operands[0]
    return None


def parse(command: str, text: str, *, first_line: int = 1) -> list[Record]:
    """Read the output ``text`` of ``command`` into records.

    ``command`` is the command line as typed (``dladm show-aggr –x``, ``ldm ls -o network
    ldg6``); ``text`` is everything it printed. ``first_line`` is the input line number of
    ``text``'s first line, so errors and records point into a larger document.

    Raises ParseError (with line, column and a caret) when a line is not this command's
    output, and UnknownCommandError (a ParseError) for a command with no grammar.
    """
    grammar, invocation = select(command)
    # A byte order mark read as text is no part of the output (it would shift every column).
    text = text[1:] if text.startswith("\ufeff") else text
    records, _ = grammar.read(
        None,
        first_line,
        command=command.strip() or grammar.key,
        domain=domain_of(grammar, invocation),
        invocation=invocation,
        text=text,
    )
    return records


class Reader(Protocol):
    """A per-command helper: the output ``text`` of one command into records; ``first_line``
    numbers its lines, ``domain`` names where an ldm command ran."""

    __name__: str

    def __call__(
        self, text: str, *, first_line: int = 1, domain: Optional[str] = None
    ) -> list[Record]: ...


def _reader(grammar: Grammar, name: str) -> Reader:
    def read(text: str, *, first_line: int = 1, domain: Optional[str] = None) -> list[Record]:
        records, _ = grammar.read(None, first_line, command=grammar.key, domain=domain, text=text)
        return records

    read.__name__ = read.__qualname__ = name
    read.__doc__ = f"Read the output of ``{grammar.key}`` ({grammar.summary}) into records."
    return read


# One function per grammar of the seed's commands, for callers that know what they hold.
parse_show_phys = _reader(SHOW_PHYS, "parse_show_phys")
parse_show_aggr = _reader(SHOW_AGGR, "parse_show_aggr")
parse_show_aggr_x = _reader(SHOW_AGGR_X, "parse_show_aggr_x")
parse_show_aggr_probe = _reader(SHOW_AGGR_PROBE, "parse_show_aggr_probe")
parse_list_netdev = _reader(LIST_NETDEV, "parse_list_netdev")
parse_list_network = _reader(LIST_NETWORK, "parse_list_network")
parse_ipadm = _reader(IPADM, "parse_ipadm")


# Per table: the headers (as words) its match_header can accept, or None when they cannot be
# listed. Built on first use; see _claimed_headers.
_CLAIMED: dict[int, tuple[Table, Optional[frozenset[tuple[str, ...]]]]] = {}


def _claimed_headers(table: Table) -> Optional[frozenset[tuple[str, ...]]]:
    """The word tuples of the headers ``table.match_header`` may accept, or None (ask it).

    A header pattern is its words separated and surrounded by blanks only, so a line it
    matches splits into exactly those words. Comparing words first spares compiling the header
    pattern of every grammar the first time ``by_header`` is given a line (prose, or the rows
    after a table): two dozen patterns, 2 of the 13 ms the built-in example took to read.
    """
    known = _CLAIMED.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    # Exact types: a subclass may accept headers some other way.
    layouts: Sequence[Layout] = ()
    if type(table) is TableGrammar:
        layouts = table.layouts
    elif type(table) is SectionedTable:
        layouts = table.claims
    headers = [layout.header for layout in layouts]
    claimed: Optional[frozenset[tuple[str, ...]]] = None
    if layouts and all(word.split() == [word] for header in headers for word in header):
        claimed = frozenset(headers)
    _CLAIMED[id(table)] = (table, claimed)
    return claimed


def by_header(line: str) -> Optional[Grammar]:
    """The grammar whose table header this line is (output pasted without its prompt).

    ``match_header`` is given the line as it came, as ``rows`` is: each normalises it once.
    Normalising it here too stripped a second trailing CR, so a header ending in CR CR was
    found here that the table itself did not read.
    """
    words = tuple(normalise_line(line).split())
    for grammar in GRAMMARS:
        if grammar.table_for is not None:
            continue
        claimed = _claimed_headers(grammar.table)
        if claimed is not None and words not in claimed:
            continue
        if grammar.table.match_header(line) is not None:
            return grammar
    return None


__all__ += [
    "CONFIGURATION",
    "CONFIGURATION_COMMANDS",
    "ParseError",
    "Reader",
    "domain_of",
    "is_configuration",
    "parse_ipadm",
    "parse_list_netdev",
    "parse_list_network",
    "parse_show_aggr",
    "parse_show_aggr_probe",
    "parse_show_aggr_x",
    "parse_show_phys",
]

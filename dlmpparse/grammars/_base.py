"""What every grammar is: a table grammar, an assembler that turns rows into records,
and the command lines it reads. The registry in ``grammars/__init__.py`` lists them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Callable, NoReturn, Optional, Protocol

import attrs

from .._text import split_lines
from ..commands import Invocation
from ..errors import ParseError
from ..records import Record
from ._table import BodyDeclined, Cells, Column, Row, RowKind, TableGrammar

__all__ = [
    "Context",
    "FastPath",
    "Grammar",
    "Table",
    "UnexpectedRow",
    "filled_down",
    "from_body",
    "only_flags",
    "rows_of",
    "unexpected",
]


class Table(Protocol):
    """What a grammar reads lines with: a ``TableGrammar``, or a parseable (``-p``) reader."""

    def rows(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> tuple[list[Row], int]: ...

    def match_header(self, line: str) -> Optional[object]: ...

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError: ...


class UnexpectedRow(Exception):
    """An assembler was given a row of a kind it has no case for.

    A grammar's bug (a kind its table makes that its assembler does not handle), never bad
    input: neither a ParseError nor a ValueError, so that nothing reports it as the output's
    fault or falls back past it.
    """

    def __init__(self, row: Row) -> None:
        super().__init__(f"no case for a {row.kind!r} row (line {row.line}: {row.text!r})")
        self.row = row


def unexpected(row: Row) -> NoReturn:
    raise UnexpectedRow(row)


# Rows a table makes for its structure, which an assembler of data rows passes over.
_STRUCTURE: frozenset[RowKind] = frozenset({"header"})


def rows_of(rows: Sequence[Row], *kinds: RowKind) -> Iterator[Row]:
    """The rows of the given kinds, headers passed over; a row of any other kind raises."""
    for row in rows:
        if row.kind in kinds:
            yield row
        elif row.kind not in _STRUCTURE:
            unexpected(row)


@attrs.frozen
class Context:
    """What an assembler knows besides the rows: the command and the domain it ran for."""

    command: str
    domain: Optional[str]
    table: Table

    def error(self, event: Row, why: str, column: int = 0) -> ParseError:
        return self.table.error_at(event, why, column, command=self.command)


Assembler = Callable[[Sequence[Row], "Context"], list[Record]]
# Reads a whole output at once: its text (every line ended by LF), how many lines it has, the
# first line's number. None hands the lines to the line-by-line reader and ``assemble``, which
# then report what is wrong, and where: a fast path reads what it is sure of, and declines the
# rest.
FastPath = Callable[[str, int, int, "Context"], Optional[list[Record]]]
# Builds records from a table's whole-body match (``TableGrammar.body``: a tuple of cells per
# line) and the first line's number, or declines (None).
BodyAssembler = Callable[[Iterator[Cells], int, "Context"], Optional[list[Record]]]


def from_body(build: BodyAssembler) -> FastPath:
    """The fast path of a grammar whose table is a ``TableGrammar``: its whole-body match,
    handed to ``build``."""

    def read(text: str, lines: int, first_line: int, context: Context) -> Optional[list[Record]]:
        table = context.table
        if not isinstance(table, TableGrammar):
            return None
        body = table.body(text, lines)
        if body is None:
            return None
        try:
            return build(body, first_line, context)
        except BodyDeclined:
            # A line past the first chunk of a large body is not the table's.
            return None

    read.__name__ = read.__qualname__ = f"from_body({build.__name__})"
    return read


@attrs.frozen
class Grammar:
    """A command's grammar.

    ``key`` is the canonical command line (``dladm show-aggr -x``), also the fixture folder's
    name with blanks as dashes. ``accepts`` says whether an invocation of the same program and
    subcommand prints this grammar's table (which options select it).
    """

    key: str
    program: str
    subcommand: Optional[str]
    table: Table
    assemble: Assembler
    accepts: Callable[[Invocation], bool]
    summary: str
    domain_operand: bool = False
    # For forms whose table depends on the options (``-p -o link,speed``): the table to read
    # a given invocation's output with.
    table_for: Optional[Callable[[Invocation], Table]] = None
    # Parseable output has no row shapes; this names the shape a row's cells stand for.
    parseable_kind: Optional[Callable[[dict[str, Optional[str]]], RowKind]] = None
    # -o fields the human table prints in a column of its own only in parseable form.
    parseable_columns: tuple[Column, ...] = ()
    # Must give what ``table`` and ``assemble`` give for the same lines, or None
    # (tests/test_fast_path.py compares them on every fixture and on generated output).
    fast_path: Optional[FastPath] = None

    @property
    def slug(self) -> str:
        return self.key.replace(" ", "-").replace("--", "-")

    def read(
        self,
        lines: Optional[Sequence[str]],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
        domain: Optional[str] = None,
        invocation: Optional[Invocation] = None,
        text: Optional[str] = None,
    ) -> tuple[list[Record], int]:
        """Records from the output (without the command line) and how many lines were
        consumed. The output is ``lines``, or ``text`` when ``lines`` is None (split into
        lines only if the fast path cannot read it); given both, ``text`` is what ``lines``
        were split from."""
        shown = command or self.key
        table: Table = self.table
        if self.table_for is not None and invocation is not None:
            table = self.table_for(invocation)
        context = Context(command=shown, domain=domain, table=table)
        if lines is None:
            if text is None:
                raise TypeError("read needs lines or text")
            count = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
        else:
            count = len(lines)
        if self.fast_path is not None:
            if text is None:
                assert lines is not None
                # One string: "+" would copy the joined text once more.
                text = "\n".join([*lines, ""]) if lines else "\n"
            elif text and not text.endswith("\n"):
                text += "\n"
            built = self.fast_path(text, count, first_line, context)
            if built is not None:
                return built, count
        if lines is None:
            assert text is not None
            lines = split_lines(text)
        events, consumed = table.rows(lines, first_line, lenient=lenient, command=shown)
        # An assembler reports bad values at their cell (Context.error); any other exception
        # is a grammar's bug and propagates, rather than blaming the input's last line.
        return self.assemble(events, context), consumed


def only_flags(*allowed: str, required: str = "") -> Callable[[Invocation], bool]:
    """Accept invocations whose flags are within ``allowed`` and include one of ``required``."""
    allowed_set = frozenset("".join(allowed))
    required_set = frozenset(required)

    def accepts(invocation: Invocation) -> bool:
        if invocation.options:
            return False
        if not invocation.flags <= allowed_set:
            return False
        return not required_set or bool(invocation.flags & required_set)

    return accepts


def filled_down(
    events: Sequence[Row], first: str, further: str, context: Context, why: str
) -> Iterator[tuple[Row, str]]:
    """The rows of kinds ``first`` and ``further`` with the LINK each belongs to: dladm prints
    LINK on a link's first row only (``show-phys -m``'s slots, ``show-aggr -S``'s ports), so
    a ``further`` row takes it from the ``first`` row above; one with none above is an error
    (``why``)."""
    link: Optional[str] = None
    for event in events:
        if event.kind == first:
            link = event.cells["link"] or ""
        elif event.kind != further:
            continue
        elif link is None:
            raise context.error(event, why)
        yield event, link

"""What every grammar is: a table grammar, an assembler that turns rows into records,
and the command lines it reads. The registry in ``grammars/__init__.py`` lists them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Callable, NoReturn, Optional, Protocol, cast

import attrs

from .._text import Lines
from ..commands import Invocation
from ..errors import ParseError
from ..records import Record
from ._table import Column, Item, Row, RowKind, TableGrammar

__all__ = [
    "Context",
    "Grammar",
    "OnePass",
    "Streamed",
    "StreamingTable",
    "Table",
    "UnexpectedRow",
    "filled_down",
    "only_flags",
    "only_rows",
    "records_of",
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
    ) -> tuple[Sequence[Item], int]: ...

    def match_header(self, line: str) -> Optional[object]: ...

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError: ...


class Streamed:
    """Rows handed over as a reader makes them (an assembler that takes them as they come
    never holds a row per line of a large output); ``consumed``, the number of lines read, is
    known once every row is taken. ``make`` gives the rows and sets ``consumed``."""

    def __init__(self, make: Callable[[Streamed], Iterator[Item]]) -> None:
        self.consumed = 0
        self._rows = make(self)

    def __iter__(self) -> Iterator[Item]:
        return self._rows

    def all(self) -> tuple[list[Item], int]:
        """Every row at once and the lines consumed (the ``Table.rows`` protocol)."""
        rows = list(self._rows)
        return rows, self.consumed


class StreamingTable:
    """A reader that makes its rows as they are taken (``stream``); ``rows``, the ``Table``
    protocol's every row at once, comes from it."""

    def stream(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> Streamed:
        raise NotImplementedError

    def rows(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> tuple[list[Item], int]:
        return self.stream(lines, first_line, lenient=lenient, command=command).all()


class UnexpectedRow(Exception):
    """An assembler was given a row (or a record) of a kind it has no case for.

    A grammar's bug (a kind its table makes that its assembler does not handle), never bad
    input: neither a ParseError nor a ValueError, so that nothing reports it as the output's
    fault or falls back past it.
    """

    def __init__(self, row: Item) -> None:
        if isinstance(row, Row):
            what = f"a {row.kind!r} row (line {row.line}: {row.text!r})"
        else:
            what = f"a {type(row).__name__} record (line {row.line})"
        super().__init__(f"no case for {what}")
        self.row = row


def unexpected(row: Item) -> NoReturn:
    raise UnexpectedRow(row)


# Rows a table makes for its structure, which an assembler of data rows passes over.
_STRUCTURE: frozenset[RowKind] = frozenset({"header"})


def rows_of(items: Iterable[Item], *kinds: RowKind) -> Iterator[Row]:
    """The rows of the given kinds, headers passed over; a row of any other kind, or a
    record, raises."""
    for row in items:
        if type(row) is not Row:
            unexpected(row)
        if row.kind in kinds:
            yield row
        elif row.kind not in _STRUCTURE:
            unexpected(row)


def only_rows(items: Iterable[Item]) -> Iterator[Row]:
    """The rows of a table whose shapes declare no record class; a record raises."""
    for row in items:
        if type(row) is not Row:
            unexpected(row)
        yield row


def records_of(items: Iterable[Item], *classes: type[Record]) -> list[Record]:
    """The records of a table whose every shape declares its record class, which must be one
    of ``classes``; anything else raises."""
    out = list(items)
    # Checked in C (a type per item, compared to each class), not by a Python loop per row.
    found = set(map(type, out))
    if not found <= set(classes):
        unexpected(next(item for item in out if type(item) not in classes))
    return cast("list[Record]", out)


def _no_text(line: int) -> str:
    return ""


@attrs.frozen
class Context:
    """What an assembler knows besides the rows: the command, the domain it ran for, and the
    text of a line by its number (the body reader's rows do not carry their line's text)."""

    command: str
    domain: Optional[str]
    table: Table
    line_text: Callable[[int], str] = _no_text

    def error(self, event: Item, why: str, column: int = 0) -> ParseError:
        """A ParseError about a row (or a row's record) that makes no sense where it is."""
        if not isinstance(event, Row):
            event = Row("record", {}, event.line, "")
        if not event.text:
            event = event._replace(text=self.line_text(event.line))
        return self.table.error_at(event, why, column, command=self.command)


Assembler = Callable[[Iterable[Item], "Context"], list[Record]]
# Reads a whole output at once: its text (every line ended by LF), how many lines it has, the
# first line's number; or None, which hands the lines to the table. Only ``ldm list -o
# network``'s block reader is one.
OnePass = Callable[[str, int, int, "Context"], Optional[list[Record]]]


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
    # A reader of the whole output in one pass, for a listing whose blocks a table's reader
    # takes section by section (ldm list -o network); it builds with the assembler's own
    # rules and gives their records, or None where the table and the assembler must read and
    # explain the lines (tests/test_ldm_network_reader.py holds the two equal).
    one_pass: Optional[OnePass] = None

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
        lines only where a line needs the per-line path); given both, ``text`` is what
        ``lines`` were split from."""
        shown = command or self.key
        table: Table = self.table
        if self.table_for is not None and invocation is not None:
            table = self.table_for(invocation)
        if lines is None and text is None:
            raise TypeError("read needs lines or text")
        given = lines
        split: list[Sequence[str]] = []

        def source_lines() -> Sequence[str]:
            if given is not None:
                return given
            if not split:
                assert text is not None
                # The text and where its lines start, not a string per line.
                split.append(Lines(text))
            return split[0]

        def line_text(number: int) -> str:
            index = number - first_line
            found = source_lines()
            return found[index] if 0 <= index < len(found) else ""

        context = Context(command=shown, domain=domain, table=table, line_text=line_text)
        if self.one_pass is not None:
            if text is None and isinstance(lines, Lines):
                text = lines.text  # a part of the input's one copy: its lines are that text
            if text is None:
                assert lines is not None
                text = "\n".join([*lines, ""]) if lines else "\n"
            elif text and not text.endswith("\n"):
                text += "\n"
            count = len(lines) if lines is not None else text.count("\n")
            built = self.one_pass(text, count, first_line, context)
            if built is not None:
                return built, count
        # An assembler reports bad values at their cell (Context.error); any other exception
        # is a grammar's bug and propagates, rather than blaming the input's last line.
        if isinstance(table, TableGrammar):
            # Rows handed over as they are read: a large table's rows are never all alive.
            reading = table.read(lines, first_line, lenient=lenient, command=shown, text=text)
            return self.assemble(reading, context), reading.consumed
        if isinstance(table, StreamingTable):
            # The -o and -p readers hand their rows over as they make them, as a table does.
            streamed = table.stream(source_lines(), first_line, lenient=lenient, command=shown)
            return self.assemble(streamed, context), streamed.consumed
        rows, consumed = table.rows(source_lines(), first_line, lenient=lenient, command=shown)
        return self.assemble(rows, context), consumed


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
    events: Iterable[Item], first: str, further: str, context: Context, why: str
) -> Iterator[tuple[Row, str]]:
    """The rows of kinds ``first`` and ``further`` with the LINK each belongs to: dladm prints
    LINK on a link's first row only (``show-phys -m``'s slots, ``show-aggr -S``'s ports), so
    a ``further`` row takes it from the ``first`` row above; one with none above is an error
    (``why``)."""
    link: Optional[str] = None
    for event in only_rows(events):
        if event.kind == first:
            link = event.cells["link"] or ""
        elif event.kind != further:
            if event.kind not in _STRUCTURE:
                unexpected(event)
            continue
        elif link is None:
            raise context.error(event, why)
        yield event, link

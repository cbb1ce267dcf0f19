"""What a table is made of: columns, their cells' patterns, row shapes, layouts, rows.

A command's output is a table whose every line is a header, a separator row of dashes, a data
row of one of a few *shapes* (an aggregation row, a port row under it, a continuation row...)
or blank. A ``Column`` knows its header name, the record field it fills and its cells' pattern;
a ``Shape`` knows its columns (and, where its rows are records of their own, its record class:
``_rows`` generates the builder); a ``Layout`` is one release's header and shapes. Rows are
split on whitespace, not on header positions, because libofmt pushes the rest of a row right
when a value is wider than its column.

``_table`` reads a table body with these declarations in one pass. For a line it does not
match, the same shapes are tried one by one (``_match``) and then as per-cell pyparsing ``And``
grammars (``Shape.diagnostic``), whose ``ParseException`` gives the exact column and the name of
the cell expected there: what the ``ParseError`` reports. The diagnosis never builds records.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Literal, NamedTuple, Optional, Union

import attrs
import pyparsing as pp

from .._shared import sharer
from ..errors import SourceLine
from ..records import Record
from ._rows import RecordBuilder, record_builder

__all__ = [
    "BODY_BLANKS",
    "BODY_MAYBE_BLANKS",
    "Cell",
    "Cells",
    "Column",
    "Item",
    "Layout",
    "Row",
    "RowKind",
    "Shape",
    "share",
    "sharer_of",
]

_WS = " \t"
# Blanks in whole-body patterns. From Python 3.11 a run of blanks is possessive: it never gives
# a blank back, which could not help (no cell starts with a blank), and a line that a shape
# does not fit is then given up without retrying at every blank (about a tenth of the time).
BODY_BLANKS = f"[{_WS}]++" if sys.version_info >= (3, 11) else f"[{_WS}]+"
BODY_MAYBE_BLANKS = f"[{_WS}]*+" if sys.version_info >= (3, 11) else f"[{_WS}]*"


@attrs.frozen
class Column:
    """One column of a table: its header name, the record field it fills, what a cell looks like.

    ``generic`` marks a column whose cells can be any word (a link name): matching such a cell
    is no evidence that a line is a row of this table rather than prose. Every cell is kept
    one string per value (the body reader's ``CellTables``, a table per column on the
    per-line path): a fleet's tables repeat states and speeds row after row, and names
    domain after domain.
    """

    name: str
    field: str
    pattern: str
    describe: str
    generic: bool = False
    # Record fields the cell fills as printed, beside ``field`` (SPEED: ``speed_raw``), and
    # what the cell's text needs before the record's converter takes it (an unescape).
    also: tuple[str, ...] = ()
    prepare: Optional[Callable[[str], str]] = None

    def expected(self) -> str:
        return f"{self.describe} in column {self.name}"


@attrs.frozen
class Cell:
    """A column's place in a shape; ``optional`` cells may be missing at the end of a row."""

    column: Column
    optional: bool = False


# The strings of values made from cells (an address object's interface, a probe's targets):
# a value's first copy stands for every later one (``_shared.sharer``).
share: Callable[[str], str] = sharer(4096)

_COLUMN_SHARERS: dict[tuple[str, str, str], Callable[[str], str]] = {}


def sharer_of(column: Column) -> Callable[[str], str]:
    """The table in which rows read line by line keep one string per value of ``column``."""
    key = (column.name, column.field, column.pattern)
    if key not in _COLUMN_SHARERS:
        _COLUMN_SHARERS[key] = sharer(1024)
    return _COLUMN_SHARERS[key]


# Every kind of row a table reader makes, so that mypy --strict catches a kind misspelt in a
# Shape or in an assembler's comparison; an assembler given a kind it has no case for raises
# ``UnexpectedRow`` (a typo must not drop rows silently).
RowKind = Literal[
    "address",
    "address-continued",
    "aggregation",
    "aggregation-11.0",
    "blank",
    "continuation",
    "continued",
    "dashes",
    "device",
    "domain",
    "fields-not-shown",
    "header",
    "heading",
    "interface",
    "link",
    "link-11.0",
    "location",
    "node",
    "over-continued",
    "pair",
    "pairs",
    "port",
    "probe",
    "probe-continued",
    "record",
    "row",
    "separator",
    "stub",
    "text",
    "uname",
    "unread",
    "value",
    "version",
    "vnic-11.0",
    "vnic-11.2",
    "vnic-11.3",
    "vnet",
    "vnet-line",
    "vsw",
    "vsw-line",
]


class Row(NamedTuple):
    """One data row read: which shape it matched, its cells by field name, where it was.

    Rows of a shape that declares its ``record`` class come as the record itself (``Item``).
    ``text`` is the line as given where the per-line path read it, and may be empty where the
    body reader did (``Context.error`` then finds the line's text by its number). A named
    tuple rather than an attrs class: one is made per input line.
    """

    kind: RowKind
    cells: dict[str, Optional[str]]
    line: int
    text: str


# What a table's reader hands its assembler: a row, or the record a row of a record shape is
# (no Row around it: large tables are made of such rows).
Item = Union[Row, Record]


# One line of a table body matched as a whole (``TableGrammar.body``): a marker per layout header
# ("" on that header's line), every shape's cells (None where the shape is not the line's, or
# for a missing optional cell), then the text up to the next line (always ""). A plain tuple:
# the engine makes one per line and row builders unpack it.
Cells = tuple[Optional[str], ...]


class Shape:
    """A kind of data row: cells separated by blanks, anchored at both ends of the line.

    A shape that declares its ``record`` class has its rows built into records by code
    generated from its columns and the record's fields (``_rows``); the others give their
    cells to the grammar's assembler as a dict.
    """

    def __init__(
        self,
        kind: RowKind,
        cells: Sequence[Cell],
        *,
        evidence: bool = True,
        record: Optional[type[Any]] = None,
    ) -> None:
        self.kind = kind
        self.cells = tuple(cells)
        self.record = record
        self._build: Optional[RecordBuilder] = None
        self.has_optional = any(cell.optional for cell in self.cells)
        # A table per column: a column of names that never repeat must not push a state's
        # one string out of a table it shares with it.
        self.sharers = tuple((c.column.field, sharer_of(c.column)) for c in self.cells)
        # A shape that any short line fits (a lone word) is not evidence of a row.
        self.evidence = evidence
        self.pattern = f"[{_WS}]*{self._cells_pattern(named=True)}[{_WS}]*$"
        # The same row inside a whole table body: numbered groups (one per cell, in order), no
        # blanks at either end; TableGrammar.body puts it between line starts and ends.
        self.body_pattern = self._cells_pattern(named=False)
        self._element: Optional[pp.Regex] = None
        self._diagnostic: Optional[pp.ParserElement] = None

    def _cells_pattern(self, *, named: bool) -> str:
        pattern = ""
        closing = ""
        for index, cell in enumerate(self.cells):
            name = f"?P<{cell.column.field}>" if named else ""
            group = f"({name}{cell.column.pattern})"
            sep = "" if index == 0 else f"[{_WS}]+" if named else BODY_BLANKS
            if cell.optional:
                pattern += f"(?:{sep}{group}"
                closing += ")?"
            else:
                pattern += closing + sep + group
                closing = ""
        return pattern + closing

    @property
    def element(self) -> pp.Regex:
        """The row as one pyparsing Regex, compiled on first use: a command's start-up should
        not pay for the grammars of commands its input does not hold."""
        if self._element is None:
            element = pp.Regex(self.pattern)
            element.set_name(self.kind)
            element.parse_with_tabs()
            self._element = element
        return self._element

    def match(self, line: str) -> Optional[re.Match[str]]:
        return self.element.re.match(line)

    def build(self, cells: Sequence[Optional[str]], line: int) -> Record:
        """The shape's record from its cells, in order (``match(...).groups()``)."""
        if self._build is None:
            self._build = record_builder(self)
        return self._build(cells, line)

    def build_from(self, cells: Mapping[str, Optional[str]], line: int) -> Record:
        """The shape's record from cells given by field (a ``-p``/``-o`` reader's row)."""
        return self.build([cells.get(cell.column.field) for cell in self.cells], line)

    @property
    def diagnostic(self) -> pp.ParserElement:
        """The per-cell grammar, built on first use: only a line that fits no shape needs it,
        and building it for every shape at import would slow the command's start-up."""
        if self._diagnostic is None:
            parts: list[pp.ParserElement] = []
            for cell in self.cells:
                # A cell ends at a blank: "1000x" is a bad SPEED, not SPEED "1000" then junk.
                piece: pp.ParserElement = pp.Regex(rf"(?:{cell.column.pattern})(?!\S)")
                piece.set_name(cell.column.expected())
                piece.set_whitespace_chars(_WS, copy_defaults=False)
                if cell.optional:
                    piece = pp.Opt(piece)
                parts.append(piece)
            end = pp.LineEnd().set_name("the end of the line")
            end.set_whitespace_chars(_WS, copy_defaults=False)
            diagnostic = pp.And([*parts, end])
            diagnostic.set_whitespace_chars(_WS, copy_defaults=False)
            diagnostic.parse_with_tabs()
            self._diagnostic = diagnostic.streamline()
        return self._diagnostic

    def failure(self, line: str) -> tuple[int, str]:
        """Where (0-based) and why this shape does not fit the line."""
        try:
            self.diagnostic.parse_string(line, parse_all=False)
        except pp.ParseException as exc:
            return exc.loc, f"expected {exc.msg[len('Expected ') :]}" if exc.msg.startswith(
                "Expected "
            ) else exc.msg
        # The per-cell grammar accepted what the anchored pattern refused: only possible when
        # a cell pattern is context-sensitive; report the line as a whole.
        return 0, f"expected a {self.kind} row"

    def evidence_score(self, line: str) -> int:
        """How many of this shape's specific (non-generic) cells the line's words fit."""
        words = line.split()
        score = 0
        for cell, word in zip(self.cells, words):
            if cell.column.generic:
                continue
            if re.fullmatch(cell.column.pattern, word):
                score += 1
        return score

    def truncated(self, line: str) -> bool:
        """Whether the line is this shape's row cut short: every word fits its cell, fewer
        words than cells, and at least one fitting cell is specific (not any word)."""
        words = line.split()
        if not words or len(words) >= len(self.cells):
            return False
        specific = False
        for cell, word in zip(self.cells, words):
            if not re.fullmatch(cell.column.pattern, word):
                return False
            specific = specific or not cell.column.generic
        return specific

    @property
    def specific_cells(self) -> int:
        return sum(1 for c in self.cells if not c.column.generic)


class Layout:
    """One release's layout of a table: its header and the shapes its rows take."""

    def __init__(
        self,
        name: str,
        header: Sequence[str],
        shapes: Sequence[Shape] = (),
        *,
        positional: Optional[Shape] = None,
    ) -> None:
        self.name = name
        self.header = tuple(header)
        # A positional layout (ldm's one-line tables) leaves cells blank in the middle of a
        # row, so words are given to the column under whose header they start; its rows
        # follow their header, whose word positions are taken from the output itself.
        self.positional = positional
        self.shapes = tuple(shapes) if positional is None else (positional,)
        words = f"[{_WS}]+".join(re.escape(h) for h in self.header)
        self.header_body_pattern = BODY_BLANKS.join(re.escape(h) for h in self.header)
        # No header (uname's one line), no pattern that matches: blanks, then blanks, then $
        # would try every split of a run of blanks between the two (quadratic).
        self._header_pattern = f"[{_WS}]*{words}[{_WS}]*$" if self.header else "(?!)"
        self._header_element: Optional[pp.Regex] = None

    @property
    def header_element(self) -> pp.Regex:
        if self._header_element is None:
            self._header_element = pp.Regex(self._header_pattern)
            self._header_element.set_name(" ".join(self.header))
        return self._header_element

    def match_header(self, line: str) -> Optional[re.Match[str]]:
        # A layout without a header (uname's one line) never matches one.
        return self.header_element.re.match(line) if self.header else None


_DASHES = f"-+(?:[{_WS}]+-+)*"
_SEPARATOR = pp.Regex(f"[{_WS}]*{_DASHES}[{_WS}]*$")
_SEPARATOR.set_name("a row of dashes")
_BLANK = re.compile(f"[{_WS}]*$")
_WORD = re.compile(r"\S+")


def _positional(
    shape: Shape, starts: Sequence[int], line: str, number: int, raw: str, command: str
) -> Row:
    """Split a row of a positional layout by the header's word positions and check each cell."""
    cells: list[list[tuple[int, str]]] = [[] for _ in shape.cells]
    for match in _WORD.finditer(line):
        index = 0
        for position, start in enumerate(starts[: len(cells)]):
            if match.start() >= start:
                index = position
        cells[index].append((match.start(), match.group()))
    values: dict[str, Optional[str]] = {}
    for cell, words in zip(shape.cells, cells):
        column = cell.column
        text = " ".join(word for _, word in words) or None
        where = words[0][0] if words else 0
        if text is None:
            if not cell.optional:
                start = starts[shape.cells.index(cell)] if starts else 0
                raise SourceLine(command, number, raw).error(start, f"expected {column.expected()}")
        elif not re.fullmatch(column.pattern, text):
            raise SourceLine(command, number, raw).error(where, f"expected {column.expected()}")
        values[column.field] = text
    return Row(shape.kind, values, number, raw)




def _match(
    layouts: Sequence[Layout], line: str, number: int, raw: str
) -> Optional[tuple[Layout, Item]]:
    for layout in layouts:
        for shape in layout.shapes:
            found = shape.match(line)
            if found is not None:
                if shape.record is not None:
                    return layout, shape.build(found.groups(), number)
                cells = found.groupdict()
                for field, shared in shape.sharers:
                    value = cells[field]
                    if value is not None:
                        cells[field] = shared(value)
                return layout, Row(shape.kind, cells, number, raw)
    return None


def _best_failure(layouts: Sequence[Layout], line: str) -> tuple[int, str]:
    """The failure that got furthest into the line; among equals, the shape whose number of
    cells is nearest the line's number of words (a port row, not an aggregation row)."""
    count = len(line.split())
    best: Optional[tuple[int, int, str]] = None
    for layout in layouts:
        for shape in layout.shapes:
            loc, why = shape.failure(line)
            key = (loc, -abs(len(shape.cells) - count), why)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:  # pragma: no cover - every grammar has shapes
        return 0, "expected a row"
    return best[0], best[2]

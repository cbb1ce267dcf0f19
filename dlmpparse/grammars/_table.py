"""The one way every grammar is built: columns -> row shapes -> layouts -> a table grammar.

A command's output is a table whose every line is a header, a separator row of dashes, a data
row of one of a few *shapes* (an aggregation row, a port row under it, a continuation row...)
or blank. Nothing else is accepted: strict line accounting, no row silently dropped.

Each shape is compiled once into a pyparsing ``Regex`` with a named group per cell. Rows are
split on whitespace, not on header positions, because libofmt pushes the rest of a row right
when a value is wider than its column. The driver matches lines with the compiled pattern the
``Regex`` element holds (``element.re``): pyparsing's ``parse_string`` costs about ten times as
much per line and the table bodies are large. When no shape fits a line, the same shapes are
tried as per-cell pyparsing ``And`` grammars, whose ``ParseException`` gives the exact column
and the name of the cell expected there; that is what the ``ParseError`` reports.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, Callable, Literal, NamedTuple, Optional

import attrs
import pyparsing as pp

from .._text import normalise_line, normalise_text, split_lines
from ..errors import ParseError, SourceLine
from ..records import Record
from ._rows import RecordBuilder, build_statements, record_builder

__all__ = [
    "BODY_BLANKS",
    "BODY_CHUNK",
    "BODY_MAYBE_BLANKS",
    "BodyDeclined",
    "Cell",
    "Cells",
    "Column",
    "Layout",
    "Row",
    "RowKind",
    "Shape",
    "TableGrammar",
    "normalise_line",
    "normalised_chunks",
    "share",
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
    is no evidence that a line is a row of this table rather than prose. ``shared`` marks one
    whose cells repeat from row to row (a state, a speed, a mode): rows read line by line share
    one string per value (``share``) rather than each keeping its own copy. (The whole-body
    fast path does not: a dictionary look-up per cell cost it 8.6-16 % more instructions.)
    """

    name: str
    field: str
    pattern: str
    describe: str
    generic: bool = False
    shared: bool = False
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


# The strings rows share (see ``Column.shared``): a value's first copy stands for every later
# one. Emptied when it grows past a bound, so that it never holds more than a few vocabularies'
# worth of strings, whatever the input; a value read again after that is simply shared anew.
_SHARED: dict[str, str] = {}
_SHARED_MAX = 4096


def share(value: str) -> str:
    """The one string rows share for ``value`` (equal to it)."""
    if len(_SHARED) > _SHARED_MAX:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


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
    """One data row read: which shape it matched, its cells by field name, where it was, and
    the record it makes where its shape declares one (``Shape.record``: then ``cells`` is
    empty, the record holds the values).

    ``text`` is the line as given where the per-line path read it, and empty where the body
    reader did (``Context.error`` finds the line's text for an error about such a row).
    A named tuple rather than an attrs class: one is made per input line.
    """

    kind: RowKind
    cells: dict[str, Optional[str]]
    line: int
    text: str
    record: Optional[Record] = None


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
        self.shared_fields = tuple(c.column.field for c in self.cells if c.column.shared)
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


class _Stop(Exception):
    """The table ended at this index (transcript mode): the rest is not this command's output."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class _Source:
    """A table's output as lines or as text, each made from the other only when needed: the
    body reader wants the text, the per-line path a line."""

    __slots__ = ("_lines", "_text")

    def __init__(self, lines: Optional[Sequence[str]], text: Optional[str]) -> None:
        if lines is None and text is None:
            raise TypeError("a table needs lines or text")
        self._lines = lines
        self._text = text

    def lines(self) -> Sequence[str]:
        if self._lines is None:
            assert self._text is not None
            self._lines = split_lines(self._text)
        return self._lines

    def text(self) -> str:
        """The output, every line ended by LF."""
        text = self._text
        if text is None:
            assert self._lines is not None
            # One string: "+" would copy the joined text once more.
            text = "\n".join([*self._lines, ""]) if self._lines else ""
        elif text and not text.endswith("\n"):
            text += "\n"
        self._text = text
        return text


Classifier = Callable[[str], Optional[RowKind]]

# The cells of a row built straight into a record (``Row.record``): one shared empty mapping.
_NO_CELLS: dict[str, Optional[str]] = {}


class _State:
    """What the reader knows between lines: the layout in force, whether a header was seen,
    and (for positional layouts) where the header's words start."""

    __slots__ = ("layout", "seen_header", "starts")

    def __init__(self) -> None:
        self.layout: Optional[Layout] = None
        self.seen_header = False
        self.starts: list[int] = []


# Reads a run of matched lines (see ``_Body``): from the line tuples, the number of the line
# before them, the rows so far, the layout in force and whether a header was seen; gives the
# last line's number, the layout and header state, whether that line is left to the per-line
# path (a row of a layout not in force, or before a required header), and the text after it
# that the body pattern did not match.
Dispatch = Callable[
    [Iterator[Cells], int, list[Row], Optional[Layout], bool],
    tuple[int, Optional[Layout], bool, bool, str],
]


class _Body:
    """A table's whole-body pattern and the reader generated for it.

    The pattern holds every kind of line as an alternative between a line's start and end:
    the layouts' headers (each followed by an empty marker group), a row of dashes, each
    shape's row (a group per cell), a blank. ``split`` cuts a chunk of the body at its matches,
    so a line costs one step of the regular-expression engine and no Python code; the pieces
    are each line's groups and the text between two matches (empty unless a line did not
    match). Headers and dashes come first, as in the per-line path, so that a header is never
    read as a row; shapes keep their declaration order, so a line that fits two shapes is the
    same shape's row on both paths.

    ``dispatch`` is generated once from the declarations: per line, the first marker or first
    required cell that is set says which alternative matched; a shape's row is built by its
    record's generated statements (``_rows.build_statements``) or as a dict of its cells.
    """

    def __init__(self, table: TableGrammar) -> None:
        self.table = table
        headers = [lay for lay in table.layouts if lay.header]
        # Rows given to an assembler as cells also carry their line's text (an assembler
        # may point into it); tables whose every row is a record's need no copy of it.
        self.with_text = any(
            shape.record is None for layout in table.layouts for shape in layout.shapes
        )
        first = 1 if self.with_text else 0
        alternatives = [f"{lay.header_body_pattern}()" for lay in headers]
        alternatives.append(f"-+(?:{BODY_BLANKS}-+)*")
        scope: dict[str, Any] = {"_Row": Row, "_tnew": tuple.__new__, "_share": share}
        scope["_NO_CELLS"] = _NO_CELLS
        layouts_matter = len(table.layouts) > 1 or table.header_required
        branches: list[tuple[str, list[str]]] = []
        for index, layout in enumerate(headers):
            scope[f"_layout{table.layouts.index(layout)}"] = layout
            scope[f"_header{index}"] = layout.name
            branches.append(
                (
                    f"c[{first + index}] is not None",
                    [
                        f"current = _layout{table.layouts.index(layout)}",
                        "seen = True",
                        f"append(_tnew(_Row, ('header', {{'layout': _header{index}}}, number,"
                        f" {'c[0]' if self.with_text else repr('')}, None)))",
                    ],
                )
            )
        position = first + len(headers)
        text = "c[0]" if self.with_text else "''"
        for number, layout in enumerate(table.layouts):
            scope[f"_layout{number}"] = layout
            for shape in layout.shapes:
                alternatives.append(shape.body_pattern)
                required = next(i for i, cell in enumerate(shape.cells) if not cell.optional)
                statements: list[str] = []
                if layouts_matter:
                    statements += [
                        f"if current is not _layout{number}:",
                        f"    if current is None and not {table.header_required}:",
                        f"        current = _layout{number}",
                        "    else:",
                        "        return number, current, seen, True, c[-1]",
                    ]
                scope[f"_kind{position}"] = shape.kind
                if shape.record is not None:
                    statements += build_statements(shape, position, "record", "number", scope, "")
                    row = f"(_kind{position}, _NO_CELLS, number, {text}, record)"
                else:
                    cells = ", ".join(
                        f"{cell.column.field!r}: "
                        + (
                            f"(None if (v := c[{position + i}]) is None else _share(v))"
                            if cell.column.shared
                            else f"c[{position + i}]"
                        )
                        for i, cell in enumerate(shape.cells)
                    )
                    row = f"(_kind{position}, {{{cells}}}, number, {text}, None)"
                statements.append(f"append(_tnew(_Row, {row}))")
                branches.append((f"c[{position + required}] is not None", statements))
                position += len(shape.cells)
        alternatives.append("")
        self.stride = position + 1
        source = [
            "def dispatch(lines, number, out, current, seen):",
            "    append = out.append",
            "    for c in lines:",
            "        number += 1",
        ]
        for index, (condition, statements) in enumerate(branches):
            source.append(f"        {'if' if index == 0 else 'elif'} {condition}:")
            source += [f"            {statement}" for statement in statements]
        # Blanks and rows of dashes make no row. The text after the line: a line (or more)
        # the body pattern did not match, left to the per-line path.
        source += [
            f"        if c[{position}]:",
            f"            return number, current, seen, False, c[{position}]",
            "    return number, current, seen, False, ''",
        ]
        exec(compile("\n".join(source) + "\n", f"<{table.command} reader>", "exec"), scope)
        self.dispatch: Dispatch = scope["dispatch"]
        line = f"{BODY_MAYBE_BLANKS}(?:" + "|".join(alternatives) + f"){BODY_MAYBE_BLANKS}"
        element = pp.Regex(f"^({line})\n" if self.with_text else f"^{line}\n", flags=re.M)
        element.set_name(f"a {table.command} table")
        self.pattern: re.Pattern[str] = element.re


class BodyDeclined(ValueError):
    """``ldm list -o network``'s block reader declines the output (its lines are then read by
    the sectioned-listing reader)."""


# A body is split a chunk of about this many characters at a time (cut at a line end): the
# pieces of one chunk are alive at once, never every cell of a large input.
BODY_CHUNK = 1 << 16


def normalised_chunks(text: str) -> Iterator[str]:
    """``text`` cut at line ends into chunks of about ``BODY_CHUNK`` characters, each with its
    lines normalised (``normalise_text``): a reader that matches line after line never needs a
    normalised copy of the whole input."""
    start = 0
    for end in _chunk_ends(text, BODY_CHUNK):
        yield normalise_text(text[start:end])
        start = end


def _chunk_ends(text: str, size: int) -> list[int]:
    """Where each chunk of ``text`` ends: after the last line end within ``size`` characters of
    its start (or, for a longer line, after that line's end)."""
    ends: list[int] = []
    start, length = 0, len(text)
    while start < length:
        end = text.rfind("\n", start, start + size) + 1
        if end <= start:
            end = text.find("\n", start + size) + 1 or length
        ends.append(end)
        start = end
    return ends


class Reading:
    """The rows of a table's output as they are read (``TableGrammar.read``): iterate once;
    ``consumed`` is the number of lines read once the rows are all taken."""

    def __init__(
        self, table: TableGrammar, source: _Source, first_line: int, lenient: bool, shown: str
    ) -> None:
        self.source = source
        self.first_line = first_line
        self.lenient = lenient
        self.shown = shown
        self.consumed = 0
        self._rows = chain.from_iterable(table._chunks(self))

    def __iter__(self) -> Iterator[Row]:
        return self._rows


class TableGrammar:
    """A command's table: its layouts, read with strict accounting.

    ``extra_lines`` may classify further whole-line kinds a command prints (ldm's section
    headings): it returns a kind for the line or None.
    """

    def __init__(
        self,
        command: str,
        layouts: Sequence[Layout],
        *,
        header_required: bool = False,
        extra_lines: Optional[Classifier] = None,
    ) -> None:
        self.command = command
        self.layouts = tuple(layouts)
        self.header_required = header_required
        self.extra_lines = extra_lines
        self._separator = _SEPARATOR.re.match

    @functools.cached_property
    def _body(self) -> Optional[_Body]:
        """The whole-body pattern and its reader, built on first use; None where every line
        needs the per-line path (section headings are classified before anything else, and
        the rows of a positional layout are cut at the header's word positions)."""
        if self.extra_lines is not None or any(lay.positional for lay in self.layouts):
            return None
        return _Body(self)

    @functools.cached_property
    def _records_by_kind(self) -> dict[str, Shape]:
        found: dict[str, Shape] = {}
        for layout in self.layouts:
            for shape in layout.shapes:
                if shape.record is not None:
                    found.setdefault(shape.kind, shape)
        return found

    def record_for(
        self, kind: RowKind, cells: Mapping[str, Optional[str]], line: int
    ) -> Optional[Record]:
        """The record a row of ``kind`` makes from cells given by field (the ``-p`` and ``-o``
        readers' rows), or None where that kind of row makes no record of its own."""
        shape = self._records_by_kind.get(kind)
        if shape is None:
            return None
        return shape.build_from(cells, line)

    def rows(
        self,
        lines: Optional[Sequence[str]],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
        text: Optional[str] = None,
    ) -> tuple[list[Row], int]:
        """Every row of the output at once, and how many lines were consumed (``read``)."""
        reading = self.read(lines, first_line, lenient=lenient, command=command, text=text)
        rows = list(reading)
        return rows, reading.consumed

    def read(
        self,
        lines: Optional[Sequence[str]],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
        text: Optional[str] = None,
    ) -> Reading:
        """Read the output into rows: ``lines``, or ``text`` when ``lines`` is None (split into
        lines only where a line needs the per-line path); given both, ``text`` is what
        ``lines`` were split from.

        The rows come a chunk at a time (an assembler that takes them as they come never
        holds a row per line of a large table), and ``consumed`` then says how many lines
        were read: all of them, unless ``lenient`` (reading a transcript), where the table may
        end before prose that follows it. A line that fits no kind raises ParseError, in
        lenient mode too when the line looks like a row of this table or a later line is one.

        The one reader: the body pattern matches the lines a chunk at a time and the generated
        ``dispatch`` makes their rows; a line it does not match (or a row of a layout not in
        force) goes to ``_line``, which classifies it as the declarations say, explains it
        (caret, "expected ...") or, leniently, ends the table there. Tables whose every line
        needs ``_line`` (section headings, positional layouts) are read by it alone.
        """
        return Reading(self, _Source(lines, text), first_line, lenient, command or self.command)

    def _chunks(self, reading: Reading) -> Iterator[list[Row]]:
        source, first_line = reading.source, reading.first_line
        state = _State()
        out: list[Row] = []
        body = self._body
        try:
            if body is None:
                all_lines = source.lines()
                for index in range(len(all_lines)):
                    self._line(source, index, reading, state, out)
                reading.consumed = len(all_lines)
                yield out
                return
            text = source.text()
            stride = body.stride
            dispatch = body.dispatch
            number = first_line - 1
            current: Optional[Layout] = None
            seen = False
            start = 0
            for end in _chunk_ends(text, BODY_CHUNK):
                pieces: list[Optional[str]] = body.pattern.split(normalise_text(text[start:end]))
                start = end
                gap = pieces[0] or ""
                rest = iter(pieces)
                next(rest)
                lines = zip(*[rest] * stride)
                while True:
                    for _ in range(gap.count("\n")):
                        number += 1
                        state.layout, state.seen_header = current, seen
                        self._line(source, number - first_line, reading, state, out)
                        current, seen = state.layout, state.seen_header
                    number, current, seen, stopped, gap = dispatch(
                        lines, number, out, current, seen
                    )
                    if stopped:
                        state.layout, state.seen_header = current, seen
                        self._line(source, number - first_line, reading, state, out)
                        current, seen = state.layout, state.seen_header
                    elif not gap:
                        break
                yield out
                out = []
            reading.consumed = number - first_line + 1
        except _Stop as stop:
            reading.consumed = stop.index
            yield out

    def _line(
        self, source: _Source, index: int, reading: Reading, state: _State, out: list[Row]
    ) -> None:
        """The per-line path: line ``index`` read as the declarations say, its row (if any)
        added to ``out``; a line that fits nothing raises ParseError, or ``_Stop`` where the
        table ends before it (``lenient``)."""
        lines = source.lines()
        raw = lines[index]
        line = normalise_line(raw)
        if _BLANK.match(line):
            return
        number = reading.first_line + index
        shown = reading.shown
        extra = self.extra_lines
        if extra is not None:
            kind = extra(line)
            if kind is not None:
                out.append(Row(kind, {"text": line.strip()}, number, raw))
                return
        found = self._header(line)
        if found is not None:
            state.layout = found
            state.seen_header = True
            state.starts = [m.start() for m in _WORD.finditer(line)]
            out.append(Row("header", {"layout": found.name}, number, raw))
            return
        if self._separator(line):
            return
        layout = state.layout
        if layout is not None and layout.positional is not None:
            out.append(_positional(layout.positional, state.starts, line, number, raw, shown))
            return
        candidates = (layout,) if layout is not None else self.layouts
        candidates = tuple(c for c in candidates if c.positional is None)
        matched = _match(candidates, line, number, raw)
        if matched is not None:
            if not state.seen_header and self.header_required:
                header = " ".join(self.layouts[0].header)
                raise SourceLine(shown, number, raw).error(
                    0, f"expected the table header ({header})"
                )
            state.layout, row = matched
            out.append(row)
            return
        if reading.lenient and not self._inside(lines, index, candidates):
            raise _Stop(index)
        column, why = _best_failure(candidates, line)
        raise SourceLine(shown, number, raw).error(column, why)

    def match_header(self, line: str) -> Optional[Layout]:
        line = normalise_line(line)
        for layout in self.layouts:
            if layout.match_header(line):
                return layout
        return None

    def _header(self, line: str) -> Optional[Layout]:
        for layout in self.layouts:
            if layout.match_header(line):
                return layout
        return None

    def _inside(self, lines: Sequence[str], index: int, layouts: Sequence[Layout]) -> bool:
        """Whether line ``index`` is inside the table: it looks like a row, or rows follow."""
        line = normalise_line(lines[index])
        for layout in layouts:
            for shape in layout.shapes:
                if shape.evidence and shape.specific_cells:
                    needed = max(1, (shape.specific_cells + 1) // 2)
                    if shape.evidence_score(line) >= needed or shape.truncated(line):
                        return True
        for later in lines[index + 1 :]:
            text = normalise_line(later)
            if _BLANK.match(text):
                continue
            for layout in layouts:
                if layout.match_header(text):
                    return True
                for shape in layout.shapes:
                    if shape.evidence and shape.match(text):
                        return True
        return False

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError:
        """A ParseError about a row that matched a shape but makes no sense where it is."""
        line = SourceLine(command or self.command, event.line, event.text)
        return line.error(max(column, line.indent()), why)


def _match(
    layouts: Sequence[Layout], line: str, number: int, raw: str
) -> Optional[tuple[Layout, Row]]:
    for layout in layouts:
        for shape in layout.shapes:
            found = shape.match(line)
            if found is not None:
                if shape.record is not None:
                    record = shape.build(found.groups(), number)
                    return layout, Row(shape.kind, _NO_CELLS, number, raw, record)
                cells = found.groupdict()
                for field in shape.shared_fields:
                    value = cells[field]
                    if value is not None:
                        cells[field] = share(value)
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

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
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Callable, Literal, NamedTuple, Optional

import attrs
import pyparsing as pp

from .._text import normalise_line, normalise_text
from ..errors import ParseError, SourceLine

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
    """One data row read: which shape it matched, its cells by field name, where it was.

    A named tuple rather than an attrs class: one is made per input line.
    """

    kind: RowKind
    cells: dict[str, Optional[str]]
    line: int
    text: str


# One line of a table body matched as a whole (``TableGrammar.body``): a marker per layout header
# ("" on that header's line), every shape's cells (None where the shape is not the line's, or
# for a missing optional cell), then the text up to the next line (always ""). A plain tuple:
# the engine makes one per line and row builders unpack it.
Cells = tuple[Optional[str], ...]


class Shape:
    """A kind of data row: cells separated by blanks, anchored at both ends of the line."""

    def __init__(self, kind: RowKind, cells: Sequence[Cell], *, evidence: bool = True) -> None:
        self.kind = kind
        self.cells = tuple(cells)
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


Classifier = Callable[[str], Optional[RowKind]]


class _Body:
    """A table's whole-body pattern: the layouts' headers (each followed by an empty marker
    group), a row of dashes, the shapes' rows, or a blank, between a line's start and end.

    Headers and dashes come first, as in ``rows``, so that a header is never read as a row;
    a row of another kind fails at its first word there. Shapes keep their declaration order,
    so a line that fits two shapes is the same shape's row as in ``rows``.
    """

    def __init__(self, table: TableGrammar) -> None:
        self.table = table
        headers = [lay for lay in table.layouts if lay.header]
        alternatives = [f"{lay.header_body_pattern}()" for lay in headers]
        alternatives.append(f"-+(?:{BODY_BLANKS}-+)*")
        # Tuple index of each header's marker, and of the first required cell of each shape
        # (set exactly when the line is that shape's row).
        self.markers = [(index, lay) for index, lay in enumerate(headers)]
        self.indicators: list[tuple[int, Layout]] = []
        index = len(headers)
        for layout in table.layouts:
            for shape in layout.shapes:
                alternatives.append(shape.body_pattern)
                required = [i for i, cell in enumerate(shape.cells) if not cell.optional]
                self.indicators.append((index + required[0], layout))
                index += len(shape.cells)
        alternatives.append("")
        self.stride = index + 1
        # A layout's rows must follow its header (or, with none seen, the first row's layout
        # holds): only a table of several layouts, or one that requires its header, checks.
        self.layouts_matter = len(table.layouts) > 1 or table.header_required
        element = pp.Regex(
            f"^{BODY_MAYBE_BLANKS}(?:" + "|".join(alternatives) + f"){BODY_MAYBE_BLANKS}\n",
            flags=re.M,
        )
        element.set_name(f"a {table.command} table")
        self.pattern: re.Pattern[str] = element.re

    def layouts_hold(
        self, pieces: Sequence[Optional[str]], current: Optional[Layout]
    ) -> tuple[bool, Optional[Layout]]:
        """Whether every row is of the layout in force, as ``rows`` requires, and the layout
        in force after these lines (``current``: the one in force before them)."""
        rest = iter(pieces)
        next(rest)
        for line in zip(*[rest] * self.stride):
            for index, layout in self.markers:
                if line[index] is not None:
                    current = layout
                    break
            else:
                for index, layout in self.indicators:
                    if line[index] is not None:
                        if current is None and not self.table.header_required:
                            current = layout
                        elif current is not layout:
                            return False, current
                        break
        return True, current


class BodyDeclined(ValueError):
    """A line of a table body read in chunks is not a blank, a header, a separator or a row of
    the layout in force: the fast path declines the whole body (found after the first chunk,
    when the rows before it have already been handed out)."""


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


class TableGrammar:
    """A command's table: its layouts, read line by line with strict accounting.

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
        """The whole-body pattern, built on first use (None where the fast path cannot read
        this table: section headings and word positions need the line-by-line reader)."""
        if self.extra_lines is not None or any(lay.positional for lay in self.layouts):
            return None
        return _Body(self)

    def body(
        self, text: str, lines: int, *, chunk: Optional[int] = None
    ) -> Optional[Iterator[Cells]]:
        """The ``lines`` lines of ``text`` (each ended by LF) matched as one body: a ``Cells``
        tuple per line, in order; or None when any line is not a blank, a header, a separator
        or a row of the layout in force (``rows`` then reads the lines one by one, to report
        the line or to stop before it).

        One pyparsing ``Regex`` holds every kind of line as an alternative, anchored at a
        line's start and end, and ``split`` cuts the text at its matches: the pieces are the
        groups of each line and the text between two matches, which must be empty (no line
        skipped). A line then costs one step of the regular-expression engine and no
        Python code; the pieces are strings, so the garbage collector has nothing to scan.

        The text is split ``chunk`` (default ``BODY_CHUNK``) characters at a time, at line
        ends, so that only one chunk's pieces are alive at once. The first chunk is checked
        before anything is returned; a bad line in a later one raises ``BodyDeclined`` while
        the rows are read.
        """
        body = self._body
        if body is None:
            return None
        if not lines:
            return iter(())
        ends = _chunk_ends(text, chunk or BODY_CHUNK)
        if not ends:
            return None
        first = self._pieces(body, text[: ends[0]], None)
        if first is None:
            return None
        pieces, layout = first
        stride = body.stride
        # Matches that leave nothing between them each take one whole line, so a chunk's
        # pieces count its lines.
        seen = [(len(pieces) - 1) // stride]
        in_force = [layout]
        rest = iter(pieces)
        next(rest)
        rows = zip(*[rest] * stride)
        if len(ends) == 1:
            return rows if seen[0] == lines else None

        def later(span: tuple[int, int]) -> Iterator[Cells]:
            found = self._pieces(body, text[span[0] : span[1]], in_force[0])
            if found is None:
                line = text.count("\n", 0, span[0]) + 1
                raise BodyDeclined(f"a line from line {line} on is not of the {self.command} table")
            pieces, in_force[0] = found
            seen[0] += (len(pieces) - 1) // stride
            rest = iter(pieces)
            next(rest)
            return zip(*[rest] * stride)

        def end(_: object) -> tuple[()]:
            if seen[0] != lines:
                raise BodyDeclined(f"{seen[0]} lines read where {lines} were given")
            return ()

        # Chained in C: a generator would cost a resumption per row.
        return chain(
            rows,
            chain.from_iterable(map(later, zip(ends, ends[1:]))),
            chain.from_iterable(map(end, (None,))),
        )

    @staticmethod
    def _pieces(
        body: _Body, chunk: str, layout: Optional[Layout]
    ) -> Optional[tuple[list[Optional[str]], Optional[Layout]]]:
        """The chunk split at its lines (see ``body``) and the layout in force after it, or
        None when a line is not the table's (``layout``: the one in force before it)."""
        pieces: list[Optional[str]] = body.pattern.split(normalise_text(chunk))
        stride = body.stride
        # pieces: the text before the first match, then per line its groups and the text up
        # to the next match (after the last: the text after it).
        if (len(pieces) - 1) % stride or any(pieces[::stride]):
            return None
        if body.layouts_matter:
            held, layout = body.layouts_hold(pieces, layout)
            if not held:
                return None
        return pieces, layout

    def match_header(self, line: str) -> Optional[Layout]:
        line = normalise_line(line)
        for layout in self.layouts:
            if layout.match_header(line):
                return layout
        return None

    def rows(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> tuple[list[Row], int]:
        """Read ``lines`` into rows.

        Returns the events and how many lines were consumed: all of them, unless ``lenient``
        (reading a transcript), where the table may end before prose that follows it. A line
        that fits no kind raises ParseError, in lenient mode too when the line looks like a row
        of this table or a later line is one.
        """
        shown = command or self.command
        out: list[Row] = []
        layout: Optional[Layout] = None
        seen_header = False
        starts: list[int] = []
        separator = self._separator
        extra = self.extra_lines
        try:
            for index, raw in enumerate(lines):
                line = normalise_line(raw)
                if _BLANK.match(line):
                    continue
                number = first_line + index
                if extra is not None:
                    kind = extra(line)
                    if kind is not None:
                        out.append(Row(kind, {"text": line.strip()}, number, raw))
                        continue
                found = self._header(line)
                if found is not None:
                    layout = found
                    seen_header = True
                    starts = [m.start() for m in _WORD.finditer(line)]
                    out.append(Row("header", {"layout": found.name}, number, raw))
                    continue
                if separator(line):
                    continue
                if layout is not None and layout.positional is not None:
                    out.append(_positional(layout.positional, starts, line, number, raw, shown))
                    continue
                candidates = (layout,) if layout is not None else self.layouts
                candidates = tuple(c for c in candidates if c.positional is None)
                matched = _match(candidates, line, number, raw)
                if matched is not None:
                    if not seen_header and self.header_required:
                        header = " ".join(self.layouts[0].header)
                        raise SourceLine(shown, number, raw).error(
                            0, f"expected the table header ({header})"
                        )
                    layout, event = matched
                    out.append(event)
                    continue
                if lenient and not self._inside(lines, index, candidates):
                    raise _Stop(index)
                column, why = _best_failure(candidates, line)
                raise SourceLine(shown, number, raw).error(column, why)
        except _Stop as stop:
            return out, stop.index
        return out, len(lines)

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

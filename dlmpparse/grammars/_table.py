"""The one reader of a table (``TableGrammar``), from the declarations in ``_shapes``.

The table body is matched a chunk at a time by one pattern that holds every kind of line (the
layouts' headers, dashes, each shape's row, a blank), and a reader generated from the
declarations (``_Body.dispatch``) turns each matched line into its row: a record built by the
shape's generated builder, or the cells as a dict. A line the pattern does not match goes to
the per-line path (``TableGrammar._line``), which classifies it (a section heading, a row of a
positional layout), explains it (caret, "expected ...") or, in a transcript, ends the table
there. The pattern is compiled from pyparsing ``Regex`` elements and matched with the compiled
expression they hold: pyparsing's ``parse_string`` costs about ten times as much per line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, Callable, Optional

import pyparsing as pp

from .._text import Lines, normalise_line, normalise_text
from ..errors import ParseError, SourceLine
from ..records import Record
from ._rows import CellTables, build_statements
from ._shapes import (
    _BLANK,
    _SEPARATOR,
    _WORD,
    BODY_BLANKS,
    BODY_MAYBE_BLANKS,
    Cell,
    Cells,
    Column,
    Item,
    Layout,
    Row,
    RowKind,
    Shape,
    _best_failure,
    _match,
    _positional,
    share,
)

__all__ = [
    "BODY_BLANKS",
    "BODY_CHUNK",
    "BODY_MAYBE_BLANKS",
    "BodyDeclined",
    "Cell",
    "Cells",
    "Column",
    "Item",
    "Layout",
    "Reading",
    "Row",
    "RowKind",
    "Shape",
    "TableGrammar",
    "normalise_line",
    "normalised_chunks",
    "share",
]

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

    def span(self) -> tuple[str, int, int]:
        """The text the output is in, where it begins and ends there: the lines of a part
        of the input are read where they are, without a copy of their text."""
        lines = self._lines
        if self._text is None and isinstance(lines, Lines):
            return lines.span()
        text = self.text()
        return text, 0, len(text)

    def lines(self) -> Sequence[str]:
        if self._lines is None:
            assert self._text is not None
            # The text and where its lines start, not a string per line (a table read line
            # by line holds its rows a thousand at a time, never its every line).
            self._lines = Lines(self._text)
        return self._lines

    def text(self) -> str:
        """The output, every line ended by LF."""
        text = self._text
        if text is None and isinstance(self._lines, Lines):
            text = self._lines.text
        if text is None:
            assert self._lines is not None
            # One string: "+" would copy the joined text once more.
            text = "\n".join([*self._lines, ""]) if self._lines else ""
        elif text and not text.endswith("\n"):
            text += "\n"
        self._text = text
        return text


Classifier = Callable[[str], Optional[RowKind]]


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
    [Iterator[Cells], int, list[Item], Optional[Layout], bool],
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
        # may point into it); tables whose every row is a record's need no copy of it, and
        # no header rows: their headers only steer the reader.
        self.with_text = table.gives_rows
        first = 1 if self.with_text else 0
        alternatives = [f"{lay.header_body_pattern}()" for lay in headers]
        alternatives.append(f"-+(?:{BODY_BLANKS}-+)*")
        scope: dict[str, Any] = {"_Row": Row, "_tnew": tuple.__new__}
        self.tables = CellTables(scope)
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
                    ]
                    + (
                        [
                            f"append(_tnew(_Row, ('header', {{'layout': _header{index}}},"
                            " number, c[0])))"
                        ]
                        if self.with_text
                        else []
                    ),
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
                    statements += build_statements(
                        shape, position, "record", "number", scope, "", self.tables
                    )
                    statements.append("append(record)")
                else:
                    # Every cell kept one string per value (the shape's own tables): a fleet's
                    # rows repeat their names domain after domain, not only their states.
                    looks = [
                        self.tables.add(f"_look{position + i}", {})
                        for i in range(len(shape.cells))
                    ]
                    cells = ", ".join(
                        f"{cell.column.field!r}: {look}(v := c[{position + i}], v)"
                        for i, (cell, look) in enumerate(zip(shape.cells, looks))
                    )
                    row = f"(_kind{position}, {{{cells}}}, number, {text})"
                    statements.append(f"append(_tnew(_Row, {row}))")
                branches.append((f"c[{position + required}] is not None", statements))
                position += len(shape.cells)
        alternatives.append("")
        self.stride = position + 1
        # Rows first: they are most of the lines, and one line matches one alternative only.
        branches = branches[len(headers) :] + branches[: len(headers)]
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
# Rows read line by line are handed over this many at a time.
_ROWS_AT_ONCE = 1024


def normalised_chunks(text: str) -> Iterator[str]:
    """``text`` cut at line ends into chunks of about ``BODY_CHUNK`` characters, each with its
    lines normalised (``normalise_text``): a reader that matches line after line never needs a
    normalised copy of the whole input."""
    start = 0
    for end in _chunk_ends(text, BODY_CHUNK):
        yield normalise_text(text[start:end])
        start = end


def _chunk_ends(text: str, size: int, start: int = 0, length: Optional[int] = None) -> list[int]:
    """Where each chunk of ``text`` (from ``start`` to ``length``) ends: after the last line
    end within ``size`` characters of its start (or, for a longer line, after that line's
    end)."""
    ends: list[int] = []
    length = len(text) if length is None else length
    while start < length:
        end = text.rfind("\n", start, min(start + size, length)) + 1
        if end <= start:
            end = text.find("\n", start + size, length) + 1 or length
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

    def __iter__(self) -> Iterator[Item]:
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
    def gives_rows(self) -> bool:
        """Whether some rows come as cells (``Row``s, headers among them); where every shape
        declares its record class the reader gives records only."""
        return any(shape.record is None for layout in self.layouts for shape in layout.shapes)

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
    ) -> tuple[list[Item], int]:
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

    def _chunks(self, reading: Reading) -> Iterator[list[Item]]:
        source, first_line = reading.source, reading.first_line
        state = _State()
        out: list[Item] = []
        body = self._body
        try:
            if body is None:
                all_lines = source.lines()
                for index in range(len(all_lines)):
                    self._line(source, index, reading, state, out)
                    if len(out) >= _ROWS_AT_ONCE:
                        yield out
                        out = []
                reading.consumed = len(all_lines)
                yield out
                return
            text, start, finish = source.span()
            tables = body.tables
            tables.restart()
            stride = body.stride
            dispatch = body.dispatch
            number = first_line - 1
            current: Optional[Layout] = None
            seen = False
            for end in _chunk_ends(text, BODY_CHUNK, start, finish):
                chunk = text[start:end]
                if not chunk.endswith("\n"):
                    chunk += "\n"  # the input's last line, without its LF
                pieces: list[Optional[str]] = body.pattern.split(normalise_text(chunk))
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
                tables.tidy()
                yield out
                out = []
            reading.consumed = number - first_line + 1
        except _Stop as stop:
            reading.consumed = stop.index
            yield out

    def _line(
        self, source: _Source, index: int, reading: Reading, state: _State, out: list[Item]
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
            if self.gives_rows:
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



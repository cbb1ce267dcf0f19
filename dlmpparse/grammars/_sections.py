"""The machinery of ldm's sectioned listings (``ldm list -o network``, ``ldm list -l``,
``ldm list-bindings``, ``ldm list-services``): a listing split at its headings, each section read
by its own reader, every line accounted for.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Optional, Protocol, Union

from .._text import normalise_line
from ..errors import ParseError, SourceLine
from ._base import Streamed, StreamingTable, only_rows
from ._table import (
    Cell,
    Column,
    Item,
    Layout,
    Row,
    RowKind,
    Shape,
    TableGrammar,
)

__all__ = [
    "CONSUMED_TABLES",
    "KEY_VALUE_SECTIONS",
    "VALUE_SECTIONS",
    "NothingReader",
    "PairsReader",
    "RowsReader",
    "SectionReader",
    "SectionedTable",
    "SkippedSection",
    "UnknownSection",
    "ValueReader",
    "consumed_sections",
    "headings",
]


def headings(*names: str) -> re.Pattern[str]:
    return re.compile(r"[ \t]*(?:" + "|".join(names) + r")[ \t]*$")


# --- ldm's sectioned listings -----------------------------------------------------------------
#
# ``ldm list -o network``, ``ldm list -l``, ``ldm list-bindings`` and ``ldm list-services`` print
# sections under headings (``VSW``, ``NETWORK``, ``VCC``, ...), each a table of its own; a line of
# dashes separates domains. ``SectionedTable`` splits the output at the headings and gives each
# section's lines to that section's reader, so every line is accounted for: read into rows (VSW,
# NETWORK), taken as a heading's value (NAME, MAC), or consumed under a known heading whose
# contents are not records (VCC, VDS, VCPU, ...). A heading this version does not know, over an
# indented table, is consumed and reported (``UnknownSection``): a release that adds a section
# must not cost the listing its VSW and NETWORK sections.


class SectionReader(Protocol):
    """Reads the lines of one section (after its heading) into rows."""

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> Union[tuple[list[Row], int], Streamed]: ...


def _indent(line: str) -> int:
    text = line.expandtabs(8)
    return len(text) - len(text.lstrip(" "))


# A table header: column names in capitals (``NAME``, ``PORT-RANGE``, ``PVID|PVLAN|VIDs``).
_HEADER_WORD = r"[A-Z][A-Za-z0-9_|?/-]*"
_HEADER_LINE = re.compile(rf"[ \t]*{_HEADER_WORD}(?:[ \t]+{_HEADER_WORD})*[ \t]*$")
_CAPS_WORD = re.compile(r"[A-Z][A-Z0-9_-]+[ \t]*$")
_DOMAIN_SEPARATOR = re.compile(r"-{20,}[ \t]*$")
_KEY_VALUE = re.compile(r"[ \t]*[^\s=]+=.*$")


class ValueReader:
    """A heading followed by one value line: NAME (a domain), MAC, UUID, HOSTID, SOFTSTATE."""

    def __init__(self, heading: str) -> None:
        self.heading = heading

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> tuple[list[Row], int]:
        out: list[Row] = []
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip():
                continue
            if out:
                if lenient:
                    return out, index
                raise SourceLine(command, first_line + index, raw).error(
                    _indent(line),
                    f"expected one value under the {self.heading} heading, or the next heading",
                )
            out.append(Row("value", {"value": line.strip()}, first_line + index, raw))
        return out, len(lines)


class PairsReader:
    """A section of ``key=value`` lines (CONTROL, DEPENDENCY, VARIABLES): consumed, not read."""

    def __init__(self, heading: str) -> None:
        self.heading = heading

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> tuple[list[Row], int]:
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip() or _KEY_VALUE.match(line):
                continue
            if lenient:
                return [], index
            raise SourceLine(command, first_line + index, raw).error(
                _indent(line),
                f"expected a key=value line of the {self.heading} section",
            )
        return [], len(lines)


class SkippedSection:
    """A section whose table is not read into records (VCC, VDS, VCPU, IO, ...).

    Its first line must be a header of column names; every later line must be indented at
    least as far as that header (ldm prints rows and sub-tables such as CLIENT under it).
    """

    def __init__(self, heading: str) -> None:
        self.heading = heading

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> tuple[list[Row], int]:
        header_indent: Optional[int] = None
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip():
                continue
            if header_indent is None:
                if _HEADER_LINE.match(line):
                    header_indent = _indent(line)
                    continue
                why = f"expected the column names of the {self.heading} table"
            elif _indent(line) >= header_indent:
                continue
            else:
                why = f"expected a row of the {self.heading} table, indented under its header"
            if lenient:
                return [], index
            raise SourceLine(command, first_line + index, raw).error(_indent(line), why)
        return [], len(lines)


class _NotASection(Exception):
    """The lines under a capitalised word are no indented table: the word is no heading."""


class UnknownSection:
    """A section under a heading this version does not know (``DISK`` in LDoms 1.x, a release's
    ``PCIE``, ``VPCI``...): an indented table (or ``key=value`` lines) under the heading.

    It is consumed, not read: one ``unread`` row names the heading and its last line, and the
    assembler makes it an ``UnreadSection`` record (the transcript reader reports it as text not
    read). Lines that are no such table mean the word was no heading (``_NotASection``).
    """

    def __init__(self, heading: str, line: int, raw: str) -> None:
        self.heading = heading
        self.line = line
        self.raw = raw

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> tuple[list[Row], int]:
        header_indent: Optional[int] = None
        pairs = False
        last = self.line
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip():
                continue
            indent = _indent(line)
            if header_indent is None:
                if indent == 0:
                    raise _NotASection()
                header_indent = indent
                pairs = _KEY_VALUE.match(line) is not None and not _HEADER_LINE.match(line)
                if not pairs and not _HEADER_LINE.match(line):
                    raise _NotASection()
            elif indent < header_indent or (pairs and not _KEY_VALUE.match(line)):
                why = f"expected a row of the {self.heading} section, indented under its header"
                if lenient:
                    return [self._event(last)], index
                raise SourceLine(command, first_line + index, raw).error(indent, why)
            last = first_line + index
        if header_indent is None:
            raise _NotASection()
        return [self._event(last)], len(lines)

    def _event(self, last: int) -> Row:
        return Row("unread", {"text": self.heading, "last": str(last)}, self.line, self.raw)


class NothingReader:
    """Where a listing must start with a heading: any text before the first one is an error."""

    def __init__(self, expected: str) -> None:
        self.expected = expected

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> tuple[list[Row], int]:
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip():
                continue
            if lenient:
                return [], index
            raise SourceLine(command, first_line + index, raw).error(0, f"expected {self.expected}")
        return [], len(lines)


class RowsReader:
    """A section read into rows by a ``TableGrammar``.

    ``layouts`` are fixed layouts (ldm 3.6's block form, whose header repeats for every
    device). ``catalogues`` give one-line tables whose header is any run of known column names
    starting with NAME: each header seen becomes a positional ``Layout`` (cells may be blank in
    the middle of a row) whose row kind is the catalogue's. Sub-tables (``PEER``, ``CLIENT``
    under a row, indented further) are consumed and not read.
    """

    def __init__(
        self,
        layouts: Sequence[Layout],
        catalogues: Sequence[tuple[RowKind, Sequence[Column]]] = (),
        *,
        subtables: Sequence[str] = ("PEER", "CLIENT"),
    ) -> None:
        self.layouts = tuple(layouts)
        self.catalogues = tuple((kind, {c.name: c for c in cols}) for kind, cols in catalogues)
        self.subtables = frozenset(subtables)
        self._positional: dict[tuple[str, ...], Layout] = {}

    def positional_layout(self, words: Sequence[str]) -> Optional[Layout]:
        """The one-line layout whose header is these words, if they name known columns."""
        key = tuple(words)
        if key in self._positional:
            return self._positional[key]
        if len(key) < 2 or key[0] != "NAME" or len(set(key)) != len(key):
            return None
        for kind, catalogue in self.catalogues:
            if all(word in catalogue for word in key):
                cells = [Cell(catalogue[w], optional=index > 0) for index, w in enumerate(key)]
                layout = Layout(f"{kind}:{' '.join(key)}", key, positional=Shape(kind, cells))
                self._positional[key] = layout
                return layout
        return None

    def read(
        self, lines: Sequence[str], first_line: int, *, lenient: bool, command: str
    ) -> Streamed:
        masked = list(lines)
        layouts = list(self.layouts)
        header_indents: dict[int, int] = {}
        sub_indent: Optional[int] = None
        for index, raw in enumerate(lines):
            line = normalise_line(raw)
            if not line.strip():
                continue
            words = line.split()
            if sub_indent is not None:
                if _indent(line) >= sub_indent:
                    masked[index] = ""
                    continue
                sub_indent = None
            if words[0] in self.subtables and _HEADER_LINE.match(line):
                sub_indent = _indent(line)
                masked[index] = ""
                continue
            if any(layout.match_header(line) for layout in self.layouts):
                header_indents[index] = _indent(line)
                continue
            found = self.positional_layout(words) if _HEADER_LINE.match(line) else None
            if found is not None:
                header_indents[index] = _indent(line)
                if found not in layouts:
                    layouts.append(found)
        grammar = TableGrammar(command, layouts)

        def rows(streamed: Streamed) -> Iterator[Item]:
            # Handed over as they are read: a section of thousands of devices is never held
            # as every row at once.
            given = 0
            reading = grammar.read(masked, first_line, lenient=lenient, command=command)
            try:
                for row in only_rows(reading):
                    given += 1
                    yield row
                streamed.consumed = reading.consumed
                return
            except ParseError as exc:
                index = exc.line - first_line if exc.line is not None else -1
                if not lenient or not 0 < index < len(lines):
                    raise
                # A one-line table ends where a line is indented less than its header (prose
                # after the output in a transcript).
                headers = [h for h in header_indents if h < index]
                if not headers or _indent(normalise_line(lines[index])) >= header_indents[
                    headers[-1]
                ]:
                    raise
            # The rows before that line, less those already given.
            before = grammar.read(masked[:index], first_line, lenient=True, command=command)
            for number, row in enumerate(only_rows(before)):
                if number >= given:
                    yield row
            streamed.consumed = index

        return Streamed(rows)


class SectionedTable(StreamingTable):
    """An ldm listing: sections under headings, each read by its own reader (see above).

    ``start`` reads what comes before the first heading (and after a domain separator);
    ``rejected`` headings raise ParseError with the message given; ``claims`` are the headers
    by which output pasted without its command is recognised as this listing.
    """

    def __init__(
        self,
        command: str,
        *,
        start: SectionReader,
        sections: Mapping[str, SectionReader],
        rejected: Mapping[str, str] = MappingProxyType({}),
        claims: Sequence[Layout] = (),
    ) -> None:
        self.command = command
        self.start = start
        self.sections = dict(sections)
        self.rejected = dict(rejected)
        self.claims = tuple(claims)

    def match_header(self, line: str) -> Optional[Layout]:
        text = normalise_line(line)
        for layout in self.claims:
            if layout.match_header(text):
                return layout
        return None

    def stream(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> Streamed:
        """The listing's rows a section at a time (a listing of thousands of devices is never
        held as every row at once; ``rows``: all of them)."""
        shown = command or self.command

        def flush(
            reader: SectionReader, begin: int, end: int
        ) -> Generator[Item, None, Optional[int]]:
            """Read the section ``lines[begin:end]``: its rows, then (returned) the index where
            it stopped, if early."""
            try:
                read = reader.read(
                    lines[begin:end], first_line + begin, lenient=lenient, command=shown
                )
            except _NotASection:
                assert isinstance(reader, UnknownSection)
                heading_index = reader.line - first_line
                if lenient:
                    # Prose after the listing (a capitalised word), not a section.
                    return heading_index
                known = ", ".join(sorted(self.sections))
                raise SourceLine(shown, reader.line, reader.raw).error(
                    _indent(normalise_line(reader.raw)),
                    f"unknown section heading {reader.heading} (known: {known}), and no "
                    "indented table under it",
                ) from None
            if isinstance(read, Streamed):
                yield from read
                consumed = read.consumed
            else:
                events, consumed = read
                yield from events
            return begin + consumed if consumed < end - begin else None

        def rows(streamed: Streamed) -> Iterator[Item]:
            reader: SectionReader = self.start
            begin = 0
            for index, raw in enumerate(lines):
                line = normalise_line(raw)
                text = line.strip()
                if not text:
                    continue
                number = first_line + index
                heading = text if (text in self.sections or text in self.rejected) else None
                separator = _DOMAIN_SEPARATOR.match(line) is not None
                unknown = (
                    heading is None
                    and not separator
                    and not isinstance(reader, ValueReader)
                    and _CAPS_WORD.match(line) is not None
                )
                if heading is None and not separator and not unknown:
                    continue
                stop = yield from flush(reader, begin, index)
                if stop is not None:
                    streamed.consumed = stop
                    return
                if heading is not None and heading in self.rejected:
                    raise SourceLine(shown, number, raw).error(
                        _indent(line), self.rejected[heading]
                    )
                if unknown:
                    # A heading this version does not know: its table is consumed and
                    # reported as not read, and the listing's other sections are still read.
                    reader = UnknownSection(text, number, raw)
                elif heading is not None:
                    yield Row("heading", {"text": heading}, number, raw)
                    reader = self.sections[heading]
                else:
                    yield Row("separator", {"text": text}, number, raw)
                    reader = self.start
                begin = index + 1
            stop = yield from flush(reader, begin, len(lines))
            streamed.consumed = len(lines) if stop is None else stop

        return Streamed(rows)

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError:
        line = SourceLine(command or self.command, event.line, event.text)
        return line.error(max(column, line.indent()), why)



# Sections of ``ldm list -l`` and ``ldm list-bindings`` that hold no network records.
CONSUMED_TABLES = (
    "CORE",
    "VCPU",
    "MAU",
    "CRYPTO",
    "MEMORY",
    "IO",
    "VCC",
    "VDS",
    "VDISK",
    "VCONS",
    "VDPCS",
    "VDPCC",
    "VLDC",
    "VLDCC",
    "VSAN",
    "VHBA",
)
KEY_VALUE_SECTIONS = ("CONTROL", "DEPENDENCY", "VARIABLES", "CONSTRAINT")
VALUE_SECTIONS = ("MAC", "HOSTID", "UUID", "SOFTSTATE")


def consumed_sections(*headings: str) -> dict[str, SectionReader]:
    out: dict[str, SectionReader] = {}
    for heading in headings:
        if heading in KEY_VALUE_SECTIONS:
            out[heading] = PairsReader(heading)
        elif heading in VALUE_SECTIONS or heading == "NAME":
            out[heading] = ValueReader(heading)
        else:
            out[heading] = SkippedSection(heading)
    return out


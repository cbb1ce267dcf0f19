"""Parseable output: ``dladm show-* -p -o FIELDS`` and ``ipadm show-* -p -o FIELDS``.

The rules are libofmt's (PSARC/2008/374): no header; fields in the order ``-o`` named them,
separated by ``:``; when more than one field is requested a ``:`` or ``\\`` inside a value is
escaped as ``\\:`` or ``\\\\``; with a single field the value is printed as it is; an empty value
is printed empty (not ``--``). So lines are never split with ``str.split(":")``: MAC and IPv6
addresses carry escaped colons.

Each parseable form reuses its human grammar: the ``-o`` field names are the human header's
column names, every value is checked against that column's cell pattern, and the rows become
the same events the human table gives, so the same assembler builds the same records. The
fields ``-o`` did not name are listed in each record's ``not_shown`` (docs/schema.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Optional

import attrs

from .._text import normalise_line
from ..commands import Invocation
from ..errors import ParseError, SourceLine
from ..records import Record
from ._base import Context, Grammar, Streamed, StreamingTable
from ._shapes import sharer_of
from ._table import Column, Item, Row, RowKind, TableGrammar
from .fields import assemble_marked, fields_row

__all__ = ["parseable_variant", "split_fields"]

# A field: runs of plain characters with escaped characters between them ("unrolled": one
# character class repeated, where (?:[^\\:]|\\.)* entered a group per character, three
# times slower and superlinear on a long line through the engine's backtracking stack).
_FIELD = re.compile(r"([^\\:]*(?:\\.[^\\:]*)*)(:|$)")


def split_fields(line: str, count: int) -> Optional[list[tuple[int, str]]]:
    """The unescaped fields of a parseable line with their 0-based start columns.

    With one field the line is the value. Returns None when the line does not hold exactly
    ``count`` fields or ends in a lone backslash.
    """
    if count == 1:
        return [(0, line)]
    out: list[tuple[int, str]] = []
    position = 0
    while True:
        match = _FIELD.match(line, position)
        if match is None:  # pragma: no cover - the pattern matches the empty string
            return None
        raw = match.group(1)
        if raw.endswith("\\") and not raw.endswith("\\\\"):
            return None
        out.append((position, re.sub(r"\\(.)", r"\1", raw)))
        if not match.group(2):
            break
        position = match.end()
    return out if len(out) == count else None


class ParseableTable(StreamingTable):
    """Reads one ``-p -o FIELDS`` output of a human grammar's table."""

    def __init__(self, human: Grammar, fields: Sequence[str], operand: Optional[str]) -> None:
        self.human = human
        table = human.table
        assert isinstance(table, TableGrammar)
        columns: dict[str, list[Column]] = {}
        order: list[str] = []
        for layout in table.layouts:
            for name in layout.header:
                if name not in order:
                    order.append(name)
            for shape in layout.shapes:
                for cell in shape.cells:
                    columns.setdefault(cell.column.name.upper(), []).append(cell.column)
        for extra in human.parseable_columns:
            columns.setdefault(extra.name.upper(), []).append(extra)
            order.append(extra.name)
        if [f.lower() for f in fields] == ["all"]:
            fields = [name for name in table.layouts[0].header if name.upper() in columns]
        unknown = [f for f in fields if f.upper() not in columns]
        if unknown:
            known = ", ".join(n.lower() for n in order)
            raise ValueError(f"unknown field {unknown[0]!r} for {human.key} (fields: {known})")
        self.fields = [columns[f.upper()] for f in fields]
        self.all_fields = sorted({c.field for group in columns.values() for c in group})
        identity = table.layouts[0].header[0].upper()
        self.identity_name = identity.lower()
        self.identity = columns[identity][0].field
        self.needs_identity = identity not in {f.upper() for f in fields}
        self.operand = operand
        # What -o left out, named on each record (the identity from the operand is shown).
        shown = {c.field for group in self.fields for c in group}
        if self.needs_identity and operand is not None:
            shown.add(self.identity)
        self.hidden = sorted(set(self.all_fields) - shown)

    def match_header(self, line: str) -> Optional[object]:
        return None

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError:
        return SourceLine(command or self.human.key, event.line, event.text).error(column, why)

    def stream(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> Streamed:
        """A row per line, made as the assembler takes them (``rows``: all of them)."""
        shown = command or self.human.key

        def rows(streamed: Streamed) -> Iterator[Item]:
            yield fields_row(self.hidden, first_line, human=False)
            for index, raw in enumerate(lines):
                line = normalise_line(raw)
                try:
                    row = self._event(line, raw, first_line + index, shown)
                except ParseError:
                    if lenient and not any(
                        self._fits(normalise_line(later)) for later in lines[index + 1 :]
                    ):
                        streamed.consumed = index
                        return
                    raise
                yield row
            streamed.consumed = len(lines)

        return Streamed(rows)

    def _fits(self, line: str) -> bool:
        try:
            self._event(line, line, 1, "")
        except ParseError:
            return False
        return True

    def _event(self, line: str, raw: str, number: int, command: str) -> Item:
        source = SourceLine(command, number, raw)

        split = split_fields(line, len(self.fields))
        if split is None:
            names = ":".join(c[0].name.lower() for c in self.fields)
            raise source.error(0, f"expected {len(self.fields)} fields separated by ':' ({names})")
        cells: dict[str, Optional[str]] = dict.fromkeys(self.all_fields)
        for (start, value), group in zip(split, self.fields):
            if value == "":
                continue
            if not any(re.fullmatch(c.pattern, value) for c in group):
                raise source.error(start, f"expected {group[-1].expected()}")
            # A table per column, as the human table's rows keep one string per value.
            cells[group[0].field] = sharer_of(group[0])(value)
        if not self.needs_identity and not cells[self.identity]:
            raise source.error(
                0, f"expected a value for {self.identity_name}: rows are told apart by it"
            )
        if self.needs_identity:
            if self.operand is None:
                raise source.error(
                    0,
                    f"-o must include {self.identity_name} (or the command must name it) so "
                    "rows can be told apart",
                )
            cells[self.identity] = self.operand
        kind = self.human.parseable_kind(cells) if self.human.parseable_kind else None
        kind = kind or self._default_kind()
        table = self.human.table
        assert isinstance(table, TableGrammar)
        # A row of a shape with a record class is given as its record, as the human table's
        # reader gives it.
        record = table.record_for(kind, cells, number)
        return Row(kind, cells, number, raw) if record is None else record

    def _default_kind(self) -> RowKind:
        table = self.human.table
        assert isinstance(table, TableGrammar)
        return table.layouts[0].shapes[0].kind


def _stripped(invocation: Invocation) -> Invocation:
    return attrs.evolve(
        invocation,
        flags=invocation.flags - {"p"},
        options=tuple((k, v) for k, v in invocation.options if k != "o"),
    )


def parseable_variant(human: Grammar) -> Grammar:
    """The ``-p -o FIELDS`` form of a dladm/ipadm human grammar."""

    def accepts(invocation: Invocation) -> bool:
        if "p" not in invocation.flags or invocation.option("o") is None:
            return False
        if any(k != "o" for k, _ in invocation.options):
            return False
        stripped = _stripped(invocation)
        if human.key == "dladm show-aggr":
            # -P shows the persistent configuration with the same fields.
            stripped = attrs.evolve(stripped, flags=stripped.flags - {"P"})
        return human.accepts(stripped)

    @functools.lru_cache(maxsize=64)
    def table(fields: tuple[str, ...], operand: Optional[str]) -> ParseableTable:
        return ParseableTable(human, fields, operand)

    def table_for(invocation: Invocation) -> ParseableTable:
        fields = tuple(f for f in (invocation.option("o") or "").split(",") if f)
        operand = invocation.operands[-1] if invocation.operands else None
        try:
            return table(fields, operand)
        except ValueError as exc:
            raise SourceLine(invocation.raw, 1, invocation.raw).error(0, str(exc)) from None

    def assemble(events: Iterable[Item], context: Context) -> list[Record]:
        return assemble_marked(human, events, context)

    key = f"{human.key} -p"
    return attrs.evolve(
        human,
        key=key,
        accepts=accepts,
        table_for=table_for,
        assemble=assemble,
        summary=f"{human.key} in parseable form (-p -o FIELDS)",
        # ldm's one pass reads no -p form (and none is a dladm/ipadm grammar's).
        one_pass=None,
    )

"""Human output with chosen columns: ``dladm show-* -o FIELDS``, ``-Z``, ``-z zone``, and
``ipadm [show-if|show-addr] -o FIELDS``.

libofmt prints the same table as without ``-o``, with only the named fields, in the order
named, under a header that names them (upper case). ``-o all`` prints every field; its header
says which. ``dladm ... -Z`` adds a ZONE column after the first one (LINK ZONE CLASS ...: the
Oracle Solaris 11 STIG's ``dladm show-link -Z`` listing); ``-z zone`` only filters the rows.

Each form reuses its human grammar, as ``parseable_variant`` does for ``-p -o``: every row shape
of the human table is cut down to the named columns, in the named order (a cell the shape does
not have, such as LINK on a ``show-aggr -x`` port row, stays blank), so the rows become the
same events and the same assembler builds the same records. The fields that were not printed
are then named on each record's ``not_shown`` (see docs/schema.md): a blank or ``--`` cell is a
value the command printed, a field left out is no evidence either way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Callable, Optional

import attrs

from .._shared import sharer
from .._text import normalise_line
from ..commands import Invocation
from ..errors import ParseError, SourceLine
from ..records import Record
from ._base import Context, Grammar, Streamed, StreamingTable, only_rows
from ._cells import DASH, NAME, column
from ._table import Cell, Column, Item, Layout, Row, RowKind, Shape, TableGrammar

__all__ = [
    "FIELDS_ROW",
    "ZONE",
    "FieldsTable",
    "assemble_marked",
    "fields_row",
    "fields_variant",
    "mark_not_shown",
    "record_fields_of",
]

# The kind of the event that heads a FieldsTable's events: the column fields not printed.
FIELDS_ROW: RowKind = "fields-not-shown"
ZONE = column("ZONE", "zone", NAME + "|--", "a zone name such as global", generic=True)

# Record fields that follow a column's field: the printed token kept beside a converted value.
# (show-aggr -S's TARGETS cell holds XTARGETS too.)
_FOLLOWERS = {"speed": ("speed_raw",), "targets": ("xtargets",)}


def record_fields_of(fields: Iterable[str], *, human: bool = True) -> frozenset[str]:
    """The record field names (``class_`` for ``class``) the given column fields fill; in
    parseable form XTARGETS is a field of its own, not read with TARGETS."""
    out: set[str] = set()
    for name in fields:
        out.add(name)
        out.add(f"{name}_")
        if human or name != "targets":
            out.update(_FOLLOWERS.get(name, ()))
    return frozenset(out)


def fields_row(hidden: Iterable[str], line: int, *, human: bool = True) -> Row:
    """The event that heads a table's events when its output left column fields out: the
    record fields ``assemble_marked`` names in each record's ``not_shown``."""
    names = record_fields_of(hidden, human=human)
    return Row(FIELDS_ROW, {"hidden": " ".join(sorted(names))}, line, "")


def mark_not_shown(record: Record, hidden: frozenset[str]) -> Record:
    """``record`` with ``not_shown`` naming its fields among ``hidden`` (record field names);
    nested records (an aggregation's ports) are marked too."""
    if not hidden:
        return record
    names = _field_names(type(record))
    changes: dict[str, Any] = {}
    if "not_shown" in names:
        already: frozenset[str] = getattr(record, "not_shown", frozenset())
        # One set per distinct value, not one per record (216 bytes each, empty or not).
        changes["not_shown"] = _share_set(frozenset(hidden & names) | already)
    ports = getattr(record, "ports", None)
    if ports:
        changes["ports"] = tuple(mark_not_shown(p, hidden) for p in ports)
    return attrs.evolve(record, **changes) if changes else record


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in attrs.fields(cls))
    return names


_share_set: Callable[[frozenset[str]], frozenset[str]] = sharer(256)


class _Columns:
    """The columns a human grammar's table knows, by upper-case header name or field name."""

    def __init__(self, human: Grammar, zone: bool) -> None:
        table = human.table
        assert isinstance(table, TableGrammar)
        self.table = table
        self.by_name: dict[str, list[Column]] = {}
        self.order: list[str] = []
        for layout in table.layouts:
            for name in layout.header:
                if name.upper() not in self.order:
                    self.order.append(name.upper())
            for shape in layout.shapes:
                for cell in shape.cells:
                    self.by_name.setdefault(cell.column.name.upper(), []).append(cell.column)
        # The fields the table's rows fill: every row event has them (None when not printed).
        self.row_fields = sorted({c.field for g in self.by_name.values() for c in g})
        # Columns printed only on request (ipadm show-if's PERSISTENT), and XTARGETS, which
        # show-aggr -S's header names but whose words its TARGETS cell reads.
        self.extra: dict[str, Column] = {}
        for col in human.parseable_columns:
            self.extra[col.name.upper()] = col
            self.by_name.setdefault(col.name.upper(), [col])
            if col.name.upper() not in self.order:
                self.order.append(col.name.upper())
        if zone:
            self.by_name["ZONE"] = [ZONE]
            self.order.append("ZONE")
        # A field may also be named by what it fills ("class" for ipadm's CLASS/TYPE).
        self.aliases: dict[str, str] = {}
        for name, group in self.by_name.items():
            for col in group:
                self.aliases.setdefault(col.field.upper(), name)
        self.all_fields = sorted({c.field for g in self.by_name.values() for c in g})
        self.identity = table.layouts[0].header[0].upper()

    def resolve(self, field: str) -> Optional[str]:
        name = field.upper()
        if name in self.by_name:
            return name
        return self.aliases.get(name)


class FieldsTable(StreamingTable):
    """Reads one ``-o FIELDS`` (or ``-Z``) output of a human grammar's table.

    ``fields`` are the header names in print order, or None for ``-o all`` (the header line of
    the output names them). The derived table is the human table's layouts whose header holds
    every field, each shape cut down to those fields.
    """

    def __init__(
        self,
        human: Grammar,
        fields: Optional[Sequence[str]],
        operand: Optional[str],
        *,
        zone: bool = False,
    ) -> None:
        self.human = human
        self.columns = _Columns(human, zone)
        self.operand = operand
        self._fixed: Optional[TableGrammar] = None
        self._names: Optional[tuple[str, ...]] = None
        if fields is not None:
            self._names = self._resolve(fields)
            self._fixed = self._derive(self._names)

    # --- what the fields are -----------------------------------------------------------------

    def _resolve(self, fields: Sequence[str]) -> tuple[str, ...]:
        names: list[str] = []
        for field in fields:
            name = self.columns.resolve(field)
            if name is None:
                known = ", ".join(n.lower() for n in self.columns.order)
                raise ValueError(f"unknown field {field!r} for {self.human.key} (fields: {known})")
            if name in names:
                raise ValueError(f"field {field!r} is named twice")
            names.append(name)
        if not names:
            raise ValueError("-o names no field")
        if self.columns.identity not in names and self.operand is None:
            raise ValueError(
                f"-o must include {self.columns.identity.lower()} (or the command must name "
                "it) so rows can be told apart"
            )
        return tuple(names)

    def _derive(self, names: Sequence[str]) -> TableGrammar:
        table = self.columns.table
        layouts: list[Layout] = []
        for layout in table.layouts:
            header = {h.upper() for h in layout.header}
            if not set(names) <= header | {"ZONE"} | set(self.columns.extra):
                continue
            shapes: list[Shape] = []
            identity = self.columns.identity
            for shape in layout.shapes:
                by_name = {cell.column.name.upper(): cell for cell in shape.cells}
                continued = identity in by_name and by_name[identity].column.pattern == DASH
                if continued and identity not in names:
                    # A row with "--" for LINK continues the row above; without LINK every
                    # row is the operand's, a row of its own.
                    continue
                first = shape.cells[0].column.name.upper() == identity
                cells: list[Cell] = []
                for name in names:
                    if name == "ZONE":
                        # A zone is printed on a link's first row only.
                        if first:
                            cells.append(Cell(ZONE))
                    elif name in by_name:
                        cells.append(by_name[name])
                    elif name in self.columns.extra and name not in header:
                        cells.append(Cell(self.columns.extra[name]))
                if any(not c.optional for c in cells):
                    shapes.append(Shape(shape.kind, cells, evidence=shape.evidence))
            if shapes:
                printed = [self._printed(name, layout) for name in names]
                layouts.append(Layout(f"{layout.name} -o", printed, shapes))
        if not layouts:
            raise ValueError(
                f"no layout of {self.human.key} has the fields "
                + ", ".join(n.lower() for n in names)
            )
        # The header names the fields: without it the columns could be any.
        return TableGrammar(table.command, layouts, header_required=True)

    @staticmethod
    def _printed(name: str, layout: Layout) -> str:
        for header in layout.header:
            if header.upper() == name:
                return header
        return name

    def shown(self, names: Sequence[str]) -> frozenset[str]:
        fields = {c.field for n in names for c in self.columns.by_name[n]}
        if self.columns.identity not in names and self.operand is not None:
            fields.update(c.field for c in self.columns.by_name[self.columns.identity])
        return frozenset(fields)

    # --- the Table protocol ------------------------------------------------------------------

    def match_header(self, line: str) -> Optional[object]:
        return None

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError:
        table = self._fixed or self.columns.table
        return table.error_at(event, why, column, command=command or self.human.key)

    def stream(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> Streamed:
        """The rows as the derived table reads them, a chunk at a time (``rows``: all)."""
        shown = command or self.human.key
        names = self._names
        table = self._fixed
        if table is None or names is None:
            names, table = self._from_header(lines, first_line, shown)
        reading = table.read(lines, first_line, lenient=lenient, command=shown)
        identity = self.columns.by_name[self.columns.identity][0].field
        # First, what was printed: the assembler marks the fields left out on each record.
        hidden = set(self.columns.all_fields) - self.shown(names)
        human = self.human.table
        assert isinstance(human, TableGrammar)
        row_fields = self.columns.row_fields
        operand = self.operand if self.columns.identity not in names else None

        def rows(streamed: Streamed) -> Iterator[Item]:
            yield fields_row(hidden, first_line)
            for event in only_rows(reading):
                if event.kind == "header":
                    # The human table's own rows come as records: its headers are not given.
                    if human.gives_rows:
                        yield event
                    continue
                cells: dict[str, Optional[str]] = dict.fromkeys(row_fields)
                cells.update(event.cells)
                if operand is not None and identity in cells:
                    cells[identity] = operand
                # A row of a shape with a record class is given as its record, as the human
                # table's reader gives it.
                record = human.record_for(event.kind, cells, event.line)
                yield Row(event.kind, cells, event.line, event.text) if record is None else record
            streamed.consumed = reading.consumed

        return Streamed(rows)

    def _from_header(
        self, lines: Sequence[str], first_line: int, command: str
    ) -> tuple[tuple[str, ...], TableGrammar]:
        """``-o all``: the fields are the header's words."""
        for index, raw in enumerate(lines):
            words = normalise_line(raw).split()
            if not words:
                continue
            try:
                names = self._resolve(words)
                return names, self._derive(names)
            except ValueError as exc:
                raise SourceLine(command, first_line + index, raw).error(
                    0, f"expected the header of the fields printed ({exc})"
                ) from None
        names = self._resolve([self.columns.identity])
        return names, self._derive(names)


def assemble_marked(human: Grammar, events: Iterable[Item], context: Context) -> list[Record]:
    """The human assembler's records, marked with the fields the output left out."""
    hidden: set[str] = set()

    def rows() -> Iterator[Item]:
        for event in events:
            if isinstance(event, Row) and event.kind == FIELDS_ROW:
                hidden.update((event.cells["hidden"] or "").split())
            else:
                yield event

    # The rows go to the assembler as they are read; each record is marked in its place
    # (one list of records alive, never two).
    records = human.assemble(rows(), context)
    marked = frozenset(hidden)
    for index, record in enumerate(records):
        records[index] = mark_not_shown(record, marked)
    return records


def _stripped(invocation: Invocation) -> Invocation:
    return attrs.evolve(
        invocation,
        flags=invocation.flags - {"Z"},
        options=tuple((k, v) for k, v in invocation.options if k not in ("o", "z")),
    )


def fields_variant(human: Grammar) -> Grammar:
    """The ``-o FIELDS`` form (and, for dladm, ``-Z`` and ``-z zone``) of a human grammar."""
    zones = human.program == "dladm"

    def accepts(invocation: Invocation) -> bool:
        if "p" in invocation.flags:
            return False
        letters = {k for k, _ in invocation.options}
        allowed = {"o", "z"} if zones else {"o"}
        if not letters <= allowed or len(invocation.option_values("o")) > 1:
            return False
        if not zones and "Z" in invocation.flags:
            return False
        if not letters and "Z" not in invocation.flags:
            return False  # the human grammar's own form
        return human.accepts(_stripped(invocation))

    @functools.lru_cache(maxsize=64)
    def table(fields: Optional[tuple[str, ...]], operand: Optional[str], zone: bool) -> FieldsTable:
        return FieldsTable(human, fields, operand, zone=zone)

    def table_for(invocation: Invocation) -> FieldsTable:
        option = invocation.option("o")
        zone = "Z" in invocation.flags
        fields: Optional[tuple[str, ...]]
        if option is None:
            base = human.table
            assert isinstance(base, TableGrammar)
            header = list(base.layouts[0].header)
            fields = (header[0], "ZONE", *header[1:]) if zone else tuple(header)
        elif [f.lower() for f in option.split(",")] == ["all"]:
            fields = None
        else:
            fields = tuple(f for f in option.split(",") if f)
        operand = invocation.operands[-1] if invocation.operands else None
        try:
            return table(fields, operand, zones)
        except ValueError as exc:
            raise SourceLine(invocation.raw, 1, invocation.raw).error(0, str(exc)) from None

    def assemble(events: Iterable[Item], context: Context) -> list[Record]:
        return assemble_marked(human, events, context)

    return attrs.evolve(
        human,
        key=f"{human.key} -o",
        accepts=accepts,
        table_for=table_for,
        assemble=assemble,
        summary=f"{human.key} with chosen columns (-o FIELDS"
        + (", -Z, -z zone)" if zones else ")"),
        one_pass=None,
    )

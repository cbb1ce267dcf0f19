"""Row builders generated from the declarations: a shape's columns and its record class.

A ``Shape`` that declares a ``record`` class gets its rows built straight into records by code
generated here, once, from two sources that exist anyway: the columns the shape is made of
(which cell fills which field) and the record class's own attrs fields (each field's converter
and default). Nothing about a command's values is written a second time:

* a field whose converter is one of the records' value converters (``text_or_none``,
  ``speed_mbps``, ``mac_or_none``) gets that converter's result for a cell the row pattern has
  already checked, computed inline, through a table of the values seen (``_Converted``) or a
  faster twin (``_FAST``); any other converter
  is called as it is;
* a field no cell fills gets the field's default; ``line`` gets the row's line number;
* a column may fill a second field with the cell as printed (``Column.also``: SPEED fills
  ``speed_raw`` beside ``speed``) and may prepare its text first (``Column.prepare``: dladm's
  escaped ``fixed (0\\:14...)`` address policy).

The body reader's builders also keep one string per value of a column (``CellTables``): a
fleet's tables repeat ``net0``, ``up``, ``1000`` in every domain, and a string per cell was
most of what a large table's records weigh. The same look-up converts: a text cell's table
starts with ``--`` and the empty cell mapped to None, a SPEED cell's gives its Mb/s.

The validators are not run again: the patterns have checked every cell. That the generated
code gives exactly what the record's public constructor gives for the same cells is proven for
every record shape of every grammar by ``tests/test_row_builders.py``, on the cells hypothesis
generates from the columns' own patterns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

import attrs

from ..records import Record, mac_or_none, speed_mbps, text_or_none

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ._shapes import Shape

__all__ = [
    "CellTables",
    "RecordBuilder",
    "build_statements",
    "field_setter",
    "mac_cell",
    "record_builder",
    "unchecked",
]

# A record built from a row's cells (``cells[0]`` is the shape's first cell) and its line.
RecordBuilder = Callable[[Sequence[Optional[str]], int], Record]


# Each octet as mac_or_none writes it: one look-up per part rather than a zfill.
_OCTETS = {f"{n:x}": f"{n:02x}" for n in range(256)}
_OCTETS.update({f"{n:02x}": f"{n:02x}" for n in range(256)})
_octet = _OCTETS.__getitem__


def mac_cell(value: Optional[str]) -> Optional[str]:
    """``mac_or_none`` of a checked MAC cell: lower-case and zero-padded, ``--`` None."""
    if value is None or value == "--" or not value:
        return None
    if len(value) == 17:
        # Six two-digit parts: only the case can differ from the normal form.
        return value.lower()
    return ":".join(map(_octet, value.lower().split(":")))


# The value converters whose result for a checked cell a builder computes without the call.
# text_or_none: a checked cell has no blanks around it, so "--" and "" are its only None.
# (A dict's get, called from C: shorter to compile than the test written out, as fast to run.)
_NO_VALUE = {"--": None, "": None}.get
_INLINE: dict[Any, Callable[[str], str]] = {
    text_or_none: lambda cell: f"(None if not (v := {cell}) or v == '--' else v)",
}
# A text field's cell table starts with text_or_none's Nones: the look-up converts.
_TEXT_SEED: dict[Optional[str], Optional[str]] = {"--": None, "": None, None: None}
# Tables repeat a handful of speed tokens; a column of thousands is no table dladm prints.
_CONVERTED_LIMIT = 1024
_FACTORY: type[Any] = attrs.Factory  # type: ignore[assignment]
_FAST: dict[Any, Callable[[Optional[str]], Any]] = {mac_or_none: mac_cell}


class _Converted(dict):  # type: ignore[type-arg]
    """A column's cells converted (SPEED to Mb/s): each value converted once, looked up after
    (a subscript in C where a function call was); at most ``limit`` values kept."""

    __slots__ = ("convert", "limit")

    def __init__(self, convert: Callable[[Optional[str]], Any], limit: int) -> None:
        super().__init__()
        self.convert = convert
        self.limit = limit

    def __missing__(self, cell: Optional[str]) -> Any:
        value = self.convert(cell)
        if len(self) < self.limit:
            self[cell] = value
        return value


class CellTables:
    """The tables in which a generated reader's builders keep one string per value of a
    column, as a name in the reader's scope each: ``look(cell, cell)`` gives the first equal
    cell seen (or None for ``--``, which the table of a text field starts with).

    A table learns (``dict.setdefault``) until it holds ``limit`` values, then only looks up
    (``dict.get``: a cell of a column of names that never repeat, a large table's links, costs
    a look-up and is kept as it is); ``tidy`` switches it, after each chunk of a body. A new
    reading starts a full table afresh, so that the names of the domains of a fleet, table
    after table, are shared again. The switches rebind a name (a table is never emptied in
    place): a reader in another thread still holding the old table gets the same values.
    """

    def __init__(self, scope: dict[str, Any], limit: int = 1024) -> None:
        self.scope = scope
        self.limit = limit
        self.seeds: dict[str, dict[Optional[str], Optional[str]]] = {}

    def add(self, name: str, seed: Mapping[Optional[str], Optional[str]]) -> str:
        self.seeds[name] = dict(seed)
        self.scope[name] = dict(seed).setdefault
        return name

    def tidy(self) -> None:
        """Stop learning in the tables that are full (after a chunk)."""
        scope, limit = self.scope, self.limit
        for name in self.seeds:
            look = scope[name]
            table = look.__self__
            if len(table) > limit and look.__name__ == "setdefault":
                scope[name] = table.get

    def restart(self) -> None:
        """Learn anew in the tables that stopped (before a reading)."""
        scope = self.scope
        for name, seed in self.seeds.items():
            if scope[name].__name__ == "get":
                scope[name] = dict(seed).setdefault


def build_statements(
    shape: Shape,
    offset: int,
    target: str,
    line: str,
    scope: dict[str, Any],
    indent: str,
    tables: Optional[CellTables] = None,
) -> list[str]:
    """Statements that build ``shape``'s record into the variable ``target`` from the cells
    ``c[offset]``, ``c[offset + 1]``... and the line number in the variable ``line``; the
    names they use are put in ``scope`` (prefixed by the shape's id, so that several shapes'
    statements can share one function). With ``tables`` (the scope's), text cells are kept
    one string per value."""
    cls = shape.record
    assert cls is not None
    prefix = f"_{cls.__name__}{id(shape)}_"
    fields = attrs.fields(cls)
    # Which cell fills each field, and how its text is prepared.
    cells: dict[str, tuple[int, Optional[Callable[[str], str]]]] = {}
    for index, cell in enumerate(shape.cells):
        column = cell.column
        for field in (column.field, *column.also):
            cells.setdefault(field, (offset + index, column.prepare))
    scope["_no_value"] = _NO_VALUE
    scope[f"{prefix}new"] = object.__new__
    scope[f"{prefix}cls"] = cls
    scope[f"{prefix}twin"] = _twin(cls)
    out = [f"{indent}{target} = {prefix}new({prefix}twin)"]
    for number, field in enumerate(fields):
        name = field.name
        if name == "line":
            value = line
        elif name in cells:
            index, prepare = cells[name]
            value = f"c[{index}]"
            if prepare is not None:
                scope[f"{prefix}prepare{number}"] = prepare
                value = f"(None if {value} is None else {prefix}prepare{number}({value}))"
            converter = field.converter
            if tables is not None and (converter is None or converter is text_or_none):
                seed = _TEXT_SEED if converter is text_or_none else {}
                look = tables.add(f"{prefix}look{number}", seed)
                value = f"{look}(v := {value}, v)"
            elif converter is None:
                pass
            elif converter is speed_mbps:
                scope[f"{prefix}convert{number}"] = _Converted(speed_mbps, _CONVERTED_LIMIT)
                value = f"{prefix}convert{number}[{value}]"
            elif converter in _INLINE:
                value = _INLINE[converter](value)
            else:
                scope[f"{prefix}convert{number}"] = _FAST.get(converter, converter)
                value = f"{prefix}convert{number}({value})"
        elif field.default is attrs.NOTHING:
            # A required name (link, port) the shape has no cell for: -o left it out.
            value = "''"
        elif isinstance(field.default, _FACTORY):
            scope[f"{prefix}default{number}"] = field.default.factory
            value = f"{prefix}default{number}()"
        else:
            scope[f"{prefix}default{number}"] = field.default
            value = f"{prefix}default{number}"
        out.append(f"{indent}{target}.{name} = {value}")
    out.append(f"{indent}{target}.__class__ = {prefix}cls")
    return out


_TWINS: dict[type, type] = {}


def _twin(cls: type) -> type:
    """A class with the record class's slots and nothing else.

    A record is built as its twin, whose slots an assignment sets (one step of the
    interpreter), and then becomes the record: a frozen class refuses assignment, and setting
    its slots through their descriptors cost a call each, a third of a row's reading. Python
    lets an object change class only between equal layouts: a record class declares no
    ``__weakref__`` slot (``weakref_slot=False``), which a class made from its ``__slots__``
    could not share.
    """
    if cls not in _TWINS:
        made = type(f"{cls.__name__}BeingBuilt", (object,), {"__slots__": vars(cls)["__slots__"]})
        probe: Any = object.__new__(made)
        try:
            probe.__class__ = cls
        except TypeError:
            raise TypeError(
                f"{cls.__name__} cannot be built as a twin: declare it weakref_slot=False"
            ) from None
        _TWINS[cls] = made
    return _TWINS[cls]


def record_builder(shape: Shape) -> RecordBuilder:
    """The shape's record from its cells (as ``Shape.match(...).groups()`` gives them)."""
    scope: dict[str, Any] = {}
    body = build_statements(shape, 0, "record", "line", scope, "    ")
    source = "def build(c, line):\n" + "\n".join(body) + "\n    return record\n"
    assert shape.record is not None
    exec(compile(source, f"<row builder {shape.kind} {shape.record.__name__}>", "exec"), scope)
    built: RecordBuilder = scope["build"]
    return built


def field_setter(cls: type, name: str) -> Callable[[Record, Any], None]:
    """Set the field ``name`` of a record of ``cls`` that a reader is still building, to a
    value already in its canonical form (an aggregation's ports, known once the rows under it
    are read): the frozen class's slot, set as the generated builders set every field, before
    the record is handed to anyone."""
    setter: Callable[[Record, Any], None] = cls.__dict__[name].__set__
    return setter


_R = TypeVar("_R")


def unchecked(cls: type[_R]) -> Callable[..., _R]:
    """A constructor for ``cls`` taking every field positionally, in declaration order, that
    runs no converter and no validator.

    For a reader that builds a record from values it has already put in the form the
    converters give (``ldm list -o network``'s ``_Device``, from the pairs its patterns have
    checked): the public constructor costs about four times as much per record. The tests hold
    every record so built equal to the public constructor's (tests/test_ldm_network_reader.py).
    Table rows do not need it: their shapes' builders are generated (``record_builder``).
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    names = [field.name for field in fields]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_twin": _twin(cls)}
    body = []
    params = []
    after_line = False
    for index, name in enumerate(names):
        body.append(f"    self.{name} = {name}")
        # Fields declared after ``line`` (``not_shown``) were added later: callers that pass
        # every older field positionally get their default.
        if after_line:
            scope[f"_default{index}"] = fields[index].default
            params.append(f"{name}=_default{index}")
        else:
            params.append(name)
        after_line = after_line or name == "line"
    source = (
        f"def unchecked_{cls.__name__}({', '.join(params)}):\n"
        "    self = _new(_twin)\n" + "\n".join(body) + "\n    self.__class__ = _cls\n"
        "    return self\n"
    )
    exec(compile(source, f"<unchecked {cls.__name__}>", "exec"), scope)
    made: Callable[..., _R] = scope[f"unchecked_{cls.__name__}"]
    made.__doc__ = f"{cls.__name__} from canonical values, in field order: {', '.join(names)}."
    return made

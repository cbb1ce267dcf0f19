"""Row builders generated from the declarations: a shape's columns and its record class.

A ``Shape`` that declares a ``record`` class gets its rows built straight into records by code
generated here, once, from two sources that exist anyway: the columns the shape is made of
(which cell fills which field) and the record class's own attrs fields (each field's converter
and default). Nothing about a command's values is written a second time:

* a field whose converter is one of the records' value converters (``text_or_none``,
  ``speed_mbps``, ``mac_or_none``) gets that converter's result for a cell the row pattern has
  already checked, computed inline or through a memoised twin (``_FAST``); any other converter
  is called as it is;
* a field no cell fills gets the field's default; ``line`` gets the row's line number;
* a column may fill a second field with the cell as printed (``Column.also``: SPEED fills
  ``speed_raw`` beside ``speed``) and may prepare its text first (``Column.prepare``: dladm's
  escaped ``fixed (0\\:14...)`` address policy).

The validators are not run again: the patterns have checked every cell. That the generated
code gives exactly what the record's public constructor gives for the same cells is proven for
every record shape of every grammar by ``tests/test_row_builders.py``, on the cells hypothesis
generates from the columns' own patterns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

import attrs

from ..records import Record, mac_or_none, speed_mbps, text_or_none

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ._shapes import Shape

__all__ = [
    "RecordBuilder",
    "build_statements",
    "field_setter",
    "mac_cell",
    "record_builder",
    "speed_cell",
    "unchecked",
]

# A record built from a row's cells (``cells[0]`` is the shape's first cell) and its line.
RecordBuilder = Callable[[Sequence[Optional[str]], int], Record]


_SPEEDS: dict[str, Optional[int]] = {}


def speed_cell(value: Optional[str]) -> Optional[int]:
    """``speed_mbps`` of a checked SPEED cell; tables repeat a handful of speed tokens."""
    if value is None:
        return None
    try:
        return _SPEEDS[value]
    except KeyError:
        mbps = speed_mbps(value)
        if len(_SPEEDS) < 1024:
            _SPEEDS[value] = mbps
        return mbps


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
_FACTORY: type[Any] = attrs.Factory  # type: ignore[assignment]
_FAST: dict[Any, Callable[[Optional[str]], Any]] = {speed_mbps: speed_cell, mac_or_none: mac_cell}


def build_statements(
    shape: Shape, offset: int, target: str, line: str, scope: dict[str, Any], indent: str
) -> list[str]:
    """Statements that build ``shape``'s record into the variable ``target`` from the cells
    ``c[offset]``, ``c[offset + 1]``... and the line number in the variable ``line``; the
    names they use are put in ``scope`` (prefixed by the shape's id, so that several shapes'
    statements can share one function)."""
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
    out = [f"{indent}{target} = {prefix}new({prefix}cls)"]
    for number, field in enumerate(fields):
        name = field.name
        # Slot descriptors: a frozen class refuses setattr, its slots take values directly.
        setter = f"{prefix}set{number}"
        scope[setter] = cls.__dict__[name].__set__
        if name == "line":
            value = line
        elif name in cells:
            index, prepare = cells[name]
            value = f"c[{index}]"
            if prepare is not None:
                scope[f"{prefix}prepare{number}"] = prepare
                value = f"(None if {value} is None else {prefix}prepare{number}({value}))"
            converter = field.converter
            if converter is None:
                pass
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
        out.append(f"{indent}{setter}({target}, {value})")
    return out


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
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    body = []
    params = []
    after_line = False
    for index, name in enumerate(names):
        # Slot descriptors: a frozen class refuses setattr, its slots take values directly.
        scope[f"_set{index}"] = cls.__dict__[name].__set__
        body.append(f"    _set{index}(self, {name})")
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
        "    self = _new(_cls)\n" + "\n".join(body) + "\n    return self\n"
    )
    exec(compile(source, f"<unchecked {cls.__name__}>", "exec"), scope)
    made: Callable[..., _R] = scope[f"unchecked_{cls.__name__}"]
    made.__doc__ = f"{cls.__name__} from canonical values, in field order: {', '.join(names)}."
    return made

"""A shape's generated row builder (``Shape.build``, ``grammars/_rows.py``) gives exactly what
the record's public constructor gives for the same cells: the converters' results, field by
field and type by type, for every shape of every grammar that declares a record class, on
cells hypothesis draws from the columns' own patterns."""

from __future__ import annotations

import re
from typing import Any, Optional

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dlmpparse
from dlmpparse.grammars import GRAMMARS
from dlmpparse.grammars._cells import SPEED
from dlmpparse.grammars._rows import CellTables, _Converted, _twin, field_setter, mac_cell
from dlmpparse.grammars._table import Shape, TableGrammar
from dlmpparse.records import (
    AggregationDetail,
    AggregationPort,
    PhysicalLink,
    Record,
    mac_or_none,
    speed_mbps,
)


def _record_shapes() -> list[tuple[str, Shape]]:
    out: list[tuple[str, Shape]] = []
    seen: set[int] = set()
    for grammar in GRAMMARS:
        table = grammar.table
        if not isinstance(table, TableGrammar):
            continue
        for layout in table.layouts:
            for shape in layout.shapes:
                if shape.record is not None and id(shape) not in seen:
                    seen.add(id(shape))
                    out.append((f"{grammar.key}:{layout.name}:{shape.kind}", shape))
    return out


SHAPES = _record_shapes()


def test_the_tables_that_carry_most_rows_build_records() -> None:
    names = {name.split(":")[0] for name, _ in SHAPES}
    assert {"dladm show-phys", "dladm show-aggr", "dladm show-aggr -x"} <= names


def _cell(pattern: str) -> st.SearchStrategy[str]:
    # What a row pattern accepts as a cell: the column's pattern, no blank at either end.
    return (
        st.from_regex(pattern, fullmatch=True)
        .filter(lambda s: s == s.strip() and "\n" not in s and s != "")
        .filter(lambda s: re.fullmatch(pattern, s) is not None)
    )


def _cells(shape: Shape) -> st.SearchStrategy[list[Optional[str]]]:
    parts: list[st.SearchStrategy[Optional[str]]] = []
    for cell in shape.cells:
        value: st.SearchStrategy[Optional[str]] = _cell(cell.column.pattern)
        if cell.optional:
            value = st.one_of(st.none(), value)
        parts.append(value)
    return st.tuples(*parts).map(list)


def _public(shape: Shape, cells: list[Optional[str]], line: int) -> Record:
    """The record through its public constructor, from the cells as printed."""
    assert shape.record is not None
    fields = {f.name for f in attrs.fields(shape.record)}
    given: dict[str, Any] = {}
    for cell, value in zip(shape.cells, cells):
        column = cell.column
        text = value
        if value is not None and column.prepare is not None:
            text = column.prepare(value)
        for field in (column.field, *column.also):
            if field in fields and field not in given:
                given[field] = text
    for field in attrs.fields(shape.record):
        if field.default is attrs.NOTHING and field.name not in given and field.name != "line":
            given[field.name] = ""
    record: Record = shape.record(**given, line=line)
    return record


def _same(made: object, public: object) -> None:
    assert made == public
    assert repr(made) == repr(public) and hash(made) == hash(public)
    for field in attrs.fields(type(made)):
        x, y = getattr(made, field.name), getattr(public, field.name)
        assert type(x) is type(y), field.name


@pytest.mark.parametrize("shape", [s for _, s in SHAPES], ids=[n for n, _ in SHAPES])
@given(data=st.data(), line=st.integers(min_value=1, max_value=10**6))
def test_the_generated_builder_equals_the_public_constructor(
    shape: Shape, data: st.DataObject, line: int
) -> None:
    cells = data.draw(_cells(shape))
    made = shape.build(cells, line)
    _same(made, _public(shape, cells, line))
    # The same from cells given by field, as the -p and -o readers give them.
    by_field = {c.column.field: v for c, v in zip(shape.cells, cells)}
    _same(shape.build_from(by_field, line), made)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.line = line + 1  # type: ignore[misc,union-attr]


def test_every_record_shape_is_built_as_its_twin_and_stays_frozen() -> None:
    # A record class with a __weakref__ slot (attrs' default) cannot be built as its twin:
    # every record class is declared without one, and one declared with is refused by name.
    for name, shape in SHAPES:
        assert shape.record is not None
        assert _twin(shape.record).__slots__ == vars(shape.record)["__slots__"], name

    @attrs.frozen
    class WithWeakref:
        link: str

    with pytest.raises(TypeError, match="WithWeakref cannot be built as a twin"):
        _twin(WithWeakref)
    row = "net0 Ethernet up 1000 full igb0\n"
    (link,) = dlmpparse.parse("dladm show-phys", "LINK MEDIA STATE SPEED DUPLEX DEVICE\n" + row)
    assert type(link) is PhysicalLink
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        link.state = "down"  # type: ignore[misc]
    assert hash(link) == hash(attrs.evolve(link)) and {link: 1}[attrs.evolve(link)] == 1


@given(st.from_regex(r"[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}", fullmatch=True))
def test_mac_cell_is_mac_or_none(value: str) -> None:
    assert mac_cell(value) == mac_or_none(value)


@given(st.lists(st.from_regex(SPEED, fullmatch=True), max_size=12))
def test_a_speed_table_converts_as_speed_mbps_when_full_too(cells: list[str]) -> None:
    table = _Converted(speed_mbps, 4)
    for cell in cells + cells:
        assert table[cell] == speed_mbps(cell)
    assert len(table) <= 4


def test_empty_and_missing_cells_are_none() -> None:
    speeds = _Converted(speed_mbps, 4)
    for cell in (None, "", "--"):
        assert mac_cell(cell) is None and speeds[cell] is None


def test_a_cell_table_shares_each_value_and_converts_the_no_values() -> None:
    scope: dict[str, Any] = {}
    tables = CellTables(scope, limit=3)
    look = scope[tables.add("look", {"--": None, "": None, None: None})]
    first = "".join(["u", "p"])
    again = "".join(["u", "p"])
    assert look(first, first) is first
    assert look(again, again) is first
    assert look("--", "--") is None and look("", "") is None and look(None, None) is None


def test_a_full_cell_table_stops_learning_and_a_new_reading_learns_again() -> None:
    scope: dict[str, Any] = {}
    tables = CellTables(scope, limit=2)
    tables.add("look", {})
    for value in ("a", "b", "c"):
        scope["look"](value, value)
    tables.tidy()
    unseen = "".join(["d", "d"])
    assert scope["look"](unseen, unseen) is unseen
    assert "dd" not in scope["look"].__self__
    # Values learnt before it was full are still shared, the table is not emptied in place.
    assert scope["look"]("".join(["a"]), "x") == "a"
    tables.restart()
    assert len(scope["look"].__self__) == 0
    assert scope["look"](unseen, unseen) is unseen
    assert "dd" in scope["look"].__self__


def test_rows_of_a_table_share_the_strings_of_repeated_cells() -> None:
    text = "LINK MEDIA STATE SPEED DUPLEX DEVICE\n" + "".join(
        f"net{i} Ethernet up 1000 full igb{i}\n" for i in range(20)
    )
    links = dlmpparse.parse("dladm show-phys", text)
    assert len({id(link.state) for link in links}) == 1
    assert len({id(link.media) for link in links}) == 1
    assert len({id(link.speed_raw) for link in links}) == 1
    # The same cells in a second table (another domain's) are the same strings again.
    again = dlmpparse.parse("dladm show-phys", text.replace("igb", "e1000g"))
    assert again[0].media is links[0].media and again[3].link is links[3].link


def test_setting_the_ports_of_a_record_being_built_keeps_every_other_field() -> None:
    port = AggregationPort(port="net0", speed="1000Mb", speed_raw="1000Mb", line=3)
    detail = AggregationDetail(link="aggr0", speed="1G", address="2:8:20:0:0:1", line=2)
    expected = attrs.evolve(detail, ports=(port,))
    field_setter(AggregationDetail, "ports")(detail, (port,))
    _same(detail, expected)

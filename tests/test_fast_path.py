"""The whole-body fast path (``TableGrammar.rows`` + a grammar's ``assemble_rows`` building
records with ``records.unchecked``) gives exactly what the line-by-line reader gives.

The line-by-line reader (``TableGrammar.events`` + ``assemble``) is the reference: it is what
reports errors, and every converter and validator of the records runs in it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import attrs
import pytest
from hypothesis import given

from dlmpparse import ParseError, parse
from dlmpparse._text import split_lines
from dlmpparse.grammars import GRAMMARS, Grammar
from dlmpparse.grammars._base import Context
from dlmpparse.grammars._table import TableGrammar
from dlmpparse.records import (
    AggregationDetail,
    AggregationPort,
    PhysicalLink,
    Record,
    unchecked,
)
from dlmpparse.testing.render import Style, render_show_aggr_x, render_show_phys
from dlmpparse.testing.strategies import aggregation_details, physical_links, styles

FIXTURES = Path(__file__).parent / "fixtures"
FAST = [g for g in GRAMMARS if g.assemble_rows is not None]


def _slow(grammar: Grammar, lines: Sequence[str], domain: Optional[str] = None) -> list[Record]:
    assert isinstance(grammar.table, TableGrammar)
    events, consumed = grammar.table.events(lines, 1, command=grammar.key)
    assert consumed == len(lines)
    return grammar.assemble(
        events, Context(command=grammar.key, domain=domain, table=grammar.table)
    )


def _fast(
    grammar: Grammar, lines: Sequence[str], domain: Optional[str] = None
) -> Optional[list[Record]]:
    assert isinstance(grammar.table, TableGrammar) and grammar.assemble_rows is not None
    rows = grammar.table.rows(lines, 1)
    if rows is None:
        return None
    return grammar.assemble_rows(
        rows, Context(command=grammar.key, domain=domain, table=grammar.table)
    )


def _same(fast: Sequence[Record], slow: Sequence[Record]) -> None:
    assert fast == slow
    # Equal and of the same types, field by field (an int speed, not "1000").
    for a, b in zip(fast, slow):
        assert type(a) is type(b)
        for field in attrs.fields(type(a)):
            x, y = getattr(a, field.name), getattr(b, field.name)
            assert type(x) is type(y), field.name
            if isinstance(x, tuple):
                _same(x, y)


def test_some_grammars_have_the_fast_path() -> None:
    # show-aggr has two layouts (11.1 and 11.0): the fast path's layout tracking is used.
    assert {g.key for g in FAST} >= {"dladm show-phys", "dladm show-aggr", "dladm show-aggr -x"}


def _fixtures(grammar: Grammar) -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for path in sorted((FIXTURES / grammar.slug).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append((path, data))
    return out


@pytest.mark.parametrize("grammar", FAST, ids=lambda g: g.key)
def test_fast_path_equals_line_by_line_on_every_fixture(grammar: Grammar) -> None:
    taken = 0
    for path, data in _fixtures(grammar):
        with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
            lines = split_lines(handle.read())
        fast = _fast(grammar, lines)
        if "error" in data:
            # Bad input never gets records from the fast path: the reader reports it.
            assert fast is None, path.name
            with pytest.raises(ParseError):
                _slow(grammar, lines)
            continue
        slow = _slow(grammar, lines)
        if fast is not None:
            taken += 1
            _same(fast, slow)
    # The fast path is not silently always declined.
    assert taken >= 2


@given(physical_links(max_size=12), styles())
def test_fast_path_equals_line_by_line_on_generated_show_phys(
    links: list[PhysicalLink], style: Style
) -> None:
    grammar = next(g for g in FAST if g.key == "dladm show-phys")
    lines = split_lines(render_show_phys(links, style).text)
    fast = _fast(grammar, lines)
    if fast is not None:
        _same(fast, _slow(grammar, lines))


@given(aggregation_details(max_size=6), styles())
def test_fast_path_equals_line_by_line_on_generated_show_aggr_x(
    details: list[AggregationDetail], style: Style
) -> None:
    grammar = next(g for g in FAST if g.key == "dladm show-aggr -x")
    lines = split_lines(render_show_aggr_x(details, style).text)
    fast = _fast(grammar, lines)
    if fast is not None:
        _same(fast, _slow(grammar, lines))


def test_a_plain_table_takes_the_fast_path() -> None:
    text = (
        "LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE\n"
        "net0            Ethernet      up         1000   full      igb0\n"
        "\n"
        "net1            Ethernet      down       0      unknown   igb1\r\n"
        "net2\u00a0\u00a0Ethernet  up  1G  full  e1000g2   \n"
    )
    grammar = next(g for g in FAST if g.key == "dladm show-phys")
    fast = _fast(grammar, split_lines(text))
    assert fast is not None
    assert [(r.link, r.speed, r.line) for r in fast] == [
        ("net0", 1000, 2),
        ("net1", 0, 4),
        ("net2", 1000, 5),
    ]
    _same(fast, parse("dladm show-phys", text))


@pytest.mark.parametrize(
    "text",
    [
        # a junk line, a row cut short, a port row with no aggregation above it
        "LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 1000 full igb0\nsome prose\n",
        "net0 Ethernet up 1000 full\n",
    ],
)
def test_the_fast_path_declines_what_the_reader_must_report(text: str) -> None:
    grammar = next(g for g in FAST if g.key == "dladm show-phys")
    assert _fast(grammar, split_lines(text)) is None
    with pytest.raises(ParseError):
        parse("dladm show-phys", text)


def test_a_port_row_first_is_reported_by_the_reader() -> None:
    text = (
        "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE\n"
        "           net0           1000Mb   full     up       0:14:4f:f9:cf:47   attached\n"
    )
    grammar = next(g for g in FAST if g.key == "dladm show-aggr -x")
    assert _fast(grammar, split_lines(text)) is None
    with pytest.raises(ParseError) as caught:
        parse("dladm show-aggr -x", text)
    assert caught.value.line == 2


@given(physical_links(max_size=3))
def test_unchecked_equals_the_public_constructor(links: list[PhysicalLink]) -> None:
    for link in links:
        _check_unchecked(link)


def _check_unchecked(link: PhysicalLink) -> None:
    values = [getattr(link, f.name) for f in attrs.fields(PhysicalLink)]
    made = unchecked(PhysicalLink)(*values)
    assert made == link and hash(made) == hash(link) and repr(made) == repr(link)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.link = "x"  # type: ignore[misc]


def test_unchecked_port_is_the_same_record() -> None:
    port = AggregationPort(port="net0", speed="1000Mb", speed_raw="1000Mb", line=3)
    made = unchecked(AggregationPort)(
        *(getattr(port, f.name) for f in attrs.fields(AggregationPort))
    )
    assert made == port


def test_a_row_of_another_layout_than_the_header_is_left_to_the_reader() -> None:
    grammar = next(g for g in FAST if g.key == "dladm show-aggr")
    header_11_1 = "LINK            MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER\n"
    row_11_1 = "aggr0           dlmp  --       --                   --           --\n"
    row_11_0 = "aggr1           L4       auto                 off          short     -----\n"
    both = _fast(grammar, split_lines(header_11_1 + row_11_1))
    assert both is not None and [(a.link, a.mode) for a in both] == [("aggr0", "dlmp")]
    # An 11.0 row under the 11.1 header: the line-by-line reader reports it.
    assert _fast(grammar, split_lines(header_11_1 + row_11_1 + row_11_0)) is None
    with pytest.raises(ParseError) as caught:
        parse("dladm show-aggr", header_11_1 + row_11_1 + row_11_0)
    assert caught.value.line == 3
    # Without a header the first row's layout holds, as in the reader.
    older = _fast(grammar, split_lines(row_11_0))
    assert older is not None and older[0].flags == "-----" and older[0].mode is None

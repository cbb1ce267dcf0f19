"""A grammar's fast path (``Grammar.fast_path``: a table's whole-body match, ``TableGrammar.body``,
or ldm's block-form reader, building records with ``records.unchecked``) gives exactly what the
line-by-line reader gives, or declines.

The line-by-line reader (the table's ``events`` + the grammar's ``assemble``) is the reference:
it is what reports errors, and every converter and validator of the records runs in it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import ParseError, parse
from dlmpparse._text import split_lines
from dlmpparse.grammars import GRAMMARS, Grammar, _table
from dlmpparse.grammars._base import Context
from dlmpparse.grammars._table import BodyDeclined, Cell, Column, Layout, Shape, TableGrammar
from dlmpparse.records import (
    Aggregation,
    AggregationDetail,
    AggregationPort,
    PhysicalLink,
    Record,
    unchecked,
)
from dlmpparse.testing.render import (
    Style,
    render_show_aggr,
    render_show_aggr_x,
    render_show_phys,
)
from dlmpparse.testing.strategies import (
    aggregation_details,
    aggregations,
    physical_links,
    styles,
)

FIXTURES = Path(__file__).parent / "fixtures"
# ldm list -o network's one reader is held to its section readers in
# tests/test_ldm_network_reader.py.
FAST = [g for g in GRAMMARS if g.fast_path is not None and g.key != "ldm list -o network"]
# Output a fast path declines by design.
LEFT_TO_THE_READER: dict[str, set[str]] = {}


def _slow(grammar: Grammar, lines: Sequence[str], domain: Optional[str] = None) -> list[Record]:
    events, consumed = grammar.table.rows(lines, 1, command=grammar.key)
    assert consumed == len(lines)
    return grammar.assemble(
        events, Context(command=grammar.key, domain=domain, table=grammar.table)
    )


def _fast(
    grammar: Grammar, lines: Sequence[str], domain: Optional[str] = None
) -> Optional[list[Record]]:
    assert grammar.fast_path is not None
    return grammar.fast_path(
        "\n".join(lines) + "\n",
        len(lines),
        1,
        Context(command=grammar.key, domain=domain, table=grammar.table),
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
                if x and attrs.has(type(x[0])):
                    _same(x, y)
                else:
                    # A tuple of values or of (key, value) pairs: the values' types too.
                    assert [_types(v) for v in x] == [_types(v) for v in y], field.name


def _types(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(_types(v) for v in value)
    return type(value)


def _read_alike(key: str, text: str, domain: Optional[str] = None) -> list[Record]:
    """Generated output of ``key``: the fast path reads it (it is never declined) and gives
    the line-by-line reader's records."""
    grammar = next(g for g in FAST if g.key == key)
    lines = split_lines(text)
    fast = _fast(grammar, lines, domain)
    assert fast is not None
    _same(fast, _slow(grammar, lines, domain))
    return fast


def test_some_grammars_have_the_fast_path() -> None:
    # show-aggr has two layouts (11.1 and 11.0): the fast path's layout tracking is used.
    assert {g.key for g in FAST} >= {
        "dladm show-phys",
        "dladm show-aggr",
        "dladm show-aggr -x",
    }


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
        if path.stem in LEFT_TO_THE_READER.get(grammar.key, ()):
            assert fast is None, path.name
            continue
        # Every other real and variant fixture is read by the fast path: it is not silently
        # declined.
        assert fast is not None, path.name
        taken += 1
        _same(fast, _slow(grammar, lines))
    assert taken >= 2


@given(physical_links(max_size=12), styles())
def test_fast_path_equals_line_by_line_on_generated_show_phys(
    links: list[PhysicalLink], style: Style
) -> None:
    _read_alike("dladm show-phys", render_show_phys(links, style).text)


@given(aggregation_details(max_size=6), styles())
def test_fast_path_equals_line_by_line_on_generated_show_aggr_x(
    details: list[AggregationDetail], style: Style
) -> None:
    _read_alike("dladm show-aggr -x", render_show_aggr_x(details, style).text)


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


@given(aggregations(max_size=8), styles())
def test_fast_path_equals_line_by_line_on_generated_show_aggr(
    aggregations: list[Aggregation], style: Style
) -> None:
    _read_alike("dladm show-aggr", render_show_aggr(aggregations, style).text)


def test_line_numbers_count_from_the_first_line_given() -> None:
    text = "LINK MEDIA STATE SPEED DUPLEX DEVICE\n\nnet0 Ethernet up 1000 full igb0\n"
    records = parse("dladm show-phys", text, first_line=40)
    assert [r.line for r in records] == [42]
    grammar = next(g for g in FAST if g.key == "dladm show-phys")
    # With or without its final newline: the same rows.
    assert parse("dladm show-phys", text.rstrip("\n"), first_line=40) == records
    table = grammar.table
    assert isinstance(table, TableGrammar)
    body = table.body(text, 3)
    assert body is not None
    assert [cells[1] for cells in body] == [None, None, "net0"]
    # A count of lines that is not the text's is refused.
    assert table.body(text, 2) is None


def test_a_table_that_requires_its_header_declines_rows_before_it() -> None:
    shape = Shape("row", [Cell(Column("NAME", "name", r"\S+", "a name"))])
    table = TableGrammar("t", [Layout("1", ["NAME"], [shape])], header_required=True)
    assert table.body("a\nNAME\nb\n", 3) is None
    body = table.body("NAME\na\n\nb\n", 4)
    assert body is not None and [cells for cells in body] == [
        ("", None, ""),
        (None, "a", ""),
        (None, None, ""),
        (None, "b", ""),
    ]


# --- a large body is split a chunk at a time ---------------------------------------------------

_AGGR_11_1 = "LINK              MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER\n"
_AGGR_11_0 = "LINK            POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER   FLAGS\n"


@pytest.mark.parametrize("chunk", [1, 30, 100, 1000])
@pytest.mark.parametrize(
    "key, text",
    [
        # an aggregation's port rows across chunk ends
        ("dladm show-aggr -x", None),
        # two layouts, each header followed by its own rows, in different chunks
        (
            "dladm show-aggr",
            _AGGR_11_1
            + "".join(f"aggr{i}  dlmp  --  --  --  --\n" for i in range(8))
            + "\n"
            + _AGGR_11_0
            + "".join(f"aggr{i}  L4  auto  off  short  -----\n" for i in range(8, 16)),
        ),
    ],
)
def test_a_body_read_in_chunks_is_read_as_a_whole(
    key: str, text: Optional[str], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if text is None:
        text = "LINK  PORT  SPEED  DUPLEX  STATE  ADDRESS  PORTSTATE\n" + "".join(
            f"aggr{i}  --  1000Mb  full  up  2:8:20:88:84:{i:x}  --\n"
            f"  net{2 * i}  1000Mb  full  up  0:14:4f:f9:cf:{i:x}  attached\n"
            f"  net{2 * i + 1}  1000Mb  full  up  0:14:4f:fb:f5:{i:x}  standby\n"
            for i in range(10)
        )
    grammar = next(g for g in FAST if g.key == key)
    whole = _fast(grammar, split_lines(text))
    assert whole is not None
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    table = grammar.table
    assert isinstance(table, TableGrammar)
    body = table.body(text, len(split_lines(text)))
    assert body is not None
    pieces = list(body)
    assert len(pieces) == len(split_lines(text))
    _same(_fast(grammar, split_lines(text)) or [], whole)


@pytest.mark.parametrize("chunk", [1, 50, 200])
@pytest.mark.parametrize(
    "text",
    [
        # junk on the last line, after the first chunk
        "LINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        + "".join(f"net{i} Ethernet up 1000 full igb{i}\n" for i in range(20))
        + "some prose\n",
        # a row of the other layout of show-aggr, far below the header
        _AGGR_11_1
        + "".join(f"aggr{i}  dlmp  --  --  --  --\n" for i in range(20))
        + "aggr99  L4  auto  off  short  -----\n",
    ],
)
def test_a_bad_line_in_a_later_chunk_declines_the_whole_body(
    text: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "dladm show-phys" if text.startswith("LINK MEDIA") else "dladm show-aggr"
    grammar = next(g for g in FAST if g.key == key)
    table = grammar.table
    assert isinstance(table, TableGrammar)
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    lines = split_lines(text)
    body = table.body(text, len(lines))
    if body is not None:
        # The first chunk was fine: the bad line is found while the rows are read.
        with pytest.raises(BodyDeclined):
            list(body)
    assert _fast(grammar, lines) is None
    with pytest.raises(ParseError) as caught:
        parse(key, text)
    assert caught.value.line == len(lines)


def test_a_body_in_chunks_must_hold_the_lines_given(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "LINK MEDIA STATE SPEED DUPLEX DEVICE\n" + "net0 Ethernet up 1000 full igb0\n" * 9
    table = next(g for g in FAST if g.key == "dladm show-phys").table
    assert isinstance(table, TableGrammar)
    monkeypatch.setattr(_table, "BODY_CHUNK", 64)
    assert table.body("", 1) is None
    for wrong in (9, 11):
        body = table.body(text, wrong)
        assert body is not None
        # Found once every chunk is read: the rows are no use then.
        with pytest.raises(BodyDeclined):
            list(body)
    assert len(list(table.body(text, 10) or ())) == 10


# --- every fast path: whatever it reads, it reads as the line-by-line reader does ------------

_TRICKY = [
    "",
    "   ",
    "NAME",
    "NETWORK",
    "VSW",
    "VCC",
    "MAC",
    "ldg1",
    "--",
    "-" * 25,
    "    ----  ----",
    "LINK",
    "MTU :abc",
    "CUSTOM:enable",
    "DEVICE :network@0     ID   :0",
    "    PEER                        MACADDRESS          PVID|PVLAN|VIDs",
    "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
    "LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE",
    "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE",
    "net0            Ethernet      up         1000   full      igb0",
    "           net1           1000Mb   full     up       0:14:4f:f9:cf:47   attached",
    "aggr0      --             1000Mb   full     up       0:14:4f:f9:cf:47   --",
    "aggr0           dlmp  --       --                   --           --",
    "    vnet6        primary-vsw0@primary        00:14:4f:f9:cf:47   1|--|--",
]


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[Grammar, list[str]]:
    grammar = draw(st.sampled_from(FAST))
    paths = sorted((FIXTURES / grammar.slug).glob("*.txt"))
    with open(draw(st.sampled_from(paths)), encoding="utf-8", newline="") as handle:
        lines = split_lines(handle.read())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "drop", "duplicate", "swap"]))
        if action == "insert" or not lines:
            lines.insert(at, draw(st.sampled_from(_TRICKY)))
        else:
            at = min(at, len(lines) - 1)
            other = draw(st.integers(0, len(lines) - 1))
            if action == "drop":
                del lines[at]
            elif action == "duplicate":
                lines.insert(other, lines[at])
            else:
                lines[at], lines[other] = lines[other], lines[at]
    return grammar, lines


@given(_mutated())
def test_what_a_fast_path_reads_it_reads_as_the_reader_does(
    mutated: tuple[Grammar, list[str]],
) -> None:
    grammar, lines = mutated
    fast = _fast(grammar, lines)
    try:
        slow = _slow(grammar, lines)
    except ParseError:
        assert fast is None
        return
    if fast is not None:
        _same(fast, slow)

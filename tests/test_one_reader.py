"""A table has one reader (``TableGrammar.read``): its body pattern matches the lines a chunk at
a time and a reader generated from the declarations makes their rows; the per-line path
(``TableGrammar._line``) takes only the lines the pattern does not match, to classify, explain
or end the table there.

The per-line path can read every line on its own (tables of section headings and positional
layouts are read by it alone), so forcing it on a table is the reference the body reader must
agree with: the same rows (kind, cells, line, record), the same errors, the same lines consumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from dlmpparse import ParseError, parse
from dlmpparse._text import split_lines
from dlmpparse.grammars import GRAMMARS, Grammar, _table
from dlmpparse.grammars._table import Cell, Column, Item, Layout, Row, Shape, TableGrammar
from dlmpparse.records import Aggregation, AggregationDetail, PhysicalLink, Record
from dlmpparse.testing.render import Style, render_show_aggr, render_show_aggr_x, render_show_phys
from dlmpparse.testing.strategies import aggregation_details, aggregations, physical_links, styles

FIXTURES = Path(__file__).parent / "fixtures"


def _bodied(grammar: Grammar) -> bool:
    table = grammar.table
    return isinstance(table, TableGrammar) and table._body is not None


BODIED = [g for g in GRAMMARS if _bodied(g)]


def _per_line(table: TableGrammar) -> TableGrammar:
    """The same table read by the per-line path alone."""
    copy = TableGrammar(
        table.command,
        table.layouts,
        header_required=table.header_required,
        extra_lines=table.extra_lines,
    )
    copy.__dict__["_body"] = None
    return copy


def _key(items: Sequence[Item]) -> list[Any]:
    return [(r.kind, r.cells, r.line) if isinstance(r, Row) else r for r in items]


def _outcome(table: TableGrammar, lines: Sequence[str], lenient: bool) -> Any:
    try:
        rows, consumed = table.rows(lines, 7, lenient=lenient)
    except ParseError as error:
        return ("error", error.line, error.column, str(error))
    return _key(rows), consumed


def _agree(table: TableGrammar, lines: Sequence[str]) -> None:
    for lenient in (False, True):
        assert _outcome(table, lines, lenient) == _outcome(_per_line(table), lines, lenient)


def test_the_tables_with_most_rows_are_read_by_the_body_reader() -> None:
    assert {g.key for g in BODIED} >= {
        "dladm show-phys",
        "dladm show-aggr",
        "dladm show-aggr -x",
        "dladm show-aggr -S",
        "dladm show-link",
        "ipadm",
    }


@pytest.mark.parametrize("grammar", BODIED, ids=lambda g: g.key)
def test_the_body_reader_agrees_with_the_per_line_path_on_every_fixture(
    grammar: Grammar,
) -> None:
    table = grammar.table
    assert isinstance(table, TableGrammar)
    folder = FIXTURES / grammar.slug
    cases = sorted(folder.glob("*.txt"))
    for path in cases:
        with open(path, encoding="utf-8", newline="") as handle:
            _agree(table, split_lines(handle.read()))
    # Also the fixtures of the transcripts: every line of them, as a table pasted bare.
    for path in sorted((FIXTURES / "transcripts").glob("*.txt"))[:12]:
        lines = split_lines(path.read_text(encoding="utf-8"))
        _agree(table, lines)


@given(physical_links(max_size=12), styles())
def test_generated_show_phys(links: list[PhysicalLink], style: Style) -> None:
    _read_alike("dladm show-phys", render_show_phys(links, style).text)


@given(aggregations(max_size=8), styles())
def test_generated_show_aggr(items: list[Aggregation], style: Style) -> None:
    _read_alike("dladm show-aggr", render_show_aggr(items, style).text)


@given(aggregation_details(max_size=6), styles())
def test_generated_show_aggr_x(details: list[AggregationDetail], style: Style) -> None:
    _read_alike("dladm show-aggr -x", render_show_aggr_x(details, style).text)


def _read_alike(key: str, text: str) -> list[Record]:
    grammar = next(g for g in BODIED if g.key == key)
    table = grammar.table
    assert isinstance(table, TableGrammar)
    lines = split_lines(text)
    _agree(table, lines)
    return parse(key, text)


class _Counting(TableGrammar):
    calls = 0

    def _line(self, *args: Any) -> None:
        type(self).calls += 1
        super()._line(*args)


def test_a_clean_table_takes_no_line_by_line_step() -> None:
    text = (
        "LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE\n"
        "net0            Ethernet      up         1000   full      igb0\n"
        "\n"
        "net1            Ethernet      down       0      unknown   igb1\r\n"
        "net2\u00a0\u00a0Ethernet  up  1G  full  e1000g2   \n"
        "----  -----\n"
    )
    table = next(g for g in BODIED if g.key == "dladm show-phys").table
    assert isinstance(table, TableGrammar)
    counting = _Counting(table.command, table.layouts)
    rows, consumed = counting.rows(split_lines(text))
    assert _Counting.calls == 0 and consumed == 6
    assert [(r.link, r.speed, r.line) for r in rows if isinstance(r, PhysicalLink)] == [
        ("net0", 1000, 2),
        ("net1", 0, 4),
        ("net2", 1000, 5),
    ]
    # Only the line the pattern does not match goes to the per-line path, which explains it.
    with pytest.raises(ParseError) as caught:
        counting.rows(split_lines(text + "net3 Ethernet up 1000 full\n"))
    assert _Counting.calls == 1
    assert (caught.value.line, caught.value.column) == (7, 27)
    assert "expected a device name" in str(caught.value)


def test_line_numbers_count_from_the_first_line_given() -> None:
    text = "LINK MEDIA STATE SPEED DUPLEX DEVICE\n\nnet0 Ethernet up 1000 full igb0\n"
    records = parse("dladm show-phys", text, first_line=40)
    assert [r.line for r in records] == [42]
    assert parse("dladm show-phys", text.rstrip("\n"), first_line=40) == records


def test_a_row_of_another_layout_than_the_header_is_reported() -> None:
    header_11_1 = "LINK            MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER\n"
    row_11_1 = "aggr0           dlmp  --       --                   --           --\n"
    row_11_0 = "aggr1           L4       auto                 off          short     -----\n"
    both = parse("dladm show-aggr", header_11_1 + row_11_1)
    assert [(a.link, a.mode) for a in both] == [("aggr0", "dlmp")]
    with pytest.raises(ParseError) as caught:
        parse("dladm show-aggr", header_11_1 + row_11_1 + row_11_0)
    assert caught.value.line == 3
    # Without a header the first row's layout holds.
    (older,) = parse("dladm show-aggr", row_11_0)
    assert isinstance(older, Aggregation) and older.flags == "-----" and older.mode is None


def test_a_table_that_requires_its_header_reports_rows_before_it() -> None:
    shape = Shape("row", [Cell(Column("NAME", "name", r"\S+", "a name"))])
    table = TableGrammar("t", [Layout("1", ["NAME"], [shape])], header_required=True)
    with pytest.raises(ParseError, match="expected the table header"):
        table.rows(["a", "NAME", "b"])
    rows, consumed = table.rows(["NAME", "a", "", "b"])
    assert [(r.kind, r.cells, r.line) for r in rows] == [
        ("header", {"layout": "1"}, 1),
        ("row", {"name": "a"}, 2),
        ("row", {"name": "b"}, 4),
    ]
    assert consumed == 4


def test_a_port_row_first_is_reported_at_its_line() -> None:
    text = (
        "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE\n"
        "           net0           1000Mb   full     up       0:14:4f:f9:cf:47   attached\n"
    )
    with pytest.raises(ParseError) as caught:
        parse("dladm show-aggr -x", text)
    assert caught.value.line == 2
    # The body reader's rows carry no text: the error finds the line's own.
    assert "net0           1000Mb" in str(caught.value)


# --- a large body is read a chunk at a time ---------------------------------------------------

_AGGR_11_1 = "LINK              MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER\n"
_AGGR_11_0 = "LINK            POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER   FLAGS\n"
_AGGR_X = "LINK  PORT  SPEED  DUPLEX  STATE  ADDRESS  PORTSTATE\n" + "".join(
    f"aggr{i}  --  1000Mb  full  up  2:8:20:88:84:{i:x}  --\n"
    f"  net{2 * i}  1000Mb  full  up  0:14:4f:f9:cf:{i:x}  attached\n"
    f"  net{2 * i + 1}  1000Mb  full  up  0:14:4f:fb:f5:{i:x}  standby\n"
    for i in range(10)
)
_TWO_LAYOUTS = (
    _AGGR_11_1
    + "".join(f"aggr{i}  dlmp  --  --  --  --\n" for i in range(8))
    + "\n"
    + _AGGR_11_0
    + "".join(f"aggr{i}  L4  auto  off  short  -----\n" for i in range(8, 16))
)


@pytest.mark.parametrize("chunk", [1, 30, 100, 1000])
@pytest.mark.parametrize(
    "key, text",
    [("dladm show-aggr -x", _AGGR_X), ("dladm show-aggr", _TWO_LAYOUTS)],
    ids=["ports-across-chunks", "two-layouts"],
)
def test_a_body_read_in_chunks_is_read_as_a_whole(
    key: str, text: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = parse(key, text)
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    assert parse(key, text) == whole
    assert len(whole) in (10, 16)


@pytest.mark.parametrize("chunk", [1, 50, 200, 1 << 16])
@pytest.mark.parametrize(
    "key, text",
    [
        (
            "dladm show-phys",
            "LINK MEDIA STATE SPEED DUPLEX DEVICE\n"
            + "".join(f"net{i} Ethernet up 1000 full igb{i}\n" for i in range(20))
            + "net99 Ethernet up 1000 full\n",
        ),
        (
            "dladm show-aggr",
            _AGGR_11_1
            + "".join(f"aggr{i}  dlmp  --  --  --  --\n" for i in range(20))
            + "aggr99  L4  auto  off  short  -----\n",
        ),
    ],
    ids=["row-cut-short", "row-of-the-other-layout"],
)
def test_a_bad_line_in_a_later_chunk_is_reported_at_its_line(
    key: str, text: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    with pytest.raises(ParseError) as caught:
        parse(key, text)
    assert caught.value.line == len(split_lines(text))


@pytest.mark.parametrize("chunk", [1, 64, 1 << 16])
def test_a_table_ends_before_prose_in_a_later_chunk(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    table = next(g for g in BODIED if g.key == "dladm show-phys").table
    assert isinstance(table, TableGrammar)
    lines = [
        "LINK MEDIA STATE SPEED DUPLEX DEVICE",
        *(f"net{i} Ethernet up 1000 full igb{i}" for i in range(12)),
        "The links above are all up.",
        "So is this.",
    ]
    rows, consumed = table.rows(lines, 1, lenient=True)
    # Twelve records (a table of records gives no header row), thirteen lines.
    assert consumed == 13 and len(rows) == 12
    _agree(table, lines)


def test_rows_come_a_chunk_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_table, "BODY_CHUNK", 64)
    table = next(g for g in BODIED if g.key == "dladm show-phys").table
    assert isinstance(table, TableGrammar)
    text = "LINK MEDIA STATE SPEED DUPLEX DEVICE\n" + "net0 Ethernet up 1000 full igb0\n" * 40
    reading = table.read(None, text=text)
    rows = iter(reading)
    next(rows)
    # Nothing is known of the lines consumed until every row is taken.
    assert reading.consumed == 0
    assert len(list(rows)) == 39 and reading.consumed == 41


def test_every_record_row_carries_its_record() -> None:
    for grammar in BODIED:
        table = grammar.table
        assert isinstance(table, TableGrammar)
        for layout in table.layouts:
            for shape in layout.shapes:
                if shape.record is not None:
                    assert attrs.has(shape.record), (grammar.key, shape.kind)

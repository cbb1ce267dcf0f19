"""Row kinds are a closed vocabulary: an assembler given a kind it has no case for raises
``UnexpectedRow`` (a grammar's bug) rather than dropping the row."""

from __future__ import annotations

from typing import Optional, get_args

import pytest

from dlmpparse.grammars import GRAMMARS
from dlmpparse.grammars._base import Context, Grammar, UnexpectedRow
from dlmpparse.grammars._table import Row, RowKind, TableGrammar
from dlmpparse.grammars.dladm_aggr import SHOW_AGGR, SHOW_AGGR_X
from dlmpparse.grammars.dladm_links import SHOW_ETHERSTUB, SHOW_VNIC
from dlmpparse.grammars.dladm_phys import SHOW_PHYS
from dlmpparse.grammars.identity import LDM_LIST, UNAME_N, VIRTINFO_A
from dlmpparse.grammars.ipadm import IPADM
from dlmpparse.grammars.ldm_netdev import LIST_NETDEV
from dlmpparse.grammars.ldm_network import LIST_NETWORK
from dlmpparse.grammars.os_release import PKG_INFO_ENTIRE, UNAME_A
from dlmpparse.records import PhysicalLink

_LINK_CELLS: dict[str, Optional[str]] = {
    "link": "net0",
    "media": "Ethernet",
    "state": "up",
    "speed": "1000",
    "duplex": "full",
    "device": "vnet0",
}


def _context(grammar: Grammar) -> Context:
    return Context(command=grammar.key, domain=None, table=grammar.table)


@pytest.mark.parametrize(
    "grammar",
    [
        SHOW_PHYS,
        SHOW_AGGR,
        SHOW_AGGR_X,
        SHOW_ETHERSTUB,
        SHOW_VNIC,
        LIST_NETDEV,
        LIST_NETWORK,
        IPADM,
        UNAME_N,
        VIRTINFO_A,
        LDM_LIST,
        UNAME_A,
        PKG_INFO_ENTIRE,
    ],
    ids=lambda g: g.key,
)
def test_an_assembler_raises_on_a_kind_it_has_no_case_for(grammar: Grammar) -> None:
    # "probe-continued" is a kind of dladm show-aggr -S, which none of these tables makes.
    stray = Row("probe-continued", {"link": "--"}, 3, "--  net1  u--3  active  --")
    with pytest.raises(UnexpectedRow, match=r"'probe-continued' row \(line 3"):
        grammar.assemble([stray], _context(grammar))


@pytest.mark.parametrize("grammar", GRAMMARS, ids=lambda g: g.key)
def test_every_assembler_raises_on_a_kind_it_has_no_case_for(grammar: Grammar) -> None:
    # A kind the grammar's tables never make: "uname" for show-aggr -S (whose own kind the
    # test above borrows), "probe-continued" for every other.
    kind: RowKind = "uname" if grammar.key.startswith("dladm show-aggr -S") else "probe-continued"
    stray = Row(kind, {"link": "--", "type": "X"}, 3, "--  net1  u--3  active  --")
    with pytest.raises(UnexpectedRow, match=rf"'{kind}' row \(line 3"):
        grammar.assemble([stray], _context(grammar))


def test_headers_are_passed_over_and_known_rows_read() -> None:
    rows = [
        Row("header", {"layout": "uname -n"}, 1, ""),
        Row("node", {"node": "ldg6"}, 2, "ldg6"),
    ]
    records = UNAME_N.assemble(rows, _context(UNAME_N))
    assert [(r.node, r.line) for r in records] == [("ldg6", 2)]


def test_a_table_of_records_takes_records_only() -> None:
    table = SHOW_PHYS.table
    assert isinstance(table, TableGrammar)
    record = table.record_for("link", _LINK_CELLS, 2)
    assert isinstance(record, PhysicalLink)
    assert SHOW_PHYS.assemble([record], _context(SHOW_PHYS)) == [record]
    # A reader that handed over a record shape's row as cells would lose it: it raises.
    row = Row("link", dict(_LINK_CELLS), 2, "net0 Ethernet up 1000 full vnet0")
    with pytest.raises(UnexpectedRow, match=r"'link' row \(line 2"):
        SHOW_PHYS.assemble([record, row], _context(SHOW_PHYS))
    # And a record of another table's.
    (port,) = SHOW_AGGR_X.assemble(
        [
            SHOW_AGGR_X.table.record_for("aggregation", {"link": "aggr0"}, 1),  # type: ignore[attr-defined]
            SHOW_AGGR_X.table.record_for("port", {"port": "net0"}, 2),  # type: ignore[attr-defined]
        ],
        _context(SHOW_AGGR_X),
    )
    with pytest.raises(UnexpectedRow, match=r"no case for a AggregationDetail record \(line 1"):
        SHOW_PHYS.assemble([port], _context(SHOW_PHYS))


def test_unexpected_row_is_no_value_error() -> None:
    # A ValueError is read as bad input (a ParseError) or as a one pass's decline; a grammar's
    # bug must be neither.
    assert not issubclass(UnexpectedRow, ValueError)


def test_every_shape_kind_is_in_the_vocabulary() -> None:
    known = set(get_args(RowKind))
    for grammar in GRAMMARS:
        if isinstance(grammar.table, TableGrammar):
            for layout in grammar.table.layouts:
                for shape in layout.shapes:
                    assert shape.kind in known, (grammar.key, shape.kind)

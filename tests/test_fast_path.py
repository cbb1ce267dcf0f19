"""``ldm list -o network``'s block-form reader (``Grammar.fast_path``, building records with
``records.unchecked``) gives exactly what the sectioned-listing reader gives, or declines.
(The dladm tables have one reader: tests/test_one_reader.py.)

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

from dlmpparse import ParseError
from dlmpparse._text import split_lines
from dlmpparse.grammars import GRAMMARS, Grammar, _table
from dlmpparse.grammars._base import Context
from dlmpparse.records import (
    Record,
    VirtualNetwork,
)
from dlmpparse.testing.strategies import (
    Case,
    rendered_cases,
)

FIXTURES = Path(__file__).parent / "fixtures"
FAST = [g for g in GRAMMARS if g.fast_path is not None]
# Output a fast path declines by design: ldm's fast path reads the 3.6 block form of NETWORK
# sections, which guests print; VSW sections and the one-line tables of 3.0-3.5 are read line
# by line.
LEFT_TO_THE_READER = {
    "ldm list -o network": {
        "variant-oneline-35-network-and-vsw",
        "variant-vsw-section-service-domain",
    }
}


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


# --- ldm list -o network: the block form ------------------------------------------------------


def _network() -> Grammar:
    return next(g for g in FAST if g.key == "ldm list -o network")


@given(rendered_cases(["ldm list -o network"]))
def test_fast_path_equals_line_by_line_on_generated_listings(case: Case) -> None:
    words = case.command.split()  # ldm list -o network [domain]
    fast = _read_alike("ldm list -o network", case.text, words[4] if len(words) > 4 else None)
    _same(fast, list(case.records))


@given(rendered_cases(["ldm list -o network"]), rendered_cases(["ldm list -o network"]))
def test_a_domain_separator_resets_the_domain(first: Case, second: Case) -> None:
    text = first.text.rstrip("\r\n") + "\n" + "-" * 78 + "\n" + second.text
    _read_alike("ldm list -o network", text, "operand")


_LISTING = """NAME
ldg6

MAC
    00:14:4f:fa:5d:f1

NETWORK
    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs
    ----         -------                     ----------          ---------------
    vnet6        primary-vsw0@primary        00:14:4f:f9:cf:47   1|--|--
                 DEVICE       :network@0     ID   :0
                 LINKPROP     :phys-state    MTU  :1500
                 CUSTOM       :enable        PRIORITY:--   COS :0
"""


@pytest.mark.parametrize("chunk", [1, 50, 300])
def test_listings_read_in_chunks_are_read_as_a_whole(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Several domains' listings, separated as `ldm list -o network` separates them.
    text = ("-" * 78 + "\n").join(_LISTING.replace("ldg6", f"ldg{i}") for i in range(6))
    whole = _read_alike("ldm list -o network", text)
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    assert [(r.domain, r.line) for r in _read_alike("ldm list -o network", text)] == [
        (r.domain, r.line) for r in whole
    ]
    assert len(whole) == 6


def test_a_listing_with_mac_and_three_pairs_to_a_line_takes_the_fast_path() -> None:
    grammar = _network()
    lines = split_lines(_LISTING)
    fast = _fast(grammar, lines)
    assert fast is not None
    _same(fast, _slow(grammar, lines))
    (vnet,) = fast
    assert isinstance(vnet, VirtualNetwork)
    assert vnet.domain == "ldg6" and vnet.extra == (("PRIORITY", None), ("COS", "0"))
    assert vnet.line_of("custom") == 13


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("MAC\n    00:14:4f:fa:5d:f1", "MAC\n    not-a-mac"),  # a MAC heading's value
        ("ldg6\n", "ldg6\nldg7\n"),  # two values under NAME
        ("ldg6\n", "VCPU\n"),  # a rejected heading as NAME's value
        ("NETWORK\n", "VSW\n"),  # a section the fast path leaves to the readers
        ("NETWORK\n", "NETWORKS\n"),  # an unknown heading
        ("ID   :0", "ID   :zero"),  # a number that is none
        ("ID   :0", "DEVICE :0"),  # a key given twice
        ("    ----         -------", "    PEER    MACADDRESS"),  # a sub-table's header
        ("vnet6 ", "VNET6 "),  # still a row
    ],
)
def test_the_ldm_fast_path_declines_or_agrees(old: str, new: str) -> None:
    grammar = _network()
    text = _LISTING.replace(old, new, 1)
    assert text != _LISTING
    lines = split_lines(text)
    fast = _fast(grammar, lines)
    try:
        slow = _slow(grammar, lines)
    except ParseError:
        assert fast is None
    else:
        if fast is not None:
            _same(fast, slow)


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

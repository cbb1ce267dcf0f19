"""``ldm list -o network``'s one reader: one set of rules (``_Listing`` and ``_Device`` in
``grammars/ldm_network.py``: domains, headings, KEY :value pairs, VLANs, the record), fed either
by the one-pass match of the 3.6 block form or, for what that pass does not take (VSW sections,
the one-line tables of 3.0-3.5, sub-tables, anything wrong), by the section readers' rows.

The two feeds must read the same lines into the same records, and where the section readers
report an error the one pass declines (it never explains a line itself: the section readers
do, through the same rules). The records the rules build with ``records.unchecked`` hold the
values the public constructor would (its converters give them back unchanged).
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
from dlmpparse.grammars import _table
from dlmpparse.grammars._base import Context
from dlmpparse.grammars.ldm_network import LIST_NETWORK
from dlmpparse.records import Record, VirtualNetwork
from dlmpparse.testing.strategies import Case, rendered_cases

FIXTURES = Path(__file__).parent / "fixtures" / LIST_NETWORK.slug
# Forms the one pass leaves to the section readers by design: VSW sections and the one-line
# tables of 3.0-3.5 (guests print the 3.6 blocks of NETWORK sections).
LEFT_TO_THE_SECTION_READERS = {
    "variant-oneline-35-network-and-vsw",
    "variant-vsw-section-service-domain",
}


def _sections(lines: Sequence[str], domain: Optional[str] = None) -> list[Record]:
    """What the section readers' rows make through the rules."""
    events, consumed = LIST_NETWORK.table.rows(lines, 1, command=LIST_NETWORK.key)
    assert consumed == len(lines)
    context = Context(command=LIST_NETWORK.key, domain=domain, table=LIST_NETWORK.table)
    return LIST_NETWORK.assemble(events, context)


def _one_pass(lines: Sequence[str], domain: Optional[str] = None) -> Optional[list[Record]]:
    """What the one pass makes through the rules, or None where it declines."""
    assert LIST_NETWORK.one_pass is not None
    context = Context(command=LIST_NETWORK.key, domain=domain, table=LIST_NETWORK.table)
    return LIST_NETWORK.one_pass("\n".join(lines) + "\n", len(lines), 1, context)


def _types(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(_types(v) for v in value)
    return type(value)


def _same(one: Sequence[Record], other: Sequence[Record]) -> None:
    """Equal, field by field, and of the same types (an int MTU, not "1500")."""
    assert list(one) == list(other)
    for a, b in zip(one, other):
        assert type(a) is type(b)
        for field in attrs.fields(type(a)):
            x, y = getattr(a, field.name), getattr(b, field.name)
            assert _types(x) == _types(y), field.name


def _canonical(records: Sequence[Record]) -> None:
    """Each record as the public constructor makes it from the same values: its converters and
    validators (``attrs.evolve`` runs them) change nothing."""
    for record in records:
        _same([attrs.evolve(record)], [record])


def _read_alike(text: str, domain: Optional[str] = None) -> list[Record]:
    """Generated block-form output: the one pass takes it, as the section readers read it."""
    lines = split_lines(text)
    one = _one_pass(lines, domain)
    assert one is not None
    _same(one, _sections(lines, domain))
    _canonical(one)
    return one


def _fixtures() -> list[tuple[Path, dict[str, Any]]]:
    return [
        (path, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(FIXTURES.glob("*.json"))
    ]


@pytest.mark.parametrize("path, data", _fixtures(), ids=lambda v: getattr(v, "stem", ""))
def test_every_fixture_reads_the_same_by_either_feed(path: Path, data: dict[str, Any]) -> None:
    with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
        lines = split_lines(handle.read())
    one = _one_pass(lines)
    if "error" in data:
        # Bad input never gets records from the one pass: the section readers report it.
        assert one is None
        with pytest.raises(ParseError) as caught:
            _sections(lines)
        assert caught.value.line == data["error"]["line"]
        return
    sections = _sections(lines)
    _canonical(sections)
    if path.stem in LEFT_TO_THE_SECTION_READERS:
        assert one is None
        return
    # Every other fixture is taken by the one pass: it is not silently declined.
    assert one is not None
    _same(one, sections)


def test_the_fixtures_cover_both_feeds() -> None:
    stems = {path.stem for path, _ in _fixtures()}
    assert stems >= LEFT_TO_THE_SECTION_READERS
    assert len(stems - LEFT_TO_THE_SECTION_READERS) >= 6


@given(rendered_cases(["ldm list -o network"]))
def test_generated_listings_are_read_as_rendered(case: Case) -> None:
    words = case.command.split()  # ldm list -o network [domain]
    one = _read_alike(case.text, words[4] if len(words) > 4 else None)
    _same(one, list(case.records))


@given(rendered_cases(["ldm list -o network"]), rendered_cases(["ldm list -o network"]))
def test_a_domain_separator_resets_the_domain(first: Case, second: Case) -> None:
    text = first.text.rstrip("\r\n") + "\n" + "-" * 78 + "\n" + second.text
    _read_alike(text, "operand")


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
    whole = _read_alike(text)
    monkeypatch.setattr(_table, "BODY_CHUNK", chunk)
    assert [(r.domain, r.line) for r in _read_alike(text)] == [(r.domain, r.line) for r in whole]
    assert [r.domain for r in whole] == [f"ldg{i}" for i in range(6)]


def test_no_domain_under_the_name_heading() -> None:
    # "--" is ldm's no value there too: the domain is null, as the record's converter has it.
    # (The one pass takes "--" for a row of dashes and leaves the listing to the section
    # readers.)
    (vnet,) = parse("ldm list -o network operand", _LISTING.replace("ldg6", "--"))
    assert vnet.domain is None
    _canonical([vnet])


def test_three_pairs_to_a_line_and_keys_without_a_field() -> None:
    (vnet,) = _read_alike(_LISTING)
    assert isinstance(vnet, VirtualNetwork)
    assert (vnet.domain, vnet.device, vnet.id, vnet.mtu, vnet.custom) == (
        "ldg6",
        "network@0",
        0,
        1500,
        "enable",
    )
    # PRIORITY and COS have no field: kept as printed, "--" as no value.
    assert vnet.extra == (("PRIORITY", None), ("COS", "0"))
    assert vnet.line == 10 and vnet.line_of("custom") == 13 and vnet.line_of("mtu") == 12


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("MAC\n    00:14:4f:fa:5d:f1", "MAC\n    not-a-mac"),  # a MAC heading's value
        ("ldg6\n", "ldg6\nldg7\n"),  # two values under NAME
        ("ldg6\n", "VCPU\n"),  # a rejected heading as NAME's value
        ("NETWORK\n", "VSW\n"),  # a section the one pass leaves to the section readers
        ("NETWORK\n", "NETWORKS\n"),  # an unknown heading
        ("ID   :0", "ID   :zero"),  # a number that is none
        ("ID   :0", "DEVICE :0"),  # a key given twice
        ("COS :0", "COS :0 COS :1"),  # a key without a field given twice
        ("    ----         -------", "    PEER    MACADDRESS"),  # a sub-table's header
        ("vnet6 ", "VNET6 "),  # still a row
        ("1|--|--", "x|--|--"),  # a PVID that is no number
        ("1|--|--", "1|--|10,x"),  # VIDs that are none
        ("ID   :0", "ID   :0|1|2"),  # a number with "|" in it
        # A line that is a vnet row and a line of pairs at once: a row, as the readers read it
        ("    vnet6        primary-vsw0@primary        00:14:4f:f9:cf:47   1|--|--",
         "    VNET6        :vsw@primary   AB:01:02:03:04:05   X:|--|--"),
        ("    vnet6        primary-vsw0@primary        00:14:4f:f9:cf:47   1|--|--",
         "    VNET6        :vsw@primary   AB:01:02:03:04:05   1|--|--"),
    ],
)
def test_the_one_pass_declines_or_agrees(old: str, new: str) -> None:
    text = _LISTING.replace(old, new, 1)
    assert text != _LISTING
    lines = split_lines(text)
    one = _one_pass(lines)
    try:
        sections = _sections(lines)
    except ParseError:
        assert one is None
    else:
        if one is not None:
            _same(one, sections)


def test_pairs_with_a_bar_in_a_value_are_tried_as_a_row_first_and_read() -> None:
    text = _LISTING.replace("MTU  :1500", "MTU  :1500    COLOUR :red|green|blue", 1)
    (vnet,) = _read_alike(text)
    assert isinstance(vnet, VirtualNetwork)
    # Extra keys in the order printed: COLOUR is on line 12, PRIORITY and COS on 13.
    assert vnet.mtu == 1500 and vnet.extra[0] == ("COLOUR", "red|green|blue")


@pytest.mark.parametrize("separator", ["-" * 25, "-" * 78 + "  "])
def test_a_domain_separator_under_a_header_is_no_row_of_dashes(separator: str) -> None:
    # A header, then a domain separator in place of its dashes: the row below it is of the
    # operand's domain, not of the NAME heading's.
    dashes = "    ----         -------                     ----------          ---------------"
    assert dashes in _LISTING
    (vnet,) = _read_alike(_LISTING.replace(dashes, separator), "operand")
    assert vnet.domain == "operand" and vnet.line == 10


@pytest.mark.parametrize(
    ("old", "new", "where", "why"),
    [
        ("ID   :0", "ID   :zero", (11, 46), "expected a number for ID, got 'zero'"),
        ("ID   :0", "DEVICE :0", (11, 46), "DEVICE is given twice for this vnet"),
        ("COS :0", "COS :0 COS :1", (13, 67), "COS is given twice for this vnet"),
        ("00:14:4f:fa:5d:f1", "not-a-mac", (5, 5), "expected the domain's MAC address"),
        (
            "1|--|--",
            "1|--|10,x",
            (10, 66 + len("1|--|")),
            "expected VLAN IDs such as 10,20 or -- in VIDs, got '10,x'",
        ),
    ],
)
def test_a_broken_rule_is_reported_at_its_cell(
    old: str, new: str, where: tuple[int, int], why: str
) -> None:
    # The one pass declines; the section readers report it, through the same rule. Columns
    # count from 1: ID starts the 46th character of its line, the second COS the 67th, the
    # MAC heading's value is indented by 4, the VLANs cell starts at the 66th.
    text = _LISTING.replace(old, new, 1)
    assert _one_pass(split_lines(text)) is None
    with pytest.raises(ParseError) as caught:
        parse("ldm list -o network", text)
    assert (caught.value.line, caught.value.column) == where
    assert caught.value.expected == why


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
    "MTU :abc",
    "CUSTOM:enable",
    "PVID :1|2|3",
    "DEVICE :network@0     ID   :0",
    "    PEER                        MACADDRESS          PVID|PVLAN|VIDs",
    "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
    "    vnet6        primary-vsw0@primary        00:14:4f:f9:cf:47   1|--|--",
    "    VNET7        :a@b        AB:01:02:03:04:05   X:|--|--",
]


@st.composite
def _mutated(draw: st.DrawFn) -> list[str]:
    paths = sorted(FIXTURES.glob("*.txt"))
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
    return lines


@given(_mutated())
def test_what_the_one_pass_reads_it_reads_as_the_section_readers_do(lines: list[str]) -> None:
    one = _one_pass(lines)
    try:
        sections = _sections(lines)
    except ParseError:
        assert one is None
        return
    if one is not None:
        _same(one, sections)

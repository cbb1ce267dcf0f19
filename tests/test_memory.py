"""Memory at scale: the input is held once (as its text, not a string per line), a table body
is never split all at once, rows read line by line (and vnets) share the strings of values
that repeat, and a fleet check stays below a ratio of its input.

Sizes are ratios to the input measured with tracemalloc (never a time). The inputs are
constructed in the form Solaris 11.4 prints (``dladm show-phys``, ``dladm show-aggr -x``: the
column layouts of tests/fixtures and FORMATS.md), large enough that a whole-body split would
show: about 2 MB.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from _fleets import fleet as _fleet

from dlmpparse import Report, check, parse, read_transcript
from dlmpparse._text import Lines
from dlmpparse.records import NetDevice, VirtualNetwork
from dlmpparse.text import clean_text

HEALTHY = Path(__file__).parent / "fixtures" / "transcripts" / "healthy.txt"


def _show_phys(rows: int) -> str:
    """Constructed: show-phys rows as libofmt pads them (the seed's and the fixtures' widths)."""
    out = ["LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE"]
    for i in range(rows):
        state = "up" if i % 7 else "down"
        out.append(f"{f'net{i}':<15} Ethernet      {state:<10} 1000   full      igb{i}")
    return "\n".join(out) + "\n"


def _list_netdev(rows: int) -> str:
    """Constructed: ldm list-netdev of a domain, as in the seed (ldm list-netdev ldg6)."""
    out = [
        "NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC",
        "----    -----    -----   -----    -----  ----     ---",
    ]
    for i in range(rows):
        state = "up" if i % 5 else "down"
        out.append(f"net{i}    VNET     ETHER   {state:<8} 1G     vnet{i}    primary-vsw0/vnet{i}")
    return "\n".join(out) + "\n"


def _show_link(rows: int) -> str:
    """Constructed: show-link rows as in tests/fixtures/dladm-show-link/real-opensvc-s11.txt."""
    out = ["LINK                CLASS     MTU    STATE    OVER"]
    for i in range(rows):
        out.append(f"{f'net{i}':<19} phys      1500   up       --")
    return "\n".join(out) + "\n"


def _show_aggr_x(aggregations: int) -> str:
    """Constructed: an aggregation row, then two port rows with a blank LINK, as in the seed."""
    out = ["LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE"]
    tail = "1000Mb   full     up       "
    for i in range(aggregations):
        mac = f"{(i >> 8) & 0xFF:x}:{i & 0xFF:x}"
        out.append(f"aggr{i:<6} --             {tail}2:8:20:88:{mac:<6}    --")
        out.append(f"           net{2 * i:<11} {tail}0:14:4f:f9:{mac:<6}   attached")
        out.append(f"           net{2 * i + 1:<11} {tail}0:14:4f:fb:{mac:<6}   standby")
    return "\n".join(out) + "\n"


def _heap(run: Callable[[], object]) -> tuple[int, int, object]:
    """The heap's peak while ``run`` ran and what was still allocated after it (bytes)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = run()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, kept, result


def test_the_reader_holds_the_input_once_not_a_string_per_line() -> None:
    text = HEALTHY.read_text(encoding="utf-8")
    reading = read_transcript(text)
    # Text the text stage leaves alone is kept as it was given: the very object.
    assert isinstance(reading.source, Lines) and reading.source.text is text
    assert len(reading.source) == text.count("\n")
    assert list(reading.source) == text.splitlines()
    blocks = [r.block for r in reading.results if r.block is not None]
    assert len(blocks) > 10
    for block in blocks:
        # Where its lines are in the one copy, not a tuple of its own.
        assert block.source is reading.source
        start = block.first_line - 1
        assert block.lines == tuple(text.splitlines()[start : start + len(block.lines)])


def test_a_cleaned_transcript_is_held_as_one_text() -> None:
    text = "primary# dladm show-phys\x1b[0m\nLINK\r\nPassword:\nnet0\n"
    reading = read_transcript(text)
    assert isinstance(reading.source, Lines)
    assert list(reading.source) == ["primary# dladm show-phys", "LINK", "", "net0"]


def test_text_the_text_stage_cleans_is_held_as_one_text_part_by_part() -> None:
    # Constructed: 3,000 lines; the text stage cleans a part (1,024 lines) at a time.
    rows = [f"net{i}    Ethernet      up         1000   full      igb{i}" for i in range(3000)]
    rows[2500] = "\x1b[1mprimary# dladm show-phys\x1b[0m"
    rows[2700] = "Password:"
    cleaned = clean_text("\n".join(rows) + "\n")
    assert isinstance(cleaned.lines, Lines)
    expected = list(rows)
    expected[2500], expected[2700] = "primary# dladm show-phys", ""
    assert list(cleaned.lines) == expected
    assert [(n.line, n.text) for n in cleaned.noise] == [(2701, "Password:")]


def test_text_the_text_stage_leaves_alone_is_the_input_itself() -> None:
    # Non-ASCII text takes the line-by-line path; an en-dash inside a word changes nothing.
    text = "primary# ldm list \u2013o network ldg6\n" * 2000
    assert clean_text(text).lines.text is text  # type: ignore[attr-defined]


def test_a_fleet_check_peaks_below_five_and_a_half_times_its_input() -> None:
    text = _fleet(150)
    assert len(text) > 400_000
    check(text[:20_000])  # imports and first-use compilations are not the check's
    peak, _, report = _heap(lambda: check(text))
    assert isinstance(report, Report) and len(report.system.targets) == 150
    # 10.7 x at this size before the input was held once and evidence quoted when asked,
    # 8.2 x after, 7.7 x with the findings' messages and lines shared, 5.0 x with cells,
    # blocks and findings kept once per value (docs/performance.md, "Memory at scale"; 4.5 x
    # at 5 and 50 MB, where what is made once weighs less): holding the lines as strings
    # again (+1.8 x), a copy of each cited line (+1.2 x), a string per cell (+0.8 x) or a
    # Block beside each result (+0.5 x) fails here.
    assert peak < 5.5 * len(text), peak / len(text)
    # The evidence text is still there when asked for, from the one copy of the input.
    finding = next(f for f in report.findings if f.evidence_lines)
    assert finding.evidence[0].text == report.reading.line_text(finding.evidence_lines[0]).strip()
    assert finding.evidence[0].text


@pytest.mark.parametrize(
    "command, text, held",
    [
        ("dladm show-phys", _show_phys(30_000), 0.75),
        ("dladm show-aggr -x", _show_aggr_x(8_000), 0.75),
        # A wrapped OVER list continues below its row: a link was held until the end.
        ("dladm show-link", _show_link(40_000), 0.75),
        # Read line by line (its LOC column is cut at the header's positions).
        ("ldm list-netdev ldg6", _list_netdev(25_000), 0.75),
        # The -o and -p readers: every row was made before the first record.
        (
            "dladm show-phys -o link,state,speed",
            "LINK    STATE  SPEED\n" + "".join(f"net{i}  up  1000\n" for i in range(30_000)),
            0.75,
        ),
        (
            "dladm show-phys -p -o link,media,state,speed,duplex,device",
            "".join(f"net{i}:Ethernet:up:1000:full:igb{i}\n" for i in range(25_000)),
            0.75,
        ),
        (
            "ldm list-netdev -p ldg6",
            "VERSION 1.0\nDOMAIN|name=ldg6\n"
            + "".join(
                f"|name=net{i}|class=VNET|media=ETHER|state=up|speed=1000|over=vnet{i}"
                f"|loc=primary-vsw0/vnet{i}\n"
                for i in range(12_000)
            ),
            # The devices under a DOMAIN line are its record's lines, held (as lines, their
            # pairs split when read) until the record ends: 17 x before.
            3.5,
        ),
        (
            # One NETWORK section of an ldm listing (as in tests/fixtures/ldm-list-l/
            # oracle-doc-ldoms13-ldg1-network.txt), a vnet per one-line table: a section is
            # read whole (its lines as strings), its rows handed over as they are made.
            "ldm list -l ldg1",
            "NETWORK\n"
            + "".join(
                "NAME         SERVICE                     DEVICE       MAC\n"
                f"{f'net{i}':<13}{'primary-vsw0@primary':<28}{f'network@{i}':<13}"
                f"00:14:4f:f8:{i >> 8 & 255:02x}:{i & 255:02x}\n"
                for i in range(6_000)
            ),
            3.5,
        ),
    ],
    ids=["show-phys", "show-aggr-x", "show-link", "list-netdev", "-o", "-p", "ldm-p", "ldm-l"],
)
def test_a_table_is_never_held_as_every_cell_at_once(command: str, text: str, held: float) -> None:
    assert len(text) > 500_000
    peak, kept, records = _heap(lambda: parse(command, text))
    assert isinstance(records, list) and records
    # What the heap held beyond the records it returns: a chunk's cells, not the input's
    # (a split of the whole body keeps about four times the input alive at once, a dict of
    # cells per row six times, a string per line once more). A chunk (64 KiB of text) of
    # rows of a narrow table is up to 2 MB of objects, whatever the input's size.
    assert peak - kept < max(len(text) * held, 3_000_000), (peak, kept, len(text))


def _list_network(guests: int) -> str:
    """Constructed: ldm list -o network blocks (3.6 form) as tests/fixtures hold them."""
    out = []
    for g in range(guests):
        out += [
            "NAME",
            f"ldg{g}",
            "",
            "NETWORK",
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    vnet{g}        primary-vsw0@primary        00:14:4f:f9:{g >> 8:02x}:{g & 255:02x}"
            "   1|--|--",
            "                 DEVICE       :network@0     ID   :0",
            "                 LINKPROP     :phys-state    MTU  :1500",
            "                 MAXBW        :--            MODE :--",
            "                 CUSTOM       :enable",
            "",
            "-" * 78,
        ]
    return "\n".join(out[:-1]) + "\n"


def test_rows_read_line_by_line_share_the_strings_of_repeated_values() -> None:
    devices = parse("ldm list-netdev ldg6", _list_netdev(500))
    assert len(devices) == 500
    assert all(isinstance(d, NetDevice) for d in devices)
    for field, values in (("class_", 1), ("media", 1), ("state", 2), ("speed_raw", 1)):
        assert len({id(getattr(d, field)) for d in devices}) == values, field
    # Names are not shared values: each row keeps its own.
    assert len({d.name for d in devices}) == 500


def test_vnets_share_the_strings_of_repeated_values() -> None:
    vnets = parse("ldm list -o network", _list_network(300))
    assert len(vnets) == 300
    assert all(isinstance(v, VirtualNetwork) for v in vnets)
    for field in ("service", "service_domain", "device", "linkprop", "custom"):
        assert len({id(getattr(v, field)) for v in vnets}) == 1, field


def test_banner_candidates_found_in_the_text_are_the_lines_that_begin_with_a_fence() -> None:
    from dlmpparse.transcript import _fenced

    lines = [
        "=== ldg6: dladm show-phys ===",
        "LINK  MEDIA",
        "  \t----- ldg5 -----",
        "\x0c# a comment",
        "net0 - x",
        "",
        "*** primary ***",
        "   ",
        "-",
    ]
    text = "\n".join(lines)
    expected = [(i, line) for i, line in enumerate(lines) if line.strip()[:1] in set("=-#*")]
    assert [i for i, _ in expected] == [0, 2, 3, 6, 8]
    assert list(_fenced(Lines(text))) == expected
    # The first line has no LF before it.
    shifted = ["LINK  MEDIA", *lines[1:]]
    assert [i for i, _ in _fenced(Lines("\n".join(shifted)))] == [2, 3, 6, 8]


@pytest.mark.parametrize("text", ["a\nbb\n\nccc\n", "a\nbb\n\nccc", "x\n", "\n\n", "only"])
def test_a_part_of_the_lines_is_those_lines(text: str) -> None:
    from dlmpparse._text import Lines, split_lines

    lines = Lines(text)
    expected = split_lines(text)
    assert list(lines) == expected
    for start in range(len(expected) + 1):
        for stop in range(start, len(expected) + 1):
            part = lines.part(start, stop)
            assert list(part) == expected[start:stop], (start, stop)
            assert len(part) == stop - start
            # Its text is the input's own characters for those lines.
            assert part.text == text[lines.offset(start) : lines.offset(stop)]
            # A view of the input, not a copy: the text is the input itself.
            whole, begin, end = part.span()
            assert whole is text and whole[begin:end] == part.text
            for index in range(len(part)):
                assert part.index_at(part.offset(index)) == index
            # A part of a part is those lines of the input.
            for inner in range(len(part) + 1):
                assert list(part.part(inner, len(part))) == expected[start + inner : stop]


def test_a_table_block_is_read_from_its_text_not_a_string_per_line() -> None:
    from dlmpparse._text import Lines
    from dlmpparse.reader import read_transcript

    rows = "".join(f"net{i} Ethernet up 1000 full igb{i}\n" for i in range(50))
    header = "LINK MEDIA STATE SPEED DUPLEX DEVICE\n"
    reading = read_transcript("ldg6# dladm show-phys\n" + header + rows)
    (result,) = [r for r in reading.results if r.records]
    assert len(result.records) == 50
    block = result.block
    assert block is not None and isinstance(block.lines, Lines)
    assert block.lines[0].startswith("LINK") and len(block.lines) == 51


def test_a_check_of_one_large_table_peaks_below_five_times_its_input() -> None:
    text = "ldg6# dladm show-phys\n" + _show_phys(25_000)
    assert len(text) > 1_500_000
    check(text[:20_000])
    peak, _, report = _heap(lambda: check(text))
    assert isinstance(report, Report) and report.reading.results[0].records
    # 8.4 x before a block was read where it is in the input (its text was copied whole,
    # +1 x) and rows kept one string per repeated cell (a string per cell, +3 x); 4.2 x after
    # (docs/performance.md, "Memory at scale").
    assert peak < 5 * len(text), peak / len(text)


def test_a_sharer_gives_the_first_equal_value_and_stays_bounded() -> None:
    from dlmpparse._shared import sharer

    share = sharer(3)
    first = "".join(["ab", "c"])
    again = "".join(["a", "bc"])
    assert again is not first and share(first) is first and share(again) is first
    for n in range(10):
        share(str(n))
    # Let go once others fill the table: a value seen again is shared anew, never held for ever.
    assert share(again) is again


def test_a_fleet_s_findings_share_their_repeated_messages_and_lines() -> None:
    from dlmpparse import check

    base = (Path(__file__).parent / "fixtures" / "transcripts" / "healthy.txt").read_text(
        encoding="utf-8"
    )
    findings = check(base + base.replace("ldg6", "ldg7")).findings
    by_message: dict[str, int] = {}
    for finding in findings:
        by_message.setdefault(finding.message, id(finding.message))
        assert id(finding.message) == by_message[finding.message]
    assert len(by_message) < len(findings)


def test_tables_of_several_domains_share_the_strings_of_their_names() -> None:
    # Real output (tests/fixtures/dladm-show-link/oracle-doc-s112-geytw.txt), printed by two
    # domains: a fleet's transcript repeats each domain's link names, and a string per row
    # per domain was a third of what a fleet's records weighed.
    fixture = Path(__file__).parent / "fixtures" / "dladm-show-link" / "oracle-doc-s112-geytw.txt"
    text = fixture.read_text(encoding="utf-8")
    first = parse("dladm show-link", text)
    second = parse("dladm show-link", text)  # its cells are cut anew from the text
    assert len(first) == len(second) > 3
    for a, b in zip(first, second):
        assert a == b
        assert a.link is b.link and a.class_ is b.class_ and a.state is b.state
    # A value made from a cell (the interface of an address object) is shared too.
    ipadm = (
        "NAME              CLASS/TYPE STATE        UNDER      ADDR\n"
        "net0              ip         ok           --         --\n"
        "   net0/v4        static     ok           --         10.0.0.5/24\n"
    )
    addresses = [r for r in parse("ipadm", ipadm) + parse("ipadm", ipadm) if r.line == 3]
    assert addresses[0].interface is addresses[1].interface  # type: ignore[attr-defined]

"""Focused tests of the show-link / bare dladm, show-etherstub, show-vnic, ipadm show-if and
show-addr grammars, beyond their golden fixtures: OVER list forms, wrapped rows, header
variants, the forms accepted, and errors with their line, column and caret."""

from __future__ import annotations

import pytest

from dlmpparse import ParseError, parse
from dlmpparse.errors import UnknownCommandError
from dlmpparse.grammars import select
from dlmpparse.grammars.dladm_links import DLADM, SHOW_ETHERSTUB, SHOW_LINK, SHOW_VNIC
from dlmpparse.grammars.ipadm_show import SHOW_ADDR, SHOW_IF
from dlmpparse.records import Etherstub, IpAddress, IpInterface, Link, Vnic

LINK_HEADER = "LINK                CLASS     MTU    STATE    OVER"
LINK_HEADER_11_0 = "LINK        CLASS     MTU    STATE    BRIDGE     OVER"
VNIC_ROW = "vnic1           net1           1000   2:8:20:3b:d8:cf   random      "
CONTINUATION = " " * 46


def links(text: str, command: str = "dladm show-link") -> list[Link]:
    records = parse(command, text)
    assert all(isinstance(r, Link) for r in records)
    return [r for r in records if isinstance(r, Link)]


def error(command: str, text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(command, text)
    return caught.value


def assert_caret(exc: ParseError) -> None:
    """The message ends with the offending line and a caret under the column."""
    rendered = str(exc).splitlines()
    assert rendered[-1].strip() == "^"
    caret = rendered[-1].index("^")
    shown = rendered[-2]
    indent = len(shown) - len(shown.lstrip(" ")) - len(exc.text) + len(exc.text.lstrip(" "))
    assert caret - indent == exc.column - 1


# --- which grammar a command line selects --------------------------------------------------


@pytest.mark.parametrize(
    ("command", "grammar"),
    [
        ("dladm show-link", SHOW_LINK),
        ("dladm show-link net0", SHOW_LINK),
        ("dladm  show\u2013link", SHOW_LINK),
        ("dladm", DLADM),
        ("dladm show-etherstub", SHOW_ETHERSTUB),
        ("dladm show-vnic", SHOW_VNIC),
        ("dladm show-vnic vnic1", SHOW_VNIC),
        ("ipadm show-if", SHOW_IF),
        ("ipadm show-addr", SHOW_ADDR),
        ("ipadm show-addr net0/v4", SHOW_ADDR),
    ],
)
def test_human_forms_select_their_grammar(command: str, grammar: object) -> None:
    assert select(command)[0] is grammar


@pytest.mark.parametrize(
    "command",
    [
        "dladm show-link -P",  # persistent view: other columns (illumos: LINK CLASS BRIDGE OVER)
        "dladm show-link -s",
        "dladm show-vnic -m",
        "ipadm show-if -Z",
    ],
)
def test_other_columns_are_refused(command: str) -> None:
    with pytest.raises(UnknownCommandError):
        select(command)


@pytest.mark.parametrize(
    "command",
    [
        "dladm show-link -p -o link,over",
        "dladm show-etherstub -p -o link",
        "dladm show-vnic -p -o link,over",
        "ipadm show-if -p -o ifname,over",
        "ipadm show-addr -p -o addrobj,addr",
    ],
)
def test_parseable_forms_are_not_the_human_grammars(command: str) -> None:
    grammar, _ = select(command)
    assert grammar.key.endswith(" -p")
    assert grammar not in (SHOW_LINK, DLADM, SHOW_ETHERSTUB, SHOW_VNIC, SHOW_IF, SHOW_ADDR)


def test_bare_dladm_reads_the_show_link_table() -> None:
    text = f"{LINK_HEADER}\nnet0                phys      1500   up       --\n"
    assert links(text, "dladm") == links(text)
    assert DLADM.subcommand is None and DLADM.table is SHOW_LINK.table


# --- show-link: OVER forms -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        ("--", ()),
        ("net1", ("net1",)),
        ("net0 net1 net2 net3", ("net0", "net1", "net2", "net3")),
        ("net1,net4", ("net1", "net4")),
        ("aggr_1.2", ("aggr_1.2",)),
    ],
)
def test_over_forms(over: str, expected: tuple[str, ...]) -> None:
    text = f"{LINK_HEADER}\naggr0               aggr      1500   up       {over}\n"
    (record,) = links(text)
    assert record.over == expected
    assert (record.link, record.class_, record.mtu, record.state) == ("aggr0", "aggr", 1500, "up")


def test_wrapped_over_rows_belong_to_the_row_above() -> None:
    text = (
        f"{LINK_HEADER}\n"
        "aggr0               aggr      1500   up       net1,net2,net3,\n"
        f"{CONTINUATION}net4,net5,\n"
        f"{CONTINUATION}net6\n"
        "vnic0               vnic      1500   up       aggr0\n"
    )
    first, second = links(text)
    assert first.over == ("net1", "net2", "net3", "net4", "net5", "net6")
    assert first.line == 2
    assert (second.link, second.over, second.line) == ("vnic0", ("aggr0",), 5)


def test_wrapped_over_without_indentation_still_continues() -> None:
    # A paste that lost its leading blanks: the lone list still follows a row ending in ",".
    text = f"{LINK_HEADER}\naggr0               aggr      1500   up       net1,\nnet2\n"
    (record,) = links(text)
    assert record.over == ("net1", "net2")


def test_lone_value_after_a_closed_list_is_an_error() -> None:
    row = "aggr0               aggr      1500   up       net1,net2"
    text = f"{LINK_HEADER}\n{row}\n{CONTINUATION}net3\n"
    exc = error("dladm show-link", text)
    assert (exc.line, exc.column) == (3, 47)
    assert "must continue a list ending in ','" in str(exc)
    assert_caret(exc)


def test_lone_value_before_any_row_is_an_error() -> None:
    exc = error("dladm show-link", f"{LINK_HEADER}\n{CONTINUATION}net3\n")
    assert (exc.line, exc.column) == (2, 47)


def test_11_0_bridge_layout() -> None:
    text = (
        f"{LINK_HEADER_11_0}\n"
        "net0        phys      1500   up       br0        --\n"
        "aggr1       aggr      1500   up       --         net2 net3\n"
    )
    first, second = links(text)
    assert (first.bridge, first.over) == ("br0", ())
    assert (second.bridge, second.over) == (None, ("net2", "net3"))


def test_header_decides_the_layout_and_may_repeat() -> None:
    rows = "\n".join(f"net{i}                phys      1500   up       --" for i in range(3))
    text = (
        f"{LINK_HEADER}\n{rows}\n{LINK_HEADER}\nnet9                phys      1500   down     --\n"
    )
    records = links(text)
    assert [r.line for r in records] == [2, 3, 4, 6]
    assert records[-1].state == "down"


def test_overflowing_name_pushes_the_row_right() -> None:
    text = f"{LINK_HEADER}\nzone_webserver01/net0 vnic    1500   up       net0\n"
    (record,) = links(text)
    assert (record.link, record.class_, record.over) == ("zone_webserver01/net0", "vnic", ("net0",))


def test_crlf_tabs_and_nbsp() -> None:
    text = f"{LINK_HEADER}\r\nstub0\u00a0\u00a0\tetherstub\t9000\u00a0unknown\t--\r\n"
    (record,) = links(text)
    assert (record.link, record.class_, record.mtu, record.state) == (
        "stub0",
        "etherstub",
        9000,
        "unknown",
    )


def test_unknown_state_is_read() -> None:
    (record,) = links(f"{LINK_HEADER}\nnet0                vnic      1500   ?        --\n")
    assert record.state == "?"


def test_rows_without_header_are_refused() -> None:
    exc = error("dladm show-link", "net0                phys      1500   up       --\n")
    assert (exc.line, exc.column) == (1, 1)
    assert "header" in str(exc)


def test_bad_class_reports_its_column() -> None:
    exc = error(
        "dladm show-link", f"{LINK_HEADER}\nnet0                physical  1500   up       --\n"
    )
    assert (exc.line, exc.column) == (2, 21)
    assert "column CLASS" in str(exc)
    assert_caret(exc)


def test_bad_mtu_reports_its_column() -> None:
    exc = error(
        "dladm show-link", f"{LINK_HEADER}\nnet0                phys      big    up       --\n"
    )
    assert (exc.line, exc.column) == (2, 31)
    assert "column MTU" in str(exc)


def test_lenient_reading_stops_at_prose() -> None:
    lines = [LINK_HEADER, "net0                phys      1500   up       --", "exit"]
    records, consumed = SHOW_LINK.read(lines, lenient=True)
    assert consumed == 2 and len(records) == 1


# --- show-etherstub ------------------------------------------------------------------------


def test_etherstub_names() -> None:
    records = parse("dladm show-etherstub", "LINK\nstub0\n  sf1.1\nsf1_1\n")
    assert records == [
        Etherstub(link="stub0", line=2),
        Etherstub(link="sf1.1", line=3),
        Etherstub(link="sf1_1", line=4),
    ]


def test_etherstub_header_alone() -> None:
    assert parse("dladm show-etherstub", "LINK\n") == []


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("LINK\nexit\n", 2, 1),  # not a datalink name: names end with a digit
        ("LINK\nstub0 stub1\n", 2, 7),
        ("stub0\n", 1, 1),  # no header
    ],
)
def test_etherstub_errors(text: str, line: int, column: int) -> None:
    exc = error("dladm show-etherstub", text)
    assert (exc.line, exc.column) == (line, column)
    assert_caret(exc)


def test_etherstub_lenient_stops_at_a_word() -> None:
    records, consumed = SHOW_ETHERSTUB.read(["LINK", "stub0", "logout"], lenient=True)
    assert consumed == 2 and records == [Etherstub(link="stub0", line=2)]


# --- show-vnic -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "ids", "vids"),
    [
        ("LINK            OVER           SPEED  MACADDRESS        MACADDRTYPE IDS", "VID:0", (0,)),
        (
            "LINK            OVER           SPEED  MACADDRESS        MACADDRTYPE IDS",
            "VID:0,415",
            (0, 415),
        ),
        (
            "LINK         OVER         SPEED  MACADDRESS        MACADDRTYPE       VIDS",
            "123",
            (123,),
        ),
        ("LINK         OVER         SPEED  MACADDRESS        MACADDRTYPE         VID", "0", (0,)),
        ("LINK            OVER           SPEED  MACADDRESS        MACADDRTYPE IDS", "--", ()),
    ],
)
def test_vnic_id_columns(header: str, ids: str, vids: tuple[int, ...]) -> None:
    (record,) = parse("dladm show-vnic", f"{header}\n{VNIC_ROW}{ids}\n")
    assert isinstance(record, Vnic)
    assert record.vids == vids
    assert (record.link, record.over, record.speed, record.macaddress, record.macaddrtype) == (
        "vnic1",
        "net1",
        1000,
        "02:08:20:3b:d8:cf",
        "random",
    )


def test_vnic_layouts_do_not_mix() -> None:
    header = "LINK         OVER         SPEED  MACADDRESS        MACADDRTYPE       VIDS"
    exc = error("dladm show-vnic", f"{header}\n{VNIC_ROW}VID:123\n")
    assert exc.line == 2 and "column VIDS" in str(exc)


def test_vnic_bad_mac() -> None:
    header = "LINK            OVER           SPEED  MACADDRESS        MACADDRTYPE IDS"
    exc = error(
        "dladm show-vnic",
        f"{header}\nvnet1           net1           1000   2:8:20:3b:d8      random      VID:0\n",
    )
    assert (exc.line, exc.column) == (2, 39)
    assert "MAC" in str(exc)
    assert_caret(exc)


# --- ipadm show-if -------------------------------------------------------------------------

IF_HEADER = "IFNAME     CLASS    STATE    ACTIVE OVER"


def test_show_if_ipmp_over_list() -> None:
    text = (
        f"{IF_HEADER}\n"
        "ipmp0      ipmp     ok       yes    net1 net2\n"
        "net1       ip       ok       yes    --\n"
    )
    first, second = parse("ipadm show-if", text)
    assert first == IpInterface(
        name="ipmp0", class_="ipmp", state="ok", active="yes", over=("net1", "net2"), line=2
    )
    assert isinstance(second, IpInterface) and second.over == () and second.under is None


@pytest.mark.parametrize(
    ("row", "column", "where"),
    [
        ("net0       ip       ok       maybe  --", 30, "ACTIVE"),
        ("net0       ether    ok       yes    --", 12, "CLASS"),
        ("net0       ip       sleepy   yes    --", 21, "STATE"),
        ("net0       ip       ok       yes", 33, "OVER"),
    ],
)
def test_show_if_errors(row: str, column: int, where: str) -> None:
    exc = error("ipadm show-if", f"{IF_HEADER}\n{row}\n")
    assert (exc.line, exc.column) == (2, column)
    assert f"column {where}" in str(exc)
    assert_caret(exc)


# --- ipadm show-addr -----------------------------------------------------------------------

ADDR_HEADER = "ADDROBJ           TYPE     STATE        ADDR"


@pytest.mark.parametrize(
    ("row", "addrobj", "interface", "addr"),
    [
        ("lo0/v4            static   ok           127.0.0.1/8", "lo0/v4", "lo0", "127.0.0.1/8"),
        ("net0/?            static   ok           10.0.0.5/8", "net0/?", "net0", "10.0.0.5/8"),
        (
            "tun0/v4           static   ok           10.1.1.1->10.1.1.2",
            "tun0/v4",
            "tun0",
            "10.1.1.1->10.1.1.2",
        ),
        ("net3/v4           dhcp     tentative    --", "net3/v4", "net3", None),
        ("net3/v4           dhcp     tentative", "net3/v4", "net3", None),
        (
            "aggr0/v6          addrconf ok           fe80::8:20ff:fe88:84ba/10",
            "aggr0/v6",
            "aggr0",
            "fe80::8:20ff:fe88:84ba/10",
        ),
    ],
)
def test_show_addr_rows(row: str, addrobj: str, interface: str, addr: str | None) -> None:
    (record,) = parse("ipadm show-addr", f"{ADDR_HEADER}\n{row}\n")
    assert isinstance(record, IpAddress)
    assert (record.addrobj, record.interface, record.addr) == (addrobj, interface, addr)


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ("net0/v4           static   ok           192.0.2.x/24", 41, "column ADDR"),
        ("net0              static   ok           192.0.2.1/24", 1, "column ADDROBJ"),
        ("net0/v4           manual   ok           192.0.2.1/24", 19, "column TYPE"),
    ],
)
def test_show_addr_errors(row: str, column: int, expected: str) -> None:
    exc = error("ipadm show-addr", f"{ADDR_HEADER}\n{row}\n")
    assert (exc.line, exc.column) == (2, column)
    assert expected in str(exc)
    assert_caret(exc)


def test_show_addr_first_line_offsets_errors() -> None:
    with pytest.raises(ParseError) as caught:
        parse("ipadm show-addr", f"{ADDR_HEADER}\nnet0 static ok 1.2.3.4/8\n", first_line=40)
    assert caught.value.line == 41

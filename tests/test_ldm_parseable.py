"""ldm's parseable (``-p``) listings: the same records as the human forms, strict line
accounting, and a transcript of -p forms checked like the human one.

Fields the -p form cannot carry the same way, and so are left out of the comparisons: ``line``
(the forms print a record on different lines), ``field_lines`` (the human 3.6 block spreads a
vnet over several lines, -p prints it on one), ``speed_raw`` of list-netdev (``1G`` against
``1000``) and the spelling of ``extra`` keys (``PRIORITY`` in the human block, ``priority`` in
-p; compared case-folded).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import ParseError, check, parse, read_transcript, to_dict
from dlmpparse.grammars import select
from dlmpparse.records import Domain, VirtualNetwork
from dlmpparse.testing import render as r
from dlmpparse.testing import render_ldm_p as p
from dlmpparse.testing import strategies as gen

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"


def comparable(records: Sequence[Any], *drop: str) -> list[dict[str, Any]]:
    out = []
    for record in records:
        data = to_dict(record)
        # not_shown says what a form leaves out: the forms differ, the facts must not.
        for key in ("line", "field_lines", "not_shown", *drop):
            data.pop(key, None)
        if "extra" in data:
            data["extra"] = {k.lower(): v for k, v in data["extra"].items()}
        out.append(data)
    return out


# --- the same records as the human forms --------------------------------------------------------

_extra = st.lists(
    st.tuples(
        st.sampled_from(["PRIORITY", "COS", "PROTECTION"]),
        st.one_of(st.none(), st.sampled_from(["high", "3", "mac-nospoof,ip-nospoof"])),
    ),
    max_size=2,
    unique_by=lambda t: t[0],
)


@st.composite
def block_vnets(draw: st.DrawFn) -> list[VirtualNetwork]:
    """vnets as the 3.6 block form of ``ldm list -o network`` prints every field of."""
    return [
        attrs.evolve(
            v,
            maxbw=draw(st.sampled_from([None, "100M", "1G"])),
            mode=draw(st.sampled_from([None, "hybrid"])),
            pvlan=draw(st.sampled_from([None, "isolated"])),
            vids=draw(st.lists(st.integers(2, 4094), max_size=3)),
            max_custom_macs=draw(st.sampled_from([None, 4096])),
            max_custom_vlans=draw(st.sampled_from([None, 4096])),
            extra=draw(_extra),
        )
        for v in draw(gen.virtual_networks(domain="ldg6"))
    ]


@given(block_vnets(), st.booleans(), st.booleans())
def test_list_network_p_gives_the_block_forms_records(
    vnets: list[VirtualNetwork], crlf: bool, domain_lines: bool
) -> None:
    human = parse("ldm list -o network", r.render_list_network(vnets, headings=True).text)
    rendered = p.render_network_p(vnets, crlf=crlf, domain_lines=domain_lines)
    command = "ldm ls -o net -p" + ("" if domain_lines else " ldg6")
    parseable = parse(command, rendered.text)
    assert comparable(parseable) == comparable(human)
    assert [x.line for x in parseable] == list(rendered.lines)


@st.composite
def one_line_vnets(draw: st.DrawFn) -> list[VirtualNetwork]:
    """vnets as the one-line NETWORK table of list-bindings prints them."""
    return [
        attrs.evolve(
            v,
            id=None,
            linkprop=None,
            custom=None,
            pvlan=None,
            mode=draw(st.sampled_from([None, "hybrid"])),
            vids=draw(st.lists(st.integers(2, 4094), max_size=2)),
        )
        for v in draw(gen.virtual_networks(domain="ldg1"))
    ]


@given(one_line_vnets(), st.booleans(), st.booleans())
def test_list_bindings_p_gives_the_tables_records(
    vnets: list[VirtualNetwork], peers: bool, crlf: bool
) -> None:
    human = parse("ldm list-bindings ldg1", r.render_network_table(vnets).text)
    rendered = p.render_network_p(vnets, peers=peers, crlf=crlf)
    parseable = parse("ldm list-bindings -p ldg1", rendered.text)
    assert comparable(parseable) == comparable(human)
    assert [x.line for x in parseable] == list(rendered.lines)


@given(gen.virtual_switches(), st.booleans())
def test_list_services_p_gives_the_tables_records(switches: list[Any], crlf: bool) -> None:
    human = parse("ldm list-services", r.render_list_services(switches).text)
    rendered = p.render_services_p(switches, crlf=crlf)
    parseable = parse("ldm ls-services -p", rendered.text)
    assert comparable(parseable) == comparable(human)
    assert [x.line for x in parseable] == list(rendered.lines)


@given(
    st.lists(st.sampled_from(["ldg1", "ldg2", "primary"]), min_size=1, max_size=3, unique=True),
    st.data(),
)
def test_list_netdev_p_gives_the_tables_records(domains: list[str], data: st.DataObject) -> None:
    devices = [d for name in domains for d in data.draw(gen.net_devices(domain=name))]
    human = parse("ldm list-netdev", r.render_list_netdev(devices, domain_heading=True).text)
    typed = data.draw(st.booleans())
    rendered = p.render_list_netdev_p(
        devices, typed=typed, version=data.draw(st.sampled_from([None, "1.0"]))
    )
    command = data.draw(st.sampled_from(["ldm list-netdev -p", "ldm list-netdev -l -p"]))
    parseable = parse(command, rendered.text)
    assert comparable(parseable, "speed_raw") == comparable(human, "speed_raw")
    assert [x.line for x in parseable] == list(rendered.lines)


_domains = st.lists(
    st.builds(
        Domain,
        name=gen.link_names,
        state=st.sampled_from(["active", "bound", "inactive"]),
        flags=st.sampled_from(["-n-cv-", "-n----", "normal,control,vio-service"]),
        cons=st.sampled_from(["UART", "SP", "5000"]),
        ncpu=st.integers(1, 256),
        mem=st.integers(0, 2**40),
        util=st.sampled_from([None, "0.4", "100"]),
        norm_util=st.sampled_from([None, "0.4"]),
        uptime=st.one_of(st.none(), st.integers(0, 10**8)),
        line=st.just(1),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda d: d.name,
)


@given(_domains, st.booleans())
def test_list_p_round_trip(domains: list[Domain], crlf: bool) -> None:
    """``ldm list -p`` has no human grammar to compare with: records -> text -> records."""
    rendered = p.render_ldm_list_p(domains, crlf=crlf)
    expected = [attrs.evolve(d, line=n) for d, n in zip(domains, rendered.lines)]
    assert [to_dict(x) for x in parse("ldm list -p", rendered.text)] == [
        to_dict(x) for x in expected
    ]


# --- selection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "key"),
    [
        ("ldm list -p", "ldm list -p"),
        ("ldm ls -p", "ldm list -p"),
        ("ldm list-domain -p primary", "ldm list -p"),
        ("ldm list -o network -p ldg6", "ldm list -o network -p"),
        ("ldm ls -o net -p", "ldm list -o network -p"),
        ("ldm list-domain -o network -p ldg6", "ldm list -o network -p"),
        ("ldm ls-domain -p -o network primary", "ldm list -o network -p"),
        ("ldm list-netdev -p ldg6", "ldm list-netdev -p"),
        ("ldm list-netdev -l -p ldg6", "ldm list-netdev -p"),
        ("ldm ls-netdev -lp", "ldm list-netdev -p"),
        ("ldm list-services -p", "ldm list-services -p"),
        ("ldm ls-services -p primary", "ldm list-services -p"),
        ("ldm list-bindings -p ldg1", "ldm list-bindings -p"),
        ("ldm ls-bindings -p", "ldm list-bindings -p"),
        # The human forms keep their grammars.
        ("ldm list -o network ldg6", "ldm list -o network"),
        ("ldm list-netdev ldg6", "ldm list-netdev"),
    ],
)
def test_selection(command: str, key: str) -> None:
    assert select(command)[0].key == key


# --- strict line accounting ----------------------------------------------------------------------

BINDINGS = """\
VERSION 1.0
DOMAIN|name=primary|state=active|flags=normal,control,vio-service|cons=SP|ncpu=8|mem=8589934592
MAC|mac-addr=00:14:4f:fa:00:01
VSW|name=primary-vsw0|mac-addr=00:14:4f:fa:0c:21|net-dev=net0|dev=switch@0|pvid=1|vid=|mtu=1500
|peer=vnet6@ldg6|mac-addr=00:14:4f:f9:cf:47|mtu=1500
VDS|name=primary-vds0
|vol=ldg6-root|opts=|dev=/dev/zvol/dsk/rpool/ldg6
DOMAIN|name=ldg6|state=active|flags=normal|cons=5000|ncpu=8|mem=17179869184
VARIABLES
|boot-device=disk net
|nvramrc=devalias vnet0 /virtual-devices@100/channel-devices@200/network@0
." ChassisSerialNumber 1234ABC " cr
|use-nvramrc?=true
VNET|name=vnet6|dev=network@0|service=primary-vsw0@primary|mac-addr=00:14:4f:f9:cf:47|pvid=1
"""


def test_bindings_read_vsw_and_vnet_and_consume_the_rest() -> None:
    records = parse("ldm list-bindings -p", BINDINGS)
    assert [(type(x).__name__, x.name, x.domain, x.line) for x in records] == [
        ("VirtualSwitch", "primary-vsw0", "primary", 4),
        ("VirtualNetwork", "vnet6", "ldg6", 14),
    ]
    # The peer under the VSW is not merged into it.
    assert records[0].mac == "00:14:4f:fa:0c:21"


@pytest.mark.parametrize(
    ("command", "text", "line", "column", "words"),
    [
        # A pair without "=": at that pair's column.
        ("ldm list -p", "VERSION 1.11\nDOMAIN|name=primary|state\n", 2, 21, "without ="),
        # A continuation before any record.
        ("ldm list-services -p", "VERSION 1.0\n|vol=vol0|dev=/dev/x\n", 2, 1, "must follow"),
        # Prose, or a human table given with -p.
        ("ldm list-bindings -p", "VERSION 1.0\nNAME  STATE  FLAGS\n", 2, 1, "expected VERSION"),
        # VERSION after a record.
        ("ldm list -p", "DOMAIN|name=primary\nVERSION 1.0\n", 2, 1, "VERSION must come"),
        # A record type the listing does not print.
        ("ldm list -o network -p", "DOMAIN|name=ldg6\nVDISK|name=vdisk0\n", 2, 1, "VDISK"),
        ("ldm list-services -p", "VSW|name=vsw0\nBOGUS|name=x\n", 2, 1, "BOGUS"),
        # Values checked where a number, a MAC or VLAN IDs are expected: at the value.
        ("ldm list-bindings -p", "VNET|name=vnet0|pvid=one\n", 1, 22, "a number for pvid"),
        ("ldm list -o network -p", "VSW|name=v|mac-addr=0:14\n", 1, 21, "a MAC address"),
        ("ldm list-services -p", "VSW|name=v|vid=5;6\n", 1, 16, "VLAN IDs"),
        # A record without its name; a key given twice.
        ("ldm list-bindings -p", "VNET|service=primary-vsw0\n", 1, 1, "names its name"),
        ("ldm list -p", "DOMAIN|name=a|name=b\n", 1, 15, "given twice"),
        ("ldm list-bindings -p", "VNET|name=a|mac=0:1:2:3:4:5|mac-addr=\n", 1, 29, "twice"),
        # An empty field between two "|".
        ("ldm list-bindings -p", "VSW|name=a||mtu=1500\n", 1, 12, "between two |"),
        # TYPE-less lines only in list-netdev.
        ("ldm list-bindings -p", "name=net0|class=VNET\n", 1, 1, "starts with its type"),
        # Free text only under VARIABLES.
        ("ldm list-bindings -p", 'VDS|name=vds0\n|vol=a|dev=b\n." x " cr\n', 3, 1, "expected"),
    ],
)
def test_bad_lines_are_parse_errors_at_their_column(
    command: str, text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(ParseError) as info:
        parse(command, text)
    assert (info.value.line, info.value.column) == (line, column), str(info.value)
    assert words in info.value.expected
    assert str(info.value).splitlines()[-1].strip() == "^"


def test_netdev_members_of_an_aggregation() -> None:
    text = (
        "DOMAIN|name=primary\n"
        "name=aggr1|class=AGGR|media=ETHER|state=up|speed=1000|over=|loc=\n"
        "|name=net1|class=PHYS\n"
        "|name=net3|class=PHYS\n"
        "name=net0|class=PHYS|media=ETHER|state=up|speed=1000|over=igb0|loc=/SYS/MB/NET0\n"
    )
    records = parse("ldm list-netdev -l -p", text)
    assert [(x.name, x.class_, x.over, x.domain, x.line) for x in records] == [
        ("aggr1", "AGGR", "net1,net3", "primary", 2),
        ("net0", "PHYS", "igb0", "primary", 5),
    ]


def test_netdev_devices_as_continuations_of_the_domain_line() -> None:
    text = "VERSION 1.0\nDOMAIN|name=ldg6\n|name=net0|class=VNET|loc=primary-vsw0/vnet6\n"
    [device] = parse("ldm list-netdev -p", text)
    assert (device.domain, device.name, device.vswitch, device.vnet) == (
        "ldg6",
        "net0",
        "primary-vsw0",
        "vnet6",
    )


# --- transcripts: -p forms give the same verdicts as the human ones ----------------------------

_P_SERVICES = """\
primary# ldm list-services -p
VERSION 1.20
VCC|name=primary-vcc0|port-range=5000-5100
VSW|name=primary-vsw0|ldom=primary|mac-addr=00:14:4f:fa:0c:21|net-dev=net0|id=0|dev=switch@0|linkprop=phys-state|default-vlan-id=1|pvid=1|vid=|mtu=1500|mode=|inter-vnet-link=on
VSW|name=ldg5-vsw0|ldom=ldg5|mac-addr=00:14:4f:fb:0a:07|net-dev=net2|id=0|dev=switch@0|linkprop=phys-state|default-vlan-id=1|pvid=1|vid=|mtu=1500|mode=|inter-vnet-link=on
VDS|name=primary-vds0
|vol=ldg6-root|opts=|dev=/dev/zvol/dsk/rpool/ldg6
"""
_P_NETDEV = """\
primary# ldm list-netdev -l -p ldg6
DOMAIN|name=ldg6
name=net0|class=VNET|media=ETHER|state=up|speed=1000|over=vnet0|loc=primary-vsw0/vnet6
name=net1|class=VNET|media=ETHER|state=up|speed=1000|over=vnet1|loc=ldg5-vsw0/vnet1
"""
_P_NETWORK = """\
primary# ldm ls -o net -p ldg6
VERSION 1.20
DOMAIN|name=ldg6
MAC|mac-addr=00:14:4f:f8:00:06
VNET|name=vnet6|dev=network@0|service=primary-vsw0@primary|mac-addr=00:14:4f:f9:cf:47|mode=|pvid=1|pvlan=|vid=|mtu=1500|maxbw=|linkprop=phys-state|id=0|custom=enable|custom/max-mac-addrs=4096|custom/max-vlans=4096
VNET|name=vnet1|dev=network@1|service=ldg5-vsw0@ldg5|mac-addr=00:14:4f:fb:f5:33|mode=|pvid=1|pvlan=|vid=|mtu=1500|maxbw=|linkprop=phys-state|id=1|custom=enable|custom/max-mac-addrs=4096|custom/max-vlans=4096
"""


_PROMPT = re.compile(r"^[\w.-]+# ", re.MULTILINE)


def _block(text: str, command: str) -> str:
    """The block of ``text`` from the line ``command`` to the next prompt."""
    start = text.index(command + "\n")
    following = _PROMPT.search(text, start + len(command))
    return text[start : following.start() if following else len(text)]


def _verdicts(text: str) -> list[tuple[str, str, Any, Any, str]]:
    return [(f.rule, f.status, f.domain, f.aggregation, f.subject) for f in check(text).findings]


def test_a_transcript_of_p_forms_checks_like_the_human_one() -> None:
    human = (TRANSCRIPTS / "healthy-full.txt").read_text(encoding="utf-8")
    parseable = (
        human.replace(_block(human, "primary# ldm list-services"), _P_SERVICES)
        .replace(_block(human, "primary# ldm list-netdev ldg6"), _P_NETDEV)
        .replace(_block(human, "primary# ldm list -o network ldg6"), _P_NETWORK)
    )
    assert "-p" in parseable and "ldm list -o network ldg6" not in parseable
    reading = read_transcript(parseable)
    assert not reading.errors
    # Only the text the human transcript leaves unread too (none: create-addr's output is read).
    assert [i.reason for i in reading.ignored] == [i.reason for i in read_transcript(human).ignored]
    grammars = {x.grammar for x in reading.results}
    assert {"ldm list-services -p", "ldm list-netdev -p", "ldm list -o network -p"} <= grammars
    verdicts = _verdicts(parseable)
    assert verdicts == _verdicts(human)
    assert verdicts and all(v[1] in ("pass", "skip") for v in verdicts)
    assert any(v[1] == "pass" and "speed" in v[0] for v in verdicts)


def test_p_output_followed_by_prose_in_a_transcript() -> None:
    text = "primary# ldm list -p\nVERSION 1.11\nDOMAIN|name=primary|state=active\nthat is all\n"
    reading = read_transcript(text)
    [result] = reading.results
    assert result.status == "read" and [x.line for x in result.records] == [3]
    assert [i.first_line for i in reading.ignored] == [4]

"""The sectioned ldm listings: list-services, list -l, list-bindings and list -o network."""

from __future__ import annotations

import pytest

from dlmpparse import ParseError, UnknownCommandError, parse
from dlmpparse.grammars import select
from dlmpparse.grammars.ldm_network import LIST_NETWORK
from dlmpparse.grammars.ldm_services import LIST_BINDINGS, LIST_LONG, LIST_SERVICES
from dlmpparse.reader import read_transcript
from dlmpparse.records import VirtualNetwork, VirtualSwitch


@pytest.mark.parametrize(
    ("command", "key"),
    [
        ("ldm list -o network ldg6", LIST_NETWORK.key),
        ("ldm ls -o net ldg6", LIST_NETWORK.key),
        ("ldm list -l", LIST_LONG.key),
        ("ldm ls -l ldg1", LIST_LONG.key),
        ("ldm list-domain -l ldg1", LIST_LONG.key),
        ("ldm list-bindings", LIST_BINDINGS.key),
        ("ldm ls-bindings ldg1", LIST_BINDINGS.key),
        ("ldm list-services", LIST_SERVICES.key),
        ("ldm ls-services primary", LIST_SERVICES.key),
    ],
)
def test_selection(command: str, key: str) -> None:
    assert select(command)[0].key == key


@pytest.mark.parametrize(
    "command",
    [
        "ldm list -l -p",
        "ldm list -l -o network",
        "ldm list -e",
        "ldm list-bindings -e",
        "ldm list-services -l -p",
        "ldm list-netdev -l",
    ],
)
def test_other_forms_are_refused(command: str) -> None:
    with pytest.raises(UnknownCommandError):
        select(command)


ONE_LINE = """\
NETWORK
    NAME         SERVICE                      ID   DEVICE     MAC               MODE   PVID VID                  MTU   MAXBW      LINKPROP
    vnet0        primary-vsw0@primary         0    network@0  00:14:4f:f8:76:6d        1                         1500             phys-state
"""  # noqa: E501


def test_the_one_line_table_is_chosen_by_its_header_in_the_same_grammar() -> None:
    assert select("ldm list -o network ldg1")[0] is LIST_NETWORK
    [vnet] = parse("ldm list -o network ldg1", ONE_LINE)
    assert isinstance(vnet, VirtualNetwork)
    assert (vnet.domain, vnet.name, vnet.linkprop, vnet.mode, vnet.vids) == (
        "ldg1",
        "vnet0",
        "phys-state",
        None,
        (),
    )
    assert LIST_NETWORK.table.match_header(ONE_LINE.splitlines()[1]) is not None


def test_a_service_domain_listing_gives_switches_and_vnets() -> None:
    text = """\
NAME
primary

VSW
    NAME         MAC               NET-DEV   DEVICE     MODE
    primary-vsw0 00:14:4f:f9:25:49           switch@0
    stub-vsw0    00:14:4f:f9:25:4a stub0     switch@1

NETWORK
    NAME         SERVICE                     DEVICE       MAC
    vnet9        stub-vsw0@primary           network@0    00:14:4f:f8:91:4f
"""
    records = parse("ldm list -o network", text)
    switches = [r for r in records if isinstance(r, VirtualSwitch)]
    assert [(s.name, s.domain, s.net_dev, s.line) for s in switches] == [
        ("primary-vsw0", "primary", None, 6),
        ("stub-vsw0", "primary", "stub0", 7),
    ]
    [vnet] = [r for r in records if isinstance(r, VirtualNetwork)]
    assert (vnet.domain, vnet.service, vnet.line) == ("primary", "stub-vsw0", 11)


def test_other_sections_are_still_refused_by_list_o_network() -> None:
    with pytest.raises(ParseError) as caught:
        parse("ldm list -o network", "VDS\n    NAME   VOLUME\n")
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert "VDS section is not read" in str(caught.value)


def test_peer_sub_tables_are_consumed_and_the_table_resumes() -> None:
    text = """\
NETWORK
    NAME         SERVICE                     DEVICE       MAC               MODE   PVID VID                  MTU
    vnet1        primary-vsw0@primary        network@0    00:14:4f:fb:e0:4b        1                         1500
        PEER                        MAC               MODE   PVID VID                  MTU
        primary-vsw0@primary        00:14:4f:f9:25:49        1                         1500
    vnet2        primary-vsw1@primary        network@1    00:14:4f:f8:4c:2d        1    5,6                  1500
"""  # noqa: E501
    records = parse("ldm list-bindings ldg1", text)
    assert [(r.name, r.line) for r in records] == [("vnet1", 3), ("vnet2", 6)]


def test_a_domain_separator_resets_the_domain_to_the_next_summary_line() -> None:
    text = """\
NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
ldg1             active     -n----  5000    8     8G       0.1%  0.1%  2d 3h 1m

NETWORK
    NAME         SERVICE                     DEVICE       MAC
    vnet0        primary-vsw0@primary        network@0    00:14:4f:f8:91:4f
------------------------------------------------------------------------------
NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
ldg2             bound      ------  5001    8     8G

NETWORK
    NAME         SERVICE                     DEVICE       MAC
    vnet0        primary-vsw0@primary        network@0    00:14:4f:f8:91:50
"""
    records = parse("ldm list -l", text)
    assert [(r.domain, r.name) for r in records if isinstance(r, VirtualNetwork)] == [
        ("ldg1", "vnet0"),
        ("ldg2", "vnet0"),
    ]


def test_a_consumed_row_less_indented_than_its_header_is_an_error() -> None:
    text = "VDS\n    NAME         VOLUME\n    primary-vds0 vol1\nvol2 junk\n"
    with pytest.raises(ParseError) as caught:
        parse("ldm list-services", text)
    assert (caught.value.line, caught.value.column) == (4, 1)


def test_in_a_transcript_the_listing_ends_at_prose_after_it() -> None:
    transcript = """\
primary# ldm list-services primary
VSW
    NAME         LDOM         MAC               NET-DEV   ID   DEVICE
    primary-vsw0 primary      00:14:4f:fa:0c:21 net0      0    switch@0
Now check the speed of net0.
"""
    reading = read_transcript(transcript)
    [block] = [r for r in reading.results if r.grammar == LIST_SERVICES.key]
    assert block.status == "read"
    [switch] = block.records
    assert isinstance(switch, VirtualSwitch)
    assert (switch.name, switch.domain, switch.net_dev, switch.id) == (
        "primary-vsw0",
        "primary",
        "net0",
        0,
    )
    assert any("Now check" in line for span in reading.ignored for line in span.lines)

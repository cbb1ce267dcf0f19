"""Configuration commands (dlmpparse.grammars.configuration): read from their command lines, with
what they print accounted for. ``ipadm create-addr`` prints the name of the address object it
created (``ipmp1/v4`` after ``ipadm create-addr -T static -a 192.168.131.143 ipmp1``: a published
tutorial, GitHub index id 49817830592, the source of tests/fixtures/ipadm/
real-localhost-ipmp-addr.txt); the others print nothing. The transcripts are constructed in the
seed's formats; the expected readings were written from them before running the tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlmpparse import check
from dlmpparse.errors import ParseError
from dlmpparse.grammars import CONFIGURATION, CONFIGURATION_COMMANDS, GRAMMARS, parse, select
from dlmpparse.inventory import build_inventory
from dlmpparse.reader import read_transcript

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"


def _ignored(text: str) -> list[tuple[int, str, str]]:
    return [(s.first_line, "\n".join(s.lines), s.reason) for s in read_transcript(text).ignored]


def test_create_addr_prints_the_address_object_it_was_given() -> None:
    text = "ldg6# ipadm create-addr -T dhcp aggr0/v4\naggr0/v4\nldg6# ipadm create-ip aggr1\n"
    reading = read_transcript(text)
    assert [(r.status, r.grammar, r.records) for r in reading.results] == [
        ("read", "ipadm create-addr", ()),
        ("read", "ipadm create-ip", ()),
    ]
    assert reading.ignored == ()


def test_create_addr_on_an_interface_prints_the_name_it_chose() -> None:
    # As published: the address object is named after the interface given.
    text = "[root@localhost:~]# ipadm create-addr -T static -a 192.168.131.143 ipmp1\nipmp1/v4\n"
    assert _ignored(text) == []
    assert parse("ipadm create-addr -T static -a 192.168.131.143 ipmp1", "ipmp1/v4\n") == []


def test_a_name_that_is_not_the_operands_is_not_create_addrs_output() -> None:
    command = "ipadm create-addr -T dhcp aggr0/v4"
    assert _ignored(f"ldg6# {command}\nnet0/v4\n") == [
        (2, "net0/v4", f"text after the output of `{command}`")
    ]
    interface = "ipadm create-addr -T static -a 192.0.2.16/24 ipmp0"
    assert _ignored(f"ldg6# {interface}\nnet0/v4\n") == [
        (2, "net0/v4", f"text after the output of `{interface}`")
    ]
    with pytest.raises(ParseError) as raised:
        parse(command, "net0/v4\n")
    assert raised.value.line == 1 and "aggr0/v4" in str(raised.value)


def test_text_after_the_echo_is_reported_with_its_line() -> None:
    command = "ipadm create-addr -T dhcp aggr0/v4"
    text = f"ldg6# {command}\naggr0/v4\nthe address comes from DHCP\n"
    assert _ignored(text) == [
        (3, "the address comes from DHCP", f"text after the output of `{command}`")
    ]
    with pytest.raises(ParseError) as raised:
        parse(command, "aggr0/v4\nthe address comes from DHCP\n")
    assert raised.value.line == 2


def test_the_other_configuration_commands_print_nothing() -> None:
    command = "dladm create-aggr -m dlmp -l net0 -l net1 aggr0"
    # Not even a name: dladm create-aggr prints nothing (the name is ipadm's alone).
    assert _ignored(f"ldg6# {command}\naggr0\n") == [
        (2, "aggr0", f"text after the output of `{command}`")
    ]
    with pytest.raises(ParseError, match="prints nothing"):
        parse(command, "aggr0\n")
    assert parse(command, "\n") == []


def test_a_table_pasted_after_a_configuration_command_is_still_found_by_its_header() -> None:
    text = (
        "ldg6# dladm create-aggr -m dlmp -l net0 -l net1 aggr0\n"
        "LINK            MEDIA         STATE    SPEED  DUPLEX    DEVICE\n"
        "net0            Ethernet      up       1000   full      vnet0\n"
    )
    reading = read_transcript(text)
    assert [(r.status, r.grammar, r.line) for r in reading.results] == [
        ("read", "dladm create-aggr", 1),
        ("read", "dladm show-phys", 2),
    ]
    assert [p.link for p in reading.results[1].records] == ["net0"]


def test_the_seed_style_transcript_leaves_nothing_unread() -> None:
    # healthy-full.txt prints create-addr's aggr0/v4, as ipadm does: nothing is left unread.
    report = check((TRANSCRIPTS / "healthy-full.txt").read_text(encoding="utf-8"))
    assert report.ignored == ()
    assert report.not_read == ()


def test_configuration_commands_are_no_listings_of_the_domain() -> None:
    text = (
        "ldg6# dladm create-aggr -m dlmp -l net0 -l net1 aggr0\n"
        "ldg6# ipadm create-ip aggr0\n"
        "ldg6# ipadm create-addr -T dhcp aggr0/v4\n"
        "aggr0/v4\n"
        "ldg6# ipadm\n"
        "NAME              CLASS/TYPE STATE        UNDER      ADDR\n"
        "aggr0             ip         ok           --         --\n"
        "   aggr0/v4       dhcp       ok           --         --\n"
        "ldg6# dladm set-linkprop -p probe-ip=+ aggr0\n"
    )
    view = build_inventory(read_transcript(text)).view("ldg6")
    # Only the ipadm listing is a listing; the ipadm configuration commands are changes.
    assert view.listings("ipadm") == [5]
    assert [(c.command, c.line) for c in view.changes] == [
        ("dladm create-aggr", 1),
        ("ipadm create-ip", 2),
        ("ipadm create-addr", 3),
        ("dladm set-linkprop", 9),
    ]
    [created] = view.created
    assert (created.link, created.mode, created.members) == ("aggr0", "dlmp", ("net0", "net1"))
    assert [(p.link, p.name, p.value) for p in view.properties] == [("aggr0", "probe-ip", "+")]


def test_a_failed_create_aggr_names_no_members_but_still_orders_the_evidence() -> None:
    text = (
        "ldg6# dladm create-aggr -m dlmp -l net0 -l net1 aggr0\n"
        "dladm: create operation failed: link busy\n"
    )
    reading = read_transcript(text)
    assert [r.status for r in reading.results] == ["command-failed"]
    view = build_inventory(reading).view("ldg6")
    assert view.created == ()
    assert [c.command for c in view.changes] == ["dladm create-aggr"]


def test_the_registry_keeps_configuration_commands_apart_from_listings() -> None:
    keys = [g.key for g in CONFIGURATION]
    assert len(keys) == len(set(keys)) == len(CONFIGURATION_COMMANDS)
    assert not set(keys) & {g.key for g in GRAMMARS}
    for grammar in CONFIGURATION:
        assert select(grammar.key)[0] is grammar

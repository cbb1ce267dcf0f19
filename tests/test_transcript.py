"""Text -> blocks (prompts, command normalisation) and blocks -> records (the reader)."""

from __future__ import annotations

import pytest

from dlmpparse import ParseError, UnknownCommandError, parse, read_transcript
from dlmpparse.commands import parse_command
from dlmpparse.grammars import select
from dlmpparse.transcript import match_prompt, split_transcript


@pytest.mark.parametrize(
    ("line", "host", "command"),
    [
        ("primary# dladm show-phys", "primary", "dladm show-phys"),
        ("    ldg6# dladm show-aggr \u2013x", "ldg6", "dladm show-aggr \u2013x"),
        ("ldg6$ ipadm", "ldg6", "ipadm"),
        ("root@ldg5:~# dladm show-phys net2", "ldg5", "dladm show-phys net2"),
        ("admin@ldg5:/export/home$ ipadm", "ldg5", "ipadm"),
        ("[root@ldg5 ~]# ipadm", "ldg5", "ipadm"),
        ("[root@localhost:~]# ipadm", "localhost", "ipadm"),
        ("# dladm show-phys", None, "dladm show-phys"),
        ("$ dladm show-phys", None, "dladm show-phys"),
        ("bash-5.1# dladm show-phys", None, "dladm show-phys"),
        ("ldg6#", "ldg6", None),
    ],
)
def test_prompts(line: str, host: str, command: str) -> None:
    prompt = match_prompt(line)
    assert prompt is not None
    assert (prompt.host, prompt.command) == (host, command)


@pytest.mark.parametrize(
    "line",
    [
        "net0            Ethernet      up         1000   full      igb0",
        "  \u2022 primary# for the primary domain",
        "Note: Ensure that the net0 and net1 datalinks",
        "",
    ],
)
def test_not_prompts(line: str) -> None:
    assert match_prompt(line) is None


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("ldm list \u2013o network ldg6", "ldm list -o network ldg6"),
        ("ldm ls -o network ldg6", "ldm list -o network ldg6"),
        ("ldm ls-netdev ldg6", "ldm list-netdev ldg6"),
        ("dladm  show-aggr\u00a0\u2013nS", "dladm show-aggr -Sn"),
        ("dladm show-aggr -S -n aggr0", "dladm show-aggr -Sn aggr0"),
        ("/usr/sbin/dladm show-phys", "dladm show-phys"),
        ("pfexec dladm show-phys net0", "dladm show-phys net0"),
        ("sudo -u admin dladm show-phys net0", "dladm show-phys net0"),
        ("sudo -- /usr/sbin/ldm ls-services", "ldm list-services"),
        ("time -p dladm show-aggr -x", "dladm show-aggr -x"),
        ("env LC_ALL=C ipadm", "ipadm"),
        ("pfexec -P basic dladm show-phys", "dladm show-phys"),
        (
            "dladm create-aggr -m dlmp -l net0 -l net1 aggr0",
            "dladm create-aggr -m dlmp -l net0 -l net1 aggr0",
        ),
    ],
)
def test_command_normalisation(typed: str, normalised: str) -> None:
    invocation = parse_command(typed)
    assert invocation is not None
    assert invocation.normalised == normalised


@pytest.mark.parametrize(
    ("command", "grammar"),
    [
        ("dladm show-phys", "dladm show-phys"),
        ("dladm show-phys net0", "dladm show-phys"),
        ("dladm show-aggr aggr0", "dladm show-aggr"),
        ("dladm show-aggr \u2013x", "dladm show-aggr -x"),
        ("dladm show-aggr aggr0 -x", "dladm show-aggr -x"),
        ("dladm show-aggr \u2013nS", "dladm show-aggr -S"),
        ("dladm show-aggr -S", "dladm show-aggr -S"),
        ("dladm show-aggr -n", "dladm show-aggr -S"),
        ("ldm list-netdev ldg6", "ldm list-netdev"),
        ("ldm ls -o net ldg6", "ldm list -o network"),
        ("ipadm", "ipadm"),
    ],
)
def test_select(command: str, grammar: str) -> None:
    assert select(command)[0].key == grammar


@pytest.mark.parametrize(
    "command", ["dladm show-vlan", "dladm show-aggr -L", "ldm list -o memory", "reboot", ""]
)
def test_unknown_commands_list_the_supported_ones(command: str) -> None:
    with pytest.raises(UnknownCommandError) as caught:
        parse(command, "")
    assert "dladm show-aggr -x" in str(caught.value)
    assert isinstance(caught.value, ParseError)


def test_every_line_belongs_to_one_block() -> None:
    text = (
        "intro\nprimary# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full igb0\nldg6# reboot\n"
    )
    blocks = split_transcript(text)
    covered = []
    for block in blocks:
        if block.prompt is not None:
            covered.append(block.line)
        covered.extend(range(block.first_line, block.first_line + len(block.lines)))
    assert sorted(covered) == [1, 2, 3, 4, 5]


def test_tables_without_a_prompt_are_found_by_their_header() -> None:
    text = "some notes\n\nLINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 1000 full igb0\n"
    reading = read_transcript(text)
    [result] = [r for r in reading.results if r.status == "read"]
    assert result.grammar == "dladm show-phys"
    assert [r.line for r in result.records] == [4]
    assert [(s.first_line, s.reason) for s in reading.ignored] == [(1, "text outside any command")]


def test_a_row_that_does_not_parse_is_an_error_not_ignored_text() -> None:
    text = (
        "ldg6# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\nnet1 Ethernet up 1000x full vnet1\n"
        "Some prose after the table that is quite long.\n"
    )
    reading = read_transcript(text)
    [error] = reading.errors
    assert (error.line, error.column) == (4, 18)


def test_prose_after_a_table_is_reported_as_ignored() -> None:
    text = (
        "ldg6# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\n  6. Verify the DLMP configuration.\n"
    )
    reading = read_transcript(text)
    assert not reading.errors
    [span] = reading.ignored
    assert span.first_line == 4
    assert "after the output of `dladm show-phys`" in span.reason


def test_a_junk_line_between_rows_is_an_error_at_its_line() -> None:
    text = (
        "ldg6# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\n%%% junk %%%\nnet1 Ethernet up 1000 full vnet1\n"
    )
    [error] = read_transcript(text).errors
    assert error.line == 4


def test_parse_error_message_has_a_caret_under_the_column() -> None:
    with pytest.raises(ParseError) as caught:
        parse(
            "dladm show-phys",
            "LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0\u00a0Ethernet\tup fast full igb0\r\n",
            first_line=10,
        )
    error = caught.value
    assert (error.line, error.column) == (11, 18)
    assert error.command == "dladm show-phys"
    rendered = str(error).splitlines()
    assert rendered[0].startswith("dladm show-phys: line 11, column 18: expected a speed")
    assert rendered[2].index("^") == rendered[1].index("fast")

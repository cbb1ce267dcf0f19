"""Hostile input: whatever text ``dlmpparse.parse`` and ``dlmpparse.read_transcript`` are given,
they return or raise ``ParseError``, never another exception; a junk line inside a table is
reported at its own line.

Inputs: arbitrary text (control characters, NUL, NBSP, ANSI escapes, Unicode line separators),
words of the real tables shuffled, and the real fixtures (tests/fixtures/*/*.txt) mutated:
truncated anywhere, a line dropped, duplicated or swapped, a junk line injected.
"""

from __future__ import annotations

import contextlib
import json
import string
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import dlmpparse
from dlmpparse import ParseError
from dlmpparse.grammars import GRAMMARS
from dlmpparse.testing.strategies import Case, rendered_cases

FIXTURES = Path(__file__).parent / "fixtures"
KEYS = sorted(g.key for g in GRAMMARS)


def read_only_parse_errors(command: str, text: str) -> None:
    """``parse`` returns records or raises a well-formed ParseError; nothing else."""
    try:
        records = dlmpparse.parse(command, text)
    except ParseError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert isinstance(exc.text, str) and isinstance(exc.expected, str)
        assert str(exc).splitlines()[-1].strip() == "^"
        dlmpparse.ParseError.__reduce__(exc)  # the error stays picklable
    else:
        for record in records:
            dlmpparse.to_dict(record)
            assert record.line >= 1


def read_transcript_never_raises_otherwise(text: str) -> None:
    with contextlib.suppress(ParseError):
        dlmpparse.read_transcript(text)


# --- arbitrary text ---------------------------------------------------------------------------

_PIECES = [
    *string.printable,
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1b[0m",
    "\x7f",
    "\u00a0",
    "\u2013",
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "\r\n",
    "\r",
    "\t",
    "--",
    "|",
    ":",
    "\\:",
    "/",
    "@",
    "net0 ",
    "aggr0 ",
    "vnet6 ",
    "ldg6# ",
    "primary# ",
    "LINK ",
    "NAME ",
    "DOMAIN\n",
    "NETWORK\n",
    "VSW\n",
    "MTU :",
    "1000Mb ",
    "1G ",
    "up ",
    "0:14:4f:f9:cf:47 ",
    "1|--|-- ",
]
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_PIECES), max_size=120).map("".join),
)

# Headers of every table, so that arbitrary rows are read under a real header.
_HEADERS = [
    "LINK MEDIA STATE SPEED DUPLEX DEVICE",
    "LINK MODE POLICY ADDRPOLICY LACPACTIVITY LACPTIMER",
    "LINK POLICY ADDRPOLICY LACPACTIVITY LACPTIMER FLAGS",
    "LINK PORT SPEED DUPLEX STATE ADDRESS PORTSTATE",
    "LINK PORT FLAGS STATE TARGETS XTARGETS",
    "NAME CLASS MEDIA STATE SPEED OVER LOC",
    "NAME SERVICE MACADDRESS PVID|PVLAN|VIDs",
    "NAME CLASS/TYPE STATE UNDER ADDR",
    "LINK CLASS MTU STATE OVER",
    "IFNAME CLASS STATE ACTIVE OVER",
    "ADDROBJ TYPE STATE ADDR",
]


@st.composite
def under_a_header(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(_HEADERS))
    rows = draw(st.lists(hostile_text, max_size=4))
    return "\n".join([header, *rows]) + draw(st.sampled_from(["", "\n", "\r\n"]))


@pytest.mark.parametrize("command", KEYS)
@given(text=st.one_of(hostile_text, under_a_header()))
@example(text="")
@example(text="\x00")
@example(text="NAME\n")
@example(text="DOMAIN\n")
@example(text="NAME SERVICE MACADDRESS PVID|PVLAN|VIDs\nvnet0 a@b 0:1:2:3:4:5 1|2|x\n")
@example(
    text="LINK PORT SPEED DUPLEX STATE ADDRESS PORTSTATE\n  net0 1000Mb full up 0:1:2:3:4:5 x\n"
)
@example(text="NAME CLASS/TYPE STATE UNDER ADDR\n\x00\n")
@example(text="LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 1e9 full x\n")
@example(
    text="LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 99999999999999999999G full x\n"
)
def test_arbitrary_text_gives_records_or_parse_error(command: str, text: str) -> None:
    read_only_parse_errors(command, text)


@given(st.one_of(hostile_text, under_a_header()), st.sampled_from(["ldg6", "primary", "ldg5"]))
@example("ldg6# dladm show-aggr -x\naggr0 -- 1000Mb full up 0:1:2:3:4:5 --\n  net0\n", "ldg6")
@example("primary# ldm list -o network\nVSW\n", "primary")
@example("ldg6# \x00\n", "ldg6")
def test_arbitrary_transcripts_never_raise_otherwise(text: str, domain: str) -> None:
    read_transcript_never_raises_otherwise(text)
    read_transcript_never_raises_otherwise(f"{domain}# {text}")


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.sampled_from(KEYS))
def test_arbitrary_command_lines_give_parse_error(command: str, key: str) -> None:
    """A command line that is not one of ours: UnknownCommandError (a ParseError) at worst."""
    read_only_parse_errors(command, "")
    read_only_parse_errors(f"{key} {command}", "LINK\n")


# --- the real fixtures, mutated -----------------------------------------------------------------


def _fixtures() -> list[tuple[Path, Optional[str]]]:
    out: list[tuple[Path, Optional[str]]] = []
    for path in sorted(FIXTURES.glob("*/*.txt")):
        meta = path.with_suffix(".json")
        command = None
        if path.parent.name != "transcripts" and meta.exists():
            command = json.loads(meta.read_text(encoding="utf-8")).get("command")
        out.append((path, command))
    return out


FIXTURE_FILES = _fixtures()
MUTATIONS = ["truncate", "drop", "duplicate", "swap", "junk", "junk-ansi", "nul", "crlf-half"]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    mutation = draw(st.sampled_from(MUTATIONS))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    j = draw(st.integers(0, max(0, len(lines) - 1)))
    if mutation == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if mutation == "drop":
        return "\n".join(lines[:i] + lines[i + 1 :])
    if mutation == "duplicate":
        return "\n".join(lines[: i + 1] + lines[i:])
    if mutation == "swap":
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if mutation == "junk":
        return "\n".join([*lines[:i], "%%% junk %%%", *lines[i:]])
    if mutation == "junk-ansi":
        return "\n".join([*lines[:i], "\x1b[31m%%% junk %%%\x1b[0m", *lines[i:]])
    if mutation == "nul":
        at = draw(st.integers(0, len(text)))
        return text[:at] + "\x00" + text[at:]
    # crlf-half: CRLF ends from line i on.
    return "\n".join(lines[:i] + [line + "\r" for line in lines[i:]])


@given(st.sampled_from(FIXTURE_FILES), st.data())
def test_mutated_fixtures_give_records_or_parse_error(
    fixture: tuple[Path, Optional[str]], data: st.DataObject
) -> None:
    path, command = fixture
    text = data.draw(mutated(path.read_text(encoding="utf-8")))
    if command is not None:
        read_only_parse_errors(command, text)
    # The same text read by another grammar.
    read_only_parse_errors(data.draw(st.sampled_from(KEYS)), text)
    read_transcript_never_raises_otherwise(text)


@pytest.mark.parametrize(
    "fixture", [f for f in FIXTURE_FILES if f[1] is not None], ids=lambda f: str(f)
)
def test_every_truncation_of_a_fixture(fixture: tuple[Path, Optional[str]]) -> None:
    """Cut after every line and in the middle of every line: no other exception."""
    path, command = fixture
    assert command is not None
    text = path.read_text(encoding="utf-8")
    cuts = set()
    at = 0
    for line in text.split("\n"):
        cuts.update({at, at + len(line) // 2, at + len(line)})
        at += len(line) + 1
    for cut in sorted(cuts):
        read_only_parse_errors(command, text[:cut])


# --- a junk line between two data rows ----------------------------------------------------------

JUNK = ["%%% junk %%%", "\x1b[31m%%% junk %%%\x1b[0m", "%%% junk\u00a0%%%", "\t%%% junk %%%  "]


def _record_lines(case: Case) -> list[int]:
    """The lines of every data row: records, and the ports printed under an aggregation."""
    lines = []
    for record in case.records:
        lines.append(record.line)
        lines += [port.line for port in getattr(record, "ports", ())]
    return sorted(lines)


@given(rendered_cases(), st.data())
def test_a_junk_line_between_rows_is_reported_at_its_line(case: Case, data: st.DataObject) -> None:
    rows = _record_lines(case)
    if len(rows) < 2:
        return
    k = data.draw(st.integers(0, len(rows) - 2))
    # The junk becomes line ``at``: right after row k, right before row k + 1, or between.
    at = data.draw(st.integers(rows[k] + 1, rows[k + 1]))
    junk = data.draw(st.sampled_from(JUNK))
    lines = case.text.split("\n")
    end = "\r" if lines[0].endswith("\r") else ""
    mutated_text = "\n".join([*lines[: at - 1], junk + end, *lines[at - 1 :]])
    with pytest.raises(ParseError) as info:
        dlmpparse.parse(case.command, mutated_text)
    assert info.value.line == at, str(info.value)


# --- issue 16, item 1: a header its table does not read ----------------------------------------


def _layout_headers() -> list[str]:
    """Every table header of every grammar, as the command prints it (words two blanks apart)."""
    headers = set()
    for grammar in GRAMMARS:
        table = grammar.table
        for layout in getattr(table, "layouts", ()) + tuple(getattr(table, "claims", ())):
            if layout.header:
                headers.add("  ".join(layout.header))
    return sorted(headers)


LAYOUT_HEADERS = _layout_headers()


def test_every_layout_has_a_header_to_try() -> None:
    # A collector that found few headers would test little (21 distinct headers when written).
    assert len(LAYOUT_HEADERS) >= 20, LAYOUT_HEADERS


ENDS = ["\r\r\n", "\r\r", "\r\r\r\n", "\r\n", "\n", " \r\r\n", "\t\r"]


@pytest.mark.parametrize("end", ENDS)
def test_a_header_found_is_a_header_its_table_reads(end: str) -> None:
    """The root cause of issue 16's RecursionError: ``by_header`` stripped a second CR that
    the table's own reading kept, so it found headers the table then did not read. Whatever a
    line ends with, a header found must be read by its table (or fail there), never left."""
    from dlmpparse.grammars import by_header

    for header in LAYOUT_HEADERS:
        line = header + end.rstrip("\n")
        grammar = by_header(line)
        if grammar is None:
            continue
        try:
            _, consumed = grammar.table.rows([line], lenient=True)
        except ParseError:
            continue
        assert consumed == 1, (header, end)


@pytest.mark.parametrize("end", ENDS)
def test_a_header_ending_in_carriage_returns_is_accounted_for(end: str) -> None:
    """``check`` returns, and the header line is either read (as a table) or ignored text,
    once; the prose around it is ignored text."""
    for header in LAYOUT_HEADERS:
        text = f"some prose\n{header}{end}more prose\n"
        assert dlmpparse.check(text).exit_code in (0, 1, 2)
        reading = dlmpparse.read_transcript(text)
        taken = [r for r in reading.results if r.line == 2]
        ignored = [i for i in reading.ignored if i.first_line <= 2 <= i.last_line]
        assert len(taken) + len(ignored) == 1, (header, end, reading)
        assert any(i.first_line == 1 for i in reading.ignored), (header, end, reading)


def test_the_issue_reproduction_returns_a_report() -> None:
    assert dlmpparse.check("LINK\r\r\n").exit_code == 2
    assert dlmpparse.check("LINK  CLASS  MTU  STATE  OVER\r\r\n").exit_code == 2


def test_a_table_that_reads_no_line_never_stops_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a future grammar does, the reader moves on: here every line is taken for a
    show-phys header, which the table then refuses (it reads 0 lines)."""
    import dlmpparse.reader as reader

    show_phys = next(g for g in GRAMMARS if g.key == "dladm show-phys")
    monkeypatch.setattr(reader, "by_header", lambda line: show_phys)
    text = "not a header\nnor this\n\nldg6# dladm show-link\nprose again\n" * 200
    reading = reader.read_transcript(text)
    ignored = sum(item.last_line - item.first_line + 1 for item in reading.ignored)
    # Every non-blank line is accounted for as ignored text, every prompt as a block read
    # (the blank lines make empty show-phys tables); nothing recursed.
    assert ignored == 3 * 200
    assert sum(1 for r in reading.results if r.command == "dladm show-link") == 200


# --- issue 16, item 2: command lines are split in linear time, as shlex splits them ----------

_SHELL_CHARS = ["a", "b", "-o", " ", "  ", "\t", "'", '"', "\\", "\\\\", '\\"', "''", '""', "é"]


@given(st.lists(st.sampled_from(_SHELL_CHARS), max_size=20).map("".join))
@example('dladm show-aggr -x "aggr0')  # the issue's unmatched quote
@example("a '' b")  # an empty quoted word is a word
@example('"a\\b\\"c\\\\"')  # in double quotes only \" and \\ are escapes
@example("a\\")  # a trailing backslash: shlex refuses, the blank-separated words are read
def test_command_words_are_shlex_words(text: str) -> None:
    import shlex

    from dlmpparse.commands import _split

    try:
        expected = shlex.split(text, comments=False, posix=True)
    except ValueError:
        expected = text.split()
    assert _split(text) == expected


def test_an_unmatched_quote_before_a_long_line_is_read() -> None:
    # shlex took 11.5 s on this at a megabyte; test_pump.py checks that the time is linear.
    invocation = dlmpparse.commands.parse_command('dladm show-aggr "' + "a" * 1_000_000)
    assert invocation is not None and invocation.subcommand == "show-aggr"
    assert invocation.operands == ('"' + "a" * 1_000_000,)

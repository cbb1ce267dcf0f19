"""ldm listings with sections dlmpparse does not know (DISK, PCIE, VPCI...): the sections are
consumed and reported as not read, and the listing's VSW and NETWORK sections still read."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import ParseError, parse, read_transcript, to_dict
from dlmpparse.records import UnreadSection
from dlmpparse.testing import render_unknown_section
from dlmpparse.testing import strategies as gen
from dlmpparse.testing.render import render_list_l

Sections = list[tuple[str, list[str], list[list[str]]]]


def _facts(records: list[Any]) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in to_dict(x).items() if k not in ("line", "field_lines")}
        for x in records
        if not isinstance(x, UnreadSection)
    ]


@given(
    gen.virtual_networks(domain="ldg1"),
    gen.unknown_sections(),
    gen.unknown_sections(),
    st.booleans(),
)
def test_unknown_sections_leave_the_network_records_as_they_were(
    vnets: list[Any], before: Sections, after: Sections, crlf: bool
) -> None:
    vnets = [attrs.evolve(v, id=None, linkprop=None, custom=None, pvlan=None) for v in vnets]
    plain = render_list_l("ldg1", vnets)
    summary, _, network = plain.text.partition("\n\n")
    end = "\r\n" if crlf else "\n"
    text = (
        summary.replace("\n", end)
        + end
        + end
        + "".join(render_unknown_section(h, c, r, crlf) for h, c, r in before)
        + network.replace("\n", end)
        + end
        + "".join(render_unknown_section(h, c, r, crlf) for h, c, r in after)
    )
    for command in ("ldm list -l ldg1", "ldm list-bindings ldg1"):
        records = parse(command, text)
        assert _facts(records) == _facts(parse(command, plain.text))
        unread = [x for x in records if isinstance(x, UnreadSection)]
        assert [x.section for x in unread] == [h for h, _, _ in [*before, *after]]
        lines = text.splitlines()
        for section, (heading, _, rows) in zip(unread, [*before, *after]):
            assert lines[section.line - 1] == heading
            assert section.last_line - section.line == 1 + len(rows)
            assert section.domain == "ldg1"


LISTING = """\
NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME
ldg1             bound    -----   5000    1     512M

NETWORK
    NAME             SERVICE                   DEVICE     MAC
    mynet-b          vsw0@primary              network@0  08:00:20:ab:9a:12

DISK
    NAME             VOLUME                      DEVICE     SERVER
    mydisk-a         myvol-a@vds0                disk@0     primary
"""


def test_a_transcript_reports_the_unknown_section_as_not_read() -> None:
    reading = read_transcript("primary# ldm list-bindings ldg1\n" + LISTING + "primary# exit\n")
    [result] = [r for r in reading.results if r.command == "ldm list-bindings ldg1"]
    assert [type(r).__name__ for r in result.records] == ["VirtualNetwork"]
    [ignored] = reading.ignored
    # The prompt is line 1: DISK is line 9 of the transcript, its last row line 11.
    assert (ignored.first_line, ignored.last_line) == (9, 11)
    assert ignored.reason == "section DISK of `ldm list-bindings ldg1`, not read"


def test_a_capitalised_word_after_the_listing_ends_it_in_a_transcript() -> None:
    text = "primary# ldm list-bindings ldg1\n" + LISTING + "DONE\nall good\n"
    reading = read_transcript(text)
    [result] = [r for r in reading.results if r.command == "ldm list-bindings ldg1"]
    assert result.status == "read"
    assert [i.first_line for i in reading.ignored] == [9, 12]
    assert "text after the output" in reading.ignored[1].reason


def test_a_capitalised_word_without_a_table_is_an_error() -> None:
    with pytest.raises(ParseError) as caught:
        parse("ldm list -l ldg1", LISTING + "DONE\n")
    assert caught.value.line == 11
    assert "unknown section heading DONE" in str(caught.value)


def test_a_known_rejected_heading_is_still_rejected_by_list_network() -> None:
    with pytest.raises(ParseError):
        parse("ldm list -o network ldg1", "VCPU\n    VID PID\n    0   1\n")

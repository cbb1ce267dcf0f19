"""One way to raise a ParseError (``SourceLine.error``), value errors at their cell with
"expected ...", and ldm's one pass that declines only by its own signal (issue 15)."""

from __future__ import annotations

import pytest

from dlmpparse import ParseError, parse
from dlmpparse.errors import SourceLine
from dlmpparse.grammars import ldm_network
from dlmpparse.grammars._table import BodyDeclined

_BLOCK = (
    "    NAME         SERVICE                      MACADDRESS          PVID|PVLAN|VIDs\n"
    "    ----         -------                      ----------          ---------------\n"
    "    vnet6        primary-vsw0@primary         00:14:4f:f9:cf:47   {vlans}\n"
    "                 DEVICE     :network@0        ID   :0\n"
    "                 LINKPROP   :phys-state       MTU  :1500\n"
)
_VSW = (
    "VSW\n"
    "    NAME         MACADDRESS          NET-DEV   DVID|PVID|VIDs\n"
    "    ----         ----------          -------   --------------\n"
    "    primary-vsw0 00:14:4f:f8:97:91   net0      {vlans}\n"
    "             DEVICE     :switch@0         ID   :0\n"
)


def test_source_line_error_points_at_a_zero_based_column() -> None:
    line = SourceLine("dladm show-phys", 7, "net0  Ethernet  sideways\r\n")
    error = line.error(16, "expected a state")
    assert (error.command, error.line, error.column) == ("dladm show-phys", 7, 17)
    assert error.text == "net0  Ethernet  sideways"
    assert error.expected == "expected a state"
    assert str(error).splitlines()[-1] == " " * 4 + " " * 16 + "^"


def test_source_line_indent_skips_blanks_and_nbsp() -> None:
    assert SourceLine("c", 1, " \t\u00a0 vnet0").indent() == 4


def test_a_bad_pvid_is_reported_at_its_cell() -> None:
    # Before: line 5 (the last pair line), column 1, an empty line and int()'s own message.
    with pytest.raises(ParseError) as caught:
        parse("ldm list -o network ldg6", _BLOCK.format(vlans="x|--|--"))
    error = caught.value
    assert (error.line, error.column) == (3, 67)
    assert error.expected == "expected a port VLAN ID (a number) or -- in PVID, got 'x'"
    assert error.text == _BLOCK.splitlines()[2].format(vlans="x|--|--")


def test_bad_vids_are_reported_at_their_part_of_the_cell() -> None:
    with pytest.raises(ParseError) as caught:
        parse("ldm list -o network ldg6", _BLOCK.format(vlans="1|--|10,x"))
    assert (caught.value.line, caught.value.column) == (3, 67 + len("1|--|"))
    assert caught.value.expected == "expected VLAN IDs such as 10,20 or -- in VIDs, got '10,x'"


def test_a_bad_default_vlan_id_of_a_switch_is_reported_at_its_cell() -> None:
    text = _VSW.format(vlans="one|1|--")
    with pytest.raises(ParseError) as caught:
        parse("ldm list -o network primary", text)
    # "one" starts at 0-based 47: 4 blanks, primary-vsw0 (12), 1, the MAC (17), 3, net0 (4), 6.
    assert (caught.value.line, caught.value.column) == (4, 48)
    assert caught.value.expected.startswith("expected a default VLAN ID (a number) or -- in DVID")


def test_good_vlans_still_read() -> None:
    [vnet] = parse("ldm list -o network ldg6", _BLOCK.format(vlans="2|--|10,20"))
    assert (vnet.pvid, vnet.pvlan, vnet.vids) == (2, None, (10, 20))


def test_the_one_pass_declines_a_bad_pvid_by_its_own_signal() -> None:
    text = _BLOCK.format(vlans="x|--|--")
    with pytest.raises(BodyDeclined):
        ldm_network._blocks().read(text, text.count("\n"), 1, "ldg6")


class _BrokenBlocks:
    def read(self, text: str, lines: int, first_line: int, domain: object) -> object:
        raise ValueError("a bug in the one pass")


def test_a_bug_in_the_one_pass_is_not_hidden_by_falling_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ldm_network, "_blocks", lambda: _BrokenBlocks())
    with pytest.raises(ValueError, match="a bug in the one pass") as caught:
        parse("ldm list -o network ldg6", _BLOCK.format(vlans="1|--|--"))
    assert not isinstance(caught.value, ParseError)

"""``ldm list-netdev`` builds its records without the public constructor (``records.unchecked``,
from cells as the converters would leave them): each record must be what the constructor
makes of the same values, of the same types (``--`` is None, a speed an int). The fixtures'
expected records are checked by tests/test_fixtures.py; this holds the form of the values.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from dlmpparse import parse
from dlmpparse.records import NetDevice, Record
from dlmpparse.testing.strategies import Case, rendered_cases

FIXTURES = Path(__file__).parent / "fixtures" / "ldm-list-netdev"


def _as_constructed(devices: Sequence[Record]) -> None:
    """Each record equal, field by field and type by type, to what the public constructor (its
    converters and validators, which ``attrs.evolve`` runs) makes of its values."""
    assert devices
    for device in devices:
        assert type(device) is NetDevice
        again = attrs.evolve(device)
        assert again == device
        for field in attrs.fields(NetDevice):
            value = getattr(device, field.name)
            assert type(value) is type(getattr(again, field.name)), field.name
            assert value != "--", field.name


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(FIXTURES.glob("*.txt")) if not p.name.startswith("bad-")],
    ids=lambda p: p.stem,
)
def test_fixture_records_are_as_the_constructor_makes_them(path: Path) -> None:
    command = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["command"]
    _as_constructed(parse(command, path.read_text(encoding="utf-8")))


def test_blank_cells_and_locations_that_name_no_vnet() -> None:
    # Constructed from tests/fixtures/ldm-list-netdev/variant-domains-classes-loc.txt: "--"
    # in every column that may print it, a LOC that is a slot (/SYS/...), a VNIC's LOC.
    text = (
        "NAME               CLASS    MEDIA    STATE    SPEED    OVER     LOC\n"
        "----               -----    -----    -----    -----    ----     ---\n"
        "net4               PHYS     --       --       --       --       --\n"
        "net0               PHYS     ETHER    up       10G      ixgbe0   /SYS/MB/RISER0/PCIE0\n"
        "ldoms-vsw0.vport0  VNIC     ETHER    up       10G      aggr0    primary-vsw0/vnet1\n"
        "net1               VNET     ETHER    up       1000M    vnet1    primary-vsw0/vnet1\n"
    )
    devices = parse("ldm list-netdev primary", text)
    _as_constructed(devices)
    blank, slot, vnic, vnet = devices
    assert isinstance(blank, NetDevice) and isinstance(slot, NetDevice)
    assert isinstance(vnic, NetDevice) and isinstance(vnet, NetDevice)
    assert (blank.media, blank.state, blank.speed, blank.speed_raw, blank.over, blank.loc) == (
        (None,) * 6
    )
    assert (slot.loc, slot.vswitch, slot.vnet) == ("/SYS/MB/RISER0/PCIE0", None, None)
    # The same LOC names a vswitch and a vnet on a VNET row only.
    assert (vnic.loc, vnic.vswitch, vnic.vnet) == ("primary-vsw0/vnet1", None, None)
    assert (vnet.loc, vnet.vswitch, vnet.vnet) == ("primary-vsw0/vnet1", "primary-vsw0", "vnet1")
    assert (vnet.speed, vnet.speed_raw) == (1000, "1000M")


@given(rendered_cases(["ldm list-netdev"]))
def test_generated_tables_are_as_the_constructor_makes_them(case: Case) -> None:
    devices = parse(case.command, case.text)
    assert devices == list(case.records)
    _as_constructed(devices)

"""Memory of ldm's records: a vnet's ``field_lines`` kept as one shared layout and a base line
(``records.FieldLines``), the strings and numbers of ldm's records that repeat kept once, and
no ``__weakref__`` slot in any record.

``FieldLines`` must read as the tuple of ``(field, line)`` pairs it replaced: the properties
below hold it equal to that tuple in every way a user can see (iterating, indexing, ``==``,
``hash``, ``repr``, JSON, ``attrs.evolve``, pickling). Sizes are ratios to the input measured
with tracemalloc, or object identities; never a time. The listings are constructed in the
3.6 block form of tests/fixtures/ldm-list-o-network (the seed's ``ldm list -o network ldg6``).
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
import tracemalloc
import weakref
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import parse, records
from dlmpparse.records import FieldLines, NetDevice, VirtualNetwork, VirtualSwitch, to_dict

_FIELDS = st.sampled_from(
    ["device", "id", "linkprop", "mtu", "maxbw", "mode", "custom", "PRIORITY", "COS"]
)
_PAIRS = st.lists(st.tuples(_FIELDS, st.integers(1, 100_000)), max_size=12).map(tuple)


@given(_PAIRS)
def test_field_lines_read_as_the_tuple_of_pairs(pairs: tuple[tuple[str, int], ...]) -> None:
    lines = FieldLines(pairs)
    assert lines == pairs and pairs == lines
    assert not lines != pairs  # noqa: SIM202 (``!=`` is a method of its own)
    assert hash(lines) == hash(pairs)
    assert repr(lines) == repr(pairs)
    assert tuple(lines) == pairs and list(lines) == list(pairs) and len(lines) == len(pairs)
    assert bool(lines) == bool(pairs)
    for index in range(-len(pairs), len(pairs)):
        assert lines[index] == pairs[index]
    assert lines[1:] == pairs[1:] and lines[::-1] == pairs[::-1]
    assert dict(lines) == dict(pairs)
    for field, _ in pairs:
        assert lines.get(field) == next(line for name, line in pairs if name == field)
        assert (field, lines.get(field)) in lines
    assert lines.get("no-such-field", 7) == 7
    assert pickle.loads(pickle.dumps(lines)) == lines
    assert copy.deepcopy(lines) == lines and copy.copy(lines) == lines
    assert FieldLines(lines) == lines
    if len(set(dict(pairs))) == len(pairs):
        assert FieldLines(dict(pairs)) == lines


@given(_PAIRS, st.integers(1, 1000), st.integers(0, 50))
def test_lines_counted_from_a_row_are_the_lines_given_as_pairs(
    pairs: tuple[tuple[str, int], ...], row: int, shift: int
) -> None:
    """A reader's form (offsets from its row's line) and the public constructor's (pairs) are
    one value: equal, same hash, whatever base each was counted from."""
    counted = FieldLines.at(row, tuple((field, line - row) for field, line in pairs))
    given_as_pairs = FieldLines(pairs)
    assert counted == given_as_pairs and given_as_pairs == counted
    assert hash(counted) == hash(given_as_pairs) == hash(pairs)
    moved = FieldLines(tuple((field, line + shift) for field, line in pairs))
    assert (moved == given_as_pairs) == (shift == 0 or not pairs)


def test_field_lines_differ_where_a_pair_differs() -> None:
    lines = FieldLines((("device", 11), ("mtu", 12)))
    assert lines != (("device", 11), ("mtu", 13))
    assert lines != (("device", 11),)
    assert lines != (("mtu", 12), ("device", 11))
    assert lines != FieldLines((("device", 11), ("mode", 12)))
    # A list of pairs is not the tuple of them, as before.
    assert lines != [("device", 11), ("mtu", 12)]


def test_field_lines_are_immutable_and_take_only_pairs_of_a_field_and_a_line() -> None:
    lines = FieldLines((("device", 11),))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lines._base = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        FieldLines((("device", "11"),))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        FieldLines(((11, 11),))  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [VirtualNetwork, VirtualSwitch])
def test_records_take_field_lines_as_pairs_a_mapping_or_field_lines(cls: type) -> None:
    pairs = (("device", 11), ("id", 11), ("mtu", 12))
    counted = FieldLines.at(10, (("device", 1), ("id", 1), ("mtu", 2)))
    made = [
        cls(name="vnet0", line=10, field_lines=value)
        for value in (pairs, dict(pairs), FieldLines(pairs), counted)
    ]
    for record in made:
        assert record == made[0] and hash(record) == hash(made[0])
        assert record.field_lines == pairs
        assert f"field_lines={pairs!r}" in repr(record)
        assert json.dumps(to_dict(record)) == json.dumps(to_dict(made[0]))
        assert to_dict(record)["field_lines"] == {"device": 11, "id": 11, "mtu": 12}
        assert pickle.loads(pickle.dumps(record)) == record
    evolved = attrs.evolve(made[0], field_lines=(("mode", 13),))
    assert evolved.field_lines == (("mode", 13),) and evolved != made[0]
    assert attrs.evolve(made[0], field_lines={}) == cls(name="vnet0", line=10)
    assert cls(name="vnet0", line=10).field_lines == ()


def test_a_vnet_s_line_of_a_field() -> None:
    vnet = VirtualNetwork(name="vnet0", line=10, field_lines={"mtu": 12, "custom": 13})
    assert vnet.line_of("mtu") == 12 and vnet.line_of("custom") == 13
    assert vnet.line_of("linkprop") == 10


# --- what the records of a listing keep ------------------------------------------------------


def _list_network(guests: int) -> str:
    """Constructed: ``ldm list -o network`` of every domain, two vnets each, in 3.6's block form
    (NAME and NETWORK headings, a vnet's row, then its KEY :value lines)."""
    out = []
    for g in range(guests):
        if g:
            out.append("-" * 78)
        out += ["NAME", f"ldg{g}", "", "NETWORK"]
        for v, service in enumerate(("primary-vsw0@primary", "ldg5-vsw0@ldg5")):
            mac = f"00:14:4f:f{v}:{g >> 8:02x}:{g & 255:02x}"
            out += [
                "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
                "    ----         -------                     ----------          ---------------",
                f"    vnet{v}        {service:<27} {mac}   1|--|--",
                f"                 DEVICE       :network@{v}     ID   :{v}",
                "                 LINKPROP     :phys-state    MTU  :1500",
                "                 MAXBW        :--            MODE :--",
                "                 CUSTOM       :enable",
                "                 MAX-CUSTOM-MACS:4096        MAX-CUSTOM-VLANS:4096",
                "",
            ]
    return "\n".join(out) + "\n"


def _list_netdev(guests: int) -> str:
    """Constructed: ``ldm list-netdev`` of every domain under its DOMAIN heading, as the seed's
    ``ldm list-netdev ldg6`` prints a guest's two vnets."""
    out = []
    for g in range(guests):
        out += [
            "DOMAIN",
            f"ldg{g}",
            "NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC",
            "----    -----    -----   -----    -----  ----     ---",
            f"net0    VNET     ETHER   up       1G     vnet0    primary-vsw0/vnet{g}",
            "net1    VNET     ETHER   up       1G     vnet1    ldg5-vsw0/vnet1",
        ]
    return "\n".join(out) + "\n"


def _kept(run: Callable[[], object]) -> tuple[int, object]:
    """What was still allocated after ``run`` (bytes), with what it returned."""
    gc.collect()
    tracemalloc.start()
    try:
        result = run()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return kept, result


def test_a_listing_s_vnets_keep_about_half_the_size_of_their_text() -> None:
    text = _list_network(800)
    parse("ldm list -o network", _list_network(2))  # first-use compilations are not the parse's
    kept, vnets = _kept(lambda: parse("ldm list -o network", text))
    assert isinstance(vnets, list) and len(vnets) == 1600
    # 2.2 x with a tuple of (field, line) pairs per vnet, a number object per line and per
    # MTU, and a name string per vnet; 1.1 x with them shared.
    assert kept < 1.5 * len(text), kept / len(text)


def test_a_listing_s_vnets_share_their_field_lines_layout_names_and_numbers() -> None:
    vnets = parse("ldm list -o network", _list_network(50))
    assert len(vnets) == 100 and all(isinstance(v, VirtualNetwork) for v in vnets)
    # The layout (each field with its offset from the row's line) is one object for every
    # vnet, and the base line the record's own line number.
    layouts = set()
    for v in vnets:
        held = gc.get_referents(v.field_lines)
        layouts |= {id(r) for r in held if type(r) is tuple}
        assert any(r is v.line for r in held)
    assert len(layouts) == 1
    for v in vnets:
        assert v.line_of("mtu") == v.line + 2 and v.line_of("max_custom_vlans") == v.line + 5
    for field in ("name", "domain", "mtu", "max_custom_macs", "max_custom_vlans"):
        values = {getattr(v, field) for v in vnets}
        assert len({id(getattr(v, field)) for v in vnets}) == len(values), field


def test_a_domain_s_devices_share_their_strings() -> None:
    devices = parse("ldm list-netdev", _list_netdev(100))
    assert len(devices) == 200 and all(isinstance(d, NetDevice) for d in devices)
    for field in ("domain", "name", "over", "loc", "vswitch", "vnet", "class_", "speed_raw"):
        values = {getattr(d, field) for d in devices}
        assert len({id(getattr(d, field)) for d in devices}) == len(values), field
    # Every domain's devices hold the one string of its name, as its vnets do.
    vnets = parse("ldm list -o network", _list_network(100))
    for device, vnet in zip(devices, vnets):
        assert device.domain is vnet.domain


def _parseable(guests: int) -> tuple[str, str]:
    """Constructed: ``ldm list -o network -p`` and ``ldm list-netdev -p`` of every domain, in
    the form of tests/fixtures/ldm-list-o-network-p/variant-36-ldg6-all-keys.txt and
    ldm-list-netdev-p/variant-ldg6-netdev-records-version.txt."""
    network, netdev = ["VERSION 1.20"], ["VERSION 1.0"]
    for g in range(guests):
        network.append(f"DOMAIN|name=ldg{g}")
        netdev.append(f"DOMAIN|name=ldg{g}|")
        for v, service in enumerate(("primary-vsw0@primary", "ldg5-vsw0@ldg5")):
            mac = f"00:14:4f:f{v}:{g >> 8:02x}:{g & 255:02x}"
            network.append(
                f"VNET|name=vnet{v}|dev=network@{v}|service={service}|mac-addr={mac}|mode=|pvid=1"
                f"|pvlan=|vid=|mtu=1500|maxbw=|linkprop=phys-state|id={v}|custom=enable"
                "|custom/max-mac-addrs=4096|custom/max-vlans=4096"
            )
            switch = service.partition("@")[0]
            netdev.append(
                f"NETDEV|name=net{v}|class=VNET|media=ETHER|state=up|speed=1G|over=vnet{v}"
                f"|loc={switch}/vnet{v}"
            )
    return "\n".join(network) + "\n", "\n".join(netdev) + "\n"


def test_parseable_listings_share_their_strings_and_numbers_too() -> None:
    network, netdev = _parseable(50)
    vnets = parse("ldm list -o network -p", network)
    devices = parse("ldm list-netdev -p", netdev)
    assert len(vnets) == len(devices) == 100
    for field in (
        "domain", "name", "service", "service_domain", "device", "linkprop", "custom",
        "mtu", "max_custom_macs", "max_custom_vlans",
    ):  # fmt: skip
        values = {getattr(v, field) for v in vnets}
        assert len({id(getattr(v, field)) for v in vnets}) == len(values), field
    for field in ("domain", "name", "class_", "state", "speed_raw", "over", "loc", "vswitch"):
        values = {getattr(d, field) for d in devices}
        assert len({id(getattr(d, field)) for d in devices}) == len(values), field
    for device, vnet in zip(devices, vnets):
        assert device.domain is vnet.domain


def _one_line_tables(guests: int) -> str:
    """Constructed: the one-line NETWORK tables of LDoms 3.0-3.5 for every domain, then the
    control domain's VSW table, as tests/fixtures/ldm-list-o-network/
    variant-oneline-35-network-and-vsw.txt prints them (3.5's NETWORK columns, no MAXBW cell)."""
    out = []
    for g in range(guests):
        out += [
            "NAME",
            f"ldg{g}",
            "",
            "NETWORK",
            "    NAME         SERVICE                      ID   DEVICE     MAC               MODE"
            "   PVID VID                  MTU   MAXBW      LINKPROP",
        ]
        for v, service in enumerate(("primary-vsw0@primary", "ldg5-vsw0@ldg5")):
            mac = f"00:14:4f:f{v}:{g >> 8:02x}:{g & 255:02x}"
            out.append(
                f"    vnet{v}        {service:<28} {v}    network@{v}  {mac}        1"
                "                         1500             phys-state"
            )
        out.append("-" * 78)
    out += [
        "NAME",
        "primary",
        "",
        "VSW",
        "    NAME         MAC               NET-DEV   ID   DEVICE     LINKPROP   DEFAULT-VLAN-ID"
        " PVID VID                  MTU   MODE   INTER-VNET-LINK",
        "    primary-vsw0 00:14:4f:fa:0c:21 net0      0    switch@0   phys-state 1               1"
        "                         1500         on",
    ]
    return "\n".join(out) + "\n"


def test_one_line_tables_share_their_values_too() -> None:
    records = parse("ldm list -o network", _one_line_tables(40))
    vnets = [r for r in records if isinstance(r, VirtualNetwork)]
    assert len(vnets) == 80 and len(records) == 81
    for field in (
        "domain", "name", "service", "service_domain", "device", "linkprop", "mtu", "not_shown"
    ):  # fmt: skip
        values = {getattr(v, field) for v in vnets}
        assert len({id(getattr(v, field)) for v in vnets}) == len(values), field
    [switch] = [r for r in records if isinstance(r, VirtualSwitch)]
    assert (switch.name, switch.domain, switch.net_dev, switch.mtu) == (
        "primary-vsw0", "primary", "net0", 1500
    )


def test_no_record_has_a_weakref_slot() -> None:
    classes = [
        value
        for value in vars(records).values()
        if isinstance(value, type) and attrs.has(value) and value.__module__ == records.__name__
    ]
    assert len(classes) >= 20
    for cls in [*classes, FieldLines]:
        # 8 bytes a record; nothing refers to a record weakly.
        assert cls.__weakrefoffset__ == 0, cls.__name__
        assert not hasattr(cls, "__dict__") or "__dict__" not in cls.__dict__, cls.__name__
    with pytest.raises(TypeError):
        weakref.ref(NetDevice(name="net0", line=1))

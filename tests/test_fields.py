"""Human output with chosen columns (``-o FIELDS``, ``-Z``): generated records printed with a
random subset of their columns in a random order read back to the same records, the columns
left out named in ``not_shown`` and nothing else changed."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import parse, to_dict
from dlmpparse.testing import render_fields
from dlmpparse.testing import strategies as gen

# command: (records, record attributes, -o field names; the first is the rows' identity)
FLAT: dict[str, tuple[Any, list[str], list[str]]] = {
    "dladm show-phys": (
        gen.physical_links(),
        ["link", "media", "state", "speed", "duplex", "device"],
        ["link", "media", "state", "speed", "duplex", "device"],
    ),
    "dladm show-phys -L": (
        gen.physical_locations(),
        ["link", "device", "location"],
        ["link", "device", "loc"],
    ),
    "dladm show-aggr": (
        gen.aggregations(),
        ["link", "mode", "policy", "lacpactivity", "lacptimer"],
        ["link", "mode", "policy", "lacpactivity", "lacptimer"],
    ),
    "dladm show-link": (
        gen.links(),
        ["link", "class", "mtu", "state", "over"],
        ["link", "class", "mtu", "state", "over"],
    ),
    "dladm show-vnic": (
        gen.vnics(),
        ["link", "over", "speed", "macaddress", "macaddrtype"],
        ["link", "over", "speed", "macaddress", "macaddrtype"],
    ),
    "ipadm show-if": (
        gen.ip_interfaces(),
        ["name", "class", "state", "active", "over"],
        ["ifname", "class", "state", "active", "over"],
    ),
    "ipadm show-addr": (
        gen.ip_addresses(),
        ["addrobj", "type", "state", "addr"],
        ["addrobj", "type", "state", "addr"],
    ),
}
# Attributes a column fills besides its own, and attributes derived from the identity.
_ALSO = {"speed": ("speed_raw",), "addrobj": ("interface",)}
_KEPT = {"line", "not_shown", "extra", "field_lines"}
# Attributes a command never prints (ipadm's UNDER is not a show-if field): not "left out".
_NEVER = {"ipadm show-if": {"under"}}


def _expected(record: Any, shown: list[str], line: int, command: str) -> Any:
    """What an expert reads from the -o table: the shown values; the rest not shown."""
    filled = set(shown) | {a for s in shown for a in _ALSO.get(s, ())}
    changes: dict[str, Any] = {"line": line}
    hidden: set[str] = set()
    for field in attrs.fields(type(record)):
        name = field.name
        plain = name.rstrip("_")
        if name in _KEPT or plain in filled or name in _NEVER.get(command, set()):
            continue
        default = field.default
        changes[name] = default
        hidden.add(name)
    if "speed" in filled:
        changes["speed_raw"] = None if record.speed is None else str(record.speed)
    return attrs.evolve(record, **changes, not_shown=frozenset(hidden))


@pytest.mark.parametrize("command", sorted(FLAT))
@given(data=st.data())
def test_chosen_columns_read_back(command: str, data: st.DataObject) -> None:
    strategy, attributes, names = FLAT[command]
    records = data.draw(strategy)
    others = data.draw(st.permutations(range(1, len(names))))
    count = data.draw(st.integers(0, len(names) - 1))
    order = [0, *others[:count]]
    # The identity column anywhere in the header, not only first.
    place = data.draw(st.integers(0, len(order) - 1))
    order.insert(place, order.pop(0))
    shown = [attributes[i] for i in order]
    header = [names[i] for i in order]
    upper = data.draw(st.booleans())
    rendered = render_fields(records, shown, header)
    option = ",".join(h.upper() if upper else h for h in header)
    got = parse(f"{command} -o {option}", rendered.text)
    expected = [_expected(r, shown, n, command) for r, n in zip(records, rendered.lines)]
    assert [to_dict(x) for x in got] == [to_dict(x) for x in expected]


@given(gen.physical_links())
def test_zone_column_reads_like_the_full_table(records: list[Any]) -> None:
    attributes = ["link", "media", "state", "speed", "duplex", "device"]
    full = render_fields(records, attributes, attributes)
    zoned_rows = render_fields(
        [attrs.evolve(r, device=r.device) for r in records],
        ["link", "link", *attributes[1:]],
        ["link", "zone", *attributes[1:]],
    )
    # The ZONE column holds the link's name here: any word is a zone name.
    assert [to_dict(x) for x in parse("dladm show-phys -Z", zoned_rows.text)] == [
        to_dict(x) for x in parse("dladm show-phys", full.text)
    ]

"""Human output with chosen columns (``-o FIELDS``, ``-Z``): generated records printed with a
random subset of their columns in a random order read back to the same records, the columns
left out named in ``not_shown`` and nothing else changed."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import ParseError, parse, read_transcript, to_dict
from dlmpparse.testing import render_fields, render_parseable, render_table
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


_X_TAIL = ["speed", "duplex", "state", "address", "portstate"]


@given(gen.aggregation_details(), st.data())
def test_show_aggr_x_with_chosen_columns_reads_back(
    details: list[Any], data: st.DataObject
) -> None:
    """Two row shapes: the aggregation's row (PORT ``--``) and its ports' rows (LINK blank).
    LINK stays first (a port row's blank LINK leads the row); PORT and the rest in any order."""
    rest = data.draw(st.permutations(["port", *_X_TAIL]))
    shown = ["link", *rest[: data.draw(st.integers(1, len(rest)))]]
    if "port" not in shown:
        shown.append("port")
    hidden = {"speed", "speed_raw", *_X_TAIL} - set(shown)
    if "speed" in shown:
        hidden.discard("speed_raw")

    def cell(record: Any, name: str) -> str:
        value = getattr(record, name, None)
        if name == "speed":
            return f"{value}Mb"
        return "--" if value is None else str(value)

    rows: list[list[str]] = []
    expected = []
    for detail in details:
        rows.append(
            [
                detail.link if c == "link" else "--" if c == "port" else cell(detail, c)
                for c in shown
            ]
        )
        line = len(rows) + 1
        ports = []
        for port in detail.ports:
            rows.append(["" if c == "link" else cell(port, c) for c in shown])
            ports.append(_blanked(port, hidden, len(rows) + 1))
        expected.append(attrs.evolve(_blanked(detail, hidden, line), ports=ports))
    rendered = render_table([c.upper() for c in shown], rows)
    got = parse(f"dladm show-aggr -x -o {','.join(shown)}", rendered.text)
    assert [to_dict(x) for x in got] == [to_dict(x) for x in expected]


def _blanked(record: Any, hidden: set[str], line: int) -> Any:
    names = {f.name for f in attrs.fields(type(record))}
    changes: dict[str, Any] = {n: None for n in hidden & names}
    if "speed_raw" in names and "speed" not in hidden:
        changes["speed_raw"] = f"{record.speed}Mb"
    return attrs.evolve(record, **changes, line=line, not_shown=frozenset(hidden & names))


def test_a_chosen_columns_table_ends_before_prose_in_a_transcript() -> None:
    text = (
        "root@ldg6:~# dladm show-phys -o link,speed,state\n"
        "LINK   SPEED STATE\n"
        "net0   1000  up\n"
        "net1   0     down\n"
        "That is all the links.\n"
        "root@ldg6:~# dladm show-aggr -o link,mode\n"
        "LINK   MODE\n"
        "aggr0  trunk\n"
    )
    reading = read_transcript(text)
    assert not reading.errors
    phys, aggr = reading.results
    assert [(r.link, r.speed, r.not_shown) for r in phys.records] == [
        ("net0", 1000, frozenset({"media", "duplex", "device"})),
        ("net1", 0, frozenset({"media", "duplex", "device"})),
    ]
    assert [(r.link, r.mode) for r in aggr.records] == [("aggr0", "trunk")]
    assert [(i.first_line, i.reason) for i in reading.ignored] == [
        (5, "text after the output of `dladm show-phys -o link,speed,state`")
    ]


def test_a_header_that_does_not_name_the_fields_is_an_error() -> None:
    with pytest.raises(ParseError) as caught:
        parse("dladm show-phys -o link,speed", "LINK STATE\nnet0 up\n")
    assert caught.value.line == 1


@pytest.mark.parametrize("command", sorted(FLAT))
@given(data=st.data())
def test_human_and_parseable_chosen_columns_give_the_same_records(
    command: str, data: st.DataObject
) -> None:
    """The same facts printed by ``-o FIELDS`` and by ``-p -o FIELDS`` read the same, the
    fields left out included (only ``line`` and a printed speed token may differ)."""
    strategy, attributes, names = FLAT[command]
    records = data.draw(strategy)
    order = [0, *data.draw(st.permutations(range(1, len(names))))]
    order = order[: data.draw(st.integers(1, len(order)))]
    shown = [attributes[i] for i in order]
    option = ",".join(names[i] for i in order)
    header = [names[i] for i in order]
    human = parse(f"{command} -o {option}", render_fields(records, shown, header).text)
    parseable = parse(f"{command} -p -o {option}", render_parseable(records, shown).text)

    def facts(xs: list[Any]) -> list[dict[str, Any]]:
        return [{k: v for k, v in to_dict(x).items() if k not in ("line",)} for x in xs]

    assert facts(human) == facts(parseable)

"""Property tests: records -> text as the command prints it (with random noise) -> records.

Every grammar in ``dlmpparse.grammars.GRAMMARS`` is round-tripped here (``COVERED`` says by
which test). Records are compared whole, ``line`` included: the renderers return the line each
record was printed on (``Rendered.lines``) and ``dlmpparse.testing.strategies.rendered_cases``
sets it, with the printed ``speed_raw`` and a vnet's ``field_lines``. The ``ci`` profile of
``tests/conftest.py`` (60 examples a test, derandomised) applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import parse, to_dict
from dlmpparse.grammars import GRAMMARS
from dlmpparse.records import (
    AggregationDetail,
    IpAddress,
    IpInterface,
    NetDevice,
    PhysicalLink,
    VirtualNetwork,
    mac_or_none,
    speed_mbps,
)
from dlmpparse.testing import (
    Noise,
    Rendered,
    dladm_mac,
    ofmt_line,
    render_list_netdev,
    render_list_network,
    render_parseable,
    render_show_aggr_x,
    render_show_link,
    render_table,
)
from dlmpparse.testing import render as r
from dlmpparse.testing import strategies as gen
from dlmpparse.testing.strategies import Case, noises, rendered_cases


def dicts(records: Sequence[Any]) -> list[dict[str, Any]]:
    return [to_dict(x) for x in records]


def at_lines(records: Sequence[Any], rendered: Rendered, **changes: Any) -> list[dict[str, Any]]:
    return dicts([attrs.evolve(x, line=n, **changes) for x, n in zip(records, rendered.lines)])


# --- the human-readable tables: rendered_cases ------------------------------------------------

CASE_COMMANDS = (
    "dladm show-phys",
    "dladm show-phys -m",
    "dladm show-phys -L",
    "dladm show-aggr",
    "dladm show-aggr -x",
    "dladm show-aggr -S",
    "ldm list-netdev",
    "ldm list -o network",
    "ipadm",
    "dladm show-link",
    "dladm show-etherstub",
    "dladm show-vnic",
    "ipadm show-if",
    "ipadm show-addr",
)


@pytest.mark.parametrize("command", CASE_COMMANDS)
@given(data=st.data())
def test_rendered_tables_read_back_to_their_records(command: str, data: st.DataObject) -> None:
    case: Case = data.draw(rendered_cases([command]))
    assert dicts(parse(case.command, case.text)) == dicts(case.records)


@given(gen.links(), noises())
def test_bare_dladm_reads_the_show_link_table(links: list[Any], noise: Noise) -> None:
    rendered = render_show_link(links, noise)
    assert dicts(parse("dladm", rendered.text)) == at_lines(links, rendered)


@given(gen.physical_links(), st.sampled_from(["{}", "{}Mb"]))
def test_fixed_widths_with_overflowing_names(links: list[Any], unit: str) -> None:
    """libofmt's fixed widths: a name wider than LINK pushes the row right, and the following
    fields give the overflow back."""
    long = [attrs.evolve(x, link=x.link + "_with_a_long_name") for x in links]
    rendered = r.render_show_phys(long, unit=unit, widths=(12, 14, 11, 7, 10, 12))
    expected = [attrs.evolve(x, speed_raw=unit.format(x.speed)) for x in long]
    assert dicts(parse("dladm show-phys", rendered.text)) == at_lines(expected, rendered)


def test_ofmt_line_gives_overflow_back() -> None:
    assert ofmt_line(["LINK", "MEDIA", "X"], [6, 7, 3]) == "LINK  MEDIA  X"
    # "net0_long" overflows LINK by 4 (3 + the blank): MEDIA's padding gives it back.
    assert ofmt_line(["net0_long", "ab", "X"], [6, 7, 3]) == "net0_long ab X"
    assert ofmt_line(["net0_l", "ab", "X"], [6, 7, 3]) == "net0_l ab    X"


# --- the one-line ldm sections, uname and pkg info ---------------------------------------------


@given(gen.virtual_switches(), noises())
def test_list_services_round_trip(switches: list[Any], noise: Noise) -> None:
    rendered = r.render_list_services(switches, noise)
    got = [{**x, "field_lines": {}} for x in dicts(parse("ldm list-services", rendered.text))]
    assert got == at_lines(switches, rendered)


@st.composite
def one_line_vnets(draw: st.DrawFn) -> list[VirtualNetwork]:
    vnets = draw(gen.virtual_networks(domain="ldg1"))
    return [
        attrs.evolve(
            v,
            id=None,
            linkprop=None,
            custom=None,
            pvlan=None,
            mode=draw(st.sampled_from([None, "hybrid"])),
            vids=draw(st.lists(st.integers(2, 4094), max_size=2)),
        )
        for v in vnets
    ]


@given(one_line_vnets(), noises())
def test_list_bindings_and_list_l_round_trip(vnets: list[Any], noise: Noise) -> None:
    for command, rendered in (
        ("ldm list-bindings ldg1", r.render_network_table(vnets, noise)),
        ("ldm list -l ldg1", r.render_list_l("ldg1", vnets, noise)),
    ):
        got = [{**x, "field_lines": {}} for x in dicts(parse(command, rendered.text))]
        # The 3.4 one-line table has no ID, MAXBW or LINKPROP column: not shown, not blank.
        assert got == at_lines(vnets, rendered, not_shown={"id", "maxbw", "linkprop"})


@given(gen.os_releases(), noises(), st.sampled_from(["v", "r", "rv", "srv"]))
def test_uname_and_pkg_info_round_trip(release: Any, noise: Noise, flags: str) -> None:
    rendered = r.render_uname_a(release, noise)
    assert dicts(parse("uname -a", rendered.text)) == at_lines(
        [attrs.evolve(release, branch=None)], rendered
    )
    rendered = r.render_pkg_info_entire(release, noise)
    expected = attrs.evolve(release, domain=None, source="pkg info entire")
    assert dicts(parse("pkg info entire", rendered.text)) == at_lines([expected], rendered)
    rendered = r.render_uname(release, flags, noise)
    [record] = parse(f"uname -{flags}", rendered.text)
    assert (record.source, record.line, record.domain, record.branch) == (
        f"uname -{flags}",
        1,
        None,
        None,
    )
    if "v" in flags:
        assert (record.release, record.version, record.sru) == (
            "11.4",
            release.version,
            release.sru,
        )


# --- the parseable forms (-p -o FIELDS) -------------------------------------------------------

# command -> (strategy, attribute names printed, -o field names, changes to the records)
FLAT_PARSEABLE: dict[str, tuple[Any, list[str], list[str], Any]] = {
    "dladm show-phys": (
        gen.physical_links(),
        ["link", "media", "state", "speed", "duplex", "device"],
        ["link", "media", "state", "speed", "duplex", "device"],
        lambda x: {"speed_raw": str(x.speed)},
    ),
    # dladm repeats LINK on every slot's row in parseable form.
    "dladm show-phys -m": (
        gen.physical_addresses(),
        ["link", "slot", "address", "in_use", "client"],
        ["link", "slot", "address", "inuse", "client"],
        lambda x: {},
    ),
    "dladm show-phys -L": (
        gen.physical_locations(),
        ["link", "device", "location"],
        ["link", "device", "loc"],
        lambda x: {},
    ),
    "dladm show-aggr": (
        st.one_of(gen.aggregations(), gen.aggregations_11_0()),
        ["link", "mode", "policy", "addrpolicy", "lacpactivity", "lacptimer"],
        ["link", "mode", "policy", "addrpolicy", "lacpactivity", "lacptimer"],
        # -o names no FLAGS (Solaris 11.0's column): not shown.
        lambda x: {"flags": None, "not_shown": {"flags"}},
    ),
    "dladm show-aggr -S": (
        gen.probe_statuses(),
        ["link", "port", "flags", "state", "targets", "xtargets"],
        ["link", "port", "flags", "state", "targets", "xtargets"],
        lambda x: {},
    ),
    "dladm show-link": (
        gen.links(),
        ["link", "class", "mtu", "state", "over"],
        ["link", "class", "mtu", "state", "over"],
        lambda x: {"not_shown": {"bridge"}},
    ),
    "dladm show-etherstub": (gen.etherstubs(), ["link"], ["link"], lambda x: {}),
    "dladm show-vnic": (
        gen.vnics(),
        ["link", "over", "speed", "macaddress", "macaddrtype"],
        ["link", "over", "speed", "macaddress", "macaddrtype"],
        lambda x: {"speed_raw": str(x.speed), "vids": (), "not_shown": {"vids"}},
    ),
    "ipadm show-if": (
        gen.ip_interfaces(),
        ["name", "class", "state", "active", "over"],
        ["ifname", "class", "state", "active", "over"],
        lambda x: {"not_shown": {"persistent"}},
    ),
    "ipadm show-addr": (
        gen.ip_addresses(),
        ["addrobj", "type", "state", "addr"],
        ["addrobj", "type", "state", "addr"],
        lambda x: {},
    ),
}


@pytest.mark.parametrize("command", sorted(FLAT_PARSEABLE))
@given(data=st.data())
def test_parseable_forms_read_back(command: str, data: st.DataObject) -> None:
    strategy, attributes, fields, changes = FLAT_PARSEABLE[command]
    records = data.draw(strategy)
    crlf = data.draw(st.booleans())
    rendered = render_parseable(records, attributes, crlf=crlf)
    expected = [attrs.evolve(x, line=n, **changes(x)) for x, n in zip(records, rendered.lines)]
    got = parse(f"{command} -p -o {','.join(fields)}", rendered.text)
    assert dicts(got) == dicts(expected)


def _escaped_mac(mac: str) -> str:
    return dladm_mac(mac).replace(":", "\\:")


@given(gen.aggregation_details(), st.booleans())
def test_parseable_show_aggr_x_reads_back(details: list[AggregationDetail], crlf: bool) -> None:
    lines: list[str] = []
    expected = []
    for detail in details:
        lines.append(f"{detail.link}::{detail.speed}:{_escaped_mac(str(detail.address))}:")
        line = len(lines)
        ports = []
        for port in detail.ports:
            lines.append(
                f"{detail.link}:{port.port}:{port.speed}:"
                f"{_escaped_mac(str(port.address))}:{port.portstate}"
            )
            ports.append(
                attrs.evolve(
                    port,
                    speed_raw=str(port.speed),
                    duplex=None,
                    state=None,
                    line=len(lines),
                    not_shown={"duplex", "state"},
                )
            )
        expected.append(
            attrs.evolve(
                detail,
                speed_raw=str(detail.speed),
                duplex=None,
                state=None,
                ports=ports,
                line=line,
                not_shown={"duplex", "state"},
            )
        )
    end = "\r\n" if crlf else "\n"
    text = "".join(x + end for x in lines)
    got = parse("dladm show-aggr -x -p -o link,port,speed,address,portstate", text)
    assert dicts(got) == dicts(expected)


# Which test reads each grammar.
COVERED = {
    **{c: "test_rendered_tables_read_back_to_their_records" for c in CASE_COMMANDS},
    "dladm": "test_bare_dladm_reads_the_show_link_table",
    "ldm list-services": "test_list_services_round_trip",
    "ldm list-bindings": "test_list_bindings_and_list_l_round_trip",
    "ldm list -l": "test_list_bindings_and_list_l_round_trip",
    **{
        k: "test_uname_and_pkg_info_round_trip"
        for k in ("uname -a", "uname -v", "uname -r", "uname -rv", "uname -srv", "pkg info entire")
    },
    **{f"{c} -p": "test_parseable_forms_read_back" for c in FLAT_PARSEABLE},
    "dladm show-aggr -x -p": "test_parseable_show_aggr_x_reads_back",
    # ldm's -p listings: in tests/test_ldm_parseable.py, against the human forms' records.
    "ldm list -p": "test_list_p_round_trip",
    "ldm list -o network -p": "test_list_network_p_gives_the_block_forms_records",
    "ldm list-netdev -p": "test_list_netdev_p_gives_the_tables_records",
    "ldm list-services -p": "test_list_services_p_gives_the_tables_records",
    "ldm list-bindings -p": "test_list_bindings_p_gives_the_tables_records",
    # The identity grammars: in tests/test_domains.py.
    "uname -n": "test_node_name_round_trip",
    "hostname": "test_node_name_round_trip",
    "virtinfo -a": "test_virtinfo_a_round_trip",
    "ldm list": "test_ldm_list_round_trip",
    # The -o forms: tests/test_fields.py for the flat tables and -x; the other tables whose
    # rows come in several shapes (-m, -S) and show-etherstub (one column) by their golden
    # fixtures.
    **{
        f"{c} -o": "test_fields.py::test_chosen_columns_read_back"
        for c in (
            "dladm show-phys",
            "dladm show-phys -L",
            "dladm show-aggr",
            "dladm show-link",
            "dladm show-vnic",
            "ipadm show-if",
            "ipadm show-addr",
        )
    },
    **{
        f"{c} -o": "golden fixtures only (tests/fixtures/<slug>)"
        for c in (
            "dladm show-phys -m",
            "dladm show-aggr -S",
            "dladm show-etherstub",
        )
    },
    "dladm show-aggr -x -o": "test_fields.py::test_show_aggr_x_with_chosen_columns_reads_back",
}


def test_every_grammar_is_round_tripped() -> None:
    assert sorted(COVERED) == sorted(g.key for g in GRAMMARS)


# --- values: speeds in any unit, MACs in any spelling -----------------------------------------


def speed_tokens(mbps: int) -> list[str]:
    """Every way a command prints ``mbps`` Mb/s."""
    tokens = [str(mbps), f"{mbps}Mb", f"{mbps}M", f"{mbps}Mbps", f"{mbps * 1000}K"]
    tokens.append(f"{mbps / 1000:g}G")
    if mbps % 1000 == 0:
        tokens += [f"{mbps // 1000}G", f"{mbps // 1000}Gb", f"{mbps // 1000}g"]
    if mbps % 1_000_000 == 0 and mbps:
        tokens.append(f"{mbps // 1_000_000}T")
    return tokens


@given(
    st.one_of(gen.speeds, st.integers(0, 400_000)),
    st.data(),
)
def test_speed_is_the_same_whatever_the_unit(mbps: int, data: st.DataObject) -> None:
    token = data.draw(st.sampled_from(speed_tokens(mbps)))
    noise = data.draw(noises())
    assert speed_mbps(token) == mbps
    phys = render_table(
        ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"],
        [["net0", "Ethernet", "up", token, "full", "vnet0"]],
        noise,
    )
    [link] = parse("dladm show-phys", phys.text)
    assert isinstance(link, PhysicalLink)
    assert (link.speed, link.speed_raw) == (mbps, token)
    netdev = render_table(
        ["NAME", "CLASS", "MEDIA", "STATE", "SPEED", "OVER", "LOC"],
        [["net0", "VNET", "ETHER", "up", token, "vnet0", "primary-vsw0/vnet6"]],
        noise,
    )
    [device] = parse("ldm list-netdev ldg6", netdev.text)
    assert isinstance(device, NetDevice)
    assert (device.speed, device.speed_raw) == (mbps, token)


@given(gen.net_devices(domain="ldg6"), st.sampled_from(["ldm", "mb"]))
def test_list_netdev_speed_does_not_depend_on_the_printed_unit(
    devices: list[NetDevice], unit: str
) -> None:
    if unit == "mb":
        # Bare Mb/s everywhere: render 1000 as "1000", not "1G".
        devices = [attrs.evolve(d, speed=d.speed) for d in devices]
        rendered = render_list_netdev(devices, domain_heading=False)
        text = rendered.text.replace("10G ", "10000 ").replace("1G ", "1000 ")
    else:
        text = render_list_netdev(devices, domain_heading=False).text
    got = parse("ldm list-netdev ldg6", text)
    assert [d.speed for d in got] == [d.speed for d in devices]


def mac_spellings(mac: str) -> list[str]:
    unpadded = dladm_mac(mac)
    return [mac, mac.upper(), unpadded, unpadded.upper()]


@given(gen.macs, st.data())
def test_mac_addresses_are_normalised(mac: str, data: st.DataObject) -> None:
    spelling = data.draw(st.sampled_from(mac_spellings(mac)))
    assert mac_or_none(spelling) == mac
    details = data.draw(gen.aggregation_details(max_size=1))
    detail = attrs.evolve(details[0], address=mac)
    text = render_show_aggr_x([detail]).text.replace(dladm_mac(mac), spelling, 1)
    [got] = parse("dladm show-aggr -x", text)
    assert isinstance(got, AggregationDetail) and got.address == mac
    vnets = data.draw(gen.virtual_networks(domain="ldg6"))
    vnet = attrs.evolve(vnets[0], mac=mac)
    text = render_list_network([vnet]).text.replace(mac, spelling, 1)
    [read] = parse("ldm list -o network", text)
    assert isinstance(read, VirtualNetwork) and read.mac == mac


@given(gen.ip_rows(), st.integers(0, 3), noises())
def test_ipadm_address_indentation_does_not_matter(
    rows: list[Any], indent: int, noise: Noise
) -> None:
    plain = parse("ipadm", r.render_ipadm(rows, noise, addr_indent=3).text)
    indented = parse("ipadm", r.render_ipadm(rows, noise, addr_indent=indent).text)
    assert dicts(plain) == dicts(indented)
    assert [type(x) for x in plain] == [type(x) for x in rows]
    assert all(isinstance(x, (IpInterface, IpAddress)) for x in plain)

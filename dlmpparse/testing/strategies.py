"""Hypothesis strategies for dlmpparse's records and whole systems (needs the ``testing`` extra).

Records come with ``line=1``: renderers return the real line numbers (``Rendered.lines``) and a
test sets them with ``attrs.evolve``. ``rendered_cases`` does that itself: it draws records,
prints them with a renderer and random noise (``noises``), and gives the command, the text and
the records ``dlmpparse.parse`` must read from it, every field included (``line``, the printed
``speed_raw``, a vnet's ``field_lines``), so a round trip compares records whole.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any, Callable, Optional

import attrs
from hypothesis import strategies as st

from ..records import (
    IpInterface,
    PhysicalLink,
    Record,
    VirtualNetwork,
)
from . import render as r
from .record_strategies import (
    UNKNOWN_HEADINGS,
    aggregation_details,
    aggregations,
    aggregations_11_0,
    etherstubs,
    ip_addresses,
    ip_interfaces,
    ip_rows,
    ldm_domains,
    link_names,
    link_states,
    links,
    macs,
    maybe,
    net_devices,
    node_names,
    noises,
    os_releases,
    physical_addresses,
    physical_links,
    physical_locations,
    probe_statuses,
    speeds,
    styles,
    typical_link_names,
    unknown_sections,
    virtual_networks,
    virtual_switches,
    virtualization_infos,
    vnics,
)
from .render import Rendered, Style
from .system import DlmpSystem, Member

__all__ = [
    "SEED_COMMANDS",
    "UNKNOWN_HEADINGS",
    "Case",
    "aggregation_details",
    "aggregations",
    "aggregations_11_0",
    "etherstubs",
    "ip_addresses",
    "ip_interfaces",
    "ip_rows",
    "ldm_domains",
    "link_names",
    "links",
    "macs",
    "net_devices",
    "network_field_lines",
    "node_names",
    "noises",
    "os_releases",
    "physical_addresses",
    "physical_links",
    "physical_locations",
    "probe_statuses",
    "rendered_cases",
    "speeds",
    "styles",
    "systems",
    "typical_link_names",
    "unknown_sections",
    "virtual_networks",
    "virtual_switches",
    "virtualization_infos",
    "vnics",
]


@st.composite
def systems(draw: st.DrawFn) -> DlmpSystem:
    """A healthy system: a control domain and one to three more service domains, a guest
    with two to four members spread over them, every switch over a link of one speed; its
    DLMP aggregation configured or not yet, with or without probing."""
    service = (
        "primary",
        *draw(
            st.lists(st.sampled_from(["ldg5", "ldg7", "svc1"]), min_size=1, max_size=3, unique=True)
        ),
    )
    speed = draw(st.sampled_from([1000, 10000, 25000]))
    count = draw(st.integers(2, 4))
    return DlmpSystem(
        guest=draw(st.sampled_from(["ldg6", "ldg9", "guest1"])),
        service_domains=service,
        speeds=tuple(speed for _ in service),
        members=tuple(
            Member(link=f"net{j}", vnet=f"vnet{10 + j}", service_domain=service[j % len(service)])
            for j in range(count)
        ),
        configured=draw(st.booleans()),
        probing=draw(st.booleans()),
    )


# --- rendered tables and the records they must read back to ----------------------------------


@attrs.frozen
class Case:
    """A command, the text it printed, and the records ``parse(command, text)`` must give."""

    command: str
    text: str
    records: tuple[Record, ...]


# The seven commands of the seed document; ``rendered_cases`` covers these and the dladm and
# ipadm tables added after it.
SEED_COMMANDS = (
    "dladm show-phys",
    "dladm show-aggr",
    "dladm show-aggr -x",
    "dladm show-aggr -S",
    "ldm list-netdev",
    "ldm list -o network",
    "ipadm",
)


def _at(records: Sequence[Any], rendered: Rendered, **changes: Any) -> tuple[Record, ...]:
    """The records at the lines they were printed on."""
    if len(records) != len(rendered.lines):  # pragma: no cover - a renderer bug
        raise AssertionError("one line per record")
    return tuple(attrs.evolve(x, line=n, **changes) for x, n in zip(records, rendered.lines))


_names = st.one_of(link_names, typical_link_names)


@st.composite
def _show_phys(draw: st.DrawFn) -> Case:
    count = draw(st.integers(1, 8))
    links = [
        PhysicalLink(
            link=name,
            media=draw(maybe(st.sampled_from(["Ethernet", "Infiniband"]))),
            state=draw(maybe(link_states)),
            speed=draw(maybe(speeds)),
            duplex=draw(maybe(st.sampled_from(["full", "half", "unknown"]))),
            device=draw(maybe(_names)),
            line=1,
        )
        for name in draw(st.lists(_names, min_size=count, max_size=count, unique=True))
    ]
    unit = draw(st.sampled_from(["{}", "{}Mb"]))
    widths = draw(st.one_of(st.none(), st.just((12, 14, 11, 7, 10, 12))))
    rendered = r.render_show_phys(links, draw(noises()), unit, widths=widths)
    expected = tuple(
        attrs.evolve(x, speed_raw=None if x.speed is None else unit.format(x.speed)) for x in links
    )
    return Case("dladm show-phys", rendered.text, _at(expected, rendered))


@st.composite
def _show_phys_m(draw: st.DrawFn) -> Case:
    addresses = draw(physical_addresses())
    widths = draw(st.sampled_from([None, (20, 9, 19, 6, 13), (13, 9, 19, 5, 13)]))
    rendered = r.render_show_phys_m(addresses, draw(noises()), widths=widths)
    command = draw(st.sampled_from(["dladm show-phys -m", "dladm show-phys \u2013m"]))
    return Case(command, rendered.text, _at(addresses, rendered))


@st.composite
def _show_phys_l(draw: st.DrawFn) -> Case:
    locations = draw(physical_locations())
    header = draw(st.sampled_from(["LOC", "LOCATION"]))
    widths = draw(st.sampled_from([None, (18, 13, 10)]))
    rendered = r.render_show_phys_l(locations, draw(noises()), header=header, widths=widths)
    return Case("dladm show-phys -L", rendered.text, _at(locations, rendered))


@st.composite
def _show_aggr(draw: st.DrawFn) -> Case:
    layout = draw(st.sampled_from(["11.1", "11.0"]))
    records = draw(aggregations() if layout == "11.1" else aggregations_11_0())
    rendered = r.render_show_aggr(records, draw(noises()), layout=layout)
    return Case("dladm show-aggr", rendered.text, _at(records, rendered))


@st.composite
def _show_aggr_x(draw: st.DrawFn) -> Case:
    details = draw(aggregation_details())
    details = [
        attrs.evolve(
            d,
            speed=draw(speeds),
            ports=[attrs.evolve(p, speed=draw(speeds)) for p in d.ports],
        )
        for d in details
    ]
    rendered = r.render_show_aggr_x(details, draw(noises()))
    lines = iter(rendered.lines)
    expected = []
    for detail in details:
        line = next(lines)
        ports = [attrs.evolve(p, speed_raw=f"{p.speed}Mb", line=next(lines)) for p in detail.ports]
        expected.append(attrs.evolve(detail, speed_raw=f"{detail.speed}Mb", ports=ports, line=line))
    command = draw(st.sampled_from(["dladm show-aggr -x", "dladm show-aggr \u2013x"]))
    return Case(command, rendered.text, tuple(expected))


@st.composite
def _show_aggr_probe(draw: st.DrawFn) -> Case:
    statuses = [
        s for group in draw(st.lists(probe_statuses(), min_size=1, max_size=3)) for s in group
    ]
    rendered = r.render_show_aggr_probe(statuses, draw(noises()))
    command = draw(st.sampled_from(["dladm show-aggr -S", "dladm show-aggr -nS"]))
    return Case(command, rendered.text, _at(statuses, rendered))


@st.composite
def _list_netdev(draw: st.DrawFn) -> Case:
    heading = draw(st.booleans())
    if heading:
        domains = draw(st.lists(link_names, min_size=1, max_size=3, unique=True))
        devices = [d for domain in domains for d in draw(net_devices(domain=domain))]
    else:
        devices = draw(net_devices())
    devices = [attrs.evolve(d, speed=draw(speeds)) for d in devices]
    rendered = r.render_list_netdev(devices, draw(noises()), domain_heading=heading)
    expected = [attrs.evolve(d, speed_raw=r.ldm_speed(d.speed)) for d in devices]
    command = "ldm list-netdev" if heading else f"ldm list-netdev {devices[0].domain}"
    return Case(command, rendered.text, _at(expected, rendered))


_PAIR_FIELDS = {
    "DEVICE": "device",
    "ID": "id",
    "LINKPROP": "linkprop",
    "MTU": "mtu",
    "MAXBW": "maxbw",
    "MODE": "mode",
    "CUSTOM": "custom",
    "MAX-CUSTOM-MACS": "max_custom_macs",
    "MAX-CUSTOM-VLANS": "max_custom_vlans",
}
_extra_keys = st.sampled_from(["PRIORITY", "COS", "PROTECTION", "ALLOWED-IPS", "VSW-RELAY"])
_extra_values = st.one_of(
    st.none(),
    st.builds(
        "{}{}".format,
        st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=1),
        st.text(string.ascii_lowercase + string.digits + ".,-", max_size=8),
    ),
)


def network_field_lines(vnet: VirtualNetwork, line: int) -> tuple[tuple[str, int], ...]:
    """The ``field_lines`` of a vnet whose row ``render_list_network`` printed on ``line``."""
    return tuple(
        (_PAIR_FIELDS.get(key, key), line + 1 + index)
        for index, group in enumerate(r.network_pairs(vnet))
        for key, _ in group
    )


@st.composite
def _list_network(draw: st.DrawFn) -> Case:
    vnets = draw(virtual_networks())
    vnets = [
        attrs.evolve(
            v,
            maxbw=draw(st.sampled_from([None, "100M", "1G"])),
            mode=draw(st.sampled_from([None, "hybrid"])),
            pvlan=draw(st.sampled_from([None, "isolated", "community"])),
            vids=draw(st.lists(st.integers(2, 4094), max_size=3)),
            max_custom_macs=draw(maybe(st.integers(1, 4096))),
            max_custom_vlans=draw(maybe(st.integers(1, 4096))),
            extra=draw(
                st.lists(
                    st.tuples(_extra_keys, _extra_values), max_size=3, unique_by=lambda t: t[0]
                )
            ),
        )
        for v in vnets
    ]
    headings = draw(st.booleans())
    rendered = r.render_list_network(vnets, draw(noises()), headings=headings)
    expected = tuple(
        attrs.evolve(v, line=n, field_lines=network_field_lines(v, n))
        for v, n in zip(vnets, rendered.lines)
    )
    options = draw(st.sampled_from(["-o network", "\u2013o network", "-o net"]))
    command = f"ldm list {options}" + ("" if headings else f" {vnets[0].domain}")
    return Case(command, rendered.text, expected)


@st.composite
def _ipadm(draw: st.DrawFn) -> Case:
    rows: list[Any] = draw(ip_rows())
    groups = [x.name for x in rows if isinstance(x, IpInterface) and x.class_ == "ipmp"]
    rows = [
        attrs.evolve(x, under=draw(st.sampled_from([None, *groups])))
        if isinstance(x, IpInterface) and x.class_ == "ip"
        else x
        for x in rows
    ]
    rendered = r.render_ipadm(rows, draw(noises()), addr_indent=draw(st.integers(0, 3)))
    return Case("ipadm", rendered.text, _at(rows, rendered))


def _flat(
    command: str,
    records: st.SearchStrategy[Any],
    render: Callable[[Any, Style], Rendered],
    **changes: Callable[[Any], Any],
) -> st.SearchStrategy[Case]:
    @st.composite
    def case(draw: st.DrawFn) -> Case:
        drawn = draw(records)
        rendered = render(drawn, draw(noises()))
        expected = [attrs.evolve(x, **{k: f(x) for k, f in changes.items()}) for x in drawn]
        return Case(command, rendered.text, _at(expected, rendered))

    return case()


def _cases() -> dict[str, st.SearchStrategy[Case]]:
    return {
        "dladm show-phys": _show_phys(),
        "dladm show-phys -m": _show_phys_m(),
        "dladm show-phys -L": _show_phys_l(),
        "dladm show-aggr": _show_aggr(),
        "dladm show-aggr -x": _show_aggr_x(),
        "dladm show-aggr -S": _show_aggr_probe(),
        "ldm list-netdev": _list_netdev(),
        "ldm list -o network": _list_network(),
        "ipadm": _ipadm(),
        "dladm show-link": _flat("dladm show-link", links(), r.render_show_link),
        "dladm show-etherstub": _flat(
            "dladm show-etherstub", etherstubs(), r.render_show_etherstub
        ),
        "dladm show-vnic": _flat(
            "dladm show-vnic", vnics(), r.render_show_vnic, speed_raw=lambda v: str(v.speed)
        ),
        "ipadm show-if": _flat("ipadm show-if", ip_interfaces(), r.render_ipadm_show_if),
        "ipadm show-addr": _flat("ipadm show-addr", ip_addresses(), r.render_ipadm_show_addr),
    }


def rendered_cases(commands: Optional[Sequence[str]] = None) -> st.SearchStrategy[Case]:
    """A ``Case``: records drawn for one of ``commands`` (every grammar key ``rendered_cases``
    knows when None: ``SEED_COMMANDS`` and the dladm/ipadm tables after them), printed with a
    renderer and random noise, with the records the text must read back to: the same, at the
    lines they were printed on, with the printed speed token as ``speed_raw`` and a vnet's
    ``field_lines``."""
    known = _cases()
    chosen = list(known) if commands is None else list(commands)
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValueError(f"no rendered cases for {unknown}; known: {sorted(known)}")
    return st.one_of([known[c] for c in chosen])

"""Hypothesis strategies for dlmpparse's records, one command's rows at a time (needs the
``testing`` extra); ``strategies`` builds whole systems and rendered tables from them.

Records come with ``line=1``: renderers return the real line numbers (``Rendered.lines``) and a
test sets them with ``attrs.evolve``.
"""

from __future__ import annotations

import string
from typing import Any, Optional

from hypothesis import strategies as st

from ..records import (
    Aggregation,
    AggregationDetail,
    AggregationPort,
    Domain,
    Etherstub,
    IpAddress,
    IpInterface,
    Link,
    NetDevice,
    NodeName,
    OsRelease,
    PhysicalAddress,
    PhysicalLink,
    PhysicalLocation,
    ProbeStatus,
    VirtualizationInfo,
    VirtualNetwork,
    VirtualSwitch,
    Vnic,
)
from . import render as r
from .render import Style

__all__ = [
    "UNKNOWN_HEADINGS",
    "aggregation_details",
    "aggregations",
    "aggregations_11_0",
    "etherstubs",
    "ip_addresses",
    "ip_interfaces",
    "ip_rows",
    "ldm_domains",
    "link_names",
    "link_states",
    "links",
    "macs",
    "maybe",
    "net_devices",
    "node_names",
    "noises",
    "os_releases",
    "physical_addresses",
    "physical_links",
    "physical_locations",
    "probe_statuses",
    "speeds",
    "styles",
    "typical_link_names",
    "unknown_sections",
    "virtual_networks",
    "virtual_switches",
    "virtualization_infos",
    "vnics",
]

# ``[a-z]{2,6}[0-9]{1,3}``, built from text strategies: from_regex is four times slower.
link_names = st.builds(
    "{}{}".format,
    st.text(string.ascii_lowercase, min_size=2, max_size=6),
    st.text(string.digits, min_size=1, max_size=3),
)
# Names as Solaris gives them: net0, aggr1, vnet3, e1000g0, ixgbe2...
typical_link_names = st.builds(
    "{}{}".format,
    st.sampled_from(["net", "aggr", "vnet", "dlmp", "igb", "ixgbe", "e1000g", "vnic", "stub"]),
    st.integers(0, 31),
)
speeds = st.sampled_from([0, 10, 100, 1000, 10000, 25000, 40000, 100000])
macs = st.lists(st.integers(0, 255), min_size=6, max_size=6).map(
    lambda octets: ":".join(f"{o:02x}" for o in octets)
)
ipv4 = st.tuples(
    st.integers(1, 223), st.integers(0, 255), st.integers(0, 255), st.integers(1, 254)
).map(lambda t: ".".join(map(str, t)))
link_states = st.sampled_from(["up", "down", "unknown"])


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, or None (printed ``--``) one time in four or so."""
    return st.one_of(strategy, strategy, strategy, st.none())


@st.composite
def styles(draw: st.DrawFn) -> Style:
    """The noise of real pastes: padding or tabs, indentation, NBSP, trailing blanks, CRLF,
    blank lines between rows, a repeated header."""
    return Style(
        pad=draw(st.integers(1, 6)),
        indent=draw(st.sampled_from(["", "  ", "    ", "\t"])),
        nbsp=draw(st.booleans()),
        tabs=draw(st.booleans()),
        trailing=draw(st.sampled_from(["", " ", "   "])),
        crlf=draw(st.booleans()),
        blank_between=draw(st.booleans()),
        repeat_header_at=draw(st.integers(0, 5)),
    )


def physical_links(max_size: int = 8) -> st.SearchStrategy[list[PhysicalLink]]:
    """``dladm show-phys`` rows with distinct link names."""
    link = st.builds(
        PhysicalLink,
        link=link_names,
        media=st.sampled_from(["Ethernet", "Infiniband"]),
        state=link_states,
        speed=speeds,
        duplex=st.sampled_from(["full", "half", "unknown"]),
        device=link_names,
        line=st.just(1),
    )
    return st.lists(link, min_size=1, max_size=max_size, unique_by=lambda r: r.link)


@st.composite
def physical_addresses(draw: st.DrawFn, max_links: int = 4) -> list[PhysicalAddress]:
    """``dladm show-phys -m`` rows: for each link (distinct names) its primary slot, in use by
    the link itself, then up to three numbered factory slots, free or used by a VNIC."""
    names = draw(st.lists(link_names, min_size=1, max_size=max_links, unique=True))
    out = []
    for name in names:
        out.append(
            PhysicalAddress(
                link=name,
                slot="primary",
                address=draw(macs),
                in_use=draw(st.sampled_from([True, True, False, None])),
                client=draw(st.sampled_from([name, None])),
                line=1,
            )
        )
        for slot in range(1, draw(st.integers(0, 3)) + 1):
            in_use = draw(st.booleans())
            out.append(
                PhysicalAddress(
                    link=name,
                    slot=str(slot),
                    address=draw(macs),
                    in_use=in_use,
                    client=draw(link_names) if in_use else None,
                    line=1,
                )
            )
    return out


_locations = st.sampled_from(
    [
        "MB",
        "MB/RISER0/PCIE0/PORT1",
        "MB/RISER0/PCIE0/PORT2",
        "MB/RISER0/PCIE0/PORT1/cloud-nm2gw-2/1A-ETH-2",
    ]
)


def physical_locations(max_size: int = 6) -> st.SearchStrategy[list[PhysicalLocation]]:
    """``dladm show-phys -L`` rows with distinct link names."""
    location = st.builds(
        PhysicalLocation,
        link=st.one_of(link_names, typical_link_names),
        device=st.one_of(link_names, typical_link_names, st.none()),
        location=st.one_of(_locations, st.none()),
        line=st.just(1),
    )
    return st.lists(location, min_size=1, max_size=max_size, unique_by=lambda x: x.link)


def aggregation_details(max_size: int = 4) -> st.SearchStrategy[list[AggregationDetail]]:
    """``dladm show-aggr -x`` aggregations with one to four ports each."""
    port = st.builds(
        AggregationPort,
        port=link_names,
        speed=st.just(1000),
        duplex=st.just("full"),
        state=link_states,
        address=macs,
        portstate=st.sampled_from(["attached", "standby"]),
        line=st.just(1),
    )
    detail = st.builds(
        AggregationDetail,
        link=link_names,
        speed=st.just(1000),
        duplex=st.just("full"),
        state=link_states,
        address=macs,
        ports=st.lists(port, min_size=1, max_size=4),
        line=st.just(1),
    )
    return st.lists(detail, min_size=1, max_size=max_size)


@st.composite
def probe_statuses(draw: st.DrawFn) -> list[ProbeStatus]:
    """``dladm show-aggr -S`` rows of one aggregation."""
    link = draw(link_names)
    ports = draw(st.lists(link_names, min_size=1, max_size=4, unique=True))
    return [
        ProbeStatus(
            link=link,
            port=port,
            flags=draw(st.sampled_from(["u--3", "u-2-", "u---"])),
            state=draw(st.sampled_from(["active", "failed"])),
            targets=draw(st.lists(ipv4, max_size=2)),
            xtargets=draw(st.lists(link_names, max_size=3)),
            line=1,
        )
        for port in ports
    ]


@st.composite
def net_devices(draw: st.DrawFn, domain: Optional[str] = None) -> list[NetDevice]:
    """``ldm list-netdev`` VNET rows of one domain."""
    name = domain or draw(link_names)
    rows = draw(
        st.lists(
            st.tuples(link_names, link_names, link_names, st.sampled_from([1000, 10000])),
            min_size=1,
            max_size=6,
            unique_by=lambda t: t[0],
        )
    )
    return [
        NetDevice(
            domain=name,
            name=n,
            class_="VNET",
            media="ETHER",
            state="up",
            speed=speed,
            speed_raw=None,
            over=over,
            loc=f"{switch}/{n}v",
            vswitch=switch,
            vnet=f"{n}v",
            line=1,
        )
        for n, over, switch, speed in rows
    ]


@st.composite
def virtual_networks(draw: st.DrawFn, domain: Optional[str] = None) -> list[VirtualNetwork]:
    """``ldm list -o network`` vnets of one domain."""
    name = domain or draw(link_names)
    count = draw(st.integers(1, 4))
    names = draw(st.lists(link_names, min_size=count, max_size=count, unique=True))
    return [
        VirtualNetwork(
            domain=name,
            name=vnet,
            service=draw(link_names),
            service_domain=draw(link_names),
            mac=draw(macs),
            pvid=draw(st.integers(1, 4094)),
            device=f"network@{index}",
            id=index,
            linkprop=draw(st.sampled_from(["phys-state", None])),
            mtu=draw(st.integers(1500, 9000)),
            custom=draw(st.sampled_from(["enable", "disable"])),
            line=1,
        )
        for index, vnet in enumerate(names)
    ]


@st.composite
def ip_rows(draw: st.DrawFn) -> list[object]:
    """``ipadm`` interfaces, each followed by its address objects."""
    rows: list[object] = []
    names = draw(st.lists(link_names, min_size=1, max_size=4, unique=True))
    for name in names:
        rows.append(
            IpInterface(
                name=name,
                class_=draw(st.sampled_from(["ip", "ipmp", "loopback"])),
                state=draw(st.sampled_from(["ok", "down", "failed"])),
                line=1,
            )
        )
        for suffix in draw(st.lists(st.sampled_from(["v4", "v6", "v4a"]), max_size=3, unique=True)):
            rows.append(
                IpAddress(
                    addrobj=f"{name}/{suffix}",
                    interface=name,
                    type=draw(st.sampled_from(["static", "dhcp", "addrconf"])),
                    state="ok",
                    addr=draw(st.one_of(st.none(), ipv4.map(lambda a: a + "/24"))),
                    line=1,
                )
            )
    return rows


def aggregations(max_size: int = 4) -> st.SearchStrategy[list[Aggregation]]:
    """Plain ``dladm show-aggr`` rows (DLMP rows have no policy or LACP settings)."""
    trunk = st.builds(
        Aggregation,
        link=link_names,
        mode=st.just("trunk"),
        policy=st.sampled_from(["L2", "L3", "L4", "L2,L3"]),
        addrpolicy=st.just("auto"),
        lacpactivity=st.sampled_from(["off", "active", "passive"]),
        lacptimer=st.sampled_from(["short", "long"]),
        line=st.just(1),
    )
    dlmp = st.builds(Aggregation, link=link_names, mode=st.just("dlmp"), line=st.just(1))
    return st.lists(
        st.one_of(trunk, dlmp), min_size=1, max_size=max_size, unique_by=lambda a: a.link
    )


def links(max_size: int = 6) -> st.SearchStrategy[list[Link]]:
    """``dladm show-link`` rows."""
    link = st.builds(
        Link,
        link=link_names,
        class_=st.sampled_from(["phys", "aggr", "vnic", "etherstub", "vlan"]),
        mtu=st.sampled_from([1500, 9000]),
        state=link_states,
        over=st.lists(link_names, max_size=3),
        line=st.just(1),
    )
    return st.lists(link, min_size=1, max_size=max_size, unique_by=lambda k: k.link)


def etherstubs(max_size: int = 4) -> st.SearchStrategy[list[Etherstub]]:
    """``dladm show-etherstub`` rows."""
    stub = st.builds(Etherstub, link=link_names, line=st.just(1))
    return st.lists(stub, max_size=max_size, unique_by=lambda s: s.link)


def vnics(max_size: int = 4) -> st.SearchStrategy[list[Vnic]]:
    """``dladm show-vnic`` rows."""
    vnic = st.builds(
        Vnic,
        link=link_names,
        over=link_names,
        speed=st.sampled_from([1000, 10000, 40000]),
        macaddress=macs,
        macaddrtype=st.sampled_from(["random", "factory", "fixed"]),
        vids=st.lists(st.integers(0, 4094), min_size=1, max_size=3),
        line=st.just(1),
    )
    return st.lists(vnic, min_size=1, max_size=max_size, unique_by=lambda v: v.link)


def ip_interfaces(max_size: int = 4) -> st.SearchStrategy[list[IpInterface]]:
    """``ipadm show-if`` rows."""
    interface = st.builds(
        IpInterface,
        name=link_names,
        class_=st.sampled_from(["ip", "ipmp", "loopback"]),
        state=st.sampled_from(["ok", "down", "failed", "disabled"]),
        active=st.sampled_from(["yes", "no"]),
        over=st.lists(link_names, max_size=2),
        line=st.just(1),
    )
    return st.lists(interface, min_size=1, max_size=max_size, unique_by=lambda i: i.name)


def ip_addresses(max_size: int = 4) -> st.SearchStrategy[list[IpAddress]]:
    """``ipadm show-addr`` rows."""
    address = st.tuples(link_names, st.sampled_from(["v4", "v6", "v4a"])).flatmap(
        lambda t: st.builds(
            IpAddress,
            addrobj=st.just(f"{t[0]}/{t[1]}"),
            interface=st.just(t[0]),
            type=st.sampled_from(["static", "dhcp", "addrconf"]),
            state=st.sampled_from(["ok", "tentative", "duplicate", "down"]),
            addr=st.one_of(st.none(), ipv4.map(lambda a: a + "/24")),
            line=st.just(1),
        )
    )
    return st.lists(address, min_size=1, max_size=max_size, unique_by=lambda a: a.addrobj)


def virtual_switches(max_size: int = 4) -> st.SearchStrategy[list[VirtualSwitch]]:
    """``ldm list-services`` VSW rows, some cells unset."""
    switch = st.builds(
        VirtualSwitch,
        name=link_names.map(lambda n: n + "-vsw0"),
        domain=link_names,
        mac=macs,
        net_dev=st.one_of(st.none(), link_names),
        id=st.integers(0, 9),
        device=st.integers(0, 9).map(lambda i: f"switch@{i}"),
        linkprop=st.sampled_from(["phys-state", None]),
        default_vlan_id=st.just(1),
        pvid=st.just(1),
        vids=st.lists(st.integers(2, 4094), max_size=2),
        mtu=st.sampled_from([1500, 9000]),
        mode=st.sampled_from([None, "sc"]),
        inter_vnet_link=st.sampled_from(["on", "off"]),
        line=st.just(1),
    )
    return st.lists(switch, min_size=1, max_size=max_size, unique_by=lambda s: s.name)


def os_releases() -> st.SearchStrategy[OsRelease]:
    """An Oracle Solaris 11.4 SRU as uname -a and pkg info entire report it."""
    return st.builds(
        lambda domain, sru, build: OsRelease(
            domain=domain,
            release="11.4",
            version=f"11.4.{sru}.{build}.0",
            sru=sru,
            branch=f"11.4.{sru}.0.1.{build}.0",
            source="uname -a",
            line=1,
        ),
        link_names,
        st.integers(0, 81),
        st.integers(1, 200),
    )


noises = styles
"""``styles`` by the name the property tests use: the noise of real pastes."""


def aggregations_11_0(max_size: int = 4) -> st.SearchStrategy[list[Aggregation]]:
    """Plain ``dladm show-aggr`` rows of Solaris 11.0 (FLAGS, no MODE)."""
    aggregation = st.builds(
        Aggregation,
        link=link_names,
        policy=st.sampled_from(["L2", "L3", "L4", "L2,L3", "L3,L4"]),
        addrpolicy=st.one_of(st.just("auto"), macs.map(lambda m: f"fixed ({r.dladm_mac(m)})")),
        lacpactivity=st.sampled_from(["off", "active", "passive"]),
        lacptimer=st.sampled_from(["short", "long"]),
        flags=st.sampled_from(["-----", "f----"]),
        line=st.just(1),
    )
    return st.lists(aggregation, min_size=1, max_size=max_size, unique_by=lambda a: a.link)


# --- identity: uname -n / hostname, virtinfo -a, ldm list --------------------------------------

_HOST_NAMES = st.from_regex(r"[a-z][a-z0-9-]{0,11}(?:\.[a-z]{2,6})?", fullmatch=True)


def node_names() -> st.SearchStrategy[NodeName]:
    return st.builds(
        NodeName,
        node=_HOST_NAMES,
        source=st.sampled_from(["uname -n", "hostname"]),
        line=st.just(1),
    )


@st.composite
def virtualization_infos(draw: st.DrawFn) -> VirtualizationInfo:
    control = draw(st.booleans())
    extra = [r for r in ("I/O", "service", "root") if draw(st.booleans())]
    return VirtualizationInfo(
        impl="LDoms",
        roles=("control" if control else "guest", *extra),
        name=draw(maybe(_HOST_NAMES)),
        uuid=draw(maybe(st.uuids().map(str))),
        control_node=draw(maybe(_HOST_NAMES)),
        serial=draw(maybe(st.from_regex(r"[A-Z0-9]{6,12}", fullmatch=True))),
        line=1,
    )


@st.composite
def ldm_domains(draw: st.DrawFn, max_size: int = 5) -> list[Domain]:
    names = draw(st.lists(_HOST_NAMES.filter(lambda n: len(n) <= 13), max_size=max_size,
                          unique=True))
    out = []
    for index, name in enumerate(names):
        running = draw(st.booleans())
        control = index == 0 and draw(st.booleans())
        flags = "-n-c" if control else draw(st.sampled_from(["-n--", "----", "-t--"]))
        flags += draw(st.sampled_from(["v-", "--"]))
        util = draw(st.sampled_from(["0.4", "1.2", "23", "100"])) if running else None
        out.append(
            Domain(
                name=name,
                state="active" if running else draw(st.sampled_from(["bound", "inactive"])),
                flags=flags if running else "------",
                cons=("UART" if control else str(5000 + index)) if running else None,
                ncpu=draw(st.integers(1, 256)),
                mem=draw(st.integers(1, 512)) << draw(st.sampled_from([20, 30])),
                util=util,
                norm_util=util,
                uptime=draw(st.integers(1, 10**7)) if running else None,
                line=index + 2,
            )
        )
    return out


# Section headings of ldm listings that dlmpparse does not read: older releases' (DISK) and
# later ones' (PCIE, VPCI), and made-up words a future release might print.
UNKNOWN_HEADINGS = ("DISK", "PCIE", "VPCI", "PHYSIO", "VNIU", "HVDISK", "CMI", "IOV")


@st.composite
def unknown_sections(draw: st.DrawFn) -> list[tuple[str, list[str], list[list[str]]]]:
    """Sections under headings dlmpparse does not know: (heading, header, rows); the header's
    column names are capitalised words, the cells any words."""
    out = []
    for heading in draw(st.lists(st.sampled_from(UNKNOWN_HEADINGS), max_size=3, unique=True)):
        header = draw(
            st.lists(
                st.sampled_from(["NAME", "VOLUME", "DEVICE", "SERVER", "STATUS", "TOUT", "ID"]),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        word = st.text(string.ascii_lowercase + string.digits + "@/_.-", min_size=1, max_size=12)
        rows = draw(
            st.lists(st.lists(word, min_size=len(header), max_size=len(header)), max_size=3)
        )
        out.append((heading, header, rows))
    return out

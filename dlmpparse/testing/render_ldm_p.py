"""Renderers of ldm's parseable (``-p``) listings: records -> ``VERSION`` and ``TYPE|key=value``
lines, as ``dlmpparse.grammars.ldm_parseable`` reads them.

Only the key names of Oracle's own sample (``name``, ``dev``, ``service``, ``mac-addr``,
``net-dev``) and of published code reading ldm -p (``pvid``, ``vid``, ``mtu``, ``id``,
``default-vlan-id``, ``class``) are verified; the others printed here are the inferred names
documented in docs/commands/ldm-parseable.md. ``Rendered.lines`` are the lines of the records
(the VNET, VSW, device and DOMAIN lines), 1-based.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Optional

from ..records import Domain, NetDevice, VirtualNetwork, VirtualSwitch
from .render import Rendered

__all__ = [
    "p_line",
    "p_value",
    "render_ldm_list_p",
    "render_list_netdev_p",
    "render_network_p",
    "render_services_p",
]


def p_value(value: object) -> str:
    """A value as ldm -p prints it: unset is empty, a list of VLAN IDs comma-separated."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def p_line(type_: Optional[str], pairs: Iterable[tuple[str, object]]) -> str:
    """``TYPE|key=value|...``; a continuation line (``|key=value``) when ``type_`` is ``""``,
    a TYPE-less line (``key=value|...``, list-netdev's devices) when it is None."""
    fields = [f"{key}={p_value(value)}" for key, value in pairs]
    if type_ is None:
        return "|".join(fields)
    return "|".join([type_, *fields])


class _Out:
    def __init__(self, version: Optional[str]) -> None:
        self.out: list[str] = [f"VERSION {version}"] if version else []
        self.lines: list[int] = []

    def add(self, line: str, *, record: bool = False) -> None:
        self.out.append(line)
        if record:
            self.lines.append(len(self.out))

    def rendered(self, crlf: bool) -> Rendered:
        end = "\r\n" if crlf else "\n"
        return Rendered(end.join(self.out) + end, tuple(self.lines))


def render_ldm_list_p(
    domains: Sequence[Domain], *, version: str = "1.11", crlf: bool = False
) -> Rendered:
    """``ldm list -p``: VERSION, then one DOMAIN line per domain, in the published key order."""
    out = _Out(version)
    for d in domains:
        pairs: list[tuple[str, object]] = [
            ("name", d.name),
            ("state", d.state),
            ("flags", d.flags),
            ("cons", d.cons),
            ("ncpu", d.ncpu),
            ("mem", d.mem),
            ("util", d.util),
            ("uptime", d.uptime),
            ("norm_util", d.norm_util),
            *d.extra,
        ]
        out.add(p_line("DOMAIN", pairs), record=True)
    return out.rendered(crlf)


def vnet_pairs(vnet: VirtualNetwork) -> list[tuple[str, object]]:
    """A VNET record's pairs: the verified keys first, then the inferred ones, then ``extra``."""
    service = f"{vnet.service}@{vnet.service_domain}" if vnet.service_domain else vnet.service
    return [
        ("name", vnet.name),
        ("dev", vnet.device),
        ("service", service),
        ("mac-addr", vnet.mac),
        ("mode", vnet.mode),
        ("pvid", vnet.pvid),
        ("pvlan", vnet.pvlan),
        ("vid", vnet.vids),
        ("mtu", vnet.mtu),
        ("maxbw", vnet.maxbw),
        ("linkprop", vnet.linkprop),
        ("id", vnet.id),
        ("custom", vnet.custom),
        ("custom/max-mac-addrs", vnet.max_custom_macs),
        ("custom/max-vlans", vnet.max_custom_vlans),
        *((key.lower(), value) for key, value in vnet.extra),
    ]


def vsw_pairs(switch: VirtualSwitch, *, ldom: bool = False) -> list[tuple[str, object]]:
    """A VSW record's pairs (``ldom=`` when the listing names the switch's domain so)."""
    first: list[tuple[str, object]] = [("name", switch.name)]
    if ldom:
        first.append(("ldom", switch.domain))
    return [
        *first,
        ("mac-addr", switch.mac),
        ("net-dev", switch.net_dev),
        ("dev", switch.device),
        ("id", switch.id),
        ("linkprop", switch.linkprop),
        ("default-vlan-id", switch.default_vlan_id),
        ("pvid", switch.pvid),
        ("vid", switch.vids),
        ("mtu", switch.mtu),
        ("mode", switch.mode),
        ("inter-vnet-link", switch.inter_vnet_link),
        *((key.lower(), value) for key, value in switch.extra),
    ]


def render_network_p(
    vnets: Sequence[VirtualNetwork],
    switches: Sequence[VirtualSwitch] = (),
    *,
    version: Optional[str] = "1.0",
    crlf: bool = False,
    peers: bool = False,
    domain_lines: bool = True,
) -> Rendered:
    """``ldm list -o network -p`` / ``ldm list-bindings -p``: per domain a ``DOMAIN|name=``
    line (unless ``domain_lines`` is false: then the command's operand names the domain), its
    VSW lines, then its VNET lines; with ``peers`` a ``|peer=...`` continuation under each
    vnet (list-bindings' PEER, consumed by the grammar)."""
    out = _Out(version)
    order: list[Optional[str]] = []
    for domain in [s.domain for s in switches] + [v.domain for v in vnets]:
        if domain not in order:
            order.append(domain)
    for domain in order:
        if domain_lines:
            out.add(p_line("DOMAIN", [("name", domain)]))
        for switch in switches:
            if switch.domain == domain:
                out.add(p_line("VSW", vsw_pairs(switch)), record=True)
        for vnet in vnets:
            if vnet.domain != domain:
                continue
            out.add(p_line("VNET", vnet_pairs(vnet)), record=True)
            if peers:
                peer = f"{vnet.service}@{vnet.service_domain}"
                out.add(p_line("", [("peer", peer), ("mac-addr", vnet.mac), ("mtu", vnet.mtu)]))
    return out.rendered(crlf)


def render_services_p(
    switches: Sequence[VirtualSwitch], *, version: Optional[str] = "1.0", crlf: bool = False
) -> Rendered:
    """``ldm list-services -p``: a VCC and a VDS with a volume (consumed by the grammar), then
    one VSW line per switch with its domain as ``ldom=``."""
    out = _Out(version)
    out.add(p_line("VCC", [("name", "primary-vcc0"), ("port-range", "5000-5100")]))
    out.add(p_line("VDS", [("name", "primary-vds0")]))
    out.add(p_line("", [("vol", "vol0"), ("opts", None), ("dev", "/dev/zvol/dsk/rpool/vol0")]))
    for switch in switches:
        out.add(p_line("VSW", vsw_pairs(switch, ldom=True)), record=True)
    return out.rendered(crlf)


def render_list_netdev_p(
    devices: Sequence[NetDevice],
    *,
    typed: bool = False,
    version: Optional[str] = None,
    crlf: bool = False,
) -> Rendered:
    """``ldm list-netdev -l -p``: per domain a ``DOMAIN|name=`` line, then one line per device
    (TYPE-less ``name=...|class=...`` as published code reads it, or ``NETDEV|...`` with
    ``typed``); speeds in Mb/s."""
    out = _Out(version)
    domain: object = object()
    for d in devices:
        if d.domain != domain:
            domain = d.domain
            out.add(p_line("DOMAIN", [("name", d.domain)]))
        pairs: list[tuple[str, object]] = [
            ("name", d.name),
            ("class", d.class_),
            ("media", d.media),
            ("state", d.state),
            ("speed", d.speed),
            ("over", d.over),
            ("loc", d.loc),
        ]
        out.add(p_line("NETDEV" if typed else None, pairs), record=True)
    return out.rendered(crlf)

"""Renderers of ldm's human listings: ``list-netdev``, ``list -o network`` (3.x block form),
the VSW section of ``list-services``, the one-line NETWORK section of ``list -l`` and
``list-bindings``, and a section under a heading dlmpparse does not know. (ldm's ``-p``
listings: ``render_ldm_p``.)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import attrs

from ..records import NetDevice, VirtualNetwork, VirtualSwitch
from .render_tables import PLAIN, Rendered, Style, blank, cell, join_lines, render_table

__all__ = [
    "ldm_speed",
    "network_pairs",
    "render_list_l",
    "render_list_netdev",
    "render_list_network",
    "render_list_services",
    "render_network_table",
    "render_unknown_section",
]


def ldm_speed(speed: Optional[int]) -> str:
    """A speed as ldm prints it: whole gigabits as ``1G``/``10G``, other speeds bare Mb/s."""
    if speed is None:
        return "--"
    return f"{speed // 1000}G" if speed >= 1000 and speed % 1000 == 0 else str(speed)


def render_list_netdev(
    devices: Sequence[NetDevice],
    style: Style = PLAIN,
    heading: bool = True,
    *,
    domain_heading: Optional[bool] = None,
) -> Rendered:
    """``ldm list-netdev``: with ``heading`` (or ``domain_heading``, its other name) each
    domain's devices come under a ``DOMAIN`` heading and the domain's name (consecutive
    devices of one domain form one listing; the devices need a named domain), then the header,
    a row of dashes and the rows; speeds as ldm prints them (``1G``, ``ldm_speed``). Without
    it, one table (``ldm list-netdev <domain>`` pasted without its headings)."""
    if domain_heading is not None:
        heading = domain_heading
    header = ["NAME", "CLASS", "MEDIA", "STATE", "SPEED", "OVER", "LOC"]
    plain = attrs.evolve(style, repeat_header_at=0, blank_between=False)
    end = "\r\n" if style.crlf else "\n"

    def table(group: Sequence[NetDevice]) -> Rendered:
        rows = [
            [
                d.name,
                cell(d.class_),
                cell(d.media),
                cell(d.state),
                ldm_speed(d.speed),
                cell(d.over),
                cell(d.loc),
            ]
            for d in group
        ]
        return render_table(header, [["-" * len(h) for h in header], *rows], plain)

    if not heading:
        rendered = table(devices)
        return Rendered(rendered.text, rendered.lines[1:])
    groups: list[list[NetDevice]] = []
    for device in devices:
        if device.domain is None:
            raise ValueError("a DOMAIN heading needs devices of a named domain")
        if groups and groups[-1][0].domain == device.domain:
            groups[-1].append(device)
        else:
            groups.append([device])
    text = ""
    lines: list[int] = []
    for group in groups:
        before = text.count("\n")
        text += f"DOMAIN{end}{group[0].domain}{end}{end}"
        rendered = table(group)
        lines += [before + 3 + n for n in rendered.lines[1:]]
        text += rendered.text
        if group is not groups[-1]:
            text += end
    return Rendered(text, tuple(lines))


def render_list_network(
    vnets: Sequence[VirtualNetwork], style: Style = PLAIN, headings: bool = True
) -> Rendered:
    """``ldm list -o network`` in the 3.x block form: optional ``NAME``/domain and ``NETWORK``
    headings, then for each vnet the header, dashes, its row (``vnet6  primary-vsw0@primary
    00:14:4f:f9:cf:47  1|--|--``) and its ``KEY :value`` pairs two to a line (DEVICE/ID,
    LINKPROP/MTU, MAXBW/MODE, CUSTOM, MAX-CUSTOM-MACS/MAX-CUSTOM-VLANS, then ``extra``).
    ``lines`` are the vnet rows' lines; a vnet's pairs are on the next lines, in that order
    (``network_pairs``). Of the noise, trailing blanks, NBSP, CRLF and blank lines after
    each vnet apply."""
    out: list[str] = []
    lines = []
    if headings:
        domains = {v.domain for v in vnets}
        if len(domains) != 1 or None in domains:
            raise ValueError("the NAME heading needs vnets of one named domain")
        out += ["NAME", str(domains.pop()), "", "NETWORK"]
    for vnet in vnets:
        service = f"{vnet.service}@{vnet.service_domain}" if vnet.service else "--"
        vlans = f"{cell(vnet.pvid)}|{cell(vnet.pvlan)}|{','.join(map(str, vnet.vids)) or '--'}"
        out += [
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    {vnet.name:<12} {service:<27} {cell(vnet.mac):<19} {vlans}",
        ]
        lines.append(len(out))
        for group in network_pairs(vnet):
            cells = [f"{key:<11}:{cell(value):<14}" for key, value in group]
            out.append(("                " + " ".join(cells)).rstrip() + style.trailing)
        if style.blank_between:
            out.append("")
    if style.nbsp:
        out = [line.replace("  ", " \u00a0") for line in out]
    return Rendered(join_lines(out, style), tuple(lines))


def network_pairs(vnet: VirtualNetwork) -> list[list[tuple[str, object]]]:
    """A vnet's ``KEY :value`` pairs as ``ldm list -o network`` groups them on its lines:
    DEVICE/ID, LINKPROP/MTU, MAXBW/MODE, CUSTOM, MAX-CUSTOM-MACS/MAX-CUSTOM-VLANS, then the
    ``extra`` pairs two to a line. ``render_list_network`` prints line ``i`` of this list on
    the vnet row's line ``+ 1 + i``."""
    extra: list[tuple[str, object]] = list(vnet.extra)
    return [
        [("DEVICE", vnet.device), ("ID", vnet.id)],
        [("LINKPROP", vnet.linkprop), ("MTU", vnet.mtu)],
        [("MAXBW", vnet.maxbw), ("MODE", vnet.mode)],
        [("CUSTOM", vnet.custom)],
        [("MAX-CUSTOM-MACS", vnet.max_custom_macs), ("MAX-CUSTOM-VLANS", vnet.max_custom_vlans)],
        *(extra[i : i + 2] for i in range(0, len(extra), 2)),
    ]


def render_unknown_section(
    heading: str, header: Sequence[str], rows: Sequence[Sequence[str]], crlf: bool = False
) -> str:
    """A section of an ldm listing under ``heading`` (a word dlmpparse does not know): the
    heading at column 0, then a table indented by four blanks, as ldm prints its sections;
    ends with a blank line."""
    table = render_table(header, rows, Style(indent="    ", crlf=crlf))
    end = "\r\n" if crlf else "\n"
    return f"{heading}{end}{table.text}{end}"


def render_list_services(switches: Sequence[VirtualSwitch], style: Style = PLAIN) -> Rendered:
    """The VSW section of ``ldm list-services`` in the one-line layout, blank cells for unset
    values (the layout is not verified against published output: see its docs page)."""
    header = [
        "NAME",
        "LDOM",
        "MAC",
        "NET-DEV",
        "ID",
        "DEVICE",
        "LINKPROP",
        "DEFAULT-VLAN-ID",
        "PVID",
        "VID",
        "MTU",
        "MODE",
        "INTER-VNET-LINK",
    ]

    rows = [
        [
            s.name,
            blank(s.domain),
            blank(s.mac),
            blank(s.net_dev),
            blank(s.id),
            blank(s.device),
            blank(s.linkprop),
            blank(s.default_vlan_id),
            blank(s.pvid),
            ",".join(map(str, s.vids)),
            blank(s.mtu),
            blank(s.mode),
            blank(s.inter_vnet_link),
        ]
        for s in switches
    ]
    plain = attrs.evolve(style, nbsp=False, tabs=False, repeat_header_at=0, blank_between=False)
    table = render_table(header, rows, plain)
    # The header's words must start where their columns do: pad like the rows.
    end = "\r\n" if style.crlf else "\n"
    return Rendered(f"VSW{end}" + table.text, tuple(n + 1 for n in table.lines))


def render_network_table(vnets: Sequence[VirtualNetwork], style: Style = PLAIN) -> Rendered:
    """The one-line NETWORK section of ``ldm list-bindings`` / ``ldm list -l`` (LDoms 3.4
    layout: ``NAME SERVICE DEVICE MAC MODE PVID VID MTU``), blank cells for unset values."""
    header = ["NAME", "SERVICE", "DEVICE", "MAC", "MODE", "PVID", "VID", "MTU"]

    rows = [
        [
            v.name,
            f"{v.service}@{v.service_domain}",
            blank(v.device),
            blank(v.mac),
            blank(v.mode),
            blank(v.pvid),
            ",".join(map(str, v.vids)),
            blank(v.mtu),
        ]
        for v in vnets
    ]
    plain = Style(indent="    ", crlf=style.crlf)
    table = render_table(header, rows, plain)
    end = "\r\n" if style.crlf else "\n"
    return Rendered(f"NETWORK{end}" + table.text, tuple(n + 1 for n in table.lines))


def render_list_l(domain: str, vnets: Sequence[VirtualNetwork], style: Style = PLAIN) -> Rendered:
    """``ldm list -l <domain>``: the domain's summary line, then its NETWORK section."""
    end = "\r\n" if style.crlf else "\n"
    summary = (
        f"NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME{end}"
        f"{domain:<16} active     -n----  5000    8     16G      0.6%  0.6%  2d 3h 15m{end}{end}"
    )
    network = render_network_table(vnets, style)
    return Rendered(summary + network.text, tuple(n + 3 for n in network.lines))

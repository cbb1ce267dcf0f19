"""Renderers: records printed the way Solaris and ldm print them, for tests and benchmarks.

Pure functions, no hypothesis: ``dlmpparse.testing.render`` is usable without the ``testing``
extra. Each renderer returns a ``Rendered``: the text and the 1-based line of each record,
so a test can compare ``parse(command, rendered.text)`` with the records it started from.
Columns are as wide as their widest cell plus the padding, the last one not padded (libofmt);
``Style`` adds the noise real pastes carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional, Union

import attrs

from ..records import (
    Aggregation,
    AggregationDetail,
    Etherstub,
    IpAddress,
    IpInterface,
    Link,
    NetDevice,
    OsRelease,
    PhysicalLink,
    ProbeStatus,
    VirtualNetwork,
    VirtualSwitch,
    Vnic,
)

__all__ = [
    "Rendered",
    "Style",
    "dladm_mac",
    "render_ipadm",
    "render_ipadm_show_addr",
    "render_ipadm_show_if",
    "render_list_l",
    "render_list_netdev",
    "render_list_network",
    "render_list_services",
    "render_network_table",
    "render_parseable",
    "render_pkg_info_entire",
    "render_show_aggr",
    "render_show_aggr_probe",
    "render_show_aggr_x",
    "render_show_etherstub",
    "render_show_link",
    "render_show_phys",
    "render_show_vnic",
    "render_table",
    "render_transcript",
    "render_uname",
    "render_uname_a",
]


@attrs.frozen(kw_only=True)
class Style:
    """How a table is printed and pasted: padding between columns (or tabs), indentation,
    non-breaking spaces for some blanks, trailing blanks, CRLF line ends, blank lines between
    rows, and the header printed again before row ``repeat_header_at`` (0: never)."""

    pad: int = 2
    indent: str = ""
    nbsp: bool = False
    tabs: bool = False
    trailing: str = ""
    crlf: bool = False
    blank_between: bool = False
    repeat_header_at: int = 0


@attrs.frozen
class Rendered:
    """Rendered text and the 1-based line each record was printed on."""

    text: str
    lines: tuple[int, ...]


def _cell(value: object) -> str:
    return "--" if value is None else str(value)


def _blank(value: object) -> str:
    """ldm's one-line tables leave unset cells blank (not ``--``)."""
    return "" if value is None else str(value)


def dladm_mac(mac: Optional[str]) -> str:
    """A MAC address as dladm prints it: octets without leading zeros (``0:14:4f:f9:cf:47``)."""
    if mac is None:
        return "--"
    return ":".join(f"{int(octet, 16):x}" for octet in mac.split(":"))


def _join(lines: Sequence[str], style: Style) -> str:
    end = "\r\n" if style.crlf else "\n"
    return end.join(lines) + end


def render_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], style: Style = Style()
) -> Rendered:
    """A libofmt-style table; ``lines`` are the rows' line numbers."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    sep = "\t" if style.tabs else " " * style.pad

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) for c, w in zip(cells[:-1], widths)] + [cells[-1]]
        text = style.indent + sep.join(parts).rstrip() + style.trailing
        return text.replace("  ", " \u00a0") if style.nbsp else text

    out = [line(header)]
    numbers = []
    for index, row in enumerate(rows):
        if style.repeat_header_at and index == style.repeat_header_at:
            out.append(line(header))
        if style.blank_between:
            out.append("")
        out.append(line(row))
        numbers.append(len(out))
    return Rendered(_join(out, style), tuple(numbers))


def render_show_phys(
    links: Sequence[PhysicalLink], style: Style = Style(), unit: str = "{}"
) -> Rendered:
    """``dladm show-phys``; ``unit`` formats the speed (``"{}"`` as dladm, ``"{}Mb"`` as some
    Oracle documentation examples)."""
    rows = [
        [
            link.link,
            _cell(link.media),
            _cell(link.state),
            "--" if link.speed is None else unit.format(link.speed),
            _cell(link.duplex),
            _cell(link.device),
        ]
        for link in links
    ]
    return render_table(["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"], rows, style)


def render_show_aggr_x(details: Sequence[AggregationDetail], style: Style = Style()) -> Rendered:
    """``dladm show-aggr -x``: each aggregation's row, then its ports with a blank LINK.

    ``lines`` holds every row's line in order: an aggregation's, then its ports'.
    """
    rows: list[list[str]] = []
    for detail in details:
        rows.append(
            [
                detail.link,
                "--",
                "--" if detail.speed is None else f"{detail.speed}Mb",
                _cell(detail.duplex),
                _cell(detail.state),
                dladm_mac(detail.address),
                "--",
            ]
        )
        rows.extend(
            [
                " ",
                port.port,
                "--" if port.speed is None else f"{port.speed}Mb",
                _cell(port.duplex),
                _cell(port.state),
                dladm_mac(port.address),
                _cell(port.portstate),
            ]
            for port in detail.ports
        )
    header = ["LINK", "PORT", "SPEED", "DUPLEX", "STATE", "ADDRESS", "PORTSTATE"]
    # A repeated header between an aggregation and its ports would read as another table.
    return render_table(header, rows, attrs.evolve(style, repeat_header_at=0))


def render_show_aggr_probe(statuses: Sequence[ProbeStatus], style: Style = Style()) -> Rendered:
    """``dladm show-aggr -S``: a continuation row shows ``--`` in LINK; empty TARGETS and
    XTARGETS print ``--``; several XTARGETS are separated by blanks."""
    rows = []
    previous: Optional[str] = None
    for status in statuses:
        rows.append(
            [
                "--" if status.link == previous else status.link,
                status.port,
                _cell(status.flags),
                _cell(status.state),
                " ".join(status.targets) or "--",
                " ".join(status.xtargets) or "--",
            ]
        )
        previous = status.link
    return render_table(["LINK", "PORT", "FLAGS", "STATE", "TARGETS", "XTARGETS"], rows, style)


def _ldm_speed(speed: Optional[int]) -> str:
    if speed is None:
        return "--"
    return f"{speed // 1000}G" if speed >= 1000 and speed % 1000 == 0 else str(speed)


def render_list_netdev(
    devices: Sequence[NetDevice], style: Style = Style(), heading: bool = True
) -> Rendered:
    """``ldm list-netdev``: with ``heading``, the ``DOMAIN`` heading and the domain's name first
    (the devices must then belong to one domain), then the header, a row of dashes and the
    rows; speeds as ldm prints them (``1G``)."""
    header = ["NAME", "CLASS", "MEDIA", "STATE", "SPEED", "OVER", "LOC"]
    rows = [
        [
            d.name,
            _cell(d.class_),
            _cell(d.media),
            _cell(d.state),
            _ldm_speed(d.speed),
            _cell(d.over),
            _cell(d.loc),
        ]
        for d in devices
    ]
    table = render_table(
        header,
        [["-" * len(h) for h in header], *rows],
        attrs.evolve(style, repeat_header_at=0, blank_between=False),
    )
    lines = table.lines[1:]
    if not heading:
        return Rendered(table.text, lines)
    domains = {d.domain for d in devices}
    if len(domains) != 1 or None in domains:
        raise ValueError("a DOMAIN heading needs devices of one named domain")
    end = "\r\n" if style.crlf else "\n"
    return Rendered(
        f"DOMAIN{end}{domains.pop()}{end}{end}" + table.text, tuple(n + 3 for n in lines)
    )


def render_list_network(
    vnets: Sequence[VirtualNetwork], style: Style = Style(), headings: bool = True
) -> Rendered:
    """``ldm list -o network`` in the 3.x block form: optional ``NAME``/domain and ``NETWORK``
    headings, then for each vnet the header, dashes, its row and its ``KEY :value`` pairs."""
    out: list[str] = []
    lines = []
    if headings:
        domains = {v.domain for v in vnets}
        if len(domains) != 1 or None in domains:
            raise ValueError("the NAME heading needs vnets of one named domain")
        out += ["NAME", str(domains.pop()), "", "NETWORK"]
    for vnet in vnets:
        service = f"{vnet.service}@{vnet.service_domain}" if vnet.service else "--"
        vlans = f"{_cell(vnet.pvid)}|{_cell(vnet.pvlan)}|{','.join(map(str, vnet.vids)) or '--'}"
        out += [
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    {vnet.name:<12} {service:<27} {_cell(vnet.mac):<19} {vlans}",
        ]
        lines.append(len(out))
        pairs = [
            ("DEVICE", vnet.device),
            ("ID", vnet.id),
            ("LINKPROP", vnet.linkprop),
            ("MTU", vnet.mtu),
            ("MAXBW", vnet.maxbw),
            ("MODE", vnet.mode),
            ("CUSTOM", vnet.custom),
            ("MAX-CUSTOM-MACS", vnet.max_custom_macs),
            ("MAX-CUSTOM-VLANS", vnet.max_custom_vlans),
            *vnet.extra,
        ]
        for i in range(0, len(pairs), 2):
            cells = [f"{key:<12} :{_cell(value):<14}" for key, value in pairs[i : i + 2]]
            out.append(("                 " + " ".join(cells)).rstrip() + style.trailing)
        if style.blank_between:
            out.append("")
    return Rendered(_join(out, style), tuple(lines))


def render_ipadm(rows: Sequence[Union[IpInterface, IpAddress]], style: Style = Style()) -> Rendered:
    """``ipadm`` (Solaris 11.4 view): interfaces, and their address objects indented by three
    blanks; an address of None leaves ADDR blank (a DHCP address not bound yet)."""
    table_rows = []
    for row in rows:
        if isinstance(row, IpInterface):
            table_rows.append(
                [row.name, _cell(row.class_), _cell(row.state), _cell(row.under), "--"]
            )
        else:
            table_rows.append(
                [f"   {row.addrobj}", _cell(row.type), _cell(row.state), "--", row.addr or ""]
            )
    return render_table(
        ["NAME", "CLASS/TYPE", "STATE", "UNDER", "ADDR"],
        table_rows,
        attrs.evolve(style, repeat_header_at=0),
    )


def render_parseable(
    records: Sequence[object], fields: Sequence[str], *, crlf: bool = False
) -> Rendered:
    """The ``-p -o FIELDS`` form of flat records: ``fields`` name record attributes (``class``
    for ``class_``); ``:`` and ``\\`` inside values are escaped when more than one field is
    printed; None and empty lists print empty."""
    out = []
    for record in records:
        values = []
        for field in fields:
            value = getattr(record, "class_" if field == "class" else field)
            if value is None:
                text = ""
            elif isinstance(value, tuple):
                text = " ".join(map(str, value))
            else:
                text = str(value)
            if len(fields) > 1:
                text = text.replace("\\", "\\\\").replace(":", "\\:")
            values.append(text)
        out.append(":".join(values))
    end = "\r\n" if crlf else "\n"
    text = end.join(out) + end if out else ""
    return Rendered(text, tuple(range(1, len(out) + 1)))


def render_transcript(blocks: Sequence[tuple[str, str, str]], *, en_dash: bool = False) -> str:
    """A terminal transcript: each (domain, command, output) as ``domain# command`` and the
    output under it; ``en_dash`` types options with an en-dash as web pages do."""
    out = []
    for domain, command, output in blocks:
        if en_dash:
            command = " ".join(
                "\u2013" + word[1:] if word.startswith("-") and len(word) > 1 else word
                for word in command.split()
            )
        out.append(f"{domain}# {command}\n{output}")
    return "".join(out)


def render_show_aggr(aggregations: Sequence[Aggregation], style: Style = Style()) -> Rendered:
    """Plain ``dladm show-aggr`` in the Solaris 11.1+ layout (MODE, no FLAGS)."""
    rows = [
        [
            a.link,
            _cell(a.mode),
            _cell(a.policy),
            _cell(a.addrpolicy),
            _cell(a.lacpactivity),
            _cell(a.lacptimer),
        ]
        for a in aggregations
    ]
    header = ["LINK", "MODE", "POLICY", "ADDRPOLICY", "LACPACTIVITY", "LACPTIMER"]
    return render_table(header, rows, style)


def render_show_link(links: Sequence[Link], style: Style = Style()) -> Rendered:
    """``dladm show-link`` (11.1+): OVER as a comma list (11.3+), ``--`` when empty."""
    rows = [
        [k.link, _cell(k.class_), _cell(k.mtu), _cell(k.state), ",".join(k.over) or "--"]
        for k in links
    ]
    return render_table(["LINK", "CLASS", "MTU", "STATE", "OVER"], rows, style)


def render_show_etherstub(stubs: Sequence[Etherstub], style: Style = Style()) -> Rendered:
    """``dladm show-etherstub``: a LINK header and one name per row."""
    return render_table(["LINK"], [[s.link] for s in stubs], style)


def render_show_vnic(vnics: Sequence[Vnic], style: Style = Style()) -> Rendered:
    """``dladm show-vnic`` (11.3+): IDS as ``VID:<list>``."""
    rows = [
        [
            v.link,
            _cell(v.over),
            _cell(v.speed),
            dladm_mac(v.macaddress),
            _cell(v.macaddrtype),
            "VID:" + ",".join(map(str, v.vids)) if v.vids else "--",
        ]
        for v in vnics
    ]
    header = ["LINK", "OVER", "SPEED", "MACADDRESS", "MACADDRTYPE", "IDS"]
    return render_table(header, rows, style)


def render_ipadm_show_if(interfaces: Sequence[IpInterface], style: Style = Style()) -> Rendered:
    """``ipadm show-if``: OVER as a blank-separated list, ``--`` when empty."""
    rows = [
        [i.name, _cell(i.class_), _cell(i.state), _cell(i.active), " ".join(i.over) or "--"]
        for i in interfaces
    ]
    return render_table(["IFNAME", "CLASS", "STATE", "ACTIVE", "OVER"], rows, style)


def render_ipadm_show_addr(addresses: Sequence[IpAddress], style: Style = Style()) -> Rendered:
    """``ipadm show-addr``; an address of None leaves ADDR blank."""
    rows = [[a.addrobj, _cell(a.type), _cell(a.state), a.addr or ""] for a in addresses]
    return render_table(["ADDROBJ", "TYPE", "STATE", "ADDR"], rows, style)


def render_list_services(switches: Sequence[VirtualSwitch], style: Style = Style()) -> Rendered:
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
            _blank(s.domain),
            _blank(s.mac),
            _blank(s.net_dev),
            _blank(s.id),
            _blank(s.device),
            _blank(s.linkprop),
            _blank(s.default_vlan_id),
            _blank(s.pvid),
            ",".join(map(str, s.vids)),
            _blank(s.mtu),
            _blank(s.mode),
            _blank(s.inter_vnet_link),
        ]
        for s in switches
    ]
    plain = attrs.evolve(style, nbsp=False, tabs=False, repeat_header_at=0, blank_between=False)
    table = render_table(header, rows, plain)
    # The header's words must start where their columns do: pad like the rows.
    end = "\r\n" if style.crlf else "\n"
    return Rendered(f"VSW{end}" + table.text, tuple(n + 1 for n in table.lines))


def render_uname_a(release: OsRelease, style: Style = Style()) -> Rendered:
    """``uname -a`` of a SPARC domain running ``release.version``."""
    line = f"{style.indent}SunOS {release.domain} 5.11 {release.version} sun4v sparc sun4v"
    return Rendered(_join([line + style.trailing], style), (1,))


def render_pkg_info_entire(release: OsRelease, style: Style = Style()) -> Rendered:
    """``pkg info entire`` of an Oracle Solaris 11.4 system at ``release.version``."""
    lines = [
        "          Name: entire",
        "       Summary: Incorporation to lock all system packages to the same build",
        "         State: Installed",
        "     Publisher: solaris",
        f"       Version: 11.4 (Oracle Solaris {release.version})",
        f"        Branch: {release.branch}",
        "          FMRI: pkg://solaris/entire@11.4-" + str(release.branch),
    ]
    return Rendered(_join([style.indent + line for line in lines], style), (5,))


def render_uname(release: OsRelease, flags: str, style: Style = Style()) -> Rendered:
    """``uname -v``, ``-r``, ``-rv`` or ``-srv``: the fields in uname's fixed order."""
    fields = {"s": "SunOS", "r": "5.11", "v": str(release.version)}
    words = [fields[f] for f in "srv" if f in flags]
    return Rendered(_join([style.indent + " ".join(words) + style.trailing], style), (1,))


def render_network_table(vnets: Sequence[VirtualNetwork], style: Style = Style()) -> Rendered:
    """The one-line NETWORK section of ``ldm list-bindings`` / ``ldm list -l`` (LDoms 3.4
    layout: ``NAME SERVICE DEVICE MAC MODE PVID VID MTU``), blank cells for unset values."""
    header = ["NAME", "SERVICE", "DEVICE", "MAC", "MODE", "PVID", "VID", "MTU"]

    rows = [
        [
            v.name,
            f"{v.service}@{v.service_domain}",
            _blank(v.device),
            _blank(v.mac),
            _blank(v.mode),
            _blank(v.pvid),
            ",".join(map(str, v.vids)),
            _blank(v.mtu),
        ]
        for v in vnets
    ]
    plain = Style(indent="    ", crlf=style.crlf)
    table = render_table(header, rows, plain)
    end = "\r\n" if style.crlf else "\n"
    return Rendered(f"NETWORK{end}" + table.text, tuple(n + 1 for n in table.lines))


def render_list_l(domain: str, vnets: Sequence[VirtualNetwork], style: Style = Style()) -> Rendered:
    """``ldm list -l <domain>``: the domain's summary line, then its NETWORK section."""
    end = "\r\n" if style.crlf else "\n"
    summary = (
        f"NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME{end}"
        f"{domain:<16} active     -n----  5000    8     16G      0.6%  0.6%  2d 3h 15m{end}{end}"
    )
    network = render_network_table(vnets, style)
    return Rendered(summary + network.text, tuple(n + 3 for n in network.lines))

"""Renderers: records printed the way Solaris and ldm print them, for tests and benchmarks.

Pure functions, no hypothesis: ``dlmpparse.testing.render`` is usable without the ``testing``
extra. Each renderer returns a ``Rendered``: the text and the 1-based line of each record,
so a test can compare ``parse(command, rendered.text)`` with the records it started from.
Columns are as wide as their widest cell plus the padding, the last one not padded (libofmt);
or, given ``widths``, fixed libofmt field widths where a value wider than its column pushes the
rest of the row right and the following columns give the overflow back. ``Style`` (also named
``Noise``) adds the noise real pastes carry.

Values are printed as each command prints them: None as ``--``; speeds in the command's unit
(``show-phys`` bare Mb/s ``1000``, ``show-aggr -x`` ``1000Mb``, ``list-netdev`` ``1G``); MACs
unpadded in dladm's output (``0:14:4f:f9:cf:47``), zero-padded in ldm's.
"""

from __future__ import annotations

import re
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
    PhysicalAddress,
    PhysicalLink,
    PhysicalLocation,
    ProbeStatus,
    VirtualNetwork,
    VirtualSwitch,
    Vnic,
)

__all__ = [
    "AGGR_LAYOUTS",
    "Noise",
    "Rendered",
    "Style",
    "dladm_mac",
    "ldm_speed",
    "network_pairs",
    "ofmt_line",
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
    "render_show_phys_l",
    "render_show_phys_m",
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


# The noise options are a style of printing; ``Noise`` is the same class by its other name.
Noise = Style


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


def ofmt_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One line as libofmt prints it with fixed field widths (each width includes the blank
    after the field): a value as wide as its field or wider is followed by one blank and the
    overflow is taken back from the padding of the following fields; the last field is not
    padded (illumos ``ofmt_print_field``)."""
    out = []
    overflow = 0
    last = len(cells) - 1
    for index, (value, width) in enumerate(zip(cells, widths)):
        if index == last:
            out.append(value)
            break
        if len(value) + overflow >= width:
            overflow += len(value) - width + 1
            out.append(value + " ")
            continue
        if overflow > 0:
            compress = min(overflow, width - len(value))
            overflow -= compress
            width -= compress
        out.append(value.ljust(width))
    return "".join(out)


def render_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    style: Style = Style(),
    *,
    widths: Optional[Sequence[int]] = None,
) -> Rendered:
    """A libofmt-style table; ``lines`` are the rows' line numbers.

    Without ``widths`` every column is as wide as its widest cell (header included) and
    ``style.pad`` blanks (or a tab) separate the columns. With ``widths`` (one per column,
    the blank after the field included, as libofmt's field widths are) the rows are printed
    by ``ofmt_line``, overflow pushing the rest of a row right; ``style.tabs`` then turns
    every run of two or more blanks into a tab.
    """
    sep = "\t" if style.tabs else " " * style.pad
    if widths is None:
        computed = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

        def plain(cells: Sequence[str]) -> str:
            parts = [c.ljust(w) for c, w in zip(cells[:-1], computed)] + [cells[-1]]
            return sep.join(parts)

        layout = plain
    else:
        if len(widths) != len(header):
            raise ValueError("one width per column")
        fixed = list(widths)

        def ofmt(cells: Sequence[str]) -> str:
            text = ofmt_line(cells, fixed)
            return re.sub(" {2,}", "\t", text) if style.tabs else text

        layout = ofmt

    def line(cells: Sequence[str]) -> str:
        text = style.indent + layout(cells).rstrip() + style.trailing
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
    links: Sequence[PhysicalLink],
    style: Style = Style(),
    unit: str = "{}",
    *,
    widths: Optional[Sequence[int]] = None,
) -> Rendered:
    """``dladm show-phys``; ``unit`` formats the speed (``"{}"`` as dladm, ``"{}Mb"`` as some
    Oracle documentation examples); ``widths`` fixes the six field widths (libofmt's, e.g.
    ``(12, 14, 11, 7, 10, 12)``), otherwise they follow the values."""
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
    header = ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"]
    return render_table(header, rows, style, widths=widths)


def render_show_phys_m(
    addresses: Sequence[PhysicalAddress],
    style: Style = Style(),
    *,
    widths: Optional[Sequence[int]] = None,
) -> Rendered:
    """``dladm show-phys -m``: LINK only on a link's ``primary`` row, blank on its numbered
    slots (as dladm prints them), so each link's rows must start with its primary slot;
    ``widths`` fixes the five field widths (Solaris 11 ``(20, 9, 19, 6, 13)``, illumos
    ``(13, 9, 19, 5, 13)``), otherwise they follow the values."""
    rows = []
    previous: Optional[str] = None
    for address in addresses:
        if not address.primary and address.link != previous:
            raise ValueError(f"the rows of {address.link} must start with its primary slot")
        previous = address.link
        rows.append(
            [
                address.link if address.primary else " ",
                _cell(address.slot),
                dladm_mac(address.address),
                "--" if address.in_use is None else ("yes" if address.in_use else "no"),
                _cell(address.client),
            ]
        )
    header = ["LINK", "SLOT", "ADDRESS", "INUSE", "CLIENT"]
    return render_table(header, rows, style, widths=widths)


def render_show_phys_l(
    locations: Sequence[PhysicalLocation],
    style: Style = Style(),
    *,
    header: str = "LOC",
    widths: Optional[Sequence[int]] = None,
) -> Rendered:
    """``dladm show-phys -L``; ``header`` names the last column ``LOC`` (real output) or
    ``LOCATION`` (the Solaris 11.2 documentation); ``widths`` fixes the three field widths
    (``(18, 13, 10)`` as in the published sample)."""
    rows = [[x.link, _cell(x.device), _cell(x.location)] for x in locations]
    return render_table(["LINK", "DEVICE", header], rows, style, widths=widths)


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


def ldm_speed(speed: Optional[int]) -> str:
    """A speed as ldm prints it: whole gigabits as ``1G``/``10G``, other speeds bare Mb/s."""
    if speed is None:
        return "--"
    return f"{speed // 1000}G" if speed >= 1000 and speed % 1000 == 0 else str(speed)


def render_list_netdev(
    devices: Sequence[NetDevice],
    style: Style = Style(),
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
                _cell(d.class_),
                _cell(d.media),
                _cell(d.state),
                ldm_speed(d.speed),
                _cell(d.over),
                _cell(d.loc),
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
    vnets: Sequence[VirtualNetwork], style: Style = Style(), headings: bool = True
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
        vlans = f"{_cell(vnet.pvid)}|{_cell(vnet.pvlan)}|{','.join(map(str, vnet.vids)) or '--'}"
        out += [
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    {vnet.name:<12} {service:<27} {_cell(vnet.mac):<19} {vlans}",
        ]
        lines.append(len(out))
        for group in network_pairs(vnet):
            cells = [f"{key:<11}:{_cell(value):<14}" for key, value in group]
            out.append(("                " + " ".join(cells)).rstrip() + style.trailing)
        if style.blank_between:
            out.append("")
    if style.nbsp:
        out = [line.replace("  ", " \u00a0") for line in out]
    return Rendered(_join(out, style), tuple(lines))


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


def render_ipadm(
    rows: Sequence[Union[IpInterface, IpAddress]],
    style: Style = Style(),
    *,
    addr_indent: int = 3,
) -> Rendered:
    """``ipadm`` (Solaris 11.4 view): interfaces, and their address objects indented by
    ``addr_indent`` blanks (0 to 3 across releases); an address of None leaves ADDR blank (a
    DHCP address not bound yet)."""
    table_rows = []
    for row in rows:
        if isinstance(row, IpInterface):
            table_rows.append(
                [row.name, _cell(row.class_), _cell(row.state), _cell(row.under), "--"]
            )
        else:
            table_rows.append(
                [
                    " " * addr_indent + row.addrobj,
                    _cell(row.type),
                    _cell(row.state),
                    "--",
                    row.addr or "",
                ]
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
    printed; None and empty lists print empty, booleans ``yes``/``no``."""
    out = []
    for record in records:
        values = []
        for field in fields:
            value = getattr(record, "class_" if field == "class" else field)
            if value is None:
                text = ""
            elif isinstance(value, bool):
                # dladm prints a flag as yes or no (show-phys -m's INUSE).
                text = "yes" if value else "no"
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


def render_fields(
    records: Sequence[object],
    fields: Sequence[str],
    header: Sequence[str],
    style: Style = Style(),
) -> Rendered:
    """The human ``-o FIELDS`` form of flat records: ``fields`` name record attributes
    (``class`` for ``class_``) in print order, ``header`` the columns printed above them.
    None and empty lists print ``--``, lists comma-separated, booleans ``yes``/``no``."""
    rows = []
    for record in records:
        cells = []
        for field in fields:
            value = getattr(record, "class_" if field == "class" else field)
            if value is None or value == ():
                text = "--"
            elif isinstance(value, bool):
                text = "yes" if value else "no"
            elif isinstance(value, tuple):
                text = ",".join(map(str, value))
            else:
                text = str(value)
            cells.append(text)
        rows.append(cells)
    return render_table([h.upper() for h in header], rows, style)


def render_unknown_section(
    heading: str, header: Sequence[str], rows: Sequence[Sequence[str]], crlf: bool = False
) -> str:
    """A section of an ldm listing under ``heading`` (a word dlmpparse does not know): the
    heading at column 0, then a table indented by four blanks, as ldm prints its sections;
    ends with a blank line."""
    table = render_table(header, rows, Style(indent="    ", crlf=crlf))
    end = "\r\n" if crlf else "\n"
    return f"{heading}{end}{table.text}{end}"


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


AGGR_LAYOUTS = {
    "11.1": ("LINK", "MODE", "POLICY", "ADDRPOLICY", "LACPACTIVITY", "LACPTIMER"),
    "11.0": ("LINK", "POLICY", "ADDRPOLICY", "LACPACTIVITY", "LACPTIMER", "FLAGS"),
}


def render_show_aggr(
    aggregations: Sequence[Aggregation], style: Style = Style(), *, layout: str = "11.1"
) -> Rendered:
    """Plain ``dladm show-aggr``: ``layout="11.1"`` (and later) prints MODE and no FLAGS,
    ``"11.0"`` FLAGS (``-----``, ``f----`` when forced) and no MODE."""
    header = AGGR_LAYOUTS[layout]
    fields = {
        "LINK": "link",
        "MODE": "mode",
        "POLICY": "policy",
        "ADDRPOLICY": "addrpolicy",
        "LACPACTIVITY": "lacpactivity",
        "LACPTIMER": "lacptimer",
        "FLAGS": "flags",
    }
    rows = [[_cell(getattr(a, fields[h])) for h in header] for a in aggregations]
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

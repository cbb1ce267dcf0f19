"""Renderers of dladm's human tables: ``show-phys`` (and ``-m``, ``-L``), ``show-aggr`` (and
``-x``, ``-S``), ``show-link``, ``show-etherstub``, ``show-vnic``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import attrs

from ..records import (
    Aggregation,
    AggregationDetail,
    Etherstub,
    Link,
    PhysicalAddress,
    PhysicalLink,
    PhysicalLocation,
    ProbeStatus,
    Vnic,
)
from .render_tables import PLAIN, Rendered, Style, cell, dladm_mac, render_table

__all__ = [
    "AGGR_LAYOUTS",
    "render_show_aggr",
    "render_show_aggr_probe",
    "render_show_aggr_x",
    "render_show_etherstub",
    "render_show_link",
    "render_show_phys",
    "render_show_phys_l",
    "render_show_phys_m",
    "render_show_vnic",
]


def render_show_phys(
    links: Sequence[PhysicalLink],
    style: Style = PLAIN,
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
            cell(link.media),
            cell(link.state),
            "--" if link.speed is None else unit.format(link.speed),
            cell(link.duplex),
            cell(link.device),
        ]
        for link in links
    ]
    header = ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"]
    return render_table(header, rows, style, widths=widths)


def render_show_phys_m(
    addresses: Sequence[PhysicalAddress],
    style: Style = PLAIN,
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
                cell(address.slot),
                dladm_mac(address.address),
                "--" if address.in_use is None else ("yes" if address.in_use else "no"),
                cell(address.client),
            ]
        )
    header = ["LINK", "SLOT", "ADDRESS", "INUSE", "CLIENT"]
    return render_table(header, rows, style, widths=widths)


def render_show_phys_l(
    locations: Sequence[PhysicalLocation],
    style: Style = PLAIN,
    *,
    header: str = "LOC",
    widths: Optional[Sequence[int]] = None,
) -> Rendered:
    """``dladm show-phys -L``; ``header`` names the last column ``LOC`` (real output) or
    ``LOCATION`` (the Solaris 11.2 documentation); ``widths`` fixes the three field widths
    (``(18, 13, 10)`` as in the published sample)."""
    rows = [[x.link, cell(x.device), cell(x.location)] for x in locations]
    return render_table(["LINK", "DEVICE", header], rows, style, widths=widths)


def render_show_aggr_x(details: Sequence[AggregationDetail], style: Style = PLAIN) -> Rendered:
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
                cell(detail.duplex),
                cell(detail.state),
                dladm_mac(detail.address),
                "--",
            ]
        )
        rows.extend(
            [
                " ",
                port.port,
                "--" if port.speed is None else f"{port.speed}Mb",
                cell(port.duplex),
                cell(port.state),
                dladm_mac(port.address),
                cell(port.portstate),
            ]
            for port in detail.ports
        )
    header = ["LINK", "PORT", "SPEED", "DUPLEX", "STATE", "ADDRESS", "PORTSTATE"]
    # A repeated header between an aggregation and its ports would read as another table.
    return render_table(header, rows, attrs.evolve(style, repeat_header_at=0))


def render_show_aggr_probe(statuses: Sequence[ProbeStatus], style: Style = PLAIN) -> Rendered:
    """``dladm show-aggr -S``: a continuation row shows ``--`` in LINK; empty TARGETS and
    XTARGETS print ``--``; several XTARGETS are separated by blanks."""
    rows = []
    previous: Optional[str] = None
    for status in statuses:
        rows.append(
            [
                "--" if status.link == previous else status.link,
                status.port,
                cell(status.flags),
                cell(status.state),
                " ".join(status.targets) or "--",
                " ".join(status.xtargets) or "--",
            ]
        )
        previous = status.link
    return render_table(["LINK", "PORT", "FLAGS", "STATE", "TARGETS", "XTARGETS"], rows, style)


AGGR_LAYOUTS = {
    "11.1": ("LINK", "MODE", "POLICY", "ADDRPOLICY", "LACPACTIVITY", "LACPTIMER"),
    "11.0": ("LINK", "POLICY", "ADDRPOLICY", "LACPACTIVITY", "LACPTIMER", "FLAGS"),
}


def render_show_aggr(
    aggregations: Sequence[Aggregation], style: Style = PLAIN, *, layout: str = "11.1"
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
    rows = [[cell(getattr(a, fields[h])) for h in header] for a in aggregations]
    return render_table(header, rows, style)


def render_show_link(links: Sequence[Link], style: Style = PLAIN) -> Rendered:
    """``dladm show-link`` (11.1+): OVER as a comma list (11.3+), ``--`` when empty."""
    rows = [
        [k.link, cell(k.class_), cell(k.mtu), cell(k.state), ",".join(k.over) or "--"]
        for k in links
    ]
    return render_table(["LINK", "CLASS", "MTU", "STATE", "OVER"], rows, style)


def render_show_etherstub(stubs: Sequence[Etherstub], style: Style = PLAIN) -> Rendered:
    """``dladm show-etherstub``: a LINK header and one name per row."""
    return render_table(["LINK"], [[s.link] for s in stubs], style)


def render_show_vnic(vnics: Sequence[Vnic], style: Style = PLAIN) -> Rendered:
    """``dladm show-vnic`` (11.3+): IDS as ``VID:<list>``."""
    rows = [
        [
            v.link,
            cell(v.over),
            cell(v.speed),
            dladm_mac(v.macaddress),
            cell(v.macaddrtype),
            "VID:" + ",".join(map(str, v.vids)) if v.vids else "--",
        ]
        for v in vnics
    ]
    header = ["LINK", "OVER", "SPEED", "MACADDRESS", "MACADDRTYPE", "IDS"]
    return render_table(header, rows, style)

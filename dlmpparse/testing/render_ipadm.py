"""Renderers of ipadm's human tables: ``ipadm`` (Solaris 11.4's combined view), ``show-if``,
``show-addr``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

import attrs

from ..records import IpAddress, IpInterface
from .render_tables import PLAIN, Rendered, Style, cell, render_table

__all__ = ["render_ipadm", "render_ipadm_show_addr", "render_ipadm_show_if"]


def render_ipadm(
    rows: Sequence[Union[IpInterface, IpAddress]],
    style: Style = PLAIN,
    *,
    addr_indent: int = 3,
) -> Rendered:
    """``ipadm`` (Solaris 11.4 view): interfaces, and their address objects indented by
    ``addr_indent`` blanks (0 to 3 across releases); an address of None leaves ADDR blank (a
    DHCP address not bound yet)."""
    table_rows = []
    for row in rows:
        if isinstance(row, IpInterface):
            table_rows.append([row.name, cell(row.class_), cell(row.state), cell(row.under), "--"])
        else:
            table_rows.append(
                [
                    " " * addr_indent + row.addrobj,
                    cell(row.type),
                    cell(row.state),
                    "--",
                    row.addr or "",
                ]
            )
    return render_table(
        ["NAME", "CLASS/TYPE", "STATE", "UNDER", "ADDR"],
        table_rows,
        attrs.evolve(style, repeat_header_at=0),
    )


def render_ipadm_show_if(interfaces: Sequence[IpInterface], style: Style = PLAIN) -> Rendered:
    """``ipadm show-if``: OVER as a blank-separated list, ``--`` when empty."""
    rows = [
        [i.name, cell(i.class_), cell(i.state), cell(i.active), " ".join(i.over) or "--"]
        for i in interfaces
    ]
    return render_table(["IFNAME", "CLASS", "STATE", "ACTIVE", "OVER"], rows, style)


def render_ipadm_show_addr(addresses: Sequence[IpAddress], style: Style = PLAIN) -> Rendered:
    """``ipadm show-addr``; an address of None leaves ADDR blank."""
    rows = [[a.addrobj, cell(a.type), cell(a.state), a.addr or ""] for a in addresses]
    return render_table(["ADDROBJ", "TYPE", "STATE", "ADDR"], rows, style)

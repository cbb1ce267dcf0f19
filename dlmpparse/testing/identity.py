"""Renderers for the identity commands: ``uname -n``/``hostname``, ``virtinfo -a`` and the short
``ldm list``, printed the way Solaris and ldm print them (see docs/commands/)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..records import Domain, NodeName, VirtualizationInfo
from .render import Rendered, Style

__all__ = ["render_ldm_list", "render_node_name", "render_virtinfo_a"]

_PLAIN = Style()


def _join(lines: Sequence[str], style: Style) -> str:
    end = "\r\n" if style.crlf else "\n"
    return end.join(lines) + end


def render_node_name(record: NodeName, style: Style = _PLAIN) -> Rendered:
    """What ``uname -n`` and ``hostname`` print: the node name alone."""
    return Rendered(_join([style.indent + record.node + style.trailing], style), (1,))


def render_virtinfo_a(record: VirtualizationInfo, style: Style = _PLAIN) -> Rendered:
    """``virtinfo -a``: five labelled lines, ``Unknown`` for a value not known."""

    def shown(value: Optional[str]) -> str:
        return value if value is not None else "Unknown"

    role = " ".join([shown(record.impl), *record.roles])
    lines = [
        f"Domain role: {role}",
        f"Domain name: {shown(record.name)}",
        f"Domain UUID: {shown(record.uuid)}",
        f"Control domain: {shown(record.control_node)}",
        f"Chassis serial#: {shown(record.serial)}",
    ]
    return Rendered(_join([style.indent + x + style.trailing for x in lines], style), (1,))


_UNITS = (("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10))


def _size(size: Optional[int]) -> str:
    assert size is not None
    for unit, factor in _UNITS:
        if size % factor == 0:
            return f"{size // factor}{unit}"
    raise ValueError(f"not a whole number of K: {size}")


def _uptime(seconds: Optional[int]) -> str:
    if seconds is None:
        return ""
    parts: list[str] = []
    for unit, length in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= length or (unit == "s" and not parts):
            parts.append(f"{seconds // length}{unit}")
            seconds %= length
    return " ".join(parts)


def render_ldm_list(domains: Sequence[Domain], style: Style = _PLAIN) -> Rendered:
    """The short ``ldm list`` of Oracle VM Server for SPARC 3.x (with NORM); running domains
    have UTIL, NORM and UPTIME, others leave them blank."""
    widths = (14, 10, 8, 8, 6, 9, 6, 6)
    pad = " " * max(style.pad - 2, 0)
    header = ["NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL", "NORM", "UPTIME"]

    def row(cells: Sequence[str]) -> str:
        text = "".join(c.ljust(w) + pad for c, w in zip(cells, widths)) + cells[-1]
        return style.indent + text.rstrip() + style.trailing

    lines = [row(header)]
    for domain in domains:
        util = f"{domain.util}%" if domain.util is not None else ""
        norm = f"{domain.norm_util}%" if domain.norm_util is not None else ""
        lines.append(
            row(
                [
                    domain.name,
                    domain.state or "",
                    domain.flags or "",
                    domain.cons or "",
                    str(domain.ncpu),
                    _size(domain.mem),
                    util,
                    norm,
                    _uptime(domain.uptime),
                ]
            )
        )
    return Rendered(_join(lines, style), tuple(range(2, len(domains) + 2)))

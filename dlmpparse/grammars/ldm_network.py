"""Grammar for Oracle VM Server for SPARC's ``ldm list -o network``, the readers of
the VSW and NETWORK sections that ``ldm_services`` reads too, and the records assembled from
them.

ldm prints a domain's listing under headings: a ``DOMAIN`` (list-netdev) or ``NAME``
(list) line followed by the domain's name, ``MAC`` followed by its address, then sections such
as ``VSW`` and ``NETWORK``; domains are separated by a row of dashes. Pasted output often lacks
the headings (the Oracle blog's does), so the domain then comes from the command's operand.

A VSW or NETWORK section is a one-line table (LDoms 1.x to 3.5; cells may be blank in the
middle, so rows are split by the header's word positions) or 3.6's blocks (a row under its own
header, then ``KEY :value`` pairs); the header line chooses the layout.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import chain
from typing import Callable, Optional, cast

import attrs
import pyparsing as pp

from ..commands import Invocation
from ..records import (
    Record,
    UnreadSection,
    VirtualNetwork,
    VirtualSwitch,
    text_or_none,
    unchecked,
)
from ._base import Context, Grammar, only_rows, unexpected
from ._cells import MAC, NAME, SPEED, column, mac_cell
from ._sections import (
    CONSUMED_TABLES,
    KEY_VALUE_SECTIONS,
    RowsReader,
    SectionedTable,
    ValueReader,
)
from ._table import (
    BODY_BLANKS,
    BODY_MAYBE_BLANKS,
    BodyDeclined,
    Cell,
    Item,
    Layout,
    Row,
    Shape,
    normalised_chunks,
    share,
)

__all__ = [
    "LIST_NETWORK",
    "VNET_BLOCK",
    "VSW_BLOCK",
    "VSW_BLOCK_LDOM",
    "assemble_listing",
    "both_reader",
    "network_reader",
    "vsw_reader",
]


# --- the VSW and NETWORK sections: columns, layouts, readers ----------------------------------

_COUNT = r"\d+|--"
_DEVICE_NODE = r"[A-Za-z][\w.-]*@[0-9A-Fa-f,]+|--"
_SERVICE = r"[^\s@]+@[^\s@]+|--"
_LINKPROP = r"[a-z][a-z-]*|--"
_VID_LIST = r"\d+(?:,\d+)*|--"

# One-line tables (LDoms 1.x to Oracle VM Server for SPARC 3.5): columns by header name.
VNET_LINE_COLUMNS = (
    column("NAME", "name", NAME, "a vnet name", generic=True),
    column("SERVICE", "service", _SERVICE, "a service such as primary-vsw0@primary"),
    column("ID", "id", _COUNT, "a device ID (a number)"),
    column("DEVICE", "device", _DEVICE_NODE, "a device such as network@0"),
    column("MAC", "mac", MAC, "a MAC address"),
    column("MODE", "mode", r"[a-z][a-z,-]*|--", "a mode such as hybrid"),
    column("PVID", "pvid", _COUNT, "a port VLAN ID (a number)"),
    column("VID", "vids", _VID_LIST, "VLAN IDs such as 5,6"),
    column("MTU", "mtu", _COUNT, "an MTU (a number)"),
    column("MAXBW", "maxbw", SPEED, "a bandwidth such as 1000 or 1G"),
    column("LINKPROP", "linkprop", _LINKPROP, "a link property such as phys-state"),
)
VSW_LINE_COLUMNS = (
    column("NAME", "name", NAME, "a virtual switch name", generic=True),
    column("LDOM", "ldom", NAME, "a domain name", generic=True),
    column("MAC", "mac", MAC, "a MAC address"),
    column("NET-DEV", "net_dev", r"[^\s|]+", "a network device such as net0", generic=True),
    column("ID", "id", _COUNT, "a device ID (a number)"),
    column("DEVICE", "device", _DEVICE_NODE, "a device such as switch@0"),
    column("LINKPROP", "linkprop", _LINKPROP, "a link property such as phys-state"),
    column("DEFAULT-VLAN-ID", "default_vlan_id", _COUNT, "a default VLAN ID (a number)"),
    column("PVID", "pvid", _COUNT, "a port VLAN ID (a number)"),
    column("VID", "vids", _VID_LIST, "VLAN IDs such as 5,6"),
    column("MTU", "mtu", _COUNT, "an MTU (a number)"),
    column("MODE", "mode", r"[a-z][a-z,-]*|--", "a mode such as sc or prog,promisc"),
    column("INTER-VNET-LINK", "inter_vnet_link", r"[a-z][a-z/]*|--", "on, off or auto"),
    column("VSW-RELAY-MODE", "vsw_relay_mode", r"[a-z]+|--", "local or remote"),
)

# ldm 3.6's block form: a row under its own header, then KEY :value pairs.
_PAIR = r"[A-Z][A-Z0-9-]*[ \t]*:(?:(?![A-Z][A-Z0-9-]*[ \t]*:)\S+)?"
_PAIRS = column(
    "KEY :value", "pairs", rf"{_PAIR}(?:[ \t]+{_PAIR})*", "KEY :value pairs such as MTU :1500"
)
# A key starts a word of [A-Z0-9-] (in a row's cell a key follows a blank or a value, which
# the match before took whole): searching from inside a long key-like word without a colon
# retried the rest of the word at every one of its characters (quadratic).
_PAIR_RE = re.compile(
    r"(?<![A-Z0-9-])([A-Z][A-Z0-9-]*)[ \t]*:((?:(?![A-Z][A-Z0-9-]*[ \t]*:)\S+)?)"
)
_VLANS = r"[^\s|]*\|[^\s|]*\|[^\s|]*"
_VNET_COLUMNS = (
    column("NAME", "name", NAME, "a vnet name", generic=True),
    column("SERVICE", "service", _SERVICE, "a service such as primary-vsw0@primary"),
    column("MACADDRESS", "mac", MAC, "a MAC address"),
    column("PVID|PVLAN|VIDs", "vlans", _VLANS, "PVID|PVLAN|VIDs such as 1|--|--"),
)
_VSW_NAME = column("NAME", "name", NAME, "a virtual switch name", generic=True)
_VSW_LDOM = column("LDOM", "ldom", NAME, "a domain name", generic=True)
_VSW_MAC = column("MACADDRESS", "mac", MAC, "a MAC address")
_VSW_NET_DEV = column("NET-DEV", "net_dev", r"[^\s|]+", "a network device such as net0")
_VSW_VLANS = column("DVID|PVID|VIDs", "vlans", _VLANS, "DVID|PVID|VIDs such as 1|1|--")

VNET_BLOCK = Layout(
    "3.6",
    [c.name for c in _VNET_COLUMNS],
    [Shape("vnet", [Cell(c) for c in _VNET_COLUMNS]), Shape("pairs", [Cell(_PAIRS)])],
)


def _vsw_block(name: str, with_ldom: bool) -> Layout:
    first = [_VSW_NAME, _VSW_LDOM] if with_ldom else [_VSW_NAME]
    return Layout(
        name,
        [c.name for c in (*first, _VSW_MAC, _VSW_NET_DEV, _VSW_VLANS)],
        [
            Shape(
                "vsw",
                [
                    *(Cell(c) for c in first),
                    Cell(_VSW_MAC),
                    Cell(_VSW_NET_DEV, optional=True),
                    Cell(_VSW_VLANS),
                ],
            ),
            Shape("pairs", [Cell(_PAIRS)]),
        ],
    )


# UNVERIFIED: no published sample of the 3.x block form of a VSW section was found; this is
# the NETWORK block form's shape with the vsw's columns (see docs/commands/ldm-list-services.md).
VSW_BLOCK = _vsw_block("3.6-vsw", with_ldom=False)
VSW_BLOCK_LDOM = _vsw_block("3.6-vsw-ldom", with_ldom=True)


def vsw_reader() -> RowsReader:
    return RowsReader([VSW_BLOCK, VSW_BLOCK_LDOM], [("vsw-line", VSW_LINE_COLUMNS)])


def network_reader() -> RowsReader:
    return RowsReader([VNET_BLOCK], [("vnet-line", VNET_LINE_COLUMNS)])


def both_reader() -> RowsReader:
    """For output pasted without its headings: vnet tables or vsw tables, by their header."""
    return RowsReader(
        [VNET_BLOCK, VSW_BLOCK, VSW_BLOCK_LDOM],
        [("vnet-line", VNET_LINE_COLUMNS), ("vsw-line", VSW_LINE_COLUMNS)],
    )



# --- records from the events of a listing -----------------------------------------------------

_VNET_PAIRS = {
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
_VSW_PAIRS = {
    "DEVICE": "device",
    "ID": "id",
    "LINKPROP": "linkprop",
    "MTU": "mtu",
    "MODE": "mode",
    "INTER-VNET-LINK": "inter_vnet_link",
    "NET-DEV": "net_dev",
    "DEFAULT-VLAN-ID": "default_vlan_id",
    "PVID": "pvid",
}
_NUMERIC = frozenset(
    {"id", "mtu", "max_custom_macs", "max_custom_vlans", "default_vlan_id", "pvid"}
)
_LINE_FIELDS_VNET = ("id", "device", "mac", "mode", "pvid", "vids", "mtu", "maxbw", "linkprop")
_LINE_FIELDS_VSW = (
    "mac",
    "net_dev",
    "id",
    "device",
    "linkprop",
    "default_vlan_id",
    "pvid",
    "vids",
    "mtu",
    "mode",
    "inter_vnet_link",
)


def _normalise(text: str) -> str:
    return text.replace("\u00a0", " ")


def _check_pair(name: str, value: str) -> None:
    if name in _NUMERIC and value not in ("", "--") and not value.isdecimal():
        raise ValueError(f"expected a number for {name.upper().replace('_', '-')}, got {value!r}")


# The parts of a 3.6 row's VLANs cell (PVID|PVLAN|VIDs of a vnet, DVID|PVID|VIDs of a
# vswitch): a part's name, its pattern (None: any text) and what it must be, in words.
VlanParts = tuple[tuple[str, Optional[re.Pattern[str]], str], ...]
_VLAN_ID = re.compile(r"\d+|--")
_VLAN_IDS = re.compile(r"\d+(?:,\d+)*|--")
_VNET_VLAN_PARTS: VlanParts = (
    ("PVID", _VLAN_ID, "a port VLAN ID (a number) or --"),
    ("PVLAN", None, "a private VLAN"),
    ("VIDs", _VLAN_IDS, "VLAN IDs such as 10,20 or --"),
)
_VSW_VLAN_PARTS: VlanParts = (
    ("DVID", _VLAN_ID, "a default VLAN ID (a number) or --"),
    ("PVID", _VLAN_ID, "a port VLAN ID (a number) or --"),
    ("VIDs", _VLAN_IDS, "VLAN IDs such as 10,20 or --"),
)


def vlans_error(vlans: str, parts: VlanParts) -> Optional[tuple[int, str]]:
    """Where in a VLANs cell a part is not what it must be (its offset in the cell) and what
    was expected there; None when every part is. A blank part is no value, as ``--`` is."""
    offset = 0
    for value, (name, pattern, expected) in zip(vlans.split("|"), parts):
        if value and pattern is not None and not pattern.fullmatch(value):
            return offset, f"expected {expected} in {name}, got {value!r}"
        offset += len(value) + 1
    return None


def _column(event: Row, match: re.Match[str]) -> int:
    """Where a KEY :value pair is in its line (only an error needs it)."""
    return _normalise(event.text).find(match.group(0))


class _Device:
    """A vnet or vsw being assembled: its row, then its KEY :value pairs."""

    def __init__(self, event: Row, kind: str, domain: Optional[str]) -> None:
        self.event = event
        self.kind = kind
        self.domain = domain
        self.fields: dict[str, object] = {}
        self.extra: dict[str, Optional[str]] = {}
        self.lines: dict[str, int] = {}

    def add_pairs(self, event: Row, context: Context) -> None:
        names = _VNET_PAIRS if self.kind == "vnet" else _VSW_PAIRS
        for match in _PAIR_RE.finditer(event.cells["pairs"] or ""):
            key, value = match.group(1), match.group(2)
            name = names.get(key)
            if key in self.lines or key in self.extra or (name and name in self.lines):
                raise context.error(
                    event, f"{key} is given twice for this {self.kind}", _column(event, match)
                )
            if name is None:
                # "--" is ldm's "no value" here as in every other cell.
                self.extra[key] = text_or_none(value)
                self.lines[key] = event.line
                continue
            try:
                _check_pair(name, value)
            except ValueError as exc:
                raise context.error(event, str(exc), _column(event, match)) from None
            self.fields[name] = value or None
            self.lines[name] = event.line

    def record(self) -> Record:
        cells = self.event.cells
        if self.kind == "vnet":
            switch, _, service_domain = (cells["service"] or "").partition("@")
            pvid, pvlan, vids = (cells["vlans"] or "||").split("|")
            return VirtualNetwork(
                domain=self.domain,
                name=cells["name"] or "",
                service=switch or None,
                service_domain=service_domain or None,
                mac=cells["mac"],
                pvid=pvid,
                pvlan=pvlan,
                vids=vids,
                extra=self.extra,
                field_lines=self.lines,
                line=self.event.line,
                **self.fields,  # type: ignore[arg-type]
            )
        dvid, pvid, vids = (cells["vlans"] or "||").split("|")
        fields: dict[str, object] = {
            "net_dev": cells.get("net_dev"),
            "default_vlan_id": dvid,
            "pvid": pvid,
        }
        fields.update(self.fields)
        return VirtualSwitch(
            name=cells["name"] or "",
            domain=cells.get("ldom") or self.domain,
            mac=cells["mac"],
            vids=vids,
            extra=self.extra,
            field_lines=self.lines,
            line=self.event.line,
            **fields,  # type: ignore[arg-type]
        )


def _vnet_line(event: Row, domain: Optional[str]) -> VirtualNetwork:
    cells = event.cells
    switch, _, service_domain = (cells.get("service") or "").partition("@")
    return VirtualNetwork(
        domain=domain,
        name=cells["name"] or "",
        service=switch or None,
        service_domain=service_domain or None,
        line=event.line,
        # A column the header has is a value even when blank (no LINKPROP: no phys-state); a
        # column this release's table does not have is not shown.
        not_shown=[f for f in _LINE_FIELDS_VNET if f not in cells],
        **{f: cells[f] for f in _LINE_FIELDS_VNET if f in cells},  # type: ignore[arg-type]
    )


def _vsw_line(event: Row, domain: Optional[str]) -> VirtualSwitch:
    cells = event.cells
    extra = {"VSW-RELAY-MODE": cells["vsw_relay_mode"]} if "vsw_relay_mode" in cells else {}
    return VirtualSwitch(
        name=cells["name"] or "",
        domain=cells.get("ldom") or domain,
        extra=extra,
        line=event.line,
        not_shown=[f for f in _LINE_FIELDS_VSW if f not in cells],
        **{f: cells[f] for f in _LINE_FIELDS_VSW if f in cells},  # type: ignore[arg-type]
    )


def assemble_listing(events: Iterable[Item], context: Context) -> list[Record]:
    """VirtualNetwork and VirtualSwitch records from a sectioned listing's events.

    The domain is the name under a ``NAME`` heading, the NAME of a ``list -l`` summary row,
    else the command's operand; a VSW row's LDOM column wins over all of them.
    """
    out: list[Record] = []
    domain = context.domain
    heading: Optional[str] = None
    current: Optional[_Device] = None

    def close() -> None:
        nonlocal current
        if current is not None:
            out.append(current.record())
        current = None

    for event in only_rows(events):
        kind = event.kind
        if kind in ("heading", "separator", "header"):
            close()
            if kind == "heading":
                heading = event.cells["text"]
            elif kind == "separator":
                domain, heading = context.domain, None
            continue
        if kind == "unread":
            close()
            heading = None
            out.append(
                UnreadSection(
                    section=event.cells["text"] or "",
                    domain=domain,
                    last_line=int(event.cells["last"] or event.line),
                    line=event.line,
                )
            )
            continue
        if kind == "value":
            value = event.cells["value"] or ""
            if heading == "NAME":
                domain = value
            elif heading == "MAC" and not re.fullmatch(MAC, value):
                raise context.error(event, "expected the domain's MAC address")
            continue
        if kind == "domain":
            close()
            domain = event.cells["domain"]
            continue
        if kind in ("vnet", "vsw"):
            close()
            vlans = event.cells.get("vlans")
            parts = _VNET_VLAN_PARTS if kind == "vnet" else _VSW_VLAN_PARTS
            bad = None if vlans is None else vlans_error(vlans, parts)
            if bad is not None:
                assert vlans is not None
                offset, why = bad
                raise context.error(event, why, _normalise(event.text).rfind(vlans) + offset)
            current = _Device(event, kind, domain)
            continue
        if kind == "pairs":
            if current is None:
                raise context.error(
                    event, "KEY :value pairs must follow their vnet's or vswitch's row"
                )
            current.add_pairs(event, context)
            continue
        if kind == "vnet-line":
            close()
            out.append(_vnet_line(event, domain))
        elif kind == "vsw-line":
            close()
            out.append(_vsw_line(event, domain))
        else:
            unexpected(event)
    close()
    return out


# --- ldm list -o network ---------------------------------------------------------------------

_NETWORK_REJECTED = {
    heading: (
        f"the {heading} section is not read by this grammar "
        "(run ldm list -o network for network devices only)"
    )
    for heading in (
        *CONSUMED_TABLES,
        *KEY_VALUE_SECTIONS,
        "UUID",
        "HOSTID",
        "SOFTSTATE",
        "RESOURCE",
        "DOMAIN",
    )
}


# --- the fast path of ldm list -o network ------------------------------------------------------
#
# The 3.6 block form, which guests print, read in one pass: one pyparsing Regex takes every kind
# of line this output has (a domain separator, a heading, a vnet's header, its dashes, its row,
# its KEY :value lines, a heading's value, a blank), and a loop does what SectionedTable, the
# NETWORK section's reader and assemble_listing do with them. Anything else (a VSW section,
# one-line tables, sub-tables, prose, an error) declines, and the line-by-line readers take the
# output and report what is wrong.

_KEY = r"[A-Z][A-Z0-9-]*"
_VALUE = rf"(?:(?!{_KEY}[ \t]*:)\S+)?"
_NONE = ("", "--")


class _Blocks:
    """The whole-output pattern and the per-line loop of the fast path."""

    def __init__(self) -> None:
        vnet, pairs = VNET_BLOCK.shapes
        # Named wrappers: ``lastgroup`` names the kind of line a match is.
        blanks, maybe = BODY_BLANKS, BODY_MAYBE_BLANKS
        element = pp.Regex(
            rf"^(?:(?P<separator>-{{20,}}){maybe}\n|{maybe}(?:"
            # Any one capitalised word: the loop tells a heading from a value or an unknown
            # heading (the readers' order: headings first).
            rf"(?P<heading>[A-Z][A-Z0-9_-]*)"
            rf"|(?P<header>{VNET_BLOCK.header_body_pattern})"
            rf"|(?P<dashes>-+(?:{blanks}-+)*)"
            rf"|(?P<vnet>{vnet.body_pattern})"
            rf"|(?P<pairs>({_KEY}){maybe}:({_VALUE})(?:{blanks}({_KEY}){maybe}:({_VALUE}))?)"
            rf"|(?P<more_pairs>{pairs.body_pattern})"
            rf"|(?P<value>\S+)"
            rf"|(?P<blank>)"
            rf"){maybe}\n)",
            flags=re.M,
        )
        element.set_name("an ldm list -o network listing (3.6 block form)")
        self.pattern: re.Pattern[str] = element.re
        self.vnet = self.pattern.groupindex["vnet"]
        self.pairs = self.pattern.groupindex["pairs"]
        self.new = unchecked(VirtualNetwork)
        # The record's own converter: VIDs lists are rare, and it knows every form.
        self.vids = cast(
            Callable[[str], tuple[int, ...]], attrs.fields(VirtualNetwork).vids.converter
        )

    def read(self, text: str, lines: int, first_line: int, domain: Optional[str]) -> list[Record]:
        """The records, or BodyDeclined where the fast path declines (any other exception is
        a bug, not a decline)."""
        out: list[Record] = []
        operand = domain
        section = "start"  # the heading above: start (none), NAME, MAC or NETWORK
        value_seen = False
        row: Optional[tuple[str, ...]] = None
        row_line = 0
        fields: dict[str, Optional[str]] = {}
        extra: dict[str, Optional[str]] = {}
        where: dict[str, int] = {}
        vnet_cells = tuple(range(self.vnet + 1, self.vnet + 5))
        pair_cells = tuple(range(self.pairs + 1, self.pairs + 5))

        def close() -> None:
            nonlocal row
            if row is not None:
                out.append(self._record(domain, row, row_line, fields, extra, where))
                row = None

        number = first_line - 1
        # A chunk of lines at a time: no normalised copy of the whole input.
        for match in chain.from_iterable(map(self.pattern.finditer, normalised_chunks(text))):
            number += 1
            kind = match.lastgroup
            if kind == "blank":
                continue
            if kind == "pairs" or kind == "more_pairs":
                if row is None or section not in ("start", "NETWORK"):
                    raise BodyDeclined("KEY :value pairs out of place")
                if kind == "pairs":
                    key, value, key2, value2 = match.group(*pair_cells)
                    found = ((key, value),) if key2 is None else ((key, value), (key2, value2))
                else:
                    found = tuple(_PAIR_RE.findall(match.group(kind)))
                for key, value in found:
                    name = _VNET_PAIRS.get(key)
                    if key in where or key in extra or (name and name in where):
                        raise BodyDeclined(f"{key} is given twice")
                    if name is None:
                        extra[key] = None if value in _NONE else value
                        where[key] = number
                    elif value in _NONE:
                        fields[name] = None
                        where[name] = number
                    elif name in _NUMERIC:
                        if not value.isdecimal():
                            raise BodyDeclined(f"{key} is not a number")
                        fields[name] = value
                        where[name] = number
                    else:
                        # Devices, link properties, modes repeat from vnet to vnet.
                        fields[name] = share(value)
                        where[name] = number
                continue
            if kind == "vnet":
                if section not in ("start", "NETWORK"):
                    raise BodyDeclined("a vnet row out of place")
                close()
                row = match.group(*vnet_cells)
                row_line = number
                fields, extra, where = {}, {}, {}
                continue
            if kind == "header" or kind == "dashes":
                if section not in ("start", "NETWORK"):
                    raise BodyDeclined("a table header out of place")
                if kind == "header":
                    close()
                continue
            word = match.group("heading") if kind == "heading" else None
            if kind == "value" or (word is not None and word not in _NETWORK_SECTIONS):
                # A heading's value; a capitalised word that is no heading is one too there.
                value = word if word is not None else match.group("value")
                if section not in ("NAME", "MAC") or value_seen or value in _NETWORK_REJECTED:
                    raise BodyDeclined("a word out of place")
                if section == "NAME":
                    domain = value
                elif not re.fullmatch(MAC, value):
                    raise BodyDeclined("not the domain's MAC address")
                value_seen = True
                continue
            close()
            if kind == "separator":
                domain, section = operand, "start"
                continue
            if word not in ("NAME", "MAC", "NETWORK"):
                raise BodyDeclined(f"the {word} section is left to the line-by-line reader")
            section = word
            value_seen = False
        if number - first_line + 1 != lines:
            raise BodyDeclined("a line is not of the block form")
        close()
        return out

    def _record(
        self,
        domain: Optional[str],
        row: tuple[str, ...],
        line: int,
        fields: dict[str, Optional[str]],
        extra: dict[str, Optional[str]],
        where: dict[str, int],
    ) -> VirtualNetwork:
        """What _Device.record and VirtualNetwork's converters make of the same cells."""
        name, service, mac, vlans = row
        switch, _, service_domain = service.partition("@")
        pvid, pvlan, vids = vlans.split("|")
        # Decimal digits or no value pass vlans_error, which has the last word on anything else
        # (a function call and two matches a row cost 5 % of this reader).
        plain = (pvid in _NONE or pvid.isdecimal()) and (vids in _NONE or vids.isdecimal())
        if not plain and vlans_error(vlans, _VNET_VLAN_PARTS) is not None:
            # The line-by-line reader says where and what.
            raise BodyDeclined("a VLANs cell that is no PVID|PVLAN|VIDs")
        get = fields.get
        return self.new(
            text_or_none(domain),
            name,
            None if switch in _NONE else share(switch),
            None if service_domain in _NONE else share(service_domain),
            mac_cell(mac),
            None if pvid in _NONE else int(pvid),
            None if pvlan in _NONE else share(pvlan),
            () if vids in _NONE else self.vids(vids),
            get("device"),
            _int(get("id")),
            get("linkprop"),
            _int(get("mtu")),
            get("maxbw"),
            get("mode"),
            get("custom"),
            _int(get("max_custom_macs")),
            _int(get("max_custom_vlans")),
            tuple(extra.items()),
            tuple(where.items()),
            line,
        )


def _int(value: Optional[str]) -> Optional[int]:
    return None if value is None else int(value)


_NETWORK_SECTIONS = frozenset({"NAME", "MAC", "VSW", "NETWORK"})


@functools.cache
def _blocks() -> _Blocks:
    return _Blocks()


def _read_blocks(
    text: str, lines: int, first_line: int, context: Context
) -> Optional[list[Record]]:
    try:
        return _blocks().read(text, lines, first_line, context.domain)
    except BodyDeclined:
        return None


def _accepts_network(invocation: Invocation) -> bool:
    formats = invocation.option("o")
    if formats is None or invocation.flags:
        return False
    return all(part in ("network", "net") for part in formats.split(","))


_BOTH = both_reader()
# Output pasted without its command is recognised by these headers (the block form's, and the
# one-line NETWORK table of 3.0-3.5).
_ONE_LINE_35_HEADER = "NAME SERVICE ID DEVICE MAC MODE PVID VID MTU MAXBW LINKPROP"
_ONE_LINE_35 = tuple(
    layout
    for layout in [_BOTH.positional_layout(_ONE_LINE_35_HEADER.split(" "))]
    if layout is not None
)
LIST_NETWORK = Grammar(
    key="ldm list -o network",
    program="ldm",
    subcommand="list",
    table=SectionedTable(
        "ldm list -o network",
        start=_BOTH,
        sections={
            "NAME": ValueReader("NAME"),
            "MAC": ValueReader("MAC"),
            "VSW": vsw_reader(),
            "NETWORK": network_reader(),
        },
        rejected=_NETWORK_REJECTED,
        claims=[VNET_BLOCK, VSW_BLOCK, *_ONE_LINE_35],
    ),
    assemble=assemble_listing,
    fast_path=_read_blocks,
    accepts=_accepts_network,
    summary="virtual network devices and switches: 3.6 blocks (NAME SERVICE MACADDRESS "
    "PVID|PVLAN|VIDs + KEY :value lines) or the one-line NETWORK/VSW tables of 3.0-3.5",
    domain_operand=True,
)

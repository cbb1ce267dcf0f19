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

One set of rules makes the records (``_Listing``, ``_Device``); the 3.6 block form of ``ldm
list -o network`` is matched in one pass (``_Blocks``), everything else is read section by
section (``_sections.py``), which also explains what the one pass declines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import chain
from typing import Callable, Optional, cast

import attrs
import pyparsing as pp

from .._shared import sharer, table
from ..commands import Invocation
from ..records import (
    FieldLines,
    Record,
    UnreadSection,
    VirtualNetwork,
    VirtualSwitch,
    text_or_none,
)
from ._base import Context, Grammar, only_rows, unexpected
from ._cells import MAC, NAME, SPEED, column, mac_cell
from ._rows import unchecked
from ._sections import CONSUMED_TABLES, KEY_VALUE_SECTIONS, RowsReader, SectionedTable, ValueReader
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
    "share_name",
    "shared_number",
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


# --- the rules of a listing: one builder, fed by both readers ----------------------------------
#
# ``_Listing`` and ``_Device`` are the only place the rules of a listing's records live (the
# domain, what a KEY :value pair means, what a VLANs cell may hold, the record). The one pass
# (``_Blocks``) and the section readers' rows (``assemble_listing``: VSW sections, one-line
# tables, ``ldm list -l``, whatever the one pass declines) both feed them. A broken rule raises
# ``_Misfit``: a ParseError at its cell from the section readers; the one pass declines.

# The KEY :value pairs a vnet's or vswitch's record has a field for: the key, the field, whether
# it is a number; a vnet's in the order of VirtualNetwork's fields. Other keys go to ``extra``.
PairField = tuple[str, str, bool]
_VNET_PAIRS: tuple[PairField, ...] = (
    ("DEVICE", "device", False), ("ID", "id", True), ("LINKPROP", "linkprop", False),
    ("MTU", "mtu", True), ("MAXBW", "maxbw", False), ("MODE", "mode", False),
    ("CUSTOM", "custom", False), ("MAX-CUSTOM-MACS", "max_custom_macs", True),
    ("MAX-CUSTOM-VLANS", "max_custom_vlans", True),
)  # fmt: skip
_VSW_PAIRS: tuple[PairField, ...] = (
    ("DEVICE", "device", False), ("ID", "id", True), ("LINKPROP", "linkprop", False),
    ("MTU", "mtu", True), ("MODE", "mode", False), ("INTER-VNET-LINK", "inter_vnet_link", False),
    ("NET-DEV", "net_dev", False), ("DEFAULT-VLAN-ID", "default_vlan_id", True),
    ("PVID", "pvid", True),
)  # fmt: skip


def _by_key(pairs: tuple[PairField, ...]) -> dict[str, tuple[int, str, bool]]:
    return {key: (index, field, number) for index, (key, field, number) in enumerate(pairs)}


_VNET_KEYS = _by_key(_VNET_PAIRS)
_VSW_KEYS = _by_key(_VSW_PAIRS)
# ldm's "no value", in a pair as in every other cell (a blank part of a VLANs cell too).
_NONE = ("", "--")
_LINE_FIELDS_VNET = ("id", "device", "mac", "mode", "pvid", "vids", "mtu", "maxbw", "linkprop")
_LINE_FIELDS_VSW = (
    "mac", "net_dev", "id", "device", "linkprop", "default_vlan_id", "pvid", "vids", "mtu",
    "mode", "inter_vnet_link",
)  # fmt: skip


def _normalise(text: str) -> str:
    return text.replace("\u00a0", " ")


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


class _Misfit(Exception):
    """A line breaks a rule of the listing: ``why``, in words, and ``offset``, where in the
    part the caller gave (a VLANs cell) the fault is."""

    def __init__(self, why: str, offset: int = 0) -> None:
        super().__init__(why)
        self.why = why
        self.offset = offset


_new_vnet = unchecked(VirtualNetwork)
# The names of domains and devices, in the records of every command about them (ldm's and
# dladm's): one string per name. A table of their own, apart from ``share``'s: a fleet's names
# are thousands of values seen a few times each, and in a table with the few values of states
# and modes they would empty it every few thousand rows.
share_name: Callable[[str], str] = sharer(4096)
_field_lines_at = FieldLines.at
# The numbers of pairs, by their text: MTUs and MAX-CUSTOM-* counts repeat from vnet to vnet,
# and an int above 256 is an object of its own (32 bytes) each time it is made.
_numbers: dict[str, int] = table()


def _number(value: str) -> int:
    if len(_numbers) >= 1024:
        _numbers.clear()
    number = _numbers[value] = int(value)
    return number


def shared_number(value: str) -> int:
    """The number a cell of decimal digits holds, one int per value."""
    found = _numbers.get(value)
    return _number(value) if found is None else found

# The record's own converter: VIDs lists are rare, and it knows every form.
_vids = cast(Callable[[str], tuple[int, ...]], attrs.fields(VirtualNetwork).vids.converter)


class _Device:
    """A vnet or vsw being built: its row's cells, then its KEY :value pairs, each checked as
    it is added; ``record`` makes the record, with values in their canonical form (the
    records' converters, run on them, give them back unchanged: tests hold it)."""

    __slots__ = ("cells", "domain", "extra", "keys", "kind", "line", "lines", "values")

    def __init__(
        self, kind: str, cells: dict[str, Optional[str]], domain: Optional[str], line: int
    ) -> None:
        vlans = cells.get("vlans")
        if vlans is not None:
            pvid, _, rest = vlans.partition("|")
            vids = rest.rpartition("|")[2]
            # A vnet's PVID and VIDs of decimal digits or no value pass vlans_error, which has
            # the last word on anything else and on every vswitch (a function call and two
            # matches a row cost 5 % of the one-pass reader).
            plain = (pvid in _NONE or pvid.isdecimal()) and (vids in _NONE or vids.isdecimal())
            if kind != "vnet" or not plain:
                bad = vlans_error(vlans, _VNET_VLAN_PARTS if kind == "vnet" else _VSW_VLAN_PARTS)
                if bad is not None:
                    raise _Misfit(bad[1], bad[0])
        self.kind = kind
        self.cells = cells
        self.domain = domain
        self.line = line
        self.keys = _VNET_KEYS if kind == "vnet" else _VSW_KEYS
        # The values of the fields pairs give, by their index in _VNET_PAIRS or _VSW_PAIRS.
        self.values: list[object] = [None] * len(self.keys)
        self.extra: Optional[dict[str, Optional[str]]] = None  # made for the first such key
        # Each pair's line, counted from the row's (``FieldLines.at``).
        self.lines: dict[str, int] = {}

    def add(self, key: str, value: str, line: int) -> None:
        """One KEY :value pair, printed on ``line``."""
        known = self.keys.get(key)
        lines = self.lines
        if known is None:
            # A key this version has no field for: kept as printed.
            if key in lines:
                raise _Misfit(f"{key} is given twice for this {self.kind}")
            if self.extra is None:
                self.extra = {}
            key = share(key)
            self.extra[key] = None if value in _NONE else share(value)
            lines[key] = line - self.line
            return
        index, name, number = known
        if name in lines:
            raise _Misfit(f"{key} is given twice for this {self.kind}")
        lines[name] = line - self.line
        if value in _NONE:
            return
        if number:
            if not value.isdecimal():
                raise _Misfit(f"expected a number for {key}, got {value!r}")
            found = _numbers.get(value)
            self.values[index] = _number(value) if found is None else found
        else:
            # Devices, link properties, modes repeat from device to device.
            self.values[index] = share(value)

    def record(self) -> Record:
        cells = self.cells
        # PVID|PVLAN|VIDs of a vnet, DVID|PVID|VIDs of a vswitch.
        first, second, vids = (cells["vlans"] or "||").split("|")
        if self.kind == "vnet":
            switch, _, service_domain = (cells["service"] or "").partition("@")
            return _new_vnet(
                self.domain,
                share_name(cells["name"] or ""),
                None if switch in _NONE else share(switch),
                None if service_domain in _NONE else share(service_domain),
                mac_cell(cells["mac"]),
                None if first in _NONE else shared_number(first),
                None if second in _NONE else share(second),
                () if vids in _NONE else _vids(vids),
                *self.values,
                () if self.extra is None else tuple(self.extra.items()),
                _field_lines_at(self.line, tuple(self.lines.items())),
                self.line,
            )
        # Pairs printed for the row's fields win.
        fields: dict[str, object] = {
            "net_dev": _kept("net_dev", cells.get("net_dev")),
            "default_vlan_id": _kept("default_vlan_id", first),
            "pvid": _kept("pvid", second),
        }
        for (_, name, _), value in zip(_VSW_PAIRS, self.values):
            if name in self.lines:
                fields[name] = value
        return VirtualSwitch(
            name=share_name(cells["name"] or ""),
            domain=_ldom(cells.get("ldom"), self.domain),
            mac=cells["mac"],
            vids=vids,
            extra=self.extra or {},
            field_lines=_field_lines_at(self.line, tuple(self.lines.items())),
            line=self.line,
            **fields,  # type: ignore[arg-type]
        )


def _domain(name: Optional[str]) -> Optional[str]:
    text = text_or_none(name)
    return None if text is None else share_name(text)


class _Listing:
    """The records of a listing, fed its lines in order.

    The domain is the name under a ``NAME`` heading, the NAME of a ``list -l`` summary row,
    else the command's operand; a VSW row's LDOM column wins over all of them.
    """

    __slots__ = ("current", "domain", "heading", "operand", "out")

    def __init__(self, operand: Optional[str]) -> None:
        # Domains in the records' form ("" is none), as every device of the domain needs it;
        # a domain's name is in the records of every command about it: one string for all.
        self.operand = _domain(operand)
        self.domain = self.operand
        self.heading: Optional[str] = None
        self.current: Optional[_Device] = None
        self.out: list[Record] = []

    def close(self) -> None:
        """The device being built is complete (a header, a heading, a new row...)."""
        if self.current is not None:
            self.out.append(self.current.record())
            self.current = None

    def section(self, heading: str) -> None:
        self.close()
        self.heading = heading

    def separator(self) -> None:
        self.close()
        self.domain, self.heading = self.operand, None

    def value(self, value: str) -> None:
        """A heading's value (NAME: the domain; MAC: the domain's address)."""
        if self.heading == "NAME":
            self.domain = _domain(value)
        elif self.heading == "MAC" and not _MAC.fullmatch(value):
            raise _Misfit("expected the domain's MAC address")

    def device(self, kind: str, cells: dict[str, Optional[str]], line: int) -> _Device:
        if self.current is not None:
            self.out.append(self.current.record())
        self.current = _Device(kind, cells, self.domain, line)
        return self.current

    def records(self) -> list[Record]:
        self.close()
        return self.out


_MAC = re.compile(MAC)


def _column(event: Row, match: re.Match[str]) -> int:
    """Where a KEY :value pair is in its line (only an error needs it)."""
    return _normalise(event.text).find(match.group(0))


# How a cell of a row is kept: names in the names' table, a number as one int per value, a
# MAC (one a device) and VLAN IDs (their converter makes a tuple) as read, anything else (a
# device node, a mode, a link property: a few values) in ``share``'s table.
_NAME_CELLS = frozenset({"name", "ldom", "net_dev"})
_NUMBER_CELLS = frozenset({"id", "pvid", "mtu", "default_vlan_id"})
_AS_READ = frozenset({"mac", "vids"})


def _kept(field: str, value: Optional[str]) -> object:
    if value is None or field in _AS_READ:
        return value
    if field in _NUMBER_CELLS and value.isdecimal():
        return shared_number(value)
    return share_name(value) if field in _NAME_CELLS else share(value)


def _ldom(ldom: Optional[str], domain: Optional[str]) -> Optional[str]:
    """A VSW row's LDOM wins over the listing's domain (printed ``--``, it is no domain)."""
    return share_name(ldom) if ldom else domain


def _vnet_line(event: Row, domain: Optional[str]) -> VirtualNetwork:
    cells = event.cells
    switch, _, service_domain = (cells.get("service") or "").partition("@")
    return VirtualNetwork(
        domain=domain,
        name=share_name(cells["name"] or ""),
        service=share(switch) if switch else None,
        service_domain=share(service_domain) if service_domain else None,
        line=event.line,
        # A column the header has is a value even when blank (no LINKPROP: no phys-state); a
        # column this release's table does not have is not shown.
        not_shown=[f for f in _LINE_FIELDS_VNET if f not in cells],
        **{f: _kept(f, cells[f]) for f in _LINE_FIELDS_VNET if f in cells},  # type: ignore[arg-type]
    )


def _vsw_line(event: Row, domain: Optional[str]) -> VirtualSwitch:
    cells = event.cells
    extra = (
        {"VSW-RELAY-MODE": _kept("vsw_relay_mode", cells["vsw_relay_mode"])}
        if "vsw_relay_mode" in cells
        else {}
    )
    return VirtualSwitch(
        name=share_name(cells["name"] or ""),
        domain=_ldom(cells.get("ldom"), domain),
        extra=extra,
        line=event.line,
        not_shown=[f for f in _LINE_FIELDS_VSW if f not in cells],
        **{f: _kept(f, cells[f]) for f in _LINE_FIELDS_VSW if f in cells},  # type: ignore[arg-type]
    )


def assemble_listing(events: Iterable[Item], context: Context) -> list[Record]:
    """VirtualNetwork and VirtualSwitch records from a sectioned listing's rows (see
    ``_Listing``); a rule broken is a ParseError at the cell that breaks it."""
    listing = _Listing(context.domain)
    for event in only_rows(events):
        kind = event.kind
        if kind == "heading":
            listing.section(event.cells["text"] or "")
        elif kind == "separator":
            listing.separator()
        elif kind == "header":
            listing.close()
        elif kind == "value":
            try:
                listing.value(event.cells["value"] or "")
            except _Misfit as misfit:
                raise context.error(event, misfit.why) from None
        elif kind == "vnet" or kind == "vsw":
            try:
                listing.device(kind, event.cells, event.line)
            except _Misfit as misfit:
                vlans = event.cells["vlans"] or ""
                column = _normalise(event.text).rfind(vlans) + misfit.offset
                raise context.error(event, misfit.why, column) from None
        elif kind == "pairs":
            device = listing.current
            if device is None:
                raise context.error(
                    event, "KEY :value pairs must follow their vnet's or vswitch's row"
                )
            for match in _PAIR_RE.finditer(event.cells["pairs"] or ""):
                try:
                    device.add(match.group(1), match.group(2), event.line)
                except _Misfit as misfit:
                    raise context.error(event, misfit.why, _column(event, match)) from None
        elif kind == "unread":
            listing.close()
            listing.heading = None
            listing.out.append(
                UnreadSection(
                    section=event.cells["text"] or "",
                    domain=listing.domain,
                    last_line=int(event.cells["last"] or event.line),
                    line=event.line,
                )
            )
        elif kind == "domain":
            listing.close()
            listing.domain = _domain(event.cells["domain"])
        elif kind == "vnet-line":
            listing.close()
            listing.out.append(_vnet_line(event, listing.domain))
        elif kind == "vsw-line":
            listing.close()
            listing.out.append(_vsw_line(event, listing.domain))
        else:
            unexpected(event)
    return listing.records()


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


# --- the one-pass reading of ldm list -o network -----------------------------------------------
#
# The 3.6 block form, which guests print, matched in one pass: one pyparsing Regex takes every
# kind of line this output has (a domain separator, a heading, a vnet's header, its dashes, its
# row, its KEY :value lines, a heading's value, a blank), and a loop follows the headings as
# SectionedTable does and feeds ``_Listing``. Anything else (a VSW section, one-line tables,
# sub-tables, prose, a broken rule) declines: the section readers then read the lines one by
# one, and explain what is wrong at its line and column.

_KEY = r"[A-Z][A-Z0-9-]*"
_PLAIN = rf"(?:(?!{_KEY}[ \t]*:)[^\s|]+)?"
_SECOND_PAIR = rf"(?:{BODY_BLANKS}({_KEY}){BODY_MAYBE_BLANKS}:({_PLAIN}))?"
_NETWORK_SECTIONS = frozenset({"NAME", "MAC", "VSW", "NETWORK"})


class _Blocks:
    """The whole-output pattern and the per-line loop of the one-pass reading."""

    def __init__(self) -> None:
        vnet, pairs = VNET_BLOCK.shapes
        # Named wrappers: ``lastgroup`` names the kind of line a match is.
        blanks, maybe = BODY_BLANKS, BODY_MAYBE_BLANKS
        dashes = f"-+(?:{blanks}-+)*"
        element = pp.Regex(
            rf"^(?:(?P<separator>-{{20,}}){maybe}\n|{maybe}(?:"
            # One or two pairs whose values hold no "|" first: no such line is a heading, a
            # header, dashes (none has a colon) or a vnet row (its VLANs cell has two "|"),
            # and lines of pairs are half the lines. Other lines of pairs are tried as rows
            # first, as the section readers try them.
            rf"(?P<pairs>({_KEY}){maybe}:({_PLAIN}){_SECOND_PAIR})"
            # Any one capitalised word: the loop tells a heading from a value or an unknown
            # heading (the readers' order: headings first).
            rf"|(?P<heading>[A-Z][A-Z0-9_-]*)"
            # A vnet's row, with its header and their dashes above it if they are there (one
            # match for three lines); dashes at a line's start that are a domain separator are
            # not the header's.
            rf"|(?P<vnet>(?:({VNET_BLOCK.header_body_pattern}){maybe}\n(?!-{{20,}}{maybe}\n)"
            rf"{maybe}{dashes}{maybe}\n{maybe})?{vnet.body_pattern})"
            rf"|(?P<header>{VNET_BLOCK.header_body_pattern})"
            rf"|(?P<dashes>{dashes})"
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

    def read(self, text: str, lines: int, first_line: int, operand: Optional[str]) -> list[Record]:
        """The records, or BodyDeclined where the one pass declines (any other exception is
        a bug, not a decline)."""
        try:
            return self._read(text, lines, first_line, _Listing(operand))
        except _Misfit as misfit:
            raise BodyDeclined(misfit.why) from None

    def _read(self, text: str, lines: int, first_line: int, listing: _Listing) -> list[Record]:
        section = "start"  # the heading above: start (none), NAME, MAC or NETWORK
        rows_here = True  # whether a vnet's header, row, pairs may stand here (not NAME, MAC)
        value_seen = False
        vnet_cells = tuple(range(self.vnet + 1, self.vnet + 6))
        pair_cells = tuple(range(self.pairs + 1, self.pairs + 5))
        number = first_line - 1
        # A chunk of lines at a time: no normalised copy of the whole input.
        for match in chain.from_iterable(map(self.pattern.finditer, normalised_chunks(text))):
            number += 1
            kind = match.lastgroup
            if kind == "pairs" or kind == "more_pairs":
                device = listing.current
                if device is None or not rows_here:
                    raise BodyDeclined("KEY :value pairs out of place")
                if kind == "pairs":
                    key, value, key2, value2 = match.group(*pair_cells)
                    device.add(key, value, number)
                    if key2 is not None:
                        device.add(key2, value2, number)
                else:
                    for key, value in _PAIR_RE.findall(match.group(kind)):
                        device.add(key, value, number)
                continue
            if kind == "blank":
                continue
            if kind == "vnet":
                if not rows_here:
                    raise BodyDeclined("a vnet row out of place")
                header, name, service, mac, vlans = match.group(*vnet_cells)
                if header is not None:
                    number += 2
                cells = {"name": name, "service": service, "mac": mac, "vlans": vlans}
                listing.device("vnet", cells, number)
                continue
            if kind == "header" or kind == "dashes":
                if not rows_here:
                    raise BodyDeclined("a table header out of place")
                if kind == "header":
                    listing.close()
                continue
            word = match.group("heading") if kind == "heading" else None
            if kind == "value" or (word is not None and word not in _NETWORK_SECTIONS):
                # A heading's value; a capitalised word that is no heading is one too there.
                value = word if word is not None else match.group("value")
                if section not in ("NAME", "MAC") or value_seen or value in _NETWORK_REJECTED:
                    raise BodyDeclined("a word out of place")
                listing.value(value)
                value_seen = True
                continue
            if kind == "separator":
                listing.separator()
                section, rows_here = "start", True
                continue
            if word not in ("NAME", "MAC", "NETWORK"):
                raise BodyDeclined(f"the {word} section is left to the section readers")
            listing.section(word)
            section, rows_here = word, word == "NETWORK"
            value_seen = False
        if number - first_line + 1 != lines:
            raise BodyDeclined("a line is not of the block form")
        return listing.records()


@functools.cache
def _blocks() -> _Blocks:
    return _Blocks()


def _read_blocks(text: str, lines: int, first: int, context: Context) -> Optional[list[Record]]:
    try:
        return _blocks().read(text, lines, first, context.domain)
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
    # The one pass over the whole text, feeding the same rules as ``assemble``; where it
    # declines, ``table`` and ``assemble`` read (and explain) the lines.
    one_pass=_read_blocks,
    accepts=_accepts_network,
    summary="virtual network devices and switches: 3.6 blocks (NAME SERVICE MACADDRESS "
    "PVID|PVLAN|VIDs + KEY :value lines) or the one-line NETWORK/VSW tables of 3.0-3.5",
    domain_operand=True,
)

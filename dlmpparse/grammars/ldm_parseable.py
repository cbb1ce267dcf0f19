"""ldm's parseable (``-p``) listings: ``ldm list -p``, ``ldm list -o network -p``,
``ldm list-netdev [-l] -p``, ``ldm list-services -p`` and ``ldm list-bindings -p``.

The format (Logical Domains Manager since LDoms 1.0; docs/commands/ldm-parseable.md gives the
sources): a first line ``VERSION 1.x``, then one record per line, ``TYPE|key=value|key=value``.
A line starting with ``|`` continues the record above it: a VDS's volumes, the devices of an
``IO`` record, the variables under ``VARIABLES``, the members of an aggregation. A TYPE may
stand alone on its line with all its data on continuation lines (``IO``, ``VARIABLES``,
``VCPU``). A pair is split at its first ``=`` (values hold ``=``: ``boot-device``, nvramrc); an
empty value reads as None. No escaping is documented: values are taken as printed.

Strictness: a line that is not ``VERSION``, a ``TYPE|...`` record or a ``|...`` continuation is
a ParseError at its line, as is a continuation before any record and a field without ``=``
(at that field's column). Two exceptions, each from code that reads real output: the device
lines of ``ldm list-netdev -l -p`` carry no TYPE word (``name=net0|class=VNET|...``, see
``_NETDEV``), and a ``VARIABLES`` value (nvramrc) may run over several lines of free text.

Every record type is accounted for: read into records (DOMAIN of ``ldm list -p``, VNET, VSW,
the devices of list-netdev), taken as the domain of what follows (DOMAIN in the other listings),
or consumed by name (VDS, VCC, IO, ...: ``_CONSUMED``). A record type the listing does not
print is a ParseError. Continuation lines under a VNET or VSW (a peer, a client) are consumed,
never merged into the device's fields.

Key names: ``name``, ``mac-addr``, ``net-dev``, ``dev`` and ``service`` are in Oracle's own
sample; ``pvid``, ``vid``, ``mtu``, ``id``, ``default-vlan-id`` and ``class`` are read by
published code; the rest are inferred from the human columns and the ``add-vnet``/``add-vsw``
property names, synonyms accepted, and **unverified** (docs/commands/ldm-parseable.md). Keys
with no field go to a record's ``extra``, keyed as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Callable, NamedTuple, Optional

import attrs

from .._text import normalise_line
from ..commands import Invocation
from ..errors import ParseError, SourceLine
from ..records import Domain, NetDevice, Record, VirtualNetwork, VirtualSwitch, text_or_none
from ._base import Context, Grammar, Streamed, StreamingTable, only_rows, unexpected
from ._cells import MAC, SPEED
from ._sections import CONSUMED_TABLES, KEY_VALUE_SECTIONS, VALUE_SECTIONS
from ._table import Item, Row, RowKind, share
from .ldm_network import share_name, shared_number

__all__ = [
    "GRAMMARS",
    "LIST_BINDINGS_P",
    "LIST_NETDEV_P",
    "LIST_NETWORK_P",
    "LIST_P",
    "LIST_SERVICES_P",
    "Pair",
    "ParseableListing",
    "split_record",
]

# --- lines -------------------------------------------------------------------------------------

_VERSION = re.compile(r"VERSION[ \t]+\d+(?:\.\d+)*[ \t]*$")
# A record type: DOMAIN, VNET, VSW, VDS, IO, VARIABLES, ... (capitals, as ldm prints them).
_TYPE = re.compile(r"[A-Z][A-Z0-9_-]*$")
_KEY = re.compile(r"[^\s=|]+$")

VERSION: RowKind = "version"
RECORD: RowKind = "record"
CONTINUATION: RowKind = "continuation"
PAIRS: RowKind = "pairs"  # a TYPE-less line of key=value fields (list-netdev's devices)
TEXT: RowKind = "text"  # a VARIABLES value running over several lines


class Pair(NamedTuple):
    """One ``key=value`` field: the value None when empty; 0-based columns in the line."""

    key: str
    value: Optional[str]
    column: int
    value_column: int


_new_pair = tuple.__new__


class _Bad(Exception):
    """A line that is not ldm -p output: why, and the 0-based column."""

    def __init__(self, why: str, column: int) -> None:
        super().__init__(why)
        self.why = why
        self.column = column


_NOT_P = (
    "expected VERSION, a record (TYPE|key=value|..., TYPE such as DOMAIN, VNET or VSW) "
    "or a continuation line (|key=value|...)"
)


def split_record(
    line: str, *, bare_pairs: bool = False
) -> tuple[RowKind, Optional[str], list[Pair]]:
    """The kind of a normalised line, its record type and its pairs (raises ``_Bad``).

    ``bare_pairs`` admits TYPE-less ``key=value|...`` lines (kind ``pairs``).
    """
    text = line.rstrip()
    start = len(text) - len(text.lstrip())
    body = text[start:]
    if _VERSION.match(body):
        return VERSION, None, []
    fields: list[tuple[int, str]] = []
    position = start
    for field in body.split("|"):
        fields.append((position, field))
        position += len(field) + 1
    first = fields[0][1]
    if first == "" and len(fields) > 1:
        kind, type_, rest = CONTINUATION, None, fields[1:]
    elif _TYPE.match(first):
        kind, type_, rest = RECORD, first, fields[1:]
    elif bare_pairs and "=" in first:
        kind, type_, rest = PAIRS, None, fields
    elif "=" in first and not first.startswith("="):
        raise _Bad(f"a record starts with its type (TYPE|{first}|...), not with a pair", start)
    else:
        raise _Bad(_NOT_P, start)
    pairs: list[Pair] = []
    seen: set[str] = set()
    for index, (column, field) in enumerate(rest):
        if field == "":
            if index == len(rest) - 1:
                continue  # a trailing "|" closes the line
            raise _Bad("expected key=value between two |", column)
        key, equals, value = field.partition("=")
        if not equals:
            raise _Bad(f"expected key=value, got {field!r} (a field without =)", column)
        if not _KEY.match(key):
            raise _Bad("expected a key (no blanks) before =", column)
        lowered = key.lower()
        if lowered in seen:
            raise _Bad(f"{key} is given twice in this line", column)
        seen.add(lowered)
        # tuple.__new__: the named tuple's own __new__ is a Python call a pair.
        value_column = column + len(key) + 1
        pairs.append(_new_pair(Pair, (key, value if value.strip() else None, column, value_column)))
    return kind, type_, pairs


class ParseableListing(StreamingTable):
    """Reads ldm -p output into one event a line (the ``Table`` of these grammars).

    ``bare_pairs`` admits TYPE-less ``key=value|...`` lines; ``free_text`` names the record
    types under which a line that is no record continues the value above it (VARIABLES).
    """

    def __init__(
        self, command: str, *, bare_pairs: bool = False, free_text: Sequence[str] = ()
    ) -> None:
        self.command = command
        self.bare_pairs = bare_pairs
        self.free_text = frozenset(free_text)

    def match_header(self, line: str) -> Optional[object]:
        # Output pasted without its command is not claimed: every ldm -p listing starts alike.
        return None

    def error_at(
        self, event: Row, why: str, column: int = 0, command: Optional[str] = None
    ) -> ParseError:
        return SourceLine(command or self.command, event.line, event.text).error(column, why)

    def stream(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
    ) -> Streamed:
        """A row per line, made as the assembler takes them (``rows``: all of them)."""
        shown = command or self.command

        # One cells dict per type (no reader changes a row's cells): a DOMAIN line's
        # thousands of device lines are held until the record ends.
        cells_of: dict[Optional[str], dict[str, Optional[str]]] = {}

        def rows(streamed: Streamed) -> Iterator[Item]:
            last: Optional[RowKind] = None  # the kind of the row made last
            owner: Optional[str] = None  # the type of the record continuation lines belong to
            seen_record = False
            for index, raw in enumerate(lines):
                line = normalise_line(raw)
                if not line.strip():
                    continue
                number = first_line + index
                try:
                    kind, type_, _ = split_record(line, bare_pairs=self.bare_pairs)
                    if kind == VERSION and (seen_record or last is not None):
                        raise _Bad("VERSION must come before the first record", 0)
                    if kind == CONTINUATION and not seen_record:
                        raise _Bad(
                            "a |key=value continuation must follow the record it belongs to", 0
                        )
                except _Bad as bad:
                    if owner in self.free_text and last in (CONTINUATION, TEXT):
                        last = TEXT
                        yield Row(TEXT, cells_of.setdefault(owner, {"type": owner}), number, raw)
                        continue
                    if lenient and not self._fits_later(lines[index + 1 :]):
                        streamed.consumed = index
                        return
                    indent = len(line) - len(line.lstrip())
                    source = SourceLine(shown, number, raw)
                    raise source.error(max(bad.column, indent), bad.why) from None
                if kind in (RECORD, PAIRS):
                    seen_record = True
                    owner = type_
                last = kind
                yield Row(kind, cells_of.setdefault(type_, {"type": type_}), number, raw)
            streamed.consumed = len(lines)

        return Streamed(rows)

    def _fits_later(self, lines: Sequence[str]) -> bool:
        """Whether a later line is ldm -p output (then a bad line is inside the listing)."""
        for raw in lines:
            line = normalise_line(raw)
            if not line.strip():
                continue
            try:
                split_record(line, bare_pairs=self.bare_pairs)
            except _Bad:
                continue
            return True
        return False


# --- records of a listing ----------------------------------------------------------------------


@attrs.frozen
class _Line:
    """A line of a record: its pairs are split when read (a DOMAIN line's devices, thousands
    of ``|`` lines, are held until the record ends, and their pairs were 1 KB a line)."""

    event: Row
    bare_pairs: bool

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return _pairs_of(self.event, self.bare_pairs)

    @property
    def line(self) -> int:
        return self.event.line


@attrs.frozen
class _Record:
    """A record line with its continuation lines (and free-text lines, kept as lines)."""

    type: Optional[str]
    head: _Line
    subs: tuple[_Line, ...]


def _pairs_of(event: Row, bare_pairs: bool) -> tuple[Pair, ...]:
    if event.kind == TEXT:
        return ()
    _, _, pairs = split_record(normalise_line(event.text), bare_pairs=bare_pairs)
    return tuple(pairs)


def _group(events: Iterable[Row], bare_pairs: bool) -> Iterator[_Record]:
    """Each record line with the continuation lines under it, made when the next record
    line (or the end) comes: a listing's lines are never all held at once."""
    current: Optional[tuple[Optional[str], _Line, list[_Line]]] = None
    for event in only_rows(events):
        if event.kind == VERSION:
            continue
        if event.kind not in (RECORD, PAIRS, CONTINUATION, TEXT):
            unexpected(event)
        line = _Line(event, bare_pairs)
        if event.kind in (CONTINUATION, TEXT):
            if current is None:
                unexpected(event)  # the table admits no continuation before a record
            current[2].append(line)
            continue
        if current is not None:
            yield _Record(current[0], current[1], tuple(current[2]))
        current = (event.cells.get("type"), line, [])
    if current is not None:
        yield _Record(current[0], current[1], tuple(current[2]))


class _Fields:
    """The pairs of one record line mapped to record fields by a key table (any case)."""

    def __init__(
        self,
        line: _Line,
        keys: Mapping[str, str],
        context: Context,
        what: str,
        shared: bool = False,
    ) -> None:
        self.line = line
        self.context = context
        self.what = what
        self.values: dict[str, Optional[str]] = {}
        self.columns: dict[str, int] = {}
        self.extra: dict[str, Optional[str]] = {}
        for pair in line.pairs:
            field = keys.get(pair.key.lower())
            if field is None:
                self.extra[pair.key] = pair.value
                continue
            if field in self.values:
                raise self.error(f"{pair.key} gives the {what}'s {field} twice", pair.column)
            value = pair.value
            if shared and value is not None and field != "mac":
                # Devices' values repeat from domain to domain: one string per value.
                value = share_name(value) if field in _NAME_FIELDS else share(value)
            self.values[field] = value
            self.columns[field] = pair.value_column

    def error(self, why: str, column: int = 0) -> ParseError:
        return self.context.error(self.line.event, why, column)

    def get(self, field: str) -> Optional[str]:
        return self.values.get(field)

    def checked(self, field: str, pattern: str, describe: str) -> Optional[str]:
        value = self.values.get(field)
        if value is not None and value.strip() == "--":
            return None  # ldm's "no value" in every human listing; taken the same here
        if value is not None and not re.fullmatch(pattern, value.strip()):
            raise self.error(f"expected {describe}, got {value!r}", self.columns[field])
        return value.strip() if value is not None else None

    def required(self, field: str, key: str) -> str:
        value = self.values.get(field)
        if value is None:
            raise self.error(f"expected {key}=... : a {self.what} record names its {key}")
        return value


_NUMBER = r"\d+"
_VID_LIST = r"\d+(?:,\d+)*"
_MAC = MAC.replace("|--", "")


# ldm list -p's DOMAIN line: keys verified by a published sample (research/ldm-parseable/01).
_DOMAIN_KEYS = {
    "name": "name",
    "state": "state",
    "flags": "flags",
    "cons": "cons",
    "ncpu": "ncpu",
    "mem": "mem",
    "util": "util",
    "norm_util": "norm_util",
    "uptime": "uptime",
}

# VNET keys: name, dev, service, mac-addr verified (Oracle's list-constraints -p sample); pvid,
# vid, mtu, id read by published code; the rest are add-vnet's property names (unverified).
_VNET_KEYS = {
    "name": "name",
    "service": "service",
    "mac-addr": "mac",
    "mac": "mac",
    "macaddress": "mac",
    "dev": "device",
    "device": "device",
    "id": "id",
    "pvid": "pvid",
    "pvlan": "pvlan",
    "vid": "vids",
    "vids": "vids",
    "mtu": "mtu",
    "maxbw": "maxbw",
    "mode": "mode",
    "linkprop": "linkprop",
    "custom": "custom",
    "custom/max-mac-addrs": "max_custom_macs",
    "max-custom-macs": "max_custom_macs",
    "custom/max-vlans": "max_custom_vlans",
    "max-custom-vlans": "max_custom_vlans",
}

# VSW keys: name, mac-addr, net-dev, dev verified (same sample); default-vlan-id, pvid, vid,
# mtu, id read by published code; ldom, linkprop, mode, inter-vnet-link unverified.
_VSW_KEYS = {
    "name": "name",
    "ldom": "domain",
    "mac-addr": "mac",
    "mac": "mac",
    "macaddress": "mac",
    "net-dev": "net_dev",
    "netdev": "net_dev",
    "dev": "device",
    "device": "device",
    "id": "id",
    "linkprop": "linkprop",
    "default-vlan-id": "default_vlan_id",
    "pvid": "pvid",
    "vid": "vids",
    "vids": "vids",
    "mtu": "mtu",
    "mode": "mode",
    "inter-vnet-link": "inter_vnet_link",
}

# list-netdev's keys: class read by published code; the others are the human columns'
# names (unverified). Keys with no field are accepted and not kept (NetDevice has no extra).
_NETDEV = {
    "name": "name",
    "class": "class",
    "media": "media",
    "state": "state",
    "status": "state",
    "speed": "speed",
    "over": "over",
    "loc": "loc",
    "location": "loc",
}

# Fields whose values are names (shared in a table of their own, ``ldm_network.share_name``).
_NAME_FIELDS = frozenset({"name", "domain", "net_dev", "over", "loc"})
_VNET_NUMBERS = ("id", "pvid", "mtu", "max_custom_macs", "max_custom_vlans")
_VSW_NUMBERS = ("id", "default_vlan_id", "pvid", "mtu")


def _vnet(record: _Record, domain: Optional[str], context: Context) -> VirtualNetwork:
    f = _Fields(record.head, _VNET_KEYS, context, "VNET", shared=True)
    name = f.required("name", "name")
    service = f.get("service") or ""
    switch, _, service_domain = service.partition("@")
    numbers = {n: _number(f.checked(n, _NUMBER, f"a number for {n}")) for n in _VNET_NUMBERS}
    return VirtualNetwork(
        domain=domain,
        name=name,
        service=share(switch) if switch else None,
        service_domain=share(service_domain) if service_domain else None,
        mac=f.checked("mac", _MAC, "a MAC address"),
        vids=f.checked("vids", _VID_LIST, "VLAN IDs such as 5,6"),
        pvlan=f.get("pvlan"),
        device=f.get("device"),
        linkprop=f.get("linkprop"),
        maxbw=f.get("maxbw"),
        mode=f.get("mode"),
        custom=f.get("custom"),
        extra=f.extra,
        line=record.head.line,
        **numbers,  # type: ignore[arg-type]
    )


def _vsw(record: _Record, domain: Optional[str], context: Context) -> VirtualSwitch:
    f = _Fields(record.head, _VSW_KEYS, context, "VSW", shared=True)
    name = f.required("name", "name")
    numbers = {n: _number(f.checked(n, _NUMBER, f"a number for {n}")) for n in _VSW_NUMBERS}
    return VirtualSwitch(
        name=name,
        domain=f.get("domain") or domain,
        mac=f.checked("mac", _MAC, "a MAC address"),
        net_dev=f.get("net_dev"),
        device=f.get("device"),
        linkprop=f.get("linkprop"),
        vids=f.checked("vids", _VID_LIST, "VLAN IDs such as 5,6"),
        mode=f.get("mode"),
        inter_vnet_link=f.get("inter_vnet_link"),
        extra=f.extra,
        line=record.head.line,
        **numbers,  # type: ignore[arg-type]
    )


def _netdev(
    line: _Line, members: Sequence[_Line], domain: Optional[str], context: Context
) -> NetDevice:
    f = _Fields(line, _NETDEV, context, "device", shared=True)
    name = f.required("name", "name")
    speed = f.checked("speed", SPEED, "a speed such as 1G or 1000")
    loc = f.get("loc")
    over = f.get("over")
    if over is None and members:
        # An aggregation's members, printed on the lines under it (list-netdev -l -p).
        names = [dict((p.key.lower(), p.value) for p in m.pairs).get("name") for m in members]
        over = ",".join(n for n in names if n) or None
    vswitch = vnet = None
    if f.get("class") == "VNET" and loc and "/" in loc and not loc.startswith("/"):
        vswitch, vnet = loc.split("/", 1)
        vswitch, vnet = share_name(vswitch), share_name(vnet)
    return NetDevice(
        domain=domain,
        name=name,
        class_=f.get("class"),
        media=f.get("media"),
        state=f.get("state"),
        speed=speed,
        speed_raw=speed,
        over=over,
        loc=loc,
        vswitch=vswitch,
        vnet=vnet,
        line=line.line,
    )


def _domain_name(record: _Record, context: Context) -> str:
    # A domain's name is in the records of every command about it: one string for all of them.
    name = _Fields(record.head, {"name": "name"}, context, "DOMAIN").required("name", "name")
    return share_name(name)


def _context_domain(context: Context) -> Optional[str]:
    domain = text_or_none(context.domain)
    return None if domain is None else share_name(domain)


def _number(value: Optional[str]) -> Optional[int]:
    """A checked number (digits, stripped), one int per value (``ldm_network.shared_number``)."""
    return None if value is None else shared_number(value)


# Record types ldm's listings print that hold no network record: consumed, by name.
_CONSUMED = frozenset(
    {
        *CONSUMED_TABLES,
        *KEY_VALUE_SECTIONS,
        *VALUE_SECTIONS,
        "VARIABLES",
        "VCONS",
        "VDISK",
        "VSAN",
        "VHBA",
        "PCIE",
        "VF",
        "PEER",
        "CLIENT",
    }
)


def _unknown(record: _Record, context: Context, allowed: Sequence[str]) -> ParseError:
    known = ", ".join(sorted(allowed))
    return context.error(
        record.head.event,
        f"{record.type} is not a record this listing prints (expected one of: {known})",
    )


def _sub_error(record: _Record, context: Context, why: str) -> ParseError:
    return context.error(record.subs[0].event, why)


# --- the assemblers ----------------------------------------------------------------------------


def _assemble_list(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    for record in _group(only_rows(events), False):
        if record.type != "DOMAIN":
            raise _unknown(record, context, ["DOMAIN"])
        if record.subs:
            raise _sub_error(record, context, "ldm list -p prints one DOMAIN line per domain")
        f = _Fields(record.head, _DOMAIN_KEYS, context, "DOMAIN")
        numbers = {n: f.checked(n, _NUMBER, f"a number for {n}") for n in ("ncpu", "mem", "uptime")}
        out.append(
            Domain(
                name=f.required("name", "name"),
                state=f.get("state"),
                flags=f.get("flags"),
                cons=f.get("cons"),
                util=f.get("util"),
                norm_util=f.get("norm_util"),
                extra=f.extra,
                line=record.head.line,
                **numbers,
            )
        )
    return out


def _listing(
    *, read: Sequence[str], consumed: Sequence[str]
) -> Callable[[Iterable[Item], Context], list[Record]]:
    """VNET and VSW records of a listing; DOMAIN names the domain of what follows."""
    allowed = frozenset({"DOMAIN", *read, *consumed})

    def assemble(events: Iterable[Item], context: Context) -> list[Record]:
        out: list[Record] = []
        domain = _context_domain(context)
        for record in _group(only_rows(events), False):
            type_ = record.type or ""
            if type_ not in allowed:
                raise _unknown(record, context, sorted(allowed))
            if type_ == "DOMAIN":
                domain = _domain_name(record, context)
            elif type_ == "VNET" and type_ in read:
                out.append(_vnet(record, domain, context))
            elif type_ == "VSW" and type_ in read:
                out.append(_vsw(record, domain, context))
            # Anything else (and the peers and clients under a VNET or VSW) is consumed.
        return out

    return assemble


def _assemble_netdev(events: Iterable[Item], context: Context) -> list[Record]:
    out: list[Record] = []
    domain = _context_domain(context)
    for record in _group(only_rows(events), True):
        if record.type == "DOMAIN":
            domain = _domain_name(record, context)
            # The ldm convention of a TYPE line with its items under it: devices as "|" lines.
            out += [_netdev(sub, (), domain, context) for sub in record.subs]
        elif record.type in (None, "NETDEV"):
            out.append(_netdev(record.head, record.subs, domain, context))
        else:
            raise _unknown(record, context, ["DOMAIN", "NETDEV"])
    return out


# --- the grammars ------------------------------------------------------------------------------


def _p_only(invocation: Invocation) -> bool:
    return invocation.flags == frozenset("p") and not invocation.options


def _netdev_p(invocation: Invocation) -> bool:
    return invocation.flags in (frozenset("p"), frozenset("lp")) and not invocation.options


def _network_p(invocation: Invocation) -> bool:
    formats = invocation.option("o")
    if formats is None or invocation.flags != frozenset("p"):
        return False
    if any(k != "o" for k, _ in invocation.options):
        return False
    return all(part in ("network", "net") for part in formats.split(","))


LIST_P = Grammar(
    key="ldm list -p",
    program="ldm",
    subcommand="list",
    table=ParseableListing("ldm list -p"),
    assemble=_assemble_list,
    accepts=_p_only,
    summary="domains in parseable form: VERSION, then DOMAIN|name=...|state=...|flags=... lines",
)

LIST_NETWORK_P = Grammar(
    key="ldm list -o network -p",
    program="ldm",
    subcommand="list",
    table=ParseableListing("ldm list -o network -p"),
    assemble=_listing(read=("VNET", "VSW"), consumed=("MAC",)),
    accepts=_network_p,
    summary="virtual network devices and switches in parseable form: VNET|... and VSW|... lines",
    domain_operand=True,
)

LIST_NETDEV_P = Grammar(
    key="ldm list-netdev -p",
    program="ldm",
    subcommand="list-netdev",
    table=ParseableListing("ldm list-netdev -p", bare_pairs=True),
    assemble=_assemble_netdev,
    accepts=_netdev_p,
    summary="network devices of domains in parseable form (also -l -p): DOMAIN|name=... then "
    "name=...|class=... lines",
    domain_operand=True,
)

LIST_SERVICES_P = Grammar(
    key="ldm list-services -p",
    program="ldm",
    subcommand="list-services",
    table=ParseableListing("ldm list-services -p"),
    # The services ldm list-services prints besides VSW, as its human form consumes them.
    assemble=_listing(read=("VSW",), consumed=CONSUMED_TABLES),
    accepts=_p_only,
    summary="virtual switches in parseable form: VSW|... lines (VDS, VCC, ... consumed)",
    domain_operand=True,
)

LIST_BINDINGS_P = Grammar(
    key="ldm list-bindings -p",
    program="ldm",
    subcommand="list-bindings",
    table=ParseableListing("ldm list-bindings -p", free_text=("VARIABLES",)),
    assemble=_listing(read=("VNET", "VSW"), consumed=tuple(_CONSUMED)),
    accepts=_p_only,
    summary="bindings in parseable form: VNET|... and VSW|... lines (other records consumed)",
    domain_operand=True,
)

GRAMMARS: tuple[Grammar, ...] = (
    LIST_P,
    LIST_NETWORK_P,
    LIST_NETDEV_P,
    LIST_SERVICES_P,
    LIST_BINDINGS_P,
)

"""Typed records: one frozen attrs class per kind of row a command prints.

The converters here do all value normalising, so every grammar gets it for free:

* speeds become integers in Mb/s whatever the command printed (``1000``, ``1000Mb``,
  ``1G``, ``10G``, ``100M``); the printed token is kept beside it as ``speed_raw``;
* MAC addresses become lower-case and zero-padded (``0:14:4f:f9:cf:47`` ->
  ``00:14:4f:f9:cf:47``);
* ``--`` (libofmt's "no value") and blank cells become ``None``;
* integers (pvid, id, mtu, ...) become ``int``;
* ``yes``/``no`` cells (``show-phys -m``'s INUSE) become ``bool``.

Field names are a public JSON schema (see ``docs/schema.md``): snake_case, and ``class`` is
spelt ``class_`` in Python only because ``class`` is a keyword. Every record carries ``line``,
the 1-based line of the user's input it was read from. Records of tables that may leave
columns out (``-o FIELDS``) carry ``not_shown``: the fields None or empty because they were not
printed, as opposed to printed empty (``--``).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Callable, Optional, Union, overload

import attrs

from ._shared import sharer

__all__ = [
    "SCHEMA_VERSION",
    "Aggregation",
    "AggregationDetail",
    "AggregationPort",
    "Domain",
    "Etherstub",
    "FieldLines",
    "IpAddress",
    "IpInterface",
    "Link",
    "NetDevice",
    "NodeName",
    "OsRelease",
    "PhysicalAddress",
    "PhysicalLink",
    "PhysicalLocation",
    "ProbeStatus",
    "Record",
    "UnreadSection",
    "VirtualNetwork",
    "VirtualSwitch",
    "VirtualizationInfo",
    "Vnic",
    "int_or_none",
    "mac_or_none",
    "speed_mbps",
    "text_or_none",
    "to_dict",
    "yes_no_or_none",
]

# The version of the JSON schema of records, findings and reports (docs/schema.md).
SCHEMA_VERSION = 2

_SPEED = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>[KMGT]?)(?:b(?:ps)?|bit/s)?", re.IGNORECASE)
_UNIT_MBPS = {"": 1.0, "K": 0.001, "M": 1.0, "G": 1000.0, "T": 1_000_000.0}


def text_or_none(value: Optional[str]) -> Optional[str]:
    """``--`` (libofmt's empty value) and blank cells are ``None``; anything else is kept."""
    if value is None or value == "--" or value == "":
        return None
    if value[0].isspace() or value[-1].isspace():
        value = value.strip()
        if value in ("", "--"):
            return None
    return value


def speed_mbps(value: Union[str, int, None]) -> Optional[int]:
    """A link speed in Mb/s: ``1000``, ``1000Mb``, ``1G``, ``10G``, ``100M`` and ``0`` all read.

    dladm prints bare Mb/s (``show-phys``) or ``NNNMb`` (``show-aggr -x``); ldm prints ``1G``
    (``list-netdev``). A bare number is Mb/s, as dladm means it.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"negative speed {value}")
        return value
    return _speed_text(value)


@functools.lru_cache(maxsize=256)
def _speed_text(value: str) -> Optional[int]:
    # Tables repeat a handful of speed tokens thousands of times.
    text = text_or_none(value)
    if text is None:
        return None
    match = _SPEED.fullmatch(text)
    if match is None:
        raise ValueError(f"not a speed: {value!r}")
    mbps = float(match.group("num")) * _UNIT_MBPS[match.group("unit").upper()]
    return round(mbps)


_MAC = re.compile(r"[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}")


def mac_or_none(value: Optional[str]) -> Optional[str]:
    """A MAC address, lower-case and zero-padded; ``--``/blank is ``None``."""
    text = text_or_none(value)
    if text is None:
        return None
    if _MAC.fullmatch(text) is None:
        raise ValueError(f"not a MAC address: {value!r}")
    return ":".join([part.zfill(2) for part in text.lower().split(":")])


def int_or_none(value: Union[str, int, None]) -> Optional[int]:
    """An integer cell; ``--``/blank is ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = text_or_none(value)
    if text is None:
        return None
    return int(text)


def yes_no_or_none(value: Union[str, bool, None]) -> Optional[bool]:
    """A ``yes``/``no`` cell as a bool; ``--``/blank is ``None``."""
    if value is None or isinstance(value, bool):
        return value
    text = text_or_none(value)
    if text is None:
        return None
    if text == "yes":
        return True
    if text == "no":
        return False
    raise ValueError(f"not yes or no: {value!r}")


def _strings(value: Union[str, Iterable[str], None]) -> tuple[str, ...]:
    """A list cell: a space- or comma-separated string, or an iterable; ``--`` is empty."""
    if value is None:
        return ()
    if isinstance(value, str):
        text = text_or_none(value)
        if text is None:
            return ()
        return tuple(p for p in re.split(r"[\s,]+", text) if p and p != "--")
    return tuple(value)


# A frozenset is 216 bytes even when empty (and ``frozenset([])`` a new one each time): records
# share one per distinct set of fields left out.
_share_names: Callable[[frozenset[str]], frozenset[str]] = sharer(256)
_NOTHING_LEFT_OUT: frozenset[str] = frozenset()


def _names(value: Iterable[str]) -> frozenset[str]:
    """The fields a command's output left out (``not_shown``)."""
    names = value if isinstance(value, frozenset) else frozenset(value)
    return _share_names(names) if names else _NOTHING_LEFT_OUT


def _ints(value: Union[str, Iterable[int], None]) -> tuple[int, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(int(p) for p in _strings(value))
    return tuple(value)


def _pairs(
    value: Union[Mapping[str, Any], Iterable[tuple[str, Any]], None],
) -> tuple[tuple[str, Any], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        return tuple(value.items())
    return tuple(value)


# The layouts of ``field_lines`` (each field with its line's offset from a base line): the vnets
# of a listing print the same keys at the same offsets, so a fleet's thousands of vnets share a
# handful of layouts.
_share_layout: Callable[[tuple[tuple[str, int], ...]], tuple[tuple[str, int], ...]] = sharer(1024)


class FieldLines(Sequence[tuple[str, int]]):
    """A vnet's or vswitch's ``field_lines``: on which input line each field's value was
    printed, as ``(field, line)`` pairs in the order printed.

    It reads as the tuple of pairs it stands for: iterating, indexing, ``len``, ``==`` to a
    tuple of pairs (or to another ``FieldLines``), the same ``hash`` and ``repr``. It keeps a
    layout (each field with its line's offset from a base line), shared with every other vnet
    that printed its pairs the same way, and the base line: a tuple of pairs, two-tuples and
    line numbers per vnet was half the size of a fleet's whole input in memory.
    """

    __slots__ = ("_base", "_layout")
    _base: int
    _layout: tuple[tuple[str, int], ...]

    def __init__(self, pairs: Union[Mapping[str, int], Iterable[tuple[str, int]]] = ()) -> None:
        items = tuple(pairs.items() if isinstance(pairs, Mapping) else pairs)
        base = items[0][1] if items else 0
        for field, line in items:
            if type(field) is not str or type(line) is not int:
                raise TypeError(f"field_lines takes (field, line) pairs, not {(field, line)!r}")
        _set_base(self, base)
        _set_layout(self, _share_layout(tuple([(field, line - base) for field, line in items])))

    @classmethod
    def at(cls, base: int, offsets: tuple[tuple[str, int], ...]) -> FieldLines:
        """The lines ``base + offset`` of the fields given with their offsets (a reader that
        counted each pair's line from its row's: ``base`` is then the row's own line)."""
        if not offsets:
            return _NO_FIELD_LINES
        lines = _new_field_lines(cls)
        _set_base(lines, base)
        _set_layout(lines, _share_layout(offsets))
        return lines

    def get(self, field: str, default: Optional[int] = None) -> Optional[int]:
        """The line of ``field``'s value (``default`` when it has none)."""
        for name, offset in self._layout:
            if name == field:
                return self._base + offset
        return default

    def __len__(self) -> int:
        return len(self._layout)

    def __iter__(self) -> Iterator[tuple[str, int]]:
        base = self._base
        for field, offset in self._layout:
            yield field, base + offset

    @overload
    def __getitem__(self, index: int) -> tuple[str, int]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[str, int], ...]: ...

    def __getitem__(
        self, index: Union[int, slice]
    ) -> Union[tuple[str, int], tuple[tuple[str, int], ...]]:
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        if type(other) is FieldLines:
            layout = self._layout
            if layout is other._layout or layout == other._layout:
                return self._base == other._base or not layout
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        # A record's hash is its fields' hashes: the same as with the tuple of pairs.
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FieldLines, (tuple(self),))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()


# The slots' own setters: ``__setattr__`` refuses every assignment after construction.
_set_base = FieldLines.__dict__["_base"].__set__
_set_layout = FieldLines.__dict__["_layout"].__set__
_new_field_lines = object.__new__
_NO_FIELD_LINES = FieldLines()


def _field_lines(
    value: Union[FieldLines, Mapping[str, int], Iterable[tuple[str, int]], None],
) -> FieldLines:
    if type(value) is FieldLines:
        return value
    if value is None:
        return _NO_FIELD_LINES
    return FieldLines(value)


# attrs reads a converter's signature (for the annotations of the __init__ it writes) once per
# field: about a hundred inspect.signature calls, over a millisecond of every command's
# start-up. inspect.signature returns a function's __signature__ when it has one, so each
# converter's own signature is worked out once, here.
_CONVERTERS: tuple[Callable[..., Any], ...] = (
    text_or_none,
    speed_mbps,
    mac_or_none,
    int_or_none,
    yes_no_or_none,
    _strings,
    _ints,
    _names,
    _pairs,
    _field_lines,
)
for _converter in _CONVERTERS:
    _converter.__signature__ = inspect.signature(_converter)  # type: ignore[attr-defined]
del _converter

_is_str = attrs.validators.instance_of(str)

def _is_line(instance: Any, attribute: Any, value: int) -> None:
    """A 1-based line number (one validator call, not two: records are built per row)."""
    if type(value) is not int or value < 1:
        raise ValueError(f"line must be an int >= 1, not {value!r}")


@attrs.frozen(kw_only=True, weakref_slot=False)
class PhysicalLink:
    """A row of ``dladm show-phys``: a physical datalink as the domain sees it.

    In a guest domain the DEVICE of a virtual network device is its vnet instance (``vnet0``).
    """

    link: str = attrs.field(validator=_is_str)
    media: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    speed: Optional[int] = attrs.field(default=None, converter=speed_mbps)
    speed_raw: Optional[str] = attrs.field(default=None, converter=text_or_none)
    duplex: Optional[str] = attrs.field(default=None, converter=text_or_none)
    device: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class PhysicalAddress:
    """A row of ``dladm show-phys -m``: one MAC address slot of a physical link.

    Slot ``primary`` is the link's own address; numbered slots are the NIC's further factory
    addresses, which ``dladm create-vnic -m factory -n <slot>`` hands to a VNIC. dladm prints
    LINK only on a link's primary row; ``link`` is filled from it on the rows below.
    ``client`` is the datalink using the address (None when unused).
    """

    link: str = attrs.field(validator=_is_str)
    slot: Optional[str] = attrs.field(default=None, converter=text_or_none)
    address: Optional[str] = attrs.field(default=None, converter=mac_or_none)
    in_use: Optional[bool] = attrs.field(default=None, converter=yes_no_or_none)
    client: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)

    @property
    def primary(self) -> bool:
        """Whether this is the link's primary address (slot 0, printed ``primary``)."""
        return self.slot == "primary"


@attrs.frozen(kw_only=True, weakref_slot=False)
class PhysicalLocation:
    """A row of ``dladm show-phys -L``: where a physical link's device sits in the machine.

    ``location`` is printed under LOC (or LOCATION in the Solaris 11.2 documentation): ``MB``
    for the motherboard, ``MB/RISER0/PCIE0/PORT1`` for a card's port. It decides the order in
    which Solaris gives out the generic names ``net0``, ``net1``...
    """

    link: str = attrs.field(validator=_is_str)
    device: Optional[str] = attrs.field(default=None, converter=text_or_none)
    location: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Aggregation:
    """A row of plain ``dladm show-aggr``.

    Solaris 11.1 and later print MODE (``trunk`` or ``dlmp``); 11.0 printed FLAGS instead
    (``-----``, first position ``f`` for a forced aggregation), so one of ``mode``/``flags``
    is None.
    """

    link: str = attrs.field(validator=_is_str)
    mode: Optional[str] = attrs.field(default=None, converter=text_or_none)
    policy: Optional[str] = attrs.field(default=None, converter=text_or_none)
    addrpolicy: Optional[str] = attrs.field(default=None, converter=text_or_none)
    lacpactivity: Optional[str] = attrs.field(default=None, converter=text_or_none)
    lacptimer: Optional[str] = attrs.field(default=None, converter=text_or_none)
    flags: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class AggregationPort:
    """A member (port) row of ``dladm show-aggr -x``."""

    port: str = attrs.field(validator=_is_str)
    speed: Optional[int] = attrs.field(default=None, converter=speed_mbps)
    speed_raw: Optional[str] = attrs.field(default=None, converter=text_or_none)
    duplex: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    address: Optional[str] = attrs.field(default=None, converter=mac_or_none)
    portstate: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


def _ports(value: Iterable[AggregationPort]) -> tuple[AggregationPort, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class AggregationDetail:
    """An aggregation row of ``dladm show-aggr -x`` with the port rows printed under it."""

    link: str = attrs.field(validator=_is_str)
    speed: Optional[int] = attrs.field(default=None, converter=speed_mbps)
    speed_raw: Optional[str] = attrs.field(default=None, converter=text_or_none)
    duplex: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    address: Optional[str] = attrs.field(default=None, converter=mac_or_none)
    ports: tuple[AggregationPort, ...] = attrs.field(default=(), converter=_ports)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class ProbeStatus:
    """A row of ``dladm show-aggr -S`` (``-nS``): the probe state of one port.

    ``targets`` are the ICMP probe targets (IP addresses); ``xtargets`` the ports this port
    reaches with transitive probes. ``flags`` is kept as the positional string printed
    (``u--3``): no Oracle source documents what each position means.
    """

    link: str = attrs.field(validator=_is_str)
    port: str = attrs.field(validator=_is_str)
    flags: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    targets: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    xtargets: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class NetDevice:
    """A row of ``ldm list-netdev``: a network device of a domain, seen from the control domain.

    For a virtual network device LOC is ``<vswitch>/<vnet>`` (``primary-vsw0/vnet6``);
    ``vswitch`` and ``vnet`` split it.
    """

    domain: Optional[str] = attrs.field(default=None, converter=text_or_none)
    name: str = attrs.field(validator=_is_str)
    class_: Optional[str] = attrs.field(default=None, converter=text_or_none)
    media: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    speed: Optional[int] = attrs.field(default=None, converter=speed_mbps)
    speed_raw: Optional[str] = attrs.field(default=None, converter=text_or_none)
    over: Optional[str] = attrs.field(default=None, converter=text_or_none)
    loc: Optional[str] = attrs.field(default=None, converter=text_or_none)
    vswitch: Optional[str] = attrs.field(default=None, converter=text_or_none)
    vnet: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)


@attrs.frozen(kw_only=True, weakref_slot=False)
class VirtualNetwork:
    """A virtual network device (vnet) of a domain, from ``ldm list -o network``.

    ``service`` is the virtual switch and ``service_domain`` the domain it is in (``SERVICE``
    prints them as ``primary-vsw0@primary``). ``extra`` keeps ``KEY :value`` pairs this
    version of dlmpparse has no field for (PRIORITY, COS, PROTECTION, ...), keyed as printed.
    ``field_lines`` says on which input line each field's value was printed.
    """

    domain: Optional[str] = attrs.field(default=None, converter=text_or_none)
    name: str = attrs.field(validator=_is_str)
    service: Optional[str] = attrs.field(default=None, converter=text_or_none)
    service_domain: Optional[str] = attrs.field(default=None, converter=text_or_none)
    mac: Optional[str] = attrs.field(default=None, converter=mac_or_none)
    pvid: Optional[int] = attrs.field(default=None, converter=int_or_none)
    pvlan: Optional[str] = attrs.field(default=None, converter=text_or_none)
    vids: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    device: Optional[str] = attrs.field(default=None, converter=text_or_none)
    id: Optional[int] = attrs.field(default=None, converter=int_or_none)
    linkprop: Optional[str] = attrs.field(default=None, converter=text_or_none)
    mtu: Optional[int] = attrs.field(default=None, converter=int_or_none)
    maxbw: Optional[str] = attrs.field(default=None, converter=text_or_none)
    mode: Optional[str] = attrs.field(default=None, converter=text_or_none)
    custom: Optional[str] = attrs.field(default=None, converter=text_or_none)
    max_custom_macs: Optional[int] = attrs.field(default=None, converter=int_or_none)
    max_custom_vlans: Optional[int] = attrs.field(default=None, converter=int_or_none)
    extra: tuple[tuple[str, Optional[str]], ...] = attrs.field(default=(), converter=_pairs)
    field_lines: Sequence[tuple[str, int]] = attrs.field(
        default=_NO_FIELD_LINES, converter=_field_lines
    )
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)

    def line_of(self, field: str) -> int:
        """The input line the given field's value was printed on (the vnet's row otherwise)."""
        line = _field_lines(self.field_lines).get(field)
        return self.line if line is None else line


@attrs.frozen(kw_only=True, weakref_slot=False)
class IpInterface:
    """An IP interface: a row of ``ipadm`` (Solaris 11.4 default view) or ``ipadm show-if``.

    ``under`` is the IPMP interface it is under (``ipadm``); ``active`` (yes/no), ``over`` (the
    interfaces an IPMP interface is over) and ``persistent`` (flags such as ``46--``) come
    from ``ipadm show-if``; fields a command does not print are None (or empty).
    """

    name: str = attrs.field(validator=_is_str)
    class_: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    under: Optional[str] = attrs.field(default=None, converter=text_or_none)
    active: Optional[str] = attrs.field(default=None, converter=text_or_none)
    over: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    persistent: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class IpAddress:
    """An address row of ``ipadm``: one address of an address object (``aggr0/v4``).

    An addrconf object with several addresses gives one record per address.
    """

    addrobj: str = attrs.field(validator=_is_str)
    interface: str = attrs.field(validator=_is_str)
    type: Optional[str] = attrs.field(default=None, converter=text_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    addr: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Link:
    """A row of ``dladm show-link`` (or bare ``dladm``): any datalink and what it is over.

    ``over`` lists the links under an aggregation, VNIC or VLAN (space-separated in 11.0-11.2,
    comma-separated in 11.3+); ``bridge`` is Solaris 11.0's BRIDGE column.
    """

    link: str = attrs.field(validator=_is_str)
    class_: Optional[str] = attrs.field(default=None, converter=text_or_none)
    mtu: Optional[int] = attrs.field(default=None, converter=int_or_none)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    bridge: Optional[str] = attrs.field(default=None, converter=text_or_none)
    over: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Etherstub:
    """A row of ``dladm show-etherstub``: an Ethernet stub (a virtual switch with no wire)."""

    link: str = attrs.field(validator=_is_str)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Vnic:
    """A row of ``dladm show-vnic``: LINK OVER SPEED MACADDRESS MACADDRTYPE IDS (11.3+) or VIDS.

    ``vids`` are the VLAN IDs (``VID:0`` in 11.3+, ``0`` before).
    """

    link: str = attrs.field(validator=_is_str)
    over: Optional[str] = attrs.field(default=None, converter=text_or_none)
    speed: Optional[int] = attrs.field(default=None, converter=speed_mbps)
    speed_raw: Optional[str] = attrs.field(default=None, converter=text_or_none)
    macaddress: Optional[str] = attrs.field(default=None, converter=mac_or_none)
    macaddrtype: Optional[str] = attrs.field(default=None, converter=text_or_none)
    vids: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class VirtualSwitch:
    """A virtual switch (vsw) service: from ``ldm list-services`` or a domain's VSW section.

    ``domain`` is the service domain the switch is in; ``net_dev`` the backing device (a
    physical link, an aggregation, or an etherstub; None when it has none). ``extra`` keeps
    columns or ``KEY :value`` pairs this version has no field for.
    """

    name: str = attrs.field(validator=_is_str)
    domain: Optional[str] = attrs.field(default=None, converter=text_or_none)
    mac: Optional[str] = attrs.field(default=None, converter=mac_or_none)
    net_dev: Optional[str] = attrs.field(default=None, converter=text_or_none)
    device: Optional[str] = attrs.field(default=None, converter=text_or_none)
    id: Optional[int] = attrs.field(default=None, converter=int_or_none)
    linkprop: Optional[str] = attrs.field(default=None, converter=text_or_none)
    default_vlan_id: Optional[int] = attrs.field(default=None, converter=int_or_none)
    pvid: Optional[int] = attrs.field(default=None, converter=int_or_none)
    vids: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    mtu: Optional[int] = attrs.field(default=None, converter=int_or_none)
    mode: Optional[str] = attrs.field(default=None, converter=text_or_none)
    inter_vnet_link: Optional[str] = attrs.field(default=None, converter=text_or_none)
    extra: tuple[tuple[str, Optional[str]], ...] = attrs.field(default=(), converter=_pairs)
    field_lines: Sequence[tuple[str, int]] = attrs.field(
        default=_NO_FIELD_LINES, converter=_field_lines
    )
    line: int = attrs.field(validator=_is_line)
    not_shown: frozenset[str] = attrs.field(default=frozenset(), converter=_names)


@attrs.frozen(kw_only=True, weakref_slot=False)
class OsRelease:
    """The Oracle Solaris release a domain runs, from ``uname -a``/``-v``/``-r`` or
    ``pkg info entire``.

    ``release`` is ``11.4`` (``5.11`` alone, from ``uname -r``, says only "Solaris 11");
    ``version`` the full version when shown (``11.4.0.15.0``; 11.4's third number is the SRU,
    kept as ``sru``); ``branch`` the IPS branch from ``pkg info entire``; ``domain`` the node
    name when the output shows it (``uname -a``); ``source`` the command it came from.
    """

    domain: Optional[str] = attrs.field(default=None, converter=text_or_none)
    release: Optional[str] = attrs.field(default=None, converter=text_or_none)
    version: Optional[str] = attrs.field(default=None, converter=text_or_none)
    sru: Optional[int] = attrs.field(default=None, converter=int_or_none)
    branch: Optional[str] = attrs.field(default=None, converter=text_or_none)
    source: str = attrs.field(validator=_is_str)
    line: int = attrs.field(validator=_is_line)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Domain:
    """A domain as ``ldm list -p`` prints it: a ``DOMAIN|name=...|state=...`` line.

    ``flags`` is kept as printed: positional letters (``-n-cv-``), or spelt out with ``-l -p``
    (``normal,control,vio-service``). ``mem`` is in bytes and ``uptime`` in seconds, as the
    parseable form prints them; ``util`` and ``norm_util`` are the percentages as printed
    (``0.4``). ``extra`` keeps keys this version has no field for, keyed as printed.
    """

    name: str = attrs.field(validator=_is_str)
    state: Optional[str] = attrs.field(default=None, converter=text_or_none)
    flags: Optional[str] = attrs.field(default=None, converter=text_or_none)
    cons: Optional[str] = attrs.field(default=None, converter=text_or_none)
    ncpu: Optional[int] = attrs.field(default=None, converter=int_or_none)
    mem: Optional[int] = attrs.field(default=None, converter=int_or_none)
    util: Optional[str] = attrs.field(default=None, converter=text_or_none)
    norm_util: Optional[str] = attrs.field(default=None, converter=text_or_none)
    uptime: Optional[int] = attrs.field(default=None, converter=int_or_none)
    extra: tuple[tuple[str, Optional[str]], ...] = attrs.field(default=(), converter=_pairs)
    line: int = attrs.field(validator=_is_line)


@attrs.frozen(kw_only=True, weakref_slot=False)
class NodeName:
    """A domain's Solaris node name as ``uname -n`` or ``hostname`` prints it (also what the
    prompt usually shows; it need not be the domain's LDom name). ``source`` is the command."""

    node: str = attrs.field(validator=_is_str)
    source: str = attrs.field(validator=_is_str)
    line: int = attrs.field(validator=_is_line)


@attrs.frozen(kw_only=True, weakref_slot=False)
class VirtualizationInfo:
    """What ``virtinfo -a`` prints in a logical domain about that domain itself.

    ``roles`` are the words after ``Domain role: LDoms`` (``control``, ``guest``, ``I/O``,
    ``service``, ``root``); ``name`` the LDom name (``Domain name:``); ``control_node`` the
    Solaris node name of its control domain (``Control domain:``); ``serial`` the chassis
    serial number, which tells one physical server from another.
    """

    impl: Optional[str] = attrs.field(default=None, converter=text_or_none)
    roles: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    name: Optional[str] = attrs.field(default=None, converter=text_or_none)
    uuid: Optional[str] = attrs.field(default=None, converter=text_or_none)
    control_node: Optional[str] = attrs.field(default=None, converter=text_or_none)
    serial: Optional[str] = attrs.field(default=None, converter=text_or_none)
    line: int = attrs.field(validator=_is_line)


@attrs.frozen(kw_only=True, weakref_slot=False)
class UnreadSection:
    """A section of an ldm listing under a heading this version does not know (``DISK`` in
    LDoms 1.x's ``list-bindings``, a later release's ``PCIE``...): its lines ``line`` (the
    heading) to ``last_line`` were consumed, not read. ``domain`` is the listing's domain
    there. The transcript reader reports it as text not read; the listing's other sections
    (VSW, NETWORK) are read as usual.
    """

    section: str = attrs.field(validator=_is_str)
    domain: Optional[str] = attrs.field(default=None, converter=text_or_none)
    last_line: int = attrs.field(validator=_is_line)
    line: int = attrs.field(validator=_is_line)


Record = Union[
    PhysicalLink,
    PhysicalAddress,
    PhysicalLocation,
    Aggregation,
    AggregationDetail,
    AggregationPort,
    ProbeStatus,
    NetDevice,
    VirtualNetwork,
    IpInterface,
    IpAddress,
    Link,
    Etherstub,
    Vnic,
    VirtualSwitch,
    OsRelease,
    Domain,
    NodeName,
    VirtualizationInfo,
    UnreadSection,
]

_MAPPING_FIELDS = frozenset({"extra", "field_lines"})


def to_dict(record: Record) -> dict[str, Any]:
    """A record as JSON-ready data: ``{"record": "<class name>", <field>: <value>, ...}``.

    ``class_`` is written ``class``; tuples become lists; ``extra`` and ``field_lines`` become
    objects; nested records (the ports of an ``AggregationDetail``) become objects too.
    ``not_shown`` is written (as a sorted list) only when it names a field.
    """
    out: dict[str, Any] = {"record": type(record).__name__}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        key = field.name.rstrip("_")
        if field.name == "not_shown":
            # Only output that left fields out says so: full tables keep their JSON as it was.
            if value:
                out[key] = sorted(name.rstrip("_") for name in value)
        elif field.name in _MAPPING_FIELDS:
            out[key] = dict(value)
        elif isinstance(value, tuple):
            out[key] = [to_dict(v) if attrs.has(type(v)) else v for v in value]
        else:
            out[key] = value
    return out

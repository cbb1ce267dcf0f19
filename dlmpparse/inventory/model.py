"""The inventory's records: what each domain printed (``DomainView``), each domain's ldm state,
the configuration commands typed, and each guest's aggregation with its members joined down to
the service domains (``AggregationTarget``, ``Member``) - all in one ``System``, the input of
every rule."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Callable, Optional, TypeVar, Union, overload

import attrs

from ..commands import Invocation
from ..domains import Attribution, DomainIdentity
from ..reader import BlockResult, Reading, invocation_of
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
    "AggregationTarget",
    "ConfigChange",
    "CreatedAggregation",
    "DomainState",
    "DomainView",
    "LinkProperty",
    "Member",
    "System",
    "latest",
]


@attrs.frozen
class CreatedAggregation:
    """``dladm create-aggr [-m mode] -l link ... name``: prints nothing, names the members."""

    link: str
    mode: Optional[str]
    members: tuple[str, ...]
    line: int


@attrs.frozen
class LinkProperty:
    """``dladm set-linkprop -p name=value link`` (``probe-ip=+`` enables probing)."""

    link: str
    name: str
    value: str
    line: int


@attrs.frozen
class ConfigChange:
    """A configuration command typed in a domain (``command`` is ``program subcommand``):
    listings printed before ``line`` show the state before it."""

    command: str
    names: tuple[str, ...]
    text: str
    line: int

    @classmethod
    def typed(cls, invocation: Invocation, line: int) -> ConfigChange:
        """The change ``invocation`` typed at ``line`` makes (``names``: its option values and
        operands, ``add-ipmp -i net0 ipmp0``, ``create-aggr -l net0,net1 aggr0``)."""
        command, names = _named(invocation)
        return cls(command, names, invocation.raw, line)

    def touches(self, names: Iterable[str]) -> bool:
        """Whether it names one of ``names`` (a link, an interface ``net0`` of ``net0/v4``)."""
        wanted = set(names)
        return any(word in wanted or word.partition("/")[0] in wanted for word in self.names)


# The command name and the names of each invocation, by its id (the invocation kept beside
# them, so an id is never another's): a fleet types the same few commands in every guest,
# and its changes are made each time a rule asks for them.
_NAMED: dict[int, tuple[Invocation, str, tuple[str, ...]]] = {}


def _named(invocation: Invocation) -> tuple[str, tuple[str, ...]]:
    found = _NAMED.get(id(invocation))
    if found is not None and found[0] is invocation:
        return found[1], found[2]
    words = [v for _, value in invocation.options for v in value.split(",") if v]
    command = f"{invocation.program} {invocation.subcommand or ''}"
    names = (*words, *invocation.operands) if words else invocation.operands
    if len(_NAMED) >= 1024:
        _NAMED.clear()
    _NAMED[id(invocation)] = (invocation, command, names)
    return command, names


_T = TypeVar("_T")
_M = TypeVar("_M")
# Up to this many records of a kind, a view is scanned rather than indexed.
_SMALL = 24


class _FromResults(Sequence[_T]):
    """What a domain view says of some of its block results (the listings' grammars and
    prompt lines, the configuration commands typed), made when asked: the view holds the
    results themselves, which the reading keeps anyway, not a tuple or an object per result
    (those were a fifth of a fleet's input size). Equal to the tuple it stands for."""

    __slots__ = ("_results",)

    def __init__(self, results: Iterable[BlockResult]) -> None:
        self._results = tuple(results)

    def _made(self, results: Sequence[BlockResult]) -> list[_T]:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._results)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[_T, ...]: ...
    def __getitem__(self, index: Union[int, slice]) -> Union[_T, tuple[_T, ...]]:
        if isinstance(index, slice):
            return tuple(self._made(self._results[index]))
        return self._made((self._results[index],))[0]

    def __iter__(self) -> Iterator[_T]:
        return iter(self._made(self._results))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, _FromResults)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def _invocation_of(result: BlockResult) -> Invocation:
    invocation = invocation_of(result)
    assert invocation is not None
    return invocation


class Listings(_FromResults[tuple[str, int]]):
    """``(grammar, prompt line)`` of each listing read in a domain, in input order."""

    __slots__ = ()

    def _made(self, results: Sequence[BlockResult]) -> list[tuple[str, int]]:
        return [(r.grammar or "", r.line) for r in results]


class Scopes(_FromResults[tuple[int, tuple[str, ...]]]):
    """``(prompt line, operands)`` of each listing that named what to show."""

    __slots__ = ()

    def _made(self, results: Sequence[BlockResult]) -> list[tuple[int, tuple[str, ...]]]:
        return [(r.line, _invocation_of(r).operands) for r in results]


_R = TypeVar("_R")


def latest(records: Iterable[_R], after: Optional[int] = None) -> list[_R]:
    """The records printed after line ``after`` (all of them when it is None): the evidence
    that still holds after the configuration change printed at ``after``."""
    if after is None:
        return list(records)
    return [r for r in records if getattr(r, "line", 0) > after]


# ldm(8) "Flag Definitions": the FLAGS letters are positional; column 1 ``s`` is a domain
# starting or stopping, column 2 ``t`` one in transition (``n`` normal, ``d`` degraded). With
# ``ldm list -l -p`` the flags are spelled out (``normal,control,vio-service``).
_UNSETTLED_WORDS = ("starting", "stopping", "transition", "degraded")


@attrs.frozen
class DomainState:
    """A domain's state as the control domain's ldm printed it (``ldm list``, ``ldm list -p``):
    STATE (``active``, ``bound``, ``inactive``) and FLAGS as printed, with the line."""

    name: str
    state: Optional[str]
    flags: Optional[str]
    line: int

    @property
    def unsettled(self) -> Optional[str]:
        """What the FLAGS say keeps an active domain from running normally, None if nothing."""
        flags = self.flags or ""
        if "," in flags or flags.isalpha():
            words = [w for w in flags.split(",") if w in _UNSETTLED_WORDS]
            return " and ".join(words) or None
        if flags[:1] == "s":
            return "starting or stopping"
        if flags[1:2] == "t":
            return "in transition (booting or at the ok prompt)"
        if flags[1:2] == "d":
            return "degraded (missing resources)"
        return None

    @property
    def running(self) -> bool:
        """Active (or of a state not shown: no evidence against it) with no flag saying it
        is starting, stopping, in transition or degraded."""
        return self.state in (None, "active") and self.unsettled is None

    def describe(self) -> str:
        """``bound (not active)``, ``active but starting or stopping, flags s-----``."""
        if self.state != "active":
            return f"{self.state or 'in an unknown state'} (not active)"
        return f"active but {self.unsettled}, flags {self.flags}"


@attrs.frozen
class DomainView:
    """What one domain printed about itself (the prompt named it)."""

    name: Optional[str]
    physical: tuple[PhysicalLink, ...] = ()
    aggregations: tuple[Aggregation, ...] = ()
    details: tuple[AggregationDetail, ...] = ()
    probes: tuple[ProbeStatus, ...] = ()
    interfaces: tuple[IpInterface, ...] = ()
    addresses: tuple[IpAddress, ...] = ()
    created: tuple[CreatedAggregation, ...] = ()
    properties: tuple[LinkProperty, ...] = ()
    links: tuple[Link, ...] = ()
    etherstubs: tuple[Etherstub, ...] = ()
    vnics: tuple[Vnic, ...] = ()
    releases: tuple[OsRelease, ...] = ()
    # show-phys -m and -L: kept for callers; no rule reads them yet.
    mac_slots: tuple[PhysicalAddress, ...] = ()
    locations: tuple[PhysicalLocation, ...] = ()
    # (grammar, prompt line) of each listing read here, in input order.
    commands: Sequence[tuple[str, int]] = ()
    # Configuration commands typed here, in input order (time order).
    changes: Sequence[ConfigChange] = ()
    # The operands of the listings that named what to show (``ipadm show-if aggr0``), by
    # prompt line: such a listing says nothing about what it did not name.
    scopes: Sequence[tuple[int, tuple[str, ...]]] = ()
    # Look-ups by name and what rules derive for every target, made on first use: a domain
    # that lists thousands of links or aggregations was scanned once per member and per rule
    # (a check's time grew with the square of the table). Made only for a view of more than
    # _SMALL records of a kind: a fleet's thousand small views are scanned (a dict per view
    # and kind held 2.5 x a fleet's input).
    _made: Optional[dict[str, Any]] = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def memo(self, key: str, make: Callable[[], _M], size: int) -> _M:
        """``make()``, made once per view when it is about more than a few records (``size``):
        look-ups that rules derive from the view's records, which they would otherwise make
        again for every target."""
        if size <= _SMALL:
            return make()
        made = self._made
        if made is None:
            made = {}
            object.__setattr__(self, "_made", made)
        if key not in made:
            made[key] = make()
        found: _M = made[key]
        return found

    def _find(self, name: str, records: Sequence[Any], link: str, last: bool) -> Any:
        """The first (or ``last``) of ``records`` about ``link``, None if none is."""
        if len(records) <= _SMALL:
            for record in reversed(records) if last else records:
                if record.link == link:
                    return record
            return None
        return self._index(name, records, last).get(link)

    def _index(self, name: str, records: Sequence[Any], last: bool) -> dict[Any, Any]:
        def make() -> dict[Any, Any]:
            index: dict[Any, Any] = {}
            for record in records:
                if last:
                    index[record.link] = record
                else:
                    index.setdefault(record.link, record)
            return index

        return self.memo(name, make, len(records))

    def scope(self, line: int) -> tuple[str, ...]:
        """The operands of the listing whose prompt is on ``line`` (empty: it showed all)."""
        scopes = self.scopes
        if len(scopes) <= _SMALL:
            if isinstance(scopes, Scopes):  # read from the results, no pair made
                return next(
                    (_invocation_of(r).operands for r in scopes._results if r.line == line), ()
                )
            return next((names for at, names in scopes if at == line), ())

        def make() -> dict[int, tuple[str, ...]]:
            index: dict[int, tuple[str, ...]] = {}
            if isinstance(scopes, Scopes):
                for result in scopes._results:
                    index.setdefault(result.line, _invocation_of(result).operands)
            else:
                for at, names in scopes:
                    index.setdefault(at, names)
            return index

        found: tuple[str, ...] = self.memo("scopes", make, len(scopes)).get(line, ())
        return found

    def listings(self, prefix: str) -> list[int]:
        """The prompt lines of the listings read here whose grammar starts with ``prefix``
        (``ipadm`` counts ``ipadm``, ``ipadm show-if -p``...), in input order."""
        wider = prefix + " "
        commands = self.commands
        if isinstance(commands, Listings):  # read from the results, no pair made
            return [
                r.line
                for r in commands._results
                if r.grammar is not None and (r.grammar == prefix or r.grammar.startswith(wider))
            ]
        return [line for name, line in commands if name == prefix or name.startswith(wider)]

    def changed_after(
        self, line: int, commands: Iterable[str], names: Optional[Iterable[str]] = None
    ) -> Optional[ConfigChange]:
        """The first of ``commands`` typed after ``line`` (naming one of ``names`` when
        given): what makes a listing printed at ``line`` out of date."""
        wanted = set(commands)
        chosen = tuple(names) if names is not None else None
        index = (
            self.memo("changes", self._changes_index, len(self.changes))
            if len(self.changes) > _SMALL
            else None
        )
        if index is not None:
            # Each (command, name) a list of its changes' lines: the first after ``line`` is
            # found by bisection (a domain with thousands of changes and targets was scanned
            # once per target).
            found: Optional[ConfigChange] = None
            for command in wanted:
                for name in (None,) if chosen is None else chosen:
                    lines, changes = index.get((command, name), ((), ()))
                    at = bisect_right(lines, line)
                    if at < len(lines) and (found is None or lines[at] < found.line):
                        found = changes[at]
            return found
        for change in self.changes:
            if change.line <= line or change.command not in wanted:
                continue
            if chosen is None or change.touches(chosen):
                return change
        return None

    def _changes_index(
        self,
    ) -> Optional[dict[tuple[str, Optional[str]], tuple[list[int], list[ConfigChange]]]]:
        """The changes by (command, name touched) and by (command, None), in line order; None
        where their lines are not in order (then they are scanned)."""
        index: dict[tuple[str, Optional[str]], tuple[list[int], list[ConfigChange]]] = {}
        previous = 0
        for change in self.changes:
            if change.line <= previous:
                return None
            previous = change.line
            keys: dict[tuple[str, Optional[str]], None] = {(change.command, None): None}
            for word in change.names:
                keys[(change.command, word)] = None
                keys[(change.command, word.partition("/")[0])] = None
            for key in keys:
                lines, changes = index.setdefault(key, ([], []))
                lines.append(change.line)
                changes.append(change)
        return index

    def link(self, name: str) -> Optional[Link]:
        found: Optional[Link] = self._find("links", self.links, name, True)
        return found

    def etherstub(self, name: str) -> Optional[int]:
        """The line showing ``name`` as an Ethernet stub here, None when none does."""
        for stub in self.etherstubs:
            if stub.link == name:
                return stub.line
        shown = self.link(name)
        if shown is not None and shown.class_ == "etherstub":
            return shown.line
        return None

    def phys(self, link: str) -> Optional[PhysicalLink]:
        found: Optional[PhysicalLink] = self._find("physical", self.physical, link, False)
        return found

    def detail(self, link: str) -> Optional[AggregationDetail]:
        found: Optional[AggregationDetail] = self._find("details", self.details, link, True)
        return found

    def aggregation(self, link: str) -> Optional[Aggregation]:
        found: Optional[Aggregation] = self._find("aggregations", self.aggregations, link, True)
        return found

    def creation(self, link: str) -> Optional[CreatedAggregation]:
        found: Optional[CreatedAggregation] = self._find("created", self.created, link, True)
        return found

    def all_of(self, kind: str, link: str) -> list[Any]:
        """Every record of the view's ``kind`` (``probes``, ``properties``, ...) about
        ``link``, in input order."""
        records: Sequence[Any] = getattr(self, kind)
        if len(records) <= _SMALL:
            return [r for r in records if r.link == link]

        def make() -> dict[Any, list[Any]]:
            index: dict[Any, list[Any]] = {}
            for record in records:
                index.setdefault(record.link, []).append(record)
            return index

        found: list[Any] = self.memo(f"all {kind}", make, len(records)).get(link, [])
        return found

    def probes_of(self, link: str) -> list[ProbeStatus]:
        """The probe rows of aggregation ``link``, in input order."""
        found: list[ProbeStatus] = self.all_of("probes", link)
        return found

    def port_address(self, aggregation: Optional[str], port: str) -> Optional[str]:
        """The MAC address ``dladm show-aggr -x`` shows for ``port`` (under ``aggregation``
        when given), from the latest listing that shows one."""
        def make() -> dict[tuple[Optional[str], str], str]:
            index: dict[tuple[Optional[str], str], str] = {}
            for detail in self.details:
                # Within one listing the first row of a port wins: written last.
                for shown in reversed(detail.ports):
                    if shown.address:
                        # Later listings win, as the latest describes the port now.
                        index[(detail.link, shown.port)] = shown.address
                        index[(None, shown.port)] = shown.address
            return index

        details = self.details
        size = len(details) if len(details) > _SMALL else sum(len(d.ports) for d in details)
        found: Optional[str] = self.memo("ports", make, size).get((aggregation, port))
        return found

    def ran(self, grammar: str) -> Optional[int]:
        """The prompt line of the last ``grammar`` command run here, None if it did not run."""
        lines = [line for name, line in self.commands if name == grammar]
        return lines[-1] if lines else None


@attrs.frozen
class Member:
    """One member link of a guest's aggregation, joined across commands and domains.

    ``joined_by`` says how the ldm vnet was found (``list-netdev LOC``, ``MAC address``,
    ``vnet ID``), None when it was not.
    """

    link: str
    instance: Optional[str] = None
    vnet: Optional[VirtualNetwork] = None
    vnet_name: Optional[str] = None
    vswitch: Optional[str] = None
    service_domain: Optional[str] = None
    joined_by: Optional[str] = None
    netdev: Optional[NetDevice] = None
    phys: Optional[PhysicalLink] = None
    switch: Optional[VirtualSwitch] = None
    lines: tuple[int, ...] = ()
    # Made once: every finding about the member keeps it (a string per finding was a tenth
    # of a fleet's input size).
    _subject: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        subject = self.link
        if self.vnet_name and self.vnet_name != self.link:
            subject = f"{self.vnet_name} ({self.link})"
        object.__setattr__(self, "_subject", subject)

    @property
    def subject(self) -> str:
        """How findings name the member: ``vnet6 (net0)``, or the link alone."""
        return self._subject


@attrs.frozen
class AggregationTarget:
    """A DLMP aggregation of a guest (configured, or to be configured over ``members``).

    ``name`` is None before the aggregation exists; ``members_from`` says where the member
    list came from.
    """

    guest: str
    name: Optional[str]
    members: tuple[Member, ...]
    members_from: str
    members_line: Optional[int] = None
    # The guest's LDom name (the operand of ldm commands; None when no evidence ties the name
    # it was given to one), where to run commands in it (its node name), its server.
    ldom: Optional[str] = None
    where: Optional[str] = None
    server: Optional[str] = None


@attrs.frozen
class System:
    """Everything the transcript showed, joined: the input of every rule."""

    domains: dict[Optional[str], DomainView]
    vnets: tuple[VirtualNetwork, ...]
    netdevs: tuple[NetDevice, ...]
    switches: tuple[VirtualSwitch, ...]
    targets: tuple[AggregationTarget, ...]
    reading: Reading = attrs.field(eq=False, repr=False)
    control_domains: tuple[str, ...] = ()
    attribution: Optional[Attribution] = attrs.field(default=None, eq=False, repr=False)
    # The server this system is (None: the only one), information that is no finding.
    server: Optional[str] = None
    notes: tuple[str, ...] = ()
    # Each domain's latest ldm state (by LDom name), for the rules that must tell a domain
    # that is down from one that is misconfigured.
    states: dict[str, DomainState] = attrs.field(factory=dict)

    def state(self, domain: Optional[str]) -> Optional[DomainState]:
        """The ldm state of ``domain`` (any name it is called), None when no listing shows it."""
        if domain is None:
            return None
        found = self.states.get(domain)
        if found is None:
            identity = self.identity(domain)
            if identity is not None and identity.ldom is not None:
                found = self.states.get(identity.ldom)
        return found

    def view(self, domain: Optional[str]) -> DomainView:
        return self.domains.get(domain) or DomainView(name=domain)

    def identity(self, domain: Optional[str]) -> Optional[DomainIdentity]:
        if self.attribution is None:
            return None
        return self.attribution.identity(domain, self.server)

    def where(self, domain: str) -> str:
        """Where to run a command in ``domain``: its node name when known."""
        identity = self.identity(domain)
        return identity.where if identity is not None else domain

    def line_text(self, number: int) -> str:
        return self.reading.line_text(number)

"""Records -> inventory: the one place records from different commands and domains meet.

What each domain printed is gathered into a ``DomainView`` (by the domain the domains stage,
``dlmpparse.domains``, attributes each block to; nothing here guesses from a prompt), what the
control domain's ldm printed about each domain into ``VirtualNetwork``/``NetDevice`` lists,
and each guest's aggregation members are followed down the chain the rules need:

    guest datalink (net0) -> vnet instance (vnet0: show-phys DEVICE or list-netdev OVER)
      -> ldm vnet (vnet6: list-netdev LOC, else the port's MAC, else the vnet ID)
      -> virtual switch and service domain (primary-vsw0@primary)
      -> the physical links shown in that service domain (show-phys)

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Optional, TypeVar

import attrs

from .commands import Invocation
from .domains import CONTROL, SERVICE, Attribution, DomainIdentity, attribute
from .reader import Reading
from .records import (
    Aggregation,
    AggregationDetail,
    Domain,
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
    Record,
    VirtualNetwork,
    VirtualSwitch,
    Vnic,
)

__all__ = [
    "CONFIG_COMMANDS",
    "AggregationTarget",
    "ConfigChange",
    "CreatedAggregation",
    "DomainState",
    "DomainView",
    "LinkProperty",
    "Member",
    "System",
    "build_inventory",
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


# Configuration commands that change what a listing printed before them showed: a listing
# printed before one of them does not describe the state after it.
CONFIG_COMMANDS = frozenset(
    {
        "dladm create-aggr",
        "dladm delete-aggr",
        "dladm add-aggr",
        "dladm remove-aggr",
        "dladm modify-aggr",
        "dladm set-linkprop",
        "ipadm create-ip",
        "ipadm delete-ip",
        "ipadm create-addr",
        "ipadm delete-addr",
        "ipadm create-ipmp",
        "ipadm delete-ipmp",
        "ipadm add-ipmp",
        "ipadm remove-ipmp",
        "ldm set-vnet",
        "ldm add-vnet",
        "ldm remove-vnet",
        "ldm set-vsw",
        "ldm add-vsw",
    }
)


@attrs.frozen
class ConfigChange:
    """A configuration command typed in a domain (``command`` is ``program subcommand``):
    listings printed before ``line`` show the state before it."""

    command: str
    names: tuple[str, ...]
    text: str
    line: int

    def touches(self, names: Iterable[str]) -> bool:
        """Whether it names one of ``names`` (a link, an interface ``net0`` of ``net0/v4``)."""
        wanted = set(names)
        return any(word in wanted or word.partition("/")[0] in wanted for word in self.names)


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
    commands: tuple[tuple[str, int], ...] = ()
    # Configuration commands typed here, in input order (time order).
    changes: tuple[ConfigChange, ...] = ()
    # The operands of the listings that named what to show (``ipadm show-if aggr0``), by
    # prompt line: such a listing says nothing about what it did not name.
    scopes: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def scope(self, line: int) -> tuple[str, ...]:
        """The operands of the listing whose prompt is on ``line`` (empty: it showed all)."""
        return next((names for at, names in self.scopes if at == line), ())

    def listings(self, prefix: str) -> list[int]:
        """The prompt lines of the listings read here whose grammar starts with ``prefix``
        (``ipadm`` counts ``ipadm``, ``ipadm show-if -p``...), in input order."""
        return [
            line for name, line in self.commands if name == prefix or name.startswith(prefix + " ")
        ]

    def changed_after(
        self, line: int, commands: Iterable[str], names: Optional[Iterable[str]] = None
    ) -> Optional[ConfigChange]:
        """The first of ``commands`` typed after ``line`` (naming one of ``names`` when
        given): what makes a listing printed at ``line`` out of date."""
        wanted = set(commands)
        chosen = tuple(names) if names is not None else None
        for change in self.changes:
            if change.line <= line or change.command not in wanted:
                continue
            if chosen is None or change.touches(chosen):
                return change
        return None

    def link(self, name: str) -> Optional[Link]:
        return next((k for k in reversed(self.links) if k.link == name), None)

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
        return next((p for p in self.physical if p.link == link), None)

    def detail(self, link: str) -> Optional[AggregationDetail]:
        return next((d for d in reversed(self.details) if d.link == link), None)

    def aggregation(self, link: str) -> Optional[Aggregation]:
        return next((a for a in reversed(self.aggregations) if a.link == link), None)

    def creation(self, link: str) -> Optional[CreatedAggregation]:
        return next((c for c in reversed(self.created) if c.link == link), None)

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

    @property
    def subject(self) -> str:
        """How findings name the member: ``vnet6 (net0)``, or the link alone."""
        if self.vnet_name and self.vnet_name != self.link:
            return f"{self.vnet_name} ({self.link})"
        return self.link


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


def _creation(invocation: Invocation, line: int) -> Optional[CreatedAggregation]:
    if invocation.program != "dladm" or invocation.subcommand != "create-aggr":
        return None
    if not invocation.operands:
        return None
    members: list[str] = []
    for value in invocation.option_values("l"):
        members.extend(v for v in value.split(",") if v)
    return CreatedAggregation(
        link=invocation.operands[-1],
        mode=invocation.option("m"),
        members=tuple(members),
        line=line,
    )


def _properties(invocation: Invocation, line: int) -> list[LinkProperty]:
    if invocation.program != "dladm" or invocation.subcommand != "set-linkprop":
        return []
    if not invocation.operands:
        return []
    out = []
    for value in invocation.option_values("p"):
        for assignment in value.split(","):
            name, _, setting = assignment.partition("=")
            if name:
                out.append(LinkProperty(invocation.operands[-1], name, setting, line))
    return out


def _named(invocation: Invocation) -> tuple[str, ...]:
    """The names a configuration command acts on: its operands and option values
    (``add-ipmp -i net0 ipmp0``, ``create-aggr -l net0,net1 aggr0``)."""
    words = [v for _, value in invocation.options for v in value.split(",") if v]
    return (*words, *invocation.operands)


# Commands that print nothing but say something about the configuration.
EVIDENCE_COMMANDS = ("dladm create-aggr", "dladm set-linkprop")


def is_evidence_command(invocation: Optional[Invocation]) -> bool:
    if invocation is None:
        return False
    # Every configuration command is read: it orders the evidence in time (CONFIG_COMMANDS).
    command = f"{invocation.program} {invocation.subcommand}"
    return command in EVIDENCE_COMMANDS or command in CONFIG_COMMANDS


def build_inventory(
    reading: Reading,
    *,
    guest: Optional[str] = None,
    members: Optional[Sequence[str]] = None,
    attribution: Optional[Attribution] = None,
    server: Optional[str] = None,
) -> System:
    """Join what the transcript showed per domain and link.

    Each block is its domain's as ``attribution`` (the domains stage; computed here when not
    given) says; a block it leaves unattributed is no domain's. ``guest`` narrows the targets
    to one guest domain; ``members`` overrides the member links; ``server`` keeps the blocks of
    one server (when the input shows several).
    """
    if attribution is None:
        attribution = attribute(reading, guest=guest)
    gathered: dict[Optional[str], _ViewBuilder] = {}
    vnets: list[VirtualNetwork] = []
    netdevs: list[NetDevice] = []
    switches: list[VirtualSwitch] = []

    def bucket(domain: Optional[str]) -> _ViewBuilder:
        found = gathered.get(domain)
        if found is None:
            found = gathered[domain] = _ViewBuilder(domain)
        return found

    for index, result in enumerate(reading.results):
        if server is not None and attribution.server_of(index) != server:
            continue
        domain = attribution.of(index)
        block = result.block
        invocation = block.invocation if block is not None else None
        if invocation is not None and invocation.subcommand is not None:
            command = f"{invocation.program} {invocation.subcommand}"
            if command in CONFIG_COMMANDS:
                bucket(domain).changes.append(
                    ConfigChange(command, _named(invocation), invocation.raw, result.line)
                )
        if result.status == "not-read" and invocation is not None:
            created = _creation(invocation, result.line)
            if created is not None:
                bucket(domain).created.append(created)
            for prop in _properties(invocation, result.line):
                bucket(domain).properties.append(prop)
            continue
        if result.status != "read":
            continue
        if result.grammar:
            bucket(domain).commands.append((result.grammar, result.line))
            if invocation is not None and invocation.operands:
                bucket(domain).scopes.append((result.line, invocation.operands))
        view = bucket(domain)
        for record in result.records:
            if isinstance(record, VirtualNetwork):
                vnets.append(record)
            elif isinstance(record, VirtualSwitch):
                switches.append(record)
            elif isinstance(record, NetDevice):
                netdevs.append(record)
            else:
                view.add(record)
    control = [d.name for d in attribution.controls(server)]
    domains = {name: built.view() for name, built in gathered.items()}
    named = None
    if guest is not None:
        identity = attribution.identity(guest, server)
        named = identity.name if identity is not None else guest
    notes: list[str] = []
    targets = _targets(
        domains,
        vnets,
        netdevs,
        switches,
        guest=named,
        members=members,
        attribution=attribution,
        server=server,
        notes=notes,
    )
    return System(
        domains=domains,
        vnets=tuple(vnets),
        netdevs=tuple(netdevs),
        switches=tuple(switches),
        targets=tuple(targets),
        reading=reading,
        control_domains=tuple(control),
        attribution=attribution,
        server=server,
        notes=tuple(notes),
        states=_domain_states(reading, attribution, server),
    )


def _domain_states(
    reading: Reading, attribution: Attribution, server: Optional[str]
) -> dict[str, DomainState]:
    """Each domain's state from the ``Domain`` records of ldm listings; a later listing
    replaces an earlier one (the domain may have been started in between)."""
    states: dict[str, DomainState] = {}
    for index, result in enumerate(reading.results):
        if result.status != "read":
            continue
        if server is not None and attribution.server_of(index) != server:
            continue
        for record in result.records:
            if isinstance(record, Domain):
                states[record.name] = DomainState(
                    record.name, record.state, record.flags, record.line
                )
    return states


@attrs.define
class _ViewBuilder:
    """What one domain printed, gathered block by block (typed lists, one per kind of
    record), then frozen into a ``DomainView``."""

    name: Optional[str]
    physical: list[PhysicalLink] = attrs.field(factory=list)
    aggregations: list[Aggregation] = attrs.field(factory=list)
    details: list[AggregationDetail] = attrs.field(factory=list)
    probes: list[ProbeStatus] = attrs.field(factory=list)
    interfaces: list[IpInterface] = attrs.field(factory=list)
    addresses: list[IpAddress] = attrs.field(factory=list)
    created: list[CreatedAggregation] = attrs.field(factory=list)
    properties: list[LinkProperty] = attrs.field(factory=list)
    links: list[Link] = attrs.field(factory=list)
    etherstubs: list[Etherstub] = attrs.field(factory=list)
    vnics: list[Vnic] = attrs.field(factory=list)
    releases: list[OsRelease] = attrs.field(factory=list)
    mac_slots: list[PhysicalAddress] = attrs.field(factory=list)
    locations: list[PhysicalLocation] = attrs.field(factory=list)
    commands: list[tuple[str, int]] = attrs.field(factory=list)
    changes: list[ConfigChange] = attrs.field(factory=list)
    scopes: list[tuple[int, tuple[str, ...]]] = attrs.field(factory=list)

    def add(self, record: Record) -> None:
        """A record of this domain's own output (ldm's vnets, switches and devices are the
        fleet's, gathered apart); a record of a kind no view keeps is left out."""
        if isinstance(record, PhysicalLink):
            self.physical.append(record)
        elif isinstance(record, Aggregation):
            self.aggregations.append(record)
        elif isinstance(record, AggregationDetail):
            self.details.append(record)
        elif isinstance(record, ProbeStatus):
            self.probes.append(record)
        elif isinstance(record, IpInterface):
            self.interfaces.append(record)
        elif isinstance(record, IpAddress):
            self.addresses.append(record)
        elif isinstance(record, Link):
            self.links.append(record)
        elif isinstance(record, Etherstub):
            self.etherstubs.append(record)
        elif isinstance(record, Vnic):
            self.vnics.append(record)
        elif isinstance(record, OsRelease):
            self.releases.append(record)
        elif isinstance(record, PhysicalAddress):
            self.mac_slots.append(record)
        elif isinstance(record, PhysicalLocation):
            self.locations.append(record)

    def view(self) -> DomainView:
        return DomainView(
            name=self.name,
            physical=tuple(self.physical),
            aggregations=tuple(self.aggregations),
            details=tuple(self.details),
            probes=tuple(self.probes),
            interfaces=tuple(self.interfaces),
            addresses=tuple(self.addresses),
            created=tuple(self.created),
            properties=tuple(self.properties),
            links=tuple(self.links),
            etherstubs=tuple(self.etherstubs),
            vnics=tuple(self.vnics),
            releases=tuple(self.releases),
            mac_slots=tuple(self.mac_slots),
            locations=tuple(self.locations),
            commands=tuple(self.commands),
            changes=tuple(self.changes),
            scopes=tuple(self.scopes),
        )


_VNET_DEVICE = re.compile(r"vnet\d+$")


def _guest_names(
    domains: dict[Optional[str], DomainView],
    vnets: Sequence[VirtualNetwork],
    netdevs: Sequence[NetDevice],
) -> list[str]:
    """Domains that have, or may get, a DLMP aggregation over virtual networks."""
    names: list[str] = []
    seen: set[str] = set()  # a list's "in" made the fleet check quadratic in its guests

    def add(name: Optional[str]) -> None:
        if name is not None and name not in seen:
            seen.add(name)
            names.append(name)

    for name, view in domains.items():
        if (
            view.created
            or view.details
            or view.probes
            or any(a.mode == "dlmp" for a in view.aggregations)
        ):
            add(name)
        if sum(1 for p in view.physical if p.device and _VNET_DEVICE.match(p.device)) >= 2:
            add(name)
    per_domain: dict[Optional[str], int] = {}
    for vnet in vnets:
        per_domain[vnet.domain] = per_domain.get(vnet.domain, 0) + 1
    for device in netdevs:
        if device.class_ == "VNET":
            per_domain[device.domain] = per_domain.get(device.domain, 0) + 1
    service_domains = {v.service_domain for v in vnets}
    for name, count in per_domain.items():
        if count >= 2 and (name not in service_domains or name in names):
            add(name)
    return names


def _targets(
    domains: dict[Optional[str], DomainView],
    vnets: Sequence[VirtualNetwork],
    netdevs: Sequence[NetDevice],
    switches: Sequence[VirtualSwitch],
    *,
    guest: Optional[str],
    members: Optional[Sequence[str]],
    attribution: Attribution,
    server: Optional[str],
    notes: list[str],
) -> list[AggregationTarget]:
    guests = [guest] if guest is not None else _guest_names(domains, vnets, netdevs)
    # Grouped once: a fleet's transcript has a thousand guests, and scanning every vnet for
    # each of them made the check's cost grow with the square of the fleet.
    vnets_of: dict[Optional[str], list[VirtualNetwork]] = {}
    for vnet in vnets:
        vnets_of.setdefault(vnet.domain, []).append(vnet)
    netdevs_of: dict[Optional[str], list[NetDevice]] = {}
    for device in netdevs:
        netdevs_of.setdefault(device.domain, []).append(device)
    out: list[AggregationTarget] = []
    for name in guests:
        view = domains.get(name) or DomainView(name=name)
        guest_vnets = vnets_of.get(name, [])
        guest_netdevs = netdevs_of.get(name, [])
        identity = attribution.identity(name, server)
        if guest is None and identity is not None and not _over_vnets(view, guest_netdevs):
            roles = [r for r in (CONTROL, SERVICE) if identity.has(r)]
            if roles:
                # A control or service domain's aggregation of physical NICs is no DLMP-over-
                # vnets target; where it backs a virtual switch, say so.
                notes.extend(_backing(name, roles, view, switches))
                continue
        for aggregation, links, source, line in _member_lists(view, guest_netdevs, members):
            joined = tuple(
                _join(link, view, guest_vnets, guest_netdevs, switches, aggregation)
                for link in links
            )
            out.append(
                AggregationTarget(
                    guest=name,
                    name=aggregation,
                    members=joined,
                    members_from=source,
                    members_line=line,
                    ldom=identity.ldom if identity is not None else None,
                    where=identity.where if identity is not None else name,
                    server=server,
                )
            )
    return out


def _over_vnets(view: DomainView, netdevs: Sequence[NetDevice]) -> bool:
    """Whether the domain's aggregations (or, with none shown, the domain) are over VNET-class
    links: a port or member whose show-phys DEVICE is vnetN or whose list-netdev CLASS is VNET."""
    vnet_links = {p.link for p in view.physical if p.device and _VNET_DEVICE.match(p.device)}
    vnet_links |= {d.name for d in netdevs if d.class_ == "VNET"}
    ports = {p.port for d in view.details for p in d.ports}
    ports |= {m for c in view.created for m in c.members}
    ports |= {p.port for p in view.probes}
    if not ports:
        return bool(vnet_links)
    return bool(ports & vnet_links)


def _backing(
    name: str, roles: Sequence[str], view: DomainView, switches: Sequence[VirtualSwitch]
) -> list[str]:
    out: list[str] = []
    what = " and ".join(f"a {r} domain" for r in roles)
    names = [d.link for d in view.details] + [a.link for a in view.aggregations]
    for link in dict.fromkeys(names):
        detail = view.detail(link)
        shown = view.aggregation(link)
        mode = (shown.mode if shown is not None else None) or "mode not shown"
        ports = detail.ports if detail is not None else ()
        speeds = sorted({p.speed for p in ports if p.speed is not None})
        size = f"{len(ports)} x {speeds[0]} Mb/s" if len(speeds) == 1 else f"{len(ports)} ports"
        over = [s.name for s in switches if s.net_dev == link and s.domain in (name, None)]
        line = detail.line if detail is not None else shown.line if shown is not None else None
        where = f", line {line}" if line else ""
        if over:
            out.append(
                f"{', '.join(over)} is over {link} ({mode}, {size}) in {name}, {what}; not a "
                f"DLMP-over-vnets target{where}"
            )
        else:
            out.append(
                f"{link} in {name} ({mode}, {size}) is an aggregation of {what} over physical "
                f"links; not a DLMP-over-vnets target{where}"
            )
    return out


def _member_lists(
    view: DomainView,
    netdevs: Sequence[NetDevice],
    members: Optional[Sequence[str]],
) -> list[tuple[Optional[str], tuple[str, ...], str, Optional[int]]]:
    """(aggregation, member links, where the list came from, line) for each aggregation."""
    names: list[str] = []
    vnet_links = set(_vnet_links(view, netdevs)[0])
    for created in view.created:
        if created.mode in (None, "dlmp") and created.link not in names:
            names.append(created.link)
        elif created.link not in names and vnet_links & set(created.members):
            # A trunk created over vnets: aggr-dlmp says how to make it DLMP.
            names.append(created.link)
    for detail in view.details:
        if detail.link not in names:
            names.append(detail.link)
    for aggregation in view.aggregations:
        if aggregation.link in names:
            continue
        if aggregation.mode == "dlmp" or _over_vnet_links(view, aggregation.link, vnet_links):
            names.append(aggregation.link)
    for probe in view.probes:
        if probe.link not in names:
            names.append(probe.link)
    if members is not None:
        only = names[0] if len(names) == 1 else None
        return [(only, tuple(members), "--members", None)]
    out: list[tuple[Optional[str], tuple[str, ...], str, Optional[int]]] = []
    for name in names:
        creation = view.creation(name)
        shown = view.detail(name)
        if creation is not None and creation.members:
            out.append((name, creation.members, "dladm create-aggr", creation.line))
        elif shown is not None and shown.ports:
            ports = tuple(p.port for p in shown.ports)
            out.append((name, ports, "dladm show-aggr -x", shown.line))
        else:
            probes = [p for p in view.probes if p.link == name]
            if probes:
                out.append(
                    (name, tuple(p.port for p in probes), "dladm show-aggr -S", probes[0].line)
                )
            else:
                shown_link = view.link(name)
                if shown_link is not None and shown_link.over:
                    out.append((name, shown_link.over, "dladm show-link OVER", shown_link.line))
                else:
                    links, line = _vnet_links(view, netdevs)
                    out.append((name, links, "the guest's VNET-class links", line))
    if not out:
        links, line = _vnet_links(view, netdevs)
        out.append((None, links, "the guest's VNET-class links", line))
    return out


def _over_vnet_links(view: DomainView, link: str, vnet_links: set[str]) -> bool:
    """Whether a non-DLMP aggregation is over VNET links: its ports (show-link OVER) are, or,
    its ports not shown, the domain has VNET links to aggregate."""
    shown = view.link(link)
    if shown is not None and shown.over:
        return bool(vnet_links & set(shown.over))
    return len(vnet_links) >= 2


def _vnet_links(
    view: DomainView, netdevs: Sequence[NetDevice]
) -> tuple[tuple[str, ...], Optional[int]]:
    links = [d.name for d in netdevs if d.class_ == "VNET"]
    line = next((d.line for d in netdevs if d.class_ == "VNET"), None)
    if not links:
        phys = [p for p in view.physical if p.device and _VNET_DEVICE.match(p.device)]
        links = [p.link for p in phys]
        line = phys[0].line if phys else None
    return tuple(dict.fromkeys(links)), line


def _join(
    link: str,
    view: DomainView,
    vnets: Sequence[VirtualNetwork],
    netdevs: Sequence[NetDevice],
    switches: Sequence[VirtualSwitch],
    aggregation: Optional[str],
) -> Member:
    lines: list[int] = []
    netdev = next((d for d in netdevs if d.name == link), None)
    phys = view.phys(link)
    instance = None
    if netdev is not None and netdev.over:
        instance = netdev.over
        lines.append(netdev.line)
    if phys is not None:
        instance = instance or phys.device
        lines.append(phys.line)
    vnet: Optional[VirtualNetwork] = None
    vnet_name = vswitch = service_domain = joined_by = None
    if netdev is not None and netdev.vnet:
        vnet_name, vswitch = netdev.vnet, netdev.vswitch
        # The latest listing of the vnet describes it now (time order).
        vnet = next((v for v in reversed(vnets) if v.name == vnet_name), None)
        joined_by = "ldm list-netdev LOC"
    if vnet is None:
        address = _port_address(view, aggregation, link)
        if address is not None:
            vnet = next((v for v in reversed(vnets) if v.mac == address), None)
            if vnet is not None:
                joined_by = "MAC address"
    if vnet is None and instance and _VNET_DEVICE.match(instance) and vnet_name is None:
        number = int(instance[len("vnet") :])
        # One vnet listed twice (before and after a change) is one match: its latest listing.
        matches = list({v.name: v for v in vnets if v.id == number}.values())
        if len(matches) == 1:
            vnet = matches[0]
            joined_by = "vnet ID (instance number)"
    if vnet is not None:
        vnet_name = vnet.name
        vswitch = vnet.service or vswitch
        service_domain = vnet.service_domain
        lines.append(vnet.line)
    switch = _switch(switches, vswitch, service_domain)
    return Member(
        link=link,
        instance=instance,
        vnet=vnet,
        vnet_name=vnet_name,
        vswitch=vswitch,
        service_domain=service_domain,
        joined_by=joined_by,
        netdev=netdev,
        phys=phys,
        switch=switch,
        lines=tuple(lines),
    )


def _switch(
    switches: Sequence[VirtualSwitch], name: Optional[str], domain: Optional[str]
) -> Optional[VirtualSwitch]:
    """The ``ldm list-services`` record of a member's switch (a switch name is unique per
    service domain; without the domain, only when one switch has the name)."""
    if name is None:
        return None
    named = [s for s in switches if s.name == name]
    if domain is not None:
        named = [s for s in named if s.domain in (domain, None)]
    return named[-1] if len({s.domain for s in named}) == 1 else None


def _port_address(view: DomainView, aggregation: Optional[str], link: str) -> Optional[str]:
    details: Iterable[AggregationDetail] = view.details
    for detail in reversed(tuple(details)):
        if aggregation is not None and detail.link != aggregation:
            continue
        for port in detail.ports:
            if port.port == link and port.address:
                return port.address
    return None

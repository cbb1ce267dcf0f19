"""What each domain printed, gathered block by block into its ``DomainView``: the records of its
own listings, and what its configuration commands say (``dladm create-aggr``'s members,
``dladm set-linkprop``'s properties, every change in time order). ldm's records about the
fleet are handed to ``LdmListings``."""

from __future__ import annotations

from typing import Optional

import attrs

from ..commands import Invocation
from ..domains import Attribution
from ..grammars.configuration import is_configuration
from ..reader import BlockResult, Reading, invocation_of
from ..records import (
    Aggregation,
    AggregationDetail,
    Etherstub,
    IpAddress,
    IpInterface,
    Link,
    OsRelease,
    PhysicalAddress,
    PhysicalLink,
    PhysicalLocation,
    ProbeStatus,
    Record,
    Vnic,
)
from .ldm import LdmListings
from .model import ConfigChange, CreatedAggregation, DomainView, LinkProperty, Listings, Scopes

__all__ = ["gather"]


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


def gather(
    reading: Reading, attribution: Attribution, server: Optional[str], ldm: LdmListings
) -> dict[Optional[str], DomainView]:
    """Each domain's view, from the blocks ``attribution`` gives it (of ``server`` only, when
    given); ldm's vnets, switches and devices go to ``ldm``. One pass over the reading."""
    gathered: dict[Optional[str], _ViewBuilder] = {}

    def bucket(domain: Optional[str]) -> _ViewBuilder:
        found = gathered.get(domain)
        if found is None:
            found = gathered[domain] = _ViewBuilder(domain)
        return found

    for index, result in enumerate(reading.results):
        if server is not None and attribution.server_of(index) != server:
            continue
        domain = attribution.of(index)
        invocation = invocation_of(result)
        if invocation is not None and invocation.subcommand is not None:
            command = f"{invocation.program} {invocation.subcommand}"
            # Typed, whatever became of it (a failed create-aggr still says the listings
            # before it may be stale).
            if is_configuration(command):
                bucket(domain).changes.append(ConfigChange.typed(invocation, result.line))
        if result.status != "read":
            continue
        if is_configuration(result.grammar):
            # Read from its command line; it is no listing (``commands``, ``scopes``).
            if invocation is not None:
                created = _creation(invocation, result.line)
                if created is not None:
                    bucket(domain).created.append(created)
                for prop in _properties(invocation, result.line):
                    bucket(domain).properties.append(prop)
            continue
        if result.grammar:
            bucket(domain).commands.append(result)
            if invocation is not None and invocation.operands:
                bucket(domain).scopes.append(result)
        view = bucket(domain)
        for record in result.records:
            if not ldm.take(record):
                view.add(record)
    return {name: built.view() for name, built in gathered.items()}


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
    # The results the view's listings and scopes are made from when asked.
    commands: list[BlockResult] = attrs.field(factory=list)
    changes: list[ConfigChange] = attrs.field(factory=list)
    scopes: list[BlockResult] = attrs.field(factory=list)

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
            commands=Listings(self.commands) if self.commands else (),
            changes=tuple(self.changes),
            scopes=Scopes(self.scopes) if self.scopes else (),
        )

"""The ldm side: what the control domain's ldm printed about the fleet (vnets, virtual switches,
network devices, each domain's state), kept apart from the domains' own views."""

from __future__ import annotations

from typing import Optional

import attrs

from ..domains import Attribution
from ..reader import Reading
from ..records import Domain, NetDevice, VirtualNetwork, VirtualSwitch
from .model import DomainState

__all__ = ["LdmListings", "domain_states"]


@attrs.define
class LdmListings:
    """ldm's records about the fleet, in input order (a later listing describes the present)."""

    vnets: list[VirtualNetwork] = attrs.field(factory=list)
    netdevs: list[NetDevice] = attrs.field(factory=list)
    switches: list[VirtualSwitch] = attrs.field(factory=list)

    def take(self, record: object) -> bool:
        """Keep ``record`` if it is one of ldm's vnets, switches or devices."""
        if isinstance(record, VirtualNetwork):
            self.vnets.append(record)
        elif isinstance(record, VirtualSwitch):
            self.switches.append(record)
        elif isinstance(record, NetDevice):
            self.netdevs.append(record)
        else:
            return False
        return True


def domain_states(
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

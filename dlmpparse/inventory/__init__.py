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

from collections.abc import Sequence
from typing import Optional

from ..domains import Attribution, attribute
from ..reader import Reading
from .ldm import LdmListings, domain_states
from .model import (
    AggregationTarget,
    ConfigChange,
    CreatedAggregation,
    DomainState,
    DomainView,
    LinkProperty,
    Member,
    System,
    latest,
)
from .targets import find_targets
from .views import gather

__all__ = [
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
    ldm = LdmListings()
    domains = gather(reading, attribution, server, ldm)
    control = [d.name for d in attribution.controls(server)]
    named = None
    if guest is not None:
        identity = attribution.identity(guest, server)
        named = identity.name if identity is not None else guest
    notes: list[str] = []
    targets = find_targets(
        domains,
        ldm.vnets,
        ldm.netdevs,
        ldm.switches,
        guest=named,
        members=members,
        attribution=attribution,
        server=server,
        notes=notes,
    )
    return System(
        domains=domains,
        vnets=tuple(ldm.vnets),
        netdevs=tuple(ldm.netdevs),
        switches=tuple(ldm.switches),
        targets=tuple(targets),
        reading=reading,
        control_domains=tuple(control),
        attribution=attribution,
        server=server,
        notes=tuple(notes),
        states=domain_states(reading, attribution, server),
    )

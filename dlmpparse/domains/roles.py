"""Roles: control (runs ldm, virtinfo, flag c), service (owns a virtual switch, virtinfo,
flag v), guest (VNET-class links, vnets in the ldm listings), each with its evidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..records import Domain, NetDevice, VirtualNetwork, VirtualSwitch
from .ldom_names import DomainBuilder, Domains, find
from .model import CONTROL, GUEST, SERVICE, Clue
from .places import Place

__all__ = ["assign_roles"]


def assign_roles(places: Sequence[Place], domains: Domains) -> None:
    for place in places:
        domain = domains.get(place.identity) if place.identity else None
        if domain is not None:
            if place.ran_ldm is not None:
                domain.role(
                    CONTROL, Clue("runs ldm", place.ran_ldm, "ldm runs only in the control domain")
                )
            for info in place.infos:
                if CONTROL in info.roles:
                    domain.role(CONTROL, Clue("virtinfo -a", info.line, "virtinfo role control"))
                if SERVICE in info.roles:
                    domain.role(SERVICE, Clue("virtinfo -a", info.line, "virtinfo role service"))
            if place.vnet_links:
                link = place.vnet_links[0]
                domain.role(
                    GUEST,
                    Clue(
                        "VNET-class link",
                        link.line,
                        f"{link.link} is over {link.device} (dladm show-phys)",
                    ),
                )
        for record in place.ldm_records:
            _listed_roles(record, domains, place.server)


def _listed_roles(record: object, domains: Domains, server: Optional[str]) -> None:
    def named(name: Optional[str]) -> Optional[DomainBuilder]:
        if name is None:
            return None
        key = find(domains, name, server)
        return domains[key] if key is not None else None

    if isinstance(record, Domain):
        domain = named(record.name)
        if domain is None or not record.flags:
            return
        if len(record.flags) >= 4 and record.flags[3] == "c":
            domain.role(CONTROL, Clue("ldm list flag c", record.line, f"flags {record.flags}"))
        if len(record.flags) >= 5 and record.flags[4] == "v":
            domain.role(SERVICE, Clue("ldm list flag v", record.line, f"flags {record.flags}"))
    elif isinstance(record, VirtualSwitch):
        domain = named(record.domain)
        if domain is not None:
            domain.role(
                SERVICE, Clue("virtual switch", record.line, f"it owns the switch {record.name}")
            )
    elif isinstance(record, VirtualNetwork):
        domain = named(record.domain)
        if domain is not None:
            domain.role(GUEST, Clue.about("vnet", record.line, record))
        service = named(record.service_domain)
        if service is not None and record.service:
            service.role(
                SERVICE,
                Clue("virtual switch", record.line, f"it owns the switch {record.service}"),
            )
    elif isinstance(record, NetDevice) and record.class_ == "VNET":
        domain = named(record.domain)
        if domain is not None:
            domain.role(GUEST, Clue.about("VNET-class link", record.line, record))

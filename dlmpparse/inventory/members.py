"""A member joined across commands and domains: the guest's datalink -> its vnet instance ->
the ldm vnet (by list-netdev LOC, else the port's MAC address, else the vnet ID) -> the virtual
switch and its service domain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Optional

from ..records import AggregationDetail, NetDevice, VirtualNetwork, VirtualSwitch
from .model import DomainView, Member

__all__ = ["VNET_DEVICE", "join_member"]

# A virtual network device instance as show-phys DEVICE and list-netdev OVER name it.
VNET_DEVICE = re.compile(r"vnet\d+$")


def join_member(
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
    if vnet is None and instance and VNET_DEVICE.match(instance) and vnet_name is None:
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

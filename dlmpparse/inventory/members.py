"""A member joined across commands and domains: the guest's datalink -> its vnet instance ->
the ldm vnet (by list-netdev LOC, else the port's MAC address, else the vnet ID) -> the virtual
switch and its service domain."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from ..records import NetDevice, VirtualNetwork, VirtualSwitch
from .model import DomainView, Member

__all__ = ["VNET_DEVICE", "MemberJoiner", "join_member"]

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
    """The member ``link`` of ``aggregation`` in the guest ``view``, joined to the guest's
    vnets and devices and to the virtual switches (``MemberJoiner`` for many members)."""
    return MemberJoiner(view, vnets, netdevs, switches).join(link, aggregation)


class MemberJoiner:
    """Joins the members of a guest's aggregations, each look-up by name made once: a guest
    with thousands of links was scanned once per member (a check's time grew with the square
    of its tables)."""

    def __init__(
        self,
        view: DomainView,
        vnets: Sequence[VirtualNetwork],
        netdevs: Sequence[NetDevice],
        switches: Sequence[VirtualSwitch],
    ) -> None:
        self.view = view
        self.switches = switches
        self.netdevs: dict[str, NetDevice] = {}
        for device in netdevs:
            self.netdevs.setdefault(device.name, device)
        # The latest listing of a vnet describes it now (time order): later ones win.
        self.vnets_by_name: dict[str, VirtualNetwork] = {v.name: v for v in vnets}
        self.vnets_by_mac: dict[Optional[str], VirtualNetwork] = {v.mac: v for v in vnets}
        # One vnet listed twice (before and after a change) is one match: its latest listing.
        by_id: dict[Optional[int], dict[str, VirtualNetwork]] = {}
        for vnet in vnets:
            by_id.setdefault(vnet.id, {})[vnet.name] = vnet
        self.vnets_by_id = by_id
        self.switches_by_name: dict[str, list[VirtualSwitch]] = {}
        for switch in switches:
            self.switches_by_name.setdefault(switch.name, []).append(switch)

    def join(self, link: str, aggregation: Optional[str]) -> Member:
        view = self.view
        lines: list[int] = []
        netdev = self.netdevs.get(link)
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
            vnet = self.vnets_by_name.get(vnet_name)
            joined_by = "ldm list-netdev LOC"
        if vnet is None:
            address = view.port_address(aggregation, link)
            if address is not None:
                vnet = self.vnets_by_mac.get(address)
                if vnet is not None:
                    joined_by = "MAC address"
        if vnet is None and instance and VNET_DEVICE.match(instance) and vnet_name is None:
            number = int(instance[len("vnet") :])
            matches = list(self.vnets_by_id.get(number, {}).values())
            if len(matches) == 1:
                vnet = matches[0]
                joined_by = "vnet ID (instance number)"
        if vnet is not None:
            vnet_name = vnet.name
            vswitch = vnet.service or vswitch
            service_domain = vnet.service_domain
            lines.append(vnet.line)
        switch = self._switch(vswitch, service_domain)
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

    def _switch(self, name: Optional[str], domain: Optional[str]) -> Optional[VirtualSwitch]:
        """The ``ldm list-services`` record of a member's switch (a switch name is unique per
        service domain; without the domain, only when one switch has the name)."""
        if name is None:
            return None
        named = self.switches_by_name.get(name, [])
        if domain is not None:
            named = [s for s in named if s.domain in (domain, None)]
        return named[-1] if len({s.domain for s in named}) == 1 else None

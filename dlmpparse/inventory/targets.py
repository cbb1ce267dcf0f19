"""The aggregation targets: which guests have (or may get) a DLMP aggregation over virtual
networks, each aggregation's member list and where it came from (``dladm create-aggr``,
``show-aggr -x``, ``show-aggr -S``, ``show-link`` OVER, the guest's VNET-class links), and why
a control or service domain's aggregation of physical NICs is no target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..domains import CONTROL, SERVICE, Attribution
from ..records import NetDevice, VirtualNetwork, VirtualSwitch
from .members import VNET_DEVICE, MemberJoiner
from .model import AggregationTarget, DomainView

__all__ = ["find_targets"]


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
        if sum(1 for p in view.physical if p.device and VNET_DEVICE.match(p.device)) >= 2:
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


def find_targets(
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
        joiner = MemberJoiner(view, guest_vnets, guest_netdevs, switches)
        for aggregation, links, source, line in _member_lists(view, guest_netdevs, members):
            joined = tuple(joiner.join(link, aggregation) for link in links)
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
    vnet_links = {p.link for p in view.physical if p.device and VNET_DEVICE.match(p.device)}
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
    # A dict as an ordered set: a domain may show thousands of aggregations.
    names: dict[str, None] = {}
    guest_links = _vnet_links(view, netdevs)
    vnet_links = set(guest_links[0])
    for created in view.created:
        if created.mode in (None, "dlmp") and created.link not in names:
            names[created.link] = None
        elif created.link not in names and vnet_links & set(created.members):
            # A trunk created over vnets: aggr-dlmp says how to make it DLMP.
            names[created.link] = None
    for detail in view.details:
        names.setdefault(detail.link)
    for aggregation in view.aggregations:
        if aggregation.link in names:
            continue
        if aggregation.mode == "dlmp" or _over_vnet_links(view, aggregation.link, vnet_links):
            names[aggregation.link] = None
    for probe in view.probes:
        names.setdefault(probe.link)
    if members is not None:
        only = next(iter(names)) if len(names) == 1 else None
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
            probes = view.probes_of(name)
            if probes:
                out.append(
                    (name, tuple(p.port for p in probes), "dladm show-aggr -S", probes[0].line)
                )
            else:
                shown_link = view.link(name)
                if shown_link is not None and shown_link.over:
                    out.append((name, shown_link.over, "dladm show-link OVER", shown_link.line))
                else:
                    links, line = guest_links
                    out.append((name, links, "the guest's VNET-class links", line))
    if not out:
        links, line = guest_links
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
        phys = [p for p in view.physical if p.device and VNET_DEVICE.match(p.device)]
        links = [p.link for p in phys]
        line = phys[0].line if phys else None
    return tuple(dict.fromkeys(links)), line

"""Node name <-> LDom name: each place joined to the domain the ldm listings name, strongest
evidence first (virtinfo -a, running ldm, a MAC address, the same name, a single guest)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Optional

import attrs

from ..records import Domain, NetDevice, VirtualNetwork, VirtualSwitch
from .model import CONTROL, CONTROL_LDOM, GUEST, SERVICE, Clue, DomainIdentity
from .places import Place

__all__ = [
    "DomainBuilder",
    "Domains",
    "Key",
    "Universe",
    "find",
    "identify_listed",
    "identify_places",
    "join_single_guest",
    "ldom_universe",
]


@attrs.define
class DomainBuilder:
    """An identity being built."""

    name: str
    node: Optional[str] = None
    ldom: Optional[str] = None
    typed: list[str] = attrs.field(factory=list)
    roles: dict[str, list[Clue]] = attrs.field(factory=dict)
    server: Optional[str] = None
    joined_by: Optional[Clue] = None
    named_by: list[Clue] = attrs.field(factory=list)

    def role(self, role: str, clue: Clue) -> None:
        clues = self.roles.setdefault(role, [])
        if not any(c.kind == clue.kind for c in clues):
            clues.append(clue)

    def frozen(self) -> DomainIdentity:
        order = [r for r in (CONTROL, SERVICE, GUEST) if r in self.roles]
        return DomainIdentity(
            name=self.name,
            node=self.node,
            ldom=self.ldom,
            typed=tuple(self.typed),
            roles=tuple(order),
            server=self.server,
            joined_by=self.joined_by,
            named_by=tuple(self.named_by),
            role_evidence=tuple(c for r in order for c in self.roles[r]),
        )


Key = tuple[Optional[str], str]


# The LDom names the ldm listings show, per server (None: a listing of an unknown server).
Universe = dict[Optional[str], dict[str, list[object]]]


def ldom_universe(places: Sequence[Place]) -> Universe:
    universe: Universe = {}
    for place in places:
        names = universe.setdefault(place.server, {})
        for record in place.ldm_records:
            for name in _ldoms_of(record):
                names.setdefault(name, []).append(record)
    return universe


def _ldoms_of(record: object) -> Iterable[str]:
    if isinstance(record, Domain):
        yield record.name
    elif isinstance(record, VirtualNetwork):
        if record.domain:
            yield record.domain
        if record.service_domain:
            yield record.service_domain
    elif isinstance(record, (NetDevice, VirtualSwitch)) and record.domain:
        yield record.domain


def _vnet_macs(universe: Universe) -> dict[str, list[tuple[Optional[str], VirtualNetwork]]]:
    macs: dict[str, list[tuple[Optional[str], VirtualNetwork]]] = {}
    for server, names in universe.items():
        seen: set[int] = set()
        for records in names.values():
            for record in records:
                if isinstance(record, VirtualNetwork) and record.mac and id(record) not in seen:
                    seen.add(id(record))
                    macs.setdefault(record.mac, []).append((server, record))
    return macs


class Domains(dict[Key, DomainBuilder]):
    """The identities being built, with an index of every name each is called by (a fleet's
    transcript has thousands of domains: scanning them all for each name was quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, set[Key]] = {}

    def __setitem__(self, key: Key, domain: DomainBuilder) -> None:
        super().__setitem__(key, domain)
        self.note(key)

    def note(self, key: Key) -> None:
        """Index the names of ``key``'s domain (again, after they changed)."""
        domain = self[key]
        for name in {key[1], domain.ldom, domain.node, *domain.typed}:
            if name is not None:
                self.names.setdefault(name, set()).add(key)


def _called(key: Key, domain: DomainBuilder, name: str) -> bool:
    return name == key[1] or name in (domain.ldom, domain.node) or name in domain.typed


def find(domains: Domains, name: str, server: Optional[str]) -> Optional[Key]:
    """The key of the domain called ``name`` on ``server`` (or on no known server); with no
    server, the one domain of that name on any server."""
    if (server, name) in domains:
        return (server, name)
    found = [
        key
        for key in domains.names.get(name, ())
        if key in domains
        and _called(key, domains[key], name)
        and (server is None or key[0] in (server, None))
    ]
    exact = [key for key in found if key[0] == server]
    if len(exact) == 1:
        return exact[0]
    return found[0] if len(found) == 1 else None


def identify_places(
    places: Sequence[Place],
    universe: Universe,
    servers: Sequence[str],
    domains: Domains,
) -> None:
    macs = _vnet_macs(universe)
    for place in places:
        if place.typed is None and place.ran_ldm is None:
            continue
        ldom, clue = _join(place, universe, macs)
        typed = place.typed
        name = ldom or typed
        if name is None:  # pragma: no cover - a place that ran ldm has an LDom name
            continue
        key = find(domains, name, place.server) or (place.server, name)
        if key not in domains:
            domains[key] = DomainBuilder(name=name, server=place.server)
        domain = domains[key]
        if typed is not None and typed not in domain.typed:
            domain.typed.append(typed)
        if domain.ldom is None and ldom is not None:
            domain.ldom, domain.joined_by = ldom, clue
        nodes = list(place.nodes)
        if len(nodes) == 1:
            domain.node = nodes[0]
        elif typed is not None and place.how and place.how[0].kind == "prompt":
            # A prompt shows the node name; an ssh target or a banner may be either name.
            domain.node = domain.node or typed
        domain.named_by.extend(c for c in place.how if c not in domain.named_by)
        domains.note(key)
        place.identity = key


def _join(
    place: Place,
    universe: Universe,
    macs: dict[str, list[tuple[Optional[str], VirtualNetwork]]],
) -> tuple[Optional[str], Optional[Clue]]:
    """The LDom name of a place, and the evidence, strongest first. A join that finds the
    place's server sets it."""
    names = {i.name for i in place.infos if i.name}
    if len(names) == 1:
        info = next(i for i in place.infos if i.name)
        return info.name, Clue("virtinfo -a", info.line, f"virtinfo -a: Domain name: {info.name}")
    if place.ran_ldm is not None:
        if len(place.flag_c) == 1:
            name, line = next(iter(place.flag_c.items()))
            return name, Clue(
                "ldm list flag c", line, f"it runs ldm, and ldm list shows {name} with flag c"
            )
        return CONTROL_LDOM, Clue(
            "runs ldm",
            place.ran_ldm,
            f"it runs ldm, so it is the control domain, which Oracle VM Server for SPARC names "
            f"{CONTROL_LDOM}",
        )
    found: dict[tuple[Optional[str], str], tuple[str, str, int, VirtualNetwork]] = {}
    for mac, (link, line) in place.macs.items():
        for server, vnet in macs.get(mac, []):
            if vnet.domain is None:
                continue
            if place.server is not None and server not in (place.server, None):
                continue
            found.setdefault((server, vnet.domain), (mac, link, line, vnet))
    if len(found) == 1:
        (server, ldom), (mac, link, line, vnet) = next(iter(found.items()))
        place.server = place.server or server
        return ldom, Clue("MAC address", line, f"MAC {mac} of {link} is {vnet.name} of {ldom}")
    if place.typed is not None:
        holding = [
            server
            for server, names in universe.items()
            if place.typed in names and (place.server is None or server in (place.server, None))
        ]
        if len(holding) == 1:
            place.server = place.server or holding[0]
            return place.typed, Clue(
                "same name", None, f"{place.typed} is a domain name in the ldm listings"
            )
    return None, None


def identify_listed(universe: Universe, domains: Domains) -> None:
    """Every LDom the ldm listings name is a domain, whether or not its own output is here."""
    for server, names in universe.items():
        for name in names:
            if find(domains, name, server) is None:
                domains[(server, name)] = DomainBuilder(name=name, ldom=name, server=server)


def _is_listed_guest(name: str, records: Sequence[object]) -> bool:
    return any(
        (isinstance(r, VirtualNetwork) and r.domain == name)
        or (isinstance(r, NetDevice) and r.domain == name and r.class_ == "VNET")
        for r in records
    )


def join_single_guest(places: Sequence[Place], universe: Universe, domains: Domains) -> None:
    """One unjoined guest shown, one unjoined guest listed by ldm: they are the same domain."""
    shown = [
        p
        for p in places
        if p.identity is not None
        and domains[p.identity].ldom is None
        and (p.vnet_links or p.shows_aggregation)
    ]
    if len(shown) != 1:
        return
    place = shown[0]
    assert place.identity is not None
    joined = {(k[0], d.ldom) for k, d in domains.items() if d.typed and d.ldom}
    listed = [
        (server, name)
        for server, names in universe.items()
        if place.server in (None, server)
        for name, records in names.items()
        if (server, name) not in joined and name != CONTROL_LDOM and _is_listed_guest(name, records)
    ]
    if len(listed) != 1:
        return
    server, ldom = listed[0]
    shown_domain = domains.pop(place.identity)
    domains.pop((server, ldom), None)
    clue = Clue(
        "single guest",
        None,
        f"{ldom} is the only guest in the ldm listings not otherwise identified and "
        f"{shown_domain.name} the only guest shown by its own output",
    )
    key = (server, ldom)
    domains[key] = DomainBuilder(
        name=ldom,
        node=shown_domain.node,
        ldom=ldom,
        typed=shown_domain.typed,
        server=server,
        joined_by=clue,
        named_by=shown_domain.named_by,
    )
    old = place.identity
    for other in places:
        if other.identity == old:
            other.identity = key
            other.server = other.server or server

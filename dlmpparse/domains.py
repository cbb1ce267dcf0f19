"""Blocks with their records -> domains: which domain ran each command, and who each domain is.

The transcript stage says where a command ran as the text gives it (``Block.domain``: a prompt's
host, an ssh target, a banner; None for ``#`` or ``-bash-4.4$``). That is a name as typed: a
Solaris node name (``dbprod``) or an LDom name (``ldg6``). This stage decides, from evidence in
the input only, which domain each block belongs to, and for each domain its node name, its LDom
name, its roles and its server, each decision with the evidence behind it.

Evidence, strongest first:

* a host-less prompt's blocks (one shell session, or one run of prompts without a host) are the
  domain their own output names: ``uname -n``, ``hostname``, ``uname -a``, ``virtinfo -a``
  (``Domain name:``); a session that runs ``ldm`` is the control domain. Until something names
  it, the session's domain is unknown, never the previous prompt's;
* node name <-> LDom name: ``virtinfo -a`` in the domain; then a MAC address the domain shows
  (``dladm show-phys -m``, ``show-aggr -x`` ports) that is a vnet's MAC in the ldm listings;
  then the name as typed being an LDom name of the listings; then an unambiguous single guest.
  The control domain (it runs ``ldm``) is the listing's row with flag ``c``, else ``primary``
  (the name Oracle VM Server for SPARC gives the control domain);
* roles: control (runs ldm, ``virtinfo`` role control, flag ``c``), service (owns a virtual
  switch, ``virtinfo`` role service, flag ``v``), guest (VNET-class links: ``dladm show-phys``
  DEVICE ``vnetN``, ``ldm list-netdev`` CLASS VNET, vnets in ``ldm list -o network``);
* servers: each control domain seen (each ran ldm under its own host name) or chassis serial
  (``virtinfo -a``) is a server; ldm listings belong to the server whose control domain printed
  them, and a domain to the server whose listings name it.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Callable, Optional

import attrs

from .reader import BlockResult, Reading
from .records import (
    AggregationDetail,
    Domain,
    NetDevice,
    NodeName,
    OsRelease,
    PhysicalAddress,
    PhysicalLink,
    VirtualizationInfo,
    VirtualNetwork,
    VirtualSwitch,
)

__all__ = ["CONTROL", "GUEST", "SERVICE", "Attribution", "Clue", "DomainIdentity", "attribute"]

CONTROL = "control"
SERVICE = "service"
GUEST = "guest"
# Oracle VM Server for SPARC names the control domain primary; it cannot be renamed.
CONTROL_LDOM = "primary"
_VNET_DEVICE = re.compile(r"vnet\d+$")


@attrs.frozen
class Clue:
    """One piece of evidence: its kind (``virtinfo -a``, ``MAC address``, ``prompt``, ...), the
    input line it is on (None for a conclusion drawn from several) and what it says."""

    kind: str
    line: Optional[int]
    text: str

    def describe(self, cite: Callable[[int], str] = "line {}".format) -> str:
        """What it says and where; ``cite`` writes a line number as the report shows lines
        (``ldg5.txt:5`` when several files were given)."""
        return f"{self.text}, {cite(self.line)}" if self.line else self.text

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "line": self.line, "text": self.text}


@attrs.frozen
class DomainIdentity:
    """A domain as the input shows it.

    ``name`` is what the inventory, the rules and the findings call it: the LDom name when the
    evidence gives it, else the name as typed. ``node`` is the Solaris node name (where to run
    in-domain commands), ``ldom`` the LDom name (the operand of ``ldm`` commands), ``typed`` the
    names the text gave it. ``joined_by`` says what tied ``node`` (or the name as typed) to
    ``ldom``; ``roles`` and ``role_evidence`` what the domain is and how that was learned.
    """

    name: str
    node: Optional[str] = None
    ldom: Optional[str] = None
    typed: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    server: Optional[str] = None
    joined_by: Optional[Clue] = None
    named_by: tuple[Clue, ...] = ()
    role_evidence: tuple[Clue, ...] = ()

    @property
    def where(self) -> str:
        """Where to run a command in this domain: its node name, else its name."""
        return self.node or (self.typed[0] if self.typed else self.name)

    def has(self, role: str) -> bool:
        return role in self.roles

    def describe(
        self, *, server: bool = False, cite: Callable[[int], str] = "line {}".format
    ) -> str:
        """``ldg6 = node dbprod: MAC ... of net1 is vnet1 of ldg6, line 57; guest (...)``;
        ``server`` adds the server (when the input shows several)."""
        parts = [self.name]
        if server:
            parts.append(f"on server {self.server or '(unknown)'}")
        if self.ldom and self.node and self.node != self.ldom:
            how = f": {self.joined_by.describe(cite)}" if self.joined_by else ""
            parts.append(f"= node {self.node}{how}")
        elif self.ldom and self.joined_by is not None:
            # A name typed for it that is neither name (an ssh target, a DNS alias).
            called = [t for t in self.typed if t not in (self.ldom, self.node)]
            alias = f", called {', '.join(called)} in the input" if called else ""
            parts.append(f"(LDom name: {self.joined_by.describe(cite)}{alias})")
        elif self.ldom is None:
            parts.append("(LDom name unknown: run `virtinfo -a` in it)")
        text = " ".join(parts)
        if self.roles:
            # Two roles may rest on one line (flags -n-cv-: control and service).
            evidence = "; ".join(dict.fromkeys(c.describe(cite) for c in self.role_evidence))
            text += f"; {', '.join(self.roles)}" + (f" ({evidence})" if evidence else "")
        else:
            text += "; role unknown"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "node": self.node,
            "ldom": self.ldom,
            "typed": list(self.typed),
            "roles": list(self.roles),
            "server": self.server,
            "joined_by": self.joined_by.to_dict() if self.joined_by else None,
            "named_by": [c.to_dict() for c in self.named_by],
            "role_evidence": [c.to_dict() for c in self.role_evidence],
        }


@attrs.frozen
class Attribution:
    """The domains stage's answers: the domain of each block result (``of_results``, in the
    reading's order; None when nothing tells), each domain's identity, the servers (more than
    one only when the input shows several), and the blocks left unattributed."""

    domains: tuple[DomainIdentity, ...]
    of_results: tuple[Optional[str], ...]
    servers: tuple[str, ...] = ()
    unknown: tuple[int, ...] = ()
    servers_of: tuple[Optional[str], ...] = ()
    # Every name of every domain -> the domains called so (built once: the inventory and the
    # rules ask for each guest of a fleet).
    _names: dict[str, tuple[DomainIdentity, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        names: dict[str, list[DomainIdentity]] = {}
        for domain in self.domains:
            called = {domain.name, domain.ldom, domain.node, *domain.typed}
            for name in called:
                if name is not None:
                    names.setdefault(name, []).append(domain)
        object.__setattr__(self, "_names", {k: tuple(v) for k, v in names.items()})

    def identity(
        self, name: Optional[str], server: Optional[str] = None
    ) -> Optional[DomainIdentity]:
        """The domain called ``name`` (its name, LDom name, node name or a name as typed) on
        ``server`` (any server when None; then only a name that one domain has)."""
        if name is None:
            return None
        scoped = [
            d for d in self._names.get(name, ()) if server is None or d.server in (server, None)
        ]
        for domain in scoped:
            if name == domain.name:
                return domain
        return scoped[0] if len(scoped) == 1 else None

    def server_of(self, index: int) -> Optional[str]:
        return self.servers_of[index] if 0 <= index < len(self.servers_of) else None

    def controls(self, server: Optional[str] = None) -> tuple[DomainIdentity, ...]:
        return tuple(
            d
            for d in self.domains
            if d.has(CONTROL) and (server is None or d.server in (server, None))
        )

    def of(self, index: int) -> Optional[str]:
        return self.of_results[index] if 0 <= index < len(self.of_results) else None

    def to_dict(self) -> dict[str, object]:
        return {
            "servers": list(self.servers),
            "domains": [d.to_dict() for d in self.domains],
            "unattributed_lines": list(self.unknown),
        }


# --- places: where the text says a block ran --------------------------------------------------


@attrs.define
class _Place:
    """Blocks the text puts in one place: a name as typed, or a host-less session."""

    typed: Optional[str]
    results: list[int] = attrs.field(factory=list)
    how: list[Clue] = attrs.field(factory=list)
    # Learned from the place's own output.
    nodes: dict[str, Clue] = attrs.field(factory=dict)
    infos: list[VirtualizationInfo] = attrs.field(factory=list)
    ran_ldm: Optional[int] = None
    flag_c: dict[str, int] = attrs.field(factory=dict)
    macs: dict[str, tuple[str, int]] = attrs.field(factory=dict)
    vnet_links: list[PhysicalLink] = attrs.field(factory=list)
    ldm_records: list[object] = attrs.field(factory=list)
    shows_aggregation: bool = False
    # Decided.
    identity: Optional[tuple[Optional[str], str]] = None
    server: Optional[str] = None


def _places(reading: Reading) -> list[_Place]:
    """Group the results by where the text says they ran. A host-less block belongs to its
    session (the transcript stage's ``Block.session``) or, with no sessions, to the run of
    host-less blocks it is in: a named prompt or text outside any command ends a run."""
    sessions = any(r.block is not None and r.block.session for r in reading.results)
    places: dict[tuple[str, object], _Place] = {}
    order: list[_Place] = []
    run = 0
    previous_block: object = None
    for index, result in enumerate(reading.results):
        block = result.block
        if block is not None and block.domain:
            key: tuple[str, object] = ("typed", block.domain)
            via = block.via or "prompt"
            clue = Clue(via, block.line, _how(via, block.domain, block.prompt))
        else:
            if block is None or block.prompt is None:
                if block is not previous_block:
                    run += 1
            elif previous_block is not block and not _continues(reading, index):
                run += 1
            session = block.session if (block is not None and sessions) else None
            key = ("session", session) if session is not None else ("run", run)
            clue = None
        previous_block = block
        place = places.get(key)
        if place is None:
            place = _Place(typed=block.domain if key[0] == "typed" and block else None)
            places[key] = place
            order.append(place)
        place.results.append(index)
        if clue is not None and not any(c.kind == clue.kind for c in place.how):
            place.how.append(clue)
    return order


def _continues(reading: Reading, index: int) -> bool:
    """Whether the host-less block of result ``index`` follows another host-less prompt's block
    directly (same run)."""
    block = reading.results[index].block
    for earlier in reversed(reading.results[:index]):
        if earlier.block is block:
            continue
        other = earlier.block
        return other is not None and other.prompt is not None and not other.domain
    return False


def _how(via: str, host: str, prompt: Optional[str]) -> str:
    if via == "ssh":
        return f"the command was run with ssh {host}"
    if via == "ssh-session":
        return f"a prompt after ssh {host}"
    if via == "banner":
        return f"a banner names {host}"
    return f"the prompt `{prompt}` names {host}" if prompt else f"the text names {host}"


def _learn(place: _Place, result: BlockResult) -> None:
    if result.block is not None and result.block.failure is not None:
        # A failed command (`ldm: command not found`) says nothing of the domain, least of all
        # that it runs ldm.
        return
    grammar = result.grammar or ""
    if result.status == "read" and grammar.startswith("ldm ") and place.ran_ldm is None:
        place.ran_ldm = result.line
    for record in result.records:
        if isinstance(record, NodeName):
            place.nodes.setdefault(record.node, Clue(record.source, record.line, record.node))
        elif isinstance(record, OsRelease) and record.domain and record.source == "uname -a":
            place.nodes.setdefault(record.domain, Clue("uname -a", record.line, record.domain))
        elif isinstance(record, VirtualizationInfo):
            place.infos.append(record)
        elif isinstance(record, Domain):
            place.ldm_records.append(record)
            if record.flags and len(record.flags) >= 4 and record.flags[3] == "c":
                place.flag_c.setdefault(record.name, record.line)
        elif isinstance(record, (VirtualNetwork, NetDevice, VirtualSwitch)):
            place.ldm_records.append(record)
        elif isinstance(record, PhysicalAddress) and record.address:
            place.macs.setdefault(record.address, (record.link, record.line))
        elif isinstance(record, AggregationDetail):
            place.shows_aggregation = True
            for port in record.ports:
                if port.address:
                    place.macs.setdefault(port.address, (port.port, port.line))
        elif (
            isinstance(record, PhysicalLink)
            and record.device
            and _VNET_DEVICE.match(record.device)
        ):
            place.vnet_links.append(record)


# --- the stage --------------------------------------------------------------------------------


@attrs.define
class _Domain:
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


_Key = tuple[Optional[str], str]


def attribute(reading: Reading, *, guest: Optional[str] = None) -> Attribution:
    """Decide each block's domain and each domain's names, roles and server.

    ``guest`` (the check's ``--guest``) names the guest: blocks nothing else attributes are
    taken as its, and the report says so.
    """
    places = _places(reading)
    for place in places:
        for index in place.results:
            _learn(place, reading.results[index])
    _name_sessions(places)
    places = _merge_places(places)
    servers = _servers(places)
    universe = _ldom_universe(places)
    domains = _Domains()
    _identify_places(places, universe, servers, domains)
    _identify_listed(universe, domains)
    _join_single_guest(places, universe, domains)
    _roles(places, domains)
    unattributed = [p for p in places if p.identity is None]
    if guest is not None:
        key = _find(domains, guest, None) or (None, guest)
        if key not in domains:
            # A name nothing else gives is taken as the LDom name the user gave.
            domains[key] = _Domain(
                name=guest,
                ldom=guest,
                typed=[guest],
                joined_by=Clue("--guest", None, f"--guest {guest} names it"),
            )
        target = domains[key]
        for place in unattributed:
            place.identity = key
            line = reading.results[place.results[0]].line
            target.named_by.append(
                Clue("--guest", line, f"--guest {guest}: the blocks from line {line} name no host")
            )
        unattributed = []
    of_results: list[Optional[str]] = [None] * len(reading.results)
    servers_of: list[Optional[str]] = [None] * len(reading.results)
    for place in places:
        for index in place.results:
            if place.identity is not None:
                servers_of[index], of_results[index] = place.identity
    unknown = sorted({reading.results[i].line for p in unattributed for i in p.results})
    return Attribution(
        domains=tuple(d.frozen() for d in domains.values()),
        of_results=tuple(of_results),
        servers=tuple(servers) if len(servers) > 1 else (),
        unknown=tuple(unknown),
        servers_of=tuple(servers_of) if len(servers) > 1 else (),
    )


def _name_sessions(places: Sequence[_Place]) -> None:
    """A host-less session takes the name its own output gives: a node name (uname -n,
    hostname, uname -a) or the LDom name of virtinfo -a. Two different names: unknown."""
    for place in places:
        if place.typed is not None:
            continue
        names = set(place.nodes)
        if len(names) == 1:
            node = next(iter(names))
            place.typed = node
            place.how.append(
                Clue(
                    place.nodes[node].kind,
                    place.nodes[node].line,
                    f"{place.nodes[node].kind} prints {node} under the host-less prompt",
                )
            )
        elif not names:
            ldoms = {i.name for i in place.infos if i.name}
            if len(ldoms) == 1:
                place.typed = next(iter(ldoms))
                info = next(i for i in place.infos if i.name)
                place.how.append(
                    Clue("virtinfo -a", info.line, f"virtinfo -a prints Domain name: {info.name}")
                )


def _merge_places(places: Sequence[_Place]) -> list[_Place]:
    """Places with the same name as typed are one place, unless virtinfo -a shows them on two
    chassis (an LDom name such as primary is unique only within one server)."""
    by_name: dict[tuple[str, Optional[str]], _Place] = {}
    out: list[_Place] = []
    for place in places:
        if place.typed is None:
            out.append(place)
            continue
        serial = _serial(place)
        known = by_name.get((place.typed, serial)) or by_name.get((place.typed, None))
        if known is None and serial is None:
            known = next((p for (n, _), p in by_name.items() if n == place.typed), None)
        if known is None:
            by_name[(place.typed, serial)] = place
            out.append(place)
            continue
        known.results.extend(place.results)
        known.how.extend(c for c in place.how if all(c.kind != k.kind for k in known.how))
        for node, clue in place.nodes.items():
            known.nodes.setdefault(node, clue)
        known.infos.extend(place.infos)
        known.ran_ldm = known.ran_ldm or place.ran_ldm
        for name, line in place.flag_c.items():
            known.flag_c.setdefault(name, line)
        for mac, where in place.macs.items():
            known.macs.setdefault(mac, where)
        known.vnet_links.extend(place.vnet_links)
        known.ldm_records.extend(place.ldm_records)
        known.shows_aggregation = known.shows_aggregation or place.shows_aggregation
    return out


def _serial(place: _Place) -> Optional[str]:
    return next((i.serial for i in place.infos if i.serial), None)


def _servers(places: Sequence[_Place]) -> list[str]:
    """One server per control domain seen (a place that ran ldm), told apart by name or by
    the chassis serial virtinfo -a prints."""
    servers: list[str] = []
    serials: dict[str, str] = {}
    anonymous: list[_Place] = []
    for place in places:
        if place.ran_ldm is None and not any(CONTROL in i.roles for i in place.infos):
            continue
        serial = _serial(place)
        # A control domain's virtinfo -a names its own node name as the control domain.
        node = next((i.control_node for i in place.infos if i.control_node), None)
        name = node or place.typed or (serial and f"chassis {serial}")
        if not name:
            # ldm output with nothing naming where it ran (a listing pasted without its prompt,
            # the rest of a file split mid-output) is no evidence of another server.
            anonymous.append(place)
            continue
        if serial is not None and serial in serials:
            place.server = serials[serial]
            continue
        if name in servers and serial is not None:
            # Two control domains of the same name (primary) on two chassis.
            name = f"{name} (chassis {serial})"
        if serial is not None:
            serials[serial] = name
        place.server = name
        if name not in servers:
            servers.append(name)
    for place in places:
        if place.server is not None:
            continue
        for info in place.infos:
            if info.serial in serials:
                place.server = serials[info.serial]
            elif info.control_node in servers:
                place.server = info.control_node
    if not servers and anonymous:
        servers.append("server 1")
    if len(servers) == 1:
        for place in places:
            place.server = place.server or servers[0]
    return servers


# The LDom names the ldm listings show, per server (None: a listing of an unknown server).
_Universe = dict[Optional[str], dict[str, list[object]]]


def _ldom_universe(places: Sequence[_Place]) -> _Universe:
    universe: _Universe = {}
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


def _vnet_macs(universe: _Universe) -> dict[str, list[tuple[Optional[str], VirtualNetwork]]]:
    macs: dict[str, list[tuple[Optional[str], VirtualNetwork]]] = {}
    for server, names in universe.items():
        seen: set[int] = set()
        for records in names.values():
            for record in records:
                if isinstance(record, VirtualNetwork) and record.mac and id(record) not in seen:
                    seen.add(id(record))
                    macs.setdefault(record.mac, []).append((server, record))
    return macs


class _Domains(dict[_Key, _Domain]):
    """The identities being built, with an index of every name each is called by (a fleet's
    transcript has thousands of domains: scanning them all for each name was quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, set[_Key]] = {}

    def __setitem__(self, key: _Key, domain: _Domain) -> None:
        super().__setitem__(key, domain)
        self.note(key)

    def note(self, key: _Key) -> None:
        """Index the names of ``key``'s domain (again, after they changed)."""
        domain = self[key]
        for name in {key[1], domain.ldom, domain.node, *domain.typed}:
            if name is not None:
                self.names.setdefault(name, set()).add(key)


def _called(key: _Key, domain: _Domain, name: str) -> bool:
    return name == key[1] or name in (domain.ldom, domain.node) or name in domain.typed


def _find(domains: _Domains, name: str, server: Optional[str]) -> Optional[_Key]:
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


def _identify_places(
    places: Sequence[_Place],
    universe: _Universe,
    servers: Sequence[str],
    domains: _Domains,
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
        key = _find(domains, name, place.server) or (place.server, name)
        if key not in domains:
            domains[key] = _Domain(name=name, server=place.server)
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
    place: _Place,
    universe: _Universe,
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
        return ldom, Clue(
            "MAC address", line, f"MAC {mac} of {link} is {vnet.name} of {ldom}"
        )
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


def _identify_listed(universe: _Universe, domains: _Domains) -> None:
    """Every LDom the ldm listings name is a domain, whether or not its own output is here."""
    for server, names in universe.items():
        for name in names:
            if _find(domains, name, server) is None:
                domains[(server, name)] = _Domain(name=name, ldom=name, server=server)


def _is_listed_guest(name: str, records: Sequence[object]) -> bool:
    return any(
        (isinstance(r, VirtualNetwork) and r.domain == name)
        or (isinstance(r, NetDevice) and r.domain == name and r.class_ == "VNET")
        for r in records
    )


def _join_single_guest(
    places: Sequence[_Place], universe: _Universe, domains: _Domains
) -> None:
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
    domains[key] = _Domain(
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


def _roles(places: Sequence[_Place], domains: _Domains) -> None:
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


def _listed_roles(record: object, domains: _Domains, server: Optional[str]) -> None:
    def named(name: Optional[str]) -> Optional[_Domain]:
        if name is None:
            return None
        key = _find(domains, name, server)
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
            domain.role(GUEST, Clue("vnet", record.line, f"it has the vnet {record.name}"))
        service = named(record.service_domain)
        if service is not None and record.service:
            service.role(
                SERVICE,
                Clue("virtual switch", record.line, f"it owns the switch {record.service}"),
            )
    elif isinstance(record, NetDevice) and record.class_ == "VNET":
        domain = named(record.domain)
        if domain is not None:
            domain.role(
                GUEST, Clue("VNET-class link", record.line, f"{record.name} is of class VNET")
            )

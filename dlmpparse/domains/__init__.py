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

from typing import Optional

from ..reader import Reading
from .ldom_names import (
    DomainBuilder,
    Domains,
    find,
    identify_listed,
    identify_places,
    join_single_guest,
    ldom_universe,
)
from .model import CONTROL, CONTROL_LDOM, GUEST, SERVICE, Attribution, Clue, DomainIdentity
from .places import find_servers, group_places, learn, merge_places, name_sessions
from .roles import assign_roles

__all__ = [
    "CONTROL",
    "CONTROL_LDOM",
    "GUEST",
    "SERVICE",
    "Attribution",
    "Clue",
    "DomainIdentity",
    "attribute",
]


def attribute(reading: Reading, *, guest: Optional[str] = None) -> Attribution:
    """Decide each block's domain and each domain's names, roles and server.

    ``guest`` (the check's ``--guest``) names the guest: blocks nothing else attributes are
    taken as its, and the report says so.
    """
    places = group_places(reading)
    for place in places:
        for index in place.results:
            learn(place, reading.results[index])
    name_sessions(places)
    places = merge_places(places)
    servers = find_servers(places)
    universe = ldom_universe(places)
    domains = Domains()
    identify_places(places, universe, servers, domains)
    identify_listed(universe, domains)
    join_single_guest(places, universe, domains)
    assign_roles(places, domains)
    unattributed = [p for p in places if p.identity is None]
    if guest is not None:
        key = find(domains, guest, None) or (None, guest)
        if key not in domains:
            # A name nothing else gives is taken as the LDom name the user gave.
            domains[key] = DomainBuilder(
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

"""Where the text says each block ran (a place: a name as typed, or a host-less session), and
what each place's own output says about it (node names, virtinfo, ldm, MAC addresses)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

import attrs

from ..grammars.configuration import is_configuration
from ..reader import BlockResult, Reading, block_line_of, failure_of_block, where_of
from ..records import (
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
from .model import CONTROL, Clue

__all__ = ["Place", "find_servers", "group_places", "learn", "merge_places", "name_sessions"]

_VNET_DEVICE = re.compile(r"vnet\d+$")


@attrs.define
class Place:
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


def group_places(reading: Reading) -> list[Place]:
    """Group the results by where the text says they ran. A host-less block belongs to its
    session (the transcript stage's ``Block.session``) or, with no sessions, to the run of
    host-less blocks it is in: a named prompt or text outside any command ends a run."""
    wheres = [where_of(r) for r in reading.results]
    sessions = any(w is not None and w[4] for w in wheres)
    places: dict[tuple[str, object], Place] = {}
    order: list[Place] = []
    run = 0
    # The block a result was read from, by its line (one block per line; a result makes its
    # block again when asked, so two results of one block give equal blocks, not one).
    previous_block: Optional[int] = None
    for index, where in enumerate(wheres):
        at, prompt, domain, via, session = where if where is not None else (None,) * 5
        if domain:
            key: tuple[str, object] = ("typed", domain)
        else:
            if prompt is None:
                if at != previous_block:
                    run += 1
            elif previous_block != at and not _continues(reading, index):
                run += 1
            key = ("session", session) if (where is not None and sessions) else ("run", run)
        previous_block = at
        place = places.get(key)
        if place is None:
            place = Place(typed=domain if key[0] == "typed" else None)
            places[key] = place
            order.append(place)
        place.results.append(index)
        if domain:
            # The first block of each way the text names the place (its clue made only then).
            how = via or "prompt"
            if at is not None and not any(c.kind == how for c in place.how):
                place.how.append(Clue(how, at, _how(how, domain, prompt)))
    return order


def _continues(reading: Reading, index: int) -> bool:
    """Whether the host-less block of result ``index`` follows another host-less prompt's block
    directly (same run)."""
    results = reading.results
    at = block_line_of(results[index])
    for earlier in range(index - 1, -1, -1):
        if block_line_of(results[earlier]) == at:
            continue  # the same block (a table found in its output)
        other = results[earlier].block
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


def learn(place: Place, result: BlockResult) -> None:
    if failure_of_block(result) is not None:
        # A failed command (`ldm: command not found`) says nothing of the domain, least of all
        # that it runs ldm.
        return
    grammar = result.grammar or ""
    # A listing ldm printed: a configuration command (ldm set-vnet) prints nothing to show
    # that it ran rather than failed with a message the transcript stage did not know.
    listing = not is_configuration(grammar)
    if result.status == "read" and listing and grammar.startswith("ldm ") and place.ran_ldm is None:
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
            isinstance(record, PhysicalLink) and record.device and _VNET_DEVICE.match(record.device)
        ):
            place.vnet_links.append(record)


def name_sessions(places: Sequence[Place]) -> None:
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


def merge_places(places: Sequence[Place]) -> list[Place]:
    """Places with the same name as typed are one place, unless virtinfo -a shows them on two
    chassis (an LDom name such as primary is unique only within one server)."""
    by_name: dict[tuple[str, Optional[str]], Place] = {}
    out: list[Place] = []
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


def _serial(place: Place) -> Optional[str]:
    return next((i.serial for i in place.infos if i.serial), None)


def find_servers(places: Sequence[Place]) -> list[str]:
    """One server per control domain seen (a place that ran ldm), told apart by name or by
    the chassis serial virtinfo -a prints."""
    servers: list[str] = []
    serials: dict[str, str] = {}
    anonymous: list[Place] = []
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

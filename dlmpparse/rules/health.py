"""The health of a configured aggregation: DLMP mode, ports up and attached, probes active, the
IP interface over it ok."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..inventory import AggregationTarget, DomainView, System
from ..names import Name, Placeholder, shell_word
from ..records import AggregationDetail, AggregationPort, IpInterface
from ._helpers import (
    AGGR_CHANGES,
    IP_CHANGES,
    IpEvidence,
    _in,
    _ip_evidence,
    _join,
    _ldm_fix,
    _move_switch,
    _need_aggregation,
    _odd_one_out,
    _path_down,
    _recreate,
    _unknown_speed,
)
from .judge import ERROR, Fix, Judge, rule


@rule("aggr-dlmp", ERROR, "The aggregation is a DLMP aggregation (dladm create-aggr -m dlmp).")
def aggr_dlmp(judge: Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "dladm show-aggr")
    if name is None:
        return
    view = system.view(target.guest)
    # Any form of show-aggr (plain, -o ...,mode, -p -o mode) that printed MODE; the latest of
    # it and a create-aggr describes the aggregation now.
    shown = next(
        (
            a
            for a in reversed(view.aggregations)
            if a.link == name and a.mode is not None and "mode" not in a.not_shown
        ),
        None,
    )
    created = view.creation(name)
    if shown is not None and (created is None or shown.line > created.line):
        if shown.mode == "dlmp":
            judge.passed(name, "mode dlmp", [shown.line])
        else:
            judge.failed(
                name,
                f"mode is {shown.mode}, must be dlmp: Oracle VM Server for SPARC 3.6 supports DLMP "
                "aggregation over virtual network devices",
                [shown.line],
                fix=_recreate(system, target),
            )
        return
    if created is not None:
        earlier = f" (the show-aggr at line {shown.line} was printed before it)" if shown else ""
        if created.mode == "dlmp":
            judge.passed(name, f"created with -m dlmp{earlier}", [created.line])
        else:
            judge.failed(
                name,
                f"created with mode {created.mode or 'trunk (the default without -m)'}, "
                f"must be dlmp{earlier}",
                [created.line],
                fix=_recreate(system, target),
            )
        return
    judge.skipped(
        name,
        f"no MODE shown for {name}: run `dladm show-aggr {name}` (or `dladm show-aggr -o "
        f"link,mode {name}`) in {_in(target)}",
        [a.line for a in view.all_of("aggregations", name)],
    )


@rule(
    "ports-attached",
    ERROR,
    "The aggregation is up and every port is up and attached.",
)
def ports_attached(judge: Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "dladm show-aggr -x")
    if name is None:
        return
    detail = system.view(target.guest).detail(name)
    if detail is None:
        judge.skipped(name, f"ports not shown: run `dladm show-aggr -x {name}` in {_in(target)}")
        return
    if detail.state == "up":
        judge.passed(name, f"{name} is up", [detail.line])
    else:
        causes = [(m.link, _path_down(judge, system, m)) for m in target.members]
        known = [(link, c) for link, c in causes if c is not None]
        if known and len(known) == len(causes):
            judge.failed(
                name,
                f"{name} is {detail.state or 'in an unknown state'}: "
                + "; ".join(f"{link}: {c.why}" for link, c in known),
                [detail.line, *(n for _, c in known for n in c.lines)],
                fix=known[0][1].fix,
            )
        else:
            _aggregation_down(judge, target, name, detail.state, detail.line)
    _ports(judge, system, target, name, detail)


def _aggregation_down(
    judge: Judge, target: AggregationTarget, name: str, state: Optional[str], line: int
) -> None:
    judge.failed(
        name,
        f"{name} is {state or 'in an unknown state'}",
        [line],
        fix=_ldm_fix(
            judge,
            target,
            "ldm list-netdev",
            "an aggregation is down when all its ports are: bring up the service domains "
            "and their switches' physical links, then check the ports here",
        ),
    )


def _ports(
    judge: Judge,
    system: System,
    target: AggregationTarget,
    name: str,
    detail: AggregationDetail,
) -> None:
    ports = {p.port: p for p in detail.ports}
    by_link = {m.link: m for m in target.members}
    for member in target.members:
        if member.link not in ports:
            judge.failed(
                member.link,
                f"{member.link} is not a port of {name} (ports: {_join(sorted(ports)) or 'none'})",
                [detail.line],
                fix=Fix.of(_in(target), ["dladm", "add-aggr", "-l", Name(member.link), Name(name)]),
            )
    for port in detail.ports:
        shown = by_link.get(port.port)
        if port.state == "up" and port.portstate == "attached":
            judge.passed(port.port, "up and attached", [port.line])
        elif port.state is not None and port.state != "up":
            # A down port is down, whatever its speed (0) or PORTSTATE: say why, never blame
            # its speed.
            cause = _path_down(judge, system, shown) if shown is not None else None
            if cause is not None:
                judge.failed(
                    port.port,
                    f"{port.port} is {port.state or 'not up'}: {cause.why}",
                    [port.line, *cause.lines],
                    fix=cause.fix,
                )
            else:
                judge.failed(
                    port.port,
                    f"port is {port.state or '--'} and {port.portstate or 'not attached'}",
                    [port.line],
                    fix=_ldm_fix(
                        judge,
                        target,
                        "ldm list-netdev",
                        "a port is down when its virtual switch's physical link is down or its "
                        "service domain is not running (ldm list shows its state): bring them "
                        f"up, then run dladm show-aggr -x {shell_word(name)} again",
                    ),
                )
        elif port.portstate == "standby":
            judge.failed(
                port.port,
                f"port is {port.state or '--'} and in standby: DLMP puts a port whose speed "
                f"({port.speed_raw or '--'}) differs from the others in standby",
                [port.line],
                fix=_move_switch(
                    judge,
                    shown.vswitch
                    if shown is not None and shown.vswitch
                    else Placeholder(f"the switch of {port.port}"),
                    _common_speed(detail.ports),
                ),
            )
        else:
            judge.failed(
                port.port,
                f"port is {port.state or '--'} and {port.portstate or 'not attached'}",
                [port.line],
                fix=_ldm_fix(
                    judge,
                    target,
                    "ldm list-netdev",
                    "a port that is not up and attached carries no traffic: check its vnet, its "
                    "switch and its service domain (ldm list shows its state), then run dladm "
                    f"show-aggr -x {shell_word(name)} again",
                ),
            )


def _common_speed(ports: Sequence[AggregationPort]) -> Optional[int]:
    speeds = {
        p.port: p.speed
        for p in ports
        if p.speed and not _unknown_speed(p.speed, p.state) and p.portstate != "standby"
    }
    return _odd_one_out(speeds)[1] if speeds else None


@rule(
    "probe-active",
    ERROR,
    "With probe-based failure detection, every port's probe state is active and each port "
    "has probe targets or transitive probe targets.",
)
def probe_active(judge: Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "dladm show-aggr -S")
    if name is None:
        return
    view = system.view(target.guest)
    probes = view.probes_of(name)
    enabled = [p for p in view.all_of("properties", name) if p.name == "probe-ip" and p.value]
    if not probes:
        if enabled:
            judge.skipped(
                name,
                f"probing enabled (probe-ip={enabled[-1].value}) but its state is not shown: "
                f"run `dladm show-aggr -S {name}` in {_in(target)}",
                [enabled[-1].line],
            )
        else:
            judge.skipped(
                name,
                "probe-based failure detection not shown as enabled (dladm set-linkprop -p "
                f"probe-ip=+ {name}); only link-based failure detection applies",
            )
        return
    members = {m.link: m for m in target.members}
    for probe in probes:
        member = members.get(probe.port)
        # A silent service domain is no cause here: the port may be up, its probes failing.
        down = (
            _path_down(judge, system, member, silent_domain=False) if member is not None else None
        )
        if probe.state != "active" and down is not None:
            # No probe answers through a port whose service domain is down: mend that, not
            # the probe targets.
            judge.failed(
                probe.port,
                f"probe state is {probe.state or '--'}, not active: {down.why}",
                [probe.line, *down.lines],
                fix=down.fix,
            )
        elif probe.state != "active":
            judge.failed(
                probe.port,
                f"probe state is {probe.state or '--'}, not active",
                [probe.line],
                fix=_probe_fix(target, name),
            )
        elif not probe.targets and not probe.xtargets:
            judge.failed(
                probe.port,
                "no probe targets and no transitive probe targets",
                [probe.line],
                fix=_probe_fix(target, name),
            )
        else:
            reached = []
            if probe.targets:
                reached.append("targets " + " ".join(probe.targets))
            if probe.xtargets:
                reached.append("transitive targets " + " ".join(probe.xtargets))
            judge.passed(probe.port, f"active, {', '.join(reached)}", [probe.line])


def _probe_fix(target: AggregationTarget, name: str) -> Fix:
    return Fix.of(
        _in(target),
        [
            "dladm",
            "set-linkprop",
            "-p",
            ("probe-ip=", Placeholder("source-ip"), "+", Placeholder("target-ip")),
            Name(name),
        ],
        "a port fails probing when no target answers through it: name a source address on the "
        "aggregation and a target that answers ICMP (probe-ip=+ lets in.dlmpd pick them)",
    )


@rule("aggr-ip", ERROR, "The IP interface and addresses over the aggregation are ok.")
def aggr_ip(judge: Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "ipadm")
    if name is None:
        return
    # The latest ipadm listing in any form, none printed before a command that changed the
    # aggregation's IP configuration.
    evidence = _ip_evidence(system, target, [name], changes=(*IP_CHANGES, *AGGR_CHANGES))
    if isinstance(evidence, str) or evidence.interfaces is None:
        judge.skipped(
            name,
            evidence
            if isinstance(evidence, str)
            else f"IP interfaces not shown: run `ipadm` (or `ipadm show-if`) in {_in(target)}",
        )
        return
    interfaces = evidence.interfaces
    interface = _interface(interfaces, name)
    group = _ipmp_group(interfaces, name, interface)
    if interface is not None and group is not None:
        # An IPMP underlying interface: the data addresses are on the group's interface.
        _interface_ok(judge, target, interface, f", under the IPMP group {group.name}")
        _addresses(judge, evidence, target, group, ipmp=True)
        return
    if interface is not None:
        _interface_ok(judge, target, interface, "")
        _addresses(judge, evidence, target, interface, ipmp=False)
        return
    vlans = _vlan_interfaces(system.view(target.guest), interfaces, name)
    if vlans:
        # IP only on VLAN links over the aggregation: each VLAN interface carries the traffic.
        for vlan, link_line in vlans:
            _interface_ok(judge, target, vlan, f", on a VLAN link over {name} (line {link_line})")
            _addresses(judge, evidence, target, vlan, ipmp=False)
        return
    judge.failed(
        name,
        f"no IP interface over {name} (nor an IPMP group over it, nor a VLAN link over it "
        "with one)",
        list(evidence.lines),
        fix=Fix.of(_in(target), ["ipadm", "create-ip", Name(name, "interface")]),
    )


def _interface(interfaces: Sequence[IpInterface], name: str) -> Optional[IpInterface]:
    return next((i for i in reversed(interfaces) if i.name == name), None)


def _ipmp_group(
    interfaces: Sequence[IpInterface], name: str, interface: Optional[IpInterface]
) -> Optional[IpInterface]:
    """The IPMP interface ``name`` is under: ipadm's UNDER column on ``name``'s row, or an
    ipmp-class interface whose OVER (ipadm show-if) lists ``name``."""
    if interface is not None and interface.under:
        shown = _interface(interfaces, interface.under)
        return shown or IpInterface(name=interface.under, class_="ipmp", line=interface.line)
    for candidate in reversed(interfaces):
        if name in candidate.over and candidate.class_ in (None, "ipmp"):
            return candidate
    return None


def _vlan_interfaces(
    view: DomainView, interfaces: Sequence[IpInterface], name: str
) -> list[tuple[IpInterface, int]]:
    """IP interfaces on VLAN links over ``name`` (dladm show-link: CLASS vlan, OVER name)."""
    out: list[tuple[IpInterface, int]] = []
    seen: set[str] = set()
    for link in view.links:
        if link.class_ == "vlan" and name in link.over and link.link not in seen:
            seen.add(link.link)
            interface = _interface(interfaces, link.link)
            if interface is not None:
                out.append((interface, link.line))
    return out


def _interface_ok(
    judge: Judge, target: AggregationTarget, interface: IpInterface, where: str
) -> None:
    name = interface.name
    if interface.state != "ok":
        judge.failed(
            name,
            f"IP interface {name}{where} is {interface.state or '--'}",
            [interface.line],
            fix=Fix.of(
                _in(target),
                ["ipadm", "enable-if", "-t", Name(name, "interface")],
                "an interface is failed or down when every port under it is",
            ),
        )
    else:
        judge.passed(name, f"IP interface {name}{where} is ok", [interface.line])


def _addresses(
    judge: Judge,
    evidence: IpEvidence,
    target: AggregationTarget,
    carrier: IpInterface,
    *,
    ipmp: bool,
) -> None:
    name = carrier.name
    if ipmp and evidence.interfaces is not None and _interface(evidence.interfaces, name):
        _interface_ok(judge, target, carrier, " (IPMP)")
    if evidence.addresses is None:
        judge.skipped(
            name, f"addresses not shown: run `ipadm show-addr` (or `ipadm`) in {_in(target)}"
        )
        return
    addresses = [a for a in evidence.addresses if a.interface == name]
    if not addresses:
        if ipmp:
            fix = Fix.of(
                _in(target),
                [
                    "ipadm",
                    "create-addr",
                    "-T",
                    "static",
                    "-a",
                    Placeholder("address/prefix"),
                    (Name(name, "interface"), "/v4"),
                ],
                "an IPMP group's data addresses are on its IPMP interface, not on the "
                "interfaces under it",
            )
        else:
            fix = Fix.of(
                _in(target),
                ["ipadm", "create-addr", "-T", "dhcp", (Name(name, "interface"), "/v4")],
                "or -T static -a <address>/<prefix>",
            )
        judge.failed(
            name,
            f"no address configured on {name}" + (" (the IPMP interface)" if ipmp else ""),
            [carrier.line],
            fix=fix,
        )
    for address in addresses:
        shown = f"{address.addrobj} ({address.type or '--'} {address.addr or 'no address shown'})"
        if address.state == "ok":
            judge.passed(address.addrobj, f"{shown} is ok", [address.line])
        else:
            judge.failed(
                address.addrobj,
                f"{shown} is {address.state or '--'}",
                [address.line],
                fix=Fix.of(_in(target), ["ipadm", "up-addr", Name(address.addrobj, "addrobj")]),
            )

"""The documented preconditions of DLMP over virtual networks: what must hold before the
aggregation is created (same link speed, phys-state, custom=enable, no IP on members, no
etherstub, Solaris 11.4, switches in distinct service domains)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..inventory import AggregationTarget, Member, System
from ..names import Name, Placeholder, shell_word
from ._helpers import (
    _LDM_FIELD,
    VNET_CHANGES,
    VSW_CHANGES,
    _addresses_on,
    _ask_ldm,
    _control,
    _delete_ip,
    _in,
    _ip_evidence,
    _ipmp_of,
    _join,
    _ldm_changed_after,
    _ldom_word,
    _leave_ipmp,
    _members,
    _move_switch,
    _need_vnet,
    _odd_one_out,
    _printed_before,
    _shown_addresses,
    _vnet,
    _vnet_domain,
    _vnet_shows,
)
from .judge import ERROR, WARNING, Fix, Judge, rule


@rule(
    "same-speed",
    ERROR,
    "The underlying physical device of each connected virtual switch (as specified by the "
    "net-dev property) must have the same link speed.",
)
def same_speed(judge: Judge, system: System, target: AggregationTarget) -> None:
    members = _members(judge, target)
    if not members:
        return
    subject = target.name or "members"
    if _same_speed_by_net_dev(judge, system, members, subject):
        return
    service_domains = [m.service_domain for m in members if m.service_domain]
    if len(service_domains) == len(members):
        # Evidence 2: the physical links shown in each service domain.
        per_domain: dict[str, set[int]] = {}
        lines: list[Optional[int]] = []
        complete = True
        for domain in dict.fromkeys(service_domains):
            shown = [p for p in system.view(domain).physical if p.speed is not None]
            if not shown:
                complete = False
                continue
            per_domain[domain] = {p.speed for p in shown if p.speed is not None}
            lines.extend(p.line for p in shown)
        if complete and all(len(s) == 1 for s in per_domain.values()):
            speeds = {d: next(iter(s)) for d, s in per_domain.items()}
            seen = ", ".join(f"{d}: {s} Mb/s" for d, s in speeds.items())
            how = (
                "evidence: the physical links shown by dladm show-phys in the service domains "
                "(ldm list-services would name each switch's net-dev exactly)"
            )
            if len(set(speeds.values())) == 1:
                judge.passed(
                    subject, f"same link speed under every virtual switch ({seen}); {how}", lines
                )
            else:
                odd, common = _odd_one_out(speeds)
                switch = next(
                    (m.vswitch for m in members if m.service_domain == odd and m.vswitch),
                    Placeholder(f"the switch in {shell_word(odd or '')}"),
                )
                judge.failed(
                    subject,
                    f"link speeds differ between the service domains ({seen}); DLMP puts a port "
                    f"of a different speed in standby; {how}",
                    lines,
                    fix=_move_switch(judge, switch, common),
                )
            return
    # Evidence 3: the speeds the guest sees for its members.
    seen_speeds: dict[str, tuple[int, int]] = {}
    for member in members:
        source = member.phys or member.netdev
        if source is not None and source.speed is not None:
            seen_speeds[member.link] = (source.speed, source.line)
    if len(seen_speeds) == len(members):
        values = {s for s, _ in seen_speeds.values()}
        seen = ", ".join(f"{link}: {s} Mb/s" for link, (s, _) in seen_speeds.items())
        domains = _join(
            sorted({system.where(m.service_domain) for m in members if m.service_domain})
        )
        how = (
            "evidence: the speeds the guest sees for its members only; run `dladm show-phys` in "
            f"{domains or 'the service domains'} and `ldm list-services` in {_control(system)} "
            "to check the physical devices"
        )
        lines = [line for _, line in seen_speeds.values()]
        if len(values) == 1:
            judge.passed(subject, f"members see the same speed ({seen}); {how}", lines)
        else:
            odd, common = _odd_one_out({link: s for link, (s, _) in seen_speeds.items()})
            switch = next(
                (m.vswitch for m in members if m.link == odd and m.vswitch),
                Placeholder(f"the switch of {shell_word(odd or '')}"),
            )
            judge.failed(
                subject,
                f"members see different speeds ({seen}); {how}",
                lines,
                fix=_move_switch(judge, switch, common),
            )
        return
    domains = _join(sorted({system.where(m.service_domain) for m in members if m.service_domain}))
    judge.skipped(
        subject,
        f"no link speeds known: run `dladm show-phys` in {domains or 'each service domain'} "
        f"and `ldm list-services` in {_control(system)}",
    )


def _same_speed_by_net_dev(
    judge: Judge, system: System, members: Sequence[Member], subject: str
) -> bool:
    """Evidence 1: each switch's net-dev (ldm list-services) in its service domain's
    show-phys. Returns False, judging nothing, when that evidence is incomplete."""
    speeds: list[tuple[str, int, int, int]] = []
    by_switch: dict[str, int] = {}
    for member in members:
        switch = member.switch
        if switch is None or not switch.net_dev or member.service_domain is None:
            return False
        phys = system.view(member.service_domain).phys(switch.net_dev)
        if phys is None or phys.speed is None:
            return False
        label = f"{switch.name}@{member.service_domain} net-dev {switch.net_dev}"
        speeds.append((label, phys.speed, switch.line, phys.line))
        by_switch[switch.name] = phys.speed
    seen = ", ".join(f"{label}: {speed} Mb/s" for label, speed, _, _ in dict.fromkeys(speeds))
    lines = [line for _, _, a, b in speeds for line in (a, b)]
    how = "evidence: each switch's net-dev (ldm list-services) in dladm show-phys"
    if len({speed for _, speed, _, _ in speeds}) == 1:
        judge.passed(subject, f"same link speed under every virtual switch ({seen}); {how}", lines)
    else:
        odd, common = _odd_one_out(by_switch)
        judge.failed(
            subject,
            f"link speeds differ ({seen}); DLMP puts a port of a different speed in standby; {how}",
            lines,
            fix=_move_switch(judge, odd or Placeholder("switch"), common),
        )
    return True


@rule(
    "phys-state",
    ERROR,
    "Before configuring a DLMP aggregation on a domain, the virtual network devices must have "
    "the linkprop property set to phys-state.",
)
def phys_state(judge: Judge, system: System, target: AggregationTarget) -> None:
    _vnet_property(
        judge,
        system,
        target,
        "linkprop",
        "phys-state",
        "(the vnet must follow the physical link state for DLMP to fail over)",
        None,
    )


@rule(
    "custom-enable",
    ERROR,
    "Before configuring a DLMP aggregation on a domain, the virtual network devices must have "
    "the custom property set to enable.",
)
def custom_enable(judge: Judge, system: System, target: AggregationTarget) -> None:
    _vnet_property(
        judge, system, target, "custom", "enable", "", "set it before creating the aggregation"
    )


def _vnet_property(
    judge: Judge,
    system: System,
    target: AggregationTarget,
    name: str,
    wanted: str,
    why: str,
    note: Optional[str],
) -> None:
    """Every member vnet has the ldm property ``name`` set to ``wanted``."""
    for member in _members(judge, target):
        if not _need_vnet(judge, system, target, member):
            continue
        assert member.vnet is not None
        value = getattr(member.vnet, name)
        stale = _ldm_changed_after(system, member.vnet.line, VNET_CHANGES, [member.vnet.name])
        if stale is not None and stale.command == "ldm set-vnet":
            # ldm set-vnet changes only the properties it assigns.
            assigned = {w.partition("=")[0] for w in stale.names if "=" in w}
            if name not in assigned:
                stale = None
        if stale is not None:
            judge.skipped(
                member.subject,
                _printed_before(
                    f"the listing of {member.vnet.name}",
                    member.vnet.line,
                    stale,
                    _ask_ldm(system, target, "ldm list -o network") + " again",
                ),
                [member.vnet.line, stale.line],
            )
            continue
        if not _vnet_shows(member.vnet, name):
            # A listing without this column or KEY (ldm list-bindings' one-line table, an
            # older release) says nothing; a blank cell in a column it has is a value.
            judge.skipped(
                member.subject,
                f"no {_LDM_FIELD.get(name, name)} for {member.vnet.name}: "
                + _ask_ldm(system, target, "ldm list -o network"),
                [member.vnet.line],
            )
            continue
        lines = [member.vnet.line, member.vnet.line_of(name)]
        if value == wanted:
            judge.passed(member.subject, f"{name}={wanted}", lines)
        else:
            judge.failed(
                member.subject,
                f"{name} is {value or 'not set'}, must be {wanted} {why}".rstrip(),
                lines,
                fix=Fix.of(
                    judge.control,
                    [
                        "ldm",
                        "set-vnet",
                        f"{name}={wanted}",
                        Name(member.vnet.name, "vnet"),
                        # The vnet's own listing names its domain by its LDom name.
                        _ldom_word(member.vnet.domain or target.ldom or target.guest),
                    ],
                    note,
                ),
            )


@rule(
    "no-ip-on-members",
    ERROR,
    "Ensure that the datalinks that are configured into the DLMP aggregation do not have any "
    "IP interface configured over them.",
)
def no_ip_on_members(judge: Judge, system: System, target: AggregationTarget) -> None:
    members = _members(judge, target)
    evidence = _ip_evidence(system, target, [m.link for m in members])
    for member in members:
        if isinstance(evidence, str):
            judge.skipped(member.link, evidence)
            continue
        group = _ipmp_of(evidence, member.link)
        interfaces = [i for i in evidence.interfaces or () if i.name == member.link]
        addresses = _addresses_on(evidence, member.link)
        lines = [i.line for i in interfaces] + [a.line for a in addresses]
        if group is not None:
            held = _addresses_on(evidence, group)
            moved = (
                f"the data address {_shown_addresses(held)}"
                if held
                else "no address shown (run `ipadm show-addr` to see what it holds)"
            )
            judge.failed(
                member.link,
                f"member {member.link} is an IP interface under the IPMP group {group}, which "
                f"holds {moved}; take it out of {group} before adding the link to the "
                f"aggregation{evidence.note}",
                lines
                + [i.line for i in evidence.interfaces or () if i.name == group]
                + [a.line for a in held],
                fix=_leave_ipmp(system, target, member.link, group, moved),
            )
        elif interfaces or addresses:
            names = _join([i.name for i in interfaces] + [a.addrobj for a in addresses])
            judge.failed(
                member.link,
                f"IP configured over member {member.link} ({names}); remove it before "
                f"adding the link to the aggregation{evidence.note}",
                lines,
                fix=_delete_ip(system, target, member.link),
            )
        elif evidence.interfaces is None:
            # Addresses alone: an IP interface without an address is not in show-addr.
            judge.skipped(
                member.link,
                f"no address on {member.link} in `ipadm show-addr`, but IP interfaces are not "
                f"shown: run `ipadm show-if` (or `ipadm`) in {_in(target)}",
                evidence.lines,
            )
        else:
            judge.passed(
                member.link,
                f"no IP interface over {member.link} in ipadm{evidence.note}",
                evidence.lines,
            )


@rule(
    "no-etherstub",
    ERROR,
    "A DLMP aggregation is not operable if one of the connected virtual switches is configured "
    "over an Ethernet stub.",
)
def no_etherstub(judge: Judge, system: System, target: AggregationTarget) -> None:
    members = _members(judge, target)
    seen: set[tuple[str, Optional[str]]] = set()
    for member in members:
        if member.vswitch is None:
            judge.skipped(
                member.subject,
                f"no virtual switch known for {member.link}: "
                + _ask_ldm(system, target, "ldm list-netdev"),
            )
            continue
        key = (member.vswitch, member.service_domain)
        if key in seen:
            continue
        seen.add(key)
        name = f"{member.vswitch}@{member.service_domain or '?'}"
        switch = member.switch
        if switch is None:
            judge.skipped(
                name,
                f"no NET-DEV known for {member.vswitch}: run `ldm list-services "
                f"{member.service_domain or ''}`".rstrip()
                + f" (or `ldm list -o network {member.service_domain or '<its domain>'}`) in "
                + _control(system),
            )
            continue
        stale = _ldm_changed_after(system, switch.line, VSW_CHANGES, [switch.name])
        if stale is not None:
            judge.skipped(
                name,
                _printed_before(
                    f"the listing of {switch.name}",
                    switch.line,
                    stale,
                    f"run `ldm list-services {member.service_domain or ''}`".rstrip()
                    + f" in {_control(system)} again",
                ),
                [switch.line, stale.line],
            )
            continue
        if not switch.net_dev and "net_dev" in switch.not_shown:
            # A listing without a NET-DEV column says nothing about it.
            judge.skipped(
                name,
                f"no NET-DEV shown for {switch.name}: run `ldm list-services "
                f"{member.service_domain or ''}`".rstrip()
                + f" in {_control(system)}",
                [switch.line],
            )
            continue
        if not switch.net_dev:
            judge.failed(
                name,
                f"{switch.name} has no net-dev: the switch reaches no physical network, so "
                "the aggregation cannot fail over through it",
                [switch.line],
                fix=Fix.of(
                    judge.control,
                    [
                        "ldm",
                        "set-vsw",
                        ("net-dev=", Placeholder("a physical link")),
                        Name(switch.name, "vswitch"),
                    ],
                ),
            )
            continue
        view = system.view(member.service_domain)
        stub = view.etherstub(switch.net_dev)
        if stub is not None:
            judge.failed(
                name,
                f"{switch.name} is over {switch.net_dev}, an Ethernet stub: DLMP over this "
                "switch is not operable",
                [switch.line, stub],
                fix=Fix.of(
                    judge.control,
                    [
                        "ldm",
                        "set-vsw",
                        ("net-dev=", Placeholder("a physical link")),
                        Name(switch.name, "vswitch"),
                    ],
                    f"or connect the vnet to a switch over a physical link: ldm set-vnet "
                    f"vswitch=<switch> <vnet> "
                    f"{shell_word(target.ldom) if target.ldom else '<its LDom name>'}",
                ),
            )
            continue
        phys = view.phys(switch.net_dev)
        shown = view.link(switch.net_dev)
        # show-aggr in any form (plain, -x, -o, -p) names an aggregation too.
        aggregated = view.aggregation(switch.net_dev) or view.detail(switch.net_dev)
        if (
            phys is not None
            or aggregated is not None
            or (shown is not None and shown.class_ in ("phys", "aggr"))
        ):
            what = (
                "a physical link"
                if phys is not None or (shown is not None and shown.class_ == "phys")
                else "an aggregation"
            )
            evidence = (
                phys.line
                if phys is not None
                else shown.line
                if shown
                else aggregated.line
                if aggregated
                else None
            )
            judge.passed(
                name, f"{switch.name} is over {switch.net_dev}, {what}", [switch.line, evidence]
            )
            continue
        where = system.where(member.service_domain) if member.service_domain else None
        where = where or "its service domain"
        judge.skipped(
            name,
            f"{switch.name} is over {switch.net_dev}, whose class is not shown: run "
            f"`dladm show-link {switch.net_dev}` in {where}",
            [switch.line],
        )


@rule(
    "solaris-11.4",
    ERROR,
    "To configure DLMP aggregation over virtual network devices on a domain, the service "
    "domain and the guest domain must run Oracle Solaris 11.4.",
)
def solaris_114(judge: Judge, system: System, target: AggregationTarget) -> None:
    service = sorted({m.service_domain for m in target.members if m.service_domain})
    for domain in dict.fromkeys([target.guest, *service]):
        releases = [r for r in system.view(domain).releases if r.release or r.version]
        known = [r for r in releases if r.release]
        if not known:
            judge.skipped(
                domain,
                f"the Solaris release of {domain} is not known: run `uname -v` (or "
                f"`uname -a`, `pkg info entire`) in {system.where(domain)}",
                [r.line for r in system.view(domain).releases],
            )
            continue
        release = known[-1]
        shown = release.version or release.release
        if release.release == "11.4":
            judge.passed(domain, f"Oracle Solaris {shown} ({release.source})", [release.line])
        else:
            judge.failed(
                domain,
                f"runs Oracle Solaris {shown} ({release.source}); DLMP over virtual networks "
                "needs 11.4 in the guest and its service domains",
                [release.line],
                fix=Fix.of(
                    system.where(domain),
                    ["pkg", "update", "--accept", "entire@latest"],
                    "from a publisher that serves Oracle Solaris 11.4; the update makes a new "
                    "boot environment, active after a reboot",
                ),
            )


@rule(
    "distinct-service-domains",
    WARNING,
    "DLMP keeps a guest's network up when a service domain reboots or panics only if the "
    "members' virtual switches are in different service domains.",
)
def distinct_service_domains(judge: Judge, system: System, target: AggregationTarget) -> None:
    members = _members(judge, target)
    if not members:
        return
    subject = target.name or "members"
    known = [m for m in members if m.service_domain]
    if len(known) < len(members):
        unknown = [m.subject for m in members if not m.service_domain]
        judge.skipped(
            subject,
            f"no SERVICE (switch@domain) known for {_join(unknown)}: "
            + _ask_ldm(system, target, "ldm list -o network"),
            [line for m in members if not m.service_domain for line in m.lines],
        )
        return
    seen = ", ".join(f"{m.subject} on {m.vswitch}@{m.service_domain}" for m in known)
    lines = [m.vnet.line for m in known if m.vnet is not None]
    if len({m.service_domain for m in known}) >= 2:
        judge.passed(subject, f"members use switches in different service domains ({seen})", lines)
    else:
        judge.failed(
            subject,
            f"every member's switch is in {known[0].service_domain} ({seen}): a reboot of "
            f"{known[0].service_domain} takes the aggregation down",
            lines,
            fix=Fix.of(
                judge.control,
                [
                    "ldm",
                    "set-vnet",
                    ("vswitch=", Placeholder("a switch in another service domain")),
                    _vnet(known[-1].vnet_name),
                    _ldom_word(_vnet_domain(known[-1]) or target.ldom),
                ],
            ),
        )

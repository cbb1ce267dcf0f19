"""The documented preconditions of DLMP over virtual networks: what must hold before the
aggregation is created (same link speed, phys-state, custom=enable, no IP on members, no
etherstub, Solaris 11.4, switches in distinct service domains)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional, Union

import attrs

from ..inventory import AggregationTarget, Member, System
from ..names import Name, Placeholder, shell_word
from ..records import AggregationPort
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
    _path_down,
    _printed_before,
    _shown_addresses,
    _unknown_speed,
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
    # The service domains' physical devices first; the guest's view only without them.
    if _same_speed_by_net_dev(judge, system, members, subject):
        return
    if _same_speed_by_service_domains(judge, system, members, subject):
        return
    if _same_speed_guest_view(judge, system, target, members, subject):
        return
    domains = _join(sorted({system.where(m.service_domain) for m in members if m.service_domain}))
    judge.skipped(
        subject,
        f"no link speeds known: run `dladm show-phys` in {domains or 'each service domain'} "
        f"and `ldm list-services` in {_control(system)}",
    )


@attrs.frozen
class _Speeds:
    """What one form of evidence says of the speeds under the members: ``known`` (label,
    speed, lines) and ``unknown`` (label, why its speed is not known, lines)."""

    known: list[tuple[str, int, tuple[int, ...]]] = attrs.field(factory=list)
    unknown: list[tuple[str, str, tuple[int, ...]]] = attrs.field(factory=list)

    def lines(self) -> list[int]:
        return [n for *_, lines in (*self.known, *self.unknown) for n in lines]


def _judge_speeds(
    judge: Judge,
    speeds: _Speeds,
    subject: str,
    how: str,
    switch_of: dict[str, Union[str, Placeholder]],
) -> None:
    """Pass, fail or skip on ``speeds``: a difference among the known speeds fails; a link of
    unknown speed (down, 0, ``unknown``) is never a mismatch: the known ones are compared and
    the verdict is a skip that says why the others are not known."""
    seen = ", ".join(f"{label}: {speed} Mb/s" for label, speed, _ in dict.fromkeys(speeds.known))
    values = {speed for _, speed, _ in speeds.known}
    if len(values) > 1:
        odd, common = _odd_one_out({label: speed for label, speed, _ in speeds.known})
        judge.failed(
            subject,
            f"link speeds differ ({seen}); DLMP puts a port of a different speed in standby; "
            f"{how}",
            speeds.lines(),
            fix=_move_switch(judge, switch_of.get(odd or "", Placeholder("switch")), common),
        )
        return
    if speeds.unknown:
        unknown = "; ".join(
            f"{label}'s speed is unknown: {why}" for label, why, _ in speeds.unknown
        )
        if len(speeds.known) > 1:
            compared = f"the known ones are the same ({seen}); "
        else:
            compared = f"known: {seen}; " if seen else ""
        judge.skipped(subject, f"{unknown}; {compared}{how}", speeds.lines())
        return
    judge.passed(
        subject, f"same link speed under every virtual switch ({seen}); {how}", speeds.lines()
    )


def _same_speed_by_net_dev(
    judge: Judge, system: System, members: Sequence[Member], subject: str
) -> bool:
    """Evidence 1: each switch's net-dev (ldm list-services, or a VSW section) in its service
    domain's show-phys. Returns False, judging nothing, when that evidence is incomplete."""
    speeds = _Speeds()
    switch_of: dict[str, Union[str, Placeholder]] = {}
    for member in members:
        switch = member.switch
        down = _path_down(judge, system, member, silent_domain=False)
        if switch is None or not switch.net_dev or member.service_domain is None:
            if down is None:
                return False
            speeds.unknown.append((member.link, down.why, down.lines))
            continue
        label = f"{switch.name}@{member.service_domain} net-dev {switch.net_dev}"
        switch_of[label] = switch.name
        phys = system.view(member.service_domain).phys(switch.net_dev)
        if down is not None:
            speeds.unknown.append((label, down.why, (switch.line, *down.lines)))
        elif phys is None:
            return False
        elif _unknown_speed(phys.speed, phys.state):
            speeds.unknown.append(
                (label, f"shown as {phys.speed_raw or '--'} ({phys.state or '--'})", (phys.line,))
            )
        else:
            speeds.known.append((label, phys.speed or 0, (switch.line, phys.line)))
    how = "evidence: each switch's net-dev (ldm list-services) in dladm show-phys"
    _judge_speeds(judge, speeds, subject, how, switch_of)
    return True


def _same_speed_by_service_domains(
    judge: Judge, system: System, members: Sequence[Member], subject: str
) -> bool:
    """Evidence 2: the physical links shown in each service domain, when each shows links of
    one speed (no net-dev names the one under the switch)."""
    if not all(m.service_domain for m in members):
        return False
    speeds = _Speeds()
    switch_of: dict[str, Union[str, Placeholder]] = {}
    for member in members:
        domain = member.service_domain or ""
        if any(label == domain for label, *_ in (*speeds.known, *speeds.unknown)):
            continue
        switch_of[domain] = member.vswitch or Placeholder(f"the switch in {shell_word(domain)}")
        down = _path_down(judge, system, member, silent_domain=False)
        if down is not None:
            speeds.unknown.append((domain, down.why, down.lines))
            continue
        shown = [
            p for p in system.view(domain).physical if not _unknown_speed(p.speed, p.state)
        ]
        values = {p.speed or 0 for p in shown}
        if len(values) != 1:
            return False
        speeds.known.append((domain, values.pop(), tuple(p.line for p in shown)))
    how = (
        "evidence: the physical links shown by dladm show-phys in the service domains "
        "(ldm list-services would name each switch's net-dev exactly)"
    )
    _judge_speeds(judge, speeds, subject, how, switch_of)
    return True


def _same_speed_guest_view(
    judge: Judge,
    system: System,
    target: AggregationTarget,
    members: Sequence[Member],
    subject: str,
) -> bool:
    """Evidence 3, only without the service domains': the speeds the guest sees for its
    members (show-phys of the vnets, ldm list-netdev SPEED, show-aggr -x port speed)."""
    speeds = _Speeds()
    switch_of: dict[str, Union[str, Placeholder]] = {}
    detail = system.view(target.guest).detail(target.name) if target.name else None
    ports = {p.port: p for p in detail.ports} if detail is not None else {}
    for member in members:
        source = _guest_speed(member, ports.get(member.link))
        if source is None:
            return False
        speed, raw, state, line = source
        switch_of[member.link] = member.vswitch or Placeholder(
            f"the switch of {shell_word(member.link)}"
        )
        if _unknown_speed(speed, state):
            down = _path_down(judge, system, member)
            why = down.why if down is not None else f"shown as {raw or '--'} ({state or '--'})"
            speeds.unknown.append((member.link, why, (line, *(down.lines if down else ()))))
        else:
            speeds.known.append((member.link, speed or 0, (line,)))
    domains = _join(sorted({system.where(m.service_domain) for m in members if m.service_domain}))
    how = (
        "evidence: the guest's view of its members only; run `dladm show-phys` in "
        f"{domains or 'the service domains'} and `ldm list-services` in {_control(system)} "
        "to check the physical devices"
    )
    _judge_speeds(judge, speeds, subject, how, switch_of)
    return True


def _guest_speed(
    member: Member, port: Optional[AggregationPort]
) -> Optional[tuple[Optional[int], Optional[str], Optional[str], int]]:
    """(speed, as printed, state, line) of a member as the guest sees it: its show-phys row,
    its list-netdev row, else its port row in show-aggr -x."""
    for source in (member.phys, member.netdev, port):
        if source is not None and (source.speed is not None or source.state not in (None, "up")):
            return source.speed, source.speed_raw, source.state, source.line
    return None


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
                f"no NET-DEV known for {member.vswitch}: run `{_services(member)}`"
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
                    f"run `{_services(member)}` in {_control(system)} again",
                ),
                [switch.line, stale.line],
            )
            continue
        if not switch.net_dev and "net_dev" in switch.not_shown:
            # A listing without a NET-DEV column says nothing about it.
            judge.skipped(
                name,
                f"no NET-DEV shown for {switch.name}: run `{_services(member)}` in "
                + _control(system),
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


def _services(member: Member) -> str:
    """``ldm list-services`` for the member's service domain (all of them when unknown)."""
    domain = member.service_domain
    return f"ldm list-services {domain}" if domain else "ldm list-services"

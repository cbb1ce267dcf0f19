"""Inventory -> findings: one small function per documented precondition or health check.

Each rule has a stable id, a severity and the Oracle sentence it enforces; ``RULES`` is the
registry (the one place a rule is added, with its page in ``docs/rules/<id>.md``). A rule
returns findings whose status is ``pass``, ``fail`` or ``skip``; a skip names the command that
would supply the missing evidence and the domain to run it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Callable, Optional, Union

import attrs

from .domains import CONTROL, SERVICE
from .inventory import AggregationTarget, DomainView, Member, System
from .names import Name, Placeholder, Word, invalid_names, shell_command, shell_word
from .records import AggregationPort

__all__ = ["RULES", "Evidence", "Finding", "Rule", "run_rules"]

PASS = "pass"
FAIL = "fail"
SKIP = "skip"
ERROR = "error"
WARNING = "warning"


@attrs.frozen
class Evidence:
    """An input line a finding rests on."""

    line: int
    text: str


@attrs.frozen
class Fix:
    """What mends a failing finding: the command, the domain to run it in (None: the control
    domain, unnamed in the input) and what else to know (a stop, a re-add, a placeholder)."""

    domain: Optional[str]
    command: str
    note: Optional[str] = None

    def to_dict(self) -> dict[str, object]:
        return {"domain": self.domain, "command": self.command, "note": self.note}

    @classmethod
    def of(cls, domain: Optional[str], words: Sequence[Word], note: Optional[str] = None) -> Fix:
        """The fix running ``words``: names from the input are validated and shell-quoted
        (``names.shell_command``), so a pasted fix runs only the program it names."""
        bad = invalid_names(words)
        if bad:
            shown = ", ".join(f"{shell_word(n.value)} (a {n.kind} name)" for n in bad)
            warning = f"check the input first: not a valid Solaris name: {shown}"
            note = f"{note}; {warning}" if note else warning
        return cls(domain, shell_command(words), note)


@attrs.frozen(kw_only=True)
class Finding:
    """The verdict of one rule on one subject (a vnet, a link, an aggregation)."""

    rule: str
    status: str
    severity: str
    domain: Optional[str]
    aggregation: Optional[str]
    subject: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    fix: Optional[Fix] = None
    # The physical server, when the input shows several (domain names are unique per server).
    server: Optional[str] = None

    def to_dict(self) -> dict[str, object]:
        server = {"server": self.server} if self.server is not None else {}
        return {
            **server,
            "rule": self.rule,
            "status": self.status,
            "severity": self.severity,
            "domain": self.domain,
            "aggregation": self.aggregation,
            "subject": self.subject,
            "message": self.message,
            "evidence": [{"line": e.line, "text": e.text} for e in self.evidence],
            "fix": self.fix.to_dict() if self.fix else None,
        }


Check = Callable[["_Judge", System, AggregationTarget], None]


@attrs.frozen
class Rule:
    """A rule: ``id`` (stable, also its docs page), ``severity``, what Oracle requires."""

    id: str
    severity: str
    requirement: str
    check: Check


class _Judge:
    """Collects one rule's findings for one aggregation target."""

    def __init__(self, rule: Rule, system: System, target: AggregationTarget) -> None:
        self.rule = rule
        self.system = system
        self.target = target
        self.findings: list[Finding] = []

    def _add(
        self,
        status: str,
        subject: str,
        message: str,
        lines: Iterable[Optional[int]],
        fix: Optional[Fix] = None,
    ) -> None:
        numbers = sorted({n for n in lines if n})
        self.findings.append(
            Finding(
                rule=self.rule.id,
                status=status,
                severity=self.rule.severity,
                domain=self.target.guest,
                aggregation=self.target.name,
                subject=subject,
                message=message,
                evidence=tuple(Evidence(n, self.system.line_text(n).strip()) for n in numbers),
                fix=fix,
                server=self.target.server,
            )
        )

    def passed(self, subject: str, message: str, lines: Iterable[Optional[int]] = ()) -> None:
        self._add(PASS, subject, message, lines)

    def failed(
        self, subject: str, message: str, lines: Iterable[Optional[int]] = (), *, fix: Fix
    ) -> None:
        """A failure; every failure says how to mend it."""
        self._add(FAIL, subject, message, lines, fix)

    @property
    def control(self) -> Optional[str]:
        """Where to run ldm: the control domain's node name (or name), when the input shows
        exactly one control domain."""
        domains = self.system.control_domains
        return self.system.where(domains[0]) if len(domains) == 1 else None

    def skipped(self, subject: str, message: str, lines: Iterable[Optional[int]] = ()) -> None:
        self._add(SKIP, subject, message, lines)


RULES: list[Rule] = []


def rule(rule_id: str, severity: str, requirement: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(rule_id, severity, requirement, check))
        return check

    return register


def run_rules(system: System, rules: Sequence[Rule] = ()) -> list[Finding]:
    """Every rule on every aggregation target, in registry order per target."""
    findings: list[Finding] = []
    for target in system.targets:
        for each in rules or RULES:
            judge = _Judge(each, system, target)
            each.check(judge, system, target)
            findings.extend(judge.findings)
    return findings


# --- helpers -----------------------------------------------------------------------------------


def _control(system: System) -> str:
    if len(system.control_domains) == 1:
        return f"the control domain ({system.where(system.control_domains[0])})"
    return "the control domain"


def _in(target: AggregationTarget) -> str:
    """Where to run a command in the guest: its node name, else the name it is known by."""
    return target.where or target.guest


def _ask_ldm(system: System, target: AggregationTarget, *commands: str) -> str:
    """The hint to run ldm ``commands`` for the guest: with its LDom name, or, when no evidence
    gives that name, to run ``virtinfo -a`` in it first (ldm refuses a host name)."""
    if target.ldom is not None:
        asked = " and ".join(f"`{c} {target.ldom}`" for c in commands)
        return f"run {asked} in {_control(system)}"
    return (
        f"no evidence ties {_in(target)} to a logical domain name, which ldm needs: run "
        f"`virtinfo -a` in {_in(target)} (or paste its `dladm show-phys -m`)"
    )


def _ldm_fix(judge: _Judge, target: AggregationTarget, command: str, note: str) -> Fix:
    """``ldm <command> <the guest's LDom name>`` in the control domain; with no LDom name known,
    ``virtinfo -a`` in the guest first."""
    if target.ldom is not None:
        return Fix.of(judge.control, [*command.split(), Name(target.ldom, "domain")], note)
    return Fix.of(
        _in(target),
        ["virtinfo", "-a"],
        f"its Domain name is the LDom name; then run `{command} <that name>` in the control "
        f"domain: {note}",
    )


def _own_roles(system: System, target: AggregationTarget) -> Optional[str]:
    """``control``/``service`` when the target is a control or service domain: its own links
    carry other domains' traffic, so nothing destructive is proposed for them."""
    identity = system.identity(target.guest)
    if identity is None:
        return None
    roles = [r for r in (CONTROL, SERVICE) if identity.has(r)]
    return " and ".join(roles) or None


def _need_vnet(judge: _Judge, system: System, target: AggregationTarget, member: Member) -> bool:
    if member.vnet is not None:
        return True
    judge.skipped(
        member.subject,
        f"no ldm vnet found for {member.link}: "
        + _ask_ldm(system, target, "ldm list -o network", "ldm list-netdev"),
        member.lines,
    )
    return False


def _members(judge: _Judge, target: AggregationTarget) -> Sequence[Member]:
    if not target.members:
        judge.skipped(
            target.name or target.guest,
            f"no member links known for {target.name or 'the aggregation'}: give --members, or "
            f"paste `dladm create-aggr`, `dladm show-aggr -x` or `dladm show-phys` from "
            f"{_in(target)}",
        )
    return target.members


def _move_switch(judge: _Judge, switch: Union[str, Placeholder], speed: Optional[int]) -> Fix:
    target = Placeholder(f"a link of {speed} Mb/s" if speed else "a link of the others' speed")
    return Fix.of(
        judge.control,
        ["ldm", "set-vsw", ("net-dev=", target), _vswitch(switch)],
        "put the switch on a physical link of the same speed as the other switches' net-devs "
        "(dladm show-phys in its service domain lists them); the vnets on the switch lose "
        "their connection while the net-dev changes",
    )


def _vswitch(switch: Union[str, Placeholder]) -> Word:
    return Name(switch, "vswitch") if isinstance(switch, str) else switch


def _vnet(vnet: Optional[str]) -> Word:
    return Name(vnet, "vnet") if vnet else Placeholder("vnet")


def _odd_one_out(speeds: dict[str, int]) -> tuple[Optional[str], Optional[int]]:
    """The key whose speed differs from the most common one, and that common speed."""
    counts: dict[int, int] = {}
    for value in speeds.values():
        counts[value] = counts.get(value, 0) + 1
    common = max(counts, key=lambda v: (counts[v], v))
    odd = next((k for k, v in speeds.items() if v != common), None)
    return odd, common


def _ran_ipadm(view: DomainView) -> Optional[int]:
    """The line of an ipadm listing of this domain's IP configuration, if one was pasted."""
    for command in ("ipadm", "ipadm show-if", "ipadm show-addr"):
        line = view.ran(command)
        if line is not None:
            return line
    return None


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# --- the rules -----------------------------------------------------------------------------------


@rule(
    "same-speed",
    ERROR,
    "The underlying physical device of each connected virtual switch (as specified by the "
    "net-dev property) must have the same link speed.",
)
def same_speed(judge: _Judge, system: System, target: AggregationTarget) -> None:
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
    judge: _Judge, system: System, members: Sequence[Member], subject: str
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
def phys_state(judge: _Judge, system: System, target: AggregationTarget) -> None:
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
def custom_enable(judge: _Judge, system: System, target: AggregationTarget) -> None:
    _vnet_property(
        judge, system, target, "custom", "enable", "", "set it before creating the aggregation"
    )


def _vnet_property(
    judge: _Judge,
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
        if value is None and name not in dict(member.vnet.field_lines):
            # A listing without this column (ldm list-bindings' one-line table) says nothing.
            judge.skipped(
                member.subject,
                f"{name} of {member.vnet.name} is not shown: "
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
def no_ip_on_members(judge: _Judge, system: System, target: AggregationTarget) -> None:
    view = system.view(target.guest)
    ipadm = _ran_ipadm(view)
    for member in _members(judge, target):
        if ipadm is None:
            judge.skipped(member.link, f"no IP interfaces shown: run `ipadm` in {_in(target)}")
            continue
        interfaces = [i for i in view.interfaces if i.name == member.link]
        addresses = [a for a in view.addresses if a.interface == member.link]
        if interfaces or addresses:
            names = _join([i.name for i in interfaces] + [a.addrobj for a in addresses])
            judge.failed(
                member.link,
                f"IP configured over member {member.link} ({names}); remove it before "
                "adding the link to the aggregation",
                [i.line for i in interfaces] + [a.line for a in addresses],
                fix=_delete_ip(system, target, member.link),
            )
        else:
            judge.passed(member.link, f"no IP interface over {member.link} in ipadm", [ipadm])


@rule(
    "no-etherstub",
    ERROR,
    "A DLMP aggregation is not operable if one of the connected virtual switches is configured "
    "over an Ethernet stub.",
)
def no_etherstub(judge: _Judge, system: System, target: AggregationTarget) -> None:
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
                f"the net-dev of {member.vswitch} is not known: run `ldm list-services "
                f"{member.service_domain or ''}`".rstrip()
                + f" in {_control(system)}",
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
        if phys is not None or (shown is not None and shown.class_ in ("phys", "aggr")):
            what = (
                "a physical link"
                if phys is not None or shown is None or (shown.class_ == "phys")
                else "an aggregation"
            )
            evidence = phys.line if phys is not None else shown.line if shown else None
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
def solaris_114(judge: _Judge, system: System, target: AggregationTarget) -> None:
    service = sorted({m.service_domain for m in target.members if m.service_domain})
    for domain in dict.fromkeys([target.guest, *service]):
        releases = [r for r in system.view(domain).releases if r.release or r.version]
        known = [r for r in releases if r.release]
        if not known:
            judge.skipped(
                domain,
                f"the Solaris release of {domain} is not known: run `uname -v` in "
                f"{system.where(domain)}",
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
def distinct_service_domains(judge: _Judge, system: System, target: AggregationTarget) -> None:
    members = _members(judge, target)
    if not members:
        return
    subject = target.name or "members"
    known = [m for m in members if m.service_domain]
    if len(known) < len(members):
        judge.skipped(
            subject,
            "service domains not known for every member: "
            + _ask_ldm(system, target, "ldm list -o network"),
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


def _vnet_domain(member: Member) -> Optional[str]:
    return member.vnet.domain if member.vnet is not None else None


def _recreate(system: System, target: AggregationTarget) -> Fix:
    links: list[Word] = [w for m in target.members for w in ("-l", Name(m.link))]
    if not links:
        links = ["-l", Placeholder("link"), "-l", Placeholder("link")]
    name: Word = Name(target.name) if target.name else "aggr0"
    shown = shell_word(target.name or "aggr0")
    roles = _own_roles(system, target)
    if roles is not None:
        return _not_destroying(
            target, f"dladm delete-aggr {shown}", roles, ["dladm", "show-aggr", name]
        )
    return Fix.of(
        _in(target),
        ["dladm", "delete-aggr", name, "&&", "dladm", "create-aggr", "-m", "dlmp", *links, name],
        "Solaris 11.4 cannot change an aggregation's mode in place; delete the IP interface "
        f"over {shown} first (ipadm delete-ip {shown}) and create it again afterwards",
    )


def _delete_ip(system: System, target: AggregationTarget, link: str) -> Fix:
    interface = Name(link, "interface")
    roles = _own_roles(system, target)
    if roles is not None:
        return _not_destroying(
            target,
            f"ipadm delete-ip {shell_word(link)}",
            roles,
            ["ipadm", "show-addr", interface],
        )
    return Fix.of(
        _in(target),
        ["ipadm", "delete-ip", interface],
        "this removes the interface and its addresses; move them to the "
        "aggregation (ipadm create-ip, ipadm create-addr) once it exists",
    )


def _not_destroying(
    target: AggregationTarget, command: str, roles: str, instead: Sequence[Word]
) -> Fix:
    """What is said instead of a destructive fix in a control or service domain: look, and
    change it by hand."""
    return Fix.of(
        _in(target),
        instead,
        f"`{command}` is not proposed: {_in(target)} is a {roles} domain, whose own links "
        "carry other domains' traffic; plan the change by hand, from its console",
    )


def _ldom_word(name: Optional[str]) -> Word:
    """A domain operand of an ldm command: the LDom name, or a placeholder when none is known."""
    return Name(name, "domain") if name else Placeholder("its LDom name")


def _need_aggregation(judge: _Judge, target: AggregationTarget, command: str) -> Optional[str]:
    if target.name is None:
        judge.skipped(
            target.guest,
            "no aggregation configured yet: after `dladm create-aggr -m dlmp -l ... aggr0`, "
            f"run `{command}` in {_in(target)}",
        )
    return target.name


@rule("aggr-dlmp", ERROR, "The aggregation is a DLMP aggregation (dladm create-aggr -m dlmp).")
def aggr_dlmp(judge: _Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "dladm show-aggr")
    if name is None:
        return
    view = system.view(target.guest)
    shown = view.aggregation(name)
    created = view.creation(name)
    if shown is not None and shown.mode is not None:
        if shown.mode == "dlmp":
            judge.passed(name, "mode dlmp", [shown.line])
        else:
            judge.failed(
                name,
                f"mode is {shown.mode}, must be dlmp",
                [shown.line],
                fix=_recreate(system, target),
            )
        return
    if created is not None:
        if created.mode == "dlmp":
            judge.passed(name, "created with -m dlmp", [created.line])
        else:
            judge.failed(
                name,
                f"created with mode {created.mode or 'trunk (the default without -m)'}, "
                "must be dlmp",
                [created.line],
                fix=_recreate(system, target),
            )
        return
    judge.skipped(name, f"mode not shown: run `dladm show-aggr {name}` in {_in(target)}")


@rule(
    "ports-attached",
    ERROR,
    "The aggregation is up and every port is up and attached.",
)
def ports_attached(judge: _Judge, system: System, target: AggregationTarget) -> None:
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
        judge.failed(
            name,
            f"{name} is {detail.state or 'in an unknown state'}",
            [detail.line],
            fix=_ldm_fix(
                judge,
                target,
                "ldm list-netdev",
                "an aggregation is down when all its ports are: bring up the service domains "
                "and their switches' physical links, then check the ports here",
            ),
        )
    ports = {p.port: p for p in detail.ports}
    for member in target.members:
        if member.link not in ports:
            judge.failed(
                member.link,
                f"{member.link} is not a port of {name} (ports: {_join(sorted(ports)) or 'none'})",
                [detail.line],
                fix=Fix.of(_in(target), ["dladm", "add-aggr", "-l", Name(member.link), Name(name)]),
            )
    for port in detail.ports:
        if port.state == "up" and port.portstate == "attached":
            judge.passed(port.port, "up and attached", [port.line])
        elif port.portstate == "standby":
            judge.failed(
                port.port,
                f"port is {port.state or '--'} and in standby: DLMP puts a port whose speed "
                f"({port.speed_raw or '--'}) differs from the others in standby",
                [port.line],
                fix=_move_switch(
                    judge,
                    next(
                        (m.vswitch for m in target.members if m.link == port.port and m.vswitch),
                        f"<the switch of {port.port}>",
                    ),
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
                    f"a port is down when its virtual switch's physical link is down or its "
                    f"service domain is not running: bring them up, then run dladm show-aggr -x "
                    f"{shell_word(name)} again",
                ),
            )


def _common_speed(ports: Sequence[AggregationPort]) -> Optional[int]:
    speeds = {p.port: p.speed for p in ports if p.speed is not None and p.portstate != "standby"}
    return _odd_one_out(speeds)[1] if speeds else None


@rule(
    "probe-active",
    ERROR,
    "With probe-based failure detection, every port's probe state is active and each port "
    "has probe targets or transitive probe targets.",
)
def probe_active(judge: _Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "dladm show-aggr -S")
    if name is None:
        return
    view = system.view(target.guest)
    probes = [p for p in view.probes if p.link == name]
    enabled = [p for p in view.properties if p.link == name and p.name == "probe-ip" and p.value]
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
    for probe in probes:
        if probe.state != "active":
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
def aggr_ip(judge: _Judge, system: System, target: AggregationTarget) -> None:
    name = _need_aggregation(judge, target, "ipadm")
    if name is None:
        return
    view = system.view(target.guest)
    ipadm = _ran_ipadm(view)
    if ipadm is None:
        judge.skipped(name, f"IP configuration not shown: run `ipadm` in {_in(target)}")
        return
    interface = next((i for i in view.interfaces if i.name == name), None)
    if interface is None:
        judge.failed(
            name,
            f"no IP interface over {name}",
            [ipadm],
            fix=Fix.of(_in(target), ["ipadm", "create-ip", Name(name, "interface")]),
        )
        return
    if interface.state != "ok":
        judge.failed(
            name,
            f"IP interface {name} is {interface.state or '--'}",
            [interface.line],
            fix=Fix.of(
                _in(target),
                ["ipadm", "enable-if", "-t", Name(name, "interface")],
                "an interface is failed or down when every port under it is",
            ),
        )
    else:
        judge.passed(name, f"IP interface {name} is ok", [interface.line])
    addresses = [a for a in view.addresses if a.interface == name]
    if not addresses:
        judge.failed(
            name,
            f"no address configured on {name}",
            [interface.line],
            fix=Fix.of(
                _in(target),
                ["ipadm", "create-addr", "-T", "dhcp", (Name(name, "interface"), "/v4")],
                "or -T static -a <address>/<prefix>",
            ),
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

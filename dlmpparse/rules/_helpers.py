"""What several rules share: where a command runs, the hints that ask for ldm listings, the
fixes that re-create or remove things (never destructive ones in a control or service domain)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional, Union

import attrs

from ..domains import CONTROL, SERVICE
from ..inventory import AggregationTarget, DomainState, DomainView, Member, System
from ..names import Name, Placeholder, Word, shell_word
from .judge import Fix, Judge

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


def _ldm_fix(judge: Judge, target: AggregationTarget, command: str, note: str) -> Fix:
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


def _need_vnet(judge: Judge, system: System, target: AggregationTarget, member: Member) -> bool:
    if member.vnet is not None:
        return True
    judge.skipped(
        member.subject,
        f"no ldm vnet found for {member.link}: "
        + _ask_ldm(system, target, "ldm list -o network", "ldm list-netdev"),
        member.lines,
    )
    return False


def _members(judge: Judge, target: AggregationTarget) -> Sequence[Member]:
    if not target.members:
        judge.skipped(
            target.name or target.guest,
            f"no member links known for {target.name or 'the aggregation'}: give --members, or "
            f"paste `dladm create-aggr`, `dladm show-aggr -x` or `dladm show-phys` from "
            f"{_in(target)}",
        )
    return target.members


def _move_switch(judge: Judge, switch: Union[str, Placeholder], speed: Optional[int]) -> Fix:
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


def _need_aggregation(judge: Judge, target: AggregationTarget, command: str) -> Optional[str]:
    if target.name is None:
        judge.skipped(
            target.guest,
            "no aggregation configured yet: after `dladm create-aggr -m dlmp -l ... aggr0`, "
            f"run `{command}` in {_in(target)}",
        )
    return target.name


# --- the state of a member's path (issue 13: a down domain is no misconfiguration) -------------


@attrs.frozen
class PathDown:
    """Why a member's path to the network is down: ``why`` names the cause and its line
    (``its switch ldg5-vsw0's service domain ldg5 is bound (not active), line 12``); ``fix``
    mends the cause without reconfiguring anything."""

    why: str
    lines: tuple[int, ...]
    fix: Fix


def _path_down(
    judge: Judge, system: System, member: Member, *, silent_domain: bool = True
) -> Optional[PathDown]:
    """Why ``member``'s path is down, None when the evidence shows no cause: its switch's
    service domain not active (ldm STATE bound/inactive, FLAGS starting, stopping, in
    transition), its switch's net-dev down in that domain, or (with ``silent_domain``, for a
    member already seen down) no output at all from a service domain that no ldm listing
    shows: a domain whose output was merely not pasted is no cause by itself."""
    domain = member.service_domain
    if domain is None:
        return None
    switch = member.vswitch or (member.switch.name if member.switch is not None else None)
    whose = f"its switch {switch}'s service domain {domain}" if switch else (
        f"its service domain {domain}"
    )
    state = system.state(domain)
    if state is not None and not state.running:
        return PathDown(
            f"{whose} is {state.describe()}, line {state.line}",
            (state.line,),
            _domain_fix(judge, domain, state),
        )
    view = system.view(domain)
    net_dev = member.switch.net_dev if member.switch is not None else None
    if net_dev:
        phys = view.phys(net_dev)
        if phys is not None and phys.state not in (None, "up"):
            return PathDown(
                f"its switch {switch}'s net-dev {net_dev} is {phys.state} in {domain}, "
                f"line {phys.line}",
                (phys.line,) + ((member.switch.line,) if member.switch is not None else ()),
                Fix.of(
                    system.where(domain),
                    ["dladm", "show-phys", Name(net_dev)],
                    f"the physical link under the switch is down in {domain}: check its cable "
                    "and the external switch port; neither the switch nor the guest needs "
                    "reconfiguring",
                ),
            )
    if silent_domain and state is None and not view.commands:
        return PathDown(
            f"{whose} printed nothing in this input and no `ldm list` shows its state",
            (),
            Fix.of(
                judge.control,
                ["ldm", "list", Name(domain, "domain")],
                f"a STATE other than active, or FLAGS s/t, means {domain} is not running; "
                f"start it or wait for it to boot",
            ),
        )
    return None


def _domain_fix(judge: Judge, domain: str, state: DomainState) -> Fix:
    """Bring a service domain back: start a bound one (bind an inactive one first); an active
    one that is starting, stopping or in transition needs waiting for, not a command."""
    name = Name(domain, "domain")
    if state.state == "bound":
        return Fix.of(
            judge.control,
            ["ldm", "start-domain", name],
            "its switch's ports come up once it has booted; nothing needs reconfiguring",
        )
    if state.state == "inactive":
        return Fix.of(
            judge.control,
            ["ldm", "bind-domain", name, "&&", "ldm", "start-domain", name],
            "its switch's ports come up once it has booted; nothing needs reconfiguring",
        )
    return Fix.of(
        judge.control,
        ["ldm", "list", name],
        f"wait for {domain} to boot (STATE active, FLAGS n in the second column), then check "
        "the ports again; nothing needs reconfiguring",
    )


def _unknown_speed(speed: Optional[int], state: Optional[str]) -> bool:
    """A link that is down, or shows speed 0 or unknown, has no known speed."""
    return speed is None or speed == 0 or state not in (None, "up")

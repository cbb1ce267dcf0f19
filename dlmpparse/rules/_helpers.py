"""What several rules share: where a command runs, the hints that ask for ldm listings, the
fixes that re-create or remove things (never destructive ones in a control or service domain)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, Optional, TypeVar, Union

import attrs

from ..domains import CONTROL, SERVICE
from ..grammars import CONFIGURATION_COMMANDS
from ..inventory import (
    AggregationTarget,
    ConfigChange,
    DomainState,
    DomainView,
    Member,
    System,
)
from ..names import Name, Placeholder, Word, shell_word
from ..records import IpAddress, IpInterface, VirtualNetwork
from .judge import Fix, Judge

_T = TypeVar("_T")

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
        f"{shown} exists, so dladm create-aggr alone fails: delete it and create it again as "
        f"DLMP over the same links; {_ip_to_move(system, target, target.name or 'aggr0')}",
    )


def _ip_to_move(system: System, target: AggregationTarget, name: str) -> str:
    """What happens to the IP configuration over aggregation ``name`` when it is re-created."""
    shown = shell_word(name)
    evidence = _ip_evidence(system, target, [name], changes=(*IP_CHANGES, *AGGR_CHANGES))
    if isinstance(evidence, str) or evidence.interfaces is None:
        return (
            f"delete the IP interface over {shown} first (ipadm delete-ip {shown}) and create "
            f"it again afterwards; run `ipadm` in {_in(target)} to see what it holds"
        )
    interface = next((i for i in evidence.interfaces if i.name == name), None)
    group = _ipmp_of(evidence, name)
    if interface is None:
        return f"no IP interface is over {shown} (ipadm, line {evidence.line})"
    held = _addresses_on(evidence, name)
    what = f"the IP interface {shown}" + (
        f" with {_shown_addresses(held)}" if held else " (no address on it)"
    )
    if group is not None:
        what += f", under the IPMP group {shell_word(group)}"
    return (
        f"{what} must move: ipadm delete-ip {shown} first, then after create-aggr ipadm "
        f"create-ip {shown}"
        + (f", ipadm add-ipmp -i {shown} {shell_word(group)}" if group is not None else "")
        + (" and ipadm create-addr for each address" if held else "")
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


# --- evidence in every form, in time order (issue 13) ------------------------------------------

# The ipadm commands that change what an ipadm listing showed (the inventory's list of
# configuration commands is the one list).
IP_CHANGES = tuple(sorted(c for c in CONFIGURATION_COMMANDS if c.startswith("ipadm ")))
# The aggregation commands that make an earlier ipadm listing say nothing about the aggregation.
AGGR_CHANGES = ("dladm create-aggr", "dladm delete-aggr")


@attrs.frozen
class IpEvidence:
    """The IP configuration of a domain as its latest ipadm listings show it: ``interfaces``
    from the latest listing of interfaces (``ipadm``, ``ipadm show-if`` in any form; None when
    none was printed), ``addresses`` from the latest listing of addresses (``ipadm``,
    ``ipadm show-addr``; None when none was printed), the listings' prompt ``lines``, and
    ``note`` (said when earlier listings were set aside)."""

    interfaces: Optional[tuple[IpInterface, ...]]
    addresses: Optional[tuple[IpAddress, ...]]
    lines: tuple[int, ...]
    note: str = ""

    @property
    def line(self) -> int:
        return self.lines[-1]


def _block_records(view: DomainView, kind: str, prompt: int) -> tuple[Any, ...]:
    """The records of ``kind`` (``interfaces``, ``addresses``) of the listing whose prompt is
    on line ``prompt``: those after it and before the domain's next command."""
    records: Sequence[Any] = getattr(view, kind)
    ends = view.memo(
        "command lines", lambda: _command_lines(view), len(view.commands) + len(view.changes)
    )
    at = bisect_right(ends, prompt)
    end = ends[at] if at < len(ends) else None
    lines = view.memo(f"{kind} lines", lambda: _lines_in_order(records), len(records))
    if lines is not None:
        # Records in line order (as read): the listing's are found by bisection, not by a
        # scan of the domain's every record for each target.
        first = bisect_right(lines, prompt)
        last = len(lines) if end is None else bisect_left(lines, end)
        return tuple(records[first:last])
    return tuple(
        r
        for r in records
        if getattr(r, "line", 0) > prompt and (end is None or getattr(r, "line", 0) < end)
    )


def _command_lines(view: DomainView) -> list[int]:
    """The prompt lines of every listing and change of the domain, in order."""
    return sorted({n for _, n in view.commands} | {c.line for c in view.changes})


def _lines_in_order(records: Sequence[Any]) -> Optional[list[int]]:
    """The records' lines, where they are in order (None where they are not)."""
    lines = [getattr(r, "line", 0) for r in records]
    return lines if all(a <= b for a, b in zip(lines, lines[1:])) else None


@attrs.frozen
class _IpadmListings:
    """A domain's ipadm listings, as ``_ip_evidence`` asks about them for every target."""

    grammar_of: dict[int, str]
    # Every ipadm listing's prompt line, in order; those that showed all, by what they show.
    every: list[int]
    unscoped: list[int]
    unscoped_if: list[int]
    unscoped_addr: list[int]
    # The listings that named what to show (ipadm show-if aggr0), by each name (and the
    # interface of an address object named) they showed.
    scoped: dict[str, list[int]]
    scoped_all: list[int]


def _shows_if(grammar: str) -> bool:
    return grammar == "ipadm" or grammar.startswith("ipadm show-if")


def _shows_addr(grammar: str) -> bool:
    return grammar == "ipadm" or grammar.startswith("ipadm show-addr")


def _ipadm_listings(view: DomainView) -> _IpadmListings:
    grammar_of = {line: grammar for grammar, line in view.commands}
    every = view.listings("ipadm")
    unscoped: list[int] = []
    scoped: dict[str, list[int]] = {}
    scoped_all: list[int] = []
    for n in every:
        words = view.scope(n)
        if not words:
            unscoped.append(n)
            continue
        scoped_all.append(n)
        for name in dict.fromkeys(w for word in words for w in (word, word.partition("/")[0])):
            scoped.setdefault(name, []).append(n)
    return _IpadmListings(
        grammar_of=grammar_of,
        every=every,
        unscoped=unscoped,
        unscoped_if=[n for n in unscoped if _shows_if(grammar_of[n])],
        unscoped_addr=[n for n in unscoped if _shows_addr(grammar_of[n])],
        scoped=scoped,
        scoped_all=scoped_all,
    )


def _ip_evidence(
    system: System,
    target: AggregationTarget,
    names: Sequence[str],
    *,
    changes: Sequence[str] = IP_CHANGES,
) -> Union[IpEvidence, str]:
    """The latest IP evidence of the guest about ``names``, or why there is none usable: no
    ipadm listing at all, or only listings printed before a configuration command (one of
    ``changes`` naming one of ``names``) that changed what they showed."""
    view = system.view(target.guest)
    where = _in(target)
    known = view.memo("ipadm listings", lambda: _ipadm_listings(view), len(view.commands))
    by_line = known.grammar_of
    # A listing that named what to show (ipadm show-if aggr0) counts only for what it named:
    # the scoped listings that named every one of ``names``, beside those that showed all.
    if names:
        named: set[int] = set(known.scoped.get(names[0], ()))
        for name in names[1:]:
            named &= set(known.scoped.get(name, ()))
        scoped = sorted(named)
    else:
        scoped = known.scoped_all
    count = len(known.unscoped) + len(scoped)
    if not count:
        if known.every:
            last = known.every[-1]
            return (
                f"the ipadm listings of {where} name other interfaces (`{by_line[last]} "
                f"{' '.join(view.scope(last))}`, line {last}): run `ipadm` in "
                f"{where}"
            )
        return (
            f"no IP configuration shown: run `ipadm` (or `ipadm show-if` and "
            f"`ipadm show-addr`) in {where}"
        )
    latest = max(known.unscoped[-1:] + scoped[-1:])
    stale = view.changed_after(latest, changes, names)
    if stale is not None:
        return (
            f"the IP configuration of {where} (`{by_line[latest]}`, line "
            f"{latest}) was printed before `{stale.text}` at line {stale.line}, which "
            f"changes it: run `ipadm` in {where} again"
        )
    shows_if = known.unscoped_if[-1:] + [n for n in scoped if _shows_if(by_line[n])][-1:]
    shows_addr = known.unscoped_addr[-1:] + [n for n in scoped if _shows_addr(by_line[n])][-1:]
    lines: list[int] = []
    interfaces: Optional[tuple[IpInterface, ...]] = None
    addresses: Optional[tuple[IpAddress, ...]] = None
    # A listing printed before a change to these names says nothing about them after it.
    if shows_if and view.changed_after(max(shows_if), changes, names) is None:
        interfaces = _block_records(view, "interfaces", max(shows_if))
        lines.append(max(shows_if))
    if shows_addr and view.changed_after(max(shows_addr), changes, names) is None:
        addresses = _block_records(view, "addresses", max(shows_addr))
        lines.append(max(shows_addr))
    earlier = count - len(set(lines))
    used = sorted(set(lines))
    note = (
        f"; from the latest ipadm listing{'s' if len(used) > 1 else ''} (line"
        f"{'s' if len(used) > 1 else ''} {_join([str(n) for n in used])}), "
        f"{earlier} earlier one{'s' if earlier > 1 else ''} set aside"
        if earlier > 0 and lines
        else ""
    )
    return IpEvidence(interfaces, addresses, tuple(sorted(set(lines))), note)


def _ipmp_of(evidence: IpEvidence, link: str) -> Optional[str]:
    """The IPMP interface ``link`` is under (ipadm UNDER, or show-if OVER of the group)."""
    for interface in evidence.interfaces or ():
        if interface.name == link and interface.under:
            return interface.under
    for interface in evidence.interfaces or ():
        if link in interface.over:
            return interface.name
    return None


def _addresses_on(evidence: IpEvidence, name: str) -> list[IpAddress]:
    return [a for a in evidence.addresses or () if a.interface == name]


def _shown_addresses(addresses: Sequence[IpAddress]) -> str:
    return _join(
        [f"{a.addrobj} ({a.type or '--'} {a.addr or 'no address shown'})" for a in addresses]
    )


def _leave_ipmp(
    system: System, target: AggregationTarget, link: str, group: str, moved: str
) -> Fix:
    """Take an underlying interface out of its IPMP group, then its IP interface away."""
    roles = _own_roles(system, target)
    if roles is not None:
        return _not_destroying(
            target,
            f"ipadm remove-ipmp -i {shell_word(link)} {shell_word(group)}",
            roles,
            ["ipadm", "show-if", Name(group, "interface")],
        )
    return Fix.of(
        _in(target),
        [
            "ipadm",
            "remove-ipmp",
            "-i",
            Name(link, "interface"),
            Name(group, "interface"),
            "&&",
            "ipadm",
            "delete-ip",
            Name(link, "interface"),
        ],
        f"{group} holds {moved}: it stays up while another interface is under {group}; once "
        f"the aggregation exists, put it under {group} (ipadm create-ip <aggr>, ipadm add-ipmp "
        f"-i <aggr> {shell_word(group)}) or move the address onto the aggregation; the last "
        f"interface out of {group} takes the address down, so do it from the console",
    )


# Fields of an ldm vnet as ldm prints them (for the skips that name missing fields).
_LDM_FIELD = {"linkprop": "LINKPROP", "custom": "CUSTOM"}
# Columns every one-line NETWORK table that has them prints, and ldm -p prints as key=value
# even when empty: a None there is a blank value, not missing evidence.
_BLANK_IS_VALUE = frozenset({"linkprop"})


def _vnet_shows(vnet: VirtualNetwork, field: str) -> bool:
    """Whether the listing of ``vnet`` showed ``field`` (a blank cell is shown; a column or
    ``KEY :value`` line the listing does not have is not)."""
    if field in vnet.not_shown:
        return False
    if getattr(vnet, field) is not None or field in dict(vnet.field_lines):
        return True
    if vnet.field_lines:
        # 3.6's block form prints every KEY it has; this one is not among them.
        return False
    return field in _BLANK_IS_VALUE


# The ldm commands that change what a listing of a vnet or a switch printed before them showed.
VNET_CHANGES = ("ldm set-vnet", "ldm add-vnet", "ldm remove-vnet")
VSW_CHANGES = ("ldm set-vsw", "ldm add-vsw")


def _ldm_changed_after(
    system: System, line: int, commands: Sequence[str], names: Sequence[str]
) -> Optional[ConfigChange]:
    """The first ldm command of ``commands`` naming one of ``names``, typed in a control
    domain after ``line``: a listing printed at ``line`` does not show its effect."""
    found: list[ConfigChange] = []
    for domain in system.control_domains or tuple(d for d in system.domains if d is not None):
        change = system.view(domain).changed_after(line, commands, names)
        if change is not None:
            found.append(change)
    return min(found, key=lambda c: c.line) if found else None


def _printed_before(what: str, line: int, change: ConfigChange, again: str) -> str:
    return (
        f"{what} (line {line}) was printed before `{change.text}` at line {change.line}, "
        f"which changes it: {again}"
    )


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

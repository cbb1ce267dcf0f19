"""Metamorphic checks of the validator: a generated system that meets every precondition checks
clean; breaking exactly one precondition fails exactly that rule, on the right subject."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import check, parse
from dlmpparse.records import IpAddress, IpInterface, NetDevice, VirtualNetwork, VirtualSwitch
from dlmpparse.testing import DlmpSystem, render_fields, render_parseable, render_system
from dlmpparse.testing.capture import split_clean_transcript
from dlmpparse.testing.render_ldm_p import (
    render_list_netdev_p,
    render_network_p,
    render_services_p,
)
from dlmpparse.testing.strategies import systems

AGGREGATION_RULES = {"aggr-dlmp", "ports-attached", "probe-active", "aggr-ip"}


def failures(system: DlmpSystem) -> tuple[int, set[tuple[str, str]]]:
    report = check(render_system(system))
    assert not report.errors, report.errors
    # Full evidence: only what the system lacks may be skipped (no aggregation yet, no probes).
    allowed = set() if system.configured else AGGREGATION_RULES
    if not system.probing:
        allowed.add("probe-active")
    skips = [
        (f.rule, f.message) for f in report.findings if f.status == "skip" and f.rule not in allowed
    ]
    assert not skips, skips
    assert {f.rule for f in report.findings if f.status == "skip"} == (
        allowed if system.configured else AGGREGATION_RULES
    )
    return report.exit_code, {(f.rule, f.subject) for f in report.findings if f.status == "fail"}


@given(systems())
def test_a_system_meeting_every_precondition_checks_clean(system: DlmpSystem) -> None:
    assert failures(system) == (0, set())


BREAKS = ["speed", "linkprop", "custom", "ip", "stub", "release", "port", "one-domain"]


@given(systems(), st.data())
def test_breaking_one_precondition_fails_exactly_that_rule(
    system: DlmpSystem, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(system.members) - 1))
    member = system.members[index]
    link, vnet, sd = member.link, member.vnet, member.service_domain
    broken = data.draw(st.sampled_from(BREAKS))

    def with_member(**changes: str) -> DlmpSystem:
        members = list(system.members)
        members[index] = attrs.evolve(member, **changes)
        return attrs.evolve(system, members=tuple(members))

    code = 1
    whole = "aggr0" if system.configured else "members"  # the subject of whole-target rules
    if broken == "speed":
        at = system.service_domains.index(sd)
        other = system.speeds[1 - at if at < 2 else 0]
        speed = data.draw(st.sampled_from([1000, 10000, 25000]).filter(lambda s: s != other))
        speeds = tuple(speed if i == at else s for i, s in enumerate(system.speeds))
        system, expected = attrs.evolve(system, speeds=speeds), ("same-speed", whole)
    elif broken == "linkprop":
        system, expected = with_member(linkprop="--"), ("phys-state", f"{vnet} ({link})")
    elif broken == "custom":
        system, expected = with_member(custom="disable"), ("custom-enable", f"{vnet} ({link})")
    elif broken == "ip":
        system, expected = attrs.evolve(system, ip_on=link), ("no-ip-on-members", link)
    elif broken == "stub":
        system = attrs.evolve(system, etherstub_in=sd)
        expected = ("no-etherstub", f"{sd}-vsw0@{sd}")
    elif broken == "release":
        system = attrs.evolve(system, releases=((sd, "11.3"),))
        expected = ("solaris-11.4", sd)
    elif broken == "port":
        system = attrs.evolve(with_member(port_state="down"), configured=True)
        expected = ("ports-attached", link)
    else:
        members = tuple(attrs.evolve(m, service_domain="primary") for m in system.members)
        system = attrs.evolve(system, members=members)
        expected = ("distinct-service-domains", whole)
        code = 0  # a warning: exit 1 only with --strict
    assert failures(system) == (code, {expected})


# --- (a) the same facts in another evidence form give the same verdicts (issue 13) -------------


def _forms(command: str, lines: list[str], form: str) -> list[tuple[str, str]]:
    """The block ``command`` printed (``lines``) as ``form`` (``human``, ``o``: human with
    chosen columns, ``p``: ``-p -o`` or ldm ``-p``): the same records, re-rendered."""
    text = "\n".join(lines) + "\n"
    handled = (
        (command.startswith("dladm show-phys") and "-m" not in command)
        or command.startswith("dladm show-link")
        or command in ("dladm show-aggr aggr0", "ipadm")
        or (
            form == "p"
            and command.startswith(("ldm list-services", "ldm list -o network", "ldm list-netdev"))
        )
    )
    if form == "human" or not handled:
        return [(command, text)]
    records = parse(command, text)
    p = form == "p"
    words = command.split()
    operand = f" {words[-1]}" if len(words) > 2 and not words[-1].startswith("-") else ""

    def fields(cmd: str, names: list[str], header: list[str]) -> tuple[str, str]:
        if p:
            return (f"{cmd} -p -o {','.join(header)}", render_parseable(records, names).text)
        return (f"{cmd} -o {','.join(header)}", render_fields(records, names, header).text)

    if command.startswith("dladm show-phys") and "-m" not in command:
        names = ["link", "media", "state", "speed", "duplex", "device"]
        return [fields("dladm show-phys" + operand, names, names)]
    if command.startswith("dladm show-link"):
        names = ["link", "class", "mtu", "state", "over"]
        return [fields("dladm show-link" + operand, names, names)]
    if command == "dladm show-aggr aggr0":
        return [fields("dladm show-aggr", ["link", "mode"], ["link", "mode"])]
    if command == "ipadm":
        interfaces = [r for r in records if isinstance(r, IpInterface)]
        addresses = [r for r in records if isinstance(r, IpAddress)]
        names_if = ["name", "class", "state", "over"]
        head_if = ["ifname", "class", "state", "over"]
        names_addr = ["addrobj", "type", "state", "addr"]
        if p:
            return [
                (
                    f"ipadm show-if -p -o {','.join(head_if)}",
                    render_parseable(interfaces, names_if).text,
                ),
                (
                    f"ipadm show-addr -p -o {','.join(names_addr)}",
                    render_parseable(addresses, names_addr).text,
                ),
            ]
        return [
            (
                f"ipadm show-if -o {','.join(head_if)}",
                render_fields(interfaces, names_if, head_if).text,
            ),
            (
                f"ipadm show-addr -o {','.join(names_addr)}",
                render_fields(addresses, names_addr, names_addr).text,
            ),
        ]
    if p and command == "ldm list-services":
        switches = [r for r in records if isinstance(r, VirtualSwitch)]
        return [(f"{command} -p", render_services_p(switches).text)]
    if p and command.startswith("ldm list -o network"):
        vnets = [r for r in records if isinstance(r, VirtualNetwork)]
        return [(f"ldm list -o network -p{operand}", render_network_p(vnets).text)]
    if p and command.startswith("ldm list-netdev"):
        devices = [r for r in records if isinstance(r, NetDevice)]
        return [(f"ldm list-netdev -p{operand}", render_list_netdev_p(devices).text)]
    return [(command, text)]


def _verdicts(text: str) -> list[tuple[str, str, str]]:
    report = check(text)
    assert not report.errors, report.errors
    return [(f.rule, f.status, f.subject) for f in report.findings]


@given(systems(), st.sampled_from(["o", "p", "mixed"]), st.randoms(use_true_random=False))
def test_any_evidence_form_of_the_same_facts_gives_the_same_verdicts(
    system: DlmpSystem, form: str, rng: Any
) -> None:
    human = render_system(system)
    out: list[str] = []
    for host, command, lines in split_clean_transcript(human):
        chosen = rng.choice(["human", "o", "p"]) if form == "mixed" else form
        for shown, text in _forms(command, lines, chosen):
            out.append(f"{host}# {shown}\n{text}")
    assert _verdicts("".join(out)) == _verdicts(human)


# --- issue 13: the system's state -------------------------------------------------------------


@given(systems())
def test_a_service_domain_taken_down_is_a_down_port_with_its_cause_never_a_speed_mismatch(
    system: DlmpSystem,
) -> None:
    down = system.service_domains[1]
    control = system.service_domains[0]
    system = attrs.evolve(system, down=down, configured=True)
    report = check(render_system(system))
    assert not report.errors, report.errors
    on_down = {m.link for m in system.members if m.service_domain == down}
    by_rule = {(f.rule, f.subject): f for f in report.findings}
    assert not [f for f in report.findings if f.rule == "same-speed" and f.status == "fail"]
    for link in on_down:
        finding = by_rule[("ports-attached", link)]
        assert finding.status == "fail", finding
        assert f"{link} is down: " in finding.message
        assert f"service domain {down} is bound (not active)" in finding.message
        assert finding.fix is not None
        assert (finding.fix.domain, finding.fix.command) == (control, f"ldm start-domain {down}")
    for member in system.members:
        if member.link not in on_down:
            assert by_rule[("ports-attached", member.link)].status == "pass"
    failed = {(f.rule, f.subject) for f in report.findings if f.status == "fail"}
    allowed = {(rule, link) for link in on_down for rule in ("ports-attached", "probe-active")}
    assert failed <= allowed and ("ports-attached", next(iter(on_down))) in failed
    for finding in report.findings:
        if finding.fix is not None:
            assert "set-vsw" not in finding.fix.command, finding


@given(systems(), st.sampled_from(["ipmp", "vlan"]))
def test_the_address_on_an_ipmp_group_or_a_vlan_over_the_aggregation_keeps_aggr_ip_passing(
    system: DlmpSystem, ip_over: str
) -> None:
    system = attrs.evolve(system, ip_over=ip_over, configured=True)
    assert failures(system) == (0, set())
    report = check(render_system(system))
    holder = "ipmp0" if ip_over == "ipmp" else "vlan10"
    assert ("aggr-ip", "pass", f"{holder}/v4") in {
        (f.rule, f.status, f.subject) for f in report.findings
    }

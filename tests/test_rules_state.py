"""The state-aware rules (issue 13) on small hand-built inventories: a down service domain or a
down net-dev is a cause, never a speed mismatch; the service domains' devices before the
guest's view; aggr-ip over an IPMP group or VLAN links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import pytest

from dlmpparse.inventory import AggregationTarget, DomainState, DomainView, Member, System
from dlmpparse.reader import Reading
from dlmpparse.records import (
    AggregationDetail,
    AggregationPort,
    IpAddress,
    IpInterface,
    Link,
    PhysicalLink,
    ProbeStatus,
    VirtualNetwork,
    VirtualSwitch,
)
from dlmpparse.rules import RULES
from dlmpparse.rules.judge import Finding, Judge

SWITCHES = (
    VirtualSwitch(name="primary-vsw0", domain="primary", net_dev="net0", line=1),
    VirtualSwitch(name="ldg5-vsw0", domain="ldg5", net_dev="net2", line=2),
)

NET2_UP = PhysicalLink(link="net2", state="up", speed=10000, line=11)


def _member(link: str, vnet: str, domain: str, *, speed: int = 10000, state: str = "up") -> Member:
    switch = next(s for s in SWITCHES if s.domain == domain)
    return Member(
        link=link,
        instance=f"vnet{link[-1]}",
        vnet=VirtualNetwork(
            domain="ldg6", name=vnet, service=switch.name, service_domain=domain, line=3
        ),
        vnet_name=vnet,
        vswitch=switch.name,
        service_domain=domain,
        phys=PhysicalLink(
            link=link, state=state, speed=speed, speed_raw=str(speed), device="vnet", line=4
        ),
        switch=switch,
    )


def _system(
    *,
    ldg5: Optional[DomainState] = None,
    net2: Optional[PhysicalLink] = NET2_UP,
    net1_speed: int = 10000,
    net1_state: str = "up",
    guest: Optional[DomainView] = None,
    service_views: bool = True,
) -> tuple[System, AggregationTarget]:
    members = (
        _member("net0", "vnet6", "primary"),
        _member("net1", "vnet1", "ldg5", speed=net1_speed, state=net1_state),
    )
    target = AggregationTarget(
        guest="ldg6", name="aggr0", members=members, members_from="dladm create-aggr"
    )
    domains: dict[Optional[str], DomainView] = {"ldg6": guest or DomainView(name="ldg6")}
    if service_views:
        domains["primary"] = DomainView(
            name="primary",
            physical=(PhysicalLink(link="net0", state="up", speed=10000, line=10),),
            commands=(("dladm show-phys", 10),),
        )
        domains["ldg5"] = DomainView(
            name="ldg5",
            physical=(net2,) if net2 is not None else (),
            commands=(("dladm show-phys", 11),) if net2 is not None else (),
        )
    states = {"primary": DomainState("primary", "active", "-n-cv-", 20)}
    if ldg5 is not None:
        states["ldg5"] = ldg5
    system = System(
        domains=domains,
        vnets=tuple(m.vnet for m in members if m.vnet is not None),
        netdevs=(),
        switches=SWITCHES,
        targets=(target,),
        reading=Reading(results=(), ignored=()),
        control_domains=("primary",),
        states=states,
    )
    return system, target


def _run(rule_id: str, system: System, target: AggregationTarget) -> list[Finding]:
    rule = next(r for r in RULES if r.id == rule_id)
    judge = Judge(rule, system, target)
    rule.check(judge, system, target)
    return judge.findings


def _guest(net1: AggregationPort, probe_state: str = "active") -> DomainView:
    return DomainView(
        name="ldg6",
        details=(
            AggregationDetail(
                link="aggr0",
                state="up",
                ports=(
                    AggregationPort(
                        port="net0", speed=10000, state="up", portstate="attached", line=31
                    ),
                    net1,
                ),
                line=30,
            ),
        ),
        probes=(
            ProbeStatus(link="aggr0", port="net0", state="active", targets=("192.0.2.1",), line=40),
            ProbeStatus(link="aggr0", port="net1", state=probe_state, line=41),
        ),
    )


DOWN = AggregationPort(
    port="net1", speed=0, speed_raw="0Mb", state="down", portstate="standby", line=32
)


# --- the domain state ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "flags", "running", "said"),
    [
        ("active", "-n----", True, None),
        ("active", "-n-cv-", True, None),
        ("active", "normal,control,vio-service", True, None),
        ("bound", "------", False, "bound (not active)"),
        ("inactive", "------", False, "inactive (not active)"),
        ("active", "-t----", False, "in transition"),
        ("active", "s-----", False, "starting or stopping"),
        ("active", "-d----", False, "degraded"),
        ("active", "transition", False, "transition"),
        # Column 6 s/t is a migration's source or target, not a domain stopping.
        ("active", "-n---s", True, None),
        # No STATE shown is no evidence the domain is down.
        (None, None, True, None),
    ],
)
def test_domain_state_reads_the_positional_and_spelt_out_flags(
    state: Optional[str], flags: Optional[str], running: bool, said: Optional[str]
) -> None:
    domain = DomainState("ldg5", state, flags, 7)
    assert domain.running is running
    if said is not None:
        assert said in domain.describe()


# --- ports-attached -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "flags", "command"),
    [
        ("bound", "------", "ldm start-domain ldg5"),
        ("inactive", "------", "ldm bind-domain ldg5 && ldm start-domain ldg5"),
        ("active", "-t----", "ldm list ldg5"),
    ],
)
def test_a_down_port_whose_service_domain_is_not_active_is_down_for_that_cause(
    state: str, flags: str, command: str
) -> None:
    system, target = _system(
        ldg5=DomainState("ldg5", state, flags, 8), net2=None, guest=_guest(DOWN)
    )
    [net1] = [f for f in _run("ports-attached", system, target) if f.subject == "net1"]
    assert net1.status == "fail"
    assert net1.message.startswith(
        "net1 is down: its switch ldg5-vsw0's service domain ldg5 is "
    ), net1.message
    assert "line 8" in net1.message and "speed" not in net1.message
    assert net1.fix is not None and net1.fix.command == command and net1.fix.domain == "primary"
    assert "set-vsw" not in net1.fix.command


def test_a_down_port_over_a_down_net_dev_is_mended_in_the_service_domain() -> None:
    down = PhysicalLink(link="net2", state="down", speed=0, line=11)
    system, target = _system(
        ldg5=DomainState("ldg5", "active", "-n--v-", 8), net2=down, guest=_guest(DOWN)
    )
    [net1] = [f for f in _run("ports-attached", system, target) if f.subject == "net1"]
    assert net1.status == "fail"
    assert "net-dev net2 is down in ldg5, line 11" in net1.message
    assert net1.fix is not None
    assert (net1.fix.domain, net1.fix.command) == ("ldg5", "dladm show-phys net2")


def test_a_down_port_with_no_cause_shown_is_still_down_never_a_speed_mismatch() -> None:
    system, target = _system(ldg5=DomainState("ldg5", "active", "-n--v-", 8), guest=_guest(DOWN))
    [net1] = [f for f in _run("ports-attached", system, target) if f.subject == "net1"]
    assert net1.status == "fail" and "down" in net1.message
    assert "speed" not in net1.message
    assert net1.fix is not None and "set-vsw" not in net1.fix.command


def test_a_silent_service_domain_no_listing_shows_is_named_as_the_likely_cause() -> None:
    system, target = _system(net2=None, guest=_guest(DOWN))
    [net1] = [f for f in _run("ports-attached", system, target) if f.subject == "net1"]
    assert "printed nothing" in net1.message
    assert net1.fix is not None and net1.fix.command == "ldm list ldg5"


def test_an_up_port_in_standby_is_a_speed_mismatch() -> None:
    standby = AggregationPort(
        port="net1", speed=1000, speed_raw="1000Mb", state="up", portstate="standby", line=32
    )
    system, target = _system(ldg5=DomainState("ldg5", "active", "-n--v-", 8), guest=_guest(standby))
    [net1] = [f for f in _run("ports-attached", system, target) if f.subject == "net1"]
    assert net1.status == "fail" and "1000Mb" in net1.message
    assert net1.fix is not None
    assert net1.fix.command == "ldm set-vsw net-dev=<a link of 10000 Mb/s> ldg5-vsw0"


def test_probe_active_names_the_down_service_domain_for_a_failed_probe() -> None:
    system, target = _system(
        ldg5=DomainState("ldg5", "bound", "------", 8), net2=None, guest=_guest(DOWN, "failed")
    )
    findings = {f.subject: f for f in _run("probe-active", system, target)}
    assert findings["net0"].status == "pass"
    assert findings["net1"].status == "fail" and "ldg5 is bound" in findings["net1"].message
    assert findings["net1"].fix is not None
    assert findings["net1"].fix.command == "ldm start-domain ldg5"


# --- same-speed -----------------------------------------------------------------------------


def test_same_speed_skips_over_a_down_service_domain_and_says_why() -> None:
    system, target = _system(
        ldg5=DomainState("ldg5", "bound", "------", 8), net2=None, net1_speed=0, net1_state="down"
    )
    [finding] = _run("same-speed", system, target)
    assert finding.status == "skip"
    assert "speed is unknown" in finding.message and "ldg5 is bound (not active)" in finding.message
    assert "10000 Mb/s" in finding.message


def test_same_speed_treats_speed_zero_as_unknown_not_different() -> None:
    zero = PhysicalLink(link="net2", state="unknown", speed=0, speed_raw="0", line=11)
    system, target = _system(ldg5=DomainState("ldg5", "active", "-n--v-", 8), net2=zero)
    [finding] = _run("same-speed", system, target)
    assert finding.status == "skip" and "unknown" in finding.message


def test_same_speed_fails_on_the_known_speeds_that_differ() -> None:
    slow = PhysicalLink(link="net2", state="up", speed=1000, line=11)
    system, target = _system(ldg5=DomainState("ldg5", "active", "-n--v-", 8), net2=slow)
    [finding] = _run("same-speed", system, target)
    assert finding.status == "fail" and "net-dev net2: 1000 Mb/s" in finding.message
    assert finding.fix is not None and finding.fix.command.endswith("ldg5-vsw0")


def test_same_speed_reads_the_service_domains_before_the_guest() -> None:
    # The guest sees 1000 on net1, its service domain shows 10000 under the switch: the
    # service domain's device is what DLMP's speed rule is about.
    system, target = _system(ldg5=DomainState("ldg5", "active", "-n--v-", 8), net1_speed=1000)
    [finding] = _run("same-speed", system, target)
    assert finding.status == "pass" and "guest" not in finding.message


def test_same_speed_says_when_it_judged_the_guests_view_only() -> None:
    system, target = _system(service_views=False, net1_speed=1000)
    system = System(
        domains=system.domains,
        vnets=system.vnets,
        netdevs=(),
        switches=(),
        targets=system.targets,
        reading=system.reading,
        control_domains=("primary",),
        states=system.states,
    )
    target = AggregationTarget(
        guest="ldg6",
        name="aggr0",
        members=tuple(
            Member(
                link=m.link,
                vnet=m.vnet,
                vnet_name=m.vnet_name,
                vswitch=m.vswitch,
                service_domain=m.service_domain,
                phys=m.phys,
            )
            for m in target.members
        ),
        members_from="dladm create-aggr",
    )
    [finding] = _run("same-speed", system, target)
    assert finding.status == "fail" and "the guest's view" in finding.message


# --- aggr-ip --------------------------------------------------------------------------------

IPADM = (("ipadm", 50),)


def _ip(
    *interfaces: IpInterface,
    addresses: tuple[IpAddress, ...] = (),
    links: Sequence[Link] = (),
) -> DomainView:
    return DomainView(
        name="ldg6",
        interfaces=interfaces,
        addresses=addresses,
        links=tuple(links),
        commands=IPADM,
    )


def _aggr_ip(view: DomainView) -> dict[str, Finding]:
    system, target = _system(guest=view)
    return {f.subject: f for f in _run("aggr-ip", system, target)}


def test_aggr_ip_passes_an_ipmp_underlying_aggregation_by_ipadm_under() -> None:
    found = _aggr_ip(
        _ip(
            IpInterface(name="aggr0", class_="ip", state="ok", under="ipmp0", line=51),
            IpInterface(name="ipmp0", class_="ipmp", state="ok", line=52),
            addresses=(
                IpAddress(
                    addrobj="ipmp0/v4", interface="ipmp0", state="ok", addr="192.0.2.16/24", line=53
                ),
            ),
        )
    )
    assert {s: f.status for s, f in found.items()} == {
        "aggr0": "pass",
        "ipmp0": "pass",
        "ipmp0/v4": "pass",
    }


def test_aggr_ip_finds_the_ipmp_group_by_show_if_over() -> None:
    found = _aggr_ip(
        _ip(
            IpInterface(name="aggr0", class_="ip", state="ok", line=51),
            IpInterface(name="ipmp0", class_="ipmp", state="ok", over=("aggr0",), line=52),
        )
    )
    # No address on the group: the fix puts one on ipmp0, never DHCP on aggr0.
    assert found["aggr0"].status == "pass"
    failed = [f for f in found.values() if f.status == "fail"]
    assert [f.subject for f in failed] == ["ipmp0"]
    assert failed[0].fix is not None
    assert "ipmp0/v4" in failed[0].fix.command and "aggr0" not in failed[0].fix.command


def test_aggr_ip_passes_ip_only_on_a_vlan_over_the_aggregation() -> None:
    vlan = Link(link="vlan10", class_="vlan", state="up", over=("aggr0",), line=45)
    found = _aggr_ip(
        _ip(
            IpInterface(name="vlan10", class_="ip", state="ok", line=51),
            addresses=(
                IpAddress(
                    addrobj="vlan10/v4",
                    interface="vlan10",
                    state="ok",
                    addr="192.0.2.9/24",
                    line=52,
                ),
            ),
            links=[vlan],
        )
    )
    assert {s: f.status for s, f in found.items()} == {"vlan10": "pass", "vlan10/v4": "pass"}


def test_aggr_ip_fails_with_no_ip_over_the_aggregation_or_its_vlans() -> None:
    vlan = Link(link="vlan10", class_="vlan", state="up", over=("aggr0",), line=45)
    found = _aggr_ip(
        _ip(IpInterface(name="lo0", class_="loopback", state="ok", line=51), links=[vlan])
    )
    assert found["aggr0"].status == "fail"
    assert found["aggr0"].fix is not None
    assert found["aggr0"].fix.command == "ipadm create-ip aggr0"


# --- the domain state through the whole pipeline -----------------------------------------------

BOUND_P = """\
primary# ldm list -p
VERSION 1.11
DOMAIN|name=primary|state=active|flags=-n-cv-|cons=UART|ncpu=8|mem=17179869184|util=0.6|uptime=8100|norm_util=0.6
DOMAIN|name=ldg5|state=bound|flags=------|cons=5001|ncpu=8|mem=8589934592|util=|uptime=|norm_util=
"""
ACTIVE = """\
primary# ldm list
NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
primary          active     -n-cv-  UART    8     16G      0.6%  0.6%  2d 3h 15m
ldg5             active     -n--v-  5001    8     8G       0.2%  0.2%  1m
"""


def test_ldm_list_p_gives_the_domain_state_and_a_later_listing_replaces_it() -> None:
    from dlmpparse import check

    state = check(BOUND_P).system.state("ldg5")
    assert state is not None and (state.state, state.line) == ("bound", 4)
    assert not state.running
    later = check(BOUND_P + ACTIVE).system.state("ldg5")
    assert later is not None and later.running and later.line == 8


def test_a_service_domain_whose_output_was_not_pasted_is_no_cause_for_an_up_member() -> None:
    # ldg5 printed nothing and no ldm list shows it, but the guest sees both members up at
    # 10000: the guest's view decides, nothing is called down.
    system, target = _system(net2=None)
    system = System(
        domains={k: v for k, v in system.domains.items() if k != "ldg5"},
        vnets=system.vnets,
        netdevs=(),
        switches=system.switches,
        targets=system.targets,
        reading=system.reading,
        control_domains=("primary",),
        states=system.states,
    )
    [finding] = _run("same-speed", system, target)
    assert finding.status == "pass" and "the guest's view" in finding.message


def test_an_aggregation_down_names_each_ports_cause() -> None:
    net0_down = AggregationPort(port="net0", speed=0, state="down", portstate="standby", line=31)
    view = DomainView(
        name="ldg6",
        details=(AggregationDetail(link="aggr0", state="down", ports=(net0_down, DOWN), line=30),),
    )
    system, target = _system(ldg5=DomainState("ldg5", "bound", "------", 8), net2=None, guest=view)
    system = System(
        domains=system.domains,
        vnets=system.vnets,
        netdevs=(),
        switches=system.switches,
        targets=system.targets,
        reading=system.reading,
        control_domains=("primary",),
        states={**system.states, "primary": DomainState("primary", "active", "s--cv-", 20)},
    )
    findings = {f.subject: f for f in _run("ports-attached", system, target)}
    aggregation = findings["aggr0"]
    assert aggregation.status == "fail"
    assert "net0: its switch primary-vsw0's service domain primary is active but starting or " in (
        aggregation.message
    )
    assert "net1: its switch ldg5-vsw0's service domain ldg5 is bound" in aggregation.message


def test_same_speed_reads_the_show_aggr_x_port_speeds_as_the_guests_view() -> None:
    standby = AggregationPort(
        port="net1", speed=1000, speed_raw="1000Mb", state="up", portstate="standby", line=32
    )
    system, target = _system(guest=_guest(standby), service_views=False)
    members = tuple(
        Member(link=m.link, vswitch=m.vswitch, service_domain=m.service_domain)
        for m in target.members
    )
    target = AggregationTarget(
        guest="ldg6", name="aggr0", members=members, members_from="dladm show-aggr -x"
    )
    system = System(
        domains=system.domains,
        vnets=(),
        netdevs=(),
        switches=(),
        targets=(target,),
        reading=system.reading,
        control_domains=("primary",),
    )
    [finding] = _run("same-speed", system, target)
    assert finding.status == "fail" and "net1: 1000 Mb/s" in finding.message
    assert "the guest's view" in finding.message


def test_probe_active_blames_no_silent_service_domain() -> None:
    # ldg5 printed nothing and no ldm list shows it: a failed probe keeps the probe fix.
    up = AggregationPort(port="net1", speed=10000, state="up", portstate="attached", line=32)
    system, target = _system(net2=None, guest=_guest(up, "failed"))
    [net1] = [f for f in _run("probe-active", system, target) if f.subject == "net1"]
    assert net1.status == "fail" and "printed nothing" not in net1.message
    assert net1.fix is not None and "probe-ip" in net1.fix.command

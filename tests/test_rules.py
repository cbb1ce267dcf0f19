"""The rules on small hand-built inventories (``System`` objects), path by path: what each rule
concludes from each form of evidence, in time order, and what its skips ask for (issue 13).

The inventories are built here, not read from a transcript, so each test says exactly which
records the rule sees; the lines are those the records would have been printed on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import pytest

from dlmpparse import check
from dlmpparse.inventory import (
    AggregationTarget,
    ConfigChange,
    CreatedAggregation,
    DomainView,
    Member,
    System,
    latest,
)
from dlmpparse.reader import read_transcript
from dlmpparse.records import (
    Aggregation,
    Etherstub,
    IpAddress,
    IpInterface,
    Link,
    OsRelease,
    PhysicalLink,
    VirtualNetwork,
    VirtualSwitch,
)
from dlmpparse.rules import RULES, Finding, Judge
from dlmpparse.rules._helpers import IpEvidence, _ip_evidence

BLOCK_LINES = (("linkprop", 12), ("custom", 14))


def vnet(name: str, sd: str, **fields: Any) -> VirtualNetwork:
    values: dict[str, Any] = {
        "domain": "ldg6",
        "name": name,
        "service": f"{sd}-vsw0",
        "service_domain": sd,
        "linkprop": "phys-state",
        "custom": "enable",
        "field_lines": BLOCK_LINES,
        "line": 10,
    }
    values.update(fields)
    return VirtualNetwork(**values)


def switch(sd: str, net_dev: Optional[str] = "net2", line: int = 5) -> VirtualSwitch:
    return VirtualSwitch(name=f"{sd}-vsw0", domain=sd, net_dev=net_dev, line=line)


def member(link: str, record: Optional[VirtualNetwork], **fields: Any) -> Member:
    sd = record.service_domain if record is not None else None
    values: dict[str, Any] = {
        "link": link,
        "vnet": record,
        "vnet_name": record.name if record is not None else None,
        "vswitch": record.service if record is not None else None,
        "service_domain": sd,
        "switch": switch(sd) if sd is not None else None,
    }
    values.update(fields)
    return Member(**values)


def healthy_members() -> tuple[Member, ...]:
    return (member("net0", vnet("vnet6", "primary")), member("net1", vnet("vnet1", "ldg5")))


def system(
    members: Sequence[Member] = (),
    *,
    name: Optional[str] = "aggr0",
    views: Sequence[DomainView] = (),
) -> System:
    domains = {v.name: v for v in views}
    target = AggregationTarget(
        guest="ldg6",
        name=name,
        members=tuple(members) if members else healthy_members(),
        members_from="test",
        ldom="ldg6",
        where="ldg6",
    )
    return System(
        domains=domains,
        vnets=(),
        netdevs=(),
        switches=(),
        targets=(target,),
        reading=read_transcript(""),
        control_domains=("primary",),
    )


def run(rule_id: str, sys_: System) -> list[Finding]:
    rule = next(r for r in RULES if r.id == rule_id)
    judge = Judge(rule, sys_, sys_.targets[0])
    rule.check(judge, sys_, sys_.targets[0])
    return judge.findings


def verdicts(rule_id: str, sys_: System) -> list[tuple[str, str]]:
    return [(f.status, f.subject) for f in run(rule_id, sys_)]


def guest(**fields: Any) -> DomainView:
    return DomainView(name="ldg6", **fields)


def change(command: str, names: Sequence[str], line: int) -> ConfigChange:
    return ConfigChange(command, tuple(names), f"{command} {' '.join(names)}", line)


# --- inventory: time order -------------------------------------------------------------------


def test_latest_keeps_what_was_printed_after_the_change() -> None:
    early = IpInterface(name="net0", line=3)
    late = IpInterface(name="aggr0", line=30)
    assert latest([early, late], after=20) == [late]
    assert latest([early, late]) == [early, late]


def test_a_change_makes_only_earlier_listings_of_what_it_names_out_of_date() -> None:
    view = guest(
        commands=(("ipadm", 5),),
        changes=(
            change("ipadm create-ip", ["aggr0"], 8),
            change("dladm create-aggr", ["aggr0"], 9),
        ),
    )
    assert view.changed_after(5, ["ipadm create-ip"], ["aggr0"]) == view.changes[0]
    assert view.changed_after(5, ["ipadm create-ip"], ["net0"]) is None
    assert view.changed_after(8, ["ipadm create-ip"]) is None
    assert view.listings("ipadm") == [5]


# --- phys-state and custom-enable ------------------------------------------------------------


def test_vnet_properties_pass_when_listed_as_required() -> None:
    assert verdicts("phys-state", system()) == [("pass", "vnet6 (net0)"), ("pass", "vnet1 (net1)")]
    assert verdicts("custom-enable", system())[0][0] == "pass"


def test_a_blank_linkprop_cell_in_a_one_line_table_is_a_value_and_fails() -> None:
    blank = vnet("vnet1", "ldg5", linkprop=None, custom=None, field_lines=())
    members = (member("net0", vnet("vnet6", "primary")), member("net1", blank))
    found = run("phys-state", system(members))
    assert [(f.status, f.subject) for f in found] == [
        ("pass", "vnet6 (net0)"),
        ("fail", "vnet1 (net1)"),
    ]
    assert found[1].fix is not None
    assert found[1].fix.command == "ldm set-vnet linkprop=phys-state vnet1 ldg6"
    assert found[1].fix.domain == "primary"
    # The one-line table has no CUSTOM column: that is missing evidence, not a value.
    custom = run("custom-enable", system(members))
    assert custom[1].status == "skip"
    assert custom[1].message == (
        "no CUSTOM for vnet1: run `ldm list -o network ldg6` in the control domain (primary)"
    )


def test_a_column_the_listing_did_not_have_is_a_skip_naming_the_field() -> None:
    unshown = vnet("vnet1", "ldg5", linkprop=None, field_lines=(), not_shown=["linkprop"])
    members = (member("net0", vnet("vnet6", "primary")), member("net1", unshown))
    found = run("phys-state", system(members))
    assert found[1].status == "skip"
    assert "no LINKPROP for vnet1: run `ldm list -o network ldg6`" in found[1].message


def test_a_block_listing_without_the_key_is_a_skip() -> None:
    no_custom = vnet("vnet1", "ldg5", custom=None, field_lines=(("linkprop", 12),))
    members = (member("net0", vnet("vnet6", "primary")), member("net1", no_custom))
    assert verdicts("custom-enable", system(members))[1] == ("skip", "vnet1 (net1)")


def test_a_member_without_a_vnet_is_a_skip_asking_for_ldm() -> None:
    members = (member("net0", vnet("vnet6", "primary")), member("net1", None))
    found = run("phys-state", system(members))
    assert found[1].status == "skip"
    assert "`ldm list -o network ldg6`" in found[1].message


def test_a_vnet_listed_before_ldm_set_vnet_is_out_of_date() -> None:
    control = DomainView(
        name="primary",
        changes=(change("ldm set-vnet", ["linkprop=phys-state", "vnet1", "ldg6"], 40),),
    )
    stale = vnet("vnet1", "ldg5", linkprop=None)
    members = (member("net0", vnet("vnet6", "primary")), member("net1", stale))
    found = run("phys-state", system(members, views=[control]))
    assert [f.status for f in found] == ["pass", "skip"]
    assert "printed before `ldm set-vnet linkprop=phys-state vnet1 ldg6` at line 40" in (
        found[1].message
    )


def test_ldm_set_vnet_leaves_the_properties_it_did_not_assign_listed() -> None:
    control = DomainView(
        name="primary",
        changes=(change("ldm set-vnet", ["linkprop=phys-state", "vnet1", "ldg6"], 40),),
    )
    found = run("custom-enable", system(views=[control]))
    assert [f.status for f in found] == ["pass", "pass"]


# --- no-ip-on-members ------------------------------------------------------------------------


def test_no_ip_listing_is_a_skip_naming_the_commands() -> None:
    found = run("no-ip-on-members", system(views=[guest()]))
    assert [f.status for f in found] == ["skip", "skip"]
    assert "run `ipadm` (or `ipadm show-if` and `ipadm show-addr`) in ldg6" in found[0].message


def test_show_if_in_parseable_form_is_evidence() -> None:
    view = guest(
        commands=(("ipadm show-if -p", 20),),
        interfaces=(IpInterface(name="lo0", line=21), IpInterface(name="aggr0", line=22)),
    )
    assert verdicts("no-ip-on-members", system(views=[view])) == [
        ("pass", "net0"),
        ("pass", "net1"),
    ]


def test_ip_on_a_member_fails_with_delete_ip() -> None:
    view = guest(
        commands=(("ipadm show-if -o", 20), ("ipadm show-addr -p", 23)),
        interfaces=(IpInterface(name="net0", class_="ip", line=21),),
        addresses=(IpAddress(addrobj="net0/v4", interface="net0", line=24),),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [(f.status, f.subject) for f in found] == [("fail", "net0"), ("pass", "net1")]
    assert found[0].fix is not None and found[0].fix.command == "ipadm delete-ip net0"
    assert [e.line for e in found[0].evidence] == [21, 24]


def test_members_under_link_based_ipmp_say_what_moves() -> None:
    view = guest(
        commands=(("ipadm", 20),),
        interfaces=(
            IpInterface(name="ipmp0", class_="ipmp", state="ok", line=21),
            IpInterface(name="net0", class_="ip", under="ipmp0", line=25),
            IpInterface(name="net1", class_="ip", under="ipmp0", line=26),
        ),
        addresses=(
            IpAddress(
                addrobj="ipmp0/v4", interface="ipmp0", type="static", addr="192.0.2.16/24", line=22
            ),
        ),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [f.status for f in found] == ["fail", "fail"]
    assert "under the IPMP group ipmp0" in found[0].message
    assert "ipmp0/v4 (static 192.0.2.16/24)" in found[0].message
    assert found[0].fix is not None
    assert found[0].fix.command == "ipadm remove-ipmp -i net0 ipmp0 && ipadm delete-ip net0"
    assert "ipadm add-ipmp" in (found[0].fix.note or "")


def test_ipmp_shown_by_show_if_over_is_seen() -> None:
    view = guest(
        commands=(("ipadm show-if -p", 20),),
        interfaces=(IpInterface(name="ipmp0", class_="ipmp", over=["net0", "net1"], line=21),),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [f.status for f in found] == ["fail", "fail"]
    assert "no address shown" in found[0].message


def test_show_addr_alone_fails_on_an_address_and_skips_otherwise() -> None:
    view = guest(
        commands=(("ipadm show-addr -p", 20),),
        addresses=(IpAddress(addrobj="net1/v4", interface="net1", line=21),),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [(f.status, f.subject) for f in found] == [("skip", "net0"), ("fail", "net1")]
    assert "run `ipadm show-if` (or `ipadm`) in ldg6" in found[0].message


def test_a_listing_that_named_other_interfaces_says_nothing_about_the_members() -> None:
    view = guest(
        commands=(("ipadm show-if", 20),),
        scopes=((20, ("aggr0",)),),
        interfaces=(IpInterface(name="aggr0", line=21),),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [f.status for f in found] == ["skip", "skip"]
    assert "name other interfaces (`ipadm show-if aggr0`, line 20)" in found[0].message
    # ... but it is evidence about what it named.
    sys_ = system(views=[view])
    evidence = _ip_evidence(sys_, sys_.targets[0], ["aggr0"])
    assert isinstance(evidence, IpEvidence)
    assert evidence.interfaces == view.interfaces and evidence.addresses is None


def test_ip_listed_before_a_change_to_a_member_is_out_of_date() -> None:
    view = guest(
        commands=(("ipadm", 20),),
        interfaces=(IpInterface(name="net0", line=21),),
        changes=(change("ipadm delete-ip", ["net0"], 30),),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [f.status for f in found] == ["skip", "skip"]
    assert "was printed before `ipadm delete-ip net0` at line 30" in found[0].message


def test_the_latest_ip_listing_is_used_and_said() -> None:
    view = guest(
        commands=(("ipadm", 20), ("ipadm show-if", 40)),
        interfaces=(IpInterface(name="net0", line=21), IpInterface(name="lo0", line=41)),
        changes=(change("ipadm delete-ip", ["net0"], 30),),
    )
    found = run("no-ip-on-members", system(views=[view]))
    assert [f.status for f in found] == ["pass", "pass"]
    assert "the latest ipadm listing (line 40)" in found[0].message


# --- no-etherstub ----------------------------------------------------------------------------


def etherstub_case(net_dev: Optional[str], sd_view: DomainView, **extra: Any) -> list[Finding]:
    views = extra.pop("views", [])
    members = (
        member("net0", vnet("vnet6", "primary"), switch=switch("primary", "net0")),
        member("net1", vnet("vnet1", "ldg5"), switch=switch("ldg5", net_dev), **extra),
    )
    primary = DomainView(name="primary", physical=(PhysicalLink(link="net0", line=2),))
    return run("no-etherstub", system(members, views=[primary, sd_view, *views]))


def test_no_etherstub_paths() -> None:
    phys = DomainView(name="ldg5", physical=(PhysicalLink(link="net2", line=3),))
    assert [f.status for f in etherstub_case("net2", phys)] == ["pass", "pass"]
    no_dev = etherstub_case(None, phys)
    assert no_dev[1].status == "fail" and "no net-dev" in no_dev[1].message
    stub = DomainView(name="ldg5", etherstubs=(Etherstub(link="stub0", line=3),))
    assert etherstub_case("stub0", stub)[1].status == "fail"
    aggregated = DomainView(
        name="ldg5", aggregations=(Aggregation(link="aggr1", mode="trunk", line=3),)
    )
    found = etherstub_case("aggr1", aggregated)
    assert found[1].status == "pass" and "an aggregation" in found[1].message
    shown = DomainView(name="ldg5", links=(Link(link="net2", class_="phys", line=3),))
    assert etherstub_case("net2", shown)[1].status == "pass"
    unknown = etherstub_case("net2", DomainView(name="ldg5"))
    assert unknown[1].status == "skip" and "`dladm show-link net2` in ldg5" in unknown[1].message


def test_a_switch_listing_without_a_net_dev_column_is_a_skip() -> None:
    members = (
        member("net0", vnet("vnet6", "primary"), switch=switch("primary", "net0")),
        member(
            "net1",
            vnet("vnet1", "ldg5"),
            switch=VirtualSwitch(name="ldg5-vsw0", domain="ldg5", line=5, not_shown=["net_dev"]),
        ),
    )
    primary = DomainView(name="primary", physical=(PhysicalLink(link="net0", line=2),))
    found = run("no-etherstub", system(members, views=[primary]))
    assert [f.status for f in found] == ["pass", "skip"]
    assert found[1].message == (
        "no NET-DEV shown for ldg5-vsw0: run `ldm list-services ldg5` in the control domain "
        "(primary)"
    )


def test_no_etherstub_skips_name_the_missing_field() -> None:
    members = (
        member("net0", vnet("vnet6", "primary"), switch=None),
        member("net1", None, vswitch=None),
    )
    found = run("no-etherstub", system(members))
    assert [f.status for f in found] == ["skip", "skip"]
    assert found[0].message.startswith("no NET-DEV known for primary-vsw0: run `ldm list-services")
    assert "`ldm list-netdev ldg6`" in found[1].message


def test_a_switch_listed_before_ldm_set_vsw_is_out_of_date() -> None:
    control = DomainView(
        name="primary", changes=(change("ldm set-vsw", ["net-dev=net3", "ldg5-vsw0"], 50),)
    )
    phys = DomainView(name="ldg5", physical=(PhysicalLink(link="net2", line=3),))
    found = etherstub_case("net2", phys, views=[control])
    assert found[1].status == "skip"
    assert "before `ldm set-vsw net-dev=net3 ldg5-vsw0` at line 50" in found[1].message


# --- solaris-11.4 and distinct-service-domains ------------------------------------------------


def test_solaris_release_paths() -> None:
    views = [
        guest(
            releases=(OsRelease(release="11.4", version="11.4.23.69.3", source="uname -v", line=2),)
        ),
        DomainView(name="ldg5", releases=(OsRelease(release="11.3", source="uname -a", line=4),)),
    ]
    found = run("solaris-11.4", system(views=views))
    assert [(f.status, f.subject) for f in found] == [
        ("pass", "ldg6"),
        ("fail", "ldg5"),
        ("skip", "primary"),
    ]
    assert "run `uname -v` (or `uname -a`, `pkg info entire`) in primary" in found[2].message


def test_distinct_service_domains_paths() -> None:
    assert verdicts("distinct-service-domains", system()) == [("pass", "aggr0")]
    same = (member("net0", vnet("vnet6", "primary")), member("net1", vnet("vnet1", "primary")))
    assert verdicts("distinct-service-domains", system(same)) == [("fail", "aggr0")]
    unknown = (member("net0", vnet("vnet6", "primary")), member("net1", None))
    found = run("distinct-service-domains", system(unknown))
    assert [(f.status, f.subject) for f in found] == [("skip", "aggr0")]
    assert found[0].message == (
        "no SERVICE (switch@domain) known for net1: run `ldm list -o network ldg6` in the "
        "control domain (primary)"
    )


# --- aggr-dlmp ---------------------------------------------------------------------------------


def test_aggr_dlmp_before_any_aggregation_skips() -> None:
    found = run("aggr-dlmp", system(name=None, views=[guest()]))
    assert [f.status for f in found] == ["skip"]


def test_aggr_dlmp_reads_mode_however_it_was_shown() -> None:
    # plain show-aggr, -o link,mode and -p -o mode all give an Aggregation with its mode.
    dlmp = guest(aggregations=(Aggregation(link="aggr0", mode="dlmp", line=30),))
    assert verdicts("aggr-dlmp", system(views=[dlmp])) == [("pass", "aggr0")]
    chosen = guest(
        aggregations=(Aggregation(link="aggr0", mode="trunk", line=30, not_shown=["policy"]),),
        commands=(("ipadm show-if -p", 40), ("ipadm show-addr -p", 43)),
        interfaces=(IpInterface(name="aggr0", state="ok", line=41),),
        addresses=(
            IpAddress(
                addrobj="aggr0/v4", interface="aggr0", type="dhcp", addr="192.0.2.16/24", line=44
            ),
        ),
    )
    found = run("aggr-dlmp", system(views=[chosen]))
    assert [f.status for f in found] == ["fail"]
    assert "mode is trunk" in found[0].message
    assert found[0].fix is not None
    assert "aggr0/v4 (dhcp 192.0.2.16/24) must move" in (found[0].fix.note or "")
    assert found[0].fix.command == (
        "dladm delete-aggr aggr0 && dladm create-aggr -m dlmp -l net0 -l net1 aggr0"
    )
    assert found[0].fix.domain == "ldg6"


def test_aggr_dlmp_mode_not_shown_skips_naming_the_field() -> None:
    view = guest(aggregations=(Aggregation(link="aggr0", line=30, not_shown=["mode"]),))
    found = run("aggr-dlmp", system(views=[view]))
    assert found[0].status == "skip"
    assert "no MODE shown for aggr0" in found[0].message
    assert "`dladm show-aggr -o link,mode aggr0`" in found[0].message


def test_aggr_dlmp_from_create_aggr_and_in_time_order() -> None:
    created = CreatedAggregation(link="aggr0", mode=None, members=("net0", "net1"), line=20)
    found = run("aggr-dlmp", system(views=[guest(created=(created,))]))
    assert found[0].status == "fail" and "trunk (the default without -m)" in found[0].message
    # A trunk listed, then deleted and created again as DLMP: the creation is the state now.
    again = CreatedAggregation(link="aggr0", mode="dlmp", members=("net0", "net1"), line=40)
    trunk = Aggregation(link="aggr0", mode="trunk", line=30)
    view = guest(created=(again,), aggregations=(trunk,))
    found = run("aggr-dlmp", system(views=[view]))
    assert found[0].status == "pass"
    assert "printed before it" in found[0].message
    # A listing after the creation is the latest evidence.
    later = Aggregation(link="aggr0", mode="dlmp", line=50)
    view = guest(created=(created,), aggregations=(later,))
    assert verdicts("aggr-dlmp", system(views=[view])) == [("pass", "aggr0")]


# --- end to end: a trunk over the vnets however its mode was shown ----------------------------

TRUNK = Path(__file__).parent / "fixtures" / "transcripts" / "trunk-plain-show-aggr.txt"
PLAIN = """ldg6# dladm show-aggr
LINK              MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER
aggr0             trunk L4       auto                 off          short
"""


@pytest.mark.parametrize(
    "shown",
    [
        PLAIN,
        "ldg6# dladm show-aggr -o link,mode\nLINK    MODE\naggr0   trunk\n",
        "ldg6# dladm show-aggr -o mode,link aggr0\nMODE    LINK\ntrunk   aggr0\n",
        "ldg6# dladm show-aggr -p -o mode aggr0\ntrunk\n",
        "ldg6# dladm show-aggr -p -o link,mode\naggr0:trunk\n",
    ],
)
def test_a_trunk_over_the_vnets_fails_aggr_dlmp_however_shown(shown: str) -> None:
    text = TRUNK.read_text(encoding="utf-8")
    assert PLAIN in text
    report = check(text.replace(PLAIN, shown))
    found = [f for f in report.findings if f.rule == "aggr-dlmp"]
    assert [(f.status, f.subject) for f in found] == [("fail", "aggr0")]
    assert found[0].fix is not None
    assert found[0].fix.command == (
        "dladm delete-aggr aggr0 && dladm create-aggr -m dlmp -l net0 -l net1 aggr0"
    )


def test_a_show_aggr_without_mode_skips_aggr_dlmp_naming_mode() -> None:
    text = TRUNK.read_text(encoding="utf-8").replace(
        PLAIN, "ldg6# dladm show-aggr -o link,policy\nLINK    POLICY\naggr0   L4\n"
    )
    found = [f for f in check(text).findings if f.rule == "aggr-dlmp"]
    # Not shown as DLMP, but over the guest's two VNET links: still a target.
    assert [(f.status, f.subject) for f in found] == [("skip", "aggr0")]
    assert "no MODE shown for aggr0" in found[0].message


def test_a_standby_port_of_an_unknown_switch_gets_a_placeholder_not_a_quoted_name() -> None:
    # Without ldm evidence the switch of net1 is not known: the fix must show a placeholder to
    # fill in, not the placeholder's text quoted as if it were a (bad) name from the input.
    text = (
        "ldg6# dladm show-aggr -x\n"
        "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE\n"
        "aggr0      --             1000Mb   full     up       2:8:20:88:84:ba    --\n"
        "           net0           1000Mb   full     up       0:14:4f:f9:cf:47   attached\n"
        "           net1           100Mb    full     up       0:14:4f:fb:f5:33   standby\n"
    )
    [finding] = [
        f for f in check(text).findings if f.rule == "ports-attached" and f.fix
    ]
    assert finding.subject == "net1"
    assert finding.fix is not None
    assert finding.fix.command == "ldm set-vsw net-dev=<a link of 1000 Mb/s> <the switch of net1>"
    assert "not a valid" not in (finding.fix.note or "")

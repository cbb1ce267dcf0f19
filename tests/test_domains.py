"""The domains stage (dlmpparse.domains) and the identity grammars it reads."""

from __future__ import annotations

import re
from typing import Any, Optional

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import check, parse, to_dict
from dlmpparse.commands import parse_command
from dlmpparse.domains import CONTROL, GUEST, SERVICE, Attribution, attribute
from dlmpparse.inventory import build_inventory
from dlmpparse.reader import Reading, read_blocks
from dlmpparse.records import Domain, NodeName, VirtualizationInfo
from dlmpparse.rules import run_rules
from dlmpparse.testing.identity import render_ldm_list, render_node_name, render_virtinfo_a
from dlmpparse.testing.render import Style
from dlmpparse.testing.strategies import (
    ldm_domains,
    node_names,
    noises,
    systems,
    virtualization_infos,
)
from dlmpparse.testing.system import render_system
from dlmpparse.transcript import Block

# --- identity grammars: rendered records read back --------------------------------------------


def _plain(style: Style) -> Style:
    # One-line outputs and key: value lines have no columns to pad or repeat a header of.
    return attrs.evolve(style, tabs=False, blank_between=False, repeat_header_at=0, nbsp=False)


@given(node_names(), noises())
def test_node_name_round_trip(record: NodeName, noise: Style) -> None:
    rendered = render_node_name(record, _plain(noise))
    assert parse(record.source, rendered.text) == [record]


@given(virtualization_infos(), noises())
def test_virtinfo_a_round_trip(record: VirtualizationInfo, noise: Style) -> None:
    rendered = render_virtinfo_a(record, _plain(noise))
    assert parse("virtinfo -a", rendered.text) == [record]


@given(ldm_domains(), noises(), st.sampled_from(["ldm list", "ldm ls"]))
def test_ldm_list_round_trip(domains: list[Domain], noise: Style, command: str) -> None:
    rendered = render_ldm_list(domains, _plain(noise))
    got: list[Any] = [to_dict(d) for d in parse(command, rendered.text)]
    assert got == [to_dict(d) for d in domains]


# --- the domains stage on small hand-built readings ---------------------------------------------

_NETDEV = """NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC
----    -----    -----   -----    -----  ----     ---
net0    VNET     ETHER   up       1G     vnet0    primary-vsw0/vnet6
net1    VNET     ETHER   up       1G     vnet1    ldg5-vsw0/vnet1"""
_NETWORK = """    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs
    ----         -------                     ----------          ---------------
    vnet6        primary-vsw0@primary        00:14:4f:f9:cf:47   1|--|--
                 LINKPROP     :phys-state    MTU  :1500

    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs
    ----         -------                     ----------          ---------------
    vnet1        ldg5-vsw0@ldg5              00:14:4f:f9:07:1d   1|--|--
                 LINKPROP     :phys-state    MTU  :1500"""
_PHYS_VNETS = """LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE
net0            Ethernet      up         1000   full      vnet0
net1            Ethernet      up         1000   full      vnet1"""
_PHYS_M = """LINK                SLOT     ADDRESS            INUSE CLIENT
net0                primary  0:14:4f:f9:cf:47   yes   net0
net1                primary  0:14:4f:f9:7:1d    yes   net1"""
_VIRTINFO_LDG6 = """Domain role: LDoms guest
Domain name: ldg6
Domain UUID: 5a1c3e9e-77b0-4d1c-8f0e-2f6b1d0c9a11
Control domain: cdom01
Chassis serial#: AK00123456"""
_AGGR = """LINK              MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER
aggr0             dlmp  --       --                   --           --"""


def _blocks(*steps: tuple[Optional[str], str, str]) -> list[Block]:
    """(host or None, command, output) -> blocks on consecutive lines; None is a `#` prompt."""
    out: list[Block] = []
    line = 1
    for host, command, output in steps:
        lines = tuple(output.splitlines())
        out.append(
            Block(
                line=line,
                first_line=line + 1,
                lines=lines,
                prompt=f"{host}#" if host else "#",
                domain=host,
                command=command,
                invocation=parse_command(command),
            )
        )
        line += len(lines) + 1
    return out


def _attribution(blocks: list[Block], **options: Any) -> tuple[Reading, Attribution]:
    reading = read_blocks(blocks)
    return reading, attribute(reading, **options)


def _domains_of(reading: Reading, attribution: Attribution) -> list[tuple[str, Optional[str]]]:
    return [(r.command or "", attribution.of(i)) for i, r in enumerate(reading.results)]


def test_a_host_less_session_is_named_by_uname_n_in_it() -> None:
    reading, found = _attribution(
        _blocks(
            ("primary", "ldm list-netdev ldg6", _NETDEV),
            (None, "dladm show-phys", _PHYS_VNETS),
            (None, "uname -n", "dbprod"),
        )
    )
    # The block before `uname -n` is the same session's: it is dbprod's too.
    assert _domains_of(reading, found)[1:] == [
        ("dladm show-phys", "ldg6"),
        ("uname -n", "ldg6"),
    ]
    ldg6 = found.identity("dbprod")
    assert ldg6 is not None and (ldg6.name, ldg6.node, ldg6.ldom) == ("ldg6", "dbprod", "ldg6")
    assert [c.kind for c in ldg6.named_by] == ["uname -n"]
    # One guest shown and one listed by ldm, no other evidence: they are one domain.
    assert ldg6.joined_by is not None and ldg6.joined_by.kind == "single guest"


@pytest.mark.parametrize(
    ("command", "output", "kind"),
    [
        ("hostname", "dbprod", "hostname"),
        ("uname -a", "SunOS dbprod 5.11 11.4.23.69.3 sun4v sparc sun4v", "uname -a"),
    ],
)
def test_hostname_and_uname_a_name_a_host_less_session(
    command: str, output: str, kind: str
) -> None:
    _, found = _attribution(_blocks((None, command, output), (None, "ipadm", "")))
    assert found.of(0) == "dbprod"
    identity = found.identity("dbprod")
    assert identity is not None and identity.node == "dbprod" and identity.ldom is None
    assert [c.kind for c in identity.named_by] == [kind]


def test_a_host_less_session_nothing_names_stays_unknown() -> None:
    """Never the previous prompt's domain."""
    reading, found = _attribution(
        _blocks(
            ("primary", "ldm list-netdev ldg6", _NETDEV),
            (None, "dladm show-phys", _PHYS_VNETS),
        )
    )
    assert found.of(1) is None
    assert found.unknown == (reading.results[1].line,)


def test_virtinfo_a_names_the_session_and_beats_a_mac_of_another_domain() -> None:
    # net0's MAC is vnet6's, listed as ldg7's here; virtinfo -a in the domain says ldg6.
    _, found = _attribution(
        _blocks(
            ("primary", "ldm list -o network ldg7", _NETWORK),
            ("dbprod", "dladm show-phys -m", _PHYS_M),
            ("dbprod", "virtinfo -a", _VIRTINFO_LDG6),
        )
    )
    ldg6 = found.identity("dbprod")
    assert ldg6 is not None and (ldg6.name, ldg6.node, ldg6.ldom) == ("ldg6", "dbprod", "ldg6")
    assert ldg6.joined_by is not None and ldg6.joined_by.kind == "virtinfo -a"
    assert found.of(1) == found.of(2) == "ldg6"


def test_a_mac_address_joins_a_node_name_to_its_ldom_name() -> None:
    _, found = _attribution(
        _blocks(
            ("primary", "ldm list -o network ldg6", _NETWORK),
            ("primary", "ldm list-netdev ldg7", _NETDEV.replace("vnet6", "vnet7")),
            ("dbprod", "dladm show-phys -m", _PHYS_M),
        )
    )
    ldg6 = found.identity("dbprod")
    assert ldg6 is not None and ldg6.name == "ldg6"
    assert ldg6.joined_by is not None
    assert ldg6.joined_by.describe() == "MAC 00:14:4f:f9:cf:47 of net0 is vnet6 of ldg6, line 18"
    assert ldg6.describe().startswith(
        "ldg6 = node dbprod: MAC 00:14:4f:f9:cf:47 of net0 is vnet6 of ldg6, line 18; guest ("
    )
    assert found.of(2) == "ldg6"


def test_with_two_guests_listed_and_no_evidence_the_node_name_stays_unjoined() -> None:
    _, found = _attribution(
        _blocks(
            ("primary", "ldm list-netdev ldg6", _NETDEV),
            ("primary", "ldm list-netdev ldg7", _NETDEV),
            ("dbprod", "dladm show-phys", _PHYS_VNETS),
        )
    )
    dbprod = found.identity("dbprod")
    assert dbprod is not None and dbprod.ldom is None and dbprod.name == "dbprod"
    assert "virtinfo -a" in dbprod.describe()


def test_ldm_makes_a_host_less_session_the_control_domain_named_by_flag_c() -> None:
    listing = """NAME          STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
primary       active     -n-cv-  UART    16    32G      0.4%  0.4%  12d 3h 5m
ldg5          active     -n--v-  5001    8     16G      1.0%  1.0%  12d 2h 50m
ldg6          active     -n----  5000    8     8G       2.5%  2.5%  2d 4h"""
    _, found = _attribution(_blocks((None, "ldm list", listing)))
    primary = found.identity("primary")
    assert primary is not None and primary.roles == (CONTROL, SERVICE)
    assert primary.joined_by is not None and primary.joined_by.kind == "ldm list flag c"
    assert found.of(0) == "primary"
    ldg5 = found.identity("ldg5")
    assert ldg5 is not None and ldg5.roles == (SERVICE,)
    ldg6 = found.identity("ldg6")
    assert ldg6 is not None and ldg6.roles == ()


def test_a_command_run_with_ssh_belongs_to_the_ssh_target() -> None:
    """`ssh ldg6 ipadm` typed on primary (the transcript stage's via="ssh")."""
    blocks = _blocks(
        ("primary", "ldm list-netdev ldg6", _NETDEV),
        ("ldg6", "dladm show-phys", _PHYS_VNETS),
    )
    blocks[1] = attrs.evolve(blocks[1], prompt="primary#", via="ssh")
    _, found = _attribution(blocks)
    assert found.of(1) == "ldg6"
    ldg6 = found.identity("ldg6")
    primary = found.identity("primary")
    assert ldg6 is not None and primary is not None
    assert ldg6.roles == (GUEST,) and CONTROL in primary.roles
    assert [c.kind for c in ldg6.named_by] == ["ssh"]
    # An ssh target may be either name: it is not taken as the node name.
    assert ldg6.node is None


def test_sessions_from_the_transcript_stage_keep_host_less_blocks_apart() -> None:
    blocks = _blocks(
        (None, "uname -n", "dbprod"),
        (None, "dladm show-phys", _PHYS_VNETS),
        (None, "dladm show-aggr", _AGGR),
    )
    blocks = [attrs.evolve(b, session=s) for b, s in zip(blocks, (1, 1, 2))]
    _, found = _attribution(blocks)
    assert [found.of(i) for i in range(3)] == ["dbprod", "dbprod", None]


def test_a_failed_ldm_command_does_not_make_a_control_domain() -> None:
    blocks = _blocks(("ldg6", "ldm list", "bash: ldm: command not found"))
    blocks[0] = attrs.evolve(blocks[0], failure="bash: ldm: command not found")
    _, found = _attribution(blocks)
    ldg6 = found.identity("ldg6")
    assert ldg6 is not None and CONTROL not in ldg6.roles
    assert found.controls() == ()


def test_an_ldm_configuration_command_alone_does_not_make_a_control_domain() -> None:
    # Read (grammars/configuration.py) but silent: it is no listing ldm printed there.
    blocks = _blocks(("ldg6", "ldm set-vnet linkprop=phys-state vnet6 ldg6", ""))
    reading, found = _attribution(blocks)
    assert [(r.status, r.grammar) for r in reading.results] == [("read", "ldm set-vnet")]
    ldg6 = found.identity("ldg6")
    assert ldg6 is not None and CONTROL not in ldg6.roles
    assert found.controls() == ()
    # The same session's ldm listing does.
    blocks = _blocks(
        ("ldg6", "ldm set-vnet linkprop=phys-state vnet6 ldg6", ""),
        ("ldg6", "ldm list-netdev ldg6", _NETDEV),
    )
    _, found = _attribution(blocks)
    assert [d.name for d in found.controls()] == ["primary"]


def test_roles_from_switches_vnets_and_virtinfo() -> None:
    services = (
        "VSW\n"
        "    NAME         LDOM         MAC               NET-DEV   ID   DEVICE     LINKPROP   "
        "DEFAULT-VLAN-ID PVID VID                  MTU   MODE   INTER-VNET-LINK\n"
        "    ldg5-vsw0    ldg5         00:14:4f:fb:0a:07 net2      0    switch@0   phys-state "
        "1               1                         1500         on"
    )
    virtinfo = _VIRTINFO_LDG6.replace("ldg6", "ldg5").replace("guest", "guest I/O service")
    _, found = _attribution(
        _blocks(
            ("primary", "ldm list-services", services),
            ("ldg5", "virtinfo -a", virtinfo),
        )
    )
    ldg5 = found.identity("ldg5")
    assert ldg5 is not None and ldg5.roles == (SERVICE,)
    assert {c.kind for c in ldg5.role_evidence} == {"virtual switch", "virtinfo -a"}


def test_with_guest_an_unnamed_session_is_the_guests() -> None:
    _, found = _attribution(_blocks((None, "dladm show-phys", _PHYS_VNETS)), guest="ldg6")
    assert found.of(0) == "ldg6"
    ldg6 = found.identity("ldg6")
    assert ldg6 is not None and [c.kind for c in ldg6.named_by] == ["--guest"]
    assert found.unknown == ()


# --- what the check does with the answers -------------------------------------------------------


def test_no_ldm_command_names_a_node_name_nothing_ties_to_a_domain() -> None:
    text = (
        "primary# ldm list-netdev ldg6\n"
        + _NETDEV
        + "\nprimary# ldm list-netdev ldg7\n"
        + _NETDEV
        + "\ndbprod# dladm show-phys\n"
        + _PHYS_VNETS
        + "\ndbprod# dladm show-aggr\n"
        + _AGGR
        + "\n"
    )
    report = check(text, guest="dbprod")
    assert report.findings
    said = [f.message for f in report.findings] + [
        f"{f.fix.command} {f.fix.note}" for f in report.findings if f.fix
    ]
    assert not any(re.search(r"ldm [\w -]*dbprod", s) for s in said), said
    vnet_skips = [f for f in report.findings if f.rule == "phys-state"]
    assert vnet_skips and all(f.status == "skip" for f in vnet_skips)
    assert all("`virtinfo -a` in dbprod" in f.message for f in vnet_skips)


def test_no_destructive_fix_for_a_control_domains_own_links() -> None:
    text = (
        "primary# ldm list-netdev ldg6\n"
        + _NETDEV
        + "\nprimary# dladm show-phys\n"
        + "LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE\n"
        + "net0            Ethernet      up         10000  full      ixgbe0\n"
        + "net1            Ethernet      up         10000  full      ixgbe1\n"
        + "primary# dladm create-aggr -l net0 -l net1 aggr0\n"
        + "primary# ipadm\n"
        + "NAME              CLASS/TYPE STATE        UNDER      ADDR\n"
        + "net0              ip         ok           --         --\n"
        + "   net0/v4        static     ok           --         192.0.2.5/24\n"
    )
    report = check(text, guest="primary")
    failed = {f.rule: f for f in report.findings if f.status == "fail"}
    assert {"aggr-dlmp", "no-ip-on-members"} <= set(failed)
    for finding in failed.values():
        assert finding.fix is not None
        assert "delete" not in finding.fix.command, finding.fix
    # Without --guest the control domain's aggregation of physical NICs is no target.
    assert [t.guest for t in check(text).system.targets] == ["ldg6"]


# --- a property: a node name other than the LDom name changes nothing --------------------------


def _broken(system: Any, breakage: str) -> Any:
    """The system with one thing broken, so that the check proposes fixes."""
    first = system.members[0]
    if breakage == "linkprop":
        members = (attrs.evolve(first, linkprop="--"), *system.members[1:])
        return attrs.evolve(system, members=members)
    if breakage == "ip":
        return attrs.evolve(system, ip_on=first.link)
    if breakage == "release":
        return attrs.evolve(system, releases=((first.service_domain, "11.3"),))
    return attrs.evolve(
        system,
        members=(attrs.evolve(first, port_state="down"), *system.members[1:]),
        configured=True,
    )


@given(
    systems(),
    st.sampled_from(["dbprod", "web-01", "app7"]),
    st.sampled_from(["none", "linkprop", "ip", "release", "port"]),
)
def test_a_node_name_joined_by_mac_gives_the_same_findings(
    system: Any, node: str, breakage: str
) -> None:
    if breakage != "none":
        system = _broken(system, breakage)
    plain = check(render_system(system))
    renamed = check(render_system(attrs.evolve(system, node=node)))

    def verdicts(report: Any) -> list[tuple[str, str, Optional[str], str]]:
        return [(f.rule, f.status, f.domain, f.subject) for f in report.findings]

    assert verdicts(renamed) == verdicts(plain)
    fixes = [f for f in renamed.findings if f.fix is not None]
    assert bool(fixes) == (breakage != "none")
    control = renamed.system.where(renamed.system.control_domains[0])
    for finding in fixes:
        fix = finding.fix
        assert fix is not None
        if fix.command.startswith("ldm "):
            # ldm runs in the control domain and names the guest by its LDom name.
            assert fix.domain == control
            assert node not in fix.command.split()
        elif finding.rule == "solaris-11.4":
            # The release shown by a service domain is updated there.
            assert fix.domain == renamed.system.where(finding.subject) == finding.subject
        else:
            # Everything else acts on what the guest printed, and runs there.
            assert fix.domain == node


def test_ipadm_run_with_ssh_from_the_control_domain_is_the_guests() -> None:
    """Issue 12: `ssh ldg6 ipadm` typed on primary: the fix is for ldg6, in ldg6, and the
    control domain is no guest."""
    ipadm = (
        "NAME              CLASS/TYPE STATE        UNDER      ADDR\n"
        "net1              ip         ok           --         --\n"
        "   net1/v4        static     ok           --         192.0.2.7/24"
    )
    blocks = _blocks(
        ("primary", "ldm list-netdev ldg6", _NETDEV),
        ("primary", "ldm list -o network ldg6", _NETWORK),
        ("ldg6", "ipadm", ipadm),
    )
    blocks[2] = attrs.evolve(blocks[2], prompt="primary#", via="ssh")
    reading = read_blocks(blocks)
    system = build_inventory(reading)
    assert [t.guest for t in system.targets] == ["ldg6"]
    [failed] = [f for f in run_rules(system) if f.status == "fail"]
    assert (failed.rule, failed.domain, failed.subject) == ("no-ip-on-members", "ldg6", "net1")
    assert failed.fix is not None
    assert (failed.fix.domain, failed.fix.command) == ("ldg6", "ipadm delete-ip net1")


def test_two_chassis_serials_are_two_servers_even_with_the_same_names() -> None:
    virtinfo = (
        "Domain role: LDoms control I/O service root\n"
        "Domain name: primary\n"
        "Domain UUID: Unknown\n"
        "Control domain: {node}\n"
        "Chassis serial#: {serial}"
    )
    blocks = _blocks(
        (None, "virtinfo -a", virtinfo.format(node="cdoma", serial="AK0001")),
        (None, "ldm list-netdev ldg6", _NETDEV),
        (None, "virtinfo -a", virtinfo.format(node="cdomb", serial="AK0002")),
        (None, "ldm list-netdev ldg6", _NETDEV),
    )
    blocks = [attrs.evolve(b, session=s) for b, s in zip(blocks, (1, 1, 2, 2))]
    _, found = _attribution(blocks)
    assert found.servers == ("cdoma", "cdomb")
    controls = [(d.name, d.server) for d in found.controls()]
    assert controls == [("primary", "cdoma"), ("primary", "cdomb")]
    # Each server's ldm listing names its own ldg6.
    assert sorted((d.name, d.server) for d in found.domains if d.name == "ldg6") == [
        ("ldg6", "cdoma"),
        ("ldg6", "cdomb"),
    ]


def test_ldm_output_with_nothing_naming_where_it_ran_is_no_second_server() -> None:
    # A transcript split into two files in the middle of `ldm list -o network`: the second
    # file starts with the rest of the listing, found by its header. ldm runs only in a control
    # domain, but nothing names this one: it is no evidence of a second server.
    from dlmpparse.sources import Sources

    first = (
        "root@cdom:~# ldm list\n"
        "NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME\n"
        "primary          active     -n-cv-  UART    16    32G      1.2%  1.2%  10d\n"
        "ldg6             active     -n----  5001    8     8G       0.5%  0.5%  2d\n"
        "root@cdom:~# ldm list -o network ldg6\n"
        "NAME\n"
        "ldg6\n"
        "\n"
    )
    second = (
        "NETWORK\n"
        "    NAME         SERVICE                      MACADDRESS          PVID|PVLAN|VIDs\n"
        "    ----         -------                      ----------          ---------------\n"
        "    vnet6        primary-vsw0@primary         00:14:4f:f9:cf:47   1|--|--\n"
        "        DEVICE       :network@0         ID   :0\n"
        "        LINKPROP     :phys-state        MTU  :1500\n"
    )
    text, sources = Sources.join([("a.txt", first), ("b.txt", second)])
    report = check(text, sources=sources)
    attribution = report.system.attribution
    assert attribution is not None
    assert attribution.servers == ()  # one server: none named
    assert all(f.server is None for f in report.findings)

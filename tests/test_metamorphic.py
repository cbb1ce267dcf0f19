"""Metamorphic checks of the validator: a generated system that meets every precondition checks
clean; breaking exactly one precondition fails exactly that rule, on the right subject."""

from __future__ import annotations

from typing import Any, Optional

from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import check

SPEEDS = st.sampled_from([1000, 10000, 25000])


@st.composite
def systems(draw: st.DrawFn) -> dict[str, Any]:
    service = [
        "primary",
        *draw(
            st.lists(st.sampled_from(["ldg5", "ldg7", "svc1"]), min_size=1, max_size=3, unique=True)
        ),
    ]
    members = draw(st.integers(2, 4))
    speed = draw(SPEEDS)
    return {
        "guest": draw(st.sampled_from(["ldg6", "ldg9", "guest1"])),
        "service": service,
        "speed": {sd: speed for sd in service},
        "members": [
            (f"net{j}", f"vnet{10 + j}", service[j % len(service)]) for j in range(members)
        ],
        "linkprop": {},
        "custom": {},
        "ip_on": None,
        "stub": None,
        "release": {},
        "port_state": {},
        "one_domain": False,
    }


def render(system: dict[str, Any]) -> str:
    guest = system["guest"]
    service = system["service"]
    out: list[str] = []
    header = "LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE"
    for i, sd in enumerate(service):
        release = system["release"].get(sd, "11.4.23.69.3")
        out += [
            f"{sd}# uname -v",
            release,
            f"{sd}# dladm show-phys",
            header,
            f"net{i}            Ethernet      up         {system['speed'][sd]:<6} full      igb{i}",
            f"{sd}# dladm show-link",
            "LINK                CLASS     MTU    STATE    OVER",
            f"net{i}                phys      1500   up       --",
        ]
        out += [f"{sd}# dladm show-etherstub", "LINK"]
        if system["stub"] == sd:
            out.append("stub0")
    out += [
        "primary# ldm list-services",
        "VSW",
        "    NAME         LDOM         MAC               NET-DEV   ID   DEVICE     LINKPROP   "
        "DEFAULT-VLAN-ID PVID VID                  MTU   MODE   INTER-VNET-LINK",
    ]
    for i, sd in enumerate(service):
        dev = "stub0" if system["stub"] == sd else f"net{i}"
        out.append(
            f"    {sd + '-vsw0':<12} {sd:<12} 00:14:4f:fa:0c:{i:02x} {dev:<9} 0    switch@0   "
            "phys-state 1               1                         1500         on"
        )
    members = system["members"]
    out += [
        f"primary# ldm list-netdev {guest}",
        "NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC",
        "----    -----    -----   -----    -----  ----     ---",
    ]
    for j, (link, vnet, sd) in enumerate(members):
        out.append(f"{link:<7} VNET     ETHER   up       1G     vnet{j:<4} {sd}-vsw0/{vnet}")
    out.append(f"primary# ldm list -o network {guest}")
    for j, (_link, vnet, sd) in enumerate(members):
        linkprop = system["linkprop"].get(vnet, "phys-state")
        custom = system["custom"].get(vnet, "enable")
        out += [
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    {vnet:<12} {sd + '-vsw0@' + sd:<27} 00:14:4f:f9:cf:{j:02x}   1|--|--",
            f"                 DEVICE       :network@{j}     ID   :{j}",
            f"                 LINKPROP     :{linkprop:<13} MTU  :1500",
            f"                 CUSTOM       :{custom}",
            "",
        ]
    links = " ".join(f"-l {link}" for link, _, _ in members)
    out += [
        f"{guest}# uname -v",
        system["release"].get(guest, "11.4.23.69.3"),
        f"{guest}# dladm show-phys",
        header,
    ]
    out += [
        f"{link:<15} Ethernet      up         1000   full      vnet{j}"
        for j, (link, _, _) in enumerate(members)
    ]
    out += [
        f"{guest}# dladm create-aggr -m dlmp {links} aggr0",
        f"{guest}# dladm show-aggr aggr0",
        "aggr0             dlmp  --       --       --     --",
        f"{guest}# dladm show-aggr -x",
        "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE",
        "aggr0      --             1000Mb   full     up       2:8:20:88:84:ba    --",
    ]
    for j, (link, _, _) in enumerate(members):
        state = system["port_state"].get(link, "up")
        out.append(
            f"           {link:<14} 1000Mb   full     {state:<8} 0:14:4f:f9:cf:{j:x}   attached"
        )
    out += [
        f"{guest}# dladm set-linkprop -p probe-ip=+ aggr0",
        f"{guest}# dladm show-aggr -nS",
        "LINK       PORT           FLAGS    STATE    TARGETS      XTARGETS",
    ]
    for j, (link, _, _) in enumerate(members):
        other = members[(j + 1) % len(members)][0]
        out.append(
            f"{'aggr0' if j == 0 else '--':<10} {link:<14} u--3     active   --           {other}"
        )
    out += [
        f"{guest}# ipadm",
        "NAME              CLASS/TYPE STATE        UNDER      ADDR",
        "aggr0             ip         ok           --         --",
        "   aggr0/v4       dhcp       ok           --         192.0.2.16/24",
    ]
    if system["ip_on"]:
        out += [f"{system['ip_on']:<17} ip         ok           --         --"]
    return "\n".join(out) + "\n"


def failures(system: dict[str, Any]) -> tuple[int, set[tuple[str, str]]]:
    report = check(render(system))
    assert not report.errors, report.errors
    assert all(f.status != "skip" for f in report.findings), [
        f.message for f in report.findings if f.status == "skip"
    ]
    return report.exit_code, {(f.rule, f.subject) for f in report.findings if f.status == "fail"}


@given(systems())
def test_a_system_meeting_every_precondition_checks_clean(system: dict[str, Any]) -> None:
    assert failures(system) == (0, set())


@given(systems(), st.data())
def test_breaking_one_precondition_fails_exactly_that_rule(
    system: dict[str, Any], data: st.DataObject
) -> None:
    members = system["members"]
    link, vnet, sd = data.draw(st.sampled_from(members))
    broken = data.draw(
        st.sampled_from(
            ["speed", "linkprop", "custom", "ip", "stub", "release", "port", "one-domain"]
        )
    )
    expected: tuple[str, str]
    code: Optional[int] = 1
    if broken == "speed":
        others = [s for s in system["service"] if s != sd]
        system["speed"][sd] = data.draw(SPEEDS.filter(lambda s: s != system["speed"][others[0]]))
        expected = ("same-speed", "aggr0")
    elif broken == "linkprop":
        system["linkprop"][vnet] = "--"
        expected = ("phys-state", f"{vnet} ({link})")
    elif broken == "custom":
        system["custom"][vnet] = "disable"
        expected = ("custom-enable", f"{vnet} ({link})")
    elif broken == "ip":
        system["ip_on"] = link
        expected = ("no-ip-on-members", link)
    elif broken == "stub":
        system["stub"] = sd
        expected = ("no-etherstub", f"{sd}-vsw0@{sd}")
    elif broken == "release":
        system["release"][sd] = "11.3"
        expected = ("solaris-11.4", sd)
    elif broken == "port":
        system["port_state"][link] = "down"
        expected = ("ports-attached", link)
    else:
        system["members"] = [(m, v, "primary") for m, v, _ in members]
        expected = ("distinct-service-domains", "aggr0")
        code = 0  # a warning: exit 1 only with --strict
    assert failures(system) == (code, {expected})

"""A whole LDoms system with a guest's DLMP aggregation over vnets, and the transcript its
domains would print: the test input of the check.

``DlmpSystem`` describes the system (service domains with a virtual switch each over a physical
link of a given speed, or over an etherstub; a guest whose member links are vnets on those
switches; the aggregation, its probes and IP interface); ``render_system`` prints every command
``check`` reads, each after its domain's prompt. By default the system meets every precondition
and is healthy; ``attrs.evolve`` breaks one thing at a time.
"""

from __future__ import annotations

from typing import Optional

import attrs

__all__ = ["DlmpSystem", "Member", "render_system"]


@attrs.frozen(kw_only=True)
class Member:
    """A member of the guest's aggregation: its guest link, its ldm vnet, and the service
    domain whose switch (``<domain>-vsw0``) it is on."""

    link: str
    vnet: str
    service_domain: str
    linkprop: str = "phys-state"
    custom: str = "enable"
    port_state: str = "up"


@attrs.frozen(kw_only=True)
class DlmpSystem:
    """The system; ``service_domains[0]`` is the control domain (where ldm runs) and
    ``speeds[i]`` the speed of ``service_domains[i]``'s switch's physical link. Without
    ``configured`` the transcript stops before ``dladm create-aggr`` (the preconditions only);
    without ``probing`` probe-based failure detection is not enabled."""

    guest: str
    service_domains: tuple[str, ...]
    speeds: tuple[int, ...]
    members: tuple[Member, ...]
    releases: tuple[tuple[str, str], ...] = ()
    etherstub_in: Optional[str] = None
    ip_on: Optional[str] = None
    configured: bool = True
    probing: bool = True
    # The guest's Solaris node name, shown by its prompts, when it differs from its LDom name
    # (``guest``, in the ldm listings); its output then shows its links' MAC addresses
    # (dladm show-phys -m), which tie the two names together.
    node: Optional[str] = None
    # A service domain (not the control domain) that is down: ``ldm list`` shows it bound, it
    # prints nothing, and the members on its switch are down at speed 0.
    down: Optional[str] = None
    # What holds the guest's address: the aggregation itself (``aggr``), the IPMP group
    # ``ipmp0`` the aggregation is under (``ipmp``), or the VLAN link ``vlan10`` over it
    # (``vlan``, shown by ``dladm show-link``).
    ip_over: str = "aggr"

    def release(self, domain: str) -> str:
        return dict(self.releases).get(domain, "11.4.23.69.3")


_PHYS = "LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE"


def render_system(system: DlmpSystem) -> str:
    """The transcript of every command the check reads, from every domain."""
    guest = system.guest
    control = system.service_domains[0]
    out: list[str] = []
    for i, (sd, speed) in enumerate(zip(system.service_domains, system.speeds)):
        if sd == system.down:
            continue  # a bound domain runs nothing
        out += [
            f"{sd}# uname -v",
            system.release(sd),
            f"{sd}# dladm show-phys",
            _PHYS,
            f"net{i:<13}Ethernet      up         {speed:<6} full      igb{i}",
            f"{sd}# dladm show-link",
            "LINK                CLASS     MTU    STATE    OVER",
            f"net{i:<17}phys      1500   up       --",
            f"{sd}# dladm show-etherstub",
            "LINK",
        ]
        if system.etherstub_in == sd:
            out.append("stub0")
    if system.down is not None:
        out += _ldm_list(system)
    out += [
        f"{control}# ldm list-services",
        "VSW",
        "    NAME         LDOM         MAC               NET-DEV   ID   DEVICE     LINKPROP   "
        "DEFAULT-VLAN-ID PVID VID                  MTU   MODE   INTER-VNET-LINK",
    ]
    for i, sd in enumerate(system.service_domains):
        dev = "stub0" if system.etherstub_in == sd else f"net{i}"
        out.append(
            f"    {sd + '-vsw0':<12} {sd:<12} 00:14:4f:fa:0c:{i:02x} {dev:<9} 0    switch@0   "
            "phys-state 1               1                         1500         on"
        )
    members = system.members
    out += [
        f"{control}# ldm list-netdev {guest}",
        "NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC",
        "----    -----    -----   -----    -----  ----     ---",
    ]
    down = {m.link for m in members if m.service_domain == system.down}
    for j, m in enumerate(members):
        state, shown = ("down", "0") if m.link in down else ("up", "1G")
        out.append(
            f"{m.link:<7} VNET     ETHER   {state:<8} {shown:<6} vnet{j:<4} "
            f"{m.service_domain}-vsw0/{m.vnet}"
        )
    out.append(f"{control}# ldm list -o network {guest}")
    for j, m in enumerate(members):
        service = f"{m.service_domain}-vsw0@{m.service_domain}"
        out += [
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    {m.vnet:<12} {service:<27} 00:14:4f:f9:cf:{j:02x}   1|--|--",
            f"                 DEVICE       :network@{j}     ID   :{j}",
            f"                 LINKPROP     :{m.linkprop:<13} MTU  :1500",
            f"                 CUSTOM       :{m.custom}",
            "",
        ]
    links = " ".join(f"-l {m.link}" for m in members)
    # ldm knows the guest by its LDom name; its own prompts show its node name.
    guest = system.node or guest
    out += [f"{guest}# uname -v", system.release(system.guest), f"{guest}# dladm show-phys", _PHYS]
    out += [
        f"{m.link:<15} Ethernet      down       0      unknown   vnet{j}"
        if m.link in down
        else f"{m.link:<15} Ethernet      up         1000   full      vnet{j}"
        for j, m in enumerate(members)
    ]
    if system.node is not None:
        out += [
            f"{guest}# dladm show-phys -m",
            "LINK                SLOT     ADDRESS            INUSE CLIENT",
        ]
        out += [
            f"{m.link:<19} primary  0:14:4f:f9:cf:{j:x}    yes   {m.link}"
            for j, m in enumerate(members)
        ]
    if not system.configured:
        out += [
            f"{guest}# ipadm",
            "NAME              CLASS/TYPE STATE        UNDER      ADDR",
            "lo0               loopback   ok           --         --",
        ]
        if system.ip_on:
            out.append(f"{system.ip_on:<17} ip         ok           --         --")
        return "\n".join(out) + "\n"
    out += [
        f"{guest}# dladm create-aggr -m dlmp {links} aggr0",
        f"{guest}# dladm show-aggr aggr0",
        "aggr0             dlmp  --       --       --     --",
        f"{guest}# dladm show-aggr -x",
        "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE",
        "aggr0      --             1000Mb   full     up       2:8:20:88:84:ba    --",
    ]
    out += [
        f"           {m.link:<14} 0Mb      unknown  down     0:14:4f:f9:cf:{j:x}   standby"
        if m.link in down
        else f"           {m.link:<14} 1000Mb   full     {m.port_state:<8} 0:14:4f:f9:cf:{j:x}   "
        "attached"
        for j, m in enumerate(members)
    ]
    probes = members if system.probing else ()
    if system.probing:
        out += [
            f"{guest}# dladm set-linkprop -p probe-ip=+ aggr0",
            f"{guest}# dladm show-aggr -nS",
            "LINK       PORT           FLAGS    STATE    TARGETS      XTARGETS",
        ]
    for j, m in enumerate(probes):
        other = members[(j + 1) % len(members)].link
        link = "aggr0" if j == 0 else "--"
        if m.link in down:
            out.append(f"{link:<10} {m.link:<14} ----     failed   --           --")
        elif down:
            # With ports down, in.dlmpd probes the router rather than a down port.
            out.append(f"{link:<10} {m.link:<14} u--3     active   192.0.2.1    --")
        else:
            out.append(f"{link:<10} {m.link:<14} u--3     active   --           {other}")
    out += _ip_configuration(system, guest)
    if system.ip_on:
        out.append(f"{system.ip_on:<17} ip         ok           --         --")
    return "\n".join(out) + "\n"


def _ldm_list(system: DlmpSystem) -> list[str]:
    """``ldm list`` in the control domain: every domain active but the one that is down."""
    control = system.service_domains[0]
    out = [
        f"{control}# ldm list",
        "NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME",
    ]
    for i, name in enumerate((*system.service_domains, system.guest)):
        flags = "-n-cv-" if i == 0 else "-n--v-" if name in system.service_domains else "-n----"
        cons = "UART" if i == 0 else str(5000 + i)
        if name == system.down:
            out.append(f"{name:<16} bound      ------  {cons:<7} 8     8G")
        else:
            out.append(
                f"{name:<16} active     {flags}  {cons:<7} 8     8G       0.2%  0.2%  2d 3h 10m"
            )
    return out


def _ip_configuration(system: DlmpSystem, guest: str) -> list[str]:
    """The guest's IP configuration: the address on aggr0, on the IPMP group over it, or on a
    VLAN link over it."""
    out: list[str] = []
    if system.ip_over == "vlan":
        out += [
            f"{guest}# dladm show-link",
            "LINK                CLASS     MTU    STATE    OVER",
            *(
                f"{m.link:<19} phys      1500   "
                f"{'down' if m.service_domain == system.down else 'up':<8} --"
                for m in system.members
            ),
            "aggr0               aggr      1500   up       "
            + " ".join(m.link for m in system.members),
            "vlan10              vlan      1500   up       aggr0",
        ]
    out += [f"{guest}# ipadm", "NAME              CLASS/TYPE STATE        UNDER      ADDR"]
    if system.ip_over == "ipmp":
        out += [
            "aggr0             ip         ok           ipmp0      --",
            "ipmp0             ipmp       ok           --         --",
            "   ipmp0/v4       static     ok           --         192.0.2.16/24",
        ]
    elif system.ip_over == "vlan":
        out += [
            "vlan10            ip         ok           --         --",
            "   vlan10/v4      static     ok           --         192.0.2.16/24",
        ]
    else:
        out += [
            "aggr0             ip         ok           --         --",
            "   aggr0/v4       dhcp       ok           --         192.0.2.16/24",
        ]
    return out

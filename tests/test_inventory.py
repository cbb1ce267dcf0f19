"""The inventory's joins, each path on its own: a guest link is followed to its ldm vnet by
``ldm list-netdev`` LOC, else by the MAC address of its aggregation port, else by the vnet ID
(the vnet instance number under the link); the member list comes from ``dladm create-aggr``,
``dladm show-aggr -x`` ports, ``dladm show-aggr -S`` ports, or the guest's VNET-class links.
Small transcripts in the seed's formats (constructed); expectations written from them."""

from __future__ import annotations

from dlmpparse.inventory import AggregationTarget, System, build_inventory
from dlmpparse.reader import read_transcript

NETWORK = """\
primary# ldm list -o network ldg6
NAME
ldg6

NETWORK
    NAME         SERVICE                      MACADDRESS          PVID|PVLAN|VIDs
    ----         -------                      ----------          ---------------
    vnet6        primary-vsw0@primary         00:14:4f:f9:cf:47   1|--|--
        DEVICE       :network@0         ID   :0
        LINKPROP     :phys-state        MTU  :1500

    NAME         SERVICE                      MACADDRESS          PVID|PVLAN|VIDs
    ----         -------                      ----------          ---------------
    vnet1        ldg5-vsw0@ldg5               00:14:4f:fb:f5:33   1|--|--
        DEVICE       :network@1         ID   :1
        LINKPROP     :phys-state        MTU  :1500
"""

NETDEV = """\
primary# ldm list-netdev ldg6
NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC
----    -----    -----   -----    -----  ----     ---
net0    VNET     ETHER   up       1G     vnet0    primary-vsw0/vnet6
net1    VNET     ETHER   up       1G     vnet1    ldg5-vsw0/vnet1
"""

AGGR_X = """\
ldg6# dladm show-aggr -x
LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE
aggr0      --             1000Mb   full     up       2:8:20:88:84:ba    --
           net0           1000Mb   full     up       0:14:4f:f9:cf:47   attached
           net1           1000Mb   full     up       0:14:4f:fb:f5:33   attached
"""

PHYS = """\
ldg6# dladm show-phys
LINK            MEDIA         STATE    SPEED  DUPLEX    DEVICE
net0            Ethernet      up       1000   full      vnet0
net1            Ethernet      up       1000   full      vnet1
"""

PROBES = """\
ldg6# dladm show-aggr -nS
LINK       PORT           FLAGS    STATE   TARGETS      XTARGETS
aggr0      net0           u--3     active  net1         --
--         net1           u-2-     active  --           net0
"""


def _system(text: str) -> System:
    return build_inventory(read_transcript(text))


def _target(system: System) -> AggregationTarget:
    [target] = [t for t in system.targets if t.guest == "ldg6"]
    return target


def _joins(target: AggregationTarget) -> list[tuple[str, str, str, str]]:
    return [
        (m.link, m.vnet_name or "", m.service_domain or "", m.joined_by or "")
        for m in target.members
    ]


def test_list_netdev_loc_names_the_vnet() -> None:
    target = _target(_system(NETWORK + NETDEV + AGGR_X))
    assert target.members_from == "dladm show-aggr -x"
    assert _joins(target) == [
        ("net0", "vnet6", "primary", "ldm list-netdev LOC"),
        ("net1", "vnet1", "ldg5", "ldm list-netdev LOC"),
    ]


def test_without_list_netdev_the_port_mac_address_finds_the_vnet() -> None:
    # show-aggr -x prints 0:14:4f:f9:cf:47; the listing 00:14:4f:f9:cf:47: the same address.
    target = _target(_system(NETWORK + AGGR_X))
    assert _joins(target) == [
        ("net0", "vnet6", "primary", "MAC address"),
        ("net1", "vnet1", "ldg5", "MAC address"),
    ]


def test_without_addresses_the_instance_number_is_the_vnet_id() -> None:
    # show-phys says net1 is over vnet1 (instance 1) and net0 over vnet0: vnet6 has ID 0.
    target = _target(_system(NETWORK + PHYS + PROBES))
    assert target.members_from == "dladm show-aggr -S"
    assert [m.link for m in target.members] == ["net0", "net1"]
    assert _joins(target) == [
        ("net0", "vnet6", "primary", "vnet ID (instance number)"),
        ("net1", "vnet1", "ldg5", "vnet ID (instance number)"),
    ]


def test_create_aggr_names_the_members_before_any_listing_of_the_aggregation() -> None:
    created = "ldg6# dladm create-aggr -m dlmp -l net1 -l net0 aggr0\n"
    target = _target(_system(NETWORK + NETDEV + created))
    assert (target.name, target.members_from) == ("aggr0", "dladm create-aggr")
    assert [m.link for m in target.members] == ["net1", "net0"]


def test_before_any_aggregation_the_members_are_the_guest_vnet_links() -> None:
    target = _target(_system(NETWORK + NETDEV))
    assert (target.name, target.members_from) == (None, "the guest's VNET-class links")
    assert [m.link for m in target.members] == ["net0", "net1"]


def test_an_ambiguous_vnet_id_joins_nothing() -> None:
    # Two listed vnets with ID 0 (of two switches): the instance number alone cannot tell.
    twice = NETWORK.replace("ID   :1", "ID   :0")
    target = _target(_system(twice + PHYS + PROBES))
    net1 = next(m for m in target.members if m.link == "net1")
    net0 = next(m for m in target.members if m.link == "net0")
    assert net1.vnet is None  # no vnet with ID 1 any more
    assert net0.vnet is None and net0.joined_by is None

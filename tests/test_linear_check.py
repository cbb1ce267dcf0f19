"""A check's cost grows linearly with a domain's tables, whatever is in them.

A domain that lists thousands of links, aggregations or devices was joined member by member
against every record of its tables: ``check`` of 5 MB of ``dladm show-aggr -x`` took 97 s,
of ``ldm list-netdev`` 234 s. The cost is counted here as the lines of Python executed (a
trace: the same count on any machine, under any load), for a table and for four times that
table: linear is 4 x, the square was 5.4-7.6 x at these sizes. Inputs are constructed from
the seed's and the fixtures' layouts (tests/fixtures/dladm-show-aggr-x,
tests/fixtures/ldm-list-netdev, ...), with names numbered.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any, Callable, Optional

import pytest

from dlmpparse import check


def _aggr_x(n: int) -> str:
    out = ["LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE"]
    for i in range(n):
        mac = f"{i >> 8 & 255:x}:{i & 255:x}"
        out.append(f"aggr{i:<6} --             1000Mb   full     up       2:8:20:0:{mac}  --")
        for p in range(2):
            out.append(
                f"           net{2 * i + p:<11} 1000Mb   full     up       0:14:4f:{p:x}:{mac}"
                "  attached"
            )
    return "ldg6# dladm show-aggr -x\n" + "\n".join(out) + "\n"


def _netdev(n: int) -> str:
    rows = "".join(
        f"net{i}    VNET     ETHER   up       1G     vnet{i}    primary-vsw0/vnet{i}\n"
        for i in range(n)
    )
    header = "NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC\n"
    return "primary# ldm list-netdev ldg6\n" + header + rows


def _phys(n: int) -> str:
    rows = "".join(f"net{i}  Ethernet  up  1000  full  vnet{i}\n" for i in range(n))
    return "ldg6# dladm show-phys\nLINK  MEDIA  STATE  SPEED  DUPLEX  DEVICE\n" + rows


def _create(n: int) -> str:
    return "".join(
        f"ldg6# dladm create-aggr -m dlmp -l net{2 * i} -l net{2 * i + 1} aggr{i}\n"
        for i in range(n)
    )


def _probes(n: int) -> str:
    out = ["LINK       PORT           FLAGS    STATE    TARGETS    XTARGETS"]
    for i in range(n):
        out.append(f"aggr{i:<6} net{2 * i:<10} u--3     active   --         net{2 * i + 1}")
        out.append(f"--         net{2 * i + 1:<10} u--3     active   --         net{2 * i}")
    return "ldg6# dladm show-aggr -nS\n" + "\n".join(out) + "\n"


def _created_and_listed(n: int) -> str:
    """An aggregation created, then its IP interface listed, n times (ipadm show-if as in
    tests/fixtures/ipadm-show-if/oracle-doc-s114-gafxi.txt)."""
    return "".join(
        f"ldg6# dladm create-aggr -m dlmp -l net{2 * i} -l net{2 * i + 1} aggr{i}\n"
        f"ldg6# ipadm show-if aggr{i}\n"
        "IFNAME       CLASS        STATE     ACTIVE     OVER\n"
        f"aggr{i}        ip           ok        yes        --\n"
        for i in range(n)
    )


def _vlans(n: int) -> str:
    """Aggregations with a VLAN link over each (dladm show-link, CLASS vlan)."""
    created = "".join(
        f"ldg6# dladm create-aggr -m dlmp -l net{2 * i} -l net{2 * i + 1} aggr{i}\n"
        for i in range(n)
    )
    rows = "".join(
        f"aggr{i}      aggr      1500   up       net{2 * i},net{2 * i + 1}\n"
        f"vlan{i}      vlan      1500   up       aggr{i}\n"
        for i in range(n)
    )
    return created + "ldg6# dladm show-link\nLINK  CLASS  MTU  STATE  OVER\n" + rows


def _many_ports(n: int) -> str:
    """One aggregation over n ports (dladm show-aggr -x)."""
    out = ["LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE"]
    out.append("aggr0      --             1000Mb   full     up       2:8:20:0:0:1       --")
    for i in range(n):
        mac = f"{i >> 8 & 255:x}:{i & 255:x}"
        out.append(f"           net{i:<11} 1000Mb   full     up       0:14:4f:0:{mac}  attached")
    return "ldg6# dladm show-aggr -x\n" + "\n".join(out) + "\n"


def _executed_lines(text: str) -> int:
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def every(frame: FrameType, event: str, arg: Any) -> Optional[Callable[..., Any]]:
        return local

    check(text[:2000])  # first-use compilation is not the check's
    sys.settrace(every)
    try:
        check(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize(
    "make",
    [_aggr_x, _netdev, _phys, _create, _probes, _created_and_listed, _vlans, _many_ports],
    ids=[
        "show-aggr-x",
        "list-netdev",
        "show-phys",
        "create-aggr",
        "show-aggr-nS",
        "create-aggr-and-ipadm",
        "vlans-over-aggregations",
        "one-aggregation-of-many-ports",
    ],
)
def test_a_check_costs_four_times_as_much_for_four_times_the_table(
    make: Callable[[int], str],
) -> None:
    small = _executed_lines(make(150))
    large = _executed_lines(make(600))
    assert large < 4.6 * small, large / small

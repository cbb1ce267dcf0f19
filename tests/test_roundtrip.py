"""Property tests: records -> text as the command prints it (with the noise real pastes carry)
-> records again; arbitrary text raises only ParseError; check never raises."""

from __future__ import annotations

import contextlib
import string
from collections.abc import Sequence
from typing import Any, Callable

from hypothesis import assume, example, given
from hypothesis import strategies as st

import dlmpparse
from dlmpparse import (
    AggregationDetail,
    AggregationPort,
    IpAddress,
    IpInterface,
    NetDevice,
    ParseError,
    PhysicalLink,
    ProbeStatus,
    VirtualNetwork,
    parse,
    to_dict,
)
from dlmpparse.grammars import GRAMMARS

# --- values ----------------------------------------------------------------------------------

names = st.from_regex(r"[a-z]{2,6}[0-9]{1,3}", fullmatch=True)
speeds = st.sampled_from([0, 10, 100, 1000, 10000, 25000, 40000, 100000])
link_states = st.sampled_from(["up", "down", "unknown"])
duplexes = st.sampled_from(["full", "half", "unknown"])
macs = st.lists(st.integers(0, 255), min_size=6, max_size=6).map(
    lambda octets: ":".join(f"{o:02x}" for o in octets)
)


def dladm_mac(mac: str) -> str:
    """dladm prints MAC octets without leading zeros."""
    return ":".join(f"{int(o, 16):x}" for o in mac.split(":"))


@st.composite
def noise(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "pad": draw(st.integers(1, 6)),
        "indent": draw(st.sampled_from(["", "  ", "    ", "\t"])),
        "nbsp": draw(st.booleans()),
        "tabs": draw(st.booleans()),
        "trailing": draw(st.sampled_from(["", " ", "   "])),
        "crlf": draw(st.booleans()),
        "blank_between": draw(st.booleans()),
        "repeat_header_at": draw(st.integers(0, 5)),
    }


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], n: dict[str, Any]
) -> tuple[str, list[int]]:
    """Columns as wide as their widest cell plus padding, the last not padded; returns the
    text and the 1-based line of every row."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    sep = "\t" if n["tabs"] else " " * n["pad"]

    def render(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) for c, w in zip(cells[:-1], widths)] + [cells[-1]]
        line = n["indent"] + sep.join(parts).rstrip() + n["trailing"]
        if n["nbsp"]:
            line = line.replace("  ", " \u00a0")
        return line

    lines = [render(header)]
    numbers = []
    for index, row in enumerate(rows):
        if n["repeat_header_at"] and index == n["repeat_header_at"]:
            lines.append(render(header))
        if n["blank_between"]:
            lines.append("")
        lines.append(render(row))
        numbers.append(len(lines))
    end = "\r\n" if n["crlf"] else "\n"
    return end.join(lines) + end, numbers


def cell(value: Any) -> str:
    return "--" if value is None else str(value)


def same(records: Sequence[Any], expected: Sequence[Any]) -> None:
    assert [to_dict(r) for r in records] == [to_dict(e) for e in expected]


# --- round trips -------------------------------------------------------------------------------


@given(
    st.lists(
        st.tuples(
            names, st.sampled_from(["Ethernet", "Infiniband"]), link_states, speeds, duplexes, names
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    ),
    noise(),
    st.sampled_from(["{}", "{}Mb"]),
)
def test_show_phys_round_trip(rows: list[tuple[Any, ...]], n: dict[str, Any], unit: str) -> None:
    text, lines = table(
        ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"],
        [[r[0], r[1], r[2], unit.format(r[3]), r[4], r[5]] for r in rows],
        n,
    )
    expected = [
        PhysicalLink(
            link=r[0],
            media=r[1],
            state=r[2],
            speed=r[3],
            speed_raw=unit.format(r[3]),
            duplex=r[4],
            device=r[5],
            line=line,
        )
        for r, line in zip(rows, lines)
    ]
    same(parse("dladm show-phys", text), expected)


@given(
    st.lists(
        st.tuples(
            names,
            st.lists(
                st.tuples(names, link_states, macs, st.sampled_from(["attached", "standby"])),
                min_size=1,
                max_size=4,
            ),
        ),
        min_size=1,
        max_size=4,
    ),
    macs,
    noise(),
)
def test_show_aggr_x_round_trip(aggrs: list[Any], mac: str, n: dict[str, Any]) -> None:
    n["repeat_header_at"] = 0
    header = ["LINK", "PORT", "SPEED", "DUPLEX", "STATE", "ADDRESS", "PORTSTATE"]
    rows = []
    for link, ports in aggrs:
        rows.append([link, "--", "1000Mb", "full", "up", dladm_mac(mac), "--"])
        # A port row's LINK cell is blank: indent it by the LINK column's width.
        rows.extend([[" ", p, "1000Mb", "full", s, dladm_mac(m), ps] for p, s, m, ps in ports])
    text, lines = table(header, rows, n)
    numbers = iter(lines)
    expected = []
    for link, ports in aggrs:
        line = next(numbers)
        expected.append(
            AggregationDetail(
                link=link,
                speed=1000,
                speed_raw="1000Mb",
                duplex="full",
                state="up",
                address=mac,
                ports=[
                    AggregationPort(
                        port=p,
                        speed=1000,
                        speed_raw="1000Mb",
                        duplex="full",
                        state=s,
                        address=m,
                        portstate=ps,
                        line=next(numbers),
                    )
                    for p, s, m, ps in ports
                ],
                line=line,
            )
        )
    same(parse("dladm show-aggr -x", text), expected)


ips = st.tuples(
    st.integers(1, 223), st.integers(0, 255), st.integers(0, 255), st.integers(1, 254)
).map(lambda t: ".".join(map(str, t)))


@given(
    names,
    st.lists(
        st.tuples(
            names,
            st.sampled_from(["u--3", "u-2-", "u---"]),
            st.sampled_from(["active", "failed"]),
            st.lists(ips, max_size=2),
            st.lists(names, max_size=3),
        ),
        min_size=1,
        max_size=4,
    ),
    noise(),
)
def test_show_aggr_probe_round_trip(link: str, ports: list[Any], n: dict[str, Any]) -> None:
    rows = []
    for index, (port, flags, state, targets, xtargets) in enumerate(ports):
        rows.append(
            [
                link if index == 0 else "--",
                port,
                flags,
                state,
                " ".join(targets) or "--",
                " ".join(xtargets) or "--",
            ]
        )
    text, lines = table(["LINK", "PORT", "FLAGS", "STATE", "TARGETS", "XTARGETS"], rows, n)
    expected = [
        ProbeStatus(link=link, port=p, flags=f, state=s, targets=t, xtargets=x, line=line)
        for (p, f, s, t, x), line in zip(ports, lines)
    ]
    same(parse("dladm show-aggr -nS", text), expected)


@given(
    names,
    st.lists(
        st.tuples(names, names, names, st.sampled_from([100, 1000, 10000])),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    noise(),
    st.booleans(),
)
def test_list_netdev_round_trip(
    domain: str, rows: list[Any], n: dict[str, Any], heading: bool
) -> None:
    n["repeat_header_at"] = 0
    body = [
        [
            name,
            "VNET",
            "ETHER",
            "up",
            f"{speed // 1000}G" if speed >= 1000 else str(speed),
            over,
            f"{switch}/{name}v",
        ]
        for name, over, switch, speed in rows
    ]
    text, lines = table(["NAME", "CLASS", "MEDIA", "STATE", "SPEED", "OVER", "LOC"], body, n)
    offset = 0
    if heading:
        end = "\r\n" if n["crlf"] else "\n"
        text = f"DOMAIN{end}{domain}{end}{end}" + text
        offset = 3
    expected = [
        NetDevice(
            domain=domain,
            name=name,
            class_="VNET",
            media="ETHER",
            state="up",
            speed=speed,
            speed_raw=b[4],
            over=over,
            loc=b[6],
            vswitch=switch,
            vnet=f"{name}v",
            line=line + offset,
        )
        for (name, over, switch, speed), b, line in zip(rows, body, lines)
    ]
    command = "ldm list-netdev" if heading else f"ldm ls-netdev {domain}"
    same(parse(command, text), expected)


@given(
    names,
    st.lists(
        st.tuples(
            names,
            names,
            names,
            macs,
            st.integers(1, 4094),
            st.sampled_from(["phys-state", None]),
            st.sampled_from(["enable", "disable"]),
            st.integers(1500, 9000),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    st.booleans(),
    st.booleans(),
)
def test_list_network_round_trip(domain: str, vnets: list[Any], crlf: bool, headings: bool) -> None:
    lines: list[str] = []
    if headings:
        lines += ["NAME", domain, "", "NETWORK"]
    expected = []
    for index, (name, switch, sdomain, mac, pvid, linkprop, custom, mtu) in enumerate(vnets):
        lines += [
            "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
            "    ----         -------                     ----------          ---------------",
            f"    {name:<12} {switch + '@' + sdomain:<27} {mac:<19} {pvid}|--|--",
            f"                 DEVICE       :network@{index}     ID   :{index}",
            f"                 LINKPROP     :{cell(linkprop):<13} MTU  :{mtu}",
            "                 MAXBW        :--            MODE :--",
            f"                 CUSTOM       :{custom}",
        ]
        row = len(lines) - 4
        expected.append(
            VirtualNetwork(
                domain=domain,
                name=name,
                service=switch,
                service_domain=sdomain,
                mac=mac,
                pvid=pvid,
                device=f"network@{index}",
                id=index,
                linkprop=linkprop,
                mtu=mtu,
                custom=custom,
                field_lines={
                    "device": row + 1,
                    "id": row + 1,
                    "linkprop": row + 2,
                    "mtu": row + 2,
                    "maxbw": row + 3,
                    "mode": row + 3,
                    "custom": row + 4,
                },
                line=row,
            )
        )
    end = "\r\n" if crlf else "\n"
    command = "ldm list -o network" if headings else f"ldm list \u2013o network {domain}"
    same(parse(command, end.join(lines) + end), expected)


@given(
    st.lists(
        st.tuples(
            names,
            st.sampled_from(["ip", "ipmp", "loopback"]),
            st.sampled_from(["ok", "down", "failed"]),
            st.lists(
                st.tuples(
                    st.sampled_from(["v4", "v6", "v4a"]),
                    st.sampled_from(["static", "dhcp", "addrconf"]),
                    st.one_of(st.none(), ips.map(lambda a: a + "/24")),
                ),
                max_size=3,
                unique_by=lambda t: t[0],
            ),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    noise(),
)
def test_ipadm_round_trip(interfaces: list[Any], n: dict[str, Any]) -> None:
    n["repeat_header_at"] = 0
    rows = []
    expected_rows: list[Callable[[int], Any]] = []
    for name, klass, state, addresses in interfaces:
        rows.append([name, klass, state, "--", "--"])
        expected_rows.append(
            lambda line, name=name, klass=klass, state=state: IpInterface(
                name=name, class_=klass, state=state, line=line
            )
        )
        for suffix, kind, addr in addresses:
            addrobj = f"{name}/{suffix}"
            # A DHCP address not bound yet leaves ADDR blank.
            rows.append([f"   {addrobj}", kind, "ok", "--", addr or ""])
            expected_rows.append(
                lambda line, a=addrobj, k=kind, ad=addr, i=name: IpAddress(
                    addrobj=a, interface=i, type=k, state="ok", addr=ad, line=line
                )
            )
    text, lines = table(["NAME", "CLASS/TYPE", "STATE", "UNDER", "ADDR"], rows, n)
    same(parse("ipadm", text), [make(line) for make, line in zip(expected_rows, lines)])


@given(
    st.lists(
        st.tuples(names, st.sampled_from(["Ethernet"]), link_states, speeds, duplexes, names),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
)
def test_parseable_form_gives_the_human_forms_records(rows: list[tuple[Any, ...]]) -> None:
    human, _ = table(
        ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"],
        [[cell(v) for v in r] for r in rows],
        {
            "pad": 2,
            "indent": "",
            "nbsp": False,
            "tabs": False,
            "trailing": "",
            "crlf": False,
            "blank_between": False,
            "repeat_header_at": 0,
        },
    )
    parseable = "".join(":".join(cell(v) for v in r) + "\n" for r in rows)
    from_table = [to_dict(r) | {"line": 0} for r in parse("dladm show-phys", human)]
    from_p = [
        to_dict(r) | {"line": 0}
        for r in parse("dladm show-phys -p -o link,media,state,speed,duplex,device", parseable)
    ]
    assert from_table == from_p


# --- hostile input -----------------------------------------------------------------------------

hostile = st.lists(
    st.sampled_from(
        [
            *string.printable,
            "\u00a0",
            "\u2013",
            "\x00",
            "\x1b[31m",
            "\u2028",
            "--",
            "net0 ",
            "ldg6# ",
            "LINK ",
            "1000Mb ",
            "0:14:4f:f9:cf:47 ",
        ]
    ),
    max_size=200,
).map("".join)


@given(st.sampled_from([g.key for g in GRAMMARS]), hostile)
@example("ldm list -o network", "NAME\n")
@example("dladm show-aggr -x", "      net0 1000Mb full up 0:1:2:3:4:5 attached\n")
@example("ipadm", "NAME CLASS/TYPE STATE UNDER ADDR\n\x00\n")
def test_arbitrary_text_raises_only_parse_error(command: str, text: str) -> None:
    try:
        parse(command, text)
    except ParseError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert str(exc).splitlines()[-1].strip() == "^"


@given(hostile)
@example("ldg6# dladm show-aggr -x\naggr0 -- 1000Mb full up 0:1:2:3:4:5 --\n  net0\n")
@example("primary# ldm list -o network\nVSW\n")
def test_check_never_raises(text: str) -> None:
    report = dlmpparse.check(text)
    assert report.exit_code in (0, 1, 2)
    dlmpparse.report.render_text(report)
    dlmpparse.report.render_json(report)


@given(
    st.sampled_from(
        sorted(
            p
            for p in (__import__("pathlib").Path(__file__).parent / "fixtures").glob("*/*.txt")
            if p.parent.name != "transcripts"
        )
    ),
    st.data(),
)
def test_mutated_fixtures_raise_only_parse_error(path: Any, data: st.DataObject) -> None:
    import json

    command = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["command"]
    lines = path.read_text(encoding="utf-8").split("\n")
    mutation = data.draw(st.sampled_from(["truncate", "drop", "duplicate", "swap", "junk"]))
    i = data.draw(st.integers(0, max(0, len(lines) - 1)))
    j = data.draw(st.integers(0, max(0, len(lines) - 1)))
    if mutation == "truncate":
        text = "\n".join(lines)[: data.draw(st.integers(0, len("\n".join(lines))))]
    elif mutation == "drop":
        text = "\n".join(lines[:i] + lines[i + 1 :])
    elif mutation == "duplicate":
        text = "\n".join(lines[: i + 1] + lines[i:])
    elif mutation == "swap":
        lines[i], lines[j] = lines[j], lines[i]
        text = "\n".join(lines)
    else:
        text = "\n".join([*lines[:i], "%%% junk \x1b[0m %%%", *lines[i:]])
    with contextlib.suppress(ParseError):
        parse(command, text)
    try:
        dlmpparse.read_transcript(text)
    except Exception as exc:  # pragma: no cover - the property
        raise AssertionError(f"read_transcript raised {exc!r}") from exc


@given(st.data())
def test_a_junk_line_in_a_table_is_reported_at_its_line(data: st.DataObject) -> None:
    rows = data.draw(st.lists(names, min_size=2, max_size=8, unique=True))
    text, lines = table(
        ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"],
        [[r, "Ethernet", "up", "1000", "full", "igb0"] for r in rows],
        data.draw(noise()),
    )
    split = text.splitlines(keepends=True)
    at = data.draw(st.integers(1, len(split) - 1))
    assume(at < lines[-1])
    junk = data.draw(st.sampled_from(["%%% junk %%%", "\x1b[31mERROR\x1b[0m", "ipadm: oops"]))
    mutated = "".join([*split[:at], junk + "\n", *split[at:]])
    try:
        parse("dladm show-phys", mutated)
    except ParseError as exc:
        assert exc.line == at + 1
    else:  # pragma: no cover - the property
        raise AssertionError("junk line accepted")

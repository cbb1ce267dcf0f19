"""Property tests: records -> text as the command prints it (with the noise real pastes carry,
via ``dlmpparse.testing``) -> records again; arbitrary text raises only ParseError; check never
raises."""

from __future__ import annotations

import contextlib
import json
import string
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis import assume, example, given
from hypothesis import strategies as st

import dlmpparse
from dlmpparse import ParseError, parse, to_dict
from dlmpparse.grammars import GRAMMARS
from dlmpparse.testing import (
    Rendered,
    Style,
    render_ipadm,
    render_list_netdev,
    render_list_network,
    render_parseable,
    render_show_aggr_probe,
    render_show_aggr_x,
    render_show_phys,
    render_table,
    render_transcript,
)
from dlmpparse.testing import strategies as gen
from dlmpparse.testing.strategies import (
    aggregation_details,
    ip_rows,
    link_names,
    net_devices,
    physical_links,
    probe_statuses,
    styles,
    virtual_networks,
)

names = link_names


def at_lines(records: Sequence[Any], rendered: Rendered) -> list[dict[str, Any]]:
    """The records as parsed from ``rendered`` should be: the same, at their printed lines."""
    return [to_dict(attrs.evolve(r, line=line)) for r, line in zip(records, rendered.lines)]


def parsed(command: str, text: str) -> list[dict[str, Any]]:
    return [to_dict(r) for r in parse(command, text)]


# --- round trips -------------------------------------------------------------------------------


@given(physical_links(), styles(), st.sampled_from(["{}", "{}Mb"]))
def test_show_phys_round_trip(links: list[Any], style: Style, unit: str) -> None:
    rendered = render_show_phys(links, style, unit)
    expected = [attrs.evolve(r, speed_raw=unit.format(r.speed)) for r in links]
    assert parsed("dladm show-phys", rendered.text) == at_lines(expected, rendered)


@given(aggregation_details(), styles())
def test_show_aggr_x_round_trip(details: list[Any], style: Style) -> None:
    rendered = render_show_aggr_x(details, style)
    lines = iter(rendered.lines)
    expected = []
    for detail in details:
        line = next(lines)
        ports = [attrs.evolve(p, speed_raw="1000Mb", line=next(lines)) for p in detail.ports]
        expected.append(to_dict(attrs.evolve(detail, speed_raw="1000Mb", ports=ports, line=line)))
    assert parsed("dladm show-aggr -x", rendered.text) == expected


@given(probe_statuses(), styles())
def test_show_aggr_probe_round_trip(statuses: list[Any], style: Style) -> None:
    rendered = render_show_aggr_probe(statuses, style)
    assert parsed("dladm show-aggr -nS", rendered.text) == at_lines(statuses, rendered)


@given(net_devices(), styles(), st.booleans())
def test_list_netdev_round_trip(devices: list[Any], style: Style, heading: bool) -> None:
    rendered = render_list_netdev(devices, style, heading=heading)
    expected = [attrs.evolve(d, speed_raw=f"{d.speed // 1000}G") for d in devices]
    command = "ldm list-netdev" if heading else f"ldm ls-netdev {devices[0].domain}"
    assert parsed(command, rendered.text) == at_lines(expected, rendered)


@given(virtual_networks(), styles(), st.booleans())
def test_list_network_round_trip(vnets: list[Any], style: Style, headings: bool) -> None:
    rendered = render_list_network(vnets, style, headings=headings)
    text = rendered.text
    result = parse(
        "ldm list -o network" if headings else f"ldm list \u2013o network {vnets[0].domain}", text
    )
    # field_lines: every printed pair's line; compare them apart from the values.
    got = [to_dict(attrs.evolve(r, field_lines=())) for r in result]
    assert got == [to_dict(attrs.evolve(v, line=line)) for v, line in zip(vnets, rendered.lines)]
    for record, line in zip(result, rendered.lines):
        assert dict(record.field_lines)["linkprop"] == line + 2


@given(ip_rows(), styles())
def test_ipadm_round_trip(rows: list[Any], style: Style) -> None:
    rendered = render_ipadm(rows, style)
    assert parsed("ipadm", rendered.text) == at_lines(rows, rendered)


@given(physical_links(), st.booleans())
def test_parseable_form_gives_the_human_forms_records(links: list[Any], crlf: bool) -> None:
    fields = ["link", "media", "state", "speed", "duplex", "device"]
    human = render_show_phys(links)
    p = render_parseable(links, fields, crlf=crlf)
    assert [{**r, "line": 0} for r in parsed("dladm show-phys", human.text)] == [
        {**r, "line": 0} for r in parsed(f"dladm show-phys -p -o {','.join(fields)}", p.text)
    ]


@given(ip_rows())
def test_parseable_ipadm_show_if_and_show_addr(rows: list[Any]) -> None:
    interfaces = [r for r in rows if isinstance(r, dlmpparse.IpInterface)]
    addresses = [r for r in rows if isinstance(r, dlmpparse.IpAddress)]
    p = render_parseable(interfaces, ["name", "class", "state"])
    # ACTIVE, OVER and PERSISTENT are not asked for: not shown.
    hidden = {"active", "over", "persistent"}
    expected = [attrs.evolve(x, not_shown=hidden) for x in interfaces]
    assert parsed("ipadm show-if -p -o ifname,class,state", p.text) == at_lines(expected, p)
    if addresses:
        p = render_parseable(addresses, ["addrobj", "type", "state", "addr"])
        assert parsed("ipadm show-addr -p -o addrobj,type,state,addr", p.text) == at_lines(
            addresses, p
        )


@given(physical_links(), probe_statuses(), st.booleans())
def test_a_rendered_transcript_reads_back(
    links: list[Any], statuses: list[Any], en_dash: bool
) -> None:
    text = render_transcript(
        [
            ("ldg6", "dladm show-phys", render_show_phys(links).text),
            ("ldg6", "dladm show-aggr -nS", render_show_aggr_probe(statuses).text),
        ],
        en_dash=en_dash,
    )
    reading = dlmpparse.read_transcript(text)
    assert not reading.errors and not reading.ignored
    assert [(r.domain, len(r.records)) for r in reading.results] == [
        ("ldg6", len(links)),
        ("ldg6", len(statuses)),
    ]


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], style: Style
) -> tuple[str, list[int]]:
    rendered = render_table(header, rows, style)
    return rendered.text, list(rendered.lines)


def noise() -> st.SearchStrategy[Style]:
    return styles()


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
            for p in (Path(__file__).parent / "fixtures").glob("*/*.txt")
            if p.parent.name != "transcripts"
        )
    ),
    st.data(),
)
def test_mutated_fixtures_raise_only_parse_error(path: Any, data: st.DataObject) -> None:

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


# --- the issue-4 grammars ------------------------------------------------------------------


@given(st.data())
def test_flat_tables_round_trip_human_and_parseable(data: st.DataObject) -> None:
    """Every flat table: record -> table -> record, and record -> -p -o FIELDS -> record."""
    from dlmpparse.testing import render as r

    s = gen

    cases = [
        (
            "dladm show-aggr",
            s.aggregations(),
            r.render_show_aggr,
            ["link", "mode", "policy", "addrpolicy", "lacpactivity", "lacptimer"],
        ),
        ("dladm show-link", s.links(), r.render_show_link, ["link", "class", "mtu", "state"]),
        ("dladm show-etherstub", s.etherstubs(), r.render_show_etherstub, ["link"]),
        (
            "dladm show-vnic",
            s.vnics(),
            r.render_show_vnic,
            ["link", "over", "speed", "macaddress", "macaddrtype"],
        ),
        (
            "ipadm show-if",
            s.ip_interfaces(),
            r.render_ipadm_show_if,
            ["ifname", "class", "state", "active"],
        ),
        (
            "ipadm show-addr",
            s.ip_addresses(),
            r.render_ipadm_show_addr,
            ["addrobj", "type", "state", "addr"],
        ),
    ]
    command, strategy, render, fields = data.draw(st.sampled_from(cases))
    records = data.draw(strategy)
    style = data.draw(styles())
    rendered = render(records, style)
    expected = [
        attrs.evolve(x, speed_raw=str(x.speed)) if hasattr(x, "speed_raw") else x for x in records
    ]
    assert parsed(command, rendered.text) == at_lines(expected, rendered)
    attribute = {"ifname": "name"}
    p = render_parseable(records, [attribute.get(f, f) for f in fields])
    got = [
        {k: v for k, v in row.items() if k in (*fields, "name", "line")}
        for row in parsed(f"{command} -p -o {','.join(fields)}", p.text)
    ]
    want = [
        {k: v for k, v in row.items() if k in (*fields, "name", "line")}
        for row in at_lines(expected, p)
    ]
    assert got == want


@given(gen.virtual_switches(), st.booleans())
def test_list_services_round_trip(switches: list[Any], crlf: bool) -> None:
    from dlmpparse.testing.render import render_list_services

    rendered = render_list_services(switches, Style(crlf=crlf))
    got = [{**row, "field_lines": {}} for row in parsed("ldm list-services", rendered.text)]
    assert got == at_lines(switches, rendered)


@given(gen.os_releases(), styles())
def test_uname_and_pkg_info_round_trip(release: Any, style: Style) -> None:
    from dlmpparse.testing.render import render_pkg_info_entire, render_uname_a

    rendered = render_uname_a(release, style)
    from_uname = attrs.evolve(release, branch=None)  # uname does not show the IPS branch
    assert parsed("uname -a", rendered.text) == at_lines([from_uname], rendered)
    rendered = render_pkg_info_entire(release, style)
    expected = attrs.evolve(release, domain=None, source="pkg info entire")
    assert parsed("pkg info entire", rendered.text) == at_lines([expected], rendered)


@given(gen.os_releases(), st.sampled_from(["v", "r", "rv", "srv"]), styles())
def test_uname_fields_round_trip(release: Any, flags: str, style: Style) -> None:
    from dlmpparse.testing.render import render_uname

    rendered = render_uname(release, flags, style)
    [record] = parse(f"uname -{flags}", rendered.text)
    assert record.source == f"uname -{flags}"
    if "v" in flags:
        assert (record.release, record.version, record.sru) == (
            "11.4",
            release.version,
            release.sru,
        )
    else:
        assert record.release is None  # 5.11 alone cannot tell 11.3 from 11.4


@st.composite
def one_line_vnets(draw: st.DrawFn) -> list[Any]:
    vnets = draw(gen.virtual_networks(domain="ldg1"))
    return [
        attrs.evolve(
            v,
            id=None,
            linkprop=None,
            custom=None,
            maxbw=None,
            pvlan=None,
            mode=draw(st.sampled_from([None, "hybrid"])),
            vids=draw(st.lists(st.integers(2, 4094), max_size=2)),
        )
        for v in vnets
    ]


@given(one_line_vnets(), st.booleans())
def test_list_bindings_and_list_l_network_round_trip(vnets: list[Any], crlf: bool) -> None:
    from dlmpparse.testing.render import render_list_l, render_network_table

    # The 3.4 one-line table has no ID, MAXBW or LINKPROP column: not shown, not blank.
    vnets = [attrs.evolve(v, not_shown={"id", "maxbw", "linkprop"}) for v in vnets]
    rendered = render_network_table(vnets, Style(crlf=crlf))
    got = [{**row, "field_lines": {}} for row in parsed("ldm list-bindings ldg1", rendered.text)]
    assert got == at_lines(vnets, rendered)
    rendered = render_list_l("ldg1", vnets, Style(crlf=crlf))
    got = [{**row, "field_lines": {}} for row in parsed("ldm list -l ldg1", rendered.text)]
    assert got == at_lines(vnets, rendered)


@given(aggregation_details(), probe_statuses())
def test_extended_and_probe_parseable_forms(details: list[Any], statuses: list[Any]) -> None:
    lines = []
    expected = []
    for detail in details:
        lines.append(f"{detail.link}::1000:{r_mac(detail.address)}:")
        ports = []
        for port in detail.ports:
            lines.append(f"{detail.link}:{port.port}:1000:{r_mac(port.address)}:{port.portstate}")
            ports.append(
                attrs.evolve(
                    port,
                    speed_raw="1000",
                    duplex=None,
                    state=None,
                    line=len(lines),
                    not_shown={"duplex", "state"},
                )
            )
        line = len(lines) - len(detail.ports)
        expected.append(
            to_dict(
                attrs.evolve(
                    detail,
                    speed_raw="1000",
                    duplex=None,
                    state=None,
                    ports=ports,
                    line=line,
                    not_shown={"duplex", "state"},
                )
            )
        )
    text = "".join(line + "\n" for line in lines)
    assert parsed("dladm show-aggr -x -p -o link,port,speed,address,portstate", text) == expected
    text = "".join(
        f"{s.link}:{s.port}:{s.flags}:{s.state}:{' '.join(s.targets)}:{' '.join(s.xtargets)}\n"
        for s in statuses
    )
    command = "dladm show-aggr -S -p -o link,port,flags,state,targets,xtargets"
    got = parsed(command, text)
    assert got == [to_dict(attrs.evolve(s, line=i + 1)) for i, s in enumerate(statuses)]


def r_mac(mac: str) -> str:
    return ":".join(f"{int(o, 16):x}" for o in mac.split(":")).replace(":", "\\:")

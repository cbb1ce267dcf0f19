"""``topology`` (issue 14): the tree against golden files, Mermaid and DOT parsed back with a
small grammar (and by Graphviz where it is installed), the JSON and ``check``'s
``targets[].members``."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pyparsing as pp
import pytest

from dlmpparse import check
from dlmpparse.cli import main
from dlmpparse.report.topology import graph_of, render_dot, render_mermaid, render_tree
from dlmpparse.topology import build_topology

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = sorted((FIXTURES / "topology").glob("*.tree"))
TRANSCRIPTS = FIXTURES / "transcripts"


def _topologies(name: str, **options: str) -> tuple:  # type: ignore[type-arg]
    report = check((TRANSCRIPTS / f"{name}.txt").read_text(encoding="utf-8"))
    return build_topology(report, **options)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_tree_against_golden_file(golden: Path) -> None:
    assert render_tree(_topologies(golden.stem)) == golden.read_text(encoding="utf-8")
    code, out, _ = cli("topology", str(TRANSCRIPTS / f"{golden.stem}.txt"))
    assert code == 0 and out == golden.read_text(encoding="utf-8")


# --- Mermaid and DOT, parsed back ------------------------------------------------------------

_IDENT = pp.Word(pp.alphanums + "_")


def _parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    quoted = pp.Suppress('"') + pp.Regex(r'[^"]*') + pp.Suppress('"')
    node = _IDENT + pp.Suppress("[") + quoted + pp.Suppress("]")
    label = pp.Suppress("|") + quoted + pp.Suppress("|")
    edge = _IDENT + pp.Suppress("-->") + pp.Optional(label, default="") + _IDENT
    style = pp.Keyword("linkStyle") + pp.restOfLine
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for line in lines[1:]:
        if style.matches(line.strip()):
            continue
        try:
            start, text_, end = edge.parse_string(line.strip(), parse_all=True)
            edges.append((start, end, text_.replace("#quot;", '"').replace("#35;", "#")))
        except pp.ParseException:
            ident, text_ = node.parse_string(line.strip(), parse_all=True)
            nodes[ident] = text_.replace("#quot;", '"').replace("#35;", "#")
    return nodes, edges


def _parse_dot(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    quoted = pp.QuotedString('"', esc_char="\\")
    attribute = pp.Group(_IDENT + pp.Suppress("=") + (quoted | _IDENT))
    attributes = pp.Group(
        pp.Suppress("[") + pp.DelimitedList(attribute) + pp.Suppress("]")
    )
    edge = pp.Group(_IDENT + pp.Suppress("->") + _IDENT + pp.Optional(attributes, default=[]))
    node = pp.Group(_IDENT + attributes)
    setting = pp.Group(_IDENT + pp.Suppress("=") + _IDENT)
    statement = (edge("edge") | node("node") | setting("setting")) + pp.Suppress(";")
    graph = (
        pp.Keyword("digraph")
        + _IDENT
        + pp.Suppress("{")
        + pp.Group(pp.ZeroOrMore(pp.Group(statement)))
        + pp.Suppress("}")
    )
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for statement_ in graph.parse_string(text, parse_all=True)[2]:
        if "edge" in statement_:
            start, end, given = statement_["edge"]
            label = dict((k, v) for k, v in given).get("label", "")
            edges.append((start, end, label))
        elif "node" in statement_:
            ident, given = statement_["node"]
            if ident != "node":
                nodes[ident] = dict((k, v) for k, v in given)["label"]
    return nodes, edges


@pytest.mark.parametrize("name", ["fail-phys-state", "fail-no-etherstub", "two-servers"])
@pytest.mark.parametrize("parse_back", [_parse_mermaid, _parse_dot], ids=["mermaid", "dot"])
def test_mermaid_and_dot_parse_back_to_the_graph(name: str, parse_back: object) -> None:
    topologies = _topologies(name)
    graph = graph_of(topologies)
    render = render_mermaid if parse_back is _parse_mermaid else render_dot
    nodes, edges = parse_back(render(topologies))  # type: ignore[operator]
    assert nodes == dict(graph.nodes)
    expected = [(a, b, f"FAIL {', '.join(r)}" if r else "") for a, b, r in graph.edges]
    assert edges == expected
    # Every member's path is drawn from its aggregation, and every failed rule on a member
    # is on an edge.
    for target in topologies:
        for path in target.paths:
            for _, rules in path.failed:
                assert any(all(r in label for r in rules) for _, _, label in edges)


def test_a_failed_rule_marks_the_edge_it_is_about() -> None:
    (target,) = _topologies("fail-phys-state")
    net1 = next(p for p in target.paths if p.link == "net1")
    assert net1.failed == (("vnet", ("phys-state",)),)
    assert all(not p.failed for p in target.paths if p.link != "net1")
    (target,) = _topologies("fail-no-etherstub")
    stub = next(p for p in target.paths if p.net_dev == "stub0")
    assert stub.failed_on("net_dev") == ("no-etherstub",)


def test_unknown_hops_name_the_command() -> None:
    (target,) = _topologies("fail-phys-state")
    assert all(p.missing("net_dev") == "ldm list-services (control domain)" for p in target.paths)
    assert all(p.net_dev is None and p.speed is None for p in target.paths)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_graphviz_reads_the_dot_output() -> None:
    result = subprocess.run(
        ["dot", "-Tsvg"],
        input=render_dot(_topologies("two-servers")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout


def test_json_and_check_paths_agree() -> None:
    path = str(TRANSCRIPTS / "healthy-full.txt")
    code, out, _ = cli("topology", "--format", "json", path)
    assert code == 0
    drawn = json.loads(out)
    _, report, _ = cli("check", "--format", "json", path)
    targets = json.loads(report)["targets"]
    assert [t["members"] for t in targets] == [t["members"] for t in drawn]
    members = drawn[0]["members"]
    keys = ("link", "vnet", "vswitch", "net_dev", "speed", "state")
    assert [tuple(m[k] for k in keys) for m in members] == [
        ("net0", "vnet6", "primary-vsw0", "net0", 1000, "up"),
        ("net1", "vnet1", "ldg5-vsw0", "net2", 1000, "up"),
    ]


def test_guest_narrows_and_an_absent_guest_exits_2() -> None:
    path = str(TRANSCRIPTS / "two-servers.txt")
    code, out, _ = cli("topology", "--guest", "web2", path)
    assert code == 0 and "web2" in out and "web1/" not in out
    code, out, err = cli("topology", "--example", "--guest", "ldg9")
    assert code == 2 and "nothing could be checked for ldg9" in err
    assert out.splitlines() == [
        "ldg9/(no aggregation yet)",
        "└── ? no member links known: dladm show-aggr -x or dladm show-phys (in ldg9)",
    ]

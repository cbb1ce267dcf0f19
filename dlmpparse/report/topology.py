"""The topology (``dlmpparse.topology``) drawn: ``tree`` for a terminal (box-drawing
characters), ``mermaid`` for GitHub/GitLab markdown, ``dot`` for Graphviz, ``json`` for other
tools. The graph is the same for mermaid and dot: one node per aggregation, member link and
vnet, one per virtual switch and net-dev (shared by the members that use them: a switch two
members share is one node), one per unknown hop; a failed rule is the label of the edge into
the hop it is about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import attrs

from ..topology import Path, TargetTopology

__all__ = [
    "Graph",
    "graph_of",
    "render_dot",
    "render_mermaid",
    "render_topology_json",
    "render_tree",
]


@attrs.frozen
class Graph:
    """Nodes (id, label) and edges (from, to, failed rules), in drawing order."""

    nodes: tuple[tuple[str, str], ...]
    edges: tuple[tuple[str, str, tuple[str, ...]], ...]


def _device(path: Path) -> str:
    shown = [f"{path.speed} Mb/s" if path.speed is not None else "", path.state or ""]
    said = ", ".join(s for s in shown if s)
    return f"{path.net_dev} ({said})" if said else f"{path.net_dev}"


def _hops(path: Path) -> list[tuple[str, Optional[str], str]]:
    """(hop, the shared key of its node or None, label) down one path; unknown hops say what
    would show them."""
    out: list[tuple[str, Optional[str], str]] = [("link", None, path.link)]
    out.append(("vnet", None, path.vnet or f"? {path.missing('vnet')}"))
    if path.vswitch is not None:
        where = f"{path.vswitch}@{path.service_domain or '?'}"
        out.append(("vswitch", f"vswitch {where}", where))
    else:
        out.append(("vswitch", None, f"? {path.missing('vswitch')}"))
    if path.net_dev is not None:
        key = f"net_dev {path.net_dev}@{path.service_domain or '?'}"
        out.append(("net_dev", key, _device(path)))
    else:
        out.append(("net_dev", None, f"? {path.missing('net_dev')}"))
    return out


def graph_of(topologies: Sequence[TargetTopology]) -> Graph:
    nodes: list[tuple[str, str]] = []
    edges: list[tuple[str, str, tuple[str, ...]]] = []
    shared: dict[str, str] = {}

    def node(label: str, key: Optional[str] = None) -> str:
        if key is not None and key in shared:
            return shared[key]
        ident = f"n{len(nodes)}"
        nodes.append((ident, label))
        if key is not None:
            shared[key] = ident
        return ident

    for number, target in enumerate(topologies):
        label = target.label + (f" ({', '.join(target.failed)} failed)" if target.failed else "")
        root = node(label)
        for path in target.paths:
            previous = root
            for hop, key, text in _hops(path):
                scoped = f"{number}:{target.server} {key}" if key is not None else None
                current = node(text, scoped)
                edge = (previous, current, path.failed_on(hop))
                if edge not in edges:
                    edges.append(edge)
                previous = current
    return Graph(tuple(nodes), tuple(edges))


def _mermaid_text(text: str) -> str:
    # Inside "...": a double quote is written as an entity; # starts one, so it is one too.
    return text.replace("#", "#35;").replace('"', "#quot;")


def render_mermaid(topologies: Sequence[TargetTopology]) -> str:
    """A Mermaid flowchart (paste it in a ```mermaid block)."""
    graph = graph_of(topologies)
    lines = ["flowchart LR"]
    lines.extend(f'    {ident}["{_mermaid_text(label)}"]' for ident, label in graph.nodes)
    failed_edges = []
    for index, (start, end, rules) in enumerate(graph.edges):
        if rules:
            lines.append(f'    {start} -->|"{_mermaid_text("FAIL " + ", ".join(rules))}"| {end}')
            failed_edges.append(str(index))
        else:
            lines.append(f"    {start} --> {end}")
    if failed_edges:
        lines.append(f"    linkStyle {','.join(failed_edges)} stroke:#d00,color:#d00")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(topologies: Sequence[TargetTopology]) -> str:
    """A Graphviz digraph (``dot -Tsvg``)."""
    graph = graph_of(topologies)
    lines = ["digraph dlmp {", "    rankdir=LR;", "    node [shape=box];"]
    lines.extend(f"    {ident} [label={_dot_text(label)}];" for ident, label in graph.nodes)
    for start, end, rules in graph.edges:
        if rules:
            label = _dot_text("FAIL " + ", ".join(rules))
            lines.append(f"    {start} -> {end} [label={label}, color=red, fontcolor=red];")
        else:
            lines.append(f"    {start} -> {end};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_tree(topologies: Sequence[TargetTopology]) -> str:
    """Plain text for a terminal: per target, one line per member, hop after hop; a failed
    edge drawn ``─✗─`` with its rules below, an unknown hop ``?`` with the command."""
    out: list[str] = []
    for target in topologies:
        out.append(target.label)
        if target.failed:
            out.append(f"│   ✗ the aggregation: {', '.join(target.failed)}")
        if not target.paths:
            out.append("└── ? no member links known: dladm show-aggr -x or dladm show-phys "
                       f"(in {target.guest})")
        for index, path in enumerate(target.paths):
            last = index == len(target.paths) - 1
            hops = _hops(path)
            chain = []
            notes = []
            for number, (hop, _, text) in enumerate(hops):
                shown = "?" if text.startswith("? ") else text
                if text.startswith("? "):
                    notes.append(f"? {hop.replace('_', '-')}: {text[2:]}")
                if number == 0:
                    chain.append(shown)
                    continue
                rules = path.failed_on(hop)
                chain.append(f"{' ─✗─ ' if rules else ' ─── '}{shown}")
                if rules:
                    notes.append(f"✗ {hops[number - 1][2]} → {shown}: {', '.join(rules)}")
            missing_state = path.missing("state")
            if missing_state is not None:
                notes.append(f"? {path.net_dev} speed and state: {missing_state}")
            if path.failed_on("link"):
                notes.insert(0, f"✗ {path.link}: {', '.join(path.failed_on('link'))}")
            out.append(f"{'└── ' if last else '├── '}{''.join(chain)}")
            out.extend(f"{'    ' if last else '│   '}  {note}" for note in notes)
    return "\n".join(out) + "\n"


def render_topology_json(topologies: Sequence[TargetTopology]) -> list[dict[str, object]]:
    return [t.to_dict() for t in topologies]

"""The domains stage (dlmpparse.domains) and the identity grammars it reads."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import parse, to_dict
from dlmpparse.records import Domain, NodeName, VirtualizationInfo
from dlmpparse.testing.identity import render_ldm_list, render_node_name, render_virtinfo_a
from dlmpparse.testing.render import Style
from dlmpparse.testing.strategies import (
    ldm_domains,
    node_names,
    noises,
    virtualization_infos,
)

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

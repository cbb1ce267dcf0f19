"""Memory at scale, blocks and their results: a result holds its block's parts (one object per
block, not a block and a result), what the blocks run at one prompt share is held once, and a
domain view holds its listings as the results themselves (the pairs made when asked).

Sizes are object counts and bytes per input byte (never a time). The input is the healthy
transcript's guest part once per guest under its own names (constructed, as bench/run.py's
fleet): a block per 260 bytes, the shape that costs most per byte of input.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from pathlib import Path

import attrs
import pytest
from _fleets import fleet as _fleet

from dlmpparse import BlockResult, check, read_transcript
from dlmpparse.commands import parse_command
from dlmpparse.errors import ParseError
from dlmpparse.inventory import ConfigChange, DomainView, build_inventory
from dlmpparse.reader import read_blocks
from dlmpparse.transcript import Block, split_transcript

HEALTHY = Path(__file__).parent / "fixtures" / "transcripts" / "healthy.txt"


def _reachable(root: object, skip: object) -> Counter[str]:
    """Bytes reachable from ``root`` by type name (``skip``: the input text)."""
    seen = {id(skip)}
    sizes: Counter[str] = Counter()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type):
            continue
        seen.add(id(obj))
        sizes[type(obj).__name__] += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return sizes


def test_a_read_fleet_keeps_one_object_per_block_and_its_prompts_once() -> None:
    text = _fleet(60)
    reading = read_transcript(text)
    blocks = len(split_transcript(text))
    assert len(reading.results) >= blocks > 600
    kept = _reachable(reading, text)
    # No block outlives the reading: a result makes its block again when asked.
    assert kept["Block"] == 0
    # What the blocks at one prompt share (prompt, domain, via, where the lines are) is held
    # once per prompt: primary#, each guest's, not once per block.
    wheres = kept["_Where"] // sys.getsizeof(reading.results[0]._where)
    assert wheres <= 60 + 5, wheres
    # 264 bytes of block and result per block before (a Block of 12 slots, a BlockResult of
    # 9), 112 now (one object of 10 slots): a block per ~260 bytes of input was 1.0 x the
    # input, now under 0.5 x.
    per_block = kept["BlockResult"] / len(reading.results)
    assert per_block <= 16 + 16 + 8 * 10, per_block
    assert kept["BlockResult"] < 0.5 * len(text), kept["BlockResult"] / len(text)


def test_a_result_makes_its_block_again_equal_to_the_block_read() -> None:
    text = HEALTHY.read_text(encoding="utf-8")
    blocks = split_transcript(text)
    reading = read_blocks(blocks, ())
    by_line = {b.line: b for b in blocks}
    for result in reading.results:
        block = result.block
        assert block is not None and block == by_line[block.line]
        assert (block.domain, block.prompt, block.session, block.via) == (
            by_line[block.line].domain,
            by_line[block.line].prompt,
            by_line[block.line].session,
            by_line[block.line].via,
        )
        assert result.domain == block.domain
    # A table found by its header inside another block's output keeps its own line.
    text = (
        "primary# echo hi\nhi\n"
        "LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 1000 full vnet0\n"
    )
    reading = read_transcript(text)
    found = [r for r in reading.results if r.grammar == "dladm show-phys"]
    assert [(r.line, r.command, r.block.line if r.block else None) for r in found] == [
        (3, "dladm show-phys", 1)
    ]


def test_block_and_result_fields_read_as_before() -> None:
    invocation = parse_command("dladm show-phys")
    block = Block(
        3,
        first_line=4,
        lines=("LINK", "net0"),
        prompt="ldg6#",
        domain="ldg6",
        command="dladm show-phys",
        invocation=invocation,
        session=2,
        via="prompt",
    )
    assert (block.line, block.first_line, block.last_line, block.lines) == (
        3,
        4,
        5,
        ("LINK", "net0"),
    )
    assert (block.prompt, block.domain, block.session, block.via) == ("ldg6#", "ldg6", 2, "prompt")
    assert (block.command, block.invocation, block.failure, block.normalised) == (
        "dladm show-phys",
        invocation,
        None,
        "dladm show-phys",
    )
    # attrs.evolve keeps what it does not change.
    moved = attrs.evolve(block, via="ssh", failure="bash: x: not found")
    assert (moved.via, moved.failure, moved.domain, moved.session, moved.lines) == (
        "ssh",
        "bash: x: not found",
        "ldg6",
        2,
        ("LINK", "net0"),
    )
    assert moved != block and attrs.evolve(block) == block
    # A command typed with an en-dash keeps both: the command and its invocation.
    typed = Block(
        1, command="ldm list \u2013o network", invocation=parse_command("ldm ls -o network")
    )
    assert typed.command == "ldm list \u2013o network" and typed.invocation is not None
    assert typed.invocation.raw == "ldm ls -o network"

    read = BlockResult("read", 3, "ldg6", "dladm show-phys", grammar="dladm show-phys", block=block)
    assert (read.line, read.domain, read.command, read.error, read.reason) == (
        3,
        "ldg6",
        "dladm show-phys",
        None,
        None,
    )
    error = ParseError("bad", command="dladm show-phys", line=5, column=1, text="x")
    failed = BlockResult("failed", 5, "elsewhere", "dladm show-phys", error=error, block=block)
    assert (failed.line, failed.domain, failed.error, failed.block) == (
        5,
        "elsewhere",
        error,
        block,
    )
    alone = BlockResult("not-read", 7, None, "ping", reason="no grammar")
    assert (alone.block, alone.reason, alone.domain) == (None, "no grammar", None)
    assert alone == BlockResult("not-read", 7, None, "ping", reason="no grammar")
    assert hash(alone) == hash(BlockResult("not-read", 7, None, "ping", reason="no grammar"))
    assert "status='not-read', line=7" in repr(alone)


def test_a_domain_view_holds_its_listings_as_results_equal_to_the_pairs() -> None:
    text = _fleet(3)
    reading = read_transcript(text)
    system = build_inventory(reading)
    view = system.view("ldg1001")
    pairs = tuple(view.commands)
    assert ("dladm show-phys", pairs[0][1]) == pairs[0]
    assert not isinstance(view.commands, tuple) and view.commands == pairs
    lines = [line for name, line in pairs if name.startswith("ipadm")]
    assert view.listings("ipadm") == lines and lines
    given = {f.name: getattr(view, f.name) for f in attrs.fields(DomainView) if f.init}
    assert view == DomainView(**{**given, "commands": pairs})
    # The same configuration command in every guest: one name string and one names tuple.
    changes = [system.view(f"ldg{1000 + g}").changes for g in range(3)]
    first = next(c for c in changes[0] if c.command == "dladm create-aggr")
    other = next(c for c in changes[2] if c.command == "dladm create-aggr")
    assert first.command is other.command and first.names is other.names
    assert first == ConfigChange(first.command, first.names, first.text, first.line)


@pytest.mark.parametrize("guests", [40])
def test_a_fleet_report_gives_each_target_its_findings(guests: int) -> None:
    report = check(_fleet(guests))
    assert len(report.system.targets) == guests
    for target in report.system.targets:
        naive = tuple(
            f
            for f in report.findings
            if (f.server, f.domain, f.aggregation) == (target.server, target.guest, target.name)
        )
        assert report.findings_of(target) == naive and naive

"""Blocks -> records: read every block of a transcript with its command's grammar.

Nothing the user gave is dropped silently. Each block ends up as one ``BlockResult``: read
(with its records), failed (with the ParseError; the other blocks are still read), or not read
(a command dlmpparse has no grammar for). Lines no grammar accounts for - prose pasted along,
text after a table, the output of commands that are not read - are kept as ``IgnoredText``
with their line numbers. Tables pasted without their prompt are found by their header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

import attrs

from ._text import normalise_line, split_lines
from .commands import Invocation
from .errors import ParseError, UnknownCommandError
from .grammars import Grammar, by_header, domain_of, select
from .records import Record
from .transcript import Block, split_transcript

__all__ = ["BlockResult", "IgnoredText", "Reading", "read_transcript"]

READ = "read"
FAILED = "failed"
NOT_READ = "not-read"


@attrs.frozen
class IgnoredText:
    """Input lines no grammar read, and why."""

    first_line: int
    last_line: int
    lines: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "first_line": self.first_line,
            "last_line": self.last_line,
            "reason": self.reason,
            "text": "\n".join(normalise_line(line).rstrip() for line in self.lines),
        }


@attrs.frozen
class BlockResult:
    """What became of one block (or of one prompt-less table found inside a block).

    ``status`` is ``read``, ``failed`` or ``not-read`` (no grammar for the command).
    ``domain`` is where the command ran (from the prompt), ``command`` the command normalised
    (en-dashes and spacing fixed; the key of the grammar for a table found by its header),
    ``grammar`` the key of the grammar used.
    """

    status: str
    line: int
    domain: Optional[str]
    command: Optional[str]
    grammar: Optional[str] = None
    records: tuple[Record, ...] = ()
    error: Optional[ParseError] = None
    reason: Optional[str] = None
    block: Optional[Block] = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Reading:
    """A whole transcript read: a result per block and every line that was not read."""

    results: tuple[BlockResult, ...]
    ignored: tuple[IgnoredText, ...]
    # Every input line, the very objects the blocks hold (not a copy).
    source: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)

    def line_text(self, number: int) -> str:
        """Input line ``number`` (1-based) as the user gave it, Unicode spaces made plain."""
        if 1 <= number <= len(self.source):
            return normalise_line(self.source[number - 1]).rstrip()
        return ""

    @property
    def errors(self) -> tuple[ParseError, ...]:
        return tuple(r.error for r in self.results if r.error is not None)


def read_transcript(text: str) -> Reading:
    """Split ``text`` at its prompts and read every block."""
    # One copy of the lines: the blocks hold slices of the tuple the Reading keeps.
    lines = tuple(split_lines(text))
    return read_blocks(split_transcript(lines), lines)


def read_blocks(blocks: Sequence[Block], source: tuple[str, ...] = ()) -> Reading:
    results: list[BlockResult] = []
    ignored: list[IgnoredText] = []
    for block in blocks:
        _read_block(block, results, ignored)
    return Reading(results=tuple(results), ignored=tuple(ignored), source=source)


def _read_block(block: Block, results: list[BlockResult], ignored: list[IgnoredText]) -> None:
    if block.command is None:
        if block.prompt is not None:
            _ignore(block.lines, block.first_line, "text after a prompt with no command", ignored)
            return
        _scan(block, block.lines, block.first_line, results, ignored, "text outside any command")
        return
    try:
        grammar, invocation = select(block.command, block.invocation)
    except UnknownCommandError as exc:
        results.append(
            BlockResult(
                status=NOT_READ,
                line=block.line,
                domain=block.domain,
                command=block.normalised,
                reason=exc.why,
                block=block,
            )
        )
        _scan(
            block,
            block.lines,
            block.first_line,
            results,
            ignored,
            f"output of `{block.normalised}`, which dlmpparse does not read",
        )
        return
    shown = block.normalised or grammar.key
    _read_table(
        block,
        grammar,
        block.lines,
        block.first_line,
        shown,
        domain_of(grammar, invocation),
        block.line,
        results,
        ignored,
        invocation,
    )


def _read_table(
    block: Block,
    grammar: Grammar,
    lines: Sequence[str],
    first_line: int,
    command: str,
    domain: Optional[str],
    line: int,
    results: list[BlockResult],
    ignored: list[IgnoredText],
    invocation: Optional[Invocation] = None,
) -> None:
    try:
        records, consumed = grammar.read(
            lines, first_line, lenient=True, command=command, domain=domain, invocation=invocation
        )
    except ParseError as exc:
        results.append(
            BlockResult(
                status=FAILED,
                line=line,
                domain=block.domain,
                command=command,
                grammar=grammar.key,
                error=exc,
                block=block,
            )
        )
        return
    results.append(
        BlockResult(
            status=READ,
            line=line,
            domain=block.domain,
            command=command,
            grammar=grammar.key,
            records=tuple(records),
            block=block,
        )
    )
    if consumed < len(lines):
        _scan(
            block,
            lines[consumed:],
            first_line + consumed,
            results,
            ignored,
            f"text after the output of `{command}`",
        )


def _scan(
    block: Block,
    lines: Sequence[str],
    first_line: int,
    results: list[BlockResult],
    ignored: list[IgnoredText],
    reason: str,
) -> None:
    """Find tables pasted without a prompt by their header; the rest is ignored text."""
    for index, raw in enumerate(lines):
        grammar = by_header(raw)
        if grammar is None:
            continue
        _ignore(lines[:index], first_line, reason, ignored)
        _read_table(
            block,
            grammar,
            lines[index:],
            first_line + index,
            grammar.key,
            None,
            first_line + index,
            results,
            ignored,
        )
        return
    _ignore(lines, first_line, reason, ignored)


def _ignore(lines: Sequence[str], first_line: int, reason: str, ignored: list[IgnoredText]) -> None:
    """Record the non-blank runs of ``lines`` as ignored text (blank lines say nothing)."""
    run_start: Optional[int] = None
    for index, raw in enumerate([*lines, ""]):
        blank = not normalise_line(raw).strip()
        if not blank and run_start is None:
            run_start = index
        elif blank and run_start is not None:
            ignored.append(
                IgnoredText(
                    first_line=first_line + run_start,
                    last_line=first_line + index - 1,
                    lines=tuple(lines[run_start:index]),
                    reason=reason,
                )
            )
            run_start = None

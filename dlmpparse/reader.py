"""Blocks -> records: read every block of a transcript with its command's grammar.

Nothing the user gave is dropped silently. Each block ends up as one ``BlockResult``: read
(with its records), failed (with the ParseError; the other blocks are still read), or not read
(a command dlmpparse has no grammar for). Lines no grammar accounts for - prose pasted along,
text after a table, the output of commands that are not read - are kept as ``IgnoredText``
with their line numbers. Tables pasted without their prompt are found by their header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal, Optional

import attrs

from ._text import normalise_line
from .commands import Invocation
from .errors import ParseError, UnknownCommandError
from .grammars import Grammar, by_header, domain_of, select
from .records import Record, UnreadSection
from .text import Noise, clean_text
from .transcript import Block, _command_of, _invocation_of, _Ran, _Where, split_clean

__all__ = ["BlockResult", "BlockStatus", "IgnoredText", "Reading", "read_transcript"]

# What became of a block, as a type so that mypy --strict catches a misspelt status.
BlockStatus = Literal["read", "failed", "not-read", "command-failed"]

READ: Final = "read"
FAILED: Final = "failed"
NOT_READ: Final = "not-read"
COMMAND_FAILED: Final = "command-failed"


@attrs.frozen(weakref_slot=False)
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


@attrs.frozen(weakref_slot=False)
class _Detail:
    """What a result says that its block does not (see ``BlockResult``), and its block's
    line (another than the result's)."""

    block_line: int
    domain: Optional[str]
    command: Optional[str]
    error: Optional[ParseError]
    reason: Optional[str]


# An argument not given (``attrs.evolve`` gives the result's ``detail`` instead).
_UNSET: Any = object()


# No __weakref__ slot (8 bytes an object; nothing refers to one weakly): a fleet has a
# block, a result and two findings per 260 bytes of input.
@attrs.frozen(init=False, eq=False, repr=False, weakref_slot=False)
class BlockResult:
    """What became of one block (or of one prompt-less table found inside a block).

    ``status`` is ``read``, ``failed`` (its output did not parse), ``not-read`` (no grammar
    for the command) or ``command-failed`` (the command itself failed: ``reason`` quotes the
    error line, e.g. ``ldm: command not found``).
    ``domain`` is where the command ran (from the prompt), ``command`` the command normalised
    (en-dashes and spacing fixed; the key of the grammar for a table found by its header),
    ``grammar`` the key of the grammar used. ``block`` is the block it was read from (None
    for a result made without one).

    A fleet has a block and its result per 260 bytes of input, so the result holds its
    block's parts (``block`` makes the block again when asked, equal to it: compare blocks
    with ``==``, never with ``is``), and a result read from its block as the block says (its
    line, domain and command, no error or reason: most of a transcript's) reads those from
    them; the others keep a detail of their own. One object of ten slots, not two of fifteen.
    """

    status: BlockStatus
    line: int
    grammar: Optional[str]
    records: tuple[Record, ...]
    _detail: Optional[_Detail]
    # The block's parts (``Block._parts``; its line is the result's, or the detail's);
    # ``_where`` is None without a block.
    _where: Optional[_Where]
    _session: int
    _ran: _Ran
    _failure: Optional[str]
    _count: int

    def __init__(
        self,
        status: BlockStatus,
        line: int,
        domain: Optional[str] = _UNSET,
        command: Optional[str] = _UNSET,
        grammar: Optional[str] = None,
        records: tuple[Record, ...] = (),
        error: Optional[ParseError] = _UNSET,
        reason: Optional[str] = _UNSET,
        block: Optional[Block] = None,
        detail: Optional[_Detail] = None,
        where: Optional[_Where] = None,
        session: int = 0,
        ran: _Ran = None,
        failure: Optional[str] = None,
        count: int = 0,
    ) -> None:
        # ``detail`` and the block's parts are given by ``attrs.evolve``: what the result
        # was, less what it changes.
        block_line = line
        if block is not None:
            block_line, where, session, ran, failure, count = block._parts()
        if detail is not None:
            given: tuple[Any, ...] = attrs.astuple(detail, recurse=False)
            block_line = given[0] if block is None else block_line
        elif where is not None:
            given = (block_line, where.domain, _command_of(ran) or grammar, None, None)
        else:
            given = (line, None, None, None, None)
        domain = given[1] if domain is _UNSET else domain
        command = given[2] if command is _UNSET else command
        error = given[3] if error is _UNSET else error
        reason = given[4] if reason is _UNSET else reason
        own: Optional[_Detail] = None
        if not (
            where is not None
            and error is None
            and reason is None
            and line == block_line
            and domain == where.domain
            and command == (_command_of(ran) or grammar)
        ):
            own = _Detail(block_line, domain, command, error, reason)
        self.__attrs_init__(
            status, line, grammar, records, own, where, session, ran, failure, count
        )

    @classmethod
    def _read(
        cls, block: Block, line: int, command: str, grammar: str, records: tuple[Record, ...]
    ) -> BlockResult:
        """The result of a table read at ``line`` of ``block`` (the reader's, for every table:
        the block's parts taken as they are when the result says what the block does)."""
        parts = block._parts()
        if line == parts[0] and command == (_command_of(parts[3]) or grammar):
            result = cls.__new__(cls)
            result.__attrs_init__(READ, line, grammar, records, None, *parts[1:])
            return result
        return cls(READ, line, block.domain, command, grammar, records, block=block)

    @property
    def block(self) -> Optional[Block]:
        where = self._where
        if where is None:
            return None
        return Block._of_parts(
            self._block_line, where, self._session, self._ran, self._failure, self._count
        )

    @property
    def _block_line(self) -> int:
        detail = self._detail
        return detail.block_line if detail is not None else self.line

    @property
    def domain(self) -> Optional[str]:
        detail = self._detail
        if detail is not None:
            return detail.domain
        assert self._where is not None
        return self._where.domain

    @property
    def command(self) -> Optional[str]:
        detail = self._detail
        if detail is not None:
            return detail.command
        return _command_of(self._ran) or self.grammar

    @property
    def error(self) -> Optional[ParseError]:
        detail = self._detail
        return detail.error if detail is not None else None

    @property
    def reason(self) -> Optional[str]:
        detail = self._detail
        return detail.reason if detail is not None else None

    def _key(self) -> tuple[object, ...]:
        return (
            self.status, self.line, self.domain, self.command, self.grammar, self.records,
            self.error, self.reason,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, BlockResult)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"BlockResult(status={self.status!r}, line={self.line!r}, domain={self.domain!r}, "
            f"command={self.command!r}, grammar={self.grammar!r}, records={self.records!r}, "
            f"error={self.error!r}, reason={self.reason!r})"
        )


def invocation_of(result: BlockResult) -> Optional[Invocation]:
    """The invocation of the block ``result`` was read from (``result.block.invocation``,
    without making the block again: the inventory asks for it for every result)."""
    return _invocation_of(result._ran)


# A block's (line, prompt, domain, via, session).
BlockPlace = tuple[int, Optional[str], Optional[str], Optional[str], int]


def where_of(result: BlockResult) -> Optional[BlockPlace]:
    """Where the block ``result`` was read from says it ran: its ``(line, prompt, domain,
    via, session)``, None without a block (the domains stage asks for every result, and a
    block made again for each costs more)."""
    where = result._where
    if where is None:
        return None
    return result._block_line, where.prompt, where.domain, where.via, result._session


def failure_of_block(result: BlockResult) -> Optional[str]:
    """The failure of the block ``result`` was read from (``result.block.failure``), without
    making the block again."""
    return result._failure


def block_line_of(result: BlockResult) -> Optional[int]:
    """The line of the block ``result`` was read from (``result.block.line``), None without
    a block: which results are of one block, without making the blocks again."""
    return result._block_line if result._where is not None else None


@attrs.frozen
class Reading:
    """A whole transcript read: a result per block and every line that was not read."""

    results: tuple[BlockResult, ...]
    ignored: tuple[IgnoredText, ...]
    # The text stage's lines: evidence quotes what the terminal showed, not its escapes. The
    # one copy of the input's lines (``Lines``: the text itself, not a string per line);
    # the blocks' lines are cut from it when read.
    source: Sequence[str] = attrs.field(default=(), eq=False, repr=False)

    def line_text(self, number: int) -> str:
        """Input line ``number`` (1-based) as the terminal showed it (the text stage's line:
        escapes gone, Unicode spaces made plain, noise lines blank)."""
        if 1 <= number <= len(self.source):
            return normalise_line(self.source[number - 1]).rstrip()
        return ""

    @property
    def errors(self) -> tuple[ParseError, ...]:
        return tuple(r.error for r in self.results if r.error is not None)


def read_transcript(text: str, *, file_starts: Sequence[int] = ()) -> Reading:
    """Clean ``text`` (the text stage), split it at its prompts and read every block.

    ``file_starts``: the 1-based line numbers where each file of several given together
    begins (each is a capture of its own: a new shell session)."""
    cleaned = clean_text(text)
    blocks = split_clean(cleaned, file_starts=file_starts)
    return _with_noise(read_blocks(blocks, cleaned.lines), cleaned.noise)


def _with_noise(reading: Reading, noise: Sequence[Noise]) -> Reading:
    """The text stage's noise lines (password prompts, elisions) as ignored text."""
    if not noise:
        return reading
    spans = [
        IgnoredText(first_line=n.line, last_line=n.line, lines=(n.text,), reason=n.reason)
        for n in noise
    ]
    ignored = sorted([*reading.ignored, *spans], key=lambda span: span.first_line)
    return attrs.evolve(reading, ignored=tuple(ignored))


def read_blocks(blocks: Sequence[Block], source: Sequence[str] = ()) -> Reading:
    results: list[BlockResult] = []
    ignored: list[IgnoredText] = []
    for block in blocks:
        _read_block(block, results, ignored)
    return Reading(results=tuple(results), ignored=tuple(ignored), source=source)


def _read_failed_command(
    block: Block, lines: Sequence[str], results: list[BlockResult], ignored: list[IgnoredText]
) -> None:
    """A command that failed (its output is an error line): no output to read, and said so."""
    why = f"the command failed: {block.failure}"
    results.append(
        BlockResult(
            status=COMMAND_FAILED,
            line=block.line,
            domain=block.domain,
            command=block.normalised,
            reason=why,
            block=block,
        )
    )
    _ignore(lines, block.first_line, f"`{block.normalised}` failed: {block.failure}", ignored)


# Terminal widths at which a long row is wrapped onto the next line when a terminal's text is
# saved (script(1), a console log) rather than copied by the emulator, which re-joins it.
_TERMINAL_WIDTHS = (80, 132)
WRAPPED = "joined to the line before: a row the terminal wrapped at column {width}"


def _wrapped_rows(
    block: Block, block_lines: Sequence[str], suspects: set[int]
) -> Optional[tuple[tuple[str, ...], list[IgnoredText]]]:
    """The block's lines with terminal-wrapped rows joined (each continuation line blanked,
    so numbers stay), and a note per join; None when there is nothing to join. A line is
    joined to the next when it is as long as a terminal is wide and it or the next line did
    not read (``suspects``: the line numbers of errors and ignored text): a second part that
    is a row by itself stays a row."""
    lines = list(block_lines)
    notes: list[IgnoredText] = []
    joined = False
    for index in range(len(lines) - 1):
        number = block.first_line + index
        if number not in suspects and number + 1 not in suspects:
            continue
        line = lines[index].rstrip("\r")
        width = next((w for w in _TERMINAL_WIDTHS if len(line) and len(line) % w == 0), None)
        following = lines[index + 1]
        if width is None or not following.strip():
            continue
        lines[index] = line + following
        lines[index + 1] = ""
        joined = True
        notes.append(IgnoredText(number + 1, number + 1, (following,), WRAPPED.format(width=width)))
    if not joined:
        return None
    return tuple(lines), notes


def _read_block(block: Block, results: list[BlockResult], ignored: list[IgnoredText]) -> None:
    # Cut from the input's one copy once per block, and let go when the block is read.
    lines = block.lines
    if block.failure is None and any(len(line) >= _TERMINAL_WIDTHS[0] for line in lines):
        _read_maybe_wrapped(block, lines, results, ignored)
        return
    _read_block_as_is(block, lines, results, ignored)


def _read_maybe_wrapped(
    block: Block, lines: Sequence[str], results: list[BlockResult], ignored: list[IgnoredText]
) -> None:
    """Read the block as it is; if that leaves an error or text after a table and joining
    the lines a terminal wrapped reads better (fewer errors, then fewer ignored lines), use
    the joined reading and say which lines were joined."""
    plain_results: list[BlockResult] = []
    plain_ignored: list[IgnoredText] = []
    _read_block_as_is(block, lines, plain_results, plain_ignored)
    suspects = {r.error.line for r in plain_results if r.error is not None}
    for span in plain_ignored:
        suspects.update(range(span.first_line, span.last_line + 1))
    unwrapped = _wrapped_rows(block, lines, suspects) if suspects else None
    if unwrapped is not None:
        joined, notes = unwrapped
        joined_results: list[BlockResult] = []
        joined_ignored: list[IgnoredText] = []
        _read_block_as_is(
            block.with_lines(joined), joined, joined_results, joined_ignored
        )
        # The joined lines count as ignored: joining prose that only happens to be as long
        # as a terminal is no better than leaving it.
        joined_score = _score(joined_results, [*joined_ignored, *notes])
        if joined_score < _score(plain_results, plain_ignored):
            results.extend(joined_results)
            ignored.extend(sorted([*joined_ignored, *notes], key=lambda s: s.first_line))
            return
    results.extend(plain_results)
    ignored.extend(plain_ignored)


def _score(results: Sequence[BlockResult], ignored: Sequence[IgnoredText]) -> tuple[int, int]:
    errors = sum(1 for r in results if r.status == FAILED)
    return errors, sum(s.last_line - s.first_line + 1 for s in ignored)


def _read_block_as_is(
    block: Block, lines: Sequence[str], results: list[BlockResult], ignored: list[IgnoredText]
) -> None:
    if block.failure is not None:
        _read_failed_command(block, lines, results, ignored)
        return
    if block.command is None:
        if block.prompt is not None and block.via != "banner":
            _ignore(lines, block.first_line, "text after a prompt with no command", ignored)
            return
        _scan(block, lines, block.first_line, results, ignored, "text outside any command")
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
            lines,
            block.first_line,
            results,
            ignored,
            f"output of `{block.normalised}`, which dlmpparse does not read",
        )
        return
    shown = block.normalised or grammar.key
    consumed = _read_table(
        block,
        grammar,
        lines,
        block.first_line,
        shown,
        domain_of(grammar, invocation),
        block.line,
        results,
        ignored,
        invocation,
    )
    if consumed is not None:
        _scan(
            block,
            lines[consumed:],
            block.first_line + consumed,
            results,
            ignored,
            f"text after the output of `{shown}`",
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
) -> Optional[int]:
    """Read the table at the start of ``lines`` into ``results``; how many lines it took, or
    None when it failed (the rest is the failed table's). The caller scans the rest."""
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
        return None
    # Sections of an ldm listing under a heading this version does not know were consumed,
    # not read: they are reported with the text not read, not handed on as records.
    unread = [r for r in records if isinstance(r, UnreadSection)]
    if unread:
        records = [r for r in records if not isinstance(r, UnreadSection)]
        for section in unread:
            start = section.line - first_line
            ignored.append(
                IgnoredText(
                    first_line=section.line,
                    last_line=section.last_line,
                    lines=tuple(lines[start : section.last_line - first_line + 1]),
                    reason=f"section {section.section} of `{command}`, not read",
                )
            )
    results.append(BlockResult._read(block, line, command, grammar.key, tuple(records)))
    return consumed


def _scan(
    block: Block,
    lines: Sequence[str],
    first_line: int,
    results: list[BlockResult],
    ignored: list[IgnoredText],
    reason: str,
) -> None:
    """Find tables pasted without a prompt by their header; the rest is ignored text.

    A loop, not a recursion, and every step moves on: a table found by its header that reads
    no line (its grammar refuses the line ``by_header`` took for its header) leaves no result
    and that line to the ignored text, so no grammar can make the reader go round for ever.
    """
    start = 0  # the first line not yet given to a table or to the ignored text
    index = 0
    while index < len(lines):
        grammar = by_header(lines[index])
        if grammar is None:
            index += 1
            continue
        before = (len(results), len(ignored))
        consumed = _read_table(
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
        if consumed is None:
            consumed = len(lines) - index  # the rest is the failed table's
        elif consumed <= 0:
            del results[before[0] :], ignored[before[1] :]
            index += 1
            continue
        # The text before the table, after what it appended (ignored text stays in order).
        spans: list[IgnoredText] = []
        _ignore(lines[start:index], first_line + start, reason, spans)
        ignored[before[1] : before[1]] = spans
        index += consumed
        start = index
        reason = f"text after the output of `{grammar.key}`"
    _ignore(lines[start:], first_line + start, reason, ignored)


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

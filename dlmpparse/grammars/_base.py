"""What every grammar is: a table grammar, an assembler that turns row events into records,
and the command lines it reads. The registry in ``grammars/__init__.py`` lists them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Callable, Optional

import attrs

from ..commands import Invocation
from ..errors import ParseError
from ..records import Record
from ._table import Event, TableGrammar

__all__ = ["Context", "Grammar", "only_flags"]


@attrs.frozen
class Context:
    """What an assembler knows besides the rows: the command and the domain it ran for."""

    command: str
    domain: Optional[str]
    table: TableGrammar

    def error(self, event: Event, why: str, column: int = 0) -> ParseError:
        return self.table.error_at(event, why, column, command=self.command)


Assembler = Callable[[Sequence[Event], Context], list[Record]]


@attrs.frozen
class Grammar:
    """A command's grammar.

    ``key`` is the canonical command line (``dladm show-aggr -x``), also the fixture folder's
    name with blanks as dashes. ``accepts`` says whether an invocation of the same program and
    subcommand prints this grammar's table (which options select it).
    """

    key: str
    program: str
    subcommand: Optional[str]
    table: TableGrammar
    assemble: Assembler
    accepts: Callable[[Invocation], bool]
    summary: str
    domain_operand: bool = False

    @property
    def slug(self) -> str:
        return self.key.replace(" ", "-").replace("--", "-")

    def read(
        self,
        lines: Sequence[str],
        first_line: int = 1,
        *,
        lenient: bool = False,
        command: Optional[str] = None,
        domain: Optional[str] = None,
    ) -> tuple[list[Record], int]:
        """Records from ``lines`` (the output, without the command line) and lines consumed."""
        shown = command or self.key
        events, consumed = self.table.events(lines, first_line, lenient=lenient, command=shown)
        context = Context(command=shown, domain=domain, table=self.table)
        try:
            records = self.assemble(events, context)
        except ParseError:
            raise
        except (ValueError, TypeError) as exc:  # pragma: no cover - patterns prevent this
            line = events[-1].line if events else first_line
            raise ParseError(str(exc), command=shown, line=line) from exc
        return records, consumed


def only_flags(*allowed: str, required: str = "") -> Callable[[Invocation], bool]:
    """Accept invocations whose flags are within ``allowed`` and include one of ``required``."""
    allowed_set = frozenset("".join(allowed))
    required_set = frozenset(required)

    def accepts(invocation: Invocation) -> bool:
        if invocation.options:
            return False
        if not invocation.flags <= allowed_set:
            return False
        return not required_set or bool(invocation.flags & required_set)

    return accepts

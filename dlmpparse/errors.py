"""The one error type dlmpparse raises for input it cannot read.

Modelled on pypa/packaging's ``InvalidRequirement``: the message names the command, the
1-based line and column in the user's own input, what was expected there, and shows the
offending line with a caret under the column.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

__all__ = ["ParseError", "SourceLine", "UnknownCommandError"]


class ParseError(ValueError):
    """Input that is not the output of the command it was given as.

    Attributes:
        command: the command line whose output was being read (``"dladm show-phys"``).
        line: 1-based line number in the user's input (not in the block).
        column: 1-based column of the offending character in that line.
        text: the offending line as the user gave it (without its line end).
        expected: what the grammar expected at that column, in words.
    """

    command: str
    line: int
    column: int
    text: str
    expected: str

    def __init__(
        self,
        expected: str,
        *,
        command: str = "",
        line: int = 1,
        column: int = 1,
        text: str = "",
    ) -> None:
        self.expected = expected
        self.command = command
        self.line = line
        self.column = max(1, column)
        self.text = text
        super().__init__(self._render())

    def _render(self) -> str:
        where = f"line {self.line}, column {self.column}"
        head = (
            f"{self.command}: {where}: {self.expected}"
            if self.command
            else (f"{where}: {self.expected}")
        )
        shown = _printable(self.text)
        caret = " " * (len(_printable(self.text[: self.column - 1]))) + "^"
        return f"{head}\n    {shown}\n    {caret}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the exception picklable despite keyword-only construction (hypothesis and
        # multiprocessing pickle failures).
        return (
            _rebuild,
            (self.__class__, self.expected, self.command, self.line, self.column, self.text),
        )

    def to_dict(self) -> dict[str, object]:
        """The error as JSON-ready data (the CLI and the check report use this)."""
        return {
            "command": self.command,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "expected": self.expected,
        }


class SourceLine(NamedTuple):
    """One line of the user's input as a grammar reads it, and the one way a grammar raises a
    ParseError about it (as pypa/packaging's ``Tokenizer.raise_syntax_error``):
    ``raise line.error(column, "expected ...")``.

    Attributes:
        command: the command line whose output the line is (``"ldm list -o network"``).
        number: 1-based line number in the user's input.
        text: the line as the user gave it (a line end, if any, is not shown).
    """

    command: str
    number: int
    text: str

    def error(self, column: int, why: str) -> ParseError:
        """A ParseError at the 0-based ``column`` of this line; ``why`` says what was expected
        there (``"expected a number for PVID, got 'x'"``)."""
        text = self.text.rstrip("\r\n")
        return ParseError(why, command=self.command, line=self.number, column=column + 1, text=text)

    def indent(self) -> int:
        """Where the line's text starts (blanks and NBSPs skipped): the column of an error about
        the line as a whole."""
        return len(self.text) - len(self.text.lstrip(" \t\u00a0"))


class UnknownCommandError(ParseError):
    """A command line that dlmpparse has no grammar for; the message lists the supported ones."""

    def __init__(
        self, command: str, supported: tuple[str, ...], *, why: Optional[str] = None
    ) -> None:
        self.supported = supported
        reason = why or "no grammar for this command"
        self.why = reason
        listing = "; ".join(supported)
        super().__init__(
            f"{reason}. Supported commands: {listing}",
            command=command,
            line=1,
            column=1,
            text=command,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unknown, (self.command, self.supported, self.why))


def _rebuild(
    cls: type[ParseError], expected: str, command: str, line: int, column: int, text: str
) -> ParseError:
    return cls(expected, command=command, line=line, column=column, text=text)


def _rebuild_unknown(command: str, supported: tuple[str, ...], why: str) -> ParseError:
    return UnknownCommandError(command, supported, why=why)


def _printable(text: str) -> str:
    # Control characters (NUL, ESC of ANSI colours, tabs) would misplace the caret or corrupt
    # the terminal; show them escaped, one visible character per input character where we can.
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch < " " or ch == "\x7f":
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)

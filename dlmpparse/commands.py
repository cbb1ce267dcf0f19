"""Command lines as administrators type (and paste) them, normalised into an ``Invocation``.

Pasted commands carry en-dashes for hyphens (``ldm list –o network``), non-breaking spaces,
doubled spaces and the short ``ls`` forms of ldm subcommands; all mean the same command. This
module knows only command lines, not their output: the transcript reader uses it to name
blocks, the grammar registry to choose a grammar.
"""

from __future__ import annotations

import re
import sys
from typing import Callable, Optional

import attrs

from ._shared import sharer

__all__ = ["Invocation", "normalise_command", "parse_command"]

# Hyphen look-alikes that word processors and web pages substitute for "-".
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"}
_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a\u3000"}

# Options that take an argument, per program and subcommand ("*": every subcommand). Without
# this "-o network ldg6" could not be told from "-o" plus two operands.
_OPTIONS_WITH_ARGUMENT: dict[str, dict[str, str]] = {
    "dladm": {
        "*": "ozRiD",
        "create-aggr": "mlPLTuRo",
        "add-aggr": "lR",
        "remove-aggr": "lR",
        "modify-aggr": "mPLTu",
        "set-linkprop": "pR",
        "reset-linkprop": "pR",
        "show-linkprop": "poz",
        "create-vnic": "lmvpRo",
        "create-etherstub": "R",
    },
    "ldm": {"*": "o", "add-vnet": "", "set-vnet": "", "add-vsw": "", "set-vsw": ""},
    "ipadm": {
        "*": "o",
        "create-addr": "Tap",
        "create-ip": "",
        "set-prop": "pm",
        "set-ifprop": "pm",
    },
    "dlstat": {"*": "oPiz"},
    "uname": {"*": ""},
    "pkg": {"*": ""},
}

# ldm accepts short forms for its subcommands ("ls", "ls-services", ...).
_LDM_ALIASES = {
    "ls": "list",
    "list-domain": "list",
    "ls-dom": "list",
    "ls-domain": "list",
    "ls-netdev": "list-netdev",
    "ls-services": "list-services",
    "ls-bindings": "list-bindings",
    "ls-constraints": "list-constraints",
    "ls-netstat": "list-netstat",
}

# Words that run the real command with other privileges; they do not change its output.
_WRAPPERS = frozenset({"sudo", "pfexec", "pfsh", "time", "command", "exec", "env"})
# Their options that take an argument (``sudo -u oracle``, ``pfexec -P basic``).
_WRAPPER_OPTIONS = {"sudo": "ugpChUrtDRT", "pfexec": "P", "env": "u"}


def _unwrap(words: list[str]) -> list[str]:
    """The words after any wrappers, their options and ``env``'s ``NAME=value`` pairs."""
    while words and words[0].rsplit("/", 1)[-1] in _WRAPPERS:
        with_argument = _WRAPPER_OPTIONS.get(words[0].rsplit("/", 1)[-1], "")
        words = words[1:]
        while words and (words[0].startswith("-") or "=" in words[0]):
            word = words.pop(0)
            if word == "--":
                break
            if word.startswith("-") and word[-1] in with_argument and len(word) == 2 and words:
                words.pop(0)
    return words


@attrs.frozen(weakref_slot=False)
class Invocation:
    """A command line, normalised.

    ``flags`` are the single-letter options given without an argument (``-nS`` gives ``n`` and
    ``S``); ``options`` those with one, in order (``("o", "network")``); ``operands`` the rest.
    """

    raw: str
    program: str
    subcommand: Optional[str]
    flags: frozenset[str]
    options: tuple[tuple[str, str], ...]
    operands: tuple[str, ...]

    def option(self, letter: str) -> Optional[str]:
        """The argument of the last ``-letter`` given, or None."""
        found = None
        for name, value in self.options:
            if name == letter:
                found = value
        return found

    def option_values(self, letter: str) -> tuple[str, ...]:
        """Every argument given to ``-letter`` (``create-aggr -l net0 -l net1``)."""
        return tuple(value for name, value in self.options if name == letter)

    @property
    def words(self) -> tuple[str, ...]:
        """The command as normalised words, options sorted (stable across spellings)."""
        out = [self.program]
        if self.subcommand:
            out.append(self.subcommand)
        if self.flags:
            out.append("-" + "".join(sorted(self.flags)))
        for name, value in self.options:
            out.extend((f"-{name}", value))
        out.extend(self.operands)
        return tuple(out)

    @property
    def normalised(self) -> str:
        return " ".join(self.words)


def normalise_command(text: str) -> str:
    """The command text with dash look-alikes as ``-`` and runs of blanks as one space."""
    return " ".join(text.translate(_DASHES).translate(_SPACES).split())


# One piece of a POSIX shell word, as shlex (posix=True) reads it: plain characters, a
# single-quoted string, a double-quoted string (in which a backslash is kept unless it escapes
# a double quote or a backslash), an escaped character, or the blanks between words. Each
# alternative starts with a different character, so no position is tried twice.
_SHELL_PIECE = re.compile(
    r"""[^ \t\r\n'"\\]+|'[^']*'|"[^"\\]*(?:\\[\s\S][^"\\]*)*"|\\[\s\S]|[ \t\r\n]+"""
)
_ESCAPED_IN_DOUBLE_QUOTES = re.compile(r"\\([\s\S])")


def _unescape_double_quoted(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) in "\"\\" else match.group(0)


def _split(text: str) -> list[str]:
    """The words of a command line as ``shlex.split(text, posix=True)`` gives them, in time
    linear in the text (shlex builds each word a character at a time: an unmatched quote before
    a megabyte of text cost 11.5 s). An unmatched quote or a trailing backslash, where shlex
    raises, gives the blank-separated words: a pasted line is read, not refused."""
    if not any(c in text for c in "'\"\\"):
        # Without quotes or backslashes the shell splits at blanks only, as str.split does (the
        # text is normalised: no other whitespace).
        return text.split()
    words: list[str] = []
    word: Optional[list[str]] = None  # the word being built; None between words
    position = 0
    while position < len(text):
        piece = _SHELL_PIECE.match(text, position)
        if piece is None:
            return text.split()
        position = piece.end()
        chunk = piece.group()
        first = chunk[0]
        if first in " \t\r\n":
            if word is not None:
                words.append("".join(word))
                word = None
            continue
        if word is None:
            word = []
        if first == "'":
            word.append(chunk[1:-1])
        elif first == '"':
            word.append(_ESCAPED_IN_DOUBLE_QUOTES.sub(_unescape_double_quoted, chunk[1:-1]))
        elif first == "\\":
            word.append(chunk[1])
        else:
            word.append(chunk)
    if word is not None:
        words.append("".join(word))
    return words


_LONG_TO_SHORT = {"--output": "o", "--parsable": "p", "--parseable": "p", "--extended": "x"}


def parse_command(text: str) -> Optional[Invocation]:
    """Parse a command line into an Invocation; None when it holds no command word."""
    cleaned = normalise_command(text)
    # Pipes and redirections: the output is the first command's only if nothing filtered it;
    # keep the whole text in ``raw`` and read the first command.
    cleaned = re.split(r"[|;]|\s&&\s", f" {cleaned} ", maxsplit=1)[0].strip()
    words = _unwrap(_split(cleaned))
    if not words:
        return None
    program = words[0].rsplit("/", 1)[-1]
    rest = words[1:]
    subcommand: Optional[str] = None
    if rest and not rest[0].startswith("-"):
        subcommand = rest[0]
        rest = rest[1:]
        if program == "ldm":
            subcommand = _LDM_ALIASES.get(subcommand, subcommand)
    table = _OPTIONS_WITH_ARGUMENT.get(program, {})
    with_argument = table.get(subcommand or "", table.get("*", ""))
    flags: set[str] = set()
    options: list[tuple[str, str]] = []
    operands: list[str] = []
    index = 0
    while index < len(rest):
        word = rest[index]
        index += 1
        if word.startswith("--") and len(word) > 2:
            name, _, value = word.partition("=")
            letter = _LONG_TO_SHORT.get(name)
            if letter is None:
                flags.add(name)
            elif letter in with_argument:
                if not value and index < len(rest):
                    value = rest[index]
                    index += 1
                options.append((letter, value))
            else:
                flags.add(letter)
            continue
        if word.startswith("-") and len(word) > 1 and word != "--":
            letters = word[1:]
            for position, letter in enumerate(letters):
                if letter in with_argument:
                    value = letters[position + 1 :]
                    if not value and index < len(rest):
                        value = rest[index]
                        index += 1
                    options.append((letter, value))
                    break
                flags.add(letter)
            continue
        operands.append(word)
    return Invocation(
        raw=text,
        program=sys.intern(program),
        subcommand=sys.intern(subcommand) if subcommand is not None else None,
        flags=_flag_set(flags),
        options=tuple(options),
        operands=tuple(operands),
    )


# A frozenset costs 216 bytes, empty or not, and a transcript has a few distinct sets of
# flags: one object each (a fleet's blocks held one per command parsed).
_share_flags: Callable[[frozenset[str]], frozenset[str]] = sharer(1024)


def _flag_set(flags: set[str]) -> frozenset[str]:
    return _share_flags(frozenset(flags))

"""The text stage: what a terminal, a script or a web page adds to a command's output is
removed here and nowhere else; each line keeps its number.

* ANSI/VT100 escapes: CSI (colour, cursor, bracketed paste on/off ``ESC[?2004h``/``l``), OSC
  (window titles ``ESC]0;...`` ended by BEL or ST), two-character escapes; other C0 controls.
* A lone CR inside a line and backspaces: the line as the terminal shows it (a later part
  overwrites an earlier one, ``_\\bX`` is ``X``); a trailing ``^C`` echoed by the terminal.
* Web-page look-alikes: a cell, a ``1|--|--`` triple part, a ``KEY :--`` value or a separator
  row made only of dashes where the page shows ``\u2013`` (en dash), ``\u2014`` (em dash) or
  ``\u2212`` (minus): each look-alike becomes ``--`` (the one place where a character in
  is two out; the column of what follows on that line moves right by one); zero-width
  characters and soft hyphens are removed; NBSP and other Unicode spaces become spaces (one
  character for one, so columns stay where the terminal had them).
* Noise lines, blanked but reported (``Noise``): ``Password:`` and ``[sudo] password for x:``
  prompts, and documentation-style elisions (``...`` on a line of its own).

Pure functions, no I/O. Text without any of these takes a fast path that only splits lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

import attrs

from ._text import Lines, normalise_line

__all__ = ["CleanText", "Noise", "clean_line", "clean_text"]

PASSWORD = "a password prompt"
ELISION = "an elision (`...`): lines were left out here"

# ESC ] ... (BEL | ESC \) - an OSC string (window title); unterminated runs to the line end.
# ESC [ params intermediates final - a CSI sequence (colour, cursor, modes). ESC + one
# character - the rest (charset selection, keypad modes, save/restore cursor).
_ESCAPE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[()*+][0-9A-Za-z]?"
    r"|\x1b[^\[\]()*+]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
# Controls a terminal does not print (CR and BS are interpreted, TAB kept).
_CONTROLS = re.compile(r"[\x00-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")
# Anything the fast path cannot leave alone.
_SPECIAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\^C|assword|\.\.\.")
_LOOKALIKE_DASHES = "\u2013\u2014\u2212"
# A token of dashes only (hyphens and look-alikes) between blanks, bars, colons or line ends.
_DASH_TOKEN = re.compile(r"(?<![^\s|:])[-\u2013\u2014\u2212]+(?![^\s|:])")
_INVISIBLE = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
# Each alternative ends at its colon with no optional blanks before it that a run of the
# same characters could also match (linear on a long line without a colon).
_PASSWORD = re.compile(
    r"\[sudo\] password for [^:]*:|[Pp]assword[ \t]*:|[Pp]assword for [^:]*:"
    r"|[\w.@-]+'s password:|Enter passphrase for key '[^']*':"
)
_ELISION = re.compile(r"(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\]|\.\.\. ?\(\w[\w ]*\))")


@attrs.frozen
class Noise:
    """A line the text stage blanked: its number, the text as given, and why."""

    line: int
    text: str
    reason: str


@attrs.frozen
class CleanText:
    """The input's lines as the terminal showed them (one per input line, same numbers) and
    the noise lines blanked among them."""

    lines: Sequence[str]
    noise: tuple[Noise, ...] = ()


def _overstrike(line: str) -> str:
    """What a terminal shows for a line with CRs and backspaces: each character is written
    at the cursor, CR moves it to column 0, BS one column left."""
    shown: list[str] = []
    column = 0
    for char in line:
        if char == "\r":
            column = 0
        elif char == "\b":
            column = max(0, column - 1)
        else:
            if column < len(shown):
                shown[column] = char
            else:
                shown.append(char)
            column += 1
    return "".join(shown)


def _dashes(found: re.Match[str]) -> str:
    token = found.group()
    if token.isascii():
        return token
    return "".join("--" if c in _LOOKALIKE_DASHES else c for c in token)


def clean_line(line: str) -> str:
    """The line as the terminal showed it, web-page look-alikes undone (no noise test)."""
    if "\x1b" in line or "\x9b" in line:
        line = _ESCAPE.sub("", line)
    line = line.rstrip("\r")
    if "\r" in line or "\b" in line:
        line = _overstrike(line)
    if _CONTROLS.search(line):
        line = _CONTROLS.sub("", line)
    if line.endswith("^C"):
        line = line[:-2]
    if not line.isascii():
        line = normalise_line(line.translate(_INVISIBLE))
        if any(c in line for c in _LOOKALIKE_DASHES):
            line = _DASH_TOKEN.sub(_dashes, line)
    return line


def noise_reason(line: str) -> Optional[str]:
    """Why a cleaned line is noise (a password prompt, an elision), or None."""
    stripped = line.strip()
    if not stripped:
        return None
    if _PASSWORD.fullmatch(stripped):
        return PASSWORD
    if _ELISION.fullmatch(stripped):
        return ELISION
    return None


def clean_text(text: str) -> CleanText:
    """Every line of ``text`` cleaned; noise lines blanked and listed."""
    # A byte order mark read as text (a file opened without utf-8-sig) would hide the first
    # prompt; it is no character of the capture.
    text = text[1:] if text.startswith("\ufeff") else text
    source = Lines(text)
    if text.isascii() and _SPECIAL.search(text) is None:
        # The text itself, not a string per line: the one copy of the input every stage uses.
        return CleanText(lines=source)
    # A thousand lines at a time, each part joined: never a string per line of the whole
    # input at once. The input itself is kept when no line changed (a non-ASCII character,
    # an en-dash in a command, makes the text take this path and changes nothing).
    parts: Optional[list[str]] = None
    noise: list[Noise] = []
    for first in range(0, len(source), _PART_LINES):
        raws = source[first : first + _PART_LINES]
        cleaned: list[str] = []
        for number, raw in enumerate(raws, first + 1):
            line = clean_line(raw)
            reason = noise_reason(line)
            if reason is not None:
                noise.append(Noise(line=number, text=line.strip(), reason=reason))
                line = ""
            cleaned.append(line)
        if parts is None and cleaned != list(raws):
            parts = [text[: source.offset(first)]]
        if parts is not None:
            parts.append("".join(line + "\n" for line in cleaned))
    if parts is None:
        return CleanText(lines=source)
    return CleanText(lines=Lines("".join(parts)), noise=tuple(noise))


_PART_LINES = 1024

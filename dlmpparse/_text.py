"""Line handling shared by every stage: splitting input into lines, plain spaces."""

from __future__ import annotations

__all__ = ["normalise_line", "normalise_text", "split_lines"]

# Pasted output carries non-breaking and other Unicode spaces where the terminal had spaces;
# each is one character, so columns in the normalised line are columns in the user's line.
_SPACES = {
    ord(c): " "
    for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
}


def normalise_line(line: str) -> str:
    """The line with Unicode spaces made plain spaces and a trailing CR removed."""
    if line.endswith("\r"):
        line = line[:-1]
    # Most lines are ASCII; translate looks every character up in a table.
    return line if line.isascii() else line.translate(_SPACES)


def normalise_text(text: str) -> str:
    """``normalise_line`` for every line of ``text`` at once (LF-separated lines)."""
    if not text.isascii():
        text = text.translate(_SPACES)
    return text.replace("\r\n", "\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor numbers them (LF or CRLF ends; no final empty line).

    Only LF splits: ``str.splitlines`` would also split at form feeds and other separators
    and the line numbers in errors would no longer match what the user sees.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines

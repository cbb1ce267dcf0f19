"""Line handling shared by every stage: splitting input into lines, plain spaces."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, islice, repeat
from operator import add
from typing import Union, overload

import attrs

__all__ = ["Decoded", "Lines", "decode", "normalise_line", "normalise_text", "split_lines"]

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


# Lines are found and handed out this many at a time: a slice of the text split in C, never
# every line of a large input as strings at once.
_CHUNK_CHARACTERS = 1 << 20
_CHUNK_LINES = 4096


class Lines(Sequence[str]):
    """The lines of a text as ``split_lines`` gives them, kept as the text and where each line
    starts: one copy of the input, not a string per line (a string costs 49 bytes more than
    its characters, and a fleet's lines are about 60 characters long). A line is sliced out
    of the text when asked for; a slice of lines is a tuple of strings, made by one split of
    that part of the text.

    A part of the lines (``part``, a block's) is a view of the same text and line starts: a
    reader matches it a chunk at a time (``span``), and a 50 MB table under one prompt is
    never copied to be read. ``text`` is the part's own text, cut when asked.
    """

    __slots__ = ("_count", "_first", "_starts", "_whole")

    def __init__(self, text: str) -> None:
        self._whole = text
        # Offsets of each line's first character, then of the line after the last one (one
        # past the text's end when the last line has no LF): line i is
        # text[starts[i] : starts[i + 1] - 1]. 4 bytes a line below 4 GiB of text.
        starts = array("I" if len(text) < 1 << 32 else "Q", [0])
        position = 0
        while position < len(text):
            cut = text.find("\n", position + _CHUNK_CHARACTERS)
            end = len(text) if cut < 0 else cut + 1
            pieces = text[position:end].split("\n")
            if pieces[-1] == "":
                pieces.pop()
            lengths = map(add, map(len, pieces), repeat(1))
            starts.extend(islice(accumulate(lengths, initial=position), 1, None))
            position = end
        self._starts = starts
        self._first = 0
        self._count = len(starts) - 1

    @classmethod
    def of(cls, lines: Iterable[str]) -> Lines:
        """Lines already split (each without its LF), held as one text."""
        return cls("".join(line + "\n" for line in lines))

    def part(self, start: int, stop: int) -> Lines:
        """Lines ``start`` to ``stop`` as lines of their own: a view of the same text."""
        start = max(0, min(start, self._count))
        stop = max(start, min(stop, self._count))
        part = Lines.__new__(Lines)
        part._whole = self._whole
        part._starts = self._starts
        part._first = self._first + start
        part._count = stop - start
        return part

    def span(self) -> tuple[str, int, int]:
        """The text these lines are in, where they begin and where they end in it (past the
        last line's LF, or at the text's end where it has none)."""
        starts, first = self._starts, self._first
        whole = self._whole
        return whole, starts[first], min(starts[first + self._count], len(whole))

    @property
    def text(self) -> str:
        """The lines' text, each line ended by its LF (the input's last line as it was)."""
        whole, begin, end = self.span()
        # The whole input is itself, not a copy.
        return whole if begin == 0 and end == len(whole) else whole[begin:end]

    def offset(self, index: int) -> int:
        """Where line ``index`` begins in ``text`` (``len(self)``: where the text ends, past
        a last LF)."""
        return self._starts[self._first + index] - self._starts[self._first]

    def index_at(self, offset: int) -> int:
        """The index of the line that character ``offset`` of ``text`` is on."""
        first = self._first
        base = self._starts[first]
        return bisect_right(self._starts, base + offset, first, first + self._count + 1) - 1 - first

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[str, tuple[str, ...]]:
        starts, first, count = self._starts, self._first, self._count
        if isinstance(index, slice):
            start, stop, step = index.indices(count)
            if step != 1:
                return tuple(self)[index]
            if stop <= start:
                return ()
            return tuple(self._whole[starts[first + start] : starts[first + stop] - 1].split("\n"))
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("line index out of range")
        return self._whole[starts[first + index] : starts[first + index + 1] - 1]

    def __iter__(self) -> Iterator[str]:
        count = len(self)
        return chain.from_iterable(
            self[first : first + _CHUNK_LINES] for first in range(0, count, _CHUNK_LINES)
        )

    def __eq__(self, other: object) -> bool:
        # Equal to a tuple or list of the same lines, as the tuple of lines it replaces was.
        if isinstance(other, Lines) and self.span() == other.span():
            return True
        if isinstance(other, (Lines, tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Lines({len(self)} lines)"


@attrs.frozen
class Decoded:
    """Input bytes as text: ``encoding`` names what was read (``utf-8``, ``utf-8-sig`` for
    UTF-8 with a BOM, ``utf-16-le``, ...), ``replaced_lines`` the 1-based numbers of the lines
    whose undecodable bytes were replaced with U+FFFD, ``line_ends`` ``"LF"`` or ``"CR"``."""

    text: str
    encoding: str
    replaced_lines: tuple[int, ...] = ()
    line_ends: str = "LF"


# Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes) -> Decoded:
    """``data`` as text, whatever a terminal log or a pasted file holds.

    UTF-8, its BOM removed; UTF-16 and UTF-32 when a BOM says so. Bytes that do not decode are
    replaced line by line (U+FFFD) and their lines reported: one bad byte never changes how
    the rest of the file reads (a whole-file Latin-1 fallback garbles every non-ASCII
    character, the en-dashes of the ldm tables included). A file with CRs and no LF has
    CR-separated lines (old Mac line ends); in a file with LFs a lone CR stays in its line,
    where the transcript reader treats it as a terminal overwrite.
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    replaced: tuple[int, ...] = ()
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        if codec == "utf-8":
            # LF and CR are single bytes in UTF-8, never inside a character: split first,
            # then only the lines that fail are decoded with replacement.
            separator = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
            lines = data.split(separator)
            decoded = []
            numbers = []
            for number, raw in enumerate(lines, 1):
                try:
                    decoded.append(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    decoded.append(raw.decode("utf-8", errors="replace"))
                    numbers.append(number)
            text = separator.decode("ascii").join(decoded)
            replaced = tuple(numbers)
        else:
            text = data.decode(codec, errors="replace")
            cr_only = "\n" not in text and "\r" in text
            lines_of = text.split("\r" if cr_only else "\n")
            replaced = tuple(n for n, line in enumerate(lines_of, 1) if "\ufffd" in line)
    line_ends = "LF"
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")
        line_ends = "CR"
    return Decoded(text, encoding, replaced, line_ends)

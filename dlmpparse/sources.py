"""Where each line of the input came from: several files (or standard input) given together are
read as one text, and every line number the pipeline keeps is a line of that joined text; this
maps it back to the file and the line the user sees (``ldg5.txt:5``).

Built once, from the parts, before the text is read; pure data, no I/O.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Optional

import attrs

__all__ = ["InputFile", "Location", "Sources"]

STDIN_NAME = "<stdin>"


@attrs.frozen
class InputFile:
    """One input: its name as given (None: standard input) and the line of the joined text
    where it begins (1-based)."""

    name: Optional[str]
    first_line: int


@attrs.frozen
class Location:
    """A line of one input: ``file`` None for standard input (or text given to the library
    without a name)."""

    file: Optional[str]
    line: int
    # Whether the input had names at all: one unnamed text reads "line 5", not "<stdin>:5".
    named: bool = attrs.field(default=False, eq=False, repr=False)

    def __str__(self) -> str:
        if not self.named:
            return f"line {self.line}"
        return f"{self.file if self.file is not None else STDIN_NAME}:{self.line}"


@attrs.frozen
class Sources:
    """The inputs joined into one text, in order. No files: one unnamed text, where a line of
    the joined text is its own location."""

    files: tuple[InputFile, ...] = ()

    @classmethod
    def join(cls, parts: Sequence[tuple[Optional[str], str]]) -> tuple[str, Sources]:
        """``parts`` (name, text) as one text, each part ending with a newline, and where each
        begins. An empty part adds no line (and owns none)."""
        texts: list[str] = []
        files: list[InputFile] = []
        line = 1
        for name, text in parts:
            if text and not text.endswith("\n"):
                text += "\n"
            files.append(InputFile(name, line))
            texts.append(text)
            line += text.count("\n")
        return "".join(texts), cls(tuple(files))

    @property
    def file_starts(self) -> tuple[int, ...]:
        """For ``read_transcript``: where each file after the first begins (each starts a new
        shell session)."""
        return tuple(f.first_line for f in self.files[1:])

    @property
    def named(self) -> bool:
        return any(f.name is not None for f in self.files) or len(self.files) > 1

    def locate(self, line: int) -> Location:
        """The file and line of ``line`` of the joined text."""
        if not self.files:
            return Location(None, line)
        # The last file beginning at or before the line: an empty file shares its first line
        # with the next one, which owns the line.
        index = bisect_right([f.first_line for f in self.files], line) - 1
        found = self.files[max(index, 0)]
        return Location(found.name, line - found.first_line + 1, named=self.named)

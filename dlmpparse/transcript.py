"""Text -> blocks: split a pasted terminal transcript at its prompt lines.

A prompt says which domain ran the command under it: ``primary#``, ``ldg6$``,
``root@ldg5:~#``, ``user@host:/path$``, ``[root@ldg5 ~]#``. Host-less prompts (``#``, ``$``,
``bash-5.1#``) leave the domain unknown. Everything up to the next prompt is that command's
output. Text before the first prompt is a block of its own with no command; the next stage
finds tables pasted without their prompt in it by their headers.

Pure functions, no I/O. Every input line belongs to exactly one block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional, Union

import attrs

from ._text import normalise_line, split_lines
from .commands import Invocation, normalise_command, parse_command

__all__ = ["Block", "Prompt", "match_prompt", "split_transcript"]

_HOST = r"[A-Za-z][\w.-]*"
_PROMPTS = (
    # primary#  ldg6$  root@ldg5:~#  user@host:/path$  bash-5.1#
    re.compile(
        rf"[ \t]*(?:(?P<user>[A-Za-z_][\w.-]*)@)?(?P<host>{_HOST})(?::(?P<cwd>\S*?))?"
        r"(?P<sigil>[#$%])(?:[ \t]+(?P<command>.*))?$"
    ),
    # [root@ldg5 ~]#  [root@localhost:~]#  [root@dev01 (zone) ~]#
    re.compile(
        rf"[ \t]*\[(?P<user>[A-Za-z_][\w.-]*)@(?P<host>{_HOST})(?:[:\s](?P<cwd>[^\]]*))?\]"
        r"(?P<sigil>[#$%])(?:[ \t]+(?P<command>.*))?$"
    ),
    # #  $   (host-less)
    re.compile(r"[ \t]*(?P<sigil>[#$])[ \t]+(?P<command>\S.*)$"),
)
# Shell names in default prompts (bash-5.1#, sh-4.4$) are not hosts.
_SHELL = re.compile(r"(?:ba|k|z|c|tc|da)?sh(?:-[\d.]+)?$")


@attrs.frozen
class Prompt:
    """A prompt line: the prompt as typed, the host it names (None when it names none), the
    command text after it (None for a bare prompt)."""

    text: str
    host: Optional[str]
    command: Optional[str]


def match_prompt(line: str) -> Optional[Prompt]:
    """The prompt on this line, if it is a prompt line."""
    # Trailing blanks are stripped before matching: a lazy command followed by optional
    # blanks and "$" costs the square of a long run of blanks.
    plain = normalise_line(line).rstrip(" \t")
    for pattern in _PROMPTS:
        found = pattern.match(plain)
        if found is None:
            continue
        groups = found.groupdict()
        host = groups.get("host")
        if host is not None and _SHELL.match(host):
            host = None
        command = groups.get("command") or None
        prompt = plain[: found.start("command")] if command else plain.rstrip()
        return Prompt(text=prompt.strip(), host=host, command=command)
    return None


@attrs.frozen
class Block:
    """A part of the transcript: a command and its output, or text before any prompt.

    ``line`` is the prompt's line (or the first line of a prompt-less block); ``first_line``
    the line number of ``lines[0]``. ``domain`` is the host the prompt names. ``command`` is
    the command as typed, ``normalised`` with en-dashes and spacing fixed.
    """

    line: int
    first_line: int
    lines: tuple[str, ...]
    prompt: Optional[str] = None
    domain: Optional[str] = None
    command: Optional[str] = None
    invocation: Optional[Invocation] = None

    @property
    def normalised(self) -> Optional[str]:
        return normalise_command(self.command) if self.command else None

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.lines) - 1 if self.lines else self.line


def split_transcript(text: Union[str, Sequence[str]]) -> tuple[Block, ...]:
    """Split a transcript into blocks at prompt lines. ``text`` may be given already split
    (``split_lines``; a tuple is best): the blocks then hold those very line objects."""
    lines = split_lines(text) if isinstance(text, str) else text
    blocks: list[Block] = []
    start = 0
    prompt: Optional[Prompt] = None
    prompt_line = 0
    for index, line in enumerate(lines):
        found = match_prompt(line)
        if found is None:
            continue
        _close(blocks, lines, start, index, prompt, prompt_line)
        prompt, prompt_line, start = found, index + 1, index + 1
    _close(blocks, lines, start, len(lines), prompt, prompt_line)
    return tuple(blocks)


def _close(
    blocks: list[Block],
    lines: Sequence[str],
    start: int,
    end: int,
    prompt: Optional[Prompt],
    prompt_line: int,
) -> None:
    body = tuple(lines[start:end])
    if prompt is None:
        if any(normalise_line(line).strip() for line in body):
            blocks.append(Block(line=start + 1, first_line=start + 1, lines=body))
        return
    blocks.append(
        Block(
            line=prompt_line,
            first_line=prompt_line + 1,
            lines=body,
            prompt=prompt.text,
            domain=prompt.host,
            command=prompt.command,
            invocation=parse_command(prompt.command) if prompt.command else None,
        )
    )

"""Text -> blocks: split a pasted terminal transcript at its prompt lines (and script banners).

A prompt says which host ran the command under it: ``primary#``, ``ldg6$``, ``root@ldg5:~#``,
``user@host:/path$``, ``[root@ldg5 ~]#``, ``host%``, ``root@host # ``. Host-less prompts
(``#``, ``$``, ``bash-5.1#``, ``-bash-4.4$``) name none. A line is a prompt only if what
follows the prompt is a command dlmpparse knows (or a shell or admin command), or if it has a
shape only prompts have (``user@host``, ``host:/path``, ``[user@host dir]``, a shell's name):
a line of output is never taken for one. Everything up to the next prompt is that command's
output. Text before the first prompt is a block of its own with no command; the next stage
finds tables pasted without their prompt in it by their header.

Where a command ran (``Block.domain``, ``Block.via``): the host a prompt names; the target of
``ssh [opts] [user@]HOST CMD`` (the block's command is CMD); after an interactive
``ssh HOST`` the host-less prompts are HOST's until ``exit``/``logout`` or a prompt naming a
host; a script's banner (``=== ldg6: dladm show-phys ===``, ``----- ldg5 -----``). Blocks run
in the same shell share a ``session`` number. A command whose output is the shell's or its
own error line (``ldm: command not found``) is a failed command (``Block.failure``).

The text stage (``dlmpparse.text``) runs first: escapes, overwritten lines and look-alikes are
gone before prompts are looked for. Pure functions, no I/O. Every input line belongs to
exactly one block.
"""

from __future__ import annotations

import functools
import re
import shlex
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, tee, zip_longest
from typing import Any, Callable, Optional, Union

import attrs

from ._shared import sharer
from ._text import Lines, normalise_line
from .commands import Invocation, normalise_command, parse_command
from .text import CleanText, clean_line, clean_text

__all__ = ["Block", "Prompt", "match_prompt", "split_clean", "split_transcript"]

VIA_PROMPT = "prompt"
VIA_SSH = "ssh"
VIA_SSH_SESSION = "ssh-session"
VIA_BANNER = "banner"

_HOST = r"[A-Za-z][\w.-]*"
_USER = r"[A-Za-z_][\w.-]*"
_PROMPTS = (
    # primary#  ldg6$  root@ldg5:~#  user@host:/path$  host%  root@host #  -bash-4.4$
    re.compile(
        rf"[ \t]*(?:(?P<user>{_USER})@)?(?P<host>-?{_HOST})(?::(?P<cwd>\S*?))?[ \t]?"
        r"(?P<sigil>[#$%])(?:[ \t]+(?P<command>.*))?$"
    ),
    # [root@ldg5 ~]#  [root@localhost:~]#  [root@dev01 (zone) ~]#
    re.compile(
        rf"[ \t]*\[(?P<user>{_USER})@(?P<host>{_HOST})(?:[:\s](?P<cwd>[^\]]*))?\]"
        r"(?P<sigil>[#$%])(?:[ \t]+(?P<command>.*))?$"
    ),
    # #  $  %  (host-less)
    re.compile(r"[ \t]*(?P<sigil>[#$%])[ \t]+(?P<command>\S.*)$"),
)
# Shell names in default prompts (bash-5.1#, -bash-4.4$, sh-4.4$) are not hosts.
_SHELL = re.compile(r"-?(?:ba|k|z|c|tc|da)?sh(?:-[\d.]+)?$")

# Programs that make a "host# word ..." line a prompt: dlmpparse's commands, shell builtins
# and the admin commands that appear in these transcripts. Any other word after a bare
# "host#" or "#" is more likely a line of output or of documentation than a command.
KNOWN_PROGRAMS = frozenset(
    {
        # read by dlmpparse
        "dladm", "ipadm", "ldm", "uname", "pkg", "virtinfo", "hostname", "dlstat", "hostid",
        # shell
        "ssh", "exit", "logout", "cd", "su", "sudo", "pfexec", "pfsh", "pfbash", "bash", "sh",
        "ksh", "ksh93", "zsh", "csh", "tcsh", "ls", "cat", "echo", "pwd", "id", "whoami",
        "date", "clear", "history", "export", "set", "env", "time", "script", "tee", "grep",
        "egrep", "more", "less", "head", "tail", "vi", "which", "type", "alias", "exec",
        "command", "source", "sleep", "true", "false",
        # Solaris administration
        "ifconfig", "netstat", "route", "ping", "traceroute", "snoop", "svcs", "svcadm",
        "svccfg", "zlogin", "zoneadm", "zonecfg", "prtconf", "prtdiag", "psrinfo", "cfgadm",
        "format", "df", "ps", "prstat", "init", "reboot", "shutdown", "poweroff", "kstat",
        "ipmpstat", "flowadm", "dhcpinfo", "netadm", "netcfg", "beadm", "zpool", "zfs",
        "pkginfo", "showrev", "ilomconfig", "fmadm", "fmdump", "dmesg", "tcpdump", "scp",
        "sftp", "telnet", "rlogin", "ldmpower", "ldmconfig", "ovmtcli",
    }
)  # fmt: skip

# The shell's own error lines, and a command's when it failed before printing anything.
_SHELL_ERROR = re.compile(
    r"(?:[-\w./]+: )+(?:[Cc]ommand not found\.?|not found(?: \[[^\]]*\])?"
    r"|No such file or directory|Permission denied|cannot execute(?: \[[^\]]*\])?)"
    r"|(?:[-\w.]+: )?command not found: \S+"
)
_LDM_ERROR = re.compile(
    r"(?:LDom|Domain) \S+ not found|Authorization failed|Invalid (?:sub)?command.*"
    r"|Unknown (?:sub)?command.*|Usage:.*|usage:.*|Failed to connect to logical domain manager.*"
)
_PRIVILEGE_ERROR = re.compile(r"(?:sudo|pfexec|su): .*")
# An interactive ssh that did not log in (its session is not entered).
_SSH_ERROR = re.compile(
    r"ssh: .*|Permission denied \(.*\)\.?|Host key verification failed\.?"
    r"|Connection (?:closed|reset|timed out|refused)\b.*"
)

# Banners scripts print instead of prompts: a fence of "=", "-", "#" or "*" on both sides of
# a host name, optionally followed by ": command". The fences are cut off first, then the
# inside is matched.
_FENCES = "=-#*"
_BANNER_INSIDE = re.compile(
    r"(?P<host>[A-Za-z][\w.-]*)(?:[ \t]*:[ \t]*(?P<command>[^ \t=#*].*))?"
)


@attrs.frozen
class Prompt:
    """A prompt line: the prompt as typed, the host it names (None when it names none), the
    command text after it (None for a bare prompt)."""

    text: str
    host: Optional[str]
    command: Optional[str]


@functools.lru_cache(maxsize=512)
def _invocation(command: str) -> Optional[Invocation]:
    # Transcripts repeat their commands: parsed once each (a prompt line is looked at to
    # tell it from output, then for ssh, exit and a failure, then for the block).
    return parse_command(command)


def _program(command: str) -> Optional[str]:
    invocation = _invocation(command)
    return invocation.program if invocation is not None else None


# One string per distinct prompt, host and command: a fleet's transcript repeats them
# thousands of times (not sys.intern, whose table never shrinks: a fifth of the input's size
# for a fleet of 17,000 guests, each with its own prompt).
_shared: Callable[[str], str] = sharer(4096)


def match_prompt(line: str, *, any_command: bool = False) -> Optional[Prompt]:
    """The prompt on this line, if it is a prompt line. ``any_command`` accepts a command
    dlmpparse does not know after a plain ``host#`` (the next line says the shell ran it)."""
    # Trailing blanks are stripped before matching: a lazy command followed by optional
    # blanks and "$" costs the square of a long run of blanks.
    plain = normalise_line(line).rstrip(" \t")
    if "#" not in plain and "$" not in plain and "%" not in plain:
        return None
    if "\x1b" in plain or "\r" in plain or "\b" in plain:
        plain = clean_line(plain).rstrip(" \t")
    for index, pattern in enumerate(_PROMPTS):
        found = pattern.match(plain)
        if found is None:
            continue
        groups = found.groupdict()
        host = groups.get("host")
        shell = host is not None and _SHELL.match(host) is not None
        if shell or (host is not None and host.startswith("-")):
            if not shell:
                continue
            host = None
        command = groups.get("command") or None
        if command is not None:
            # A shape only prompts have, or a command a prompt would be followed by.
            shaped = (
                shell or index == 1 or groups.get("user") is not None or bool(groups.get("cwd"))
            )
            if not (shaped or any_command) and _program(command) not in KNOWN_PROGRAMS:
                continue
        elif host is None and not shell:
            continue
        prompt = plain[: found.start("command")] if command else plain.rstrip()
        # A fleet's transcript repeats a few prompts and commands thousands of times: one
        # string each, not one per block (the prompt strings were half the input's size).
        return Prompt(
            text=_shared(prompt.strip()),
            host=_shared(host) if host is not None else None,
            command=_shared(command) if command is not None else None,
        )
    return None


@attrs.frozen(weakref_slot=False)
class _Where:
    """What the blocks run at one prompt share: where they ran (prompt, domain, via), whether
    a prompt heads them (``heading``: first_line - line) and where their lines are
    (``source``, ``base``). One per distinct value in a transcript: a fleet's guest runs a
    dozen commands at one prompt, and those slots a block were a sixth of the input's size."""

    prompt: Optional[str]
    domain: Optional[str]
    via: Optional[str]
    heading: int
    source: Sequence[str] = attrs.field(repr=False)
    base: int


_Ran = Union[Invocation, str, None, tuple[Optional[str], Optional[Invocation]]]


def _ran(command: Optional[str], invocation: Optional[Invocation]) -> _Ran:
    if invocation is None:
        return command
    if command is not None and invocation.raw == command:
        return invocation
    return (command, invocation)


# Read for every block and result: the common case (an invocation) tested first.
def _command_of(ran: _Ran) -> Optional[str]:
    if isinstance(ran, Invocation):
        return ran.raw
    if isinstance(ran, tuple):
        return ran[0]
    return ran


def _invocation_of(ran: _Ran) -> Optional[Invocation]:
    if isinstance(ran, Invocation):
        return ran
    if isinstance(ran, tuple):
        return ran[1]
    return None


_NOWHERE = _Where(None, None, None, 0, (), 0)
# An argument not given (``Block(..., where=...)`` keeps the shared value).
_UNSET: Any = object()


# No __weakref__ slot (8 bytes an object; nothing refers to one weakly): a fleet has a
# block, a result and two findings per 260 bytes of input.
@attrs.frozen(init=False, eq=False, repr=False, weakref_slot=False)
class Block:
    """A part of the transcript: a command and its output, or text before any prompt.

    ``line`` is the prompt's line (or the first line of a prompt-less block); ``first_line``
    the line number of ``lines[0]``. ``domain`` is the host the text names for where the
    command ran (a name as typed: a node name or an LDom name), ``via`` how it was known
    (``prompt``, ``ssh``, ``ssh-session``, ``banner``; None without a domain). Blocks with the
    same ``session`` ran in the same shell. ``command`` is the command as typed (for
    ``ssh host CMD``, CMD), ``normalised`` with en-dashes and spacing fixed. ``failure`` is the
    shell's or the command's error line when the command failed. ``lines`` are the lines as
    the text stage cleaned them (a tuple made when asked: see ``count``).

    ``Block(line, first_line, lines, ...)`` takes the lines themselves. The transcript
    splitter gives ``source`` (every line of the input, the one copy the reader keeps) and
    ``count`` instead: a fleet's transcript is a block per 260 bytes, and a tuple of lines
    per block, with a string per line, was twice the input's size. What the blocks of one
    shell share (``prompt``, ``domain``, ``via``, ``session``, ``source``) is held once for
    them all and read through properties.
    """

    line: int
    _where: _Where
    session: int
    # The command and its invocation: the invocation alone when it is of the command (its
    # ``raw``), the command alone without one, else both.
    _ran: _Ran
    failure: Optional[str]
    # How many lines the block has: source[first_line - 1 - base :][:count].
    count: int

    def __init__(
        self,
        line: int,
        first_line: Optional[int] = None,
        lines: Optional[Sequence[str]] = None,
        prompt: Optional[str] = _UNSET,
        domain: Optional[str] = _UNSET,
        command: Optional[str] = _UNSET,
        invocation: Optional[Invocation] = _UNSET,
        session: int = 0,
        via: Optional[str] = _UNSET,
        failure: Optional[str] = None,
        count: int = 0,
        source: Sequence[str] = _UNSET,
        base: int = _UNSET,
        heading: int = _UNSET,
        where: Optional[_Where] = None,
        ran: Any = None,
    ) -> None:
        # ``where`` and ``ran`` are given by ``attrs.evolve``: what the block was, less what
        # it changes.
        shared = where if where is not None else _NOWHERE
        prompt = shared.prompt if prompt is _UNSET else prompt
        domain = shared.domain if domain is _UNSET else domain
        via = shared.via if via is _UNSET else via
        if command is _UNSET:
            command = _command_of(ran)
        if invocation is _UNSET:
            invocation = _invocation_of(ran)
        source = shared.source if source is _UNSET else source
        base = shared.base if base is _UNSET else base
        heading = shared.heading if heading is _UNSET else heading
        if first_line is not None:
            heading = first_line - line
        if lines is not None:
            source, count, base = tuple(lines), len(lines), line + heading - 1
        where = _Where(prompt, domain, via, heading, source, base)
        self.__attrs_init__(line, where, session, _ran(command, invocation), failure, count)

    @classmethod
    def _at(
        cls,
        line: int,
        where: _Where,
        session: int,
        command: Optional[str],
        invocation: Optional[Invocation],
        failure: Optional[str],
        count: int,
    ) -> Block:
        """A block of the splitter, with the ``_Where`` it shares with its prompt's blocks."""
        block = cls.__new__(cls)
        block.__attrs_init__(line, where, session, _ran(command, invocation), failure, count)
        return block

    def _parts(self) -> tuple[int, _Where, int, _Ran, Optional[str], int]:
        """What the block is made of, for a holder that makes it again (``BlockResult``)."""
        return self.line, self._where, self.session, self._ran, self.failure, self.count

    @classmethod
    def _of_parts(
        cls, line: int, where: _Where, session: int, ran: _Ran, failure: Optional[str], count: int
    ) -> Block:
        block = cls.__new__(cls)
        block.__attrs_init__(line, where, session, ran, failure, count)
        return block

    def with_lines(self, lines: Sequence[str]) -> Block:
        """The same block with ``lines`` of its own (the reader's joined wrapped rows)."""
        where = self._where
        return Block(
            self.line, self.first_line, lines, where.prompt, where.domain, self.command,
            self.invocation, self.session, where.via, self.failure,
        )  # fmt: skip

    @property
    def prompt(self) -> Optional[str]:
        return self._where.prompt

    @property
    def domain(self) -> Optional[str]:
        return self._where.domain

    @property
    def via(self) -> Optional[str]:
        return self._where.via

    @property
    def command(self) -> Optional[str]:
        return _command_of(self._ran)

    @property
    def invocation(self) -> Optional[Invocation]:
        return _invocation_of(self._ran)

    @property
    def source(self) -> Sequence[str]:
        return self._where.source

    @property
    def base(self) -> int:
        return self._where.base

    @property
    def heading(self) -> int:
        return self._where.heading

    @property
    def first_line(self) -> int:
        return self.line + self._where.heading

    @property
    def lines(self) -> Sequence[str]:
        """The block's lines: a part of the input's one copy (``Lines``), whose reader matches
        its text without cutting a string per line; a tuple where the block was given lines."""
        where = self._where
        start = self.line + where.heading - 1 - where.base
        source = where.source
        if isinstance(source, Lines):
            return source.part(start, start + self.count)
        return tuple(source[start : start + self.count])

    def _key(self) -> tuple[object, ...]:
        return (
            self.line, self.first_line, self.lines, self.prompt, self.domain, self.command,
            self.invocation, self.session, self.via, self.failure,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Block)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Block(line={self.line!r}, prompt={self.prompt!r}, domain={self.domain!r}, "
            f"command={self.command!r}, invocation={self.invocation!r}, "
            f"session={self.session!r}, via={self.via!r}, failure={self.failure!r}, "
            f"count={self.count!r})"
        )

    @property
    def normalised(self) -> Optional[str]:
        command = self.command
        if not command:
            return None
        normalised = normalise_command(command)
        # The command's own string when it was typed normalised (most are): a block's result
        # keeps it, and a copy per block was a quarter of the input's size in a fleet.
        return command if normalised == command else normalised

    @property
    def last_line(self) -> int:
        return self.first_line + self.count - 1 if self.count else self.line


def split_transcript(text: str, *, file_starts: Sequence[int] = ()) -> tuple[Block, ...]:
    """Split a transcript into blocks at prompt lines, after the text stage (``file_starts``:
    see ``split_clean``)."""
    return split_clean(clean_text(text), file_starts=file_starts)


@attrs.frozen
class _Banner:
    host: str
    command: Optional[str]


@attrs.frozen
class _Head:
    """Where a block starts: its prompt or banner, and where it ran."""

    line: int
    prompt: str
    command: Optional[str]
    domain: Optional[str]
    via: Optional[str]
    session: int
    banner: bool = False
    # The target of an interactive ``ssh HOST``: its session opens if the ssh did not fail.
    ssh_target: Optional[str] = None


@attrs.define
class _Session:
    number: int
    host: Optional[str]
    # The ssh target when the session was opened by an interactive ssh.
    ssh_host: Optional[str] = None
    named: bool = False
    prompts: int = 0
    # Shells started inside this one on the same host (su, sudo -i, bash): an exit leaves
    # one of them before it leaves the session.
    shells: int = 0


class _Sessions:
    """The shells the transcript went through: a stack, an interactive ssh pushes one,
    ``exit``/``logout`` pops back to the shell that ran it."""

    def __init__(self) -> None:
        self.count = 0
        self.stack = [_Session(0, None)]

    @property
    def current(self) -> _Session:
        return self.stack[-1]

    def fresh(self, host: Optional[str]) -> _Session:
        self.count += 1
        session = _Session(self.count, host, named=host is not None)
        self.stack = [session]
        return session

    def named_prompt(self, host: str) -> _Session:
        current = self.current
        current.prompts += 1
        if current.host == host or current.ssh_host == host:
            current.named = True
            return current
        for depth in range(len(self.stack) - 2, -1, -1):
            # A prompt of a shell further down: the ssh ended without its exit shown.
            if self.stack[depth].host == host:
                del self.stack[depth + 1 :]
                return self.current
        if current.ssh_host is not None and not current.named:
            # The first named prompt after "ssh ldg6" is the host ssh reached (its node name
            # may differ from the name typed): the same shell.
            current.host, current.named = host, True
            return current
        if current.host is None and current.ssh_host is None and current.prompts == 1:
            # The first prompt of the input (or of a file) names the session's host.
            current.host, current.named = host, True
            return current
        return self.fresh(host)

    def host_less_prompt(self) -> _Session:
        self.current.prompts += 1
        return self.current

    def push_ssh(self, host: str) -> None:
        self.count += 1
        self.stack.append(_Session(self.count, None, ssh_host=host))

    def push_shell(self) -> None:
        self.current.shells += 1

    def pop(self) -> None:
        if self.current.shells:
            self.current.shells -= 1
        elif len(self.stack) > 1:
            self.stack.pop()
        else:
            self.fresh(None)


def _ssh(command: str) -> Optional[tuple[str, Optional[str]]]:
    """``ssh [opts] [user@]HOST [CMD ...]``: the host and the remote command (None for an
    interactive login); None when the command is not an ssh."""
    if "ssh" not in command:
        return None
    text = normalise_command(command)
    try:
        words = shlex.split(text, posix=True)
    except ValueError:
        words = text.split()
    while words and words[0] in ("sudo", "pfexec", "time", "command", "exec"):
        words = words[1:]
    if not words or words[0].rsplit("/", 1)[-1] != "ssh":
        return None
    index = 1
    while index < len(words) and words[index].startswith("-") and len(words[index]) > 1:
        word = words[index]
        index += 1
        if word == "--":
            break
        letters = word[1:]
        for position, letter in enumerate(letters):
            if letter in "BbcDEeFIiJLlmOopQRSWw":
                if position == len(letters) - 1:
                    index += 1  # the option's argument is the next word
                break
    if index >= len(words):
        return None
    host = words[index].rsplit("@", 1)[-1]
    if re.fullmatch(_HOST, host) is None:
        return None
    rest = words[index + 1 :]
    if not rest:
        return host, None
    remote = rest[0] if len(rest) == 1 else " ".join(rest)
    return host, remote


def _banner(line: str) -> tuple[Optional[str], Optional[_Banner]]:
    """The fence character of a fenced line (or None) and the banner it is (or None)."""
    if len(line) < 7 or line[0] not in _FENCES or line[-1] != line[0]:
        return None, None
    fence = line[0]
    inside = line.strip(fence)
    opening, closing = len(line) - len(line.lstrip(fence)), len(line) - len(line.rstrip(fence))
    if opening < 3 or closing < 3 or not inside[:1].isspace() or not inside[-1:].isspace():
        return None, None
    found = _BANNER_INSIDE.fullmatch(inside.strip())
    if found is None:
        return fence, None
    command = found.group("command")
    return fence, _Banner(found.group("host"), command.strip() if command else None)


# A line whose first character after blanks is a fence character (blanks: what str.strip
# removes, less the line end), found by the LF before it: a literal first character lets the
# search skip from line end to line end (a "^" in MULTILINE mode is tried at every character).
_FENCED = re.compile(r"\n[^\S\n]*[-=#*]")
_FENCED_FIRST = re.compile(r"[^\S\n]*[-=#*]")


def _fenced(lines: Sequence[str]) -> Iterable[tuple[int, str]]:
    """(index, line) of the lines that may be banners: every line, or for lines held as one
    text the lines a search of the text finds beginning with a fence character (no pass over
    every line in Python: most transcripts have no banner)."""
    if not isinstance(lines, Lines):
        return enumerate(lines)
    text = lines.text
    first = [0] if len(lines) and _FENCED_FIRST.match(text) else []
    after = (lines.index_at(match.start() + 1) for match in _FENCED.finditer(text))
    return ((index, lines[index]) for index in chain(first, after))


def _learn_banner_style(lines: Sequence[str]) -> dict[int, _Banner]:
    """The banners of a file: the lines of one fence style, used by every line of that
    style (a fence character on both sides of a host name); none when the style is mixed."""
    by_fence: dict[str, list[tuple[int, _Banner]]] = {}
    spoiled: set[str] = set()
    for index, raw in _fenced(lines):
        line = raw.strip()
        if len(line) < 7 or line[0] not in _FENCES:
            continue
        fence, banner = _banner(line)
        if fence is None:
            continue
        if banner is None:
            if any(c.isalpha() for c in line):
                spoiled.add(fence)
            continue
        by_fence.setdefault(fence, []).append((index, banner))
    styles = [fence for fence in by_fence if fence not in spoiled]
    if len(styles) != 1:
        return {}
    banners = by_fence[styles[0]]
    if len(banners) == 1:
        # One fenced line is a style only when it names a command a banner would.
        command = banners[0][1].command
        if command is None or _program(command) not in KNOWN_PROGRAMS:
            return {}
    return dict(banners)


def split_clean(clean: CleanText, *, file_starts: Sequence[int] = ()) -> tuple[Block, ...]:
    """Split the text stage's lines into blocks at prompt lines and banners.

    ``file_starts``: the line numbers (1-based) where the files of input given together
    begin; each starts a new session (and a new block), as a file is another capture."""
    lines = clean.lines
    banners = _learn_banner_style(lines)
    starts = {number - 1 for number in file_starts if number > 1}
    blocks: list[Block] = []
    # One ``_Where`` per distinct prompt, shared by the blocks run at it.
    wheres: dict[tuple[object, ...], _Where] = {}
    sessions = _Sessions()
    start = 0
    head: Optional[_Head] = None
    # The next line is looked at beside each (a typo's "command not found"): lines are read in
    # order, never by index, as ``lines`` may hold the input as one text.
    current, following = tee(lines)
    next(following, None)
    for index, (line, after) in enumerate(zip_longest(current, following)):
        if index in starts:
            _close(blocks, wheres, lines, start, index, head, sessions)
            sessions.fresh(None)
            head, start = None, index
        banner = banners.get(index)
        if banner is not None:
            _close(blocks, wheres, lines, start, index, head, sessions)
            session = sessions.fresh(banner.host)
            head = _Head(
                line=index + 1,
                prompt=line.strip(),
                command=banner.command,
                domain=banner.host,
                via=VIA_BANNER,
                session=session.number,
                banner=True,
            )
            start = index + 1
            continue
        found = match_prompt(line)
        if found is None and after is not None and _SHELL_ERROR.fullmatch(after):
            # "host# dlamd show-phys" then "bash: dlamd: command not found": a typo, typed.
            found = match_prompt(line, any_command=True)
        if found is None:
            continue
        _close(blocks, wheres, lines, start, index, head, sessions)
        head = _head(found, index + 1, sessions)
        start = index + 1
    _close(blocks, wheres, lines, start, len(lines), head, sessions)
    return tuple(blocks)


def _head(prompt: Prompt, number: int, sessions: _Sessions) -> _Head:
    if prompt.host is not None:
        session = sessions.named_prompt(prompt.host)
        domain: Optional[str] = prompt.host
        via: Optional[str] = VIA_PROMPT
    else:
        session = sessions.host_less_prompt()
        domain = session.ssh_host
        via = VIA_SSH_SESSION if domain is not None else None
    command = prompt.command
    head = _Head(number, prompt.text, command, domain, via, session.number)
    if command is None:
        return head
    ssh = _ssh(command)
    if ssh is not None:
        host, remote = ssh
        if remote is not None:
            return attrs.evolve(head, command=remote, domain=host, via=VIA_SSH)
        return attrs.evolve(head, ssh_target=host)
    program = _program(command)
    if program in ("exit", "logout"):
        sessions.pop()
    elif _starts_a_shell(command):
        sessions.push_shell()
    return head


_SHELLS = frozenset(
    {"su", "bash", "sh", "ksh", "ksh93", "zsh", "csh", "tcsh", "pfbash", "pfsh", "pfksh", "newgrp"}
)


_SUDO_SHELL_FLAGS = frozenset({"-i", "-s", "-E", "-H", "-iu", "-su"})


def _starts_a_shell(command: str) -> bool:
    """Whether the command starts an interactive shell on the same host (``su -``,
    ``sudo -i``, ``sudo su -``, ``bash``), which its own ``exit`` leaves."""
    words = normalise_command(command).split()
    if words[:1] == ["sudo"] and len(words) > 1 and set(words[1:]) <= _SUDO_SHELL_FLAGS:
        return True
    invocation = _invocation(command)
    if invocation is None or invocation.program not in _SHELLS:
        return False
    if invocation.program == "su":
        # "su", "su -", "su - root", "su root": at most a user; "su -c CMD" runs a command.
        users = [w for w in (invocation.subcommand, *invocation.operands) if w and w != "-"]
        return "c" not in invocation.flags and len(users) <= 1
    # "bash script.sh" runs a script.
    return invocation.subcommand is None and not invocation.operands


def failure_of(command: str, lines: Iterable[str]) -> Optional[str]:
    """The error line that says the command failed, when its output begins with one."""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if ": " in line and (_SHELL_ERROR.fullmatch(line) or _PRIVILEGE_ERROR.fullmatch(line)):
            return line
        if line == "Sorry, try again.":
            return line
        program = _program(command)
        if program and line.startswith(program + ": "):
            return line
        if program == "ldm" and _LDM_ERROR.fullmatch(line):
            return line
        return None
    return None


def _ssh_failure(lines: Iterable[str]) -> Optional[str]:
    """ssh's error line, when an interactive ssh printed one before any prompt."""
    for raw in lines:
        line = raw.strip()
        if line and _SSH_ERROR.fullmatch(line):
            return line
    return None


def _close(
    blocks: list[Block],
    wheres: dict[tuple[object, ...], _Where],
    lines: Sequence[str],
    start: int,
    end: int,
    head: Optional[_Head],
    sessions: _Sessions,
) -> None:
    if head is None:
        if _first_text(lines, start, end) is not None:
            where = _shared_where(wheres, None, None, None, 0, lines)
            blocks.append(Block._at(start + 1, where, 0, None, None, None, end - start))
        return
    command = head.command
    failure = failure_of(command, _from(lines, start, end)) if command else None
    if head.ssh_target is not None:
        failure = failure or _ssh_failure(_from(lines, start, end))
        if failure is None:
            sessions.push_ssh(head.ssh_target)
    via = head.via if head.domain is not None else None
    where = _shared_where(wheres, head.prompt, head.domain, via, 1, lines)
    invocation = _invocation(command) if command else None
    blocks.append(
        Block._at(head.line, where, head.session, command, invocation, failure, end - start)
    )


def _shared_where(
    wheres: dict[tuple[object, ...], _Where],
    prompt: Optional[str],
    domain: Optional[str],
    via: Optional[str],
    heading: int,
    source: Sequence[str],
) -> _Where:
    key = (prompt, domain, via, heading)
    where = wheres.get(key)
    if where is None:
        where = wheres[key] = _Where(prompt, domain, via, heading, source, 0)
    return where


def _from(lines: Sequence[str], start: int, end: int) -> Iterator[str]:
    """``lines[start:end]`` one at a time: the readers of a block's head stop at its first
    line of text, so a large block's lines are not made strings at once."""
    return (lines[index] for index in range(start, end))


def _first_text(lines: Sequence[str], start: int, end: int) -> Optional[str]:
    return next((line for line in _from(lines, start, end) if line.strip()), None)

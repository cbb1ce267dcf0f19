"""Capture styles: a clean transcript (``domain# command`` prompts, as ``render_system``
prints it) re-typed the way administrators really capture sessions, for tests of the text
and transcript stages. Each style must give the same findings as the clean text.

Pure functions, no hypothesis. ``capture(text, style)``; ``CAPTURE_STYLES`` lists the styles:

* prompt styles: ``root@host:~#`` (``user-at-host``), ``host:/root#`` (``host-path``),
  ``[root@host ~]#`` (``bracketed``), ``host%`` (``csh``), ``root@host # `` (``spaced``);
* ``wrapped``: commands after ``pfexec``, ``sudo -u root``, ``time`` and as full paths;
* ``sudo-password``: ldm typed with ``sudo`` by a user, ``Password:`` after it;
* ``ssh-command``: everything typed on the control domain, other domains' commands as
  ``ssh [root@]host 'command'``;
* ``ssh-session``: the other domains reached by an interactive ``ssh host`` with host-less
  ``-bash-4.4$`` prompts, left with ``exit``;
* ``script``: a ``script(1)`` typescript (OSC title, colour prompt, bracketed paste, lone CR,
  CRLF);
* ``web-paste``: ``--`` shown as en/em dashes and minus signs, NBSP between columns, options
  typed with an en dash;
* ``collapsed``: pasted where runs of blanks collapse to one and lines lose their indentation
  (a wiki, a chat), so a ``show-aggr -x`` port row loses its blank LINK cell; not the
  positional ``ldm list-services`` tables, whose empty cells only their columns tell;
* ``terminal-80``: saved from an 80-column terminal: every longer line wrapped onto the next;
* ``banners``: a script's ``=== host: command ===`` banners instead of prompts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["CAPTURE_STYLES", "capture", "split_clean_transcript"]

CAPTURE_STYLES = (
    "user-at-host",
    "host-path",
    "bracketed",
    "csh",
    "spaced",
    "wrapped",
    "sudo-password",
    "ssh-command",
    "ssh-session",
    "script",
    "web-paste",
    "collapsed",
    "terminal-80",
    "banners",
)

_PROMPT = re.compile(r"(?P<host>[A-Za-z][\w.-]*)# (?P<command>.*)")
_ESC = "\x1b"
_LOOKALIKES = ("\u2013", "\u2014", "\u2212")
_DASH_CELL = re.compile(r"(?<![^\s|:])-+(?![^\s|:])")


def split_clean_transcript(text: str) -> list[tuple[str, str, list[str]]]:
    """``(host, command, output lines)`` per prompt of a clean transcript."""
    blocks: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        found = _PROMPT.fullmatch(line)
        if found is not None:
            blocks.append((found.group("host"), found.group("command"), []))
        elif blocks:
            blocks[-1][2].append(line)
        else:
            raise ValueError(f"text before the first prompt: {line!r}")
    return blocks


def _control(blocks: Sequence[tuple[str, str, list[str]]]) -> str:
    for host, command, _ in blocks:
        if command.startswith("ldm "):
            return host
    return blocks[0][0] if blocks else "primary"


def _prompted(blocks: Sequence[tuple[str, str, list[str]]], prompt: str) -> list[str]:
    out: list[str] = []
    for host, command, body in blocks:
        out.append(prompt.format(host=host) + command)
        out += body
    return out


def _wrapped(command: str, index: int) -> str:
    program = command.split()[0]
    if program not in ("dladm", "ipadm", "ldm", "uname"):
        return command
    path = "/usr/bin/uname" if program == "uname" else f"/usr/sbin/{program}"
    wrapper = ("pfexec ", "sudo -u root ", "time ", "")[index % 4]
    return wrapper + path + command[len(program) :]


def _ssh_command(blocks: Sequence[tuple[str, str, list[str]]], control: str) -> list[str]:
    out: list[str] = []
    for index, (host, command, body) in enumerate(blocks):
        if host == control:
            out.append(f"root@{control}:~# {command}")
        elif index % 2:
            out.append(f"root@{control}:~# ssh root@{host} '{command}'")
        else:
            out.append(f"root@{control}:~# ssh -l root {host} {command}")
        out += body
    return out


def _ssh_session(blocks: Sequence[tuple[str, str, list[str]]], control: str) -> list[str]:
    out: list[str] = []
    inside = None
    for host, command, body in blocks:
        if host != inside and inside is not None:
            out += ["-bash-4.4$ exit", "logout", f"Connection to {inside} closed."]
            inside = None
        if host != control and inside is None:
            out += [
                f"{control}:/root# ssh {host}",
                "Password:",
                f"Last login: Wed Nov 25 09:12:44 2026 from {control}",
                "Oracle Solaris 11.4.23.69.3                  Assembled June 2020",
            ]
            inside = host
        out.append(f"-bash-4.4$ {command}" if inside else f"{control}:/root# {command}")
        out += body
    if inside is not None:
        out += ["-bash-4.4$ exit", "logout"]
    return out


def _script(blocks: Sequence[tuple[str, str, list[str]]]) -> str:
    out = ["Script started on Wed Nov 25 09:30:01 2026"]
    for host, command, body in blocks:
        title = f"{_ESC}]0;root@{host}: ~\x07"
        prompt = f"{_ESC}[01;32mroot@{host}{_ESC}[00m:{_ESC}[01;34m~{_ESC}[00m# "
        out.append(f"{title}{_ESC}[?2004h{prompt}{command}")
        # The output starts on the line where bash turned bracketed paste off, after a CR.
        out.append(f"{_ESC}[?2004l\r" + (body[0] if body else ""))
        out += body[1:]
    return "".join(line + "\r\n" for line in out)


def _web_line(line: str, index: int) -> str:
    def lookalike(found: re.Match[str]) -> str:
        token = found.group()
        if len(token) % 2:
            return token
        return _LOOKALIKES[(index + found.start()) % 3] * (len(token) // 2)

    line = _DASH_CELL.sub(lookalike, line)
    return line.replace("  ", "\u00a0 ", 1)


def _web_paste(blocks: Sequence[tuple[str, str, list[str]]]) -> list[str]:
    out: list[str] = []
    for index, (host, command, body) in enumerate(blocks):
        typed = " ".join(
            "\u2013" + word[1:] if word.startswith("-") and len(word) > 1 else word
            for word in command.split()
        )
        out.append(f"{host}# {typed}")
        out += [_web_line(line, index + number) for number, line in enumerate(body)]
    return out


def capture(text: str, style: str) -> str:
    """``text`` (a clean transcript) as captured in ``style`` (one of ``CAPTURE_STYLES``)."""
    blocks = split_clean_transcript(text)
    control = _control(blocks)
    if style == "user-at-host":
        lines = _prompted(blocks, "root@{host}:~# ")
    elif style == "host-path":
        lines = _prompted(blocks, "{host}:/root# ")
    elif style == "bracketed":
        lines = _prompted(blocks, "[root@{host} ~]# ")
    elif style == "csh":
        lines = _prompted(blocks, "{host}% ")
    elif style == "spaced":
        lines = _prompted(blocks, "root@{host} # ")
    elif style == "wrapped":
        lines = []
        for index, (host, command, body) in enumerate(blocks):
            lines.append(f"{host}# {_wrapped(command, index)}")
            lines += body
    elif style == "sudo-password":
        lines = []
        for host, command, body in blocks:
            if command.startswith("ldm "):
                lines += [f"admin@{host}:~$ sudo {command}", "Password:"]
            else:
                lines.append(f"{host}# {command}")
            lines += body
    elif style == "ssh-command":
        lines = _ssh_command(blocks, control)
    elif style == "ssh-session":
        lines = _ssh_session(blocks, control)
    elif style == "script":
        return _script(blocks)
    elif style == "web-paste":
        lines = _web_paste(blocks)
    elif style == "collapsed":
        lines = []
        for host, command, body in blocks:
            lines.append(f"{host}# {command}")
            if command.startswith("ldm list-services"):
                lines += body
            else:
                lines += [" ".join(line.split()) for line in body]
    elif style == "terminal-80":
        lines = []
        for line in _prompted(blocks, "{host}# "):
            while len(line) > 80:
                lines.append(line[:80])
                line = line[80:]
            lines.append(line)
    elif style == "banners":
        lines = []
        for host, command, body in blocks:
            lines.append(f"=== {host}: {command} ===")
            lines += body
    else:
        raise ValueError(f"unknown capture style {style!r}; known: {', '.join(CAPTURE_STYLES)}")
    return "\n".join(lines) + "\n"

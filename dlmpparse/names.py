"""Solaris and LDoms names, and the shell words they become.

Every name that reaches generated shell (``collect-script``, the fix commands ``check`` prints)
comes from the user or from a pasted transcript, so none is trusted. A name is checked against
the character set and length its manual documents and is written as a shell word either as is
(a valid name made only of characters the shell takes literally) or quoted with
``shlex.quote`` (anything else, including valid LDoms names with ``;``, ``#``, ``(`` or ``~``).

Documented forms (the sources, also in SECURITY.md and docs/cli.md):

- Datalink (dladm(8), "link"; Oracle Solaris 11.4 "Rules for Valid Link Names"): letters,
  digits and ``_``; starts with a letter and ends with a number, the ending number from 0 to
  4294967294 and without a leading zero; at most 31 characters. IP interfaces (ipadm(8)) are
  named after their datalinks, so an IP interface name has the same form.
- Address object (ipadm(8), "addrobj"): ``interface/string``, the string "of alphanumeric
  characters that begins with an alphabetic character and has a maximum length of 32
  characters".
- LDoms domain, virtual switch and virtual network device (Oracle VM Server for SPARC
  Administration Guide, "Entering Names in the CLI", "all other names"): the first character a
  letter or a number, the others letters, numbers or one of ``-_+#.:;~()``; Logical Domains
  Manager names are at most 256 characters.

The checks are plain character loops, not regular expressions: linear in the name's length,
and a name longer than its limit is refused before anything else looks at it.
"""

from __future__ import annotations

import shlex
import string
from collections.abc import Iterable
from typing import Union

import attrs

__all__ = [
    "LDM_NAME_MAX",
    "LINK_NAME_MAX",
    "Name",
    "Placeholder",
    "Word",
    "invalid_names",
    "is_addrobj_name",
    "is_domain_name",
    "is_interface_name",
    "is_link_name",
    "is_vdevice_name",
    "shell_command",
    "shell_word",
    "why_not_domain_name",
    "why_not_link_name",
]

LINK_NAME_MAX = 31
_LINK_NUMBER_MAX = 4294967294
_ADDROBJ_STRING_MAX = 32
LDM_NAME_MAX = 256

_LETTERS = frozenset(string.ascii_letters)
_DIGITS = frozenset(string.digits)
_ALNUM = _LETTERS | _DIGITS
_LINK_CHARS = _ALNUM | {"_"}
_LDM_PUNCTUATION = frozenset("-_+#.:;~()")
_LDM_CHARS = _ALNUM | _LDM_PUNCTUATION
# What sh takes literally in a word anywhere (shlex.quote leaves these unquoted too); a valid
# name made of these is written as it is, so the fixes read as Oracle's documents write them.
_SHELL_LITERAL = _ALNUM | frozenset("_-.,:/@%+=")


def why_not_link_name(name: str) -> str:
    """Why ``name`` is not a datalink name ("" when it is one)."""
    if not name:
        return "a link name cannot be empty"
    if len(name) > LINK_NAME_MAX:
        return f"a link name has at most {LINK_NAME_MAX} characters"
    if name[0] not in _LETTERS:
        return "a link name starts with a letter"
    if any(c not in _LINK_CHARS for c in name):
        return "a link name has only letters, digits and _"
    stem = name.rstrip(string.digits)
    number = name[len(stem) :]
    if not number:
        return "a link name ends with a number, as in net0"
    if (number.startswith("0") and number != "0") or int(number) > _LINK_NUMBER_MAX:
        return "a link name's ending number has no leading zero and is at most 4294967294"
    return ""


def is_link_name(name: str) -> bool:
    """``name`` is a valid datalink name (dladm(8)): ``net0``, ``aggr0``, ``e1000g0``."""
    return not why_not_link_name(name)


def is_interface_name(name: str) -> bool:
    """``name`` is a valid IP interface name: IP interfaces take their datalink's name."""
    return is_link_name(name)


def is_addrobj_name(name: str) -> bool:
    """``name`` is a valid address object (ipadm(8)): ``net0/v4``, ``aggr0/v6a``."""
    interface, slash, tail = name.partition("/")
    return (
        bool(slash)
        and is_interface_name(interface)
        and 0 < len(tail) <= _ADDROBJ_STRING_MAX
        and tail[0] in _LETTERS
        and all(c in _ALNUM for c in tail)
    )


def why_not_domain_name(name: str) -> str:
    """Why ``name`` is not an LDoms domain name ("" when it is one)."""
    if not name:
        return "a domain name cannot be empty"
    if len(name) > LDM_NAME_MAX:
        return f"a domain name has at most {LDM_NAME_MAX} characters"
    if name[0] not in _ALNUM:
        return "a domain name starts with a letter or a digit"
    if any(c not in _LDM_CHARS for c in name):
        return "a domain name has only letters, digits and -_+#.:;~()"
    return ""


def is_domain_name(name: str) -> bool:
    """``name`` is a valid LDoms domain name: ``primary``, ``ldg6``, ``secondary-1``."""
    return not why_not_domain_name(name)


def is_vdevice_name(name: str) -> bool:
    """``name`` is a valid virtual switch or virtual network device name (same rule as a
    domain name): ``primary-vsw0``, ``vnet1``."""
    return is_domain_name(name)


def _is_any_name(name: str) -> bool:
    return is_link_name(name) or is_addrobj_name(name) or is_domain_name(name)


def shell_word(word: str) -> str:
    """``word`` as one sh word: as it is when it is a valid name the shell takes literally,
    else ``shlex.quote(word)`` (a name from the input can never be read as shell syntax)."""
    if word and _is_any_name(word) and all(c in _SHELL_LITERAL for c in word):
        return word
    return shlex.quote(word)


@attrs.frozen
class Name:
    """A name taken from the input (a link, a domain, an address object, ...): validated by
    ``kind`` and written with ``shell_word``."""

    value: str
    kind: str = "link"

    @property
    def valid(self) -> bool:
        check = _VALIDATORS.get(self.kind, _is_any_name)
        return check(self.value)


@attrs.frozen
class Placeholder:
    """What the reader fills in (``<a physical link>``): written in angle brackets, never taken
    from the input, so it cannot be confused with a name."""

    text: str

    def __str__(self) -> str:
        return f"<{self.text}>"


_VALIDATORS = {
    "link": is_link_name,
    "interface": is_interface_name,
    "addrobj": is_addrobj_name,
    "domain": is_domain_name,
    "vswitch": is_vdevice_name,
    "vnet": is_vdevice_name,
}

# A word of a command: a literal the program wrote ("dladm", "-l", "&&"), a name from the input,
# a placeholder, or pieces written together as one word ("net-dev=" + a placeholder).
Piece = Union[str, Name, Placeholder]
Word = Union[Piece, tuple[Piece, ...]]


def _piece(piece: Piece) -> str:
    if isinstance(piece, Name):
        return shell_word(piece.value)
    return str(piece)


def shell_command(words: Iterable[Word]) -> str:
    """The command line of ``words``: literals as written, names through ``shell_word``,
    placeholders in angle brackets."""
    return " ".join(
        "".join(_piece(p) for p in word) if isinstance(word, tuple) else _piece(word)
        for word in words
    )


def invalid_names(words: Iterable[Word]) -> list[Name]:
    """The names among ``words`` that are not valid names of their kind."""
    found = []
    for word in words:
        for piece in word if isinstance(word, tuple) else (word,):
            if isinstance(piece, Name) and not piece.valid:
                found.append(piece)
    return found

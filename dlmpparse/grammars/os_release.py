"""Grammars for the Oracle Solaris release a domain runs: ``uname -a``, ``uname -v``,
``uname -r``, ``uname -rv``, ``uname -srv`` and ``pkg info entire``.

DLMP over virtual network devices needs Oracle Solaris 11.4 in the guest and its service
domains. ``uname -v`` prints ``11.4.<SRU>.<build>.<n>`` on 11.4 (``11.4.0.15.0`` is 11.4 GA),
only ``11.3`` on 11.3 (``11.0`` ... ``11.2`` likewise); ``uname -r`` prints ``5.11`` for every
Solaris 11 and so cannot tell 11.3 from 11.4. uname prints the fields asked for in one fixed
order, whatever the order of the flags: sysname, nodename, release, version, machine,
processor, platform. ``pkg info entire`` prints ``Version: 11.4 (Oracle Solaris
11.4.0.0.1.15.0)`` on 11.4 and ``Version: 0.5.11 (Oracle Solaris 11.3.0.19.0)`` on 11.3, with
``Branch:``; its keys are right-aligned on the colon and a long Description goes on in lines
indented to the values' column.
Sources: FORMATS.md section 12 (blogs.oracle.com "What's in a uname"), real outputs cited in
tests/fixtures/SOURCES-os.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Callable, Optional

from ..commands import Invocation
from ..records import OsRelease, Record
from ._base import Assembler, Context, Grammar, only_rows, rows_of, unexpected
from ._cells import column
from ._table import Cell, Item, Layout, Row, RowKind, Shape, TableGrammar, normalise_line

__all__ = [
    "GRAMMARS",
    "PKG_INFO_ENTIRE",
    "UNAME_A",
    "UNAME_R",
    "UNAME_RV",
    "UNAME_SRV",
    "UNAME_V",
]

# What Oracle Solaris prints as the version: 11.x or 11.4.x.y.z (Solaris 11), Generic_<patch>
# (Solaris 10 and before), snv_<build> (Solaris 11 Express). illumos and Linux versions are
# refused: they are not Oracle Solaris.
_VERSION = r"11\.\d+(?:\.\d+)*|Generic(?:_[\w.-]+)?|snv_\d+[a-z]?"
# This module's patterns are kept as text and compiled by re on first use (re caches them):
# only uname and pkg output needs them, and compiling them at import cost every command's
# start-up about a millisecond.
_SOLARIS_11 = r"(11\.\d+)((?:\.\d+)*)"


def _release(
    version: Optional[str], kernel: Optional[str] = None
) -> tuple[Optional[str], Optional[int]]:
    """The release (11.4) and, for an 11.x version of five or more numbers, the SRU (its third
    number). ``5.10`` alone says Solaris 10; ``5.11`` alone says nothing more than Solaris 11."""
    if version:
        found = re.fullmatch(_SOLARIS_11, version)
        if found:
            numbers = version.split(".")
            sru = int(numbers[2]) if len(numbers) >= 5 else None
            return found.group(1), sru
    if kernel == "5.10":
        return "10", None
    return None, None


def _no_header(name: str, shape: Shape) -> Layout:
    return Layout(name, [], [shape])


# --- uname -------------------------------------------------------------------------------------

_SYSNAME = column("sysname", "sysname", r"SunOS", "SunOS (the operating system name)")
_NODENAME = column("nodename", "nodename", r"\S+", "the node name", generic=True)
_KERNEL = column("release", "kernel", r"5\.\d+", "the kernel release such as 5.11")
_UNAME_VERSION = column("version", "version", _VERSION, "a Solaris version such as 11.4.0.15.0")
_MACHINE = column("machine", "machine", r"sun4[a-z]|i86pc|i86xpv", "a machine: sun4v, i86pc")
_PROCESSOR = column("processor", "processor", r"sparc|i386", "the processor (sparc or i386)")
_PLATFORM = column("platform", "platform", r"\S+", "the platform", generic=True)


def _assemble_uname(source: str) -> Assembler:
    def assemble(events: Iterable[Item], context: Context) -> list[Record]:
        out: list[Record] = []
        for event in rows_of(events, "uname"):
            if out:
                raise context.error(event, f"{source} prints one line")
            cells = event.cells
            version = cells.get("version")
            release, sru = _release(version, cells.get("kernel"))
            out.append(
                OsRelease(
                    domain=cells.get("nodename"),
                    release=release,
                    version=version if version and version[0].isdigit() else None,
                    sru=sru,
                    source=source,
                    line=event.line,
                )
            )
        return out

    return assemble


def _exact_flags(letters: str) -> Callable[[Invocation], bool]:
    """uname with exactly these flags (in any order or grouping) and nothing else."""
    wanted = frozenset(letters)

    def accepts(invocation: Invocation) -> bool:
        return not invocation.options and not invocation.operands and invocation.flags == wanted

    return accepts


def _uname(flags: str, shape: Shape, summary: str) -> Grammar:
    key = f"uname -{flags}"
    return Grammar(
        key=key,
        program="uname",
        subcommand=None,
        table=TableGrammar(key, [_no_header(flags, shape)]),
        assemble=_assemble_uname(key),
        accepts=_exact_flags(flags),
        summary=summary,
    )


UNAME_A = _uname(
    "a",
    Shape(
        "uname",
        [
            Cell(_SYSNAME),
            Cell(_NODENAME),
            Cell(_KERNEL),
            Cell(_UNAME_VERSION),
            Cell(_MACHINE),
            Cell(_PROCESSOR),
            Cell(_PLATFORM, optional=True),
        ],
    ),
    "the Solaris release from uname -a",
)
UNAME_V = _uname("v", Shape("uname", [Cell(_UNAME_VERSION)]), "the Solaris release from uname -v")
UNAME_R = _uname("r", Shape("uname", [Cell(_KERNEL)]), "the Solaris release from uname -r")
UNAME_RV = _uname(
    "rv",
    Shape("uname", [Cell(_KERNEL), Cell(_UNAME_VERSION)]),
    "the Solaris release from uname -rv (also -vr, -r -v)",
)
UNAME_SRV = _uname(
    "srv",
    Shape("uname", [Cell(_SYSNAME), Cell(_KERNEL), Cell(_UNAME_VERSION)]),
    "the Solaris release from uname -srv (flags in any order)",
)

# --- pkg info entire ---------------------------------------------------------------------------

# The keys pkg(1) info prints for an installed package (Project URL and Source URL only for
# packages that declare them; Last Install/Update Time on newer pkg).
_KEYS = (
    "Name",
    "Summary",
    "Description",
    "Category",
    "State",
    "Publisher",
    "Version",
    "Build Release",
    "Branch",
    "Packaging Date",
    "Last Install Time",
    "Last Update Time",
    "Size",
    "FMRI",
    "Project URL",
    "Source URL",
)
# Keys whose value pkg goes on with in lines of their own: a wrapped Description, one more
# category per line.
_CONTINUABLE = frozenset({"Summary", "Description", "Category"})
_KEY_ALTERNATIVES = "|".join(_KEYS)
_PAIR = column(
    "Key: value",
    "pair",
    rf"(?:{_KEY_ALTERNATIVES}):(?:[ \t]+\S.*)?",
    "a pkg info line such as Version: 11.4 (Oracle Solaris 11.4.0.0.1.15.0)",
)
# Matched against a stripped line, so the value needs no trailing-blank trim: a lazy value
# before optional blanks and $ retried the blanks at every character (54 s at 100k blanks).
_PAIR_RE = rf"({_KEY_ALTERNATIVES}):[ \t]*(.*)"
_CONTINUED = r"[ \t]{8,}\S"
_LOOKS_LIKE_KEY = r"[ \t]*([A-Z][\w ]*?):(?:[ \t]|$)"
# Version: <IPS version> [(<human version>)]; Oracle's human version is "Oracle Solaris 11.x...".
_PKG_VERSION = r"\S+(?: \((?P<human>[^()]*)\))?"
_HUMAN = r"Oracle Solaris (11\.\d+(?:\.\d+)*)"
# Branch: 0.175.<update>.<sru>.<n>.<build>.<n> (11.0-11.3), 11.4.<sru>.<n>.<n>.<build>.<n> (11.4).
_BRANCH_175 = r"0\.175\.(\d+)\.(\d+)(?:\.\d+)*"
_BRANCH_11 = r"11\.(\d+)\.(\d+)(?:\.\d+)*"


def _pkg_continued(line: str) -> Optional[RowKind]:
    # A line indented deeper than any key (the shortest right-aligned key sits at column 10):
    # a continued value, or an unknown key; the assembler tells which by the colon's column.
    if re.match(_CONTINUED, line) and not re.match(_PAIR_RE, line.strip()):
        return "continued"
    return None


def _indent(event: Row) -> int:
    line = normalise_line(event.text)
    return len(line) - len(line.lstrip(" \t"))


def _colon_column(event: Row) -> int:
    line = normalise_line(event.text)
    return _indent(event) + line.strip().index(":")


def _from_branch(branch: Optional[str]) -> tuple[Optional[str], Optional[int]]:
    """Release and SRU from the IPS branch when Version has no Oracle Solaris version."""
    if branch:
        for pattern in (_BRANCH_175, _BRANCH_11):
            found = re.fullmatch(pattern, branch)
            if found:
                return f"11.{found.group(1)}", int(found.group(2))
    return None, None


def _assemble_pkg(events: Iterable[Item], context: Context) -> list[Record]:
    pairs: dict[str, tuple[str, Row]] = {}
    last: Optional[tuple[str, Row]] = None
    final: Optional[Row] = None
    for event in only_rows(events):
        final = event
        if event.kind == "continued":
            _check_continued(event, last, context)
            continue
        if event.kind != "pair":
            unexpected(event)
        found = re.match(_PAIR_RE, (event.cells["pair"] or "").strip())
        assert found is not None
        key, value = found.group(1), found.group(2)
        if key in pairs:
            raise context.error(event, f"{key} is given twice: pkg info entire prints one package")
        pairs[key] = (value, event)
        last = (key, event)
    if not pairs:
        return []
    name = pairs.get("Name")
    if name is None or name[0] not in ("entire", "pkg:/entire"):
        where = name[1] if name else next(iter(pairs.values()))[1]
        raise context.error(where, "expected Name: entire (the output of pkg info entire)")
    if "Version" not in pairs:
        assert final is not None
        raise context.error(
            final, "pkg info prints a Version line: this output is cut short or filtered"
        )
    value, version_event = pairs["Version"]
    found_version = re.fullmatch(_PKG_VERSION, value)
    if found_version is None:
        raise context.error(
            version_event,
            "expected Version: <version> (Oracle Solaris 11.x...)",
            _colon_column(version_event) + 2,
        )
    branch = pairs["Branch"][0] if "Branch" in pairs else None
    human = re.fullmatch(_HUMAN, found_version.group("human") or "")
    version: Optional[str] = None
    if human is not None:
        version = human.group(1)
        release, _ = _release(version)
        # The SRU is the third number: 11.4.0.0.1.15.0 (11.4 GA) -> 0, 11.3.8.7.0 -> 8.
        numbers = version.split(".")
        sru = int(numbers[2]) if len(numbers) >= 3 else None
    else:
        release, sru = _from_branch(branch)
    return [
        OsRelease(
            domain=None,
            release=release,
            version=version,
            sru=sru,
            branch=branch,
            source="pkg info entire",
            line=version_event.line,
        )
    ]


def _check_continued(event: Row, last: Optional[tuple[str, Row]], context: Context) -> None:
    """A deeply indented line without a known key continues the value above it: it must start
    right of that line's colon, under a key pkg goes on with."""
    indent = _indent(event)
    if last is not None and last[0] in _CONTINUABLE and indent > _colon_column(last[1]):
        return
    looks = re.match(_LOOKS_LIKE_KEY, normalise_line(event.text))
    if looks is not None and (last is None or indent <= _colon_column(last[1])):
        raise context.error(
            event, f"{looks.group(1)} is not a key pkg info prints ({', '.join(_KEYS)})"
        )
    after = f" {last[0]}" if last is not None else " a key"
    raise context.error(
        event,
        f"expected a pkg info line such as Version: ...; an indented line cannot go on{after}",
    )


def _accepts_pkg(invocation: Invocation) -> bool:
    # -l (installed packages) is pkg info's default; -r would show the repository's newest
    # entire, not the installed one, and is refused.
    operands = invocation.operands
    return (
        invocation.flags <= {"l"}
        and not invocation.options
        and len(operands) == 1
        and re.fullmatch(r"(?:pkg:/|pkg://[^/\s]+/)?entire", operands[0]) is not None
    )


PKG_INFO_ENTIRE = Grammar(
    key="pkg info entire",
    program="pkg",
    subcommand="info",
    table=TableGrammar(
        "pkg info entire",
        [_no_header("pkg", Shape("pair", [Cell(_PAIR)]))],
        extra_lines=_pkg_continued,
    ),
    assemble=_assemble_pkg,
    accepts=_accepts_pkg,
    summary="the installed Oracle Solaris release, from the entire incorporation",
)

GRAMMARS: tuple[Grammar, ...] = (UNAME_A, UNAME_V, UNAME_R, UNAME_RV, UNAME_SRV, PKG_INFO_ENTIRE)

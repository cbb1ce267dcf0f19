"""Grammars for the Oracle Solaris release a domain runs: ``uname -a``, ``uname -v``,
``uname -r`` and ``pkg info entire``.

DLMP over virtual network devices needs Oracle Solaris 11.4 in the guest and its service
domains. ``uname -v`` prints ``11.4.<SRU>.<build>.<n>`` on 11.4 (``11.4.0.15.0`` is 11.4 GA),
only ``11.3`` on 11.3; ``uname -r`` prints ``5.11`` for every Solaris 11 and so cannot tell
11.3 from 11.4. ``pkg info entire`` prints ``Version: 11.4 (Oracle Solaris 11.4.0.0.1.15.0)``
on 11.4 and ``Version: 0.5.11 (Oracle Solaris 11.3.0.19.0)`` on 11.3, with ``Branch:``.
Sources: FORMATS.md section 12 (blogs.oracle.com "What's in a uname"), real outputs cited in
tests/fixtures/SOURCES-os.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from ..commands import Invocation
from ..records import OsRelease, Record
from ._base import Context, Grammar, only_flags
from ._cells import column
from ._table import Cell, Event, Layout, Shape, TableGrammar

__all__ = ["GRAMMARS", "PKG_INFO_ENTIRE", "UNAME_A", "UNAME_R", "UNAME_V"]

_VERSION = r"\d+(?:\.\d+)*|Generic(?:_[\w-]+)?"
_SOLARIS_11 = re.compile(r"(11\.\d+)((?:\.\d+)*)")


def _release(
    version: Optional[str], kernel: Optional[str] = None
) -> tuple[Optional[str], Optional[int]]:
    """The release (11.4) and, for an 11.x version of five or more numbers, the SRU."""
    if version:
        found = _SOLARIS_11.fullmatch(version)
        if found:
            numbers = version.split(".")
            sru = int(numbers[2]) if len(numbers) >= 5 else None
            return found.group(1), sru
    if kernel == "5.10":
        return "10", None
    return None, None


def _no_header(name: str, shape: Shape) -> Layout:
    return Layout(name, [], [shape])


# --- uname -a --------------------------------------------------------------------------------

_UNAME_A = (
    column("sysname", "sysname", r"SunOS", "SunOS (the operating system name)"),
    column("nodename", "nodename", r"\S+", "the node name", generic=True),
    column("release", "kernel", r"5\.\d+", "the kernel release such as 5.11"),
    column("version", "version", _VERSION, "the version such as 11.4.0.15.0"),
    column("machine", "machine", r"sun4[a-z]|i86pc|i86xpv", "a machine such as sun4v or i86pc"),
    column("processor", "processor", r"sparc|i386", "the processor (sparc or i386)"),
    column("platform", "platform", r"\S+", "the platform", generic=True),
)


def _assemble_uname(source: str) -> object:
    def assemble(events: Sequence[Event], context: Context) -> list[Record]:
        out: list[Record] = []
        for event in events:
            if event.kind != "uname":
                continue
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


def _uname(flag: str, shape: Shape) -> Grammar:
    assemble = _assemble_uname(f"uname -{flag}")
    return Grammar(
        key=f"uname -{flag}",
        program="uname",
        subcommand=None,
        table=TableGrammar(f"uname -{flag}", [_no_header(flag, shape)]),
        assemble=assemble,  # type: ignore[arg-type]
        accepts=only_flags(flag, required=flag),
        summary=f"the Solaris release from uname -{flag}",
    )


UNAME_A = _uname(
    "a",
    Shape("uname", [*(Cell(c) for c in _UNAME_A[:6]), Cell(_UNAME_A[6], optional=True)]),
)
UNAME_V = _uname(
    "v",
    Shape("uname", [Cell(column("version", "version", _VERSION, "a version such as 11.4.0.15.0"))]),
)
UNAME_R = _uname(
    "r", Shape("uname", [Cell(column("release", "kernel", r"5\.\d+", "a release such as 5.11"))])
)

# --- pkg info entire -------------------------------------------------------------------------

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
)
_PAIR = column(
    "Key: value",
    "pair",
    rf"(?:{'|'.join(_KEYS)}):(?:[ \t]+\S.*)?",
    "a pkg info line such as Version: 11.4 (Oracle Solaris 11.4.0.0.1.15.0)",
)
_PAIR_RE = re.compile(rf"({'|'.join(_KEYS)}):[ \t]*(.*?)[ \t]*$")
_CONTINUED = re.compile(r"[ \t]{8,}\S")
_PKG_VERSION = re.compile(r"\S+ \(Oracle Solaris (\d+(?:\.\d+)+)\)")


def _pkg_continued(line: str) -> Optional[str]:
    # A wrapped Description: a line indented to the values' column, with no "Key:" of its own.
    if _CONTINUED.match(line) and not _PAIR_RE.match(line.strip()):
        return "continued"
    return None


def _assemble_pkg(events: Sequence[Event], context: Context) -> list[Record]:
    pairs: dict[str, tuple[str, Event]] = {}
    last: Optional[str] = None
    for event in events:
        if event.kind == "continued":
            if last not in ("Description", "Summary"):
                raise context.error(event, "expected a pkg info line such as Version: ...")
            continue
        if event.kind != "pair":
            continue
        found = _PAIR_RE.match((event.cells["pair"] or "").strip())
        assert found is not None
        key, value = found.group(1), found.group(2)
        if key in pairs:
            raise context.error(event, f"{key} is given twice")
        pairs[key] = (value, event)
        last = key
    if not pairs:
        return []
    name = pairs.get("Name")
    if name is None or name[0] != "entire":
        where = name[1] if name else next(iter(pairs.values()))[1]
        raise context.error(where, "expected the package entire (pkg info entire)")
    version_line = pairs.get("Version")
    version = release = None
    sru = None
    line = name[1].line
    if version_line is not None:
        line = version_line[1].line
        found = _PKG_VERSION.fullmatch(version_line[0])
        if found is None:
            raise context.error(version_line[1], "expected Version: <n> (Oracle Solaris 11.x...)")
        version = found.group(1)
        release, sru = _release(version)
        if sru is None and release is not None and len(version.split(".")) >= 3:
            sru = int(version.split(".")[2])
    branch = pairs.get("Branch")
    return [
        OsRelease(
            domain=None,
            release=release,
            version=version,
            sru=sru,
            branch=branch[0] if branch else None,
            source="pkg info entire",
            line=line,
        )
    ]


def _accepts_pkg(invocation: Invocation) -> bool:
    return (
        not invocation.flags
        and not invocation.options
        and invocation.operands in (("entire",), ("pkg:/entire",))
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

GRAMMARS: tuple[Grammar, ...] = (UNAME_A, UNAME_V, UNAME_R, PKG_INFO_ENTIRE)

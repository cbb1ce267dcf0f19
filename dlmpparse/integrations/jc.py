"""jc local parser plugins, one per grammar: ``jc --dladm-show-aggr-x`` and
``jc.parse('dladm_show_aggr_x', text)`` read with dlmpparse.

Each plugin is a small module written by ``python -m dlmpparse jc-plugins``: jc's ``info``
class, a docstring with jc's usage and ``Schema:`` sections, and a ``parse`` that calls
``dlmpparse.parse`` (the plugin imports dlmpparse; it copies no parsing). Its output is
``dlmpparse.to_dict`` of each record, as ``parse --command`` prints (docs/schema.md).

jc finds local plugins in ``<user data dir>/jc/jcparsers`` (``$XDG_DATA_HOME/jc/jcparsers``,
by default ``~/.local/share/jc/jcparsers``, on Linux and Solaris; jc's README, "Parser
Plugins"), imports them as ``jcparsers.<name>``, and takes a plugin that has ``info`` and
``parse``.

A grammar gets a plugin when its command line alone says how to read the text. The
``-p -o FIELDS`` forms of dladm and ipadm do not: their lines carry no header, and a plugin is
given the text only; read them with ``python -m dlmpparse parse --command 'CMD -p -o FIELDS'``.
"""

from __future__ import annotations

import importlib
import os
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

import attrs

from .. import __version__, records
from ..errors import ParseError
from ..grammars import GRAMMARS, Grammar, select
from ..records import Record

__all__ = [
    "RECORDS_OF",
    "plugin_directory",
    "plugin_grammars",
    "plugin_name",
    "plugin_source",
    "plugin_sources",
    "write_plugins",
]

# The record types each command's plugin returns, for its Schema section (tests/test_jc.py
# holds this against every fixture's records). A form with chosen columns (-o) gives the
# records of its command.
RECORDS_OF: Mapping[str, tuple[type[Record], ...]] = {
    "dladm show-phys": (records.PhysicalLink,),
    "dladm show-phys -m": (records.PhysicalAddress,),
    "dladm show-phys -L": (records.PhysicalLocation,),
    "dladm show-aggr": (records.Aggregation,),
    "dladm show-aggr -x": (records.AggregationDetail,),
    "dladm show-aggr -S": (records.ProbeStatus,),
    "dladm show-link": (records.Link,),
    "dladm": (records.Link,),
    "dladm show-etherstub": (records.Etherstub,),
    "dladm show-vnic": (records.Vnic,),
    "ipadm": (records.IpInterface, records.IpAddress),
    "ipadm show-if": (records.IpInterface,),
    "ipadm show-addr": (records.IpAddress,),
    "ldm list-netdev": (records.NetDevice,),
    "ldm list-netdev -p": (records.NetDevice,),
    "ldm list -o network": (records.VirtualNetwork, records.VirtualSwitch),
    "ldm list -o network -p": (records.VirtualNetwork, records.VirtualSwitch),
    "ldm list-services": (records.VirtualSwitch, records.UnreadSection),
    "ldm list-services -p": (records.VirtualSwitch,),
    "ldm list -l": (records.VirtualNetwork, records.VirtualSwitch, records.UnreadSection),
    "ldm list-bindings": (records.VirtualNetwork, records.VirtualSwitch, records.UnreadSection),
    "ldm list-bindings -p": (records.VirtualNetwork, records.VirtualSwitch),
    "ldm list": (records.Domain,),
    "ldm list -p": (records.Domain,),
    "uname -a": (records.OsRelease,),
    "uname -v": (records.OsRelease,),
    "uname -r": (records.OsRelease,),
    "uname -rv": (records.OsRelease,),
    "uname -srv": (records.OsRelease,),
    "pkg info entire": (records.OsRelease,),
    "uname -n": (records.NodeName,),
    "hostname": (records.NodeName,),
    "virtinfo -a": (records.VirtualizationInfo,),
}


def _base_key(grammar: Grammar) -> str:
    # "dladm show-phys -m -o" (chosen columns) gives the records of "dladm show-phys -m".
    if grammar.program in ("dladm", "ipadm") and grammar.key.endswith(" -o"):
        return grammar.key[: -len(" -o")]
    return grammar.key


def records_of(grammar: Grammar) -> tuple[type[Record], ...]:
    """The record types ``grammar``'s plugin returns."""
    return RECORDS_OF[_base_key(grammar)]


def plugin_grammars() -> tuple[Grammar, ...]:
    """The grammars that get a plugin: those their own command line selects (not the
    ``-p -o FIELDS`` forms, whose fields only the command line names)."""
    chosen = []
    for grammar in GRAMMARS:
        try:
            selected, _ = select(grammar.key)
        except ParseError:
            continue
        if selected is grammar:
            chosen.append(grammar)
    return tuple(chosen)


def plugin_name(grammar: Grammar) -> str:
    """The plugin's module name: ``dladm_show_aggr_x`` (jc's option ``--dladm-show-aggr-x``)."""
    return grammar.slug.replace("-", "_")


def _jc_type(hint: Any) -> str:
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is Union:
        [inner] = [a for a in arguments if a is not type(None)]
        return f"{_jc_type(inner)}/null"
    if origin in (tuple, frozenset):
        return "array"
    if isinstance(hint, type) and attrs.has(hint):
        return "object"
    return {str: "string", int: "integer", bool: "boolean"}[hint]


_NOTES = {
    "speed": "Mb/s",
    "line": "1-based input line",
    "not_shown": "only when the output left fields out",
    "extra": "object",
    "field_lines": "object",
    "ports": "AggregationPort objects",
}


def _schema(types: tuple[type[Record], ...]) -> list[str]:
    """jc's ``Schema:`` section: one object per record type, fields as ``to_dict`` writes them."""
    out = ["    ["]
    for number, cls in enumerate(types):
        hints = typing.get_type_hints(cls)
        out.append("      {")
        rows = [("record", f'"{cls.__name__}"', "")]
        for field in attrs.fields(cls):
            # Pairs, written as an object (records.to_dict).
            is_object = field.name in ("extra", "field_lines")
            kind = "object" if is_object else _jc_type(hints[field.name])
            rows.append((field.name.rstrip("_"), kind, _NOTES.get(field.name, "")))
        width = max(len(name) for name, _, _ in rows) + 4
        for index, (name, kind, note) in enumerate(rows):
            comma = "," if index < len(rows) - 1 else ""
            cell = f'"{name}":'.ljust(width) + kind + comma
            out.append(f"        {cell}" + (f"    # {note}" if note else ""))
        out.append("      }" + ("," if number < len(types) - 1 else ""))
    out.append("    ]")
    return out


def plugin_source(grammar: Grammar) -> str:
    """The text of ``grammar``'s jc plugin module."""
    name = plugin_name(grammar)
    option = "--" + name.replace("_", "-")
    lines = [
        f'r"""jc - JSON Convert `{grammar.key}` command output parser (dlmpparse)',
        "",
        f"Oracle Solaris {grammar.summary}.",
        "",
        f"Generated by `python -m dlmpparse jc-plugins` (dlmpparse {__version__}); it reads",
        "with the installed dlmpparse package. Records as `dlmpparse parse --command` prints",
        "them: see dlmpparse's docs/schema.md. `-r` (raw) gives the same output.",
        "",
        "Usage (cli):",
        "",
        f"    $ {grammar.key} | jc {option}",
        "",
        "Usage (module):",
        "",
        "    import jc",
        f"    result = jc.parse('{name}', {name}_command_output)",
        "",
        "Schema:",
        "",
        *_schema(records_of(grammar)),
        '"""',
        "",
        "from typing import Any, Dict, List",
        "",
        "import jc.utils",
        "",
        "import dlmpparse",
        "",
        "",
        "class info:",
        '    """Provides parser metadata (version, author, etc.)"""',
        "",
        f"    version = {__version__!r}",
        f"    description = {f'`{grammar.key}` command parser (dlmpparse)'!r}",
        "    author = 'dlmpparse'",
        "    author_email = ''",
        "    compatible = ['linux', 'darwin', 'cygwin', 'win32', 'aix', 'freebsd', 'sunos5']",
        "    tags = ['command']",
        f"    magic_commands = [{grammar.key!r}]",
        "",
        "",
        "__version__ = info.version",
        f"COMMAND = {grammar.key!r}",
        "",
        "",
        "def parse(data: str, raw: bool = False, quiet: bool = False) -> List[Dict[str, Any]]:",
        '    """The records of `COMMAND`\'s output `data`; dlmpparse.ParseError (with the line,',
        '    column and a caret) when it is not that command\'s output."""',
        "    jc.utils.compatibility(__name__, info.compatible, quiet)",
        "    jc.utils.input_type_check(data)",
        "    if not jc.utils.has_data(data):",
        "        return []",
        "    return [dlmpparse.to_dict(r) for r in dlmpparse.parse(COMMAND, data)]",
        "",
    ]
    return "\n".join(lines)


def plugin_sources() -> dict[str, str]:
    """File name (``dladm_show_aggr_x.py``) -> plugin text, for every plugin grammar."""
    return {f"{plugin_name(g)}.py": plugin_source(g) for g in plugin_grammars()}


def plugin_directory(environ: Optional[Mapping[str, str]] = None) -> Path:
    """jc's local plugin directory: jc's own answer when jc is importable, else the XDG rule
    jc follows on Linux and Solaris (``$XDG_DATA_HOME/jc/jcparsers``, by default
    ``~/.local/share/jc/jcparsers``)."""
    if environ is None:
        try:
            appdirs: Any = importlib.import_module("jc.appdirs")
            return Path(str(appdirs.user_data_dir("jc", "jc"))) / "jcparsers"
        except ImportError:
            environ = os.environ
    base = environ.get("XDG_DATA_HOME", "").strip() or os.path.join(
        environ.get("HOME") or os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "jc" / "jcparsers"


def write_plugins(directory: Path) -> list[Path]:
    """Write every plugin into ``directory`` (made if missing); the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in plugin_sources().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


"""The command line: a thin shell around the library (argument parsing, I/O, exit codes).

Exit codes: 0 all read (``check``: every rule passed), 1 (``check``) a rule failed, 2 input
that could not be read, shown with the caret message.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import IO, Any, Optional

from . import __version__
from .check import check
from .errors import ParseError
from .grammars import parse, supported_commands
from .reader import Reading, read_transcript
from .records import SCHEMA_VERSION, to_dict
from .report import EXIT_OK, EXIT_UNREADABLE, render_json, render_text

__all__ = ["main"]


def example_transcript() -> str:
    """The built-in example: the commands and outputs of Oracle's DLMP-over-vnets blog post."""
    from importlib import resources

    return (resources.files("dlmpparse") / "data" / "example.txt").read_text(encoding="utf-8")


def _read_input(paths: Sequence[str], stdin: IO[str]) -> str:
    if not paths:
        data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        return _decode(data)
    parts = []
    for path in paths:
        with open(path, "rb") as handle:
            parts.append(_decode(handle.read()))
    return "".join(p if p.endswith("\n") or not p else p + "\n" for p in parts)


def _decode(data: object) -> str:
    if isinstance(data, str):
        return data
    assert isinstance(data, bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Terminal logs from older systems are often Latin-1; every byte decodes.
        return data.decode("latin-1")


def _dump(data: Any, pretty: bool, out: IO[str]) -> None:
    # Imported here: the text report, the common case, does not need it at start-up.
    import json

    json.dump(data, out, indent=2 if pretty else None, ensure_ascii=False)
    out.write("\n")


def reading_to_dict(reading: Reading) -> dict[str, Any]:
    """A transcript reading as JSON-ready data (``parse`` without ``--command``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "blocks": [
            {
                "line": r.line,
                "domain": r.domain,
                "command": r.command,
                "grammar": r.grammar,
                "status": r.status,
                "reason": r.reason,
                "records": [to_dict(rec) for rec in r.records],
                "error": r.error.to_dict() if r.error else None,
            }
            for r in reading.results
        ],
        "ignored": [i.to_dict() for i in reading.ignored],
    }


def _cmd_parse(args: argparse.Namespace, stdin: IO[str], out: IO[str], err: IO[str]) -> int:
    text = _read_input([args.file] if args.file else [], stdin)
    if args.command:
        try:
            records = parse(args.command, text)
        except ParseError as exc:
            err.write(f"dlmpparse: {exc}\n")
            return EXIT_UNREADABLE
        _dump([to_dict(r) for r in records], args.pretty, out)
        return EXIT_OK
    reading = read_transcript(text)
    _dump(reading_to_dict(reading), args.pretty, out)
    for error in reading.errors:
        err.write(f"dlmpparse: {error}\n")
    if reading.errors:
        return EXIT_UNREADABLE
    if not any(r.status == "read" for r in reading.results):
        err.write(
            "dlmpparse: no command output found: paste each command with its prompt line "
            "(primary# dladm show-phys) or with its table header\n"
        )
        return EXIT_UNREADABLE
    return EXIT_OK


def _members(value: str) -> list[str]:
    links = [v for v in value.replace(" ", ",").split(",") if v]
    if not links:
        raise argparse.ArgumentTypeError("give member links as net0,net1")
    return links


def _cmd_check(args: argparse.Namespace, stdin: IO[str], out: IO[str], err: IO[str]) -> int:
    if args.example:
        if args.files:
            err.write("dlmpparse: give either --example or FILE, not both\n")
            return EXIT_UNREADABLE
        text = example_transcript()
    else:
        text = _read_input(args.files, stdin)
    report = check(text, guest=args.guest, members=args.members, strict=args.strict)
    if args.format == "json":
        _dump(render_json(report), True, out)
    else:
        out.write(render_text(report))
    return report.exit_code


def _cmd_collect(args: argparse.Namespace, stdin: IO[str], out: IO[str], err: IO[str]) -> int:
    # Imported here: only this command needs it (and shlex), not check's start-up.
    from .collect import collect_script

    out.write(collect_script(args.guest))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlmpparse",
        description="Read Oracle Solaris dladm/ipadm and LDoms ldm output; check DLMP "
        "aggregation over virtual network devices.",
    )
    parser.add_argument("--version", action="version", version=f"dlmpparse {__version__}")
    sub = parser.add_subparsers(dest="action", required=True)
    p_parse = sub.add_parser(
        "parse",
        help="print the records read from command output as JSON",
        description="Read a transcript (prompt lines say which command printed what) or, with "
        "--command, one command's output, and print the records as JSON. Supported commands: "
        + "; ".join(supported_commands()),
    )
    p_parse.add_argument(
        "--command", help='the command that printed FILE, e.g. "dladm show-aggr -x"'
    )
    p_parse.add_argument("--pretty", action="store_true", help="indent the JSON")
    p_parse.add_argument("file", nargs="?", help="input file (standard input without it)")
    p_parse.set_defaults(run=_cmd_parse)

    p_check = sub.add_parser(
        "check",
        help="check the DLMP-over-vnets preconditions and health shown in a transcript",
        description="Read a pasted transcript of the control, service and guest domains "
        "(prompts such as primary#, ldg6# say which domain ran what) and report, rule by rule, "
        "whether DLMP aggregation over virtual network devices will work and is healthy. Exit "
        "0: no rule failed; 1: a rule failed; 2: input could not be read.",
    )
    p_check.add_argument("files", nargs="*", metavar="FILE", help="transcripts (stdin without)")
    p_check.add_argument("--format", choices=("text", "json"), default="text")
    p_check.add_argument(
        "--guest",
        help="check only this guest domain (and take blocks with a "
        "host-less prompt such as # as its)",
    )
    p_check.add_argument(
        "--members",
        type=_members,
        help="the aggregation's member links, "
        "e.g. net0,net1 (default: from dladm create-aggr, show-aggr -x, or the "
        "guest's VNET links)",
    )
    p_check.add_argument(
        "--strict",
        action="store_true",
        help="skipped rules, warnings and ignored text count as failures",
    )
    p_check.add_argument(
        "--example",
        action="store_true",
        help="check the built-in example "
        "transcript (the commands of Oracle's DLMP-over-vnets blog post)",
    )
    p_check.set_defaults(run=_cmd_check)

    p_collect = sub.add_parser(
        "collect-script",
        help="print a sh script that collects the evidence check reads",
        description="Print a POSIX sh script to run in the control domain, the service domains "
        "and the guest. It runs only list/show commands, each after a <domain># prompt line; "
        "its outputs, concatenated, are a transcript that check reads.",
    )
    p_collect.add_argument("--guest", help="limit the ldm listings to this guest domain")
    p_collect.set_defaults(run=_cmd_collect)
    return parser


def main(
    argv: Optional[Sequence[str]] = None,
    *,
    stdin: Optional[IO[str]] = None,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    """Run the CLI; returns the exit code (the console script passes it to ``sys.exit``)."""
    stdin = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args, stdin, out, err)
    except OSError as exc:
        err.write(f"dlmpparse: {exc}\n")
        return EXIT_UNREADABLE
    return code


def console() -> None:
    code = main()
    # The process ends here. On the way out Python collects garbage, going through every
    # object the imports made (attrs classes, pyparsing's elements, ...) at least twice: some
    # 20 ms, a sixth of a check's run time. Frozen objects are left out of those collections;
    # their memory goes back with the process.
    gc.freeze()
    sys.exit(code)

"""The command line: a thin shell around the library (argument parsing, I/O, exit codes).

Exit codes: 0 all read (``check``: a precondition checked for every guest, no rule failed),
1 (``check``) a rule failed, 2 input that could not be used (unreadable, shown with the caret
message; nothing checked) or a bad option, 130 interrupted; ``check --format nagios`` exits as a
Nagios plugin (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).

It never prints a traceback: closed standard streams, a reader that goes away (``| head``),
Ctrl-C and bad options each end with one line on standard error. Output is rendered to a
string first and written in one piece with SIGINT held off, so what reaches standard output
is a whole report (or document) or nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Sequence
from typing import IO, Any, NoReturn, Optional

from . import __version__
from ._text import decode
from .errors import ParseError
from .grammars import parse, supported_commands
from .names import why_not_domain_name, why_not_link_name
from .pipeline import check
from .reader import Reading, read_transcript
from .records import SCHEMA_VERSION, to_dict
from .report import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREADABLE,
    MissingExtra,
    Report,
    nagios_status,
    render_json,
    render_json_lines,
    render_nagios,
    render_prometheus,
    render_text,
)
from .report.nagios import NAGIOS_UNKNOWN
from .sources import Sources

__all__ = ["EXIT_INTERRUPTED", "main"]

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C

_MAX_LINES_NAMED = 10

_CHECK_EPILOG = f"""\
examples:
  dlmpparse check primary.txt ldg5.txt ldg6.txt
  dlmpparse check --guest ldg6 --members net0,net1 transcript.txt
  ssh ldg6 sh < collect.sh | dlmpparse check primary.txt -
  dlmpparse check --example --format json
  dlmpparse check --format nagios primary.txt ldg5.txt ldg6.txt
  dlmpparse check --format prometheus -o /var/lib/node_exporter/dlmp.prom *.txt

exit status (with --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN instead):
  {EXIT_OK:<4} at least one precondition checked for every guest, and no rule failed
       (warnings and skips allowed, unless --strict)
  {EXIT_FAILED:<4} a rule failed (with --strict: also a warning, a skip or ignored text)
  {EXIT_UNREADABLE:<4} the input could not be used: an unreadable block, no guest or
       aggregation found, or nothing could be checked for a guest; or a bad option
  {EXIT_INTERRUPTED:<4} interrupted (Ctrl-C): standard output holds the whole report or nothing
"""


def example_transcript() -> str:
    """The built-in example: the commands and outputs of Oracle's DLMP-over-vnets blog post."""
    from importlib import resources

    return (resources.files("dlmpparse") / "data" / "example.txt").read_text(encoding="utf-8")


class _Unusable(Exception):
    """Input or output that cannot be used: one line for standard error, exit 2."""


def _say(err: Optional[IO[str]], message: str) -> None:
    """One line to standard error, if there is one to write to."""
    if err is None:
        return
    try:
        err.write(f"dlmpparse: {message}\n")
        err.flush()
    except (OSError, ValueError):
        pass


def _read_input(
    paths: Sequence[str], stdin: Optional[IO[str]], err: Optional[IO[str]], what: str
) -> list[tuple[Optional[str], str]]:
    """The text of each of ``paths`` with its name (``-``: standard input, named None; none:
    standard input), decoded with ``_text.decode`` and the replaced lines reported on
    standard error."""
    if not paths:
        paths = ["-"]
        if stdin is not None and _isatty(stdin):
            _say(err, f"reading {what} from the terminal: paste it, then Ctrl-D (see --help)")
    parts: list[tuple[Optional[str], str]] = []
    for path in paths:
        if path == "-":
            if stdin is None:
                raise _Unusable("standard input is closed: give FILE (or --example)")
            buffer = getattr(stdin, "buffer", None)
            if buffer is None:  # a StringIO in tests: already text
                parts.append((None, stdin.read()))
                continue
            data, name = buffer.read(), "standard input"
        else:
            with open(path, "rb") as handle:
                data, name = handle.read(), path
        decoded = decode(data)
        if decoded.replaced_lines:
            lines = decoded.replaced_lines
            shown = ", ".join(str(n) for n in lines[:_MAX_LINES_NAMED])
            hidden = len(lines) - _MAX_LINES_NAMED
            more = f" and {hidden} more" if hidden > 0 else ""
            _say(
                err,
                f"{name}: bytes that are not {decoded.encoding} replaced with U+FFFD on "
                f"line{'s' if len(lines) > 1 else ''} {shown}{more}",
            )
        parts.append((None if path == "-" else path, decoded.text))
    return parts


def _read_text(
    paths: Sequence[str], stdin: Optional[IO[str]], err: Optional[IO[str]], what: str
) -> str:
    return Sources.join(_read_input(paths, stdin, err, what))[0]


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _write_whole(out: IO[str], text: str) -> None:
    """Write ``text`` in one piece: SIGINT is held off until it is written and flushed, so an
    interrupted run leaves the whole text or nothing. A reader that went away (``| head``)
    is not an error: the rest is dropped quietly."""
    mask = getattr(signal, "pthread_sigmask", None)
    held = mask(signal.SIG_BLOCK, {signal.SIGINT}) if mask is not None else None
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        _drop_output(out)
    finally:
        if mask is not None and held is not None:
            mask(signal.SIG_SETMASK, held)


def _drop_output(out: IO[str]) -> None:
    # What is still buffered would be flushed, and fail again, when Python exits.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _dump(data: Any, pretty: bool, out: IO[str]) -> None:
    # Imported here: the text report, the common case, does not need it at start-up.
    import json

    _write_whole(out, json.dumps(data, indent=2 if pretty else None, ensure_ascii=False) + "\n")


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


def _cmd_parse(
    args: argparse.Namespace, stdin: Optional[IO[str]], out: IO[str], err: Optional[IO[str]]
) -> int:
    what = "command output" if args.command else "a transcript"
    text = _read_text([args.file] if args.file else [], stdin, err, what)
    if args.command:
        try:
            records = parse(args.command, text)
        except ParseError as exc:
            _say(err, str(exc))
            return EXIT_UNREADABLE
        _dump([to_dict(r) for r in records], args.pretty, out)
        return EXIT_OK
    reading = read_transcript(text)
    _dump(reading_to_dict(reading), args.pretty, out)
    for error in reading.errors:
        _say(err, str(error))
    if reading.errors:
        return EXIT_UNREADABLE
    if not any(r.status == "read" for r in reading.results):
        _say(
            err,
            "no command output found: paste each command with its prompt line "
            "(primary# dladm show-phys) or with its table header",
        )
        return EXIT_UNREADABLE
    return EXIT_OK


def _members(value: str) -> list[str]:
    links = [v for v in value.replace(" ", ",").split(",") if v]
    if not links:
        raise argparse.ArgumentTypeError("give member links as net0,net1")
    for link in links:
        why = why_not_link_name(link)
        if why:
            raise argparse.ArgumentTypeError(f"{link!r} is not a link name: {why}")
    return links


def _domain(value: str) -> str:
    why = why_not_domain_name(value)
    if why:
        raise argparse.ArgumentTypeError(f"{value!r} is not a domain name: {why}")
    return value


FORMATS = ("text", "json", "json-lines", "nagios", "junit", "prometheus")


def _transcript(
    args: argparse.Namespace, stdin: Optional[IO[str]], err: Optional[IO[str]]
) -> tuple[str, Sources]:
    """The transcript to check: the built-in example, or the files (stdin without any)."""
    if args.example:
        return example_transcript(), Sources()
    return Sources.join(_read_input(args.files, stdin, err, "a transcript"))


def _cmd_check(
    args: argparse.Namespace, stdin: Optional[IO[str]], out: IO[str], err: Optional[IO[str]]
) -> int:
    if args.example and args.files:
        _say(err, "give either --example or FILE, not both")
        return EXIT_UNREADABLE
    try:
        text, sources = _transcript(args, stdin, err)
    except (OSError, _Unusable) as exc:
        if args.format != "nagios":
            raise
        # A monitoring check that cannot read its input is UNKNOWN, never CRITICAL.
        _say(err, str(exc))
        _emit(args, out, f"DLMP UNKNOWN - {str(exc).replace('|', '/')}\n")
        return NAGIOS_UNKNOWN
    report = check(
        text, guest=args.guest, members=args.members, strict=args.strict, sources=sources
    )
    try:
        rendered = _render(args, report, out)
    except MissingExtra as exc:
        raise _Unusable(str(exc)) from exc
    _emit(args, out, rendered)
    return nagios_status(report) if args.format == "nagios" else report.exit_code


def _render(args: argparse.Namespace, report: Report, out: IO[str]) -> str:
    if args.format == "json":
        import json

        indent = None if args.compact else 2
        return json.dumps(render_json(report), indent=indent, ensure_ascii=False) + "\n"
    if args.format == "json-lines":
        return render_json_lines(report)
    if args.format == "nagios":
        return render_nagios(report)
    if args.format == "junit":
        from .report.junit import render_junit

        return render_junit(report)
    if args.format == "prometheus":
        import time

        return render_prometheus(report, now=time.time())
    terminal = args.output is None and _isatty(out)
    return render_text(
        report,
        verbose=args.verbose,
        quiet=args.quiet,
        colour=terminal and not os.environ.get("NO_COLOR"),
        width=_width(out) if terminal else None,
    )


def _width(out: IO[str]) -> Optional[int]:
    try:
        return os.get_terminal_size(out.fileno()).columns or None
    except (OSError, ValueError, AttributeError):
        return None


def _emit(args: argparse.Namespace, out: IO[str], text: str) -> None:
    """To ``-o FILE`` (atomically) or to standard output."""
    if getattr(args, "output", None) is None:
        _write_whole(out, text)
    else:
        _write_atomically(args.output, text)


def _write_atomically(path: str, text: str) -> None:
    """Write ``path`` through a temporary file beside it, renamed over it when complete: a
    reader (node_exporter, a monitoring agent) sees the old file or the new one, never a part.
    SIGINT is held off meanwhile."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    mask = getattr(signal, "pthread_sigmask", None)
    held = mask(signal.SIG_BLOCK, {signal.SIGINT}) if mask is not None else None
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".dlmpparse-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private (0600); the report is as readable as any new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        if mask is not None and held is not None:
            mask(signal.SIG_SETMASK, held)


def _cmd_topology(
    args: argparse.Namespace, stdin: Optional[IO[str]], out: IO[str], err: Optional[IO[str]]
) -> int:
    from .report import topology as draw
    from .topology import build_topology

    if args.example and args.files:
        _say(err, "give either --example or FILE, not both")
        return EXIT_UNREADABLE
    text, sources = _transcript(args, stdin, err)
    report = check(text, guest=args.guest, members=args.members, sources=sources)
    topologies = build_topology(report, guest=args.guest)
    if args.format == "json":
        _dump(draw.render_topology_json(topologies), True, out)
    elif args.format == "mermaid":
        _write_whole(out, draw.render_mermaid(topologies))
    elif args.format == "dot":
        _write_whole(out, draw.render_dot(topologies))
    else:
        _write_whole(out, draw.render_tree(topologies))
    for problem in report.problems:
        _say(err, problem)
    # Drawn all the same; but input that checks nothing is no picture of a working setup.
    return EXIT_UNREADABLE if report.exit_code == EXIT_UNREADABLE or not topologies else EXIT_OK


def _cmd_collect(
    args: argparse.Namespace, stdin: Optional[IO[str]], out: IO[str], err: Optional[IO[str]]
) -> int:
    # Imported here: only this command needs it, not check's start-up.
    from .collect import collect_script

    _write_whole(out, collect_script(args.guest))
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad option reported in one line (not the usage block) and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_UNREADABLE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dlmpparse",
        description="Read Oracle Solaris dladm/ipadm and LDoms ldm output; check DLMP "
        "aggregation over virtual network devices.",
    )
    parser.add_argument("--version", action="version", version=f"dlmpparse {__version__}")
    sub = parser.add_subparsers(
        dest="action", required=True, metavar="ACTION", help="what to do (ACTION --help: more)"
    )
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
    p_parse.add_argument("file", nargs="?", help="input file; - or none: standard input")
    p_parse.set_defaults(run=_cmd_parse)

    p_check = sub.add_parser(
        "check",
        help="check the DLMP-over-vnets preconditions and health shown in a transcript",
        description="Read a pasted transcript of the control, service and guest domains "
        "(prompts such as primary#, ldg6# say which domain ran what) and report, rule by rule, "
        "whether DLMP aggregation over virtual network devices will work and is healthy.",
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="transcripts, read as one in order, each file a new shell session, each line "
        "cited as FILE:LINE; - or none: standard input",
    )
    p_check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: grouped by guest and aggregation, problems first, each failure with its "
        "fix (default); json: the report as one JSON object (docs/schema.md); json-lines: one "
        "finding per line; nagios: a Nagios/Icinga plugin's status line, perfdata and exit "
        "status; junit: JUnit XML for CI; prometheus: node_exporter textfile format (needs "
        "the prometheus extra)",
    )
    p_check.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE (atomically: a temporary file renamed over it) "
        "instead of standard output",
    )
    p_check.add_argument(
        "--compact", action="store_true", help="with --format json: one line, not indented"
    )
    verbosity = p_check.add_mutually_exclusive_group()
    verbosity.add_argument(
        "-v", "--verbose", action="store_true", help="text: show the rules that passed too"
    )
    verbosity.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="text: show only the failures (and why nothing could be checked)",
    )
    p_check.add_argument(
        "--guest",
        type=_domain,
        metavar="DOMAIN",
        help="check only this guest domain (and take blocks with a "
        "host-less prompt such as # as its)",
    )
    p_check.add_argument(
        "--members",
        type=_members,
        metavar="LINKS",
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

    p_topology = sub.add_parser(
        "topology",
        help="draw how each guest's aggregation reaches the physical NICs",
        description="Draw, per guest: aggregation -> member link -> vnet -> virtual switch @ "
        "service domain -> its net-dev and that device's speed and state, each edge marked "
        "with the rule that failed on it, unknown hops with the command that would show them.",
        epilog="examples:\n  dlmpparse topology primary.txt ldg5.txt ldg6.txt\n"
        "  dlmpparse topology --format dot *.txt | dot -Tsvg > dlmp.svg\n"
        "  dlmpparse topology --example --format mermaid\n\n"
        "exit status:\n  0    drawn\n  2    the input could not be used, as for check (an "
        "unreadable block, no guest, nothing checked for a guest: the drawing is still "
        "printed), or a bad option\n  130  interrupted",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_topology.add_argument(
        "files", nargs="*", metavar="FILE", help="transcripts, as for check; - or none: "
        "standard input"
    )
    p_topology.add_argument(
        "--format",
        choices=("tree", "mermaid", "dot", "json"),
        default="tree",
        help="tree: plain text for a terminal (default); mermaid: a flowchart for GitHub or "
        "GitLab markdown; dot: Graphviz; json: the paths as data",
    )
    p_topology.add_argument(
        "--guest", type=_domain, metavar="DOMAIN", help="draw only this guest domain"
    )
    p_topology.add_argument(
        "--members", type=_members, metavar="LINKS", help="the aggregation's member links, "
        "as for check"
    )
    p_topology.add_argument(
        "--example", action="store_true", help="draw the built-in example transcript"
    )
    p_topology.set_defaults(run=_cmd_topology)

    p_collect = sub.add_parser(
        "collect-script",
        help="print a sh script that collects the evidence check reads",
        description="Print a POSIX sh script to run in the control domain, the service domains "
        "and the guest. It runs only list/show commands, each after a <domain># prompt line; "
        "its outputs, concatenated, are a transcript that check reads.",
    )
    p_collect.add_argument(
        "--guest",
        type=_domain,
        metavar="DOMAIN",
        help="limit the ldm listings to this guest domain (an LDoms domain name)",
    )
    p_collect.set_defaults(run=_cmd_collect)
    _add_jc_plugins_parser(sub)
    return parser


def _add_jc_plugins_parser(sub: Any) -> None:
    """``jc-plugins``: write jc parser plugins (dlmpparse.integrations.jc; docs/integrations.md)."""
    p_jc = sub.add_parser(
        "jc-plugins",
        help="write jc parser plugins, one per command (jc --dladm-show-aggr-x)",
        description="Write one jc local parser plugin per command dlmpparse reads "
        "(jc --dladm-show-aggr-x, jc.parse('dladm_show_aggr_x', text)); each calls the "
        "installed dlmpparse. Prints the files written.",
    )
    p_jc.add_argument(
        "--install",
        action="store_true",
        help="write them to jc's local plugin directory ($XDG_DATA_HOME/jc/jcparsers, "
        "by default ~/.local/share/jc/jcparsers)",
    )
    p_jc.add_argument("directory", nargs="?", metavar="DIR", help="write them to DIR")

    def run(
        args: argparse.Namespace, stdin: Optional[IO[str]], out: IO[str], err: Optional[IO[str]]
    ) -> int:
        from pathlib import Path

        from .integrations.jc import plugin_directory, write_plugins

        if args.install == (args.directory is not None):
            _say(err, "give either --install or DIR (see dlmpparse jc-plugins --help)")
            return EXIT_UNREADABLE
        target = plugin_directory() if args.install else Path(args.directory)
        written = write_plugins(target)
        _write_whole(out, "".join(f"{path}\n" for path in written))
        return EXIT_OK

    p_jc.set_defaults(run=run)


def main(
    argv: Optional[Sequence[str]] = None,
    *,
    stdin: Optional[IO[str]] = None,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    """Run the CLI; returns the exit code (the console script passes it to ``sys.exit``).

    A closed standard stream is None in ``sys`` (Python's way of saying fd 0, 1 or 2 is not
    open); each is reported in one line, never as a traceback.
    """
    stdin = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if out is None:
            raise _Unusable("standard output is closed: nowhere to write")
        code: int = args.run(args, stdin, out, err)
    except KeyboardInterrupt:
        _say(err, "interrupted")
        return EXIT_INTERRUPTED
    except _Unusable as exc:
        _say(err, str(exc))
        return EXIT_UNREADABLE
    except OSError as exc:
        _say(err, str(exc))
        return EXIT_UNREADABLE
    return code


def console() -> None:
    code = EXIT_UNREADABLE
    try:
        code = main()
        if sys.stdout is not None:
            sys.stdout.flush()
    except KeyboardInterrupt:
        _say(sys.stderr, "interrupted")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        _drop_output(sys.stdout)
    except OSError as exc:
        _say(sys.stderr, str(exc))
        _drop_output(sys.stdout)
        code = EXIT_UNREADABLE
    # The process ends here. On the way out Python collects garbage, going through every
    # object the imports made (attrs classes, pyparsing's elements, ...) at least twice: some
    # 20 ms, a sixth of a check's run time. Frozen objects are left out of those collections;
    # their memory goes back with the process.
    gc.freeze()
    sys.exit(code)

"""The text report: grouped by guest and aggregation, problems first (FAIL, WARN, SKIP), passes
with ``verbose``, only the failures with ``quiet``; colour and wrapping only when asked (the CLI
asks on a terminal)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Optional

from ..errors import ParseError
from ..inventory import AggregationTarget
from ..rules import ERROR, FAIL, PASS, Finding
from .model import Report, target_label

__all__ = ["render_text"]

# The order problems come in within a group: failures, warnings, skips, then passes.
_ORDER = {"FAIL": 0, "WARN": 1, "SKIP": 2, "PASS": 3}
_COLOURS = {"FAIL": "31;1", "WARN": "33;1", "SKIP": "36", "PASS": "32", "error": "31;1"}
_INDENT = " " * 7


def _verdict(finding: Finding) -> str:
    if finding.status == FAIL and finding.severity != ERROR:
        return "WARN"
    return finding.status.upper()


class _Writer:
    """Lines out, coloured and wrapped as asked."""

    def __init__(self, colour: bool, width: Optional[int]) -> None:
        self.colour = colour
        self.width = width
        self.lines: list[str] = []

    def paint(self, word: str, code_of: str) -> str:
        code = _COLOURS.get(code_of)
        if not self.colour or code is None:
            return word
        return f"\x1b[{code}m{word}\x1b[0m"

    def add(self, line: str, *, indent: str = _INDENT, lead: str = "", key: str = "") -> None:
        """Add ``line``, wrapped to the width (continuations under ``indent``); ``lead``, its
        first word, is coloured by ``key``."""
        if self.width is not None and len(line) > self.width:
            wrapped = textwrap.wrap(
                line,
                width=self.width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            ) or [line]
        else:
            wrapped = [line]
        if lead and key and wrapped[0].lstrip().startswith(lead):
            head = wrapped[0]
            at = head.index(lead)
            wrapped[0] = head[:at] + self.paint(lead, key) + head[at + len(lead) :]
        self.lines.extend(wrapped)

    def add_exact(self, line: str) -> None:
        """A line that must stay whole: a command to copy and paste."""
        self.lines.append(line)


def _evidence(report: Report, finding: Finding) -> str:
    if not finding.evidence_lines:
        return ""
    # Only the line numbers: the text report does not quote the lines.
    locations = [report.locate(n) for n in finding.evidence_lines]
    if not report.sources.named:
        numbers = ", ".join(str(loc.line) for loc in locations)
        return f" [line{'s' if len(locations) > 1 else ''} {numbers}]"
    # One file named once: [ldg5.txt:5, 9, primary.txt:13].
    said = []
    for index, loc in enumerate(locations):
        same = index > 0 and locations[index - 1].file == loc.file
        said.append(str(loc.line) if same else str(loc))
    return " [" + ", ".join(said) + "]"


def _span(report: Report, first: int, last: int) -> str:
    start, end = report.locate(first), report.locate(last)
    if first == last:
        return str(start)
    if not report.sources.named:
        return f"lines {first}-{last}"
    return f"{start}-{end.line}" if start.file == end.file else f"{start}-{end}"


def _finding(out: _Writer, report: Report, finding: Finding, indent: str) -> None:
    verdict = _verdict(finding)
    out.add(
        f"{indent}{verdict:<4} {finding.rule:<24} {finding.subject}: {finding.message}"
        f"{_evidence(report, finding)}",
        indent=indent + _INDENT,
        lead=verdict,
        key=verdict,
    )
    if finding.fix is not None:
        where = finding.fix.domain or "the control domain"
        if finding.server and finding.server != where:
            where += f" on server {finding.server}"
        out.add_exact(f"{indent}{_INDENT}fix (in {where}): {finding.fix.command}")
        if finding.fix.note:
            out.add(f"{indent}{_INDENT}     {finding.fix.note}", indent=indent + _INDENT + "     ")


def _header(report: Report, target: AggregationTarget, findings: Sequence[Finding]) -> str:
    members = ", ".join(m.link for m in target.members)
    over = f" over {members} ({target.members_from})" if members else ", no member links known"
    counts = {v: sum(1 for f in findings if _verdict(f) == v) for v in _ORDER}
    # Problems first, as the lines below; "N passed" last, so that the header is never
    # taken for the summary line ("N passed, N failed, ...").
    said = [f"{counts['FAIL']} failed"]
    if counts["WARN"]:
        said.append(f"{counts['WARN']} warning{'s' if counts['WARN'] > 1 else ''}")
    said += [f"{counts['SKIP']} skipped", f"{counts['PASS']} passed"]
    return f"{target_label(target)}{over}: {', '.join(said)}"


def _shown(finding: Finding, failed: set[int], verbose: bool, quiet: bool) -> bool:
    if quiet:
        return id(finding) in failed
    return verbose or finding.status != PASS


def render_text(
    report: Report,
    *,
    verbose: bool = False,
    quiet: bool = False,
    colour: bool = False,
    width: Optional[int] = None,
) -> str:
    """The report for a person: unreadable blocks, then per target (guest/aggregation) its
    failures with their fixes, warnings and skips (passes only with ``verbose``), then how
    domains were known, what was not read or ignored, and a summary line. ``quiet``: only the
    unreadable blocks, why nothing could be checked and the failures (what ``strict`` counts
    as failed included) with their fixes."""
    out = _Writer(colour, width)
    for error in report.errors:
        where = report.locate(error.line)
        shown = error
        if type(error) is ParseError and report.sources.named:
            shown = ParseError(
                error.expected,
                command=error.command,
                line=where.line,
                column=error.column,
                text=error.text,
            )
        place = f"{where}: " if report.sources.named else ""
        out.add(
            f"error: {place}skipped the unreadable output of `{error.command}`:",
            lead="error",
            key="error",
        )
        out.lines.extend("  " + line for line in str(shown).splitlines())
    failed = {id(f) for f in report.failed}
    grouped: set[int] = set()
    for target in report.system.targets:
        findings = report.findings_of(target)
        grouped.update(id(f) for f in findings)
        shown = [f for f in findings if _shown(f, failed, verbose, quiet)]
        if quiet and not shown:
            continue
        out.add(_header(report, target, findings), indent="  ")
        for finding in sorted(shown, key=lambda f: _ORDER[_verdict(f)]):
            _finding(out, report, finding, "  ")
    # Findings of no target listed (none today): still shown, never lost.
    for finding in report.findings:
        if id(finding) not in grouped and _shown(finding, failed, verbose, quiet):
            _finding(out, report, finding, "")
    for problem in report.problems:
        out.add(f"error: {problem}", lead="error", key="error")
    if quiet:
        return "\n".join(out.lines) + "\n" if out.lines else ""
    _context(out, report)
    out.add(_summary(report))
    return "\n".join(out.lines) + "\n"


def _context(out: _Writer, report: Report) -> None:
    attribution = report.system.attribution
    if attribution is not None:
        several = len(attribution.servers) > 1
        # A host whose commands were all not read (the blog's `domain# ping`, from a host
        # outside the server) says nothing worth a domain line, unless it is checked.
        read = {
            attribution.of(index)
            for index, result in enumerate(report.reading.results)
            if result.status == "read"
        }
        checked = {target.guest for target in report.system.targets}
        for domain in attribution.domains:
            if domain.name not in read and domain.name not in checked and not domain.roles:
                continue
            out.add(
                "domain: "
                + domain.describe(server=several, cite=lambda n: str(report.locate(n)))
            )
        if attribution.unknown:
            where = [report.locate(n) for n in attribution.unknown]
            lines = (
                f"line{'s' if len(where) > 1 else ''} {', '.join(str(w.line) for w in where)}"
                if not report.sources.named
                else ", ".join(str(w) for w in where)
            )
            out.add(
                f"note: {lines}: no domain known (a host-less prompt with no uname -n, hostname "
                "or virtinfo -a in its session); not checked"
            )
    for note in report.system.notes:
        out.add(f"info: {note}")
    for item in report.not_read:
        prompt = f"{item.domain}# " if item.domain else ""
        out.add(f"note: {report.locate(item.line)}: not read: {prompt}{item.command}")
    for span in report.ignored:
        out.add(f"note: {_span(report, span.first_line, span.last_line)}: ignored ({span.reason})")


def _summary(report: Report) -> str:
    counts = report.summary()
    summary = f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
    extra = []
    if counts["warnings"]:
        extra.append(f"{counts['warnings']} warning{'s' if counts['warnings'] > 1 else ''}")
    if report.errors:
        extra.append(f"{len(report.errors)} unreadable block(s)")
    if report.ignored:
        extra.append(
            f"{sum(s.last_line - s.first_line + 1 for s in report.ignored)} line(s) ignored"
        )
    if report.unchecked:
        extra.append(f"nothing checked for {', '.join(t.guest for t in report.unchecked)}")
    if extra:
        summary += "; " + ", ".join(extra)
    return summary

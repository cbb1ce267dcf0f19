"""Findings -> report: the result of a check and its two renderings (linter-style text, JSON).

Rendering only; nothing here reads input or decides a verdict.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs

from .inventory import System, is_evidence_command
from .reader import IgnoredText, Reading
from .records import SCHEMA_VERSION
from .rules import ERROR, FAIL, PASS, SKIP, Finding

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_UNREADABLE", "Report", "render_json", "render_text"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNREADABLE = 2


@attrs.frozen
class NotRead:
    """A command in the transcript that dlmpparse does not read (``reboot``, ``ping``)."""

    line: int
    domain: Optional[str]
    command: str
    reason: str


@attrs.frozen
class Report:
    """The result of a check: findings, and everything in the input that was not used."""

    findings: tuple[Finding, ...]
    reading: Reading = attrs.field(repr=False)
    system: System = attrs.field(repr=False)
    strict: bool = False

    @property
    def errors(self) -> tuple[Any, ...]:
        return self.reading.errors

    @property
    def ignored(self) -> tuple[IgnoredText, ...]:
        return self.reading.ignored

    @property
    def not_read(self) -> tuple[NotRead, ...]:
        out = []
        for result in self.reading.results:
            if result.status != "not-read":
                continue
            block = result.block
            if block is not None and is_evidence_command(block.invocation):
                continue
            out.append(
                NotRead(
                    line=result.line,
                    domain=result.domain,
                    command=(block.normalised if block else None) or result.command or "",
                    reason=result.reason or "",
                )
            )
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: what ``render_json`` returns (docs/schema.md)."""
        return render_json(self)

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)

    @property
    def failed(self) -> tuple[Finding, ...]:
        """Failures that decide the exit code: errors, and under ``strict`` warnings too."""
        return tuple(
            f for f in self.findings if f.status == FAIL and (f.severity == ERROR or self.strict)
        )

    @property
    def exit_code(self) -> int:
        if self.errors or not self.system.targets:
            return EXIT_UNREADABLE
        if self.failed:
            return EXIT_FAILED
        if self.strict and (self.count(SKIP) or self.ignored):
            return EXIT_FAILED
        return EXIT_OK


def _where(finding: Finding) -> str:
    domain = finding.domain or "?"
    server = f"{finding.server}/" if finding.server else ""
    return f"{server}{domain}/{finding.subject}"


def _lines(finding: Finding) -> str:
    if not finding.evidence:
        return ""
    numbers = ", ".join(str(e.line) for e in finding.evidence)
    return f" [line{'s' if len(finding.evidence) > 1 else ''} {numbers}]"


def render_text(report: Report) -> str:
    """Linter-style: one line per finding, then what was not read, then a summary."""
    out: list[str] = []
    for error in report.errors:
        out.append(f"error: skipped the unreadable output of `{error.command}`:")
        out.extend("  " + line for line in str(error).splitlines())
    for finding in report.findings:
        verdict = finding.status.upper()
        if finding.status == FAIL and finding.severity != ERROR:
            verdict = "WARN"
        out.append(
            f"{verdict:<4} {finding.rule:<24} {_where(finding)}: {finding.message}{_lines(finding)}"
        )
        if finding.fix is not None:
            where = finding.fix.domain or "the control domain"
            if finding.server and finding.server != where:
                where += f" on server {finding.server}"
            out.append(f"     fix (in {where}): {finding.fix.command}")
            if finding.fix.note:
                out.append(f"          {finding.fix.note}")
    if not report.system.targets:
        out.append(
            "error: no guest domain or DLMP aggregation found in the input: paste the output of "
            "ldm list-netdev / ldm list -o network for the guest, or the guest's dladm commands, "
            "or name the guest with --guest"
        )
    attribution = report.system.attribution
    if attribution is not None:
        several = len(attribution.servers) > 1
        for domain in attribution.domains:
            out.append(f"domain: {domain.describe(server=several)}")
        if attribution.unknown:
            lines = ", ".join(str(n) for n in attribution.unknown)
            out.append(
                f"note: line{'s' if len(attribution.unknown) > 1 else ''} {lines}: no domain "
                "known (a host-less prompt with no uname -n, hostname or virtinfo -a in its "
                "session); not checked"
            )
    for note in report.system.notes:
        out.append(f"info: {note}")
    for item in report.not_read:
        where = f"{item.domain}# " if item.domain else ""
        out.append(f"note: line {item.line}: not read: {where}{item.command}")
    for span in report.ignored:
        lines = (
            f"line {span.first_line}"
            if span.first_line == span.last_line
            else f"lines {span.first_line}-{span.last_line}"
        )
        out.append(f"note: {lines}: ignored ({span.reason})")
    summary = (
        f"{report.count(PASS)} passed, {report.count(FAIL)} failed, {report.count(SKIP)} skipped"
    )
    extra = []
    if report.errors:
        extra.append(f"{len(report.errors)} unreadable block(s)")
    if report.ignored:
        extra.append(
            f"{sum(s.last_line - s.first_line + 1 for s in report.ignored)} line(s) ignored"
        )
    if extra:
        summary += "; " + ", ".join(extra)
    out.append(summary)
    return "\n".join(out) + "\n"


def render_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (docs/schema.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "exit_code": report.exit_code,
        "summary": {
            "passed": report.count(PASS),
            "failed": report.count(FAIL),
            "skipped": report.count(SKIP),
        },
        "targets": [
            {
                "guest": t.guest,
                "aggregation": t.name,
                "members": [m.link for m in t.members],
                "members_from": t.members_from,
                "ldom": t.ldom,
                "where": t.where,
                "server": t.server,
            }
            for t in report.system.targets
        ],
        "findings": [f.to_dict() for f in report.findings],
        "attribution": (
            report.system.attribution.to_dict() if report.system.attribution is not None else None
        ),
        "information": list(report.system.notes),
        "errors": [e.to_dict() for e in report.errors],
        "not_read": [attrs.asdict(n) for n in report.not_read],
        "ignored": [s.to_dict() for s in report.ignored],
    }

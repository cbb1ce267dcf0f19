"""The report as a Nagios/Icinga plugin's output: one status line with performance data, the
failing findings on the lines after it, and the plugin's exit status (0 OK, 1 WARNING,
2 CRITICAL, 3 UNKNOWN; the Nagios plugin guidelines)."""

from __future__ import annotations

from ..rules import Finding
from .model import EXIT_UNREADABLE, Report, target_label

__all__ = [
    "NAGIOS_CRITICAL",
    "NAGIOS_OK",
    "NAGIOS_UNKNOWN",
    "NAGIOS_WARNING",
    "nagios_status",
    "render_nagios",
]

NAGIOS_OK = 0
NAGIOS_WARNING = 1
NAGIOS_CRITICAL = 2
NAGIOS_UNKNOWN = 3
_STATE = {
    NAGIOS_OK: "OK",
    NAGIOS_WARNING: "WARNING",
    NAGIOS_CRITICAL: "CRITICAL",
    NAGIOS_UNKNOWN: "UNKNOWN",
}


def nagios_status(report: Report) -> int:
    """UNKNOWN when the input could not be used (an unreadable block, no target, nothing
    checked for a target); CRITICAL when a rule failed (under ``strict`` a warning too);
    WARNING for a failed warning (or, under ``strict``, a skip or ignored text); else OK."""
    if report.exit_code == EXIT_UNREADABLE:
        return NAGIOS_UNKNOWN
    if report.failed:
        return NAGIOS_CRITICAL
    if report.warnings or report.exit_code != 0:
        return NAGIOS_WARNING
    return NAGIOS_OK


def _plain(text: str) -> str:
    # "|" starts the performance data; a line break would end the status line.
    return text.replace("|", "/").replace("\n", " ")


def _failing(finding: Finding) -> str:
    verdict = "WARN" if finding.severity != "error" else "FAIL"
    return f"{verdict} {finding.rule} {finding.domain}/{finding.subject}: {finding.message}"


def render_nagios(report: Report) -> str:
    """``DLMP STATE - guest/aggr: ... | passed=N failed=N warnings=N skipped=N``, then one line
    per failing finding (and per reason the input could not be used)."""
    state = _STATE[nagios_status(report)]
    parts = []
    unchecked = report.unchecked  # once: it looks at every target
    for target in report.system.targets:
        findings = report.findings_of(target)
        failed = [f.rule for f in findings if f.status == "fail" and f.severity == "error"]
        warned = [f.rule for f in findings if f.status == "fail" and f.severity != "error"]
        if target in unchecked:
            said = "nothing checked"
        elif failed or warned:
            said = ", ".join(
                s
                for s in (
                    f"{len(failed)} failed ({', '.join(dict.fromkeys(failed))})" if failed else "",
                    f"{len(warned)} warning{'s' if len(warned) > 1 else ''} "
                    f"({', '.join(dict.fromkeys(warned))})"
                    if warned
                    else "",
                )
                if s
            )
        else:
            said = f"{sum(1 for f in findings if f.status == 'pass')} passed"
        parts.append(f"{target_label(target)}: {said}")
    if report.errors:
        parts.insert(0, f"{len(report.errors)} unreadable block(s)")
    if not report.system.targets:
        parts.append("no guest domain or DLMP aggregation found in the input")
    counts = report.summary()
    perfdata = " ".join(f"{key}={value}" for key, value in counts.items())
    lines = [f"DLMP {state} - {_plain('; '.join(parts))} | {perfdata}"]
    for error in report.errors:
        lines.append(_plain(f"unreadable: {report.locate(error.line)}: {error.command}"))
    for problem in report.problems:
        if report.system.targets:
            lines.append(_plain(problem))
    for finding in report.findings:
        if finding.status == "fail":
            lines.append(_plain(_failing(finding)))
            if finding.fix is not None:
                where = finding.fix.domain or "the control domain"
                lines.append(_plain(f"  fix (in {where}): {finding.fix.command}"))
    return "\n".join(lines) + "\n"

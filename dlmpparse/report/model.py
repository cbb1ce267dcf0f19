"""The report model: the result of a check, what it counts and the exit status it decides.

Nothing here reads input or decides a rule's verdict; the renderers beside it only render.
"""

from __future__ import annotations

from typing import Any, Optional

import attrs

from ..inventory import AggregationTarget, System
from ..names import shell_word
from ..reader import IgnoredText, Reading
from ..rules import ERROR, FAIL, PASS, RULES, SKIP, WARNING, Finding, preconditions
from ..sources import Location, Sources
from ..transcript import Block

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "PRECONDITIONS",
    "NotRead",
    "Report",
    "nothing_checked",
    "target_label",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNREADABLE = 2

# The rules that must hold before the aggregation is created: a target is checked when at
# least one of them was evaluated (passed or failed), whatever the health checks said.
PRECONDITIONS = frozenset(r.id for r in RULES if r.check.__module__ == preconditions.__name__)


@attrs.frozen
class NotRead:
    """A command in the transcript that dlmpparse does not read (``reboot``, ``ping``)."""

    line: int
    domain: Optional[str]
    command: str
    reason: str


def target_label(target: AggregationTarget) -> str:
    """``ldg6/aggr0`` (``server/ldg6/aggr0`` with several servers; ``ldg6/(no aggregation
    yet)`` before it exists)."""
    server = f"{target.server}/" if target.server else ""
    return f"{server}{target.guest}/{target.name or '(no aggregation yet)'}"


def _key(server: Optional[str], guest: Optional[str], name: Optional[str]) -> tuple[Any, ...]:
    return (server, guest, name)


@attrs.frozen
class Report:
    """The result of a check: findings, and everything in the input that was not used.

    ``sources`` maps the line numbers of the joined input back to its files.
    """

    findings: tuple[Finding, ...]
    reading: Reading = attrs.field(repr=False)
    system: System = attrs.field(repr=False)
    strict: bool = False
    sources: Sources = attrs.field(factory=Sources, repr=False)

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
            if block is not None and _drives_session(block):
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
        from .data import render_json  # here: data renders this model

        return render_json(self)

    def locate(self, line: int) -> Location:
        """The file and line the user sees for ``line`` of the joined input."""
        return self.sources.locate(line)

    def count(self, status: str) -> int:
        """Findings of ``status`` (``fail`` counts warnings too; see ``failures``)."""
        return sum(1 for f in self.findings if f.status == status)

    @property
    def failures(self) -> tuple[Finding, ...]:
        """Failed rules of severity error: what "N failed" counts."""
        return tuple(f for f in self.findings if f.status == FAIL and f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Failed rules of severity warning: never counted as failed."""
        return tuple(f for f in self.findings if f.status == FAIL and f.severity == WARNING)

    @property
    def failed(self) -> tuple[Finding, ...]:
        """Failures that decide the exit code: errors, and under ``strict`` warnings too."""
        return self.failures + self.warnings if self.strict else self.failures

    def findings_of(self, target: AggregationTarget) -> tuple[Finding, ...]:
        key = _key(target.server, target.guest, target.name)
        return tuple(f for f in self.findings if _key(f.server, f.domain, f.aggregation) == key)

    @property
    def unchecked(self) -> tuple[AggregationTarget, ...]:
        """Targets for which not one precondition could be evaluated: every one skipped (no
        evidence of the guest, or a named ``--guest`` absent from the input)."""
        return tuple(
            t
            for t in self.system.targets
            if not any(
                f.rule in PRECONDITIONS and f.status in (PASS, FAIL) for f in self.findings_of(t)
            )
        )

    @property
    def exit_code(self) -> int:
        """0 only when every target had a precondition evaluated and none failed."""
        if self.errors or not self.system.targets or self.unchecked:
            return EXIT_UNREADABLE
        if self.failed:
            return EXIT_FAILED
        if self.strict and (self.count(SKIP) or self.ignored):
            return EXIT_FAILED
        return EXIT_OK

    @property
    def problems(self) -> tuple[str, ...]:
        """Why the input could not be used, one sentence each (exit status 2 without an
        unreadable block): no target, or targets nothing could be checked for."""
        if not self.system.targets:
            return (
                "no guest domain or DLMP aggregation found in the input: paste the output of "
                "ldm list-netdev / ldm list -o network for the guest, or the guest's dladm "
                "commands, or name the guest with --guest",
            )
        return tuple(nothing_checked(t) for t in self.unchecked)

    def summary(self) -> dict[str, int]:
        return {
            "passed": self.count(PASS),
            "failed": len(self.failures),
            "warnings": len(self.warnings),
            "skipped": self.count(SKIP),
        }


def nothing_checked(target: AggregationTarget) -> str:
    """What to say, and what to run, when no precondition could be evaluated for a target."""
    ldom = shell_word(target.ldom or target.guest)
    guest = target.where or target.guest
    return (
        f"nothing could be checked for {target.guest}: paste the output of `ldm list-services`, "
        f"`ldm list-netdev {ldom}` and `ldm list -o network {ldom}` (in the control domain) and "
        f"of `uname -a`, `dladm show-phys`, `dladm show-aggr -x` and `ipadm` (in {guest} and in "
        f"each service domain); `python -m dlmpparse collect-script --guest {ldom}` prints a "
        "script that runs them all"
    )


# Commands the transcript stage acts on (an interactive login, leaving a shell, changing
# directory): they say where the next commands ran, so they are not "not read". ``ssh host CMD``
# is CMD's block by then: an ``ssh`` left here is an interactive login.
_SESSION_PROGRAMS = frozenset({"ssh", "exit", "logout", "su", "cd", "clear"})


def _drives_session(block: Block) -> bool:
    invocation = block.invocation
    return invocation is not None and invocation.program in _SESSION_PROGRAMS

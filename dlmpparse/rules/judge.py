"""The rule protocol: findings, fixes, evidence, the judge that collects a rule's findings for one
aggregation target, and the registry every rule adds itself to (``RULES``, in registration
order: the preconditions, then the health checks)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Callable, Final, Literal, Optional, Protocol

import attrs

from .._shared import sharer
from ..inventory import AggregationTarget, System
from ..names import Word, invalid_names, shell_command, shell_word

__all__ = [
    "RULES",
    "Evidence",
    "Finding",
    "Fix",
    "Judge",
    "Quoted",
    "Rule",
    "Severity",
    "Status",
    "rule",
    "run_rules",
]

# The vocabularies as types, so that mypy --strict catches a misspelt status or severity.
Status = Literal["pass", "fail", "skip"]
Severity = Literal["error", "warning"]

PASS: Final = "pass"
FAIL: Final = "fail"
SKIP: Final = "skip"
ERROR: Final = "error"
WARNING: Final = "warning"


@attrs.frozen(weakref_slot=False)
class Evidence:
    """An input line a finding rests on."""

    line: int
    text: str


class Quoted(Protocol):
    """Where a finding's evidence text comes from: the input lines as read (``Reading``)."""

    def line_text(self, number: int) -> str: ...


@attrs.frozen(weakref_slot=False)
class Fix:
    """What mends a failing finding: the command, the domain to run it in (None: the control
    domain, unnamed in the input) and what else to know (a stop, a re-add, a placeholder)."""

    domain: Optional[str]
    command: str
    note: Optional[str] = None

    def to_dict(self) -> dict[str, object]:
        return {"domain": self.domain, "command": self.command, "note": self.note}

    @classmethod
    def of(cls, domain: Optional[str], words: Sequence[Word], note: Optional[str] = None) -> Fix:
        """The fix running ``words``: names from the input are validated and shell-quoted
        (``names.shell_command``), so a pasted fix runs only the program it names."""
        bad = invalid_names(words)
        if bad:
            shown = ", ".join(f"{shell_word(n.value)} (a {n.kind} name)" for n in bad)
            warning = f"check the input first: not a valid Solaris name: {shown}"
            note = f"{note}; {warning}" if note else warning
        return cls(domain, shell_command(words), note)


# No __weakref__ slot (8 bytes an object; nothing refers to one weakly): a fleet has a
# block, a result and two findings per 260 bytes of input.
@attrs.frozen(kw_only=True, weakref_slot=False)
class Finding:
    """The verdict of one rule on one subject (a vnet, a link, an aggregation)."""

    rule: str
    status: Status
    severity: Severity
    domain: Optional[str]
    aggregation: Optional[str]
    subject: str
    message: str
    # The numbers of the input lines the finding rests on; their text is quoted from
    # ``quoted`` when asked (``evidence``): a fleet's findings cite tens of thousands of lines,
    # and a copy of each line per citation was more than the input's size again.
    evidence_lines: tuple[int, ...] = ()
    fix: Optional[Fix] = None
    # The physical server, when the input shows several (domain names are unique per server).
    server: Optional[str] = None
    quoted: Optional[Quoted] = attrs.field(default=None, eq=False, repr=False)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The lines the finding rests on, each with its text as the terminal showed it."""
        quoted = self.quoted
        return tuple(
            Evidence(n, quoted.line_text(n).strip() if quoted is not None else "")
            for n in self.evidence_lines
        )

    def to_dict(self) -> dict[str, object]:
        server = {"server": self.server} if self.server is not None else {}
        return {
            **server,
            "rule": self.rule,
            "status": self.status,
            "severity": self.severity,
            "domain": self.domain,
            "aggregation": self.aggregation,
            "subject": self.subject,
            "message": self.message,
            "evidence": [{"line": e.line, "text": e.text} for e in self.evidence],
            "fix": self.fix.to_dict() if self.fix else None,
        }


Check = Callable[["Judge", System, AggregationTarget], None]


@attrs.frozen
class Rule:
    """A rule: ``id`` (stable, also its docs page), ``severity``, what Oracle requires."""

    id: str
    severity: Severity
    requirement: str
    check: Check


# A fleet's findings repeat their messages (most name no domain: 416 distinct among 4,200
# findings of 200 guests) and often their lines: one object for each, as it is first made.
_share_message: Callable[[str], str] = sharer(4096)
_share_lines: Callable[[tuple[int, ...]], tuple[int, ...]] = sharer(4096)


class Judge:
    """Collects one rule's findings for one aggregation target."""

    def __init__(self, rule: Rule, system: System, target: AggregationTarget) -> None:
        self.rule = rule
        self.system = system
        self.target = target
        self.findings: list[Finding] = []

    def _add(
        self,
        status: Status,
        subject: str,
        message: str,
        lines: Iterable[Optional[int]],
        fix: Optional[Fix] = None,
    ) -> None:
        numbers = _share_lines(tuple(sorted({n for n in lines if n})))
        self.findings.append(
            Finding(
                rule=self.rule.id,
                status=status,
                severity=self.rule.severity,
                domain=self.target.guest,
                aggregation=self.target.name,
                subject=subject,
                message=_share_message(message),
                evidence_lines=numbers,
                fix=fix,
                server=self.target.server,
                quoted=self.system.reading,
            )
        )

    def passed(self, subject: str, message: str, lines: Iterable[Optional[int]] = ()) -> None:
        self._add(PASS, subject, message, lines)

    def failed(
        self, subject: str, message: str, lines: Iterable[Optional[int]] = (), *, fix: Fix
    ) -> None:
        """A failure; every failure says how to mend it."""
        self._add(FAIL, subject, message, lines, fix)

    @property
    def control(self) -> Optional[str]:
        """Where to run ldm: the control domain's node name (or name), when the input shows
        exactly one control domain."""
        domains = self.system.control_domains
        return self.system.where(domains[0]) if len(domains) == 1 else None

    def skipped(self, subject: str, message: str, lines: Iterable[Optional[int]] = ()) -> None:
        self._add(SKIP, subject, message, lines)


RULES: list[Rule] = []


def rule(rule_id: str, severity: Severity, requirement: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(rule_id, severity, requirement, check))
        return check

    return register


def run_rules(system: System, rules: Optional[Sequence[Rule]] = None) -> list[Finding]:
    """The rules (default: every rule of ``RULES``) on every aggregation target, in their
    order per target; an empty ``rules`` runs none."""
    chosen = RULES if rules is None else rules
    findings: list[Finding] = []
    for target in system.targets:
        for each in chosen:
            judge = Judge(each, system, target)
            each.check(judge, system, target)
            findings.extend(judge.findings)
    return findings

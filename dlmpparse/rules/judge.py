"""The rule protocol: findings, fixes, evidence, the judge that collects a rule's findings for one
aggregation target, and the registry every rule adds itself to (``RULES``, in registration
order: the preconditions, then the health checks)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Callable, Final, Literal, Optional, Protocol, Union

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


# What findings repeat, kept once. A fleet has 21 findings a guest (one per 136 bytes of
# input), and a finding's rule, severity and status are those of every finding of its rule
# with that status (its fix, None but for a failure, goes with them), its domain,
# aggregation, server and input those of every finding of its target: two shared objects and
# their fields read through properties (a finding is 72 bytes, it was 120).
@attrs.frozen(weakref_slot=False)
class _Verdict:
    """What every pass or skip of a rule shares (and every failure of a rule with one fix)."""

    rule: str
    severity: Severity
    status: Status
    fix: Optional[Fix]


@attrs.frozen(weakref_slot=False)
class _Target:
    """What every finding of one aggregation target shares: where, and the input it quotes."""

    domain: Optional[str]
    aggregation: Optional[str]
    server: Optional[str]
    quoted: Optional[Quoted] = attrs.field(eq=False)


# One _Verdict per (rule, severity, status, fix): a few dozen and one per distinct fix,
# bounded (emptied when full) as the sharers are.
_verdicts: dict[tuple[str, str, str, Optional[Fix]], _Verdict] = {}


def _verdict_of(rule: str, severity: Severity, status: Status, fix: Optional[Fix]) -> _Verdict:
    key = (rule, severity, status, fix)
    verdict = _verdicts.get(key)
    if verdict is None:
        if len(_verdicts) >= 4096:
            _verdicts.clear()
        verdict = _verdicts.setdefault(key, _Verdict(rule, severity, status, fix))
    return verdict


# A finding's evidence lines as kept: () for none, the number itself for one line (a tuple of
# one was 48 bytes, and most findings cite one line), a tuple for several.
_Lines = Union[int, tuple[int, ...]]


def _packed(lines: tuple[int, ...]) -> _Lines:
    if len(lines) == 1 and type(lines[0]) is int:
        return lines[0]
    return tuple(lines)


# A frozen class's fields are set as attrs' own __init__ sets them.
_set = object.__setattr__


# No __weakref__ slot (8 bytes an object; nothing refers to one weakly): a fleet has a
# block, a result and two findings per 260 bytes of input.
@attrs.frozen(init=False, repr=False, weakref_slot=False)
class Finding:
    """The verdict of one rule on one subject (a vnet, a link, an aggregation).

    Its fields are its constructor's keywords: ``rule``, ``status``, ``severity``, ``domain``,
    ``aggregation``, ``subject``, ``message``, ``evidence_lines``, ``fix``, ``server`` and
    ``quoted`` (the input the evidence is quoted from, not compared); the shared ones are
    properties."""

    _verdict: _Verdict
    _target: _Target
    subject: str
    message: str
    # The numbers of the input lines the finding rests on (see _Lines); their text is quoted
    # from ``quoted`` when asked (``evidence``): a fleet's findings cite tens of thousands of
    # lines, and a copy of each line per citation was more than the input's size again.
    _lines: _Lines

    def __init__(
        self,
        *,
        rule: str,
        status: Status,
        severity: Severity,
        domain: Optional[str],
        aggregation: Optional[str],
        subject: str,
        message: str,
        evidence_lines: tuple[int, ...] = (),
        fix: Optional[Fix] = None,
        server: Optional[str] = None,
        quoted: Optional[Quoted] = None,
    ) -> None:
        _set(self, "_verdict", _verdict_of(rule, severity, status, fix))
        _set(self, "_target", _Target(domain, aggregation, server, quoted))
        _set(self, "subject", subject)
        _set(self, "message", message)
        _set(self, "_lines", _packed(evidence_lines))

    @classmethod
    def _of(
        cls,
        verdict: _Verdict,
        target: _Target,
        subject: str,
        message: str,
        lines: _Lines,
    ) -> Finding:
        """A finding from its shared parts (the judge's way: no object made per finding but
        the finding)."""
        finding = object.__new__(cls)
        _set(finding, "_verdict", verdict)
        _set(finding, "_target", target)
        _set(finding, "subject", subject)
        _set(finding, "message", message)
        _set(finding, "_lines", lines)
        return finding

    @property
    def rule(self) -> str:
        return self._verdict.rule

    @property
    def status(self) -> Status:
        return self._verdict.status

    @property
    def severity(self) -> Severity:
        return self._verdict.severity

    @property
    def fix(self) -> Optional[Fix]:
        return self._verdict.fix

    @property
    def domain(self) -> Optional[str]:
        return self._target.domain

    @property
    def aggregation(self) -> Optional[str]:
        return self._target.aggregation

    @property
    def server(self) -> Optional[str]:
        """The physical server, when the input shows several (domain names are unique per
        server)."""
        return self._target.server

    @property
    def quoted(self) -> Optional[Quoted]:
        return self._target.quoted

    @property
    def evidence_lines(self) -> tuple[int, ...]:
        """The numbers of the input lines the finding rests on, in order."""
        lines = self._lines
        return (lines,) if isinstance(lines, int) else lines

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The lines the finding rests on, each with its text as the terminal showed it."""
        quoted = self._target.quoted
        return tuple(
            Evidence(n, quoted.line_text(n).strip() if quoted is not None else "")
            for n in self.evidence_lines
        )

    def __repr__(self) -> str:
        verdict, target = self._verdict, self._target
        return (
            f"Finding(rule={verdict.rule!r}, status={verdict.status!r}, "
            f"severity={verdict.severity!r}, domain={target.domain!r}, "
            f"aggregation={target.aggregation!r}, subject={self.subject!r}, "
            f"message={self.message!r}, evidence_lines={self.evidence_lines!r}, "
            f"fix={verdict.fix!r}, server={target.server!r})"
        )

    def to_dict(self) -> dict[str, object]:
        verdict, target = self._verdict, self._target
        server = {"server": target.server} if target.server is not None else {}
        return {
            **server,
            "rule": verdict.rule,
            "status": verdict.status,
            "severity": verdict.severity,
            "domain": target.domain,
            "aggregation": target.aggregation,
            "subject": self.subject,
            "message": self.message,
            "evidence": [{"line": e.line, "text": e.text} for e in self.evidence],
            "fix": verdict.fix.to_dict() if verdict.fix else None,
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
# findings of 200 guests), their subjects (a vnet's label for two rules, a switch for every
# guest on it) and often their lines: one object for each, as it is first made.
_share_message: Callable[[str], str] = sharer(4096)
_share_subject: Callable[[str], str] = sharer(4096)
_share_lines: Callable[[tuple[int, ...]], tuple[int, ...]] = sharer(4096)


class Judge:
    """Collects one rule's findings for one aggregation target."""

    def __init__(
        self,
        rule: Rule,
        system: System,
        target: AggregationTarget,
        *,
        shared: Optional[_Target] = None,
    ) -> None:
        """``shared``: what the findings of ``target`` share (``run_rules`` makes one per
        target for all its rules), made here when not given."""
        self.rule = rule
        self.system = system
        self.target = target
        self.findings: list[Finding] = []
        if shared is None:
            shared = _Target(target.guest, target.name, target.server, system.reading)
        self._target = shared

    def _add(
        self,
        status: Status,
        subject: str,
        message: str,
        lines: Iterable[Optional[int]],
        fix: Optional[Fix] = None,
    ) -> None:
        found = {n for n in lines if n}
        numbers: _Lines
        if len(found) > 1:
            numbers = _share_lines(tuple(sorted(found)))
        else:
            numbers = found.pop() if found else ()
        self.findings.append(
            Finding._of(
                _verdict_of(self.rule.id, self.rule.severity, status, fix),
                self._target,
                _share_subject(subject),
                _share_message(message),
                numbers,
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
        shared = _Target(target.guest, target.name, target.server, system.reading)
        for each in chosen:
            judge = Judge(each, system, target, shared=shared)
            each.check(judge, system, target)
            findings.extend(judge.findings)
    return findings

"""Findings at scale: what the findings of one rule or one target repeat is kept once, one
evidence line is kept as its number, repeated subjects are one string, and the renderers look
at each finding a bounded number of times whatever the number of targets.

Sizes are measured with tracemalloc, reads are counted (never a time). The fleet is the one of
tests/test_memory.py (constructed: the healthy transcript's guest part once per guest).
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from _fleets import fleet as _fleet

from dlmpparse import Finding, Fix, check, read_transcript
from dlmpparse.inventory import build_inventory
from dlmpparse.report import render_json, render_json_lines, render_nagios, render_text
from dlmpparse.report.junit import render_junit
from dlmpparse.rules import run_rules

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"


def _public(finding: Finding) -> dict[str, object]:
    """A finding's fields by the names its constructor takes."""
    names = (
        "rule status severity domain aggregation subject message evidence_lines fix server quoted"
    )
    return {name: getattr(finding, name) for name in names.split()}


def test_the_rules_keep_less_than_115_bytes_a_finding() -> None:
    system = build_inventory(read_transcript(_fleet(150)))
    run_rules(system)  # first-use compilations and shared tables are not the findings'
    gc.collect()
    tracemalloc.start()
    try:
        findings = run_rules(system)
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(findings) == 150 * 21
    # 166 bytes a finding when each kept its rule, severity, status, domain, aggregation,
    # server, fix and input (120 bytes), a tuple for one evidence line (48) and a subject
    # string of its own; 103 since (a 72-byte finding, the list's slot, the messages that name
    # a guest, the tuples of two lines).
    assert kept / len(findings) < 115, kept / len(findings)


def test_a_fleet_s_findings_share_what_their_rule_and_target_share() -> None:
    findings = check(_fleet(20)).findings
    verdicts = {(f.rule, f.severity, f.status, f.fix) for f in findings}
    targets = {(f.domain, f.aggregation, f.server) for f in findings}
    assert len(targets) == 20 and len(verdicts) < 20
    # One object per rule, status and fix, one per target, however many findings read them.
    assert len({id(f._verdict) for f in findings}) == len(verdicts)
    assert len({id(f._target) for f in findings}) == len(targets)
    # A subject made again (a vnet's label for two rules, a switch's for every guest on it) is
    # the first string made.
    by_subject: dict[str, int] = {}
    for finding in findings:
        assert id(by_subject.setdefault(finding.subject, finding.subject)) == id(finding.subject)
    one_line = [f for f in findings if len(f.evidence_lines) == 1]
    assert one_line
    assert all(isinstance(f._lines, int) for f in one_line)


def _every_finding() -> Iterator[Finding]:
    """The findings of every transcript fixture (passes, skips, failures with their fixes)."""
    for path in sorted(TRANSCRIPTS.glob("*.txt")):
        yield from check(path.read_text(encoding="utf-8")).findings


def test_a_finding_made_by_its_keywords_equals_the_rules_own() -> None:
    findings = list(_every_finding())
    assert {len(f.evidence_lines) for f in findings} >= {0, 1, 2}
    assert any(f.fix is not None for f in findings)
    for finding in findings:
        again = Finding(**_public(finding))  # type: ignore[arg-type]
        assert again == finding and hash(again) == hash(finding)
        assert repr(again) == repr(finding)
        assert again.to_dict() == finding.to_dict()
        assert again.evidence == finding.evidence
        assert _public(again) == _public(finding)
    # repr names the fields as attrs did, the input (quoted) left out.
    shown = repr(findings[0])
    assert shown.startswith("Finding(rule=") and shown.endswith("server=None)")
    assert "quoted" not in shown and "_verdict" not in shown


@pytest.mark.parametrize(
    "field, value",
    [
        ("rule", "other"),
        ("status", "skip"),
        ("severity", "warning"),
        ("domain", "ldg9"),
        ("aggregation", "aggr9"),
        ("subject", "net9"),
        ("message", "another"),
        ("evidence_lines", (1,)),
        ("evidence_lines", (1, 2)),
        ("evidence_lines", ()),
        ("fix", Fix(None, "true")),
        ("server", "t8-2"),
    ],
)
def test_findings_that_differ_in_one_field_are_not_equal(field: str, value: object) -> None:
    base = Finding(
        rule="phys-state",
        status="pass",
        severity="error",
        domain="ldg6",
        aggregation="aggr0",
        subject="net0",
        message="linkprop=phys-state",
        evidence_lines=(3,),
    )
    other = Finding(**{**_public(base), field: value})  # type: ignore[arg-type]
    assert other != base
    assert getattr(other, field) == value
    # The input the lines are quoted from is not compared.
    assert Finding(**{**_public(base), "quoted": read_transcript("x\n")}) == base  # type: ignore[arg-type]


class _Counting:
    """Counts reads of ``Finding.domain`` (every renderer's grouping by target reads it)."""

    def __init__(self) -> None:
        self.reads = 0
        self.original = Finding.__dict__["domain"]

    def __enter__(self) -> _Counting:
        original = self.original

        def domain(finding: Finding) -> object:
            self.reads += 1
            return original.__get__(finding)

        Finding.domain = property(domain)  # type: ignore[assignment,method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        Finding.domain = self.original  # type: ignore[method-assign]


@pytest.mark.parametrize(
    "render",
    [
        lambda r: r.exit_code,
        lambda r: render_text(r, verbose=True),
        render_json,
        render_json_lines,
        render_nagios,
        render_junit,
    ],
    ids=["exit_code", "text", "json", "json-lines", "nagios", "junit"],
)
def test_a_report_reads_each_finding_a_bounded_number_of_times(render: object) -> None:
    report = check(_fleet(40))
    assert len(report.system.targets) == 40
    with _Counting() as counting:
        render(report)  # type: ignore[operator]
    # A scan of every finding per target (findings_of, unchecked) read each 40 times and
    # more; JSON asked for the unchecked targets once per target (a scan of scans).
    assert counting.reads <= 3 * len(report.findings), counting.reads / len(report.findings)

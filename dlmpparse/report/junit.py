"""The report as JUnit XML, for CI systems: one testsuite per guest and aggregation, one
testcase per finding (a failure fails it, a skip skips it); unreadable blocks and targets
nothing could be checked for are test errors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..rules import FAIL, SKIP, Finding
from .model import Report, nothing_checked, target_label

__all__ = ["render_junit"]

# XML 1.0 has no place for most control characters; a pasted terminal log may hold some.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _details(report: Report, finding: Finding) -> str:
    lines = [finding.message]
    lines.extend(f"{report.locate(e.line)}: {e.text}" for e in finding.evidence)
    if finding.fix is not None:
        where = finding.fix.domain or "the control domain"
        lines.append(f"fix (in {where}): {finding.fix.command}")
        if finding.fix.note:
            lines.append(finding.fix.note)
    return "\n".join(lines)


def _suite(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(parent, "testsuite", {"name": _xml_text(name)})


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(
        suite, "testcase", {"classname": _xml_text(classname), "name": _xml_text(name)}
    )


def _count(suite: ET.Element) -> dict[str, int]:
    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    return counts


def _findings(report: Report, suite: ET.Element, label: str, findings: Sequence[Finding]) -> None:
    for finding in findings:
        case = _case(suite, label, f"{finding.rule}: {finding.subject}")
        if finding.status == FAIL:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": finding.severity, "message": _xml_text(finding.message)},
            )
            failure.text = _xml_text(_details(report, finding))
        elif finding.status == SKIP:
            ET.SubElement(case, "skipped", {"message": _xml_text(finding.message)})
        else:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text(_details(report, finding))


def render_junit(report: Report) -> str:
    """The report as a JUnit XML document (``<testsuites>``)."""
    root = ET.Element("testsuites", {"name": "dlmpparse"})
    if report.errors or not report.system.targets:
        suite = _suite(root, "input")
        for error in report.errors:
            case = _case(suite, "input", f"read {error.command} at {report.locate(error.line)}")
            element = ET.SubElement(
                case, "error", {"type": "unreadable", "message": _xml_text(error.expected)}
            )
            element.text = _xml_text(str(error))
        if not report.system.targets:
            case = _case(suite, "input", "find a guest or aggregation")
            ET.SubElement(
                case, "error", {"type": "nothing checked", "message": _xml_text(report.problems[0])}
            )
    grouped: set[int] = set()
    unchecked = report.unchecked  # once: it looks at every target
    for target in report.system.targets:
        label = target_label(target)
        suite = _suite(root, label)
        findings = report.findings_of(target)
        grouped.update(id(f) for f in findings)
        if target in unchecked:
            case = _case(suite, label, "at least one precondition checked")
            ET.SubElement(
                case,
                "error",
                {"type": "nothing checked", "message": _xml_text(nothing_checked(target))},
            )
        _findings(report, suite, label, findings)
    rest = [f for f in report.findings if id(f) not in grouped]
    if rest:
        _findings(report, _suite(root, "other"), "other", rest)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        for key, value in _count(suite).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

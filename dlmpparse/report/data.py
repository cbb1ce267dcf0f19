"""The report as data: JSON (one object, docs/schema.md) and JSON Lines (one finding a line).

Every line number is the line of the file the user gave (``file``: its name as given, null for
standard input or unnamed text)."""

from __future__ import annotations

from typing import Any, Optional

import attrs

from ..records import SCHEMA_VERSION
from ..rules import Finding
from .model import Report, nothing_checked

__all__ = ["finding_to_dict", "render_json", "render_json_lines"]


def finding_to_dict(report: Report, finding: Finding) -> dict[str, Any]:
    """``Finding.to_dict`` with each evidence line located in its file."""
    data: dict[str, Any] = finding.to_dict()
    evidence = []
    for item in finding.evidence:
        where = report.locate(item.line)
        evidence.append({"file": where.file, "line": where.line, "text": item.text})
    data["evidence"] = evidence
    return data


def _located(report: Report, data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """``data`` with its line ``keys`` made lines of their file, and ``file`` added (the file
    of the first key)."""
    out = dict(data)
    file = None
    for index, key in enumerate(keys):
        where = report.locate(data[key])
        out[key] = where.line
        if index == 0:
            file = where.file
    return {"file": file, **out}


def _attribution(report: Report) -> Optional[dict[str, Any]]:
    """The domains stage's answers, each evidence line located in its file as the findings'."""
    attribution = report.system.attribution
    if attribution is None:
        return None
    data: dict[str, Any] = attribution.to_dict()

    def clue(item: Optional[dict[str, Any]]) -> Optional[dict[str, Any]]:
        if item is None:
            return None
        if item.get("line") is None:  # a conclusion drawn from several lines
            return {"file": None, **item}
        return _located(report, item, "line")

    for domain in data["domains"]:
        domain["joined_by"] = clue(domain["joined_by"])
        domain["named_by"] = [clue(c) for c in domain["named_by"]]
        domain["role_evidence"] = [clue(c) for c in domain["role_evidence"]]
    data["unattributed_lines"] = [
        {"file": where.file, "line": where.line}
        for where in (report.locate(n) for n in attribution.unknown)
    ]
    return data


def render_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (docs/schema.md)."""
    from ..topology import build_topology  # here: topology builds on this package's model

    paths = [t.to_dict()["members"] for t in build_topology(report)]
    unchecked = report.unchecked  # once: it looks at every target
    return {
        "schema_version": SCHEMA_VERSION,
        "exit_code": report.exit_code,
        "summary": report.summary(),
        "targets": [
            {
                "guest": t.guest,
                "aggregation": t.name,
                # Each member joined down to its service domain's physical device (schema 2;
                # schema 1 gave the member link names only).
                "members": joined,
                "members_from": t.members_from,
                "ldom": t.ldom,
                "where": t.where,
                "server": t.server,
                "checked": t not in unchecked,
            }
            for t, joined in zip(report.system.targets, paths)
        ],
        "findings": [finding_to_dict(report, f) for f in report.findings],
        "problems": list(report.problems),
        "attribution": _attribution(report),
        "information": list(report.system.notes),
        "errors": [_located(report, e.to_dict(), "line") for e in report.errors],
        "not_read": [_located(report, attrs.asdict(n), "line") for n in report.not_read],
        "ignored": [
            _located(report, s.to_dict(), "first_line", "last_line") for s in report.ignored
        ],
    }


def render_json_lines(report: Report) -> str:
    """One JSON object a line: each finding (its guest is ``domain``), in report order; then
    one ``{"problem": ...}`` per target nothing could be checked for and per unreadable
    block, so that an empty stream is never mistaken for a clean one."""
    import json  # here: the text report, the common case, does not need it at start-up
    lines = [
        json.dumps(finding_to_dict(report, f), ensure_ascii=False) for f in report.findings
    ]
    for target in report.unchecked:
        lines.append(
            json.dumps(
                {"problem": nothing_checked(target), "domain": target.guest},
                ensure_ascii=False,
            )
        )
    for error in report.errors:
        lines.append(
            json.dumps(
                {"problem": "unreadable", "error": _located(report, error.to_dict(), "line")},
                ensure_ascii=False,
            )
        )
    return "".join(line + "\n" for line in lines)

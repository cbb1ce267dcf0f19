"""``check``: the whole pipeline, text -> blocks -> records -> inventory -> findings -> report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from .inventory import build_inventory
from .reader import read_transcript
from .report import Report
from .rules import run_rules

__all__ = ["check"]


def check(
    text: str,
    *,
    guest: Optional[str] = None,
    members: Optional[Sequence[str]] = None,
    strict: bool = False,
) -> Report:
    """Check a pasted transcript: will DLMP over virtual networks work, and is it healthy?

    Never raises on bad text: unreadable blocks are in ``report.errors`` and the rest is still
    checked. ``guest`` narrows the check to one guest domain; ``members`` names the
    aggregation's member links when the transcript does not; ``strict`` makes skipped rules
    and ignored text count as failures in ``report.exit_code``.
    """
    reading = read_transcript(text)
    system = build_inventory(reading, guest=guest, members=members)
    findings = run_rules(system)
    return Report(findings=tuple(findings), reading=reading, system=system, strict=strict)

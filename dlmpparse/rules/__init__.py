"""Inventory -> findings: one small function per documented precondition or health check.

Each rule has a stable id, a severity and the Oracle sentence it enforces; ``RULES`` is the
registry (the one place a rule is added, with its page in ``docs/rules/<id>.md``). A rule
returns findings whose status is ``pass``, ``fail`` or ``skip``; a skip names the command that
would supply the missing evidence and the domain to run it in.

``judge`` holds the protocol (Finding, Fix, Evidence, Rule, the Judge, the registry);
``preconditions`` the rules that must hold before the aggregation is created; ``health`` the
checks of a configured aggregation. Importing them registers their rules, in that order.
"""

from __future__ import annotations

from . import health, preconditions
from .judge import (
    ERROR,
    FAIL,
    PASS,
    RULES,
    SKIP,
    WARNING,
    Evidence,
    Finding,
    Fix,
    Judge,
    Rule,
    Severity,
    Status,
    rule,
    run_rules,
)

# Importing a module registers its rules; the report lists the preconditions first.
_ORDER = (preconditions.__name__, health.__name__)
RULES.sort(key=lambda each: _ORDER.index(each.check.__module__))

__all__ = [
    "ERROR",
    "FAIL",
    "PASS",
    "RULES",
    "SKIP",
    "WARNING",
    "Evidence",
    "Finding",
    "Fix",
    "Judge",
    "Rule",
    "Severity",
    "Status",
    "rule",
    "run_rules",
]

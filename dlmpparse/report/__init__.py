"""Findings -> report: the result of a check (``Report``, in ``model``) and its renderings, one
module per format: ``text`` (for a person), ``data`` (JSON, JSON Lines), ``nagios``, ``junit``,
``prometheus`` (``junit`` is imported from its module: xml.etree costs start-up time that
the common case does not need).

Rendering only; nothing here reads input or decides a verdict.
"""

from __future__ import annotations

from .data import finding_to_dict, render_json, render_json_lines
from .model import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREADABLE,
    PRECONDITIONS,
    NotRead,
    Report,
    nothing_checked,
    target_label,
)
from .nagios import nagios_status, render_nagios
from .prometheus import MissingExtra, render_prometheus
from .text import render_text

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "PRECONDITIONS",
    "MissingExtra",
    "NotRead",
    "Report",
    "finding_to_dict",
    "nagios_status",
    "nothing_checked",
    "render_json",
    "render_json_lines",
    "render_nagios",
    "render_prometheus",
    "render_text",
    "target_label",
]

"""The report in the Prometheus text format, for node_exporter's textfile collector: one
``dlmpparse_rule_status`` sample per finding (0 pass, 1 fail, 2 skip) and the time of the
check. Written with the ``prometheus_client`` library (the ``prometheus`` extra), which does
the escaping of label values."""

from __future__ import annotations

from ..rules import FAIL, PASS, SKIP
from .model import Report

__all__ = ["STATUS_VALUES", "MissingExtra", "render_prometheus"]

STATUS_VALUES = {PASS: 0, FAIL: 1, SKIP: 2}
# When two findings share their labels, the one that says most wins: a failure, then a skip.
_RANK = {PASS: 0, SKIP: 1, FAIL: 2}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says how to install it."""


def render_prometheus(report: Report, *, now: float) -> str:
    """The report as a node_exporter textfile (``now``: the check's time, Unix seconds)."""
    try:
        from prometheus_client import CollectorRegistry, Gauge, generate_latest
    except ImportError as exc:
        raise MissingExtra(
            "the prometheus format needs the prometheus_client package: "
            "pip install 'dlmpparse[prometheus]'"
        ) from exc
    registry = CollectorRegistry()
    status = Gauge(
        "dlmpparse_rule_status",
        "Verdict of a dlmpparse rule on one subject: 0 pass, 1 fail, 2 skip.",
        ["guest", "aggregation", "rule", "subject"],
        registry=registry,
    )
    checked = Gauge(
        "dlmpparse_target_checked",
        "1 when at least one precondition could be evaluated for the guest's aggregation.",
        ["guest", "aggregation"],
        registry=registry,
    )
    exit_code = Gauge(
        "dlmpparse_exit_code",
        "The exit status of dlmpparse check: 0 ok, 1 a rule failed, 2 input not usable.",
        registry=registry,
    )
    stamp = Gauge(
        "dlmpparse_check_timestamp_seconds",
        "When the check ran, in seconds since the Unix epoch.",
        registry=registry,
    )
    worst: dict[tuple[str, str, str, str], str] = {}
    for finding in report.findings:
        guest = f"{finding.server}/{finding.domain}" if finding.server else finding.domain or ""
        key = (guest, finding.aggregation or "", finding.rule, finding.subject)
        if key not in worst or _RANK[finding.status] > _RANK[worst[key]]:
            worst[key] = finding.status
    for key, verdict in worst.items():
        status.labels(*key).set(STATUS_VALUES[verdict])
    unchecked = report.unchecked
    for target in report.system.targets:
        guest = f"{target.server}/{target.guest}" if target.server else target.guest
        checked.labels(guest, target.name or "").set(0 if target in unchecked else 1)
    exit_code.set(report.exit_code)
    stamp.set(now)
    return generate_latest(registry).decode("utf-8")

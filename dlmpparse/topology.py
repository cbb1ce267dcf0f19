"""How each guest's aggregation reaches the physical NICs: aggregation -> member link -> vnet ->
virtual switch @ service domain -> its net-dev -> that device's speed and state, from the
inventory's joins, with the rules that failed marked on the hop they are about and every
unknown hop naming the command that would show it.

Pure: built from a ``Report`` (its system and findings); the renderers are in
``dlmpparse.report.topology``.
"""

from __future__ import annotations

from typing import Optional

import attrs

from .inventory import AggregationTarget, Member, System
from .report.model import Report, target_label
from .rules import FAIL

__all__ = ["Path", "TargetTopology", "build_topology"]

# The hops of a path, in order: what each edge leads to.
HOPS = ("link", "vnet", "vswitch", "net_dev")


@attrs.frozen
class Path:
    """One member link followed down to the physical device. ``unknown`` maps a hop that the
    input does not show to the command (and where to run it) that would; ``failed`` maps a
    hop to the rules that failed on the edge leading to it."""

    link: str
    vnet: Optional[str]
    vswitch: Optional[str]
    service_domain: Optional[str]
    net_dev: Optional[str]
    speed: Optional[int]
    state: Optional[str]
    unknown: tuple[tuple[str, str], ...] = ()
    failed: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def failed_on(self, hop: str) -> tuple[str, ...]:
        return next((rules for name, rules in self.failed if name == hop), ())

    def missing(self, hop: str) -> Optional[str]:
        return next((command for name, command in self.unknown if name == hop), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "link": self.link,
            "vnet": self.vnet,
            "vswitch": self.vswitch,
            "service_domain": self.service_domain,
            "net_dev": self.net_dev,
            "speed": self.speed,
            "state": self.state,
            "unknown": {hop: command for hop, command in self.unknown},
            "failed": {hop: list(rules) for hop, rules in self.failed},
        }


@attrs.frozen
class TargetTopology:
    """A guest's aggregation and its paths; ``failed`` the rules that failed on the whole
    aggregation (same-speed, distinct-service-domains)."""

    guest: str
    aggregation: Optional[str]
    server: Optional[str]
    label: str
    paths: tuple[Path, ...]
    failed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "guest": self.guest,
            "aggregation": self.aggregation,
            "server": self.server,
            "failed": list(self.failed),
            "members": [p.to_dict() for p in self.paths],
        }


def _view_key(target: AggregationTarget, domain: str) -> str:
    return f"{target.server}/{domain}" if target.server else domain


def _path(
    system: System, target: AggregationTarget, member: Member, failed: dict[str, list[str]]
) -> Path:
    guest = target.where or target.guest
    ldom = target.ldom or target.guest
    unknown: list[tuple[str, str]] = []
    if member.vnet_name is None:
        unknown.append(
            ("vnet", f"ldm list-netdev {ldom} (control domain), dladm show-phys (in {guest})")
        )
    if member.vswitch is None:
        unknown.append(("vswitch", f"ldm list -o network {ldom} (control domain)"))
    net_dev = member.switch.net_dev if member.switch is not None else None
    speed = state = None
    if net_dev is None:
        unknown.append(("net_dev", "ldm list-services (control domain)"))
    elif member.service_domain is not None:
        view = system.view(_view_key(target, member.service_domain))
        phys, detail = view.phys(net_dev), view.detail(net_dev)
        if phys is not None:
            speed, state = phys.speed, phys.state
        elif view.etherstub(net_dev) is not None:
            state = "etherstub: no physical link"
        elif detail is not None:  # the service domain's own aggregation (dladm show-aggr -x)
            speed, state = detail.speed, detail.state
        elif view.aggregation(net_dev) is not None:
            unknown.append(("state", f"dladm show-aggr -x {net_dev} (in {member.service_domain})"))
        else:
            unknown.append(("state", f"dladm show-phys (in {member.service_domain})"))
    switch_subject = f"{member.vswitch}@{member.service_domain}"
    marks: list[tuple[str, tuple[str, ...]]] = []
    for hop, subjects in (
        ("link", (member.link,)),
        ("vnet", (member.subject,) if member.subject != member.link else ()),
        ("net_dev", (switch_subject,)),
    ):
        rules = tuple(dict.fromkeys(r for s in subjects for r in failed.get(s, ())))
        if rules:
            marks.append((hop, rules))
    return Path(
        link=member.link,
        vnet=member.vnet_name,
        vswitch=member.vswitch,
        service_domain=member.service_domain,
        net_dev=net_dev,
        speed=speed,
        state=state,
        unknown=tuple(unknown),
        failed=tuple(marks),
    )


def build_topology(report: Report, guest: Optional[str] = None) -> tuple[TargetTopology, ...]:
    """Every target's paths (only ``guest``'s when given)."""
    out = []
    for target in report.system.targets:
        if guest is not None and guest not in (target.guest, target.ldom, target.where):
            continue
        failed: dict[str, list[str]] = {}
        for finding in report.findings_of(target):
            if finding.status == FAIL:
                failed.setdefault(finding.subject, []).append(finding.rule)
        paths = tuple(_path(report.system, target, m, failed) for m in target.members)
        covered = {s for m in target.members for s in (m.link, m.subject)}
        covered |= {f"{m.vswitch}@{m.service_domain}" for m in target.members}
        whole = tuple(
            dict.fromkeys(r for s, rules in failed.items() if s not in covered for r in rules)
        )
        out.append(
            TargetTopology(
                guest=target.guest,
                aggregation=target.name,
                server=target.server,
                label=target_label(target),
                paths=paths,
                failed=whole,
            )
        )
    return tuple(out)

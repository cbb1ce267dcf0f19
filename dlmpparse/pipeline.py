"""``check``: the whole pipeline, text -> blocks -> records -> domains -> inventory -> findings
-> report.

The module is ``dlmpparse.pipeline`` so that ``dlmpparse.check`` is only the function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from .domains import Attribution, attribute
from .inventory import System, build_inventory
from .reader import Reading, read_transcript
from .report import Report
from .rules import Finding, run_rules
from .sources import Sources

__all__ = ["check"]


def check(
    text: str,
    *,
    guest: Optional[str] = None,
    members: Optional[Sequence[str]] = None,
    strict: bool = False,
    sources: Optional[Sources] = None,
) -> Report:
    """Check a pasted transcript: will DLMP over virtual networks work, and is it healthy?

    Never raises on bad text: unreadable blocks are in ``report.errors`` and the rest is still
    checked. ``guest`` narrows the check to one guest domain; ``members`` names the
    aggregation's member links when the transcript does not; ``strict`` makes skipped rules
    and ignored text count as failures in ``report.exit_code``. A transcript of several
    servers is checked server by server (domain names are unique only within one), and each
    finding names its server.

    ``sources``: when ``text`` is several files joined (``Sources.join``), where each begins:
    each file starts a new shell session, and the report locates every line in its file.
    """
    sources = sources if sources is not None else Sources()
    reading = read_transcript(text, file_starts=sources.file_starts)
    attribution = attribute(reading, guest=guest)
    if len(attribution.servers) <= 1:
        system = build_inventory(reading, guest=guest, members=members, attribution=attribution)
        findings = run_rules(system)
        return Report(
            findings=tuple(findings),
            reading=reading,
            system=system,
            strict=strict,
            sources=sources,
        )
    systems: list[System] = []
    all_findings: list[Finding] = []
    for server in attribution.servers:
        if guest is not None:
            identity = attribution.identity(guest, server)
            if identity is None or identity.server != server:
                continue
        part = build_inventory(
            reading, guest=guest, members=members, attribution=attribution, server=server
        )
        systems.append(part)
        all_findings.extend(run_rules(part))
    return Report(
        findings=tuple(all_findings),
        reading=reading,
        system=_servers(systems, reading, attribution),
        strict=strict,
        sources=sources,
    )


def _servers(systems: Sequence[System], reading: Reading, attribution: Attribution) -> System:
    """The systems of several servers as one, for the report: targets, notes and the ldm
    records side by side, domains keyed ``server/name``."""
    return System(
        domains={f"{s.server}/{k}": v for s in systems for k, v in s.domains.items()},
        vnets=tuple(v for s in systems for v in s.vnets),
        netdevs=tuple(d for s in systems for d in s.netdevs),
        switches=tuple(w for s in systems for w in s.switches),
        targets=tuple(t for s in systems for t in s.targets),
        reading=reading,
        control_domains=tuple(c for s in systems for c in s.control_domains),
        attribution=attribution,
        notes=tuple(n for s in systems for n in s.notes),
    )

"""Constructed fleet transcripts for the memory tests (as bench/run.py's ``fleet_transcript``).

The healthy transcript's guest part (tests/fixtures/transcripts/healthy.txt, constructed from
the seed's commands and output) once per guest, each under its own names, MAC addresses and
vnet: a block per 260 bytes of input, the shape that costs most per byte.
"""

from __future__ import annotations

from pathlib import Path

HEALTHY = Path(__file__).parent / "fixtures" / "transcripts" / "healthy.txt"


def fleet(guests: int) -> str:
    base = HEALTHY.read_text(encoding="utf-8")
    head, _, guest = base.partition("primary# ldm list-netdev ldg6")
    guest = "primary# ldm list-netdev ldg6" + guest
    parts = [head]
    for g in range(guests):
        parts.append(
            guest.replace("ldg6", f"ldg{1000 + g}")
            .replace("vnet6", f"vnet{6000 + g}")
            .replace("f9:cf:47", f"f9:{(g >> 8) & 0xFF:x}:{g & 0xFF:x}")
            .replace("fb:f5:33", f"fb:{(g >> 8) & 0xFF:x}:{g & 0xFF:x}")
        )
    return "".join(parts)

"""Test data for tools built on dlmpparse: renderers that print records and whole systems the
way Solaris and ldm do, and hypothesis strategies that generate them.

``dlmpparse.testing.render`` and ``dlmpparse.testing.system`` need nothing beyond dlmpparse;
``dlmpparse.testing.strategies`` needs hypothesis (``pip install 'dlmpparse[testing]'``).
See docs/testing.md.
"""

from __future__ import annotations

from .render import (
    Rendered,
    Style,
    dladm_mac,
    render_ipadm,
    render_list_netdev,
    render_list_network,
    render_parseable,
    render_show_aggr_probe,
    render_show_aggr_x,
    render_show_phys,
    render_table,
    render_transcript,
)
from .system import DlmpSystem, Member, render_system

__all__ = [
    "DlmpSystem",
    "Member",
    "Rendered",
    "Style",
    "dladm_mac",
    "render_ipadm",
    "render_list_netdev",
    "render_list_network",
    "render_parseable",
    "render_show_aggr_probe",
    "render_show_aggr_x",
    "render_show_phys",
    "render_system",
    "render_table",
    "render_transcript",
]

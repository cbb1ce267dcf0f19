"""Test data for tools built on dlmpparse: renderers that print records and whole systems the
way Solaris and ldm do, and hypothesis strategies that generate them.

``dlmpparse.testing.render`` and ``dlmpparse.testing.system`` need nothing beyond dlmpparse;
``dlmpparse.testing.strategies`` needs hypothesis (``pip install 'dlmpparse[testing]'``).
See docs/testing.md.

The public surface, all importable from ``dlmpparse.testing``:

* renderers (``render_show_phys``, ``render_show_aggr``, ``render_show_aggr_x``,
  ``render_show_aggr_probe``, ``render_list_netdev``, ``render_list_network``,
  ``render_ipadm``, ``render_transcript``, ...): records -> ``Rendered(text, lines)``;
* ``Style`` (also named ``Noise``): the noise of real pastes (padding, tabs, NBSP, trailing
  blanks, CRLF, blank lines, indentation, a repeated header);
* ``DlmpSystem``/``Member``/``render_system``: a whole system's transcript;
* the hypothesis strategies of ``dlmpparse.testing.strategies`` (``rendered_cases``,
  ``physical_links``, ``noises``, ...). They are imported on first use, so importing
  ``dlmpparse.testing`` (and ``dlmpparse``, which never imports this package) does not import
  hypothesis.
"""

from __future__ import annotations

import importlib
from typing import Any

from .render import (
    AGGR_LAYOUTS,
    Noise,
    Rendered,
    Style,
    dladm_mac,
    ldm_speed,
    network_pairs,
    ofmt_line,
    render_ipadm,
    render_ipadm_show_addr,
    render_ipadm_show_if,
    render_list_netdev,
    render_list_network,
    render_parseable,
    render_show_aggr,
    render_show_aggr_probe,
    render_show_aggr_x,
    render_show_etherstub,
    render_show_link,
    render_show_phys,
    render_show_vnic,
    render_table,
    render_transcript,
)
from .system import DlmpSystem, Member, render_system

# The names ``dlmpparse.testing.strategies`` exports, re-exported lazily (PEP 562).
_STRATEGIES = frozenset(
    {
        "SEED_COMMANDS",
        "Case",
        "aggregation_details",
        "aggregations",
        "aggregations_11_0",
        "etherstubs",
        "ip_addresses",
        "ip_interfaces",
        "ip_rows",
        "link_names",
        "links",
        "macs",
        "net_devices",
        "network_field_lines",
        "noises",
        "os_releases",
        "physical_links",
        "probe_statuses",
        "rendered_cases",
        "speeds",
        "styles",
        "systems",
        "typical_link_names",
        "virtual_networks",
        "virtual_switches",
        "vnics",
    }
)

__all__ = [
    "AGGR_LAYOUTS",
    "DlmpSystem",
    "Member",
    "Noise",
    "Rendered",
    "Style",
    "dladm_mac",
    "ldm_speed",
    "network_pairs",
    "ofmt_line",
    "render_ipadm",
    "render_ipadm_show_addr",
    "render_ipadm_show_if",
    "render_list_netdev",
    "render_list_network",
    "render_parseable",
    "render_show_aggr",
    "render_show_aggr_probe",
    "render_show_aggr_x",
    "render_show_etherstub",
    "render_show_link",
    "render_show_phys",
    "render_show_vnic",
    "render_system",
    "render_table",
    "render_transcript",
]


def __getattr__(name: str) -> Any:
    """A strategy of ``dlmpparse.testing.strategies``, importing it (and hypothesis) now."""
    if name in _STRATEGIES:
        module = importlib.import_module(".strategies", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_STRATEGIES})

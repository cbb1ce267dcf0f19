"""Test data for tools built on dlmpparse: renderers that print records and whole systems the
way Solaris and ldm do, and hypothesis strategies that generate them.

``dlmpparse.testing.render`` and ``dlmpparse.testing.system`` need nothing beyond dlmpparse;
``dlmpparse.testing.strategies`` needs hypothesis (``pip install 'dlmpparse[testing]'``).
See docs/testing.md.

The public surface:

* renderers (``render_show_phys``, ``render_show_aggr``, ``render_show_aggr_x``,
  ``render_show_aggr_probe``, ``render_list_netdev``, ``render_list_network``,
  ``render_ipadm``, ``render_transcript``, ...): records -> ``Rendered(text, lines)``;
* ``Style`` (also named ``Noise``): the noise of real pastes (padding, tabs, NBSP, trailing
  blanks, CRLF, blank lines, indentation, a repeated header);
* ``DlmpSystem``/``Member``/``render_system``: a whole system's transcript;
* ``capture``/``CAPTURE_STYLES`` (``dlmpparse.testing.capture``): that transcript as
  administrators capture it (other prompts, ssh, script(1), web paste, banners, ...);
* the hypothesis strategies live in ``dlmpparse.testing.strategies`` (``rendered_cases``,
  ``physical_links``, ``noises``, ...; the record strategies are defined in
  ``record_strategies`` and re-exported), imported from there, so importing
  ``dlmpparse.testing`` (or ``dlmpparse``, which never imports this package) does not import
  hypothesis.
"""

from __future__ import annotations

from .capture import CAPTURE_STYLES, capture
from .render import (
    AGGR_LAYOUTS,
    Noise,
    Rendered,
    Style,
    dladm_mac,
    ldm_speed,
    network_pairs,
    ofmt_line,
    render_fields,
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
    render_show_phys_l,
    render_show_phys_m,
    render_show_vnic,
    render_table,
    render_transcript,
    render_unknown_section,
)
from .system import DlmpSystem, Member, render_system

__all__ = [
    "AGGR_LAYOUTS",
    "CAPTURE_STYLES",
    "DlmpSystem",
    "Member",
    "Noise",
    "Rendered",
    "Style",
    "capture",
    "dladm_mac",
    "ldm_speed",
    "network_pairs",
    "ofmt_line",
    "render_fields",
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
    "render_show_phys_l",
    "render_show_phys_m",
    "render_show_vnic",
    "render_system",
    "render_table",
    "render_transcript",
    "render_unknown_section",
]

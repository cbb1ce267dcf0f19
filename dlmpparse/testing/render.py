"""Renderers: records printed the way Solaris and ldm print them, for tests and benchmarks.

Pure functions, no hypothesis: ``dlmpparse.testing.render`` is usable without the ``testing``
extra. Each renderer returns a ``Rendered``: the text and the 1-based line of each record,
so a test can compare ``parse(command, rendered.text)`` with the records it started from.
Columns are as wide as their widest cell plus the padding, the last one not padded (libofmt);
or, given ``widths``, fixed libofmt field widths where a value wider than its column pushes the
rest of the row right and the following columns give the overflow back. ``Style`` (also named
``Noise``) adds the noise real pastes carry.

Values are printed as each command prints them: None as ``--``; speeds in the command's unit
(``show-phys`` bare Mb/s ``1000``, ``show-aggr -x`` ``1000Mb``, ``list-netdev`` ``1G``); MACs
unpadded in dladm's output (``0:14:4f:f9:cf:47``), zero-padded in ldm's.

The renderers live by command family (``render_dladm``, ``render_ipadm``, ``render_ldm``,
``render_os_release``; ldm's ``-p`` listings in ``render_ldm_p``) on the machinery of
``render_tables``; this module gathers them under one name.
"""

from __future__ import annotations

from .render_dladm import (
    AGGR_LAYOUTS,
    render_show_aggr,
    render_show_aggr_probe,
    render_show_aggr_x,
    render_show_etherstub,
    render_show_link,
    render_show_phys,
    render_show_phys_l,
    render_show_phys_m,
    render_show_vnic,
)
from .render_ipadm import render_ipadm, render_ipadm_show_addr, render_ipadm_show_if
from .render_ldm import (
    ldm_speed,
    network_pairs,
    render_list_l,
    render_list_netdev,
    render_list_network,
    render_list_services,
    render_network_table,
    render_unknown_section,
)
from .render_os_release import render_pkg_info_entire, render_uname, render_uname_a
from .render_tables import (
    Noise,
    Rendered,
    Style,
    dladm_mac,
    ofmt_line,
    render_fields,
    render_parseable,
    render_table,
    render_transcript,
)

__all__ = [
    "AGGR_LAYOUTS",
    "Noise",
    "Rendered",
    "Style",
    "dladm_mac",
    "ldm_speed",
    "network_pairs",
    "ofmt_line",
    "render_fields",
    "render_ipadm",
    "render_ipadm_show_addr",
    "render_ipadm_show_if",
    "render_list_l",
    "render_list_netdev",
    "render_list_network",
    "render_list_services",
    "render_network_table",
    "render_parseable",
    "render_pkg_info_entire",
    "render_show_aggr",
    "render_show_aggr_probe",
    "render_show_aggr_x",
    "render_show_etherstub",
    "render_show_link",
    "render_show_phys",
    "render_show_phys_l",
    "render_show_phys_m",
    "render_show_vnic",
    "render_table",
    "render_transcript",
    "render_uname",
    "render_uname_a",
    "render_unknown_section",
]

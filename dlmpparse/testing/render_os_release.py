"""Renderers of what says a domain's Solaris release: ``uname -a``, ``uname -v`` (``-r``,
``-rv``, ``-srv``), ``pkg info entire``."""

from __future__ import annotations

from ..records import OsRelease
from .render_tables import PLAIN, Rendered, Style, join_lines

__all__ = ["render_pkg_info_entire", "render_uname", "render_uname_a"]


def render_uname_a(release: OsRelease, style: Style = PLAIN) -> Rendered:
    """``uname -a`` of a SPARC domain running ``release.version``."""
    line = f"{style.indent}SunOS {release.domain} 5.11 {release.version} sun4v sparc sun4v"
    return Rendered(join_lines([line + style.trailing], style), (1,))


def render_pkg_info_entire(release: OsRelease, style: Style = PLAIN) -> Rendered:
    """``pkg info entire`` of an Oracle Solaris 11.4 system at ``release.version``."""
    lines = [
        "          Name: entire",
        "       Summary: Incorporation to lock all system packages to the same build",
        "         State: Installed",
        "     Publisher: solaris",
        f"       Version: 11.4 (Oracle Solaris {release.version})",
        f"        Branch: {release.branch}",
        "          FMRI: pkg://solaris/entire@11.4-" + str(release.branch),
    ]
    return Rendered(join_lines([style.indent + line for line in lines], style), (5,))


def render_uname(release: OsRelease, flags: str, style: Style = PLAIN) -> Rendered:
    """``uname -v``, ``-r``, ``-rv`` or ``-srv``: the fields in uname's fixed order."""
    fields = {"s": "SunOS", "r": "5.11", "v": str(release.version)}
    words = [fields[f] for f in "srv" if f in flags]
    return Rendered(join_lines([style.indent + " ".join(words) + style.trailing], style), (1,))

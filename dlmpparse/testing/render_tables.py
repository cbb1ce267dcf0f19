"""The printing machinery of the renderers: ``Style`` (the noise of real pastes), ``Rendered``,
libofmt tables (``render_table``, ``ofmt_line``), the ``-p -o`` and ``-o`` forms of flat
records, and terminal transcripts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

import attrs

__all__ = [
    "PLAIN",
    "Noise",
    "Rendered",
    "Style",
    "blank",
    "cell",
    "dladm_mac",
    "join_lines",
    "ofmt_line",
    "render_fields",
    "render_parseable",
    "render_table",
    "render_transcript",
]


@attrs.frozen(kw_only=True)
class Style:
    """How a table is printed and pasted: padding between columns (or tabs), indentation,
    non-breaking spaces for some blanks, trailing blanks, CRLF line ends, blank lines between
    rows, and the header printed again before row ``repeat_header_at`` (0: never)."""

    pad: int = 2
    indent: str = ""
    nbsp: bool = False
    tabs: bool = False
    trailing: str = ""
    crlf: bool = False
    blank_between: bool = False
    repeat_header_at: int = 0


# The style of a table printed as the command prints it, with no noise: the renderers' default.
PLAIN = Style()

# The noise options are a style of printing; ``Noise`` is the same class by its other name.
Noise = Style


@attrs.frozen
class Rendered:
    """Rendered text and the 1-based line each record was printed on."""

    text: str
    lines: tuple[int, ...]


def cell(value: object) -> str:
    return "--" if value is None else str(value)


def blank(value: object) -> str:
    """ldm's one-line tables leave unset cells blank (not ``--``)."""
    return "" if value is None else str(value)


def dladm_mac(mac: Optional[str]) -> str:
    """A MAC address as dladm prints it: octets without leading zeros (``0:14:4f:f9:cf:47``)."""
    if mac is None:
        return "--"
    return ":".join(f"{int(octet, 16):x}" for octet in mac.split(":"))


def join_lines(lines: Sequence[str], style: Style) -> str:
    end = "\r\n" if style.crlf else "\n"
    return end.join(lines) + end


def ofmt_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One line as libofmt prints it with fixed field widths (each width includes the blank
    after the field): a value as wide as its field or wider is followed by one blank and the
    overflow is taken back from the padding of the following fields; the last field is not
    padded (illumos ``ofmt_print_field``)."""
    out = []
    overflow = 0
    last = len(cells) - 1
    for index, (value, width) in enumerate(zip(cells, widths)):
        if index == last:
            out.append(value)
            break
        if len(value) + overflow >= width:
            overflow += len(value) - width + 1
            out.append(value + " ")
            continue
        if overflow > 0:
            compress = min(overflow, width - len(value))
            overflow -= compress
            width -= compress
        out.append(value.ljust(width))
    return "".join(out)


def render_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    style: Style = PLAIN,
    *,
    widths: Optional[Sequence[int]] = None,
) -> Rendered:
    """A libofmt-style table; ``lines`` are the rows' line numbers.

    Without ``widths`` every column is as wide as its widest cell (header included) and
    ``style.pad`` blanks (or a tab) separate the columns. With ``widths`` (one per column,
    the blank after the field included, as libofmt's field widths are) the rows are printed
    by ``ofmt_line``, overflow pushing the rest of a row right; ``style.tabs`` then turns
    every run of two or more blanks into a tab.
    """
    sep = "\t" if style.tabs else " " * style.pad
    if widths is None:
        computed = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

        def plain(cells: Sequence[str]) -> str:
            parts = [c.ljust(w) for c, w in zip(cells[:-1], computed)] + [cells[-1]]
            return sep.join(parts)

        layout = plain
    else:
        if len(widths) != len(header):
            raise ValueError("one width per column")
        fixed = list(widths)

        def ofmt(cells: Sequence[str]) -> str:
            text = ofmt_line(cells, fixed)
            return re.sub(" {2,}", "\t", text) if style.tabs else text

        layout = ofmt

    def line(cells: Sequence[str]) -> str:
        text = style.indent + layout(cells).rstrip() + style.trailing
        return text.replace("  ", " \u00a0") if style.nbsp else text

    out = [line(header)]
    numbers = []
    for index, row in enumerate(rows):
        if style.repeat_header_at and index == style.repeat_header_at:
            out.append(line(header))
        if style.blank_between:
            out.append("")
        out.append(line(row))
        numbers.append(len(out))
    return Rendered(join_lines(out, style), tuple(numbers))


def render_parseable(
    records: Sequence[object], fields: Sequence[str], *, crlf: bool = False
) -> Rendered:
    """The ``-p -o FIELDS`` form of flat records: ``fields`` name record attributes (``class``
    for ``class_``); ``:`` and ``\\`` inside values are escaped when more than one field is
    printed; None and empty lists print empty, booleans ``yes``/``no``."""
    out = []
    for record in records:
        values = []
        for field in fields:
            value = getattr(record, "class_" if field == "class" else field)
            if value is None:
                text = ""
            elif isinstance(value, bool):
                # dladm prints a flag as yes or no (show-phys -m's INUSE).
                text = "yes" if value else "no"
            elif isinstance(value, tuple):
                text = " ".join(map(str, value))
            else:
                text = str(value)
            if len(fields) > 1:
                text = text.replace("\\", "\\\\").replace(":", "\\:")
            values.append(text)
        out.append(":".join(values))
    end = "\r\n" if crlf else "\n"
    text = end.join(out) + end if out else ""
    return Rendered(text, tuple(range(1, len(out) + 1)))


def render_fields(
    records: Sequence[object],
    fields: Sequence[str],
    header: Sequence[str],
    style: Style = PLAIN,
) -> Rendered:
    """The human ``-o FIELDS`` form of flat records: ``fields`` name record attributes
    (``class`` for ``class_``) in print order, ``header`` the columns printed above them.
    None and empty lists print ``--``, lists comma-separated, booleans ``yes``/``no``."""
    rows = []
    for record in records:
        cells = []
        for field in fields:
            value = getattr(record, "class_" if field == "class" else field)
            if value is None or value == ():
                text = "--"
            elif isinstance(value, bool):
                text = "yes" if value else "no"
            elif isinstance(value, tuple):
                text = ",".join(map(str, value))
            else:
                text = str(value)
            cells.append(text)
        rows.append(cells)
    return render_table([h.upper() for h in header], rows, style)


def render_transcript(blocks: Sequence[tuple[str, str, str]], *, en_dash: bool = False) -> str:
    """A terminal transcript: each (domain, command, output) as ``domain# command`` and the
    output under it; ``en_dash`` types options with an en-dash as web pages do."""
    out = []
    for domain, command, output in blocks:
        if en_dash:
            command = " ".join(
                "\u2013" + word[1:] if word.startswith("-") and len(word) > 1 else word
                for word in command.split()
            )
        out.append(f"{domain}# {command}\n{output}")
    return "".join(out)

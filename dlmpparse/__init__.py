"""dlmpparse: read Oracle Solaris and LDoms network output; check DLMP over virtual networks.

The public API is small:

* ``parse(command, text)`` reads one command's output into typed records;
* ``check(text)`` checks a transcript rule by rule and returns a ``Report`` (never raises);
* ``read_transcript(text)`` reads a pasted terminal transcript (prompt lines such as
  ``primary#`` or ``ldg6#`` say which domain ran what) block by block;
* ``to_dict(record)`` gives a record as JSON-ready data;
* ``ParseError`` (and its ``UnknownCommandError``) is the only error bad input raises;
* the record classes: ``PhysicalLink``, ``Aggregation``, ``AggregationDetail``,
  ``AggregationPort``, ``ProbeStatus``, ``NetDevice``, ``VirtualNetwork``, ``IpInterface``,
  ``IpAddress``.

>>> from dlmpparse import parse
>>> [link] = parse("dladm show-phys", '''LINK  MEDIA     STATE  SPEED  DUPLEX  DEVICE
... net0  Ethernet  up     1000   full    vnet0''')
>>> link.speed, link.device
(1000, 'vnet0')
"""

from __future__ import annotations

from .errors import ParseError, UnknownCommandError
from .grammars import parse, supported_commands
from .pipeline import check
from .reader import Reading, read_transcript
from .records import (
    SCHEMA_VERSION,
    Aggregation,
    AggregationDetail,
    AggregationPort,
    IpAddress,
    IpInterface,
    NetDevice,
    PhysicalLink,
    ProbeStatus,
    Record,
    VirtualNetwork,
    to_dict,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Aggregation",
    "AggregationDetail",
    "AggregationPort",
    "IpAddress",
    "IpInterface",
    "NetDevice",
    "ParseError",
    "PhysicalLink",
    "ProbeStatus",
    "Reading",
    "Record",
    "UnknownCommandError",
    "VirtualNetwork",
    "__version__",
    "check",
    "parse",
    "read_transcript",
    "supported_commands",
    "to_dict",
]

"""dlmpparse: read Oracle Solaris and LDoms network output; check DLMP over virtual networks.

The public API is small, and every name of it is importable from here (``__all__``):

* ``parse(command, text)`` reads one command's output into typed records;
* ``check(text)`` checks a transcript rule by rule and returns a ``Report`` (never raises) of
  ``Finding``s, each with its ``Evidence`` and, for a failure, a ``Fix``;
* ``read_transcript(text)`` reads a pasted terminal transcript (prompt lines such as
  ``primary#`` or ``ldg6#`` say which domain ran what) block by block into a ``Reading``;
* ``to_dict(record)`` gives a record as JSON-ready data, ``Report.to_dict()`` a report;
* ``ParseError`` (and its ``UnknownCommandError``) is the only error bad input raises;
* every record class (``PhysicalLink``, ``Aggregation``, ``VirtualNetwork``, ... ``Domain``,
  ``UnreadSection``; ``Record`` is their union);
* the vocabularies as ``Literal`` types: ``Status`` and ``Severity`` of a finding,
  ``BlockStatus`` of a transcript block.

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
from .reader import BlockResult, BlockStatus, IgnoredText, Reading, read_transcript
from .records import (
    SCHEMA_VERSION,
    Aggregation,
    AggregationDetail,
    AggregationPort,
    Domain,
    Etherstub,
    IpAddress,
    IpInterface,
    Link,
    NetDevice,
    NodeName,
    OsRelease,
    PhysicalAddress,
    PhysicalLink,
    PhysicalLocation,
    ProbeStatus,
    Record,
    UnreadSection,
    VirtualizationInfo,
    VirtualNetwork,
    VirtualSwitch,
    Vnic,
    to_dict,
)
from .report import Report
from .rules import Evidence, Finding, Fix, Severity, Status

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Aggregation",
    "AggregationDetail",
    "AggregationPort",
    "BlockResult",
    "BlockStatus",
    "Domain",
    "Etherstub",
    "Evidence",
    "Finding",
    "Fix",
    "IgnoredText",
    "IpAddress",
    "IpInterface",
    "Link",
    "NetDevice",
    "NodeName",
    "OsRelease",
    "ParseError",
    "PhysicalAddress",
    "PhysicalLink",
    "PhysicalLocation",
    "ProbeStatus",
    "Reading",
    "Record",
    "Report",
    "Severity",
    "Status",
    "UnknownCommandError",
    "UnreadSection",
    "VirtualNetwork",
    "VirtualSwitch",
    "VirtualizationInfo",
    "Vnic",
    "__version__",
    "check",
    "parse",
    "read_transcript",
    "supported_commands",
    "to_dict",
]

"""Generate the JSON Schemas (draft 2020-12) of dlmpparse's JSON output into dlmpparse/schemas/.

    python tools/gen_schema.py           # write the files
    python tools/gen_schema.py --check   # exit 1 if a committed file differs from the generated

The record schemas come from the attrs record classes themselves (field names, types, which
fields are nullable, which hold lists or nested records), so a field added to a record is in
the schema when this script runs again; tests/test_schema.py fails while the committed files
are stale. The report's finding, evidence, fix, not-read and domain objects come from their
attrs classes too (with the ``Status``/``Severity`` Literal types as enums); the envelopes that
are built by hand as dicts (``render_json``, ``reading_to_dict``, ``to_dict`` methods) are
described here, next to the conventions of docs/schema.md.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import typing
from pathlib import Path
from typing import Any, Union

import attrs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dlmpparse import SCHEMA_VERSION, records  # noqa: E402
from dlmpparse.domains import Clue, DomainIdentity  # noqa: E402
from dlmpparse.reader import BlockStatus  # noqa: E402
from dlmpparse.report import NotRead  # noqa: E402
from dlmpparse.rules import Evidence, Finding, Fix  # noqa: E402

SCHEMAS = ROOT / "dlmpparse" / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON = dict[str, Any]

# Record fields of pairs (VirtualNetwork.extra, .field_lines): objects in JSON (records.to_dict).
_MAPPING_FIELDS = frozenset({"extra", "field_lines"})
# Fields whose attrs validator requires a 1-based line number.
_LINE_FIELDS = frozenset({"line", "last_line", "first_line"})
# MAC addresses as records.mac_or_none normalises them (docs/schema.md: Conventions).
_MAC = "^[0-9a-f]{2}(:[0-9a-f]{2}){5}$"


def record_classes() -> list[type]:
    """The record classes, in the order of the ``Record`` union."""
    return list(typing.get_args(records.Record))


def _json_name(name: str) -> str:
    return name.rstrip("_")


def type_schema(hint: Any, *, name: str = "") -> JSON:
    """The schema of a value of type ``hint`` as the to_dict functions write it."""
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is Union:
        present = [a for a in arguments if a is not type(None)]
        [inner] = present
        nonnull = type_schema(inner, name=name)
        if "$ref" in nonnull or "enum" in nonnull:
            return {"anyOf": [nonnull, {"type": "null"}]}
        return {**nonnull, "type": [nonnull["type"], "null"]}
    if origin is typing.Literal:
        return {"type": "string", "enum": list(arguments)}
    if origin in (tuple, frozenset) and (origin is frozenset or arguments[-1] is Ellipsis):
        return {"type": "array", "items": type_schema(arguments[0])}
    if isinstance(hint, type) and attrs.has(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    simple = {str: "string", int: "integer", bool: "boolean"}
    if hint in simple:
        schema: JSON = {"type": simple[hint]}
        if hint is int and name in _LINE_FIELDS:
            schema["minimum"] = 1
        return schema
    raise TypeError(f"no JSON schema for {hint!r} (field {name!r})")


def record_schema(cls: type) -> JSON:
    """A record class as ``records.to_dict`` writes it."""
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    properties: JSON = {"record": {"const": cls.__name__}}
    required = ["record"]
    for field in fields:
        key = _json_name(field.name)
        if field.name == "not_shown":
            # Written only when it names a field: the sorted JSON names of the fields left out.
            names = sorted(_json_name(f.name) for f in fields if f.name not in ("line", key))
            properties[key] = {
                "type": "array",
                "items": {"enum": names},
                "minItems": 1,
                "uniqueItems": True,
            }
            continue
        if field.name in _MAPPING_FIELDS:
            [pair] = typing.get_args(hints[field.name])[:1]
            value = type_schema(typing.get_args(pair)[1])
            properties[key] = {"type": "object", "additionalProperties": value}
        else:
            properties[key] = type_schema(hints[field.name], name=field.name)
        if field.converter is records.mac_or_none:
            properties[key]["pattern"] = _MAC
        elif field.converter is records.speed_mbps:
            properties[key]["minimum"] = 0
        required.append(key)
    return {
        "type": "object",
        "description": _summary(cls),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def object_schema(cls: type, *, optional: tuple[str, ...] = (), omit: tuple[str, ...] = ()) -> JSON:
    """An attrs class written field by field (its ``to_dict`` or ``attrs.asdict``); fields in
    ``optional`` may be left out, fields in ``omit`` never appear."""
    hints = typing.get_type_hints(cls)
    properties: JSON = {}
    for field in attrs.fields(cls):
        if field.name not in omit:
            properties[field.name] = type_schema(hints[field.name], name=field.name)
    return {
        "type": "object",
        "description": _summary(cls),
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


def _finding_schema() -> JSON:
    """``Finding.to_dict``: its fields, with ``evidence_lines`` written as ``evidence`` (each
    line with its text, quoted when written) and ``quoted`` (where the text comes from) not
    written. ``server`` only when the input shows several servers."""
    # A finding keeps what the findings of its rule and of its target share once and reads
    # those fields through properties: its fields are its constructor's keywords.
    hints = typing.get_type_hints(Finding.__init__)
    names = [n for n in inspect.signature(Finding.__init__).parameters if n != "self"]
    properties = {n: type_schema(hints[n], name=n) for n in names if n != "quoted"}
    schema: JSON = {
        "type": "object",
        "description": _summary(Finding),
        "properties": properties,
        "required": [k for k in properties if k != "server"],
        "additionalProperties": False,
    }
    evidence = {"type": "array", "items": type_schema(Evidence)}
    schema["properties"] = {
        ("evidence" if k == "evidence_lines" else k): (evidence if k == "evidence_lines" else v)
        for k, v in schema["properties"].items()
    }
    schema["required"] = ["evidence" if k == "evidence_lines" else k for k in schema["required"]]
    return schema


def _summary(cls: type) -> str:
    doc = (cls.__doc__ or cls.__name__).strip()
    return " ".join(doc.split("\n\n", 1)[0].split())


def _record_defs() -> JSON:
    return {cls.__name__: record_schema(cls) for cls in record_classes()}


def _any_record() -> JSON:
    # Dispatch on "record" (docs/schema.md: consumers dispatch on it).
    return {"oneOf": [{"$ref": f"#/$defs/{cls.__name__}"} for cls in record_classes()]}


_ERROR: JSON = {
    "type": "object",
    "description": "A ParseError (ParseError.to_dict()).",
    "properties": {
        "command": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "text": {"type": "string"},
        "expected": {"type": "string"},
    },
    "required": ["command", "line", "column", "text", "expected"],
    "additionalProperties": False,
}

_IGNORED: JSON = {
    "type": "object",
    "description": "Input lines no grammar read, and why (IgnoredText.to_dict()).",
    "properties": {
        "first_line": {"type": "integer", "minimum": 1},
        "last_line": {"type": "integer", "minimum": 1},
        "reason": {"type": "string"},
        "text": {"type": "string"},
    },
    "required": ["first_line", "last_line", "reason", "text"],
    "additionalProperties": False,
}


def records_schema() -> JSON:
    """``parse --command``: a JSON array of records."""
    return {
        "$schema": DIALECT,
        "title": "dlmpparse parse --command output",
        "description": (
            f"An array of records (schema version {SCHEMA_VERSION}); each object's first key "
            '"record" names its type. See docs/schema.md.'
        ),
        "type": "array",
        "items": {"$ref": "#/$defs/Record"},
        "$defs": {"Record": _any_record(), **_record_defs()},
    }


def transcript_schema() -> JSON:
    """``parse`` without ``--command``: a transcript read block by block."""
    block: JSON = {
        "type": "object",
        "description": "What became of one block (BlockResult).",
        "properties": {
            "line": {"type": "integer", "minimum": 1},
            "domain": {"type": ["string", "null"]},
            "command": {"type": "string"},
            "grammar": {"type": ["string", "null"]},
            "status": type_schema(BlockStatus),
            "reason": {"type": ["string", "null"]},
            "records": {"type": "array", "items": {"$ref": "#/$defs/Record"}},
            "error": {"anyOf": [{"$ref": "#/$defs/ParseError"}, {"type": "null"}]},
        },
        "additionalProperties": False,
    }
    block["required"] = list(block["properties"])
    return {
        "$schema": DIALECT,
        "title": "dlmpparse parse output (a transcript)",
        "description": "A pasted transcript read block by block. See docs/schema.md.",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "blocks": {"type": "array", "items": {"$ref": "#/$defs/Block"}},
            "ignored": {"type": "array", "items": {"$ref": "#/$defs/IgnoredText"}},
        },
        "required": ["schema_version", "blocks", "ignored"],
        "additionalProperties": False,
        "$defs": {
            "Block": block,
            "ParseError": _ERROR,
            "IgnoredText": _IGNORED,
            "Record": _any_record(),
            **_record_defs(),
        },
    }


def _with_file(schema: JSON) -> JSON:
    """``schema`` with the ``file`` its lines are in (null: standard input, or unnamed text):
    every line of the check report is a line of the file named beside it."""
    properties = {"file": {"type": ["string", "null"]}, **schema["properties"]}
    return {**schema, "properties": properties, "required": ["file", *schema["required"]]}


def report_schema() -> JSON:
    """``check --format json`` and ``Report.to_dict()``."""
    count: JSON = {"type": "integer", "minimum": 0}
    path: JSON = {
        "type": "object",
        "description": "One member followed down to the physical device (topology.Path).",
        "properties": {
            "link": {"type": "string"},
            "vnet": {"type": ["string", "null"]},
            "vswitch": {"type": ["string", "null"]},
            "service_domain": {"type": ["string", "null"]},
            "net_dev": {"type": ["string", "null"]},
            "speed": {"type": ["integer", "null"]},
            "state": {"type": ["string", "null"]},
            "unknown": {"type": "object", "additionalProperties": {"type": "string"}},
            "failed": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        "additionalProperties": False,
    }
    path["required"] = list(path["properties"])
    target: JSON = {
        "type": "object",
        "description": "A guest aggregation checked (render_json's targets).",
        "properties": {
            "guest": {"type": "string"},
            "aggregation": {"type": ["string", "null"]},
            "members": {"type": "array", "items": {"$ref": "#/$defs/Path"}},
            "members_from": {"type": "string"},
            "ldom": {"type": ["string", "null"]},
            "where": {"type": ["string", "null"]},
            "server": {"type": ["string", "null"]},
            "checked": {"type": "boolean"},
        },
        "required": [
            "guest",
            "aggregation",
            "members",
            "members_from",
            "ldom",
            "where",
            "server",
            "checked",
        ],
        "additionalProperties": False,
    }
    attribution: JSON = {
        "type": "object",
        "description": "How the domains stage attributed the input (Attribution.to_dict()).",
        "properties": {
            "servers": {"type": "array", "items": {"type": "string"}},
            "domains": {"type": "array", "items": {"$ref": "#/$defs/DomainIdentity"}},
            "unattributed_lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "file": {"type": ["string", "null"]},
                        "line": {"type": "integer", "minimum": 1},
                    },
                    "required": ["file", "line"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["servers", "domains", "unattributed_lines"],
        "additionalProperties": False,
    }
    return {
        "$schema": DIALECT,
        "title": "dlmpparse check --format json output",
        "description": "The result of a check (Report.to_dict()). See docs/schema.md.",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "exit_code": {"enum": [0, 1, 2]},
            "summary": {
                "type": "object",
                "properties": {
                    "passed": count,
                    "failed": count,
                    "warnings": count,
                    "skipped": count,
                },
                "required": ["passed", "failed", "warnings", "skipped"],
                "additionalProperties": False,
            },
            "targets": {"type": "array", "items": {"$ref": "#/$defs/Target"}},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
            "problems": {"type": "array", "items": {"type": "string"}},
            "attribution": {"anyOf": [{"$ref": "#/$defs/Attribution"}, {"type": "null"}]},
            "information": {"type": "array", "items": {"type": "string"}},
            "errors": {"type": "array", "items": {"$ref": "#/$defs/ParseError"}},
            "not_read": {"type": "array", "items": {"$ref": "#/$defs/NotRead"}},
            "ignored": {"type": "array", "items": {"$ref": "#/$defs/IgnoredText"}},
        },
        "required": [
            "schema_version",
            "exit_code",
            "summary",
            "targets",
            "findings",
            "problems",
            "attribution",
            "information",
            "errors",
            "not_read",
            "ignored",
        ],
        "additionalProperties": False,
        "$defs": {
            "Target": target,
            "Path": path,
            # Finding.to_dict writes "server" only when the input shows several servers.
            "Finding": _finding_schema(),
            "Evidence": _with_file(object_schema(Evidence)),
            "Fix": object_schema(Fix),
            "Attribution": attribution,
            "DomainIdentity": object_schema(DomainIdentity),
            "Clue": _with_file(object_schema(Clue)),
            "NotRead": _with_file(object_schema(NotRead)),
            "ParseError": _with_file(_ERROR),
            "IgnoredText": _with_file(_IGNORED),
        },
    }


def generated() -> dict[str, str]:
    """File name -> its text, as committed under dlmpparse/schemas/."""
    schemas = {
        "records.schema.json": records_schema(),
        "transcript.schema.json": transcript_schema(),
        "report.schema.json": report_schema(),
    }
    return {name: json.dumps(s, indent=2, ensure_ascii=False) + "\n" for name, s in schemas.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed file is stale")
    args = parser.parse_args(argv)
    stale = []
    for name, text in generated().items():
        path = SCHEMAS / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            SCHEMAS.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale: {', '.join(stale)} (run python tools/gen_schema.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The JSON Schemas shipped in dlmpparse/schemas/: current (equal to what tools/gen_schema.py
generates from the record classes), valid draft 2020-12, and satisfied by every fixture's
output: the records of every golden fixture, and the transcript reading and the check report
of every transcript fixture."""

from __future__ import annotations

import copy
import functools
import importlib.resources
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from dlmpparse import check, parse, read_transcript, to_dict  # noqa: E402
from dlmpparse.cli import example_transcript, reading_to_dict  # noqa: E402

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TRANSCRIPTS = FIXTURES / "transcripts"
NAMES = ("records.schema.json", "transcript.schema.json", "report.schema.json")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_schema", ROOT / "tools" / "gen_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped(name: str) -> dict[str, Any]:
    # As an installed package finds it: package data of dlmpparse.
    text = (importlib.resources.files("dlmpparse") / "schemas" / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def _validator(name: str) -> Any:
    return jsonschema.Draft202012Validator(_shipped(name))


def _valid(name: str, instance: Any) -> None:
    errors = sorted(_validator(name).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_committed_schemas_equal_the_generated_ones() -> None:
    generated = _generator().generated()
    assert sorted(generated) == sorted(NAMES)
    for name, text in generated.items():
        committed = (ROOT / "dlmpparse" / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python tools/gen_schema.py"


def test_generator_check_mode_says_whether_files_are_current() -> None:
    assert _generator().main(["--check"]) == 0


def test_schemas_are_draft_2020_12_and_shipped_as_package_data() -> None:
    setup = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "schemas/*.json" in setup
    for name in NAMES:
        schema = _shipped(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def _record_fixtures() -> list[Path]:
    return sorted(
        p
        for p in FIXTURES.glob("*/*.json")
        if p.parent.name != "transcripts" and "records" in json.loads(p.read_text("utf-8"))
    )


def test_there_are_record_fixtures_of_many_commands() -> None:
    # A glob that finds nothing would make the parametrised test below vacuous.
    assert len({p.parent.name for p in _record_fixtures()}) >= 40


@pytest.mark.parametrize(
    "path", _record_fixtures(), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_fixture_records_satisfy_the_records_schema(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    _valid("records.schema.json", expected["records"])
    with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
        text = handle.read()
    _valid("records.schema.json", [to_dict(r) for r in parse(expected["command"], text)])


def _transcripts() -> list[Path]:
    return sorted(TRANSCRIPTS.glob("*.json"))


@pytest.mark.parametrize("path", _transcripts(), ids=lambda p: p.stem)
def test_transcript_fixture_reading_and_report_satisfy_their_schemas(path: Path) -> None:
    options = json.loads(path.read_text(encoding="utf-8")).get("options", {})
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    _valid("transcript.schema.json", reading_to_dict(read_transcript(text)))
    _valid("report.schema.json", check(text, **options).to_dict())


def test_the_example_report_satisfies_the_report_schema() -> None:
    report = check(example_transcript()).to_dict()
    assert report["findings"]
    _valid("report.schema.json", report)


def _report() -> dict[str, Any]:
    data: dict[str, Any] = check(example_transcript()).to_dict()
    return data


def _errors(name: str, instance: Any) -> list[str]:
    return [e.message for e in _validator(name).iter_errors(instance)]


def test_records_schema_rejects_what_the_conventions_forbid() -> None:
    [link] = parse(
        "dladm show-phys",
        "LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 1G full vnet0\n",
    )
    good = to_dict(link)
    assert not _errors("records.schema.json", [good])
    changes: tuple[dict[str, Any], ...] = (
        {"speed": "1G"},  # speed is an integer in Mb/s
        {"line": 0},  # lines are 1-based
        {"record": "Link"},  # a PhysicalLink's fields are not a Link's
        {"colour": "red"},  # no field the record type does not have
        {"not_shown": []},  # written only when it names a field
        {"not_shown": ["colour"]},
    )
    for change in changes:
        assert _errors("records.schema.json", [{**good, **change}]), change
    missing = dict(good)
    del missing["device"]
    assert _errors("records.schema.json", [missing])
    [detail] = parse(
        "dladm show-aggr -x",
        "LINK       PORT           SPEED DUPLEX   STATE     ADDRESS            PORTSTATE\n"
        "aggr0      --             1000Mb full    up        0:14:4f:f9:cf:47   --\n"
        "           net0           1000Mb full    up        0:14:4f:f9:cf:47   attached\n",
    )
    data = to_dict(detail)
    assert data["address"] == "00:14:4f:f9:cf:47"
    assert not _errors("records.schema.json", [data])
    assert _errors("records.schema.json", [{**data, "address": "0:14:4F:F9:CF:47"}])


def test_report_schema_rejects_a_misspelt_status_or_severity() -> None:
    report = _report()
    assert not _errors("report.schema.json", report)
    for key, value in (("status", "passed"), ("severity", "critical")):
        bad = copy.deepcopy(report)
        bad["findings"][0][key] = value
        assert _errors("report.schema.json", bad), key
    bad = copy.deepcopy(report)
    del bad["findings"][0]["evidence"]
    assert _errors("report.schema.json", bad)

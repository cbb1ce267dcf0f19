"""The public surface: what ``dlmpparse`` exports, the typed vocabularies, the per-command
helpers, ``run_rules`` with a chosen rule list, ``Report.to_dict`` and docs/api.md's claims."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import re
import typing
from pathlib import Path

import attrs
import pytest

import dlmpparse
from dlmpparse import grammars, pipeline, reader, records
from dlmpparse.cli import example_transcript
from dlmpparse.inventory import build_inventory
from dlmpparse.report import render_json
from dlmpparse.rules import RULES, judge, run_rules

DOCS = Path(__file__).parent.parent / "docs"
FIXTURES = Path(__file__).parent / "fixtures"


def _record_classes() -> list[type]:
    return [
        value
        for name, value in vars(records).items()
        if isinstance(value, type) and attrs.has(value) and value.__module__ == records.__name__
    ]


def test_every_public_name_is_importable_from_the_package() -> None:
    for name in dlmpparse.__all__:
        assert hasattr(dlmpparse, name), name
    namespace: dict[str, object] = {}
    exec("from dlmpparse import *", namespace)
    assert set(dlmpparse.__all__) <= set(namespace)


def test_every_record_class_is_exported_and_in_the_record_union() -> None:
    classes = _record_classes()
    # 20 record classes today; a new one must be exported (and documented) too.
    assert len(classes) >= 20
    union = set(typing.get_args(records.Record))
    for cls in classes:
        assert cls.__name__ in dlmpparse.__all__, cls.__name__
        assert getattr(dlmpparse, cls.__name__) is cls
        assert cls in union, cls.__name__


@pytest.mark.parametrize("name", ["Report", "Finding", "Fix", "Evidence", "check", "parse"])
def test_report_model_is_exported(name: str) -> None:
    assert name in dlmpparse.__all__


def test_check_is_the_function_and_its_module_is_pipeline() -> None:
    assert inspect.isfunction(dlmpparse.check)
    assert dlmpparse.check is pipeline.check
    # No submodule is shadowed by the function of the same name.
    assert importlib.util.find_spec("dlmpparse.check") is None
    for name in dlmpparse.__all__:
        if importlib.util.find_spec(f"dlmpparse.{name}") is not None:
            pytest.fail(f"dlmpparse.{name} is both an exported name and a module")


def test_statuses_and_severities_are_literal_types() -> None:
    assert typing.get_args(dlmpparse.Status) == ("pass", "fail", "skip")
    assert typing.get_args(dlmpparse.Severity) == ("error", "warning")
    assert typing.get_args(dlmpparse.BlockStatus) == (
        "read",
        "failed",
        "not-read",
        "command-failed",
    )
    # A finding's status and severity are read through properties (kept once per rule).
    assert typing.get_type_hints(judge.Finding.status.fget)["return"] == dlmpparse.Status
    assert typing.get_type_hints(judge.Finding.severity.fget)["return"] == dlmpparse.Severity
    assert typing.get_type_hints(judge.Rule)["severity"] == dlmpparse.Severity
    assert typing.get_type_hints(reader.BlockResult)["status"] == dlmpparse.BlockStatus
    assert {r.severity for r in RULES} <= set(typing.get_args(dlmpparse.Severity))


def test_statuses_seen_in_a_check_are_the_literal_values() -> None:
    report = dlmpparse.check(example_transcript())
    assert {f.status for f in report.findings} <= set(typing.get_args(dlmpparse.Status))
    blocks = dlmpparse.read_transcript(example_transcript()).results
    assert {b.status for b in blocks} <= set(typing.get_args(dlmpparse.BlockStatus))


def test_run_rules_with_an_empty_list_runs_no_rule() -> None:
    system = build_inventory(dlmpparse.read_transcript(example_transcript()))
    assert system.targets
    assert run_rules(system, []) == []
    assert run_rules(system) == run_rules(system, RULES)
    assert run_rules(system) != []


def test_run_rules_runs_only_the_rules_given() -> None:
    system = build_inventory(dlmpparse.read_transcript(example_transcript()))
    chosen = [r for r in RULES if r.id == "same-speed"]
    assert chosen
    findings = run_rules(system, chosen)
    assert findings
    assert {f.rule for f in findings} == {"same-speed"}


def test_report_to_dict_is_the_json_rendering() -> None:
    report = dlmpparse.check(example_transcript())
    data = report.to_dict()
    assert data == render_json(report)
    assert data["summary"]["passed"] == report.count("pass")
    assert len(data["findings"]) == len(report.findings)


# The per-command helpers against parse() on a seed fixture of their command.
HELPERS = {
    "parse_show_phys": "dladm-show-phys/seed-ldg6-guest",
    "parse_show_aggr": "dladm-show-aggr/seed-aggr0-no-header",
    "parse_show_aggr_x": "dladm-show-aggr-x/seed-ldg6",
    "parse_show_aggr_probe": "dladm-show-aggr-S/seed-ldg6-nS",
    "parse_list_netdev": "ldm-list-netdev/seed-ldg6",  # ldm list-netdev ldg6
    "parse_list_network": "ldm-list-o-network/seed-ldg6",  # ldm list -o network ldg6
    "parse_ipadm": "ipadm/seed-ldg6",
}


@pytest.mark.parametrize("name", sorted(HELPERS))
def test_per_command_helper_reads_as_parse_does(name: str) -> None:
    stem = HELPERS[name]
    command = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))["command"]
    helper = getattr(grammars, name)
    assert name in grammars.__all__
    assert helper.__name__ == name
    text = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
    expected = dlmpparse.parse(command, text)
    assert expected
    # The domain an ldm command was run for is its operand; the helper is told it.
    domain = "ldg6" if command.startswith("ldm ") else None
    assert helper(text, domain=domain) == expected
    shifted = helper(text, first_line=10, domain=domain)
    assert [r.line for r in shifted] == [r.line + 9 for r in expected]
    # Typed: keyword-only options, no *args/**kwargs.
    parameters = inspect.signature(helper).parameters
    assert list(parameters) == ["text", "first_line", "domain"]
    assert all(
        p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters.values()
    )


def test_per_command_helper_raises_parse_error_on_other_output() -> None:
    with pytest.raises(dlmpparse.ParseError):
        grammars.parse_show_phys("LINK POLICY ADDRPOLICY LACPACTIVITY LACPTIMER FLAGS\n"
                                 "aggr0 L4 auto off short -----\n")


def test_api_doc_names_only_what_exists() -> None:
    """docs/api.md: every record class it names is exported; every dotted name resolves."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    assert "importable from `dlmpparse`" in text
    classes = {cls.__name__ for cls in _record_classes()}
    named = set(re.findall(r"`([A-Z][A-Za-z]+)`", text))
    for name in named & classes:
        assert name in dlmpparse.__all__, name
    # Every record class is named in the Records section.
    assert classes <= named, classes - named
    dotted_names = set(re.findall(r"`(dlmpparse(?:\.[A-Za-z_]+)+)", text))
    assert "dlmpparse.report.render_text" in dotted_names
    for dotted in dotted_names:
        assert _resolves(dotted), dotted


def _resolves(dotted: str) -> bool:
    """Whether ``dotted`` names a module or an attribute (of an attribute...) of one."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


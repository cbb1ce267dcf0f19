"""The check: transcript fixtures with their expected findings, the seed page, the CLI."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from dlmpparse import check
from dlmpparse.cli import example_transcript, main
from dlmpparse.grammars import CONFIGURATION_COMMANDS
from dlmpparse.rules import RULES
from dlmpparse.testing import DlmpSystem, render_system
from dlmpparse.testing.strategies import systems

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "000_8a1791d808f209f4.txt"


def _verdicts(text: str, **options: Any) -> list[list[Any]]:
    return [[f.rule, f.status, f.domain, f.subject] for f in check(text, **options).findings]


@pytest.mark.parametrize("path", sorted(TRANSCRIPTS.glob("*.json")), ids=lambda p: p.stem)
def test_transcript_fixture(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    report = check(path.with_suffix(".txt").read_text(encoding="utf-8"), **expected["options"])
    assert report.exit_code == expected["exit_code"]
    failed = [[f.rule, f.domain, f.subject] for f in report.findings if f.status == "fail"]
    assert failed == expected["failed"]
    rows = [[f.rule, f.status, f.domain, f.subject] for f in report.findings]
    if expected.get("servers"):
        rows = [[f.server, *row] for f, row in zip(report.findings, rows)]
    assert rows == expected["findings"]
    _check_extras(report, expected)


def _check_extras(report: Any, expected: dict[str, Any]) -> None:
    """The optional keys of a transcript fixture: ``fixes`` (every failing finding's fix:
    rule, domain, subject, the domain to run it in, the command), ``messages`` (rule, subject,
    text the message holds), ``absent`` (text no message or fix may hold), ``information``
    (text of the report's information lines) and ``identities`` (domain, node name, the kind
    of evidence that joined them)."""
    if "fixes" in expected:
        fixes = [
            [
                f.rule,
                f.domain,
                f.subject,
                f.fix.domain if f.fix else None,
                f.fix.command if f.fix else None,
            ]
            for f in report.findings
            if f.status == "fail"
        ]
        assert fixes == expected["fixes"]
    for rule, subject, text in expected.get("messages", []):
        assert any(
            f.rule == rule and f.subject == subject and text in f.message for f in report.findings
        ), (rule, subject, text)
    said = [f.message for f in report.findings]
    said += [f"{f.fix.command} {f.fix.note or ''}" for f in report.findings if f.fix]
    for text in expected.get("absent", []):
        assert not any(text in line for line in said), text
    for text in expected.get("information", []):
        assert any(text in note for note in report.system.notes), (text, report.system.notes)
    for name, node, kind in expected.get("identities", []):
        identity = report.system.attribution.identity(name)
        assert identity is not None and identity.node == node, identity
        assert identity.joined_by is not None and identity.joined_by.kind == kind, identity


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_each_rule_has_a_failing_transcript_where_only_it_fails(rule_id: str) -> None:
    path = TRANSCRIPTS / f"fail-{rule_id}.txt"
    report = check(path.read_text(encoding="utf-8"))
    failing = {f.rule for f in report.findings if f.status == "fail"}
    assert failing == {rule_id}


def test_failing_findings_quote_their_evidence_lines() -> None:
    text = (TRANSCRIPTS / "fail-phys-state.txt").read_text(encoding="utf-8")
    [finding] = [f for f in check(text).findings if f.status == "fail"]
    lines = text.splitlines()
    assert finding.evidence
    for evidence in finding.evidence:
        assert lines[evidence.line - 1].strip() == evidence.text
    assert any("LINKPROP" in e.text for e in finding.evidence)


def test_the_example_passes_every_rule_it_has_evidence_for() -> None:
    report = check(example_transcript())
    assert report.exit_code == 0
    statuses = {f.rule: set() for f in report.findings}  # type: dict[str, set[str]]
    for finding in report.findings:
        statuses[finding.rule].add(finding.status)
    assert statuses.pop("no-etherstub") == {"skip"}
    assert statuses.pop("solaris-11.4") == {"skip"}
    assert all(s == {"pass"} for s in statuses.values()), statuses
    assert {t.name for t in report.system.targets} == {"aggr0"}
    [target] = report.system.targets
    assert [(m.link, m.vnet_name, m.service_domain) for m in target.members] == [
        ("net0", "vnet6", "primary"),
        ("net1", "vnet1", "ldg5"),
    ]


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seed not beside the repository")
def test_the_whole_seed_page_gives_the_example_verdicts() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = check(text)
    assert _verdicts(text) == _verdicts(example_transcript())
    assert report.exit_code == 0
    ignored = [line for span in report.ignored for line in span.lines]
    assert any("Jeff Savit" in line for line in ignored)
    assert any("Configure the DLMP aggregation" in line for line in ignored)


def test_skips_name_the_command_and_where_to_run_it() -> None:
    text = (TRANSCRIPTS / "before-config.txt").read_text(encoding="utf-8")
    skips = [f for f in check(text).findings if f.status == "skip"]
    assert skips
    for finding in skips:
        assert re.search(r"run `[a-z][^`]*`( \([^)]*\))? (in|and) ", finding.message), (
            finding.message
        )


def test_guest_narrows_the_findings() -> None:
    text = (TRANSCRIPTS / "two-guests.txt").read_text(encoding="utf-8")
    assert {f.domain for f in check(text).findings} == {"ldg6", "ldg7"}
    assert {f.domain for f in check(text, guest="ldg7").findings} == {"ldg7"}


def test_members_option_overrides_the_member_list() -> None:
    text = (TRANSCRIPTS / "healthy.txt").read_text(encoding="utf-8")
    report = check(text, members=["net0", "net2"])
    [target] = report.system.targets
    assert target.members_from == "--members"
    missing = [f for f in report.findings if f.status == "fail" and f.subject == "net2"]
    assert {f.rule for f in missing} == {"ports-attached"}


def test_an_unreadable_block_is_named_and_the_rest_is_checked() -> None:
    text = (
        (TRANSCRIPTS / "healthy.txt")
        .read_text(encoding="utf-8")
        .replace("net1           1000Mb   full", "net1           fastest  full")
    )
    report = check(text)
    assert report.exit_code == 2
    [error] = report.errors
    assert error.command == "dladm show-aggr -x"
    assert error.line == 45 and "SPEED" in error.expected
    assert any(f.rule == "phys-state" and f.status == "pass" for f in report.findings)
    ports = [f for f in report.findings if f.rule == "ports-attached"]
    assert ports and all(f.status == "skip" for f in ports)


def _run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_example_exits_0_with_a_summary() -> None:
    code, out, _ = _run("check", "--example")
    assert code == 0
    assert out.splitlines()[-1].startswith("16 passed, 0 failed, 5 skipped")


def test_cli_exit_1_on_a_failed_rule_and_2_on_unusable_input() -> None:
    failing = (TRANSCRIPTS / "fail-custom-enable.txt").read_text(encoding="utf-8")
    assert _run("check", stdin=failing)[0] == 1
    code, out, _ = _run("check", stdin="nothing to see here\n")
    assert code == 2
    assert "no guest domain" in out


def test_cli_strict_counts_skips_and_warnings() -> None:
    healthy = (TRANSCRIPTS / "healthy.txt").read_text(encoding="utf-8")
    assert _run("check", stdin=healthy)[0] == 0
    assert _run("check", "--strict", stdin=healthy)[0] == 1
    warning = (TRANSCRIPTS / "fail-distinct-service-domains.txt").read_text(encoding="utf-8")
    assert _run("check", stdin=warning)[0] == 0
    assert _run("check", "--strict", stdin=warning)[0] == 1


def test_cli_json_report() -> None:
    code, out, _ = _run("check", "--example", "--format", "json")
    data = json.loads(out)
    assert code == data["exit_code"] == 0
    assert data["schema_version"] == 2
    statuses = {f["status"] for f in data["findings"]}
    assert statuses <= {"pass", "fail", "skip"}
    assert {n["command"] for n in data["not_read"]} >= {"reboot"}
    first = data["findings"][0]
    assert set(first) == {
        "rule",
        "status",
        "severity",
        "domain",
        "aggregation",
        "subject",
        "message",
        "evidence",
        "fix",
    }


def test_cli_parse_reads_a_transcript_and_one_command() -> None:
    code, out, _ = _run("parse", stdin=example_transcript())
    assert code == 0
    blocks = json.loads(out)["blocks"]
    assert [b["grammar"] for b in blocks if b["status"] == "read"] == [
        "dladm show-phys",
        "dladm show-phys",
        "ldm list-netdev",
        "dladm show-phys",
        "ldm list -o network",
        # Configuration commands are read from their command lines (grammars/configuration.py).
        "dladm create-aggr",
        "ipadm create-ip",
        "ipadm create-addr",
        "dladm show-aggr",
        "dladm show-aggr -x",
        "dladm set-linkprop",
        "dladm show-aggr -S",
        "ipadm",
    ]
    assert not any(b["records"] for b in blocks if b["grammar"] in CONFIGURATION_COMMANDS)
    code, out, err = _run(
        "parse",
        "--command",
        "dladm show-phys",
        stdin="LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up fast full igb0\n",
    )
    assert code == 2 and out == ""
    assert "line 2, column 18" in err and err.rstrip().endswith("^")


def test_every_failing_finding_carries_a_fix_with_the_names_filled_in() -> None:
    seen = set()
    for path in sorted(TRANSCRIPTS.glob("fail-*.txt")):
        for finding in check(path.read_text(encoding="utf-8")).findings:
            if finding.status != "fail":
                continue
            assert finding.fix is not None, finding
            assert finding.fix.command.split()[0] in ("ldm", "dladm", "ipadm", "pkg")
            seen.add(finding.rule)
    assert len(seen) >= 9
    text = (TRANSCRIPTS / "fail-phys-state.txt").read_text(encoding="utf-8")
    [finding] = [f for f in check(text).findings if f.status == "fail"]
    assert finding.fix is not None
    assert (finding.fix.domain, finding.fix.command) == (
        "primary",
        "ldm set-vnet linkprop=phys-state vnet1 ldg6",
    )
    assert finding.to_dict()["fix"] == {
        "domain": "primary",
        "command": "ldm set-vnet linkprop=phys-state vnet1 ldg6",
        "note": None,
    }


# --- nothing checked is not a pass (issue 13) ------------------------------------------------


def test_a_named_guest_absent_from_the_input_is_nothing_checked() -> None:
    # The example shows ldg6 only: nothing in it can say anything about ldg9.
    report = check(example_transcript(), guest="ldg9")
    assert report.exit_code == 2
    assert [t.guest for t in report.unchecked] == ["ldg9"]
    code, out, _ = _run("check", "--example", "--guest", "ldg9")
    assert code == 2
    said = [line for line in out.splitlines() if "nothing could be checked for ldg9" in line]
    assert said and "ldm list-netdev ldg9" in said[0] and "collect-script --guest ldg9" in said[0]
    assert out.splitlines()[-1].endswith("; nothing checked for ldg9")


def test_input_with_no_target_exits_2() -> None:
    code, out, _ = _run("check", "-", stdin="primary# uname -n\nprimary\n")
    assert code == 2
    assert "no guest domain or DLMP aggregation found" in out


def test_one_precondition_evaluated_is_enough() -> None:
    # The guest's own dladm show-phys: same-speed is evaluated (every member at 1000 Mb/s),
    # everything else skips for want of evidence. Checked, so not exit 2.
    text = (
        "ldg6# dladm show-phys\n"
        "LINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\n"
        "net1 Ethernet up 1000 full vnet1\n"
    )
    report = check(text, guest="ldg6")
    assert report.unchecked == ()
    assert report.exit_code == 0
    assert check(text, guest="ldg6", strict=True).exit_code == 1


def _without(text: str, guest: str) -> str:
    """``text`` with every block run in ``guest`` and every command naming it removed."""
    blocks = re.split(r"(?m)^(?=\S+# )", text)
    named = re.compile(rf"(?<![\w.-]){re.escape(guest)}(?![\w.-])")
    return "".join(
        b
        for b in blocks
        if not b.startswith(f"{guest}#") and not named.search(b.split("\n", 1)[0])
    )


@settings(max_examples=25)
@given(systems())
def test_removing_all_evidence_of_a_target_never_exits_0(system: DlmpSystem) -> None:
    """Metamorphic case (d): what checks clean with the guest's evidence cannot check clean
    without it, whether the guest is named or not."""
    text = render_system(system)
    assert check(text).exit_code == 0
    stripped = _without(text, system.guest)
    assert check(stripped).exit_code == 2
    assert check(stripped, guest=system.guest).exit_code == 2

"""The Ansible filter plugin: the filters called directly, and the playbook of
docs/integrations.md run by ansible-playbook where it is installed (ansible-core is not a test
dependency: it is big)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dlmpparse import check, parse, to_dict
from dlmpparse.cli import example_transcript
from dlmpparse.integrations.ansible import FilterModule, dlmp_check, dlmp_parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
AGGR_X = FIXTURES / "dladm-show-aggr-x" / "seed-ldg6"


def _plain(data: Any) -> bool:
    """Plain data: what JSON gives back unchanged (no tuples, sets or objects)."""
    return bool(json.loads(json.dumps(data)) == data)


def test_filter_module_offers_both_filters() -> None:
    filters = FilterModule().filters()
    assert filters == {"dlmp_parse": dlmp_parse, "dlmp_check": dlmp_check}


def test_dlmp_parse_gives_the_records_as_plain_data() -> None:
    text = AGGR_X.with_suffix(".txt").read_text(encoding="utf-8")
    expected = json.loads(AGGR_X.with_suffix(".json").read_text(encoding="utf-8"))["records"]
    records = dlmp_parse(text, "dladm show-aggr -x")
    assert records == expected
    assert _plain(records)
    # stdout_lines, as Ansible registers them, read the same.
    assert dlmp_parse(text.splitlines(), "dladm show-aggr -x") == expected


def test_dlmp_parse_of_other_output_is_a_filter_error_with_the_caret() -> None:
    text = "LINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up fast full igb0\n"
    with pytest.raises(Exception) as caught:
        dlmp_parse(text, "dladm show-phys")
    message = str(caught.value)
    assert message.startswith("dlmp_parse: dladm show-phys: line 2, column 18")
    assert message.rstrip().endswith("^")
    # ValueError without Ansible; AnsibleFilterError (not a ValueError) under Ansible.
    assert type(caught.value).__name__ in ("ValueError", "AnsibleFilterError")


def test_dlmp_check_is_the_json_report() -> None:
    text = example_transcript()
    report = dlmp_check(text, guest="ldg6")
    assert report == check(text, guest="ldg6").to_dict()
    assert _plain(report)
    assert report["exit_code"] == 0
    assert report["targets"][0]["guest"] == "ldg6"


def test_dlmp_check_members_as_list_or_string() -> None:
    text = example_transcript()
    as_list = dlmp_check(text, guest="ldg6", members=["net0", "net1"])
    assert as_list == dlmp_check(text, guest="ldg6", members="net0,net1")
    assert as_list == check(text, guest="ldg6", members=["net0", "net1"]).to_dict()
    assert as_list["targets"][0]["members_from"] == "--members"


def test_dlmp_check_reports_a_failure_and_never_raises_on_bad_text() -> None:
    failing = (FIXTURES / "transcripts" / "fail-aggr-dlmp.txt").read_text(encoding="utf-8")
    report = dlmp_check(failing)
    assert report["exit_code"] == 1
    assert [f["rule"] for f in report["findings"] if f["status"] == "fail"] == ["aggr-dlmp"]
    unreadable = dlmp_check(
        "ldg6# dladm show-phys\n"
        "LINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up fast full igb0\n"
    )
    assert unreadable["exit_code"] == 2
    assert unreadable["errors"]


@pytest.mark.parametrize(
    ("options", "word"),
    [({"guest": "ldg6; rm -rf /"}, "guest"), ({"members": "net0,$(id)"}, "member")],
)
def test_dlmp_check_rejects_names_that_are_not_names(options: dict[str, Any], word: str) -> None:
    with pytest.raises(Exception, match=f"dlmp_check: {word} .* is not a"):
        dlmp_check(example_transcript(), **options)


def _playbook() -> str:
    doc = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- ansible-playbook: check-dlmp.yml -->\n```yaml\n(.*?)^```", doc, re.S | re.M
    )
    assert match, "docs/integrations.md has the playbook"
    return match.group(1)


def test_the_documented_playbook_uses_the_filters() -> None:
    playbook = _playbook()
    assert "dlmp_check(guest='ldg6')" in playbook
    assert "dlmp_parse('dladm show-aggr -x')" in playbook


def _run_playbook(tmp_path: Path, transcript: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "check-dlmp.yml").write_text(_playbook(), encoding="utf-8")
    (tmp_path / "transcript.txt").write_text(transcript, encoding="utf-8")
    shutil.copy(AGGR_X.with_suffix(".txt"), tmp_path / "show-aggr-x.txt")
    plugins = tmp_path / "filter_plugins"
    plugins.mkdir()
    # The one line docs/integrations.md puts there.
    (plugins / "dlmp_filters.py").write_text(
        "from dlmpparse.integrations.ansible import FilterModule\n", encoding="utf-8"
    )
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
        ANSIBLE_HOME=str(tmp_path / "home"),
        ANSIBLE_NOCOLOR="1",
    )
    playbook = shutil.which("ansible-playbook")
    assert playbook is not None
    return subprocess.run(
        [playbook, "-i", "localhost,", "check-dlmp.yml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


needs_ansible = pytest.mark.skipif(
    shutil.which("ansible-playbook") is None, reason="ansible-core is not installed"
)


@needs_ansible
def test_ansible_runs_the_documented_playbook(tmp_path: Path) -> None:
    result = _run_playbook(tmp_path, example_transcript())
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"localhost\s+: ok=4 .*failed=0", result.stdout), result.stdout


@needs_ansible
def test_ansible_playbook_stops_on_a_failed_rule(tmp_path: Path) -> None:
    failing = (FIXTURES / "transcripts" / "fail-aggr-dlmp.txt").read_text(encoding="utf-8")
    result = _run_playbook(tmp_path, failing)
    assert result.returncode != 0
    # The failure message names the rule and the fix the report gives.
    report = dlmp_check(failing, guest="ldg6")
    [failed] = [f for f in report["findings"] if f["status"] == "fail"]
    assert f"aggr-dlmp ldg6/{failed['subject']}" in result.stdout, result.stdout
    assert failed["fix"]["command"] in result.stdout
    assert re.search(r"localhost\s+: ok=1 .*failed=1", result.stdout), result.stdout


def test_parse_and_filter_agree_on_every_seed_command() -> None:
    for path in sorted(FIXTURES.glob("*/seed-*.json")):
        fixture = json.loads(path.read_text(encoding="utf-8"))
        if "records" not in fixture:
            continue
        with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
            text = handle.read()
        expected = [to_dict(r) for r in parse(fixture["command"], text)]
        assert dlmp_parse(text, fixture["command"]) == expected == fixture["records"], path

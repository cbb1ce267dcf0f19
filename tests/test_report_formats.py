"""Locations and output formats (issue 14): every evidence line cited in its own file; text,
JSON, JSON Lines, Nagios, JUnit and Prometheus, each tested with its own consumer (json,
xml.etree, prometheus_client.parser) or against the plugin guidelines' exit codes.

Expected values are what the inputs show: the built-in example passes every rule it can
check (16 passes, 5 skips: no uname -v, no ldm list-services net-devs, as its page says);
``fail-phys-state.txt`` fails only phys-state; ``fail-distinct-service-domains.txt`` fails
only that rule, of severity warning.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmpparse import Finding, check
from dlmpparse._text import normalise_line
from dlmpparse.cli import example_transcript, main
from dlmpparse.report import render_text
from dlmpparse.sources import Sources

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "tests" / "fixtures" / "transcripts"
EXAMPLE = example_transcript()
FAIL_PHYS = TRANSCRIPTS / "fail-phys-state.txt"
WARN_ONLY = TRANSCRIPTS / "fail-distinct-service-domains.txt"
# The prompts of named domains in the example: a file may begin at any of them.
_NAMED_PROMPT = re.compile(r"\s*(?:primary|ldg5|ldg6)# ")


def cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _split_points(text: str) -> list[int]:
    """0-based indices of the example's lines where a file may begin."""
    return [i for i, line in enumerate(text.splitlines()) if _NAMED_PROMPT.match(line) and i > 0]


# --- locations ---------------------------------------------------------------------------


@settings(max_examples=15)
@given(st.sets(st.sampled_from(_split_points(EXAMPLE)), max_size=4))
def test_a_transcript_split_at_prompts_checks_the_same_and_cites_each_file(
    cuts: set[int],
) -> None:
    lines = EXAMPLE.splitlines(keepends=True)
    bounds = [0, *sorted(cuts), len(lines)]
    parts = [
        (f"part{n}.txt", "".join(lines[a:b])) for n, (a, b) in enumerate(zip(bounds, bounds[1:]))
    ]
    text, sources = Sources.join(parts)
    assert text == EXAMPLE
    whole = check(EXAMPLE)
    split = check(text, sources=sources)
    assert [(f.rule, f.status, f.subject) for f in split.findings] == [
        (f.rule, f.status, f.subject) for f in whole.findings
    ]
    files = {name: body.splitlines() for name, body in parts}
    for finding in split.findings:
        for item in finding.evidence:
            where = split.locate(item.line)
            assert where.file in files
            assert normalise_line(files[where.file][where.line - 1]).strip() == item.text


def test_files_on_the_command_line_are_cited_by_name_and_line(tmp_path: Path) -> None:
    lines = EXAMPLE.splitlines(keepends=True)
    cut = _split_points(EXAMPLE)[len(_split_points(EXAMPLE)) // 2]
    first, second = tmp_path / "primary.txt", tmp_path / "ldg6.txt"
    first.write_text("".join(lines[:cut]))
    second.write_text("".join(lines[cut:]))
    code, out, _ = cli("check", "--format", "json", str(first), str(second))
    assert code == 0
    report = json.loads(out)
    cited = [e for f in report["findings"] for e in f["evidence"]]
    assert {e["file"] for e in cited} == {str(first), str(second)}
    for item in cited:
        line = Path(item["file"]).read_text().splitlines()[item["line"] - 1]
        assert normalise_line(line).strip() == item["text"]
    # The same in the text report: name:line.
    code, out, _ = cli("check", "-v", str(first), str(second))
    assert re.search(rf"\[{re.escape(str(second))}:\d+", out)


def test_standard_input_among_files_is_file_null(tmp_path: Path) -> None:
    lines = EXAMPLE.splitlines(keepends=True)
    cut = next(i for i in _split_points(EXAMPLE) if "ldg6# dladm show-phys" in lines[i])
    first = tmp_path / "primary.txt"
    first.write_text("".join(lines[:cut]))
    code, out, _ = cli("check", "--format", "json", str(first), "-", stdin="".join(lines[cut:]))
    assert code == 0
    cited = [e for f in json.loads(out)["findings"] for e in f["evidence"]]
    assert None in {e["file"] for e in cited} and str(first) in {e["file"] for e in cited}
    stdin_lines = "".join(lines[cut:]).splitlines()
    for item in cited:
        if item["file"] is None:
            assert normalise_line(stdin_lines[item["line"] - 1]).strip() == item["text"]
    code, out, _ = cli("check", "-v", str(first), "-", stdin="".join(lines[cut:]))
    assert "<stdin>:" in out


def test_one_unnamed_input_keeps_plain_line_numbers() -> None:
    code, out, _ = cli("check", "-v", "-", stdin=EXAMPLE)
    assert code == 0
    assert re.search(r"\[lines? \d+", out) and ":" not in re.findall(r"\[[^\]]*\]", out)[0]


# --- text ----------------------------------------------------------------------------------


_VERDICTS = ("FAIL", "WARN", "SKIP", "PASS")


def test_text_groups_problems_first_and_passes_only_when_verbose() -> None:
    report = check(FAIL_PHYS.read_text())
    default = render_text(report)
    verbose = render_text(report, verbose=True)
    verdicts = [ln.split()[0] for ln in default.splitlines() if ln[2:6] in _VERDICTS]
    assert "PASS" not in verdicts and verdicts[0] == "FAIL"
    assert verdicts == sorted(verdicts, key=["FAIL", "WARN", "SKIP"].index)
    shown = [ln.split()[0] for ln in verbose.splitlines() if ln[2:6] in _VERDICTS]
    assert shown.count("PASS") == report.count("pass") > 0
    assert shown.index("FAIL") < shown.index("PASS")
    # The group's header names the guest and the aggregation.
    header = verbose.splitlines()[0]
    assert header.startswith("ldg6/") and "1 failed" in header


def test_quiet_prints_only_the_failures_and_their_fixes() -> None:
    code, out, _ = cli("check", "-q", str(FAIL_PHYS))
    assert code == 1
    lines = out.splitlines()
    assert [ln.split()[0] for ln in lines if ln.startswith("  ") and not ln.startswith("   ")] == [
        "FAIL"
    ]
    assert any("fix (in" in ln for ln in lines)
    assert not any(ln.startswith(("domain:", "note:", "info:")) for ln in lines)
    assert cli("check", "-q", "--example")[1] == ""


def test_a_warning_is_not_failed_and_the_summary_says_so() -> None:
    code, out, _ = cli("check", str(WARN_ONLY))
    assert code == 0
    summary = out.splitlines()[-1]
    assert re.match(r"\d+ passed, 0 failed, \d+ skipped; 1 warning(,|$)", summary), summary
    assert "  WARN distinct-service-domains" in out
    assert cli("check", "--strict", str(WARN_ONLY))[0] == 1


def test_colour_only_when_asked_and_wrapping_keeps_fix_commands_whole() -> None:
    report = check(FAIL_PHYS.read_text())
    assert "\x1b[" not in render_text(report)
    coloured = render_text(report, colour=True)
    assert "\x1b[31;1mFAIL\x1b[0m" in coloured
    wide = render_text(report)
    narrow = render_text(report, width=60)
    # The fix commands are as they were, whole; every other line fits in 60 columns.
    fixes = [ln for ln in wide.splitlines() if "fix (in" in ln]
    assert fixes and [ln for ln in narrow.splitlines() if "fix (in" in ln] == fixes
    assert max(len(ln) for ln in fixes) > 60
    others = [ln for ln in narrow.splitlines() if "fix (in" not in ln]
    assert max(len(ln) for ln in others) <= 60
    assert " ".join(narrow.split()) == " ".join(wide.split())


def _on_a_terminal(env: dict[str, str], columns: int = 70) -> str:
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "dlmpparse", "check", str(FAIL_PHYS.relative_to(ROOT))],
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    finally:
        os.close(master)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_a_terminal_gets_colour_and_wrapping_unless_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    env["PYTHONPATH"] = str(ROOT)
    shown = _on_a_terminal(env)
    assert "\x1b[31;1mFAIL\x1b[0m" in shown
    visible = re.sub(r"\x1b\[[0-9;]*m", "", shown).splitlines()
    assert max(len(ln) for ln in visible if "fix (in" not in ln) <= 70
    plain = _on_a_terminal({**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "FAIL" in plain


# --- JSON, JSON Lines ----------------------------------------------------------------------


def test_json_compact_is_one_line_and_the_same_data() -> None:
    code, pretty, _ = cli("check", "--example", "--format", "json")
    code2, compact, _ = cli("check", "--example", "--format", "json", "--compact")
    assert code == code2 == 0
    assert compact.count("\n") == 1 and pretty.count("\n") > 10
    assert json.loads(compact) == json.loads(pretty)
    summary = json.loads(compact)["summary"]
    assert summary == {"passed": 16, "failed": 0, "warnings": 0, "skipped": 5}


def test_json_lines_one_finding_per_line() -> None:
    code, out, _ = cli("check", "--format", "json-lines", str(FAIL_PHYS))
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    report = check(FAIL_PHYS.read_text())
    assert len(rows) == len(report.findings)
    assert [r["rule"] for r in rows if r["status"] == "fail"] == ["phys-state"]
    assert all({"file", "line", "text"} <= set(e) for r in rows for e in r["evidence"])


def test_json_lines_says_when_nothing_was_checked() -> None:
    code, out, _ = cli("check", "--format", "json-lines", "--example", "--guest", "ldg9")
    assert code == 2
    problems = [json.loads(line) for line in out.splitlines() if '"problem"' in line]
    assert problems and "nothing could be checked for ldg9" in problems[0]["problem"]


# --- Nagios ---------------------------------------------------------------------------------

_STATUS_LINE = re.compile(
    r"^DLMP (OK|WARNING|CRITICAL|UNKNOWN) - (?P<text>[^|]*)( \| (?P<perf>(\w+=\d+ ?)+))?$"
)


def _nagios(*args: str) -> tuple[int, str, list[str], dict[str, int]]:
    code, out, _ = cli("check", "--format", "nagios", *args)
    lines = out.splitlines()
    match = _STATUS_LINE.match(lines[0])
    assert match, lines[0]
    perf = {k: int(v) for k, v in (p.split("=") for p in (match.group("perf") or "").split())}
    assert not any("|" in line for line in lines[1:])
    return code, match.group(1), lines, perf


@pytest.mark.parametrize(
    ("args", "code", "state"),
    [
        (["--example"], 0, "OK"),
        ([str(WARN_ONLY)], 1, "WARNING"),
        ([str(FAIL_PHYS)], 2, "CRITICAL"),
        (["--strict", str(WARN_ONLY)], 2, "CRITICAL"),
        (["--example", "--guest", "ldg9"], 3, "UNKNOWN"),
        (["/nonexistent/primary.txt"], 3, "UNKNOWN"),
    ],
)
def test_nagios_status_and_exit_code(args: list[str], code: int, state: str) -> None:
    got_code, got_state, _, perf = _nagios(*args)
    assert (got_code, got_state) == (code, state)
    if args != ["/nonexistent/primary.txt"]:
        assert set(perf) == {"passed", "failed", "warnings", "skipped"}


def test_nagios_names_the_target_and_lists_the_failures() -> None:
    _, _, lines, perf = _nagios(str(FAIL_PHYS))
    assert re.match(r"DLMP CRITICAL - ldg6/[^:]+: 1 failed \(phys-state\)", lines[0])
    assert perf["failed"] == 1
    assert [ln.split()[:2] for ln in lines[1:]] == [["FAIL", "phys-state"], ["fix", "(in"]]
    assert lines[2] == "  fix (in primary): ldm set-vnet linkprop=phys-state vnet1 ldg6"


# --- JUnit ----------------------------------------------------------------------------------


def _junit(*args: str) -> Any:
    import xml.etree.ElementTree as ET

    _, out, _ = cli("check", "--format", "junit", *args)
    return ET.fromstring(out.split("\n", 1)[1])


def test_junit_one_suite_per_target_one_case_per_finding() -> None:
    root = _junit(str(FAIL_PHYS))
    report = check(FAIL_PHYS.read_text())
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"ldg6/{t.name or '(no aggregation yet)'}" for t in report.system.targets
    ]
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(report.findings)
    failures = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name").split(":")[0] for c in failures] == ["phys-state"]
    assert "fix (in" in (failures[0].find("failure").text or "")
    assert len([c for c in cases if c.find("skipped") is not None]) == report.count("skip")
    assert root.get("tests") == str(len(cases)) and root.get("failures") == "1"


def test_junit_nothing_checked_is_an_error() -> None:
    root = _junit("--example", "--guest", "ldg9")
    errors = root.findall("testsuite/testcase/error")
    assert errors and "nothing could be checked for ldg9" in errors[0].get("message")


# --- Prometheus -----------------------------------------------------------------------------


def _families(text: str) -> dict[str, Any]:
    parser = pytest.importorskip("prometheus_client.parser")
    return {f.name: f for f in parser.text_string_to_metric_families(text)}


def test_prometheus_textfile_parsed_back() -> None:
    from dlmpparse.report import render_prometheus

    report = check(FAIL_PHYS.read_text())
    text = render_prometheus(report, now=1_700_000_000.0)
    families = _families(text)
    stamp = families["dlmpparse_check_timestamp_seconds"].samples[0].value
    assert stamp == 1_700_000_000.0
    samples = families["dlmpparse_rule_status"].samples
    expected = {
        (f.domain, f.aggregation or "", f.rule, f.subject): {"pass": 0, "fail": 1, "skip": 2}[
            f.status
        ]
        for f in report.findings
    }
    got = {
        (s.labels["guest"], s.labels["aggregation"], s.labels["rule"], s.labels["subject"]): s.value
        for s in samples
    }
    assert got == expected
    assert [k[2] for k, v in got.items() if v == 1] == ["phys-state"]


def _with_subject(f: Finding, subject: str) -> Finding:
    return Finding(
        rule=f.rule,
        status=f.status,
        severity=f.severity,
        domain=f.domain,
        aggregation=f.aggregation,
        subject=subject,
        message=f.message,
        evidence_lines=f.evidence_lines,
        fix=f.fix,
        server=f.server,
        quoted=f.quoted,
    )


def test_prometheus_escapes_label_values() -> None:
    from dlmpparse.report import render_prometheus

    report = check(FAIL_PHYS.read_text())
    odd = 'net0 "quoted" \\ back\nslash'
    findings = tuple(_with_subject(f, odd) if f.status == "fail" else f for f in report.findings)
    text = render_prometheus(__import__("attrs").evolve(report, findings=findings), now=0.0)
    subjects = {s.labels["subject"] for s in _families(text)["dlmpparse_rule_status"].samples}
    assert odd in subjects


def test_prometheus_to_a_file_atomically(tmp_path: Path) -> None:
    pytest.importorskip("prometheus_client")
    target = tmp_path / "dlmp.prom"
    target.write_text("old\n")
    code, out, err = cli("check", "--format", "prometheus", "-o", str(target), "--example")
    assert (code, out, err) == (0, "", "")
    assert "dlmpparse_rule_status{" in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dlmp.prom"]  # no temporary left
    assert target.stat().st_mode & stat.S_IRUSR


def test_prometheus_without_the_library_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "prometheus_client", None)
    code, out, err = cli("check", "--format", "prometheus", "--example")
    assert code == 2 and out == ""
    assert err.strip() == (
        "dlmpparse: the prometheus format needs the prometheus_client package: "
        "pip install 'dlmpparse[prometheus]'"
    )


# --- -o FILE ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "json-lines", "nagios", "junit"])
def test_output_file_holds_what_stdout_would(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    code, stdout, _ = cli("check", "--format", fmt, str(FAIL_PHYS))
    code2, nothing, _ = cli("check", "--format", fmt, "-o", str(target), str(FAIL_PHYS))
    assert code == code2 and nothing == ""
    assert target.read_text() == stdout


def test_output_to_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    code, out, err = cli("check", "--example", "-o", str(tmp_path / "no" / "such" / "r.txt"))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_the_attribution_evidence_is_located_in_its_file() -> None:
    # The guest's MAC address, which ties node name dbprod to LDom ldg6, is on line 3 of the
    # second file: the JSON says so (not line 9 of the files joined).
    from dlmpparse import check
    from dlmpparse.report import render_json
    from dlmpparse.sources import Sources

    control = (
        "root@cdom:~# ldm list -o network ldg6\n"
        "NAME\n"
        "ldg6\n"
        "\n"
        "NETWORK\n"
        "    NAME         SERVICE                      MACADDRESS          PVID|PVLAN|VIDs\n"
        "    vnet6        primary-vsw0@primary         00:14:4f:f9:cf:47   1|--|--\n"
    )
    guest = (
        "dbprod# dladm show-phys -m\n"
        "LINK                SLOT     ADDRESS            INUSE CLIENT\n"
        "net0                primary  0:14:4f:f9:cf:47   yes   net0\n"
    )
    text, sources = Sources.join([("cdom.txt", control), ("dbprod.txt", guest)])
    data = render_json(check(text, sources=sources))
    [ldg6] = [d for d in data["attribution"]["domains"] if d["name"] == "ldg6"]
    assert ldg6["node"] == "dbprod"
    assert (ldg6["joined_by"]["kind"], ldg6["joined_by"]["file"], ldg6["joined_by"]["line"]) == (
        "MAC address",
        "dbprod.txt",
        3,
    )

"""The evidence collector: a valid POSIX sh script whose output, from stub commands that print
the fixture outputs, checks to the same verdicts as the fixture transcript."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dlmpparse import check
from dlmpparse.cli import main
from dlmpparse.collect import COMMANDS, collect_script
from dlmpparse.grammars import select
from dlmpparse.transcript import split_transcript

TRANSCRIPT = Path(__file__).parent / "fixtures" / "transcripts" / "healthy-full.txt"
SH = shutil.which("sh")

STUB = """#!{python}
import json, os, sys
outputs = json.load(open({table!r}))
domain = os.environ["STUB_DOMAIN"]
program = os.path.basename(sys.argv[0])
words = " ".join([program, *sys.argv[1:]])
if program == "virtinfo":
    print("Domain role: LDoms guest")
    print("Domain name: " + domain)
    sys.exit(0)
if program == "ldm" and domain != "primary":
    sys.exit(1)
if program == "uname" and sys.argv[1:] == ["-a"]:
    print("SunOS %s 5.11 11.4.23.69.3 sun4v sparc sun4v" % domain)
    sys.exit(0)
key = domain + " " + words
out = outputs.get(key)
if out is None:
    # The same command with an operand in the fixture (dladm show-phys net0).
    out = next((v for k, v in outputs.items() if k.startswith(key + " ")), "")
sys.stdout.write(out)
"""


def test_every_collected_command_has_a_grammar() -> None:
    for _, template in COMMANDS:
        select(template.format(guest="ldg6"))
        select(template.format(guest="").strip())


@pytest.mark.skipif(SH is None, reason="no sh")
@pytest.mark.parametrize("guest", [None, "ldg6"])
def test_the_script_is_valid_sh(guest: str, tmp_path: Path) -> None:
    script = tmp_path / "collect.sh"
    script.write_text(collect_script(guest), encoding="utf-8")
    subprocess.run([SH, "-n", str(script)], check=True)


def test_the_script_only_reads() -> None:
    runs = [
        line.split()[1:]
        for line in collect_script("ldg6").splitlines()
        if line.strip().startswith("run ")
    ]
    assert len(runs) == len(COMMANDS)
    for words in runs:
        assert words[0] in ("uname", "dladm", "ipadm", "ldm"), words
        action = words[1] if len(words) > 1 else ""
        assert not action.startswith(("create", "set", "delete", "add", "remove", "modify")), words


@pytest.mark.skipif(SH is None, reason="no sh")
def test_collected_output_checks_like_the_fixture(tmp_path: Path) -> None:
    fixture = TRANSCRIPT.read_text(encoding="utf-8")
    outputs: dict[str, str] = {}
    for block in split_transcript(fixture):
        if block.command and block.domain:
            text = "".join(line + "\n" for line in block.lines)
            outputs[f"{block.domain} {block.normalised}"] = text
    table = tmp_path / "outputs.json"
    table.write_text(json.dumps(outputs), encoding="utf-8")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    stub = stubs / "stub"
    stub.write_text(STUB.format(python=sys.executable, table=str(table)), encoding="utf-8")
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    for name in ("dladm", "ipadm", "ldm", "uname", "virtinfo"):
        (stubs / name).symlink_to(stub)
    script = tmp_path / "collect.sh"
    script.write_text(collect_script("ldg6"), encoding="utf-8")
    collected = []
    for domain in ("primary", "ldg5", "ldg6"):
        env = dict(os.environ, PATH=f"{stubs}:{os.environ.get('PATH', '')}", STUB_DOMAIN=domain)
        result = subprocess.run(
            [SH, str(script)], env=env, capture_output=True, text=True, check=True
        )
        collected.append(result.stdout)
    transcript = "".join(collected)
    assert "primary# ldm list-services" in transcript
    assert "ldg6# ldm" not in transcript

    def verdicts(text: str) -> set[tuple[str, str, str, str]]:
        return {(f.rule, f.status, f.domain or "", f.subject) for f in check(text).findings}

    report = check(transcript)
    assert not report.errors
    assert verdicts(transcript) == verdicts(fixture)
    assert report.exit_code == 0


def test_cli_prints_the_script() -> None:
    import io

    out = io.StringIO()
    assert main(["collect-script", "--guest", "ldg6"], stdout=out) == 0
    assert out.getvalue().startswith("#!/bin/sh")
    assert "run ldm list-netdev ldg6" in out.getvalue()


# A sh stub (a Python one costs a start-up per command): each call appends its program name
# and arguments, separated by US (0x1f) and ended by RS (0x1e), to the log.
RECORDER = """#!/bin/sh
program=${{0##*/}}
{{
    printf '%s' "$program"
    for word in "$@"; do printf '\\037%s' "$word"; done
    printf '\\036'
}} >> {log}
case $program in
    virtinfo) echo "Domain name: primary" ;;
    pwned|id|touch|rm|reboot) : > PWNED ;;
esac
"""

# Valid LDoms names (letters, digits and -_+#.:;~() per "Entering Names in the CLI") that the
# shell would act on if they were written unquoted.
HOSTILE_VALID_GUESTS = ["ldg6;pwned", "ldg6;id", "a(b)", "ldg#6", "x;touch;PWNED", "6:~;reboot"]


@pytest.mark.skipif(SH is None, reason="no sh")
@pytest.mark.parametrize("guest", HOSTILE_VALID_GUESTS)
def test_only_the_expected_argv_reach_the_commands(guest: str, tmp_path: Path) -> None:
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "argv.log"
    recorder = stubs / "recorder"
    recorder.write_text(RECORDER.format(log=shlex.quote(str(log))), encoding="utf-8")
    recorder.chmod(recorder.stat().st_mode | stat.S_IEXEC)
    for name in ("dladm", "ipadm", "ldm", "uname", "virtinfo", "pwned", "id", "touch", "rm"):
        (stubs / name).symlink_to(recorder)
    (stubs / "reboot").symlink_to(recorder)
    script = tmp_path / "collect.sh"
    script.write_text(collect_script(guest), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PATH=f"{stubs}:{os.environ.get('PATH', '')}")
    subprocess.run([SH, str(script)], cwd=work, env=env, capture_output=True, check=True)
    records = log.read_text(encoding="utf-8").split("\x1e")
    assert records[-1] == ""
    argvs = [record.split("\x1f") for record in records[:-1]]
    expected = [["virtinfo", "-a"]]
    expected += [t.split() for w, t in COMMANDS if w == "every"]
    expected += [["ldm", "list"]]
    expected += [
        [guest if word == "{guest}" else word for word in t.split()]
        for w, t in COMMANDS
        if w == "control"
    ]
    assert argvs == expected
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("guest", ["-p", "-x", "ldg6 -l", "x\ntouch PWNED #", "", "ldg6; rm -rf /"])
def test_a_guest_that_is_not_a_domain_name_is_refused(guest: str) -> None:
    with pytest.raises(ValueError, match="not a domain name"):
        collect_script(guest)


def test_no_comment_takes_text_from_the_caller() -> None:
    for line in collect_script("ldg6").splitlines():
        if line.lstrip().startswith("#"):
            assert "ldg6" not in line, line


def test_security_md_lists_what_the_script_runs() -> None:
    security = (Path(__file__).resolve().parent.parent / "SECURITY.md").read_text("utf-8")
    listed = security[security.index("## What the collector runs") :]
    listed = " ".join(listed[: listed.index("## Limits")].split())
    for _, template in COMMANDS:
        assert f"`{template.replace('{guest}', '[GUEST]')}`" in listed, template
    script = collect_script("ldg6")
    for program in ("virtinfo -a", "sed -n", "uname -n", "ldm list "):
        assert program in script

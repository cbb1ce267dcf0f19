"""Names and shell words: the documented name forms (dladm(8), ipadm(8), the Oracle VM Server
for SPARC guide's "Entering Names in the CLI"), ``shell_word`` giving back exactly the word
through a real sh, and the fixes ``check`` prints quoting every name taken from the input."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dlmpparse import check
from dlmpparse.names import (
    Name,
    Placeholder,
    is_addrobj_name,
    is_domain_name,
    is_link_name,
    shell_command,
    shell_word,
)

SH = shutil.which("sh")

HOSTILE = [
    "$(id)",
    "`id`",
    "ldg6; rm -rf /",
    "ldg6;touch PWNED",
    "x\ntouch PWNED #",
    "a'b",
    'a"b',
    "~root",
    "*",
    "-p",
    "",
    " ",
    "a\\",
    "$HOME",
    "ldg6 -l",
    "net0 && touch PWNED",
    "\u00e9t\u00e9",
]


@pytest.mark.parametrize(
    "name", ["net0", "aggr0", "e1000g0", "vnic_1", "aggr10", "a0", "x" * 30 + "1", "net4294967294"]
)
def test_valid_link_names(name: str) -> None:
    assert is_link_name(name)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "empty"),
        ("net", "no ending number"),
        ("0net0", "starts with a digit"),
        ("_net0", "starts with an underscore"),
        ("net00", "ending number with a leading zero"),
        ("net4294967295", "ending number above 4294967294"),
        ("x" * 31 + "1", "32 characters"),
        ("net-0", "a hyphen"),
        ("ldoms-vsw0.vport0", "a hyphen and a dot"),
        ("net0 ", "a blank"),
        ("$(id)", "shell syntax"),
        ("n\u00e9t0", "a non-ASCII letter"),
    ],
)
def test_invalid_link_names(name: str, why: str) -> None:
    assert not is_link_name(name), why


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("net0/v4", True),
        ("aggr0/v6a", True),
        ("aggr0/" + "a" * 32, True),
        ("aggr0/" + "a" * 33, False),
        ("aggr0/4v", False),
        ("aggr0/", False),
        ("net0/?", False),
        ("aggr0", False),
        ("aggr/v4", False),
        ("aggr0/v4/x", False),
    ],
)
def test_addrobj_names(name: str, valid: bool) -> None:
    assert is_addrobj_name(name) is valid


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("primary", True),
        ("ldg6", True),
        ("6ldg", True),
        ("secondary-1", True),
        ("dom_a+b#c.d:e;f~(g)", True),
        ("x" * 256, True),
        ("x" * 257, False),
        ("-p", False),
        ("-x", False),
        ("ldg6 -l", False),
        ("ldg6; rm -rf /", False),
        ("x\ntouch PWNED #", False),
        ("$(id)", False),
        ("", False),
        ("ldg6/x", False),
    ],
)
def test_domain_names(name: str, valid: bool) -> None:
    assert is_domain_name(name) is valid


@pytest.mark.parametrize(
    ("word", "written"),
    [
        ("net0", "net0"),
        ("aggr0/v4", "aggr0/v4"),
        ("primary-vsw0", "primary-vsw0"),
        # Valid LDoms names with characters the shell would act on are quoted all the same.
        ("ldg;6", "'ldg;6'"),
        ("ldg(6)", "'ldg(6)'"),
        ("~ldg6", "'~ldg6'"),
        ("ldg#6", "'ldg#6'"),
        ("$(id)", "'$(id)'"),
        ("", "''"),
    ],
)
def test_shell_word(word: str, written: str) -> None:
    assert shell_word(word) == written


@given(st.text())
@example("x\ntouch PWNED #")
@example("'\"$`\\")
def test_shell_word_is_one_word_and_that_word(word: str) -> None:
    assert shlex.split(shell_word(word)) == [word]


@pytest.mark.skipif(SH is None, reason="no sh")
def test_a_real_sh_reads_each_word_back_and_runs_nothing(tmp_path: Path) -> None:
    words = [w for w in HOSTILE if "\0" not in w]
    script = "printf '%s\\0' " + " ".join(shell_word(w) for w in words) + "\n"
    result = subprocess.run(
        [SH, "-c", script], cwd=tmp_path, capture_output=True, check=True, env={"HOME": "/x"}
    )
    assert result.stdout.decode("utf-8").split("\0")[:-1] == words
    assert list(tmp_path.iterdir()) == []


def test_placeholders_are_written_in_angle_brackets_and_names_quoted() -> None:
    words = ["ldm", "set-vsw", ("net-dev=", Placeholder("a physical link")), Name("$(id)")]
    assert shell_command(words) == "ldm set-vsw net-dev=<a physical link> '$(id)'"


# Constructed from tests/fixtures/transcripts/fail-ports-attached.txt: the create-aggr line
# names a member `$(id)` (as the security review pasted it), show-aggr -x lists only net1.
HOSTILE_TRANSCRIPT = """\
ldg6# dladm create-aggr -m dlmp -l $(id) -l net1 aggr0
ldg6# dladm show-aggr -x
LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE
aggr0      --             1000Mb   full     up       2:8:20:88:84:ba    --
           net1           1000Mb   full     up       0:14:4f:fb:f5:33   attached
"""


def test_a_fix_quotes_a_name_from_the_input_and_says_it_is_not_valid() -> None:
    fixes = [f.fix for f in check(HOSTILE_TRANSCRIPT).findings if f.fix is not None]
    add = next(f for f in fixes if f.command.startswith("dladm add-aggr"))
    assert add.command == "dladm add-aggr -l '$(id)' aggr0"
    assert add.note is not None and "'$(id)' (a link name)" in add.note
    for fix in fixes:
        assert "$(id)" not in fix.command.replace("'$(id)'", "")


@pytest.mark.skipif(SH is None, reason="no sh")
def test_a_pasted_fix_runs_only_the_program_it_names(tmp_path: Path) -> None:
    stubs = tmp_path / "bin"
    stubs.mkdir()
    log = tmp_path / "argv.log"
    stub = stubs / "dladm"
    stub.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    for name in ("id", "touch"):
        (stubs / name).write_text("#!/bin/sh\necho RAN > PWNED\n", encoding="utf-8")
        (stubs / name).chmod(0o755)
    fix = next(
        f.fix
        for f in check(HOSTILE_TRANSCRIPT).findings
        if f.fix is not None and f.fix.command.startswith("dladm add-aggr")
    )
    env = dict(os.environ, PATH=f"{stubs}:{os.environ.get('PATH', '')}")
    subprocess.run([SH, "-c", fix.command], cwd=tmp_path, env=env, check=True)
    assert log.read_text(encoding="utf-8") == '["add-aggr", "-l", "$(id)", "aggr0"]\n'
    assert not (tmp_path / "PWNED").exists()

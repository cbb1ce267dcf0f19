"""The CLI as a process (``python -m dlmpparse``): no traceback with closed streams, a reader that
goes away, Ctrl-C or bad options; ``-`` is standard input; a hint on a terminal; help texts.
The reproductions of issue 16 items 3 and 4 and the "CLI hygiene" bullet of issue 14."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import pytest

from dlmpparse.cli import example_transcript, main

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
DLMPPARSE = [sys.executable, "-m", "dlmpparse"]
SH = shutil.which("sh")
EXAMPLE = example_transcript()


def run(
    *args: str, data: Optional[bytes] = b"", **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DLMPPARSE, *args],
        input=None if data is None else data.decode(),
        capture_output=True,
        text=True,
        env=ENV,
        **kwargs,  # type: ignore[call-overload]
    )


def sh(script: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = shlex.join(DLMPPARSE)
    return subprocess.run(
        [SH or "sh", "-c", script.replace("dlmpparse", command, 1)],
        capture_output=True,
        text=True,
        env=ENV,
        **kwargs,  # type: ignore[call-overload]
    )


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


needs_sh = pytest.mark.skipif(SH is None, reason="no sh")


@needs_sh
def test_stdin_closed() -> None:
    result = sh("dlmpparse check <&-")
    assert result.returncode == 2
    assert (
        one_line(result.stderr) == "dlmpparse: standard input is closed: give FILE (or --example)"
    )
    assert result.stdout == ""


@needs_sh
@pytest.mark.parametrize("args", ["check --example", "parse", "collect-script"])
def test_stdout_closed(args: str) -> None:
    result = sh(f"dlmpparse {args} >&- </dev/null")
    assert result.returncode == 2
    assert one_line(result.stderr) == "dlmpparse: standard output is closed: nowhere to write"


@needs_sh
@pytest.mark.parametrize("args", ["check --example", "check --example --format json"])
def test_a_reader_that_goes_away_is_not_an_error(args: str) -> None:
    # Many lines, so that the pipe fills and the writer meets the closed end.
    transcript = EXAMPLE * 40
    result = sh(f"dlmpparse {args.replace('--example', '-')} | head -1", input=transcript)
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


@needs_sh
def test_broken_pipe_keeps_the_verdict_as_exit_status(tmp_path: Path) -> None:
    result = sh(
        "{ dlmpparse check -; echo $? > status; } | head -c 1 > /dev/null",
        input=EXAMPLE * 40,
        cwd=tmp_path,
    )
    assert result.stderr == ""
    assert (tmp_path / "status").read_text() == "0\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--guest", "ldg6; rm -rf /", "--example"],
            "dlmpparse check: argument --guest: 'ldg6; rm -rf /' is not a domain name: a domain "
            "name has only letters, digits and -_+#.:;~() (see dlmpparse check --help)",
        ),
        (
            ["collect-script", "--guest=-p"],
            "dlmpparse collect-script: argument --guest: '-p' is not a domain name: a domain "
            "name starts with a letter or a digit (see dlmpparse collect-script --help)",
        ),
        (
            ["collect-script", "--guest=-x"],
            "dlmpparse collect-script: argument --guest: '-x' is not a domain name: a domain "
            "name starts with a letter or a digit (see dlmpparse collect-script --help)",
        ),
        (
            ["collect-script", "--guest", "ldg6 -l"],
            "dlmpparse collect-script: argument --guest: 'ldg6 -l' is not a domain name: a "
            "domain name has only letters, digits and -_+#.:;~() (see dlmpparse "
            "collect-script --help)",
        ),
        (
            ["collect-script", "--guest", "x\ntouch PWNED #"],
            "dlmpparse collect-script: argument --guest: 'x\\ntouch PWNED #' is not a domain "
            "name: a domain name has only letters, digits and -_+#.:;~() (see dlmpparse "
            "collect-script --help)",
        ),
        (
            ["check", "--members", "net0,$(id)", "--example"],
            "dlmpparse check: argument --members: '$(id)' is not a link name: a link name "
            "starts with a letter (see dlmpparse check --help)",
        ),
        (
            ["check", "--members", "net0,net", "--example"],
            "dlmpparse check: argument --members: 'net' is not a link name: a link name ends "
            "with a number, as in net0 (see dlmpparse check --help)",
        ),
        (["check", "--bogus"], "dlmpparse: unrecognized arguments: --bogus (see dlmpparse --help)"),
        (
            ["check", "--format", "xml"],
            "dlmpparse check: argument --format: invalid choice: 'xml' (choose from 'text', "
            "'json', 'json-lines', 'nagios', 'junit', 'prometheus') (see dlmpparse check --help)",
        ),
        (["frobnicate"], None),
        ([], None),
    ],
)
def test_bad_options_one_line_exit_2(
    args: list[str], message: Optional[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # In process (a start-up per case would cost seconds); the process-level run is below.
    with pytest.raises(SystemExit) as exit_:
        main(args, stdin=io.StringIO(""))
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    line = one_line(captured.err)
    if message is not None:
        assert line == message
    assert captured.out == ""


@pytest.mark.parametrize(
    "args", [["check", "--guest", "ldg6; rm -rf /"], ["collect-script", "--guest=-p"], []]
)
def test_bad_options_as_a_process(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert one_line(result.stderr).startswith("dlmpparse")
    assert result.stdout == ""


@needs_sh
def test_the_newline_guest_of_the_issue_creates_nothing(tmp_path: Path) -> None:
    result = sh(
        "dlmpparse collect-script --guest \"$(printf 'x\\ntouch PWNED #')\" > c.sh; sh c.sh",
        cwd=tmp_path,
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "PWNED").exists()
    assert (tmp_path / "c.sh").read_text() == ""


def test_dash_is_stdin_also_among_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for args in (["check", "-"], ["check", str(empty), "-"], ["check"]):
        result = run(*args, data=EXAMPLE.encode())
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1].startswith("16 passed, 0 failed")
    parsed = run("parse", "-", data=EXAMPLE.encode())
    assert parsed.returncode == 0 and parsed.stdout.startswith('{"schema_version"')


def test_a_missing_file_is_one_line() -> None:
    result = run("check", "/nonexistent/transcript.txt")
    assert result.returncode == 2
    assert "No such file" in one_line(result.stderr)


def test_check_help_ends_with_examples_and_exit_codes() -> None:
    result = run("check", "--help")
    assert result.returncode == 0
    text = result.stdout
    examples = text.index("examples:")
    table = text.index("\nexit status") + 1
    assert examples < table
    rows = [line.split(None, 1) for line in text[table:].splitlines()[1:] if line[:3].strip()]
    assert [code for code, _ in rows] == ["0", "1", "2", "130"]
    assert "with --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN" in text


@pytest.mark.parametrize("action", ["check", "parse", "collect-script"])
def test_every_option_has_help(action: str) -> None:
    from dlmpparse.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "action")
    sub_parser = sub.choices[action]  # type: ignore[index]
    for option in sub_parser._actions:
        assert option.help, (action, option.dest)
    for option in parser._actions:
        assert option.help, option.dest


def _wait_until_reading_stdin(pid: int) -> None:
    """Until the process sleeps in read(0, ...) (Linux /proc), else a generous pause."""
    syscall = Path(f"/proc/{pid}/syscall")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            fields = syscall.read_text().split()
        except OSError:
            break
        if fields[:2] == ["0", "0x0"]:
            return
        time.sleep(0.05)
    time.sleep(3)


def test_ctrl_c_while_reading_exits_130_without_traceback() -> None:
    process = subprocess.Popen(
        [*DLMPPARSE, "check"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        text=True,
    )
    try:
        _wait_until_reading_stdin(process.pid)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert one_line(err) == "dlmpparse: interrupted"
    assert out == ""


@pytest.mark.parametrize(
    ("fmt", "delay"), [("text", 0.0), ("text", 0.2), ("json", 0.1), ("json", 0.4)]
)
def test_ctrl_c_at_any_time_leaves_whole_output_or_nothing(fmt: str, delay: float) -> None:
    # Interrupted once the CLI runs (it waits for standard input), at several points of reading,
    # checking and writing a transcript of 300 copies of the example (about half a second).
    process = subprocess.Popen(
        [*DLMPPARSE, "check", "--format", fmt, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    try:
        assert process.stdin is not None
        _wait_until_reading_stdin(process.pid)
        process.stdin.write((EXAMPLE * 300).encode())
        process.stdin.close()
        process.stdin = None
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out_bytes, err_bytes = process.communicate(timeout=120)
    finally:
        process.kill()
    out, err = out_bytes.decode(), err_bytes.decode()
    assert "Traceback" not in err
    if process.returncode == 130:
        assert err.splitlines()[-1] == "dlmpparse: interrupted"
    else:  # finished before the signal came
        assert process.returncode == 0, (process.returncode, err)
    if out:
        if fmt == "json":
            import json

            assert json.loads(out)["summary"]
        else:
            assert " passed, " in out.splitlines()[-1]


def test_a_hint_on_a_terminal_with_no_input() -> None:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [*DLMPPARSE, "check"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
        )
        _wait_until_reading_stdin(process.pid)
        os.write(master, b"\x04")  # Ctrl-D: end of input on a terminal
        _, err = process.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert err.splitlines()[0] == (
        "dlmpparse: reading a transcript from the terminal: paste it, then Ctrl-D (see --help)"
    )
    assert "Traceback" not in err


def test_no_hint_when_input_is_not_a_terminal() -> None:
    result = run("check", data=EXAMPLE.encode())
    assert result.stderr == ""

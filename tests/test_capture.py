"""Capture noise and where a command ran: the text stage (dlmpparse.text), prompt shapes,
ssh attribution, interactive ssh sessions, banners and failed commands."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Optional

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import check, read_transcript
from dlmpparse.testing import DlmpSystem, Member, render_system
from dlmpparse.testing.capture import CAPTURE_STYLES, capture
from dlmpparse.testing.strategies import systems
from dlmpparse.text import ELISION, PASSWORD, clean_line, clean_text
from dlmpparse.transcript import match_prompt, split_transcript

FIXTURES = Path(__file__).parent / "fixtures"

ESC = "\x1b"


# --- the text stage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        # colour prompt (bash PS1 with CSI SGR), as script(1) records it
        (f"{ESC}[01;32mroot@ldg6{ESC}[00m:{ESC}[01;34m~{ESC}[00m# ipadm\r", "root@ldg6:~# ipadm"),
        # OSC window title ended by BEL, then bracketed paste on
        (f"{ESC}]0;root@primary: ~\x07{ESC}[?2004hprimary# ldm ls", "primary# ldm ls"),
        # OSC ended by ST (ESC \)
        (f"{ESC}]2;title{ESC}\\primary# ldm ls", "primary# ldm ls"),
        # bracketed paste off and a lone CR at the end of the command line
        (f"{ESC}[?2004l\r", ""),
        # an overwritten line: the terminal shows the second text over the first
        ("progress 10%\rdone        ", "done        "),
        ("abcdef\rXY", "XYcdef"),
        # backspace overstrikes (man-page bold, a corrected typo)
        ("L\bLI\bIN\bNK", "LINK"),
        ("dladm shwo\b\bow-phys", "dladm show-phys"),
        # a trailing ^C echoed by the terminal
        ("net0  Ethernet  up^C", "net0  Ethernet  up"),
        # web-page look-alikes: a lone cell, a triple, a KEY :value pair, a separator row
        ("aggr0  \u2013  1000Mb", "aggr0  --  1000Mb"),
        ("vnet1  ldg5-vsw0@ldg5  00:14:4f:fb:f5:33  1|\u2013|\u2013", None),
        ("MAXBW :\u2014   MODE :\u2212", "MAXBW :--   MODE :--"),
        ("\u2013\u2013  \u2013\u2013\u2013", "----  ------"),
        # a dash inside a word is left alone (only whole dash cells are web look-alikes)
        ("primary\u2013vsw0", "primary\u2013vsw0"),
        # NBSP and other Unicode spaces: one space each; zero-width characters removed
        ("net0\u00a0\u2009Ethernet\u200b", "net0  Ethernet"),
    ],
)
def test_clean_line(raw: str, shown: Optional[str]) -> None:
    if shown is None:
        shown = raw.replace("\u2013", "--")
    assert clean_line(raw) == shown


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Password:", PASSWORD),
        ("Password: ", PASSWORD),
        ("[sudo] password for admin:", PASSWORD),
        ("root@ldg6's password:", PASSWORD),
        ("...", ELISION),
        ("   \u2026", ELISION),
        ("[...]", ELISION),
    ],
)
def test_noise_lines_are_blanked_and_listed(line: str, reason: str) -> None:
    cleaned = clean_text(f"primary# ldm list-services\n{line}\nVSW\n")
    assert cleaned.lines == ("primary# ldm list-services", "", "VSW")
    [noise] = cleaned.noise
    assert (noise.line, noise.text, noise.reason) == (2, line.strip(), reason)


def test_clean_text_keeps_every_line_and_its_number() -> None:
    text = f"a\r\n{ESC}[1mb{ESC}[0m\nPassword:\n\nc\u00a0d\n"
    cleaned = clean_text(text)
    assert cleaned.lines == ("a", "b", "", "", "c d")


def test_plain_text_takes_the_fast_path_unchanged() -> None:
    text = "primary# dladm show-phys\nLINK MEDIA\r\nnet0 Ethernet\n"
    cleaned = clean_text(text)
    assert cleaned.lines == ("primary# dladm show-phys", "LINK MEDIA\r", "net0 Ethernet")
    assert cleaned.noise == ()


@pytest.mark.parametrize(
    "raw",
    [
        ESC + "[" * 100_000,
        ESC + "]" + "x" * 100_000,
        ("\r" + "a" * 10) * 10_000,
        "\u2013 " * 50_000,
        "|" + "\u2013|" * 50_000,
    ],
)
def test_clean_line_is_linear_on_long_hostile_lines(raw: str) -> None:
    # No timing assertion: a quadratic pattern would not finish within the suite's run.
    assert isinstance(clean_line(raw), str)


# --- prompts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "host", "command"),
    [
        ("-bash-4.4$ dladm show-phys", None, "dladm show-phys"),
        ("bash-5.1# ipadm", None, "ipadm"),
        ("sh-4.4$ uname -n", None, "uname -n"),
        ("-bash-4.4$", None, None),
        ("root@ldg6:~# dladm show-aggr -x", "ldg6", "dladm show-aggr -x"),
        ("admin@dbprod:/export/home/admin$ ipadm", "dbprod", "ipadm"),
        ("primary:/root# ldm list-services", "primary", "ldm list-services"),
        ("[oracle@dbprod tmp]$ dladm show-phys", "dbprod", "dladm show-phys"),
        ("ldg6% dladm show-phys", "ldg6", "dladm show-phys"),
        ("root@ldg6 # dladm show-phys", "ldg6", "dladm show-phys"),
        ("primary# sudo ldm list-services", "primary", "sudo ldm list-services"),
        ("primary# sudo -u admin /usr/sbin/dladm show-phys", "primary", None),
        ("primary# pfexec ldm ls", "primary", "pfexec ldm ls"),
        ("ldg6# time dladm show-phys", "ldg6", "time dladm show-phys"),
        ("ldg6# /usr/sbin/dladm show-phys", "ldg6", "/usr/sbin/dladm show-phys"),
        ("primary# ssh ldg6 ipadm", "primary", "ssh ldg6 ipadm"),
        ("% dladm show-phys", None, "dladm show-phys"),
    ],
)
def test_prompt_shapes(line: str, host: Optional[str], command: Optional[str]) -> None:
    prompt = match_prompt(line)
    assert prompt is not None
    assert prompt.host == host
    if command is not None or line.endswith(("$", "#")):
        assert prompt.command == command


@pytest.mark.parametrize(
    "line",
    [
        # output and prose that have a sigil in them
        "aggr0 # the aggregation",
        "net0$ Ethernet up 1000 full vnet0",
        "# Configure the aggregation as follows:",
        "$ 5 per month",
        "100% done",
        "note# this is not a command",
        "-x# dladm show-phys",
        "%%% junk",
        "#",
    ],
)
def test_output_is_not_a_prompt(line: str) -> None:
    assert match_prompt(line) is None


# An independent, simpler test of what a prompt line in these fixtures looks like: a word
# ending in a sigil (or a bracketed user@host) at the start of the line, then a blank.
_PROMPT_LOOK = re.compile(r"(?:\S*[#$%]|\[[^\]]*\][#$%])(?: |$)")


def _fixture_texts() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.txt"))


@pytest.mark.parametrize("path", _fixture_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_line_of_output_in_any_fixture_is_a_prompt(path: Path) -> None:
    """Outside transcripts no line is a prompt; inside them exactly the prompt lines are."""
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    cleaned = clean_text(text)
    prompts = {b.line for b in split_transcript(text) if b.prompt is not None}
    for number, line in enumerate(cleaned.lines, 1):
        if path.parent.name != "transcripts":
            assert match_prompt(line) is None, f"{path.name}:{number}: {line!r}"
            assert not prompts
            continue
        # banners.txt: its banners head blocks as prompts do
        looks = _PROMPT_LOOK.match(line.lstrip()) is not None or line.startswith("=== ")
        assert (number in prompts) == looks, f"{path.name}:{number}: {line!r}"


# --- where a command ran ----------------------------------------------------------------------


def _where(text: str) -> list[tuple[int, Optional[str], Optional[str], Optional[str], int]]:
    return [
        (b.line, b.normalised, b.domain, b.via, b.session)
        for b in split_transcript(text)
        if b.prompt is not None
    ]


def test_ssh_with_a_command_runs_it_in_the_target() -> None:
    text = (
        "primary# ssh ldg6 ipadm\nNAME CLASS/TYPE STATE UNDER ADDR\n"
        "primary# ssh -l root -p 2222 ldg6 'dladm show-aggr -x'\n"
        'primary# ssh admin@ldg7 "sudo dladm show-phys"\n'
        "primary# ssh -o StrictHostKeyChecking=no ldg5 dladm show-phys net2\n"
        "primary# ldm list-services\n"
    )
    assert _where(text) == [
        (1, "ipadm", "ldg6", "ssh", 0),
        (3, "dladm show-aggr -x", "ldg6", "ssh", 0),
        (4, "sudo dladm show-phys", "ldg7", "ssh", 0),
        (5, "dladm show-phys net2", "ldg5", "ssh", 0),
        (6, "ldm list-services", "primary", "prompt", 0),
    ]


def test_interactive_ssh_host_less_prompts_belong_to_the_target_until_exit() -> None:
    text = (
        "primary:/root# ssh ldg6\nPassword:\nLast login: Wed Nov 25 10:00:00 2026\n"
        "-bash-4.4$ dladm show-phys\n"
        "-bash-4.4$ ssh ldg7\n"
        "bash-5.1# ipadm\n"
        "bash-5.1# exit\nlogout\n"
        "-bash-4.4$ ipadm\n"
        "-bash-4.4$ logout\n"
        "primary:/root# ldm list\n"
        "# dladm show-phys\n"
    )
    assert _where(text) == [
        (1, "ssh ldg6", "primary", "prompt", 0),
        (4, "dladm show-phys", "ldg6", "ssh-session", 1),
        (5, "ssh ldg7", "ldg6", "ssh-session", 1),
        (6, "ipadm", "ldg7", "ssh-session", 2),
        (7, "exit", "ldg7", "ssh-session", 2),
        (9, "ipadm", "ldg6", "ssh-session", 1),
        (10, "logout", "ldg6", "ssh-session", 1),
        (11, "ldm list", "primary", "prompt", 0),
        # Host-less and not in an ssh session: unknown, never the previous prompt's domain.
        (12, "dladm show-phys", None, None, 0),
    ]


def test_a_prompt_naming_another_host_ends_an_ssh_session() -> None:
    text = (
        "primary# ssh ldg6\n$ dladm show-phys\nroot@dbprod:~# ipadm\n$ ipadm\n"
        "primary# ldm list\nldg5# dladm show-phys\n"
    )
    assert _where(text) == [
        (1, "ssh ldg6", "primary", "prompt", 0),
        (2, "dladm show-phys", "ldg6", "ssh-session", 1),
        # The first named prompt after the ssh is the host it reached (a node name).
        (3, "ipadm", "dbprod", "prompt", 1),
        (4, "ipadm", "ldg6", "ssh-session", 1),
        # primary's prompt again: back in the shell that ran the ssh.
        (5, "ldm list", "primary", "prompt", 0),
        (6, "dladm show-phys", "ldg5", "prompt", 2),
    ]


def test_banners_of_one_style_name_domain_and_command() -> None:
    text = (
        "=== ldg6: dladm show-phys ===\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\n"
        "=== primary: ldm list-netdev ldg6 ===\n"
    )
    blocks = split_transcript(text)
    assert [(b.line, b.normalised, b.domain, b.via, b.session) for b in blocks] == [
        (1, "dladm show-phys", "ldg6", "banner", 1),
        (4, "ldm list-netdev ldg6", "primary", "banner", 2),
    ]
    reading = read_transcript(text)
    assert next((r.status, r.domain, r.grammar) for r in reading.results) == (
        "read",
        "ldg6",
        "dladm show-phys",
    )


def test_banner_without_a_command_finds_tables_by_header() -> None:
    text = (
        "----- ldg5 -----\nLINK MEDIA STATE SPEED DUPLEX DEVICE\nnet2 Ethernet up 1000 full igb2\n"
        "----- ldg6 -----\nLINK MEDIA STATE SPEED DUPLEX DEVICE\nnet0 Ethernet up 1000 full vnet0\n"
    )
    reading = read_transcript(text)
    assert [(r.status, r.domain, r.grammar, r.line) for r in reading.results] == [
        ("read", "ldg5", "dladm show-phys", 2),
        ("read", "ldg6", "dladm show-phys", 5),
    ]
    assert reading.ignored == ()


def test_a_fence_style_used_inconsistently_is_no_banner() -> None:
    text = (
        "----- ldg5 -----\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "----- see below for more -----\n"
    )
    assert all(b.via != "banner" for b in split_transcript(text))


# --- failed commands --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "error"),
    [
        ("ldm list-netdev ldg6", "ldm: command not found"),
        ("ldm list-netdev ldg6", "-bash: ldm: command not found"),
        ("ldm list-netdev ldg9", "LDom ldg9 not found"),
        ("dladm show-phys x", "dladm: invalid link name 'x'"),
        ("sudo ldm list-services", "sudo: ldm: command not found"),
        ("ldm list-netdev", "ksh: ldm: not found [No such file or directory]"),
        ("/usr/sbin/ldm ls", "bash: /usr/sbin/ldm: No such file or directory"),
        ("dlamd show-phys", "bash: dlamd: command not found"),
    ],
)
def test_a_failed_command_is_reported_as_failed(command: str, error: str) -> None:
    text = f"primary# {command}\n{error}\nprimary# ipadm\nNAME CLASS/TYPE STATE UNDER ADDR\n"
    [block, _] = split_transcript(text)
    assert block.failure == error
    reading = read_transcript(text)
    first = reading.results[0]
    assert first.status == "command-failed"
    assert error in (first.reason or "")
    assert not reading.errors
    [span] = reading.ignored
    assert span.first_line == 2 and "failed" in span.reason


def test_output_that_merely_mentions_an_error_is_not_a_failure() -> None:
    text = (
        "ldg6# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\nbash: ldm: command not found\n"
    )
    [block] = split_transcript(text)
    assert block.failure is None


def test_password_prompt_after_sudo_is_reported_not_text_after_the_output() -> None:
    text = (
        "primary# sudo ldm list-netdev ldg6\nPassword:\n"
        "NAME    CLASS    MEDIA   STATE    SPEED  OVER     LOC\n"
        "----    -----    -----   -----    -----  ----     ---\n"
        "net0    VNET     ETHER   up       1G     vnet0    primary-vsw0/vnet6\n"
    )
    reading = read_transcript(text)
    [result] = reading.results
    assert (result.status, result.command, len(result.records)) == (
        "read",
        "sudo ldm list-netdev ldg6",
        1,
    )
    [span] = reading.ignored
    assert (span.first_line, span.reason) == (2, PASSWORD)


def test_an_elision_inside_a_listing_is_skipped_and_reported() -> None:
    text = (
        "ldg6# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n"
        "net0 Ethernet up 1000 full vnet0\n...\nnet3 Ethernet up 1000 full vnet3\n"
    )
    reading = read_transcript(text)
    [result] = reading.results
    assert [r.line for r in result.records] == [3, 5]
    [span] = reading.ignored
    assert (span.first_line, span.reason) == (4, ELISION)


# --- the captures, end to end ---------------------------------------------------------

TRANSCRIPTS = FIXTURES / "transcripts"
CAPTURES = [
    "ssh-session-hostless-prompts",
    "ssh-command-from-control",
    "typescript-escapes",
    "sudo-password",
    "web-paste-dashes",
    "failed-commands",
    "banners",
    "terminal-wrapped",
]


def _read(path: Path) -> str:
    # newline="" keeps lone CRs and CRLF ends as the capture has them.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.mark.parametrize("name", CAPTURES)
def test_capture_fixture_findings_and_fix_domains(name: str) -> None:
    expected = json.loads((TRANSCRIPTS / f"{name}.json").read_text(encoding="utf-8"))
    report = check(_read(TRANSCRIPTS / f"{name}.txt"), **expected["options"])
    assert not report.errors, [str(e) for e in report.errors]
    assert report.exit_code == expected["exit_code"]
    assert [[f.rule, f.status, f.domain, f.subject] for f in report.findings] == expected[
        "findings"
    ]
    fixes = [
        [f.rule, f.domain, f.subject, f.fix.domain, f.fix.command]
        for f in report.findings
        if f.fix is not None
    ]
    assert fixes == expected["fixes"]


def test_typescript_prompts_and_output_lines_as_the_terminal_showed_them() -> None:
    reading = read_transcript(_read(TRANSCRIPTS / "typescript-escapes.txt"))
    read, not_read = "read", "not-read"
    # healthy.txt's 13 commands (create-aggr, create-ip, create-addr and set-linkprop are
    # read from their command lines), then exit.
    assert [r.status for r in reading.results] == [read] * 13 + [not_read]
    assert {r.domain for r in reading.results} == {"primary", "ldg5", "ldg6"}
    [aggr_x] = [r for r in reading.results if r.command == "dladm show-aggr -x"]
    assert aggr_x.domain == "ldg6"
    # The header shares its line with ESC[?2004l and a lone CR: the terminal shows the header.
    assert reading.line_text(aggr_x.line + 1).startswith("LINK       PORT")
    assert [(s.first_line, s.lines) for s in reading.ignored] == [
        (1, ("Script started on Wed Nov 25 09:30:01 2026",)),
        (63, ("logout", "Script done on Wed Nov 25 09:41:17 2026")),
    ]


def test_failed_commands_are_reported_and_change_no_domain() -> None:
    report = check(_read(TRANSCRIPTS / "failed-commands.txt"))
    failed = [
        (r.line, r.domain, r.command)
        for r in report.reading.results
        if r.status == "command-failed"
    ]
    assert failed == [
        (7, "ldg6", "ldm list-netdev ldg6"),
        (9, "primary", "ldm list-netdev ldg9"),
        (45, "ldg6", "dladm show-aggr -x aggr1"),
        (47, "ldg6", "dlamd show-phys"),
    ]
    # ldg6 typed an ldm command that failed: it did not become a control domain.
    assert report.system.control_domains == ("primary",)
    reasons = [s.reason for s in report.ignored if "failed" in s.reason]
    assert reasons == [
        "`ldm list-netdev ldg6` failed: -bash: ldm: command not found",
        "`ldm list-netdev ldg9` failed: LDom ldg9 not found",
        "`dladm show-aggr -x aggr1` failed: dladm: invalid link name 'aggr1'",
        "`dlamd show-phys` failed: bash: dlamd: command not found",
    ]


def test_sudo_password_prompts_are_reported_as_ignored_noise() -> None:
    report = check(_read(TRANSCRIPTS / "sudo-password.txt"))
    spans = [(s.first_line, s.lines[0]) for s in report.ignored if s.reason == PASSWORD]
    assert spans == [
        (8, "Password:"),
        (25, "[sudo] password for admin:"),
        (35, "[sudo] password for admin:"),
    ]
    # No listing became "text after the output".
    assert not [s for s in report.ignored if "text after" in s.reason]
    ldm = [r for r in report.reading.results if (r.command or "").startswith("sudo ldm")]
    assert [r.status for r in ldm] == ["read"] * 3
    assert {r.domain for r in ldm} == {"primary"}


# --- property: every capture style gives the clean rendering's findings -----------------------


def _verdicts(text: str) -> list[tuple[object, ...]]:
    report = check(text)
    assert not report.errors, [str(e) for e in report.errors]
    return [
        (
            f.rule,
            f.status,
            f.domain,
            f.subject,
            f.fix.domain if f.fix else None,
            f.fix.command if f.fix else None,
        )
        for f in report.findings
    ]


@given(systems(), st.sampled_from(CAPTURE_STYLES))
def test_every_capture_style_gives_the_clean_findings(system: DlmpSystem, style: str) -> None:
    clean = render_system(system)
    assert _verdicts(capture(clean, style)) == _verdicts(clean)


@given(systems(), st.sampled_from(["ip", "speed", "linkprop"]), st.sampled_from(CAPTURE_STYLES))
def test_a_failure_and_its_fix_stay_in_the_domain_that_printed_it(
    system: DlmpSystem, broken: str, style: str
) -> None:
    first = system.members[0]
    if broken == "ip":
        system = attrs.evolve(system, ip_on=first.link)
    elif broken == "speed":
        # the first member's service domain (primary; the second member is on another one)
        system = attrs.evolve(system, speeds=(system.speeds[0] * 10, *system.speeds[1:]))
    else:
        members = (attrs.evolve(first, linkprop="--"), *system.members[1:])
        system = attrs.evolve(system, members=members)
    clean = render_system(system)
    expected = _verdicts(clean)
    assert any(v[1] == "fail" for v in expected)
    assert _verdicts(capture(clean, style)) == expected


def test_capture_styles_change_the_text() -> None:
    clean = render_system(
        DlmpSystem(
            guest="ldg6",
            service_domains=("primary", "ldg5"),
            speeds=(1000, 1000),
            members=(Member(link="net0", vnet="vnet6", service_domain="primary"),),
        )
    )
    texts = {style: capture(clean, style) for style in CAPTURE_STYLES}
    assert all(text != clean for text in texts.values())
    assert len(set(texts.values())) == len(CAPTURE_STYLES)
    with pytest.raises(ValueError, match="unknown capture style"):
        capture(clean, "fax")


def test_a_failed_create_aggr_creates_nothing() -> None:
    healthy = _read(TRANSCRIPTS / "before-config.txt")
    failed = healthy + (
        "ldg6# dladm create-aggr -m dlmp -l net0 -l net1 aggr0\n"
        "dladm: create operation failed: link busy\n"
    )
    report = check(failed)
    assert report.reading.results[-1].status == "command-failed"
    assert _verdicts(failed) == _verdicts(healthy)


def test_a_single_fenced_line_without_a_command_is_no_banner() -> None:
    text = "ldg6# dladm show-phys\nLINK MEDIA STATE SPEED DUPLEX DEVICE\n--- Summary ---\n"
    assert [b.via for b in split_transcript(text)] == ["prompt"]
    [single] = split_transcript("=== ldg6: dladm show-phys ===\nLINK MEDIA STATE SPEED DUPLEX\n")
    assert (single.domain, single.via, single.normalised) == ("ldg6", "banner", "dladm show-phys")


_HOSTILE = {
    "password prompt without a colon": lambda n: "[sudo] password for " + " " * n + "x",
    "Password for without a colon": lambda n: "Password for " + " " * n,
    "banner with blanks inside": lambda n: "=== h: " + " " * n + "x ===",
    "banner of fences": lambda n: "=== a " + "= " * (n // 2) + "===",
    "look-alike dashes": lambda n: "\u2013" * n + "x",
    "colon-separated words": lambda n: "a: " * (n // 3) + "x",
    "prompt with sigils in its path": lambda n: "h:" + "/#x" * (n // 3),
    "bracketed prompt never closed": lambda n: "[a@b " + "x" * n,
    "host-less prompt and blanks": lambda n: "# " + " " * n + "dladm",
    "escape parameters": lambda n: "\x1b[" + "0;" * (n // 2),
}


def _cost(line: str) -> float:
    text = f"primary# ldm list\n{line}\nprimary# dladm show-phys\n{line}\n"
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        read_transcript(text)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.parametrize("name", sorted(_HOSTILE))
def test_text_and_transcript_patterns_are_linear(name: str) -> None:
    """Ten times the line costs about ten times as much (a quadratic pattern: a hundred)."""
    make = _HOSTILE[name]
    small, large = _cost(make(10_000)), _cost(make(100_000))
    assert large < 35 * max(small, 1e-4), (small, large)


def test_a_terminal_wide_row_followed_by_a_row_is_not_joined() -> None:
    text = (
        "ldg6# dladm show-aggr -x\n"
        "LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTAT\nE\n"
        "aggr0      --             1000Mb   full     up       2:8:20:88:84:ba    --\n"
        "           net0           1000Mb   full     up       0:14:4f:f9:cf:47   attached\n"
        "           net1           1000Mb   full     up       0:14:4f:fb:f5:33   attached\n"
    )
    assert len(text.splitlines()[1]) == len(text.splitlines()[4]) == 80
    reading = read_transcript(text)
    [result] = reading.results
    assert result.status == "read"
    [aggr] = result.records
    assert [p.port for p in aggr.ports] == ["net0", "net1"]  # type: ignore[attr-defined]
    assert [(s.first_line, s.reason) for s in reading.ignored] == [
        (3, "joined to the line before: a row the terminal wrapped at column 80")
    ]


def test_an_ssh_that_failed_opens_no_session() -> None:
    text = (
        "# ssh ldg6\nssh: connect to host ldg6 port 22: Connection refused\n"
        "# dladm show-phys\n"
    )
    blocks = split_transcript(text)
    assert blocks[0].failure == "ssh: connect to host ldg6 port 22: Connection refused"
    assert (blocks[1].domain, blocks[1].via, blocks[1].session) == (None, None, 0)
    [failed, _] = read_transcript(text).results
    assert failed.status == "command-failed"


def test_a_host_less_start_then_a_named_prompt_are_two_sessions() -> None:
    # The host-less prompt's host is unknown: it may not be primary, so not primary's session.
    text = "# uname -n\ndbprod\nprimary# ldm list\nprimary# ldm list-services\n"
    assert [(b.domain, b.session) for b in split_transcript(text)] == [
        (None, 0),
        ("primary", 1),
        ("primary", 1),
    ]


def test_each_file_starts_a_session() -> None:
    text = "primary# ssh ldg6\n$ ipadm\n$ dladm show-phys\n$ ipadm\n"
    assert [(b.line, b.domain, b.session) for b in split_transcript(text)] == [
        (1, "primary", 0),
        (2, "ldg6", 1),
        (3, "ldg6", 1),
        (4, "ldg6", 1),
    ]
    # Lines 3-4 are another file: its host-less prompts are not the ssh session's.
    blocks = split_transcript(text, file_starts=(1, 3))
    assert [(b.line, b.domain, b.session) for b in blocks] == [
        (1, "primary", 0),
        (2, "ldg6", 1),
        (3, None, 2),
        (4, None, 2),
    ]
    reading = read_transcript(text, file_starts=(1, 3))
    assert [r.domain for r in reading.results] == ["primary", "ldg6", None, None]


def test_exit_from_a_root_shell_inside_an_ssh_session_stays_in_it() -> None:
    text = (
        "primary# ssh admin@ldg6\n-bash-4.4$ sudo -i\nPassword:\n# dladm show-phys\n# exit\n"
        "logout\n-bash-4.4$ ipadm\n-bash-4.4$ su -\n# ipadm\n# exit\n-bash-4.4$ exit\n"
        "$ dladm show-phys\n"
    )
    assert [(b.line, b.domain, b.session) for b in split_transcript(text)] == [
        (1, "primary", 0),
        (2, "ldg6", 1),
        (4, "ldg6", 1),
        (5, "ldg6", 1),
        (7, "ldg6", 1),
        (8, "ldg6", 1),
        (9, "ldg6", 1),
        (10, "ldg6", 1),
        (11, "ldg6", 1),
        # out of the ssh: back in primary's shell, whose host-less prompt names no host
        (12, None, 0),
    ]


def test_prose_as_long_as_a_terminal_is_not_joined() -> None:
    prose = "x" * 79 + "."
    text = f"notes\n{prose}\nmore prose after it\n"
    reading = read_transcript(text)
    assert [(s.first_line, s.last_line) for s in reading.ignored] == [(1, 3)]
    assert all("joined" not in s.reason for s in reading.ignored)

"""Fuzz the public entry points with what a hostile or careless paste holds (issue 16).

- ``check`` never raises: it returns a Report whose exit code is 0, 1 or 2, and the report
  renders as text and as JSON.
- ``read_transcript`` never raises.
- ``parse`` of every registered command raises nothing but ParseError (UnknownCommandError
  is one).
- Reading is thread-safe (8 threads give the records one thread gives) and deterministic (the
  JSON report of the built-in example is byte-identical whatever ``PYTHONHASHSEED``).

The inputs are transcripts assembled from real pieces - prompts, every command's header,
lines of every fixture, every line end (CR CR LF, lone CR, CRLF) - mixed with arbitrary text,
so that the fuzzer reaches the grammars rather than stopping at the first line. The ``ci``
profile keeps this file within a few seconds; ``HYPOTHESIS_PROFILE=dev`` runs many more.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Optional

from hypothesis import example, given, settings
from hypothesis import strategies as st

import dlmpparse
import dlmpparse.cli
from dlmpparse import ParseError
from dlmpparse.grammars import GRAMMARS
from dlmpparse.report import render_json, render_text

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
KEYS = sorted(g.key for g in GRAMMARS)
_CI = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")).max_examples


def _headers() -> list[str]:
    headers: set[str] = set()
    for grammar in GRAMMARS:
        table = grammar.table
        for layout in (*getattr(table, "layouts", ()), *getattr(table, "claims", ())):
            if layout.header:
                headers.add("  ".join(layout.header))
    return sorted(headers)


def _fixture_lines() -> list[str]:
    lines: dict[str, None] = {}
    for path in sorted(FIXTURES.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            lines[line.rstrip("\r")] = None
    return list(lines)


HEADERS = _headers()
FIXTURE_LINES = _fixture_lines()
PROMPTS = ["ldg6# ", "primary# ", "root@ldg5:~# ", "[root@ldg6 ~]# ", "# ", "$ ", "bash-5.1# "]
ENDS = ["\n", "\r\n", "\r\r\n", "\r", "\n\n", "\u2028", ""]
JUNK = ["\x00", "\ufeff", "\x1b[31m", "\u00a0", "\u2013", "'", '"', "\\", "|", ":", " " * 40]

line_piece = st.one_of(
    st.sampled_from(HEADERS),
    st.sampled_from(FIXTURE_LINES),
    st.builds(lambda p, k: p + k, st.sampled_from(PROMPTS), st.sampled_from(KEYS)),
    st.builds(
        lambda p, k, x: p + k + x, st.sampled_from(PROMPTS), st.sampled_from(KEYS), st.text()
    ),
    st.sampled_from(JUNK),
    st.text(max_size=40),
)
a_line = st.builds(lambda piece, end: piece + end, line_piece, st.sampled_from(ENDS))
transcripts = st.one_of(
    st.lists(a_line, max_size=25).map("".join),
    st.text(max_size=200),
)


def _known_cases() -> list[str]:
    """Issue 16's reproductions (items 1 and 2), small enough for every run."""
    cases = [
        "LINK\r\r\n",
        "LINK  CLASS  MTU  STATE  OVER\r\r\n",
        "# a" + " " * 2000 + "b\n",
        "ldg6# pkg info entire\n          Name: entire\n       Version: 11.4" + " " * 2000 + "x\n",
        'ldg6# dladm show-aggr "' + "a" * 2000 + "\n",
    ]
    # A header of every layout ending in CR CR (34 of 39 layouts recursed).
    cases += [header + "\r\r\n" for header in HEADERS]
    cases += [f"ldg6# dladm show-link\n{header}\r\r\nnet0\n" for header in HEADERS[:3]]
    return cases


KNOWN_CASES = _known_cases()


def _with_examples(cases: list[Any]) -> Callable[[Any], Any]:
    def decorate(test: Any) -> Any:
        for case in cases:
            test = example(*case)(test) if isinstance(case, tuple) else example(case)(test)
        return test

    return decorate


def _check_report(text: str, guest: Optional[str] = None, strict: bool = False) -> None:
    report = dlmpparse.check(text, guest=guest, strict=strict)
    assert report.exit_code in (0, 1, 2)
    render_text(report)
    json.dumps(render_json(report))


@given(transcripts, st.sampled_from([None, "ldg6", "primary", "nosuch"]), st.booleans())
@_with_examples([(case, None, False) for case in KNOWN_CASES])
def test_check_never_raises(text: str, guest: Optional[str], strict: bool) -> None:
    _check_report(text, guest, strict)


@given(transcripts)
@_with_examples(KNOWN_CASES)
def test_read_transcript_never_raises(text: str) -> None:
    reading = dlmpparse.read_transcript(text)
    for result in reading.results:
        assert result.status in ("read", "failed", "not-read")


def _body_for(key: str) -> st.SearchStrategy[str]:
    """Output for ``key``: a fixture of that command mutated, or pieces of any command."""
    folder = FIXTURES / key.replace(" ", "-").replace("--", "-")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    pieces = st.lists(a_line, max_size=12).map("".join)
    if not texts:
        return pieces
    fixture = st.sampled_from(texts)
    return st.one_of(
        pieces,
        st.builds(
            lambda t, junk, at: t[:at] + junk + t[at:], fixture, st.text(), st.integers(0, 400)
        ),
        st.builds(lambda t, end: t.replace("\n", end), fixture, st.sampled_from(ENDS)),
    )


@given(st.data())
@settings(max_examples=max(_CI * 4, 200))
def test_parse_raises_only_parse_errors(data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(KEYS), label="command")
    text = data.draw(_body_for(key), label="output")
    try:
        records = dlmpparse.parse(key, text)
    except ParseError as exc:
        assert exc.line >= 1 and exc.column >= 1
        return
    for record in records:
        dlmpparse.to_dict(record)


def test_parse_of_the_issue_cases() -> None:
    # Each reproduction read as the output of every command (with and without its prompt
    # line): records or a ParseError.
    for case in KNOWN_CASES:
        for key in KEYS:
            for body in (case, case.split("\n", 1)[-1]):
                with contextlib.suppress(ParseError):
                    dlmpparse.parse(key, body)


@given(st.text(max_size=80), st.sampled_from(["", " ", "'", '"', "\\"]))
@example("dladm show-aggr ", '"')
@example("dladm show-aggr -x\\", "")
def test_parse_of_any_command_line_raises_only_parse_errors(words: str, quote: str) -> None:
    with contextlib.suppress(ParseError):
        dlmpparse.parse(words + quote, "")


# --- thread safety and determinism --------------------------------------------------------------


def _fixture_cases() -> list[tuple[str, str]]:
    cases = []
    for meta in sorted(FIXTURES.glob("*/*.json")):
        text = meta.with_suffix(".txt")
        if not text.exists():
            continue
        command = json.loads(meta.read_text(encoding="utf-8")).get("command")
        if command:
            cases.append((command, text.read_text(encoding="utf-8")))
    return cases


def _outcome(case: tuple[str, str]) -> object:
    command, text = case
    try:
        return dlmpparse.parse(command, text)
    except ParseError as exc:
        return (exc.line, exc.column, str(exc))


def test_eight_threads_read_what_one_thread_reads() -> None:
    cases = _fixture_cases()
    assert len(cases) > 50
    # In a fresh order, so that lazily built grammars are first built under contention.
    work = [case for _ in range(3) for case in reversed(cases)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_outcome, work))
        example_text = dlmpparse.cli.example_transcript()
        reports = list(
            pool.map(lambda _: json.dumps(render_json(dlmpparse.check(example_text))), range(16))
        )
    alone = [_outcome(case) for case in work]
    assert threaded == alone
    assert len(set(reports)) == 1


def test_the_json_report_is_the_same_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "dlmpparse", "check", "--example", "--format", "json"],
            capture_output=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        assert done.stdout
        outputs.add(done.stdout)
    assert len(outputs) == 1

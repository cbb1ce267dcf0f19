"""Input decoding (``_text.decode``): BOMs, UTF-16/32, invalid bytes replaced per line and
reported, CR-only line ends; the reproductions of issue 16 item 5, through the library and
the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlmpparse import check, parse
from dlmpparse._text import decode
from dlmpparse.cli import example_transcript
from dlmpparse.records import to_dict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = example_transcript()
# From the example (Oracle's blog post): the guest's show-phys, whose prompt names ldg6.
SHOW_PHYS = """\
LINK              MEDIA                STATE      SPEED  DUPLEX    DEVICE
net0              Ethernet             up         1000   full      vnet0
net1              Ethernet             up         1000   full      vnet1
"""


def run_cli(*args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "dlmpparse", *args], input=data, capture_output=True, env=env
    )


def summary(text: str) -> str:
    return next(line for line in text.splitlines() if " passed, " in line)


def test_plain_utf8() -> None:
    decoded = decode("primary# dladm show-phys\n\u2013\n".encode())
    assert decoded.text == "primary# dladm show-phys\n\u2013\n"
    assert decoded.encoding == "utf-8"
    assert decoded.replaced_lines == ()
    assert decoded.line_ends == "LF"


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_a_bom_says_the_encoding_and_is_removed(codec: str, bom: bytes, name: str) -> None:
    decoded = decode(bom + EXAMPLE.encode(codec))
    assert decoded.encoding == name
    assert decoded.text == EXAMPLE
    assert decoded.replaced_lines == ()


def test_one_invalid_byte_replaces_that_line_only() -> None:
    data = EXAMPLE.encode() + b"\xff\n"
    decoded = decode(data)
    lines = decoded.text.split("\n")
    number = EXAMPLE.count("\n") + 1
    assert decoded.replaced_lines == (number,)
    assert lines[number - 1] == "\ufffd"
    assert decoded.text.startswith(EXAMPLE)  # every en-dash of the ldm tables intact


def test_bytes_replaced_on_several_lines_are_each_reported() -> None:
    decoded = decode(b"a\xff\nb\nc\xc3\n\xe2\x80\x93\n")
    assert decoded.replaced_lines == (1, 3)
    assert decoded.text == "a\ufffd\nb\nc\ufffd\n\u2013\n"


def test_an_invalid_utf16_tail_is_replaced_and_reported() -> None:
    data = b"\xff\xfe" + "a\nb\n".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    decoded = decode(data)
    assert decoded.encoding == "utf-16-le"
    assert decoded.text.startswith("a\nb\n")
    assert decoded.replaced_lines == (3,)


def test_cr_only_line_ends_are_line_ends() -> None:
    decoded = decode(b"primary# dladm show-phys\rLINK MEDIA\rnet0 x\r")
    assert decoded.text == "primary# dladm show-phys\nLINK MEDIA\nnet0 x\n"
    assert decoded.line_ends == "CR"


def test_cr_only_with_an_invalid_byte_numbers_the_cr_lines() -> None:
    decoded = decode(b"a\rb\xff\rc\r")
    assert decoded.text == "a\nb\ufffd\nc\n"
    assert decoded.replaced_lines == (2,)


def test_a_lone_cr_in_an_lf_file_is_not_a_line_end() -> None:
    decoded = decode(b"abc\rxy\nnext\n")
    assert decoded.text == "abc\rxy\nnext\n"
    assert decoded.line_ends == "LF"


@given(st.text())
def test_utf8_text_decodes_to_itself(text: str) -> None:
    # Text with CRs and no LF is read as CR-separated lines; everything else is kept as is.
    expected = text.replace("\r", "\n") if "\r" in text and "\n" not in text else text
    decoded = decode(text.encode("utf-8", errors="surrogatepass"))
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert decoded.replaced_lines
    else:
        assert decoded.text == expected
        assert decoded.replaced_lines == ()


@given(st.binary(max_size=200))
def test_any_bytes_decode_and_keep_their_line_count(data: bytes) -> None:
    decoded = decode(data)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xef\xbb\xbf")):
        separator = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
        assert decoded.text.count("\n") == data.count(separator)
        assert all(1 <= n <= data.count(separator) + 1 for n in decoded.replaced_lines)


# The reproductions of issue 16, item 5, through the CLI.


def test_example_plus_one_invalid_line_still_passes_16() -> None:
    result = run_cli("check", data=EXAMPLE.encode() + b"\xff\n")
    out = result.stdout.decode()
    assert summary(out).startswith("16 passed, 0 failed")
    assert result.returncode == 0
    number = EXAMPLE.count("\n") + 1
    assert result.stderr.decode() == (
        f"dlmpparse: standard input: bytes that are not utf-8 replaced with U+FFFD on line "
        f"{number}\n"
    )


def test_a_utf8_bom_keeps_the_first_prompt() -> None:
    with_bom = check(decode(b"\xef\xbb\xbf" + EXAMPLE.encode()).text)
    assert [(f.rule, f.status, f.domain) for f in with_bom.findings] == [
        (f.rule, f.status, f.domain) for f in check(EXAMPLE).findings
    ]
    result = run_cli("check", data=b"\xef\xbb\xbf" + EXAMPLE.encode())
    assert summary(result.stdout.decode()).startswith("16 passed, 0 failed")
    assert result.returncode == 0


def test_parse_command_with_a_bom() -> None:
    result = run_cli(
        "parse", "--command", "dladm show-phys", data=b"\xef\xbb\xbf" + SHOW_PHYS.encode()
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"expected a link state" not in result.stderr
    assert b'"link": "net0"' in result.stdout


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_bom_check_like_utf8(codec: str) -> None:
    result = run_cli("check", data=EXAMPLE.encode(codec))
    assert summary(result.stdout.decode()).startswith("16 passed, 0 failed")
    assert result.returncode == 0


def test_cr_only_line_ends_check_like_lf() -> None:
    result = run_cli("check", data=EXAMPLE.replace("\n", "\r").encode())
    assert summary(result.stdout.decode()).startswith("16 passed, 0 failed")
    assert result.returncode == 0


def test_parse_of_a_bom_file_reads_records() -> None:
    text = decode(b"\xef\xbb\xbf" + SHOW_PHYS.encode()).text
    assert [to_dict(r)["link"] for r in parse("dladm show-phys", text)] == ["net0", "net1"]


def test_a_byte_order_mark_in_text_given_to_the_library_is_no_character() -> None:
    # Bytes go through decode(); a str may still start with U+FEFF (a file opened as utf-8,
    # not utf-8-sig): it must not hide the first prompt nor shift the first header's columns.
    import dlmpparse

    example = (Path(dlmpparse.__file__).parent / "data" / "example.txt").read_text("utf-8")
    assert dlmpparse.check("\ufeff" + example).summary() == dlmpparse.check(example).summary()
    [link] = dlmpparse.parse(
        "dladm show-phys",
        "\ufeffLINK  MEDIA     STATE  SPEED  DUPLEX  DEVICE\n"
        "net0  Ethernet  up     1000   full    igb0\n",
    )
    assert (link.link, link.state, link.speed) == ("net0", "up", 1000)

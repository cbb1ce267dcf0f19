"""The Solaris release grammars: uname -a/-v/-r/-rv/-srv and pkg info entire (OsRelease)."""

from __future__ import annotations

from typing import Optional

import pytest

from dlmpparse import ParseError, UnknownCommandError, parse
from dlmpparse.grammars import select
from dlmpparse.grammars.os_release import (
    PKG_INFO_ENTIRE,
    UNAME_A,
    UNAME_R,
    UNAME_RV,
    UNAME_SRV,
    UNAME_V,
)
from dlmpparse.reader import read_transcript
from dlmpparse.records import OsRelease

# The 11.4 GA output of research/os-release/01 (tests/fixtures/pkg-info-entire).
PKG_114 = """\
          Name: entire
       Summary: Incorporation to lock all system packages to the same build
   Description: This package constrains system package versions to the same
                build.  WARNING: Proper system update and correct package
                selection depend on the presence of this incorporation.
                Removing this package will result in an unsupported system.
      Category: Meta Packages/Incorporations
         State: Installed
     Publisher: solaris
       Version: 11.4 (Oracle Solaris 11.4.0.0.1.15.0)
        Branch: 11.4.0.0.1.15.0
Packaging Date: August 17, 2018 at 12:42:03 AM
          Size: 2.53 kB
          FMRI: pkg://solaris/entire@11.4-11.4.0.0.1.15.0:20180817T004203Z
"""


def _one(command: str, text: str) -> OsRelease:
    [record] = parse(command, text)
    assert isinstance(record, OsRelease)
    return record


@pytest.mark.parametrize(
    ("command", "key"),
    [
        ("uname -a", UNAME_A.key),
        ("/usr/bin/uname -a", UNAME_A.key),
        ("uname -v", UNAME_V.key),
        ("uname -r", UNAME_R.key),
        ("uname -rv", UNAME_RV.key),
        ("uname -vr", UNAME_RV.key),
        ("uname -r -v", UNAME_RV.key),
        ("uname -srv", UNAME_SRV.key),
        ("uname -v -s -r", UNAME_SRV.key),
        ("pkg info entire", PKG_INFO_ENTIRE.key),
        ("pkg info -l entire", PKG_INFO_ENTIRE.key),
        ("pkg info pkg:/entire", PKG_INFO_ENTIRE.key),
        ("pkg info pkg://solaris/entire", PKG_INFO_ENTIRE.key),
        ("pfexec pkg info entire", PKG_INFO_ENTIRE.key),
    ],
)
def test_selection(command: str, key: str) -> None:
    assert select(command)[0].key == key


@pytest.mark.parametrize(
    "command",
    [
        "uname",  # prints only SunOS
        "uname -s",
        "uname -m",
        "uname -an",
        "uname -sr",
        "uname -snrv",
        "uname -X",
        "uname -a extra",
        "pkg info",
        "pkg info kernel",
        "pkg info -r entire",  # the repository's newest entire, not the installed one
        "pkg info entire kernel",
        "pkg info myentire",
        "pkg list entire",
    ],
)
def test_other_forms_are_refused(command: str) -> None:
    with pytest.raises(UnknownCommandError):
        select(command)


@pytest.mark.parametrize(
    ("version", "release", "sru"),
    [
        ("11.4.0.15.0", "11.4", 0),
        ("11.4.23.69.3", "11.4", 23),
        ("11.4.42.111.0", "11.4", 42),
        ("11.3", "11.3", None),
        ("11.0", "11.0", None),
    ],
)
def test_uname_v_release_and_sru(version: str, release: str, sru: Optional[int]) -> None:
    record = _one("uname -v", version + "\n")
    assert (record.release, record.version, record.sru) == (release, version, sru)
    assert record.source == "uname -v"
    assert record.domain is None and record.branch is None


@pytest.mark.parametrize("version", ["Generic_150400-59", "snv_151a"])
def test_uname_v_older_solaris_has_no_version(version: str) -> None:
    record = _one("uname -v", version)
    assert (record.release, record.version, record.sru) == (None, None, None)


def test_uname_a_keeps_the_node_name() -> None:
    record = _one("uname -a", "SunOS ldg6 5.11 11.4.23.69.3 sun4v sparc sun4v\r\n")
    assert (record.domain, record.release, record.version, record.sru) == (
        "ldg6",
        "11.4",
        "11.4.23.69.3",
        23,
    )


def test_uname_a_refuses_linux_at_the_sysname() -> None:
    with pytest.raises(ParseError) as caught:
        parse("uname -a", "Linux host 5.15.0-91-generic #101-Ubuntu SMP x86_64 GNU/Linux\n")
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert "SunOS" in str(caught.value)


def test_uname_r_cannot_tell_11_3_from_11_4() -> None:
    record = _one("uname -r", "5.11\n")
    assert (record.release, record.version, record.sru, record.branch) == (None,) * 4
    assert record.source == "uname -r"
    assert _one("uname -r", "5.10").release == "10"


def test_uname_prints_one_line() -> None:
    with pytest.raises(ParseError) as caught:
        parse("uname -srv", "SunOS 5.11 11.4.0.15.0\nSunOS 5.11 11.4.0.15.0\n")
    assert caught.value.line == 2
    assert "one line" in str(caught.value)


def test_uname_empty_output_gives_no_record() -> None:
    assert parse("uname -v", "") == []


def test_pkg_info_entire_114_ga() -> None:
    record = _one("pkg info entire", PKG_114)
    assert (record.release, record.version, record.sru, record.branch, record.line) == (
        "11.4",
        "11.4.0.0.1.15.0",
        0,
        "11.4.0.0.1.15.0",
        10,
    )
    assert record.source == "pkg info entire" and record.domain is None


def test_pkg_info_entire_113_sru_is_the_third_number() -> None:
    text = PKG_114.replace(
        "Version: 11.4 (Oracle Solaris 11.4.0.0.1.15.0)",
        "Version: 0.5.11 (Oracle Solaris 11.3.8.7.0)",
    ).replace("Branch: 11.4.0.0.1.15.0", "Branch: 0.175.3.8.0.7.0")
    record = _one("pkg info entire", text)
    assert (record.release, record.version, record.sru, record.branch) == (
        "11.3",
        "11.3.8.7.0",
        8,
        "0.175.3.8.0.7.0",
    )


@pytest.mark.parametrize(
    ("branch", "release", "sru"),
    [
        ("0.175.1.20.0.5.0", "11.1", 20),
        ("11.4.24.0.1.75.2", "11.4", 24),
        ("1.0", None, None),
    ],
)
def test_pkg_version_without_oracle_solaris_reads_the_branch(
    branch: str, release: Optional[str], sru: Optional[int]
) -> None:
    text = "          Name: entire\n       Version: 0.5.11\n        Branch: " + branch + "\n"
    record = _one("pkg info entire", text)
    assert (record.release, record.version, record.sru, record.branch) == (
        release,
        None,
        sru,
        branch,
    )


def test_pkg_second_category_line_is_read() -> None:
    text = PKG_114.replace(
        "      Category: Meta Packages/Incorporations\n",
        "      Category: Meta Packages/Incorporations\n                System/Core\n",
    )
    assert _one("pkg info entire", text).release == "11.4"


def _error(text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse("pkg info entire", text)
    return caught.value


def test_pkg_other_package_is_refused_at_its_name() -> None:
    error = _error(PKG_114.replace("Name: entire", "Name: system/kernel"))
    assert (error.line, error.column) == (1, 11)
    assert "entire" in str(error)


def test_pkg_unknown_key_is_named() -> None:
    # Right-aligned like the other keys, after a Description: not a continued Description.
    lines = PKG_114.splitlines(keepends=True)
    error = _error("".join([*lines[:6], "        Colour: blue\n", *lines[6:]]))
    assert (error.line, error.column) == (7, 9)
    assert "Colour is not a key pkg info prints" in str(error)
    # Less indented, it fits no line shape; the error names what was expected.
    error = _error("".join([*lines[:1], "Colour: blue\n", *lines[1:]]))
    assert (error.line, error.column) == (2, 1)


def test_pkg_continued_line_must_start_under_the_value() -> None:
    lines = PKG_114.splitlines(keepends=True)
    # Indented 10 blanks: left of Description's colon (column 14), so not its continuation.
    error = _error("".join([*lines[:4], "          build again\n", *lines[4:]]))
    assert (error.line, error.column) == (5, 11)


def test_pkg_indented_line_after_a_single_value_key() -> None:
    lines = PKG_114.splitlines(keepends=True)
    error = _error("".join([*lines[:10], "                (again)\n", *lines[10:]]))
    assert (error.line, error.column) == (11, 17)
    assert "Version" in str(error)


def test_pkg_key_given_twice() -> None:
    error = _error(PKG_114 + "          Name: entire\n")
    assert error.line == 15
    assert "twice" in str(error)


def test_pkg_without_version_line() -> None:
    error = _error("          Name: entire\n        Branch: 11.4.0.0.1.15.0\n")
    assert error.line == 2
    assert "Version" in str(error)


def test_pkg_version_line_not_a_version() -> None:
    error = _error("          Name: entire\n       Version: 11.4 (Oracle) Solaris\n")
    assert (error.line, error.column) == (2, 17)


def test_pkg_empty_output_gives_no_record() -> None:
    assert parse("pkg info entire", "\n") == []


def test_transcript_reads_uname_and_pkg_per_domain() -> None:
    transcript = (
        "root@ldg6:~# uname -v\n"
        "11.4.23.69.3\n"
        "root@ldg6:~# pkg info entire\n" + PKG_114 + "root@ldg6:~# uname -srv\n"
        "SunOS 5.11 11.4.23.69.3\n"
        "root@ldg6:~# \n"
    )
    reading = read_transcript(transcript)
    assert not reading.errors
    read = [r for r in reading.results if r.status == "read"]
    assert [r.grammar for r in read] == ["uname -v", "pkg info entire", "uname -srv"]
    records = [record for result in read for record in result.records]
    assert all(isinstance(r, OsRelease) for r in records)
    assert [r.line for r in records] == [2, 13, 19]


def test_pkg_values_lose_trailing_blanks_but_keep_inner_ones() -> None:
    # The value pattern no longer trims blanks itself (issue 16: a lazy value before optional
    # blanks and $ was quadratic); the line is stripped first, so a value still ends at its
    # last character.
    text = PKG_114.replace("Branch: 11.4.0.0.1.15.0", "Branch: 11.4.0.0.1.15.0 \t  ")
    text = text.replace("(Oracle Solaris 11.4.0.0.1.15.0)", "(Oracle Solaris 11.4.0.0.1.15.0)   ")
    record = _one("pkg info entire", text)
    assert (record.version, record.branch) == ("11.4.0.0.1.15.0", "11.4.0.0.1.15.0")
    # Blanks inside a value are the value's: an IPS version has none, so this is refused at
    # the value (column 17), wherever the run of blanks ends.
    for run in (1, 1000, 100_000):
        error = _error(f"          Name: entire\n       Version: 11.4{' ' * run}x\n")
        assert (error.line, error.column) == (2, 17)

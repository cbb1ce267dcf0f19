"""Golden fixtures: ``tests/fixtures/<command-slug>/<case>.txt`` with ``<case>.json``.

The JSON names the command line that printed the text, the kind of source (``seed``,
``oracle-doc``, ``real``, ``variant``; each cited in ``tests/fixtures/SOURCES.md``) and either
the expected records or the error expected (line and column).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dlmpparse import ParseError, parse, to_dict
from dlmpparse.grammars import GRAMMARS

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = FIXTURES / "SOURCES.md"
COMMAND_SLUGS = {g.slug: g for g in GRAMMARS}


def _cases() -> list[Path]:
    return sorted(p for slug in COMMAND_SLUGS for p in (FIXTURES / slug).glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _text(path: Path) -> str:
    # newline="" keeps CRLF fixtures as they are.
    with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.mark.parametrize("path", _cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_fixture(path: Path) -> None:
    expected = _load(path)
    text = _text(path)
    if "error" in expected:
        with pytest.raises(ParseError) as caught:
            parse(expected["command"], text)
        assert caught.value.line == expected["error"]["line"]
        if "column" in expected["error"]:
            assert caught.value.column == expected["error"]["column"]
        # The message shows the offending line and a caret under the column.
        rendered = str(caught.value).splitlines()
        assert rendered[-1].strip() == "^"
        assert (
            rendered[-2].strip()
            == caught.value.text.replace("\u00a0", " ").replace("\t", " ").strip()
        )
        return
    records = [to_dict(r) for r in parse(expected["command"], text)]
    assert records == expected["records"]


# The commands whose output the seed document shows: their grammars must read its tables.
SEED_COMMANDS = frozenset(
    {
        "dladm show-phys",
        "dladm show-aggr",
        "dladm show-aggr -x",
        "dladm show-aggr -S",
        "ldm list-netdev",
        "ldm list -o network",
        "ipadm",
    }
)
# Grammars for which no published output other than the seed's could be found (searched:
# Oracle's guides and man pages as far as the search tool reaches them, GitHub fixtures);
# the seed, an Oracle publication, is their real sample. See SOURCES.md.
NO_OTHER_REAL_SAMPLE = frozenset(
    {
        "ldm list-netdev",
        "ldm list -o network",
        "dladm show-aggr -S",
        "dladm show-aggr -S -p",
        "dladm show-etherstub",
        "ipadm show-addr -p",
        # Scripts run dladm show-phys -m/-L in parseable form (SmartOS, Salt, the Solaris
        # installer), but none of them publishes what it printed: see SOURCES-phys-views.md.
        "dladm show-phys -m -p",
        "dladm show-phys -L -p",
        # ldm's -p listings: Oracle's only sample is of list-constraints -p and published
        # code only reads them; see SOURCES-ldm-parseable.md.
        "ldm list -o network -p",
        "ldm list-netdev -p",
        "ldm list-services -p",
        "ldm list-bindings -p",
        # Human output with chosen columns (-o FIELDS): scripts run it, none publishes what
        # it printed; the fixtures are the documented tables cut down to the named columns
        # (SOURCES-fields.md). dladm show-link -Z has a published sample.
        *(
            f"{command} -o"
            for command in (
                "dladm show-phys",
                "dladm show-phys -m",
                "dladm show-phys -L",
                "dladm show-aggr",
                "dladm show-aggr -x",
                "dladm show-aggr -S",
                "dladm show-etherstub",
                "dladm show-vnic",
                "ipadm show-if",
                "ipadm show-addr",
            )
        ),
    }
)


@pytest.mark.parametrize("slug", sorted(COMMAND_SLUGS))
def test_every_grammar_has_its_fixtures(slug: str) -> None:
    """The seed's table (where the seed shows the command), an Oracle documentation (or other
    real) sample, a variant, and a bad input that must raise ParseError at a stated line."""
    key = COMMAND_SLUGS[slug].key
    cases = [_load(p) for p in sorted((FIXTURES / slug).glob("*.json"))]
    good = [c for c in cases if "records" in c]
    bad = [c for c in cases if "error" in c]
    sources = {c["source"] for c in good}
    assert len(good) >= 3, f"{slug}: fewer than three fixtures"
    if key in SEED_COMMANDS:
        assert "seed" in sources, f"{slug}: no fixture from the seed document"
    if key not in NO_OTHER_REAL_SAMPLE:
        assert sources & {"oracle-doc", "real"}, f"{slug}: no fixture of published output"
    assert "variant" in sources, f"{slug}: no variant fixture"
    assert bad, f"{slug}: no bad-input fixture"


def test_every_fixture_is_cited() -> None:
    cited = "\n".join(p.read_text(encoding="utf-8") for p in FIXTURES.glob("SOURCES*.md"))
    for path in _cases():
        name = f"{path.parent.name}/{path.stem}.txt"
        assert name in cited, f"{name} is not cited in SOURCES.md"


def test_every_fixture_has_its_text() -> None:
    for path in _cases():
        assert path.with_suffix(".txt").exists(), path
    for slug in COMMAND_SLUGS:
        for text in (FIXTURES / slug).glob("*.txt"):
            assert text.with_suffix(".json").exists(), text

"""The documentation's examples are what the parser prints.

Every ``<!-- example: CMD -->`` comment in ``docs/**/*.md`` is followed by a ```text block (the
command's output) and a ```json block (what ``python -m dlmpparse parse --command CMD`` prints
for it); the JSON must equal the records ``dlmpparse.parse`` reads. Every grammar has a page
``docs/commands/<slug>.md`` with at least one such example.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest

import dlmpparse
import dlmpparse.grammars
from dlmpparse.grammars import GRAMMARS, Grammar

DOCS = Path(__file__).resolve().parent.parent / "docs"

_EXAMPLE = re.compile(
    r"<!--[ \t]*example:[ \t]*(?P<command>.+?)[ \t]*-->[ \t]*\n"
    r"```text[ \t]*\n(?P<text>.*?)^```[ \t]*\n"
    r"\s*```json[ \t]*\n(?P<json>.*?)^```[ \t]*$",
    re.DOTALL | re.MULTILINE,
)
_MARKER = re.compile(r"<!--[ \t]*example:")


class Example(NamedTuple):
    path: Path
    line: int
    command: str
    text: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(DOCS)}:{self.line}"


def _read(path: Path) -> str:
    # newline="" keeps the text blocks byte for byte.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _examples(path: Path) -> list[Example]:
    doc = _read(path)
    return [
        Example(
            path=path,
            line=doc.count("\n", 0, match.start()) + 1,
            command=match.group("command"),
            text=match.group("text"),
            expected=match.group("json"),
        )
        for match in _EXAMPLE.finditer(doc)
    ]


def _pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def _all_examples() -> list[Example]:
    return [example for page in _pages() for example in _examples(page)]


def test_docs_have_examples() -> None:
    assert _all_examples(), f"no <!-- example: ... --> blocks found under {DOCS}"


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_example_marker_is_complete(page: Path) -> None:
    """A marker not followed by a ```text and a ```json block would be skipped silently."""
    markers = len(_MARKER.findall(_read(page)))
    assert markers == len(_examples(page)), (
        f"{page}: {markers} example markers but {len(_examples(page))} complete "
        "<!-- example --> + ```text + ```json triples"
    )


@pytest.mark.parametrize("example", _all_examples(), ids=lambda e: e.id)
def test_example_output_is_what_parse_prints(example: Example) -> None:
    records = dlmpparse.parse(example.command, example.text)
    assert [dlmpparse.to_dict(r) for r in records] == json.loads(example.expected)


# ldm's -p listings share one page, docs/commands/ldm-parseable.md.
LDM_PARSEABLE = list(dlmpparse.grammars.ldm_parseable.GRAMMARS)
HUMAN = [g for g in GRAMMARS if g.table_for is None and g not in LDM_PARSEABLE]
PARSEABLE = [g for g in GRAMMARS if g.table_for is not None and g.key.endswith(" -p")]
# The human forms with chosen columns (-o FIELDS, -Z) share docs/commands/fields.md.
FIELDS = [g for g in GRAMMARS if g.table_for is not None and g.key.endswith(" -o")]


@pytest.mark.parametrize("grammar", HUMAN, ids=lambda g: g.slug)
def test_every_grammar_has_a_page_with_an_example(grammar: Grammar) -> None:
    page = DOCS / "commands" / f"{grammar.slug}.md"
    assert page.is_file(), f"grammar {grammar.key!r} has no page {page}"
    assert _examples(page), f"{page} has no <!-- example: ... --> with text and json blocks"


@pytest.mark.parametrize("grammar", PARSEABLE, ids=lambda g: g.slug)
def test_every_parseable_form_has_an_example(grammar: Grammar) -> None:
    """The -p forms share one page, docs/commands/parseable.md, one example each."""
    page = DOCS / "commands" / "parseable.md"
    selected = [dlmpparse.grammars.select(e.command)[0].key for e in _examples(page)]
    assert grammar.key in selected, f"{page} has no example of {grammar.key}"


@pytest.mark.parametrize("grammar", FIELDS, ids=lambda g: g.slug)
def test_every_fields_form_has_an_example(grammar: Grammar) -> None:
    page = DOCS / "commands" / "fields.md"
    selected = [dlmpparse.grammars.select(e.command)[0].key for e in _examples(page)]
    assert grammar.key in selected, f"{page} has no example of {grammar.key}"


@pytest.mark.parametrize("grammar", LDM_PARSEABLE, ids=lambda g: g.slug)
def test_every_ldm_parseable_listing_has_an_example(grammar: Grammar) -> None:
    page = DOCS / "commands" / "ldm-parseable.md"
    selected = [dlmpparse.grammars.select(e.command)[0].key for e in _examples(page)]
    assert grammar.key in selected, f"{page} has no example of {grammar.key}"

"""Every rule has its page: what Oracle requires, how to see it by hand, how to fix it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dlmpparse.rules import RULES, Rule

RULES_DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
INDEX = RULES_DOCS / "index.md"
SECTIONS = ("What Oracle requires", "How to see it by hand", "How to fix it")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _headings(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^## (.+)$", text, re.MULTILINE)]


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_rule_has_its_page(rule_id: str) -> None:
    page = RULES_DOCS / f"{rule_id}.md"
    assert page.is_file(), f"rule {rule_id!r} has no page {page}"
    text = _read(page)
    assert text.splitlines()[0] == f"# {rule_id}", f"{page} must start with '# {rule_id}'"
    headings = _headings(text)
    for section in SECTIONS:
        assert section in headings, f"{page} has no section '## {section}'"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_page_states_the_rules_severity(rule: Rule) -> None:
    page = RULES_DOCS / f"{rule.id}.md"
    assert f"Severity: **{rule.severity}**" in _read(page), f"{page} does not give the severity"


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_index_links_every_page(rule_id: str) -> None:
    assert f"[{rule_id}]({rule_id}.md)" in _read(INDEX), f"{INDEX} does not link {rule_id}.md"


def test_no_page_without_a_rule() -> None:
    ids = {r.id for r in RULES}
    pages = {p.stem for p in RULES_DOCS.glob("*.md")} - {"index"}
    assert pages <= ids, f"pages for no rule in RULES: {sorted(pages - ids)}"

"""Every rule has its page: what Oracle requires, how to see it by hand, how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlmpparse.rules import RULES

RULES_DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_rule_has_its_page(rule_id: str) -> None:
    page = RULES_DOCS / f"{rule_id}.md"
    text = page.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# {rule_id}"
    for section in ("What Oracle requires", "How to see it by hand", "How to fix it"):
        assert f"## {section}" in text, f"{page} has no section {section!r}"
    assert f"[{rule_id}]({rule_id}.md)" in (RULES_DOCS / "index.md").read_text(encoding="utf-8")

"""One object per distinct value, for the values a large input repeats.

A fleet's transcript repeats the same prompts, commands, flag sets, cell values and finding
messages thousands of times; each stage that keeps such values keeps one copy of each. A
table of its own per kind of value, bounded and emptied when full, so that it never holds more
than a few vocabularies' worth whatever the input (not ``sys.intern``, whose table never
shrinks; a value seen again after a clearing is simply shared anew).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Callable, TypeVar

__all__ = ["forget", "sharer", "table"]

_T = TypeVar("_T", bound=Hashable)

# Every table made, so that ``forget`` can empty them all.
_TABLES: list[dict[Hashable, Any]] = []


def table() -> dict[Any, Any]:
    """A dict a module keeps values in once per value (bounded by its user), emptied by
    ``forget`` with the sharers' tables."""
    made: dict[Any, Any] = {}
    _TABLES.append(made)
    return made


def forget() -> None:
    """Empty every sharing table: what a test that counts shared values starts from (a table
    filled by earlier work is emptied when full, which would give a value a second copy)."""
    for table in _TABLES:
        table.clear()


def sharer(limit: int) -> Callable[[_T], _T]:
    """A function giving, for a value, the first equal value it was given (at most ``limit``
    values remembered)."""
    table: dict[Hashable, Any] = {}
    _TABLES.append(table)
    remembered = table.setdefault

    def share(value: _T) -> _T:
        if len(table) >= limit:
            table.clear()
        found: _T = remembered(value, value)
        return found

    return share

"""Grammars registered from this module (see ``grammars/__init__.py``)."""

from __future__ import annotations

from ._base import Grammar

__all__ = ["GRAMMARS"]

GRAMMARS: tuple[Grammar, ...] = ()

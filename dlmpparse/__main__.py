"""``python -m dlmpparse``: see ``dlmpparse.cli``."""

from __future__ import annotations

from .cli import console

if __name__ == "__main__":
    console()

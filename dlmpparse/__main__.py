"""``python -m dlmpparse``: see ``dlmpparse.cli``."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    try:
        from .cli import console
    except KeyboardInterrupt:
        # Ctrl-C while the modules load: the same quiet exit as Ctrl-C later on.
        if sys.stderr is not None:
            sys.stderr.write("dlmpparse: interrupted\n")
        sys.exit(130)
    console()

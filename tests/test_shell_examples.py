"""Shell sessions in the docs (```text blocks whose first line starts with "$ ") are run, and
what they print must be what the page shows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"^```text[ \t]*\n(\$ .*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def _sessions() -> list[tuple[str, str, str]]:
    out = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            lines = match.group(1).splitlines()
            command = []
            while lines:
                line = lines.pop(0)
                command.append(line[2:] if not command else line)
                if not line.endswith("\\"):
                    break
            where = f"{page.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
            out.append((where, "\n".join(command), "\n".join(lines)))
    return out


@pytest.mark.skipif(shutil.which("sh") is None, reason="no sh")
@pytest.mark.parametrize(
    ("where", "command", "expected"), _sessions(), ids=[s[0] for s in _sessions()]
)
def test_shell_session(where: str, command: str, expected: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    result = subprocess.run(
        ["sh", "-c", command.replace("python ", f"{sys.executable} ")],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (result.stdout + result.stderr).rstrip() == expected.rstrip()

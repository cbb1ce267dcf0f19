"""The evidence collector: a POSIX sh script that prints exactly what ``check`` reads.

Run it in the control domain, in each service domain and in the guest; concatenated, its
outputs are a transcript ``check`` reads. It only runs list/show commands (never a command
that changes anything), and prints each command after a ``<domain>#`` prompt line, the domain
being the logical domain's name from ``virtinfo -a`` (the host name where virtinfo is not
there), so the inventory can join what each domain printed with what ``ldm`` says of it.

The commands come from the grammar registry: every command below selects a registered
grammar (``tests/test_collect.py`` checks it), so the collector cannot ask for output the
parser does not read.

Nothing from the caller reaches the script unchecked: ``guest`` must be a valid LDoms domain
name (``names.why_not_domain_name``) and is written as one quoted word (``names.shell_word``)
in the ldm command lines only; the comments are fixed text.
"""

from __future__ import annotations

from typing import Optional

from .grammars import select
from .names import shell_word, why_not_domain_name

__all__ = ["COMMANDS", "collect_script"]

# (where, command line): "every" domain, or the "control" domain (where ldm runs). {guest}
# is the guest's name when one is given; without it the ldm commands list every domain.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("every", "uname -a"),
    ("every", "dladm show-phys"),
    ("every", "dladm show-link"),
    ("every", "dladm show-etherstub"),
    ("every", "dladm show-aggr"),
    ("every", "dladm show-aggr -x"),
    ("every", "dladm show-aggr -nS"),
    ("every", "ipadm"),
    ("control", "ldm list-services"),
    ("control", "ldm list-netdev {guest}"),
    ("control", "ldm list -o network {guest}"),
)

_HEADER = """\
#!/bin/sh
# dlmpparse evidence collector.
# Run it as root (or with the RBAC profiles for dladm, ipadm and ldm) in the control domain,
# in each service domain and in the guest, each time saving its output:
#     sh collect.sh > "$(uname -n).txt"
# then check everything together:
#     python -m dlmpparse check *.txt
# It only lists and shows: no command here changes the system.
PATH="$PATH:/usr/sbin:/usr/bin:/sbin:/bin"
LC_ALL=C
export PATH LC_ALL
domain=$(virtinfo -a 2>/dev/null | sed -n 's/^Domain name:[[:space:]]*//p')
[ -n "$domain" ] || domain=$(uname -n)
run() {
    printf '%s# %s\\n' "$domain" "$*"
    "$@" 2>&1
}
"""


def collect_script(guest: Optional[str] = None) -> str:
    """The collector script; ``guest`` limits the ldm listings to that guest domain.

    Raises ``ValueError`` when ``guest`` is not a valid LDoms domain name.
    """
    if guest is not None:
        why = why_not_domain_name(guest)
        if why:
            raise ValueError(f"not a domain name: {guest!r}: {why}")
    every: list[str] = []
    control: list[str] = []
    for where, template in COMMANDS:
        # Words first, the guest as one word of its own: a name is never split or re-read.
        words = [(guest or "") if w == "{guest}" else w for w in template.split()]
        words = [w for w in words if w]
        select(" ".join(words))  # a command with no grammar here is a bug, not a surprise
        line = "run " + " ".join(shell_word(word) for word in words)
        (every if where == "every" else control).append(line)
    out = [_HEADER]
    out.extend(line + "\n" for line in every)
    out.append("# ldm runs only in the control domain.\n")
    out.append("if command -v ldm >/dev/null 2>&1 && ldm list >/dev/null 2>&1; then\n")
    out.extend(f"    {line}\n" for line in control)
    out.append("fi\n")
    return "".join(out)

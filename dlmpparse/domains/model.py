"""The domains stage's answers: who each domain is (``DomainIdentity``), the evidence behind
each decision (``Clue``), and which domain ran each block (``Attribution``)."""

from __future__ import annotations

from typing import Any, Callable, Optional

import attrs

__all__ = [
    "CONTROL",
    "CONTROL_LDOM",
    "GUEST",
    "SERVICE",
    "Attribution",
    "Clue",
    "DomainIdentity",
]

CONTROL = "control"
SERVICE = "service"
GUEST = "guest"
# Oracle VM Server for SPARC names the control domain primary; it cannot be renamed.
CONTROL_LDOM = "primary"


# No __weakref__ slot: nothing refers to a clue weakly, and a fleet has four per guest.
@attrs.frozen(eq=False, weakref_slot=False)
class Clue:
    """One piece of evidence: its kind (``virtinfo -a``, ``MAC address``, ``prompt``, ...), the
    input line it is on (None for a conclusion drawn from several) and what it says."""

    kind: str
    line: Optional[int]
    text: str

    @classmethod
    def about(cls, kind: str, line: Optional[int], record: object) -> Clue:
        """A clue of a kind ``_ABOUT`` knows, of ``record`` (a record the inventory keeps
        anyway): its text made when asked, not a string per domain held by the identity."""
        return _ClueAbout(kind, line, record)

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.line, self.text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Clue):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def describe(self, cite: Callable[[int], str] = "line {}".format) -> str:
        """What it says and where; ``cite`` writes a line number as the report shows lines
        (``ldg5.txt:5`` when several files were given)."""
        return f"{self.text}, {cite(self.line)}" if self.line else self.text

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "line": self.line, "text": self.text}


# What a clue made by ``Clue.about`` says of its record, by kind.
_ABOUT: dict[str, Callable[[Any], str]] = {
    "vnet": lambda vnet: f"it has the vnet {vnet.name}",
    "VNET-class link": lambda netdev: f"{netdev.name} is of class VNET",
}


class _ClueAbout(Clue):
    """A ``Clue`` whose text is made from its record when asked (its ``text`` slot unused)."""

    __slots__ = ("_about",)
    _about: object

    def __init__(self, kind: str, line: Optional[int], about: object) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "_about", about)

    @property
    def text(self) -> str:
        return _ABOUT[self.kind](self._about)

    def __repr__(self) -> str:
        return f"Clue(kind={self.kind!r}, line={self.line!r}, text={self.text!r})"


@attrs.frozen
class DomainIdentity:
    """A domain as the input shows it.

    ``name`` is what the inventory, the rules and the findings call it: the LDom name when the
    evidence gives it, else the name as typed. ``node`` is the Solaris node name (where to run
    in-domain commands), ``ldom`` the LDom name (the operand of ``ldm`` commands), ``typed`` the
    names the text gave it. ``joined_by`` says what tied ``node`` (or the name as typed) to
    ``ldom``; ``roles`` and ``role_evidence`` what the domain is and how that was learned.
    """

    name: str
    node: Optional[str] = None
    ldom: Optional[str] = None
    typed: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    server: Optional[str] = None
    joined_by: Optional[Clue] = None
    named_by: tuple[Clue, ...] = ()
    role_evidence: tuple[Clue, ...] = ()

    @property
    def where(self) -> str:
        """Where to run a command in this domain: its node name, else its name."""
        return self.node or (self.typed[0] if self.typed else self.name)

    def has(self, role: str) -> bool:
        return role in self.roles

    def describe(
        self, *, server: bool = False, cite: Callable[[int], str] = "line {}".format
    ) -> str:
        """``ldg6 = node dbprod: MAC ... of net1 is vnet1 of ldg6, line 57; guest (...)``;
        ``server`` adds the server (when the input shows several)."""
        parts = [self.name]
        if server:
            parts.append(f"on server {self.server or '(unknown)'}")
        if self.ldom and self.node and self.node != self.ldom:
            how = f": {self.joined_by.describe(cite)}" if self.joined_by else ""
            parts.append(f"= node {self.node}{how}")
        elif self.ldom and self.joined_by is not None:
            # A name typed for it that is neither name (an ssh target, a DNS alias).
            called = [t for t in self.typed if t not in (self.ldom, self.node)]
            alias = f", called {', '.join(called)} in the input" if called else ""
            parts.append(f"(LDom name: {self.joined_by.describe(cite)}{alias})")
        elif self.ldom is None:
            parts.append("(LDom name unknown: run `virtinfo -a` in it)")
        text = " ".join(parts)
        if self.roles:
            # Two roles may rest on one line (flags -n-cv-: control and service).
            evidence = "; ".join(dict.fromkeys(c.describe(cite) for c in self.role_evidence))
            text += f"; {', '.join(self.roles)}" + (f" ({evidence})" if evidence else "")
        else:
            text += "; role unknown"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "node": self.node,
            "ldom": self.ldom,
            "typed": list(self.typed),
            "roles": list(self.roles),
            "server": self.server,
            "joined_by": self.joined_by.to_dict() if self.joined_by else None,
            "named_by": [c.to_dict() for c in self.named_by],
            "role_evidence": [c.to_dict() for c in self.role_evidence],
        }


@attrs.frozen
class Attribution:
    """The domains stage's answers: the domain of each block result (``of_results``, in the
    reading's order; None when nothing tells), each domain's identity, the servers (more than
    one only when the input shows several), and the blocks left unattributed."""

    domains: tuple[DomainIdentity, ...]
    of_results: tuple[Optional[str], ...]
    servers: tuple[str, ...] = ()
    unknown: tuple[int, ...] = ()
    servers_of: tuple[Optional[str], ...] = ()
    # Every name of every domain -> the domains called so (built once: the inventory and the
    # rules ask for each guest of a fleet).
    _names: dict[str, tuple[DomainIdentity, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names: dict[str, list[DomainIdentity]] = {}
        for domain in self.domains:
            called = {domain.name, domain.ldom, domain.node, *domain.typed}
            for name in called:
                if name is not None:
                    names.setdefault(name, []).append(domain)
        object.__setattr__(self, "_names", {k: tuple(v) for k, v in names.items()})

    def identity(
        self, name: Optional[str], server: Optional[str] = None
    ) -> Optional[DomainIdentity]:
        """The domain called ``name`` (its name, LDom name, node name or a name as typed) on
        ``server`` (any server when None; then only a name that one domain has)."""
        if name is None:
            return None
        scoped = [
            d for d in self._names.get(name, ()) if server is None or d.server in (server, None)
        ]
        for domain in scoped:
            if name == domain.name:
                return domain
        return scoped[0] if len(scoped) == 1 else None

    def server_of(self, index: int) -> Optional[str]:
        return self.servers_of[index] if 0 <= index < len(self.servers_of) else None

    def controls(self, server: Optional[str] = None) -> tuple[DomainIdentity, ...]:
        return tuple(
            d
            for d in self.domains
            if d.has(CONTROL) and (server is None or d.server in (server, None))
        )

    def of(self, index: int) -> Optional[str]:
        return self.of_results[index] if 0 <= index < len(self.of_results) else None

    def to_dict(self) -> dict[str, object]:
        return {
            "servers": list(self.servers),
            "domains": [d.to_dict() for d in self.domains],
            "unattributed_lines": list(self.unknown),
        }

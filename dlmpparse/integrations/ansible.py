"""An Ansible filter plugin: ``dlmp_parse`` and ``dlmp_check`` in playbooks and templates.

Ansible loads filter plugins from a ``filter_plugins/`` directory next to the playbook (or one
named by ``ANSIBLE_FILTER_PLUGINS``); a file there with the one line
``from dlmpparse.integrations.ansible import FilterModule`` makes the filters available:

    {{ aggr_x.stdout | dlmp_parse('dladm show-aggr -x') }}
    {{ transcript | dlmp_check(guest='ldg6') }}

Both return plain data (lists, dicts, strings, numbers), as the JSON of ``parse --command`` and
``check --format json`` (docs/schema.md). Ansible is not a dependency: it is imported only to
raise its ``AnsibleFilterError`` for unreadable output, where it is installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Callable, Optional, Union

from ..errors import ParseError
from ..grammars import parse
from ..names import why_not_domain_name, why_not_link_name
from ..pipeline import check
from ..records import to_dict

__all__ = ["FilterModule", "dlmp_check", "dlmp_parse"]

# Ansible hands a task's output as text (``result.stdout``) or lines (``result.stdout_lines``).
Text = Union[str, Sequence[str]]


def _text(value: Text) -> str:
    if isinstance(value, str):
        return value
    return "\n".join(str(line) for line in value)


def _filter_error(message: str) -> Exception:
    """Ansible's AnsibleFilterError where Ansible runs the filter; else ValueError."""
    try:
        errors: Any = importlib.import_module("ansible.errors")
    except ImportError:
        return ValueError(message)
    made: Exception = errors.AnsibleFilterError(message)
    return made


def dlmp_parse(text: Text, command: str) -> list[dict[str, Any]]:
    """The records of ``command``'s output ``text`` (``to_dict`` of each): the filter
    ``{{ output | dlmp_parse('dladm show-aggr -x') }}``. Output that is not the command's is a
    filter error quoting the ParseError (line, column, caret)."""
    try:
        return [to_dict(record) for record in parse(command, _text(text))]
    except ParseError as exc:
        raise _filter_error(f"dlmp_parse: {exc}") from exc


def dlmp_check(
    text: Text,
    guest: Optional[str] = None,
    members: Union[str, Sequence[str], None] = None,
    strict: bool = False,
) -> dict[str, Any]:
    """The check report of a transcript, as ``check --format json`` prints it: the filter
    ``{{ transcript | dlmp_check(guest='ldg6') }}``. ``members`` is a list of links or
    ``"net0,net1"``. Bad text never raises (it is in ``errors``, and ``exit_code`` is 2); a
    ``guest`` or member that is not a valid name is a filter error."""
    if guest is not None:
        why = why_not_domain_name(guest)
        if why:
            raise _filter_error(f"dlmp_check: guest {guest!r} is not a domain name: {why}")
    links: Optional[list[str]] = None
    if members is not None:
        raw = members.replace(" ", ",").split(",") if isinstance(members, str) else members
        links = [str(link) for link in raw if link]
        for link in links:
            why = why_not_link_name(link)
            if why:
                raise _filter_error(f"dlmp_check: member {link!r} is not a link name: {why}")
    return check(_text(text), guest=guest, members=links, strict=strict).to_dict()


class FilterModule:
    """Ansible's filter plugin interface."""

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"dlmp_parse": dlmp_parse, "dlmp_check": dlmp_check}

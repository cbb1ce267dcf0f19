"""jc parser plugins: written by ``python -m dlmpparse jc-plugins``, loaded by the real jc
package from its local plugin directory, and giving what dlmpparse gives on every fixture."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jc")

from dlmpparse import ParseError, parse, to_dict
from dlmpparse.cli import main
from dlmpparse.grammars import GRAMMARS
from dlmpparse.integrations import jc as plugins

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"

# Run inside a fresh interpreter: jc reads its plugin directory when it is first imported.
_RUNNER = r"""
import json, sys
import jc, jc.lib
cases = json.load(sys.stdin)
out = {"local": sorted(jc.lib.local_parsers), "results": []}
for name, path in cases:
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    try:
        out["results"].append({"records": jc.parse(name, text, quiet=True)})
    except Exception as exc:
        out["results"].append({"error": type(exc).__name__, "line": getattr(exc, "line", None)})
print(json.dumps(out))
"""


def _env(data_home: Path) -> dict[str, str]:
    return dict(os.environ, XDG_DATA_HOME=str(data_home), PYTHONPATH=str(ROOT))


def _cases() -> list[tuple[Any, Path]]:
    return [
        (grammar, path.with_suffix(".txt"))
        for grammar in plugins.plugin_grammars()
        for path in sorted((FIXTURES / grammar.slug).glob("*.json"))
    ]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An XDG data directory with the plugins installed by the CLI."""
    data_home = tmp_path_factory.mktemp("xdg")
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(data_home))
        assert main(["jc-plugins", "--install"], stdout=out, stderr=io.StringIO()) == 0
    written = out.getvalue().splitlines()
    assert written and all(Path(p).parent == data_home / "jc" / "jcparsers" for p in written)
    return data_home


@pytest.fixture(scope="module")
def jc_results(installed: Path) -> dict[str, Any]:
    cases = [(plugins.plugin_name(g), str(p)) for g, p in _cases()]
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input=json.dumps(cases),
        env=_env(installed),
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_one_plugin_per_grammar_its_command_line_selects() -> None:
    names = [plugins.plugin_name(g) for g in plugins.plugin_grammars()]
    assert len(names) == len(set(names))
    assert "dladm_show_aggr_x" in names and "ldm_list_o_network" in names
    assert "dladm_show_phys_o" in names
    # The -p -o FIELDS forms need the fields from the command line: no plugin.
    assert "dladm_show_phys_p" not in names
    assert "ldm_list_o_network_p" in names  # ldm's -p listings carry their own field names
    skipped = {g.key for g in GRAMMARS} - {g.key for g in plugins.plugin_grammars()}
    assert skipped and all(key.endswith(" -p") for key in skipped)
    assert all(key.startswith(("dladm ", "ipadm ")) for key in skipped)


def test_jc_loads_every_plugin(installed: Path, jc_results: dict[str, Any]) -> None:
    expected = {plugins.plugin_name(g).replace("_", "-") for g in plugins.plugin_grammars()}
    assert expected <= set(jc_results["local"])
    files = {p.name for p in (installed / "jc" / "jcparsers").iterdir()}
    assert files == set(plugins.plugin_sources())


def test_jc_parse_gives_dlmpparse_records_on_every_fixture(jc_results: dict[str, Any]) -> None:
    cases = _cases()
    assert len(cases) > 100
    results = jc_results["results"]
    assert len(results) == len(cases)
    compared = 0
    for (grammar, path), result in zip(cases, results):
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        try:
            expected = [to_dict(r) for r in parse(grammar.key, text)]
        except ParseError as exc:
            assert result == {"error": "ParseError", "line": exc.line}, path
            continue
        assert result == {"records": expected}, path
        fixture = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if fixture["command"] == grammar.key and "records" in fixture:
            # The expert's expected records, written for that fixture.
            assert result["records"] == fixture["records"], path
            compared += 1
    assert compared > 50


def test_jc_command_line_option(installed: Path) -> None:
    text = (FIXTURES / "dladm-show-aggr-x" / "seed-ldg6.txt").read_text(encoding="utf-8")
    jc_bin = Path(sys.executable).parent / "jc"
    command = [str(jc_bin)] if jc_bin.exists() else [sys.executable, "-m", "jc"]
    result = subprocess.run(
        [*command, "--dladm-show-aggr-x"],
        input=text,
        env=_env(installed),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(
        (FIXTURES / "dladm-show-aggr-x" / "seed-ldg6.json").read_text(encoding="utf-8")
    )
    assert json.loads(result.stdout) == expected["records"]


def test_record_types_in_the_schema_are_the_fixtures() -> None:
    for grammar in plugins.plugin_grammars():
        types = {cls.__name__ for cls in plugins.records_of(grammar)}
        seen: set[str] = set()
        for path in (FIXTURES / grammar.slug).glob("*.json"):
            seen |= {r["record"] for r in json.loads(path.read_text("utf-8")).get("records", [])}
        assert seen, grammar.key
        assert seen <= types, grammar.key


def test_plugin_has_jc_info_docstring_schema_and_delegates() -> None:
    [grammar] = [g for g in plugins.plugin_grammars() if g.key == "ipadm"]
    source = plugins.plugin_source(grammar)
    namespace: dict[str, Any] = {}
    exec(compile(source, "ipadm.py", "exec"), namespace)
    info = namespace["info"]
    assert info.version and info.description and info.compatible and info.tags == ["command"]
    assert info.magic_commands == ["ipadm"]
    doc = namespace["__doc__"]
    assert doc.startswith("jc - JSON Convert `ipadm` command output parser")
    schema = doc.split("Schema:", 1)[1]
    for field in ("IpInterface", "IpAddress", '"addrobj":', '"class":', '"over":'):
        assert field in schema
    # Delegates: no parsing of its own.
    assert "dlmpparse.parse(COMMAND, data)" in source
    assert namespace["COMMAND"] == "ipadm"


def test_cli_needs_either_install_or_dir(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["jc-plugins"], stdout=io.StringIO(), stderr=err) == 2
    assert "give either --install or DIR" in err.getvalue()
    err = io.StringIO()
    assert main(["jc-plugins", "--install", str(tmp_path)], stdout=io.StringIO(), stderr=err) == 2
    out = io.StringIO()
    assert main(["jc-plugins", str(tmp_path / "new")], stdout=out, stderr=io.StringIO()) == 0
    assert sorted(Path(p).name for p in out.getvalue().splitlines()) == sorted(
        plugins.plugin_sources()
    )


def test_plugin_directory_follows_xdg_without_jc() -> None:
    assert plugins.plugin_directory({"XDG_DATA_HOME": "/x", "HOME": "/h"}) == Path(
        "/x/jc/jcparsers"
    )
    assert plugins.plugin_directory({"HOME": "/h"}) == Path("/h/.local/share/jc/jcparsers")


def test_every_option_has_help() -> None:
    from dlmpparse.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "action")
    sub_parser = sub.choices["jc-plugins"]  # type: ignore[index]
    for option in sub_parser._actions:
        assert option.help, option.dest

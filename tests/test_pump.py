"""Pump test: every regular expression of the package costs time linear in its input.

The patterns are collected, not listed, so that a pattern added later is tested too:

- module globals of every ``dlmpparse`` module (pkgutil walk) that are compiled patterns,
  pyparsing ``Regex`` elements (their ``.re``), or strings that compile as patterns (os_release
  keeps its patterns as text and lets ``re`` compile them on use);
- every pattern reachable from those globals' objects: the registry's grammars, their tables,
  layouts (header patterns), row shapes (line and body patterns, the per-cell pyparsing
  diagnostic), columns' cell patterns, whole-body patterns (``TableGrammar._body``, ldm's
  blocks), closures of the ``accepts``/``assemble`` functions. Lazy properties are evaluated
  and argument-less cached builders called so that what is compiled on first use is here;
- string literals passed to ``re.match``/``re.search``/``re.sub``/... or ``pp.Regex`` inside
  function bodies (read from the modules' source with ``ast``).

Each pattern is run with ``match``, ``fullmatch`` and ``search`` on runs of blanks, ``:``,
``|``, digits, ``\\``, quotes, letters and mixtures, behind prefixes that make the pattern's
start match (fixed prompts, headers and cells, and cuts of real fixture lines the pattern
matches), ended by nothing or by a NUL (which few patterns accept, so a match must give up at
the very end). A cheap screen at 300 -> 3,000 characters ranks the inputs; the worst of each
pattern and operation are then measured at 10k -> 100k characters (best of three runs): the
10x input must not cost more than 30x the time. ``search`` (and ``findall``) count only for the
patterns the code searches with (found in the source); for the others a quadratic search is
printed, not failed: ``[ \\t]*$`` is linear under ``match`` and quadratic under ``search``.
Run with ``-s`` to see the worst ratio per pattern family.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import gc
import importlib
import inspect
import pkgutil
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable, Optional

import attrs
import pyparsing as pp
import pytest

import dlmpparse

FIXTURES = Path(__file__).parent / "fixtures"
SEARCHING = frozenset({"search", "finditer", "findall", "split", "sub", "subn"})
MATCHING = frozenset({"match", "fullmatch", "compile"})
# The 10x input may cost at most this many times the time (linear: about 10).
LIMIT = 30.0
# From 1k to 10k characters a quadratic pattern already costs about 100x: past this the 100k
# run (minutes for a quadratic pattern) is not made, the pattern fails at once.
CLEARLY_QUADRATIC = 60.0

RUNS = [
    " ",
    "\t",
    ":",
    "|",
    "0",
    "\\",
    "'",
    '"',
    "a",
    "A",
    "-",
    "=",
    ",",
    "a ",
    "0:",
    "A0",
    " |",
    "\\:",
]
TAILS = ["", "\x00"]
# Beside these, each pattern gets cuts of a fixture line it finds something in (prompts,
# headers and rows of every command).
FIXED_PREFIXES = ["", "LINK ", "net0 ", "[root@ldg6 ~]# ", "Version: 11.4"]
# The screen's sizes: enough for a quadratic pattern to stand out (about 100x where a linear
# one costs at most 10x), small enough for some 300,000 calls to take a few seconds.
SCREEN = (300, 3_000)
# Inputs that grew more than this in the screen are all measured at 10k and 100k (else only
# the pattern's worst): a linear pattern grows about 10x, a quadratic one about 100x.
SUSPICIOUS = 30.0


@attrs.define
class Target:
    """One pattern, where it was found, and whether the code searches with it."""

    pattern: re.Pattern[str]
    where: list[str]
    family: str
    searched: bool = False


# --- collection ---------------------------------------------------------------------------------


def _modules() -> list[Any]:
    out = [dlmpparse]
    for info in pkgutil.walk_packages(dlmpparse.__path__, "dlmpparse."):
        if info.name.endswith("__main__"):
            continue
        out.append(importlib.import_module(info.name))
    return out


def _searched_names(tree: ast.AST) -> tuple[set[str], list[tuple[str, bool]], set[tuple[str, str]]]:
    """From a module's source: global names the code searches with, string literals given to
    ``re`` functions or ``pp.Regex`` (with whether searched), and ``self.<attr>`` patterns
    searched inside class ``<class>``."""
    names: set[str] = set()
    literals: list[tuple[str, bool]] = []
    attributes: set[tuple[str, str]] = set()
    classes: list[tuple[ast.ClassDef, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            classes.extend((node, inner) for inner in ast.walk(node))
    owner = {id(inner): cls.name for cls, inner in classes}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        first = node.args[0] if node.args else None
        if isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id == "re":
                searching = func.attr in SEARCHING
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    if searching or func.attr in MATCHING:
                        literals.append((first.value, searching))
                elif isinstance(first, ast.Name) and searching:
                    names.add(first.id)
            elif isinstance(receiver, ast.Name) and receiver.id == "pp" and func.attr == "Regex":
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    literals.append((first.value, False))
            elif func.attr in SEARCHING:
                if isinstance(receiver, ast.Name):
                    names.add(receiver.id)
                elif (
                    isinstance(receiver, ast.Attribute)
                    and isinstance(receiver.value, ast.Name)
                    and receiver.value.id == "self"
                    and id(node) in owner
                ):
                    attributes.add((owner[id(node)], receiver.attr))
    return names, literals, attributes


# Searches the source names through a local variable: TableGrammar.body splits with
# ``body.pattern`` (a ``_Body``).
SEARCHED_THROUGH_LOCALS = {("_Body", "pattern")}


class _Collector:
    def __init__(self) -> None:
        self.targets: dict[tuple[str, int], Target] = {}
        self.seen: set[int] = set()
        self.searched_names: set[str] = set()
        self.searched_attributes: set[tuple[str, str]] = set(SEARCHED_THROUGH_LOCALS)

    def add(
        self, pattern: Any, where: str, family: str, searched: bool = False
    ) -> Optional[Target]:
        if isinstance(pattern, str):
            try:
                with warnings.catch_warnings():
                    # Some string globals are not patterns (collect.py's shell script).
                    warnings.simplefilter("ignore")
                    pattern = re.compile(pattern)
            except (re.error, ValueError, OverflowError):
                return None
        if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
            return None
        key = (pattern.pattern, pattern.flags)
        target = self.targets.get(key)
        if target is None:
            target = self.targets[key] = Target(pattern, [], family)
        target.where.append(where)
        target.searched = target.searched or searched
        return target

    def walk(self, obj: Any, where: str, family: str, depth: int = 0) -> None:
        if depth > 12 or id(obj) in self.seen or isinstance(obj, (int, float, bytes, type)):
            return
        if isinstance(obj, str):
            return
        self.seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            self.add(obj, where, family)
            return
        if isinstance(obj, pp.ParserElement):
            if isinstance(obj, pp.Regex):
                self.add(obj.re, where, family)
            for index, child in enumerate(getattr(obj, "exprs", ()) or ()):
                self.walk(child, f"{where}[{index}]", family, depth + 1)
            child = getattr(obj, "expr", None)
            if child is not None:
                self.walk(child, f"{where}.expr", family, depth + 1)
            return
        if isinstance(obj, (tuple, list, set, frozenset)):
            for index, item in enumerate(obj):
                self.walk(item, f"{where}[{index}]", family, depth + 1)
            return
        if isinstance(obj, dict):
            for key, item in obj.items():
                self.walk(item, f"{where}[{key!r}]", family, depth + 1)
            return
        if inspect.isfunction(obj) or isinstance(obj, functools.partial):
            function = obj.func if isinstance(obj, functools.partial) else obj
            for cell in getattr(function, "__closure__", None) or ():
                with contextlib.suppress(ValueError):  # an empty cell
                    self.walk(cell.cell_contents, f"{where}<closure>", family, depth + 1)
            return
        kind = type(obj)
        if not kind.__module__.startswith("dlmpparse"):
            return
        family = kind.__name__
        # Evaluate lazy properties: what is compiled on first use must be tested too.
        names: dict[str, None] = {}
        for klass in reversed(kind.__mro__):
            for name, member in vars(klass).items():
                if isinstance(member, (property, functools.cached_property)):
                    names[name] = None
        for name in names:
            try:
                value = getattr(obj, name)
            except Exception:  # a property that needs more than the object is skipped
                continue
            self._attribute(obj, name, value, where, family, depth)
        state = {}
        if attrs.has(kind):
            state = {f.name: getattr(obj, f.name) for f in attrs.fields(kind)}
        state.update(getattr(obj, "__dict__", {}))
        for slot in getattr(kind, "__slots__", ()):
            if hasattr(obj, slot):
                state[slot] = getattr(obj, slot)
        for name, value in state.items():
            self._attribute(obj, name, value, where, family, depth)

    def _attribute(
        self, obj: Any, name: str, value: Any, where: str, family: str, depth: int
    ) -> None:
        here = f"{where}.{name}"
        searched = (type(obj).__name__, name) in self.searched_attributes
        if isinstance(value, str):
            if "pattern" in name:
                self.add(value, here, f"{family}.{name}", searched)
            return
        if isinstance(value, re.Pattern):
            self.add(value, here, f"{family}.{name}", searched)
            self.seen.add(id(value))
            return
        self.walk(value, here, f"{family}.{name}", depth + 1)


@functools.lru_cache(maxsize=1)
def collect() -> tuple[Target, ...]:
    collector = _Collector()
    modules = _modules()
    literals: list[tuple[str, str, bool]] = []
    for module in modules:
        source = inspect.getsource(module)
        names, found, attributes = _searched_names(ast.parse(source))
        collector.searched_names |= {f"{module.__name__}.{name}" for name in names}
        collector.searched_attributes |= attributes
        literals += [(module.__name__, text, searched) for text, searched in found]
    for module in modules:
        short = module.__name__.removeprefix("dlmpparse.")
        for name, value in vars(module).items():
            if name.startswith("__") or inspect.ismodule(value):
                continue
            where = f"{module.__name__}.{name}"
            searched = where in collector.searched_names
            if isinstance(value, str):
                # A string global is a pattern when it compiles; a plain word compiles to a
                # literal, which is linear anyway.
                collector.add(value, where, short, searched)
                continue
            if isinstance(value, re.Pattern):
                collector.add(value, where, short, searched)
                collector.seen.add(id(value))
                continue
            if isinstance(value, pp.Regex):
                collector.add(value.re, where, short, searched)
            if hasattr(value, "cache_info") and callable(value):
                wrapped = getattr(value, "__wrapped__", value)
                positional = (
                    inspect.Parameter.POSITIONAL_ONLY,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                )
                required = [
                    p
                    for p in inspect.signature(wrapped).parameters.values()
                    if p.default is p.empty and p.kind in positional
                ]
                if not required and getattr(wrapped, "__module__", "") == module.__name__:
                    collector.walk(value(), f"{where}()", short)
                continue
            imported = getattr(value, "__module__", None) != module.__name__
            if (
                imported
                and not isinstance(value, (tuple, list, dict))
                and not (inspect.isfunction(value) or hasattr(value, "__slots__"))
            ):
                continue  # walked in the module that defines it
            collector.walk(value, where, short)
    for module_name, text, searched in literals:
        short = module_name.removeprefix("dlmpparse.")
        collector.add(text, f"{module_name}: literal", f"{short} (literal)", searched)
    return tuple(collector.targets.values())


# --- inputs and timing --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def corpus() -> tuple[str, ...]:
    lines: dict[str, None] = {}
    for path in sorted(FIXTURES.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                lines[line.rstrip("\r")] = None
    return tuple(lines)


def _prefixes(target: Target) -> list[str]:
    """Fixed prefixes, and cuts of up to two fixture lines the pattern finds something in,
    inside what it found (so the run follows a start the pattern accepts)."""
    out = dict.fromkeys(FIXED_PREFIXES)
    found = 0
    for line in corpus():
        match = target.pattern.search(line)
        if match is None or match.end() == match.start():
            continue
        cuts = [i for i in range(match.start(), match.end()) if line[i] in " \t:|=,"]
        cuts = [*cuts[:: max(1, len(cuts) // 4)], match.end()]
        for cut in cuts:
            out[line[:cut]] = None
            # From where the pattern's match starts, too: the code strips some lines first.
            out[line[match.start() : cut]] = None
        found += 1
        if found == 1:
            break
    return list(out)


def _operations(target: Target) -> dict[str, Callable[[str], object]]:
    """The operations the code uses the pattern with: ``match`` and ``fullmatch`` always
    (pyparsing matches at a position), ``search`` and ``findall`` (finditer, split and sub
    search) where the source searches with it."""
    pattern = target.pattern
    ops: dict[str, Callable[[str], object]] = {
        "match": pattern.match,
        "fullmatch": pattern.fullmatch,
    }
    if target.searched:
        ops["search"] = pattern.search
        ops["findall"] = pattern.findall
    return ops


# CPU time of this thread, not wall time: a busy machine (other jobs on its two cores) stops
# the test's thread for a while, which wall time counts and CPU time does not.
def _time(call: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        call(text)
        best = min(best, time.thread_time() - start)
    return max(best, 1e-7)


@functools.lru_cache(maxsize=2048)
def _text(prefix: str, run: str, tail: str, size: int) -> str:
    return prefix + run * (size // len(run)) + tail


@attrs.frozen
class Measure:
    target: Target
    operation: str
    prefix: str
    run: str
    tail: str
    ratio: float  # time at 100k / time at 10k (best of three each)
    skipped_100k: bool = False

    def counts(self) -> bool:
        return self.operation in ("match", "fullmatch") or self.target.searched

    def describe(self) -> str:
        where = self.target.where[0]
        return (
            f"{self.operation} {self.target.pattern.pattern[:80]!r} ({where}): "
            f"{self.prefix[:30]!r} + {self.run!r} * n + {self.tail!r}: x{self.ratio:.1f}"
            + (" from 1k to 10k (100k not run)" if self.skipped_100k else " from 10k to 100k")
        )


Ranked = list[tuple[float, float, str, str, str, str]]


def _rank(target: Target, operations: dict[str, Callable[[str], object]]) -> Ranked:
    """Every input's growth from 300 to 3,000 characters and time at 3,000, worst growth
    first; the screen stops at the first input that is clearly quadratic (screening the rest
    would cost seconds)."""
    ranked: Ranked = []
    clock = time.thread_time
    inputs = [(p, r, t) for p in _prefixes(target) for r in RUNS for t in TAILS]
    for name, call in operations.items():
        for prefix, run, tail in inputs:
            short = _text(prefix, run, tail, SCREEN[0])
            long = _text(prefix, run, tail, SCREEN[1])
            start = clock()
            call(short)
            middle = clock()
            call(long)
            end = clock()
            ratio = (end - middle) / max(middle - start, 1e-7)
            if ratio > CLEARLY_QUADRATIC:
                # Timed again before it counts: a pause of the process is not a pattern.
                ratio = min(ratio, _time(call, long, 2) / _time(call, short, 3))
            ranked.append((ratio, end - middle, name, prefix, run, tail))
            if ratio > CLEARLY_QUADRATIC:
                return sorted(ranked, reverse=True)
    return sorted(ranked, reverse=True)


def _screen(target: Target) -> Iterator[Measure]:
    """The worst input of the pattern (and any input that grew suspiciously in the screen),
    measured at 10k and 100k characters."""
    operations = _operations(target)
    ranked = _rank(target, operations)
    # The input that grew most, the one that took longest (a pattern may turn superlinear only
    # past the screen's sizes: a repeat nested in a repeat did), and any that grew suspiciously.
    chosen = [r for r in ranked[:5] if r[0] > SUSPICIOUS]
    chosen += [ranked[0], max(ranked, key=lambda r: r[1])]
    for ratio, _, name, prefix, run, tail in dict.fromkeys(chosen):
        call = operations[name]
        if ratio > CLEARLY_QUADRATIC:
            one = _time(call, _text(prefix, run, tail, 1_000), 3)
            ten = _time(call, _text(prefix, run, tail, 10_000), 1)
            if ten / one > CLEARLY_QUADRATIC:
                # The 100k run would take minutes: the pattern fails on this, and one input
                # that shows it is enough.
                yield Measure(target, name, prefix, run, tail, ten / one, skipped_100k=True)
                return
        ten = _time(call, _text(prefix, run, tail, 10_000), 3)
        yield Measure(target, name, prefix, run, tail, _ratio(call, prefix, run, tail, ten))


def _ratio(call: Callable[[str], object], prefix: str, run: str, tail: str, ten: float) -> float:
    """Time at 100k over time at 10k, the best of two and three runs. Above the limit it is
    measured up to five more times and the best kept: a busy spell on a shared machine is not
    a quadratic pattern, which is above it every time (about 100x)."""
    best = float("inf")
    for attempt in range(6):
        if attempt:
            ten = _time(call, _text(prefix, run, tail, 10_000), 5)
        hundred = _time(call, _text(prefix, run, tail, 100_000), 2)
        best = min(best, hundred / ten)
        if best <= LIMIT:
            break
    return best


@functools.lru_cache(maxsize=1)
def measure_all() -> tuple[Measure, ...]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        return tuple(m for target in collect() for m in _screen(target))
    finally:
        if enabled:
            gc.enable()


# --- tests --------------------------------------------------------------------------------------


def test_the_collector_finds_the_patterns() -> None:
    targets = collect()
    print(f"\npump test: {len(targets)} distinct patterns collected")
    assert targets, "no pattern collected: a check that checked nothing never passes"
    wheres = {where for t in targets for where in t.where}
    families = {t.family for t in targets}
    # The known kinds each give some: module globals (transcript prompts, os_release text
    # patterns), literals in function bodies, row shapes, headers, whole-body patterns, cells.
    for expected in (
        "dlmpparse.transcript._PROMPTS[0]",
        "dlmpparse.grammars.os_release._PAIR_RE",
        "dlmpparse.commands._SHELL_PIECE",
        "dlmpparse.grammars.ldm_network._blocks().pattern",
    ):
        assert expected in wheres, sorted(wheres)[:50]
    for family in (
        "Shape.element",  # a row's pattern, as pyparsing compiled it
        "Shape.body_pattern",
        "Shape.diagnostic",  # the per-cell pyparsing Regex elements
        "Layout.header_element",
        "Column.pattern",
        "_Body.pattern",
        "_Blocks.pattern",
    ):
        assert family in families, sorted(families)
    assert any("(literal)" in f for f in families)
    assert sum(t.searched for t in targets) >= 5
    assert len(targets) >= 100, len(targets)


def test_the_pump_catches_a_quadratic_pattern() -> None:
    # Blanks, then blanks, then $: every split of a run of blanks is tried (the header
    # pattern of a layout without a header was this). The test must see it.
    target = Target(re.compile("[ \t]*[ \t]*$"), ["a quadratic pattern"], "self-test")
    worst = max(_screen(target), key=lambda m: m.ratio)
    assert worst.ratio > LIMIT, worst.describe()


def test_every_pattern_is_linear() -> None:
    measures = measure_all()
    assert measures
    families: dict[str, Measure] = {}
    for m in measures:
        if m.counts():
            key = m.target.family
            if key not in families or m.ratio > families[key].ratio:
                families[key] = m
    print(f"\npump test: {len(collect())} patterns, {len(measures)} worst inputs measured")
    for family, m in sorted(families.items(), key=lambda kv: -kv[1].ratio):
        print(f"  {family:40} worst x{m.ratio:6.1f}  {m.operation} {m.run!r} {m.tail!r}")
    info = [m for m in measures if not m.counts() and (m.skipped_100k or m.ratio > LIMIT)]
    if info:
        print("  quadratic only under an operation the code does not use:")
        for m in info:
            print("   ", m.describe())
    bad = [
        m.describe()
        for m in measures
        if m.counts() and ((m.skipped_100k and m.ratio > CLEARLY_QUADRATIC) or m.ratio > LIMIT)
    ]
    assert not bad, "\n".join(bad)


# --- the same bar for the code around the patterns: issue 16's reproductions ---------------------


def _check(text: str) -> object:
    return dlmpparse.check(text).exit_code


def _parse(command: str) -> Callable[[str], object]:
    def parse(text: str) -> object:
        try:
            return dlmpparse.parse(command, text)
        except dlmpparse.ParseError as exc:
            return exc.line

    return parse


END_TO_END: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    # A prompt whose command ends in a long run of blanks (28-47 s at 100k before b848e26).
    "check: a prompt line with a run of blanks": (_check, lambda n: "# a" + " " * n + "b\n"),
    # A pkg info value with a run of blanks inside (54 s at 100k).
    "parse pkg info entire: blanks inside a value": (
        _parse("pkg info entire"),
        lambda n: "          Name: entire\n       Version: 11.4" + " " * n + "x\n",
    ),
    # An unmatched quote before a long word (shlex: 11.5 s at 1M).
    "parse_command: an unmatched quote": (
        dlmpparse.commands.parse_command,
        lambda n: 'dladm show-aggr "' + "a" * n,
    ),
    "check: an unmatched quote in a prompt's command": (
        _check,
        lambda n: "ldg6# dladm show-aggr '" + "a" * n + "\n",
    ),
    # A long OVER list that ends in a character no cell takes: the row pattern, then the
    # per-cell diagnostic that finds the column.
    "parse dladm show-link: a long OVER list": (
        _parse("dladm show-link"),
        lambda n: (
            "LINK CLASS MTU STATE BRIDGE OVER\naggr0 aggr 1500 up -- " + "net0 " * (n // 5) + ",,\n"
        ),
    ),
    # A parseable line of escaped colons.
    "check: a parseable line of escaped colons": (
        _check,
        lambda n: "ldg6# dladm show-phys -p -o link,state\nnet0:" + "\\:" * (n // 2) + "\n",
    ),
    # A prose line of header words pasted without a prompt (by_header on every line).
    "check: a long header-like line": (_check, lambda n: "LINK " * (n // 5) + "\n"),
}


@pytest.mark.parametrize("case", sorted(END_TO_END))
def test_end_to_end_is_linear(case: str) -> None:
    call, build = END_TO_END[case]
    small, large = build(10_000), build(100_000)
    best = float("inf")
    for _ in range(6):
        best = min(best, _time(call, large, 3) / _time(call, small, 3))
        if best <= LIMIT:
            break
    print(f"\n{case}: x{best:.1f} from 10k to 100k characters")
    assert best <= LIMIT, f"{case}: the 10x input cost {best:.0f}x the time"

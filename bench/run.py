"""dlmpparse's benchmark: throughput, scaling, start-up and memory, side by side with peers.

    pip install '.[bench]'
    python bench/run.py            # the whole benchmark (a few minutes on two cores)
    python bench/run.py --quick    # smaller inputs, fewer repetitions
    python bench/run.py --scale-only [--quick]   # memory and time at 50 MB (5 MB)

Peers read the same text in the same process: a TextFSM template, jc's ``asciitable`` parser
(where the table is one jc can read) and a plain ``re`` baseline that builds a dict per row
(the practical limit for Python). dlmpparse builds typed, validated records. Each measurement
is repeated and the median is quoted. Not part of the test suite: speed is measured here,
never asserted in a test.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Optional

import dlmpparse

ROOT = Path(__file__).resolve().parents[1]
HEALTHY = ROOT / "tests" / "fixtures" / "transcripts" / "healthy.txt"

# --- inputs -----------------------------------------------------------------------------------


def _mac(n: int, prefix: str = "0:14:4f") -> str:
    return f"{prefix}:{(n >> 16) & 0xFF:x}:{(n >> 8) & 0xFF:x}:{n & 0xFF:x}"


def show_phys_table(rows: int) -> str:
    """A dladm show-phys table as Solaris 11.4 prints it (widths as libofmt's defaults)."""
    out = ["LINK            MEDIA         STATE      SPEED  DUPLEX    DEVICE"]
    for i in range(rows):
        state = "up" if i % 7 else "down"
        speed = "1000" if i % 3 else "10000"
        out.append(f"{f'net{i}':<15} Ethernet      {state:<10} {speed:<6} full      igb{i}")
    return "\n".join(out) + "\n"


def show_aggr_x_table(aggregations: int) -> tuple[str, int]:
    """dladm show-aggr -x: an aggregation row, then its port rows with a blank LINK."""
    out = ["LINK       PORT           SPEED    DUPLEX   STATE    ADDRESS            PORTSTATE"]
    rows = 0
    for i in range(aggregations):
        out.append(
            f"{f'aggr{i}':<10} --             1000Mb   full     up       {_mac(i, '2:8:20'):<18} --"
        )
        for p in range(2 + i % 3):
            port = f"net{i * 4 + p}"
            state = "attached" if p else "standby"
            out.append(
                f"           {port:<14} 1000Mb   full     up       {_mac(i * 4 + p):<18} {state}"
            )
        rows += 3 + i % 3
    return "\n".join(out) + "\n", rows


def list_network_blocks(guests: int) -> tuple[str, int]:
    """ldm list -o network of every domain: NAME/domain and NETWORK headings, 3.x blocks."""
    out = []
    rows = 0
    for g in range(guests):
        if g:
            out.append("-" * 78)
        out += ["NAME", f"ldg{g}", "", "NETWORK"]
        for v, (switch, domain) in enumerate((("primary-vsw0", "primary"), ("ldg5-vsw0", "ldg5"))):
            out += [
                "    NAME         SERVICE                     MACADDRESS          PVID|PVLAN|VIDs",
                "    ----         -------                     ----------          ---------------",
                f"    vnet{v}        {switch + '@' + domain:<27} "
                f"{_mac(g * 2 + v, '00:14:4f'):<19} 1|--|--",
                f"                 DEVICE       :network@{v}     ID   :{v}",
                "                 LINKPROP     :phys-state    MTU  :1500",
                "                 MAXBW        :--            MODE :--",
                "                 CUSTOM       :enable",
                "                 MAX-CUSTOM-MACS:4096        MAX-CUSTOM-VLANS:4096",
                "",
            ]
            rows += 1
    return "\n".join(out) + "\n", rows


def fleet_transcript(guests: int) -> str:
    """``guests`` copies of the healthy transcript's guest part, each under its own names."""
    base = HEALTHY.read_text(encoding="utf-8")
    head, _, guest = base.partition("primary# ldm list-netdev ldg6")
    guest = "primary# ldm list-netdev ldg6" + guest
    parts = [head]
    for g in range(guests):
        name = f"ldg{1000 + g}"
        parts.append(
            guest.replace("ldg6", name)
            .replace("vnet6", f"vnet{6000 + g}")
            .replace("f9:cf:47", f"f9:{(g >> 8) & 0xFF:x}:{g & 0xFF:x}")
            .replace("fb:f5:33", f"fb:{(g >> 8) & 0xFF:x}:{g & 0xFF:x}")
        )
    return "".join(parts)


# --- peers ------------------------------------------------------------------------------------

TEXTFSM_SHOW_PHYS = r"""Value LINK (\S+)
Value MEDIA (\S+)
Value STATE (\S+)
Value SPEED (\S+)
Value DUPLEX (\S+)
Value DEVICE (\S+)

Start
  ^\s*LINK\s+MEDIA -> Next
  ^\s*${LINK}\s+${MEDIA}\s+${STATE}\s+${SPEED}\s+${DUPLEX}\s+${DEVICE}\s*$$ -> Record
  ^\s*$$ -> Next
  ^. -> Error
"""

TEXTFSM_SHOW_AGGR_X = r"""Value Filldown AGGR (\S+)
Value PORT (\S+)
Value SPEED (\S+)
Value DUPLEX (\S+)
Value STATE (\S+)
Value ADDRESS (\S+)
Value PORTSTATE (\S+)

Start
  ^\s*LINK\s+PORT -> Next
  ^${AGGR}\s+--\s+${SPEED}\s+${DUPLEX}\s+${STATE}\s+${ADDRESS}\s+${PORTSTATE}\s*$$ -> Record
  ^\s+${PORT}\s+${SPEED}\s+${DUPLEX}\s+${STATE}\s+${ADDRESS}\s+${PORTSTATE}\s*$$ -> Record
  ^\s*$$ -> Next
  ^. -> Error
"""

TEXTFSM_LIST_NETWORK = r"""Value Filldown NAME (\S+)
Value SERVICE (\S+)
Value MAC (\S+)
Value VLANS (\S+)
Value List PAIRS (.+)

Start
  ^\s*(NAME|NETWORK|MAC)\s*$$ -> Next
  ^\S+\s*$$ -> Next
  ^\s*NAME\s+SERVICE -> Next
  ^\s*-+(\s+-+)*\s*$$ -> Next
  ^\s*\S+\s+\S+@\S+\s+\S+\s+\S+\|\S*\s*$$ -> Continue.Record
  ^\s*${NAME}\s+${SERVICE}\s+${MAC}\s+${VLANS}\s*$$
  ^\s+${PAIRS}
  ^\s*$$ -> Next
  ^. -> Error
"""

RE_SHOW_PHYS = re.compile(
    r"^[ \t]*(?P<link>\S+)[ \t]+(?P<media>\S+)[ \t]+(?P<state>\S+)[ \t]+(?P<speed>\S+)"
    r"[ \t]+(?P<duplex>\S+)[ \t]+(?P<device>\S+)[ \t]*$",
    re.M,
)
RE_SHOW_AGGR_X = re.compile(
    r"^(?P<link>\S*)[ \t]+(?P<port>\S+)[ \t]+(?P<speed>\S+)[ \t]+(?P<duplex>\S+)[ \t]+"
    r"(?P<state>\S+)[ \t]+(?P<address>\S+)[ \t]+(?P<portstate>\S+)[ \t]*$|"
    r"^[ \t]+(?P<port2>\S+)[ \t]+(?P<speed2>\S+)[ \t]+(?P<duplex2>\S+)[ \t]+(?P<state2>\S+)"
    r"[ \t]+(?P<address2>\S+)[ \t]+(?P<portstate2>\S+)[ \t]*$",
    re.M,
)
RE_LIST_NETWORK = re.compile(
    r"^[ \t]*(?P<name>\S+)[ \t]+(?P<service>\S+@\S+)[ \t]+(?P<mac>\S+)[ \t]+(?P<vlans>\S+\|\S*)"
    r"[ \t]*$|^[ \t]+(?P<pairs>[A-Z][A-Z-]*[ \t]*:.*)$",
    re.M,
)


def _textfsm(template: str) -> Callable[[str], int]:
    import textfsm

    def run(text: str) -> int:
        fsm = textfsm.TextFSM(io.StringIO(template))
        return len(fsm.ParseText(text))

    return run


def _jc_asciitable(text: str) -> int:
    import jc

    return len(jc.parse("asciitable", text, quiet=True))


def _re_rows(pattern: re.Pattern[str]) -> Callable[[str], int]:
    def run(text: str) -> int:
        return len([m.groupdict() for m in pattern.finditer(text)])

    return run


def _dlmpparse(command: str) -> Callable[[str], int]:
    # The rows read: a record per row, and show-aggr -x's port rows inside their aggregation's
    # record. Counted only where there are ports: the peers' count is a len() too.
    with_ports = command == "dladm show-aggr -x"

    def run(text: str) -> int:
        records = dlmpparse.parse(command, text)
        if with_ports:
            return len(records) + sum(len(getattr(r, "ports", ())) for r in records)
        return len(records)

    return run


# --- worst cases (issue: cost stays linear in the input's size) -----------------------------


def _parse_any(text: str) -> int:
    try:
        return len(dlmpparse.parse("dladm show-phys", text))
    except dlmpparse.ParseError:
        return 0


def _check_any(text: str) -> int:
    return len(dlmpparse.check(text).findings)


WORST_CASES: tuple[tuple[str, Callable[[int], str], int], ...] = (
    ("one line of N characters", lambda n: "x" * n + "\n", 5_000_000),
    ("N blank lines", lambda n: "\n" * n, 100_000),
    ("a show-phys table of N rows", show_phys_table, 100_000),
    ("N prompts in a row", lambda n: "ldg6# dladm show-phys\n" * n, 50_000),
    ("a table of N rows, junk on the last", lambda n: show_phys_table(n) + "net% junk\n", 50_000),
)


# --- measuring --------------------------------------------------------------------------------


def _median_seconds(run: Callable[[str], int], text: str, repeat: int) -> tuple[float, int]:
    times = []
    rows = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        rows = run(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def throughput(
    name: str, text: str, rows: int, peers: dict[str, Callable[[str], int]], repeat: int
) -> list[dict[str, Any]]:
    """Each peer's median time on ``text``; the peers take turns, so that a busy spell of the
    machine falls on all of them rather than on one."""
    times: dict[str, list[float]] = {peer: [] for peer in peers}
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for peer, run in peers.items():
            gc.collect()
            start = time.perf_counter()
            counts[peer] = run(text)
            times[peer].append(time.perf_counter() - start)
    results = []
    for peer in peers:
        seconds, counted = statistics.median(times[peer]), counts[peer]
        results.append(
            {
                "input": name,
                "peer": peer,
                "seconds": seconds,
                "rows": counted,
                "rows_per_s": rows / seconds,
            }
        )
    return results


def _fastest(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def row_costs(aggregations: int, repeat: int) -> list[tuple[str, float]]:
    """Microseconds per ``show-aggr -x`` row of each part of dlmpparse's work, each timed alone
    (fastest of ``repeat``), and of the peers' whole work: what caps the ratio."""
    from dlmpparse.grammars import select
    from dlmpparse.grammars._rows import mac_cell
    from dlmpparse.grammars._table import TableGrammar

    text, rows = show_aggr_x_table(aggregations)
    table = select("dladm show-aggr -x")[0].table
    assert isinstance(table, TableGrammar)
    body = table._body
    assert body is not None
    pattern, stride = body.pattern, body.stride
    macs = [line.split()[-2] for line in text.splitlines()[1:]]
    port_shape = table.layouts[0].shapes[1]
    cells = ("net1", "1000Mb", "full", "up", "0:14:4f:0:0:1", "attached")

    def match() -> None:
        pieces = pattern.split(text)
        rest = iter(pieces)
        next(rest)
        for _ in zip(*[rest] * stride):
            pass

    def records() -> None:
        build = port_shape.build
        for number in range(rows):
            build(cells, number + 1)

    def rows_read() -> None:
        for _ in table.read(None, text=text):
            pass

    parts: list[tuple[str, Callable[[], object]]] = [
        ("match every line (one Regex, cells unpacked)", match),
        ("normalise the MAC address", lambda: [mac_cell(m) for m in macs]),
        ("build a port's record (the generated row builder)", records),
        ("read every row (match, build, a Row each)", rows_read),
        ("dlmpparse.parse, all of it", lambda: dlmpparse.parse("dladm show-aggr -x", text)),
        ("TextFSM, all of it", lambda: _textfsm(TEXTFSM_SHOW_AGGR_X)(text)),
        ("jc asciitable, all of it", lambda: _jc_asciitable(text)),
    ]
    return [(name, _fastest(run, repeat) / rows * 1e6) for name, run in parts]


def _env() -> dict[str, str]:
    """The environment for child processes: the dlmpparse this script imported."""
    env = dict(os.environ)
    package_root = str(Path(dlmpparse.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return env


def _start_up(commands: Sequence[Sequence[str]], repeat: int) -> list[float]:
    """Median wall time of each command, run in turn (so that a busy spell of the machine
    falls on all of them), after a first round that is not counted.

    Every command runs with its bytecode compiled, as an installed package is (pip compiles
    it): the first round writes it under a temporary PYTHONPYCACHEPREFIX, so that a source
    tree run with PYTHONDONTWRITEBYTECODE does not count compiling every module every time.
    """
    env = _env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: list[list[float]] = [[] for _ in commands]
    with tempfile.TemporaryDirectory() as pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
        for run in range(repeat + 1):
            for index, argv in enumerate(commands):
                start = time.perf_counter()
                subprocess.run(
                    argv,
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    cwd=tempfile.gettempdir(),
                    env=env,
                )
                if run:
                    times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def _memory(path: str) -> tuple[int, int, int]:
    """Peak RSS after import and after the check (KiB), and the Python heap's peak during the
    check (KiB, tracemalloc), in a fresh process."""
    code = (
        "import resource, sys, tracemalloc\n"
        "import dlmpparse\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "tracemalloc.start()\n"
        "report = dlmpparse.check(text)\n"
        "heap = tracemalloc.get_traced_memory()[1] // 1024\n"
        "tracemalloc.stop()\n"
        "print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, heap)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, path], check=True, env=_env(), capture_output=True, text=True
    ).stdout
    before, after, heap = (int(v) for v in out.split())
    return before, after, heap


_AT_SCALE = """
import gc, linecache, sys, time, tracemalloc
import dlmpparse
how, command, path, top = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
text = open(path, encoding="utf-8").read()
run = (lambda: dlmpparse.check(text)) if how == "check" else (
    lambda: dlmpparse.parse(command, text))
gc.collect()
start = time.perf_counter()
result = run()
seconds = time.perf_counter() - start
del result
gc.collect()
tracemalloc.start()
result = run()
kept, peak = tracemalloc.get_traced_memory()
print(len(text), seconds, peak, kept)
if top:
    snapshot = tracemalloc.take_snapshot()
    for stat in snapshot.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        where = "/".join(frame.filename.replace(chr(92), "/").split("/")[-2:])
        code = linecache.getline(frame.filename, frame.lineno).strip()
        print(stat.size, stat.count, f"{where}:{frame.lineno}", code)
    for stat in snapshot.statistics("filename")[:top]:
        frame = stat.traceback[0]
        where = "/".join(frame.filename.replace(chr(92), "/").split("/")[-2:])
        print(stat.size, stat.count, "file", where)
"""


def at_scale(how: str, command: str, text: str, top: int = 0) -> tuple[float, int, int, list[str]]:
    """Seconds, the Python heap's peak (tracemalloc, a second run) and what was still allocated
    at its end (bytes) of ``check`` or ``parse`` on ``text``, in a fresh process; with ``top``,
    the allocation sites that hold the most at the end."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run(
            [sys.executable, "-c", _AT_SCALE, how, command, path, str(top)],
            check=True,
            env=_env(),
            capture_output=True,
            text=True,
        ).stdout.splitlines()
    finally:
        os.unlink(path)
    _, seconds, peak, kept = out[0].split()
    return float(seconds), int(peak), int(kept), out[1:]


def memory_at_scale(megabytes: int) -> None:
    """``check`` and ``parse`` on inputs of about ``megabytes`` MB: seconds, the heap's peak
    against the input's size, and where the fleet check's heap goes."""
    per_guest = len(fleet_transcript(10)) / 10
    fleet = fleet_transcript(int(megabytes * 1e6 / per_guest))
    phys = show_phys_table(int(megabytes * 1e6 / 66))
    aggr, _ = show_aggr_x_table(int(megabytes * 1e6 / 330))
    network, _ = list_network_blocks(int(megabytes * 1e6 / 1300))
    cases = [
        (f"check, a fleet of {fleet.count('ldm list-netdev'):,} guests", "check", "", fleet),
        ("check, one `dladm show-phys` table", "check", "", "ldg6# dladm show-phys\n" + phys),
        ("parse `dladm show-phys`", "parse", "dladm show-phys", phys),
        ("parse `dladm show-aggr -x`", "parse", "dladm show-aggr -x", aggr),
        ("parse `ldm list -o network`", "parse", "ldm list -o network", network),
    ]
    print("| input | MB | seconds | heap peak MB | peak / input | kept / input |")
    print("|---|---:|---:|---:|---:|---:|")
    sites: list[str] = []
    for label, how, command, text in cases:
        top = 15 if not sites else 0
        seconds, peak, kept, found = at_scale(how, command, text, top)
        sites = sites or found
        size = len(text)
        print(
            f"| {label} | {size / 1e6:.1f} | {seconds:.2f} | {peak / 1e6:.1f} | "
            f"{peak / size:.2f} | {kept / size:.2f} |"
        )
    size = len(fleet)
    print("\nWhere the fleet check's heap goes (allocation sites, at its end):\n")
    print("| site | code | objects | MB | x input |")
    print("|---|---|---:|---:|---:|")
    files = []
    for line in sites:
        held, count, where, *code = line.split()
        if where == "file":
            files.append((int(held), int(count), " ".join(code)))
            continue
        shown = " ".join(code).replace("|", "\\|")
        print(
            f"| `{where}` | `{shown[:60]}` | {int(count):,} | {int(held) / 1e6:.2f} | "
            f"{int(held) / size:.2f} |"
        )
    # By module: who would have to change what for the heap to shrink.
    print("\nThe same, by module:\n")
    print("| module | objects | MB | x input |")
    print("|---|---:|---:|---:|")
    for held, count, where in files:
        print(f"| `{where}` | {count:,} | {held / 1e6:.2f} | {held / size:.2f} |")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repetitions")
    parser.add_argument(
        "--scale-only",
        action="store_true",
        help="only the memory at scale section (50 MB inputs; 5 MB with --quick)",
    )
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    repeat = 3 if args.quick else 7

    print(f"# dlmpparse {dlmpparse.__version__} benchmark")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.platform()}"
    )
    print(f"median of {repeat} runs\n")
    megabytes = 5 if args.quick else 50
    if args.scale_only:
        print(f"## Memory at scale (about {megabytes} MB inputs)\n")
        memory_at_scale(megabytes)
        return 0

    phys = show_phys_table(20_000 // scale)
    aggr, aggr_rows = show_aggr_x_table(5_000 // scale)
    network, vnet_rows = list_network_blocks(1_000 // scale)
    inputs = [
        (
            "dladm show-phys",
            phys,
            20_000 // scale,
            {
                "dlmpparse": _dlmpparse("dladm show-phys"),
                "textfsm": _textfsm(TEXTFSM_SHOW_PHYS),
                "jc asciitable": _jc_asciitable,
                "re": _re_rows(RE_SHOW_PHYS),
            },
        ),
        (
            "dladm show-aggr -x",
            aggr,
            aggr_rows,
            {
                "dlmpparse": _dlmpparse("dladm show-aggr -x"),
                "textfsm": _textfsm(TEXTFSM_SHOW_AGGR_X),
                "jc asciitable": _jc_asciitable,
                "re": _re_rows(RE_SHOW_AGGR_X),
            },
        ),
        (
            "ldm list -o network",
            network,
            vnet_rows,
            {
                "dlmpparse": _dlmpparse("ldm list -o network"),
                "textfsm": _textfsm(TEXTFSM_LIST_NETWORK),
                "re": _re_rows(RE_LIST_NETWORK),
            },
        ),
    ]
    print("## Throughput (rows/s; ratio = dlmpparse / peer)\n")
    print("| input | rows | peer | rows/s | dlmpparse / peer |")
    print("|---|---:|---|---:|---:|")
    for name, text, rows, peers in inputs:
        results = throughput(name, text, rows, peers, repeat)
        ours = results[0]["rows_per_s"]
        for r in results:
            print(
                f"| {name} | {rows} | {r['peer']} | {r['rows_per_s']:,.0f} | "
                f"{ours / r['rows_per_s']:.2f} |"
            )

    print("\n## Where a show-aggr -x row's time goes (us per row, fastest of the runs)\n")
    print("| part | us per row |")
    print("|---|---:|")
    costs = row_costs(5_000 // scale, repeat)
    for name, micros in costs:
        print(f"| {name} | {micros:.2f} |")
    # The builder's time includes the MAC's normalising (timed alone above).
    floor = costs[0][1] + costs[2][1]
    textfsm, jc = costs[5][1], costs[6][1]
    print(
        f"\nMatching a line and building its record (its MAC normalised) alone: {floor:.2f} us "
        f"per row, so however rows are gathered dlmpparse cannot pass {textfsm / floor:.1f} x "
        f"TextFSM or {jc / floor:.1f} x jc on this table."
    )

    guests = 1_000 // scale
    fleet = fleet_transcript(guests)
    seconds, _ = _median_seconds(lambda t: len(dlmpparse.check(t).findings), fleet, repeat)
    lines = fleet.count("\n")
    print(
        f"\n## check on a fleet transcript\n\n{guests} guests, {lines} lines, "
        f"{len(fleet) / 1e6:.1f} MB: {seconds:.2f} s ({lines / seconds:,.0f} lines/s)"
    )

    print("\n## Scaling (dlmpparse, milliseconds per 1,000 rows; flat = linear)\n")
    print(
        "The last column repeats 100x with the garbage collector off: the time it adds at the "
        "larger sizes is its passes over the records alive, not the parser's.\n"
    )
    print("| input | 1x | 10x | 100x | 100x, collector off |")
    print("|---|---:|---:|---:|---:|")
    base = 2_000 // scale

    def per_thousand(run: Callable[[str], int], text: str, rows: int, times: int) -> str:
        seconds, _ = _median_seconds(run, text, times)
        return f"{seconds / rows * 1000 * 1000:.2f} ms"

    def collector_off(run: Callable[[str], int], text: str, rows: int, times: int) -> str:
        gc.disable()
        try:
            return per_thousand(run, text, rows, times)
        finally:
            gc.enable()

    for name, build, command in (
        ("dladm show-phys", lambda n: (show_phys_table(n), n), "dladm show-phys"),
        ("dladm show-aggr -x", lambda n: show_aggr_x_table(n // 4), "dladm show-aggr -x"),
        ("ldm list -o network", lambda n: list_network_blocks(n // 2), "ldm list -o network"),
    ):
        cells = []
        for factor in (1, 10, 100):
            text, rows = build(base * factor)
            cells.append(per_thousand(_dlmpparse(command), text, rows, max(1, repeat - 2)))
        cells.append(collector_off(_dlmpparse(command), text, rows, max(1, repeat - 2)))
        print(f"| {name} | " + " | ".join(cells) + " |")
    # check over a fleet (every guest's evidence in one transcript): per 1,000 input lines.
    cells = []
    for factor in (1, 10, 100):
        fleet_text = fleet_transcript(guests // 10 * factor)
        cells.append(per_thousand(_check_any, fleet_text, fleet_text.count("\n"), 1))
    cells.append(collector_off(_check_any, fleet_text, fleet_text.count("\n"), 1))
    print(
        f"| check, fleet of {guests // 10:,} / {guests:,} / {guests * 10:,} guests (per 1,000 "
        "lines) | " + " | ".join(cells) + " |"
    )

    print("\n## Worst cases (seconds; each input at two sizes, so linear cost doubles)\n")
    print("| input | size | parse / check | seconds | per unit |")
    print("|---|---:|---|---:|---:|")
    for label, make, unit in WORST_CASES:
        for size in (unit // scale, 2 * unit // scale):
            text = make(size)
            for how, run in (("parse", _parse_any), ("check", _check_any)):
                seconds, _ = _median_seconds(run, text, 1)
                print(
                    f"| {label} | {size:,} | {how} | {seconds:.3f} | "
                    f"{seconds / size * 1e6:.2f} us |"
                )

    print("\n## Start-up (wall time, median of 10, bytecode compiled)\n")
    check, bare = _start_up(
        [
            [sys.executable, "-m", "dlmpparse", "check", "--example"],
            [sys.executable, "-c", "import attrs, pyparsing"],
        ],
        10,
    )
    print(
        f"`python -m dlmpparse check --example`: {check * 1000:.0f} ms; "
        f'`python -c "import attrs, pyparsing"`: {bare * 1000:.0f} ms; '
        f"ratio {check / bare:.2f}"
    )

    print("\n## Memory (peak RSS of checking the fleet transcript)\n")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(fleet)
        path = f.name
    try:
        before, after, heap = _memory(path)
    finally:
        os.unlink(path)
    size_kib = len(fleet.encode("utf-8")) / 1024
    print(
        f"input {size_kib:,.0f} KiB; peak RSS {after:,} KiB ({before:,} KiB before the "
        f"check); Python heap peak during the check {heap:,} KiB = "
        f"{heap / size_kib:.1f} x the input"
    )

    print(f"\n## Memory at scale (about {megabytes} MB inputs)\n")
    print(
        "Each in a fresh process: seconds of a plain run, then the Python heap's peak during a "
        "second run under tracemalloc, and what the result still holds at its end.\n"
    )
    memory_at_scale(megabytes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

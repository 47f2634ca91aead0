"""Gate check engines side by side: the pure-Python ``DetectorSet._gated`` versus Hyperscan.

    pip install hyperscan      # into the venv that has otel-redact
    python benchmarks/bench_gate_engines.py [--quick]

Five tables: the gate check per input (µs per call and MB/s; the Hyperscan columns include
``str.encode``); ``DetectorSet.find`` end to end with each gate check; the gate check by text
length, to show where Hyperscan starts to win; the binding's fixed cost per call; and the
numeric candidate finder (``_NUMERIC_FINDER``) versus Hyperscan reporting candidates that the
regex finder then confirms. Every result is the best of 9 timeit runs. Above ``SHORT``
characters the Python check looks only for the characters each pass needs (a ``memchr`` each),
not for the gates; Hyperscan checks the gates at every length.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import timeit
from importlib.metadata import version
from typing import Any, Callable, List, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_span_overhead import PROSE, genai_span, small_http_span  # noqa: E402
from bench_throughput import llm_text  # noqa: E402

from otel_redact import _detectors, _hyperscan  # noqa: E402
from otel_redact._detectors import SHORT, DetectorSet, default_detectors  # noqa: E402
from otel_redact._hyperscan import GateScanner  # noqa: E402

SHORT_VALUES = [v for v in small_http_span().values() if isinstance(v, str)] + ["gpt-4o-mini", "chat"]
NON_ASCII_PROSE = "Le rapport trimestriel montre une croissance de 12 % ; l'équipe a revu l'accueil. 季度报告显示收入增长。"


def gate_strings(detectors: DetectorSet) -> List[str]:
    """The gate of each built-in pass, in pass order, as a regex."""
    return [_detectors._gate_pattern(scan.gate) for scan in detectors._passes]


def hs_gated(detectors: DetectorSet, scanner: GateScanner, needs: bool) -> Callable[[str], List[Any]]:
    """A drop-in for ``detectors._gated`` that checks the gates with Hyperscan (of any length),
    and with ``needs`` also the characters each pass needs, as the Python check does."""
    bits = [(1 << i, scan) for i, scan in enumerate(detectors._passes)]
    needed = detectors._needed

    def gated(text: str) -> List[Any]:
        mask = scanner.hits(text)
        if not mask:
            return []
        if needs:
            present = {char for char in needed if char in text}
            return [scan for bit, scan in bits if mask & bit and scan.needs <= present]
        return [scan for bit, scan in bits if mask & bit]

    return gated


def per_call(run: Callable[[], object], budget: float) -> float:
    """Seconds per call: the best of 9 timeit runs of about ``budget`` / 3 seconds each (the
    minimum filters out other processes' interference)."""
    timer = timeit.Timer(run)
    number, elapsed = timer.autorange()
    number = max(1, int(number * budget / 3 / max(elapsed, 1e-9)))
    return min(timer.repeat(repeat=9, number=number)) / number


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1e6:10.2f} µs" if seconds < 0.01 else f"{seconds * 1e3:10.2f} ms"


def fmt_rate(size: int, seconds: float) -> str:
    return f"{size / seconds / 1e6:9.0f} MB/s"


def inputs() -> List[Tuple[str, Sequence[str]]]:
    chat = str(genai_span(False)["gen_ai.input.messages"])
    return [
        ("10 short attribute values", SHORT_VALUES),
        (f"{len(chat)} B JSON chat messages, no PII", [chat]),
        ("4 KB French + Chinese prose", [(NON_ASCII_PROSE * 60)[:4000]]),
        ("1 MB LLM-like text", [llm_text(1_000_000)]),
        ("1 MB LLM-like text, 1 % PII", [llm_text(1_000_000, pii_share=0.01)]),
    ]


def gate_table(detectors: DetectorSet, scanner: GateScanner, budget: float) -> None:
    gated = hs_gated(detectors, scanner, needs=False)
    print(f"{'input':<34}{'Python _gated':>27}{'hs hits()':>27}{'hs hits() + pass list':>27}{'str.encode':>14}  passes")
    for name, texts in inputs():
        size = sum(len(t.encode()) for t in texts)
        python = fast = 0
        for text in texts:
            python_passes, fast_passes = detectors._gated(text), gated(text)
            python, fast = python + len(python_passes), fast + len(fast_passes)
        row = f"{name:<34}"
        for run in (
            lambda: [detectors._gated(t) for t in texts],
            lambda: [scanner.hits(t) for t in texts],
            lambda: [gated(t) for t in texts],
        ):
            seconds = per_call(run, budget)
            row += f"{fmt_time(seconds)} {fmt_rate(size, seconds)}"
        row += f"{fmt_time(per_call(lambda: [t.encode() for t in texts], budget)):>14}  {python:>2} / {fast:<2}"
        print(row)


def find_table(budget: float) -> None:
    """``find`` end to end with each gate check (an instance attribute replaces ``_gated``)."""
    engines = {"Python gates": None, "hs gates": False, "hs gates + needs": True}
    sets = {}
    for engine, needs in engines.items():
        detectors = DetectorSet()
        if needs is not None:
            scanner = GateScanner(gate_strings(detectors))
            detectors._gated = hs_gated(detectors, scanner, needs)  # type: ignore[method-assign,assignment]
        sets[engine] = detectors
    print(f"{'input':<34}" + "".join(f"{engine:>27}" for engine in engines) + "  findings")
    for name, texts in inputs():
        size = sum(len(t.encode()) for t in texts)
        results = {engine: [d.find(t) for t in texts] for engine, d in sets.items()}
        assert all(found == results["Python gates"] for found in results.values()), f"findings differ on {name}"
        row = f"{name:<34}"
        for detectors in sets.values():
            seconds = per_call(lambda: [detectors.find(t) for t in texts], budget)
            row += f"{fmt_time(seconds)} {fmt_rate(size, seconds)}"
        print(row + f"  {sum(map(len, results['Python gates'])):>8}")


def length_table(detectors: DetectorSet, scanner: GateScanner, budget: float) -> None:
    """Prose without any gate (the Python check's best case), and a URL-like text with ':'."""
    print(f"{'length':>8}{'no gate: Python':>18}{'hs':>12}{'with a colon and digits: Python':>34}{'hs':>12}")
    for length in (4, 8, 16, 32, 64, 127, 128, 256, 512, 1024, 4096, 16384):
        clean = (PROSE.replace("12", "twelve") * (length // len(PROSE) + 1))[:length]
        gated = ("id: 42 " + clean)[:length]
        row = f"{length:>8}"
        for text in (clean, gated):
            python = per_call(lambda: detectors._gated(text), budget)
            fast = per_call(lambda: scanner.hits(text), budget)
            row += f"{fmt_time(python):>{18 if text is clean else 34}}{fmt_time(fast):>12}"
        print(row)


def binding_table(scanner: GateScanner, budget: float) -> None:
    database, scratch = scanner._database, scanner._prototype.clone()

    def ignore(*args: object) -> None:
        return None

    rows = [
        ("db.scan(b'', handler, 0, None, scratch)", lambda: database.scan(b"", ignore, 0, None, scratch)),
        ("db.scan(b'POST', handler, 0, None, scratch)", lambda: database.scan(b"POST", ignore, 0, None, scratch)),
        ("db.scan(b'POST', match_event_handler=.., scratch=..)", lambda: database.scan(b"POST", match_event_handler=ignore, scratch=scratch)),
        ("one match callback (b'@' minus b'POST')", None),
        ("scratch.clone() (once per thread)", lambda: scanner._prototype.clone()),
        ("GateScanner.hits('POST')", lambda: scanner.hits("POST")),
        ("GateScanner.hits('') (short-circuit)", lambda: scanner.hits("")),
    ]
    plain = per_call(rows[1][1], budget)  # type: ignore[arg-type]
    for name, run in rows:
        if run is None:
            seconds = per_call(lambda: database.scan(b"@", ignore, 0, None, scratch), budget) - plain
        else:
            seconds = per_call(run, budget)
        print(f"{name:<56}{fmt_time(seconds)}")


WINDOW = r"[0-9][0-9 .()-]{6}"
"""The finder's first, fixed-width condition (for text whose digits are 0-9, as the detectors
make them; with Unicode digits the expression is 520 KiB and 80 ms to compile)."""
SOM_CANDIDATE = r"[0-9](?:(?:[ .()-]{0,2}[0-9]){6}|[0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9])"
"""The finder's conditions as one match, for Hyperscan to report its leftmost start."""


def numeric_table(budget: float) -> None:
    """``_NUMERIC_FINDER`` hits versus Hyperscan candidates confirmed by its ``match``:
    the ends of :data:`WINDOW` (start = end - 7, complete), or :data:`SOM_CANDIDATE`'s leftmost
    starts (one per end offset, so a start that shares its end with an earlier one is lost)."""
    import hyperscan

    text = llm_text(1_000_000)
    data = text.encode()
    assert len(data) == len(text)  # ASCII: byte offsets are character offsets
    finder = _detectors._NUMERIC_FINDER
    window, som = (hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK) for _ in range(2))
    window.compile(expressions=[WINDOW.encode()], flags=hyperscan.HS_FLAG_UTF8)
    som.compile(expressions=[SOM_CANDIDATE.encode()], flags=hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SOM_LEFTMOST)
    window_scratch, som_scratch = hyperscan.Scratch(window), hyperscan.Scratch(som)

    def window_starts() -> List[int]:
        found: List[int] = []
        window.scan(data, lambda i, start, end, flags, ctx: found.append(end - 7), 0, None, window_scratch)
        return found

    def som_starts() -> List[int]:
        found: List[int] = []
        som.scan(data, lambda i, start, end, flags, ctx: found.append(start), 0, None, som_scratch)
        return sorted(set(found))

    def confirmed(starts: Callable[[], List[int]]) -> Callable[[], List[int]]:
        match = finder.match
        return lambda: [start for start in starts() if match(text, start)]

    expected = [m.start() for m in finder.finditer(text)]
    assert confirmed(window_starts)() == expected, "the window candidates lost a finder hit"
    missed = len(set(expected) - set(som_starts()))
    print(f"1 MB LLM-like text, {len(expected)} finder hits; SOM_LEFTMOST candidates miss {missed} of them here")
    for name, run in (
        ("regex _NUMERIC_FINDER.finditer", lambda: [m.start() for m in finder.finditer(text)]),
        ("hs window ends (a callback each)", window_starts),
        ("hs window ends + finder .match each", confirmed(window_starts)),
        ("hs SOM_LEFTMOST starts (a callback each)", som_starts),
        ("hs SOM_LEFTMOST starts + .match each", confirmed(som_starts)),
    ):
        seconds = per_call(run, budget)
        print(f"  {name:<46}{fmt_time(seconds)} {fmt_rate(len(data), seconds)} {len(run()):>7} positions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="about 0.02 s per timing instead of 0.2 s")
    args = parser.parse_args()
    budget = 0.02 if args.quick else 0.2
    detectors = default_detectors()
    gates = gate_strings(detectors)
    started = time.perf_counter()
    scanner = GateScanner(gates)
    built = time.perf_counter() - started
    _hyperscan._database.cache_clear()
    started = time.perf_counter()
    GateScanner(gates)
    rebuilt = time.perf_counter() - started
    print(
        f"python {platform.python_version()} on {platform.machine()}, regex {version('regex')}, "
        f"hyperscan {version('hyperscan')}; SHORT = {SHORT}"
    )
    print(
        f"{len(gates)} gates; the first GateScanner built in {built * 1e3:.0f} ms (translation and "
        f"Hyperscan compile; compile alone {rebuilt * 1e3:.0f} ms, then cached per gate list), "
        f"database {scanner._database.size() / 1024:.0f} KiB, fallback gates: {list(scanner.fallback) or 'none'}\n"
    )
    print("Gate check per input (passes selected by Python / by Hyperscan gates alone)")
    gate_table(detectors, scanner, budget)
    print("\nDetectorSet.find end to end, per input")
    find_table(budget)
    print("\nGate check by text length (µs per call)")
    length_table(detectors, scanner, budget)
    print("\nHyperscan binding, fixed cost per call")
    binding_table(scanner, budget)
    print("\nNumeric candidate finder")
    numeric_table(budget)


if __name__ == "__main__":
    main()

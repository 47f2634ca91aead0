"""Throughput of the default detectors: MB/s on 1 MB (``--size``) of LLM-like text, µs per short attribute.

    python benchmarks/bench_throughput.py [--size BYTES] [--repeat N]

The text is generated deterministically: English prose with numbers, dates, prices, versions,
times and code snippets; the second variant has about 1 % of its characters replaced by PII
and secrets.
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from importlib.metadata import version
from typing import Callable, Dict, List

from otel_redact._detectors import DetectorSet

from gate_engine import available_engines, gate_engine

WORDS = (
    "the model returned a response with several tokens and the user asked about deployment "
    "latency configuration because pricing changed during March while the assistant explains "
    "how to install the package version using pip then run tests; the function returns a list "
    "of items each with name value status error retry budget context window embedding query"
).split()
SNIPPETS = (
    "def f(x):\n    return x + 1\n",
    "for i in range(10): print(i)",
    "curl -X POST https://api.example.com/v1/chat/completions",
    "SELECT id, name FROM users WHERE id = 42;",
    '{"model": "gpt-4o", "temperature": 0.7, "max_tokens": 512}',
    'Traceback (most recent call last):\n  File "app.py", line 12, in <module>',
    "http://localhost:8080/health",
    "x = a[i:j]",
    "pip install requests==2.31.0",
)
PII = (
    "jane.roe@example.com",
    "+1 (555) 010-0199",
    "4111 1111 1111 1111",
    "GB82 WEST 1234 5698 7654 32",
    "078-05-1120",
    "192.0.2.44",
    "AKIAIOSFODNN7EXAMPLE",
    "Authorization: Bearer 4f9a1c2e7b3d4f9a1c2e7b3d",
    "postgres://app:hunter2pass@db.internal:5432/app",
)
SHORT = ("gpt-4o", "POST /v1/chat/completions", "200", "chat", "openai", "assistant", "stop", "0.7")


def llm_text(size: int, pii_share: float = 0.0, seed: int = 7) -> str:
    """``size`` characters of deterministic LLM-like text; ``pii_share`` of them PII."""
    rng = random.Random(seed)
    parts: List[str] = []
    length = pii = 0
    while length < size:
        roll = rng.random()
        if pii < pii_share * length:
            part = rng.choice(PII)
            pii += len(part)
        elif roll < 0.86:
            part = rng.choice(WORDS)
        elif roll < 0.89:
            part = str(rng.randint(0, 3000))
        elif roll < 0.90:
            part = f"${rng.randint(1, 999)}.{rng.randint(0, 99):02d}"
        elif roll < 0.91:
            part = f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 30)}"
        elif roll < 0.92:
            part = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif roll < 0.93:
            part = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        elif roll < 0.95:
            part = rng.choice(SNIPPETS)
        else:
            part = rng.choice(WORDS) + rng.choice((".", ",", ":", "?", "\n\n"))
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)[:size]


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def detector_sets() -> Dict[str, DetectorSet]:
    """The default detectors with each gate engine this environment has."""
    sets = {}
    for engine in available_engines():
        with gate_engine(engine):
            sets[engine] = DetectorSet()
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sets = detector_sets()
    clean = llm_text(args.size)
    dirty = llm_text(args.size, pii_share=0.01)
    megabytes = args.size / 1e6
    digits = sum(char.isdigit() for char in clean) / len(clean)
    print(f"python {platform.python_version()}, regex {version('regex')}" + (
        f", hyperscan {version('hyperscan')}" if "hyperscan" in sets else ", hyperscan not usable here"))
    print(f"clean text: {digits:.1%} digits (the digit-led candidate finder's load); best of {args.repeat} runs")
    print(f"{'input':<40}" + "".join(f"{'engine ' + engine:>18}" for engine in sets) + f" {'findings':>9}")
    size = f"{megabytes:g} MB"
    for name, text in ((f"{size} clean LLM-like text", clean), (f"{size} with 1 % PII", dirty)):
        row = f"{name:<40}"
        for detectors in sets.values():  # the engines take turns, so noise hits both alike
            seconds = best_time(lambda: detectors.find(text), args.repeat)
            row += f"{megabytes / seconds:>13.1f} MB/s"
        findings = {len(detectors.find(text)) for detectors in sets.values()}
        print(row + f" {'/'.join(map(str, sorted(findings))):>9}")
    loops = 20_000
    for text in SHORT:
        row = f"{'short ' + repr(text):<40}"
        for detectors in sets.values():
            seconds = best_time(lambda: [detectors.find(text) for _ in range(loops)], args.repeat)
            row += f"{seconds / loops * 1e6:>15.2f} µs"
        print(row + f" {len(detectors.find(text)):>9}")


if __name__ == "__main__":
    main()

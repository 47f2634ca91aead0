"""Where the time of otel-redact's anonymizer goes on new text: the profile behind the two
issue-6 targets it does not meet ((b) against the peers, and (a) on "unique" spans).

    .venv/bin/python benchmarks/profile_anonymizer.py [--rounds 7]

Rows, each timed with the public ``create_anonymizer()`` for each gate engine, in the same
interleaved rounds (median µs):

- the (b) payload (20 messages, 10 PII values) with new text every call, the same payload
  every call (the walk with every string remembered: no detection at all), and its 20
  message strings anonymized one by one (detection without the walk of dicts and keys);
- one 300-character message of that payload, new text, by what it holds;
- the two message attributes of the (a) GenAI span (about 4.7 KB), new text, without and
  with its 10 PII values: what redaction adds to a span whose text is new;
- the new URL of the (a) small span anonymized one after another, and after the SDK's start
  and end of a plain span each time (as in a pipeline, where the SDK's work between two
  redactions takes the CPU caches), beside the plain span alone.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import platform
import statistics
import time
from importlib.metadata import version
from typing import Any, Callable, Dict, Iterator, List, Tuple

from opentelemetry.sdk.trace import TracerProvider

import otel_redact
from bench_anonymizer_peers import PII, payload
from bench_span_overhead import genai_span, small_http_span_unique_url
from gate_engine import available_engines, gate_engine

KINDS = ["an e-mail", "a phone number", "a card number", "an SSN"]
"""What each value of ``PII`` is, in turn."""
MESSAGE_ATTRIBUTES = ("gen_ai.input.messages", "gen_ai.output.messages")

Work = Callable[[Any], Any]
"""Anonymizes one input made by a row's maker."""


def message_of_kind(kind: str) -> Callable[[int], str]:
    """A new message of the payload holding ``kind`` (or no PII)."""

    def make(serial: int) -> str:
        messages = payload(serial)["messages"]
        if kind == "no PII":
            return messages[1]["content"]
        index = KINDS.index(kind)  # the payload puts PII value i in message 2 * i
        return messages[2 * index]["content"]

    return make


def rows(anonymizer: otel_redact.RecursiveAnonymizer) -> Dict[str, Tuple[Callable[[int], Any], Work]]:
    """Each row's input maker (from a serial) and the work timed on one input."""
    text = anonymizer.anonymize_text
    same = payload()

    def each_message(data: Dict[str, Any]) -> None:
        for message in data["messages"]:
            text(message["content"])

    def span_messages(attributes: Dict[str, Any]) -> None:
        for key in MESSAGE_ATTRIBUTES:
            text(attributes[key])

    table: Dict[str, Tuple[Callable[[int], Any], Work]] = {
        "(b) payload, new text every call": (payload, anonymizer),
        "(b) payload, the same payload every call": (lambda serial: same, anonymizer),
        "(b) its 20 message strings, one by one": (payload, each_message),
    }
    for kind in ["no PII", *KINDS]:
        table[f"one message, {kind}"] = (message_of_kind(kind), text)
    table["(a) span's 2 message attributes, no PII"] = (lambda serial: genai_span(False, serial), span_messages)
    table["(a) span's 2 message attributes, 10 PII"] = (lambda serial: genai_span(True, serial), span_messages)
    tracer = TracerProvider(shutdown_on_exit=False).get_tracer("profile")

    def plain_span(attributes: Dict[str, Any]) -> None:
        tracer.start_span("GET /v1/orders", attributes=attributes).end()

    def plain_span_then_url(attributes: Dict[str, Any]) -> None:
        plain_span(attributes)
        text(attributes["url.full"])

    table["(a) small span's new URL, one after another"] = (small_http_span_unique_url, lambda a: text(a["url.full"]))
    table["(a) a plain span, then that new URL"] = (small_http_span_unique_url, plain_span_then_url)
    table["(a) a plain span alone, no processor"] = (small_http_span_unique_url, plain_span)
    return table


def time_work(make: Callable[[int], Any], work: Work, serials: Iterator[int], count: int) -> float:
    """µs per input of ``work``, timed over ``count`` new inputs with the collector off."""
    inputs = [make(next(serials)) for _ in range(count)]
    gc.collect()
    gc.disable()
    started = time.perf_counter()
    for item in inputs:
        work(item)
    elapsed = time.perf_counter() - started
    gc.enable()
    return elapsed / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--count", type=int, default=400, help="inputs per row per round")
    args = parser.parse_args()
    engines = available_engines()
    tables: Dict[str, Dict[str, Tuple[Callable[[int], Any], Work]]] = {}
    for engine in engines:
        with gate_engine(engine):
            tables[engine] = rows(otel_redact.create_anonymizer())
    print(f"python {platform.python_version()} on {platform.machine()}, regex {version('regex')}"
          + (f", hyperscan {version('hyperscan')}" if "hyperscan" in engines else ""))
    print(f"{len(PII)} PII values in the payload; {args.rounds} interleaved rounds of {args.count} new inputs; median µs each\n")
    serials = itertools.count()
    names = list(tables[engines[0]])
    samples: Dict[str, Dict[str, List[float]]] = {engine: {name: [] for name in names} for engine in engines}
    for engine in engines:  # warm up: every pattern compiled, every cache filled once
        for make, work in tables[engine].values():
            time_work(make, work, serials, 20)
    for _ in range(args.rounds):
        for name in names:
            for engine in engines:
                make, work = tables[engine][name]
                samples[engine][name].append(time_work(make, work, serials, args.count))
    print(f"{'what is anonymized':<44}" + "".join(f"{'engine ' + engine:>18}" for engine in engines))
    for name in names:
        print(f"{name:<44}" + "".join(f"{statistics.median(samples[engine][name]):15.1f} µs" for engine in engines))


if __name__ == "__main__":
    main()

"""Span lifecycle cost: start+end through a BatchSpanProcessor, plain versus redacted.

    python benchmarks/bench_span_overhead.py [--spans 2000] [--rounds 15]

Every configuration is measured side by side in the same process, interleaved round by
round, so machine noise hits all of them alike; the table shows medians and the ratio to
the plain pipeline. ``pii_filter()`` runs in line with either gate engine: the default
pure ``regex`` one and, when the ``hyperscan`` extra is installed, Hyperscan. The deferred
column is the application thread's cost when redaction runs on the export thread
(``BatchSpanProcessor(RedactingSpanExporter(...))``); the export thread still pays for it.
"hyperscan + metrics" counts redactions on an SDK MeterProvider (``meter_provider=``).
Rows marked "repeated" carry the same text in new string objects on every span (a resent
system prompt and history); rows marked "unique" carry text no other span has.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import platform
import statistics
import time
from importlib.metadata import version
from typing import Callable, Dict, List, Optional, Sequence

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

import otel_redact
from gate_engine import available_engines, gate_engine
from unique_text import unique_words


class NoOpExporter(SpanExporter):
    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return SpanExportResult.SUCCESS


def small_http_span(serial: int = 0) -> Dict[str, object]:
    """Ten short attributes, as an HTTP client instrumentation writes them."""
    return {
        "http.request.method": "POST",
        "url.full": "https://api.example.com/v1/orders",
        "url.scheme": "https",
        "server.address": "api.example.com",
        "server.port": 443,
        "http.response.status_code": 200,
        "network.protocol.version": "1.1",
        "user_agent.original": "python-httpx/0.27.0",
        "http.route": "/v1/orders",
        "otel.scope": "httpx",
    }


def small_http_span_unique_url(serial: int) -> Dict[str, object]:
    """The same span with a URL seen once (an order id and a page in it)."""
    attributes = small_http_span()
    attributes["url.full"] = f"https://api.example.com/v1/orders/{serial}?page={serial % 7}"
    attributes["http.route"] = "/v1/orders/{order_id}"
    return attributes


PROSE = (
    "The quarterly report shows revenue grew by 12 percent while costs stayed flat. "
    "Our team reviewed the onboarding flow and found three places where users hesitate. "
    "Please summarise the main risks for the launch in Paris next month and suggest owners. "
)

PII = [
    "jane.doe@example.com", "+1 415-555-0132", "4111 1111 1111 1111", "536-90-4399",
    "DE89 3704 0044 0532 0130 00", "192.168.10.24", "bob.smith@corp.example.org",
    "+44 20 7946 0958", "5555 5555 5555 4444", "sk-proj-Zx8Qm2Lp7Rt4Vw9Yb3Nc6Hd1Jf5Kg0Ts8Ue2Wa4Xo7Pi9",
]


def genai_span(with_pii: bool, serial: Optional[int] = None) -> Dict[str, object]:
    """A chat span with about 4 KB of message content (OTel GenAI + OpenInference); with a
    ``serial``, every message also names that span's own ticket, so no string repeats."""
    messages = []
    for i in range(8):
        content = PROSE * 2
        if serial is not None:
            content = f"About ticket {unique_words(serial * 8 + i)}: " + content
        if with_pii:
            content = content[:200] + f" contact {PII[i]} and {PII[(i + 8) % 10]} " + content[200:]
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "parts": [{"type": "text", "content": content}]})
    return {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.input.messages": json.dumps(messages[:-1]),
        "gen_ai.output.messages": json.dumps(messages[-1:]),
        "gen_ai.usage.input_tokens": 950,
        "gen_ai.usage.output_tokens": 120,
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o-mini",
        "gen_ai.response.finish_reasons": ("stop",),
    }


# Each scenario makes the attributes of span number ``serial``. "repeated" spans carry the same
# text in new string objects each time (a resent system prompt and history, hashed anew);
# "unique" spans carry text no other span has, so nothing can be remembered.
SCENARIOS: Dict[str, Callable[[int], Dict[str, object]]] = {
    "small HTTP span (10 attrs)": small_http_span,
    "small HTTP span, unique URL": small_http_span_unique_url,
    "GenAI 4 KB, no PII, repeated": lambda serial: genai_span(False),
    "GenAI 4 KB, no PII, unique": lambda serial: genai_span(False, serial),
    "GenAI 4 KB, 10 PII, repeated": lambda serial: genai_span(True),
    "GenAI 4 KB, 10 PII, unique": lambda serial: genai_span(True, serial),
}

def batch(exporter: SpanExporter) -> BatchSpanProcessor:
    """A batch processor that exports only when flushed after a timed round, so that every
    column measures the application thread alone (with deferred redaction on the export
    thread, both threads would otherwise share the GIL during the round)."""
    return BatchSpanProcessor(
        exporter, max_queue_size=100_000, max_export_batch_size=100_000, schedule_delay_millis=600_000
    )


def provider_with(
    filters: Optional[Callable[[], list]] = None, deferred: bool = False, engine: str = "regex"
) -> Optional[Callable[[], TracerProvider]]:
    """A factory of providers: plain, with ``configure(span_processors=filters())``, or with
    the filters run on the export thread by a ``RedactingSpanExporter``; ``engine`` picks the
    gate engine the filters' detectors are built with (None if it cannot be used here)."""
    if engine not in available_engines():
        return None

    def make() -> TracerProvider:
        with gate_engine(engine):
            made = filters() if filters is not None else None
        provider = TracerProvider(shutdown_on_exit=False)
        if deferred:
            provider.add_span_processor(batch(otel_redact.RedactingSpanExporter(NoOpExporter(), span_processors=made)))
            return provider
        provider.add_span_processor(batch(NoOpExporter()))
        if made is not None:
            otel_redact.configure(span_processors=made, tracer_provider=provider)
        return provider

    return make


CONFIGS: Dict[str, Callable[[], TracerProvider]] = {
    name: make
    for name, make in {
        "plain BatchSpanProcessor": provider_with(),
        "configure([])": provider_with(lambda: []),
        "no-op filter": provider_with(lambda: [lambda span: None]),
        "pii_filter() regex": provider_with(lambda: [otel_redact.pii_filter()]),
        "pii_filter() hyperscan": provider_with(lambda: [otel_redact.pii_filter()], engine="hyperscan"),
        "hyperscan + metrics": provider_with(
            lambda: [otel_redact.pii_filter(meter_provider=MeterProvider(metric_readers=[InMemoryMetricReader()]))],
            engine="hyperscan",
        ),
        "deferred pii_filter()": provider_with(lambda: [otel_redact.pii_filter()], deferred=True),
    }.items()
    if make is not None
}


def time_spans(provider: TracerProvider, spans: Sequence[Dict[str, object]]) -> float:
    """Microseconds per span start+end."""
    tracer = provider.get_tracer("bench")
    start = time.perf_counter()
    for attributes in spans:
        span = tracer.start_span("chat gpt-4o-mini", attributes=attributes)
        span.end()
    return (time.perf_counter() - start) / len(spans) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spans", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    print(f"python {platform.python_version()} on {platform.machine()}, opentelemetry-sdk {version('opentelemetry-sdk')}")
    print(f"{args.rounds} interleaved rounds of {args.spans} spans; median µs per span start+end\n")
    width = max(len(name) for name in CONFIGS) + 2
    header = f"{'scenario':<30}" + "".join(f"{name:>{width}}" for name in CONFIGS)
    print(header)
    serials = itertools.count()
    for scenario, make_attributes in SCENARIOS.items():
        providers = {name: make() for name, make in CONFIGS.items()}
        samples: Dict[str, List[float]] = {name: [] for name in CONFIGS}

        def fresh(count: int) -> List[Dict[str, object]]:
            return [make_attributes(next(serials)) for _ in range(count)]

        for provider in providers.values():
            time_spans(provider, fresh(args.spans // 4))  # warm up
        names = list(providers)
        for round_ in range(args.rounds):
            for name in names[round_ % len(names):] + names[: round_ % len(names)]:  # rotate the order
                spans = fresh(args.spans)
                gc.collect()
                gc.disable()
                samples[name].append(time_spans(providers[name], spans))
                gc.enable()
                providers[name].force_flush()  # export (and deferred redaction), untimed
        medians = {name: statistics.median(values) for name, values in samples.items()}
        plain = medians["plain BatchSpanProcessor"]
        row = f"{scenario:<30}" + "".join(
            f"{f'{value:7.1f} µs ({value / plain:4.2f}x)':>{width}}" for value in medians.values()
        )
        print(row, flush=True)
        for provider in providers.values():
            otel_redact.reset(provider)
            provider.shutdown()


if __name__ == "__main__":
    main()

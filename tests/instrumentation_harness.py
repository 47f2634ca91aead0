"""Test harness for real OpenAI instrumentations: PII fixtures, providers, OTLP encoding, leak finders.

Import the fixtures into a test module (``from instrumentation_harness import telemetry, ...``);
this file is deliberately not a conftest so it does not affect other test modules.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import pytest

from opentelemetry.sdk._logs import LoggerProvider, ReadableLogRecord
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

try:  # works both with and without tests/__init__.py
    from tests.fake_openai import FakeOpenAIServer
except ImportError:  # pragma: no cover - depends on rootdir / import mode
    from fake_openai import FakeOpenAIServer  # type: ignore[no-redef]

# --- sensitive values ------------------------------------------------------------------

EMAIL = "jane.doe@example.com"
PHONE_US = "+1 415-555-0132"
PHONE_UK = "+44 20 7946 0958"
CARD = "4111 1111 1111 1111"  # Luhn-valid test Visa number


def _fake_api_key() -> str:
    """A random-looking ``sk-proj-`` key built at run time (no literal key in the repo,
    so secret scanners / push protection are not tripped)."""
    rng = random.Random(20240611)
    alphabet = string.ascii_letters + string.digits
    return "sk-" + "proj-" + "".join(rng.choice(alphabet) for _ in range(48))


API_KEY = _fake_api_key()

#: Raw value -> fragments that must not survive redaction anywhere (the full value and
#: distinctive pieces, so a partially masked value is still caught).
SENSITIVE: Dict[str, Tuple[str, ...]] = {
    "email": (EMAIL, "jane.doe@"),
    "phone_us": (PHONE_US, "415-555-0132"),
    "phone_uk": (PHONE_UK, "7946 0958"),
    "card": (CARD, "4111111111111111"),
    "api_key": (API_KEY, API_KEY[8:24], API_KEY[24:40], API_KEY[-16:]),
}
#: The raw values exactly as the requests carry them (presence tests use these).
RAW_VALUES: Dict[str, str] = {k: v[0] for k, v in SENSITIVE.items()}

MODEL = "gpt-4o-mini"
EMBEDDING_MODEL = "text-embedding-3-small"

SYSTEM_PROMPT = (
    "You are a concierge for the weather desk. Escalate to the on-call agent "
    f"{EMAIL} or {PHONE_UK}. Internal key for the forecast service: {API_KEY}."
)
USER_PROMPT = (
    "What is the weather in Paris tomorrow? Text me at "
    f"{PHONE_US} or mail {EMAIL}. Charge the umbrella to card {CARD}; "
    f"my key is {API_KEY}."
)
EMBEDDING_INPUT = (
    f"Paris weather notes for {EMAIL}, phones {PHONE_US} / {PHONE_UK}, card {CARD}, key {API_KEY}"
)

WEATHER_TOOL: Dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the weather forecast for a city.",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string"},
                "note": {"type": "string"},
            },
            "required": ["location"],
        },
    },
}

#: Arguments of a previous tool call in the conversation history (PII in request-side tool args).
HISTORY_TOOL_ARGUMENTS = json.dumps(
    {"location": "Paris", "notify_email": EMAIL, "notify_phone": PHONE_US, "card": CARD}
)


def chat_messages() -> List[Dict[str, Any]]:
    """System + user messages, each carrying all the PII."""
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": USER_PROMPT},
    ]


def chat_messages_with_tool_history() -> List[Dict[str, Any]]:
    """A second turn: an assistant tool call with PII arguments and the tool's PII result."""
    return chat_messages() + [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_hist_0001",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": HISTORY_TOOL_ARGUMENTS},
                }
            ],
        },
        {
            "role": "tool",
            "tool_call_id": "call_hist_0001",
            "content": f"Sunny in Paris; confirmation sent to {EMAIL} and {PHONE_US}.",
        },
    ]


# --- telemetry plumbing -------------------------------------------------------------------


@dataclass
class Telemetry:
    """A TracerProvider and LoggerProvider, each exporting to memory via a Simple*Processor."""

    tracer_provider: TracerProvider
    span_exporter: InMemorySpanExporter
    logger_provider: LoggerProvider
    log_exporter: InMemoryLogRecordExporter
    extra: Dict[str, Any] = field(default_factory=dict)

    def spans(self) -> Tuple[ReadableSpan, ...]:
        """Finished spans exported so far."""
        self.tracer_provider.force_flush()
        return tuple(self.span_exporter.get_finished_spans())

    def logs(self) -> Tuple[ReadableLogRecord, ...]:
        """Log records exported so far."""
        self.logger_provider.force_flush()
        return tuple(self.log_exporter.get_finished_logs())

    def span_bytes(self) -> bytes:
        """The exported spans as OTLP protobuf bytes (what a collector would receive)."""
        return encode_spans_bytes(self.spans())

    def log_bytes(self) -> bytes:
        """The exported log records as OTLP protobuf bytes."""
        return encode_logs_bytes(self.logs())

    def clear(self) -> None:
        """Forget everything exported so far."""
        self.span_exporter.clear()
        self.log_exporter.clear()

    def shutdown(self) -> None:
        """Shut both providers down."""
        self.tracer_provider.shutdown()
        self.logger_provider.shutdown()


def make_telemetry() -> Telemetry:
    """Build fresh (non-global) providers with in-memory exporters."""
    resource = Resource.create({"service.name": "otel-redact-instrumentation-tests"})
    span_exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(SimpleSpanProcessor(span_exporter))
    log_exporter = InMemoryLogRecordExporter()
    logger_provider = LoggerProvider(resource=resource)
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(log_exporter))
    return Telemetry(tracer_provider, span_exporter, logger_provider, log_exporter)


def encode_spans_bytes(spans: Sequence[ReadableSpan]) -> bytes:
    """OTLP protobuf encoding of spans, exactly as the OTLP exporters send it."""
    from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans

    return encode_spans(spans).SerializeToString()


def encode_logs_bytes(logs: Sequence[ReadableLogRecord]) -> bytes:
    """OTLP protobuf encoding of log records, exactly as the OTLP exporters send it."""
    from opentelemetry.exporter.otlp.proto.common._log_encoder import encode_logs

    return encode_logs(logs).SerializeToString()


# --- finding sensitive values ---------------------------------------------------------------


def fragments_in_bytes(data: bytes, sensitive: Mapping[str, Sequence[str]] = SENSITIVE) -> List[str]:
    """Names of the sensitive values with any fragment present in ``data``."""
    return [name for name, frags in sensitive.items() if any(f.encode() in data for f in frags)]


def _walk(value: Any, path: str) -> Iterator[Tuple[str, str]]:
    """Yield (path, string) for every string inside an attribute/body value."""
    if isinstance(value, bytes):
        yield path, value.decode("utf-8", "replace")
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _walk(k, f"{path}{{key}}")
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


def span_strings(span: ReadableSpan) -> Iterator[Tuple[str, str]]:
    """Every string of a span with a readable location (name, attributes, events, links, status)."""
    prefix = f"span {span.name!r}"
    yield f"{prefix} name", span.name
    for k, v in (span.attributes or {}).items():
        yield from _walk(v, f"{prefix} attr {k}")
    for i, ev in enumerate(span.events):
        yield f"{prefix} event[{i}] name", ev.name
        for k, v in (ev.attributes or {}).items():
            yield from _walk(v, f"{prefix} event[{i}] {ev.name!r} attr {k}")
    for i, link in enumerate(span.links):
        for k, v in (link.attributes or {}).items():
            yield from _walk(v, f"{prefix} link[{i}] attr {k}")
    if span.status.description:
        yield f"{prefix} status.description", span.status.description


def log_strings(record: ReadableLogRecord) -> Iterator[Tuple[str, str]]:
    """Every string of a log record with a readable location (body, attributes, event name)."""
    lr = record.log_record
    prefix = f"log {getattr(lr, 'event_name', None)!r}"
    yield from _walk(lr.body, f"{prefix} body")
    for k, v in (lr.attributes or {}).items():
        yield from _walk(v, f"{prefix} attr {k}")


def locate_leaks(
    items: Sequence[Any], sensitive: Mapping[str, Sequence[str]] = SENSITIVE
) -> List[str]:
    """Human-readable "where: which value" lines for every sensitive fragment in spans/logs."""
    found: List[str] = []
    for item in items:
        strings = span_strings(item) if isinstance(item, ReadableSpan) else log_strings(item)
        for where, text in strings:
            for name, frags in sensitive.items():
                hit = next((f for f in frags if f in text), None)
                if hit is not None:
                    i = text.index(hit)
                    context = text[max(0, i - 40) : i + len(hit) + 40]
                    found.append(f"{where}: {name} in ...{context!r}...")
    return found


def assert_present(data: bytes, values: Mapping[str, str] = RAW_VALUES) -> None:
    """Fail unless every raw value is in the encoded bytes (proves the harness sees real PII)."""
    missing = [name for name, raw in values.items() if raw.encode() not in data]
    assert not missing, f"raw values missing from exported bytes: {missing}"


def assert_absent(data: bytes, items: Sequence[Any], what: str) -> None:
    """Fail if any sensitive fragment is in the encoded bytes; name the exact attribute/event."""
    leaked = fragments_in_bytes(data)
    if leaked:
        where = locate_leaks(items) or ["(found in bytes only)"]
        pytest.fail(f"{what}: sensitive values survived: {leaked}\n  " + "\n  ".join(where))


def all_span_strings(spans: Sequence[ReadableSpan]) -> str:
    """Every string of every span, joined (for checking that ordinary content survives)."""
    return "\n".join(text for s in spans for _, text in span_strings(s))


def all_log_strings(logs: Sequence[ReadableLogRecord]) -> str:
    """Every string of every log record, joined."""
    return "\n".join(text for r in logs for _, text in log_strings(r))


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """One fake OpenAI server for the session."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    """Fresh tracer and logger providers with in-memory exporters."""
    tel = make_telemetry()
    yield tel
    tel.shutdown()


@pytest.fixture
def openai_client(fake_openai: FakeOpenAIServer) -> Iterator[Any]:
    """An ``openai.OpenAI`` client pointed at the fake server (no retries)."""
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="fake-key", max_retries=0)
    yield client
    client.close()


def strip_openai_wrappers() -> List[str]:
    """Undo every wrapt wrapper still left on ``openai.resources`` classes; return their names.

    A safety net after ``uninstrument()``: OpenLLMetry 0.62.4 calls
    ``unwrap("openai.resources.chat.completions", "Completions.create")``, which
    opentelemetry-instrumentation 0.66b2 reads as module ``openai.resources.chat`` /
    class ``completions``, so its ``uninstrument()`` removes nothing and the next
    instrumentation stacks on top of the stale one (duplicated stream chunks, spans sent to
    old providers).
    """
    import sys

    try:
        import wrapt
    except ImportError:  # pragma: no cover
        return []
    proxy_types = tuple(
        t for t in (getattr(wrapt, "BaseObjectProxy", None), wrapt.ObjectProxy) if t is not None
    )
    stripped: List[str] = []
    for mod_name, module in list(sys.modules.items()):
        if not mod_name.startswith("openai.resources") or module is None:
            continue
        for cls in list(vars(module).values()):
            if not isinstance(cls, type) or cls.__module__ != mod_name:
                continue
            for attr, value in list(vars(cls).items()):
                while isinstance(value, proxy_types) and hasattr(value, "__wrapped__"):
                    value = value.__wrapped__
                    setattr(cls, attr, value)
                    stripped.append(f"{mod_name}.{cls.__name__}.{attr}")
    return stripped


def optional_import(name: str) -> Optional[Any]:
    """Import a module or return None."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        return None

"""Fault matrix: whatever a filter, rule, detector or value does, span.end() returns, in bounded
time, and the OTLP bytes hold no raw value that should have been hidden.

The time bounds here are generous ceilings that catch a hang or a runaway scan; the timing
figures themselves live in benchmarks/.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from typing import Any, Callable, Iterator, List

import pytest
import regex
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import SpanContext, Status, StatusCode, TraceFlags

import otel_redact
from otel_redact import BUILTIN_ENTITIES, Detector, RedactingSpanProcessor, Span, create_anonymizer, pii_filter
from otel_redact import _filters
from otel_redact._anonymizer import DEFAULT_MAX_VALUE_LENGTH, DEFAULT_TIMEOUT
from otel_redact._span import NESTED_VALUES
from tests.conftest import needs_nested_values

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"
SECRETS = (EMAIL, CARD)
BOUND = 2.0  # seconds per span: a ceiling for pathological input, not a benchmark
CATASTROPHIC = r"(a|aa)+$"  # exponential in both `re` and `regex` on a run of a's and a '!'
BACKTRACKING_INPUT = "a" * 40 + "!"


@pytest.fixture
def run(provider: TracerProvider, exporter: Any) -> Iterator[Callable[..., float]]:
    """``run(fill, *filters, on_error=...)``: one span through the filters; seconds span.end() took."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))

    def run_span(fill: Callable[[Any], None], *filters: Any, on_error: str = "redact") -> float:
        otel_redact.configure(span_processors=list(filters), tracer_provider=provider, on_error=on_error)
        span = provider.get_tracer("faults").start_span(f"lookup {EMAIL}")
        span.set_attribute("openinference.span.kind", "LLM")
        span.add_event("exception", {"exception.message": f"no card {CARD}"})
        span.set_status(Status(StatusCode.ERROR, f"failed for {EMAIL}"))
        fill(span)
        start = time.perf_counter()
        span.end()  # must return normally: the test fails on any exception
        return time.perf_counter() - start

    yield run_span


def assert_hidden(exporter: Any, *raw: str) -> None:
    for value in (*SECRETS, *raw):
        assert not exporter.contains(value), value


def boom(*args: Any) -> Any:
    raise RuntimeError(f"cannot handle {EMAIL}")


# --- code that raises -------------------------------------------------------------------------


@pytest.mark.parametrize("on_error, exported", [("redact", 1), ("drop", 0)])
def test_filter_raises(run, exporter, on_error, exported):
    seconds = run(lambda s: s.set_attribute("input.value", EMAIL), boom, on_error=on_error)
    assert len(exporter.spans) == exported and seconds < BOUND
    assert_hidden(exporter)


def test_rule_raises_inside_pii_filter(run, exporter):
    run(lambda s: s.set_attribute("input.value", f"mail {EMAIL}"), pii_filter(rules=[boom]))
    (span,) = exporter.spans
    assert span.attributes["otel_redact.error.filter"] == "PiiFilter"
    assert span.attributes["input.value"] == "[REDACTED]"
    assert_hidden(exporter)


def test_rule_raises_inside_create_anonymizer(run, exporter):
    anonymizer = create_anonymizer(rules=[boom])

    def redact_inputs(span: Span) -> None:
        span.set_inputs(anonymizer(span.inputs))

    run(lambda s: s.set_attribute("input.value", f"mail {EMAIL}"), redact_inputs)
    (span,) = exporter.spans
    assert span.attributes["otel_redact.error.filter"].endswith("redact_inputs")
    assert_hidden(exporter)


def test_detector_validator_raises(run, exporter):
    employee = Detector("EMPLOYEE_ID", r"\bE\d{6}\b", validator=boom)
    run(lambda s: s.set_attribute("input.value", f"E123456 {EMAIL}"), pii_filter(detectors=[employee]))
    (span,) = exporter.spans
    assert span.attributes["otel_redact.error"] is True
    assert_hidden(exporter, "E123456")


def test_span_end_never_raises_even_if_the_placeholder_span_fails(run, exporter, monkeypatch):
    monkeypatch.setattr(_filters, "blank_all", boom)
    run(lambda s: s.set_attribute("input.value", EMAIL), boom)
    assert exporter.spans == []  # dropped: not even a placeholder span could be built


# --- runaway regexes --------------------------------------------------------------------------


def test_the_catastrophic_pattern_really_backtracks():
    """Without a time limit the pattern would run for minutes: it does not finish in 1 s."""
    with pytest.raises(TimeoutError):
        regex.compile(CATASTROPHIC).search(BACKTRACKING_INPUT, timeout=1.0)
    assert DEFAULT_TIMEOUT == 0.25


@pytest.mark.parametrize(
    "options",
    [
        {"rules": [{"pattern": CATASTROPHIC, "replace": "x"}], "entities": BUILTIN_ENTITIES},
        {"rules": [(re.compile(CATASTROPHIC), "x")], "entities": BUILTIN_ENTITIES},  # run by `regex`
        {"rules": [regex.compile(CATASTROPHIC)], "entities": BUILTIN_ENTITIES},
        {"detectors": [Detector("A_RUN", CATASTROPHIC)]},
    ],
    ids=["rule", "re-pattern", "regex-pattern", "detector"],
)
def test_catastrophic_user_regex_times_out_and_redacts_whole(run, exporter, options):
    def fill(span: Any) -> None:
        span.set_attribute("input.value", f"{EMAIL} {BACKTRACKING_INPUT}")
        span.set_attribute("output.value", "fine")

    seconds = run(fill, pii_filter(**options))
    (span,) = exporter.spans
    assert span.attributes["input.value"] == "<UNSCANNABLE>"  # fail closed: the whole value
    assert span.attributes["output.value"] == "fine"
    assert seconds < BOUND
    assert_hidden(exporter, BACKTRACKING_INPUT)


def test_long_text_under_builtin_detectors_is_bounded(run, exporter):
    """A near-cap text full of digit runs takes the built-ins seconds; the time limit stops it."""
    text = ("1 " * (DEFAULT_MAX_VALUE_LENGTH // 2 - len(EMAIL)) + EMAIL)[:DEFAULT_MAX_VALUE_LENGTH]
    seconds = run(lambda s: s.set_attribute("input.value", text), pii_filter())
    assert seconds < BOUND
    assert_hidden(exporter)


# --- huge, deep, odd values -------------------------------------------------------------------


def test_ten_megabyte_values_are_redacted_whole(run, exporter):
    big = "x" * 10_000_000 + EMAIL

    def fill(span: Any) -> None:
        span.set_attribute("text", big)
        span.set_attribute("raw", big.encode())
        span.set_attribute("json", json.dumps({"doc": big}))
        if NESTED_VALUES:
            span.set_attribute("nested", {"doc": big})

    seconds = run(fill, pii_filter())
    (span,) = exporter.spans
    assert span.attributes["text"] == span.attributes["json"] == "<TOO_LONG>"
    assert as_text(span.attributes["raw"]) == "<TOO_LONG>"
    assert not NESTED_VALUES or span.attributes["nested"] == {"doc": "<TOO_LONG>"}
    assert seconds < BOUND
    assert_hidden(exporter)


def test_the_size_cap_is_configurable_and_redacts_whole(run, exporter):
    assert DEFAULT_MAX_VALUE_LENGTH == 1_000_000
    run(lambda s: s.set_attribute("text", "x" * 90 + "token 12345678"), pii_filter(max_value_length=100))
    assert exporter.spans[0].attributes["text"] == "<TOO_LONG>"
    assert not exporter.contains("12345678")


def nested(depth: int, leaf: Any) -> Any:
    for level in range(depth):
        leaf = {"k": leaf} if level % 2 else [leaf]
    return leaf


@needs_nested_values
def test_nesting_1000_levels_as_a_nested_attribute(run, exporter):
    # The SDK cleans nested values recursively: give it the stack it needs to accept the value.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)
    try:
        seconds = run(lambda s: s.set_attribute("deep", nested(1000, EMAIL)), pii_filter())
    finally:
        sys.setrecursionlimit(limit)
    (span,) = exporter.spans
    assert "<TOO_DEEP>" in json.dumps(span.attributes["deep"])
    assert seconds < BOUND
    assert_hidden(exporter)


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_nesting_deep_as_a_json_string(run, exporter, depth):
    escaped = '"jane.doe\\u0040example.com"'  # an escape hides the e-mail from the raw scan

    def fill(span: Any) -> None:
        span.set_attribute("plain", json.dumps(nested(min(depth, 900), EMAIL)))
        span.set_attribute("escaped", "[" * depth + escaped + "]" * depth)

    seconds = run(fill, pii_filter())
    (span,) = exporter.spans
    assert span.attributes["escaped"] == "<TOO_DEEP>"
    assert seconds < BOUND
    assert_hidden(exporter, "jane.doe\\u0040example.com")


@needs_nested_values
@pytest.mark.parametrize("filters", [[pii_filter()], [boom]], ids=["pii_filter", "raising filter"])
def test_nesting_1000_levels_reaching_the_processor(exporter, filters):
    """Past the SDK's own checks (another processor, a custom tracer), at the default stack."""
    processor = RedactingSpanProcessor(SimpleSpanProcessor(exporter), span_processors=filters)
    context = SpanContext(0x1, 0x2, is_remote=False, trace_flags=TraceFlags(TraceFlags.SAMPLED))
    span = ReadableSpan(
        name="deep", context=context, resource=Resource.create({}), attributes={"deep": nested(1000, EMAIL)}
    )
    start = time.perf_counter()
    processor.on_end(span)
    assert time.perf_counter() - start < BOUND
    assert len(exporter.spans) == 1
    assert_hidden(exporter)


def test_malformed_json(run, exporter):
    def fill(span: Any) -> None:
        span.set_attribute("truncated", json.dumps({"email": EMAIL, "card": CARD, "n": list(range(50))})[:-20])
        span.set_attribute("unbalanced", '{"email": "%s"]' % EMAIL)
        span.set_attribute("trailing_comma", '{"card": "%s",}' % CARD)
        span.set_attribute("single_quotes", "{'email': '%s'}" % EMAIL)

    assert run(fill, pii_filter()) < BOUND
    assert len(exporter.spans) == 1
    assert_hidden(exporter)


def test_sensitive_key_in_malformed_json(run, exporter):
    run(lambda s: s.set_attribute("truncated", '{"password": "hunter2", "items": [1, 2'), pii_filter())
    assert not exporter.contains("hunter2")
    assert exporter.spans[0].attributes["truncated"] == '{"password": "<SENSITIVE_KEY>", "items": [1, 2'


def as_text(value: Any) -> Any:
    """Bytes attribute values as text: SDKs before 1.45 decode bytes when they store them."""
    return value.decode() if isinstance(value, bytes) else value


def test_bytes_and_non_utf8(run, exporter):
    def fill(span: Any) -> None:
        span.set_attribute("utf8", f"mail {EMAIL}".encode())
        span.set_attribute("latin1", f"café {EMAIL}".encode("latin-1"))  # not UTF-8
        span.set_attribute("binary", b"\xff\xfe\x00" + CARD.encode())
        span.set_attribute("surrogate", f"{EMAIL} \ud800")  # str the OTLP encoder cannot encode

    assert run(fill, pii_filter()) < BOUND
    (span,) = exporter.spans
    assert as_text(span.attributes["utf8"]) == "mail <EMAIL_ADDRESS>"
    for key in ("latin1", "binary"):  # SDKs before 1.45 drop bytes that are not UTF-8 themselves
        assert span.attributes.get(key, "<UNSCANNABLE>") == "<UNSCANNABLE>"
    assert_hidden(exporter)


def test_nan_and_infinities(run, exporter):
    def fill(span: Any) -> None:
        span.set_attribute("nan", math.nan)
        span.set_attribute("infs", [math.inf, -math.inf, math.nan])
        span.set_attribute("json", '{"score": NaN, "max": Infinity, "email": "%s"}' % EMAIL)
        if NESTED_VALUES:
            span.set_attribute("nested", {"score": math.nan, "email": EMAIL})

    assert run(fill, pii_filter()) < BOUND
    (span,) = exporter.spans
    assert math.isnan(span.attributes["nan"]) and span.attributes["infs"][:2] == (math.inf, -math.inf)
    assert json.loads(span.attributes["json"])["email"] == "<EMAIL_ADDRESS>"
    assert_hidden(exporter)


def test_lists_of_100000_items(run, exporter):
    embedding = [i / 100_000 for i in range(100_000)]
    tags: List[str] = [f"tag-{i}" if i % 1000 else f"user {i} {EMAIL}" for i in range(100_000)]

    def fill(span: Any) -> None:
        span.set_attribute("embedding", embedding)
        span.set_attribute("tags", tags)

    # 100,000 strings are 100,000 scans: the ceiling is looser than for one value.
    assert run(fill, pii_filter()) < 5 * BOUND
    (span,) = exporter.spans
    assert span.attributes["tags"][1000] == "user 1000 <EMAIL_ADDRESS>"
    assert_hidden(exporter)


# --- filters that reshape the span ------------------------------------------------------------


def test_filter_replaces_the_span_type(run, exporter):
    def retype(span: Span) -> None:
        span.set_span_type("TOOL")

    run(lambda s: s.set_attribute("input.value", EMAIL), retype, pii_filter())
    (span,) = exporter.spans
    assert span.attributes["openinference.span.kind"] == "TOOL"
    assert_hidden(exporter)


def test_filter_deletes_every_attribute(run, exporter):
    def wipe(span: Span) -> None:
        for key in span.attributes:
            span.delete_attribute(key)
        for event in span.events:
            for key in list(event.attributes):
                event.delete_attribute(key)

    run(lambda s: s.set_attribute("input.value", EMAIL), wipe, pii_filter())
    (span,) = exporter.spans
    assert set(span.attributes) <= {"otel_redact.redacted_count", "otel_redact.redacted_types"}
    assert dict(span.events[0].attributes) == {}
    assert_hidden(exporter)

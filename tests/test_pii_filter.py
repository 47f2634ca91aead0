"""pii_filter(): built-in detectors over every string a span carries."""

from __future__ import annotations

import json

import pytest
from opentelemetry.sdk.trace import SpanLimits, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import Link, Status, StatusCode

import otel_redact
from otel_redact import SpanType, pii_filter
from otel_redact._conventions import freeze
from otel_redact._span import NESTED_VALUES

from tests.conftest import deferred_pipeline

EMAIL = "jane.doe@example.com"
PHONE = "+44 20 7946 0958"
CARD = "4111 1111 1111 1111"
KEY = "sk-proj-Zx8Qm2Lp7Rt4Vw9Yb3Nc6Hd1Jf5Kg0Ts8Ue2Wa4Xo7Pi9"
ALL = (EMAIL, PHONE, CARD, KEY)


@pytest.fixture
def wired(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def emit_everywhere(provider, **extra_attributes) -> None:
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("seed") as seed:
        context = seed.get_span_context()
    with tracer.start_as_current_span(f"GET /users/{EMAIL}", links=[Link(context, {"from": PHONE})]) as span:
        span.set_attribute("openinference.span.kind", "LLM")
        span.set_attribute("llm.model_name", "gpt-4o-mini")
        span.set_attribute("input.value", json.dumps({"messages": [{"role": "user", "content": f"card {CARD} weather"}]}))
        span.set_attribute("input.mime_type", "application/json")
        messages = [{"role": "user", "parts": [{"type": "text", "content": f"call {PHONE}"}]}]
        span.set_attribute("gen_ai.input.messages", freeze(messages) if NESTED_VALUES else json.dumps(messages))
        span.set_attribute("tags", ("ok", EMAIL))
        span.set_attribute("llm.invocation_parameters", json.dumps({"api_key": "hunter2-not-a-pattern"}))
        span.set_attribute("llm.token_count.prompt", 12)
        for key, value in extra_attributes.items():
            span.set_attribute(key, value)
        span.add_event("exception", {"exception.message": f"key {KEY} rejected"})
        span.set_status(Status(StatusCode.ERROR, f"failed for {EMAIL}"))


def test_everything_redacted_and_ordinary_content_kept(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    emit_everywhere(provider)
    for raw in ALL + ("hunter2-not-a-pattern",):
        assert not exporter.contains(raw), raw
    span = exporter.spans[-1]
    assert span.name == "GET /users/<EMAIL_ADDRESS>"
    assert json.loads(span.attributes["input.value"]) == {"messages": [{"role": "user", "content": "card <CREDIT_CARD> weather"}]}
    messages = span.attributes["gen_ai.input.messages"]
    messages = messages if NESTED_VALUES else json.loads(messages)
    assert messages[0]["parts"][0]["content"] == "call <PHONE_NUMBER>"
    assert span.attributes["tags"] == ("ok", "<EMAIL_ADDRESS>")
    assert span.attributes["llm.token_count.prompt"] == 12
    assert span.attributes["llm.model_name"] == "gpt-4o-mini"
    assert span.events[0].attributes["exception.message"] == "key <OPENAI_API_KEY> rejected"
    assert span.links[0].attributes["from"] == "<PHONE_NUMBER>"
    assert span.status.description == "failed for <EMAIL_ADDRESS>"


def test_summary_attributes_without_values(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    emit_everywhere(provider)
    seed, span = exporter.spans
    assert "otel_redact.redacted_count" not in seed.attributes  # nothing redacted: no summary
    assert span.attributes["otel_redact.redacted_count"] >= 7
    types = span.attributes["otel_redact.redacted_types"]
    assert list(types) == sorted(types)
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "OPENAI_API_KEY"} <= set(types)


def test_silent_mode(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter(summary=False)], tracer_provider=provider)
    emit_everywhere(provider)
    assert not any(key.startswith("otel_redact.") for key in exporter.spans[-1].attributes)
    assert not exporter.contains(EMAIL)


def test_restrict_by_span_type(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter(span_types=[SpanType.TOOL])], tracer_provider=provider)
    emit_everywhere(provider)  # an LLM span: left alone
    assert exporter.contains(EMAIL)


def test_restrict_by_key_pattern(wired):
    provider, exporter = wired
    otel_redact.configure(
        span_processors=[pii_filter(include_keys=r"^(input|output)\.value$")], tracer_provider=provider
    )
    emit_everywhere(provider)
    span = exporter.spans[-1]
    assert "<CREDIT_CARD>" in span.attributes["input.value"]
    assert span.attributes["tags"] == ("ok", EMAIL)


def test_exclude_key_pattern(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter(exclude_keys=r"^tags$")], tracer_provider=provider)
    emit_everywhere(provider)
    span = exporter.spans[-1]
    assert span.attributes["tags"] == ("ok", EMAIL)
    assert "<CREDIT_CARD>" in span.attributes["input.value"]


def test_bad_key_pattern_is_refused_at_configuration():
    with pytest.raises(ValueError, match=r"include_keys '\(unclosed' is not a valid regex"):
        pii_filter(include_keys="(unclosed")


def test_user_rules_instead_of_detectors(wired):
    provider, exporter = wired
    otel_redact.configure(
        span_processors=[pii_filter(rules=[{"pattern": r"Paris", "replace": "[CITY]"}])], tracer_provider=provider
    )
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("input.value", f"weather in Paris for {EMAIL}")
    assert exporter.spans[0].attributes["input.value"] == f"weather in [CITY] for {EMAIL}"


def test_remove_strategy_deletes_the_attribute(wired):
    provider, exporter = wired
    otel_redact.configure(
        span_processors=[pii_filter(strategies={"EMAIL_ADDRESS": "remove"})], tracer_provider=provider
    )
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("user.email", EMAIL)
        span.set_attribute("note", "nothing here")
    attributes = exporter.spans[0].attributes
    assert "user.email" not in attributes and attributes["note"] == "nothing here"


def test_unchanged_span_is_not_copied(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("plain") as span:
        span.set_attribute("http.request.method", "GET")
    assert type(exporter.spans[0]).__name__ == "ReadableSpan"


def test_card_numbers_written_as_numbers_never_reach_the_exporter(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    for _ in range(2):  # the second span meets what the first one left remembered
        with provider.get_tracer("t").start_as_current_span("pay") as span:
            span.set_attribute("payment.card", 4111111111111111)
            span.set_attribute("gen_ai.tool.call.arguments", '{"card": 5555555555554444, "qty": 2}')
            span.set_attribute("gen_ai.usage.input_tokens", 950)
    assert not exporter.contains("4111111111111111") and not exporter.contains("5555555555554444")
    attributes = exporter.spans[-1].attributes
    assert attributes["payment.card"] == "<CREDIT_CARD>" and attributes["gen_ai.usage.input_tokens"] == 950
    assert json.loads(attributes["gen_ai.tool.call.arguments"]) == {"card": "<CREDIT_CARD>", "qty": 2}


def pipeline_by_path(provider: TracerProvider, exporter, path: str) -> TracerProvider:
    """A provider exporting to ``exporter`` through ``pii_filter()`` on one of its paths: the
    span-end hook, the Span facade (a plain filter runs first), or deferred to the exporter."""
    if path == "deferred":
        return deferred_pipeline(exporter, span_processors=[pii_filter()])
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    filters = [pii_filter()] if path == "hook" else [lambda span: None, pii_filter()]
    otel_redact.configure(span_processors=filters, tracer_provider=provider)
    return provider


@pytest.mark.parametrize("path", ["hook", "facade", "deferred"])
def test_event_names_are_redacted(provider, exporter, path):
    """``span.add_event(f"sent mail to {user}")`` is common: names are content too."""
    provider = pipeline_by_path(provider, exporter, path)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.add_event(f"sent mail to {EMAIL}", {"n": 1})
        span.add_event("gen_ai.choice")
    provider.force_flush()
    assert not exporter.contains(EMAIL)
    events = exporter.spans[-1].events
    assert [event.name for event in events] == ["sent mail to <EMAIL_ADDRESS>", "gen_ai.choice"]
    assert events[0].attributes["n"] == 1 and events[0].timestamp <= events[1].timestamp
    assert exporter.spans[-1].attributes["otel_redact.redacted_count"] == 1


def test_an_event_renamed_alone_keeps_its_attributes_and_their_dropped_count(exporter):
    provider = TracerProvider(span_limits=SpanLimits(max_event_attributes=1), shutdown_on_exit=False)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    try:
        with provider.get_tracer("t").start_as_current_span("s") as span:
            span.add_event(f"mail {EMAIL}", {"a": 1, "b": 2})
    finally:
        otel_redact.reset(provider)
    (event,) = exporter.spans[0].events
    assert event.name == "mail <EMAIL_ADDRESS>" and dict(event.attributes) == {"b": 2} and event.dropped_attributes == 1


@pytest.mark.parametrize("path", ["hook", "facade", "deferred"])
def test_attribute_keys_holding_a_value_are_redacted(provider, exporter, path):
    """``span.set_attribute(f"feedback.{email}", ...)`` puts the e-mail in the key: span, event
    and link keys are redacted as nested keys are, their values kept under the new key."""
    provider = pipeline_by_path(provider, exporter, path)
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("seed") as seed:
        context = seed.get_span_context()
    for _ in range(2):  # the second span meets the verdicts the first one left
        with tracer.start_as_current_span("s", links=[Link(context, {f"from/{EMAIL}": "x"})]) as span:
            span.set_attribute(f"user/{EMAIL}", 1)
            span.set_attribute(f"user.{EMAIL}", 2)  # the dotted prefix reads as part of the address
            span.set_attribute(f"feedback/{EMAIL}", f"reply to {EMAIL}")
            span.set_attribute("http.request.method", "GET")
            span.add_event("feedback", {f"to/{EMAIL}": True})
    provider.force_flush()
    assert not exporter.contains(EMAIL)
    for span in exporter.spans[1:]:
        attributes = span.attributes
        assert attributes["user/<EMAIL_ADDRESS>"] == 1 and attributes["<EMAIL_ADDRESS>"] == 2
        assert attributes["feedback/<EMAIL_ADDRESS>"] == "reply to <EMAIL_ADDRESS>"
        assert attributes["http.request.method"] == "GET" and attributes["otel_redact.redacted_count"] == 6
        assert dict(span.events[0].attributes) == {"to/<EMAIL_ADDRESS>": True}
        assert dict(span.links[0].attributes) == {"from/<EMAIL_ADDRESS>": "x"}


@pytest.mark.parametrize("path", ["hook", "facade", "deferred"])
def test_a_bare_number_under_an_attribute_key_that_names_a_phone_is_redacted(provider, exporter, path):
    """``enduser.phone = "5551234567"``: the key is the phone word the number lacks, on every
    span, though the same text under another key was found clean and remembered."""
    provider = pipeline_by_path(provider, exporter, path)
    for _ in range(2):  # the second span meets the verdicts the first one left
        with provider.get_tracer("t").start_as_current_span("s") as span:
            span.set_attribute("order.id", "5551234567")
            span.set_attribute("enduser.phone", "5551234567")
            span.set_attribute("customer.phone_number", 5551234567)
            span.set_attribute("customer.phones", ("5551234567", "n/a"))
            span.add_event("sms", {"user.mobile": "07700 900123"})
    provider.force_flush()
    assert not exporter.contains("07700 900123")
    for span in exporter.spans:
        assert span.attributes["order.id"] == "5551234567"
        assert span.attributes["enduser.phone"] == span.attributes["customer.phone_number"] == "<PHONE_NUMBER>"
        assert span.attributes["customer.phones"] == ("<PHONE_NUMBER>", "n/a")
        assert dict(span.events[0].attributes) == {"user.mobile": "<PHONE_NUMBER>"}


@pytest.mark.parametrize("path", ["hook", "facade", "deferred"])
@pytest.mark.parametrize("phone", ["030/901820", "1-415/555-0132", "415 / 555-0132", "415-555.0132"])
def test_a_phone_number_in_a_shape_once_missed_never_reaches_the_exporter(provider, exporter, path, phone):
    """In a message's text, and alone under an attribute key that names a phone."""
    provider = pipeline_by_path(provider, exporter, path)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("input.value", f"call me at {phone} tomorrow")
        span.set_attribute("enduser.phone", phone)
    provider.force_flush()
    span = exporter.spans[-1]
    assert span.attributes["input.value"] == "call me at <PHONE_NUMBER> tomorrow"
    assert span.attributes["enduser.phone"] == "<PHONE_NUMBER>"
    assert not exporter.contains(phone)


@pytest.mark.parametrize("path", ["hook", "facade", "deferred"])
def test_name_value_records_and_argument_lists_never_reach_the_exporter(provider, exporter, path):
    """Kubernetes env vars, HAR headers and AWS tags name their secret in a field beside it;
    an argument list puts it after its flag: neither reaches the exporter, as data or JSON."""
    secret = "hunter2-Zq9"
    provider = pipeline_by_path(provider, exporter, path)
    tracer = provider.get_tracer("t")
    env = {"env": [{"name": "DB_PASSWORD", "value": secret}, {"name": "PORT", "value": "5432"}]}
    for _ in range(2):  # the second span meets what the first one left remembered
        with tracer.start_as_current_span("deploy") as span:
            span.set_attribute("process.command_args", ["mysql", "--password", secret, "shop"])
            span.set_attribute("k8s.env", json.dumps(env))
            span.set_attribute("har.headers", json.dumps([{"name": "Authorization", "value": f"Bearer {secret}"}]))
            span.set_attribute("aws.tags", json.dumps({"Tags": [{"Key": "api_key", "Value": secret}]}))
            if NESTED_VALUES:
                span.set_attribute("k8s.env.nested", env)  # type: ignore[arg-type]
    provider.force_flush()
    assert not exporter.contains(secret)
    attributes = exporter.spans[-1].attributes
    assert attributes["process.command_args"] == ("mysql", "--password", "<SENSITIVE_KEY>", "shop")
    redacted_env = {"env": [{"name": "DB_PASSWORD", "value": "<SENSITIVE_KEY>"}, {"name": "PORT", "value": "5432"}]}
    assert json.loads(attributes["k8s.env"]) == redacted_env
    assert json.loads(attributes["aws.tags"]) == {"Tags": [{"Key": "api_key", "Value": "<SENSITIVE_KEY>"}]}


def test_a_redacted_attribute_key_never_replaces_another_attribute(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter(exclude_keys=r"^kept/")], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("user/<EMAIL_ADDRESS>", "already there")
        span.set_attribute("kept/<EMAIL_ADDRESS>", "out of scope")
        span.set_attribute(f"user/{EMAIL}", "first")
        span.set_attribute("user/john.roe@example.com", "second")
        span.set_attribute(f"kept/{EMAIL}", "left as it is")
    attributes = exporter.spans[0].attributes
    assert attributes["user/<EMAIL_ADDRESS>"] == "already there" and attributes["kept/<EMAIL_ADDRESS>"] == "out of scope"
    assert attributes["user/<EMAIL_ADDRESS>#2"] == "first" and attributes["user/<EMAIL_ADDRESS>#3"] == "second"
    assert attributes[f"kept/{EMAIL}"] == "left as it is"  # exclude_keys leaves the attribute, key and all


def test_a_key_with_a_finding_under_the_remove_strategy_removes_the_attribute(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter(strategies={"EMAIL_ADDRESS": "remove"})], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute(f"user/{EMAIL}", 1)
        span.set_attribute("n", 2)
    assert not exporter.contains(EMAIL) and dict(exporter.spans[0].attributes) == {"n": 2, "otel_redact.redacted_count": 1,
                                                                                 "otel_redact.redacted_types": ("EMAIL_ADDRESS",)}


def test_a_sensitive_key_holding_a_value_loses_both(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute(f"password/{EMAIL}", "hunter2xyz")
    assert not exporter.contains(EMAIL) and not exporter.contains("hunter2xyz")
    assert exporter.spans[0].attributes["password/<EMAIL_ADDRESS>"] == "<SENSITIVE_KEY>"


def test_log_record_attribute_keys_holding_a_value_are_redacted(tracer_provider_free):
    from opentelemetry.sdk._logs import LoggerProvider
    from opentelemetry.sdk._logs import export

    logger_provider = LoggerProvider(shutdown_on_exit=False)
    records = (getattr(export, "InMemoryLogRecordExporter", None) or export.InMemoryLogExporter)()  # the new name where it exists
    logger_provider.add_log_record_processor(export.SimpleLogRecordProcessor(records))
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=tracer_provider_free, logger_provider=logger_provider)
    try:
        logger_provider.get_logger("t").emit(event_name="feedback", body="ok", attributes={f"user/{EMAIL}": 1})
    finally:
        otel_redact.reset(logger_provider)
    (record,) = records.get_finished_logs()
    assert dict(record.log_record.attributes) == {"user/<EMAIL_ADDRESS>": 1, "otel_redact.redacted_count": 1,
                                                  "otel_redact.redacted_types": ("EMAIL_ADDRESS",)}


CONVENTION_KEYS = ["gen_ai.usage.input_tokens", "llm.input_messages.0.message.contents.1.message_content.image.image.url",
                   "http.request.header.x-forwarded-for", "server.address", "k8s.pod.uid", "release.20240115.1",
                   "gen_ai.prompt.12.content", "ip.10.0.0.1", "session.id", "user.id"]


def test_attribute_keys_of_the_conventions_stay(wired):
    provider, exporter = wired
    otel_redact.configure(span_processors=[pii_filter()], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        for key in CONVENTION_KEYS:
            span.set_attribute(key, 1)
    assert list(exporter.spans[0].attributes) == CONVENTION_KEYS
    assert type(exporter.spans[0]).__name__ == "ReadableSpan"  # not even copied

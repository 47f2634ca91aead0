"""The Span facade: MLflow's interface over MLflow and OpenInference attributes, and more."""

from __future__ import annotations

import json
from typing import Callable

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import Link, Status, StatusCode

import otel_redact
from otel_redact import Span, SpanType
from otel_redact._span import NESTED_VALUES
from tests.conftest import needs_nested_values


def run(provider, exporter, attributes: dict, fn: Callable[[Span], None], **span_kwargs):
    """Emit one span with ``attributes`` through ``fn`` and return the exported span."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[fn], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("work", attributes=attributes, **span_kwargs) as span:
        span.add_event("exception", {"exception.message": "boom for jane@x.com", "exception.type": "ValueError"})
    return exporter.spans[-1]


MLFLOW = {
    "mlflow.spanType": json.dumps("TOOL"),
    "mlflow.spanInputs": json.dumps({"text": "hi jane@x.com"}),
    "mlflow.spanOutputs": json.dumps("done for jane@x.com"),
}
OPENINFERENCE_JSON = {
    "openinference.span.kind": "LLM",
    "input.value": json.dumps({"messages": [{"role": "user", "content": "hi"}]}),
    "input.mime_type": "application/json",
    "output.value": "plain answer",
    "output.mime_type": "text/plain",
}


def test_identity_and_timing(provider, exporter):
    seen = {}

    def look(span: Span) -> None:
        seen.update(
            name=span.name, trace_id=span.trace_id, span_id=span.span_id, parent_id=span.parent_id,
            start=span.start_time_ns, end=span.end_time_ns,
        )

    exported = run(provider, exporter, {}, look)
    assert seen["name"] == "work"
    assert seen["trace_id"] == format(exported.context.trace_id, "032x")
    assert seen["span_id"] == format(exported.context.span_id, "016x")
    assert seen["parent_id"] is None
    assert 0 < seen["start"] <= seen["end"]


def test_parent_id(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    parents = []
    otel_redact.configure(span_processors=[lambda s: parents.append(s.parent_id)], tracer_provider=provider)
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("outer") as outer:
        with tracer.start_as_current_span("inner"):
            pass
    assert parents[0] == format(outer.get_span_context().span_id, "016x")


@pytest.mark.parametrize(
    "attributes, expected",
    [
        (MLFLOW, SpanType.TOOL),
        (OPENINFERENCE_JSON, SpanType.LLM),
        ({"openinference.span.kind": "RETRIEVER"}, SpanType.RETRIEVER),
        ({"mlflow.spanType": json.dumps("CUSTOM_THING")}, "CUSTOM_THING"),
        ({}, None),
    ],
)
def test_span_type(provider, exporter, attributes, expected):
    seen = []
    run(provider, exporter, attributes, lambda span: seen.append(span.span_type))
    assert seen == [expected]


def test_mlflow_inputs_outputs_round_trip_json_encoded(provider, exporter):
    def edit(span: Span) -> None:
        assert span.inputs == {"text": "hi jane@x.com"}
        assert span.outputs == "done for jane@x.com"
        span.set_inputs({"text": "hi [EMAIL]"})
        span.set_outputs("done for [EMAIL]")

    exported = run(provider, exporter, MLFLOW, edit)
    assert exported.attributes["mlflow.spanInputs"] == json.dumps({"text": "hi [EMAIL]"})
    assert exported.attributes["mlflow.spanOutputs"] == json.dumps("done for [EMAIL]")


def test_openinference_keeps_each_values_encoding(provider, exporter):
    def edit(span: Span) -> None:
        inputs = span.inputs
        inputs["messages"][0]["content"] = "changed"
        span.set_inputs(inputs)
        assert span.outputs == "plain answer"
        span.set_outputs("new answer")

    exported = run(provider, exporter, OPENINFERENCE_JSON, edit)
    assert json.loads(exported.attributes["input.value"]) == {"messages": [{"role": "user", "content": "changed"}]}
    assert exported.attributes["input.mime_type"] == "application/json"
    assert exported.attributes["output.value"] == "new answer"
    assert exported.attributes["output.mime_type"] == "text/plain"


def test_plain_text_input_replaced_by_structure_switches_mime_type(provider, exporter):
    attributes = {"input.value": "hello", "input.mime_type": "text/plain"}
    exported = run(provider, exporter, attributes, lambda span: span.set_inputs({"q": "hello"}))
    assert json.loads(exported.attributes["input.value"]) == {"q": "hello"}
    assert exported.attributes["input.mime_type"] == "application/json"


def test_getters_return_copies(provider, exporter):
    def mutate_without_setting(span: Span) -> None:
        span.inputs["text"] = "changed"
        span.attributes["mlflow.spanInputs"] = "changed"

    exported = run(provider, exporter, MLFLOW, mutate_without_setting)
    assert exported.attributes["mlflow.spanInputs"] == MLFLOW["mlflow.spanInputs"]


@needs_nested_values
def test_nested_attribute_values_stay_nested(provider, exporter):
    attributes = {"input.value": {"messages": ({"role": "user", "content": "hi jane@x.com"},)}}

    def edit(span: Span) -> None:
        inputs = span.inputs
        assert inputs == {"messages": [{"role": "user", "content": "hi jane@x.com"}]}
        inputs["messages"][0]["content"] = "hi"
        span.set_inputs(inputs)

    exported = run(provider, exporter, attributes, edit)
    assert exported.attributes["input.value"] == {"messages": ({"role": "user", "content": "hi"},)}


def test_inputs_on_span_without_convention(provider, exporter):
    seen = []

    def edit(span: Span) -> None:
        seen.append((span.inputs, span.outputs))
        span.set_inputs({"a": 1})

    exported = run(provider, exporter, {"x": "y"}, edit)
    assert seen == [(None, None)]
    assert json.loads(exported.attributes["mlflow.spanInputs"]) == {"a": 1}


def test_set_span_type_uses_the_spans_convention(provider, exporter):
    exported = run(provider, exporter, {"openinference.span.kind": "LLM"}, lambda s: s.set_span_type(SpanType.TOOL))
    assert exported.attributes["openinference.span.kind"] == "TOOL"


def test_rename_delete_and_set_attributes(provider, exporter):
    def edit(span: Span) -> None:
        span.name = "renamed"
        span.delete_attribute("secret")
        span.delete_attribute("absent")
        span.set_attribute("count", 3)
        span.set_attribute("tags", ["a", "b"])
        span.set_attribute("obj", {"k": [1, 2]})
        assert span.get_attribute("keep") == "yes"
        assert span.get_attribute("absent") is None

    exported = run(provider, exporter, {"secret": "pw", "keep": "yes"}, edit)
    assert exported.name == "renamed"
    assert "secret" not in exported.attributes
    assert exported.attributes["count"] == 3
    assert exported.attributes["tags"] == ("a", "b")
    assert exported.attributes["obj"] == ({"k": (1, 2)} if NESTED_VALUES else '{"k": [1, 2]}')
    assert exported.attributes["keep"] == "yes"


def test_edit_events(provider, exporter):
    def edit(span: Span) -> None:
        (event,) = span.events
        assert event.name == "exception"
        event.attributes["exception.message"] = "boom for [EMAIL]"
        event.set_attribute("extra", 1)
        event.delete_attribute("exception.type")

    exported = run(provider, exporter, {}, edit)
    (event,) = exported.events
    assert dict(event.attributes) == {"exception.message": "boom for [EMAIL]", "extra": 1}


def test_remove_an_event(provider, exporter):
    exported = run(provider, exporter, {}, lambda span: span.events.clear())
    assert exported.events == ()


def test_edit_link_attributes(provider, exporter):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with provider.get_tracer("t").start_as_current_span("seed") as seed:
        context = seed.get_span_context()

    def edit(span: Span) -> None:
        for link in span.links:
            link.attributes["who"] = "[EMAIL]"

    exported = run(provider, exporter, {}, edit, links=[Link(context, {"who": "jane@x.com"})])
    assert dict(exported.links[0].attributes) == {"who": "[EMAIL]"}
    assert exported.links[0].context == context


def test_status_description(provider, exporter):
    def edit(span: Span) -> None:
        assert span.status.status_code is StatusCode.ERROR
        assert span.status_description == "failed for jane@x.com"
        span.status_description = "failed for [EMAIL]"

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[edit], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_status(Status(StatusCode.ERROR, "failed for jane@x.com"))
    assert exporter.spans[0].status.description == "failed for [EMAIL]"
    assert exporter.spans[0].status.status_code is StatusCode.ERROR


def test_set_status(provider, exporter):
    exported = run(provider, exporter, {}, lambda span: span.set_status("ERROR", "bad"))
    assert exported.status.status_code is StatusCode.ERROR and exported.status.description == "bad"


def test_identity_is_kept_on_a_rebuilt_span(provider, exporter):
    exported = run(provider, exporter, {"a": "b"}, lambda span: span.set_attribute("a", "c"))
    original = exporter.spans[-1]
    assert exported.context.span_id == original.context.span_id
    assert exported.resource is not None and exported.instrumentation_scope.name == "t"
    assert exported.start_time and exported.end_time


def test_metadata(provider, exporter):
    attributes = {"metadata": json.dumps({"user": "jane@x.com", "plan": "pro"}), "mlflow.traceTag.env": "prod"}

    def edit(span: Span) -> None:
        assert span.metadata == {"user": "jane@x.com", "plan": "pro", "env": "prod"}
        span.set_metadata({"plan": "pro", "env": "staging"})

    exported = run(provider, exporter, attributes, edit)
    assert json.loads(exported.attributes["metadata"]) == {"plan": "pro"}
    assert exported.attributes["mlflow.traceTag.env"] == "staging"


def test_span_type_constants_match_mlflow():
    expected = {
        "LLM", "CHAIN", "AGENT", "TOOL", "CHAT_MODEL", "RETRIEVER", "PARSER", "EMBEDDING",
        "RERANKER", "MEMORY", "UNKNOWN", "WORKFLOW", "TASK", "GUARDRAIL", "EVALUATOR",
    }
    assert {name for name in vars(SpanType) if not name.startswith("_")} == expected
    assert all(getattr(SpanType, name) == name for name in expected)


def test_dropped_counts_survive_rebuild(exporter):
    from opentelemetry.sdk.trace import SpanLimits

    provider = TracerProvider(shutdown_on_exit=False, span_limits=SpanLimits(max_span_attributes=2))
    try:
        exported = run(provider, exporter, {"a": "1", "b": "2", "c": "3"}, lambda s: s.set_attribute("b", "x"))
        assert exported.dropped_attributes == 1
    finally:
        otel_redact.reset(provider)

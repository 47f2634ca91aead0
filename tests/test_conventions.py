"""One table, every convention: span type, inputs, outputs and metadata, in each encoding."""

from __future__ import annotations

import json

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact
from otel_redact import Span, SpanType, pii_filter
from tests.conftest import needs_nested_values

MESSAGES = [{"role": "user", "parts": [{"type": "text", "content": "hi jane@x.com"}]}]


def run(provider, exporter, attributes, fn, events=()):
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[fn], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s", attributes=attributes) as span:
        for name, event_attributes in events:
            span.add_event(name, event_attributes)
    return exporter.spans[-1]


@pytest.mark.parametrize(
    "attributes, span_type",
    [
        ({"gen_ai.operation.name": "chat"}, SpanType.CHAT_MODEL),
        ({"gen_ai.operation.name": "text_completion"}, SpanType.LLM),
        ({"gen_ai.operation.name": "embeddings"}, SpanType.EMBEDDING),
        ({"gen_ai.operation.name": "retrieval"}, SpanType.RETRIEVER),
        ({"gen_ai.operation.name": "invoke_agent"}, SpanType.AGENT),
        ({"gen_ai.operation.name": "execute_tool"}, SpanType.TOOL),
        ({"gen_ai.operation.name": "invoke_workflow"}, SpanType.WORKFLOW),
        ({"traceloop.span.kind": "workflow"}, SpanType.WORKFLOW),
        ({"traceloop.span.kind": "task"}, SpanType.TASK),
        ({"llm.request.type": "chat"}, SpanType.CHAT_MODEL),
        ({"langfuse.observation.type": "generation"}, SpanType.LLM),
        ({"langfuse.observation.type": "tool"}, SpanType.TOOL),
        # precedence: MLflow, then OpenInference, then GenAI, OpenLLMetry, Langfuse
        ({"openinference.span.kind": "TOOL", "gen_ai.operation.name": "chat"}, SpanType.TOOL),
        ({"mlflow.spanType": '"AGENT"', "openinference.span.kind": "TOOL"}, SpanType.AGENT),
        ({"gen_ai.operation.name": "chat", "traceloop.span.kind": "task"}, SpanType.CHAT_MODEL),
    ],
)
def test_span_type(provider, exporter, attributes, span_type):
    seen = []
    run(provider, exporter, attributes, lambda span: seen.append(span.span_type))
    assert seen == [span_type]


def test_set_span_type_speaks_the_conventions_vocabulary(provider, exporter):
    exported = run(provider, exporter, {"gen_ai.operation.name": "chat"}, lambda s: s.set_span_type(SpanType.TOOL))
    assert exported.attributes["gen_ai.operation.name"] == "execute_tool"


@pytest.mark.parametrize(
    "key, stored",
    [
        ("gen_ai.input.messages", json.dumps(MESSAGES)),  # JSON string (most instrumentations)
        pytest.param(
            "gen_ai.input.messages",
            ({"role": "user", "parts": ({"type": "text", "content": "hi jane@x.com"},)},),
            marks=needs_nested_values,
        ),
        ("traceloop.entity.input", json.dumps(MESSAGES)),
        ("langfuse.observation.input", json.dumps(MESSAGES)),
    ],
)
def test_inputs_round_trip_in_the_encoding_they_came_in(provider, exporter, key, stored):
    def edit(span: Span) -> None:
        inputs = span.inputs
        assert inputs == MESSAGES
        inputs[0]["parts"][0]["content"] = "hi"
        span.set_inputs(inputs)

    exported = run(provider, exporter, {key: stored}, edit)
    value = exported.attributes[key]
    if isinstance(stored, str):
        assert json.loads(value)[0]["parts"][0]["content"] == "hi"
    else:
        assert value[0]["parts"][0]["content"] == "hi"


@pytest.mark.parametrize(
    "attributes, role, expected",
    [
        ({"gen_ai.tool.call.arguments": '{"city": "Paris"}'}, "inputs", {"city": "Paris"}),
        ({"gen_ai.tool.call.result": "sunny"}, "outputs", "sunny"),
        ({"gen_ai.prompt": "plain prompt"}, "inputs", "plain prompt"),
        ({"gen_ai.completion": "plain answer"}, "outputs", "plain answer"),
        ({"langfuse.trace.output": '{"ok": true}'}, "outputs", {"ok": True}),
    ],
)
def test_other_input_output_fields(provider, exporter, attributes, role, expected):
    seen = []
    run(provider, exporter, attributes, lambda span: seen.append(getattr(span, role)))
    assert seen == [expected]


def test_flattened_openinference_messages(provider, exporter):
    attributes = {
        "llm.input_messages.0.message.role": "system",
        "llm.input_messages.0.message.content": "be brief",
        "llm.input_messages.1.message.role": "user",
        "llm.input_messages.1.message.content": "mail jane@x.com",
        "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments": '{"to": "jane@x.com"}',
    }

    def edit(span: Span) -> None:
        inputs = span.inputs
        assert inputs[1]["message"]["content"] == "mail jane@x.com"
        assert inputs[1]["message"]["tool_calls"][0]["tool_call"]["function"]["arguments"] == '{"to": "jane@x.com"}'
        span.set_inputs([inputs[0]])  # drop the user message

    exported = run(provider, exporter, attributes, edit)
    assert {k for k in exported.attributes if k.startswith("llm.input_messages.")} == {
        "llm.input_messages.0.message.role",
        "llm.input_messages.0.message.content",
    }


def test_flattened_openllmetry_prompts_and_completions(provider, exporter):
    attributes = {
        "gen_ai.prompt.0.role": "user",
        "gen_ai.prompt.0.content": "hi",
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.content": "hello",
        "traceloop.span.kind": "task",
    }
    seen = []
    run(provider, exporter, attributes, lambda span: seen.append((span.inputs, span.outputs)))
    assert seen == [([{"role": "user", "content": "hi"}], [{"role": "assistant", "content": "hello"}])]


def test_retrieval_documents_are_outputs(provider, exporter):
    attributes = {"openinference.span.kind": "RETRIEVER", "retrieval.documents.0.document.content": "doc"}
    seen = []
    run(provider, exporter, attributes, lambda span: seen.append(span.outputs))
    assert seen == [[{"document": {"content": "doc"}}]]


@pytest.mark.parametrize(
    "attributes, expected",
    [
        ({"traceloop.association.properties.user": "u1"}, {"user": "u1"}),
        ({"langfuse.observation.metadata.tier": "gold", "langfuse.trace.metadata.env": "prod"}, {"tier": "gold", "env": "prod"}),
        ({"metadata": '{"a": 1}'}, {"a": 1}),
    ],
)
def test_metadata(provider, exporter, attributes, expected):
    seen = []
    run(provider, exporter, attributes, lambda span: seen.append(span.metadata))
    assert seen == [expected]


def test_hide_inputs_works_on_every_convention(provider, exporter):
    attributes = {"gen_ai.input.messages": json.dumps(MESSAGES), "gen_ai.output.messages": json.dumps(MESSAGES)}
    exported = run(provider, exporter, attributes, otel_redact.hide_filter(hide_inputs=True, hide_outputs=False))
    assert json.loads(exported.attributes["gen_ai.input.messages"]) == {}
    assert "jane@x.com" in exported.attributes["gen_ai.output.messages"]


def test_genai_span_events_are_redacted(provider, exporter):
    events = [
        ("gen_ai.user.message", {"content": "I am jane@x.com", "role": "user"}),
        ("gen_ai.choice", {"message": json.dumps({"content": "call +44 20 7946 0958"}), "index": 0}),
    ]
    exported = run(provider, exporter, {"gen_ai.operation.name": "chat"}, pii_filter(), events=events)
    assert not exporter.contains("jane@x.com") and not exporter.contains("7946 0958")
    assert exported.events[0].attributes["role"] == "user"
    assert exported.events[1].attributes["index"] == 0

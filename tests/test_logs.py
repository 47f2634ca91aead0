"""Log records (where GenAI content also travels) get the same filters, fail closed."""

from __future__ import annotations

import json
import threading
from typing import List, Sequence

import pytest
from opentelemetry.exporter.otlp.proto.common._log_encoder import encode_logs
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import (
    BatchLogRecordProcessor,
    LogRecordExporter,
    LogRecordExportResult,
    SimpleLogRecordProcessor,
)

import otel_redact
from otel_redact import LogRecordView, RedactingLogRecordProcessor
from otel_redact._configure import installed_gate

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"


class OtlpLogBytesExporter(LogRecordExporter):
    def __init__(self) -> None:
        self.records: List = []
        self.payload = b""
        self._lock = threading.Lock()

    def export(self, batch: Sequence) -> LogRecordExportResult:
        with self._lock:
            self.records.extend(batch)
            self.payload += encode_logs(batch).SerializeToString()
        return LogRecordExportResult.SUCCESS

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


@pytest.fixture
def logger_provider():
    provider = LoggerProvider(shutdown_on_exit=False)
    yield provider
    otel_redact.reset(provider)
    provider.shutdown()


def emit_genai_record(provider: LoggerProvider) -> None:
    """A record shaped like gen_ai.client.inference.operation.details."""
    messages = [{"role": "user", "parts": [{"type": "text", "content": f"mail {EMAIL}, card {CARD}, weather in Paris"}]}]
    provider.get_logger("genai").emit(
        event_name="gen_ai.client.inference.operation.details",
        body={"content": f"hello {EMAIL}"},
        attributes={
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": "gpt-4o-mini",
            "gen_ai.input.messages": json.dumps(messages),
            "gen_ai.usage.input_tokens": 42,
        },
    )


@pytest.mark.parametrize("kind", ["simple", "batch"])
@pytest.mark.parametrize("order", ["processor_first", "configure_first"])
def test_pii_filter_on_log_records(tracer_provider_free, logger_provider, kind, order):
    exporter = OtlpLogBytesExporter()
    processor = SimpleLogRecordProcessor(exporter) if kind == "simple" else BatchLogRecordProcessor(exporter)
    if order == "processor_first":
        logger_provider.add_log_record_processor(processor)
    otel_redact.configure(
        span_processors=[otel_redact.pii_filter()], tracer_provider=tracer_provider_free, logger_provider=logger_provider
    )
    if order == "configure_first":
        logger_provider.add_log_record_processor(processor)
    emit_genai_record(logger_provider)
    logger_provider.force_flush()

    assert len(exporter.records) == 1
    assert EMAIL.encode() not in exporter.payload and CARD.encode() not in exporter.payload
    for kept in (b"gpt-4o-mini", b"Paris", b"gen_ai.client.inference.operation.details"):
        assert kept in exporter.payload
    record = exporter.records[0].log_record
    assert record.body == {"content": "hello <EMAIL_ADDRESS>"}
    assert record.attributes["gen_ai.usage.input_tokens"] == 42


def test_without_filters_the_raw_value_is_exported(logger_provider):
    exporter = OtlpLogBytesExporter()
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    emit_genai_record(logger_provider)
    assert EMAIL.encode() in exporter.payload


def test_raising_filter_fails_closed_on_log_records(tracer_provider_free, logger_provider):
    exporter = OtlpLogBytesExporter()
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))

    def broken(view: LogRecordView) -> None:
        view.set_attribute("gen_ai.input.messages", "half done")
        raise RuntimeError("boom")

    otel_redact.configure(span_processors=[broken], tracer_provider=tracer_provider_free, logger_provider=logger_provider)
    emit_genai_record(logger_provider)
    (data,) = exporter.records
    assert EMAIL.encode() not in exporter.payload and b"half done" not in exporter.payload
    assert data.log_record.attributes["otel_redact.error"] is True
    assert data.log_record.attributes["gen_ai.request.model"] == "gpt-4o-mini"  # structural key kept
    assert data.log_record.body == {"content": "[REDACTED]"}
    assert data.log_record.event_name == "gen_ai.client.inference.operation.details"  # a name, kept


def test_a_failed_log_records_event_name_and_numbers_hold_no_value(tracer_provider_free, logger_provider):
    exporter = OtlpLogBytesExporter()
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    otel_redact.configure(span_processors=[lambda view: 1 / 0], tracer_provider=tracer_provider_free, logger_provider=logger_provider)
    logger_provider.get_logger("app").emit(event_name=f"sent mail to {EMAIL}", attributes={"card": 4111111111111111})
    (data,) = exporter.records
    assert EMAIL.encode() not in exporter.payload
    assert data.log_record.event_name == "[REDACTED]"
    assert data.log_record.attributes["card"] == "[REDACTED]"  # an int goes out as a varint: checked by value


def test_drop_option_drops_log_records(tracer_provider_free, logger_provider):
    exporter = OtlpLogBytesExporter()
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    otel_redact.configure(
        span_processors=[lambda view: 1 / 0], tracer_provider=tracer_provider_free,
        logger_provider=logger_provider, on_error="drop",
    )
    emit_genai_record(logger_provider)
    assert exporter.records == []


def test_view_offers_the_span_interface(tracer_provider_free, logger_provider):
    exporter = OtlpLogBytesExporter()
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    seen = {}

    def look(view: LogRecordView) -> None:
        seen["name"] = view.name
        seen["model"] = view.get_attribute("gen_ai.request.model")
        view.body = "replaced"
        view.delete_attribute("gen_ai.input.messages")

    otel_redact.configure(span_processors=[look], tracer_provider=tracer_provider_free, logger_provider=logger_provider)
    emit_genai_record(logger_provider)
    assert seen == {"name": "gen_ai.client.inference.operation.details", "model": "gpt-4o-mini"}
    record = exporter.records[0].log_record
    assert record.body == "replaced" and "gen_ai.input.messages" not in record.attributes


def test_explicit_log_processor_composition():
    exporter = OtlpLogBytesExporter()
    provider = LoggerProvider(shutdown_on_exit=False)
    provider.add_log_record_processor(
        RedactingLogRecordProcessor(SimpleLogRecordProcessor(exporter), span_processors=[otel_redact.pii_filter()])
    )
    emit_genai_record(provider)
    provider.shutdown()
    assert len(exporter.records) == 1 and EMAIL.encode() not in exporter.payload


def test_log_gates_look_up_no_shortcut_hooks(tracer_provider_free, logger_provider):
    """A record is always filtered on a view: a span gate's hooks would never be used here."""
    explicit = RedactingLogRecordProcessor(span_processors=[otel_redact.pii_filter()])
    otel_redact.configure(span_processors=[otel_redact.pii_filter()], tracer_provider=tracer_provider_free, logger_provider=logger_provider)
    installed = installed_gate(logger_provider)  # handed records alone: still no hook
    assert installed is not None
    installed.span_processors = [otel_redact.pii_filter(), lambda view: None]
    for gate in (explicit, installed):
        assert gate._chain.hooks == (None,) * len(gate.span_processors)


def test_reset_restores_log_processors(tracer_provider_free, logger_provider):
    exporter = OtlpLogBytesExporter()
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    otel_redact.configure(span_processors=[otel_redact.pii_filter()], tracer_provider=tracer_provider_free, logger_provider=logger_provider)
    otel_redact.reset()
    emit_genai_record(logger_provider)
    assert EMAIL.encode() in exporter.payload

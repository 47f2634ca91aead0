"""Over real OTLP (HTTP and gRPC) to a receiver: the bytes on the wire hold no raw value."""

from __future__ import annotations

import re

import pytest
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter as GrpcExporter
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter as HttpExporter
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

import otel_redact
from otel_redact import Span
from tests import otlp_receivers

SECRET = "jane.doe@example.com"


def scrub(span: Span) -> None:
    value = span.get_attribute("input.value")
    span.set_attribute("input.value", re.sub(r"\S+@\S+", "[EMAIL]", value))


@pytest.fixture(params=["http", "grpc"])
def wire(request):
    make = otlp_receivers.http_receiver if request.param == "http" else otlp_receivers.grpc_receiver
    generator = make()
    endpoint, received = next(generator)
    exporter = HttpExporter(endpoint=endpoint) if request.param == "http" else GrpcExporter(endpoint=endpoint, insecure=True)
    yield exporter, received
    generator.close()


@pytest.mark.parametrize("redacted", [True, False])
def test_wire_bytes(wire, redacted):
    exporter, received = wire
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    if redacted:
        otel_redact.configure(span_processors=[scrub], tracer_provider=provider)
    tracer = provider.get_tracer("wire")
    for i in range(20):
        with tracer.start_as_current_span(f"step-{i}") as span:
            span.set_attribute("input.value", f"contact {SECRET} please")
    provider.shutdown()
    otel_redact.reset(provider)

    assert received.span_count() == 20
    assert (SECRET.encode() in received.data) is (not redacted)
    assert b"contact" in received.data

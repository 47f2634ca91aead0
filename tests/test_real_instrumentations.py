"""Real OpenAI instrumentations, real spans and log records, a fake OpenAI server.

Each instrumentation is instrumented and uninstrumented per test against fresh providers.
The presence tests prove the raw PII really reaches the OTLP bytes without redaction (so
the absence tests cannot pass vacuously); the redaction tests assert it is gone with
``configure(span_processors=[pii_filter()])`` while model, token counts and ordinary words
survive.

Tested with (Python 3.11, all in one environment)::

    opentelemetry-sdk==1.45.2  opentelemetry-api==1.45.2
    opentelemetry-exporter-otlp-proto-common==1.45.2  opentelemetry-proto==1.45.2
    opentelemetry-instrumentation==0.66b2  opentelemetry-semantic-conventions==0.66b2
    openai==3.54.0  httpx==0.28.1   # openai 3 uses httpx2; openai-v2 2.4b0 does `from httpx import URL`
    openinference-instrumentation-openai==0.1.66  openinference-instrumentation==0.1.72
    openinference-semantic-conventions==0.1.42
    opentelemetry-instrumentation-openai-v2==2.4b0
    opentelemetry-util-genai==1.1b0  # 1.2b0+ removed util.genai.instruments that openai-v2 2.4b0 imports
    opentelemetry-instrumentation-openai==0.62.4  opentelemetry-semantic-conventions-ai==0.5.1  # OpenLLMetry

Modules that are not installed are skipped, never failed.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

import pytest

try:  # works both with and without tests/__init__.py
    from tests import instrumentation_harness as H
    from tests.fake_openai import EMBEDDING_USAGE, SCENARIO_HEADER, USAGE
    from tests.instrumentation_harness import fake_openai, openai_client, telemetry  # noqa: F401
except ImportError:  # pragma: no cover - depends on rootdir / import mode
    import instrumentation_harness as H  # type: ignore[no-redef]
    from fake_openai import EMBEDDING_USAGE, SCENARIO_HEADER, USAGE  # type: ignore[no-redef]
    from instrumentation_harness import fake_openai, openai_client, telemetry  # type: ignore # noqa: F401

openai = pytest.importorskip("openai")

GENAI_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
SEMCONV_ENV = "OTEL_SEMCONV_STABILITY_OPT_IN"

# --- instrumentations ---------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One instrumentation in one configuration."""

    id: str
    module: str
    #: where prompt/completion content lands: "spans" and/or "logs"
    content_in: FrozenSet[str]
    #: attribute names holding the model and the token counts (chat, embeddings)
    model_keys: Tuple[str, ...]
    input_tokens_key: str
    output_tokens_key: Optional[str]
    embeddings_captures_input: bool = True
    env: Tuple[Tuple[str, str], ...] = ()
    kwargs: Tuple[Tuple[str, Any], ...] = ()


OPENINFERENCE = Variant(
    id="openinference",
    module="openinference.instrumentation.openai",
    content_in=frozenset({"spans"}),
    model_keys=("llm.model_name", "embedding.model_name"),
    input_tokens_key="llm.token_count.prompt",
    output_tokens_key="llm.token_count.completion",
)
OPENAI_V2 = Variant(
    id="openai-v2-span_and_event",
    module="opentelemetry.instrumentation.openai_v2",
    content_in=frozenset({"spans", "logs"}),
    model_keys=("gen_ai.request.model",),
    input_tokens_key="gen_ai.usage.input_tokens",
    output_tokens_key="gen_ai.usage.output_tokens",
    embeddings_captures_input=False,
    env=((SEMCONV_ENV, "gen_ai_latest_experimental"), (GENAI_CONTENT_ENV, "span_and_event")),
)
OPENLLMETRY_ATTRS = Variant(
    id="openllmetry-attributes",
    module="opentelemetry.instrumentation.openai",
    content_in=frozenset({"spans"}),
    model_keys=("gen_ai.request.model",),
    input_tokens_key="gen_ai.usage.input_tokens",
    output_tokens_key="gen_ai.usage.output_tokens",
    env=(("TRACELOOP_TRACE_CONTENT", "true"),),
    kwargs=(("use_attributes", True),),
)
OPENLLMETRY_EVENTS = Variant(
    id="openllmetry-events",
    module="opentelemetry.instrumentation.openai",
    content_in=frozenset({"logs"}),
    model_keys=("gen_ai.request.model",),
    input_tokens_key="gen_ai.usage.input_tokens",
    output_tokens_key="gen_ai.usage.output_tokens",
    env=(("TRACELOOP_TRACE_CONTENT", "true"),),
    kwargs=(("use_attributes", False),),
)
VARIANTS = (OPENINFERENCE, OPENAI_V2, OPENLLMETRY_ATTRS, OPENLLMETRY_EVENTS)


@pytest.fixture
def instrumented(
    request: pytest.FixtureRequest, telemetry: H.Telemetry, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Variant]:
    """Instrument ``openai`` with the parametrized variant for one test, then undo it."""
    variant: Variant = request.param
    module = pytest.importorskip(variant.module)
    for name in (GENAI_CONTENT_ENV, SEMCONV_ENV, "TRACELOOP_TRACE_CONTENT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variant.env:
        monkeypatch.setenv(name, value)
    instrumentor = module.OpenAIInstrumentor(**dict(variant.kwargs))
    instrumentor.instrument(
        tracer_provider=telemetry.tracer_provider,
        logger_provider=telemetry.logger_provider,
        skip_dep_check=True,
    )
    try:
        yield variant
    finally:
        instrumentor.uninstrument()
        _reset_openllmetry_config()
        H.strip_openai_wrappers()  # OpenLLMetry's uninstrument() leaves its wrappers behind


def _reset_openllmetry_config() -> None:
    """OpenLLMetry keeps its event logger in a class attribute; clear it between tests."""
    config = H.optional_import("opentelemetry.instrumentation.openai.shared.config")
    if config is not None:
        config.Config.event_logger = None
        config.Config.use_legacy_attributes = True


# --- scenarios --------------------------------------------------------------------------------


def _tool_call(client: Any) -> None:
    client.chat.completions.create(model=H.MODEL, messages=H.chat_messages(), tools=[H.WEATHER_TOOL])


def _tool_history(client: Any) -> None:
    client.chat.completions.create(
        model=H.MODEL, messages=H.chat_messages_with_tool_history(), tools=[H.WEATHER_TOOL]
    )


def _stream(client: Any) -> None:
    stream = client.chat.completions.create(
        model=H.MODEL,
        messages=H.chat_messages(),
        stream=True,
        stream_options={"include_usage": True},
    )
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert H.EMAIL in text  # the fake server echoes the prompt


def _stream_tool_call(client: Any) -> None:
    stream = client.chat.completions.create(
        model=H.MODEL,
        messages=H.chat_messages(),
        tools=[H.WEATHER_TOOL],
        stream=True,
        stream_options={"include_usage": True},
    )
    for _ in stream:
        pass


def _error(client: Any) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(
            model=H.MODEL, messages=H.chat_messages(), extra_headers={SCENARIO_HEADER: "error"}
        )
    assert H.EMAIL in str(info.value)  # the error body echoes the request, as real APIs do


def _embeddings(client: Any) -> None:
    result = client.embeddings.create(model=H.EMBEDDING_MODEL, input=H.EMBEDDING_INPUT)
    assert len(result.data[0].embedding) > 0


SCENARIOS: Dict[str, Callable[[Any], None]] = {
    "tool_call": _tool_call,
    "tool_history": _tool_history,
    "stream": _stream,
    "stream_tool_call": _stream_tool_call,
    "error": _error,
    "embeddings": _embeddings,
}


def _cases() -> List[Any]:
    return [
        pytest.param(v, s, id=f"{v.id}-{s}")
        for v in VARIANTS
        for s in SCENARIOS
    ]


def _expects_content(variant: Variant, scenario: str) -> bool:
    return scenario != "embeddings" or variant.embeddings_captures_input


def _sink_bytes(telemetry: H.Telemetry, sink: str) -> bytes:
    return telemetry.span_bytes() if sink == "spans" else telemetry.log_bytes()


def _sink_items(telemetry: H.Telemetry, sink: str) -> Sequence[Any]:
    return telemetry.spans() if sink == "spans" else telemetry.logs()


# --- otel_redact access (written ahead of the API; skips until it lands) ------------------------


def _pii_filter() -> Any:
    otel_redact = pytest.importorskip("otel_redact")
    factory = getattr(otel_redact, "pii_filter", None)
    if factory is None:
        pytest.skip("otel_redact.pii_filter does not exist yet")
    return factory()


def _configure_supports_logs() -> bool:
    otel_redact = pytest.importorskip("otel_redact")
    return "logger_provider" in inspect.signature(otel_redact.configure).parameters


def _configure(telemetry: H.Telemetry, *, logs: bool) -> Any:
    """``configure(span_processors=[pii_filter()], ...)`` on the test's providers."""
    otel_redact = pytest.importorskip("otel_redact")
    kwargs: Dict[str, Any] = {"tracer_provider": telemetry.tracer_provider}
    if logs and _configure_supports_logs():
        kwargs["logger_provider"] = telemetry.logger_provider
    return otel_redact.configure(span_processors=[_pii_filter()], **kwargs)


# --- presence: the harness really sees the raw values ----------------------------------------


@pytest.mark.parametrize("instrumented, scenario", _cases(), indirect=["instrumented"])
def test_raw_pii_present_without_redaction(
    instrumented: Variant, scenario: str, telemetry: H.Telemetry, openai_client: Any
) -> None:
    """Without otel_redact every raw value reaches the OTLP bytes where the variant puts content."""
    SCENARIOS[scenario](openai_client)
    assert telemetry.spans(), "the instrumentation produced no span"
    if not _expects_content(instrumented, scenario):
        # e.g. openai-v2 does not record embedding inputs at all
        assert H.fragments_in_bytes(telemetry.span_bytes() + telemetry.log_bytes()) == []
        return
    if scenario == "error":
        # content sinks carry the prompt; the span carries the echoed error in any case
        H.assert_present(telemetry.span_bytes() + telemetry.log_bytes())
        leaks = H.locate_leaks(telemetry.spans())
        assert any("status.description" in w or "exception" in w for w in leaks), leaks
        return
    for sink in instrumented.content_in:
        H.assert_present(_sink_bytes(telemetry, sink))


@pytest.mark.parametrize("scenario", ["tool_call", "error"])
def test_openai_v2_without_content_capture_still_leaks_errors(
    scenario: str, telemetry: H.Telemetry, openai_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openai-v2 with content capture off: no prompt, but the echoed error reaches status."""
    module = pytest.importorskip("opentelemetry.instrumentation.openai_v2")
    monkeypatch.setenv(SEMCONV_ENV, "gen_ai_latest_experimental")
    monkeypatch.delenv(GENAI_CONTENT_ENV, raising=False)
    instrumentor = module.OpenAIInstrumentor()
    instrumentor.instrument(
        tracer_provider=telemetry.tracer_provider, logger_provider=telemetry.logger_provider
    )
    try:
        SCENARIOS[scenario](openai_client)
    finally:
        instrumentor.uninstrument()
        H.strip_openai_wrappers()
    leaked = H.fragments_in_bytes(telemetry.span_bytes() + telemetry.log_bytes())
    if scenario == "error":
        assert {"email", "phone_us", "card", "api_key"} <= set(leaked)
        (span,) = telemetry.spans()
        assert H.EMAIL in (span.status.description or "")
    else:
        assert leaked == []


# --- absence: configure(span_processors=[pii_filter()]) -----------------------------------------


@pytest.mark.parametrize("instrumented, scenario", _cases(), indirect=["instrumented"])
def test_spans_redacted(
    instrumented: Variant, scenario: str, telemetry: H.Telemetry, openai_client: Any
) -> None:
    """No raw value (nor a distinctive fragment of one) in the exported span bytes."""
    with _configure(telemetry, logs=False):
        SCENARIOS[scenario](openai_client)
    spans = telemetry.spans()
    assert spans
    H.assert_absent(telemetry.span_bytes(), spans, f"{instrumented.id}/{scenario} spans")


@pytest.mark.parametrize(
    "instrumented, scenario",
    [p for p in _cases() if "logs" in p.values[0].content_in],
    indirect=["instrumented"],
)
def test_log_records_redacted(
    instrumented: Variant, scenario: str, telemetry: H.Telemetry, openai_client: Any
) -> None:
    """No raw value in the exported log records (GenAI events go through the Logs API)."""
    supported = _configure_supports_logs()
    with _configure(telemetry, logs=True):
        SCENARIOS[scenario](openai_client)
    logs = telemetry.logs()
    leaked = H.fragments_in_bytes(telemetry.log_bytes())
    if leaked and not supported:
        pytest.xfail(
            "configure() has no logger_provider= yet; log records carry "
            + "; ".join(sorted(set(H.locate_leaks(logs))))
        )
    H.assert_absent(telemetry.log_bytes(), logs, f"{instrumented.id}/{scenario} logs")


def _json_attribute(key: str) -> bool:
    return key in {
        "input.value",
        "output.value",
        "llm.invocation_parameters",
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.tool.definitions",
    } or key.endswith(".function.arguments")


@pytest.mark.parametrize("instrumented, scenario", _cases(), indirect=["instrumented"])
def test_ordinary_content_survives(
    instrumented: Variant, scenario: str, telemetry: H.Telemetry, openai_client: Any
) -> None:
    """Model name, token counts, ordinary prompt words and JSON well-formedness survive."""
    with _configure(telemetry, logs=True):
        SCENARIOS[scenario](openai_client)
    spans = telemetry.spans()
    (span,) = [s for s in spans if s.attributes]
    attrs = dict(span.attributes or {})

    model = H.EMBEDDING_MODEL if scenario == "embeddings" else H.MODEL
    if scenario == "error":  # no response: some put the model only in the request JSON
        assert model in H.all_span_strings(spans), attrs
    else:
        assert any(attrs.get(k) == model for k in instrumented.model_keys), attrs

    if scenario == "embeddings":
        assert attrs.get(instrumented.input_tokens_key) == EMBEDDING_USAGE["prompt_tokens"]
    elif scenario != "error":
        assert attrs.get(instrumented.input_tokens_key) == USAGE["prompt_tokens"]
        assert instrumented.output_tokens_key is not None
        assert attrs.get(instrumented.output_tokens_key) == USAGE["completion_tokens"]

    if _expects_content(instrumented, scenario):
        for sink in instrumented.content_in:
            items = _sink_items(telemetry, sink)
            text = H.all_span_strings(items) if sink == "spans" else H.all_log_strings(items)
            if sink == "logs" and not _configure_supports_logs():
                continue  # unredacted logs trivially keep the words; nothing to learn
            for word in ("weather", "Paris"):
                assert word in text, f"{word!r} lost from {sink}"

    for key, value in attrs.items():
        if isinstance(value, str) and _json_attribute(key) and value[:1] in "[{":
            try:
                json.loads(value)
            except ValueError as exc:
                pytest.fail(f"{key} is no longer valid JSON after redaction: {exc}: {value[:200]}")


@pytest.mark.parametrize(
    "instrumented", [pytest.param(OPENINFERENCE, id=OPENINFERENCE.id)], indirect=True
)
def test_processor_added_after_configure_sees_only_redacted(
    instrumented: Variant, telemetry: H.Telemetry, openai_client: Any
) -> None:
    """An exporter registered after configure() still receives only redacted spans."""
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    late = InMemorySpanExporter()
    with _configure(telemetry, logs=False):
        telemetry.tracer_provider.add_span_processor(SimpleSpanProcessor(late))
        _tool_call(openai_client)
    for exporter in (telemetry.span_exporter, late):
        spans = exporter.get_finished_spans()
        assert spans
        H.assert_absent(H.encode_spans_bytes(spans), spans, "late processor")


@pytest.mark.parametrize(
    "instrumented", [pytest.param(OPENINFERENCE, id=OPENINFERENCE.id)], indirect=True
)
def test_reset_after_context_manager_restores_raw_export(
    instrumented: Variant, telemetry: H.Telemetry, openai_client: Any
) -> None:
    """Leaving ``with configure(...)`` undoes it: the next span is exported raw again."""
    with _configure(telemetry, logs=False):
        _tool_call(openai_client)
    H.assert_absent(telemetry.span_bytes(), telemetry.spans(), "inside configure()")
    telemetry.clear()
    _tool_call(openai_client)
    H.assert_present(telemetry.span_bytes())


@pytest.mark.parametrize(
    "module_name",
    [
        "openinference.instrumentation.openai",
        "opentelemetry.instrumentation.openai_v2",
        "opentelemetry.instrumentation.openai",
    ],
)
def test_uninstrument_removes_wrappers(module_name: str, telemetry: H.Telemetry) -> None:
    """Record which instrumentors really unwrap ``openai`` on ``uninstrument()``.

    OpenLLMetry 0.62.4 does not (see ``strip_openai_wrappers``); that is marked xfail so the
    suite notices when it gets fixed.
    """
    module = pytest.importorskip(module_name)
    H.strip_openai_wrappers()
    instrumentor = module.OpenAIInstrumentor()
    instrumentor.instrument(tracer_provider=telemetry.tracer_provider, skip_dep_check=True)
    instrumentor.uninstrument()
    left = H.strip_openai_wrappers()
    _reset_openllmetry_config()
    if left and module_name == "opentelemetry.instrumentation.openai":
        pytest.xfail(f"OpenLLMetry uninstrument() left {len(left)} wrappers, e.g. {left[:3]}")
    assert left == []

"""Where each tracing convention keeps span type, inputs, outputs and metadata.

Conventions are data: adding one is adding a row to ``CONVENTIONS``. When several
conventions are present on one span, the first row in ``CONVENTIONS`` whose key is
present wins (MLflow, then OpenInference, OTel GenAI, OpenLLMetry, Langfuse).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple

JSON = "json"  # the value is always json.dumps-encoded (MLflow)
MIME = "mime"  # a sibling ``*.mime_type`` attribute says text/plain or application/json
AUTO = "auto"  # a string that parses as a JSON object or array is JSON, else plain text
NATIVE = "native"  # the value is stored as it is (nested attribute values, SDK >= 1.45)
FLAT = "flat"  # the value is spread over indexed keys under a prefix: ``llm.input_messages.0.message.role``

JSON_MIME_TYPE = "application/json"
TEXT_MIME_TYPE = "text/plain"


class SpanType:
    """Span type constants, the same strings as MLflow's ``SpanType``."""

    LLM = "LLM"
    CHAIN = "CHAIN"
    AGENT = "AGENT"
    TOOL = "TOOL"
    CHAT_MODEL = "CHAT_MODEL"
    RETRIEVER = "RETRIEVER"
    PARSER = "PARSER"
    EMBEDDING = "EMBEDDING"
    RERANKER = "RERANKER"
    MEMORY = "MEMORY"
    UNKNOWN = "UNKNOWN"
    WORKFLOW = "WORKFLOW"
    TASK = "TASK"
    GUARDRAIL = "GUARDRAIL"
    EVALUATOR = "EVALUATOR"


@dataclass(frozen=True)
class Field:
    """One attribute that holds a span's inputs, outputs or metadata."""

    key: str
    encoding: str
    mime_key: Optional[str] = None


@dataclass(frozen=True)
class Convention:
    """How one instrumentation convention lays out a span."""

    name: str
    span_type_key: Optional[str] = None
    span_type_encoding: str = NATIVE
    span_types: Mapping[str, str] = field(default_factory=dict)
    inputs: Tuple[Field, ...] = ()
    outputs: Tuple[Field, ...] = ()
    metadata: Tuple[Field, ...] = ()
    metadata_prefixes: Tuple[str, ...] = ()


def _same_names(*names: str) -> dict[str, str]:
    return {name.lower(): name for name in names}


_MLFLOW_TYPES = _same_names(
    SpanType.LLM, SpanType.CHAIN, SpanType.AGENT, SpanType.TOOL, SpanType.CHAT_MODEL,
    SpanType.RETRIEVER, SpanType.PARSER, SpanType.EMBEDDING, SpanType.RERANKER,
    SpanType.MEMORY, SpanType.UNKNOWN, SpanType.WORKFLOW, SpanType.TASK,
    SpanType.GUARDRAIL, SpanType.EVALUATOR,
)

_OPENINFERENCE_TYPES = {
    **_same_names(
        SpanType.LLM, SpanType.CHAIN, SpanType.TOOL, SpanType.RETRIEVER, SpanType.EMBEDDING,
        SpanType.AGENT, SpanType.RERANKER, SpanType.GUARDRAIL, SpanType.EVALUATOR,
        SpanType.UNKNOWN,
    ),
    "prompt": SpanType.LLM,
    "decision": SpanType.CHAIN,
}

_GENAI_OPERATIONS = {
    "chat": SpanType.CHAT_MODEL,
    "generate_content": SpanType.LLM,
    "text_completion": SpanType.LLM,
    "embeddings": SpanType.EMBEDDING,
    "retrieval": SpanType.RETRIEVER,
    "create_agent": SpanType.AGENT,
    "invoke_agent": SpanType.AGENT,
    "execute_tool": SpanType.TOOL,
    "invoke_workflow": SpanType.WORKFLOW,
}

_TRACELOOP_KINDS = {
    "workflow": SpanType.WORKFLOW,
    "task": SpanType.TASK,
    "agent": SpanType.AGENT,
    "tool": SpanType.TOOL,
    "unknown": SpanType.UNKNOWN,
}

_TRACELOOP_REQUEST_TYPES = {
    "chat": SpanType.CHAT_MODEL,
    "completion": SpanType.LLM,
    "embedding": SpanType.EMBEDDING,
    "rerank": SpanType.RERANKER,
}

_LANGFUSE_TYPES = {
    **_same_names(
        SpanType.AGENT, SpanType.TOOL, SpanType.CHAIN, SpanType.RETRIEVER, SpanType.EMBEDDING,
        SpanType.EVALUATOR, SpanType.GUARDRAIL,
    ),
    "generation": SpanType.LLM,
    "span": SpanType.UNKNOWN,
    "event": SpanType.UNKNOWN,
}

# Order is precedence: when a span carries several conventions, the first present wins,
# for the span type and for each of inputs, outputs and metadata separately.
CONVENTIONS: Tuple[Convention, ...] = (
    Convention(
        name="mlflow",
        span_type_key="mlflow.spanType",
        span_type_encoding=JSON,
        span_types=_MLFLOW_TYPES,
        inputs=(Field("mlflow.spanInputs", JSON),),
        outputs=(Field("mlflow.spanOutputs", JSON),),
        metadata_prefixes=("mlflow.traceTag.",),
    ),
    Convention(
        name="openinference",
        span_type_key="openinference.span.kind",
        span_types=_OPENINFERENCE_TYPES,
        inputs=(
            Field("input.value", MIME, "input.mime_type"),
            Field("llm.input_messages.", FLAT),
            Field("llm.prompts.", FLAT),
            Field("embedding.embeddings.", FLAT),
        ),
        outputs=(
            Field("output.value", MIME, "output.mime_type"),
            Field("llm.output_messages.", FLAT),
            Field("llm.choices.", FLAT),
            Field("retrieval.documents.", FLAT),
            Field("reranker.output_documents.", FLAT),
        ),
        metadata=(Field("metadata", AUTO),),
    ),
    Convention(
        name="otel_genai",
        span_type_key="gen_ai.operation.name",
        span_types=_GENAI_OPERATIONS,
        inputs=(
            Field("gen_ai.input.messages", AUTO),
            Field("gen_ai.tool.call.arguments", AUTO),
            Field("gen_ai.retrieval.query.text", AUTO),
            Field("gen_ai.prompt", AUTO),
        ),
        outputs=(
            Field("gen_ai.output.messages", AUTO),
            Field("gen_ai.tool.call.result", AUTO),
            Field("gen_ai.retrieval.documents", AUTO),
            Field("gen_ai.completion", AUTO),
        ),
    ),
    Convention(
        name="openllmetry",
        span_type_key="traceloop.span.kind",
        span_types=_TRACELOOP_KINDS,
        inputs=(Field("traceloop.entity.input", AUTO), Field("gen_ai.prompt.", FLAT)),
        outputs=(Field("traceloop.entity.output", AUTO), Field("gen_ai.completion.", FLAT)),
        metadata_prefixes=("traceloop.association.properties.",),
    ),
    Convention(
        name="openllmetry_llm",
        span_type_key="llm.request.type",
        span_types=_TRACELOOP_REQUEST_TYPES,
    ),
    Convention(
        name="langfuse",
        span_type_key="langfuse.observation.type",
        span_types=_LANGFUSE_TYPES,
        inputs=(Field("langfuse.observation.input", AUTO), Field("langfuse.trace.input", AUTO)),
        outputs=(Field("langfuse.observation.output", AUTO), Field("langfuse.trace.output", AUTO)),
        metadata_prefixes=("langfuse.observation.metadata.", "langfuse.trace.metadata."),
    ),
)


def span_type_of(attributes: Mapping[str, Any]) -> Optional[str]:
    """The span type the first matching convention gives, or None."""
    for convention in CONVENTIONS:
        key = convention.span_type_key
        if key is None or key not in attributes:
            continue
        raw = attributes[key]
        if convention.span_type_encoding == JSON and isinstance(raw, str):
            raw = _loads_or_same(raw)
        if not isinstance(raw, str):
            continue
        return convention.span_types.get(raw.lower(), raw)
    return None


def span_type_attribute(attributes: Mapping[str, Any], span_type: str) -> tuple[str, str]:
    """The key and encoded value that record ``span_type`` in the span's own convention."""
    for convention in CONVENTIONS:
        key = convention.span_type_key
        if key is not None and key in attributes:
            return key, _encode_span_type(convention, span_type)
    first = CONVENTIONS[0]
    assert first.span_type_key is not None
    return first.span_type_key, _encode_span_type(first, span_type)


def _encode_span_type(convention: Convention, span_type: str) -> str:
    """``span_type`` in the convention's own vocabulary (``TOOL`` -> ``execute_tool``)."""
    raw = next((raw for raw, mapped in convention.span_types.items() if mapped == span_type), span_type)
    if raw.lower() == span_type.lower():
        raw = span_type
    return json.dumps(raw) if convention.span_type_encoding == JSON else raw


def find_field(attributes: Mapping[str, Any], role: str) -> Optional[Field]:
    """The attribute holding ``role`` ("inputs", "outputs" or "metadata"), or None."""
    for convention in CONVENTIONS:
        for candidate in getattr(convention, role):
            if candidate.encoding == FLAT:
                if any(key.startswith(candidate.key) for key in attributes):
                    return candidate
            elif candidate.key in attributes:
                return candidate
    return None


def default_field(role: str) -> Field:
    """Where to write ``role`` on a span that carries no convention yet (MLflow's place)."""
    fields: Tuple[Field, ...] = getattr(CONVENTIONS[0], role)
    if fields:
        return fields[0]
    return Field("metadata", AUTO)


def metadata_prefixes() -> Tuple[str, ...]:
    """Every flattened metadata prefix, e.g. ``mlflow.traceTag.``."""
    return tuple(prefix for c in CONVENTIONS for prefix in c.metadata_prefixes)


def is_json_encoded(field_: Field, attributes: Mapping[str, Any]) -> bool:
    """Whether the value stored at ``field_`` is JSON text, by the field's rule."""
    value = attributes.get(field_.key)
    if field_.encoding == JSON:
        return True
    if field_.encoding == MIME:
        mime = attributes.get(field_.mime_key or "")
        if isinstance(mime, str):
            return mime.split(";")[0].strip().lower() == JSON_MIME_TYPE
        return isinstance(value, str) and _looks_like_json_container(value)
    if field_.encoding == AUTO:
        return isinstance(value, str) and _looks_like_json_container(value)
    return False


def decode(field_: Field, attributes: Mapping[str, Any]) -> Any:
    """The value at ``field_`` as Python data (a fresh copy, safe to change)."""
    if field_.encoding == FLAT:
        return unflatten(field_.key, attributes)
    value = attributes.get(field_.key)
    if isinstance(value, str):
        if is_json_encoded(field_, attributes):
            return _loads_or_same(value)
        return value
    return thaw(value)


def encode(field_: Field, attributes: Mapping[str, Any], value: Any) -> dict[str, Any]:
    """The attribute updates that store ``value`` at ``field_`` in the encoding it came in."""
    if field_.encoding == FLAT:
        updates: dict[str, Any] = {key: None for key in attributes if key.startswith(field_.key)}
        updates.update(flatten(field_.key, value))
        return updates
    current = attributes.get(field_.key)
    if field_.encoding == JSON:
        return {field_.key: dumps(value)}
    if current is not None and not isinstance(current, str) and not isinstance(value, str):
        return {field_.key: freeze(value)}
    if field_.encoding == MIME:
        if isinstance(value, str) and not is_json_encoded(field_, attributes):
            return {field_.key: value}
        updates = {field_.key: dumps(value)}
        if field_.mime_key is not None:
            updates[field_.mime_key] = JSON_MIME_TYPE
        return updates
    if isinstance(value, str):
        return {field_.key: value}
    return {field_.key: dumps(value)}


def unflatten(prefix: str, attributes: Mapping[str, Any]) -> Any:
    """Indexed keys under ``prefix`` as nested data: ``0.message.role`` -> ``[{"message": {"role": ...}}]``."""
    root: dict = {}
    for key, value in attributes.items():
        if not key.startswith(prefix):
            continue
        node = root
        parts = key[len(prefix):].split(".")
        for part in parts[:-1]:
            child = node.get(part)
            node[part] = child = child if isinstance(child, dict) else {}
            node = child
        node[parts[-1]] = thaw(value)
    return _lists_from_indexes(root)


def _lists_from_indexes(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    converted = {key: _lists_from_indexes(child) for key, child in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


def flatten(prefix: str, value: Any) -> dict[str, Any]:
    """``value`` spread over indexed keys under ``prefix`` (the inverse of :func:`unflatten`)."""
    if isinstance(value, Mapping):
        items: Any = ((str(key), child) for key, child in value.items())
    elif isinstance(value, (list, tuple)):
        items = ((str(index), child) for index, child in enumerate(value))
    else:
        return {prefix.rstrip("."): value}
    flat: dict[str, Any] = {}
    for key, child in items:
        if isinstance(child, (Mapping, list, tuple)) and child:
            flat.update(flatten(f"{prefix}{key}.", child))
        else:
            flat[f"{prefix}{key}"] = child
    return flat


def dumps(value: Any) -> str:
    """JSON text for any value; objects JSON cannot encode become their ``str()``."""
    return json.dumps(value, default=str, ensure_ascii=False)


def thaw(value: Any) -> Any:
    """A mutable deep copy of an attribute value: tuples become lists, mappings dicts."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [thaw(v) for v in value]
    return value


def freeze(value: Any) -> Any:
    """An attribute value as the SDK stores nested data: lists become tuples."""
    if isinstance(value, Mapping):
        return {str(k): freeze(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return tuple(freeze(v) for v in value)
    return value


def _looks_like_json_container(text: str) -> bool:
    stripped = text.lstrip()
    return stripped[:1] in ("{", "[")


def _loads_or_same(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text

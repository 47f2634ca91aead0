"""Hide switches for a span's inputs, outputs and metadata, with LangSmith's semantics.

Each switch is ``True`` (replace by ``{}``), ``False`` (keep), or a callable that gets the
value and returns the new one; a callable that raises hides the value (``{}``). ``None``
reads ``OTEL_REDACT_HIDE_INPUTS`` / ``_OUTPUTS`` / ``_METADATA`` (true/false/1/0/yes/no).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any, Callable, Mapping, Set, Union

if TYPE_CHECKING:
    from otel_redact._span import Span

__all__ = ["HIDE_ENV", "Hide", "hide_filter"]

Hide = Union[bool, Callable[[Any], Any], None]

HIDE_ENV = {
    "inputs": "OTEL_REDACT_HIDE_INPUTS",
    "outputs": "OTEL_REDACT_HIDE_OUTPUTS",
    "metadata": "OTEL_REDACT_HIDE_METADATA",
}

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})

_logger = logging.getLogger("otel_redact")


def _from_env(name: str) -> bool:
    raw = os.environ.get(name, "")
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={raw!r} is not a boolean; use true/false, 1/0 or yes/no")


def _resolve(part: str, hide: Hide) -> Union[bool, Callable[[Any], Any]]:
    if hide is None:
        return _from_env(HIDE_ENV[part])
    if isinstance(hide, bool) or callable(hide):
        return hide
    raise ValueError(f"hide_{part} must be True, False, None or a callable, got {type(hide).__name__}")


def _hidden(part: str, hide: Union[bool, Callable[[Any], Any]], value: Any, logged: Set[str]) -> Any:
    """The value to write back for ``value``; a raising callable hides it (logged once per part)."""
    if hide is True:
        return {}
    try:
        return hide(value)  # type: ignore[operator]
    except Exception as exc:
        if part not in logged:
            logged.add(part)
            _logger.warning("hide_%s callable raised %s; the %s were hidden", part, type(exc).__name__, part)
        return {}


def hide_filter(
    hide_inputs: Hide = None, hide_outputs: Hide = None, hide_metadata: Hide = None
) -> Callable[[Span], None]:
    """A span filter hiding the span's inputs, outputs and/or metadata.

    ``True`` replaces the value by ``{}``, ``False`` keeps it, a callable transforms it
    (``f(value) -> new value``; if it raises, the value becomes ``{}``). ``None`` reads
    ``OTEL_REDACT_HIDE_INPUTS``, ``OTEL_REDACT_HIDE_OUTPUTS`` or ``OTEL_REDACT_HIDE_METADATA``
    now; a value other than true/false/1/0/yes/no raises ``ValueError``. Spans without the
    part are left alone.
    """
    inputs = _resolve("inputs", hide_inputs)
    outputs = _resolve("outputs", hide_outputs)
    metadata = _resolve("metadata", hide_metadata)
    logged: Set[str] = set()

    def hide(span: Span) -> None:
        if inputs is not False:
            value = span.inputs
            if value is not None:
                span.set_inputs(_hidden("inputs", inputs, value, logged))
        if outputs is not False:
            value = span.outputs
            if value is not None:
                span.set_outputs(_hidden("outputs", outputs, value, logged))
        if metadata is not False:
            value = span.metadata
            if value:
                new = _hidden("metadata", metadata, value, logged)
                span.set_metadata(new if isinstance(new, Mapping) else {})

    return hide

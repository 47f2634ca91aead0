"""Running filter functions on a span, and failing closed when one raises."""

from __future__ import annotations

import functools
import inspect
import re
import logging
import threading
import weakref
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Optional, Set, Tuple, TypeVar

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace.status import Status

from otel_redact._detectors import default_detectors
from otel_redact._metrics import global_metrics
from otel_redact._validators import SMALLEST_PHONE_SIZED
from otel_redact._span import Span, rebuilt_event, rebuilt_link, redacted_copy

__all__ = [
    "DROP", "Filter", "FilterChain", "ON_ERROR_CHOICES", "PLACEHOLDER", "REDACT", "blank", "blank_all",
    "blank_value", "check_filters", "check_on_error", "failed_attributes", "filter_name", "finish", "first_failure",
    "log_failure_once", "run_filters",
]

Filter = Callable[[Span], None]
F = TypeVar("F", bound=Callable[..., Any])

_logger = logging.getLogger("otel_redact")

PLACEHOLDER = "[REDACTED]"
REDACT = "redact"
DROP = "drop"
ON_ERROR_CHOICES = (REDACT, DROP)

# String attributes that describe the shape of the work, never its content: kept when a
# filter fails and everything else is replaced by the placeholder (if the built-in detectors
# find nothing in them: an http.route that is a raw path may hold an e-mail).
STRUCTURAL_KEYS = frozenset(
    {
        "mlflow.spanType",
        "openinference.span.kind",
        "input.mime_type",
        "output.mime_type",
        "llm.model_name",
        "llm.provider",
        "llm.system",
        "gen_ai.operation.name",
        "gen_ai.system",
        "gen_ai.provider.name",
        "gen_ai.request.model",
        "gen_ai.response.model",
        "gen_ai.response.finish_reasons",
        "gen_ai.output.type",
        "traceloop.span.kind",
        "llm.request.type",
        "http.method",
        "http.request.method",
        "http.route",
        "url.scheme",
        "rpc.system",
        "rpc.service",
        "rpc.method",
        "db.system",
        "error.type",
        "exception.type",
        "otel_redact.error.filter",
        "otel_redact.error.type",
    }
)

BLANK_MAX_DEPTH = 32
"""Nesting depth beyond which a failed span's nested value is replaced whole."""

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,63}\Z")
_ATTRIBUTE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,255}\Z")
"""An attribute key kept on a failed span (if the detectors find nothing in it): the
conventions' flattened keys run longer than an event name or a nested key."""

# Filters whose failure was logged: held weakly, so that a new filter that happens to get a
# dead one's id is still logged; by id only for objects that cannot be weakly referenced.
_failed_filters: "weakref.WeakSet[Any]" = weakref.WeakSet()
_failed_ids: Set[int] = set()
_failed_lock = threading.Lock()


def filter_name(fn: Any) -> str:
    """A name for a filter in messages: its qualified name, never its data."""
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    return str(name) if name else type(fn).__qualname__


def check_filters(filters: Iterable[F]) -> Tuple[F, ...]:
    """The filters as a tuple, each checked to be callable with exactly one argument."""
    if isinstance(filters, (str, bytes)) or not isinstance(filters, Iterable):
        raise TypeError(f"otel-redact: span_processors must be a list of functions, got {type(filters).__name__}")
    checked = []
    for fn in filters:
        name = filter_name(fn)
        if not callable(fn):
            raise TypeError(f"otel-redact: span processor {name!r} is not callable (got a {type(fn).__name__})")
        try:
            signature = inspect.signature(fn)
        except (TypeError, ValueError):
            checked.append(fn)  # a builtin without an inspectable signature: trust it
            continue
        try:
            signature.bind(None)
        except TypeError:
            raise TypeError(
                f"otel-redact: span processor {name!r} must take exactly one positional argument "
                f"(the span), but its signature is {signature}"
            ) from None
        checked.append(fn)
    return tuple(checked)


def run_filters(source: ReadableSpan, filters: Tuple[Filter, ...], on_error: str) -> Optional[Span]:
    """The span facade after all filters: over a placeholder span if one raised, None to drop."""
    facade = Span(source)
    failure = first_failure(facade, filters, on_error)
    if failure is None:
        return facade
    if on_error == DROP:
        global_metrics().dropped()
        return None
    return Span(_fail_closed(source, *failure))


def first_failure(target: Any, filters: Tuple[Filter, ...], on_error: str) -> Optional[Tuple[Any, Exception]]:
    """Run ``filters`` on ``target`` in order; the first that raises and its error (logged once)."""
    for fn in filters:
        try:
            fn(target)
        except Exception as error:  # noqa: BLE001 - fail closed on anything a filter does
            log_failure_once(fn, error, on_error)
            return fn, error
    return None


def finish(facade: Span, on_error: str) -> Optional[ReadableSpan]:
    """The span as the filters left it, failing closed if they left values the SDK cannot hold."""
    try:
        return facade._to_readable()
    except Exception as error:  # noqa: BLE001
        log_failure_once(finish, error, on_error)
        if on_error == DROP:
            global_metrics().dropped()
            return None
        return _fail_closed(facade._source, finish, error)


class FilterChain(NamedTuple):
    """Checked filter functions, with the ``redacted_readable`` hook of each (None where it
    has none) looked up once: one object, so that a thread never pairs new filters with old hooks."""

    filters: Tuple[Filter, ...]
    hooks: Tuple[Optional[Callable[[ReadableSpan], Any]], ...]
    in_place: bool = False
    """Whether spans are handed to the chain alone: then hooks that take an ``in_place``
    keyword are asked to change the span they get instead of copying it."""
    uses_hooks: bool = True
    """Whether hooks are looked up at all: not for log records, which no hook takes (each
    filter then runs on a facade)."""

    @classmethod
    def of(cls, filters: Iterable[Filter], *, in_place: bool = False, hooks: bool = True) -> "FilterChain":
        """The chain of ``filters``, checked (see :func:`check_filters`), with their hooks
        looked up for ``in_place`` unless ``hooks`` is false."""
        return cls(check_filters(filters), (), uses_hooks=hooks).handed_alone(in_place)

    def handed_alone(self, in_place: bool) -> "FilterChain":
        """The same filters, with their hooks looked up for ``in_place`` (all None without
        :attr:`uses_hooks`)."""
        if not self.uses_hooks:
            return self._replace(hooks=(None,) * len(self.filters), in_place=in_place)
        return self._replace(hooks=tuple(_hook(fn, in_place) for fn in self.filters), in_place=in_place)

    def apply(self, source: ReadableSpan, on_error: str) -> Optional[ReadableSpan]:
        """The span after all filters, a placeholder span if one raised, or None to drop it.

        A filter with a ``redacted_readable(span) -> ReadableSpan | None`` hook (``pii_filter``
        has one) works on the ended span itself: the hook answers ``span`` when the filter
        would change nothing, a new span with the same identity when it changes something,
        None when it needs a facade. From the first filter whose hook answers None, raises,
        answers something else or names another span, the rest run on a facade. Never
        raises: if not even the placeholder span can be built, the span is dropped.
        """
        try:
            span = source
            for position, hook in enumerate(self.hooks):
                result = None
                if hook is not None:  # inline: this runs on every span
                    try:
                        answer = hook(span)
                        if answer is span or (isinstance(answer, ReadableSpan) and answer.context == span.context):
                            result = answer
                    except Exception:  # noqa: BLE001 - the filter itself runs instead
                        pass
                if result is None:
                    facade = run_filters(span, self.filters[position:], on_error)
                    return None if facade is None else finish(facade, on_error)
                span = result
            return span
        except Exception as error:  # noqa: BLE001 - the span end must never raise in the application
            log_failure_once(FilterChain.apply, error, DROP)  # logged once, counted every time
            global_metrics().dropped()
            return None


def _hook(fn: Filter, in_place: bool) -> Optional[Callable[[ReadableSpan], Any]]:
    """``fn``'s ``redacted_readable`` hook, told ``in_place=True`` when ``in_place`` and it
    takes that keyword. None if it has none, or if its class's ``__call__`` comes from a
    class more derived than the hook (a subclass's own ``__call__``, or a mixin's): the
    hook would skip what that ``__call__`` adds."""
    hook = getattr(fn, "redacted_readable", None)
    if hook is None or _overridden_call(type(fn)):
        return None
    if not in_place:
        return hook
    try:
        parameter = inspect.signature(hook).parameters.get("in_place")
    except (TypeError, ValueError):  # no inspectable signature: asked the plain way
        return hook
    if parameter is None or parameter.kind not in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD):
        return hook
    return functools.partial(hook, in_place=True)


def _overridden_call(cls: type) -> bool:
    """Whether ``cls`` takes ``__call__`` from a class more derived than the one its
    ``redacted_readable`` comes from (a hook set on an instance whose class has none is trusted)."""
    call = _defined_at(cls, "__call__")
    hook = _defined_at(cls, "redacted_readable")
    return hook is not None and call is not None and call < hook


def _defined_at(cls: type, name: str) -> Optional[int]:
    """Where in ``cls``'s method resolution order the attribute ``name`` is defined, if it is."""
    return next((index for index, klass in enumerate(cls.__mro__) if name in vars(klass)), None)


def check_on_error(value: str) -> str:
    """``value`` if it is a valid ``on_error`` choice, else a ValueError."""
    if value not in ON_ERROR_CHOICES:
        raise ValueError(f"otel-redact: on_error must be one of {ON_ERROR_CHOICES}, got {value!r}")
    return value


def log_failure_once(fn: Any, error: BaseException, on_error: str) -> None:
    """Count a failure of ``fn`` (every time) and log it (once per filter), never with data."""
    global_metrics().filter_failure(filter_name(fn))
    with _failed_lock:
        try:
            if fn in _failed_filters:
                return
            _failed_filters.add(fn)
        except TypeError:
            if id(fn) in _failed_ids:
                return
            _failed_ids.add(id(fn))
    action = "dropped" if on_error == DROP else "exported with every content value replaced"
    _logger.error(
        "otel-redact: filter %s raised %s; the span or log record was %s (logged once per filter)",
        filter_name(fn),
        type(error).__name__,
        action,
    )


def _fail_closed(source: ReadableSpan, fn: Any, error: BaseException) -> ReadableSpan:
    """The source span with every content string replaced by the placeholder."""
    description = source.status.description
    return redacted_copy(
        source,
        PLACEHOLDER,
        failed_attributes(source.attributes, fn, error),
        tuple(rebuilt_event(e, blank_all(e.attributes), blank_name(e.name)) for e in source.events),
        tuple(rebuilt_link(link, blank_all(link.attributes)) for link in source.links),
        Status(source.status.status_code, PLACEHOLDER if description else None),
    )


def failed_attributes(attributes: Optional[Mapping[str, Any]], fn: Any, error: BaseException) -> dict:
    """``attributes`` blanked, marked with the filter that failed and its error type (never its message)."""
    blanked = blank_all(attributes)
    blanked["otel_redact.error"] = True
    blanked["otel_redact.error.filter"] = filter_name(fn)
    blanked["otel_redact.error.type"] = type(error).__name__
    return blanked


def blank_all(attributes: Optional[Mapping[str, Any]]) -> dict:
    """Attributes with every content string replaced by the placeholder, and every key
    that does not read like a field name (``user.jane.doe@example.com``) too."""
    return {
        _blank_key(key, index, _ATTRIBUTE_KEY): blank(key, value) for index, (key, value) in enumerate((attributes or {}).items())
    }


def blank(key: str, value: Any) -> Any:
    """The value of attribute ``key`` with its content replaced, unless the key is structural
    (and a string value holds nothing the built-in detectors find)."""
    if key in STRUCTURAL_KEYS and (
        isinstance(value, (bool, int, float)) or (isinstance(value, str) and _nothing_found(value))
    ):
        return value
    return blank_value(value)


def blank_name(name: str) -> str:
    """An event's name, kept if it reads like one (``exception``, ``gen_ai.choice``), else the placeholder."""
    return name if _reads_like_a_name(name, _IDENTIFIER) else PLACEHOLDER


def _nothing_found(text: str) -> bool:
    """Whether the built-in detectors find nothing in ``text`` (False if they fail too)."""
    try:
        return not default_detectors().find(text)
    except Exception:  # noqa: BLE001 - failing closed, whatever the detectors do
        return False


def blank_value(value: Any, depth: int = 0) -> Any:
    """``value`` with every string (and nested data key) replaced by the placeholder, and
    every integer as long as a phone or card number (7 digits or more).

    Containers nested deeper than :data:`BLANK_MAX_DEPTH` become the placeholder whole.
    """
    if isinstance(value, (str, bytes)) or (isinstance(value, int) and not isinstance(value, bool) and abs(value) >= SMALLEST_PHONE_SIZED):
        return PLACEHOLDER
    if isinstance(value, (Mapping, tuple, list)) and depth >= BLANK_MAX_DEPTH:
        return PLACEHOLDER
    if isinstance(value, Mapping):
        return {_blank_key(k, i, _IDENTIFIER): blank_value(v, depth + 1) for i, (k, v) in enumerate(value.items())}
    if isinstance(value, (tuple, list)):
        return tuple(blank_value(v, depth + 1) for v in value)
    return value


def _blank_key(key: Any, index: int, field_name: "re.Pattern[str]") -> str:
    """A key kept only if it looks like a field name (matches ``field_name``), not like data
    (an API key looks like an identifier: the built-in detectors must find nothing in it)."""
    return key if isinstance(key, str) and _reads_like_a_name(key, field_name) else f"{PLACEHOLDER}_{index}"


def _reads_like_a_name(text: str, name: "re.Pattern[str]") -> bool:
    """Whether ``text`` matches the ``name`` pattern and holds nothing the built-in detectors
    find (an API key looks like an identifier too)."""
    return name.match(text) is not None and _nothing_found(text)

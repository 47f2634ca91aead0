"""``pii_filter()``: the ready-made filter that redacts every string a span carries."""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from types import MappingProxyType
from typing import Any, Callable, Collection, Iterable, List, Mapping, MutableMapping, NamedTuple, Optional, Sequence, Tuple, TypeVar

import regex
from opentelemetry.metrics import MeterProvider
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.trace import Link
from opentelemetry.trace.status import Status

from otel_redact._anonymizer import REMOVE, TextRedactor
from otel_redact._conventions import span_type_of
from otel_redact._filters import PLACEHOLDER
from otel_redact._keys import KeyVerdicts
from otel_redact._logs import LogRecordView
from otel_redact._metrics import metrics_for
from otel_redact._span import Span, ended_parts, plain_attributes, rebuilt_event, rebuilt_link, redacted_copy
from otel_redact._tally import Summary, Tally

__all__ = ["PiiFilter", "pii_filter"]

COUNT_ATTRIBUTE = "otel_redact.redacted_count"
_REDACTOR_OPTIONS = frozenset(inspect.signature(TextRedactor).parameters)
TYPES_ATTRIBUTE = "otel_redact.redacted_types"

_Changes = Sequence[Tuple[str, Any]]
"""Attribute changes: ``(key, new value)``, :data:`REMOVE` for a key to delete."""

class _Redaction(NamedTuple):
    """What redaction changes in a span or log record, each part the same object where it stays."""

    name: str
    changes: _Changes
    """The attribute changes."""
    event_names: Optional[List[Optional[str]]]
    """None when no event's name changes; else one per event, None for those that stay."""
    event_changes: Optional[List[_Changes]]
    """None when no event's attributes change; else one list per event, empty for those that stay."""
    link_changes: Optional[List[_Changes]]
    """As ``event_changes``, for the links."""
    description: Optional[str]
    """The status description."""
    body: Any
    """The log body (None on an ended span)."""
    summary: Optional[Summary]
    """The summary of the findings."""


class PiiFilter:
    """A filter running detectors over a span's name, attributes, events, links and status
    (and over a log record's body and attributes)."""

    def __init__(
        self,
        *,
        span_types: Optional[Iterable[str]] = None,
        include_keys: Optional[str] = None,
        exclude_keys: Optional[str] = None,
        summary: bool = True,
        meter_provider: Optional[MeterProvider] = None,
        **redactor_options: Any,
    ) -> None:
        unknown = sorted(set(redactor_options) - _REDACTOR_OPTIONS)
        if unknown:
            raise TypeError(
                f"otel-redact: pii_filter() got unknown option(s) {unknown}; options are "
                f"{sorted(_REDACTOR_OPTIONS | {'span_types', 'include_keys', 'exclude_keys', 'summary', 'meter_provider'})}"
            )
        self._redactor = TextRedactor(**redactor_options)
        self._span_types = None if span_types is None else frozenset(span_types)
        self._include = _compile_key_pattern("include_keys", include_keys)
        self._exclude = _compile_key_pattern("exclude_keys", exclude_keys)
        self._out_of_scope = KeyVerdicts(self._key_is_out_of_scope, max_length=sys.maxsize)
        """Every key's verdict; its ``plain`` set holds the keys in scope."""
        self._summary = summary
        self._metrics = metrics_for(meter_provider)

    def __call__(self, span: Span) -> None:
        if self._span_types is not None and span.span_type not in self._span_types:
            return
        name, description = span.name, span.status_description
        events, links = span._events_and_links()
        body = span.body if isinstance(span, LogRecordView) else None
        attributes = span._attributes.current()
        unsettled = self._redactor.unsettled(self._in_scope(attributes))
        redaction = self._redaction(name, attributes, unsettled, events, links, description, body)
        if redaction is None:
            return
        redacted_name, changes, event_names, event_changes, link_changes, redacted_description, redacted_body, summary = redaction
        if redacted_name is not name:
            span.name = redacted_name
        _apply(span._attributes, changes)
        if event_names is not None:
            for event, event_name in zip(events, event_names):
                if event_name is not None:
                    event.name = event_name
        for items, all_changes in ((events, event_changes), (links, link_changes)):
            if all_changes is not None:
                for item, item_changes in zip(items, all_changes):
                    _apply(item.attributes, item_changes)
        if redacted_body is not body and isinstance(span, LogRecordView):  # only a record has a body
            span.body = redacted_body
        if redacted_description is not description:
            span.status_description = redacted_description
        if summary is not None:
            self._note(span._attributes, summary)
            self._metrics.redactions(summary.counts)

    def redacted_readable(self, span: ReadableSpan, *, in_place: bool = False) -> ReadableSpan:
        """The ended ``span`` as this filter leaves it, made without a facade: ``span`` itself
        when nothing changes, else a new span with the same identity; with ``in_place`` (the
        caller hands over the only reference to ``span``), the SDK's ``ReadableSpan`` changed."""
        name, attributes, events, links, status = ended_parts(span)
        if self._span_types is not None and span_type_of(attributes) not in self._span_types:
            return span
        description = status.description
        redactor = self._redactor
        unsettled = redactor.unsettled(self._in_scope(attributes))
        attributes_only = not (events or links or description) and redactor.seen_clean(name)
        if attributes_only and not unsettled:
            return span  # the common case: everything seen clean before
        signature = redactor.signature(unsettled) if attributes_only else None
        known = None if signature is None else redactor.remembered_changes(signature)
        if known is None:
            redaction = self._redaction(name, attributes, unsettled, events, links, description)
            if redaction is None:
                return span
            if signature is not None:
                redactor.remember_changes(signature, redaction.changes, redaction.summary)
            redacted_name, changes, event_names, event_changes, link_changes, redacted_description, _, summary = redaction
        else:  # the same strings under the same keys, seen together before: their changes as then
            changes, summary = known
            redacted_name, event_names, event_changes, link_changes, redacted_description = name, None, None, None, description
        redacted_attributes = dict(attributes)
        _apply(redacted_attributes, changes)
        if summary is not None:
            self._note(redacted_attributes, summary)
        if event_changes is not None or event_names is not None:
            events = _rebuilt(events, event_changes, rebuilt_event, event_names)
        if link_changes is not None:
            links = _rebuilt(links, link_changes, rebuilt_link)
        if redacted_description is not description:
            status = Status(status.status_code, redacted_description or None)
        redacted = redacted_copy(
            span, redacted_name, MappingProxyType(redacted_attributes), events, links, status, in_place=in_place
        )
        if summary is not None:  # counted once the copy exists: were it to fail, the facade path counts
            self._metrics.redactions(summary.counts)
        return redacted

    def _redaction(
        self,
        name: str,
        attributes: Mapping[str, Any],
        unsettled: Collection[Tuple[str, Any]],
        events: Sequence[Any],
        links: Sequence[Any],
        description: Optional[str],
        body: Any = None,
    ) -> Optional[_Redaction]:
        """What redaction changes in a span's (or a log record's) ``name``, its ``unsettled``
        ``attributes`` (see :meth:`TextRedactor.unsettled`), the attributes of its ``events``
        and ``links`` (anything with ``attributes``), its status ``description`` and a log
        ``body``; None when it neither changes nor counts anything."""
        redactor = self._redactor
        counter = Tally()
        redacted_name = self._redacted_name(name, counter)
        changes = redactor.changed_items(unsettled, attributes, counter)
        event_names = self._event_names(events, counter) if events else None
        event_changes = self._annotation_changes(events, counter) if events else None
        link_changes = self._annotation_changes(links, counter) if links else None
        redacted_description = self._redacted_text(description, counter) if description else description
        redacted_body = body if body is None else self._redacted_text(body, counter)
        summary = counter.summary()
        if (
            redacted_name is name
            and not changes
            and event_names is None
            and event_changes is None
            and link_changes is None
            and redacted_description is description
            and redacted_body is body
            and summary is None  # a strategy may leave a finding as it was: still summarised and counted
        ):
            return None
        return _Redaction(redacted_name, changes, event_names, event_changes, link_changes, redacted_description, redacted_body, summary)

    def _event_names(self, events: Sequence[Any], counter: Counter) -> Optional[List[Optional[str]]]:
        """Each event's redacted name, None where it stays; None when none changes."""
        names: List[Optional[str]] = []
        for event in events:
            new = self._redacted_name(event.name, counter)
            names.append(None if new is event.name else new)
        return names if any(name is not None for name in names) else None

    def _annotation_changes(self, annotated: Sequence[Any], counter: Counter) -> Optional[List[_Changes]]:
        """The attribute changes of each event or link (at least one: a span has none more
        often than not, and the call would cost more than the test), in order; keys
        ``include_keys``/``exclude_keys`` rule out are left as they are. None when none changes."""
        redactor, in_scope = self._redactor, self._in_scope
        all_changes: List[_Changes] = []
        for item in annotated:
            attributes = plain_attributes(item.attributes)
            unsettled = redactor.unsettled(in_scope(attributes)) if attributes else ()
            all_changes.append(redactor.changed_items(unsettled, attributes, counter) if unsettled else [])
        return all_changes if any(all_changes) else None

    def _redacted_name(self, name: str, counter: Counter) -> str:
        """A span's or an event's ``name`` redacted: the same object if it stays (one set test
        when it was found clean before)."""
        return name if self._redactor.seen_clean(name) else self._redacted_text(name, counter)

    def _redacted_text(self, text: Any, counter: Counter) -> Any:
        """``text`` (or a log body) redacted: the same object if nothing changed, the placeholder if
        it must go (a string found clean before costs one lookup in ``redact_value``)."""
        redacted = self._redactor.redact_value(text, counter=counter)
        return PLACEHOLDER if redacted is REMOVE else redacted

    def _in_scope(self, attributes: Mapping[str, Any]) -> Mapping[str, Any]:
        """The attributes whose keys ``include_keys``/``exclude_keys`` leave to redaction."""
        if self._include is None and self._exclude is None:
            return attributes
        verdicts = self._out_of_scope
        if verdicts.plain.issuperset(attributes):  # every key known to be in scope: no dict per span
            return attributes
        out_of_scope = verdicts.__getitem__
        return {key: value for key, value in attributes.items() if not out_of_scope(key)}

    def _key_is_out_of_scope(self, key: str) -> bool:
        include, exclude = self._include, self._exclude
        return (include is not None and include.search(key) is None) or (exclude is not None and exclude.search(key) is not None)

    def _note(self, attributes: MutableMapping[str, Any], summary: Summary) -> None:
        """Note the redactions on the span, unless the summary is off."""
        if self._summary:
            attributes[COUNT_ATTRIBUTE] = summary.total
            attributes[TYPES_ATTRIBUTE] = summary.types


_Annotation = TypeVar("_Annotation", Event, Link)


def _apply(attributes: MutableMapping[str, Any], changes: _Changes) -> None:
    """Write ``changes`` into ``attributes``."""
    for key, redacted in changes:
        if redacted is REMOVE:
            del attributes[key]
        else:
            attributes[key] = redacted


def _rebuilt(
    items: Sequence[_Annotation],
    all_changes: Optional[List[_Changes]],
    rebuild: Callable[..., _Annotation],
    names: Optional[List[Optional[str]]] = None,
) -> Tuple[_Annotation, ...]:
    """Events or links with their attribute changes (one list per item, or None for none)
    applied, and events with their new ``names`` (one per event, None where it stays)."""
    redacted: List[_Annotation] = []
    for index, item in enumerate(items):
        changes = all_changes[index] if all_changes is not None else []
        name = names[index] if names is not None else None
        if changes:
            attributes = dict(plain_attributes(item.attributes))
            _apply(attributes, changes)
            new_attributes: Optional[Mapping[str, Any]] = MappingProxyType(attributes)
        else:
            new_attributes = item.attributes  # a new name alone: the attributes, and their dropped count, as they were
        if changes or name is not None:
            item = rebuild(item, new_attributes) if name is None else rebuild(item, new_attributes, name)
        redacted.append(item)
    return tuple(redacted)


def pii_filter(**options: Any) -> PiiFilter:
    """A filter for ``configure(span_processors=[pii_filter()])``.

    With no options: every built-in detector and key-name detection over every string
    of the span (name, attribute keys and values, nested keys and values, JSON inside
    strings, events, links, status description), each finding replaced by a typed
    placeholder such as ``<EMAIL_ADDRESS>``, and a summary (``otel_redact.redacted_count``,
    ``otel_redact.redacted_types``) on spans where something was redacted.

    Options: ``span_types`` (only spans of these ``SpanType``s), ``include_keys`` /
    ``exclude_keys`` (regexes over attribute keys), ``summary`` (False for silent),
    ``meter_provider`` (where the ``otel_redact.redactions`` counter goes; default: the
    global MeterProvider, a no-op until one is set),
    and every option of :func:`create_anonymizer` (``rules``, ``entities``,
    ``exclude``, ``detectors``, ``strategies``, ``redact_keys``, ``sensitive_keys``,
    ``allowed_keys``, ``max_value_length``, ``max_depth``, ``timeout``).
    """
    return PiiFilter(**options)


def _compile_key_pattern(option: str, pattern: Optional[str]) -> Optional["regex.Pattern[str]"]:
    if pattern is None:
        return None
    try:
        return regex.compile(pattern)
    except regex.error as error:
        raise ValueError(f"otel-redact: {option} {pattern!r} is not a valid regex: {error}") from None

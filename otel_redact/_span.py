"""The MLflow-compatible span facade handed to filter functions.

A filter gets a :class:`Span` over the ended span; it reads decoded copies and writes
changes back with setters, as in MLflow. Nothing is copied until something is written,
so a filter that changes nothing costs almost nothing.
"""

from __future__ import annotations

from collections import deque
from importlib.metadata import version
from types import MappingProxyType
from typing import Any, Dict, ItemsView, Iterator, List, Mapping, MutableMapping, Optional, Sequence, Tuple, Union, ValuesView

from opentelemetry import trace as trace_api
from opentelemetry.attributes import BoundedAttributes
from opentelemetry.sdk import trace as sdk_trace
from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.util import BoundedList
from opentelemetry.trace.status import Status, StatusCode

from otel_redact import _conventions as conventions
from otel_redact._conventions import SpanType

__all__ = ["Span", "SpanEvent", "SpanLink", "SpanType"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _sdk_keeps_nested_values() -> bool:
    major, minor = (int(part) for part in version("opentelemetry-sdk").split(".")[:2])
    return (major, minor) >= (1, 45)


#: Whether span attribute values may be mappings and nested sequences (SDK >= 1.45).
NESTED_VALUES = _sdk_keeps_nested_values()


def normalize_attribute_value(value: Any) -> Any:
    """A valid OpenTelemetry attribute value for ``value``.

    Strings, numbers, booleans, bytes and flat sequences of them are kept; mappings and
    nested sequences are kept as nested data where the SDK accepts them (1.45 and
    later) and become JSON text before; anything else becomes its JSON text.
    """
    if value is None or isinstance(value, (str, bool, int, float, bytes)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, bool, int, float, bytes)) for v in value):
        return tuple(value)
    if isinstance(value, (Mapping, list, tuple)) and NESTED_VALUES:
        return conventions.freeze(value)
    return conventions.dumps(value)


class _Attributes(MutableMapping[str, Any]):
    """Copy-on-write attributes: reads go to the source until the first write."""

    __slots__ = ("_source", "_copy")

    def __init__(self, source: Optional[Mapping[str, Any]]) -> None:
        self._source: Mapping[str, Any] = plain_attributes(source)
        self._copy: Optional[Dict[str, Any]] = None

    @property
    def changed(self) -> bool:
        return self._copy is not None

    def current(self) -> Mapping[str, Any]:
        """The attributes as they are now, without copying."""
        return self._copy if self._copy is not None else self._source

    def _writable(self) -> Dict[str, Any]:
        if self._copy is None:
            self._copy = dict(self._source)
        return self._copy

    def __getitem__(self, key: str) -> Any:
        return self.current()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        current = self.current()
        if key in current and current[key] is value:
            return
        self._writable()[key] = value

    def __delitem__(self, key: str) -> None:
        self._writable().__delitem__(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.current())

    def __len__(self) -> int:
        return len(self.current())

    def __contains__(self, key: object) -> bool:
        return key in self.current()

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        """The current items, read without a lookup per key."""
        return self.current().items()

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        """The current values, read without a lookup per key."""
        return self.current().values()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.current())!r})"


class _Annotated:
    """Something of a span with editable attributes: an event or a link."""

    __slots__ = ("attributes", "_source")

    def __init__(self, source: Any) -> None:
        self._source = source
        self.attributes: MutableMapping[str, Any] = _Attributes(source.attributes)

    def set_attribute(self, key: str, value: Any) -> None:
        """Set one attribute."""
        self.attributes[key] = normalize_attribute_value(value)

    def delete_attribute(self, key: str) -> None:
        """Remove one attribute if present."""
        self.attributes.pop(key, None)

    def _changed(self) -> bool:
        attributes = self.attributes
        return not isinstance(attributes, _Attributes) or attributes.changed

    def _build(self) -> Any:
        """The SDK object as edited: the source itself when nothing changed."""
        raise NotImplementedError


class SpanEvent(_Annotated):
    """An event of the span, editable: rename it or change its attributes."""

    __slots__ = ("name", "timestamp")

    def __init__(self, source: Event) -> None:
        super().__init__(source)
        self.name: str = source.name
        self.timestamp: int = source.timestamp

    def _changed(self) -> bool:
        return super()._changed() or self.name != self._source.name

    def _build(self) -> Event:
        if not self._changed():
            return self._source
        return rebuilt_event(self._source, _frozen(self.attributes), self.name)


class SpanLink(_Annotated):
    """A link of the span: its target context is fixed, its attributes are editable."""

    __slots__ = ("context",)

    def __init__(self, source: trace_api.Link) -> None:
        super().__init__(source)
        self.context: trace_api.SpanContext = source.context

    def _build(self) -> trace_api.Link:
        if not self._changed():
            return self._source
        return rebuilt_link(self._source, _frozen(self.attributes))


class Span:
    """An ended span as a filter sees it (MLflow's ``Span`` interface, and more).

    Getters return decoded copies; change a value and write it back with the setter.
    Beyond MLflow a filter can rename the span, delete attributes, edit events and
    links, and change the status description.
    """

    __slots__ = ("_source", "_name", "_attributes", "_events", "_links", "_status")

    def __init__(self, source: ReadableSpan) -> None:
        self._source = source
        self._name: str = source.name
        self._attributes = _Attributes(read_span_field(source, "_attributes", "attributes"))
        self._events: Optional[List[SpanEvent]] = None
        self._links: Optional[List[SpanLink]] = None
        self._status: Status = source.status

    # identity and timing -------------------------------------------------------
    @property
    def name(self) -> str:
        """The span name."""
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._name = str(value)

    def set_name(self, name: str) -> None:
        """Rename the span."""
        self.name = name

    @property
    def trace_id(self) -> str:
        """The trace id as 32 hex digits."""
        context = self._source.context
        return trace_api.format_trace_id(context.trace_id) if context else ""

    @property
    def span_id(self) -> str:
        """The span id as 16 hex digits."""
        context = self._source.context
        return trace_api.format_span_id(context.span_id) if context else ""

    @property
    def parent_id(self) -> Optional[str]:
        """The parent span id as 16 hex digits, or None for a root span."""
        parent = self._source.parent
        return trace_api.format_span_id(parent.span_id) if parent else None

    @property
    def start_time_ns(self) -> Optional[int]:
        return self._source.start_time

    @property
    def end_time_ns(self) -> Optional[int]:
        return self._source.end_time

    @property
    def kind(self) -> trace_api.SpanKind:
        """The OpenTelemetry span kind (client, server, internal ...)."""
        return self._source.kind

    # status ---------------------------------------------------------------------
    @property
    def status(self) -> Status:
        """The span status (``status_code`` and ``description``)."""
        return self._status

    def set_status(self, status: Union[Status, StatusCode, str], description: Optional[str] = None) -> None:
        """Set the status; ``description`` is kept for ERROR only, as in OpenTelemetry."""
        if isinstance(status, Status):
            self._status = status
            return
        code = StatusCode[status.upper()] if isinstance(status, str) else status
        self._status = Status(code, description if code is StatusCode.ERROR else None)

    @property
    def status_description(self) -> Optional[str]:
        return self._status.description

    @status_description.setter
    def status_description(self, description: Optional[str]) -> None:
        self._status = Status(self._status.status_code, description or None)

    # attributes -----------------------------------------------------------------
    @property
    def attributes(self) -> Dict[str, Any]:
        """A copy of all attributes, values as stored."""
        return dict(self._attributes.current())

    def get_attribute(self, key: str) -> Any:
        """One attribute's value as stored, or None."""
        return self._attributes.current().get(key)

    def set_attribute(self, key: str, value: Any) -> None:
        """Set one attribute (mappings and nested lists are stored as nested data)."""
        self._attributes[key] = normalize_attribute_value(value)

    def delete_attribute(self, key: str) -> None:
        """Remove one attribute if present."""
        self._attributes.pop(key, None)

    # span type, inputs, outputs, metadata --------------------------------------
    @property
    def span_type(self) -> Optional[str]:
        """The kind of work (``SpanType``), read from whichever convention the span uses."""
        return conventions.span_type_of(self._attributes.current())

    def set_span_type(self, span_type: str) -> None:
        """Record a span type in the span's own convention."""
        key, value = conventions.span_type_attribute(self._attributes.current(), span_type)
        self._attributes[key] = value

    @property
    def inputs(self) -> Any:
        """The span's inputs, decoded (a copy: change it, then call ``set_inputs``)."""
        return self._get_role("inputs")

    @property
    def outputs(self) -> Any:
        """The span's outputs, decoded (a copy: change it, then call ``set_outputs``)."""
        return self._get_role("outputs")

    def set_inputs(self, inputs: Any) -> None:
        """Replace the inputs, written back in the convention and encoding they came in."""
        self._set_role("inputs", inputs)

    def set_outputs(self, outputs: Any) -> None:
        """Replace the outputs, written back in the convention and encoding they came in."""
        self._set_role("outputs", outputs)

    @property
    def metadata(self) -> Dict[str, Any]:
        """Metadata: the convention's metadata attribute and flattened prefixed keys."""
        current = self._attributes.current()
        result: Dict[str, Any] = {}
        field_ = conventions.find_field(current, "metadata")
        if field_ is not None:
            decoded = conventions.decode(field_, current)
            result.update(decoded if isinstance(decoded, dict) else {field_.key: decoded})
        for prefix in conventions.metadata_prefixes():
            for key, value in current.items():
                if key.startswith(prefix):
                    result[key[len(prefix):]] = conventions.thaw(value)
        return result

    def set_metadata(self, metadata: Mapping[str, Any]) -> None:
        """Replace all metadata (flattened keys not in ``metadata`` are removed)."""
        current = self._attributes.current()
        remaining = dict(metadata)
        for prefix in conventions.metadata_prefixes():
            for key in [k for k in current if k.startswith(prefix)]:
                short = key[len(prefix):]
                if short in remaining:
                    self._attributes[key] = normalize_attribute_value(remaining.pop(short))
                else:
                    del self._attributes[key]
        field_ = conventions.find_field(current, "metadata")
        if field_ is not None:
            self._apply(conventions.encode(field_, current, remaining))
        elif remaining:
            self._apply(conventions.encode(conventions.default_field("metadata"), current, remaining))

    def _get_role(self, role: str) -> Any:
        current = self._attributes.current()
        field_ = conventions.find_field(current, role)
        return None if field_ is None else conventions.decode(field_, current)

    def _set_role(self, role: str, value: Any) -> None:
        current = self._attributes.current()
        field_ = conventions.find_field(current, role) or conventions.default_field(role)
        self._apply(conventions.encode(field_, current, value))

    def _apply(self, updates: Mapping[str, Any]) -> None:
        """Write attribute updates; a None value deletes the key."""
        for key, value in updates.items():
            if value is None:
                self._attributes.pop(key, None)
            else:
                self._attributes[key] = value

    # events and links -------------------------------------------------------------
    @property
    def events(self) -> List[SpanEvent]:
        """The span's events; edit them in place (the list itself may be changed too)."""
        if self._events is None:
            self._events = [SpanEvent(event) for event in read_span_field(self._source, "_events", "events")]
        return self._events

    @property
    def links(self) -> List[SpanLink]:
        """The span's links; edit their attributes in place."""
        if self._links is None:
            self._links = [SpanLink(link) for link in read_span_field(self._source, "_links", "links")]
        return self._links

    def _events_and_links(self) -> Tuple[Sequence[SpanEvent], Sequence[SpanLink]]:
        """The events and the links as facades; no facade is made for a span with neither."""
        if self._events is None and self._links is None:
            source = self._source
            if not (read_span_field(source, "_events", "events") or read_span_field(source, "_links", "links")):
                return (), ()
        return self.events, self.links

    @property
    def resource_attributes(self) -> Mapping[str, Any]:
        """The resource's attributes (read only: the resource is shared by all spans)."""
        return self._source.resource.attributes

    # output -------------------------------------------------------------------------
    def _changed(self) -> bool:
        source = self._source
        return (
            self._attributes.changed
            or self._name != source.name
            or self._status is not source.status
            or (self._events is not None and _edited(self._events, read_span_field(source, "_events", "events")))
            or (self._links is not None and _edited(self._links, read_span_field(source, "_links", "links")))
        )

    def _to_readable(self) -> ReadableSpan:
        """The span as filters left it: the source itself when nothing changed."""
        if not self._changed():
            return self._source
        source = self._source
        events: Sequence[Event] = read_span_field(source, "_events", "events")
        if self._events is not None:
            events = tuple(event._build() for event in self._events)
        links: Sequence[trace_api.Link] = read_span_field(source, "_links", "links")
        if self._links is not None:
            links = tuple(link._build() for link in self._links)
        return redacted_copy(source, self._name, _frozen(self._attributes.current()), events, links, self._status)


# The SDK's own containers of an ended span (and the deques inside its lists, which a copy may
# hold), read without their locks: they no longer change.
_RAW_CONTAINERS = (BoundedAttributes, BoundedList, deque, dict, list, tuple, MappingProxyType)


def plain_attributes(attributes: Optional[Mapping[str, Any]]) -> Mapping[str, Any]:
    """An attribute container as a plain mapping: the SDK's ``BoundedAttributes`` as the dict
    it wraps (read without its lock and its lookup per key), None as an empty mapping."""
    if type(attributes) is BoundedAttributes:
        return attributes._dict
    return attributes if attributes is not None else _EMPTY


def rebuilt_event(event: Event, attributes: Mapping[str, Any], name: Optional[str] = None) -> Event:
    """``event`` with new attributes (and name), at its own time."""
    return Event(event.name if name is None else name, attributes, event.timestamp)


def rebuilt_link(link: trace_api.Link, attributes: Mapping[str, Any]) -> trace_api.Link:
    """``link`` to the same span context, with new attributes."""
    return trace_api.Link(link.context, attributes)


# The SDK's span classes, whose fields are read directly: the ReadableSpan that ended spans
# reach processors as, and the live span (its tracers make the private subclass).
_SDK_SPANS = frozenset({ReadableSpan, sdk_trace.Span, getattr(sdk_trace, "_Span", sdk_trace.Span)})


EndedParts = Tuple[str, Mapping[str, Any], Sequence[Event], Sequence[trace_api.Link], Status]
"""An ended span's name, attributes, events, links and status: what filters may redact."""


def ended_parts(span: ReadableSpan) -> EndedParts:
    """The parts of the ended ``span``: the SDK span's own containers (and the deques inside
    its lists) read directly, without copies or locks, else the public properties' values."""
    if span.__class__ in _SDK_SPANS:
        attributes, events, links = span._attributes, span._events, span._links
        if attributes.__class__ is BoundedAttributes and events.__class__ is BoundedList and links.__class__ is BoundedList:
            return span._name, attributes._dict, events._dq, links._dq, span._status  # type: ignore[attr-defined]
    return (
        span.name,
        plain_attributes(read_span_field(span, "_attributes", "attributes")),
        read_span_field(span, "_events", "events"),
        read_span_field(span, "_links", "links"),
        span.status,
    )


def read_span_field(source: ReadableSpan, field: str, public: str) -> Any:
    """The span's ``field`` container itself when it is one of the SDK's, else the public copy."""
    raw = getattr(source, field, None)
    return raw if raw is not None and type(raw) in _RAW_CONTAINERS else getattr(source, public)


def _edited(items: Sequence[_Annotated], sources: Sequence[Any]) -> bool:
    """Whether events or links were added, removed, replaced or edited."""
    if len(items) != len(sources):
        return True
    return any(item._source is not src or item._changed() for item, src in zip(items, sources))


def _frozen(attributes: Mapping[str, Any]) -> Mapping[str, Any]:
    current = attributes.current() if isinstance(attributes, _Attributes) else attributes
    return MappingProxyType(dict(current))


def redacted_copy(
    source: ReadableSpan,
    name: str,
    attributes: Mapping[str, Any],
    events: Sequence[Event],
    links: Sequence[trace_api.Link],
    status: Status,
    *,
    in_place: bool = False,
) -> ReadableSpan:
    """A :class:`RedactedReadableSpan`: ``source``'s identity with this content. The SDK's
    ``ReadableSpan`` (what processors get) is copied by its fields' dict, in C; with
    ``in_place`` (the caller holds the only reference to it: the SDK makes one for each
    span that ends) it becomes that span itself, which costs no copy. Either way the SDK's
    containers are replaced, never changed: the live span still holds them."""
    dropped = dropped_counts(source)  # before in_place replaces the containers that hold them
    if source.__class__ is ReadableSpan:
        fields = source.__dict__
        content = fields if in_place else fields.copy()
        content["_dropped"] = dropped
        content["_name"] = name
        content["_attributes"] = attributes
        content["_events"] = events
        content["_links"] = links
        content["_status"] = status
        if in_place:
            source.__class__ = RedactedReadableSpan  # same layout: only the dropped_* properties differ
            return source
        span = object.__new__(RedactedReadableSpan)
        span.__dict__ = content
        return span
    span = object.__new__(RedactedReadableSpan)
    ReadableSpan.__init__(
        span,
        name=name,
        context=source.context,
        parent=source.parent,
        resource=source.resource,
        attributes=attributes,
        events=events,
        links=links,
        kind=source.kind,
        instrumentation_info=source._instrumentation_info,
        status=status,
        start_time=source.start_time,
        end_time=source.end_time,
        instrumentation_scope=source.instrumentation_scope,
    )
    span._dropped = dropped
    return span


def dropped_counts(span: ReadableSpan) -> Tuple[int, int, int]:
    """The attributes, events and links ``span`` dropped, as its ``dropped_*`` properties count
    them. The SDK's ``ReadableSpan`` is counted here by those properties' own rule, in one call
    instead of three (this runs for every span a filter changes; the exact class is tested
    first, as ``isinstance`` costs more)."""
    if span.__class__ is not ReadableSpan:
        return span.dropped_attributes, span.dropped_events, span.dropped_links
    fields = span.__dict__
    attributes, events, links = fields["_attributes"], fields["_events"], fields["_links"]
    return (
        attributes.dropped if attributes.__class__ is BoundedAttributes or isinstance(attributes, BoundedAttributes) else 0,
        events.dropped if events.__class__ is BoundedList or isinstance(events, BoundedList) else 0,
        links.dropped if links.__class__ is BoundedList or isinstance(links, BoundedList) else 0,
    )


class RedactedReadableSpan(ReadableSpan):
    """A ReadableSpan with a source span's identity and new content (made by :func:`redacted_copy`)."""

    _dropped: Tuple[int, int, int]

    @property
    def dropped_attributes(self) -> int:
        return self._dropped[0]

    @property
    def dropped_events(self) -> int:
        return self._dropped[1]

    @property
    def dropped_links(self) -> int:
        return self._dropped[2]

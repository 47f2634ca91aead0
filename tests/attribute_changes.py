"""What a redactor changes in a span's attributes, asked as the span filter asks it."""

from __future__ import annotations

from typing import Any, List, Mapping, Tuple

from otel_redact._anonymizer import TextRedactor


def changes(redactor: TextRedactor, attributes: Mapping[str, Any]) -> List[Tuple[str, Any]]:
    """``(key, redacted value)`` for each item of ``attributes`` that the redactor changes, from
    the items it does not know to stay (:meth:`TextRedactor.unsettled`)."""
    return redactor.changed_items(redactor.unsettled(attributes), attributes)

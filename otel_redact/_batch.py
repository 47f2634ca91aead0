"""Batch processors: one call to an expensive detector (NER, a remote service) per exported batch.

:func:`batch_processor` returns a batch processor for
``RedactingSpanExporter(batch_processors=[...])``. It walks the batch twice with the same
walk as :func:`pii_filter` (name, attributes and nested values, JSON inside strings, event
names and attributes, link attributes, status description): once to gather every distinct string, then, after
one ``find_batch`` call on all of them, to write back each finding through the strategies.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, FrozenSet, List, Protocol, Sequence

from otel_redact._anonymizer import DEFAULT_MAX_VALUE_LENGTH
from otel_redact._detectors import Finding
from otel_redact._pii_filter import COUNT_ATTRIBUTE, TYPES_ATTRIBUTE, PiiFilter
from otel_redact._span import Span
from otel_redact._strategies import MARKER, StrategySpec

__all__ = ["BatchDetector", "BatchProcessor", "batch_processor", "outside_markers", "without_markers"]


class BatchDetector(Protocol):
    """A detector that also finds in many texts at once."""

    entities: FrozenSet[str]

    def find(self, text: str) -> List[Finding]:
        """The findings in one text."""

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        """The findings in each text, in order."""


def without_markers(text: str) -> str:
    """``text`` with the markers of an earlier redaction blanked out."""
    return MARKER.sub(" ", text) if "<" in text else text


def outside_markers(text: str, findings: List[Finding]) -> List[Finding]:
    """``findings`` less the parts that cover markers of an earlier redaction."""
    if "<" not in text or not findings:
        return findings
    markers = [m.span() for m in MARKER.finditer(text)]
    if not markers:
        return findings
    kept: List[Finding] = []
    for finding in findings:
        start = finding.start
        for m_start, m_end in markers:
            if m_end <= start or m_start >= finding.end:
                continue
            _keep_piece(text, start, m_start, finding.entity, kept)
            start = max(start, m_end)
        _keep_piece(text, start, finding.end, finding.entity, kept)
    return kept


def _keep_piece(text: str, start: int, end: int, entity: str, kept: List[Finding]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        begin = start + piece.index(stripped)
        kept.append(Finding(begin, begin + len(stripped), entity))


def _keep(text: str) -> str:
    """A rule that changes nothing: it makes the walk parse every JSON string, in both passes."""
    return text


class _Recorder:
    """Finds nothing; records each distinct text the walk meets."""

    def __init__(self) -> None:
        self.texts: Dict[str, None] = {}

    def find(self, text: str) -> List[Finding]:
        self.texts[text] = None
        return []


class _Lookup:
    """The findings computed for the batch; a text the batch did not gather is asked alone."""

    def __init__(self, detector: BatchDetector) -> None:
        self.detector = detector
        self.entities = detector.entities
        self.table: Dict[str, List[Finding]] = {}

    def find(self, text: str) -> List[Finding]:
        found = self.table.get(text)
        return self.detector.find(text) if found is None else found


class BatchProcessor:
    """Redacts a batch of spans with one ``find_batch`` call; see :func:`batch_processor`."""

    def __init__(
        self,
        detector: BatchDetector,
        *,
        strategies: StrategySpec = None,
        summary: bool = True,
        max_depth: int = 10,
        max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
    ) -> None:
        self.detector = detector
        self._options: Dict[str, Any] = {
            "rules": [_keep],
            "redact_keys": False,
            "exclude_keys": r"^otel_redact\.",
            "max_depth": max_depth,
            "max_value_length": max_value_length,
        }
        self._lookup = _Lookup(detector)
        self._apply = PiiFilter(detectors=[self._lookup], strategies=strategies, summary=summary, **self._options)
        self._summary = summary
        self._lock = threading.Lock()

    def __call__(self, spans: List[Span]) -> List[Span]:
        with self._lock:
            recorder = _Recorder()
            gather = PiiFilter(detectors=[recorder], summary=False, **self._options)  # fresh: no key cache
            for span in spans:
                gather(span)
            texts = list(recorder.texts)
            try:
                found = self.detector.find_batch(texts)
                if len(found) != len(texts):  # zip would pair findings with the wrong texts
                    raise RuntimeError(f"find_batch returned {len(found)} results for {len(texts)} texts")
                self._lookup.table = dict(zip(texts, found))
                for span in spans:
                    self._redact(span)
            finally:
                self._lookup.table = {}
        return spans

    def _redact(self, span: Span) -> None:
        """Redact one span, adding to the summary an earlier filter left."""
        attributes = span._attributes
        if not self._summary or COUNT_ATTRIBUTE not in attributes:
            self._apply(span)
            return
        count, types = attributes.pop(COUNT_ATTRIBUTE), attributes.pop(TYPES_ATTRIBUTE, ())
        self._apply(span)
        if COUNT_ATTRIBUTE in attributes:
            count += attributes[COUNT_ATTRIBUTE]
            types = tuple(sorted({*types, *attributes[TYPES_ATTRIBUTE]}))
        attributes[COUNT_ATTRIBUTE] = count
        attributes[TYPES_ATTRIBUTE] = types


def batch_processor(detector: BatchDetector, **options: Any) -> BatchProcessor:
    """A batch processor for ``RedactingSpanExporter(batch_processors=[...])`` running ``detector``
    once per batch on every distinct string of every span.

    Options (keyword only): ``strategies`` as in :func:`pii_filter` (``{"PERSON":
    "pseudonym"}``); ``summary`` (True) adds to ``otel_redact.redacted_count`` /
    ``redacted_types``; ``max_depth`` (10) and ``max_value_length`` as in :func:`pii_filter`. If the detector raises, the
    exporter drops the whole batch (logged once, without data).
    """
    return BatchProcessor(detector, **options)

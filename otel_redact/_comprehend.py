"""Names, places and other free-text PII found by Amazon Comprehend.

Needs ``pip install 'otel-redact[comprehend]'`` (boto3) and AWS credentials. boto3 is
imported when a detector is made, never by ``import otel_redact``. Tested against
botocore's ``Stubber`` only: the request and response shapes are Comprehend's published
ones, but no test here reaches AWS.

Two Comprehend APIs, chosen by ``pii``:

- ``pii=False`` (default): ``DetectEntities``; batches use ``BatchDetectEntities``, 25 texts
  per call, each at most 5,000 UTF-8 bytes (longer texts are sent in pieces).
- ``pii=True``: ``DetectPiiEntities`` (more types: addresses, ages, bank numbers...). Comprehend
  has no batch PII operation, so a batch makes one call per distinct text (100 KB pieces).
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Tuple

from otel_redact._anonymizer import DEFAULT_MAX_VALUE_LENGTH
from otel_redact._batch import BatchProcessor, batch_processor, outside_markers
from otel_redact._detectors import Finding
from otel_redact._strategies import StrategySpec

__all__ = ["ComprehendDetector", "comprehend_batch_processor", "comprehend_detector"]

BATCH_SIZE = 25
"""Texts per ``BatchDetectEntities`` call (Comprehend's limit)."""
ENTITIES_BYTES = 5_000
"""UTF-8 bytes per text for ``BatchDetectEntities`` and ``DetectEntities``."""
PII_BYTES = 100_000
"""UTF-8 bytes per text for ``DetectPiiEntities``."""

# Comprehend's type names -> ours (the names the built-in detectors and Presidio use).
_ENTITY_NAMES = {"DATE": "DATE_TIME"}
_PII_NAMES = {
    "NAME": "PERSON",
    "ADDRESS": "LOCATION",
    "EMAIL": "EMAIL_ADDRESS",
    "PHONE": "PHONE_NUMBER",
    "SSN": "US_SSN",
    "CREDIT_DEBIT_NUMBER": "CREDIT_CARD",
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": "IBAN_CODE",
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": "US_ITIN",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER": "UK_NHS",
    "UK_NATIONAL_INSURANCE_NUMBER": "UK_NINO",
}
_ENTITY_TYPES = ("PERSON", "LOCATION", "ORGANIZATION", "COMMERCIAL_ITEM", "EVENT", "DATE", "QUANTITY", "TITLE", "OTHER")


def _known(pii: bool, client: Any) -> Dict[str, str]:
    """Comprehend type -> our type, for every type the chosen API reports."""
    if not pii:
        return {name: _ENTITY_NAMES.get(name, name) for name in _ENTITY_TYPES}
    shape = client.meta.service_model.shape_for("PiiEntityType")
    return {name: _PII_NAMES.get(name, name) for name in shape.enum if name != "ALL"}


class ComprehendDetector:
    """Amazon Comprehend as a finder for ``detectors=[...]`` and as a batch detector."""

    def __init__(
        self,
        entities: Iterable[str] = ("PERSON", "LOCATION"),
        *,
        score_threshold: float = 0.5,
        language: str = "en",
        pii: bool = False,
        client: Any = None,
        **client_options: Any,
    ) -> None:
        if client is None:
            try:
                import boto3
            except ImportError as error:
                raise ImportError("comprehend_detector() needs: pip install 'otel-redact[comprehend]'") from error
            client = boto3.client("comprehend", **client_options)
        if not 0 <= score_threshold <= 1:
            raise ValueError(f"score_threshold must be between 0 and 1, got {score_threshold!r}")
        known = _known(pii, client)
        chosen = frozenset(entities)
        unknown = sorted(chosen - set(known.values()))
        if not chosen or unknown:
            raise ValueError(f"unknown entity types {unknown}; Comprehend reports: {', '.join(sorted(set(known.values())))}")
        self.entities: FrozenSet[str] = chosen
        self._names = {theirs: ours for theirs, ours in known.items() if ours in chosen}
        self._client = client
        self._language = language
        self._pii = pii
        self._threshold = score_threshold

    def find(self, text: str) -> List[Finding]:
        """The findings in ``text`` (one call per piece of ``text``)."""
        return self.find_batch([text])[0] if self._pii else self._find_alone(text)

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        """The findings in each text: ``BatchDetectEntities`` calls of 25 pieces, or one
        ``DetectPiiEntities`` call per piece."""
        limit = PII_BYTES if self._pii else ENTITIES_BYTES
        pieces = [(i, offset, piece) for i, text in enumerate(texts) for offset, piece in _pieces(text, limit)]
        found: List[List[Finding]] = [[] for _ in texts]
        if self._pii:
            for i, offset, piece in pieces:
                response = self._client.detect_pii_entities(Text=piece, LanguageCode=self._language)
                found[i].extend(self._findings(response["Entities"], offset))
        else:
            for first in range(0, len(pieces), BATCH_SIZE):
                chunk = pieces[first : first + BATCH_SIZE]
                response = self._client.batch_detect_entities(
                    TextList=[piece for _, _, piece in chunk], LanguageCode=self._language
                )
                if response.get("ErrorList"):
                    codes = sorted({error.get("ErrorCode", "?") for error in response["ErrorList"]})
                    raise RuntimeError(f"Comprehend failed on {len(response['ErrorList'])} text(s): {codes}")
                for result in response["ResultList"]:
                    i, offset, _ = chunk[result["Index"]]
                    found[i].extend(self._findings(result["Entities"], offset))
        return [outside_markers(text, sorted(f)) for text, f in zip(texts, found)]

    def _find_alone(self, text: str) -> List[Finding]:
        found: List[Finding] = []
        for offset, piece in _pieces(text, ENTITIES_BYTES):
            response = self._client.detect_entities(Text=piece, LanguageCode=self._language)
            found.extend(self._findings(response["Entities"], offset))
        return outside_markers(text, sorted(found))

    def _findings(self, entities: Iterable[Dict[str, Any]], offset: int) -> Iterator[Finding]:
        for entity in entities:
            ours = self._names.get(entity["Type"])
            if ours is not None and entity.get("Score", 1.0) >= self._threshold:
                yield Finding(offset + entity["BeginOffset"], offset + entity["EndOffset"], ours)

    def __repr__(self) -> str:
        api = "DetectPiiEntities" if self._pii else "DetectEntities"
        return f"ComprehendDetector({sorted(self.entities)!r}, {api}, score_threshold={self._threshold!r})"


def _pieces(text: str, limit: int) -> Iterator[Tuple[int, str]]:
    """``(offset, piece)`` of ``text`` in pieces of at most ``limit`` UTF-8 bytes, cut after
    whitespace where there is some; blank texts give nothing."""
    if not text.strip():
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        size = len(text[start:end].encode("utf-8", "surrogatepass"))
        while size > limit:
            end -= (size - limit + 3) // 4  # at most 4 bytes a character
            size = len(text[start:end].encode("utf-8", "surrogatepass"))
        if end < len(text):
            space = max(text.rfind(c, start + (end - start) // 2, end) for c in " \n\t")
            if space > start:
                end = space + 1
        if text[start:end].strip():
            yield start, text[start:end]
        start = end


def comprehend_detector(entities: Iterable[str] = ("PERSON", "LOCATION"), **options: Any) -> ComprehendDetector:
    """An Amazon Comprehend detector: ``pii_filter(detectors=[comprehend_detector()])``.

    Options (keyword only): ``score_threshold`` (0.5), ``language`` ("en"), ``pii`` (False),
    ``client`` (None), and options for a new boto3 client.

    ``entities`` in our names: with ``pii=False`` ``PERSON``, ``LOCATION``,
    ``ORGANIZATION``, ``DATE_TIME`` (Comprehend's ``DATE``) and Comprehend's other types;
    with ``pii=True`` Comprehend's PII types, ``NAME`` as ``PERSON``, ``ADDRESS`` as
    ``LOCATION``, ``EMAIL`` as ``EMAIL_ADDRESS``, ``PHONE`` as ``PHONE_NUMBER``, ``SSN`` as
    ``US_SSN``, ``CREDIT_DEBIT_NUMBER`` as ``CREDIT_CARD``, the IBAN type as ``IBAN_CODE``,
    the ITIN, NHS and National Insurance types as ``US_ITIN``, ``UK_NHS`` and ``UK_NINO``.
    ``client``: a boto3 Comprehend client; else one is made with ``client_options``
    (``region_name=``...).
    """
    return ComprehendDetector(entities, **options)


def comprehend_batch_processor(
    entities: Iterable[str] = ("PERSON", "LOCATION"),
    *,
    detector: Optional[ComprehendDetector] = None,
    strategies: StrategySpec = None,
    summary: bool = True,
    max_depth: int = 10,
    max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
    **detector_options: Any,
) -> BatchProcessor:
    """Comprehend on the export thread: ``RedactingSpanExporter(exporter,
    batch_processors=[comprehend_batch_processor(region_name="eu-west-1")])``.

    ``detector``: an existing :func:`comprehend_detector`; else one is made from
    ``entities`` and ``detector_options`` (see :func:`comprehend_detector`).
    """
    if detector is None:
        detector = comprehend_detector(entities, **detector_options)
    return batch_processor(
        detector, strategies=strategies, summary=summary, max_depth=max_depth, max_value_length=max_value_length
    )

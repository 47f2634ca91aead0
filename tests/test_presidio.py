"""Presidio (spaCy NER) detectors: synchronous in pii_filter, batched in RedactingSpanExporter."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from typing import Iterator, List, Tuple

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Status, StatusCode

pytest.importorskip("presidio_analyzer")

from otel_redact import (  # noqa: E402
    Finding,
    create_anonymizer,
    pii_filter,
    presidio_batch_processor,
    presidio_detector,
)
from otel_redact._batch import outside_markers  # noqa: E402
from otel_redact._presidio import PresidioDetector, _ner_recognizers, load_spacy_model  # noqa: E402
from tests.conftest import deferred_pipeline  # noqa: E402

NAMES = ("John Smith", "Maria Garcia", "Robert Johnson")


@pytest.fixture(scope="module")
def detector() -> Iterator[PresidioDetector]:
    """One loaded model for the whole module."""
    yield presidio_detector(["PERSON", "LOCATION"])


def emit(provider: TracerProvider) -> None:
    tracer = provider.get_tracer("t")
    with tracer.start_as_current_span("chat with John Smith") as span:
        span.set_attribute("input.value", json.dumps({"messages": [{"role": "user", "content": "I am Maria Garcia."}]}))
        span.set_attribute("user.email", "maria@example.com")
        span.add_event("note", {"text": "Robert Johnson called from Paris."})
        span.set_status(Status(StatusCode.ERROR, "John Smith was not found"))
    with tracer.start_as_current_span("plain") as span:
        span.set_attribute("input.value", "nothing personal here")


def test_finds_names_and_places(detector: PresidioDetector) -> None:
    text = "My name is John Smith and I live in Paris."
    found = detector.find(text)
    assert [(text[f.start : f.end], f.entity) for f in found] == [("John Smith", "PERSON"), ("Paris", "LOCATION")]
    assert detector.find_batch([text, "", "  "]) == [found, [], []]


def test_entity_selection_and_unknown_types(detector: PresidioDetector) -> None:
    with pytest.raises(ValueError, match="does not detect"):
        presidio_detector(["NO_SUCH_TYPE"], analyzer=detector._analyzer)
    people = presidio_detector(["PERSON"], analyzer=detector._analyzer)
    assert {f.entity for f in people.find("John Smith flew to Paris.")} == {"PERSON"}


def test_model_by_installed_package_name() -> None:
    assert "ner" in load_spacy_model("en_core_web_sm").pipe_names
    with pytest.raises(OSError, match="not installed"):
        load_spacy_model("xx_no_such_model")


def test_synchronous_with_builtins_and_strategies(detector: PresidioDetector) -> None:
    anonymizer = create_anonymizer(detectors=[detector], strategies={"PERSON": "pseudonym", "*": "placeholder"})
    out = anonymizer({"q": "Ask John Smith at john.smith@example.com", "n": json.dumps(["Maria Garcia"])})
    assert "John" not in json.dumps(out) and "Maria" not in json.dumps(out)
    assert out["q"].startswith("Ask <PERSON:") and out["q"].endswith(" at <EMAIL_ADDRESS>")


def test_markers_are_not_findings() -> None:
    text = "<PERSON> Smith met <EMAIL_ADDRESS:3f9a1c2b>"
    found = outside_markers(text, [Finding(0, 14, "PERSON"), Finding(19, len(text), "PERSON")])
    assert [text[f.start : f.end] for f in found] == ["Smith"]


def test_pii_filter_synchronous(exporter, detector: PresidioDetector) -> None:
    provider = deferred_pipeline(exporter, span_processors=[pii_filter(detectors=[detector])])
    emit(provider)
    provider.shutdown()
    assert not any(exporter.contains(name) for name in NAMES) and not exporter.contains("maria@example.com")


@pytest.mark.parametrize("detector_fixture", ["detector", "pooled"], ids=["in process", "worker processes"])
def test_batched_names_gone_from_otlp_bytes(exporter, detector_fixture: str, request) -> None:
    detector: PresidioDetector = request.getfixturevalue(detector_fixture)
    batch = presidio_batch_processor(detector=detector)
    calls = []
    find_batch = detector.find_batch
    detector.find_batch = lambda texts: calls.append(len(texts)) or find_batch(texts)  # type: ignore[method-assign]
    try:
        provider = deferred_pipeline(exporter, batch=True, span_processors=[pii_filter()], batch_processors=[batch])
        emit(provider)
        provider.shutdown()
    finally:
        del detector.find_batch
    assert len(calls) == 1 and len(exporter.spans) == 2
    assert not any(exporter.contains(name) for name in NAMES)
    assert not exporter.contains("maria@example.com") and not exporter.contains("Paris")
    first = next(s for s in exporter.spans if s.name != "plain")
    assert first.name == "chat with <PERSON>"
    assert json.loads(first.attributes["input.value"])["messages"][0]["content"] == "I am <PERSON>."
    assert first.status.description == "<PERSON> was not found"
    assert first.attributes["otel_redact.redacted_types"] == ("EMAIL_ADDRESS", "LOCATION", "PERSON")
    assert first.attributes["otel_redact.redacted_count"] == 6
    assert exporter.contains("nothing personal here")


def test_failure_drops_the_batch_without_logging_data(exporter, detector: PresidioDetector, caplog) -> None:
    class Broken(PresidioDetector):
        def find_batch(self, texts):
            raise RuntimeError(f"model crashed on {texts[0]}")

    broken = Broken.__new__(Broken)
    broken.__dict__.update(detector.__dict__)
    emit_batched_expecting_a_drop(exporter, broken, caplog)
    assert "RuntimeError" in caplog.text


# Texts for the batched path: names, places, groups, facilities, repeats, blanks, no letters, markers.
MIXED = (
    "My name is John Smith and I live in Paris.",
    "We met at the Golden Gate Bridge.",
    "Maria Garcia flew out of JFK Airport yesterday with two French colleagues.",
    "My name is John Smith and I live in Paris.",
    "",
    "   ",
    "4111 1111 1111 1111 / 2024-01-02 / +1 (555) 010-0199",
    "<PERSON> <EMAIL_ADDRESS:3f9a1c2b>",
    "<PERSON> moved to Berlin.",
    "i met robert johnson in london",
    "nothing personal here",
    "I have 3 cats and 2 dogs.",
)


class EngineCalls:
    """Records each batched call of the real NLP engine (the real model still runs)."""

    def __init__(self, detector: PresidioDetector, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list = []
        engine = detector._analyzer.nlp_engine
        real = engine.process_batch

        def process_batch(texts, language, **options):
            texts = list(texts)
            self.calls.append(texts)
            return real(texts, language, **options)

        monkeypatch.setattr(engine, "process_batch", process_batch)


def test_facilities_are_locations_as_in_presidio_defaults(detector: PresidioDetector) -> None:
    # spaCy tags these FAC; Presidio's default configuration maps FAC to LOCATION
    places = {"We met at the Golden Gate Bridge.": "the Golden Gate Bridge", "The parcel goes to Heathrow Airport.": "Heathrow Airport"}
    for text, place in places.items():
        assert [(text[f.start : f.end], f.entity) for f in detector.find(text)] == [(place, "LOCATION")]
        assert detector.find_batch([text]) == [detector.find(text)]


def test_labels_that_are_not_pii_are_ignored_without_warnings(detector: PresidioDetector, caplog) -> None:
    with caplog.at_level(logging.DEBUG, logger="presidio-analyzer"):
        assert detector.find("I have 3 cats and 2 dogs.") == []
        assert detector.find_batch(["I have 3 cats and 2 dogs, born in the first week of May."]) == [[]]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_organizations_can_be_chosen(detector: PresidioDetector) -> None:
    orgs = presidio_detector(["ORGANIZATION"], analyzer=detector._analyzer)
    text = "Alice works at Microsoft in Seattle."
    assert [(text[f.start : f.end], f.entity) for f in orgs.find(text)] == [("Microsoft", "ORGANIZATION")]
    assert orgs.find_batch([text]) == [orgs.find(text)]


def test_batched_equals_one_call_per_text_with_one_engine_call(detector: PresidioDetector, monkeypatch) -> None:
    one_by_one = [detector.find(text) for text in MIXED]
    spy = EngineCalls(detector, monkeypatch)
    batched = detector.find_batch(MIXED)
    assert batched == one_by_one
    # one engine call, on the distinct texts that can hold a name: no repeat, blank or letterless text
    assert len(spy.calls) == 1
    assert spy.calls[0] == [MIXED[i] for i in (0, 1, 2, 8, 9, 10, 11)]
    found = {MIXED[i]: [(MIXED[i][f.start : f.end], f.entity) for f in batched[i]] for i in range(len(MIXED))}
    assert found["My name is John Smith and I live in Paris."] == [("John Smith", "PERSON"), ("Paris", "LOCATION")]
    assert found["<PERSON> moved to Berlin."] == [("Berlin", "LOCATION")]
    assert found["4111 1111 1111 1111 / 2024-01-02 / +1 (555) 010-0199"] == []
    assert batched[0] == batched[3] and batched[0] is not batched[3]


def test_batch_without_candidates_calls_no_engine(detector: PresidioDetector, monkeypatch) -> None:
    spy = EngineCalls(detector, monkeypatch)
    texts = ["", "12345", "<PERSON> <EMAIL_ADDRESS:3f9a1c2b>", "2024-01-02 10:00 +01:00", "!!!"]
    assert detector.find_batch(texts) == [[] for _ in texts] == [detector.find(t) for t in texts]
    assert detector.find_batch([]) == []
    assert spy.calls == []


def test_score_threshold_above_the_ner_score_finds_nothing_on_both_paths(detector: PresidioDetector) -> None:
    strict = presidio_detector(["PERSON"], analyzer=detector._analyzer, score_threshold=0.9)  # spaCy's score: 0.85
    assert strict.find(MIXED[0]) == [] and strict.find_batch([MIXED[0]]) == [[]]


def test_pattern_types_use_presidios_batch_engine(detector: PresidioDetector, monkeypatch) -> None:
    mixed = presidio_detector(["PERSON", "CREDIT_CARD"], analyzer=detector._analyzer)
    # a pattern recognizer too: Presidio's BatchAnalyzerEngine, analyze() on each text of the batch
    assert _ner_recognizers(detector._analyzer, "en", ["PERSON", "CREDIT_CARD"]) is None
    assert _ner_recognizers(detector._analyzer, "en", ["PERSON"]) is not None
    texts = ["John Smith paid with 4111 1111 1111 1111", "4111 1111 1111 1111", "John Smith paid with 4111 1111 1111 1111"]
    spy = EngineCalls(mixed, monkeypatch)
    batched = mixed.find_batch(texts)
    assert len(spy.calls) == 1 and spy.calls[0] == texts[:2]
    assert batched == [mixed.find(t) for t in texts]
    assert [(texts[1][f.start : f.end], f.entity) for f in batched[1]] == [("4111 1111 1111 1111", "CREDIT_CARD")]  # no letter needed


def test_batch_size_must_be_positive(detector: PresidioDetector) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        presidio_detector(["PERSON"], analyzer=detector._analyzer, batch_size=0)


@pytest.mark.parametrize("processes", [-1, 1.5, "2", None, True])
def test_processes_must_be_a_whole_number_from_zero(processes: object) -> None:
    with pytest.raises(ValueError, match=r"processes must be 0 \(batches in this process\) or more, got "):
        presidio_detector(["PERSON"], processes=processes)


def emit_batched_expecting_a_drop(exporter, detector: PresidioDetector, caplog) -> None:
    """Export ``emit``'s spans, in one batch, through ``detector``'s batch processor, which
    must fail: the batch is dropped, and the failure logged without a name."""
    provider = deferred_pipeline(exporter, batch=True, batch_processors=[presidio_batch_processor(detector=detector)])
    with caplog.at_level(logging.ERROR, logger="otel_redact"):
        emit(provider)
        provider.shutdown()
    assert exporter.spans == [] and not exporter.data
    assert caplog.records and not any(name in caplog.text for name in NAMES)


def test_engine_failure_inside_the_batch_drops_it_without_data(exporter, detector: PresidioDetector, monkeypatch, caplog) -> None:
    engine = detector._analyzer.nlp_engine
    real = engine.process_batch

    def failing(texts, language, **options):
        for number, item in enumerate(real(texts, language, **options)):
            if number == 1:
                raise ValueError(f"model crashed on {item[0]}")
            yield item

    monkeypatch.setattr(engine, "process_batch", failing)
    emit_batched_expecting_a_drop(exporter, detector, caplog)
    assert "raised ValueError;" in caplog.text  # the engine's error came out of find_batch as it was


@pytest.mark.parametrize(
    "changed, message",
    [
        (lambda run, texts, language, **kw: list(run(texts, language, **kw))[:1], "returned 1 results for 2 texts"),
        (lambda run, texts, language, **kw: [*run(texts, language, **kw), *run(texts[:1], language, **kw)], "returned 3 results for 2 texts"),
    ],
    ids=["losing", "inventing"],
)
def test_engine_losing_or_inventing_texts_fails_closed(detector: PresidioDetector, monkeypatch, changed, message) -> None:
    engine = detector._analyzer.nlp_engine
    real = engine.process_batch
    monkeypatch.setattr(engine, "process_batch", lambda texts, language, **kw: changed(real, texts, language, **kw))
    with pytest.raises(RuntimeError, match=message):
        detector.find_batch(["John Smith lives in Paris.", "Maria Garcia lives in Rome."])


@pytest.fixture(scope="module")
def pooled() -> Iterator[PresidioDetector]:
    """The same detector with its batches shared out to two worker processes."""
    made = presidio_detector(["PERSON", "LOCATION"], processes=2)
    yield made
    made.close()


def test_worker_processes_find_what_this_process_finds(pooled: PresidioDetector, detector: PresidioDetector) -> None:
    templates = ("{} moved to {} last May.", "Call {} about the {} office.", "no names in {} or {} here")
    people, places = NAMES + ("Ana Lima", "Wei Zhang"), ("Paris", "Berlin", "Lagos", "Osaka")
    texts = list(MIXED) + [t.format(n, c) for t in templates for n in people for c in places]
    assert pooled.find_batch(texts) == detector.find_batch(texts)
    assert pooled.find(MIXED[0]) == detector.find(MIXED[0])  # one text: in this process
    assert repr(pooled).endswith("processes=2)")


def test_a_worker_process_dying_mid_batch_drops_it(exporter, pooled: PresidioDetector, monkeypatch, caplog) -> None:
    pool = pooled._workers
    assert pool is not None
    real = pool.find_batch

    def kill_then_find(texts):
        pool.wait_ready()
        for worker in pool._workers:
            worker.process.kill()
            worker.process.wait()
            worker.alive = lambda: True  # as if it died after find_batch's check
        return real(texts)

    monkeypatch.setattr(pool, "find_batch", kill_then_find)
    emit_batched_expecting_a_drop(exporter, pooled, caplog)
    assert "RuntimeError" in caplog.text
    monkeypatch.undo()
    assert pooled.find_batch([MIXED[0]]) == [pooled.find(MIXED[0])]  # fresh workers


@pytest.mark.parametrize(
    "options, message",
    [
        ({"processes": -1}, "processes must be"),
        ({"processes": 1, "analyzer": "mine"}, "not analyzer"),
        ({"blas": "mkl"}, "blas must be one of 'thinc', 'numpy'"),
        ({"blas": "numpy", "analyzer": "mine"}, "already loaded"),
    ],
)
def test_worker_process_options_are_checked(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        presidio_detector(["PERSON"], **options)


def ner_uses_blis(found: PresidioDetector) -> bool:
    nlp = found._analyzer.nlp_engine.nlp["en"]
    return nlp.get_pipe("ner").model.ops.use_blis


def test_matrix_products_on_numpy_blas_find_the_same(detector: PresidioDetector, pooled: PresidioDetector) -> None:
    on_numpy = presidio_detector(["PERSON", "LOCATION"], blas="numpy")
    assert not ner_uses_blis(on_numpy)
    assert ner_uses_blis(detector) and ner_uses_blis(pooled)  # this process keeps thinc's default
    assert pooled._workers is not None and pooled._workers._spec[2]["blas"] == "numpy"  # the workers do not
    texts = [t.format(n) for t in ("{} moved to Paris.", "Ask {} in Lagos.", "{} of Osaka") for n in NAMES] + list(MIXED)
    assert on_numpy.find_batch(texts) == detector.find_batch(texts)


MODEL_LOADED_HERE = """
import json, sys
from otel_redact import presidio_detector

def model_loaded():
    return any(name.startswith("en_core_web") for name in sys.modules)

detector = presidio_detector(["PERSON", "LOCATION"], processes=1)
text = "John Smith lives in Paris."
states = [model_loaded()]
batch = detector.find_batch([text])
states.append(model_loaded())
one = detector.find(text)
states.append(model_loaded())
detector.close()
print(json.dumps({"loaded": states, "same": batch == [one], "found": len(one)}))
"""


def test_with_worker_processes_this_process_loads_its_model_only_for_find() -> None:
    """The workers hold the models that find_batch uses; this process's own copy (~50 MB for
    the small model, far more for large ones) is loaded only if find() runs here."""
    run = subprocess.run([sys.executable, "-c", MODEL_LOADED_HERE], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report == {"loaded": [False, False, True], "same": True, "found": 2}


def test_unknown_entities_are_refused_without_loading_a_model_here(monkeypatch) -> None:
    from otel_redact import _presidio

    monkeypatch.setattr(_presidio, "load_spacy_model", lambda model: pytest.fail("this process loaded the model"))
    with pytest.raises(ValueError, match=r"Presidio does not detect \['NO_SUCH_TYPE'\]; it detects: .*PERSON"):
        presidio_detector(["PERSON", "NO_SUCH_TYPE"], processes=1)


@pytest.fixture
def lazy_and_broken(detector: PresidioDetector, monkeypatch) -> Iterator[Tuple[PresidioDetector, List[str]]]:
    """A detector loading its model on the first find() here, as with worker processes, whose
    load fails; yields it and the models it tried to load."""
    from otel_redact import _presidio

    attempts: List[str] = []

    def broken_load(model: str) -> None:
        attempts.append(model)
        raise OSError(f"spaCy model {model!r} is not installed")

    monkeypatch.setattr(_presidio, "load_spacy_model", broken_load)
    lazy = presidio_detector(["PERSON"], analyzer=detector._analyzer)
    lazy._loaded = None  # what processes=... leaves: loaded on the first find()
    yield lazy, attempts


def test_a_failed_lazy_load_is_not_retried(lazy_and_broken) -> None:
    """Each later find() raises at once, the same type, naming the model and no text."""
    lazy, attempts = lazy_and_broken
    for _ in range(3):
        with pytest.raises(OSError, match="'en_core_web_sm'") as raised:
            lazy.find("Ask John Smith about it.")
        assert "John" not in str(raised.value) and raised.value.__cause__ is None
    assert attempts == ["en_core_web_sm"]
    assert "not retried" in str(raised.value)


def test_a_remembered_failure_of_a_type_built_otherwise_is_a_runtime_error() -> None:
    from otel_redact._presidio import _error

    assert type(_error(ImportError, "m")) is ImportError and str(_error(ImportError, "m")) == "m"
    assert type(_error(UnicodeDecodeError, "m")) is RuntimeError and str(_error(UnicodeDecodeError, "m")) == "m"


def test_a_failed_lazy_load_fails_closed_on_every_span(exporter, lazy_and_broken, caplog) -> None:
    lazy, attempts = lazy_and_broken
    provider = deferred_pipeline(exporter, span_processors=[pii_filter(detectors=[lazy])])
    for _ in range(3):
        emit(provider)
    provider.shutdown()
    assert attempts == ["en_core_web_sm"] and len(exporter.spans) == 6
    assert not any(exporter.contains(name) for name in NAMES) and not exporter.contains("maria@example.com")
    assert not exporter.contains("nothing personal here")  # every span failed closed, not passed
    assert all(span.attributes["otel_redact.error"] is True for span in exporter.spans)
    assert not any(name.split()[0] in caplog.text for name in NAMES)


def test_a_bad_entity_with_worker_processes_fails_here_and_stops_them(monkeypatch) -> None:
    from otel_redact import _workers

    started = []
    real_start = _workers._Worker.start
    monkeypatch.setattr(_workers._Worker, "start", classmethod(lambda cls: started.append(real_start()) or started[-1]))
    with pytest.raises(ValueError, match="does not detect"):
        presidio_detector(["PERSON", "NO_SUCH_TYPE"], processes=1)
    assert len(started) == 1 and started[0].process.wait(timeout=10) is not None

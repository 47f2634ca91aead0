"""Amazon Comprehend detectors, against botocore's Stubber (no AWS access in tests)."""

from __future__ import annotations

import logging
from typing import Iterator, List, Tuple

import pytest

boto3 = pytest.importorskip("boto3")
from botocore.stub import Stubber  # noqa: E402

from otel_redact import comprehend_batch_processor, comprehend_detector, pii_filter  # noqa: E402
from otel_redact._comprehend import ENTITIES_BYTES, _pieces  # noqa: E402
from tests.conftest import deferred_pipeline  # noqa: E402


@pytest.fixture
def client() -> Iterator[Tuple[object, Stubber]]:
    client = boto3.client("comprehend", region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def entities(text: str, name: str, kind: str = "PERSON", score: float = 0.99) -> List[dict]:
    start = text.find(name)
    return [{"Type": kind, "Score": score, "Text": name, "BeginOffset": start, "EndOffset": start + len(name)}]


def person_texts(count: int) -> List[str]:
    return [f"ticket {i}: customer Person{chr(65 + i % 26)}x{i} called" for i in range(count)]


def test_batches_of_25_texts(client) -> None:
    client, stubber = client
    texts = person_texts(30)
    for chunk in (texts[:25], texts[25:]):
        results = [{"Index": i, "Entities": entities(t, t.split()[3])} for i, t in enumerate(chunk)]
        stubber.add_response(
            "batch_detect_entities",
            {"ResultList": results, "ErrorList": []},
            {"TextList": chunk, "LanguageCode": "en"},
        )
    found = comprehend_detector(client=client).find_batch(texts)
    assert [t[f[0].start : f[0].end] for t, f in zip(texts, found)] == [t.split()[3] for t in texts]


def test_spans_with_more_than_25_strings_are_redacted_in_chunks(client, exporter) -> None:
    client, stubber = client
    provider = deferred_pipeline(exporter, batch_processors=[comprehend_batch_processor(client=client, strategies="pseudonym")])
    texts = person_texts(27)
    gathered = ["one span", *(string for i, text in enumerate(texts) for string in (text, f"attr.{i}"))]  # each value, then its key
    for chunk in (gathered[:25], gathered[25:50], gathered[50:]):
        results = [{"Index": i, "Entities": entities(t, t.split()[3]) if t in texts else []} for i, t in enumerate(chunk)]
        stubber.add_response("batch_detect_entities", {"ResultList": results, "ErrorList": []})
    with provider.get_tracer("t").start_as_current_span("one span") as span:
        for i, text in enumerate(texts):
            span.set_attribute(f"attr.{i}", text)
    provider.shutdown()
    assert len(exporter.spans) == 1
    assert not any(exporter.contains(t.split()[3]) for t in texts)
    assert exporter.spans[0].attributes["attr.0"].startswith("ticket 0: customer <PERSON:")
    assert exporter.spans[0].attributes["otel_redact.redacted_count"] == 27


def test_long_texts_are_sent_in_pieces_within_the_size_limit(client) -> None:
    client, stubber = client
    text = ("é" * 3000 + " ") * 3 + "Zed Quinn"
    pieces = list(_pieces(text, ENTITIES_BYTES))
    assert all(len(p.encode()) <= ENTITIES_BYTES for _, p in pieces) and "".join(p for _, p in pieces) == text
    results = [{"Index": i, "Entities": entities(p, "Zed Quinn") if "Zed" in p else []} for i, (_, p) in enumerate(pieces)]
    stubber.add_response("batch_detect_entities", {"ResultList": results, "ErrorList": []})
    (found,) = comprehend_detector(client=client).find_batch([text])
    assert [text[f.start : f.end] for f in found] == ["Zed Quinn"]


def test_pii_api_maps_names_and_applies_the_threshold(client) -> None:
    client, stubber = client
    text = "Call Ann Lee at 12 Main Street"
    stubber.add_response(
        "detect_pii_entities",
        {"Entities": [
            {"Type": "NAME", "Score": 0.98, "BeginOffset": 5, "EndOffset": 12},
            {"Type": "ADDRESS", "Score": 0.3, "BeginOffset": 16, "EndOffset": 30},
        ]},
        {"Text": text, "LanguageCode": "en"},
    )
    detector = comprehend_detector(["PERSON", "LOCATION"], pii=True, client=client)
    assert pii_filter(detectors=[detector])._redactor.redact_text(text) == "Call <PERSON> at 12 Main Street"


def test_pii_api_reports_national_numbers_under_the_built_in_names(client) -> None:
    client, stubber = client
    text = "ITIN 912-78-1234, NHS 943 476 5919, NI AB 12 34 56 C"
    stubber.add_response(
        "detect_pii_entities",
        {"Entities": [
            {"Type": "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "Score": 0.9, "BeginOffset": 5, "EndOffset": 16},
            {"Type": "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "Score": 0.9, "BeginOffset": 22, "EndOffset": 34},
            {"Type": "UK_NATIONAL_INSURANCE_NUMBER", "Score": 0.9, "BeginOffset": 39, "EndOffset": 52},
        ]},
        {"Text": text, "LanguageCode": "en"},
    )
    detector = comprehend_detector(["US_ITIN", "UK_NHS", "IN_AADHAAR", "UK_NINO"], pii=True, client=client)
    assert [(text[f.start : f.end], f.entity) for f in detector.find(text)] == [
        ("912-78-1234", "US_ITIN"), ("943 476 5919", "UK_NHS"), ("AB 12 34 56 C", "UK_NINO")
    ]


def test_unknown_entity_types(client) -> None:
    with pytest.raises(ValueError, match="unknown entity types"):
        comprehend_detector(["NAME"], client=client[0])


def test_service_error_drops_the_batch(client, exporter, caplog) -> None:
    client, stubber = client
    stubber.add_client_error("batch_detect_entities", "ThrottlingException", "Rate exceeded")
    provider = deferred_pipeline(exporter, batch_processors=[comprehend_batch_processor(client=client)])
    with caplog.at_level(logging.ERROR, logger="otel_redact"):
        with provider.get_tracer("t").start_as_current_span("x") as span:
            span.set_attribute("q", "Ann Lee")
    provider.shutdown()
    assert exporter.spans == [] and "Ann Lee" not in caplog.text and "ClientError" in caplog.text

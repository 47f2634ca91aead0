"""Configuration mistakes fail at setup, with a message that says what and where."""

from __future__ import annotations

import re

import pytest

import otel_redact
from otel_redact import Detector, create_anonymizer, hide_filter, pii_filter
from otel_redact._detectors import DetectorSet


def test_bad_regex_rule_shows_the_pattern_and_the_position():
    with pytest.raises(ValueError) as info:
        pii_filter(rules=[{"pattern": r"\d+", "replace": "#"}, {"pattern": r"card (\d{4}", "replace": "x"}])
    message = str(info.value)
    assert "rule 1: invalid regex 'card (\\\\d{4}' at position 5: missing )" in message
    assert message.endswith("card (\\d{4}\n       ^")  # the caret under the unclosed group


def test_bad_detector_regex_shows_the_entity_the_pattern_and_the_position():
    with pytest.raises(ValueError, match=r"invalid regex for EMPLOYEE_ID at position \d+: missing \)\n  E\(\\d\{6\}"):
        Detector("EMPLOYEE_ID", r"E(\d{6}")


def test_bad_key_regex_names_the_option():
    with pytest.raises(ValueError, match=r"include_keys 'input\.\(value' is not a valid regex: missing \) at position"):
        pii_filter(include_keys="input.(value")


def test_bad_replacement_template_is_caught_at_setup():
    with pytest.raises(ValueError, match=r"invalid replacement '\\\\2' for regex '\(a\)'"):
        create_anonymizer([{"pattern": "(a)", "replace": r"\2"}])


@pytest.mark.parametrize(
    "bad, shown",
    [(lambda span, extra: None, "(span, extra)"), (lambda: None, "()")],
    ids=["two arguments", "no argument"],
)
def test_wrong_filter_signature(provider, bad, shown):
    with pytest.raises(TypeError, match="must take exactly one positional argument") as info:
        otel_redact.configure(span_processors=[bad], tracer_provider=provider)
    assert shown in str(info.value)


def test_filters_not_in_a_list(provider):
    with pytest.raises(TypeError, match="span_processors must be a list of functions, got function"):
        otel_redact.configure(span_processors=lambda span: None, tracer_provider=provider)


@pytest.mark.parametrize("option", ["entities", "exclude"])
def test_unknown_entity_name_lists_the_valid_ones(option):
    with pytest.raises(ValueError, match=r"unknown entity name\(s\) \['EMAIL'\]; valid names: .*EMAIL_ADDRESS"):
        pii_filter(**{option: ["EMAIL"]})


def test_unknown_entity_in_strategies():
    with pytest.raises(ValueError, match=r"strategies name unknown entity types \['EMAIL'\]; known: .*'EMAIL_ADDRESS'"):
        pii_filter(strategies={"EMAIL": "mask"})


@pytest.mark.parametrize("spec", [{"EMAIL_ADDRESS": "hash"}, "EMAIL_ADDRESS=hash"])
def test_unknown_replacement_strategy(spec):
    with pytest.raises(ValueError, match=r"unknown strategy 'hash' for 'EMAIL_ADDRESS'; choose one of mask, placeholder"):
        pii_filter(strategies=spec)


def test_unknown_pii_filter_option_names_the_options():
    with pytest.raises(TypeError, match=re.escape("pii_filter() got unknown option(s) ['max_lenght']")) as info:
        pii_filter(max_lenght=10)
    assert "max_value_length" in str(info.value)


@pytest.mark.parametrize("timeout", [0, -1, "1s", True])
def test_bad_timeout(timeout):
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
        pii_filter(timeout=timeout, rules=["x"])
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
        DetectorSet(timeout=timeout)


def test_bad_on_error(provider):
    with pytest.raises(ValueError, match=r"on_error must be one of \('redact', 'drop'\), got 'ignore'"):
        otel_redact.configure(span_processors=[], tracer_provider=provider, on_error="ignore")


def test_invalid_environment_variable(monkeypatch):
    monkeypatch.setenv("OTEL_REDACT_HIDE_INPUTS", "maybe")
    with pytest.raises(ValueError, match=r"OTEL_REDACT_HIDE_INPUTS='maybe' is not a boolean; use true/false, 1/0 or yes/no"):
        hide_filter()

"""Replacement strategies: markers, masks, keyed pseudonyms, removal and the spec form."""

from __future__ import annotations

import copy
import pickle

import pytest

from otel_redact._strategies import (
    PSEUDONYM_KEY_ENV,
    REMOVE,
    fixed,
    mask,
    parse_strategies,
    placeholder,
    pseudonym,
    remove,
)

CARD = "4111 1111 1111 1111"
EMAIL = "jane.doe@example.com"
KNOWN = {"EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN"}


@pytest.mark.parametrize(
    "strategy", [placeholder(), fixed("[hidden]"), mask(), pseudonym("k"), pseudonym(), remove()], ids=repr
)
@pytest.mark.parametrize("value", [EMAIL, CARD, "sk-proj-abcdefghijklmnopqrstuvwxyz"])
def test_marker_never_contains_the_value(strategy, value):
    marker = strategy.replace(value, "EMAIL_ADDRESS")
    assert marker is REMOVE or value not in marker


def test_placeholder_is_typed():
    assert placeholder().replace(EMAIL, "EMAIL_ADDRESS") == "<EMAIL_ADDRESS>"


def test_fixed_text():
    assert fixed("***").replace(EMAIL, "EMAIL_ADDRESS") == "***"
    with pytest.raises(TypeError):
        fixed(3)  # type: ignore[arg-type]


def test_mask_keeps_last_digits_and_separators():
    assert mask().replace(CARD, "CREDIT_CARD") == "**** **** **** 1111"
    assert mask().replace("4111111111111111", "CREDIT_CARD") == "************1111"
    assert mask(keep_last=2, char="#").replace("123-45-6789", "US_SSN") == "###-##-##89"


def test_mask_never_keeps_more_than_half():
    assert mask(keep_last=4).replace("1234", "PIN") == "**34"
    assert mask(keep_last=0).replace(CARD, "CREDIT_CARD") == "**** **** **** ****"


@pytest.mark.parametrize("kwargs", [{"keep_last": -1}, {"keep_last": 1.5}, {"char": "**"}, {"char": ""}])
def test_mask_rejects_bad_options(kwargs):
    with pytest.raises(ValueError):
        mask(**kwargs)


def test_pseudonym_stable_with_same_key_and_different_with_another():
    a, b, other = pseudonym("key-1"), pseudonym(b"key-1"), pseudonym("key-2")
    token = a.replace(EMAIL, "EMAIL_ADDRESS")
    assert token.startswith("<EMAIL_ADDRESS:") and token.endswith(">")
    assert len(token) == len("<EMAIL_ADDRESS:>") + 8
    assert b.replace(EMAIL, "EMAIL_ADDRESS") == token
    assert other.replace(EMAIL, "EMAIL_ADDRESS") != token
    assert a.replace("john@example.com", "EMAIL_ADDRESS") != token


def test_pseudonym_key_from_env(monkeypatch):
    monkeypatch.setenv(PSEUDONYM_KEY_ENV, "env-key")
    assert pseudonym().replace(EMAIL, "E") == pseudonym("env-key").replace(EMAIL, "E")


def test_pseudonym_without_key_uses_one_random_key_per_process(monkeypatch):
    monkeypatch.delenv(PSEUDONYM_KEY_ENV, raising=False)
    first, second = pseudonym(), pseudonym()
    assert first.replace(EMAIL, "E") == second.replace(EMAIL, "E")
    assert first.replace(EMAIL, "E") != pseudonym("a chosen key").replace(EMAIL, "E")


def test_pseudonym_rejects_bad_options():
    with pytest.raises(ValueError):
        pseudonym(b"")
    with pytest.raises(ValueError):
        pseudonym("k", length=2)


def test_remove_returns_the_sentinel_which_survives_copies():
    assert remove().replace(EMAIL, "EMAIL_ADDRESS") is REMOVE
    assert copy.deepcopy(REMOVE) is REMOVE
    assert pickle.loads(pickle.dumps(REMOVE)) is REMOVE


def test_spec_mapping_by_entity_with_default():
    table = parse_strategies({"CREDIT_CARD": "mask", "EMAIL_ADDRESS": "pseudonym", "*": "fixed:[x]"}, KNOWN)
    assert table["CREDIT_CARD"].replace(CARD, "CREDIT_CARD") == "**** **** **** 1111"
    assert table["EMAIL_ADDRESS"].replace(EMAIL, "EMAIL_ADDRESS").startswith("<EMAIL_ADDRESS:")
    assert table["US_SSN"].replace("123-45-6789", "US_SSN") == "[x]"


def test_spec_defaults_to_placeholder():
    assert parse_strategies(None, KNOWN)["US_SSN"].replace("1", "US_SSN") == "<US_SSN>"
    assert parse_strategies({}, KNOWN)["US_SSN"].replace("1", "US_SSN") == "<US_SSN>"


def test_spec_single_strategy_or_name_applies_to_all():
    assert parse_strategies("remove", KNOWN)["US_SSN"].replace("1", "US_SSN") is REMOVE
    assert parse_strategies(fixed("!"), KNOWN)["EMAIL_ADDRESS"].replace(EMAIL, "EMAIL_ADDRESS") == "!"


def test_spec_text_form_for_env():
    table = parse_strategies("CREDIT_CARD=mask, *=remove", KNOWN)
    assert table["CREDIT_CARD"].replace(CARD, "CREDIT_CARD") == "**** **** **** 1111"
    assert table["EMAIL_ADDRESS"].replace(EMAIL, "EMAIL_ADDRESS") is REMOVE


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"CREDIT_CARD": "scramble"}, "unknown strategy 'scramble'"),
        ({"NOT_AN_ENTITY": "mask"}, "unknown entity types ['NOT_AN_ENTITY']"),
        ("CREDIT_CARD", "unknown strategy 'CREDIT_CARD'"),
        ("CREDIT_CARD=mask,oops", "not ENTITY=strategy"),
        ({"CREDIT_CARD": 3}, "must be a name or a Strategy"),
        (["mask"], "must be a mapping"),
    ],
)
def test_spec_errors(spec, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_strategies(spec, KNOWN)

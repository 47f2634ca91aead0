"""create_anonymizer / TextRedactor: the walk, JSON text, keys, depth, strategies, Opik's classes."""

from __future__ import annotations

import copy
import json
import math
import sys
from collections import Counter
from typing import Any, Dict, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otel_redact._anonymizer import (
    SENSITIVE_KEY,
    TOO_DEEP,
    TOO_LONG,
    UNSCANNABLE,
    _JSON_OPENERS,
    Anonymizer,
    RecursiveAnonymizer,
    TextRedactor,
    create_anonymizer,
)
from otel_redact._strategies import REMOVE, fixed, mask, pseudonym
from tests.attribute_changes import changes

EMAIL = "jane.doe@example.com"
CARD = "4111 1111 1111 1111"
E = "<EMAIL_ADDRESS>"


@pytest.fixture(scope="module")
def anon() -> Anonymizer:
    return create_anonymizer()


# the walk ------------------------------------------------------------------------------
def test_plain_string_and_nested_values(anon):
    data = {"input": {"messages": [{"role": "user", "content": f"I am {EMAIL}, card {CARD}"}]}, "n": 3}
    result = anon(data)
    assert result["input"]["messages"][0]["content"] == f"I am {E}, card <CREDIT_CARD>"
    assert result["n"] == 3
    assert anon(f"mail {EMAIL}") == f"mail {E}"
    assert anon.anonymize(f"mail {EMAIL}") == f"mail {E}"


def test_tuples_stay_tuples_and_sets_are_walked(anon):
    assert anon(("ok", (EMAIL, 1))) == ("ok", (E, 1))
    assert anon({EMAIL, "ok"}) == {E, "ok"}
    assert anon(frozenset({EMAIL})) == frozenset({E})


def test_input_is_never_mutated_and_unchanged_values_are_the_same_objects(anon):
    clean = {"role": "user", "content": "nothing here"}
    data = {"a": [clean, {"email": EMAIL}], "b": (EMAIL,), "c": json.dumps({"to": EMAIL})}
    before = copy.deepcopy(data)
    result = anon(data)
    assert data == before
    assert result is not data and result["a"][0] is clean
    assert anon(clean) is clean
    text = "no personal data here"
    assert anon(text) is text


def test_scalars_pass_through(anon):
    data = [1, 2.5, True, None, math.inf]
    assert anon(data) is data
    nan = anon(float("nan"))
    assert math.isnan(nan)


def test_bytes_are_scanned_as_utf8_or_redacted_whole(anon):
    assert anon(f"to {EMAIL}".encode()) == f"to {E}".encode()
    clean = b"plain bytes"
    assert anon(clean) is clean
    assert anon({"blob": b"\xff\xfe" + EMAIL.encode()}) == {"blob": f"<{UNSCANNABLE}>"}


def test_unknown_objects_are_scanned_as_str(anon):
    class Person:
        def __str__(self) -> str:
            return f"Person({EMAIL})"

    class Thing:
        def __str__(self) -> str:
            return "thing"

    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no")

    thing = Thing()
    assert anon([Person()]) == [f"Person({E})"]
    assert anon([thing])[0] is thing
    assert anon([Broken()]) == [f"<{UNSCANNABLE}>"]


# JSON in strings --------------------------------------------------------------------------
def test_json_object_string_is_redacted_and_stays_valid_json(anon):
    raw = json.dumps({"messages": [{"role": "user", "content": f"hi {EMAIL}"}], "n": 1.5, "ok": True})
    result = anon(raw)
    assert json.loads(result) == {"messages": [{"role": "user", "content": f"hi {E}"}], "n": 1.5, "ok": True}


def test_json_list_and_encoded_plain_string(anon):
    assert json.loads(anon(json.dumps([EMAIL, 1]))) == [E, 1]
    mlflow_style = json.dumps(f"hello {EMAIL}")
    assert anon(mlflow_style) == json.dumps(f"hello {E}")


def test_json_is_not_parsed_without_a_candidate(anon, monkeypatch):
    calls: List[str] = []
    real_loads = json.loads

    def counting_loads(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    raw = json.dumps({"messages": [{"role": "user", "content": "hello there"}]})
    assert anon(raw) is raw
    assert calls == []
    # A candidate inside a string value is replaced in the text itself: still no parse.
    spliced = anon(json.dumps({"content": f"mail {EMAIL} now", "n": 2}, indent=1))
    assert calls == []
    assert spliced == json.dumps({"content": f"mail {E} now", "n": 2}, indent=1)  # layout kept
    # A candidate outside string values (here a key) needs the parse.
    redacted_key = anon(json.dumps({EMAIL: 1}))
    assert calls[0] == json.dumps({EMAIL: 1})
    assert json.loads(redacted_key) == {E: 1}


@pytest.mark.parametrize(
    "raw",
    [
        '{"k": "x\\\\", "mail": "jane.doe@example.com"}',  # an escaped backslash: not judged
        '{"jane.doe@example.com": 1}',  # a key
        '{"a": "say \\"hi\\" to jane.doe@example.com"}',  # escaped quotes before it
        '{"cut": "jane.doe@example.com',  # cut short
        '["jane.doe@example.com", "4111111111111111"]',
    ],
)
def test_json_redacted_in_place_or_parsed_gives_valid_redacted_json(anon, raw):
    out = anon(raw)
    assert EMAIL not in out and "4111111111111111" not in out
    try:
        json.loads(raw)
    except ValueError:
        return
    json.loads(out)  # valid JSON stays valid JSON


def test_markers_that_cannot_stand_in_json_force_the_parse():
    quoted = TextRedactor(strategies='fixed:x"y')
    out = quoted.redact_value(json.dumps({"content": f"mail {EMAIL}"}))
    assert json.loads(out) == {"content": 'mail x"y'}


def test_json_escapes_cannot_hide_a_value(anon):
    raw = json.dumps({"content": EMAIL}).replace("@", "\\u0040")
    assert EMAIL not in json.loads(anon(raw))["content"]
    url = json.dumps({"u": "https://bob:hunter22@db.example.com/"}).replace("/", "\\/")
    assert "hunter22" not in anon(url)


def test_json_lookalike_that_does_not_parse_is_scanned_as_text(anon):
    assert anon("{not json " + EMAIL + "}") == "{not json " + E + "}"


def test_json_openers_are_the_brackets_the_quote_and_every_whitespace_character():
    """The walk's one test of whether a string may be JSON sees whitespace as ``str.strip`` does."""
    whitespace = {char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace()}
    assert _JSON_OPENERS == {"{", "[", '"'} | whitespace


@pytest.mark.parametrize("space", ["", " ", "\n"])
def test_json_is_redacted_for_the_depth_it_sits_at_never_from_the_memo(space):
    text = space + json.dumps({"a": {"password": "hunter2"}})
    redactor = TextRedactor(max_depth=1)
    assert json.loads(redactor.redact_value(text)) == {"a": {"password": f"<{SENSITIVE_KEY}>"}}  # remembered
    assert [json.loads(item) for item in redactor.redact_value([text])] == [{"a": f"<{TOO_DEEP}>"}]  # a level down


def test_json_with_only_a_sensitive_key_is_parsed(anon):
    raw = json.dumps({"user": "bob", "password": "hunter2"})
    assert json.loads(anon(raw)) == {"user": "bob", "password": f"<{SENSITIVE_KEY}>"}


def nested_json(levels: int, inner: Dict[str, Any], indent: Any = None) -> str:
    """``inner`` as JSON text inside JSON strings, ``levels`` strings deep in all."""
    text = json.dumps(inner, indent=indent)
    for level in range(1, levels):
        text = json.dumps({f"level{level}": text}, indent=indent)
    return text


def unnested(text: str) -> Any:
    """The innermost value of :func:`nested_json`'s text."""
    value = json.loads(text)
    while isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith("level"):
        value = json.loads(next(iter(value.values())))
    return value


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("levels", [2, 3, 4, 6])
def test_a_sensitive_key_of_json_strings_deep_in_json_is_redacted(levels, indent):
    """Each level escapes the quotes of the one inside again (``\\\"password\\\"`` three
    deep): the key-value finder reads keys two deep, the parse goes further."""
    text = nested_json(levels, {"note": "ok", "password": "hunter2xyz"}, indent)
    out = TextRedactor().redact_value(text)
    assert "hunter2xyz" not in out
    assert unnested(out) == {"note": "ok", "password": f"<{SENSITIVE_KEY}>"}


def test_json_strings_deeper_than_max_depth_are_redacted_whole():
    out = TextRedactor(max_depth=3).redact_value(nested_json(6, {"password": "hunter2xyz"}))
    assert "hunter2xyz" not in out and f"<{TOO_DEEP}>" in out


def test_json_strings_deep_in_json_are_not_parsed_without_a_sensitive_key(monkeypatch):
    calls: List[str] = []
    real_loads = json.loads
    monkeypatch.setattr(json, "loads", lambda text, *args, **kwargs: calls.append(text) or real_loads(text, *args, **kwargs))
    redactor = TextRedactor()
    for inner in ({"note": "the password: policy changed", "count": 3}, {"role": "user", "content": "hi"}):
        text = nested_json(4, inner)
        assert redactor.redact_value(text) is text
    assert calls == []


# numbers ---------------------------------------------------------------------------------
C = "<CREDIT_CARD>"


def test_a_card_number_written_as_a_json_number_is_redacted(anon):
    raw = json.dumps({"card_no": 4111111111111111, "amount": 12, "n": [1, 5555555555554444]})
    assert json.loads(anon(raw)) == {"card_no": C, "amount": 12, "n": [1, C]}


def test_an_integer_with_a_card_numbers_digits_is_scanned_and_others_stay(anon):
    data = {"card": 4111111111111111, "order": 4111111111111112, "tokens": 950}
    assert anon(data) == {"card": C, "order": 4111111111111112, "tokens": 950}
    assert anon([True, 12.5, None, 10**30]) == [True, 12.5, None, 10**30]


def test_a_number_is_read_after_its_key_and_the_json_stays_valid(anon):
    """A phone number needs its key ("phone") as context, as in the JSON text; a value that
    only the parsed walk sees (behind an escape) is redacted in the same pass."""
    raw = '{"phone": 14155552671, "id": 14155552671, "note": "hi jane.doe\\u0040example.com"}'
    assert json.loads(anon(raw)) == {"phone": "<PHONE_NUMBER>", "id": 14155552671, "note": f"hi {E}"}


@pytest.mark.parametrize("key", ["phone", "phone_number", "phoneNumber", "mobile-phone", "tel", "user.cell", "Telefon"])
def test_a_number_under_a_key_that_names_a_phone_is_a_phone_number(anon, key):
    """National numbers need a phone word before them; a field name gives it, as a string,
    an integer or JSON text, while the same digits under other keys stay."""
    data = {key: "5551234567", "landline": "020 7946 0958", "order_id": "5551234567", "n": 5551234567, "id": 5551234567}
    redacted = {key: "<PHONE_NUMBER>", "landline": "<PHONE_NUMBER>", "order_id": "5551234567", "n": 5551234567, "id": 5551234567}
    assert anon(data) == redacted
    assert anon({key: 5551234567}) == {key: "<PHONE_NUMBER>"}
    assert json.loads(anon(json.dumps(data))) == redacted
    assert anon(f"{key}=5551234567") == f"{key}=<PHONE_NUMBER>"


@pytest.mark.parametrize("key", ["mobile_build", "mobile_build_number", "mobile_app_version", "mobileAppBuild", "mobile_os_version", "tel_sdk"])
def test_a_number_under_a_key_naming_a_phones_software_stays(anon, key):
    """A word naming software after the phone word: a build or version number, not a phone's."""
    data = {key: 4155550132, "nested": {key: "4155550132"}}
    assert anon(data) == data
    assert json.loads(anon(json.dumps(data))) == data
    assert anon(f"{key}: 4155550132") == f"{key}: 4155550132"
    assert anon(f"{key}.4155550132") == f"{key}.4155550132"


@pytest.mark.parametrize("key", ["mobile", "user.mobile_phone", "mobile_app_phone", "app_mobile", "phone_number", "build.tel"])
def test_a_phone_key_with_a_software_word_before_its_phone_word_names_a_phone(anon, key):
    assert anon({key: 4155550132}) == {key: "<PHONE_NUMBER>"}
    assert anon(f"{key}: 4155550132") == f"{key}: <PHONE_NUMBER>"


def test_a_text_seen_clean_elsewhere_is_still_read_after_a_phone_key(anon):
    """The memo remembers a text's verdict without its key: a phone key's value is read again."""
    assert anon({"order_id": "5551234567"}) == {"order_id": "5551234567"}
    assert anon({"phone": "5551234567"}) == {"phone": "<PHONE_NUMBER>"}
    assert anon({"phone": "5551234567 or jane.doe@example.com"}) == {"phone": f"<PHONE_NUMBER> or {E}"}
    assert anon({"phone": "n/a", "hotel_id": "5551234567", "numbers": "5551234567"}) == {
        "phone": "n/a", "hotel_id": "5551234567", "numbers": "5551234567"
    }


def test_every_value_nested_under_a_phone_key_is_read_after_it(anon):
    """Lists of numbers and objects of a number and its type, as contact APIs write them."""
    P = "<PHONE_NUMBER>"
    assert anon({"phones": ["5551234567", 5559876543, "n/a"]}) == {"phones": [P, P, "n/a"]}
    assert anon({"phoneNumbers": [{"value": "5551234567", "type": "mobile"}]}) == {"phoneNumbers": [{"value": P, "type": "mobile"}]}
    assert anon({"contact": {"phone": {"number": "5551234567", "ext": 12}}}) == {"contact": {"phone": {"number": P, "ext": 12}}}
    removing = create_anonymizer(strategies={"PHONE_NUMBER": "remove"})
    assert removing({"phones": ("5551234567", "n/a"), "fax": "5551234567"}) == {"phones": ("n/a",)}
    kept = {"phone": ["n/a", {"type": "mobile"}], "id": "5551234567"}
    assert anon(kept) is kept


class _FindsNothing:
    def find(self, text: str) -> list:
        return []


def test_an_attribute_under_a_phone_key_is_read_after_it_with_finders_too():
    """With a finder (an NER model) beside the detectors, values take the walk's slow path."""
    redactor = TextRedactor(detectors=[_FindsNothing()])
    assert redactor.redact_value("5551234567", key="enduser.phone") == "<PHONE_NUMBER>"
    assert redactor.redact_value("5551234567", key="order.id") == "5551234567"


# keys ------------------------------------------------------------------------------------
def test_sensitive_key_redacts_whole_value_of_any_type(anon):
    data = {"password": 1234, "api_key": {"nested": "x"}, "token": ["a"], "secret": None, "name": "bob"}
    assert anon(data) == {
        "password": f"<{SENSITIVE_KEY}>",
        "api_key": f"<{SENSITIVE_KEY}>",
        "token": f"<{SENSITIVE_KEY}>",
        "secret": None,
        "name": "bob",
    }


def test_key_detection_options():
    data = {"password": "hunter2", "employee_code": "E-77"}
    assert create_anonymizer(redact_keys=False)(data) == data
    assert create_anonymizer(allowed_keys=["password"])(data) == data
    assert create_anonymizer(sensitive_keys=["employee_code"])(data)["employee_code"] == f"<{SENSITIVE_KEY}>"
    with_rules = create_anonymizer({"regex": "x^", "replace": ""}, sensitive_keys=["employee_code"])
    assert with_rules(data) == {"password": f"<{SENSITIVE_KEY}>", "employee_code": f"<{SENSITIVE_KEY}>"}
    assert create_anonymizer({"regex": "x^", "replace": ""})(data) == data


def test_attribute_key_of_redact_value():
    redactor = TextRedactor()
    assert redactor.redact_value("hunter2", key="password") == f"<{SENSITIVE_KEY}>"
    assert redactor.redact_value("hunter2", key="query") == "hunter2"


def test_keys_holding_pii_are_redacted_without_collisions(anon):
    result = anon({EMAIL: 1, "john@example.com": 2, "plain": 3})
    assert result == {E: 1, f"{E}#2": 2, "plain": 3}


# size and depth ----------------------------------------------------------------------------
def test_deep_strings_and_containers_are_redacted_whole():
    anonymizer = create_anonymizer(max_depth=2)
    data = {"l1": {"l2": {"l3": "deep text", "n": 5, "l3d": {"x": "y"}}, "s2": "fine"}}
    result = anonymizer(data)
    assert result["l1"]["s2"] == "fine"
    assert result["l1"]["l2"] == {"l3": f"<{TOO_DEEP}>", "n": 5, "l3d": f"<{TOO_DEEP}>"}


def test_depth_zero_redacts_everything_nested():
    assert create_anonymizer(max_depth=0)({"a": "text"}) == {"a": f"<{TOO_DEEP}>"}
    assert create_anonymizer(max_depth=0)("top level text") == "top level text"


def test_long_strings_are_redacted_whole_without_scanning():
    anonymizer = create_anonymizer(max_value_length=10)
    assert anonymizer("short") == "short"
    assert anonymizer("x" * 11) == f"<{TOO_LONG}>"


def test_detector_timeout_redacts_the_string_whole():
    class Slow:
        entities = frozenset({"EMAIL_ADDRESS"})

        def find(self, text: str) -> list:
            raise TimeoutError

    redactor = TextRedactor()
    redactor._detectors = Slow()  # type: ignore[assignment]
    assert redactor.redact_value(["anything"]) == [f"<{UNSCANNABLE}>"]
    assert redactor.redact_value({"key": 1}) == {f"<{UNSCANNABLE}>": 1}


# options ---------------------------------------------------------------------------------
def test_entities_and_exclude():
    text = f"{EMAIL} {CARD}"
    assert create_anonymizer(entities=["EMAIL_ADDRESS"])(text) == f"{E} {CARD}"
    assert create_anonymizer(exclude=["EMAIL_ADDRESS"])(text) == f"{EMAIL} <CREDIT_CARD>"


@pytest.mark.parametrize(
    "options",
    [
        {"entities": ["NOT_AN_ENTITY"]},
        {"strategies": {"NOT_AN_ENTITY": "mask"}},
        {"strategies": {"EMAIL_ADDRESS": "shred"}},
        {"max_depth": -1},
        {"max_value_length": 0},
        {"detectors": ["not a detector"]},
    ],
)
def test_bad_options_raise_at_creation(options):
    with pytest.raises(ValueError):
        create_anonymizer(**options)


# strategies --------------------------------------------------------------------------------
@pytest.mark.parametrize("strategy", ["placeholder", "mask", "pseudonym", "remove", "fixed:[x]", fixed("*")])
def test_no_strategy_leaks_the_value(strategy):
    secret = "sk-proj-" + "Ab3" * 12
    data = {"m": [f"to {EMAIL}", f"card {CARD}", f"key {secret}"], "j": json.dumps({"e": EMAIL})}
    out = json.dumps(create_anonymizer(strategies={"*": strategy})(data), default=repr)
    for value in (EMAIL, CARD, CARD.replace(" ", ""), secret):
        assert value not in out


def test_strategies_per_entity():
    anonymizer = create_anonymizer(strategies={"CREDIT_CARD": mask(), "EMAIL_ADDRESS": pseudonym("k")})
    result = anonymizer(f"{EMAIL} paid with {CARD}")
    assert result.endswith("paid with **** **** **** 1111")
    assert result.startswith("<EMAIL_ADDRESS:")


def test_pseudonym_is_stable_across_anonymizers_with_the_same_key():
    first = create_anonymizer(strategies={"*": pseudonym("shared")})
    second = create_anonymizer(strategies="EMAIL_ADDRESS=pseudonym")
    other = create_anonymizer(strategies={"*": pseudonym("other")})
    assert first(EMAIL) == create_anonymizer(strategies={"*": pseudonym("shared")})(EMAIL)
    assert first(EMAIL) != other(EMAIL)
    assert second(EMAIL).startswith("<EMAIL_ADDRESS:")


# One card and one phone number, each written plainly, with look-alike spaces, in fullwidth or
# Arabic-Indic digits, percent-encoded and form-encoded.
SAME_CARD = (
    "4111 1111 1111 1111",
    "\uff14\uff11\uff11\uff11\u3000\uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11",
    "4111\u00a01111\u00a01111\u00a01111",
    "4111%201111%201111%201111",
    "4111+1111+1111+1111",
)
SAME_PHONE = (
    "+1 415 555 2671",
    "+\u0661 \u0664\u0661\u0665 \u0665\u0665\u0665 \u0662\u0666\u0667\u0661",
    "%2B1%20415%20555%202671",
    "+1\u202f415\u202f555\u202f2671",
    "\uff0b\uff11 \uff14\uff11\uff15 \uff15\uff15\uff15 \uff12\uff16\uff17\uff11",  # fullwidth plus sign
)


@pytest.mark.parametrize("forms, template", [(SAME_CARD, "/pay?card={}&x=1"), (SAME_PHONE, "/u?tel={}&x=1")], ids=["card", "phone"])
def test_a_number_gets_one_pseudonym_however_it_is_written(forms, template):
    """The strategy gets the value as the detectors read it, not as written."""
    anonymizer = create_anonymizer(strategies={"*": pseudonym("k")})
    plain = anonymizer(template.format(forms[0]))
    assert plain != template.format(forms[0]) and ":" in plain
    for form in forms[1:]:
        assert anonymizer(template.format(form)) == plain, form
        as_json = json.dumps({"url": template.format(form)})  # escaped: \uff14, parsed first
        assert json.loads(anonymizer(as_json))["url"] == plain, form


# One e-mail address, written plainly and percent-encoded as URLs and form bodies write it.
SAME_EMAIL = ("jane.doe+x@example.com", "jane.doe+x%40example.com", "jane.doe%2Bx%40example.com", "jane.doe%2bx%40example.com")


def test_an_email_address_gets_one_pseudonym_and_mask_however_it_is_encoded():
    pseudonyms, masks = create_anonymizer(strategies={"*": pseudonym("k")}), create_anonymizer(strategies={"*": mask()})
    plain = pseudonyms(f"/u?email={SAME_EMAIL[0]}&x=1")
    assert plain.startswith("/u?email=<EMAIL_ADDRESS:")
    for form in SAME_EMAIL[1:]:
        assert pseudonyms(f"/u?email={form}&x=1") == plain, form
        assert json.loads(pseudonyms(json.dumps({"url": f"/u?email={form}&x=1"}))) == {"url": plain}, form
        assert masks(f"/u?email={form}&x=1") == "/u?email=****.***+*@******e.com&x=1", form


@pytest.mark.parametrize("ascii_form", ["jane.doe@example.com", "jane.doe%2Bx@example.com"])
def test_an_email_address_gets_one_pseudonym_and_mask_in_fullwidth_or_ascii(ascii_form):
    """CJK input types the at sign and dots fullwidth; the strategy gets the ASCII form."""
    fullwidth = ascii_form.replace("@", "\uff20").replace(".", "\uff0e")
    pseudonyms, masks = create_anonymizer(strategies={"*": pseudonym("k")}), create_anonymizer(strategies={"*": mask()})
    assert pseudonyms(f"mail {fullwidth}") == pseudonyms(f"mail {ascii_form}") != f"mail {ascii_form}"
    assert masks(f"mail {fullwidth}") == masks(f"mail {ascii_form}")


def test_a_dotted_card_gets_one_pseudonym_and_mask_in_fullwidth_or_ascii():
    fullwidth = "\uff14\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11"
    pseudonyms = create_anonymizer(strategies={"*": pseudonym("k")})
    assert pseudonyms(f"card {fullwidth}") == pseudonyms("card 4111.1111.1111.1111") != "card 4111.1111.1111.1111"
    assert create_anonymizer(strategies={"*": mask()})(f"card {fullwidth}") == "card ****.****.****.1111"


@pytest.mark.parametrize(
    "forms, template, masked",
    [(SAME_CARD, "/pay?card={}&x=1", "/pay?card=**** **** **** 1111&x=1"), (SAME_PHONE, "/u?tel={}&x=1", "/u?tel=+* *** *** 2671&x=1")],
    ids=["card", "phone"],
)
def test_a_mask_shows_the_number_as_read_without_escapes(forms, template, masked):
    anonymizer = create_anonymizer(strategies={"*": mask()})
    for form in forms:
        assert anonymizer(template.format(form)) == masked, form


def test_values_other_than_numbers_reach_the_strategy_as_written():
    """Only numbers are decoded: an address's '+' or an encoded '%2B' in it stays as written,
    beside an encoded number or not."""
    anonymizer = create_anonymizer(strategies={"EMAIL_ADDRESS": mask(), "*": "placeholder"})
    for email in ("jane+2024@example.com", "jane%2B2@example.com"):
        alone = anonymizer(f"mail {email}")
        assert alone.startswith(f"mail ****{email[4]}")  # the '+' or the '%' as written
        assert anonymizer(f"mail {email} tel=%2B1%20415%20555%202671") == alone + " tel=<PHONE_NUMBER>"


def test_remove_strategy_top_level_nested_and_json():
    redactor = TextRedactor(strategies={"EMAIL_ADDRESS": "remove"})
    assert redactor.redact_value(f"to {EMAIL}") is REMOVE
    assert redactor.redact_text(f"to {EMAIL}") == ""
    data = {"keep": "ok", "drop": f"to {EMAIL}", "items": ["a", EMAIL, "b"], EMAIL: "key"}
    assert redactor.redact_value(data) == {"keep": "ok", "items": ["a", "b"]}
    raw = json.dumps({"keep": 1, "drop": EMAIL})
    assert json.loads(redactor.redact_value(raw)) == {"keep": 1}
    assert create_anonymizer(strategies={"*": "remove"})(EMAIL) is None


def test_remove_strategy_on_sensitive_key_removes_the_entry():
    redactor = TextRedactor(strategies={SENSITIVE_KEY: "remove"})
    assert redactor.redact_value({"password": "x", "a": 1}) == {"a": 1}
    assert redactor.redact_value("x", key="password") is REMOVE


def test_counter_counts_per_entity_and_only_what_it_is_given():
    redactor = TextRedactor()
    counter: Counter = Counter()
    redactor.redact_value({"a": f"{EMAIL} {CARD}", "b": [EMAIL], "password": "x"}, counter=counter)
    assert counter == {"EMAIL_ADDRESS": 2, "CREDIT_CARD": 1, SENSITIVE_KEY: 1}
    other: Counter = Counter()
    redactor.redact_value(EMAIL, counter=other)
    assert other == {"EMAIL_ADDRESS": 1}


# Opik's classes ------------------------------------------------------------------------------
class Recorder(RecursiveAnonymizer):
    def __init__(self, max_depth: int = 10) -> None:
        super().__init__(max_depth)
        self.calls: List[Dict[str, Any]] = []

    def anonymize_text(self, data: str, **kwargs: Any) -> str:
        self.calls.append({"data": data, **kwargs})
        return data.upper()


def test_recursive_anonymizer_field_names_and_kwargs():
    recorder = Recorder()
    data = {"messages": [{"content": "hi"}], "meta": ("t",)}
    result = recorder.anonymize(data, field_name="input", object_type="span")
    assert result == {"messages": [{"content": "HI"}], "meta": ("T",)}
    assert recorder.calls == [
        {"data": "hi", "field_name": "input.messages.0.content", "object_type": "span"},
        {"data": "t", "field_name": "input.meta.0", "object_type": "span"},
    ]


def test_recursive_anonymizer_without_prefix_and_with_depth_limit():
    recorder = Recorder(max_depth=1)
    assert recorder({"email": "a", "deep": {"x": "b"}}) == {"email": "A", "deep": {"x": f"<{TOO_DEEP}>"}}
    assert recorder.calls == [{"data": "a", "field_name": "email"}]


def test_anonymizer_is_abstract_and_subclasses_are_callable():
    with pytest.raises(TypeError):
        Anonymizer()  # type: ignore[abstract]
    with pytest.raises(TypeError):
        RecursiveAnonymizer()  # type: ignore[abstract]

    class Blank(Anonymizer):
        def anonymize(self, data: Any, **kwargs: Any) -> Any:
            return "blank"

    assert Blank()({"a": 1}) == "blank"


def test_created_anonymizer_is_a_recursive_anonymizer(anon):
    assert isinstance(anon, RecursiveAnonymizer)
    assert anon.anonymize_text(f"to {EMAIL}", field_name="input", object_type="trace") == f"to {E}"


# leak nothing, whatever the shape --------------------------------------------------------------
_leaf = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.none(),
    st.just(EMAIL),
    st.builds(lambda a, b: f"{a} {EMAIL} {b}", st.text(max_size=5), st.text(max_size=5)),
)
_data = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=6), st.just(EMAIL)), inner, max_size=4),
        st.builds(json.dumps, st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    ),
    max_leaves=15,
)


@settings(max_examples=150, deadline=None)
@given(_data)
def test_property_no_email_survives_and_input_is_untouched(data):
    anonymizer = create_anonymizer()
    before = copy.deepcopy(data)
    result = anonymizer(data)
    assert data == before
    assert EMAIL not in repr(result)
    assert EMAIL not in json.dumps(result, default=repr)


def test_a_removed_tuple_item_is_counted_once_and_scanned_once(monkeypatch) -> None:
    redactor = TextRedactor(strategies={"EMAIL_ADDRESS": "remove"})
    scans = []
    string = redactor._string
    monkeypatch.setattr(redactor, "_string", lambda text, *rest: scans.append(text) or string(text, *rest))
    counter: Counter = Counter()
    assert redactor.redact_value(("a@example.com", "hello"), key="tags", counter=counter) == ("hello",)
    assert counter == {"EMAIL_ADDRESS": 1}
    assert scans == ["a@example.com", "hello"]


def test_attribute_keys_holding_a_value_move_to_a_unique_redacted_key():
    redactor = TextRedactor()
    attributes = {f"user/{EMAIL}": 1, "user/<EMAIL_ADDRESS>": 2, "note": EMAIL}
    for _ in range(2):  # the second time, from what the first one remembered
        assert changes(redactor, attributes) == [
            (f"user/{EMAIL}", REMOVE),
            ("user/<EMAIL_ADDRESS>#2", 1),
            ("note", "<EMAIL_ADDRESS>"),
        ]
    assert changes(redactor, {"note": "plain", "n": 1}) == [] and not redactor.unsettled({"note": "plain", "n": 1})

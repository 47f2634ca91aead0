"""The detector engine and the built-in PII detectors."""

from __future__ import annotations

import datetime
import json
import random
import re
import string
from typing import Any, List, Optional, Set, Tuple
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact
from otel_redact import _detectors
from otel_redact._detectors import BUILTIN_ENTITIES, Detector, DetectorSet, Finding, default_detectors
from otel_redact._validators import aadhaar_ok, fiscal_code_ok, iban_ok, luhn_ok, mac_ok, nhs_ok, nie_ok, nif_ok, pesel_ok


def found(text: str, detectors: Optional[DetectorSet] = None) -> List[Tuple[str, str]]:
    """(entity, value) pairs found in ``text``."""
    return [(f.entity, text[f.start : f.end]) for f in (detectors or default_detectors()).find(text)]


def covered(text: str, detectors: Optional[DetectorSet] = None) -> Set[int]:
    """The positions of ``text`` that findings cover."""
    return {i for f in (detectors or default_detectors()).find(text) for i in range(f.start, f.end)}


def anonymized(text: str) -> str:
    return otel_redact.create_anonymizer().anonymize_text(text)


def luhn_complete(prefix: str, length: int, seed: int = 1) -> str:
    """A Luhn-valid number of ``length`` digits starting with ``prefix``."""
    rng = random.Random(seed)
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


ENCODED_CARDS = [
    "".join(f"%EF%BC%{0x90 + int(digit):X}" for digit in "4111111111111111"),  # fullwidth digits as UTF-8 bytes
    "".join(f"%3{digit}" for digit in "4111111111111111"),  # ASCII digits percent-encoded
    "4111" + "%EF%BC%91" * 3 + "%31" * 3 + "1" * 6,  # mixed
    "%D9%A4111%20" + "%DB%B1" * 4 + "%201111%201111",  # Arabic-Indic and Persian digits, spaced
]
"""One card (4111 1111 1111 1111) written with its digits percent-encoded."""


def luhn_break(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def iban(country: str, bban: str) -> str:
    """A checksum-valid IBAN for ``country`` and ``bban``."""
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


# --- e-mail ---------------------------------------------------------------------------------

@pytest.mark.parametrize("email", ["jane.roe@example.com", "a+tag@sub.example.co.uk", "x_y-z@example.org", "jörg@exämple.de"])
def test_email_found(email: str) -> None:
    assert found(f"write to {email}, thanks.") == [("EMAIL_ADDRESS", email)]


@pytest.mark.parametrize("text", ["user@localhost", "@mention", "a@b", "pkg@1.2.3"])
def test_email_not_found(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "email",
    ["bob @ example . com", "bob @ example dot com", "jane.doe @ gmail DOT com", "bob @ example [dot] co [dot] uk", "bob @ example(dot)org"],
)
def test_email_with_spaces_around_its_at_sign_found(email: str) -> None:
    assert_found_and_redacted(f"mail {email} please", "EMAIL_ADDRESS", email)


@pytest.mark.parametrize(
    "text",
    [
        "attn = q @ k.to(device)",  # a matrix product: its dot is a real one
        "y = x @ w . T",  # T is no top-level domain
        "ping @ bob in the channel",
        "weights @ inputs . shape",
        "meet @ 5 dot 30",
    ],
)
def test_spaced_at_sign_look_alikes_are_no_email(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "email",
    [
        "jane\uff0edoe\uff20example\uff0ecom",  # CJK input: fullwidth at sign and dots
        "jane.doe\uff20example.com",
        "jane%2Bx\uff20example\uff0ecom",
    ],
)
def test_email_with_a_fullwidth_at_sign_found(email: str) -> None:
    text = f"mail {email} today"
    assert found(text) == [("EMAIL_ADDRESS", email)]
    anonymizer = otel_redact.create_anonymizer()
    assert anonymizer.anonymize_text(text) == "mail <EMAIL_ADDRESS> today"
    for ensure_ascii in (True, False):
        as_json = json.dumps({"msg": text}, ensure_ascii=ensure_ascii)
        assert json.loads(anonymizer.anonymize_text(as_json)) == {"msg": "mail <EMAIL_ADDRESS> today"}


@pytest.mark.parametrize("text", ["\uff20jane \u306e\u6295\u7a3f", "jane\uff20localhost", "pkg\uff201.2.3", "\uff20\uff20"])
def test_a_fullwidth_at_sign_alone_is_no_email(text: str) -> None:
    """A fullwidth at sign is read as '@': a mention or a version pin stays as its ASCII form does."""
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("GET /invite?email=jane.roe%40example.com&x=1", "jane.roe%40example.com"),
        ("/api/users?email=jane.roe%2Bx%40example.com", "jane.roe%2Bx%40example.com"),
        ("smtp://jane.roe%40example.com:pw@smtp.example.com", "jane.roe%40example.com"),
    ],
)
def test_percent_encoded_email_found(text: str, value: str) -> None:
    assert ("EMAIL_ADDRESS", value) in found(text)


@pytest.mark.parametrize("text", ["a discount of 50%40 off", "100%40example", "q=b%40c.d"])
def test_percent_forty_alone_is_no_email(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("GET /api/users?phone=%2B14155552671&x=1", "PHONE_NUMBER", "%2B14155552671"),
        ("tel=%2B1%20415%20555%202671", "PHONE_NUMBER", "%2B1%20415%20555%202671"),
        ("phone=415%2D555%2D2671", "PHONE_NUMBER", "415%2D555%2D2671"),
        ("phone=%28415%29%20555-2671&ok=1", "PHONE_NUMBER", "%28415%29%20555-2671"),
        ("phone=415+555+2671&name=x", "PHONE_NUMBER", "415+555+2671"),  # a form body: '+' is a space
        ("tel=%2b44+20+7946+0958", "PHONE_NUMBER", "%2b44+20+7946+0958"),
        ("POST card=4111%201111%201111%201111&cvv=123", "CREDIT_CARD", "4111%201111%201111%201111"),
        ("card=4111+1111+1111+1111", "CREDIT_CARD", "4111+1111+1111+1111"),
        ("q=536%2D90%2D4399", "US_SSN", "536%2D90%2D4399"),
        *[(f"GET /pay?card={value}&x=1", "CREDIT_CARD", value) for value in ENCODED_CARDS],
        ("tel=%EF%BC%94%EF%BC%91%EF%BC%95%EF%BC%8D555%EF%BC%8D0132", "PHONE_NUMBER", "%EF%BC%94%EF%BC%91%EF%BC%95%EF%BC%8D555%EF%BC%8D0132"),
        ("q=%D9%A4%D9%A1%D9%A5%20555%200132&call=1", "PHONE_NUMBER", "%D9%A4%D9%A1%D9%A5%20555%200132"),  # Arabic-Indic
        ("ssn=%35%33%36-90-4399", "US_SSN", "%35%33%36-90-4399"),
    ],
)
def test_percent_encoded_numbers_found(text: str, entity: str, value: str) -> None:
    """Query strings and form bodies in http.url, url.full and request attributes."""
    assert found(text) == [(entity, value)]


@pytest.mark.parametrize(
    "text",
    [
        "GET /search?q=order%20123456789&page=2",
        "redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fid%3D12345678",
        "from=2024-01-05T10%3A00%3A00%2B01%3A00&to=2024%2D01%2D06",
        "id=123e4567%2De89b%2D12d3%2Da456%2D426614174000",
        "size=1024%20x%20768&q=top%2010%20results%20for%202024",
        "sku=ABC%2D1234567%2DX&ids=1234567%2B7654321&build=20240105%2B1234567",
        "range=bytes%3D0%2D1048575",
        "q=1+2+3&expr=10+20+30+40&d=2024+01+05",
        "at 2024-05-01T12:00:00+00:00 and 2024-05-01T13:00:00+01:00",
        "v=1%2E2%2E3%2E4",  # encoders leave dots as they are: not decoded
        # Digits as UTF-8 bytes or escapes, in the shapes of ids, versions, dates and prose.
        "q=%E4%BD%A0%E5%A5%BD%20123&id=12345678", "name=Jos%C3%A9&n=1234567", "discount=50%31%30",
        "order=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98",
        "v=%EF%BC%91.%EF%BC%92.%EF%BC%93", "d=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94-01-05",
        "card=%34%31%31%31%31%31%31%31%31%31%31%31%31%31%31%32",  # Luhn fails
    ],
)
def test_percent_encoded_look_alikes_not_found(text: str) -> None:
    assert found(text) == []


@given(st.lists(st.sampled_from(["1", "a", " ", "%20", "%2b", "%2D", "%28", "%29", "%2F", "+", "%", "%34", "%EF%BC%94", "%C2%A0", "%E4%BD%A0", "%C3"]), max_size=30))
def test_decoded_positions_map_back_to_the_encoded_text(parts: List[str]) -> None:
    text = "".join(parts)
    decoded = _detectors._Decoded(text)
    back = [decoded.original((i, i, 0, ""))[0] for i in range(len(decoded.text) + 1)]
    assert back[0] == 0 and back[-1] == len(text)
    for i, char in enumerate(decoded.text):  # each character comes from the run between two positions
        run = text[back[i] : back[i + 1]]
        assert run == char or _detectors._decoded_part(run) == char


@pytest.mark.parametrize("value", ENCODED_CARDS)
def test_digits_percent_encoded_as_utf8_do_not_leave_raw(value: str) -> None:
    """A URL writes a fullwidth or other script's digit as its UTF-8 bytes ("%EF%BC%94"); the
    strategies get the card as read (one pseudonym for every way of writing it)."""
    assert _detectors.value_as_read(value, "CREDIT_CARD").replace(" ", "") == "4111111111111111"
    anonymizer = otel_redact.create_anonymizer()
    url = f"https://shop.example/pay?card={value}&qty=2"
    assert anonymizer.anonymize_text(url) == "https://shop.example/pay?card=<CREDIT_CARD>&qty=2"
    assert json.loads(anonymizer.anonymize_text(json.dumps({"http.url": url}))) == {"http.url": "https://shop.example/pay?card=<CREDIT_CARD>&qty=2"}


# --- cards ----------------------------------------------------------------------------------

CARD_FORMATS = [
    ("4", 13), ("4", 16), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15),
    ("37", 15), ("6011", 16), ("65", 16), ("3528", 16), ("3589", 19), ("2131", 15), ("1800", 15),
    ("300", 14), ("36", 14), ("5018", 12), ("6304", 19), ("62", 16), ("62", 19),
]


@pytest.mark.parametrize("prefix,length", CARD_FORMATS)
def test_card_every_issuer(prefix: str, length: int) -> None:
    number = luhn_complete(prefix, length)
    assert found(f"card {number} on file") == [("CREDIT_CARD", number)]


@pytest.mark.parametrize("sep", [" ", "-", "."])
def test_card_with_separators(sep: str) -> None:
    number = luhn_complete("4", 16)
    spaced = sep.join(number[i : i + 4] for i in range(0, 16, 4))
    assert found(f"pay with {spaced}.") == [("CREDIT_CARD", spaced)]
    amex = luhn_complete("37", 15)
    grouped = f"{amex[:4]}{sep}{amex[4:10]}{sep}{amex[10:]}"
    assert found(grouped) == [("CREDIT_CARD", grouped)]


@pytest.mark.parametrize("prefix,length", [("4", 16), ("37", 15), ("51", 16)])
def test_card_invalid_luhn_not_found(prefix: str, length: int) -> None:
    assert found(f"card {luhn_break(luhn_complete(prefix, length))}") == []


def test_card_unknown_issuer_or_length_not_found() -> None:
    assert found(luhn_complete("9", 16)) == []
    assert found(luhn_complete("37", 16)) == []  # Amex is 15 digits


def test_card_dotted_in_the_groups_cards_are_printed_in() -> None:
    visa = luhn_complete("4", 19)
    long = ".".join(visa[i : i + 4] for i in range(0, 19, 4))
    assert found(f"card {long} ok") == [("CREDIT_CARD", long)]
    diners = luhn_complete("36", 14)
    assert found(f"card {diners[:4]}.{diners[4:10]}.{diners[10:]}") == [("CREDIT_CARD", f"{diners[:4]}.{diners[4:10]}.{diners[10:]}")]
    assert "4111.1111.1111.1111" not in otel_redact.create_anonymizer().anonymize_text("paid with 4111.1111.1111.1111.")


@pytest.mark.parametrize(
    "text",
    [
        "card 4111.1111.1111.1112",  # Luhn fails
        "id 4111.1111.1111.1111.1111",  # five groups: no card
        "oid 1.3.6.1.4111.1111.1111.1111",
        "n 41.1111111111111.1 and 4111.11111111.1111",  # not a card's groups
        "version 1.2.3.4 at 3.14159265358979 on 2024.01.15",
    ],
)
def test_dotted_numbers_in_other_shapes_are_not_cards(text: str) -> None:
    assert "CREDIT_CARD" not in {entity for entity, _ in found(text)}


@pytest.mark.parametrize("key", ["user.", "event.card.", "Order_Item.", "user_", "user-", "USER_", "order-item_", "id_9_", "row_2024_"])
def test_card_glued_to_a_key(key: str) -> None:
    """A key written with the number after a dot, underscore or hyphen: "user.4111...",
    "user_4111..." (a log line's field, a generated name)."""
    number = luhn_complete("4", 16)
    spaced = " ".join(number[i : i + 4] for i in range(0, 16, 4))
    for value in (number, spaced):
        assert found(f"{key}{value} clicked") == [("CREDIT_CARD", value)]
        assert number not in otel_redact.create_anonymizer().anonymize_text(f"{key}{value} clicked").replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "build.20240101 done", "release v1.2.3 out", "pi 3.4111111111111111 ok",  # a Luhn-valid card's digits after "3."
        "v1.4111111111111111", "pkg==2.4111111111111111", "order.4111111111111112 shipped",  # the last fails Luhn
        "order_20240101", "build-1234567", "run-2024-11-24", "v1.2.3-45", "ts_1700000000000",
        "order_4111111111111112", "v1-4111111111111111", "2024-4111111111111111",  # Luhn fails; a digit's hyphen
        "id_9_4111111111111112", "1.5_4111111111111112",  # a digit's underscore: Luhn fails
    ],
)
def test_glued_ids_versions_and_decimals_are_not_cards(text: str) -> None:
    assert found(text) == []


# --- IBAN -----------------------------------------------------------------------------------

@pytest.mark.parametrize("country,bban", [
    ("DE", "370400440532013000"), ("FR", "20041010050500013M02606"), ("NO", "86011117947"),
    ("MT", "MALT011000012345MTLCAST001S"), ("BR", "00360305000010009795493C1"), ("GB", "WEST12345698765432"),
])
def test_iban_every_country_compact_and_spaced(country: str, bban: str) -> None:
    code = iban(country, bban)
    assert iban_ok(code)
    assert found(f"IBAN {code} please") == [("IBAN_CODE", code)]
    spaced = " ".join(code[i : i + 4] for i in range(0, len(code), 4))
    assert found(f"IBAN {spaced} please") == [("IBAN_CODE", spaced)]


@pytest.mark.parametrize("country, bban", [("GB", "WEST12345698765432"), ("DE", "370400440532013000")])
def test_iban_lower_case_compact(country: str, bban: str) -> None:
    code = iban(country, bban).lower()
    assert found(f"iban: {code}") == [("IBAN_CODE", code)]


@pytest.mark.parametrize("country, bban", [
    ("GB", "WEST12345698765432"), ("DE", "370400440532013000"), ("MT", "MALT011000012345MTLCAST001S"),
    ("NL", "ABNA0417164300"), ("GB", "WESTAB123456789012"),  # a group led by letters before its digits
])
@pytest.mark.parametrize("case", [str.lower, str.title, lambda code: code[:4] + code[4:].lower()])
@pytest.mark.parametrize("separator", [" ", "-"])
def test_iban_spaced_in_lower_or_mixed_case(country: str, bban: str, case: Any, separator: str) -> None:
    code = iban(country, bban)
    spaced = case(separator.join(code[i : i + 4] for i in range(0, len(code), 4)))
    text = f"iban {spaced} from the bank"
    assert found(text) == [("IBAN_CODE", spaced)]
    as_json = json.dumps({"msg": text})
    redacted = otel_redact.create_anonymizer()(as_json)
    assert spaced not in redacted and json.loads(redacted) == {"msg": "iban <IBAN_CODE> from the bank"}


@pytest.mark.parametrize("text", [
    "se12 this that with from here",  # a country code and words of four letters: no checksum
    "de12 3456 7890 1234 5678 90",  # the shape of a DE IBAN, a wrong check
    "build py39 with 1234 5678 done",
])
def test_lower_case_words_and_numbers_are_no_spaced_iban(text: str) -> None:
    assert "IBAN_CODE" not in {entity for entity, _ in found(text)}


def test_iban_bad_checksum_or_length_not_found() -> None:
    code = iban("DE", "370400440532013000")
    bad = code[:2] + f"{(int(code[2:4]) + 1) % 100:02d}" + code[4:]
    assert found(bad) == []
    assert found(iban("DE", "3704004405320130001")) == []  # DE is 22 characters
    assert found(iban("ZZ", "370400440532013000")) == []


# --- SSN ------------------------------------------------------------------------------------

@pytest.mark.parametrize("ssn", ["123-45-6789", "123 45 6789", "078-05-1120", "899-99-9999"])
def test_ssn_found(ssn: str) -> None:
    assert found(f"SSN on record {ssn}.") == [("US_SSN", ssn)]


@pytest.mark.parametrize("ssn", ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000", "123-45 6789"])
def test_ssn_invalid_not_ssn(ssn: str) -> None:
    assert "US_SSN" not in {entity for entity, _ in found(f"value {ssn}")}


def test_ssn_bare_digits_only_with_context() -> None:
    assert found("SSN: 123456789") == [("US_SSN", "123456789")]
    assert found("social security number 123456789") == [("US_SSN", "123456789")]
    assert found("order 123456789 shipped") == []


@pytest.mark.parametrize("text", ["my ssn is 123456789", "SSN number: 123456789", "ssn no. 123456789", "Social security number was 123456789"])
def test_ssn_bare_digits_after_linking_words(text: str) -> None:
    assert found(text) == [("US_SSN", "123456789")]


@pytest.mark.parametrize("text", ["ssn is missing, order 123456789", "the SSN field is required; ticket 123456789"])
def test_ssn_label_far_from_bare_digits(text: str) -> None:
    assert found(text) == []


# --- passport numbers -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, value",
    [
        ("passport number: X12345678", "X12345678"),
        ("Passport No. 123456789", "123456789"),
        ("passport #C03005988", "C03005988"),
        ("PASSPORT: AB1234567 (Japan)", "AB1234567"),
        ("my passport number is E12345678.", "E12345678"),
        ("passportNumber=X12345678&x=1", "X12345678"),
        ("passport number: 123456789", "123456789"),  # a phone word before it: a passport number all the same
    ],
)
def test_passport_number_after_the_word_passport(text: str, value: str) -> None:
    assert found(text) == [("PASSPORT_NUMBER", value)]
    anonymizer = otel_redact.create_anonymizer()
    redacted = anonymizer(text)
    assert value not in redacted  # as a passport number, or the value of a key naming one ("PASSPORT: x")
    as_json = json.dumps({"passport_no": value, "note": text})
    redacted_json = anonymizer(as_json)
    assert value not in redacted_json
    assert json.loads(redacted_json) == {"passport_no": "<SENSITIVE_KEY>", "note": redacted}  # a key naming a passport


@pytest.mark.parametrize(
    "text",
    [
        "X12345678 is the order id",  # no passport word
        "passports are valid for 10 years",
        "Passport.js 0.7.0 with 1234567 downloads",  # a version between the word and the number
        "passport photo 600x600",
        "passport renewal took 1234567890 ms",  # ten digits: longer than a passport number
        "passport ABC1234567",  # three letters and seven digits: no passport's shape
        "the passport office said so, and far later in the log the job 1234567 ran",
    ],
)
def test_numbers_are_no_passport_numbers_without_the_word_close_before(text: str) -> None:
    assert "PASSPORT_NUMBER" not in {entity for entity, _ in found(text)}


# --- national numbers: US ITIN, UK NHS, Indian Aadhaar, Polish PESEL -------------------------

def assert_found_and_redacted(text: str, entity: str, value: str) -> None:
    """``text`` holds ``value`` alone, found as ``entity``, and the anonymizer replaces it by
    that entity's marker inside a JSON document that still parses."""
    assert found(text) == [(entity, value)]
    redacted = otel_redact.create_anonymizer()(json.dumps({"note": text}))
    assert value not in redacted and f"<{entity}>" in redacted
    assert json.loads(redacted)


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("my ITIN is 912-78-1234", "US_ITIN", "912-78-1234"),
        ("tax id 900 70 0000, filed", "US_ITIN", "900 70 0000"),  # no SSN starts with a 9
        ("ITIN: 912941234", "US_ITIN", "912941234"),
        ("Individual Taxpayer Identification Number no. 999881234", "US_ITIN", "999881234"),
        ("NHS number 943 476 5919", "UK_NHS", "943 476 5919"),
        ("NHS: 9434765919.", "UK_NHS", "9434765919"),
        ("patient nhs no. is 943-476-5919", "UK_NHS", "943-476-5919"),
        ("my aadhaar is 4991 1866 5246", "IN_AADHAAR", "4991 1866 5246"),
        ("Aadhar number: 499118665246", "IN_AADHAAR", "499118665246"),
        ("PESEL: 44051401359", "PL_PESEL", "44051401359"),
        ("numer PESEL 02270803624.", "PL_PESEL", "02270803624"),  # born in 2002: the month carries the century
        ("PESEL number 81123100008", "PL_PESEL", "81123100008"),  # born in 1881; no phone for "number"
        ("pesel=44051401359&x=1", "PL_PESEL", "44051401359"),
    ],
)
def test_national_numbers(text: str, entity: str, value: str) -> None:
    assert_found_and_redacted(text, entity, value)


@pytest.mark.parametrize(
    "text",
    [
        "ref 912-93-1234",  # 93: no ITIN group
        "ITIN: 812781234",  # no ITIN starts with an 8
        "NHS number 943 476 5918",  # the check digit is wrong
        "order 943 476 5919 shipped",  # no NHS label: ten digits as any number
        "the NHS trust said so, and far later in the log job 943 476 5919 ran",
        "Aadhaar 4991 1866 5247",  # the Verhoeff check fails
        "Aadhaar 1991 1866 5240",  # no Aadhaar number starts with 0 or 1
        "invoice 4991 1866 5246",  # no Aadhaar label
        "PESEL 44051401358",  # the check digit is wrong
        "PESEL 02222900010",  # the check digit is right, but 2002 had no 29 February
        "PESEL 44131401350",  # the check digit is right, but no month is 13
        "order 44051401359 shipped",  # no PESEL label: eleven digits as any id
        "the PESEL field is empty, and far later in the log job 44051401359 ran",
        "PESEL updated at 1700000000000",  # a timestamp in milliseconds: thirteen digits
        "PESEL 4405140135",  # ten digits
    ],
)
def test_national_look_alikes(text: str) -> None:
    assert not {"US_ITIN", "UK_NHS", "IN_AADHAAR", "PL_PESEL"} & {entity for entity, _ in found(text)}


def test_national_checksums_agree_with_presidio() -> None:
    recognizers = pytest.importorskip("presidio_analyzer.predefined_recognizers")
    nhs, aadhaar = recognizers.NhsRecognizer(), recognizers.InAadhaarRecognizer()
    draw = random.Random(6)
    for _ in range(20_000):
        ten, twelve = f"{draw.randrange(10**10):010d}", f"{draw.randrange(10**12):012d}"
        assert nhs_ok(ten) == bool(nhs.validate_result(ten)), ten
        assert aadhaar_ok(twelve) == bool(aadhaar.validate_result(twelve)), twelve


def test_pesel_agrees_with_presidio() -> None:
    """On numbers with a real birth date, the check digit as Presidio's validator has it; on
    any numbers, none that Presidio's pattern and validator reject (its pattern allows 31 June)."""
    recognizers = pytest.importorskip("presidio_analyzer.predefined_recognizers")
    pesel = recognizers.PlPeselRecognizer()
    shape = re.compile(pesel.PATTERNS[0].regex)
    draw = random.Random(7)
    month_added = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}
    for _ in range(20_000):
        born = datetime.date(1800, 1, 1) + datetime.timedelta(days=draw.randrange(500 * 365))
        number = f"{born.year % 100:02d}{born.month + month_added[born.year // 100]:02d}{born.day:02d}{draw.randrange(10**5):05d}"
        assert pesel_ok(number) == bool(shape.fullmatch(number) and pesel.validate_result(number)), number
        anything = f"{draw.randrange(10**11):011d}"
        assert not pesel_ok(anything) or (shape.fullmatch(anything) and pesel.validate_result(anything)), anything


# --- Spanish NIF and NIE ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("DNI 12345678Z", "ES_NIF", "12345678Z"),
        ("mi NIF es 12.345.678-Z.", "ES_NIF", "12.345.678-Z"),  # dotted in thousands, as often printed
        ("nif=1234567L&x=1", "ES_NIF", "1234567L"),  # an old DNI's seven digits
        ("Cliente: 00000000T", "ES_NIF", "00000000T"),
        ("NIF number 12.345.678-Z", "ES_NIF", "12.345.678-Z"),  # a phone word before it: a NIF all the same
        ("call me, DNI 12345678-Z", "ES_NIF", "12345678-Z"),
        ("NIE X1234567L", "ES_NIE", "X1234567L"),
        ("NIE: Y-1234567-X", "ES_NIE", "Y-1234567-X"),
        ("Z1234567R, renewed", "ES_NIE", "Z1234567R"),  # the control letter alone tells it
        ("NIF 12345678z", "ES_NIF", "12345678z"),  # as users type it: the check letter tells it
        ("DNI 12345678z", "ES_NIF", "12345678z"),
        ("mi nif es 12.345.678-z.", "ES_NIF", "12.345.678-z"),
        ("cliente 1234567l, alta", "ES_NIF", "1234567l"),
    ],
)
def test_spanish_ids(text: str, entity: str, value: str) -> None:
    assert_found_and_redacted(text, entity, value)


@pytest.mark.parametrize(
    "text",
    [
        "DNI 12345678A",  # the control letter is wrong
        "NIE X1234567T",
        "W1234567L",  # no NIE starts with W
        "DNI 12345678a",  # a lower-case letter is checked as a capital is
        "took 12345678s",  # a unit after the number: not its control letter (22 units in 23)
        "size 1048576b",
        "uuid 12345690-A0B1-4C2D-8E3F-001122334455",  # A is 12345690's letter
        "run 20240101-D-001 done",  # an id: more digits after the letter
        "order SKU-12345678Z",  # glued to a code before it
        "hash a12345678Z",
        "at 20240115T120000Z",  # a basic ISO timestamp (T is 20240115's letter)
        "112345678Z",  # nine digits
        "version 1.234.567L.2",  # a version: more digits after the letter
    ],
)
def test_spanish_id_look_alikes(text: str) -> None:
    assert not {"ES_NIF", "ES_NIE"} & {entity for entity, _ in found(text)}


def test_spanish_control_letters_agree_with_presidio() -> None:
    recognizers = pytest.importorskip("presidio_analyzer.predefined_recognizers")
    nif, nie = recognizers.EsNifRecognizer(), recognizers.EsNieRecognizer()
    draw = random.Random(8)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for _ in range(20_000):
        digits = f"{draw.randrange(10**8):08d}"
        number = digits + draw.choice(letters)
        assert nif_ok(number) == bool(nif.validate_result(number)), number
        foreign = draw.choice("XYZ") + digits[1:] + draw.choice(letters)
        assert nie_ok(foreign) == bool(nie.validate_result(foreign)), foreign


# --- UK National Insurance numbers -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, value",
    [
        ("NI number: AB 12 34 56 C", "AB 12 34 56 C"),
        ("NINO AB123456C.", "AB123456C"),
        ("national insurance JG103759A, tax code 1257L", "JG103759A"),
        ('{"nino":"ZA 123456 D"}', "ZA 123456 D"),
    ],
)
def test_uk_national_insurance_numbers(text: str, value: str) -> None:
    assert_found_and_redacted(text, "UK_NINO", value)


@pytest.mark.parametrize(
    "text",
    [
        "QQ 12 34 56 C",  # HMRC's example prefix: Q is never used
        "GB123456A",  # never issued
        "AO123456A",  # O is never second
        "AB123456E",  # the suffix is A to D
        "ref AB123456CD",  # glued to more
        "SKU-XAB123456C",
        "AB1234567C",  # seven digits
        "UK 12 34 56 A",  # U is never used: a country before numbers
        "PM 12:34:56 A",  # a time
    ],
)
def test_uk_national_insurance_look_alikes(text: str) -> None:
    assert "UK_NINO" not in {entity for entity, _ in found(text)}


def test_nino_prefixes_and_suffixes_agree_with_presidio() -> None:
    recognizers = pytest.importorskip("presidio_analyzer.predefined_recognizers")
    shape = re.compile(recognizers.UkNinoRecognizer.PATTERNS[0].regex)
    draw = random.Random(10)
    for first in string.ascii_uppercase:
        for second in string.ascii_uppercase:
            number = f"{first}{second} {draw.randrange(10**6):06d} {draw.choice('ABCDEFZ')}"
            assert (found(number) == [("UK_NINO", number)]) == bool(shape.fullmatch(number)), number


# --- Italian fiscal codes -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, value",
    [
        ("codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S"),
        ("CF: MRTMTT25D09F205Z, grazie", "MRTMTT25D09F205Z"),
        ("born on the 10th, a woman: RSSMRA85T50A562W", "RSSMRA85T50A562W"),  # the day plus 40
        ("omocodia RSSMRA85T10A56NH", "RSSMRA85T10A56NH"),  # the place code's last digit as a letter
        ("omocodia RSSMRA85T10APRNI", "RSSMRA85T10APRNI"),  # all three of them
        ('{"cf":"BNZVCN32S10E573Z"}', "BNZVCN32S10E573Z"),
    ],
)
def test_italian_fiscal_codes(text: str, value: str) -> None:
    assert_found_and_redacted(text, "IT_FISCAL_CODE", value)


@pytest.mark.parametrize(
    "text",
    [
        "RSSMRA85T10A562T",  # the check letter is wrong
        "RSSMRA85T32A562Y",  # the check letter is right, but no month has a 32nd
        "RSSMRA85K10A562G",  # nor is K a month
        "AXBRSS85T10A562F",  # nor is AXB a name's code
        "RSSMRA85T10A000W",  # nor 000 a place's
        "XRSSMRA85T10A562S",  # glued to more
        "RSSMRA85T10A562S2",
        "part ABCDEF12G34H567S",  # a part number of its shape and check letter: G is no month
        "key MFRGGZDFMZTWQ2LK",  # base32
    ],
)
def test_italian_fiscal_code_look_alikes(text: str) -> None:
    assert "IT_FISCAL_CODE" not in {entity for entity, _ in found(text)}


def test_fiscal_code_check_letters_agree_with_presidio() -> None:
    recognizers = pytest.importorskip("presidio_analyzer.predefined_recognizers")
    fiscal = recognizers.ItFiscalCodeRecognizer()
    draw = random.Random(9)
    characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    for _ in range(20_000):
        code = "".join(draw.choice(characters) for _ in range(15)) + draw.choice(characters[:26])
        assert fiscal_code_ok(code) == bool(fiscal.validate_result(code)), code


# --- IP addresses ---------------------------------------------------------------------------

@pytest.mark.parametrize("ip", ["192.0.2.44", "10.0.0.1", "255.255.255.255", "2001:db8::8a2e:370:7334",
                                "fe80::1ff:fe23:4567:890a", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1"])
def test_ip_found(ip: str) -> None:
    assert found(f"from {ip} at noon") == [("IP_ADDRESS", ip)]


def test_ip_with_port_and_in_url() -> None:
    assert found("http://10.1.2.3:8080/x") == [("IP_ADDRESS", "10.1.2.3")]


@pytest.mark.parametrize("text", ["256.1.1.1", "1.2.3.256", "1.2.3.4.5", "01.2.3.4", "12:30:45", "std::vector", "::1"])
def test_ip_invalid_not_found(text: str) -> None:
    assert found(text) == []


def test_version_strings_are_not_addresses() -> None:
    # Judgement call: a bare dotted quad is an address; after a version marker it is a version.
    assert found("version 1.2.3.4") == []
    assert found("v1.2.3.4") == []
    assert found("pip install pkg==1.2.3.4") == []
    assert found("host 1.2.3.4 is down") == [("IP_ADDRESS", "1.2.3.4")]
    assert found("version 1.2.3") == []


# --- MAC addresses --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, value",
    [
        ("MAC 00:1A:2B:3C:4D:5E.", "00:1A:2B:3C:4D:5E"),
        ("ether a4:83:e7:2f:91:0c  txqueuelen 1000", "a4:83:e7:2f:91:0c"),
        ("mac:00:1a:2b:3c:4d:5e up", "00:1a:2b:3c:4d:5e"),  # a label glued by a colon
        ("00:1A:2B:3C:4D:5E: link up", "00:1A:2B:3C:4D:5E"),
        ("Physical Address. . . : 00-1A-2B-3C-4D-5E", "00-1A-2B-3C-4D-5E"),
        ('{"mac":"00-50-56-C0-00-01"}', "00-50-56-C0-00-01"),
    ],
)
def test_mac_addresses(text: str, value: str) -> None:
    assert_found_and_redacted(text, "MAC_ADDRESS", value)


@pytest.mark.parametrize(
    "text",
    [
        "at 12:34:56 ok",  # a time
        "2024-01-15T12:34:56.789+01:00",
        "fe80::00:1a:2b:3c:4d:5e",  # an IPv6 address ending in six pairs
        "10:20:30:40:50:60:70:80",  # eight pairs: an IPv6 address
        "x 00:1A:2B:3C:4D:5E:6F",  # seven
        "ff:ff:ff:ff:ff:ff",  # broadcast: no device
        "00-00-00-00-00-00",
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "dates 2024-01-15 and 15-01-2024",
        "ip 192.168.100.200",
        "Std::Vector::Iterator",
    ],
)
def test_mac_address_look_alikes(text: str) -> None:
    assert "MAC_ADDRESS" not in {entity for entity, _ in found(text)}
    assert found(text, DetectorSet(["MAC_ADDRESS"])) == []  # nor a part that a longer finding hides


def test_mac_addresses_agree_with_presidio() -> None:
    """Apart by colons or hyphens, as Presidio's pattern and validator have them (a MAC alone)."""
    recognizers = pytest.importorskip("presidio_analyzer.predefined_recognizers")
    mac = recognizers.MacAddressRecognizer()
    shapes = [re.compile(pattern.regex) for pattern in mac.PATTERNS]
    draw = random.Random(11)
    for _ in range(3_000):
        digits = draw.choice(["0" * 12, "F" * 12, "f" * 12]) if draw.random() < 0.1 else f"{draw.randrange(16**12):012x}"
        digits = digits.upper() if draw.random() < 0.5 else digits
        pairs = [digits[i : i + 2] for i in range(0, 12, 2)]
        for address in (":".join(pairs), "-".join(pairs)):
            presidio = any(shape.fullmatch(address) for shape in shapes) and not mac.invalidate_result(address)
            assert mac_ok(address) == presidio, address
            assert (found(address) == [("MAC_ADDRESS", address)]) == presidio, address


# --- crypto addresses -----------------------------------------------------------------------

SEGWIT_ADDRESSES = [
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",  # P2WPKH
    "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",  # upper case, as QR codes write it (BIP-173)
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",  # P2WSH
    "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",  # taproot (bech32m, BIP-350)
    "BC1SW50QGDZ25J",  # witness version 16 (BIP-350)
]


@pytest.mark.parametrize("address", SEGWIT_ADDRESSES)
def test_segwit_addresses(address: str) -> None:
    text = f'{{"content": "send 0.1 BTC to {address}, thanks"}}'
    assert found(text) == [("CRYPTO", address)]
    redacted = anonymized(text)
    assert address not in redacted and json.loads(redacted)


@pytest.mark.parametrize(
    "text",
    [
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp",  # one character changed
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdqx",
        "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",  # mixed case
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  # v1 with a bech32 checksum (BIP-350)
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",  # v0 with a bech32m checksum (BIP-350)
        "abc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "a basic bc1 question", "the bc1 prefix",
    ],
)
def test_segwit_look_alikes(text: str) -> None:
    assert found(text, DetectorSet(["CRYPTO"])) == []


def test_random_segwit_look_alikes_stay() -> None:
    draw = random.Random(5)
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    for _ in range(2_000):
        text = "bc1q" + "".join(draw.choice(charset) for _ in range(38))
        assert found(text, DetectorSet(["CRYPTO"])) == [], text


# --- phones ---------------------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "+1 (555) 123-4567", "(555) 123-4567", "555-123-4567", "555.123.4567", "+1-555-123-4567",
    "+44 20 7946 0958", "+447700900123", "+49 30 901820", "+49 (0)30 901820", "+33 1 42 68 53 00",
    "+91 98765 43210", "555-123-4567 x123", "001-555-123-4567",
])
def test_phone_formats_without_context(phone: str) -> None:
    assert found(phone) == [("PHONE_NUMBER", phone)]
    assert found(f"see {phone} later") == [("PHONE_NUMBER", phone)]


@pytest.mark.parametrize("phone", ["020 7946 0958", "030 901820", "01 42 68 53 00", "01.42.68.53.00", "98765 43210", "5551234567"])
def test_national_formats_with_context(phone: str) -> None:
    assert found(f"Phone: {phone}") == [("PHONE_NUMBER", phone)]
    assert found(f"please call me on {phone}") == [("PHONE_NUMBER", phone)]
    assert found(f"{phone} (mobile)") == [("PHONE_NUMBER", phone)]
    assert found(f"{phone} is my cell") == [("PHONE_NUMBER", phone)]
    assert found(f"{phone} was her mobile number") == [("PHONE_NUMBER", phone)]


@pytest.mark.parametrize("text", ["5551234567 is my work ticket", "order 5551234567 is the home page id", "5551234567 is cellular"])
def test_a_number_before_other_words_needs_a_phone_word(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "released 2024-01-15 10:30:00", "on 15.01.2024", "build 20240115", "total 1 234 567 tokens",
    "ids 020 7946 0958", "costs $1,234,567.89", "pi is 3.14159265", "port 8080 and 443",
])
def test_not_phones(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", ["120+350+2671", "sum 120+350+2671 = 3141", "123-456-7890", "1 120 350 2671", "q=1+120+350+2671"])
def test_a_sum_or_an_area_code_led_by_1_is_no_phone_alone(text: str) -> None:
    """An area code is never led by 1 (NANP's country code): "120 350 2671", or the sum
    "120+350+2671" a form body would read so, needs a phone word."""
    assert found(text) == []


@pytest.mark.parametrize("text, value", [
    ("call 120-350-2671", "120-350-2671"), ("1-800-555-0199", "1-800-555-0199"), ("030 123 4567", "030 123 4567"),
    ("phone=120+350+2671", "120+350+2671"), ("q=415+555+2671", "415+555+2671"),
])
def test_nanp_grouped_phones_still_found(text: str, value: str) -> None:
    assert found(text) == [("PHONE_NUMBER", value)]


@pytest.mark.parametrize("phone", ["415-555-0132 ext 12", "415-555-0132 ext. 12", "415-555-0132 ext12", "415 555 0132 ext 7"])
def test_an_extension_written_ext_is_part_of_the_phone_number(phone: str) -> None:
    """As one written "x12" is: the extension's digits are the person's line too."""
    assert found(f"call {phone} now") == [("PHONE_NUMBER", phone)]
    assert anonymized(f"call {phone} now") == "call <PHONE_NUMBER> now"


@pytest.mark.parametrize("phone", [
    "415 555-0132", "020 7946-0958", "0171 555.0132", "12 345-6789", "1 415 555-0132",  # a code, a space, a local number
    "415-555 0132", "415.555-0132", "1-415-555 0132", "415-555.0132", "1-415-555.0132",  # NANP 3-3-4 in two kinds
    "415-555 0132 ext 12", "020 7946-0958 x7",
])
def test_a_phone_number_in_two_kinds_of_separators_is_found_whole(phone: str) -> None:
    """Not its local part alone, nor nothing: the area code is the person's number too."""
    assert found(f"call {phone} now") == [("PHONE_NUMBER", phone)]
    assert not any(char.isdigit() for char in anonymized(f"call {phone} now"))


@pytest.mark.parametrize("phone", ["415 555-0132", "415 555.0132", "415.555-0132", "415-555.0132", "1 415 555-0132"])
def test_a_nanp_phone_number_in_two_kinds_of_separators_stands_alone(phone: str) -> None:
    assert found(f"see {phone} now") == [("PHONE_NUMBER", phone)]


@pytest.mark.parametrize("text", [
    "12 2024-05-12", "2024-05-12 1234", "123.45 2024", "1.2.3 4567-89", "3 1.25.30", "v1.2.3 2024-01-02",
    "10:30 2024-05-12", "12.05.2024 1234", "$123.45 2024-05-12", "123.456 2024", "2999 9.20.30", "14:05 2024-01-02 1234",
    "415.555 0132", "1.5 2024-05-12", "10-20.5", "2019-2020.5", "10-20.5 2019-2020.5", "1.2.3 v2024.1.15", "15.01.2024",
    "$1,299.00",
])
def test_numbers_side_by_side_in_two_kinds_of_separators_are_not_phones(text: str) -> None:
    """Dates, versions, prices, times and addresses next to numbers, even after a phone word."""
    assert found(f"see {text} now") == []
    assert found(f"call {text} now") == []


@pytest.mark.parametrize("text, expected", [
    ("call me at 030/901820 tomorrow", "call me at <PHONE_NUMBER> tomorrow"),
    ("dial 1-415/555-0132 now", "dial <PHONE_NUMBER> now"),
    ("dial 415 / 555-0132 now", "dial <PHONE_NUMBER> now"),
    ("dial 415-555.0132 now", "dial <PHONE_NUMBER> now"),
    ("dial +1 415/555-0132 now", "dial <PHONE_NUMBER> now"),
    ('{"note": "call me at 030/901820 tomorrow"}', '{"note": "call me at <PHONE_NUMBER> tomorrow"}'),
    ('{"note": "dial 1-415/555-0132 or 415-555.0132"}', '{"note": "dial <PHONE_NUMBER> or <PHONE_NUMBER>"}'),
])
def test_a_phone_number_once_missed_or_half_found_is_replaced_whole(text: str, expected: str) -> None:
    """These were left whole ("030/901820", "415-555.0132") or in part ("1-415/", "415 / ", "+1 ")."""
    assert anonymized(text) == expected


@pytest.mark.parametrize("text", ["see 200-300 2024 now", "see 415-555 0132 now", "see 1234 5678-9012 now", "see 020 7946-0958 now"])
def test_a_mixed_phone_shape_no_nanp_number_has_needs_a_phone_word(text: str) -> None:
    """A range and a year read "200-300 2024"; "1234 5678-9012", no card's issuer and length, is
    a phone number after a phone word ("call 1234 5678-9012"), whose "5678-9012" alone is one."""
    assert found(text) == []
    assert found(text.replace("see", "call")) == [("PHONE_NUMBER", text[4:-4])]


@pytest.mark.parametrize("phone", [
    "415/555-0132", "415/555 0132", "415/5550132", "0221/1234567", "030/12345678",
    "030/901820", "030/90182", "0221/123456", "03381/12345",  # a local number under seven digits
    "030 / 901820", "415 / 555-0132", "415 /555-0132", "030/ 901820",  # a space on either side of the slash
    "1-415/555-0132", "1 415/555-0132", "+1 415/555-0132", "+49 30/901820", "+49 30 / 901820",  # a country code before
])
def test_a_phone_number_with_a_slash_after_its_area_code_is_found_whole(phone: str) -> None:
    """Not its local part alone: "415/" left in the output is half the person's number."""
    assert found(f"call {phone} now") == [("PHONE_NUMBER", phone)]
    assert not any(char.isdigit() for char in anonymized(f"call {phone} now"))
    redacted = anonymized(f'{{"contact": "Tel. {phone}"}}')
    assert not any(char.isdigit() for char in redacted) and json.loads(redacted)


@pytest.mark.parametrize("text", ["10.0.0.1", "10.0.0.1/24", "see 10.0.0.1 now", "call 10.0.0.1 now"])
def test_an_ip_address_is_no_phone_number(text: str) -> None:
    assert [entity for entity, _ in found(text)] == ["IP_ADDRESS"]


@pytest.mark.parametrize("text", [
    "12/05 2024-01-02", "3/4 555-0132", "12/05 5551234", "3/4 5551234", "100/5551234", "12/05/2024 5551234",
    "/api/415/5550132", "1/415/555-0132", "2024/415/555-0132",
    "2024/01/15", "01/15/2024", "1/2", "3/4 cup", "16/9", "page 12 / 30", "score 415 / 555", "id 030/9", "250/1000",
    "300 / 4000", "250/12000 tokens", "2024 / 01 / 15", "12/31/2024 - 01/15/2025", "/api/v1/030/901820",
    "GET /api/v1/030/901820", "v1/030/901820", "2024/123/4567",
])
def test_dates_fractions_and_paths_are_no_slashed_area_code(text: str) -> None:
    """A day, a month, a numerator or a path's part is no area code, even after a phone word."""
    assert found(f"see {text} now") == []
    assert not any("/" in value for _, value in found(f"call {text} now"))


@pytest.mark.parametrize("text", ["415/555-0132", "250/300 2024", "0221/1234567", "030/901820", "1-415/555-0132", "415 / 555-0132"])
def test_a_slashed_area_code_needs_a_phone_word(text: str) -> None:
    """A score or a ratio reads so too ("250/300 2024")."""
    assert found(f"see {text} now") == []


@pytest.mark.parametrize("text", [
    "ph 4155550132", "ph. 415-555-0132", "Ph: (415) 555-0132", "PH 4155550132", "ph:4155550132", "Ph. No.: 4155550132",
    "ph 07700 900123", "tel. 4155550132", "mob 07700 900123",
])
def test_ph_right_before_a_number_says_phone(text: str) -> None:
    assert not any(char.isdigit() for char in anonymized(text))


@pytest.mark.parametrize("text", [
    "graph 4155550132", "graph 1234567", "pH 7.4", "pH 4155550132", "Ph.D. 4155550132", "Ph. D. 4155550132",
    "ph 7, lot 12345678", "my ph is 4155550132", "photo 4155550132",
])
def test_ph_in_a_word_as_ph_or_before_other_words_says_no_phone(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "spelled, expected",
    [
        ("four one five five five five zero one three two", "<PHONE_NUMBER>"),
        ("Four-one-five, five five five, oh one three two", "<PHONE_NUMBER>"),
        ("five five five zero one nine nine", "<PHONE_NUMBER>"),  # seven digits
        ("plus four four two zero seven nine four six zero nine five eight", "plus <PHONE_NUMBER>"),
    ],
)
def test_a_phone_number_spelled_out_under_a_phone_key_is_found(spelled: str, expected: str) -> None:
    anonymizer = otel_redact.create_anonymizer()
    redacted = anonymizer({"user": {"phone_number": spelled}, "contact": {"phones": [f"call {spelled} today"]}})
    assert redacted == {"user": {"phone_number": expected}, "contact": {"phones": [f"call {expected} today"]}}


@pytest.mark.parametrize(
    "value",
    ["one two three four five six seven", "call after six", "one two three", "someone one two three four five sixteen"],
)
def test_digit_words_stay_outside_a_phone_key_or_short_of_seven(value: str) -> None:
    anonymizer = otel_redact.create_anonymizer()
    assert anonymizer({"note": value}) == {"note": value}
    if value.count(" ") < 6 or "someone" in value:
        assert anonymizer({"phone": value}) == {"phone": value}


# --- numbers glued into a dotted key -------------------------------------------------------

@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("user.123-45-6789 updated", "US_SSN", "123-45-6789"),
        ("Customer_Record.078-05-1120", "US_SSN", "078-05-1120"),
        ("tel.415-555-0132 updated", "PHONE_NUMBER", "415-555-0132"),
        ("phone.+14155550132", "PHONE_NUMBER", "+14155550132"),
        ("contact.mobile.+1 415 555 0132 ok", "PHONE_NUMBER", "+1 415 555 0132"),
        ("user.(415) 555-0132", "PHONE_NUMBER", "(415) 555-0132"),
        ("user_123-45-6789", "US_SSN", "123-45-6789"),
        ("ssn-123-45-6789 ok", "US_SSN", "123-45-6789"),
        ("id_9_123-45-6789", "US_SSN", "123-45-6789"),
        ("contact_415-555-0132", "PHONE_NUMBER", "415-555-0132"),
        ("x-(415) 555-0132", "PHONE_NUMBER", "(415) 555-0132"),
        ("caller-+14155550132", "PHONE_NUMBER", "+14155550132"),
        ("tel_14155550132", "PHONE_NUMBER", "14155550132"),
        ("user_phone-4155550132", "PHONE_NUMBER", "4155550132"),
    ],
)
def test_ssn_and_phone_glued_to_a_key(text: str, entity: str, value: str) -> None:
    """A key written with the number after a dot, underscore or hyphen, in a shape no version
    or id has: a dashed SSN, a dashed, bracketed or '+'-led phone number."""
    assert found(text) == [(entity, value)]
    anonymizer = otel_redact.create_anonymizer()
    assert value not in anonymizer.anonymize_text(text)
    assert value not in json.loads(anonymizer.anonymize_text(json.dumps({"msg": text})))["msg"]


@pytest.mark.parametrize(
    "text",
    [
        "v1.2.3-45", "pkg.1.2.3-45", "lib.10-2-3-4567", "build.1234-5678", "run.2024-11-24", "on.11-24-2024",
        "v1.123-45-6789", "x.123-45-6789-1", "a.1-2-3-4-5-6-7",  # a digit's dot; a longer id; no phone word
        "offset.+0100", "tz.+05:30", "ver.+1.2.3", "note.(2024)", "see docs.(1) and fig.(2)",
        # A phone word in the key: only the shape tells a phone number from a version or id.
        "mobile.app.10.2.3.4567", "phone.build.20240115", "sms.retry.1234567 ok",
        # Glued by '_' or '-': dates, versions, ISBNs and UUIDs; a digit's hyphen.
        "release-2024-11-24", "backup_2024-11-24", "report-11-24-2024", "build_1234-5678", "node-1.22.3-4567",
        "v1-123-45-6789", "ISBN-978-3-16-148410-0", "id-123e4567-e89b-12d3-a456-426614174000",
        "order_4155550132", "user-14155550132", "build_9_4155550132", "x-(2024)", "tz-+05:30",
    ],
)
def test_versions_dates_and_ids_glued_to_a_key_are_not_ssns_or_phones(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("tel.14155550132", "14155550132"),
        ("phone.4155550132 updated", "4155550132"),
        ("user.mobilePhone.4155550132", "4155550132"),
        ("contact.phone_number.5550132.", "5550132"),
    ],
)
def test_bare_phone_digits_glued_into_a_key_that_names_a_phone(text: str, value: str) -> None:
    """A bare run of digits has no phone's shape: glued into a dotted key, it is a phone number
    where the key part right before it names a phone."""
    assert found(text) == [("PHONE_NUMBER", value)]
    anonymizer = otel_redact.create_anonymizer()
    assert value not in anonymizer.anonymize_text(text)
    assert value not in json.loads(anonymizer.anonymize_text(json.dumps({"msg": text})))["msg"]


@pytest.mark.parametrize(
    "text",
    [
        "user.4155550132", "order.14155550132", "hotel.4155550132", "contact.4155550132",  # no phone in the key part
        "phone.build.4155550132", "phone.v1.4155550132", "tel.12345", "tel.1234567890123456",  # a digit's dot; too few, too many
        "phone.4155550132abc", "tel.4155550132.5",
    ],
)
def test_bare_digits_glued_into_other_keys_are_not_phones(text: str) -> None:
    assert found(text) == []


# --- separators that look like ASCII ones -------------------------------------------------

@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("card 4111\u00a01111\u00a01111\u00a01111 declined", "CREDIT_CARD", "4111\u00a01111\u00a01111\u00a01111"),
        ("The card 4111\u20111111\u20111111\u20111111 was declined.", "CREDIT_CARD", "4111\u20111111\u20111111\u20111111"),
        ("card 4111\u20131111\u20131111\u20131111", "CREDIT_CARD", "4111\u20131111\u20131111\u20131111"),
        ("card 4111\u200b1111\u200b1111\u200b1111", "CREDIT_CARD", "4111\u200b1111\u200b1111\u200b1111"),
        ("You can reach them at 415\u2011555\u20112671.", "PHONE_NUMBER", "415\u2011555\u20112671"),
        ("phone +1\u00a0415\u00a0555\u00a02671", "PHONE_NUMBER", "+1\u00a0415\u00a0555\u00a02671"),
        ("T\u00e9l\u202f: +33\u202f6\u202f12\u202f34\u202f56\u202f78", "PHONE_NUMBER", "+33\u202f6\u202f12\u202f34\u202f56\u202f78"),
        ("Your SSN on file is 536\u201190\u20114399.", "US_SSN", "536\u201190\u20114399"),
        ("IBAN\u00a0DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000", "IBAN_CODE", "DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000"),
    ],
)
def test_lookalike_spaces_and_hyphens_separate_like_ascii_ones(text: str, entity: str, value: str) -> None:
    """LLMs print no-break hyphens and spaces inside numbers; word processors, en dashes."""
    assert found(text) == [(entity, value)]


def test_lookalike_separators_alone_find_nothing() -> None:
    assert found("caf\u00e9 \u2013 12\u00a0\u20ac \u2011 the 3\u202fpm call \u2212 fine") == []


# --- digits of other scripts ----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("call \uff14\uff11\uff15-\uff15\uff15\uff15-\uff12\uff16\uff17\uff11 now", "PHONE_NUMBER", "\uff14\uff11\uff15-\uff15\uff15\uff15-\uff12\uff16\uff17\uff11"),
        ("card \uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11", "CREDIT_CARD", "\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11"),
        ("phone \u0664\u0661\u0665\u0665\u0665\u0665\u0662\u0666\u0667\u0661", "PHONE_NUMBER", "\u0664\u0661\u0665\u0665\u0665\u0665\u0662\u0666\u0667\u0661"),
        ("\u062a\u0644\u0641\u0646 \u06f4\u06f1\u06f5-\u06f5\u06f5\u06f5-\u06f2\u06f6\u06f7\u06f1", "PHONE_NUMBER", "\u06f4\u06f1\u06f5-\u06f5\u06f5\u06f5-\u06f2\u06f6\u06f7\u06f1"),
        ("phone 415-\uff15\uff15\uff15-2671", "PHONE_NUMBER", "415-\uff15\uff15\uff15-2671"),  # mixed
        ("call \uff14\uff11\uff15\u2011\uff15\uff15\uff15\u2011\uff12\uff16\uff17\uff11", "PHONE_NUMBER", "\uff14\uff11\uff15\u2011\uff15\uff15\uff15\u2011\uff12\uff16\uff17\uff11"),
        ("SSN \u096b\u0969\u096c-\u096f\u0966-\u096a\u0969\u096f\u096f", "US_SSN", "\u096b\u0969\u096c-\u096f\u0966-\u096a\u0969\u096f\u096f"),
        ("host \uff11\uff19\uff12.\uff11\uff16\uff18.\uff11\uff10.\uff12\uff14 up", "IP_ADDRESS", "\uff11\uff19\uff12.\uff11\uff16\uff18.\uff11\uff10.\uff12\uff14"),
        # Fullwidth dots, typed with the fullwidth digits, separate as '.' does.
        ("card \uff14\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11", "CREDIT_CARD", "\uff14\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11\uff0e\uff11\uff11\uff11\uff11"),
        ("tel \uff14\uff11\uff15\uff0e\uff15\uff15\uff15\uff0e\uff10\uff11\uff13\uff12", "PHONE_NUMBER", "\uff14\uff11\uff15\uff0e\uff15\uff15\uff15\uff0e\uff10\uff11\uff13\uff12"),
        ("host \uff11\uff10\uff0e\uff10\uff0e\uff10\uff0e\uff11 up", "IP_ADDRESS", "\uff11\uff10\uff0e\uff10\uff0e\uff10\uff0e\uff11"),
        # Fullwidth brackets and plus signs start and group a phone number as ASCII ones do.
        ("call \uff08\uff14\uff11\uff15\uff09 \uff15\uff15\uff15-\uff10\uff11\uff13\uff12 now", "PHONE_NUMBER", "\uff08\uff14\uff11\uff15\uff09 \uff15\uff15\uff15-\uff10\uff11\uff13\uff12"),
        ("call \uff08415\uff09555-0132", "PHONE_NUMBER", "\uff08415\uff09555-0132"),
        ("call \uff0b\uff11 \uff14\uff11\uff15 \uff15\uff15\uff15 \uff12\uff16\uff17\uff11", "PHONE_NUMBER", "\uff0b\uff11 \uff14\uff11\uff15 \uff15\uff15\uff15 \uff12\uff16\uff17\uff11"),
        ("\uff0b1 (415) 555-2671", "PHONE_NUMBER", "\uff0b1 (415) 555-2671"),
        # Mathematical digits: five runs of 0-9 in a row.
        ("card \U0001d7d2\U0001d7cf\U0001d7cf\U0001d7cf" + " \U0001d7cf\U0001d7cf\U0001d7cf\U0001d7cf" * 3, "CREDIT_CARD", "\U0001d7d2\U0001d7cf\U0001d7cf\U0001d7cf" + " \U0001d7cf\U0001d7cf\U0001d7cf\U0001d7cf" * 3),
    ],
)
def test_digits_of_other_scripts_count_like_ascii_ones(text: str, entity: str, value: str) -> None:
    """Fullwidth digits (CJK input methods) and Arabic-Indic ones pass the same checks as 0-9."""
    assert found(text) == [(entity, value)]


@pytest.mark.parametrize(
    "text",
    [
        "card \uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff12",  # Luhn fails
        "\u0627\u0644\u062a\u0627\u0631\u064a\u062e \u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0665",  # a date
        "\u5171\uff11\uff12\uff13\uff14\uff15\uff16\uff17\u4ef6",  # a count, no phone word
        "version \uff11.\uff12.\uff13.\uff14",
        "version \uff11\uff0e\uff12\uff0e\uff13\uff0e\uff14",
        "\u6ce8\uff08\uff11\uff09\u3068\uff08\uff12\uff09\u3092\u53c2\u7167 \uff08\uff12\uff10\uff12\uff14\uff09",  # notes (1) and (2), a bracketed year
        "\uff11\uff0b\uff12\uff0b\uff13 = \uff16",
        "pi \uff13\uff0e\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11",  # 3.4111...: a decimal
    ],
)
def test_digits_of_other_scripts_find_what_ascii_ones_would(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("value", ["\uff14\uff11\uff15-\uff15\uff15\uff15-\uff12\uff16\uff17\uff11", "\u0664\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661"])
def test_digits_of_other_scripts_do_not_leave_raw(value: str) -> None:
    anonymizer = otel_redact.create_anonymizer()
    assert value not in anonymizer.anonymize_text(f"call {value} today")
    for ensure_ascii in (True, False):
        text = json.dumps({"msg": f"call {value} today"}, ensure_ascii=ensure_ascii)
        assert value not in json.loads(anonymizer.anonymize_text(text))["msg"]


@pytest.mark.parametrize("opening, closing", [("\uff08", "\uff09"), ("(", "\uff09"), ("\uff08", ")")])
def test_an_area_code_in_fullwidth_brackets_does_not_stay(opening: str, closing: str) -> None:
    """The area code was left out of the finding: "call \uff08\uff14\uff11\uff15\uff09 <PHONE_NUMBER>"."""
    anonymizer = otel_redact.create_anonymizer()
    for digits in ("\uff14\uff11\uff15", "415"):
        text = f"call {opening}{digits}{closing} \uff15\uff15\uff15-\uff10\uff11\uff13\uff12 now"
        assert anonymizer.anonymize_text(text) == "call <PHONE_NUMBER> now"
        assert json.loads(anonymizer.anonymize_text(json.dumps({"msg": text}))) == {"msg": "call <PHONE_NUMBER> now"}


@pytest.mark.parametrize("text, raw", [("GET /u?phone=%2B1%20415%20555%202671&x=1", "415%20555%202671"), ("phone=415+555+2671", "415+555+2671")])
def test_percent_encoded_numbers_do_not_leave_raw(text: str, raw: str) -> None:
    anonymizer = otel_redact.create_anonymizer()
    assert raw not in anonymizer.anonymize_text(text)
    assert raw not in json.loads(anonymizer.anonymize_text(json.dumps({"http.url": text})))["http.url"]


def test_every_digit_maps_to_its_value() -> None:
    import unicodedata

    values = _detectors._digit_values()
    assert len(values) >= 650
    for digit, ascii_digit in values.items():
        assert unicodedata.decimal(digit, int(ascii_digit)) == int(ascii_digit), hex(ord(digit))
    assert _detectors.plain_digits("a\uff14\u0661\U0001d7ff\u00b2") == "a419\u00b2"  # a superscript is no decimal digit


# --- engine ---------------------------------------------------------------------------------

def test_builtin_entities_complete() -> None:
    expected = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS",
                "URL_CREDENTIALS", "JWT", "AUTH_HEADER", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN",
                "STRIPE_KEY", "GOOGLE_API_KEY", "HUGGINGFACE_TOKEN", "GROQ_API_KEY", "REPLICATE_API_TOKEN",
                "PERPLEXITY_API_KEY", "XAI_API_KEY", "LANGSMITH_API_KEY", "TAVILY_API_KEY", "PINECONE_API_KEY",
                "NPM_TOKEN", "PYPI_TOKEN", "GRAFANA_TOKEN", "SENDGRID_API_KEY", "TWILIO_API_KEY", "DATABRICKS_TOKEN",
                "SHOPIFY_TOKEN", "DIGITALOCEAN_TOKEN", "LINEAR_API_KEY", "POSTMAN_API_KEY", "DISCORD_WEBHOOK",
                "PRIVATE_KEY", "CONNECTION_STRING_PASSWORD", "PASSPORT_NUMBER", "US_ITIN", "UK_NHS", "IN_AADHAAR",
                "PL_PESEL", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "UK_NINO", "MAC_ADDRESS", "CRYPTO"}
    assert set(BUILTIN_ENTITIES) == expected
    assert default_detectors().entities == expected
    assert default_detectors() is default_detectors()


def test_select_and_exclude() -> None:
    text = "mail a@example.com from 10.0.0.1"
    assert found(text, DetectorSet(["EMAIL_ADDRESS"])) == [("EMAIL_ADDRESS", "a@example.com")]
    assert found(text, DetectorSet(exclude=["EMAIL_ADDRESS"])) == [("IP_ADDRESS", "10.0.0.1")]
    assert DetectorSet(["IP_ADDRESS"]).entities == frozenset({"IP_ADDRESS"})
    assert found(text, DetectorSet([])) == []


def test_unknown_entity_lists_valid_names() -> None:
    with pytest.raises(ValueError, match="NOPE.*EMAIL_ADDRESS"):
        DetectorSet(["NOPE"])
    with pytest.raises(ValueError, match="NOPE"):
        DetectorSet(exclude=["NOPE"])


def test_bad_regex_error_shows_pattern_and_position() -> None:
    with pytest.raises(ValueError) as info:
        Detector("EMPLOYEE_ID", r"E(\d{6}")
    message = str(info.value)
    assert r"E(\d{6}" in message and "position 7" in message and "EMPLOYEE_ID" in message


def test_bad_entity_name() -> None:
    with pytest.raises(ValueError, match="upper snake case"):
        Detector("employee id", r"E\d{6}")


def test_custom_detector_with_validator_and_value_group() -> None:
    even = Detector("EMPLOYEE_ID", r"\bE(\d{6})\b", validator=lambda s: int(s[1:]) % 2 == 0)
    detectors = DetectorSet(["EMAIL_ADDRESS"], extra=[even])
    assert found("E123456 E123457 x@example.com", detectors) == [("EMPLOYEE_ID", "E123456"), ("EMAIL_ADDRESS", "x@example.com")]
    assert "EMPLOYEE_ID" in detectors.entities
    keyed = DetectorSet([], extra=[Detector("PIN", r"pin=(?P<value>\d{4})")])
    assert found("pin=1234", keyed) == [("PIN", "1234")]
    assert found("E123456", DetectorSet(extra=[even], exclude=["EMPLOYEE_ID"])) == []


def test_custom_detector_flags() -> None:
    import regex
    detectors = DetectorSet([], extra=[Detector("CODE_WORD", r"swordfish", flags=regex.IGNORECASE)])
    assert found("SwordFish", detectors) == [("CODE_WORD", "SwordFish")]


def test_timeout_on_catastrophic_backtracking() -> None:
    # The regex module defuses the textbook (a+)+$ itself; (a|aa)+$ still backtracks exponentially.
    assert DetectorSet([], extra=[Detector("EVIL", r"(a+)+$")], timeout=1.0).find("a" * 40 + "!") == []
    evil = Detector("EVIL", r"(a|aa)+$")
    detectors = DetectorSet([], extra=[evil], timeout=0.05)
    with pytest.raises(TimeoutError):
        detectors.find("a" * 40 + "!")
    assert DetectorSet([], extra=[evil], timeout=1.0).find("aaa") == [Finding(0, 3, "EVIL")]


def test_timeout_holds_for_the_stdlib_finder_of_the_digit_led_pass() -> None:
    # Every stop of its finder fails the member's first slice test: only the finder runs, and
    # the stdlib's search takes no time limit of its own. (The label lets Hyperscan's gate pass.)
    numbers = "NHS trust build log: " + "build 1.2.3 4567 " * 300_000
    with pytest.raises(TimeoutError):
        DetectorSet(["UK_NHS"], timeout=0.001).find(numbers)
    assert DetectorSet(["UK_NHS"]).find(numbers) == []


def test_bad_timeout() -> None:
    with pytest.raises(ValueError):
        DetectorSet(timeout=0)


def test_overlap_prefers_longer() -> None:
    inner = Detector("DIGITS", r"\d{4}")
    detectors = DetectorSet(["CREDIT_CARD"], extra=[inner])
    number = luhn_complete("4", 16)
    assert found(number, detectors) == [("CREDIT_CARD", number)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("login password=4111 1111 1111 1111 thanks", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("https://x.io/a?token=4111 1111 1111 1111", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("password=415 555 0132", [("PHONE_NUMBER", "415 555 0132")]),
        # The IPv6 match "1111::ffff:4111" loses to both cards; its part between them stays found.
        ("https://u:4111 1111 1111 1111::ffff:4111 1111 1111 1111",
         [("CREDIT_CARD", "4111 1111 1111 1111"), ("IP_ADDRESS", "::ffff:"), ("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("IBAN DE89 3704 0044 0532 0130 00, call 415-555-0132", [("IBAN_CODE", "DE89 3704 0044 0532 0130 00"), ("PHONE_NUMBER", "415-555-0132")]),
    ],
)
def test_a_number_starting_inside_a_shorter_finding_is_found_whole(text: str, expected: List[Tuple[str, str]]) -> None:
    """A value that stops at a space (a password, a token parameter, an IPv6 group) may be the
    start of a longer card or phone number: the digit-led pass tries it, and the longer wins."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A space or a CSV comma ends a number (a decimal point does not: fraction digits are no card).
        ("Qty 2 4111 1111 1111 1111", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("Bob,4111111111111111,2", [("CREDIT_CARD", "4111111111111111")]),
        ("Ann,123-45-6789,42", [("US_SSN", "123-45-6789")]),
        ("room 5 (415) 555-2671", [("PHONE_NUMBER", "(415) 555-2671")]),
        ("+1 415 555 2671,2", [("PHONE_NUMBER", "+1 415 555 2671")]),
        ("DE89 3704 0044 0532 0130 00 4111 1111 1111 1111",
         [("IBAN_CODE", "DE89 3704 0044 0532 0130 00"), ("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("score 0.4111111111111111 and 12.4111111111111111", []),
        # A pattern that runs on into the next number and is rejected is tried again, shorter.
        ("Card 4111 1111 1111 1111 12/26 CVV 123", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("Card 4111 1111 1111 1111 12 months", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("paid 4111111111111111 2024", [("CREDIT_CARD", "4111111111111111")]),
        ("Amex 3782 822463 10005 04/28", [("CREDIT_CARD", "3782 822463 10005")]),
        ("Bob,4111 1111 1111 1111 12,3", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("Call 415-555-2671 24/7", [("PHONE_NUMBER", "415-555-2671")]),
        ("call 415-555-2671 2024-01-05", [("PHONE_NUMBER", "415-555-2671")]),
        ("tel +44 (0) 20 7946 0958 2024,5", [("PHONE_NUMBER", "+44 (0) 20 7946 0958")]),
        # A slash ends a number: a card or SSN in a REST path (span names, url.path).
        ("GET /v1/cards/4111111111111111/charges", [("CREDIT_CARD", "4111111111111111")]),
        ("https://x.io/u/123-45-6789/profile", [("US_SSN", "123-45-6789")]),
        ("https://x.io/call/+14155552671", [("PHONE_NUMBER", "+14155552671")]),
        ("card 4111111111111111/12 expires", [("CREDIT_CARD", "4111111111111111")]),
        ("dates 12/25/2024 and 01/02/2023, /status/1790000000000000000", []),
    ],
)
def test_a_number_among_other_numbers_is_found_whole_and_alone(text: str, expected: List[Tuple[str, str]]) -> None:
    """Numbers are delimited as words are: the values next to other numbers, in CSV rows and
    in URL paths are found, without the numbers around them."""
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, raw",
    [
        ("password=hunter22,415 555 0132", ["555", "0132"]),
        ("2001:db8::8a2e:370:7334:4111 1111 1111 1111", ["1111"]),
        ("fe80::1 415 555 0132", ["fe80", "555"]),
        ("536-90-4399:fe80::1", ["536", "90", "4399"]),
    ],
)
def test_a_finding_that_loses_an_overlap_keeps_its_uncovered_part(text: str, raw: List[str]) -> None:
    """Of two overlapping findings the longer is kept whole; the part of the other that it does
    not cover is still found, never exported raw."""
    hidden = covered(text)
    left = "".join(" " if i in hidden else char for i, char in enumerate(text))
    assert [part for part in raw if part in left] == []


def test_url_password_is_not_an_email() -> None:
    assert found("https://user:p4ss@example.com/x") == [("URL_CREDENTIALS", "p4ss")]


def test_short_strings_have_no_findings() -> None:
    for text in ["gpt-4o", "POST /v1/chat/completions", "200", "", "chat.completions", "0.7", "stop"]:
        assert default_detectors().find(text) == []


PII_VALUES = ["jane.roe@example.com", "+1 (555) 010-0199", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32",
              "078-05-1120", "192.0.2.44", "AKIAIOSFODNN7EXAMPLE", "2001:db8::1:2"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PII_VALUES), st.text(alphabet="abc 0123456789.-:@()+", max_size=12)), max_size=12))
def test_findings_sorted_non_overlapping(parts: List[str]) -> None:
    text = " ".join(parts)
    findings = default_detectors().find(text)
    assert findings == sorted(findings)
    for first, second in zip(findings, findings[1:]):
        assert first.end <= second.start
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PII_VALUES + ["DE89 3704 0044 0532 0130 00", "415 555 0132", "fe80::1"]),
                          st.text(alphabet="ax 0123456789.-:,()+", max_size=8)), max_size=10))
def test_skipping_numbers_inside_findings_covers_the_same_text(parts: List[str]) -> None:
    """The digit-led pass skips a number that starts after a digit and a space inside an earlier
    finding; trying it instead covers exactly the same characters."""
    text = " ".join(parts)
    skipping = covered(text)
    with mock.patch.object(_detectors._ClosedFindings, "cover", return_value=False):
        trying = covered(text, DetectorSet())
    assert skipping == trying


def test_a_number_running_past_an_earlier_finding_is_still_tried() -> None:
    """A card starting inside a shorter finding (after a digit and a space) is tried when the
    finding is followed by more of the number."""
    detectors = DetectorSet(["CREDIT_CARD"], extra=[Detector("REF", r"ref \d\d \d{4}")])
    assert found("ref 55 4111 1111 1111 1111", detectors) == [("REF", "ref 55 "), ("CREDIT_CARD", "4111 1111 1111 1111")]


def test_a_number_inside_a_spaced_iban_is_not_tried_again() -> None:
    answers: List[bool] = []
    original = _detectors._ClosedFindings.cover

    def cover(self: Any, spot: int) -> bool:
        answers.append(original(self, spot))
        return answers[-1]

    with mock.patch.object(_detectors._ClosedFindings, "cover", cover):
        assert found("IBAN DE89 3704 0044 0532 0130 00 and more", DetectorSet()) == [("IBAN_CODE", "DE89 3704 0044 0532 0130 00")]
    assert True in answers


def test_long_text_finds_every_value() -> None:
    filler = "the model answered in 2024 with 3 tokens costing $0.02; " * 200
    text = f" {filler} ".join(PII_VALUES)
    values = [text[f.start : f.end] for f in default_detectors().find(text)]
    assert values == PII_VALUES


@pytest.mark.parametrize(
    "text, raw",
    [
        ("q=pay+with+4111+1111+1111+1111", "4111+1111+1111+1111"),
        ("msg=call+me+at+415-555-2671", "415-555-2671"),
        ("comment=my+ssn+is+078-05-1120", "078-05-1120"),
        ("q=call+me+at+415+555+2671", "555+2671"),
    ],
)
def test_a_number_after_words_in_a_form_body_is_found(text: str, raw: str) -> None:
    """Form bodies write spaces as '+': the number follows a word and a '+', not a space."""
    found = DetectorSet().find(text)
    assert found and found[-1].end == len(text) and raw in text[found[-1].start :]


def test_form_spaces_do_not_rescan_time_zones_or_code() -> None:
    assert not _detectors._holds_encoded_number("2026-11-24T09:00:00+01:00 and C++ and x+1")


# --- national ids and e-mail addresses as users type them, through a span --------------------

TYPED_AS_USERS_DO = [
    ("my NIF is 12345678z, thanks", "12345678z", "ES_NIF"),
    ("write to bob @ example . com", "bob @ example . com", "EMAIL_ADDRESS"),
]


@pytest.mark.parametrize(("text", "raw", "entity"), TYPED_AS_USERS_DO)
def test_typed_as_users_do_leaves_no_raw_value_in_a_span(provider, exporter, text: str, raw: str, entity: str) -> None:
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[otel_redact.pii_filter()], tracer_provider=provider)
    with provider.get_tracer("typed").start_as_current_span("chat") as span:
        span.set_attribute("gen_ai.input.messages", json.dumps([{"role": "user", "content": text}]))
        span.set_attribute("input.value", text)
    assert provider.force_flush()
    assert not exporter.contains(raw)
    (span,) = exporter.spans
    assert f"<{entity}>" in span.attributes["input.value"]

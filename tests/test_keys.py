"""Key-name detection."""

from __future__ import annotations

import json
from typing import Any

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor

import otel_redact
from otel_redact import create_anonymizer
from otel_redact._keys import KeyMatcher
from otel_redact._literals import LiteralError

SENSITIVE = ["password", "passwd", "user_pwd", "api_key", "apiKey", "X-Api-Key", "authorization",
             "http.request.header.authorization", "cookie", "Set-Cookie", "secret", "client_secret", "token",
             "access_token", "refresh_token", "x-auth-token", "ssn", "user_ssn", "credit_card", "card_number",
             "private_key", "AccountKey", "storage.account_key", "session", "sessionId", "csrf", "xsrf_token", "jwt", "OPENAI_API_KEY", "credentials", "requirepass",
             "passport", "passport_number", "passportNo", "traveler.passport.id",
             "dob", "DOB", "patient.dob", "date_of_birth", "dateOfBirth", "birthDate", "birthdate", "birthday",
             "Date of Birth", "place_of_birth",
             # a last word that is no property of the secret, or one glued on, leaves the key sensitive
             "auth_token", "session_id", "session_token", "secret_key", "auth_header", "token_value", "password_hash",
             "session_cookie", "type_password", "secret.type.value", "sessionduration", "session_discount",
             # what unlocks as a password does: a key's passphrase, a wallet's seed words, recovery, a one-time code
             "passphrase", "ssh.key_passphrase", "passphrase_hint", "passcode", "device_passcode", "Passcode", "seed_phrase", "seed phrase", "seedWords",
             "recovery_phrase", "mnemonic", "wallet.mnemonic", "recovery_code", "recovery_codes", "recoveryKey",
             "backup_code", "backupCodes", "security_answer", "Security Answer", "otp", "OTP", "otp_code",
             "user.otp", "totp", "hotp", "totp_secret", "pin_code", "otpauth_uri",
             "verification_code", "verificationCode", "Verification Code", "2fa_code", "2FA code", "MFA_CODE",
             "one_time_code", "oneTimeCode", "sms_code", "login_code", "access_code", "security_code",
             # personal data whatever its value looks like: a person's name, an id, a bank account, an address
             "first_name", "firstName", "first-name", "First Name", "FIRSTNAME", "customer.last_name", "lastName",
             "given_name", "family_name", "middle_name", "maiden_name", "full_name", "fullName", "surname",
             "driver_license", "driversLicense", "Driver's License", "driving_licence", "driver_license_number",
             "national_id", "nationalId", "National Identity Number", "national_insurance_number",
             "tax_id", "taxId", "Tax ID", "taxpayer_id", "tax_number", "tin", "TIN", "payer.tin", "tin_number",
             "ein", "EIN", "employer_ein", "bank_account", "account_number", "accountNumber", "account_no",
             "routing_number", "routingNumber", "routing_no", "sort_code", "Sort Code",
             "street_address", "home_address", "postal_address", "mailingAddress", "billing_address",
             "shipping_address", "Delivery Address", "residential_address", "address_line1", "addressLine2",
             # a person named by their role, a postal code, Canada's SIN, a VAT number
             "customer_name", "customerName", "Customer Name", "customer.name", "contact_name", "patient_name",
             "Patient name", "patient's name", "employee_name", "person_name", "legal_name", "cardholder_name",
             "card_holder_name", "accountHolderName", "beneficiary_name", "applicant_name", "recipient_name",
             "sender_name", "payee_name", "payer_name", "guest_name", "passenger_name", "traveler_name",
             "traveller_name", "student_name", "spouse_name", "customer_names",
             "postal_code", "postalCode", "Postal Code", "postcode", "post_code", "billing_postal_code",
             "zip_code", "zipCode", "zipcode", "ZIP", "zip", "Zip", "billing_zip", "shippingZip", "address.zip", "zip4",
             "sin", "SIN", "customer.sin", "sin_number", "SIN number", "social_insurance_number",
             "vat_id", "vat_number", "vatNumber", "VAT ID", "vat_no", "vat_reg_no", "vat_registration_number",
             "tax_registration_number"]
NOT_SENSITIVE = ["token_count", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "max_tokens",
                 "llm.token_count.prompt", "llm.token_count.completion", "total_tokens", "tokenizer",
                 "token_ids", "classname", "author", "book.authors", "secretary", "gen_ai.request.model",
                 "http.method", "input.value", "spinner", "AccountName", "passports_issued_total",
                 "passport_expiry", "adobe", "dobby", "userdob",
                 # the last word names a property of the secret: its kind, size, lifetime or use
                 "auth_method", "auth_type", "authType", "session_duration", "sessionDuration", "SESSION_COUNT",
                 "x-session-timeout", "cookie_ttl", "password_length", "credential_type", "api_key_usage",
                 "auth_token_type", "rate.secret_limit", "token_expires_in", "tokenExpiresAt", "session_expiry",
                 # look-alikes of a one-time password, a seed and recovery that hold none
                 "footprint", "hotpot", "laptop", "seed", "random_seed", "recovery_time", "backup_path",
                 "security_question", "pass", "passphrase_length", "otp_type", "passcode_length",
                 "code", "error_code", "status_code", "country_code", "exit_code",
                 "verification_status", "verification_code_length", "mfa_enabled", "qr_code", "sms_sent", "login_count",
                 # names and addresses of things, not of people; words holding "tin", "ein" or "tax"
                 "name", "username", "user_name", "display_name", "nickname", "model_name", "tool_name",
                 "file_name", "host_name", "service.name", "gen_ai.tool.name", "first_name_length", "font_family_name",
                 "address", "ip_address", "mac_address", "email_address", "wallet_address", "memory_address",
                 "server.address", "setting", "testing", "tint", "protein", "einstein", "syntax_id", "tax_rate",
                 "tax_included", "international_id", "account_id", "account", "routing_node", "account_notes", "sort",
                 "sort_order", "license", "license_key_count", "bank_account_type",
                 # names of things, ids, and words holding "zip", "sin" or "vat" in another sense
                 "customer_id", "customer_count", "customer", "patient", "contact", "client_name", "service_name",
                 "span_name", "project_name", "placeholder_name", "illegal_name", "sender", "guest_count",
                 "postal_code_length", "zip_path", "zip_file", "zipfile", "gzip", "unzip", "zip_level", "compress.zip_level",
                 "sinusoid", "sin_theta", "sin.x", "sinh", "asin", "basin", "casino", "single", "since",
                 "vat_rate", "is_vat_exempt", "vat_amount", "vat_included", "private_id", "activation_id", "motivation_no"]


@pytest.mark.parametrize("key", SENSITIVE)
def test_sensitive(key: str) -> None:
    assert KeyMatcher().is_sensitive(key)


@pytest.mark.parametrize("key", NOT_SENSITIVE)
def test_not_sensitive(key: str) -> None:
    assert not KeyMatcher().is_sensitive(key)


def test_extra_and_allow() -> None:
    matcher = KeyMatcher(extra=["employee.id", "tax_id"], allow=["session", "Authorization"])
    assert matcher.is_sensitive("user.employee.id") and matcher.is_sensitive("TAX_ID")
    assert not matcher.is_sensitive("session") and not matcher.is_sensitive("authorization")
    assert matcher.is_sensitive("session_token")


def test_extra_words_are_sensitive_whatever_their_last_word() -> None:
    matcher = KeyMatcher(extra=["session_duration", "tax_id"])
    assert matcher.is_sensitive("session_duration") and matcher.is_sensitive("tax_id_type")
    assert not matcher.is_sensitive("session_timeout")


def test_properties_of_secrets_are_kept_and_secrets_are_not() -> None:
    from otel_redact._anonymizer import TextRedactor

    redactor = TextRedactor()
    plain = {"auth_method": "oauth", "session_duration": 30, "token_count": 12, "max_tokens": 256, "password_length": 12}
    assert redactor.redact_value(plain) is plain
    text = "auth_method: oauth, session_duration=30, password_length=12"
    assert redactor.redact_value(text) is text
    secret = {"auth_token": "abc123xyz", "session_id": "s-81f2", "session_token": "t0k3n", "secret_key": "k3y"}
    assert redactor.redact_value(secret) == dict.fromkeys(secret, "<SENSITIVE_KEY>")
    assert redactor.redact_value("auth_token=abc123xyz session_id: s-81f2") == "auth_token=<SENSITIVE_KEY> session_id: <SENSITIVE_KEY>"


def test_a_bool_under_a_sensitive_key_is_a_setting_and_stays() -> None:
    """``{"cookie": True}`` turns cookies on, as ``cookie: true`` in text and ``("cookie", True)``
    as a pair say: a bool holds no secret; any other value under the key goes."""
    from otel_redact import create_anonymizer

    anonymize = create_anonymizer()
    settings = {"cookie": True, "password": False, "tags": [{"session": True}]}
    assert anonymize(settings) == settings
    assert anonymize({"cookie": "sid=81f2", "password": 0}) == {"cookie": "<SENSITIVE_KEY>", "password": "<SENSITIVE_KEY>"}


def test_extra_is_literal() -> None:
    assert not KeyMatcher(extra=["a.b"]).is_sensitive("axb")


def test_conversation_ids_of_tracing_conventions_are_not_secrets():
    from otel_redact._keys import KeyMatcher

    matcher = KeyMatcher()
    assert not matcher.is_sensitive("session.id")
    assert not matcher.is_sensitive("langfuse.session.id")
    assert matcher.is_sensitive("session_token")
    assert matcher.is_sensitive("http.request.header.cookie")


def test_remembered_verdicts_are_bounded_in_count_and_key_length() -> None:
    from otel_redact._keys import KeyVerdicts

    calls = []
    verdicts = KeyVerdicts(lambda key: calls.append(key) or key.startswith("pass"), maxsize=100, max_length=256)
    check = verdicts.__getitem__
    long_key = "password" + "x" * 1_000_000  # a 1 MB key is checked, never kept
    assert check(long_key) and check(long_key) and len(calls) == 2 and len(verdicts) == 0
    assert check("password") and check("password") and len(calls) == 3 and verdicts == {"password": True}
    for index in range(1_000):
        check(f"key{index}")
    assert len(verdicts) <= 100


def test_redactor_key_caches_hold_no_long_keys() -> None:
    """4,096 verdicts and 10,000 clean keys of any length could hold gigabytes: keys longer
    than 256 characters are checked every time instead, so the caches stay under a few MB."""
    from otel_redact._anonymizer import TextRedactor

    redactor = TextRedactor()
    for index in range(200):
        long_key = f"{index}" + "k" * 100_000
        assert redactor.redact_value("value", key=long_key) == "value"
        assert redactor.redact_value({long_key: "value"}) == {long_key: "value"}
        assert redactor.redact_value("x", key="secret" + long_key) == "<SENSITIVE_KEY>"
    caches = [redactor._key_verdicts, redactor._clean_keys]
    assert max((len(key) for cache in caches for key in cache), default=0) <= 256
    redactor.redact_value({"short": "value"}, key="plain")
    assert "short" in redactor._clean_keys and "plain" in redactor._key_verdicts  # short keys are remembered


@pytest.mark.parametrize(
    "value",
    [
        {"patient": {"dob": "1980-02-13", "plan": "gold"}},
        {"date_of_birth": "13/02/1980"},
        {"birthDate": "Feb 13, 1980"},
        '{"dateOfBirth": "1980-02-13", "plan": "gold"}',
        "Name: J. Doe\nDate of Birth: 02/13/1980\nPlan: gold",
        "DOB=02/13/1980 plan=gold",
        "my date of birth is 1980-02-13.",
    ],
)
def test_dates_of_birth_under_their_names_are_redacted(value: object) -> None:
    from otel_redact import create_anonymizer

    redacted = create_anonymizer()(value)
    for written in ("1980-02-13", "13/02/1980", "Feb 13, 1980", "02/13/1980"):
        assert written not in str(redacted)
    assert "gold" in str(redacted) or "gold" not in str(value)


@pytest.mark.parametrize(
    "text, date",
    [
        ("my birthday is March 12, 1985 and I live in Leeds", "March 12, 1985"),
        ("my date of birth is 12th of March, 1985.", "12th of March, 1985"),
        ("Birthday: 12 March 1985, plan gold", "12 March 1985"),
        ("birthday: March 12", "March 12"),  # a birthday without its year is one still
        ("DOB = Mar. 12 1985 plan=gold", "Mar. 12 1985"),
        ("She was born on 2/8/1935. Her maiden name is unknown", "2/8/1935"),  # the Presidio dataset's
        ("I was born in Leeds on 12-Mar-85 and moved", "12-Mar-85"),
        ("he was born 1985-03-12, says the file", "1985-03-12"),
        ("Jo is born on 31.12.1999", "31.12.1999"),
    ],
)
def test_dates_of_birth_in_words_and_prose_are_redacted_whole(text: str, date: str) -> None:
    from otel_redact import create_anonymizer

    assert create_anonymizer()(text) == text.replace(date, "<SENSITIVE_KEY>")


@pytest.mark.parametrize(
    "text",
    [
        "What is your date of birth?",
        "birth rate: 1.6 per woman",
        "adobe: 1.2.3",
        "the birthday party is on Friday",
        "My birthday is on the weekend. I'll turn 23.",
        "The idea was born (on the beach) while they were building a website.",
        "he was born in 1985 and raised in Leeds",  # a year alone: no date
        "I was born. On 12 March 1985 we moved",  # the date is the next sentence's
        "the project was born on GitHub in May",
        "was born 13/13/1985",  # no month 13
    ],
)
def test_text_about_births_stays(text: str) -> None:
    from otel_redact import create_anonymizer

    assert create_anonymizer()(text) == text


PERSONAL_VALUES = {"Jane Roe", "SW1A 1AA", "94105", "046 454 286", "046-454-286", "DE123456789"}


@pytest.mark.parametrize(
    "value",
    [
        {"customer_name": "Jane Roe", "plan": "gold"},
        {"contact_name": "Jane Roe"},
        {"patient_name": "Jane Roe"},
        {"customerName": "Jane Roe"},
        {"postal_code": "SW1A 1AA"},
        {"zip": "94105"},
        {"zip": 94105},
        {"zip_code": "94105"},
        {"postcode": "SW1A 1AA"},
        {"address": {"street": "1 Main St", "zip": "94105"}},
        {"sin": "046 454 286"},
        {"SIN": "046-454-286"},
        {"vat_id": "DE123456789"},
        {"vat_number": "DE123456789"},
        '{"customer_name": "Jane Roe", "zip": "94105", "plan": "gold"}',
        "Patient name: Jane Roe\nPlan: gold",
        "Customer name: Jane Roe",
        "contact_name=Jane Roe plan=gold",
        "Postcode: SW1A 1AA",
        "zip code: 94105",
        "SIN: 046-454-286",
        "sin: 046 454 286",
        "VAT ID: DE123456789",
        "vat_number=DE123456789",
    ],
)
def test_personal_data_under_its_names_is_redacted(value: object) -> None:
    from otel_redact import create_anonymizer

    redacted = str(create_anonymizer()(value))
    assert not any(personal in redacted for personal in PERSONAL_VALUES), redacted
    assert "gold" in redacted or "gold" not in str(value)


@pytest.mark.parametrize(
    "value",
    [
        {"customer_id": 42, "customer_count": 3, "name": "gpt-4o", "model_name": "gpt-4o", "file_name": "a.txt"},
        {"zip": True, "zip_path": "/tmp/a.zip", "zip_level": 9},
        {"sinusoid": "x1", "sin_theta": 0.5, "vat_rate": 0.2, "is_vat_exempt": False, "vat_amount": 4.2},
        {"service_name": "checkout", "span_name": "chat", "project_name": "acme", "client_name": "my-app"},
        "customer_id: 42, model_name: gpt-4o, file_name: report.zip",
        "zip: true",
        "sin(theta) = 0.5",
        "sin_theta: 0.5",
        "vat_rate: 0.2, price 120.00 incl. VAT",
        "unzip the archive: it holds 3 files",
        "Name: gpt-4o",
    ],
)
def test_look_alikes_of_personal_data_names_stay(value: object) -> None:
    from otel_redact import create_anonymizer

    assert create_anonymizer()(value) == value


def test_personal_data_in_span_attributes_is_redacted(provider, exporter) -> None:
    import otel_redact
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[otel_redact.pii_filter()], tracer_provider=provider)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("app.customer_name", "Jane Roe")
        span.set_attribute("app.customer.zip", "94105")
        span.set_attribute("app.customer.sin", "046 454 286")
        span.set_attribute("app.customer.vat_id", "DE123456789")
        span.set_attribute("app.customer_id", 42)
        span.set_attribute("app.zip", True)
    attributes = exporter.spans[-1].attributes
    assert not any(exporter.contains(personal) for personal in PERSONAL_VALUES)
    assert attributes["app.customer_name"] == attributes["app.customer.zip"] == "<SENSITIVE_KEY>"
    assert attributes["app.customer_id"] == 42 and attributes["app.zip"] is True


# A person's record under a key naming their role, or a FHIR resource of a person: its names go.
PERSONS_RECORDS = [
    {"patient": {"name": "Jane Roe"}},
    {"customer": {"first_name": "Jane", "last": "Roe"}},
    {"user": {"name": "Jane Roe", "email": "jr@example.com"}},
    {"contact": {"full_name": "Jane Roe"}},
    {"patient": {"name": {"given": "Jane", "family": "Roe"}}},
    {"resourceType": "Patient", "name": [{"family": "Roe", "given": ["Jane"]}]},
    {"resourceType": "Practitioner", "id": "p1", "name": [{"text": "Jane Roe"}]},
    {"employee": {"last": "Roe", "given": "Jane"}},
    {"customers": [{"name": "Jane Roe", "plan": "gold"}, {"name": "Jane Roe"}]},
    {"order": {"billing_contact": {"displayName": "Jane Roe"}, "total": 12}},
    {"author": {"name": "Jane Roe"}, "title": "gold"},
    {"member": {"Name": "Jane Roe"}},
    {"patient_info": {"first": "Jane", "last": "Roe"}},
]


def _in_form(value: Any, form: str) -> Any:
    """``value`` as a structure, as JSON text, as JSON text in a tool call's JSON arguments, as
    JSON text in prose, or so in a chat message's content; as its Python ``repr``, alone, in
    prose, or in prose in a chat message's content."""
    if form == "json":
        return json.dumps(value)
    if form == "json in a json string":
        return json.dumps({"tool_calls": [{"function": {"name": "lookup", "arguments": json.dumps(value)}}]})
    if form == "json in prose":
        return f"Here is the record:\n{json.dumps(value, indent=2)}\nPlease check it."
    if form == "json in prose in a message":
        return json.dumps([{"role": "user", "content": f"Summarise {json.dumps(value)} in one line"}])
    if form == "python literal":
        return repr(value)
    if form == "python literal in prose":
        return f"Here is the record: {value!r}. Please check it."
    if form == "python literal in prose in a message":
        return json.dumps([{"role": "user", "content": f"Summarise {value!r} in one line"}])
    return value


LITERAL_FORMS = ["python literal", "python literal in prose", "python literal in prose in a message"]
FORMS = ["structure", "json", "json in a json string", "json in prose", "json in prose in a message", *LITERAL_FORMS]


def _stays(value: Any, form: str) -> None:
    """``value``, in ``form`` (:func:`_in_form`), comes out of the anonymizer as it went in."""
    value = _in_form(value, form)
    assert create_anonymizer()(value) == value


def _redacting(provider: Any, exporter: Any, **options: Any) -> None:
    """Export ``provider``'s spans to ``exporter`` through ``configure`` with ``pii_filter(**options)``."""
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    otel_redact.configure(span_processors=[otel_redact.pii_filter(**options)], tracer_provider=provider)


@pytest.mark.parametrize("value", PERSONS_RECORDS)
@pytest.mark.parametrize("form", FORMS)
def test_names_in_a_persons_record_are_redacted(value: dict, form: str) -> None:
    value = _in_form(value, form)
    redacted = str(create_anonymizer()(value))
    assert "Jane" not in redacted and "Roe" not in redacted, redacted
    assert "SENSITIVE_KEY" in redacted
    assert ("gold" in redacted) == ("gold" in str(value)), redacted
    assert "lookup" in redacted or form != "json in a json string"


@pytest.mark.parametrize(
    "value",
    [
        {"model": {"name": "gpt-4o"}},
        {"tool": {"name": "search"}},
        {"function": {"name": "get_weather"}},
        {"user": {"id": 42, "role": "admin"}},
        {"service": {"name": "api"}},
        {"project": {"name": "apollo"}},
        {"client": {"name": "my-app"}},
        {"customer": {"name_count": 3, "last_seen": "2024-01-01"}},
        {"user": {"name": None}},
        {"customer": "Jane Roe", "name": "gpt-4o"},
        {"superuser": {"name": "root-role"}},
        {"resourceType": "Observation", "code": {"text": "Glucose"}, "name": "glucose"},
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "tool_calls": [
            {"name": "get_weather", "arguments": '{"city": "Paris"}'}]}]},
        {"users": [{"id": 1, "first_login": True}], "tool": {"name": "search"}},
    ],
)
@pytest.mark.parametrize("form", ["structure", "json", "json in prose", "json in prose in a message", *LITERAL_FORMS])
def test_names_outside_a_persons_record_stay(value: dict, form: str) -> None:
    _stays(value, form)


def test_a_persons_record_in_span_attributes_is_redacted(provider, exporter) -> None:
    _redacting(provider, exporter)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("input.value", json.dumps({"patient": {"name": "Jane Roe", "id": 7}}))
        span.set_attribute("output.value", json.dumps({"resourceType": "Patient", "name": [{"given": ["Jane"]}]}))
        span.set_attribute("patient.name", "Jane Roe")
        span.set_attribute("tool.name", "search")
    attributes = exporter.spans[-1].attributes
    assert not exporter.contains("Jane")
    assert json.loads(attributes["input.value"]) == {"patient": {"name": "<SENSITIVE_KEY>", "id": 7}}
    assert attributes["patient.name"] == "<SENSITIVE_KEY>" and attributes["tool.name"] == "search"


def test_json_in_prose_is_read_as_json_and_the_prose_around_it_as_text() -> None:
    record = json.dumps({"patient": {"name": "Jane Roe", "id": 7}})
    text = f"From jr@example.com: {{not json}} then {record}, and [{{\"customer\": {{\"last\": \"Roe\"}}}}] ok, call +1 415-555-0132"
    redacted = create_anonymizer()(text)
    assert "Roe" not in redacted and "jr@example.com" not in redacted and "555-0132" not in redacted, redacted
    assert redacted.startswith("From <EMAIL_ADDRESS>: {not json} then {") and redacted.endswith(", call <PHONE_NUMBER>")
    assert '"id": 7' in redacted and " ok, " in redacted
    unchanged = 'Config {"service": {"name": "api"}} for jr@example.com'  # a document left as it is: its findings still go
    assert create_anonymizer()(unchanged) == 'Config {"service": {"name": "api"}} for <EMAIL_ADDRESS>'


def test_json_in_prose_that_cannot_be_read_is_safe() -> None:
    deep = 'see {"patient": ' + "[" * 100_000 + "]" * 100_000 + "} and mail jr@example.com"
    redacted = create_anonymizer()(deep)
    assert "jr@example.com" not in redacted and redacted.startswith("see ")
    many = 'x {"a" ' * 200 + '{"patient": {"name": "Jane Roe"}}'  # many openers, each failing at once: all tried
    assert "Jane" not in create_anonymizer()(many)
    assert create_anonymizer()('{"a": [' * 5_000 + '{"patient": {"name": "Jane Roe"}}') == "<TOO_DEEP>"


@pytest.mark.parametrize(
    "form, nested",
    [
        ("_JSON_DOCUMENTS", '{"patient": [' * 300 + "1, " * 5_000 + "oops"),
        ("_LITERAL_DOCUMENTS", "{'patient': [" * 45 + "1, " * 5_000 + "oops"),  # 90 brackets: under the nesting read
    ],
)
def test_failed_parses_of_documents_in_prose_read_a_bounded_length(monkeypatch: pytest.MonkeyPatch, form: str, nested: str) -> None:
    """Nested openers failing only at the text's end would each read it again: they stop at two lengths."""
    import otel_redact._anonymizer as anonymizer

    read = []
    documents = getattr(anonymizer, form)

    def counting(text: str, start: int) -> Any:
        try:
            return documents.read(text, start)
        except (json.JSONDecodeError, LiteralError) as error:
            read.append(error.pos - start)
            raise

    monkeypatch.setattr(anonymizer, form, documents._replace(read=counting))
    create_anonymizer()(nested)
    assert 2 <= len(read) < 45 and sum(read) < 3 * len(nested)
    quote = nested[1]
    kept = create_anonymizer(strategies="remove")(f"note {{{quote}patient{quote}: {{{quote}name{quote}: {quote}Jane Roe{quote}}}}} end")
    assert "Jane" not in str(kept)


def test_a_python_literal_keeps_the_objects_in_it_and_what_cannot_be_read_is_safe() -> None:
    anonymize = create_anonymizer()
    row = "row {'patient': {'name': 'Jane Roe', 'seen': datetime.date(2024, 1, 2), 'fee': Decimal('-1.5'), 'at': <Visit object at 0x7f3a>}}"
    assert anonymize(f"{row} from jr@example.com") == row.replace("Jane Roe", "<SENSITIVE_KEY>") + " from <EMAIL_ADDRESS>"
    for unreadable in (
        "row {'patient': {'name': 'Jane Roe', 'at': <bound method Visit.at of <Visit object at 0x7f3a>>}} from jr@example.com",
        "cut {'patient': {'name': 'Jane Roe', 'age': 4 from jr@example.com",  # its brackets never close
    ):
        assert anonymize(unreadable) == unreadable.replace("jr@example.com", "<EMAIL_ADDRESS>")
    deep = "see {'patient': " + "{'a': " * 150 + "{'name': 'Jane Roe'}" + "}" * 151 + " and jr@example.com"
    assert anonymize(deep) == "see <TOO_DEEP>"  # deeper than Python's parser reads: the rest goes
    in_json = json.dumps({"prompt": "Summarise {'patient': {'name': 'Jane Roe', 'note': \"it's\"}} now"})
    assert json.loads(anonymize(in_json)) == {"prompt": "Summarise {'patient': {'name': '<SENSITIVE_KEY>', 'note': \"it's\"}} now"}
    assert anonymize("{'patient': {'name': 'Jane Roe'}}\x00\udcff") == "{'patient': {'name': '<SENSITIVE_KEY>'}}\x00\udcff"


def test_a_python_literal_in_a_prompt_is_redacted_in_exported_bytes(provider, exporter) -> None:
    _redacting(provider, exporter)
    messages = [{"role": "system", "content": "be brief"}, {"role": "user", "name": "jane_roe", "content": "hi"}]
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("input.value", "Summarise this record: {'patient': {'name': 'Jane Roe', 'ward': 'B2'}}")
        span.set_attribute("llm.prompts", [f"messages={messages}"])
    assert not exporter.contains("Jane") and not exporter.contains("jane_roe")
    assert exporter.contains("Summarise this record") and exporter.contains("B2") and exporter.contains("be brief")
    assert exporter.spans[-1].attributes["input.value"] == "Summarise this record: {'patient': {'name': '<SENSITIVE_KEY>', 'ward': 'B2'}}"


def test_a_persons_record_in_a_prompt_is_redacted_in_exported_bytes(provider, exporter) -> None:
    _redacting(provider, exporter)
    prompt = "Write to this patient:\n" + json.dumps({"patient": {"name": "Jane Roe", "ward": "B2"}}, indent=2)
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("gen_ai.input.messages", json.dumps([{"role": "user", "parts": [{"type": "text", "content": prompt}]}]))
        span.set_attribute("input.value", prompt)
    assert not exporter.contains("Jane") and not exporter.contains("Roe")
    assert exporter.contains("Write to this patient") and exporter.contains("B2")
    assert exporter.spans[-1].attributes["input.value"] == "Write to this patient:\n" + json.dumps(
        {"patient": {"name": "<SENSITIVE_KEY>", "ward": "B2"}}, indent=2
    )


def test_a_name_and_card_details_a_user_types_are_redacted_in_exported_bytes(provider, exporter) -> None:
    _redacting(provider, exporter)
    message = "Hi, my name is Jane Roe, dob 1980-02-13. Charge 4111 1111 1111 1111, exp 12/27, cvv 737."
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("gen_ai.input.messages", json.dumps([{"role": "user", "parts": [{"type": "text", "content": message}]}]))
        span.set_attribute("input.value", message)
    for value in ("Jane", "Roe", "1980-02-13", "4111", "737"):
        assert not exporter.contains(value), value
    assert exporter.contains("Hi, my name is") and exporter.contains("exp 12/27")
    assert exporter.spans[-1].attributes["input.value"] == (
        "Hi, my name is <SENSITIVE_KEY>, dob <SENSITIVE_KEY>. Charge <CREDIT_CARD>, exp 12/27, cvv <SENSITIVE_KEY>."
    )


@pytest.mark.parametrize("layout", [{}, {"indent": 2}, {"indent": "\t"}, {"separators": (",", ":")}])
def test_json_in_prose_keeps_its_layout_and_sensitive_keys_are_read_in_place(layout: dict) -> None:
    record = {"patient": {"name": "Jane Roe", "ward": "B2"}, "password": "hunter2"}
    redacted = create_anonymizer()(f"see {json.dumps(record, **layout)} ok")
    assert redacted == f"see {json.dumps(dict(record, patient={'name': '<SENSITIVE_KEY>', 'ward': 'B2'}, password='<SENSITIVE_KEY>'), **layout)} ok"
    config = 'Use {"password": "hunter2",   "host": "db"} now'  # no person in it: the key-value finder's, as written
    assert create_anonymizer()(config) == 'Use {"password": "<SENSITIVE_KEY>",   "host": "db"} now'


def test_allowed_names_stay_in_a_persons_record() -> None:
    value = {"patient": {"name": "Jane Roe", "last": "Roe"}}
    assert create_anonymizer(allowed_keys=["name"])(value) == {"patient": {"name": "Jane Roe", "last": "<SENSITIVE_KEY>"}}
    assert create_anonymizer(redact_keys=False)(value) == value


# A user's chat message (OpenAI's, LiteLLM's, OTel GenAI's parts) is their record: its name goes.
USERS_MESSAGES = [
    {"role": "user", "name": "jane_roe", "content": "hi"},
    {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "name": "Jane Roe", "content": "hi"}]},
    {"messages": [{"name": "jane_roe", "content": "hi", "role": "user"}]},
    [{"role": "user", "name": "jane_roe", "parts": [{"type": "text", "content": "hi"}]}],
    [{"role": "user", "name": "jane_roe", "content": "hi"}, {"role": "tool", "name": "get_weather", "content": "hi"}],
]


@pytest.mark.parametrize("value", USERS_MESSAGES)
@pytest.mark.parametrize("form", FORMS)
def test_a_users_name_in_a_chat_message_is_redacted(value: Any, form: str) -> None:
    value = _in_form(value, form)
    redacted = str(create_anonymizer()(value))
    assert "jane" not in redacted.lower() and "roe" not in redacted.lower(), redacted
    assert "SENSITIVE_KEY" in redacted and "hi" in redacted
    assert ("get_weather" in redacted) == ("get_weather" in str(value)), redacted


@pytest.mark.parametrize(
    "value",
    [
        {"role": "tool", "name": "get_weather", "content": "sunny"},
        {"role": "function", "name": "get_weather", "content": '{"temp": 20}'},
        {"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "get_weather", "arguments": "{}"}}]},
        [{"role": "user", "content": "my name is x"}, {"role": "assistant", "name": "helper_bot", "content": "ok"}],
        [{"role": "user", "content": "weather in Paris?"}, {"role": "tool", "name": "get_weather", "content": "sunny"}],
        {"role": "system", "name": "example_user", "content": "be brief"},
        {"name": "gpt-4o", "role": "model"},
        {"role": "user", "content": "hi", "metadata": {"name": "checkout"}},
        {"role": "user", "name": None, "content": "hi"},
        {"role": "user", "username": "bob", "content": "hi"},
    ],
)
@pytest.mark.parametrize("form", ["structure", "json", "json in prose", "json in prose in a message", *LITERAL_FORMS])
def test_names_outside_a_users_message_stay(value: Any, form: str) -> None:
    _stays(value, form)


def test_a_users_name_in_chat_span_attributes_is_redacted(provider, exporter) -> None:
    _redacting(provider, exporter)
    messages = [{"role": "user", "name": "jane_roe", "parts": [{"type": "text", "content": "hi"}]}]
    request = {"model": "gpt-4o", "messages": [{"role": "user", "name": "jane_roe", "content": "hi"}],
               "tools": [{"type": "function", "function": {"name": "get_weather"}}]}
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("gen_ai.input.messages", json.dumps(messages))
        span.set_attribute("input.value", json.dumps(request))
    attributes = exporter.spans[-1].attributes
    assert not exporter.contains("jane_roe")
    assert json.loads(attributes["gen_ai.input.messages"])[0]["name"] == "<SENSITIVE_KEY>"
    assert json.loads(attributes["input.value"])["tools"] == request["tools"]


@pytest.mark.parametrize("pipeline", ["processor", "exporter"])
def test_a_users_name_in_flattened_message_attributes_is_redacted(provider, exporter, pipeline: str) -> None:
    """OpenInference spreads a message over keys: ``...message.name`` goes where its sibling
    ``...message.role`` is ``user``, span after span (the remembered changes tell the roles apart)."""
    from tests.conftest import deferred_pipeline

    if pipeline == "processor":
        _redacting(provider, exporter)
    else:
        provider = deferred_pipeline(exporter, span_processors=[otel_redact.pii_filter()])
    prefix = "llm.input_messages.1.message."
    # a role seen before is settled: the same name and content under another role must still tell
    for role, name, stays in [("user", "bob_smith", False), ("assistant", "helper_bot", True), ("assistant", "jane_roe", True),
                              ("user", "jane_roe", False), ("tool", "get_weather", True), ("user", "jane_roe", False),
                              ("system", "example_user", True)]:
        with provider.get_tracer("t").start_as_current_span("s") as span:
            span.set_attribute("llm.input_messages.0.message.role", "system")
            span.set_attribute(prefix + "role", role)
            span.set_attribute(prefix + "name", name)
            span.set_attribute(prefix + "content", "mail jane@example.com")
        attributes = exporter.spans[-1].attributes
        assert attributes[prefix + "name"] == (name if stays else "<SENSITIVE_KEY>"), role
        assert attributes[prefix + "role"] == role and "jane@example.com" not in attributes[prefix + "content"]


def test_a_users_name_stays_in_attributes_where_names_are_allowed(provider, exporter) -> None:
    _redacting(provider, exporter, allowed_keys=["name"])
    with provider.get_tracer("t").start_as_current_span("s") as span:
        span.set_attribute("llm.input_messages.0.message.role", "user")
        span.set_attribute("llm.input_messages.0.message.name", "jane_roe")
        span.set_attribute("app.message.name", "checkout")
    assert exporter.spans[-1].attributes["llm.input_messages.0.message.name"] == "jane_roe"

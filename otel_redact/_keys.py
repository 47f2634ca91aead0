"""Sensitive attribute and field names (Logfire-style): the whole value of such a key is secret,
or personal data whatever it looks like (a person's name, a national or tax id, a bank account,
a postal address and its code).

A name that ends in a property of the secret (``auth_method``, ``session_duration``) is not
one: its value describes the secret, and the detectors still scan it."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, Set

import regex

# Letters may not continue a short name on either side ("classname" is not "ssn").
_SENSITIVE = (
    r"passw(?:or)?d|mysql_pwd|(?<![a-z])pwd(?![a-z])|secret(?!ar)|credential|auth(?!ors?(?![iz]))"
    r"|private[._ -]?key|api[._ -]?key|access[._ -]?key|account[._ -]?key|session|cookie|csrf|xsrf|jwt|bearer"
    r"|social[._ -]?security|(?<![a-z])ssn(?![a-z])|credit[._ -]?card|card[._ -]?number"
    r"|(?<![a-z])(?:cvv|cvc|iban|pin)(?![a-z])|(?<![a-z])passport(?:[._ -]?(?:no|num(?:ber)?|id))?(?![a-z])"
    # A date of birth (dob, date_of_birth, birthDate, birthday), and a place of birth with it.
    r"|birth|(?<![a-z])dob(?![a-z])"
    # Redis's password setting ("requirepass", as redis.conf, CONFIG SET and redis-server write it).
    r"|requirepass"
    # What unlocks as a password does: an SSH or GPG key's passphrase, a phone's passcode, a
    # wallet's seed words (BIP-39 "mnemonic": a disassembler's "mnemonic": "mov" is redacted
    # too, a cheap loss beside a wallet's), an account's recovery codes and key, a security
    # question's answer, and the one-time codes a login sends (verification_code, "2FA code",
    # mfa_code, sms_code, access_code, security_code; not error_code, zip_code, country_code).
    r"|passphrase|passcode|seed[._ -]?(?:phrase|words?)|mnemonic|recovery[._ -]?(?:phrase|codes?|key)"
    r"|backup[._ -]?codes?|security[._ -]?(?:answer|codes?)"
    r"|(?:verification|(?<![a-z0-9])[2m]fa|one[._ -]?time|sms|login|access)[._ -]?codes?"
    # A one-time password standing apart (otp, otp_code, totp, HOTP; not footprint, hotpot, otpauth).
    r"|(?<![a-z])[ht]?otp(?![a-z])"
    # A token is secret; LLM token counters and tokenizers are not.
    r"|(?<!max[._ -]?)token(?!s|[._ -]?(?:count|ids?|type|usage|limit|logprob)|iz)"
)
_ROLES = (
    r"customer|contact|patient|employee|person|beneficiary|applicant|recipient|sender|payee|payer|guest"
    r"|passenger|travell?er|student|spouse"
)
"""Words naming a person by their role, whose name is personal data (``customer_name``)."""
# Personal data whatever its value looks like, as customer records in tool calls name it: a
# person's name (first_name, lastName, "Full Name", surname, and the name of a person in a role:
# customer_name, patientName, "Contact name", card_holder_name; not name, username, file_name,
# font_family_name, client_name: OAuth's and SDKs' clients are apps, placeholder_name), a
# driver's licence, a national, social insurance (Canada's SIN) or tax id, a VAT number (not
# syntax_id, international_id, vat_rate), a bank account's and routing number, a sort code, a
# postal address (billing_address, address_line1; not ip_address, email_address, memory
# address) and its postal code (postcode, zip_code, zip; not zip_path, gzip). A pattern of its
# own: the regex module searches two alternations faster than one holding both (a key not
# remembered costs about 4 microseconds more, not 8).
_PERSONAL = (
    r"(?:first|last|given|(?<!font[._ -]?)family|middle|full|maiden)[._ -]?name|surname"
    r"|(?:" + _ROLES + r"|(?<!il)legal|(?<!place)holder)(?:'?s)?[._ -]?name"
    r"|driv(?:er'?s?|ing)[._ -]?licen[cs]e|(?<!inter)national[._ -]?(?:id|insurance)|social[._ -]?insurance"
    r"|(?<!syn)(?:tax|vat)[._ -]?(?:(?:payer|reg(?:istration)?)[._ -]?)?(?:id|num|no(?![a-z]))"
    r"|bank[._ -]?account|account[._ -]?(?:num|no(?![a-z]))|routing[._ -]?(?:num|no(?![a-z]))|sort[._ -]?code"
    r"|(?:street|home|postal|mailing|billing|shipping|delivery|residential)[._ -]?address|address[._ -]?line"
    r"|post(?:al)?[._ -]?code|zip[._ -]?code"
)
_STANDING_APART = r"(?:(?<![a-z])%s|(?<=[a-z])(?-i:%s))"
"""A short word of a key standing apart: after no letter, or capitalised after a lower-case letter
(``zip``, ``billing_zip``, ``billingZip``; not ``gzip``); %s: its lower-case and capitalised form."""
_LAST_WORD = r"(?![._ -]?[a-z])"
"""Nothing but digits or a separator after it: it ends the key, or the words before its qualifier."""
_TAXPAYER_NUMBER = r"(?<![a-z])[te]in"
"""A taxpayer's identification number standing apart (TIN, EIN, tin_number; not setting, protein)."""
_SOCIAL_INSURANCE_NUMBER = r"(?<![a-z])sin(?:[._ -]?(?:num(?:ber)?|no))?"
"""Canada's social insurance number as the key's last word (SIN, customer.sin, sin_number; not
sin_theta, sinusoid, basin)."""
_ZIP = _STANDING_APART % ("zip", "Zip")
"""A ZIP code as the key's last word (zip, billing_zip, shippingZip, zip4; not zip_path, unzip)."""
# The key screen reads the letter after a TIN, an EIN, a SIN or a ZIP, which Hyperscan can (it
# drops look-arounds: "tin" alone would pass every text with "testing"); a key with a value has one.
_PERSONAL_SCREENED = _PERSONAL + "|" + "|".join(
    (_TAXPAYER_NUMBER + r"[^a-z]", _SOCIAL_INSURANCE_NUMBER + r"[^a-z]", _ZIP + r"[^a-z]")
)
_PERSONAL += "|" + "|".join(
    (_TAXPAYER_NUMBER + r"(?![a-z])", _SOCIAL_INSURANCE_NUMBER + _LAST_WORD, _ZIP + _LAST_WORD)
)

# A last word that names a property of a secret, not the secret: its kind, size, lifetime or
# use (auth_method, session_duration, password_length, tokenExpiresIn). It must stand apart:
# after a separator, or capitalised after a lower-case letter ("sessionDuration"), never glued
# on ("session_discount", "sessionduration": those stay sensitive).
_PROPERTY = regex.compile(
    r"(?:(?<=[._ -])|(?<=[a-z])(?=[A-Z]))"
    r"(?i:count|duration|method|type|length|limit|usage|timeout|ttl|expiry|expiration|expires(?:[._ -]?(?:at|in))?)\Z"
)

# A key naming people by their role, whose record holds their name (patient, customers,
# billing_contact, endUser, cardholder, patient_info; the last word of the key, glued to none
# before it: not firstcontact, superuser; not client: OAuth's and SDKs' clients are apps).
_RECORD_ROLE = r"(?:%s|user|enduser|member|author|people|(?:card)?holder)s?(?:[._ -]?(?:info|details?|profile|record|data))?" % _ROLES
_PERSON_ROLE = regex.compile(r"(?:\A|(?<=[._ -])|(?<=[a-z])(?=[A-Z]))(?i:%s)\Z" % _RECORD_ROLE)
# A person's name in their record (name, given, family, last, displayName), its key alone:
# not name_count, last_seen; first_name and the like are personal data anywhere.
_PERSONS_NAME = regex.compile(r"(?i:(?:(?:display|nick|preferred)[._ -]?)?names?|given|family|first|last|middle|full)")
PERSON_RESOURCES = ("Patient", "Practitioner", "RelatedPerson", "Person")
"""FHIR's resources of a person (``{"resourceType": "Patient", "name": [...]}``): their names are personal data."""
PERSON_OPENINGS = (" {", " [", "{", "[") + tuple(
    space + quote + resource for resource in PERSON_RESOURCES for space in ("", " ") for quote in ('"', '\\"', "'")
)
"""What follows the colon of a JSON key holding a person's record: an object or a list opening
(``"patient": {``), or a FHIR resource's type naming a person (``"resourceType": "Patient"``,
its quote escaped in a JSON string too, or a Python literal's)."""
USERS_ROLE = "user"
"""The role of a chat message written by a person (``{"role": "user", "name": x}``, OpenAI's,
OpenInference's, OTel GenAI's): the message is their record, its ``name`` theirs. Other roles'
names are the app's: a tool's or a function's (``"role": "tool"``), an assistant's or a system
prompt's label."""
USERS_ROLE_VALUES = ('"' + USERS_ROLE, "'" + USERS_ROLE)
"""In JSON text or a Python literal holding a user's message: the role's value, its opening
quote escaped or not."""
NAME_KEY_ENDS = ('"name"', '"name\\"', "'name'")
"""How the word before a colon ends where it is a JSON key ``name`` (in a JSON string too) or a
Python dict's."""
MESSAGE_NAME = "message.name"
"""The attribute key's end (OpenInference's ``llm.input_messages.0.message.name``) naming a chat
message's participant, whose sibling ``...message.role`` says who: a user's name is theirs."""
_QUOTE = r"(?:\\*\"|')"
"""A quote around a JSON key or string (escaped in a JSON string) or a Python literal's."""
USERS_MESSAGE = r"role%s\s*:\s*%s%s%s" % (_QUOTE, _QUOTE, USERS_ROLE, _QUOTE)
"""A user's chat message's role, in JSON text (in a JSON string too) or a Python literal: the
message's ``name`` is theirs."""
_NAME_KEY = r"[\"']name%s\s*:" % _QUOTE
_PERSON_OPENING = r"%s%s\s*:\s*[{\[]|resourceType%s\s*:\s*%s(?:%s)|%s[\s\S]*%s|%s[\s\S]*%s" % (
    _RECORD_ROLE, _QUOTE, _QUOTE, _QUOTE, "|".join(PERSON_RESOURCES), USERS_MESSAGE, _NAME_KEY, _NAME_KEY, USERS_MESSAGE
)
"""A JSON key holding a person's record and what opens it (at any depth of JSON in JSON
strings), or a user's message and a ``name`` key (either first), as the key screen finds them
(in any case); in a Python literal too (``{'patient': {``)."""

# Conversation ids of the tracing conventions (OpenInference, Langfuse): not session secrets.
_ALLOWED_BY_DEFAULT = ("session.id", "langfuse.session.id", "langfuse.trace.session_id")


class KeyMatcher:
    """Decides whether a key (attribute name, header, JSON field) names a secret value.

    A key holding a built-in sensitive name is not sensitive when its last word names a
    property of the secret (``session_duration``, ``auth_method``); one holding an ``extra``
    word always is.
    """

    def __init__(self, extra: Iterable[str] = (), allow: Iterable[str] = ()) -> None:
        words = [regex.escape(word) for word in extra]
        self.pattern = "(?i:" + "|".join([_SENSITIVE, _PERSONAL_SCREENED, _PERSON_OPENING] + words) + ")"
        """Found in every sensitive key followed by a character, and in every JSON key opening a
        person's record (a text without a match holds no sensitive key with a value after it,
        nor a person's name in JSON under their role)."""
        self._builtin = regex.compile("(?i:" + _SENSITIVE + ")")
        self._personal = regex.compile("(?i:" + _PERSONAL + ")")
        self._extra = regex.compile("(?i:" + "|".join(words) + ")") if words else None
        self._allow = frozenset(key.lower() for key in (*_ALLOWED_BY_DEFAULT, *allow))

    def is_sensitive(self, key: str) -> bool:
        """True when ``key`` names a secret and is not on the allow-list."""
        if key.lower() in self._allow:
            return False
        builtin = self._builtin.search(key) is not None or self._personal.search(key) is not None
        if builtin and _PROPERTY.search(key) is None:
            return True
        return self._extra is not None and self._extra.search(key) is not None

    def is_sensitive_in_a_person(self, key: str) -> bool:
        """True when ``key`` is sensitive, or, in the record of a person (under a key naming their
        role, :func:`names_a_role`), names their name (``name``, ``given``, ``last``)."""
        return self.is_sensitive(key) or (_PERSONS_NAME.fullmatch(key) is not None and key.lower() not in self._allow)

    def names_a_participant(self, key: str) -> bool:
        """Whether the attribute key ``key`` names a chat message's participant
        (``llm.input_messages.0.message.name``), whose name goes where they are a user, unless
        the key or ``name`` is allowed."""
        if not key.endswith(MESSAGE_NAME) or key[-len(MESSAGE_NAME) - 1 : -len(MESSAGE_NAME)] not in ("", "."):
            return False
        return "name" not in self._allow and key.lower() not in self._allow


def names_a_role(key: str) -> bool:
    """Whether ``key`` names people by their role (``patient``, ``customers``, ``billing_contact``):
    the records under it are theirs, and their names are personal data (``{"patient": {"name": x}}``)."""
    return _PERSON_ROLE.search(key) is not None


class KeyVerdicts(Dict[str, bool]):
    """Verdicts of a key check, remembered for keys of at most ``max_length`` characters
    (longer keys are checked every time), ``maxsize`` of them at most (then it starts over).

    Call it through ``verdicts.__getitem__``: a remembered key costs one dict lookup.
    """

    def __init__(self, check: Callable[[str], bool], maxsize: int = 4096, max_length: int = 256) -> None:
        super().__init__()
        self._check = check
        self.maxsize = maxsize
        self.max_length = max_length
        self.plain: Set[str] = set()
        """The remembered keys found not sensitive (for ``plain.issuperset(keys)``)."""

    def __missing__(self, key: str) -> bool:
        verdict = self._check(key)
        if len(key) <= self.max_length:
            if len(self) >= self.maxsize:
                self.clear()
                self.plain = set()
            self[key] = verdict
            if verdict is False:
                self.plain.add(key)
        return verdict

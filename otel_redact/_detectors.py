"""The built-in detector engine: PII and secret patterns, validated, found in a few fast passes.

The patterns read text whose look-alike spaces, hyphens, dots, brackets, plus and at signs and
whose digits of other scripts (fullwidth, Arabic-Indic...) are made ASCII, one character for one, so
that a finding's position holds in the text as given. Text holding a number percent-encoded as URLs and form
bodies write it ("?tel=%2B1%20415%20555%202671", its digits too: "%34%31", a fullwidth digit's
UTF-8 bytes "%EF%BC%94") is read a second time decoded, and the findings there are mapped back
over the encoded runs. The strategies get each value as read
here (:func:`value_as_read`), so that the form a number or an e-mail address is written in
changes neither its pseudonym nor its mask. A phone number spelled out in digit words is read
only where a phone key holds it (:func:`spelled_phone_numbers`): found in any text, it would
cost a scan of every text.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union
from urllib.parse import unquote

import regex

from otel_redact._hyperscan import GateScanner, gate_scanner
from otel_redact._secrets import (
    AWS_KEY_ID,
    AWS_SECRET_BEFORE_ITS_KEY_ID,
    AWS_SECRET_KEY,
    AWS_SECRET_WINDOW,
    BEARER_BASIC_GATE,
    HYPHEN_GATE,
    SECRET_SPECS,
    Spec,
)
from otel_redact._validators import (
    FEWEST_CARD_DIGITS,
    FEWEST_PHONE_DIGITS,
    aadhaar_ok,
    card_ok,
    fiscal_code_ok,
    iban_lengths,
    iban_ok,
    ipv4_ok,
    ipv6_ok,
    itin_ok,
    mac_ok,
    nhs_ok,
    nie_ok,
    nif_ok,
    pesel_ok,
    phone_ok,
    segwit_address_ok,
    ssn_ok,
)


class Finding(NamedTuple):
    """A sensitive value: ``text[start:end]`` is of type ``entity``."""

    start: int
    end: int
    entity: str


@dataclass(frozen=True)
class Detector:
    """A named regex (``regex`` module syntax) with an optional validator of the matched text.

    When the pattern has a group named ``value``, only that group is the finding; the rest
    of the match is context (``password=(?P<value>\\S+)``).
    """

    entity: str
    pattern: str
    validator: Optional[Callable[[str], bool]] = None
    flags: int = 0
    _compiled: Any = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not regex.fullmatch(r"[A-Z][A-Z0-9_]*", self.entity):
            raise ValueError(f"entity name must be upper snake case (EMPLOYEE_ID), got {self.entity!r}")
        object.__setattr__(self, "_compiled", _compile(self.pattern, self.flags, self.entity))


def _compile(pattern: str, flags: int, entity: str) -> Any:
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise ValueError(pointed_regex_error(f"invalid regex for {entity}", pattern, exc)) from None


def pointed_regex_error(what: str, pattern: str, error: Any) -> str:
    """A message for a regex that does not compile (``re.error`` or ``regex.error``), with
    a caret under the position of the ``error``."""
    position = error.pos  # regex.error has pos and msg, as re.error does; its stubs lack them
    return f"{what} at position {position}: {error.msg}\n  {pattern}\n  {' ' * (position or 0)}^"


# --- built-in PII patterns ------------------------------------------------------------------

_DIGIT = r"\d(?:\D{0,3}\d){3}"
"""The gate of the digit-led entities: four digits close together."""
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_NUM_START = r"(?<![\w.+-])"
_NUM_END = r"(?!\w|[.-]?\d|:\d)"
_GLUED_TO_KEY = r"(?<=[^\W\d][._-]|\d_)"
"""Right after a word's dot, underscore or hyphen, glued to a key ("user.123-45-6789",
"user_123-45-6789", "ssn-123-45-6789"), or after a digit's underscore, as generated names join
their parts ("id_9_4111..."); not after a digit's dot or hyphen, as a dotted decimal's,
version's or date's digits are."""
_AREA_CODE_SLASH = r"(?<!/)(?:(?:1[ .-])?[2-9]\d\d ?/ ?(?=(?:[ .-]?\d){7})|0\d{2,4} ?/ ?)"
"""An area code and a slash before the local number, a space on either side or not: NANP's
before its seven digits, led by its country code or not ("415/555-0132", "1-415/555-0132",
"415 / 555-0132"; not a ratio's "250/1000"), or one led by a trunk 0 ("0221/1234567",
"030/901820"); not a day, month or numerator ("12/05", "3/4"), nor a path's part ("/415/").
After a '+'-led country code, the area code has no trunk 0 ("+49 30/901820":
:data:`_AREA_CODE_SLASH_AFTER_PLUS`). The digit-led finder stops at the first digit before the
slash (:data:`_BEFORE_A_SLASH`)."""
_AREA_CODE_SLASH_AFTER_PLUS = r"[1-9]\d{1,4} ?/ ?"
"""An area code and its slash after a '+'-led country code, without the trunk 0 ("+49 30/901820")."""
_PHONE = (
    # Glued to a key only in shapes no version or id has: '+'-led, bracketed or dashed.
    r"(?:" + _NUM_START + r"|" + _GLUED_TO_KEY + r"(?=[+(]|\d{1,4}+-\d))"
    + r"(?:\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?|" + _AREA_CODE_SLASH_AFTER_PLUS + r")?|\(\d{1,5}\)[ .-]?|" + _AREA_CODE_SLASH + r")?"
    + r"\d{1,12}+(?:[ .-]\d{1,8}+){0,6}(?:[ ]?(?:x|ext\.?|\#)[ ]?\d{1,6})?"
    + _NUM_END
    + r"(?!-[A-Z](?!\w))"  # no phone number ends in a hyphen and a capital, as a NIF does ("12.345.678-Z")
)
_STRONG_PHONE = regex.compile(r"[+(]|(?:1|001)?[ .-]?[02-9]\d\d(?!-\d{3} )[ .-]\d{3}[ .-]\d{4}\b|\d[ ]?(?:x|ext)")
"""The shapes a phone number stands alone in: '+'-led or bracketed, NANP-grouped (an area code is
never led by 1, which is the country code: "120 350 2671" and the sum "120+350+2671" are not;
nor grouped "415-555 2671", as a range and a year are: "200-300 2024"), or with an extension."""
_PHONE_WORDS = frozenset(
    "phone telephone tel ph mobile mob cell cellphone fax call dial sms text whatsapp contact reach number"
    " desk office home work landline hotline message messages answering voicemail ring telefon"
    " telefonnummer handy mobil festnetz rufnummer téléphone télephone teléphone tél portable numero"
    " numéro".split()
)
"""Words that say a number after them is a phone number (lower case); "ph" only right before
it (:data:`_PH_RIGHT_BEFORE`)."""
_PH_RIGHT_BEFORE = regex.compile(r"(?<!\w)(?:ph|Ph|PH)(?:\W{1,3}(?i:no)\b)?\W{1,4}$")
"""Phone's abbreviation right before a number ("ph 415...", "Ph. No.: 415..."): not the
chemist's "pH 7.4", nor a "Ph.D." or a "ph" some words before ("ph 7, lot 1234567")."""
_NAME_PHONE_WORDS = frozenset(
    "phone phones telephone telephones tel mobile mobiles mob cell cellphone cellphones fax faxes sms"
    " whatsapp landline landlines hotline voicemail telefon telefonnummer mobil festnetz rufnummer"
    " téléphone".split()
)
"""The phone words that say so as a part of a field name (``phone_number``, ``mobilePhone``,
``tel_no``); the others (number, contact, home, messages...) name many fields that hold no phone."""
_SOFTWARE_WORDS = frozenset("app apps build builds version versions ver release sdk os".split())
"""Words that, after a phone word in a field name, say the field is about the phone's software
(``mobile_build_number``, ``mobile_app_version``), not its number."""
_WORDS_BEFORE = regex.compile(r"(?r)(?:\b(\w++)\W{1,4}+){1,4}")
"""The last four words right before a position, each followed by one to four other
characters: matched backwards from the position, so it is tried at one end only."""
_NAME_PARTS = regex.compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})")
"""The words of a snake_case, camelCase or kebab name (digits dropped)."""


def phone_word_before(text: str, start: int) -> bool:
    """Whether a phone word (:data:`_PHONE_WORDS`), or a field name holding one, is among the
    four words right before ``start`` in ``text`` ("Phone: ", "call me on ", '"phone_number": "')."""
    words = _WORDS_BEFORE.match(text, max(0, start - 60), start)
    if words is None:
        return False
    found = words.captures(1)
    phone_words = _PHONE_WORDS.intersection(map(str.lower, found))
    if phone_words:  # "ph" alone counts only right before the number
        return phone_words != {"ph"} or _PH_RIGHT_BEFORE.search(text, max(0, start - 16), start) is not None
    return any(
        names_a_phone(word)
        for word in found
        if "_" in word or not (word.islower() or word.isupper() or word.istitle())  # snake or camel case
    )


def names_a_phone(key: str) -> bool:
    """Whether the field name ``key`` says its value is a phone number: one of its words is a
    phone word that names fields (``phone``, ``user.mobile``, ``phone_number``, ``contactPhone``;
    not ``gen_ai.input.messages``), and no word after the last one names software
    (``mobile_build_number``, ``mobile_app_version``)."""
    parts = [part.lower() for part in _NAME_PARTS.findall(key)]
    for at in range(len(parts) - 1, -1, -1):
        if parts[at] in _NAME_PHONE_WORDS:
            return _SOFTWARE_WORDS.isdisjoint(parts[at + 1 :])
    return False


_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPELLED_DIGITS = regex.compile(
    r"(?i)\b" + _DIGIT_WORD + r"(?:[ ,-]{1,3}" + _DIGIT_WORD + r"){%d,14}\b" % (FEWEST_PHONE_DIGITS - 1)
)
"""Seven to fifteen digit words in a row, apart by spaces, hyphens or commas (led by a word
boundary, which fails fast inside words: twice as fast as a look-behind for a letter)."""


def spelled_phone_numbers(text: str) -> List[Finding]:
    """The phone numbers spelled out in digit words ("four one five five five five zero one
    three two") in ``text``, which a phone key's value or a phone word stands before. Only
    there: prose counts in digit words too, and a search of every text for them would cost
    the regex engine more than all its other passes together."""
    return [Finding(run.start(), run.end(), "PHONE_NUMBER") for run in _SPELLED_DIGITS.finditer(text)]


_PHONE_AFTER = regex.compile(
    r"[ \t]{0,3}[-(]?[ \t]{0,3}(?i:office|fax|mobile|cell|home|work|phone|tel)\b"
    # "... is my cell", "... is her mobile number": only the words that name nothing but a phone
    r"|[ \t]{1,3}(?i:is|was)[ \t]{1,3}(?:(?i:my|our|his|her|their|the|a)[ \t]{1,3})?(?i:fax|mobile|cell|phone|tel)\b"
)
_VERSION_BEFORE = regex.compile(r"(?i:\bversion|\bver|\brelease|\bv)[ :]{0,2}$|[=<>~!]=$|[\^~@]$")


def _phone_context(text: str, start: int, end: int) -> bool:
    """International, bracketed, NANP or extension formats stand alone; others need a phone word."""
    value = text[start:end]
    if _STRONG_PHONE.match(value):
        return True
    return phone_word_before(text, start) or _PHONE_AFTER.match(text, end) is not None


_KEY_BACK = regex.compile(r"(?r)[\w-]{1,60}+")
"""The key part a number is glued to, read backwards from its glue ("user_phone" in
"user_phone.4155550132")."""


def _glued_to_a_phone_key(text: str, start: int, end: int) -> bool:
    """Whether the key part right before the glue at ``start - 1`` names a phone ("tel.",
    "user.phone."; not "phone.build.": the part is "build")."""
    key = _KEY_BACK.match(text, max(0, start - 61), start - 1)
    return key is not None and names_a_phone(key.group())


def _not_version(text: str, start: int, end: int) -> bool:
    """A dotted quad right after "version", "v" or "==" is a version number, not an address."""
    return not _VERSION_BEFORE.search(text, max(0, start - 10), start)


_SSN = r"\d{3}[- ]\d{2}[- ]\d{4}"
_LINKING_WORDS = r"(?:\W{1,3}(?i:is|was|number|num|no)\b){0,2}\W{0,5}"
"""What may stand between a number's label and the number: "SSN: ", "NHS number ", "ITIN no. is "."""
_LABEL_REACH = 3 * 3 + 2 * 6 + 5 + 1
"""How far before a labelled number its label ends at most (:data:`_LINKING_WORDS`), and one more."""
_LETTER_END = r"(?!\w|[.-]\d)"
"""After a number's letter: no more of a word, nor a separator before more digits (an id's
"20240101-A-001")."""
_FEWEST_DIGITS = r"(?:[ .()-]{0,2}\d){%d}" % (FEWEST_PHONE_DIGITS - 1)
"""After a digit, the rest of the fewest digits a digit-led entity other than a dotted quad has
(a phone number's), at most two separators apart: "1 (415) 555"."""
_BEFORE_A_SLASH = r"[\d .-]{2,7}/ ?\d{3}"
"""After a digit, what an area code's slash has before and after it: the rest of a country or
area code (or both), a slash and a local number's first three digits ("030/901820", "415 / 555",
"1-415/555", "+49 30/901820" from its 4). Not a date's slash ("2024/01/15", "01/15/2024"), nor a
fraction's ("3/4", "16/9")."""
_CARD = r"\d{4}(?:(?:[ -]?\d{2,7}){1,4}|(?:\.\d{4}){3}(?:\.\d{3})?|\.\d{6}\.\d{4,5})"
"""A card number: grouped by spaces or hyphens, or by dots only in the groups cards are printed
in (4-4-4-4, 4-4-4-4-3, 4-6-5, 4-6-4), not the shapes of dotted decimals, versions or addresses."""
_CARD_START = r"(?:" + _NUM_START + r"|" + _GLUED_TO_KEY + r")"
"""Where a card number starts: as other numbers do, or glued to a key ("user.4111...",
"user_4111...", "user-4111...", "id_9_4111..."). The issuer, length and Luhn checks keep an id
("build.20240101", "order_20240101", "build-1234567") out."""

# Tried where the numeric finder stops (a digit, or the '+' or '(' just before it); most specific first.
# Most have a selective gate for Hyperscan: the members a text cannot hold are not tried. A NIF has
# none: each expression Hyperscan could seek it by (digits before a capital) slowed its scan of
# number-dense text by more than trying the NIF at each stop costs.
_NUMERIC_SPECS = (
    # Glued to a key only dashed: "user.123-45-6789", "user_123-45-6789".
    Spec("US_SSN", r"(?:" + _NUM_START + _SSN + r"|" + _GLUED_TO_KEY + r"\d{3}-\d{2}-\d{4})" + _NUM_END, ssn_ok, _DIGIT, selective=_SSN),
    # The digits come first: the look-behind for the label is tried only after nine digits. Up to
    # two linking words may stand between them ("my SSN is 123456789", "SSN no. 123456789").
    Spec(
        "US_SSN",
        r"\d{9}(?!\w)(?<=(?i:\bssn|social security(?: number)?|ss\#)" + _LINKING_WORDS + r"\d{9})",
        ssn_ok,
        _DIGIT,
        selective=r"(?i:ssn|social security|ss\#)",
    ),
    # A US ITIN: an SSN's shape led by the 9 no SSN has (tried only at a 9), or nine digits in a
    # row after its label ("ITIN: 912781234").
    Spec(
        "US_ITIN",
        r"(?:" + _NUM_START + _SSN + _NUM_END + r"|\d{9}(?!\w)(?<=(?i:\bitin|taxpayer identification number)"
        + _LINKING_WORDS + r"\d{9}))",
        itin_ok,
        _DIGIT,
        selective=r"9\d\d[- ]\d\d[- ]\d{4}|(?i:itin|taxpayer identification)",
    ),
    # Checksummed numbers that other numbers' shapes share, a few words after their label only.
    Spec(
        "UK_NHS",
        r"(?<=(?i:\bnhs)" + _LINKING_WORDS + r")\d{3}([ -]?)\d{3}\1\d{4}" + _NUM_END,
        nhs_ok,
        _DIGIT,
        selective=r"(?i:nhs)",
    ),
    Spec(
        "IN_AADHAAR",
        r"(?<=(?i:\baadhaa?r)" + _LINKING_WORDS + r")[2-9]\d{3}([ -]?)\d{4}\1\d{4}" + _NUM_END,
        aadhaar_ok,
        _DIGIT,
        selective=r"(?i:aadhaa?r)",
    ),
    Spec("CREDIT_CARD", _CARD_START + _CARD + _NUM_END, card_ok, _DIGIT, selective=_CARD, fewest_digits=FEWEST_CARD_DIGITS),
    Spec(
        "IP_ADDRESS",
        r"(?<![\w.])" + _OCTET + r"(?:\." + _OCTET + r"){3}(?![\w.]?\d|\w)",
        ipv4_ok,
        _DIGIT,
        _not_version,
        selective=r"\d\.\d{1,3}\.\d{1,3}\.\d",
    ),
    # Letters (two at most) and seven to nine digits, a few words after the word "passport":
    # "passport number: X12345678", "Passport No. 123456789", "passport #C03005988".
    Spec(
        "PASSPORT_NUMBER",
        r"(?<=(?i:passport)[A-Za-z]{0,12}(?:[\W_]{1,4}[A-Za-z]{1,12}){0,3}[\W_]{1,4})"
        r"(?=[A-Za-z0-9]{6,9}(?![A-Za-z0-9]))[A-Za-z]{0,2}\d{7,9}",
        None,
        _DIGIT,
        selective=r"(?i:passport)",
    ),
    # Eleven digits in a row: a birth date and a check digit, that one eleven-digit id in 55 has
    # too. After the cards and addresses (none has eleven digits): a stop that finds one skips it.
    Spec("PL_PESEL", r"(?<=(?i:\bpesel)" + _LINKING_WORDS + r")\d{11}" + _NUM_END, pesel_ok, _DIGIT, selective=r"(?i:pesel)"),
    # A bare run glued to a key only where that key names a phone: "tel.14155550132", "tel_14155550132".
    Spec(
        "PHONE_NUMBER",
        _GLUED_TO_KEY + r"\d{7,15}+" + _NUM_END,
        phone_ok,
        _DIGIT,
        _glued_to_a_phone_key,
        selective=r"[._-]\d{7}",
    ),
    Spec(
        "PHONE_NUMBER",
        _PHONE,
        phone_ok,
        _DIGIT,
        _phone_context,
        selective=r"\d" + _FEWEST_DIGITS + r"|/ ?\d{3}",
        fewest_digits=FEWEST_PHONE_DIGITS,
    ),
    # Spanish NIF and NIE: a NIF's eight digits (or seven), dotted in thousands or not, or a NIE's
    # X, Y or Z and seven digits, then the mod-23 control letter: a NIF's in either case, as users
    # type it ("NIF 12345678z"; the check passes one number glued to a unit letter in 23), a
    # NIE's in capitals as issued. Last: no phone number ends in its letter, and most stops find
    # a phone number or a card first.
    Spec("ES_NIF", _NUM_START + r"(?:\d{7,8}|\d{1,2}\.\d{3}\.\d{3})-?[A-Za-z]" + _LETTER_END, nif_ok, _DIGIT),
    Spec("ES_NIE", _NUM_START + r"[XYZ]-?\d{7}-?[A-Z]" + _LETTER_END, nie_ok, _DIGIT, selective=r"[XYZ]-?\d{7}"),
)
# Where numeric entities start: a digit run beginning as many characters of digits and
# separators as a phone number's fewest digits (or a dotted quad, or an area code's slash), not
# an ISO date. Checks are ordered cheapest first for the regex engine.
_NUMERIC_FINDER_PATTERN = (
    r"\d(?=[\d .()/-]{%d})(?<!\d\d)(?!\d\d\d-\d\d-\d\d(?!\d))" % (FEWEST_PHONE_DIGITS - 1)
    + r"(?:(?=" + _FEWEST_DIGITS + r")|(?=\d{0,2}\.\d{1,3}\.\d{1,3}\.\d)|(?=" + _BEFORE_A_SLASH + r"))"
)


def _ascii_digits(pattern: str) -> str:
    """``pattern`` for text whose only digits are 0-9 (as :meth:`DetectorSet.find` makes them):
    ``regex`` skips to a character of a range far faster than to one of a Unicode category."""
    return pattern.replace(r"[\d", "[0-9").replace(r"\d", "[0-9]").replace(r"\D", "[^0-9]")


_NUMERIC_FINDER = re.compile(_ascii_digits(_NUMERIC_FINDER_PATTERN))  # the stdlib's: 15 % faster here
_OTHER_DIGIT = regex.compile(r"[^\P{Nd}0-9]")
_DIGIT_RUN = regex.compile(r"\d+")
_UPPER_LED_FINDER = regex.compile(r"[A-Z]{2} ?\d\d")
"""Two capitals and two digits, a space apart or not: where the upper-case entities led by
letters are tried (an IBAN from its country code and check digits, a NINO from its prefix, a
fiscal code from its fifth and sixth letters). They share the four digits' gate (one search)
and this finder's search (one more, only where that gate holds)."""
# The letters opening a compact IBAN's token, before its first digit run or a later one; not
# upper case right before the check digits: the IBAN pass's own finder finds those.
_IBAN_HEAD = regex.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]{2}\d\d[A-Za-z0-9]{0,30}|(?![A-Z]{2})[A-Za-z]{2})$")
_SPACED_IBAN_HEAD = regex.compile(r"(?r)(?<![A-Za-z0-9])(?![A-Z]{2})[A-Za-z]{2}\d\d(?:[ -][A-Za-z0-9]{4}){0,7}[ -][A-Za-z0-9]{0,3}")
"""A spaced IBAN's first four characters and its groups up to a digit in one of them, read
backwards from that digit ("gb82 west 1234"); not with an upper-case country code: the IBAN
pass's own finder finds those."""


def _at_phone_start(text: str, spot: int) -> Tuple[int, ...]:
    """A phone number starts at the digit or at a '+' or '(' right before it; the other
    digit-led entities start at the digit."""
    if not spot or text[spot - 1] not in "+(":
        return (spot,)
    return (spot - 1, spot)


def _at_token(text: str, spot: int) -> Tuple[int, ...]:
    """A compact IBAN starts at the letters that open the token holding the digits, a spaced
    one at its country code some groups before ("gb82 west 1234 ...", in lower case)."""
    if not spot:
        return ()
    before = text[spot - 1]
    if before.isalpha():
        head = _IBAN_HEAD.search(text, max(0, spot - 34), spot)
    elif (before == " " or before == "-") and _after_a_lettered_group(text, spot - 1):
        head = _SPACED_IBAN_HEAD.match(text, max(0, spot - 44), spot)
    else:
        return ()
    return (head.start(),) if head else ()


def _after_a_lettered_group(text: str, separator: int) -> bool:
    """Whether what stands right before ``separator`` may end a spaced IBAN's groups where the
    digit-led finder stops in them past its check digits ("gb82 west 1234"): four letters and
    digits, a letter among them, and either the country code and check digits themselves or
    another group of four before them. A group of digits would have been where the finder
    stopped; a stop inside a group led by letters ("ro49 aaaa 1b31 0075") is followed by one
    after it, where the digits before go on to no phone or card. Slice tests, cheaper than
    :data:`_SPACED_IBAN_HEAD`: most numbers after a space follow a word of another length, or
    one after a word of another length ("please call 415 ...")."""
    if separator < 4:
        return False
    group = text[separator - 4 : separator]
    before = text[separator - 5 : separator - 4] if separator > 4 else ""
    if not group.isalnum() or group.isdigit() or before.isalnum():
        return False
    if group[:2].isalpha() and group[2:].isdigit():
        return True
    return (
        (before == " " or before == "-")
        and text[max(0, separator - 9) : separator - 5].isalnum()
        and separator >= 9
        and not text[max(0, separator - 10) : separator - 9].isalnum()
    )


def _after_passport(text: str, spot: int) -> Tuple[int, ...]:
    """A passport number starts at the letters, two at most, that open the token of its digits;
    it is tried only where seven digits in a row follow and the word "passport" stands in
    the characters before, as few as its pattern's look-behind may cover (see :func:`_after_label`)."""
    if not _AT_PASSPORT_DIGITS(text, spot):
        return ()
    start = spot
    while start and spot - start < 2 and text[start - 1].isalpha():
        start -= 1
    return (start,)


def _at_nine(text: str, spot: int) -> Tuple[int, ...]:
    """An ITIN starts at a 9."""
    return (spot,) if text[spot] == "9" else ()


def _at_nif(text: str, spot: int) -> Tuple[int, ...]:
    """A NIF is tried where seven digits in a row start, or a digit or two and a dot (its
    number dotted in thousands)."""
    return (spot,) if text[spot : spot + 7].isdigit() or "." in text[spot + 1 : spot + 3] else ()


def _at_nie(text: str, spot: int) -> Tuple[int, ...]:
    """A NIE starts at the X, Y or Z right before its digits, or before a hyphen before them."""
    if not spot or text[spot - 1] not in "XYZ-":
        return ()
    if text[spot - 1] != "-":
        return (spot - 1,)
    return (spot - 2,) if spot > 1 and text[spot - 2] in "XYZ" else ()


def _after_label(label: str, leading_digits: int, reach: int = 0) -> Callable[[str, int], Tuple[int, ...]]:
    """Where a number is tried that follows its label: at the finder's stop, only where the
    number's first group of ``leading_digits`` digits follows and ``label`` (lower case) stands
    in the ``reach`` characters before it (by default, ending in the :data:`_LABEL_REACH`
    before it), as its pattern's look-behind asks (two slice tests, the first of which most
    stops, at versions, times and dates, fail)."""
    reach = reach or _LABEL_REACH + len(label)

    def after(text: str, spot: int) -> Tuple[int, ...]:
        if not text[spot : spot + leading_digits].isdigit():
            return ()
        return (spot,) if label in text[max(0, spot - reach) : spot].lower() else ()

    return after


_PASSPORT_REACH = 2 + 8 + 12 + 3 * (4 + 12) + 4
"""How far before its digits the word "passport" may stand: two letters of the number, the
word and the letters glued to it, three words, each with up to four characters before it, and
up to four before the number."""
_AT_PASSPORT_DIGITS = _after_label("passport", 7, _PASSPORT_REACH)


def _four_letters_before(text: str, spot: int) -> Tuple[int, ...]:
    """A fiscal code starts four letters before the two that its finder's hit opens with."""
    return (spot - 4,) if spot >= 4 and text[spot - 4 : spot].isalpha() and text[spot + 2 : spot + 3].isdigit() else ()


def _at_local_part(text: str, spot: int) -> Tuple[int, ...]:
    """An e-mail address starts where the run of local-part characters before its '@' does
    (a start inside the run has one of them before it; a run over 64 has no start at all)."""
    run = _LOCAL_PART_BACK.match(text, max(0, spot - 65), spot)
    return (run.start(),) if run is not None and run.end() - run.start() <= 64 else ()


def _before_spaced_at(text: str, spot: int) -> Tuple[int, ...]:
    """An address with spaces around its '@' starts where the run of local-part characters
    before those spaces does."""
    end = spot
    while end and text[end - 1] in " \t":
        end -= 1
    return _at_local_part(text, end) if end < spot else ()


def _before_key_id(text: str, spot: int) -> Tuple[int, ...]:
    """The 40-character runs that end at most 100 characters before the AWS key id at ``spot``,
    nearest first (a farther one may go with an earlier key id)."""
    return tuple([run.start() for run in _AWS_SECRET_RUN.finditer(text, max(0, spot - AWS_SECRET_WINDOW), spot - 1)][::-1])


_AWS_KEY_ID_FINDER = regex.compile(AWS_KEY_ID)
_AWS_SECRET_RUN = re.compile(AWS_SECRET_KEY)  # the stdlib's is 4x faster here
_AT = regex.compile("@")
_LOCAL_PART_BACK = regex.compile(r"(?r)[\w.%+'-]{1,65}")


_COLON_GATE = r":[0-9A-Fa-f]{0,4}:"
"""The gate of IPv6 and colon-separated MAC addresses: a group of at most four hex digits
between colons (one search serves both)."""
_HEX_PAIR = r"[0-9A-Fa-f]{2}"
_MAC_END = r"(?!\w|[:.-][0-9A-Fa-f])"
"""After a MAC address: no more of a word, nor of an address or a number."""
_MAC_SPECS = (
    # Six pairs apart by colons, not inside an IPv6 address (no group or "::" right before it,
    # no group after it: "fe80::00:1a:2b:3c:4d:5e") nor a time ("12:34:56" has three). The
    # IPv6 address's gate, on Hyperscan too (one more expression slowed its scan).
    Spec(
        "MAC_ADDRESS",
        r"(?<![\w.-]|::|(?<!\w)[0-9A-Fa-f]{1,4}:)" + _HEX_PAIR + r"(?::" + _HEX_PAIR + r"){5}" + _MAC_END,
        mac_ok,
        _COLON_GATE,
        needs=":",
    ),
    # Apart by hyphens (Windows writes them so): two pairs between hyphens, which no date, phone
    # number or UUID has, and the gate of keys after a prefix ending in '-' (one search for both).
    Spec(
        "MAC_ADDRESS",
        r"(?<![\w.:-])" + _HEX_PAIR + r"(?:-" + _HEX_PAIR + r"){5}" + _MAC_END,
        mac_ok,
        HYPHEN_GATE,
        needs="-",
        selective=r"-" + _HEX_PAIR + r"-" + _HEX_PAIR + r"-",
    ),
)
_CRYPTO_SPECS = (
    # A Bitcoin segwit address (BIP-173, BIP-350: "bc1q...", taproot "bc1p..."), in one case, its
    # checksum the validator's. Not the legacy Base58 ones ('1...', '3...'): no literal leads
    # them, and a search of every text for their shape costs the regex engine 3 to 13 us in 4 KB.
    Spec(
        "CRYPTO",
        # Led by its literal, which the regex engine skips to; the Bech32 characters (no 1, b, i, o).
        r"(?i:bc1)(?<![A-Za-z0-9](?i:bc1))[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}+(?![A-Za-z0-9])",
        segwit_address_ok,
        BEARER_BASIC_GATE,
        selective=r"(?i:bc1)",
    ),
)
_EMAIL_DOMAIN = r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}(?![\w-]|\.[^\W_])"
"""An e-mail address's domain, from after its '@' (written as '@' or as '%40')."""
_EMAIL_SPEC = Spec(
    "EMAIL_ADDRESS",
    r"(?<![\w.%+'-]|://[^\s/@]{0,256})[\w%+'-](?:[\w.%+'-]{0,62}[\w%+'-])?@" + _EMAIL_DOMAIN,
    None,
    r"@",
    needs="@",
)
_SPELLED_DOT = r"(?:[ \t]+(?:dot|DOT)[ \t]+|[ \t]*[\[({<][ \t]?(?i:dot)[ \t]?[\])}>][ \t]*|[ \t]+\.[ \t]+)"
"""A domain's dot written to dodge scrapers: the word ("dot", "DOT"), the word in brackets
("[dot]", "(dot)"), or a dot with spaces around it (" . ")."""
_COMMON_TLD = r"(?i:com|net|org|edu|gov|mil|int|info|biz|io|co|ai|app|dev|uk|de|fr|es|nl|ch|se|dk|fi|pl|pt|ie|ca|au|nz|jp|cn|br|mx|ru|eu|xyz)"
"""The top-level domains an address written to dodge scrapers is read with: the common ones, not
those that are English words ("at", "in", "is", "to", "me"...)."""
_SPACED_AT_EMAIL_SPEC = Spec(
    "EMAIL_ADDRESS",
    # "bob @ example . com", "bob @ example dot com": spaces around the '@' and the domain's dots
    # written so; not "q @ k.to", a matrix product.
    r"(?<![\w.%+'-])[\w%+'-](?:[\w.%+'-]{0,62}[\w%+'-])?[ \t]+@[ \t]+"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?" + _SPELLED_DOT + r"){1,3}" + _COMMON_TLD + r"(?![\w-])",
    None,
    r"@",
    needs="@",
)
_PII_SPECS = (
    _EMAIL_SPEC,
    _SPACED_AT_EMAIL_SPEC,
    # Percent-encoded in a URL or form body ("?email=jane.roe%40example.com"); the local part may
    # hold other escapes ("%2B" for '+').
    Spec(
        "EMAIL_ADDRESS",
        r"(?<![\w.%+'-])(?:[\w+'-]|%[0-9A-Fa-f]{2})(?:[\w.+'-]|%[0-9A-Fa-f]{2}){0,62}%40" + _EMAIL_DOMAIN,
        None,
        "%40",
        needs="%",
    ),
    Spec(
        "IP_ADDRESS",
        # Ends in a group, an IPv4 suffix or "::", never in a lone ':', so that an address
        # followed by ':' ("fe80::1: refused", a "host: message") is matched without it.
        r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:[0-9A-Fa-f]{1,4}|" + _OCTET + r"(?:\." + _OCTET
        + r"){3}|(?<=(?<!:)::))(?:%[\w.]+)?(?!\w|[:.][0-9A-Fa-f])",
        ipv6_ok,
        _COLON_GATE,
        needs=":",
    ),
)


def _spaced_iban_groups() -> str:
    """The groups after a spaced IBAN's first four characters: as many as its country's length
    asks for, so that a short upper-case word after it ("... 7034 OK") is not read as a group."""
    by_length: Dict[int, List[str]] = {}
    for country, length in sorted(iban_lengths().items()):
        by_length.setdefault(length, []).append(country)
    branches = []
    for length, countries in sorted(by_length.items()):
        groups, rest = divmod(length - 4, 4)
        last = f"[ -][A-Za-z0-9]{{{rest}}}" if rest else ""
        branches.append(f"(?<=(?i:{'|'.join(countries)})\\d\\d)(?:[ -][A-Za-z0-9]{{4}}){{{groups}}}{last}")
    return "|".join(branches)


_IBAN_SPEC = Spec(
    "IBAN_CODE",
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|"
    # Spaced groups in either case ("gb82 west 1234 ..."): as many as the country's length asks
    # for, and the mod-97 check, keep words after the number out.
    + _spaced_iban_groups()
    + r")(?![A-Za-z0-9])",
    iban_ok,
    _DIGIT,
    # The check digits, then eleven characters or the groups of the shortest IBAN (Hyperscan is
    # slow on "[A-Za-z]{2}"); three groups, as one lower-case group is any "10 with".
    selective=r"\d\d(?:[A-Za-z0-9]{11}|[ -][A-Za-z0-9]{4}[ -][A-Za-z0-9]{4}[ -][A-Za-z0-9]{3})",
)

# Upper-case national numbers led by letters, found from the IBAN's finder. No selective gate
# for Hyperscan (each one tried slowed its scan of number-dense text by up to 0.5 ms per MB):
# their pass runs where four digits stand close together, as on the regex engine.
_UK_NINO_SPEC = Spec(
    "UK_NINO",
    # HMRC's prefixes (no D, F, I, Q, U or V, no O second, none of the seven never issued), six
    # digits, in spaced pairs or not, and the suffix A to D.
    r"(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?(?:\d{6}|\d\d \d\d \d\d) ?[A-D](?![A-Za-z0-9])",
    None,
    _DIGIT,
)
_IT_FISCAL_CODE_SPEC = Spec(
    "IT_FISCAL_CODE",
    # Surname and name (consonants, then vowels, then X), year, month letter, day (plus 40 for
    # women), place code (never 000) and check letter; a place code's digits may be letters
    # (omocodia: the first three substitutions, from the right; a fourth is all but unheard of).
    r"(?<![A-Za-z0-9])(?:[A-Z][AEIOU][AEIOUX]|[AEIOU]X{2}|[B-DF-HJ-NP-TV-Z]{2}[A-Z]){2}"
    r"\d\d[A-EHLMPR-T](?:[04][1-9]|[1256]\d|[37][01])"
    r"(?:[A-MZ][1-9MNP-V][\dLMNP-V]{2}|[A-M][0L](?:[1-9MNP-V][\dLMNP-V]|[0L][1-9MNP-V]))[A-Z](?![A-Za-z0-9])",
    fiscal_code_ok,
    _DIGIT,  # the year's and the day's digits are four close together
)

_BUILTIN_SPECS: Tuple[Spec, ...] = SECRET_SPECS + _PII_SPECS + _MAC_SPECS + _CRYPTO_SPECS + (_IBAN_SPEC, _UK_NINO_SPEC, _IT_FISCAL_CODE_SPEC) + _NUMERIC_SPECS

BUILTIN_ENTITIES: Tuple[str, ...] = tuple(dict.fromkeys(spec.entity for spec in _BUILTIN_SPECS))
"""Every built-in entity name."""

SHORT = 32_768
"""Texts up to this length are checked against every gate; longer ones only against the quick
gates (see :func:`_quick_gate`: other gates cost about as much as their pass on a long text),
and for the characters their passes need."""
_TINY = 64
"""Up to this length one stdlib search of all gates at once beats a search per gate."""


_FOUR_DIGITS = regex.compile(_ascii_digits(_DIGIT))
"""The gate of the digit-led passes: four digits, at most three other characters apart
(the fewest of any digit-led entity: a dotted quad), in text whose digits are 0-9."""


class _Member(NamedTuple):
    """A detector in a pass, with its priority on ties, context check and start positions."""

    priority: int
    detector: Detector
    match: Callable[..., Any]
    """The detector's pattern's ``match``, looked up once: an anchored pass tries it at each hit."""
    context: Optional[Callable[[str, int, int], bool]] = None
    starts: Optional[Callable[[str, int], Tuple[int, ...]]] = None
    """Where, given a finder hit, the detector's pattern is tried."""
    selective: str = ""
    """The spec's selective gate (Hyperscan only): without a match the member is not tried."""
    fewest_digits: int = 0
    """The fewest digits its validator accepts, if a match it rejects is tried again ending
    at an earlier group (0: it is not)."""


class _Pass(NamedTuple):
    """One scan: the pattern's matches are findings, or, with ``anchored``, hits to try members at."""

    pattern: Any
    members: Tuple[_Member, ...]
    anchored: bool = False
    gate: Any = None
    """Found in every text where the pass can find something: a substring, a tuple of
    lower-case words (one occurs in the case-folded text), or a compiled pattern."""
    needs: FrozenSet[str] = frozenset()
    """Characters every match contains."""


class _GateGroup(NamedTuple):
    """Passes that share a gate, and whether it is quick (see :func:`_quick_gate`)."""

    gate: Any
    quick: bool
    passes: List[_Pass]
    words: Optional[Callable[[str], Any]] = None
    """For a gate of several case-folded words, one search of them all in the folded text: half
    the time of an ``in`` per word on a long text."""


_BUILTINS = tuple(Detector(spec.entity, spec.pattern, spec.validator) for spec in _BUILTIN_SPECS)


class _Finder(NamedTuple):
    """How the pass of an entity found from a finder of its own starts. Entities that share a
    finder (and so its gate) are the members of one pass, tried at each of its hits in turn."""

    pattern: Any
    """Its hits are where the entity's pattern is tried."""
    starts: Optional[Callable[[str, int], Tuple[int, ...]]]
    """Where, given a hit, the pattern is tried (None: at the hit)."""


_OWN_FINDERS: Dict[Spec, _Finder] = {
    _EMAIL_SPEC: _Finder(_AT, _at_local_part),  # e-mail: from each '@', not tried at every word
    _SPACED_AT_EMAIL_SPEC: _Finder(_AT, _before_spaced_at),  # the same pass: tried where the first fails
    _IBAN_SPEC: _Finder(_UPPER_LED_FINDER, None),  # upper case, from country and check digits
    _UK_NINO_SPEC: _Finder(_UPPER_LED_FINDER, None),
    _IT_FISCAL_CODE_SPEC: _Finder(_UPPER_LED_FINDER, _four_letters_before),
    AWS_SECRET_BEFORE_ITS_KEY_ID: _Finder(_AWS_KEY_ID_FINDER, _before_key_id),  # from each key id back
}
_STARTS_BY_ENTITY: Dict[str, Callable[[str, int], Tuple[int, ...]]] = {
    "PHONE_NUMBER": _at_phone_start,
    "PASSPORT_NUMBER": _after_passport,
    "US_ITIN": _at_nine,
    "UK_NHS": _after_label("nhs", 3),
    "IN_AADHAAR": _after_label("aadha", 4),
    "PL_PESEL": _after_label("pesel", 11),
    "ES_NIF": _at_nif,
    "ES_NIE": _at_nie,
}
_NUMERIC_STARTS: Dict[Spec, Optional[Callable[[str, int], Tuple[int, ...]]]] = {
    _IBAN_SPEC: _at_token,  # compact IBANs, also by their digits, from the token's letters
    **{spec: _STARTS_BY_ENTITY.get(spec.entity) for spec in _NUMERIC_SPECS},
}
"""The members of the one digit-led pass, most specific first, and where each is tried."""


def check_timeout(timeout: Optional[float]) -> Optional[float]:
    """``timeout`` if it is None (no limit) or a positive number of seconds, else a ValueError."""
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")
    return timeout


class DetectorSet:
    """A selection of built-in and extra detectors that finds sensitive values in text."""

    def __init__(
        self,
        entities: Optional[Iterable[str]] = None,
        *,
        exclude: Iterable[str] = (),
        extra: Iterable[Detector] = (),
        timeout: Optional[float] = None,
    ) -> None:
        extras = tuple(extra)
        for detector in extras:
            if not isinstance(detector, Detector):
                raise TypeError(f"extra detectors must be Detector, got {type(detector).__name__}")
        valid = BUILTIN_ENTITIES + tuple(d.entity for d in extras if d.entity not in BUILTIN_ENTITIES)
        chosen = frozenset(BUILTIN_ENTITIES if entities is None else entities)
        excluded = frozenset(exclude)
        unknown = sorted((chosen | excluded) - set(valid))
        if unknown:
            raise ValueError(f"unknown entity name(s) {unknown}; valid names: {', '.join(valid)}")
        self.timeout = check_timeout(timeout)
        # Priority on overlaps of equal length: extras first, then built-ins in declaration order.
        self._always = [_Pass(d._compiled, (_member(i, d),)) for i, d in enumerate(extras) if d.entity not in excluded]
        wanted = {
            spec: (index, detector)
            for index, (spec, detector) in enumerate(zip(_BUILTIN_SPECS, _BUILTINS), start=len(extras))
            if spec.entity in chosen and spec.entity not in excluded
        }
        self._passes: List[_Pass] = []
        by_finder: Dict[Any, int] = {}
        """Where the pass of each own finder is in the passes."""
        for spec, (index, detector) in wanted.items():
            own = _OWN_FINDERS.get(spec)
            if own is None and spec in _NUMERIC_STARTS:
                continue  # only a member of the digit-led pass below (IBAN is both)
            pattern, starts = (detector._compiled, None) if own is None else (own.pattern, own.starts)
            member = _member(index, detector, spec.context, starts, spec.selective, spec.fewest_digits)
            at = by_finder.get(own.pattern) if own is not None else None
            if at is not None:  # one more entity from a finder: one more member of its pass
                self._passes[at] = self._passes[at]._replace(members=self._passes[at].members + (member,))
                continue
            if own is not None:
                by_finder[own.pattern] = len(self._passes)
            self._passes.append(_Pass(pattern, (member,), own is not None, _gate(spec.gate), frozenset(spec.needs)))
        numeric = tuple(
            _member(*wanted[spec], spec.context, starts, spec.selective, spec.fewest_digits)
            for spec, starts in _NUMERIC_STARTS.items()
            if spec in wanted
        )
        if numeric:
            self._passes.append(_Pass(_NUMERIC_FINDER, numeric, True, _gate(_DIGIT)))
        self._needed = frozenset().union(*(scan.needs for scan in self._passes))
        self._by_present: Dict[FrozenSet[str], List[_GateGroup]] = {}
        """At most one entry per subset of the few needed characters."""
        # Every match of a built-in contains a match of its gate: no gate match, no built-in pass.
        # The stdlib engine runs this short alternation faster than ``regex``.
        gates = sorted({led for scan in self._passes for led in _literal_led(scan.gate)})
        self._gate = re.compile("|".join(gates)) if gates else None
        self._scanned = _ScannedGates.build(self._passes) if gates else None
        """All gates in one pass (the optional Hyperscan engine), for texts of any length."""
        self.entities = frozenset(m.detector.entity for p in self._always + self._passes for m in p.members)

    def find(self, text: str) -> List[Finding]:
        """Validated findings in ``text``, sorted by start and non-overlapping."""
        if not text.isascii():  # the common case pays no call
            text = plain_characters(text)
        encoded = _holds_encoded_number(text)
        passes = self._always + self._gated(text)
        if not passes and not encoded:
            return []
        # Built-ins take milliseconds at most on a short text, and a time limit costs the regex
        # engine a microsecond per call: it applies to long texts and to user patterns.
        timeout, deadline = self.timeout, None
        if timeout is not None and (len(text) > SHORT or self._always):
            deadline = time.perf_counter() + timeout
        found: List[_Found] = []
        _scan_all(passes, text, found, deadline)
        if encoded:  # the same passes over the text decoded, their findings mapped back
            decoded = _Decoded(text)
            if decoded.text != text:  # not only other characters' UTF-8 bytes
                found_decoded: List[_Found] = []
                _scan_all(self._always + self._gated(decoded.text), decoded.text, found_decoded, deadline)
                found.extend(map(decoded.original, found_decoded))
        return _resolve(found, text)

    def _gated(self, text: str) -> List[_Pass]:
        """The built-in passes that may find something in ``text``: those whose needed
        characters it holds and whose gate it holds (the gates checked in one Hyperscan pass
        when that engine is installed; else by Python, past :data:`SHORT` characters only
        quick gates)."""
        if self._gate is None:
            return []
        if self._scanned is not None:
            return self._scanned.select(text)
        if len(text) < _TINY and not self._gate.search(text):
            return []
        candidates = self._candidates(self._present(text))
        long = len(text) > SHORT
        chosen: List[_Pass] = []
        folded = None
        for gate, quick, passes, words in candidates:
            if long and not quick:
                hit = True
            elif gate.__class__ is str:
                hit = gate in text
            elif gate.__class__ is tuple:
                if folded is None:
                    folded = text.lower() if text.isascii() else text.casefold()
                hit = gate[0] in folded if words is None else words(folded) is not None
            else:
                hit = gate.search(text) is not None
            if hit:
                chosen.extend(passes)
        return chosen

    def _present(self, text: str) -> FrozenSet[str]:
        """The needed characters that ``text`` holds (a memchr each)."""
        return frozenset([char for char in self._needed if char in text])

    def _candidates(self, present: FrozenSet[str]) -> List[_GateGroup]:
        """The passes whose needed characters are all ``present``, grouped by gate so that a
        gate they share is checked once (one list per set of present characters)."""
        groups = self._by_present.get(present)
        if groups is None:
            by_gate: Dict[Any, _GateGroup] = {}
            for scan in self._passes:
                if scan.needs <= present:
                    group = _GateGroup(scan.gate, _quick_gate(scan.gate), [], _words_search(scan.gate))
                    by_gate.setdefault(scan.gate, group).passes.append(scan)
            groups = self._by_present[present] = list(by_gate.values())
        return groups

    def __repr__(self) -> str:
        return f"DetectorSet({sorted(self.entities)!r}, timeout={self.timeout!r})"


class _ScannedGates:
    """The gates Hyperscan checks in one pass over a text: each pass's gate and its members'
    selective gates. A pass runs where its gate is found and the text holds its needed
    characters, with the members whose selective gate is found (or that have none).

    Needed characters (``-``, ``.``, ``:``) are in most texts: checked by Hyperscan, each would
    cost a Python callback per text; checked with ``in`` after the gate, almost never."""

    _CACHED = 1024
    """Results remembered (one per combination of gates found)."""

    def __init__(self, scanner: GateScanner, passes: Sequence[_Pass], gate_bits: List[int], member_bits: List[List[int]]) -> None:
        self._scanner = scanner
        self._passes = passes
        self._gate_bits = gate_bits
        self._member_bits = member_bits
        self._by_mask: Dict[int, Tuple[List[_Pass], FrozenSet[str]]] = {}

    @classmethod
    def build(cls, passes: Sequence[_Pass]) -> Optional["_ScannedGates"]:
        """The gates of ``passes`` compiled, or None without the Hyperscan engine."""
        expressions: Dict[str, int] = {}

        def bit(expression: str) -> int:
            return 1 << expressions.setdefault(expression, len(expressions))

        member_bits = [[bit(m.selective) if m.selective else 0 for m in scan.members] for scan in passes]
        # A pass whose members all have a selective gate can find something only where one of
        # them is found (every finding holds its member's): its own gate is left out of the database.
        gate_bits = [
            functools.reduce(operator.or_, bits) if all(bits) else bit(_gate_pattern(scan.gate))
            for scan, bits in zip(passes, member_bits)
        ]
        scanner = gate_scanner(list(expressions))
        return None if scanner is None else cls(scanner, passes, gate_bits, member_bits)

    def select(self, text: str) -> List[_Pass]:
        """The passes that may find something in ``text``, with the members worth trying."""
        mask = self._scanner.hits(text)
        known = self._by_mask.get(mask)
        if known is None:
            if len(self._by_mask) >= self._CACHED:
                self._by_mask.clear()
            chosen = self._chosen(mask)
            known = self._by_mask[mask] = (chosen, frozenset().union(*(scan.needs for scan in chosen)))
        chosen, needed = known
        if needed:  # each needed character sought once, as DetectorSet._present does
            present = frozenset([char for char in needed if char in text])
            return [scan for scan in chosen if scan.needs <= present]
        return chosen

    def _chosen(self, mask: int) -> List[_Pass]:
        chosen = []
        for scan, gate_bit, bits in zip(self._passes, self._gate_bits, self._member_bits):
            if not mask & gate_bit:
                continue
            members = tuple(member for member, bit in zip(scan.members, bits) if not bit or mask & bit)
            if len(members) == len(scan.members):
                chosen.append(scan)
            elif members:
                chosen.append(scan._replace(members=members))
        return chosen


_Found = Tuple[int, int, int, str]

_SEPARATOR_LOOKALIKES = tuple(
    # no-break, en to hair, narrow no-break, medium mathematical, ideographic and zero-width spaces, word joiner, BOM
    [(char, " ") for char in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200b\u2060\ufeff"]
    # hyphen, no-break hyphen, figure dash, en and em dashes, minus sign, small and fullwidth hyphen-minus, soft hyphen
    + [(char, "-") for char in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d\u00ad"]
    # fullwidth full stop, brackets and plus sign, typed with fullwidth digits ("\uff08\uff14\uff11\uff15\uff09 ...")
    + [("\uff0e", "."), ("\uff08", "("), ("\uff09", ")"), ("\uff0b", "+")]
    # fullwidth at sign, typed with the fullwidth dots of an e-mail address ("jane\uff0edoe\uff20example\uff0ecom")
    + [("\uff20", "@")]
)
"""The spaces, hyphens, dots, brackets, plus and at signs that look like ASCII ones and that text
from LLMs, word processors and CJK input methods puts inside numbers and e-mail addresses
("415\u2011555\u20112671", "4111\u00a01111...", "jane\uff20example\uff0ecom"), with the ASCII
character the patterns know."""


def plain_separators(text: str) -> str:
    """``text`` with look-alike spaces, hyphens, dots, brackets, plus and at signs made ASCII:
    one character for one, so the findings' positions hold in the text as given."""
    for char, plain in _SEPARATOR_LOOKALIKES:
        if char in text:
            text = text.replace(char, plain)
    return text


def plain_characters(text: str) -> str:
    """``text`` as the patterns read it: look-alike separators (:func:`plain_separators`) and
    other scripts' digits (:func:`plain_digits`) made ASCII, one character for one."""
    return text if text.isascii() else plain_digits(plain_separators(text))


def plain_digits(text: str) -> str:
    """``text`` with the digits of every script (fullwidth "\uff14\uff11\uff15", Arabic-Indic
    "\u0664\u0661\u0665") made ASCII, one for one: the patterns and validators know 0-9 only,
    and the findings' positions hold in the text as given."""
    return _OTHER_DIGIT.sub(_ascii_digit, text)  # the text itself where it has none


def _ascii_digit(digit: Any) -> str:
    return _digit_values()[digit.group()]


@functools.lru_cache(maxsize=None)
def _digit_values() -> Dict[str, str]:
    """Every non-ASCII character ``regex`` reads as a digit, to its ASCII digit: Unicode encodes
    decimal digits in runs from 0 to 9. Built on the first text that needs it (0.1 s)."""
    every = "".join(map(chr, range(0x80, 0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    values: Dict[str, str] = {}
    for run in regex.finditer(r"\d+", every):
        for offset, digit in enumerate(run.group()):
            values[digit] = "0123456789"[offset % 10]
    return values


_ENCODED_ESCAPE = re.compile(r"%(?:2[0BbDd89](?:(?<=\d%2.)|(?=\d))|3[0-9]|[C-Fc-f][0-9A-Fa-f]%[89ABab])")
"""A number's space, '+', '-' or bracket percent-encoded next to one of its digits ("%2B1%20415",
"415%2D555"), a digit percent-encoded ("%34%31"), or any character percent-encoded as UTF-8
bytes, as a digit of another script is ("%EF%BC%94" for a fullwidth 4). Encoders leave '.' as it is."""
_FORM_SPACES = re.compile(r"\+(?:(?<=[A-Za-z]\+)(?=\d{3})|(?<=\d\+)(?=\d+\+\d))")
"""Spaces written '+' in a form body: between a word and a number of three digits or more
("call+me+at+415-555-2671"), or between three groups of digits ("415+555+2671"; a time zone
"00:00+01:00" has one '+')."""
def _holds_encoded_number(text: str) -> bool:
    """Whether ``text`` may hold a number written as URLs and form bodies write it. Each pattern
    is led by a literal, which the stdlib skips to fast (one alternation of both is 10x slower
    on long text), and sought only after a memchr finds its first character."""
    return ("%" in text and _ENCODED_ESCAPE.search(text) is not None) or (
        "+" in text and _FORM_SPACES.search(text) is not None
    )


_ENCODED_NUMBER_PART = re.compile(
    r"%(?:2[0BbDd89]|3[0-9]"
    # A character as UTF-8 bytes: a lead byte and as many continuation bytes as it announces.
    r"|[CDcd][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|[Ee][0-9A-Fa-f](?:%[89ABab][0-9A-Fa-f]){2}|[Ff][0-7](?:%[89ABab][0-9A-Fa-f]){3})"
    r"|\+(?:(?<=\w\+)(?=\d)|(?<=\d\+)(?=\w))"
)
"""What may write a number's digit or separator in a URL or form body: a percent-encoded
separator or digit, a character as UTF-8 bytes, or a form's '+' for a space next to a digit.
Each branch is led by a literal, which the stdlib skips to fast."""
_DECODED_SEPARATOR = {"%20": " ", "%2B": "+", "%2D": "-", "%28": "(", "%29": ")", "+": " "}
_NUMBER_CHARACTERS = frozenset("0123456789 +-().")


@functools.lru_cache(maxsize=4096)
def _decoded_part(escape: str) -> Optional[str]:
    """The ASCII digit or separator that ``escape`` (a match of :data:`_ENCODED_NUMBER_PART`)
    writes, its look-alikes and other scripts' digits made ASCII; None for any other character.
    Remembered: a text's escapes repeat, and so do a language's in URLs."""
    separator = _DECODED_SEPARATOR.get(escape.upper())
    if separator is not None:
        return separator
    try:
        char = bytes.fromhex(escape.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return None
    plain = plain_characters(char)
    return plain if plain in _NUMBER_CHARACTERS else None


class _Decoded:
    """``text`` with the digits, spaces, '+', '-' and brackets that numbers hold decoded where
    percent-encoded (a digit of any script, or a look-alike separator, as its UTF-8 bytes too),
    and '+' between digits read as a space, as URLs and form bodies write them; with the way
    back to positions in ``text``, where a finding covers the whole encoded run."""

    def __init__(self, text: str) -> None:
        pieces: List[str] = []
        self._ends: List[int] = []
        """Where each decoded separator ends in the decoded text."""
        self._saved: List[int] = []
        """The characters decoding has saved up to and with each of them."""
        last = saved = 0
        for escape in _ENCODED_NUMBER_PART.finditer(text):
            plain = _decoded_part(escape.group())
            if plain is None:
                continue
            start, end = escape.span()
            pieces += (text[last:start], plain)
            saved += end - start - 1
            self._ends.append(end - saved)
            self._saved.append(saved)
            last = end
        pieces.append(text[last:])
        self.text = "".join(pieces)

    def original(self, found: _Found) -> _Found:
        """``found`` in the decoded text, as the span of ``text`` it was decoded from."""
        start, end, priority, entity = found
        return (self._in_text(start), self._in_text(end), priority, entity)

    def _in_text(self, position: int) -> int:
        before = bisect.bisect_right(self._ends, position)
        return position + self._saved[before - 1] if before else position


_NUMBER_ENTITIES = frozenset({"CREDIT_CARD", "PHONE_NUMBER", "US_SSN", "IBAN_CODE"})
"""The entities whose values hold the digits, spaces, '+', '-' and brackets that the decoded pass reads
decoded (not an IP address: '.' is never encoded, and an IPv6 zone may hold '%')."""


def value_as_read(value: str, entity: str) -> str:
    """``value`` (a finding's text) as the detectors read it, for the strategies: look-alike
    separators and other scripts' digits made ASCII, a number's encoded separators and an
    e-mail address's escapes decoded. The same card written "4111 1111...", fullwidth or
    "4111%201111..." gets one pseudonym, as does "jane%40example.com" with "jane@example.com",
    and a mask shows no escape. A number the plain pass found holds no encoded separator
    (its '+' leads it), and an address it found holds its '@' (or a fullwidth one), so the
    value alone tells which to decode."""
    if entity == "EMAIL_ADDRESS" and "%" in value and "@" not in value and "\uff20" not in value:
        value = unquote(value)
    value = plain_characters(value)
    if entity in _NUMBER_ENTITIES and ("%" in value or "+" in value) and _ENCODED_NUMBER_PART.search(value):
        value = _Decoded(value).text
    return value


def time_left(deadline: Optional[float]) -> Optional[float]:
    """Seconds left until ``deadline`` (None: no limit); a TimeoutError once it has passed."""
    if deadline is None:
        return None
    left = deadline - time.perf_counter()
    if left <= 0:
        raise TimeoutError("detector time limit exceeded")
    return left


_CONTEXT_REJECTED: Tuple[()] = ()
"""What :func:`_accept` answers when only the context check rejected a match (falsy)."""


def _accept(member: _Member, match: Any) -> Union[_Found, Tuple[()], None]:
    """The finding for ``match`` if its value passes the member's validator and context check;
    :data:`_CONTEXT_REJECTED` if only the context check failed, else None."""
    priority, detector, context = member.priority, member.detector, member.context
    start, end = match.span("value") if "value" in match.re.groupindex else match.span()
    if start < 0:
        start, end = match.span()
    if start == end:
        return None
    if detector.validator is not None and not detector.validator(match.string[start:end]):
        return None
    if context is not None and not context(match.string, start, end):
        return _CONTEXT_REJECTED
    return (start, end, priority, detector.entity)


def _scan(scan: _Pass, text: str, found: List[_Found], deadline: Optional[float]) -> None:
    member = scan.members[0]
    for match in scan.pattern.finditer(text, timeout=time_left(deadline)):
        finding = _accept(member, match)
        if finding:
            found.append(finding)


def _scan_all(passes: List[_Pass], text: str, found: List[_Found], deadline: Optional[float]) -> None:
    """Add the findings of each of ``passes`` in ``text`` to ``found``."""
    for scan in passes:
        if scan.anchored:
            _scan_anchored(scan.pattern, scan.members, text, found, deadline)
        else:
            _scan(scan, text, found, deadline)


def _member(priority: int, detector: Detector, *options: Any) -> _Member:
    """A :class:`_Member` (``options``: its fields after ``match``) with its detector's
    ``match`` looked up once."""
    return _Member(priority, detector, detector._compiled.match, *options)


def _scan_anchored(finder: Any, members: Tuple[_Member, ...], text: str, found: List[_Found], deadline: Optional[float]) -> None:
    """Try the members, most specific first, where the finder stops; skip what a finding covers."""
    search = finder.search if deadline is None else _timed_search(finder, deadline)
    pos = 0
    earlier: Optional[_ClosedFindings] = None
    while True:
        hit = search(text, pos)
        if hit is None:
            return
        spot = hit.start()
        if spot > 1 and text[spot - 1] == " " and text[spot - 2].isdigit() and text[spot].isdigit():
            if earlier is None:
                earlier = _ClosedFindings(found, text)
            if earlier.cover(spot):
                pos = _past_digits(text, spot)
                continue
        finding = None
        for member in members:
            match_at, starts = member.match, member.starts
            for start in (spot,) if starts is None else starts(text, spot):
                match = match_at(text, start) if deadline is None else match_at(text, start, timeout=time_left(deadline))
                finding = match and _accept(member, match)
                if finding is None and match and member.fewest_digits:
                    match, finding = _shorter(member, match, deadline)
                if finding:
                    break
            if finding:
                found.append(finding)
                pos = max(match.end(), spot + 1)  # on, even past a match that starts before the hit
                break
        else:
            pos = _past_digits(text, spot)


def _timed_search(finder: Any, deadline: float) -> Callable[[str, int], Any]:
    """``finder.search`` held to ``deadline``: given the time left (``regex``), or with the time
    checked before each search (a stdlib finder, which takes no limit: its lookarounds are
    bounded, so one search is linear in the text)."""
    if isinstance(finder, re.Pattern):

        def checked(text: str, pos: int) -> Any:
            time_left(deadline)
            return finder.search(text, pos)

        return checked
    return lambda text, pos: finder.search(text, pos, timeout=time_left(deadline))


def _past_digits(text: str, spot: int) -> int:
    """Where the finder goes on after a hit where nothing was found: past the whole digit run,
    else one character."""
    run = _DIGIT_RUN.match(text, spot) if text[spot].isdigit() else None
    return run.end() if run is not None else spot + 1


def _shorter(member: _Member, match: Any, deadline: Optional[float]) -> Tuple[Any, Optional[_Found]]:
    """The longest match of ``member`` from where ``match`` starts, ending at a space between
    two of its groups, that its validator and context accept (``match`` the validator
    rejected: the pattern ran on into a number after it, "4111 1111 1111 1111 12 months").
    A match cut at a space sees the same look-ahead as in the whole text: none of
    :data:`_NUM_END`'s checks can pass on a space that fails at the end."""
    text, start, cut = match.string, match.start(), match.end()
    while True:
        cut = text.rfind(" ", start, cut)
        if cut <= start or sum(map(str.isdigit, text[start:cut])) < member.fewest_digits:
            return None, None
        if not text[cut - 1].isdigit():
            continue
        shorter = member.match(text, start, cut) if deadline is None else member.match(text, start, cut, timeout=time_left(deadline))
        finding = shorter and _accept(member, shorter)
        if finding:
            return shorter, finding


class _ClosedFindings:
    """The findings made before a digit-led pass that no more of a number follows, asked, at
    positions that only grow, whether one covers a position. A number starting after a digit
    and a space inside one is shorter than it, and :func:`_resolve` keeps every part of a
    finding that loses an overlap, so trying that number could not redact anything more."""

    def __init__(self, found: List[_Found], text: str) -> None:
        self._spans = sorted((start, end) for start, end, _, _ in found if not _NUMBER_GOES_ON.match(text, end))
        self._next = 0
        self._reach = 0

    def cover(self, spot: int) -> bool:
        spans = self._spans
        while self._next < len(spans) and spans[self._next][0] < spot:
            self._reach = max(self._reach, spans[self._next][1])
            self._next += 1
        return self._reach > spot


_NUMBER_GOES_ON = regex.compile(r"[ .()-]{0,3}(?:\d|x|ext|\#)")
"""What a digit-led pattern may consume after a character of its match (a superset)."""


def _resolve(found: Sequence[_Found], text: str) -> List[Finding]:
    """Keep the longest (then highest-priority) of overlapping findings, and of one that loses
    the parts no kept finding covers (so no part of a found value is left raw) if they hold a
    letter or digit; sort by start."""
    if len(found) < 2:
        return [Finding(start, end, entity) for start, end, _, entity in found]
    starts: List[int] = []
    kept: List[Finding] = []
    for start, end, _, entity in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        at = bisect.bisect_right(starts, start)
        free = max(start, kept[at - 1].end) if at else start  # where the kept finding before it ends
        if free > start or at < len(kept) and kept[at].start < end:
            _keep_uncovered(free, end, entity, text, starts, kept, at)
        else:
            starts.insert(at, start)
            kept.insert(at, Finding(start, end, entity))
    return kept


def _keep_uncovered(start: int, end: int, entity: str, text: str, starts: List[int], kept: List[Finding], at: int) -> None:
    """Add the parts of ``[start, end)`` between the kept findings from ``at`` on."""
    while start < end:
        stop = kept[at].start if at < len(kept) and kept[at].start < end else end
        if start < stop and any(char.isalnum() for char in text[start:stop]):
            starts.insert(at, start)
            kept.insert(at, Finding(start, stop, entity))
            at += 1
        if stop == end:
            return
        start = kept[at].end
        at += 1


@functools.lru_cache(maxsize=None)
def _gate(pattern: str) -> Any:
    """A gate as a plain substring if it is one of one character (a memchr) or of five or more
    (``in`` is cheaper than a search there), as lower-case words if it is a case-insensitive
    choice of them (sought in the case-folded text: a superset of ``regex``'s simple case
    folding), the digit-led passes' own gate for theirs, else compiled by the stdlib (less
    overhead per call; for a literal of two to four characters, its search skips to the first
    of them faster than ``in`` finds them in a long text: 0.6 against 1.1 us in 2.4 KB)."""
    if pattern == _DIGIT:
        return _FOUR_DIGITS
    if _LITERAL.fullmatch(pattern) and not 1 < len(_unescape(pattern)) <= 4:
        return _unescape(pattern)
    words = _FOLDED.fullmatch(pattern)
    if words and all(_LITERAL.fullmatch(word) for word in words[1].split("|")):
        return tuple(_unescape(word).casefold() for word in words[1].split("|"))
    return re.compile(pattern)


def _words_search(gate: Any) -> Optional[Callable[[str], Any]]:
    """For a gate of several case-folded words, the search of them all (see :class:`_GateGroup`)."""
    return re.compile("|".join(map(re.escape, gate))).search if gate.__class__ is tuple and len(gate) > 1 else None


def _quick_gate(gate: Any) -> bool:
    """Whether ``gate`` costs far less than its pass on a long text (a substring, case-folded
    words, or a pattern led by a literal character): then it is checked past :data:`SHORT` too."""
    if gate.__class__ is str or gate.__class__ is tuple:
        return True
    pattern = getattr(gate, "pattern", None)
    return isinstance(pattern, str) and _LITERAL.match(pattern) is not None


def _gate_pattern(gate: Any) -> str:
    """A regex that matches wherever ``gate`` holds, for the one search of all gates."""
    if gate.__class__ is str:
        return re.escape(gate)
    if gate.__class__ is tuple:
        return "(?i:" + "|".join(map(re.escape, gate)) + ")"
    return gate.pattern


def _literal_led(gate: Any) -> List[str]:
    """``gate`` as alternatives that each begin with one literal character, where it can be
    written so. When all of them do, the stdlib's search skips to the characters that may start
    a match instead of trying every alternative at every position: half the time on short text."""
    if gate.__class__ is tuple:  # case-insensitive words: each written once per case of its first letter
        return [
            re.escape(first) + (f"(?i:{re.escape(word[1:])})" if word[1:] else "")
            for word in gate
            for first in _case_partners(word[0])
        ]
    pattern = _gate_pattern(gate)
    lead = _CLASS_LEAD.fullmatch(pattern)
    if lead is None or not lead["members"].isascii():
        return [pattern]
    led_by = re.compile(f"[{lead['members']}]")
    return [re.escape(char) + lead["rest"] for char in map(chr, range(128)) if led_by.fullmatch(char)]


def _case_partners(char: str) -> List[str]:
    """The characters that the stdlib's case-insensitive ``char`` matches: its two cases, and for
    "i", "s" and "k" the dotted and dotless I, the long s and the Kelvin sign."""
    matches = re.compile(f"(?i:{re.escape(char)})").fullmatch
    return sorted(c for c in {char.lower(), char.upper(), *_CASE_FOLDED_TO_ASCII} if matches(c))


_CASE_FOLDED_TO_ASCII = "\u0130\u0131\u017f\u212a"
"""The non-ASCII characters that the stdlib's case-insensitive matching takes for ASCII letters."""
_CLASS_LEAD = re.compile(r"\[(?P<members>[^\\\]^][^\\\]]*+)\](?P<rest>(?![*+?{]).*)", re.DOTALL)
"""A gate led by a character class of plain members (no escape, not negated) read once."""


def _unescape(literal: str) -> str:
    return literal.replace("\\.", ".")


_LITERAL = re.compile(r"(?:[^\\^$.*+?{}\[\]|()]|\\\.)+")
_FOLDED = re.compile(r"\(\?i:(.*)\)")


@functools.lru_cache(maxsize=None)
def default_detectors() -> DetectorSet:
    """The shared detector set with every built-in entity."""
    return DetectorSet()
